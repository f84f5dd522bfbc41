"""Read-side figures for the programme team: progress per koppel and wegwijzer, obstacle counts.

Every function runs a fixed number of aggregate queries, however many koppels or obstacles there are.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from koppels.models import Actiestap, Koppel, Obstakel, Staat, Status
from wegwijzers.models import Wegwijzer

# "Niet van toepassing" closes an action just like "gedaan": the koppel has dealt with it.
KLAAR = (Status.GEDAAN, Status.NVT)


@dataclass
class Voortgang:
    """Counts of one koppel's actions (in one wegwijzer or overall); missing Actiestap rows are open."""

    totaal: int = 0
    gedaan: int = 0
    nvt: int = 0
    bezig: int = 0

    @property
    def klaar(self) -> int:
        return self.gedaan + self.nvt

    @property
    def open(self) -> int:
        return max(self.totaal - self.klaar - self.bezig, 0)

    @property
    def percentage(self) -> int:
        return round(100 * self.klaar / self.totaal) if self.totaal else 0

    def add(self, status: str, aantal: int) -> None:
        if status == Status.GEDAAN:
            self.gedaan += aantal
        elif status == Status.NVT:
            self.nvt += aantal
        elif status == Status.BEZIG:
            self.bezig += aantal


@dataclass
class KoppelVoortgang:
    totaal: Voortgang
    per_wegwijzer: dict[int, Voortgang] = field(default_factory=dict)


def wegwijzers_met_aantal_acties() -> list[Wegwijzer]:
    """The wegwijzers in booklet order, each with `aantal_acties` (one query)."""
    return list(Wegwijzer.objects.annotate(aantal_acties=Count("acties")).order_by("volgorde"))


def nieuwe_voortgang(wegwijzers: list[Wegwijzer]) -> KoppelVoortgang:
    per_wegwijzer = {w.pk: Voortgang(totaal=w.aantal_acties) for w in wegwijzers}
    return KoppelVoortgang(
        totaal=Voortgang(totaal=sum(w.aantal_acties for w in wegwijzers)), per_wegwijzer=per_wegwijzer
    )


def status_tellingen(koppels):
    """Actiestap counts grouped by koppel, wegwijzer and status (open rows left out: absent means open)."""
    return (
        Actiestap.objects.filter(koppel__in=koppels)
        .exclude(status=Status.OPEN)
        .values("koppel_id", "status", wegwijzer_id=F("actie__wegwijzer_id"))
        .annotate(aantal=Count("id"))
        .order_by("koppel_id")
    )


def voortgang_voor_koppels(koppels, wegwijzers: list[Wegwijzer]) -> dict[int, KoppelVoortgang]:
    """Progress of many koppels at once: one aggregate query (koppels may be a queryset, used as a subquery)."""
    result: dict[int, KoppelVoortgang] = defaultdict(lambda: nieuwe_voortgang(wegwijzers))
    for rij in status_tellingen(koppels):
        voortgang = result[rij["koppel_id"]]
        voortgang.totaal.add(rij["status"], rij["aantal"])
        if rij["wegwijzer_id"] in voortgang.per_wegwijzer:
            voortgang.per_wegwijzer[rij["wegwijzer_id"]].add(rij["status"], rij["aantal"])
    return result


def stil_sinds(weken: int) -> datetime:
    return timezone.now() - timedelta(weeks=weken)


def is_stil(koppel: Koppel, weken: int) -> bool:
    return not koppel.is_gearchiveerd and koppel.laatste_activiteit_at < stil_sinds(weken)


# Obstacle insights. Each function returns plain rows; the view turns them into tables with links.

OPEN_STATEN = (Staat.GESIGNALEERD, Staat.IN_BEHANDELING)


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
