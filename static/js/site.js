// Small progressive enhancements on top of htmx. Every page works without this file.
(function () {
  "use strict";

  var announceTimer = null;

  function focusLost() {
    var active = document.activeElement;
    return !active || active === document.body || !active.isConnected;
  }

  function announce(text) {
    var region = document.getElementById("meldingen");
    if (!region || !text) return;
    // Clear first so the same message (e.g. the same count twice) is read again.
    region.textContent = "";
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // After a swap: announce the server's data-announce text in the polite live region, and move focus to the
  // element marked data-focus - but only when the user asked for it (a submit) or the swap took their focus away
  // (the clicked link was replaced). While someone types or ticks a filter, focus stays where it is.
  document.addEventListener("htmx:after:swap", function (event) {
    var ctx = event.detail && event.detail.ctx;
    var target = ctx && ctx.target;
    var root = target instanceof Element && target.isConnected ? target : document;
    if (ctx && ctx.target instanceof Element && !ctx.target.isConnected && ctx.target.id) {
      root = document.getElementById(ctx.target.id) || document;
    }
    var sourceEvent = ctx && ctx.sourceEvent;
    var focusTarget = root.querySelector("[data-focus]") || (root.matches && root.matches("[data-focus]") ? root : null);
    if (focusTarget) {
      focusTarget.removeAttribute("data-focus");
      if ((sourceEvent && sourceEvent.type === "submit") || focusLost()) {
        if (!focusTarget.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(focusTarget.tagName)) {
          focusTarget.setAttribute("tabindex", "-1");
        }
        focusTarget.focus();
      }
    }
    // On a phone the filter form fills the screen: bring the new results into view after filtering.
    var scrollTarget = (root.matches && root.matches("[data-in-beeld]") ? root : null) || root.querySelector("[data-in-beeld]");
    if (scrollTarget && scrollTarget.getBoundingClientRect().top > window.innerHeight * 0.6) {
      var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      scrollTarget.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
    }
    var announcer = (root.matches && root.matches("[data-announce]") ? root : null) || root.querySelector("[data-announce]");
    if (announcer) {
      var text = announcer.getAttribute("data-announce");
      announcer.removeAttribute("data-announce");
      announce(text);
    }
  });

  // On load: an error summary or a confirmation at the top of main takes focus, so it is read first. Without this
  // file it still sits first in main, where the skip link leads.
  function focusOnLoad() {
    var target = document.querySelector("[data-focus-bij-laden]");
    if (target) target.focus();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusOnLoad);
  } else {
    focusOnLoad();
  }

  // A link in the error summary puts focus in its field (a plain #fragment only scrolls there in some browsers).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".foutoverzicht a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });

  // Forms marked data-bewaak: leaving the page with unsaved input asks first (the browser's own question).
  var dirty = new Set();
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-bewaak]");
    if (form) dirty.add(form);
  });
  document.addEventListener("submit", function (event) {
    dirty.delete(event.target);
  }, true);
  window.addEventListener("beforeunload", function (event) {
    var unsaved = Array.from(dirty).some(function (form) { return form.isConnected; });
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // "Print" buttons need JavaScript, so they are hidden in the HTML and shown here.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
