"""Streamed CSV and JSON exports of koppel progress and obstacles for the programme team.

The rows come from `.iterator()` querysets and are written as they are read, so memory and the number of queries
stay the same however large a cohort grows. The columns are documented in the README ("Exports").
"""

import csv
import json
import re
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import F, Value
from django.db.models.aggregates import StringAgg
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from initiatives.models import Cohort
from koppels.models import Koppel, Obstakel
from koppels.privacy.services import record_inzage
from koppels.route import progress_for_koppels
from koppels.werkruimte.permissions import programmateam
from wegwijzers.models import Wegwijzer

BOM = "\ufeff"
SCHEIDINGSTEKENS = {"": ",", "komma": ",", "puntkomma": ";"}
CHUNK = 2000

VOORTGANG_KOLOMMEN = [
    "cohort",
    "koppel_id",
    "initiatief",
    "gearchiveerd",
    "laatste_activiteit",
    "wegwijzer_volgorde",
    "wegwijzer",
    "acties",
    "gedaan",
    "niet_van_toepassing",
    "bezig",
    "open",
    "percentage_afgerond",
    "editie",
]

OBSTAKEL_KOLOMMEN = [
    "id",
    "cohort",
    "koppel_id",
    "initiatief",
    "titel",
    "beschrijving",
    "wegwijzer_volgorde",
    "wegwijzer",
    "actie",
    "labels",
    "staat",
    "aanpak",
    "gesignaleerd_op",
    "bijgewerkt_op",
    "editie",
]


class Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def _tijd(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


# A spreadsheet starts a formula at "=", "+", "-" or "@" (a leading tab or CR, or spaces, do not stop it). It may
# split a line on another separator than we wrote, so a formula start right after any separator or line break
# inside a text is as dangerous as one at its start: `Vergunning;=1+1;` in the comma export becomes a cell `=1+1`
# in a spreadsheet that splits on semicolons.
FORMULE_START = re.compile(r"(^|[,;\t\r\n])([ \t\r]*)(?=[=+\-@])")


def _cel(value):
    """A CSV cell: yes/no in words; user text never read as a formula by a spreadsheet, whatever its separator.

    Every formula start (at the beginning or after a separator or line break) gets a leading `'` (OWASP's advice),
    and csv_stream quotes every text cell.
    """
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str):
        return FORMULE_START.sub(r"\1\2'", value)
    return value


def _in_blokken(rijen: Iterator[dict], grootte: int) -> Iterator[list[dict]]:
    blok = []
    for rij in rijen:
        blok.append(rij)
        if len(blok) == grootte:
            yield blok
            blok = []
    if blok:
        yield blok


def voortgang_rijen(cohort: Cohort | None) -> Iterator[dict]:
    """One dict per koppel x wegwijzer; progress computed per block of koppels by the portal's own helper."""
    # Progress counts the actions of the current edition: each row says which one (read with the wegwijzers).
    wegwijzers = list(Wegwijzer.objects.huidig().values_list("id", "volgorde", "editie__naam"))
    volgorde = {pk: nummer for pk, nummer, _naam in wegwijzers}
    editie_naam = wegwijzers[0][2] if wegwijzers else ""
    koppels = Koppel.objects.all()
    if cohort is not None:
        koppels = koppels.filter(cohort=cohort)
    rijen = (
        koppels.order_by("pk")
        .values("pk", "gearchiveerd_at", "laatste_activiteit_at", cohort_naam=F("cohort__naam"))
        .annotate(initiatief_naam=F("initiatief__naam"))
        .iterator(chunk_size=CHUNK)
    )
    # Two queries per CHUNK koppels (far more than a cohort has), and never more than one block in memory.
    for blok in _in_blokken(rijen, CHUNK):
        voortgang = progress_for_koppels([koppel["pk"] for koppel in blok])
        for koppel in blok:
            for v in sorted(voortgang[koppel["pk"]].per_wegwijzer, key=lambda v: volgorde[v.wegwijzer_id]):
                yield {
                    "cohort": koppel["cohort_naam"],
                    "koppel_id": koppel["pk"],
                    "initiatief": koppel["initiatief_naam"],
                    "gearchiveerd": koppel["gearchiveerd_at"] is not None,
                    "laatste_activiteit": _tijd(koppel["laatste_activiteit_at"]),
                    "wegwijzer_volgorde": volgorde[v.wegwijzer_id],
                    "wegwijzer": v.titel,
                    "acties": v.totaal,
                    "gedaan": v.gedaan,
                    "niet_van_toepassing": v.nvt,
                    "bezig": v.bezig,
                    "open": v.open,
                    "percentage_afgerond": v.percentage,
                    "editie": editie_naam,
                }


