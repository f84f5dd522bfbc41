"""Who looked: the programme team's views of a koppel's page, its route PDF and the exports are logged (one INSERT)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koppels.models import Gebeurtenis
from tests.privacy import helpers as h

pytestmark = pytest.mark.django_db

INZAGE = Gebeurtenis.Soort.INZAGE


@pytest.fixture
def wereld():
    team = h.persoon(naam="Tessa Team", staff=True)
    lid = h.persoon(naam="Lid Lisa")
    koppel = h.koppel(ambtenaar=lid, initiatiefnemer=h.persoon(), team=team)
    return {"team": team, "lid": lid, "koppel": koppel}


def inserts(context) -> int:
    return sum(1 for q in context.captured_queries if q["sql"].startswith('INSERT INTO "koppels_gebeurtenis"'))


def test_a_team_view_of_a_koppel_page_is_logged_once_per_quarter_hour(client, wereld):
    client.force_login(wereld["team"])
    url = wereld["koppel"].get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert inserts(first) == inserts(second) == 1  # the same single statement, also when it adds nothing
    assert len(first) == len(second)
    rows = Gebeurtenis.objects.filter(soort=INZAGE)
    assert list(rows.values_list("user", "koppel", "omschrijving")) == [
        (wereld["team"].pk, wereld["koppel"].pk, "Pagina van het koppel bekeken")
    ]
    rows.update(created_at=rows.get().created_at - timedelta(minutes=16))
    client.get(url)
    assert rows.count() == 2


def test_members_looking_at_their_own_koppel_are_not_logged(client, wereld):
    client.force_login(wereld["lid"])
    before = Gebeurtenis.objects.count()
    with CaptureQueriesContext(connection) as context:
        client.get(wereld["koppel"].get_absolute_url())
    assert inserts(context) == 0
    assert Gebeurtenis.objects.count() == before


def test_exports_and_the_route_pdf_are_logged(client, wereld):
    client.force_login(wereld["team"])
    response = client.get(reverse("werkruimte:export_voortgang", kwargs={"formaat": "csv"}) + "?cohort=cohort-2025")
    b"".join(response.streaming_content)
    pdf = client.get(reverse("koppels:route_pdf", args=[wereld["koppel"].pk]))
    assert pdf.status_code == 200
    logged = list(Gebeurtenis.objects.filter(soort=INZAGE).order_by("pk").values_list("koppel", "omschrijving"))
    assert logged == [
        (None, "Export gedownload: voortgang-cohort-2025.csv"),
        (wereld["koppel"].pk, "Route-pdf van het koppel gedownload"),
    ]


def test_the_team_and_the_members_can_see_who_looked(client, wereld):
    client.force_login(wereld["team"])
    client.get(wereld["koppel"].get_absolute_url())
    b"".join(client.get(reverse("werkruimte:export_obstakels", kwargs={"formaat": "json"})).streaming_content)
    activiteit = client.get(reverse("werkruimte:activiteit") + "?soort=inzage").content.decode()
    assert "Pagina van het koppel bekeken" in activiteit and "Tessa Team" in activiteit
    assert "Export gedownload: obstakels-alle-cohorten.json" in activiteit and "Alle koppels" in activiteit
    client.force_login(wereld["lid"])
    eigen = client.get(reverse("privacy:gegevens")).content.decode()
    assert "Pagina van het koppel bekeken" in eigen and "Tessa Team" not in eigen
