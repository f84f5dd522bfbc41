"""The whole booklet as open data: frame texts, labels, wegwijzers with acties and reading, the pilot initiatives.

The document's shape is described by a JSON Schema served next to it (`minigids.schema.json`).
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import condition, require_GET

from initiatives.models import Cohort, Initiatief
from wegwijzers.models import BOEKJE_SLEUTELS, Editie, Label, Leesitem, Tekstblok, Wegwijzer

# 2: the frame texts, the pilot initiatives, the parts of acties for one audience and dated statements.
# 3: the edition the document is (number, name, publication date, whether it is current, its own address).
SCHEMA_VERSIE = 3
SCHEMA_PAD = Path(__file__).with_name("minigids.schema.json")


def minigids_data(request: HttpRequest, editie: Editie | None = None) -> dict:
    """The document of a published edition (the current one by default) as Python data (six queries)."""
    editie = editie or Editie.objects.huidige()
    wegwijzers = (
        Wegwijzer.objects.filter(editie=editie)
        .order_by("volgorde")
        .prefetch_related(
            "labels",
            "acties",
            Prefetch("leesitems", queryset=Leesitem.objects.order_by("volgorde").prefetch_related("links")),
        )
    )
    labels = list(Label.objects.order_by("volgorde"))
    wegwijzers = list(wegwijzers)
    teksten = {blok.sleutel: blok for blok in Tekstblok.objects.filter(editie=editie, sleutel__in=BOEKJE_SLEUTELS)}
    # The 2024 pilot the booklet names: the programme's first cohort, as on the "Over" page.
    pilot = Cohort.objects.order_by("jaar", "naam").first()
    initiatieven = (
        list(Initiatief.objects.filter(cohorten=pilot).order_by("volgorde", "naam")) if pilot is not None else []
    )
    return {
        "$schema": request.build_absolute_uri(reverse("opendata_schema")),
        "titel": "Minigids voor de maatschappelijke route",
        # As the colofon states it.
        "uitgever": "MeentCoop en AmsterdamDOEN",
        "licentie": settings.MINIGIDS_CONTENT_LICENCE,
        "licentie_url": settings.MINIGIDS_CONTENT_LICENCE_URL or None,
        "bron": request.build_absolute_uri("/"),
        "schema_versie": SCHEMA_VERSIE,
        "editie": {
            "nummer": editie.nummer,
            "naam": editie.naam,
            "gepubliceerd_op": editie.gepubliceerd_op,
            "huidig": editie.huidig,
            "url": request.build_absolute_uri(reverse("opendata_editie", kwargs={"nummer": editie.nummer})),
        },
        "tekstopmaak": (
            "Alinea's zijn gescheiden door een lege regel; een regel die met '## ' begint is een tussenkop; "
            "regels die met '- ' beginnen vormen een opsomming."
        ),
        "teksten": [
            {
                "sleutel": sleutel,
                "naam": str(Tekstblok.Sleutel(sleutel).label),
                "titel": teksten[sleutel].titel,
                "ondertitel": teksten[sleutel].ondertitel,
                "tekst": teksten[sleutel].tekst,
            }
            for sleutel in BOEKJE_SLEUTELS
            if sleutel in teksten
        ],
        "labels": [{"slug": label.slug, "naam": label.naam, "volgorde": label.volgorde} for label in labels],
        "wegwijzers": [
            {
                "volgorde": w.volgorde,
                "slug": w.slug,
                "titel": w.titel,
                "url": request.build_absolute_uri(w.get_absolute_url()),
                "labels": [label.slug for label in w.labels.all()],
                "inleiding": w.inleiding,
                "doel": w.doel,
                "aanpak": w.aanpak,
                "citaat": {"tekst": w.citaat, "spreker": w.citaat_spreker, "rol": w.citaat_rol},
                "acties": [
                    {
                        "volgorde": a.volgorde,
                        "tekst": a.tekst,
                        "doelgroep": a.doelgroep,
                        "deel": {"tekst": a.deel, "doelgroep": a.deel_doelgroep} if a.deel else None,
                        "stand_van": a.stand_van,
                    }
                    for a in sorted(w.acties.all(), key=lambda a: a.volgorde)
                ],
                "leesitems": [
                    {
                        "volgorde": item.volgorde,
                        "titel": item.titel,
                        "tekst": item.tekst,
                        "links": [link.url for link in sorted(item.links.all(), key=lambda link: link.volgorde)],
                    }
                    for item in w.leesitems.all()
                ],
            }
            for w in wegwijzers
        ],
        "initiatieven": [
            {
                "volgorde": i.volgorde,
                "slug": i.slug,
                "naam": i.naam,
                "in_de_pilot": i.werkt_aan,
                "beschrijving": i.beschrijving,
                "website": i.website or None,
                "url": request.build_absolute_uri(i.get_absolute_url()),
            }
            for i in initiatieven
        ],
    }


@cache
def _schema_bytes() -> bytes:
    return SCHEMA_PAD.read_bytes()


def schema() -> dict:
    """The JSON Schema of the document (for the tests and for anyone who harvests it)."""
    return json.loads(_schema_bytes())


@require_GET
def minigids_schema(request: HttpRequest) -> HttpResponse:
    """The document's JSON Schema, a static file served beside it."""
    response = HttpResponse(_schema_bytes(), content_type="application/schema+json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _document(request: HttpRequest, nummer: int | None = None) -> bytes:
    """The JSON document, made once per request (the ETag and the body both need it)."""
    if not hasattr(request, "_minigids_json"):
        data = minigids_data(request, getattr(request, "_minigids_editie", None))
        request._minigids_json = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
    return request._minigids_json


def _etag(request: HttpRequest, nummer: int | None = None) -> str:
    # The document's own hash: any edit (inline ones too) gives a new one; unchanged content gets a 304.
    return hashlib.sha256(_document(request)).hexdigest()[:32]


@condition(etag_func=_etag)
def _document_or_not_modified(request: HttpRequest, nummer: int | None = None) -> HttpResponse:
    return HttpResponse(_document(request), content_type="application/json; charset=utf-8")


@require_GET
def minigids_json(request: HttpRequest) -> HttpResponse:
    """Anyone may fetch this (no login); other sites may read it from their own pages too."""
    response = _document_or_not_modified(request)  # 304 Not Modified when If-None-Match has this ETag
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Disposition"] = 'inline; filename="minigids.json"'
    return response


@require_GET
def minigids_json_editie(request: HttpRequest, nummer: int) -> HttpResponse:
    """A published edition at its own, stable address: frozen, so it may be kept for long."""
    request._minigids_editie = get_object_or_404(Editie.objects.gepubliceerd(), nummer=nummer)
    response = _document_or_not_modified(request, nummer)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Disposition"] = f'inline; filename="minigids-editie-{nummer}.json"'
    return response
