// Small progressive enhancements on top of htmx. Every page works without this file.
(function () {
  "use strict";

  // After a swap, move focus to the element the server marked with data-focus (if any),
  // and announce a message in the polite live region when the server sent one.
  document.addEventListener("htmx:after:swap", function (event) {
    var target = event.detail && event.detail.ctx && event.detail.ctx.target;
    var root = target instanceof Element ? target : document;
    var focusTarget = root.querySelector("[data-focus]") || document.querySelector("[data-focus]");
    if (focusTarget) {
      if (!focusTarget.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(focusTarget.tagName)) {
        focusTarget.setAttribute("tabindex", "-1");
      }
      focusTarget.removeAttribute("data-focus");
      focusTarget.focus({ preventScroll: false });
    }
    var announce = root.querySelector("[data-announce]") || document.querySelector("[data-announce]");
    var region = document.getElementById("meldingen");
    if (announce && region) {
      var text = announce.getAttribute("data-announce");
      announce.removeAttribute("data-announce");
      region.textContent = "";
      window.setTimeout(function () { region.textContent = text; }, 50);
    }
  });
})();
