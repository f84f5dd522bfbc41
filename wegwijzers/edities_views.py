"""Editions on the site: the list of editions, an edition's contents and wegwijzer pages, and the change notes.

Published editions are public and frozen; an older one is marked as not current. The draft edition is shown at the
same addresses to the programme team only, as a preview: a 404 for everyone else, `Cache-Control: private, no-store`
and never in the page cache (a logged-in person's request never reaches it, and a 404 is never stored).

Every page asks a fixed number of queries, however many editions there are (tests/edities/test_pages.py).
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from incubator.htmx import render_page
from wegwijzers.models import Doelgroep, Editie, Wegwijzer, Wijzigingsnotitie
from wegwijzers.views import DOELGROEPEN, _doelgroep

PRIVE = "private, no-store"


def _programmateam(request: HttpRequest) -> bool:
    # The same rule as koppels.werkruimte.permissions.is_programmateam (wegwijzers imports nothing from koppels).
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def _zichtbare_edities(request: HttpRequest):
    """Published editions for everyone; the draft as well for the programme team (its preview)."""
    if _programmateam(request):
        return Editie.objects.all()
    return Editie.objects.gepubliceerd()


def _editie(request: HttpRequest, nummer: int) -> Editie:
    """The edition with this number, if the person may see it (a draft: the programme team only, else 404)."""
    return get_object_or_404(_zichtbare_edities(request), nummer=nummer)


def _prive(response: HttpResponse, editie: Editie) -> HttpResponse:
    """A draft's preview stays out of every cache, whoever asked."""
    if editie.is_concept:
        response["Cache-Control"] = PRIVE
    return response


def _notities():
    """The change notes of an edition with what a list of them shows, in one query.

    The proposals taken over into a note (`Voorstel.notitie`, related name "voorstellen", from koppels.voorstellen)
    are read with it once that model exists: templates/edities/_voorstellen.html lists them.
    """
    notities = Wijzigingsnotitie.objects.select_related("wegwijzer__editie").order_by("pk")
    if hasattr(Wijzigingsnotitie, "voorstellen"):
        notities = notities.prefetch_related("voorstellen")
    return notities


@require_safe
def overzicht(request: HttpRequest) -> HttpResponse:
    """All published editions, newest first (and, for the programme team, the draft to preview). One query."""
    edities = list(_zichtbare_edities(request).order_by("-nummer"))
    context = {"nav": "edities", "edities": edities, "concept": next((e for e in edities if e.is_concept), None)}
    response = render_page(request, "edities/editie_list.html", context)
    if context["concept"] is not None:
        response["Cache-Control"] = PRIVE
    return response


@require_safe
def detail(request: HttpRequest, nummer: int) -> HttpResponse:
    """An edition's table of contents, its PDFs and open data; an older one says so and links the current one."""
    editie = _editie(request, nummer)
    wegwijzers = list(Wegwijzer.objects.filter(editie=editie).met_labels().order_by("volgorde"))
    for wegwijzer in wegwijzers:
        wegwijzer.editie = editie  # url_in_editie reads it: no query per row
    context = {
        "nav": "edities",
        "editie": editie,
        "wegwijzers": wegwijzers,
        "huidige": editie if editie.huidig else Editie.objects.huidige(),
        "notities": list(_notities().filter(editie=editie)) if not editie.is_concept else [],
    }
    return _prive(render_page(request, "edities/editie_detail.html", context), editie)


