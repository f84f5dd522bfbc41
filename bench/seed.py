"""Seed a large programme for the benchmark, fast (bulk_create): run with DATABASE_URL set, prints JSON.

    DATABASE_URL=... .venv/bin/python -m bench.seed

50 cohorts, 1,000 initiatives in two cohorts each (2,000 koppels), 4,000 members, every action of the booklet as
a route row for every koppel (17 x 2,000 = 34,000 action states), 40,000 history rows, 5,000 obstacles, 20,000
activity-log entries. Plus two accounts the benchmark logs in with: a koppel member and a programme-team member.
"""

import json
import os
import random
from datetime import date, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incubator.settings")
django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from incubator.models import User  # noqa: E402
from initiatives.models import Cohort, Initiatief  # noqa: E402
from koppels.models import (  # noqa: E402
    Actiestap,
    Actiewijziging,
    Gebeurtenis,
    Koppel,
    Lidmaatschap,
    Obstakel,
    Rol,
    Staat,
    Status,
)
from wegwijzers.models import Actie, Label, Wegwijzer  # noqa: E402

COHORTEN = 50
INITIATIEVEN = 1000
WIJZIGINGEN = 40_000
OBSTAKELS = 5_000
GEBEURTENISSEN = 20_000
PASSWORD = "bench-wachtwoord-niet-voor-productie"
LID = "bench-lid@example.nl"
TEAM = "bench-team@example.nl"
BATCH = 5000
LID_KOPPELS = 20


def seed() -> dict:
    rng = random.Random(2026)  # noqa: S311 (the same programme on every run; nothing secret)
    now = timezone.now()
    acties = list(Actie.objects.huidig().order_by("wegwijzer__volgorde", "volgorde"))
    wegwijzers = list(Wegwijzer.objects.huidig())
    labels = list(Label.objects.all())
    password = make_password(PASSWORD)  # one hash for all: hashing 4,000 passwords would take minutes

    cohorten = Cohort.objects.bulk_create(
        Cohort(naam=f"Bench-cohort {n:02d}", slug=f"bench-{n:02d}", jaar=2000 + n, startdatum=date(2000 + n, 1, 1))
        for n in range(COHORTEN)
    )
    initiatieven = Initiatief.objects.bulk_create(
        Initiatief(
            naam=f"Bench-initiatief {n:04d}", slug=f"bench-initiatief-{n:04d}", volgorde=100 + n, werkt_aan="Bench"
        )
        for n in range(INITIATIEVEN)
    )
    pairs = [
        (initiatief, cohorten[(n * 2 + k) % COHORTEN]) for n, initiatief in enumerate(initiatieven) for k in (0, 1)
    ]
    Initiatief.cohorten.through.objects.bulk_create(
        Initiatief.cohorten.through(initiatief=initiatief, cohort=cohort) for initiatief, cohort in pairs
    )
    koppels = Koppel.objects.bulk_create(
        Koppel(initiatief=initiatief, cohort=cohort, laatste_activiteit_at=now - timedelta(days=rng.randint(0, 60)))
        for initiatief, cohort in pairs
    )

    users = User.objects.bulk_create(
        User(email=f"lid-{n:05d}@bench.example.nl", naam=f"Lid {n:05d}", password=password)
        for n in range(2 * len(koppels))
    )
    lid = User.objects.create(email=LID, naam="Bench-lid", password=password)
    team = User.objects.create(email=TEAM, naam="Bench-team", password=password, is_staff=True)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in [*users, lid, team]
    )
    Lidmaatschap.objects.bulk_create(
        [
            *(
                Lidmaatschap(koppel=koppel, user=users[2 * n + k], rol=rol)
                for n, koppel in enumerate(koppels)
                for k, rol in enumerate((Rol.AMBTENAAR, Rol.INITIATIEFNEMER))
            ),
            # The benchmark's member changes statuses in several koppels at once, as many pairs would.
            *(Lidmaatschap(koppel=koppel, user=lid, rol=Rol.AMBTENAAR) for koppel in koppels[:LID_KOPPELS]),
        ]
    )

    statuses = [Status.OPEN, Status.OPEN, Status.BEZIG, Status.GEDAAN, Status.GEDAAN, Status.NVT]
    stappen = Actiestap.objects.bulk_create(
        (
            Actiestap(
                koppel=koppel,
                actie=actie,
                status=rng.choice(statuses),
                notitie=rng.choice(["", "", "Besproken in het koppeloverleg.", "Wacht op antwoord van de afdeling."]),
                versie=1,
                updated_by=users[2 * n],
                updated_at=now - timedelta(days=rng.randint(0, 90)),
            )
            for n, koppel in enumerate(koppels)
            for actie in acties
        ),
        batch_size=BATCH,
    )
    Actiewijziging.objects.bulk_create(
        (
            Actiewijziging(
                actiestap=stap,
                status=stap.status,
                notitie=stap.notitie,
                versie=1,
                user=stap.updated_by,
                created_at=stap.updated_at,
            )
            for stap in rng.choices(stappen, k=WIJZIGINGEN)
        ),
        batch_size=BATCH,
    )
    obstakels = Obstakel.objects.bulk_create(
        (
            Obstakel(
                koppel=koppel,
                titel=f"Obstakel {n}: {rng.choice(['vergunning', 'subsidie', 'ruimte', 'contactpersoon'])}",
                beschrijving="Wat er gebeurde, in een paar zinnen.",
                wegwijzer=rng.choice(wegwijzers),
                staat=rng.choice(Staat.values),
                created_by=users[0],
                created_at=now - timedelta(days=rng.randint(0, 300)),
            )
            for n, koppel in enumerate(rng.choices(koppels, k=OBSTAKELS))
        ),
        batch_size=BATCH,
    )
    Obstakel.labels.through.objects.bulk_create(
        (
            Obstakel.labels.through(obstakel=obstakel, label=label)
            for obstakel in obstakels
            for label in rng.sample(labels, 2)
        ),
        batch_size=BATCH,
    )
    Gebeurtenis.objects.bulk_create(
        (
            Gebeurtenis(
                koppel=koppel,
                user=users[0],
                soort=Gebeurtenis.Soort.STATUS,
                omschrijving="Actie 1.1: status gedaan",
                created_at=now - timedelta(minutes=rng.randint(0, 500_000)),
            )
            for koppel in rng.choices(koppels, k=GEBEURTENISSEN)
        ),
        batch_size=BATCH,
    )
    return {
        "koppel": koppels[0].pk,
        "lid_koppels": [koppel.pk for koppel in koppels[:LID_KOPPELS]],
        "acties": [actie.pk for actie in acties],
        "wegwijzer": wegwijzers[0].slug,
        "lid": LID,
        "team": TEAM,
        "password": PASSWORD,
        "counts": {
            "cohorten": len(cohorten),
            "koppels": len(koppels),
            "actiestappen": len(stappen),
            "actiewijzigingen": WIJZIGINGEN,
            "obstakels": len(obstakels),
            "gebeurtenissen": GEBEURTENISSEN,
        },
    }


if __name__ == "__main__":
    with transaction.atomic():
        result = seed()
    # A production database has planner statistics; right after a bulk load there are none until autovacuum
    # gets round to it, and the plans (and the figures) would be those of a database nobody runs.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(json.dumps(result))
