"""Test data for the workspace: plain functions creating rows directly (the booklet content comes separately)."""

import itertools
from datetime import timedelta

from django.utils import timezone

from incubator.models import User
from initiatives.models import Cohort, Initiatief
from koppels.models import Actiestap, Gebeurtenis, Koppel, Lidmaatschap, Obstakel, Rol, Staat, Status
from wegwijzers.models import Actie, Label, Wegwijzer

_teller = itertools.count(1)


def volgnummer() -> int:
    return next(_teller)


WACHTWOORD = "wachtwoord-voor-tests"


def user(*, is_staff: bool = False, naam: str | None = None, password: str | None = None, **extra) -> User:
    """A person; without a password (hashing is slow) unless a browser test needs to log in."""
    n = volgnummer()
    return User.objects.create_user(
        email=extra.pop("email", f"persoon{n}@example.org"),
        password=password,
        naam=naam if naam is not None else f"Persoon {n}",
        is_staff=is_staff,
        **extra,
    )


def programmateam(**extra) -> User:
    extra.setdefault("naam", "Team Lid")
    return user(is_staff=True, **extra)


def cohort(**velden) -> Cohort:
    n = volgnummer()
    velden.setdefault("naam", f"Cohort {n}")
    velden.setdefault("slug", f"cohort-{n}")
    velden.setdefault("jaar", 2025)
    return Cohort.objects.create(**velden)


def initiatief(**velden) -> Initiatief:
    n = volgnummer()
    velden.setdefault("naam", f"Initiatief {n}")
    velden.setdefault("slug", f"initiatief-{n}")
    velden.setdefault("werkt_aan", "buurtenergie")
    return Initiatief.objects.create(**velden)


def wegwijzers(aantal: int = 3, acties_per_wegwijzer: int = 2) -> list[Wegwijzer]:
    """A small guide of our own, for tests that do not need the shipped booklet."""
    result = []
    for volgorde in range(1, aantal + 1):
        wegwijzer = Wegwijzer.objects.create(
            titel=f"Wegwijzer {volgorde}",
            slug=f"wegwijzer-{volgorde}",
            volgorde=volgorde,
            inleiding="Inleiding.",
            doel="Het doel is samenwerken.",
            aanpak="Aanpak.",
            citaat="Samen kom je verder.",
            citaat_spreker="Iemand",
        )
        for actie_volgorde in range(1, acties_per_wegwijzer + 1):
            Actie.objects.create(
                wegwijzer=wegwijzer, volgorde=actie_volgorde, tekst=f"Actie {volgorde}.{actie_volgorde}"
            )
        result.append(wegwijzer)
    return result


def labels() -> list[Label]:
    namen = ["Financiering & middelen", "Juridische kaders", "Sociale inbedding", "Governance", "Open technologie"]
    return [
        Label.objects.get_or_create(slug=f"label-{i}", defaults={"naam": naam, "volgorde": i})[0]
        for i, naam in enumerate(namen, start=1)
    ]


def koppel(*, cohort_: Cohort, leden: bool = True, **velden) -> Koppel:
    k = Koppel.objects.create(initiatief=velden.pop("initiatief", None) or initiatief(), cohort=cohort_, **velden)
    if leden:
        Lidmaatschap.objects.create(koppel=k, user=user(), rol=Rol.AMBTENAAR)
        Lidmaatschap.objects.create(koppel=k, user=user(), rol=Rol.INITIATIEFNEMER)
    return k


def stap(*, koppel_: Koppel, actie: Actie, status: str = Status.GEDAAN, door: User | None = None) -> Actiestap:
    return Actiestap.objects.create(
        koppel=koppel_, actie=actie, status=status, updated_by=door, updated_at=timezone.now(), versie=1
    )


def obstakel(*, koppel_: Koppel, labels_=(), staat: str = Staat.GESIGNALEERD, **velden) -> Obstakel:
    velden.setdefault("titel", f"Obstakel {volgnummer()}")
    velden.setdefault("beschrijving", "Wat er gebeurde.")
    o = Obstakel.objects.create(koppel=koppel_, staat=staat, **velden)
    o.labels.set(labels_)
    return o


def gebeurtenis(*, koppel_: Koppel, door: User | None = None, **velden) -> Gebeurtenis:
    velden.setdefault("soort", Gebeurtenis.Soort.STATUS)
    velden.setdefault("omschrijving", "Zette een actie op gedaan.")
    return Gebeurtenis.objects.create(koppel=koppel_, user=door, **velden)


def volle_cohort(aantal_koppels: int, gids: list[Wegwijzer], labels_: list[Label], cohort_: Cohort | None = None):
    """A cohort whose koppels each have some progress, obstacles and activity (for query-count tests)."""
    cohort_ = cohort_ or cohort()
    acties = list(Actie.objects.filter(wegwijzer__in=gids).order_by("wegwijzer__volgorde", "volgorde"))
    koppels = []
    for i in range(aantal_koppels):
        k = koppel(cohort_=cohort_)
        stap(koppel_=k, actie=acties[i % len(acties)], status=Status.GEDAAN)
        stap(koppel_=k, actie=acties[(i + 1) % len(acties)], status=Status.BEZIG)
        obstakel(koppel_=k, labels_=[labels_[i % len(labels_)]], wegwijzer=gids[i % len(gids)], actie=acties[0])
        gebeurtenis(koppel_=k)
        if i % 3 == 0:
            Koppel.objects.filter(pk=k.pk).update(laatste_activiteit_at=timezone.now() - timedelta(weeks=8))
        koppels.append(k)
    return cohort_, koppels
