"""The programme export: everything a programme holds survives export -> empty database -> import -> export."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.utils import timezone

from incubator.models import User
from initiatives.models import Cohort, Initiatief
from koppels.models import (
    Actiestap,
    Actiewijziging,
    Gebeurtenis,
    Koppel,
    Lidmaatschap,
    Obstakel,
    Rol,
    Staat,
    Status,
    Uitnodiging,
    hash_token,
)
from wegwijzers.models import Actie, Label, Wegwijzer


def make_programme() -> Koppel:
    """A small but complete programme: a cohort, two people in a koppel, their route, an obstacle, the log."""
    # A time with fewer than a thousand microseconds: a millisecond-rounding export would not survive the round trip.
    now = timezone.now().replace(microsecond=412)
    cohort = Cohort.objects.create(naam="Cohort 2026", slug="cohort-2026", jaar=2026, startdatum=now.date())
    initiatief = Initiatief.objects.create(naam="Buurtkeuken Oost", slug="buurtkeuken-oost", werkt_aan="Eten")
    initiatief.cohorten.add(cohort)
    ambtenaar = User.objects.create_user("ambtenaar@example.nl", "geheim-wachtwoord-1", naam="Anna Ambtenaar")
    trekker = User.objects.create_user("trekker@example.nl", "geheim-wachtwoord-2", naam="Tim Trekker")
    User.objects.create_user("team@example.nl", "geheim-wachtwoord-3", naam="Programmateam", is_staff=True)
    EmailAddress.objects.create(user=ambtenaar, email=ambtenaar.email, verified=True, primary=True)
    koppel = Koppel.objects.create(initiatief=initiatief, cohort=cohort)
    Lidmaatschap.objects.create(koppel=koppel, user=ambtenaar, rol=Rol.AMBTENAAR)
    Lidmaatschap.objects.create(koppel=koppel, user=trekker, rol=Rol.INITIATIEFNEMER)
    Uitnodiging.objects.create(
        koppel=koppel,
        email="nieuw@example.nl",
        rol=Rol.INITIATIEFNEMER,
        token_hash=hash_token("het-geheime-token"),
        created_by=ambtenaar,
        expires_at=now + timedelta(days=14),
    )
    for actie in Actie.objects.all()[:3]:
        stap = Actiestap.objects.create(
            koppel=koppel, actie=actie, status=Status.BEZIG, notitie="Gestart", versie=1, updated_by=trekker
        )
        Actiewijziging.objects.create(actiestap=stap, status=Status.BEZIG, notitie="Gestart", versie=1, user=trekker)
    obstakel = Obstakel.objects.create(
        koppel=koppel,
        titel="Vergunning duurt lang",
        beschrijving="De aanvraag ligt al acht weken stil.",
        wegwijzer=Wegwijzer.objects.first(),
        staat=Staat.IN_BEHANDELING,
        created_by=trekker,
        created_at=now,
        updated_at=now,
    )
    obstakel.labels.set(Label.objects.all()[:2])
    Gebeurtenis.objects.create(koppel=koppel, user=trekker, soort=Gebeurtenis.Soort.OBSTAKEL, omschrijving="Gemeld")
    return koppel


def export_to(path) -> dict:
    call_command("programma_export", output=str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    document.pop("geexporteerd_op")
    return document


class TestProgrammaExport:
    def test_round_trip_through_an_empty_database(self, transactional_db, tmp_path):
        call_command("loaddata", "minigids", verbosity=0)
        make_programme()
        first = export_to(tmp_path / "eerste.json")

        call_command("flush", "--noinput", verbosity=0)
        call_command("loaddata", "minigids", verbosity=0)
        call_command("programma_import", str(tmp_path / "eerste.json"), verbosity=0)

        assert export_to(tmp_path / "tweede.json") == first
        koppel = Koppel.objects.get()
        assert koppel.actiestappen.filter(status=Status.BEZIG).count() == 3
        assert sorted(koppel.obstakels.get().labels.values_list("slug", flat=True)) == sorted(
            Label.objects.values_list("slug", flat=True)[:2]
        )
        assert EmailAddress.objects.get().verified
        # New rows get ids after the imported ones (PostgreSQL's sequences were moved on).
        Gebeurtenis.objects.create(koppel=koppel, soort=Gebeurtenis.Soort.KOPPEL, omschrijving="Na de import")

    def test_secrets_stay_out_of_the_file(self, minigids, tmp_path):
        make_programme()
        text = json.dumps(export_to(tmp_path / "export.json"))
        assert hash_token("het-geheime-token") not in text
        assert "pbkdf2" not in text and "password" not in text
        assert "Vergunning duurt lang" in text and "trekker@example.nl" in text

    def test_imported_people_must_set_a_new_password(self, transactional_db, tmp_path):
        call_command("loaddata", "minigids", verbosity=0)
        make_programme()
        export_to(tmp_path / "export.json")
        call_command("flush", "--noinput", verbosity=0)
        call_command("loaddata", "minigids", verbosity=0)
        call_command("programma_import", str(tmp_path / "export.json"), verbosity=0)
        trekker = User.objects.get(email="trekker@example.nl")
        assert not trekker.has_usable_password()
        assert not Uitnodiging.objects.filter(token_hash=hash_token("het-geheime-token")).exists()

    def test_import_refuses_a_database_that_already_has_a_programme(self, minigids, tmp_path):
        make_programme()
        export_to(tmp_path / "export.json")
        with pytest.raises(CommandError, match="importeer alleen in een lege database"):
            call_command("programma_import", str(tmp_path / "export.json"))
        assert Koppel.objects.count() == 1
