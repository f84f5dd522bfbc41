"""Retention: cohorts pseudonymised after their period, old log entries and invitations pruned, sessions cleared;
one idempotent command, safe twice and safe concurrently (a real race on PostgreSQL)."""

import json
import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from koppels import services
from koppels.models import Actiestap, Actiewijziging, Gebeurtenis, Koppel, Lidmaatschap, Obstakel, Rol, Uitnodiging
from koppels.privacy import services as privacy
from koppels.privacy.models import Pseudonimisering
from koppels.programma import export_programma
from koppels.route import progress_for_koppels
from tests.privacy import helpers as h

LANG_GELEDEN = timezone.now() - timedelta(days=25 * 31)


def archive(koppels, when):
    Koppel.objects.filter(pk__in=[k.pk for k in koppels]).update(gearchiveerd_at=when)


def old_cohort():
    """A cohort archived 25 months ago: two koppels; Olga also takes part in a current cohort."""
    team = h.persoon(naam="Tessa Team", staff=True)
    oud = h.cohort("pilot-oud")
    olga = h.persoon(naam="Olga Oudgediende", email="olga@example.org")
    piet = h.persoon(naam="Piet Pilot", email="piet@example.org")
    rita = h.persoon(naam="Rita Route", email="rita@example.org")
    sam = h.persoon(naam="Sam Samen", email="sam@example.org")
    k1 = h.koppel(ambtenaar=olga, initiatiefnemer=piet, cohort_=oud, team=team)
    k2 = h.koppel(ambtenaar=rita, initiatiefnemer=sam, cohort_=oud, team=team)
    services.invite(koppel=k1, email="nooit.gekomen@example.org", rol=Rol.AMBTENAAR, by=team)
    h.werk(k1, olga, notitie="Olga Oudgediende belde Piet.", obstakel="Olga mist een vergunning")
    h.werk(k1, piet, notitie="Piet Pilot: afspraak met olga@example.org")
    h.werk(k2, rita, notitie="Rita schreef het plan", obstakel="Plan van Rita Route ligt stil")
    h.werk(k2, sam, notitie="Sam keek mee")
    nieuw = h.koppel(ambtenaar=olga, initiatiefnemer=h.persoon(naam="Nina Nieuw"), cohort_=h.cohort("nu"), team=team)
    h.werk(nieuw, olga, notitie="Olga werkt nu hier")
    archive([k1, k2], LANG_GELEDEN)
    return {"team": team, "oud": oud, "olga": olga, "k1": k1, "k2": k2, "nieuw": nieuw, "mensen": [piet, rita, sam]}


GONE = ["Piet Pilot", "piet@example.org", "Rita Route", "rita@example.org", "Sam Samen", "sam@example.org"]
GONE += ["nooit.gekomen@example.org"]


@pytest.mark.django_db
class TestPseudonymisation:
    def test_a_cohort_past_its_period_is_pseudonymised(self, mailoutbox):
        w = old_cohort()
        before = {
            "voortgang": {pk: p.afgerond for pk, p in progress_for_koppels([w["k1"], w["k2"]]).items()},
            "obstakels": Obstakel.objects.filter(koppel__cohort=w["oud"]).count(),
            "wijzigingen": Actiewijziging.objects.filter(actiestap__koppel__cohort=w["oud"]).count(),
        }
        resultaat = privacy.run_retention()
        assert resultaat.cohorten == [w["oud"].naam] and resultaat.personen == 5  # four members and the team

        assert h.scan_database(*GONE) == []
        User = get_user_model()
        assert not User.objects.filter(pk__in=[p.pk for p in w["mensen"]]).exists()
        # Olga stays (she is in a current koppel) but is no longer in the old cohort, nor named there.
        olga = User.objects.get(pk=w["olga"].pk)
        assert not Lidmaatschap.objects.filter(user=olga, koppel__cohort=w["oud"]).exists()
        assert Lidmaatschap.objects.filter(user=olga, koppel=w["nieuw"]).exists()
        old_texts = json.dumps(
            [
                list(Actiewijziging.objects.filter(actiestap__koppel__cohort=w["oud"]).values("notitie", "user")),
                list(Obstakel.objects.filter(koppel__cohort=w["oud"]).values("titel", "created_by")),
                list(Gebeurtenis.objects.filter(koppel__cohort=w["oud"]).values("omschrijving", "user")),
            ]
        )
        assert "Olga" not in old_texts and "olga@example.org" not in old_texts
        assert f'"user": {olga.pk}' not in old_texts and f'"user": {w["team"].pk}' not in old_texts
        assert Actiewijziging.objects.filter(user=olga, actiestap__koppel=w["nieuw"]).exists()  # her current work
        assert User.objects.filter(pk=w["team"].pk).exists()  # the team keeps its accounts
        # The cohort's figures are intact.
        after = {pk: p.afgerond for pk, p in progress_for_koppels([w["k1"], w["k2"]]).items()}
        assert after == before["voortgang"]
        assert Obstakel.objects.filter(koppel__cohort=w["oud"]).count() == before["obstakels"]
        assert Actiewijziging.objects.filter(actiestap__koppel__cohort=w["oud"]).count() == before["wijzigingen"]
        # ...and so is the programme export, without them.
        document = json.dumps(export_programma(), default=str)
        assert not any(text in document for text in GONE)

    def test_twice_is_the_same_as_once(self, mailoutbox):
        old_cohort()
        privacy.run_retention()
        snapshot = json.dumps(export_programma()["objecten"], default=str)
        second = privacy.run_retention()
        assert second.cohorten == [] and second.personen == 0 and second.gebeurtenissen == 0
        assert json.dumps(export_programma()["objecten"], default=str) == snapshot
        assert Pseudonimisering.objects.count() == 1

    def test_not_before_its_time(self, mailoutbox):
        w = old_cohort()
        archive([w["k1"], w["k2"]], timezone.now() - timedelta(days=30 * 23))
        assert privacy.run_retention().cohorten == []
        assert Lidmaatschap.objects.filter(koppel__cohort=w["oud"]).count() == 4
        # The workspace shows when it will happen.
        due = privacy.pseudonymisation_due()
        assert [c.slug for c in due] == ["pilot-oud"] and not due[0].is_verlopen

    def test_a_cohort_with_an_active_koppel_is_not_archived(self, mailoutbox):
        w = old_cohort()
        Koppel.objects.filter(pk=w["k2"].pk).update(gearchiveerd_at=None)
        assert privacy.run_retention().cohorten == []


