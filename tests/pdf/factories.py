"""Test data for the PDF tests: users, koppels with action states and obstacles, small content."""

from itertools import count

from django.utils import timezone

from incubator.models import User
from initiatives.models import Cohort, Initiatief
from koppels.models import Actiestap, Koppel, Lidmaatschap, Obstakel, Rol, Staat, Status
from wegwijzers.models import Actie, Label, Leesitem, Link, Tekstblok, Wegwijzer

_seq = count(1)


def make_user(*, naam: str = "", staff: bool = False) -> User:
    n = next(_seq)
    return User.objects.create_user(
        email=f"persoon{n}@example.org", password="geheim-wachtwoord-123", naam=naam or f"Persoon {n}", is_staff=staff
    )


def make_koppel(*, leden: tuple[tuple[User, str], ...] = ()) -> Koppel:
    n = next(_seq)
    cohort, _ = Cohort.objects.get_or_create(slug="test-cohort", defaults={"naam": "Testcohort 2025", "jaar": 2025})
    initiatief = Initiatief.objects.create(
        naam=f"Buurtmoestuin {n}", slug=f"buurtmoestuin-{n}", werkt_aan="groen in de wijk"
    )
    koppel = Koppel.objects.create(initiatief=initiatief, cohort=cohort)
    for user, rol in leden:
        Lidmaatschap.objects.create(koppel=koppel, user=user, rol=rol)
    return koppel


def make_member_koppel() -> tuple[Koppel, User, User]:
    """A koppel with an ambtenaar and an initiatiefnemer."""
    ambtenaar = make_user(naam="Anna Ambtenaar")
    initiatiefnemer = make_user(naam="Ivo Initiatiefnemer")
    koppel = make_koppel(leden=((ambtenaar, Rol.AMBTENAAR), (initiatiefnemer, Rol.INITIATIEFNEMER)))
    return koppel, ambtenaar, initiatiefnemer


def set_step(*, koppel: Koppel, actie: Actie, status: str, notitie: str = "", user: User | None = None) -> Actiestap:
    return Actiestap.objects.create(
        koppel=koppel, actie=actie, status=status, notitie=notitie, updated_by=user, updated_at=timezone.now()
    )


def make_obstakel(*, koppel: Koppel, titel: str, wegwijzer: Wegwijzer | None = None, **fields) -> Obstakel:
    fields.setdefault("beschrijving", "De subsidieregeling past niet bij een coöperatie.")
    fields.setdefault("staat", Staat.IN_BEHANDELING)
    return Obstakel.objects.create(koppel=koppel, titel=titel, wegwijzer=wegwijzer, **fields)


def fill_route(koppel: Koppel, *, user: User | None = None) -> None:
    """Give every action of the guide a state and a note, and add obstacles: a full route."""
    statuses = [Status.GEDAAN, Status.BEZIG, Status.NVT, Status.OPEN]
    for i, actie in enumerate(Actie.objects.select_related("wegwijzer")):
        set_step(
            koppel=koppel,
            actie=actie,
            status=statuses[i % len(statuses)],
            notitie=f"Notitie bij actie {actie.wegwijzer.volgorde}.{actie.volgorde}: besproken met de buurt.",
            user=user,
        )
    for n, wegwijzer in enumerate(Wegwijzer.objects.all()[:3], start=1):
        make_obstakel(koppel=koppel, titel=f"Obstakel {n}: vergunning", wegwijzer=wegwijzer, aanpak="Opgeschaald.")


def make_content(*, wegwijzers: int = 2, acties: int = 3) -> list[Wegwijzer]:
    """A small guide of its own, for tests that need no shipped content (or more of it)."""
    label, _ = Label.objects.get_or_create(slug="governance", defaults={"naam": "Governance", "volgorde": 4})
    for sleutel in Tekstblok.Sleutel.values:
        Tekstblok.objects.get_or_create(
            sleutel=sleutel, defaults={"titel": sleutel.title(), "tekst": f"Tekst {sleutel}."}
        )
    start = (Wegwijzer.objects.order_by("-volgorde").values_list("volgorde", flat=True).first() or 0) + 1
    result = []
    doelgroepen = ["beide", "ambtenaar", "initiatiefnemer"]
    for volgorde in range(start, start + wegwijzers):
        wegwijzer = Wegwijzer.objects.create(
            titel=f"Testwegwijzer {volgorde}",
            slug=f"testwegwijzer-{volgorde}",
            volgorde=volgorde,
            inleiding="Inleiding.",
            doel="Doel.",
            aanpak="Aanpak.",
            citaat="Een citaat.",
            citaat_spreker="Iemand",
        )
        wegwijzer.labels.add(label)
        for a in range(1, acties + 1):
            Actie.objects.create(
                wegwijzer=wegwijzer, volgorde=a, tekst=f"Actie {volgorde}.{a}", doelgroep=doelgroepen[a % 3]
            )
        item = Leesitem.objects.create(wegwijzer=wegwijzer, volgorde=1, titel="Leestip")
        Link.objects.create(leesitem=item, volgorde=1, url=f"https://example.org/{volgorde}")
        result.append(wegwijzer)
    return result
