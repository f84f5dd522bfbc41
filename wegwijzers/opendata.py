"""The guide itself as open data: wegwijzers, acties, reading items and labels in one JSON document."""

import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import condition, require_GET

from wegwijzers.models import Label, Leesitem, Wegwijzer

SCHEMA_VERSIE = 1


def minigids_data(request: HttpRequest) -> dict:
    """The document as Python data (five queries, whatever the size of the guide)."""
    wegwijzers = Wegwijzer.objects.order_by("volgorde").prefetch_related(
        "labels",
        "acties",
        Prefetch("leesitems", queryset=Leesitem.objects.order_by("volgorde").prefetch_related("links")),
    )
    labels = list(Label.objects.order_by("volgorde"))
    wegwijzers = list(wegwijzers)
    return {
        "titel": "Minigids voor de maatschappelijke route",
        "uitgever": "MeentCoop en AmsterDOEN (Gemeente Amsterdam)",
        "licentie": settings.MINIGIDS_CONTENT_LICENCE,
        "licentie_url": settings.MINIGIDS_CONTENT_LICENCE_URL or None,
        "bron": request.build_absolute_uri("/"),
        "schema_versie": SCHEMA_VERSIE,
        "tekstopmaak": (
            "Alinea's zijn gescheiden door een lege regel; een regel die met '## ' begint is een tussenkop; "
            "regels die met '- ' beginnen vormen een opsomming."
        ),
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
                    {"volgorde": a.volgorde, "tekst": a.tekst, "doelgroep": a.doelgroep}
                    for a in sorted(w.acties.all(), key=lambda a: a.volgorde)
                ],
                "leesitems": [
                    {
                        "volgorde": item.volgorde,
                        "titel": item.titel,
                        "beschrijving": item.beschrijving,
                        "links": [link.url for link in sorted(item.links.all(), key=lambda link: link.volgorde)],
                    }
                    for item in w.leesitems.all()
                ],
            }
            for w in wegwijzers
        ],
    }


def _document(request: HttpRequest) -> bytes:
    """The JSON document, made once per request (the ETag and the body both need it)."""
    if not hasattr(request, "_minigids_json"):
        data = minigids_data(request)
        request._minigids_json = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
    return request._minigids_json


def _etag(request: HttpRequest) -> str:
    # The document's own hash: any edit (inline ones too) gives a new one; unchanged content gets a 304.
    return hashlib.sha256(_document(request)).hexdigest()[:32]


@condition(etag_func=_etag)
def _document_or_not_modified(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_document(request), content_type="application/json; charset=utf-8")


@require_GET
def minigids_json(request: HttpRequest) -> HttpResponse:
    """Anyone may fetch this (no login); other sites may read it from their own pages too."""
    response = _document_or_not_modified(request)  # 304 Not Modified when If-None-Match has this ETag
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Disposition"] = 'inline; filename="minigids.json"'
    return response