@require_safe
def wegwijzer(request: HttpRequest, nummer: int, slug: str) -> HttpResponse:
    """A wegwijzer as an older edition (or the draft) has it: the wegwijzer page, marked as not current.

    The current edition's page is the wegwijzer's own address: this one redirects there.
    """
    editie = _editie(request, nummer)
    if editie.huidig:
        url = Wegwijzer(slug=slug).get_absolute_url()
        return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
    doelgroep, _ = _doelgroep(request)
    gekozen = get_object_or_404(
        Wegwijzer.objects.filter(editie=editie).volledig(doelgroep).select_related("editie", "bijgewerkt_in"),
        slug=slug,
    )
    # The current edition, and whether this wegwijzer is still in it under the same address (one query).
    huidige = (
        Editie.objects.filter(huidig=True)
        .annotate(heeft_wegwijzer=Exists(Wegwijzer.objects.filter(editie=OuterRef("pk"), slug=slug)))
        .first()
    )
    context = {
        "nav": "wegwijzers",
        "wegwijzer": gekozen,
        "doelgroep": doelgroep,
        "doelgroepen": [(waarde, Doelgroep(waarde).label) for waarde in DOELGROEPEN],
        "huidige_editie": huidige,
        **Wegwijzer.objects.navigatie(gekozen),
    }
    response = render_page(request, "wegwijzers/wegwijzer_detail.html", context, partial="acties")
    return _prive(response, editie)


@require_safe
def wijzigingen(request: HttpRequest) -> HttpResponse:
    """What changed in the guide, per published edition, newest first: change notes and comparisons (two queries)."""
    edities = (
        Editie.objects.gepubliceerd()
        .order_by("-nummer")
        .prefetch_related(Prefetch("notities", queryset=_notities(), to_attr="notities_lijst"))
    )
    return render_page(request, "edities/wijzigingen.html", {"nav": "wijzigingen", "edities": list(edities)})


def lijn(slug: str) -> list[Wegwijzer]:
    """One wegwijzer through the published editions, oldest first, followed through `vorige` (one query).

    A wegwijzer's address (its slug) may change from one edition to the next; `vorige` links each edition's row to
    the row it was copied from, so the line holds whatever the title or address became. The address asked for names
    the newest edition that had it; from that row the line runs back through `vorige` and on through the rows
    copied from it. A wegwijzer that was taken out of the guide ends with the last edition that had it.
    """
    rijen = list(
        Wegwijzer.objects.filter(editie__status=Editie.Status.GEPUBLICEERD)
        .select_related("editie")
        .only("titel", "slug", "vorige", "editie__nummer", "editie__naam", "editie__huidig", "editie__gepubliceerd_op")
        .order_by("editie__nummer")
    )
    met_slug = [rij for rij in rijen if rij.slug == slug]
    if not met_slug:
        return []
    per_pk = {rij.pk: rij for rij in rijen}
    opvolger = {rij.vorige_id: rij for rij in rijen if rij.vorige_id is not None}
    begin = met_slug[-1]
    terug = []
    rij = begin
    while rij is not None:
        terug.append(rij)
        rij = per_pk.get(rij.vorige_id)
    verder = []
    rij = opvolger.get(begin.pk)
    while rij is not None:
        verder.append(rij)
        rij = opvolger.get(rij.pk)
    return [*reversed(terug), *verder]


@require_safe
def wegwijzer_wijzigingen(request: HttpRequest, slug: str) -> HttpResponse:
    """What changed in one wegwijzer, per edition, newest first (two queries)."""
    rijen = lijn(slug)
    if not rijen:
        raise Http404
    nieuwste = rijen[-1]
    if nieuwste.editie.huidig and nieuwste.slug != slug:
        # Its address changed in a later edition: the notes live at the current one.
        return redirect("edities:wegwijzer_wijzigingen", slug=nieuwste.slug)
    notities = list(
        _notities()
        .select_related("editie")
        .filter(wegwijzer__in=[rij.pk for rij in rijen], editie__status=Editie.Status.GEPUBLICEERD)
        .order_by("-editie__nummer", "pk")
    )
    context = {
        "nav": "wegwijzers",
        "wegwijzer": nieuwste,
        "eerste": rijen[0],
        "in_huidige": nieuwste.editie.huidig,
        "notities": notities,
        # A wegwijzer added in a later edition has a note "Nieuwe wegwijzer" there; one from the first edition not.
        "eerste_zonder_notitie": not any(n.soort == Wijzigingsnotitie.Soort.NIEUW for n in notities),
    }
    return render_page(request, "edities/wegwijzer_wijzigingen.html", context)
