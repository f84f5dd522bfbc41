"""The public pages of the minigids: no login, GET only, a fixed number of queries per page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.html import escape
from django.views.decorators.http import require_safe

from incubator.htmx import render_page
from initiatives.models import Cohort
from wegwijzers import search as zoeken
from wegwijzers import zoekpagina
from wegwijzers.models import Doelgroep, Label, Tekstblok, Wegwijzer

DOELGROEPEN = (Doelgroep.AMBTENAAR, Doelgroep.INITIATIEFNEMER)


def _doelgroep(request: HttpRequest) -> tuple[str, bool]:
    """The chosen audience ("" for all) and whether the request asked for an unknown one."""
    waarde = request.GET.get("doelgroep", "")
    if waarde in DOELGROEPEN:
        return waarde, False
    return "", waarde not in ("", Doelgroep.BEIDE)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The introduction, the six wegwijzers as cards, and the ways into search and the filters."""
    context = {
        "teksten": Tekstblok.objects.per_sleutel("inleiding", "zes-wegwijzers", "zijbalk", "omslag"),
        "wegwijzers": Wegwijzer.objects.huidig().met_labels(),
        "labels": Label.objects.met_aantal().order_by("volgorde"),
    }
    return render_page(request, "wegwijzers/home.html", context)


@require_safe
def wegwijzer_list(request: HttpRequest) -> HttpResponse:
    """All wegwijzers, filtered by label (any of the chosen) and by the audience of their acties."""
    labels = list(Label.objects.met_aantal().order_by("volgorde"))
    gevraagd = request.GET.getlist("label")
    bekend = {label.slug for label in labels}
    gekozen_labels = [slug for slug in dict.fromkeys(gevraagd) if slug in bekend]
    doelgroep, onbekende_doelgroep = _doelgroep(request)

    wegwijzers = Wegwijzer.objects.huidig().met_label(gekozen_labels).met_acties_voor(doelgroep)
    wegwijzers = wegwijzers.met_acties(doelgroep) if doelgroep else wegwijzers.met_labels()
    context = {
        "nav": "wegwijzers",
        "labels": labels,
        "gekozen_labels": gekozen_labels,
        "doelgroep": doelgroep,
        "doelgroepen": [(waarde, Doelgroep(waarde).label) for waarde in DOELGROEPEN],
        "wegwijzers": list(wegwijzers),
        "genegeerd": onbekende_doelgroep or len(gekozen_labels) < len(set(gevraagd)),
        "gefilterd": bool(gekozen_labels or doelgroep),
        # "Open technologie" is one of the booklet's labels, but no wegwijzer carries it yet: say so.
        "lege_labels": [label.naam for label in labels if label.slug in gekozen_labels and not label.aantal],
    }
    return render_page(request, "wegwijzers/wegwijzer_list.html", context, partial="resultaten")


@require_safe
def wegwijzer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One wegwijzer with its sections in the booklet's order, optionally only the acties for one audience."""
    doelgroep, _ = _doelgroep(request)
    wegwijzer = get_object_or_404(
        Wegwijzer.objects.huidig().volledig(doelgroep).select_related("editie", "bijgewerkt_in"), slug=slug
    )
    context = {
        "nav": "wegwijzers",
        "wegwijzer": wegwijzer,
        "doelgroep": doelgroep,
        "doelgroepen": [(waarde, Doelgroep(waarde).label) for waarde in DOELGROEPEN],
        **Wegwijzer.objects.navigatie(wegwijzer),
    }
    return render_page(request, "wegwijzers/wegwijzer_detail.html", context, partial="acties")


@require_safe
def doe_mee(request: HttpRequest) -> HttpResponse:
    """How to join the programme (the booklet's "Doe mee" page)."""
    context = {"nav": "doe-mee", "teksten": Tekstblok.objects.per_sleutel("doe-mee")}
    return render_page(request, "wegwijzers/doe_mee.html", context)


@require_safe
def over(request: HttpRequest) -> HttpResponse:
    """About the minigids: cover, who made it, the colofon and the 2024 pilot."""
    # The programme's first cohort is the 2024 pilot the booklet grew out of.
    pilot = Cohort.objects.order_by("jaar", "naam").prefetch_related("initiatieven").first()
    context = {
        "nav": "over",
        "teksten": Tekstblok.objects.per_sleutel("omslag", "zijbalk", "colofon", "achterkant"),
        "pilot": pilot,
    }
    return render_page(request, "wegwijzers/over.html", context)


VERKLARINGEN = {
    Tekstblok.Sleutel.TOEGANKELIJKHEID: "toegankelijkheid",
    Tekstblok.Sleutel.PRIVACY: "privacy",
    Tekstblok.Sleutel.CONTACT: "contact",
}


@require_safe
def verklaring(request: HttpRequest, sleutel: str) -> HttpResponse:
    """A statement the portal owes its visitors (toegankelijkheid, privacy, contact), edited by the programme team."""
    blok = get_object_or_404(Tekstblok, sleutel=sleutel, editie=None)
    return render_page(request, "wegwijzers/verklaring.html", {"nav": VERKLARINGEN[sleutel], "blok": blok})


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Search the whole guide; htmx asks for the results region only (results as you type)."""
    vraag = request.GET.get("q", "")
    uitkomst = zoeken.zoek(vraag)
    context = {
        "nav": "zoeken",
        "uitkomst": uitkomst,
        "ingekort": len(zoeken.normaliseer(vraag)) < len(" ".join(vraag.split())),
        "max_vraag": zoeken.MAX_VRAAG,
        "meer_woorden": len(uitkomst.vraag.split()) > 1,  # nothing found: "not this word" or "not these together"
    }
    if zoekpagina.bruikbaar(request, uitkomst.vraag):  # no cookies, no htmx: the page around the results is shared
        return zoekpagina.render(request, context, escape(uitkomst.vraag))
    return render_page(request, "wegwijzers/zoeken.html", context, partial="zoekresultaten")