@pytest.mark.django_db
def test_old_log_entries_invitations_and_sessions_are_pruned(settings, mailoutbox):
    team = h.persoon(staff=True)
    k = h.koppel(ambtenaar=h.persoon(), team=team)
    oud = timezone.now() - timedelta(days=31 * 25)
    recent = timezone.now() - timedelta(days=31 * 23)
    Gebeurtenis.objects.create(koppel=k, soort="status", omschrijving="oud", created_at=oud)
    Gebeurtenis.objects.create(koppel=k, soort="status", omschrijving="recent", created_at=recent)
    for email, accepted in (("oud@example.org", timezone.now() - timedelta(days=31 * 7)), ("nieuw@example.org", None)):
        u = services.invite(koppel=k, email=email, rol=Rol.AMBTENAAR, by=team)
        if accepted:
            Uitnodiging.objects.filter(pk=u.pk).update(accepted_at=accepted)
    verlopen = SessionStore()
    verlopen.create()
    Session.objects.filter(session_key=verlopen.session_key).update(expire_date=timezone.now() - timedelta(days=1))
    geldig = SessionStore()
    geldig.create()

    resultaat = privacy.run_retention()

    assert list(Gebeurtenis.objects.filter(omschrijving__in=["oud", "recent"]).values_list("omschrijving", flat=True))
    assert not Gebeurtenis.objects.filter(omschrijving="oud").exists()
    assert list(Uitnodiging.objects.values_list("email", flat=True)) == ["nieuw@example.org"]
    assert list(Session.objects.values_list("session_key", flat=True)) == [geldig.session_key]
    assert (resultaat.gebeurtenissen, resultaat.uitnodigingen, resultaat.sessies) == (1, 1, 1)


@pytest.mark.django_db
def test_the_command_reports_what_it_did(capsys, mailoutbox):
    old_cohort()
    call_command("privacy_opschonen")
    assert "Gepseudonimiseerd: Cohort pilot-oud (5 personen)" in capsys.readouterr().out
    call_command("privacy_opschonen")
    assert "Gepseudonimiseerd: geen (0 personen)" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
class TestConcurrency:
    """Two machines run the command at the same moment: PostgreSQL's advisory lock lets one work, the other skips."""

    def test_a_run_while_another_holds_the_lock_skips(self, mailoutbox):
        old_cohort()
        holding, release = threading.Event(), threading.Event()

        def other_machine():
            with connections["default"].cursor() as cursor:  # a connection of this thread's own
                cursor.execute("BEGIN")
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [privacy.RETENTION_LOCK_KEY])
                holding.set()
                release.wait(10)
                cursor.execute("COMMIT")
            connections["default"].close()

        thread = threading.Thread(target=other_machine)
        thread.start()
        assert holding.wait(10)
        try:
            assert privacy.run_retention().overgeslagen is True
            assert not Pseudonimisering.objects.exists()
        finally:
            release.set()
            thread.join()
        assert privacy.run_retention().cohorten == ["Cohort pilot-oud"]

    def test_two_runs_at_once_do_the_work_once(self, mailoutbox):
        w = old_cohort()
        start = threading.Barrier(2)
        resultaten, fouten = [], []

        def run():
            try:
                start.wait(10)
                resultaten.append(privacy.run_retention())
            except Exception as error:  # noqa: BLE001 - reported below
                fouten.append(error)
            finally:
                connections["default"].close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert fouten == []
        assert sorted(len(r.cohorten) for r in resultaten) == [0, 1]
        assert Pseudonimisering.objects.get().cohort == w["oud"]
        assert h.scan_database(*GONE) == []
        assert connection.vendor == "postgresql"


@pytest.mark.django_db
def test_the_workspace_shows_what_will_be_pseudonymised(client, mailoutbox):
    w = old_cohort()
    archive([w["k1"], w["k2"]], timezone.now() - timedelta(days=30 * 20))
    client.force_login(w["team"])
    html = client.get(reverse("werkruimte:privacy:overzicht")).content.decode()
    assert "Cohort pilot-oud" in html and "Binnenkort gepseudonimiseerd" in html
    assert Actiestap.objects.exists()
