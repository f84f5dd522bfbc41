"""The Meldingen page and the unsubscribe pages in a real browser: keyboard only, axe-clean, phone and desk width."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from koppels.meldingen import rhythm
from koppels.meldingen.models import Meldingvoorkeur, Ritme, Soort
from tests import factories as f
from tests.a11y import assert_accessible
from tests.browser import log_in
from tests.koppels.test_browser import focused, tab_to

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-meldingen")


def shoot(page: Page, name: str) -> None:
    """Screenshots at 375 and 1280 px, outside the repository, to look at."""
    SHOTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_choosing_rhythms_with_the_keyboard(page: Page, live_server, transactional_db):
    user = f.ProgrammateamFactory(naam="Tessa Team")
    log_in(page, live_server.url, user)

    page.goto(live_server.url + "/")
    tab_to(page, ".site-nav a[href='/account/meldingen/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Meldingen")).to_be_visible()
    assert_accessible(page)
    shoot(page, "instellingen")

    # "Wat er verandert in je koppel": daily by default; arrow keys move within the group.
    tab_to(page, "input[name=activiteit]:checked")
    assert focused(page, "#id_activiteit_1")
    page.keyboard.press("ArrowDown")  # dagelijks -> wekelijks
    tab_to(page, "button[type=submit].button")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Je keuzes voor meldingen zijn opgeslagen.")).to_be_visible()
    assert Meldingvoorkeur.objects.get(user=user, soort=Soort.ACTIVITEIT).ritme == Ritme.WEKELIJKS
    assert_accessible(page)


def test_refused_choice_shows_an_error_summary(page: Page, live_server, transactional_db):
    user = f.UserFactory()
    log_in(page, live_server.url, user)
    page.goto(live_server.url + "/account/meldingen/")
    # A choice the server does not know (a tampered form): refused with a summary that links to the field.
    page.evaluate("() => { document.querySelector('#id_stil_0').value = 'elk-uur'; }")
    page.locator("#id_stil_0").check()
    page.get_by_role("button", name="Keuzes opslaan").click()
    expect(page).to_have_title("Fout: Meldingen · Minigids maatschappelijke route · MeentCoop & AmsterDOEN")
    expect(page.get_by_role("heading", name="Er is iets misgegaan")).to_be_visible()
    expect(page.locator("#fouten")).to_be_focused()  # the summary takes focus, so it is read first
    assert_accessible(page)
    shoot(page, "instellingen-fout")
    page.get_by_role("link", name="Herinnering als jullie route stilstaat").click()
    assert not Meldingvoorkeur.objects.exists()


def test_unsubscribe_pages_without_login(page: Page, live_server, transactional_db):
    user = f.UserFactory()
    url = live_server.url + f"/account/meldingen/uitschrijven/{rhythm.unsubscribe_token(user.pk, Soort.STIL)}/"

    page.goto(url)
    expect(page.get_by_role("heading", level=1, name="Afmelden voor meldingen")).to_be_visible()
    assert_accessible(page)
    shoot(page, "uitschrijven")
    assert not Meldingvoorkeur.objects.exists()

    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Je bent afgemeld")).to_be_visible()
    assert_accessible(page)
    shoot(page, "uitgeschreven")
    assert Meldingvoorkeur.objects.get(user=user, soort=Soort.STIL).ritme == Ritme.NOOIT

    page.goto(live_server.url + "/account/meldingen/uitschrijven/niet-echt/")
    expect(page).to_have_title("Fout: Deze link werkt niet · Minigids maatschappelijke route · MeentCoop & AmsterDOEN")
    assert_accessible(page)
    shoot(page, "uitschrijven-fout")
