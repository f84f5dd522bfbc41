"""A koppel's route after a new edition, in a real browser: the marks, the removed action's read-only page, and
axe-core at 320 and 1280 px."""

import pytest
from playwright.sync_api import Page, expect

from koppels import services
from koppels.models import Actiestap, Staat, Status
from tests import factories as f
from tests.a11y import assert_accessible
from tests.koppels.test_edities import publiceer_editie, tweede_editie_bewerking, wijzig
from wegwijzers.models import Actie

pytestmark = pytest.mark.browser


def test_route_with_marks_and_a_removed_action(page: Page, live_server, minigids_live):
    user = f.UserFactory(password=f.PASSWORD)
    koppel = f.koppel_met_gids(initiatief__naam="Buurtkeuken Noord", ambtenaar=user)
    acties = {a.nummer: a for a in Actie.objects.huidig().select_related("wegwijzer")}
    wijzig(koppel, acties["1.2"], Status.BEZIG, "Eerst de buurt spreken.", user)
    wijzig(koppel, acties["2.2"], Status.GEDAAN, "Overzicht van betrokkenen gemaakt met de buurtraad.", user)
    services.create_obstakel(
        koppel=koppel,
        titel="Buurtraad reageert niet",
        beschrijving="Drie mails zonder antwoord.",
        actie=acties["2.2"],
        staat=Staat.IN_BEHANDELING,
        by=user,
    )
    publiceer_editie("december 2026", tweede_editie_bewerking)

    page.goto(live_server.url + "/account/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", f.PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.goto(live_server.url + koppel.get_absolute_url())
    expect(page.get_by_text("Gewijzigd in editie december 2026")).to_be_visible()
    expect(page.get_by_text("Nieuw in editie december 2026")).to_be_visible()
    sectie = page.get_by_role("region", name="Niet meer in de minigids")
    expect(sectie).to_contain_text("Niet meer in de minigids sinds editie december 2026")
    expect(sectie).to_contain_text("Gedaan")
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)

    # By keyboard from the page menu to the section, then into the removed action's page.
    page.get_by_role("navigation", name="Op deze pagina").get_by_role("link", name="Niet meer in de minigids").focus()
    page.keyboard.press("Enter")
    sectie.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(acties["2.2"].tekst)
    expect(page.locator("main")).to_contain_text("Overzicht van betrokkenen gemaakt met de buurtraad.")
    expect(page.locator("main")).to_contain_text("Buurtraad reageert niet")
    stap = Actiestap.objects.get(koppel=koppel, actie=acties["2.2"])
    assert page.url.endswith(f"/koppels/{koppel.pk}/acties/vervallen/{stap.pk}/")
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
