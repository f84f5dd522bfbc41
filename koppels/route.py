"""A koppel's route, built in one place: every action per wegwijzer with its state, progress, next steps, filters.

The task list, the action page, the htmx answers, the route PDF and the exports all read from here, so they count
and order alike. Counting rule: an action is *afgerond* (finished) when its status is "gedaan" or "nvt" (niet van
toepassing): a koppel that decided an action does not apply to them has dealt with it. Actions without an Actiestap
row count as "open". Every reader runs a fixed number of queries, whatever the number of koppels, actions or changes.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, F, FilteredRelation, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from koppels.models import OPEN_STATEN, Actiestap, Actiewijziging, Koppel, Obstakel, Rol, Status
from wegwijzers.models import Actie, Doelgroep, Wegwijzer

AFGEROND = (Status.GEDAAN, Status.NVT)
STATUS_LABELS = dict(Status.choices)
ROL_DOELGROEP = {Rol.AMBTENAAR: Doelgroep.AMBTENAAR, Rol.INITIATIEFNEMER: Doelgroep.INITIATIEFNEMER}
VOLGENDE_STAPPEN = 3
DOELGROEP_KORT = {
    Doelgroep.AMBTENAAR: _("voor ambtenaar"),
    Doelgroep.INITIATIEFNEMER: _("voor initiatiefnemer"),
    Doelgroep.BEIDE: _("voor beide"),
}


# Progress


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


def _progress(wegwijzers: list[dict], counts: dict[int, dict[str, int]]) -> Progress:
    """The one counting rule: per wegwijzer, actions without a non-open row are open."""
    per_wegwijzer = []
    totaal_per_status: dict[str, int] = defaultdict(int)
    for w in wegwijzers:
        per_status = {status: n for status, n in counts.get(w["id"], {}).items() if status != Status.OPEN}
        # Rows that are "open" and actions without a row at all are the same thing: not started.
        per_status[Status.OPEN] = w["n_acties"] - sum(per_status.values())
        per_wegwijzer.append(
            WegwijzerVoortgang(
                totaal=w["n_acties"], per_status=per_status, wegwijzer_id=w["id"], slug=w["slug"], titel=w["titel"]
            )
        )
        for status, n in per_status.items():
            totaal_per_status[status] += n
    return Progress(
        totaal=sum(w.totaal for w in per_wegwijzer), per_status=dict(totaal_per_status), per_wegwijzer=per_wegwijzer
    )


def progress_for_koppels(koppels: Iterable[Koppel] | Iterable[int]) -> dict[int, Progress]:
    """Progress per koppel id: two queries whatever the number of koppels or actions."""
    ids = [k if isinstance(k, int) else k.pk for k in koppels]
    if not ids:
        return {}
    # Meta.ordering does not apply to aggregate queries: ask for the booklet's order explicitly.
    wegwijzers = list(
        Wegwijzer.objects.huidig()
        .annotate(n_acties=Count("acties"))
        .order_by("volgorde")
        .values("id", "slug", "titel", "n_acties")
    )
    counts: dict[int, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for koppel_id, wegwijzer_id, status, n in Actiestap.objects.status_counts(ids):
        counts[koppel_id][wegwijzer_id][status] = n
    return {koppel_id: _progress(wegwijzers, counts[koppel_id]) for koppel_id in ids}


def progress_for_koppel(koppel: Koppel) -> Progress:
    """Progress of one koppel (two queries)."""
    return progress_for_koppels([koppel.pk])[koppel.pk]


# The route: every action with its state


@dataclass
class Stap:
    """One action of a koppel's route as every reader shows it."""

    actie: Actie
    koppel_id: int
    status: str = Status.OPEN
    notitie: str = ""
    versie: int = 0
    updated_by: object = None
    updated_at: object = None
    open_obstakels: int = 0
    # Set by the views for one row: a refusal, a confirmation, where focus goes after a swap.
    fout: str = ""
    melding: str = ""
    focus: bool = False

    @classmethod
    def build(cls, actie: Actie, stap: Actiestap | None, koppel_id: int, open_obstakels: int = 0) -> "Stap":
        if stap is None:
            return cls(actie=actie, koppel_id=koppel_id, open_obstakels=open_obstakels)
        return cls(
            actie=actie,
            koppel_id=koppel_id,
            status=stap.status,
            notitie=stap.notitie,
            versie=stap.versie,
            updated_by=stap.updated_by,
            updated_at=stap.updated_at,
            open_obstakels=open_obstakels,
        )

    @property
    def nummer(self) -> str:
        return actie_nummer(self.actie)

    @cached_property
    def url(self) -> str:
        return actie_url(self.koppel_id, self.actie)

    @property
    def doelgroep_kort(self) -> str:
        return DOELGROEP_KORT.get(self.actie.doelgroep, "")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_afgerond(self) -> bool:
        return self.status in AFGEROND

    @property
    def kort(self) -> str:
        """The action's text, shortened for a line of the task list."""
        tekst = self.actie.tekst
        return tekst if len(tekst) <= 72 else tekst[:70].rsplit(" ", 1)[0] + " …"


