"""The edition pages in a real browser (Debian's chromium): axe-core at phone and desktop width, nothing sticking
out sideways at 320 px, and the comparison unfolding without JavaScript's help (a <details>)."""

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.a11y import assert_accessible
from tests.browser import log_in
from tests.edities.helpers import CONCEPTWOORD, TOEGEVOEGD, bewerk_concept, publiceer_concept
from wegwijzers.edities import maak_concept
from wegwijzers.models import Wegwijzer

pytestmark = pytest.mark.browser

PUBLIEK = [
    "/wijzigingen/",
    "/edities/",
    "/edities/1/",
    "/edities/2/",
    "/edities/1/wegwijzers/tussenruimte/",
    "/wegwijzers/tussenruimte/wijzigingen/",
    "/wegwijzers/tussenruimte/",
]
VOORBEELD = ["/edities/3/", "/edities/3/wegwijzers/lokale-inbedding/"]


@pytest.fixture
def site(live_server, minigids_live, page):
    """Two published editions and a draft; the browser logged in as the programme team when `team` is asked."""
    concept = maak_concept()
    bewerk_concept(concept)
    publiceer_concept(concept)
    concept = maak_concept()
    Wegwijzer.objects.filter(editie=concept, slug="lokale-inbedding").update(doel=CONCEPTWOORD)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield live_server.url
    assert errors == []


@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_no_violations_on_the_edition_pages(site, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in PUBLIEK:
        assert page.goto(site + path).status == 200, path
        for samenvatting in page.locator("details:not([open]) > summary").all():
            samenvatting.click()  # the comparisons unfolded, so axe checks them too
        assert_accessible(page)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, path
    log_in(page, site, f.ProgrammateamFactory())
    for path in VOORBEELD:
        assert page.goto(site + path).status == 200, path
        expect(page.get_by_text("Concept — nog niet gepubliceerd").first).to_be_visible()
        assert_accessible(page)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, path


def test_the_comparison_unfolds_and_marks_changes_visibly(site, page):
    page.goto(f"{site}/wijzigingen/")
    toegevoegd = page.locator("ins", has_text=TOEGEVOEGD)
    expect(toegevoegd).to_be_hidden()
    page.get_by_text("Wat er in de tekst veranderde").first.click()
    expect(toegevoegd).to_be_visible()
    # Not colour alone: a visible "+" before added text, a line through removed text.
    assert toegevoegd.evaluate("el => getComputedStyle(el, '::before').content").startswith('"+"')
    weg = page.locator(".vergelijking del").first
    assert "line-through" in weg.evaluate("el => getComputedStyle(el).textDecorationLine")
