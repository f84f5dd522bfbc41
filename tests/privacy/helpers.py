"""Test data for the privacy tests, made through the services (the shipped booklet is content, not test data)."""

import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import connection

from initiatives.models import Cohort, Initiatief
from koppels import services
from koppels.models import Koppel, Lidmaatschap, Rol, Staat, Status
from wegwijzers.edities import eerste_editie
from wegwijzers.models import Actie, Doelgroep, Label, Wegwijzer

_teller = itertools.count(1)


def persoon(*, naam: str = "", email: str = "", staff: bool = False):
    n = next(_teller)
    email = email or f"persoon{n}@example.org"
    user = get_user_model().objects.create_user(email=email, password=None, naam=naam)  # no hashing: faster
    if staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def gids() -> list[Actie]:
    """Two wegwijzers with two actions each, and a label (only when no guide exists yet)."""
    if Actie.objects.exists():
        return list(Actie.objects.select_related("wegwijzer").order_by("wegwijzer__volgorde", "volgorde"))
    Label.objects.create(naam="Governance", slug="governance", volgorde=1)
    acties = []
    for w in (1, 2):
        wegwijzer = Wegwijzer.objects.create(
            editie=eerste_editie(),
            titel=f"Wegwijzer {w}",
            slug=f"wegwijzer-{w}",
            volgorde=w,
            inleiding="i",
            doel="d",
            aanpak="a",
        )
        for a in (1, 2):
            acties.append(
                Actie.objects.create(wegwijzer=wegwijzer, volgorde=a, tekst=f"Doe {w}.{a}", doelgroep=Doelgroep.BEIDE)
            )
    return acties


def cohort(slug: str = "cohort-2025") -> Cohort:
    return Cohort.objects.get_or_create(slug=slug, defaults={"naam": f"Cohort {slug}", "jaar": 2025})[0]


def koppel(*, ambtenaar=None, initiatiefnemer=None, cohort_: Cohort | None = None, team=None) -> Koppel:
    gids()
    n = next(_teller)
    initiatief = Initiatief.objects.create(naam=f"Initiatief {n}", slug=f"initiatief-{n}", werkt_aan="iets goeds")
    k = services.create_koppel(initiatief=initiatief, cohort=cohort_ or cohort(), by=team)
    for user, rol in ((ambtenaar, Rol.AMBTENAAR), (initiatiefnemer, Rol.INITIATIEFNEMER)):
        if user is not None:
            Lidmaatschap.objects.create(koppel=k, user=user, rol=rol)
    return k


def werk(k: Koppel, user, *, notitie: str, obstakel: str = "") -> None:
    """The person changes the first action's status and note, and reports an obstacle."""
    actie = gids()[0] if user.pk % 2 else gids()[1]
    stap = k.actiestappen.get(actie=actie)
    services.set_actie(koppel=k, actie=actie, status=Status.BEZIG, notitie=notitie, versie=stap.versie, by=user)
    stap.refresh_from_db()
    services.set_actie(koppel=k, actie=actie, status=Status.GEDAAN, notitie=notitie, versie=stap.versie, by=user)
    if obstakel:
        services.create_obstakel(
            koppel=k, titel=obstakel, beschrijving=f"{obstakel}: wat er gebeurde", by=user, staat=Staat.GESIGNALEERD
        )


TEXT_TYPES = {"CharField", "TextField", "JSONField"}


def _text_columns(cursor):
    """(table, column) for every text, character and JSON column of every table in the database."""
    types = connection.introspection.data_types_reverse
    for table in connection.introspection.table_names(cursor):
        for column in connection.introspection.get_table_description(cursor, table):
            # .get: columns of types Django does not map (a search vector, say) hold no text a person typed as such.
            if types.get(column.type_code) in TEXT_TYPES:
                yield table, column.name


def scan_database(*teksten: str) -> list[str]:
    """Every text, character and JSON column of every table that holds one of these texts (case-insensitive)."""
    hits = []
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in list(_text_columns(cursor)):
            for tekst in teksten:
                cursor.execute(
                    f"SELECT count(*) FROM {qn(table)} WHERE {qn(column)}::text ILIKE %s",  # noqa: S608
                    [f"%{tekst}%"],
                )
                if cursor.fetchone()[0]:
                    hits.append(f"{table}.{column}: {tekst}")
    return hits


def text_columns_scanned() -> int:
    """How many columns scan_database looks at (so a test can show the scan is not empty)."""
    with connection.cursor() as cursor:
        return len(list(_text_columns(cursor)))
