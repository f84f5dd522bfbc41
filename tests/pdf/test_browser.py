"""The PDF pages in a real browser: the live summary, making the PDF, waiting for it (htmx 4, strict CSP)."""

import re

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from tests import factories as f
from tests.a11y import assert_accessible
from wegwijzers import pdf
from wegwijzers.models import Actie, Drukbestand
from wegwijzers.tasks import make_minigids_pdf, request_minigids_pdf

pytestmark = pytest.mark.browser


@pytest.fixture
def content(transactional_db):
    return f.volgende_wegwijzers(aantal=2, acties=3)


def test_choosing_updates_the_summary_and_makes_the_pdf(page, live_server, content):
    page.goto(f"{live_server.url}/minigids/pdf/")
    assert_accessible(page)
    summary = page.locator("#samenvatting")
    expect(summary).to_contain_text(f"{Actie.objects.count()} acties")

    page.get_by_label("De acties voor één doelgroep").check()
    page.get_by_label("Acties voor ambtenaren").check()
    expected = Actie.objects.voor("ambtenaar").count()
    expect(summary).to_contain_text(f"{expected} acties")
    expect(page.locator("#meldingen")).to_contain_text("Samenvatting bijgewerkt")
    # The choice stayed where the user was: htmx swapped only the summary.
    expect(page.get_by_label("Acties voor ambtenaren")).to_be_focused()

    summary.get_by_role("button", name="Maak PDF").click()
    expect(page.get_by_role("link", name="Download de PDF")).to_be_visible()
    assert Drukbestand.objects.get().sleutel == "a5/doelgroep/ambtenaar"
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de PDF").click()
    assert download.value.suggested_filename == "minigids-doelgroep-ambtenaar-a5.pdf"


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})
def test_the_status_page_polls_and_offers_the_download_when_ready(page, live_server, content):
    drukbestand = request_minigids_pdf(selectie=pdf.Selectie(soort="label", waarden=("governance",)))
    page.goto(f"{live_server.url}{drukbestand.get_absolute_url()}")
    expect(page.get_by_text("De PDF wordt gemaakt.")).to_be_visible()
    assert_accessible(page)

    make_minigids_pdf.call(drukbestand.pk)  # the worker finishes while the page is open

    download = page.get_by_role("link", name="Download de PDF")
    expect(download).to_be_visible(timeout=6000)
    expect(download).to_be_focused()
    expect(page.locator("#meldingen")).to_have_text("De PDF is klaar om te downloaden.")
    expect(page.get_by_text(re.compile(r"De PDF is klaar: \d+ pagina"))).to_be_visible()
    assert_accessible(page)
