"""Suggestions in a real browser: proposing from the public wegwijzer page and from an obstacle, the team's triage;
axe-core on every page and state at 320 and 1280 px, no sideways scrolling, focus on the error summary."""

import re

import pytest
from playwright.sync_api import expect

from koppels import services
from koppels.models import Rol, Staat
from koppels.voorstellen.models import Voorstel
from tests import factories as f
from tests.a11y import assert_accessible
from tests.browser import log_in
from wegwijzers.models import Actie, Wegwijzer

pytestmark = pytest.mark.browser


@pytest.fixture
def wereld(minigids_live, live_server):
    """The shipped guide, a koppel whose ambtenaar reported a structural obstacle at action 1.2, the team."""
    koppel = f.KoppelFactory()
    amir = koppel.lidmaatschappen.get(rol=Rol.AMBTENAAR).user
    actie = Actie.objects.huidig().select_related("wegwijzer").get(wegwijzer__volgorde=1, volgorde=2)
    obstakel = services.create_obstakel(
        koppel=koppel,
        titel="Vergunning duurt maanden",
        beschrijving="De aanvraag lag vier maanden stil.",
        actie=actie,
        staat=Staat.STRUCTUREEL,
        aanpak="Opgeschaald naar het programmateam.",
        by=amir,
    )
    return {"amir": amir, "obstakel": obstakel, "actie": actie, "team": f.ProgrammateamFactory(), "koppel": koppel}


def past(page, breedte: int) -> None:
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte


@pytest.mark.parametrize("breedte", [1280, 320])
def test_a_member_proposes_from_the_public_page_and_from_an_obstacle(wereld, page, live_server, breedte):
    page.set_viewport_size({"width": breedte, "height": 900})
    log_in(page, live_server.url, wereld["amir"])
    wegwijzer = Wegwijzer.objects.huidig().order_by("volgorde").first()
    page.goto(live_server.url + wegwijzer.get_absolute_url())
    page.get_by_role("link", name="Stel een verbetering voor").click()
    expect(page.get_by_role("heading", level=1, name="Stel een verbetering voor")).to_be_visible()
    expect(page.get_by_label("Over welke wegwijzer gaat het?")).to_have_value(str(wegwijzer.pk))
    past(page, breedte)

    page.get_by_role("button", name="Voorstel versturen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    samenvatting = page.locator(".foutoverzicht")
    expect(samenvatting).to_be_focused()
    past(page, breedte)
    samenvatting.get_by_role("link", name="Schrijf wat er beter kan en waarom.").click()
    expect(page.get_by_label(re.compile("Wat kan er beter"))).to_be_focused()
    page.keyboard.type("Noem bij het aanspreekpunt ook de vervanger tijdens vakanties.")
    page.get_by_role("button", name="Voorstel versturen").click()
    expect(page.locator(".messages")).to_contain_text("Je voorstel voor " + wegwijzer.titel + " is verstuurd.")
    expect(page.get_by_role("heading", level=1, name="Mijn voorstellen")).to_be_visible()
    past(page, breedte)

    # From the obstacle on the koppel's page: the action is filled in.
    page.goto(live_server.url + wereld["koppel"].get_absolute_url() + "#obstakels")
    page.locator(f"#obstakel-{wereld['obstakel'].pk}").get_by_role("link", name="Stel een verbetering").click()
    expect(page.get_by_label("Over welke actie?")).to_have_value(str(wereld["actie"].pk))
    expect(page.get_by_text("Vanuit het obstakel ‘Vergunning duurt maanden’")).to_be_visible()
    past(page, breedte)


@pytest.mark.parametrize("breedte", [1280, 320])
def test_the_team_turns_a_structural_obstacle_into_a_proposal_and_triages(wereld, page, live_server, breedte):
    page.set_viewport_size({"width": breedte, "height": 900})
    f.voorstel(door=wereld["amir"], actie=wereld["actie"], tekst="Een termijn erbij graag.")
    log_in(page, live_server.url, wereld["team"])
    page.goto(live_server.url + "/werkruimte/obstakels/?staat=structureel")
    page.get_by_role("button", name=re.compile("Maak er een verbetervoorstel van.*Vergunning duurt maanden")).click()
    expect(page.locator(".messages")).to_contain_text("Van het obstakel ‘Vergunning duurt maanden’ is voorstel")
    past(page, breedte)

    page.get_by_label("Afgewezen").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.locator(".foutoverzicht")).to_be_focused()
    past(page, breedte)
    page.get_by_label(re.compile(r"^Reden")).fill("Dit hoort bij de evaluatie van de regeling, niet in de gids.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("is opgeslagen: afgewezen.")

    page.get_by_role("navigation", name="Werkruimte").get_by_role("link", name="Voorstellen").click()
    expect(page.get_by_role("heading", level=2, name="2 voorstellen")).to_be_visible()
    past(page, breedte)
    page.get_by_label("Status", exact=True).select_option("afgewezen")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("heading", level=2, name="1 voorstel")).to_be_focused()  # htmx swapped the results
    assert "status=afgewezen" in page.url
    past(page, breedte)
    assert Voorstel.objects.filter(status="afgewezen").count() == 1
