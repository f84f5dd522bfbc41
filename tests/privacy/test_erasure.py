"""Erasure: the person asks, the programme team confirms; nothing that identifies them stays in any table."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.urls import reverse

from koppels import services
from koppels.meldingen.models import Meldingvoorkeur, Ritme, Soort, Verzending
from koppels.models import Actiestap, Actiewijziging, Gebeurtenis, Lidmaatschap, Obstakel, Rol, Status
from koppels.privacy.models import Verwijderverzoek
from koppels.programma import export_programma
from koppels.route import progress_for_koppel
from tests.privacy import helpers as h

pytestmark = pytest.mark.django_db

NAAM = "Anna Verwijderbaar"
EMAIL = "anna.verwijderbaar@example.org"
TWEEDE = "a.verwijderbaar@werk.example.org"


@pytest.fixture
def wereld(mailoutbox):
    team = h.persoon(naam="Tessa Team", staff=True)
    anna = h.persoon(naam=NAAM, email=EMAIL)
    EmailAddress.objects.create(user=anna, email=TWEEDE, verified=True, primary=False)
    bob = h.persoon(naam="Bob Blijft")
    carl = h.persoon(naam="Carl Collega")
    k1 = h.koppel(ambtenaar=anna, initiatiefnemer=bob, team=team)
    k2 = h.koppel(ambtenaar=carl, initiatiefnemer=anna, team=team)
    services.invite(koppel=k1, email=TWEEDE, rol=Rol.AMBTENAAR, by=team)
    h.werk(k1, anna, notitie="Anna belde de afdeling vergunningen.", obstakel="Vergunning laat op zich wachten")
    h.werk(k1, bob, notitie=f"{NAAM} regelt de vergunning; mail haar op {EMAIL}.")
    h.werk(k2, anna, notitie="Begroting gemaakt.")
    h.werk(k2, carl, notitie="Ik sprak Anna over de begroting.")
    LogEntry.objects.create(
        user=team,
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=str(anna.pk),
        object_repr=str(anna),
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["naam"]}}]),
    )
    LogEntry.objects.create(
        user=team,
        content_type=ContentType.objects.get_for_model(Lidmaatschap),
        object_id="1",
        object_repr=f"{NAAM} – Ambtenaar in {k1}",
        action_flag=CHANGE,
        change_message="[]",
    )
    # Her notification settings, and a mail waiting for Bob that names her.
    Meldingvoorkeur.objects.create(user=anna, soort=Soort.ACTIVITEIT, ritme=Ritme.DIRECT)
    Verzending.objects.create(user=anna, soort=Soort.ACTIVITEIT, sleutel="a", onderwerp="Nieuws", tekst="Hallo Anna")
    Verzending.objects.create(
        user=bob,
        soort=Soort.ACTIVITEIT,
        sleutel="b",
        onderwerp=f"{NAAM} zette actie 1.1 op gedaan",
        tekst=f"{NAAM} ({EMAIL}) zette actie 1.1 op gedaan",
        html=f"<p>{NAAM} zette actie 1.1 op gedaan</p>",
    )
    mailoutbox.clear()
    return {"team": team, "anna": anna, "bob": bob, "carl": carl, "k1": k1, "k2": k2}


def route_state(koppel):
    return sorted(Actiestap.objects.filter(koppel=koppel).values_list("actie_id", "status", "versie"))


def ask(client, user, *, teksten: str = "nee"):
    client.force_login(user)
    return client.post(reverse("privacy:verwijderen"), {"teksten_verwijderen": teksten, "begrepen": "on"})


def confirm(client, team, verzoek, **data):
    client.force_login(team)
    return client.post(reverse("werkruimte:privacy:verzoek", args=[verzoek.pk]), data)


class TestRequest:
    def test_the_form_explains_and_refuses_without_a_choice(self, client, wereld):
        client.force_login(wereld["anna"])
        page = client.get(reverse("privacy:verwijderen"))
        assert page.status_code == 200
        assert "voormalig deelnemer" in page.content.decode()
        refused = client.post(reverse("privacy:verwijderen"), {})
        assert refused.status_code == 422
        html = refused.content.decode()
        assert "<title>Fout: " in html
        assert 'href="#id_teksten_verwijderen_0"' in html and 'href="#id_begrepen"' in html
        assert not Verwijderverzoek.objects.exists()

    def test_asking_twice_keeps_one_request_with_the_latest_choice(self, client, wereld):
        assert ask(client, wereld["anna"]).status_code == 303
        assert ask(client, wereld["anna"], teksten="ja").status_code == 303
        verzoek = Verwijderverzoek.objects.get()
        assert verzoek.teksten_verwijderen is True and verzoek.user == wereld["anna"]
        page = client.get(reverse("privacy:gegevens"))
        assert "Verzoek intrekken" in page.content.decode()

    def test_withdrawing(self, client, wereld):
        ask(client, wereld["anna"])
        response = client.post(reverse("privacy:verwijderen_intrekken"), follow=True)
        assert "ingetrokken" in response.content.decode()
        assert not Verwijderverzoek.objects.exists()


class TestTeamConfirms:
    def test_the_team_sees_what_happens_to_each_koppel(self, client, wereld):
        ask(client, wereld["anna"])
        verzoek = Verwijderverzoek.objects.get()
        client.force_login(wereld["team"])
        overzicht = client.get(reverse("werkruimte:privacy:overzicht")).content.decode()
        assert NAAM in overzicht and verzoek.get_absolute_url() in overzicht
        html = client.get(verzoek.get_absolute_url()).content.decode()
        for koppel in (wereld["k1"], wereld["k2"]):
            assert koppel.initiatief.naam in html
            assert f"{koppel.get_absolute_url()}#leden" in html  # invite a replacement
        assert "Bob Blijft" in html and "Carl Collega" in html  # who stays
        assert "geen ambtenaar meer" in html and "geen initiatiefnemer meer" in html

    def test_a_koppel_left_without_a_role_needs_an_explicit_confirmation(self, client, wereld):
        ask(client, wereld["anna"])
        verzoek = Verwijderverzoek.objects.get()
        refused = confirm(client, wereld["team"], verzoek)
        assert refused.status_code == 422
        assert "<title>Fout: " in refused.content.decode()
        assert get_user_model().objects.filter(pk=wereld["anna"].pk).exists()

    def test_nobody_carries_out_their_own_request(self, client, wereld):
        other_team = h.persoon(naam="Ander Team", staff=True)
        ask(client, wereld["team"])
        verzoek = Verwijderverzoek.objects.get()
        assert confirm(client, wereld["team"], verzoek).status_code == 409
        assert confirm(client, other_team, verzoek).status_code == 303
        assert not get_user_model().objects.filter(pk=wereld["team"].pk).exists()

    def test_a_second_confirmation_says_it_was_done(self, client, wereld):
        ask(client, wereld["anna"])
        verzoek = Verwijderverzoek.objects.get()
        assert confirm(client, wereld["team"], verzoek, gezien="on").status_code == 303
        again = confirm(client, wereld["team"], verzoek, gezien="on")
        assert again.status_code == 303
        assert "al uitgevoerd" in client.get(again["Location"]).content.decode()


class TestAfterErasure:
    @pytest.fixture
    def erased(self, client, wereld, mailoutbox, django_capture_on_commit_callbacks):
        k1, k2 = wereld["k1"], wereld["k2"]
        before = {
            "route": (route_state(k1), route_state(k2)),
            "progress": (progress_for_koppel(k1).afgerond, progress_for_koppel(k2).afgerond),
            "wijzigingen": Actiewijziging.objects.count(),
            "obstakels": Obstakel.objects.count(),
        }
        anna_client = client.__class__()
        anna_client.force_login(wereld["anna"])
        ask(client, wereld["anna"])
        verzoek = Verwijderverzoek.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            response = confirm(client, wereld["team"], verzoek, gezien="on")
        assert response.status_code == 303
        return {"before": before, "anna_client": anna_client, "verzoek": verzoek}

    def test_no_trace_in_any_table(self, wereld, erased):
        assert h.text_columns_scanned() > 50
        assert h.scan_database(NAAM, EMAIL, TWEEDE) == []
        # Her first name in her own koppels' notes (the partner's too) is gone as well.
        for koppel in (wereld["k1"], wereld["k2"]):
            notes = list(Actiewijziging.objects.filter(actiestap__koppel=koppel).values_list("notitie", flat=True))
            assert notes and not any("Anna" in note for note in notes)

    def test_account_login_data_and_sessions_are_gone(self, client, wereld, erased):
        anna = wereld["anna"]
        assert not get_user_model().objects.filter(pk=anna.pk).exists()
        assert not EmailAddress.objects.filter(email__in=[EMAIL, TWEEDE]).exists()
        assert not Lidmaatschap.objects.filter(user_id=anna.pk).exists()
        assert not Meldingvoorkeur.objects.filter(user_id=anna.pk).exists()
        assert not Verzending.objects.filter(user_id=anna.pk).exists()
        assert Verzending.objects.get(user=wereld["bob"]).tekst.startswith("voormalig deelnemer (voormalig deelnemer)")
        assert not any(s.get_decoded().get("_auth_user_id") == str(anna.pk) for s in Session.objects.all())
        response = erased["anna_client"].get(reverse("privacy:gegevens"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))

    def test_the_route_and_counts_stay_for_the_partner(self, client, wereld, erased):
        k1, k2 = wereld["k1"], wereld["k2"]
        before = erased["before"]
        assert (route_state(k1), route_state(k2)) == before["route"]
        assert (progress_for_koppel(k1).afgerond, progress_for_koppel(k2).afgerond) == before["progress"]
        assert Actiewijziging.objects.count() == before["wijzigingen"]
        assert Obstakel.objects.count() == before["obstakels"]
        obstakel = Obstakel.objects.get(koppel=k1)
        assert obstakel.created_by is None and obstakel.titel == "Vergunning laat op zich wachten"
        # Bob's note keeps its sense, without her name or address.
        bob_note = Actiewijziging.objects.filter(user=wereld["bob"]).first().notitie
        assert bob_note == "voormalig deelnemer regelt de vergunning; mail haar op voormalig deelnemer."
        client.force_login(wereld["bob"])
        page = client.get(k1.get_absolute_url()).content.decode()
        assert "voormalig deelnemer" in page
        assert Gebeurtenis.objects.filter(koppel=k1, soort=Gebeurtenis.Soort.PRIVACY).exists()

    def test_the_request_record_keeps_no_identity_and_a_mail_confirms(self, wereld, erased, mailoutbox):
        verzoek = Verwijderverzoek.objects.get()
        assert verzoek.user is None and verzoek.uitgevoerd_door == wereld["team"] and verzoek.uitgevoerd_at
        assert [m.to for m in mailoutbox] == [[EMAIL]]
        assert "verwijderd" in mailoutbox[0].subject

    def test_the_programme_export_does_not_bring_her_back(self, wereld, erased):
        document = json.dumps(export_programma(), default=str).lower()
        assert NAAM.lower() not in document
        assert EMAIL not in document and TWEEDE not in document
        assert "bob blijft" in document  # the export itself is whole


def test_removing_her_texts_as_well(client, wereld):
    ask(client, wereld["anna"], teksten="ja")
    confirm(client, wereld["team"], Verwijderverzoek.objects.get(), gezien="on")
    k1 = wereld["k1"]
    obstakel = Obstakel.objects.get(koppel=k1)
    assert obstakel.titel == "Obstakel (tekst verwijderd)"
    assert "Vergunning" not in obstakel.beschrijving
    anonymous = Actiewijziging.objects.filter(actiestap__koppel=k1, user__isnull=True)
    assert anonymous.count() == 2 and set(anonymous.values_list("notitie", flat=True)) == {""}
    assert set(anonymous.values_list("status", flat=True)) == {Status.BEZIG, Status.GEDAAN}  # statuses stay
    # The partner's own note stays (without her name).
    assert Actiewijziging.objects.filter(user=wereld["bob"]).exclude(notitie="").exists()
    assert h.scan_database(NAAM, EMAIL, TWEEDE) == []
