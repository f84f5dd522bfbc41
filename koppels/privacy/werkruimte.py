"""The programme team's privacy page in the werkruimte: erasure requests to carry out, cohorts due for
pseudonymisation, the retention settings."""

from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from incubator.htmx import see_other
from koppels.privacy import services
from koppels.privacy.forms import VerwijderingBevestigenForm
from koppels.privacy.models import Pseudonimisering, Verwijderverzoek
from koppels.werkruimte.permissions import programmateam


@programmateam
@require_GET
def overzicht(request: HttpRequest) -> HttpResponse:
    """Open erasure requests, what will be pseudonymised when, what was done (five queries)."""
    open_verzoeken = (
        Verwijderverzoek.objects.filter(uitgevoerd_at__isnull=True, user__isnull=False)
        .select_related("user")
        .annotate(aantal_koppels=Count("user__lidmaatschappen"))
        .order_by("created_at")
    )
    context = {
        "open_verzoeken": open_verzoeken,
        "cohorten": services.pseudonymisation_due(),
        "gepseudonimiseerd": Pseudonimisering.objects.select_related("cohort")[:20],
        "uitgevoerd": Verwijderverzoek.objects.filter(uitgevoerd_at__isnull=False)
        .select_related("uitgevoerd_door")
        .order_by("-uitgevoerd_at")[:20],
        "bewaartermijn": settings.PRIVACY_BEWAARTERMIJN_MAANDEN,
        "activiteit_maanden": settings.PRIVACY_ACTIVITEIT_BEWAREN_MAANDEN,
        "uitnodigingen_maanden": settings.PRIVACY_UITNODIGINGEN_BEWAREN_MAANDEN,
        "nav": "werkruimte",
        "sub": "privacy",
    }
    return render(request, "privacy/werkruimte_overzicht.html", context)


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
def verzoek(request: HttpRequest, pk: int) -> HttpResponse:
    """One erasure request: what happens to each of the person's koppels; the team confirms (POST)."""
    verzoek = get_object_or_404(Verwijderverzoek.objects.select_related("user", "uitgevoerd_door"), pk=pk)
    overzicht_url = reverse("werkruimte:privacy:overzicht")
    if verzoek.uitgevoerd_at is not None or verzoek.user is None:
        if request.method == "POST":
            messages.info(request, _("Dit verzoek was al uitgevoerd."))
            return see_other(overzicht_url)
        return render(
            request, "privacy/werkruimte_verzoek.html", {"verzoek": verzoek, "nav": "werkruimte", "sub": "privacy"}
        )

    gevolgen = services.erasure_consequences(verzoek.user)
    rol_ontbreekt = any(gevolg.rol_ontbreekt for gevolg in gevolgen)
    form = VerwijderingBevestigenForm(request.POST if request.method == "POST" else None, rol_ontbreekt=rol_ontbreekt)
    status = 200
    fout = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                services.carry_out_erasure(verzoek=verzoek, by=request.user)
            except services.VerzoekAlUitgevoerd:
                messages.info(request, _("Dit verzoek was al uitgevoerd."))
                return see_other(overzicht_url)
            except services.EigenVerzoek:
                fout = _("Je kunt je eigen verzoek niet uitvoeren: vraag een ander lid van het programmateam.")
                status = HTTPStatus.CONFLICT
            else:
                messages.success(
                    request, _("Het account is verwijderd. De aanvrager krijgt een bevestiging per e-mail.")
                )
                return see_other(overzicht_url)
        else:
            status = HTTPStatus.UNPROCESSABLE_CONTENT
    context = {
        "verzoek": verzoek,
        "gevolgen": gevolgen,
        "form": form,
        "fout": fout,
        "nav": "werkruimte",
        "sub": "privacy",
    }
    return render(request, "privacy/werkruimte_verzoek.html", context, status=status)
