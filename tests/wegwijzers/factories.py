"""Test data for the guide: small plain functions; every call makes new, unique rows."""

from itertools import count

from initiatives.models import Cohort, Initiatief
from wegwijzers.models import Actie, Doelgroep, Label, Leesitem, Link, Tekstblok, Wegwijzer

_volgnummer = count(1)


def label(naam: str | None = None) -> Label:
    n = next(_volgnummer)
    naam = naam or f"Thema {n}"
    return Label.objects.create(naam=naam, slug=f"thema-{n}", volgorde=100 + n)


def wegwijzer(
    titel: str | None = None,
    *,
    labels: tuple[Label, ...] = (),
    doelgroepen: tuple[str, ...] = (Doelgroep.BEIDE, Doelgroep.AMBTENAAR, Doelgroep.INITIATIEFNEMER),
    leesitems: int = 2,
    **velden,
) -> Wegwijzer:
    """A complete wegwijzer: one actie per given audience, reading items with a link each."""
    n = next(_volgnummer)
    standaard = {
        "titel": titel or f"Wegwijzer nummer {n}",
        "slug": f"wegwijzer-{n}",
        "volgorde": 100 + n,
        "inleiding": "Een inleiding over samenwerken.\n\nNog een alinea.",
        "doel": "Het doel van deze wegwijzer.",
        "aanpak": "Zo pak je het aan.",
        "citaat": "Samen kom je verder.",
        "citaat_spreker": "Iemand uit de pilot",
        "citaat_rol": "Een initiatief",
    }
    w = Wegwijzer.objects.create(**(standaard | velden))
    w.labels.set(labels)
    for i, doelgroep in enumerate(doelgroepen, start=1):
        Actie.objects.create(wegwijzer=w, volgorde=i, doelgroep=doelgroep, tekst=f"Actie {i} voor {doelgroep}.")
    for i in range(1, leesitems + 1):
        item = Leesitem.objects.create(wegwijzer=w, volgorde=i, titel=f"Leestip {i}", beschrijving="Om te lezen.")
        Link.objects.create(leesitem=item, volgorde=1, url=f"https://example.org/{n}/{i}")
    return w


def tekstblok(sleutel: str, tekst: str = "Een tekst uit de minigids.", **velden) -> Tekstblok:
    return Tekstblok.objects.create(sleutel=sleutel, tekst=tekst, **velden)


def cohort(naam: str | None = None, *, jaar: int = 2025) -> Cohort:
    n = next(_volgnummer)
    return Cohort.objects.create(naam=naam or f"Ronde {n}", slug=f"ronde-{n}", jaar=jaar)


def initiatief(naam: str | None = None, *, cohorten: tuple[Cohort, ...] = (), **velden) -> Initiatief:
    n = next(_volgnummer)
    i = Initiatief.objects.create(
        naam=naam or f"Initiatief {n}", slug=f"initiatief-{n}", volgorde=n, werkt_aan="de buurt", **velden
    )
    i.cohorten.set(cohorten)
    return i


def verdubbel_gids() -> None:
    """As many extra wegwijzers (with acties, reading and labels) as the guide has now: twice the data volume."""
    labels = list(Label.objects.all())
    for _ in range(max(Wegwijzer.objects.count(), 1)):
        wegwijzer(labels=tuple(labels[:2]))