@dataclass
class Hoofdstuk:
    """A wegwijzer of the route with its actions (possibly filtered) and its progress (never filtered)."""

    wegwijzer: Wegwijzer
    stappen: list[Stap]
    voortgang: WegwijzerVoortgang


@dataclass(frozen=True)
class RouteFilter:
    """What the task list shows; an empty filter shows everything. Progress always counts the whole route."""

    status: str = ""
    voor_mij: bool = False
    met_obstakels: bool = False

    @property
    def actief(self) -> bool:
        return bool(self.status or self.voor_mij or self.met_obstakels)

    def toont(self, stap: Stap, doelgroep: str) -> bool:
        if self.status and stap.status != self.status:
            return False
        if self.voor_mij and doelgroep and stap.actie.doelgroep not in (doelgroep, Doelgroep.BEIDE):
            return False
        return not (self.met_obstakels and not stap.open_obstakels)

    def query(self) -> str:
        """The filter as a query string (for links and redirects that keep it)."""
        parts = []
        if self.status:
            parts.append(f"status={self.status}")
        if self.voor_mij:
            parts.append("voor=mij")
        if self.met_obstakels:
            parts.append("obstakels=open")
        return "&".join(parts)


@dataclass
class Route:
    """A koppel's whole route in the guide's order."""

    koppel: Koppel
    hoofdstukken: list[Hoofdstuk]
    voortgang: Progress

    def stappen(self) -> list[Stap]:
        return [stap for hoofdstuk in self.hoofdstukken for stap in hoofdstuk.stappen]

    def stap(self, actie_id: int) -> Stap:
        return next(stap for stap in self.stappen() if stap.actie.pk == actie_id)

    def volgende_stappen(self, rol: str = "", n: int = VOLGENDE_STAPPEN) -> list[Stap]:
        """The first unfinished actions, those for this role's audience (or both) first."""
        doelgroep = ROL_DOELGROEP.get(rol, "")
        todo = [stap for stap in self.stappen() if not stap.is_afgerond]
        if doelgroep:
            todo.sort(key=lambda stap: stap.actie.doelgroep not in (doelgroep, Doelgroep.BEIDE))
        return todo[:n]

    def gefilterd(self, route_filter: RouteFilter, rol: str = "") -> list[Hoofdstuk]:
        """The wegwijzers with the actions this filter shows; wegwijzers left empty are left out."""
        if not route_filter.actief:
            return self.hoofdstukken
        doelgroep = ROL_DOELGROEP.get(rol, "")
        result = []
        for hoofdstuk in self.hoofdstukken:
            stappen = [stap for stap in hoofdstuk.stappen if route_filter.toont(stap, doelgroep)]
            if stappen:
                result.append(Hoofdstuk(hoofdstuk.wegwijzer, stappen, hoofdstuk.voortgang))
        return result


def actie_nummer(actie: Actie) -> str:
    """The action's number as in the booklet: wegwijzer.actie (2.3)."""
    return f"{actie.wegwijzer.volgorde}.{actie.volgorde}"


def actie_url(koppel_id: int, actie: Actie) -> str:
    kwargs = {"pk": koppel_id, "wegwijzer": actie.wegwijzer.volgorde, "nummer": actie.volgorde}
    return reverse("koppels:actie", kwargs=kwargs)


def _route_acties():
    """Every action of the guide's current edition in its order, with its wegwijzer: what every route is built on."""
    return Actie.objects.huidig().select_related("wegwijzer").order_by("wegwijzer__volgorde", "volgorde")


