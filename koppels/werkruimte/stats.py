"""Read-side figures for the programme team: stalled koppels and obstacle counts.

Progress itself comes from koppels.route (one counting rule for the whole portal). Every function here runs a
fixed number of aggregate queries, however many koppels or obstacles there are.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from initiatives.models import Cohort
from koppels.models import OPEN_STATEN, Koppel, Obstakel, Staat
from wegwijzers.models import Wegwijzer


def wegwijzer_volgorde() -> dict[int, int]:
    """{wegwijzer id: its number in the booklet} (one query)."""
    return dict(Wegwijzer.objects.huidig().values_list("id", "volgorde"))


def stil_sinds(weken: int) -> datetime:
    return timezone.now() - timedelta(weeks=weken)


def is_stil(koppel: Koppel, weken: int) -> bool:
    return not koppel.is_gearchiveerd and koppel.laatste_activiteit_at < stil_sinds(weken)


def cohorten_met_kerncijfers(weken: int):
    """Every cohort with its active, archived and stalled koppels and its open obstacles (one query)."""
    actief = Q(koppels__gearchiveerd_at__isnull=True)
    stil = actief & Q(koppels__laatste_activiteit_at__lt=stil_sinds(weken))
    return Cohort.objects.annotate(
        aantal_koppels=Count("koppels", filter=actief, distinct=True),
        aantal_gearchiveerd=Count("koppels", filter=Q(koppels__gearchiveerd_at__isnull=False), distinct=True),
        aantal_stil=Count("koppels", filter=stil, distinct=True),
        open_obstakels=Count("koppels__obstakels", filter=Q(koppels__obstakels__staat__in=OPEN_STATEN), distinct=True),
    )


# Obstacle insights. Each function returns plain rows; koppels/werkruimte/inzichten.py turns them into tables.


def obstakels_voor(cohort=None):
    qs = Obstakel.objects.all()
    if cohort is not None:
        qs = qs.filter(koppel__cohort=cohort)
    return qs


def telling_per_staat(obstakels, *groep: str) -> dict:
    """{group key: {staat: n}} for obstakels grouped by the given value expressions (one query)."""
    tellingen: dict = defaultdict(lambda: dict.fromkeys(Staat.values, 0))
    rijen = obstakels.values(*groep, "staat").annotate(aantal=Count("id", distinct=True)).order_by()
    for rij in rijen:
        sleutel = tuple(rij[g] for g in groep) if len(groep) > 1 else rij[groep[0]]
        tellingen[sleutel][rij["staat"]] += rij["aantal"]
    return tellingen


def per_label(obstakels) -> dict:
    # Obstacles without a label come back under None; the view leaves that key out.
    return telling_per_staat(obstakels.annotate(label_id=F("labels__id")), "label_id")


def per_cohort(obstakels) -> dict:
    return telling_per_staat(obstakels.annotate(cohort_id=F("koppel__cohort_id")), "cohort_id")


def per_wegwijzer(obstakels) -> dict:
    return telling_per_staat(obstakels, "wegwijzer_id")


def per_maand(obstakels) -> dict:
    return telling_per_staat(obstakels.annotate(maand=TruncMonth("created_at")), "maand")


def per_staat(obstakels) -> dict[str, int]:
    tellingen = dict.fromkeys(Staat.values, 0)
    for rij in obstakels.values("staat").annotate(aantal=Count("id")).order_by():
        tellingen[rij["staat"]] = rij["aantal"]
    return tellingen


def terugkerend_per_wegwijzer_label(obstakels, minimum_koppels: int = 2):
    """Obstacles of the same wegwijzer and label met by at least `minimum_koppels` different koppels."""
    return (
        obstakels.filter(wegwijzer__isnull=False)
        .values("wegwijzer_id", label_id=F("labels__id"))
        .filter(label_id__isnull=False)
        .annotate(koppels=Count("koppel_id", distinct=True), obstakels=Count("id", distinct=True))
        .filter(koppels__gte=minimum_koppels)
        .order_by("-koppels", "-obstakels", "wegwijzer_id", "label_id")
    )


def terugkerend_per_actie(obstakels, minimum_koppels: int = 2):
    """Obstacles about the same action met by at least `minimum_koppels` different koppels."""
    return (
        obstakels.filter(actie__isnull=False)
        .values("actie_id")
        .annotate(
            koppels=Count("koppel_id", distinct=True),
            obstakels=Count("id", distinct=True),
            open=Count("id", distinct=True, filter=Q(staat__in=OPEN_STATEN)),
        )
        .filter(koppels__gte=minimum_koppels)
        .order_by("-koppels", "-obstakels", "actie_id")
    )
