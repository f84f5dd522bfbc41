"""The obstacle insights page as data: counts per label, wegwijzer, cohort and month, recurring obstacles.

Every number links to the list of obstacles behind it (the drill-down). The counting itself is in stats.py; this
module turns its rows into tables and charts for the template.
"""

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from initiatives.models import Cohort
from koppels.models import GEEN_WEGWIJZER, Staat
from koppels.werkruimte import stats
from koppels.werkruimte.charts import aantallen_grafiek
from wegwijzers.models import Actie, Label, Wegwijzer


def lijst_url(basis: dict, **filters) -> str:
    query = {key: value for key, value in {**basis, **filters}.items() if value not in (None, "")}
    return f"{reverse('werkruimte:obstakels')}?{urlencode(query)}" if query else reverse("werkruimte:obstakels")


def tabel(sleutels, namen: dict, tellingen: dict, basis: dict, filter_naam: str, filter_waarde: Callable) -> list:
    """Rows of {naam, cellen: [{aantal, url}] per staat, totaal} with a drill-down link behind every number."""
    rijen = []
    for sleutel in sleutels:
        per_staat = tellingen.get(sleutel, dict.fromkeys(Staat.values, 0))
        waarde = filter_waarde(sleutel)
        rijen.append(
            {
                "naam": namen[sleutel],
                "cellen": [
                    {"aantal": per_staat[staat], "url": lijst_url(basis, **{filter_naam: waarde, "staat": staat})}
                    for staat in Staat.values
                ],
                "totaal": {"aantal": sum(per_staat.values()), "url": lijst_url(basis, **{filter_naam: waarde})},
            }
        )
    return rijen


def _maand(maand) -> datetime:
    return timezone.localtime(maand) if isinstance(maand, datetime) else maand


def _label_rijen(obstakels, labels: list[Label], basis: dict) -> list:
    namen, slugs = {lb.pk: lb.naam for lb in labels}, {lb.pk: lb.slug for lb in labels}
    return tabel(list(namen), namen, stats.per_label(obstakels), basis, "label", slugs.get)


def _wegwijzer_rijen(obstakels, wegwijzers: list[Wegwijzer], basis: dict) -> list:
    namen = {w.pk: f"{w.volgorde}. {w.titel}" for w in wegwijzers} | {None: _("Zonder wegwijzer")}
    slugs = {w.pk: w.slug for w in wegwijzers} | {None: GEEN_WEGWIJZER}
    return tabel(list(namen), namen, stats.per_wegwijzer(obstakels), basis, "wegwijzer", slugs.get)


def _cohort_rijen(obstakels, basis: dict) -> list:
    cohorten = list(Cohort.objects.all())
    namen, slugs = {c.pk: c.naam for c in cohorten}, {c.pk: c.slug for c in cohorten}
    return tabel(list(namen), namen, stats.per_cohort(obstakels), basis, "cohort", slugs.get)


def _maand_rijen(obstakels, basis: dict) -> list:
    maanden = stats.per_maand(obstakels)
    sleutels = sorted(maanden)
    namen = {m: date_format(_maand(m), "F Y") for m in sleutels}
    return tabel(sleutels, namen, maanden, basis, "maand", lambda m: _maand(m).strftime("%Y-%m"))


def _terugkerend(obstakels, labels: list[Label], wegwijzers: list[Wegwijzer], basis: dict) -> list:
    label_by_pk, wegwijzer_by_pk = {lb.pk: lb for lb in labels}, {w.pk: w for w in wegwijzers}
    rijen = []
    for rij in stats.terugkerend_per_wegwijzer_label(obstakels):
        if rij["wegwijzer_id"] not in wegwijzer_by_pk:
            continue  # a wegwijzer the current edition no longer has: the insights follow the current edition
        wegwijzer, label = wegwijzer_by_pk[rij["wegwijzer_id"]], label_by_pk[rij["label_id"]]
        rijen.append(
            {
                "wegwijzer": wegwijzer,
                "label": label,
                "koppels": rij["koppels"],
                "obstakels": rij["obstakels"],
                "url": lijst_url(basis, wegwijzer=wegwijzer.slug, label=label.slug),
            }
        )
    return rijen


def _terugkerend_per_actie(obstakels, basis: dict) -> list:
    per_actie = list(stats.terugkerend_per_actie(obstakels))
    acties = Actie.objects.select_related("wegwijzer__editie").in_bulk([rij["actie_id"] for rij in per_actie])
    return [
        rij | {"actie": acties[rij["actie_id"]], "url": lijst_url(basis, actie=rij["actie_id"])} for rij in per_actie
    ]


def inzichten(cohort: Cohort | None) -> dict:
    """The template context of the insights page, for one cohort or (None) all of them: a fixed number of queries."""
    basis = {"cohort": cohort.slug if cohort else ""}
    obstakels = stats.obstakels_voor(cohort)
    labels = list(Label.objects.all())
    wegwijzers = list(Wegwijzer.objects.huidig().order_by("volgorde"))
    per_staat = stats.per_staat(obstakels)
    label_rijen = _label_rijen(obstakels, labels, basis)
    return {
        "cohort": cohort,
        "staten": Staat.choices,
        "totalen": [
            {"naam": naam, "aantal": per_staat[staat], "url": lijst_url(basis, staat=staat)}
            for staat, naam in Staat.choices
        ],
        "totaal": {"aantal": sum(per_staat.values()), "url": lijst_url(basis)},
        "cohort_rijen": [] if cohort else _cohort_rijen(obstakels, basis),
        "label_rijen": label_rijen,
        "label_grafiek": aantallen_grafiek(
            [(rij["naam"], rij["totaal"]["aantal"]) for rij in label_rijen],
            eenheid_enkel=_("obstakel"),
            eenheid_meer=_("obstakels"),
        ),
        "wegwijzer_rijen": _wegwijzer_rijen(obstakels, wegwijzers, basis),
        "maand_rijen": _maand_rijen(obstakels, basis),
        "terugkerend": _terugkerend(obstakels, labels, wegwijzers, basis),
        "terugkerend_actie": _terugkerend_per_actie(obstakels, basis),
        "export_query": urlencode(basis) if cohort else "",
    }