def _route(koppel: Koppel, stappen: list[Stap]) -> Route:
    """The steps (in the guide's order) grouped per wegwijzer, with the progress they add up to."""
    hoofdstukken: list[Hoofdstuk] = []
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    wegwijzers: dict[int, dict] = {}
    for stap in stappen:
        w = stap.actie.wegwijzer
        if not hoofdstukken or hoofdstukken[-1].wegwijzer.pk != w.pk:
            hoofdstukken.append(Hoofdstuk(w, [], None))
            wegwijzers[w.pk] = {"id": w.pk, "slug": w.slug, "titel": w.titel, "n_acties": 0}
        hoofdstukken[-1].stappen.append(stap)
        wegwijzers[w.pk]["n_acties"] += 1
        counts[w.pk][stap.status] += 1
    voortgang = _progress(list(wegwijzers.values()), counts)
    for hoofdstuk, telling in zip(hoofdstukken, voortgang.per_wegwijzer, strict=True):
        hoofdstuk.voortgang = telling
    return Route(koppel=koppel, hoofdstukken=hoofdstukken, voortgang=voortgang)


def build_route(koppel: Koppel, *, obstakels: bool = True) -> Route:
    """The koppel's route: three queries (two without obstacle counts), whatever its history."""
    acties = list(_route_acties())
    stappen = {stap.actie_id: stap for stap in Actiestap.objects.voor_route(koppel)}
    open_per_actie = Obstakel.objects.open_per_actie(koppel) if obstakels else {}
    return _route(
        koppel,
        [Stap.build(actie, stappen.get(actie.pk), koppel.pk, open_per_actie.get(actie.pk, 0)) for actie in acties],
    )


def build_route_status(koppel: Koppel) -> Route:
    """The koppel's route with only each action's status and open obstacles: one light query, whatever its history.

    Enough for the progress and the next steps a quick change updates besides its own line. Its steps carry no
    note, version or who changed them, its actions and wegwijzers only what a line shows (the rest is deferred):
    lines to show in full come from build_route or stap_for.
    """
    acties = (
        _route_acties()
        .only("volgorde", "tekst", "doelgroep", "wegwijzer__volgorde", "wegwijzer__slug", "wegwijzer__titel")
        .annotate(
            stap_van_koppel=FilteredRelation("actiestappen", condition=Q(actiestappen__koppel=koppel)),
            open_obstakel=FilteredRelation(
                "obstakels", condition=Q(obstakels__koppel=koppel, obstakels__staat__in=OPEN_STATEN)
            ),
        )
        .annotate(route_status=F("stap_van_koppel__status"), route_obstakels=Count("open_obstakel"))
    )
    return _route(
        koppel,
        [
            Stap(
                actie=actie,
                koppel_id=koppel.pk,
                status=actie.route_status or Status.OPEN,
                open_obstakels=actie.route_obstakels,
            )
            for actie in acties
        ],
    )


# One action


GESCHIEDENIS_PER_PAGINA = 10


def actie_by_nummer(wegwijzer: int, nummer: int) -> Actie:
    """The action 2.3 of the guide, with its wegwijzer and what the wegwijzer page offers to read (3 queries)."""
    return (
        Actie.objects.select_related("wegwijzer")
        .prefetch_related("wegwijzer__leesitems__links")
        .huidig()
        .get(wegwijzer__volgorde=wegwijzer, volgorde=nummer)
    )


def stap_for(koppel: Koppel, actie: Actie, *, open_obstakels: int = 0) -> Stap:
    """The koppel's state of one action (one query)."""
    stap = Actiestap.objects.voor_route(koppel).filter(actie=actie).first()
    return Stap.build(actie, stap, koppel.pk, open_obstakels)


def geschiedenis(koppel: Koppel, actie: Actie):
    """The action's history in this koppel, newest first, for a Paginator."""
    return Actiewijziging.objects.filter(actiestap__koppel=koppel, actiestap__actie=actie).select_related("user")


def buren(actie: Actie) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The numbers (wegwijzer, actie) of the previous and next action in the guide (one query)."""
    nummers = list(
        Actie.objects.huidig()
        .order_by("wegwijzer__volgorde", "volgorde")
        .values_list("wegwijzer__volgorde", "volgorde")
    )
    i = nummers.index((actie.wegwijzer.volgorde, actie.volgorde))
    return (nummers[i - 1] if i > 0 else None, nummers[i + 1] if i + 1 < len(nummers) else None)


_WOORD = re.compile(r"\w{5,}")


def aanpak_delen(wegwijzer: Wegwijzer, actie: Actie) -> tuple[str, str]:
    """The paragraph of the wegwijzer's Aanpak closest to the action (most shared words), and the whole Aanpak."""
    alineas = [alinea for alinea in wegwijzer.aanpak.split("\n\n") if alinea.strip()]
    woorden = {w.lower() for w in _WOORD.findall(actie.tekst)}
    if not alineas:
        return "", ""
    beste = max(alineas, key=lambda alinea: len(woorden & {w.lower() for w in _WOORD.findall(alinea)}))
    return beste, wegwijzer.aanpak
