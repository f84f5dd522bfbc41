"""Progress of koppels along the route, for one koppel or many at once in a fixed number of queries.

Counting rule: an action is *afgerond* (finished) when its status is "gedaan" or "nvt" (niet van toepassing): a koppel
that decided an action does not apply to them has dealt with it. Actions without an Actiestap row count as "open".
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count

from koppels.models import Actiestap, Koppel, Status
from wegwijzers.models import Wegwijzer

AFGEROND = (Status.GEDAAN, Status.NVT)


@dataclass
class Telling:
    """Counts per status for a set of actions."""

    totaal: int = 0
    per_status: dict[str, int] = field(default_factory=dict)

    @property
    def afgerond(self) -> int:
        return sum(self.per_status.get(status, 0) for status in AFGEROND)

    @property
    def open(self) -> int:
        return self.per_status.get(Status.OPEN, 0)

    @property
    def bezig(self) -> int:
        return self.per_status.get(Status.BEZIG, 0)

    @property
    def gedaan(self) -> int:
        return self.per_status.get(Status.GEDAAN, 0)

    @property
    def nvt(self) -> int:
        return self.per_status.get(Status.NVT, 0)

    @property
    def percentage(self) -> int:
        return round(100 * self.afgerond / self.totaal) if self.totaal else 0


@dataclass
class WegwijzerVoortgang(Telling):
    wegwijzer_id: int = 0
    slug: str = ""
    titel: str = ""


@dataclass
class Progress(Telling):
    """Overall counts of one koppel, and the same per wegwijzer (in the guide's order)."""

    per_wegwijzer: list[WegwijzerVoortgang] = field(default_factory=list)

    def voor_wegwijzer(self, wegwijzer_id: int) -> WegwijzerVoortgang | None:
        return next((w for w in self.per_wegwijzer if w.wegwijzer_id == wegwijzer_id), None)


def progress_for_koppels(koppels: Iterable[Koppel] | Iterable[int]) -> dict[int, Progress]:
    """Progress per koppel id: two queries whatever the number of koppels or actions."""
    ids = [k if isinstance(k, int) else k.pk for k in koppels]
    if not ids:
        return {}
    # Meta.ordering does not apply to aggregate queries: ask for the booklet's order explicitly.
    wegwijzers = list(
        Wegwijzer.objects.annotate(n_acties=Count("acties"))
        .order_by("volgorde")
        .values("id", "slug", "titel", "n_acties")
    )
    counts: dict[int, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    rows = (
        Actiestap.objects.filter(koppel_id__in=ids)
        .exclude(status=Status.OPEN)
        .values_list("koppel_id", "actie__wegwijzer_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for koppel_id, wegwijzer_id, status, n in rows:
        counts[koppel_id][wegwijzer_id][status] = n

    result = {}
    for koppel_id in ids:
        per_wegwijzer = []
        for w in wegwijzers:
            per_status = dict(counts[koppel_id][w["id"]])
            # Rows that are "open" and actions without a row at all are the same thing: not started.
            per_status[Status.OPEN] = w["n_acties"] - sum(per_status.values())
            per_wegwijzer.append(
                WegwijzerVoortgang(
                    totaal=w["n_acties"], per_status=per_status, wegwijzer_id=w["id"], slug=w["slug"], titel=w["titel"]
                )
            )
        totaal_per_status: dict[str, int] = defaultdict(int)
        for w in per_wegwijzer:
            for status, n in w.per_status.items():
                totaal_per_status[status] += n
        result[koppel_id] = Progress(
            totaal=sum(w.totaal for w in per_wegwijzer),
            per_status=dict(totaal_per_status),
            per_wegwijzer=per_wegwijzer,
        )
    return result


def progress_for_koppel(koppel: Koppel) -> Progress:
    """Progress of one koppel (two queries)."""
    return progress_for_koppels([koppel.pk])[koppel.pk]
