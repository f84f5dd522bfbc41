"""The public pages in a real browser (Debian's chromium): filters with and without JavaScript, search as you
type, keyboard-only use, and axe-core on every public page at phone and desktop width."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.a11y import assert_accessible

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/wegwijzers/",
    "/wegwijzers/?label=juridische-kaders&doelgroep=ambtenaar",
    "/wegwijzers/tussenruimte/",
    "/zoeken/?q=buurt",
    "/initiatieven/",
    "/doe-mee/",
    "/over/",
    "/bestaat-niet/",
    "/toegankelijkheid/",
    "/privacy/",
    "/contact/",
    "/zoeken/?q=xyzzyplugh",
    "/wegwijzers/?label=open-technologie",
    "/wegwijzers/lokale-inbedding/?doelgroep=ambtenaar",
]


@pytest.fixture
def site(live_server, minigids_live, page):
    """The live site with the booklet loaded; fails the test on any console error (a CSP violation, a 500)."""
    call_command("loaddata", "verklaringen", "zoektermen", verbosity=0)
    errors: list[str] = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" and "404" not in message.text else None,
    )
    yield live_server.url
    assert errors == []


def announcement(page):
    return page.locator("#meldingen")


class TestFilters:
    def test_filtering_with_javascript_updates_results_and_url(self, site, page):
        page.goto(f"{site}/wegwijzers/")
        expect(page.locator("#resultaten-kop")).to_have_text("6 wegwijzers gevonden")
        page.wait_for_function("() => window.htmx !== undefined")

        checkbox = page.get_by_role("checkbox", name="Juridische kaders")
        checkbox.check()
        expect(page).to_have_url(re.compile(r"/wegwijzers/\?label=juridische-kaders"))
        expect(page.locator("#resultaten-kop")).to_have_text("3 wegwijzers gevonden")
        expect(announcement(page)).to_have_text("3 wegwijzers gevonden")
        expect(checkbox).to_be_focused()  # ticking a filter keeps focus where the user is
        assert_accessible(page)  # the swapped-in region too

        page.get_by_role("radio", name="Ambtenaren").check()
        expect(page).to_have_url(re.compile(r"label=juridische-kaders&doelgroep=ambtenaar"))
        expect(page.locator("#resultaten .kaart__acties").first).to_contain_text("Maak ruimte voor ontmoeting")

        page.go_back()
        expect(page).to_have_url(re.compile(r"/wegwijzers/\?label=juridische-kaders&doelgroep=$"))
        expect(page.locator("#resultaten-kop")).to_have_text("3 wegwijzers gevonden")

    def test_filtering_without_javascript_is_a_plain_form(self, live_server, minigids_live, browser):
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{live_server.url}/wegwijzers/")
        page.get_by_role("checkbox", name="Open technologie").check()
        page.get_by_role("checkbox", name="Financiering & middelen").check()
        page.get_by_role("radio", name="Initiatiefnemers").check()
        page.get_by_role("button", name="Toon wegwijzers").click()
        expect(page).to_have_url(
            re.compile(r"label=financiering-middelen&label=open-technologie&doelgroep=initiatiefnemer")
        )
        expect(page.locator("#resultaten-kop")).to_have_text("3 wegwijzers gevonden")
        expect(page.get_by_role("checkbox", name="Open technologie")).to_be_checked()
        context.close()


class TestPhone:
    def test_filtering_brings_the_results_into_view_and_announces_them(self, site, page):
        page.set_viewport_size({"width": 375, "height": 700})
        page.goto(f"{site}/wegwijzers/")
        page.wait_for_function("() => window.htmx !== undefined")
        kop = page.locator("#resultaten-kop")
        assert not kop.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")
        page.get_by_role("checkbox", name="Juridische kaders").check()
        expect(kop).to_have_text("3 wegwijzers gevonden")
        expect(announcement(page)).to_have_text("3 wegwijzers gevonden")
        page.wait_for_function(
            "() => { const r = document.querySelector('#resultaten').getBoundingClientRect();"
            " return r.top >= 0 && r.top < window.innerHeight; }"
        )


class TestWegwijzerPage:
    def test_download_this_wegwijzer_and_print(self, site, page):
        page.goto(f"{site}/wegwijzers/tussenruimte/")
        expect(page.get_by_role("button", name="Print")).to_be_visible()  # shown by JavaScript only
        with page.expect_download() as download:
            page.get_by_role("link", name="Download deze wegwijzer (PDF)").click()
        assert download.value.suggested_filename.endswith(".pdf")

    def test_labels_link_to_their_filter(self, site, page):
        page.goto(f"{site}/wegwijzers/tussenruimte/")
        page.locator(".wegwijzer__kop").get_by_role("link", name="Juridische kaders").click()
        expect(page).to_have_url(re.compile(r"/wegwijzers/\?label=juridische-kaders"))
        expect(page.locator("#resultaten-kop")).to_have_text("3 wegwijzers gevonden")


class TestSearch:
    def test_results_appear_while_typing(self, site, page):
        page.goto(f"{site}/zoeken/")
        page.wait_for_function("() => window.htmx !== undefined")
        field = page.get_by_role("searchbox", name="Zoekwoorden")
        field.press_sequentially("oogstfeesten", delay=20)
        expect(page.locator("#zoekresultaten-kop")).to_have_text("1 resultaat voor ‘oogstfeesten’")
        expect(page.locator("#zoekresultaten mark").first).to_have_text("oogstfeest")
        expect(announcement(page)).to_have_text("1 resultaat voor ‘oogstfeesten’")
        expect(field).to_be_focused()  # typing is never interrupted by a focus jump
        expect(page).to_have_url(re.compile(r"/zoeken/\?q=oogstfeesten$"))


class TestKeyboard:
    def test_skip_link_search_and_follow_a_result_with_the_keyboard_only(self, site, page):
        page.goto(f"{site}/")
        page.keyboard.press("Tab")
        skiplink = page.get_by_role("link", name="Naar de inhoud")
        expect(skiplink).to_be_focused()
        expect(skiplink).to_be_in_viewport()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        field = page.get_by_role("searchbox", name="Zoek in de minigids")
        expect(field).to_be_focused()
        outline = field.evaluate("el => getComputedStyle(el).outlineStyle")
        assert outline != "none"  # a visible focus indicator
        page.keyboard.type("uitdaagrecht")
        page.keyboard.press("Enter")

        expect(page).to_have_url(re.compile(r"/zoeken/\?q=uitdaagrecht"))
        # On the search page: change the question and submit with Enter (htmx): focus moves to the result count.
        page.wait_for_function("() => window.htmx !== undefined")
        page.get_by_role("searchbox", name="Zoekwoorden").focus()
        page.keyboard.press("Control+A")
        page.keyboard.type("uniformiteit")
        page.keyboard.press("Enter")
        heading = page.locator("#zoekresultaten-kop")
        expect(heading).to_have_text("1 resultaat voor ‘uniformiteit’")
        expect(heading).to_be_focused()
        page.keyboard.press("Tab")
        result = page.get_by_role("link", name="Groeien als beweging")
        expect(result).to_be_focused()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/wegwijzers/groeien-als-beweging/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Groeien als beweging")

        # The audience toggle replaces the acties (and the link pressed): focus lands on the chosen toggle.
        page.wait_for_function("() => window.htmx !== undefined")
        page.get_by_role("link", name="Voor initiatiefnemers").focus()
        page.keyboard.press("Enter")
        chosen = page.get_by_role("link", name="Voor initiatiefnemers")
        expect(chosen).to_have_attribute("aria-current", "true")
        expect(chosen).to_be_focused()
        expect(page.locator("#acties .actie")).to_have_count(1)
        expect(announcement(page)).to_have_text("1 actie")
        expect(page).to_have_url(re.compile(r"/wegwijzers/groeien-als-beweging/\?doelgroep=initiatiefnemer$"))


class TestAccessibility:
    @pytest.mark.parametrize("width", [320, 1280])
    @pytest.mark.parametrize("path", PUBLIC_PAGES)
    def test_axe_finds_no_violations(self, site, page, path, width):
        page.set_viewport_size({"width": width, "height": 800})
        response = page.goto(site + path)
        assert response.status == (404 if path == "/bestaat-niet/" else 200)
        assert_accessible(page)
        # Nothing sticks out sideways on a phone.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
