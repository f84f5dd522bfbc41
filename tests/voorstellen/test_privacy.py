"""Proposals and personal data: in Mijn gegevens, gone with the person on erasure, detached on pseudonymisation."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from koppels import services as koppel_services
from koppels.models import Staat
from koppels.privacy import services as privacy
from koppels.privacy.services import TEKST_VERWIJDERD, VOORMALIG
from koppels.voorstellen import services
from koppels.voorstellen.meldingen import proposal_outcomes
from koppels.voorstellen.models import Voorstel
from tests import factories as f
from tests.privacy import helpers as h

pytestmark = pytest.mark.django_db

NAAM = "Anna Voorsteller"
EMAIL = "anna.voorsteller@example.org"


@pytest.fixture
def wereld(mailoutbox):
    team = h.persoon(naam="Tessa Team", staff=True)
    anna = h.persoon(naam=NAAM, email=EMAIL)
    bob = h.persoon(naam="Bob Blijft")
    k = h.koppel(ambtenaar=anna, initiatiefnemer=bob, team=team)
    acties = h.gids()
    obstakel = koppel_services.create_obstakel(
        koppel=k, titel="Loket dicht", beschrijving="b", actie=acties[0], staat=Staat.STRUCTUREEL, by=anna
    )
    eigen = services.create_voorstel(
        door=anna,
        wegwijzer=acties[0].wegwijzer,
        actie=acties[0],
        obstakel=obstakel,
        tekst=f"Ik, {NAAM} ({EMAIL}), vond het loket steeds dicht.",
    )
    van_bob = services.create_voorstel(door=bob, wegwijzer=acties[2].wegwijzer, tekst="Voorstel van Bob")
    return {"team": team, "anna": anna, "bob": bob, "k": k, "eigen": eigen, "van_bob": van_bob, "obstakel": obstakel}


def test_mijn_gegevens_lists_her_own_proposals_only(client, wereld):
    client.force_login(wereld["anna"])
    data = json.loads(client.get(reverse("privacy:gegevens_json")).content)
    [rij] = data["voorstellen"]
    assert rij["id"] == wereld["eigen"].pk and rij["status"] == "nieuw" and rij["actie"] == "1.1"
    assert rij["obstakel_id"] == wereld["obstakel"].pk and NAAM in rij["tekst"]
    pagina = client.get(reverse("privacy:gegevens"))
    assert "Verbetervoorstellen" in pagina.text and "vond het loket steeds dicht" in pagina.text
    assert "Voorstel van Bob" not in pagina.text


def erase(wereld, *, teksten: bool):
    verzoek = privacy.request_erasure(user=wereld["anna"], teksten_verwijderen=teksten)
    privacy.carry_out_erasure(verzoek=verzoek, by=wereld["team"])


def test_erasure_keeps_the_proposal_for_the_team_without_her_name_or_address(wereld):
    erase(wereld, teksten=False)
    voorstel = Voorstel.objects.get(pk=wereld["eigen"].pk)
    assert voorstel.door is None  # shown as "voormalig deelnemer"
    assert voorstel.tekst == f"Ik, {VOORMALIG} ({VOORMALIG}), vond het loket steeds dicht."
    assert h.scan_database(NAAM, EMAIL) == [] and h.text_columns_scanned() > 50
    assert Voorstel.objects.get(pk=wereld["van_bob"].pk).door == wereld["bob"]


def test_erasure_with_her_texts_removes_her_words(wereld):
    erase(wereld, teksten=True)
    assert Voorstel.objects.get(pk=wereld["eigen"].pk).tekst == TEKST_VERWIJDERD
    assert Voorstel.objects.get(pk=wereld["van_bob"].pk).tekst == "Voorstel van Bob"
    assert h.scan_database(NAAM, EMAIL) == []


def test_pseudonymising_the_cohort_detaches_the_team_from_proposals_of_its_koppels(wereld, settings):
    team_voorstel = f.voorstel(door=wereld["team"], obstakel=wereld["obstakel"], tekst="Van het team")
    wereld["k"].gearchiveerd_at = timezone.now() - timedelta(days=800)
    wereld["k"].save(update_fields=["gearchiveerd_at"])
    privacy.run_retention()
    team_voorstel.refresh_from_db()
    assert team_voorstel.door is None
    assert Voorstel.objects.get(pk=wereld["eigen"].pk).door is None  # Anna took part nowhere else: gone
    assert h.scan_database(NAAM, EMAIL) == []


@pytest.mark.parametrize("aantal", [2, 8])
def test_building_the_outcome_mails_is_one_query(wereld, django_assert_num_queries, aantal):
    for i in range(aantal):
        voorstel = f.voorstel(door=wereld["bob"], tekst=f"V{i}")
        Voorstel.objects.filter(pk=voorstel.pk).update(
            status="afgewezen", reden="r", besloten_at=timezone.now() - timedelta(minutes=10)
        )
    with django_assert_num_queries(1):
        berichten = proposal_outcomes()
    assert len(berichten) == aantal
