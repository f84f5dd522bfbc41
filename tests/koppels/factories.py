"""Test data for koppels: plain functions. The shipped booklet is content; these are test data."""

import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from initiatives.models import Cohort, Initiatief
from koppels import services
from koppels.models import Koppel, Lidmaatschap, Rol
from wegwijzers.models import Actie, Doelgroep, Label, Wegwijzer

PASSWORD = "een-goed-wachtwoord-42"
_teller = itertools.count(1)


def make_user(*, email: str | None = None, naam: str = "", staff: bool = False, password: str = PASSWORD):
    n = next(_teller)
    email = email or f"persoon{n}@example.org"
    user = get_user_model().objects.create_user(email=email, password=password, naam=naam or f"Persoon {n}")
    user.is_staff = staff
    user.save(update_fields=["is_staff"])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_guide(*, wegwijzers: int = 2, acties_per_wegwijzer: int = 3) -> list[Actie]:
    """A small guide of our own: labels, wegwijzers and their actions (only when none exist yet)."""
    if Actie.objects.exists():
        return list(Actie.objects.select_related("wegwijzer"))
    for i, naam in enumerate(["Financiering & middelen", "Governance"], start=1):
        Label.objects.create(naam=naam, slug=f"label-{i}", volgorde=i)
    acties = []
    for w in range(1, wegwijzers + 1):
        wegwijzer = Wegwijzer.objects.create(
            titel=f"Wegwijzer {w}",
            slug=f"wegwijzer-{w}",
            volgorde=w,
            inleiding="Inleiding.",
            doel="Doel.",
            aanpak="Aanpak.",
            citaat="Citaat.",
            citaat_spreker="Iemand",
        )
        for a in range(1, acties_per_wegwijzer + 1):
            acties.append(
                Actie.objects.create(
                    wegwijzer=wegwijzer,
                    volgorde=a,
                    tekst=f"Actie {w}.{a}: doe iets nuttigs.",
                    doelgroep=Doelgroep.BEIDE,
                )
            )
    return acties


def make_koppel(*, ambtenaar=None, initiatiefnemer=None, cohort=None, by=None, naam: str | None = None) -> Koppel:
    """A koppel with one ambtenaar and one initiatiefnemer (made when not given)."""
    make_guide()
    n = next(_teller)
    cohort = (
        cohort or Cohort.objects.get_or_create(slug="test-cohort", defaults={"naam": "Testcohort", "jaar": 2025})[0]
    )
    initiatief = Initiatief.objects.create(
        naam=naam or f"Initiatief {n}", slug=f"initiatief-{n}", werkt_aan="iets goeds"
    )
    koppel = services.create_koppel(initiatief=initiatief, cohort=cohort, by=by)
    Lidmaatschap.objects.create(koppel=koppel, user=ambtenaar or make_user(), rol=Rol.AMBTENAAR)
    Lidmaatschap.objects.create(koppel=koppel, user=initiatiefnemer or make_user(), rol=Rol.INITIATIEFNEMER)
    return koppel


def member_of(koppel: Koppel):
    return koppel.lidmaatschappen.select_related("user").first().user