def obstakel_rijen(cohort: Cohort | None) -> Iterator[dict]:
    """One dict per obstacle; its labels aggregated in the same query (no prefetch per chunk)."""
    obstakels = Obstakel.objects.all()
    if cohort is not None:
        obstakels = obstakels.filter(koppel__cohort=cohort)
    rijen = obstakels.order_by("pk").values(
        "pk",
        "koppel_id",
        "titel",
        "beschrijving",
        "staat",
        "aanpak",
        "created_at",
        "updated_at",
        cohort_naam=F("koppel__cohort__naam"),
        initiatief_naam=F("koppel__initiatief__naam"),
        wegwijzer_volgorde=F("wegwijzer__volgorde"),
        wegwijzer_titel=F("wegwijzer__titel"),
        actie_wegwijzer=F("actie__wegwijzer__volgorde"),
        actie_volgorde=F("actie__volgorde"),
        actie_tekst=F("actie__tekst"),
        # The edition its wegwijzer and action come from: the current one, or the last one an action no longer
        # in the guide was in.
        editie_naam=Coalesce(F("actie__wegwijzer__editie__naam"), F("wegwijzer__editie__naam"), Value("")),
    )
    if connection.features.supports_aggregate_order_by_clause:
        rijen = rijen.annotate(
            label_namen=StringAgg("labels__naam", Value(", "), order_by="labels__volgorde", default=Value(""))
        ).iterator(chunk_size=CHUNK)
    else:
        rijen = _met_labelnamen(rijen)
    for rij in rijen:
        actie = f"{rij['actie_wegwijzer']}.{rij['actie_volgorde']} {rij['actie_tekst']}" if rij["actie_tekst"] else ""
        yield {
            "id": rij["pk"],
            "cohort": rij["cohort_naam"],
            "koppel_id": rij["koppel_id"],
            "initiatief": rij["initiatief_naam"],
            "titel": rij["titel"],
            "beschrijving": rij["beschrijving"],
            "wegwijzer_volgorde": rij["wegwijzer_volgorde"] or "",
            "wegwijzer": rij["wegwijzer_titel"] or "",
            "actie": actie,
            "labels": rij["label_namen"],
            "staat": rij["staat"],
            "aanpak": rij["aanpak"],
            "gesignaleerd_op": _tijd(rij["created_at"]),
            "bijgewerkt_op": _tijd(rij["updated_at"]),
            "editie": rij["editie_naam"],
        }


def _met_labelnamen(rijen) -> Iterator[dict]:
    """Label names per obstacle for SQLite before 3.44 (no ordered aggregate; `make run` has 3.40): one query
    per block of obstacles instead of the aggregate, the same text as on PostgreSQL."""
    koppeling = Obstakel.labels.through.objects
    for blok in _in_blokken(rijen.iterator(chunk_size=CHUNK), CHUNK):
        namen: dict[int, list[str]] = {}
        paren = koppeling.filter(obstakel_id__in=[rij["pk"] for rij in blok]).order_by("label__volgorde", "pk")
        for obstakel_id, naam in paren.values_list("obstakel_id", "label__naam"):
            namen.setdefault(obstakel_id, []).append(naam)
        for rij in blok:
            yield {**rij, "label_namen": ", ".join(namen.get(rij["pk"], []))}


def csv_stream(kolommen: list[str], rijen: Iterable[dict], scheiding: str) -> Iterator[str]:
    # The BOM makes Excel read the file as UTF-8 (accents in names and titles stay intact).
    # Every text cell in quotes, so one containing the other separator stays one cell.
    writer = csv.writer(Echo(), delimiter=scheiding, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    yield BOM + csv.writer(Echo(), delimiter=scheiding, lineterminator="\r\n").writerow(kolommen)  # our names
    for rij in rijen:
        yield writer.writerow([_cel(rij[k]) for k in kolommen])


def json_stream(rijen: Iterable[dict]) -> Iterator[str]:
    """A JSON array written element by element."""
    yield "["
    for index, rij in enumerate(rijen):
        yield ("," if index else "") + "\n" + json.dumps(rij, cls=DjangoJSONEncoder, ensure_ascii=False)
    yield "\n]\n"


def _export(request: HttpRequest, naam: str, formaat: str, kolommen: list[str], rijen_voor) -> HttpResponse:
    cohort = None
    if slug := request.GET.get("cohort"):
        cohort = Cohort.objects.filter(slug=slug).first()
        if cohort is None:
            return HttpResponseBadRequest(_("Dit cohort bestaat niet."), content_type="text/plain; charset=utf-8")
    bestandsnaam = f"{naam}-{cohort.slug if cohort else 'alle-cohorten'}.{formaat}"
    record_inzage(user=request.user, omschrijving=_("Export gedownload: %(bestand)s") % {"bestand": bestandsnaam})
    if formaat == "csv":
        scheiding = SCHEIDINGSTEKENS.get(request.GET.get("scheiding", ""))
        if scheiding is None:
            return HttpResponseBadRequest(
                _("Kies als scheidingsteken 'komma' of 'puntkomma'."), content_type="text/plain; charset=utf-8"
            )
        response = StreamingHttpResponse(
            csv_stream(kolommen, rijen_voor(cohort), scheiding), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(json_stream(rijen_voor(cohort)), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response["Cache-Control"] = "private, no-store"
    return response


@programmateam
@require_GET
def voortgang_export(request: HttpRequest, formaat: str) -> HttpResponse:
    """Progress of every koppel per wegwijzer, as CSV or JSON."""
    return _export(request, "voortgang", formaat, VOORTGANG_KOLOMMEN, voortgang_rijen)


@programmateam
@require_GET
def obstakel_export(request: HttpRequest, formaat: str) -> HttpResponse:
    """Every obstacle with its koppel, wegwijzer, action and labels, as CSV or JSON."""
    return _export(request, "obstakels", formaat, OBSTAKEL_KOLOMMEN, obstakel_rijen)
