"""Mijn gegevens and erasure in a real browser: axe-core on every page and state, the team's flow by keyboard."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.a11y import assert_accessible
from tests.browser import log_in
from tests.privacy import helpers as h

pytestmark = pytest.mark.browser


@pytest.fixture
def wereld(transactional_db, live_server):
    team = h.persoon(naam="Tessa Team", staff=True)
    anna = h.persoon(naam="Anna Aanvrager", email="anna@example.org")
    bob = h.persoon(naam="Bob Blijft")
    k = h.koppel(ambtenaar=anna, initiatiefnemer=bob, team=team)
    h.werk(k, anna, notitie="Anna belde de afdeling.", obstakel="Vergunning laat op zich wachten")
    return {"team": team, "anna": anna, "bob": bob, "koppel": k, "url": live_server.url}


@pytest.mark.parametrize("breedte", [1280, 320])
def test_a_person_sees_downloads_and_asks(wereld, page, live_server, breedte):
    page.set_viewport_size({"width": breedte, "height": 900})
    log_in(page, live_server.url, wereld["anna"])
    page.goto(wereld["url"] + "/koppels/")
    page.get_by_role("link", name="Mijn gegevens").click()
    expect(page.get_by_role("heading", level=1, name="Mijn gegevens")).to_be_visible()
    expect(page.locator("#gegevens-route ~ ol")).to_contain_text("Anna belde de afdeling.")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download mijn gegevens (JSON)").click()
    data = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert data["account"][0]["email"] == "anna@example.org"

    page.get_by_role("link", name="Vraag het programmateam je account te verwijderen").click()
    assert_accessible(page)
    page.get_by_role("button", name="Vraag verwijdering aan").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    samenvatting = page.locator("#fouten")
    expect(samenvatting).to_be_focused()
    assert_accessible(page)
    samenvatting.get_by_role("link", name="Vink aan dat je begrijpt").click()
    expect(page.get_by_label("Ik begrijp dat mijn account")).to_be_focused()
    page.keyboard.press("Space")
    page.get_by_label("Laat mijn notities en obstakels staan").check()
    page.get_by_role("button", name="Vraag verwijdering aan").click()
    expect(page.locator(".messages")).to_contain_text("Je verzoek is verstuurd")
    expect(page.get_by_role("button", name="Verzoek intrekken")).to_be_visible()
    assert_accessible(page)


def test_the_team_confirms_by_keyboard(wereld, page, live_server):
    from koppels.privacy.services import request_erasure  # noqa: PLC0415

    request_erasure(user=wereld["anna"], teksten_verwijderen=False)
    log_in(page, live_server.url, wereld["team"])
    page.goto(wereld["url"] + "/werkruimte/")
    page.get_by_role("navigation", name="Werkruimte").get_by_role("link", name="Privacy").click()
    assert_accessible(page)
    page.get_by_role("link", name="Bekijk en voer uit voor Anna Aanvrager").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Aanvrager verwijderen")
    expect(page.locator(".gevolgen")).to_contain_text("Daarna heeft dit koppel geen ambtenaar meer.")
    expect(page.get_by_role("link", name="Nodig een vervanger uit")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Verwijder dit account").press("Enter")
    expect(page.locator("#fouten")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Ik heb gezien welke koppels").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Verwijder dit account").press("Enter")
    expect(page.locator(".messages")).to_contain_text("Het account is verwijderd")
    expect(page.get_by_text("Er wachten geen verzoeken om verwijdering.")).to_be_visible()

    page.goto(wereld["url"] + wereld["koppel"].get_absolute_url())
    expect(page.locator("main")).to_contain_text("voormalig deelnemer")
    expect(page.locator("main")).not_to_contain_text("Anna Aanvrager")
