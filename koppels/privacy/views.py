"""Mijn gegevens: what the portal holds about you, as a page and as a JSON download; asking for erasure."""

import json
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from incubator.htmx import see_other
from koppels.privacy import gegevens, services
from koppels.privacy.forms import VerwijderverzoekForm
from koppels.privacy.models import Verwijderverzoek


@login_required
@require_http_methods(["GET", "HEAD"])
def gegevens_page(request: HttpRequest) -> HttpResponse:
    """Everything about you, grouped and readable (a fixed number of queries)."""
    secties = gegevens.collect(request.user)
    verzoek = next(g for g in secties if g.sectie.key == "verwijderverzoek").rijen
    context = {"secties": secties, "open_verzoek": verzoek[0] if verzoek else None, "nav": "gegevens"}
    return render(request, "privacy/gegevens.html", context)


@login_required
@require_GET
def gegevens_json(request: HttpRequest) -> HttpResponse:
    """The same data as a JSON file (fields documented in the README)."""
    document = gegevens.as_json(request.user)
    body = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    naam = f"mijn-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def verwijderen(request: HttpRequest) -> HttpResponse:
    """Ask the programme team to remove your account; the page says exactly what will happen."""
    open_verzoek = Verwijderverzoek.objects.filter(user=request.user, uitgevoerd_at__isnull=True).first()
    form = VerwijderverzoekForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.request_erasure(user=request.user, teksten_verwijderen=form.cleaned_data["teksten_verwijderen"])
        messages.success(
            request,
            _("Je verzoek is verstuurd. Het programmateam verwijdert je account en mailt je als het is gebeurd."),
        )
        return see_other(reverse("privacy:gegevens") + "#verwijderverzoek")
    status = HTTPStatus.UNPROCESSABLE_CONTENT if form.is_bound else 200
    context = {"form": form, "open_verzoek": open_verzoek, "nav": "gegevens"}
    return render(request, "privacy/verwijderen.html", context, status=status)


@login_required
@require_POST
def verwijderen_intrekken(request: HttpRequest) -> HttpResponse:
    """Withdraw your open erasure request."""
    if services.withdraw_erasure(user=request.user):
        messages.success(request, _("Je verzoek om verwijdering is ingetrokken. Je account blijft bestaan."))
    else:
        messages.info(request, _("Er stond geen verzoek om verwijdering open."))
    return see_other(reverse("privacy:gegevens"))
