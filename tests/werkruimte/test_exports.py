"""The werkruimte's exports (CSV for Excel, JSON) parsed back and compared with the database."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from koppels.models import Koppel, Obstakel, Staat, Status
from koppels.werkruimte.exports import OBSTAKEL_KOLOMMEN, VOORTGANG_KOLOMMEN
from tests import factories as f
from wegwijzers.models import Actie


def download(client, url: str, **query):
    response = client.get(url, query)
    assert response.status_code == 200, response.content
    assert response.streaming
    return response, b"".join(response.streaming_content).decode("utf-8")


def parse_csv(tekst: str, delimiter: str = ",") -> list[dict]:
    assert tekst.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(tekst.removeprefix("\ufeff")), delimiter=delimiter))


@pytest.fixture
def data(gids):
    cohort = f.CohortFactory(naam="Pilot 2024", slug="pilot-2024")
    acties = list(Actie.objects.order_by("wegwijzer__volgorde", "volgorde"))
    labels = f.labels()
    eerste = f.KoppelFactory(cohort=cohort, initiatief=f.InitiatiefFactory(naam="Coöperatie Zuiderlicht"))
    tweede = f.KoppelFactory(cohort=cohort, initiatief=f.InitiatiefFactory(naam="NoordOogst"))
    f.KoppelFactory(cohort=f.CohortFactory(slug="ander"), initiatief=f.InitiatiefFactory(naam="Elders"))
    f.stap(koppel=eerste, actie=acties[0], status=Status.GEDAAN)
    f.stap(koppel=eerste, actie=acties[1], status=Status.NVT)
    f.stap(koppel=eerste, actie=acties[2], status=Status.BEZIG)
    f.stap(koppel=tweede, actie=acties[5], status=Status.GEDAAN)
    tweede.gearchiveerd_at = timezone.now()
    tweede.save()
    f.ObstakelFactory(
        koppel=eerste,
        titel="Huur; “te hoog”",
        beschrijving="Regel 1\nRegel 2, met komma",
        labels=[labels[3], labels[1]],
        wegwijzer=gids[0],
        actie=acties[1],
        staat=Staat.IN_BEHANDELING,
        aanpak="Gesprek met de wethouder",
    )
    f.ObstakelFactory(koppel=tweede, titel="=SUM(A1:A9)", beschrijving="Formule als titel")
    return cohort


class TestProgressExport:
    def test_csv_has_a_bom_documented_columns_and_the_databases_numbers(self, team_client, data):
        response, tekst = download(
            team_client, reverse("werkruimte:export_voortgang", args=["csv"]), cohort="pilot-2024"
        )
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="voortgang-pilot-2024.csv"'
        rijen = parse_csv(tekst)
        assert list(rijen[0]) == VOORTGANG_KOLOMMEN
        assert len(rijen) == 2 * 3  # two koppels in this cohort x three wegwijzers
        zuiderlicht = [r for r in rijen if r["initiatief"] == "Coöperatie Zuiderlicht"]
        assert [
            (r["wegwijzer_volgorde"], r["gedaan"], r["niet_van_toepassing"], r["bezig"], r["open"]) for r in zuiderlicht
        ] == [("1", "1", "1", "0", "0"), ("2", "0", "0", "1", "1"), ("3", "0", "0", "0", "2")]
        assert zuiderlicht[0]["percentage_afgerond"] == "100"
        noord = [r for r in rijen if r["initiatief"] == "NoordOogst"]
        assert {r["gearchiveerd"] for r in noord} == {"ja"}
        for rij in rijen:
            koppel = Koppel.objects.get(pk=rij["koppel_id"])
            assert rij["laatste_activiteit"] == timezone.localtime(koppel.laatste_activiteit_at).isoformat(
                timespec="seconds"
            )

    def test_semicolons_for_dutch_excel(self, team_client, data):
        _, tekst = download(
            team_client,
            reverse("werkruimte:export_voortgang", args=["csv"]),
            cohort="pilot-2024",
            scheiding="puntkomma",
        )
        assert tekst.splitlines()[0] == "\ufeff" + ";".join(VOORTGANG_KOLOMMEN)
        assert len(parse_csv(tekst, ";")) == 6

    def test_json_matches_the_csv(self, team_client, data):
        _, tekst = download(team_client, reverse("werkruimte:export_voortgang", args=["csv"]))
        _, json_tekst = download(team_client, reverse("werkruimte:export_voortgang", args=["json"]))
        uit_json = json.loads(json_tekst)
        uit_csv = parse_csv(tekst)
        assert len(uit_json) == len(uit_csv) == 3 * 3
        assert [str(r["open"]) for r in uit_json] == [r["open"] for r in uit_csv]
        assert uit_json[0]["gearchiveerd"] in (True, False)

    @pytest.mark.parametrize("query", [{"scheiding": "tab"}, {"cohort": "bestaat-niet"}])
    def test_bad_options_are_a_400_in_dutch(self, team_client, data, query):
        response = team_client.get(reverse("werkruimte:export_voortgang", args=["csv"]), query)
        assert response.status_code == 400
        assert response.content.decode() in (
            "Kies als scheidingsteken 'komma' of 'puntkomma'.",
            "Dit cohort bestaat niet.",
        )

    def test_other_formats_do_not_exist(self, team_client, data):
        assert team_client.get("/werkruimte/export/voortgang.xlsx").status_code == 404


class TestObstacleExport:
    def test_csv_round_trip_with_labels_quotes_and_newlines(self, team_client, data):
        _, tekst = download(team_client, reverse("werkruimte:export_obstakels", args=["csv"]), scheiding="puntkomma")
        rijen = {r["titel"]: r for r in parse_csv(tekst, ";")}
        assert list(next(iter(rijen.values()))) == OBSTAKEL_KOLOMMEN
        huur = rijen["Huur; “te hoog”"]
        obstakel = Obstakel.objects.get(titel="Huur; “te hoog”")
        assert huur["id"] == str(obstakel.pk)
        assert huur["beschrijving"] == "Regel 1\nRegel 2, met komma"
        assert huur["labels"] == "Juridische kaders, Governance"  # in the labels' own order
        assert huur["wegwijzer"] == "Wegwijzer 1" and huur["actie"] == "1.2 Actie 1.2"
        assert huur["staat"] == "in_behandeling"
        assert huur["gesignaleerd_op"] == timezone.localtime(obstakel.created_at).isoformat(timespec="seconds")

    def test_user_text_is_never_a_spreadsheet_formula(self, team_client, data):
        _, tekst = download(team_client, reverse("werkruimte:export_obstakels", args=["csv"]))
        titels = {r["titel"] for r in parse_csv(tekst)}
        assert "'=SUM(A1:A9)" in titels and "=SUM(A1:A9)" not in titels

    def test_json_is_every_obstacle_of_the_cohort(self, team_client, data):
        response, tekst = download(
            team_client, reverse("werkruimte:export_obstakels", args=["json"]), cohort="pilot-2024"
        )
        assert response["Content-Type"] == "application/json"
        rijen = json.loads(tekst)
        assert {r["id"] for r in rijen} == set(
            Obstakel.objects.filter(koppel__cohort__slug="pilot-2024").values_list("pk", flat=True)
        )
        formule = next(r for r in rijen if r["titel"].startswith("=") or r["titel"].startswith("'"))
        assert formule["titel"] == "=SUM(A1:A9)"  # JSON keeps the text as it is
        assert formule["labels"] == "" and formule["wegwijzer"] == ""

    def test_empty_export_is_valid(self, team_client, db):
        f.CohortFactory(slug="leeg")
        _, tekst = download(team_client, reverse("werkruimte:export_obstakels", args=["json"]), cohort="leeg")
        assert json.loads(tekst) == []
        _, tekst = download(team_client, reverse("werkruimte:export_obstakels", args=["csv"]), cohort="leeg")
        assert parse_csv(tekst) == []
