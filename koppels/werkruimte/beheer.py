"""Managing the programme from the workspace: cohorts, initiatives, koppels, archiving.

Inviting members (and resending or revoking invitations) happens on the koppel's own page (koppels app), which the
workspace links to; the changes here go through koppels.services where one exists, so the activity log stays whole.
"""

from collections.abc import Callable
from http import HTTPStatus

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from incubator.eenmalig import once_per_form
from incubator.htmx import render_page, see_other
from initiatives.forms import CohortForm, InitiatiefForm
from initiatives.models import Cohort, Initiatief
from koppels import services
from koppels.models import Koppel
from koppels.werkruimte.forms import KoppelForm
from koppels.werkruimte.permissions import programmateam


def form_page(
    request: HttpRequest, form, *, titel: str, knop: str, terug: str, opslaan: Callable, sub: str = "home"
) -> HttpResponse:
    """GET shows the form; a valid POST saves and redirects (303); an invalid one shows the errors with 422, and a
    save over someone else's change in the meantime is refused with 409 (the check locks the row until saved)."""
    if request.method == "POST":
        with transaction.atomic():
            if form.is_valid():
                url, melding = opslaan(form)
                messages.success(request, melding)
                return see_other(url)
    context = {"form": form, "titel": titel, "knop": knop, "terug": terug, "nav": "werkruimte", "sub": sub}
    status = HTTPStatus.OK
    if form.is_bound:
        status = HTTPStatus.CONFLICT if getattr(form, "is_stale", False) else HTTPStatus.UNPROCESSABLE_CONTENT
    return render_page(request, "werkruimte/form.html", context, status=status)


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
@once_per_form
def cohort_create(request: HttpRequest) -> HttpResponse:
    """A new round of the programme."""

    def opslaan(form):
        cohort = form.save()
        return reverse("werkruimte:cohort", args=[cohort.slug]), _("Cohort ‘%(naam)s’ aangemaakt.") % {
            "naam": cohort.naam
        }

    form = CohortForm(request.POST or None)
    return form_page(
        request,
        form,
        titel=_("Nieuw cohort"),
        knop=_("Cohort aanmaken"),
        terug=reverse("werkruimte:home"),
        opslaan=opslaan,
    )


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
def cohort_update(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit a cohort's name, year, description and dates."""
    cohort = get_object_or_404(Cohort, slug=slug)
    terug = reverse("werkruimte:cohort", args=[cohort.slug])

    def opslaan(form):
        cohort = form.save()
        return reverse("werkruimte:cohort", args=[cohort.slug]), _("Cohort ‘%(naam)s’ opgeslagen.") % {
            "naam": cohort.naam
        }

    form = CohortForm(request.POST or None, instance=cohort)
    titel = _("Cohort ‘%(naam)s’ bewerken") % {"naam": cohort.naam}
    return form_page(request, form, titel=titel, knop=_("Opslaan"), terug=terug, opslaan=opslaan)


@programmateam
@require_GET
def initiatief_list(request: HttpRequest) -> HttpResponse:
    """All initiatives, with their cohorts and koppels (four queries)."""
    initiatieven = Initiatief.objects.prefetch_related("cohorten", "koppels__cohort").order_by("volgorde", "naam")
    context = {"initiatieven": initiatieven, "nav": "werkruimte", "sub": "beheer"}
    return render_page(request, "werkruimte/initiatief_list.html", context)


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
@once_per_form
def initiatief_create(request: HttpRequest) -> HttpResponse:
    """A new initiative taking part in the programme."""

    def opslaan(form):
        initiatief = form.save()
        return reverse("werkruimte:initiatieven"), _("Initiatief ‘%(naam)s’ aangemaakt.") % {"naam": initiatief.naam}

    form = InitiatiefForm(request.POST or None)
    terug = reverse("werkruimte:initiatieven")
    return form_page(
        request,
        form,
        titel=_("Nieuw initiatief"),
        knop=_("Initiatief aanmaken"),
        terug=terug,
        opslaan=opslaan,
        sub="beheer",
    )


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
def initiatief_update(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit an initiative."""
    initiatief = get_object_or_404(Initiatief, slug=slug)

    def opslaan(form):
        initiatief = form.save()
        return reverse("werkruimte:initiatieven"), _("Initiatief ‘%(naam)s’ opgeslagen.") % {"naam": initiatief.naam}

    form = InitiatiefForm(request.POST or None, instance=initiatief)
    titel = _("Initiatief ‘%(naam)s’ bewerken") % {"naam": initiatief.naam}
    terug = reverse("werkruimte:initiatieven")
    return form_page(request, form, titel=titel, knop=_("Opslaan"), terug=terug, opslaan=opslaan, sub="beheer")


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
@once_per_form
def koppel_create(request: HttpRequest) -> HttpResponse:
    """A new koppel: an initiative in a cohort; then the team invites its members on the koppel's page."""

    def opslaan(form):
        koppel = services.create_koppel(
            initiatief=form.cleaned_data["initiatief"], cohort=form.cleaned_data["cohort"], by=request.user
        )
        return f"{koppel.get_absolute_url()}#leden", _("Koppel aangemaakt. Nodig nu de leden uit.")

    initial = {}
    if slug := request.GET.get("cohort"):
        initial["cohort"] = Cohort.objects.filter(slug=slug).first()
    form = KoppelForm(request.POST or None, initial=initial)
    terug = (
        reverse("werkruimte:cohort", args=[initial["cohort"].slug])
        if initial.get("cohort")
        else reverse("werkruimte:home")
    )
    return form_page(request, form, titel=_("Nieuw koppel"), knop=_("Koppel aanmaken"), terug=terug, opslaan=opslaan)


def confirm_page(request: HttpRequest, *, titel: str, uitleg: str, knop: str, terug: str) -> HttpResponse:
    context = {"titel": titel, "uitleg": uitleg, "knop": knop, "terug": terug, "nav": "werkruimte", "sub": "home"}
    return render_page(request, "werkruimte/bevestig.html", context)


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
def koppel_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive one koppel (read-only from then on; nothing is deleted). GET asks for confirmation."""
    koppel = get_object_or_404(Koppel.objects.for_user(request.user).select_related("initiatief", "cohort"), pk=pk)
    terug = reverse("werkruimte:cohort", args=[koppel.cohort.slug])
    if request.method == "POST":
        if koppel.is_gearchiveerd:
            messages.info(request, _("Dit koppel was al gearchiveerd."))
        else:
            services.archive_koppel(koppel=koppel, by=request.user)
            messages.success(request, _("Koppel %(naam)s gearchiveerd.") % {"naam": koppel.initiatief.naam})
        return see_other(terug)
    return confirm_page(
        request,
        titel=_("Koppel %(naam)s archiveren") % {"naam": koppel.initiatief.naam},
        uitleg=_(
            "Een gearchiveerd koppel blijft zichtbaar met zijn route, notities en obstakels, maar niemand kan er nog "
            "iets aan veranderen. Er wordt niets verwijderd."
        ),
        knop=_("Archiveer dit koppel"),
        terug=terug,
    )


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
def cohort_archive(request: HttpRequest, slug: str) -> HttpResponse:
    """When a cohort ends: archive all its koppels at once. GET asks for confirmation."""
    cohort = get_object_or_404(Cohort, slug=slug)
    terug = reverse("werkruimte:cohort", args=[cohort.slug])
    actief = Koppel.objects.for_user(request.user).filter(cohort=cohort).actief()
    if request.method == "POST":
        with transaction.atomic():
            koppels = list(actief)
            for koppel in koppels:
                services.archive_koppel(koppel=koppel, by=request.user)
        messages.success(request, _("%(aantal)s koppels gearchiveerd.") % {"aantal": len(koppels)})
        return see_other(terug)
    return confirm_page(
        request,
        titel=_("Alle koppels van %(cohort)s archiveren") % {"cohort": cohort.naam},
        uitleg=_(
            "Doe dit als het cohort is afgelopen. %(aantal)s actieve koppels worden gearchiveerd: hun route, notities "
            "en obstakels blijven zichtbaar, maar niemand kan er nog iets aan veranderen. Er wordt niets verwijderd."
        )
        % {"aantal": actief.count()},
        knop=_("Archiveer alle koppels"),
        terug=terug,
    )
