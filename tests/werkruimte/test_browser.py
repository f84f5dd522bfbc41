"""The programme team's workspace in a real browser: drill-down, htmx filters, an export download, axe-core."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from initiatives.models import Cohort
from koppels.models import Koppel, Staat
from tests import factories as f
from tests.a11y import assert_accessible
from tests.browser import log_in
from wegwijzers.models import Label, Wegwijzer

pytestmark = pytest.mark.browser


@pytest.fixture
def werkruimte(minigids_live, live_server, page):
    """The shipped guide, a cohort of four koppels with obstacles, and the page logged in as the programme team."""
    cohort = Cohort.objects.get(slug="pilot-2024")  # shipped with the fixtures
    wegwijzers = list(Wegwijzer.objects.order_by("volgorde"))
    juridisch = Label.objects.get(naam="Juridische kaders")  # by name: the booklet decides the labels' order
    for i in range(4):
        koppel = f.KoppelFactory(cohort=cohort)
        f.ObstakelFactory(
            koppel=koppel,
            titel=f"Vergunning {i}",
            labels=[juridisch],
            wegwijzer=wegwijzers[0],
            staat=Staat.GESIGNALEERD if i % 2 else Staat.WEGGENOMEN,
        )
        f.GebeurtenisFactory(koppel=koppel, user=koppel.leden.first())
    Koppel.objects.filter(pk=koppel.pk).update(laatste_activiteit_at=timezone.now() - timedelta(weeks=6))
    log_in(page, live_server.url, f.ProgrammateamFactory())
    return live_server.url


PAGINAS = [
    "/werkruimte/",
    "/werkruimte/cohorten/pilot-2024/",
    "/werkruimte/obstakels/inzichten/",
    "/werkruimte/obstakels/?label=juridische-kaders",
    "/werkruimte/activiteit/",
    "/werkruimte/minigids-wijzigingen/",
    "/werkruimte/initiatieven/",
    "/werkruimte/initiatieven/nieuw/",
    "/werkruimte/cohorten/nieuw/",
    "/werkruimte/koppels/nieuw/",
    "/werkruimte/cohorten/pilot-2024/archiveren/",
]


@pytest.mark.parametrize("breedte", [1280, 320])
def test_every_workspace_page_has_no_axe_violations(werkruimte, page, breedte):
    page.set_viewport_size({"width": breedte, "height": 900})
    for pad in PAGINAS:
        page.goto(werkruimte + pad)
        assert_accessible(page)
        # Nothing wider than the screen: tables scroll inside their own region.
        assert page.evaluate("document.documentElement.scrollWidth") <= breedte, pad


def test_drill_down_from_a_number_to_the_obstacles_then_filter_in_place(werkruimte, page):
    page.goto(werkruimte + "/werkruimte/obstakels/inzichten/?cohort=pilot-2024")
    rij = page.locator("#per-label tr", has_text="Juridische kaders")
    rij.get_by_role("link", name="2").first.click()  # gesignaleerd: 2
    expect(page.get_by_role("heading", level=2, name="2 obstakels")).to_be_visible()
    expect(page.locator(".obstakel")).to_have_count(2)
    expect(page.locator(".obstakel .staat").first).to_have_text("Gesignaleerd")

    # Filter with htmx: the results swap in place, focus moves to their heading, the live region announces it.
    page.get_by_text("Filters aanpassen").click()
    page.get_by_label("Staat").select_option("weggenomen")
    page.get_by_role("button", name="Filter").click()
    kop = page.get_by_role("heading", level=2, name="2 obstakels")
    expect(kop).to_be_focused()
    expect(page.locator("#meldingen")).to_have_text("2 obstakels gevonden.")
    expect(page.locator(".obstakel .staat").first).to_have_text("Weggenomen")
    assert "staat=weggenomen" in page.url  # pushed into the history: the URL can be shared
    assert_accessible(page)


def test_stalled_weeks_update_in_place(werkruimte, page):
    page.goto(werkruimte + "/werkruimte/cohorten/pilot-2024/")
    sectie = page.locator("#stilgevallen")
    expect(sectie.locator("li")).to_have_count(1)
    page.get_by_label("Stilgevallen na (weken)").fill("8")
    sectie.get_by_role("button", name="Toon").click()
    expect(page.locator("#stilgevallen")).to_contain_text("Geen koppels zonder wijziging in de afgelopen 8 weken")
    expect(page.locator("#meldingen")).to_have_text("0 koppels stilgevallen.")

    page.get_by_label("Stilgevallen na (weken)").fill("0")
    page.locator("#stilgevallen").get_by_role("button", name="Toon").click()
    fout = page.locator("#weken-fout")
    expect(fout).to_contain_text("Vul minstens 1 week in.")
    expect(fout).to_be_focused()


def test_export_download_opens_with_bom_and_semicolons(werkruimte, page):
    page.goto(werkruimte + "/werkruimte/cohorten/pilot-2024/")
    with page.expect_download() as download_info:
        page.locator("#exports-kop ~ ul li", has_text="Obstakels").get_by_role(
            "link", name=re.compile("puntkomma")
        ).click()
    download = download_info.value
    assert download.suggested_filename == "obstakels-pilot-2024.csv"
    tekst = Path(download.path()).read_text(encoding="utf-8")
    assert tekst.startswith("\ufeffid;cohort;koppel_id;")
    assert tekst.count("Vergunning") == 4
