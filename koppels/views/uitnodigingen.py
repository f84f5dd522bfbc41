"""Invitations: the programme team invites, resends and revokes; the link in the mail lets someone join."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from incubator.eenmalig import once_per_form
from koppels import services
from koppels.forms import AccountAanmakenForm, UitnodigingForm
from koppels.models import Koppel, Uitnodiging
from koppels.views.common import koppel_for, leden_qs, see_other


def _staff_koppel(request: HttpRequest, pk: int) -> Koppel:
    koppel = koppel_for(request, pk)
    if not request.user.is_staff:
        raise PermissionDenied
    return koppel


def _leden_url(koppel: Koppel) -> str:
    return f"{koppel.get_absolute_url()}#leden"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@once_per_form
def uitnodiging_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme team invites someone by email: a page of its own, its errors at the top where they are seen."""
    koppel = _staff_koppel(request, pk)
    leden = list(leden_qs().filter(koppel=koppel))
    if request.method != "POST":
        form = UitnodigingForm(initial={"rol": UitnodigingForm.default_rol(leden)})
        return TemplateResponse(request, "koppels/uitnodiging_form.html", _context(koppel, leden, form))
    form = UitnodigingForm(request.POST)
    if koppel.is_gearchiveerd:
        context = _context(koppel, leden, form, fouten=[("", str(services.KoppelGearchiveerd.message))])
        return TemplateResponse(request, "koppels/uitnodiging_form.html", context, status=HTTPStatus.CONFLICT)
    if not form.is_valid():
        context = _context(koppel, leden, form)
        return TemplateResponse(
            request, "koppels/uitnodiging_form.html", context, status=HTTPStatus.UNPROCESSABLE_CONTENT
        )
    email = form.cleaned_data["email"]
    services.invite(koppel=koppel, email=email, rol=form.cleaned_data["rol"], by=request.user, request=request)
    messages.success(request, _("Uitnodiging verstuurd aan %(email)s.") % {"email": email})
    return see_other(_leden_url(koppel))


def _context(koppel: Koppel, leden: list, form: UitnodigingForm, **extra) -> dict:
    return {"koppel": koppel, "leden": leden, "form": form, "nav": "koppels", **extra}


def _uitnodiging(koppel: Koppel, uitnodiging_pk: int) -> Uitnodiging:
    return get_object_or_404(koppel.uitnodigingen.select_related("koppel"), pk=uitnodiging_pk)


@login_required
@require_POST
def uitnodiging_resend(request: HttpRequest, pk: int, uitnodiging_pk: int) -> HttpResponse:
    """Send an invitation again, with a new link."""
    koppel = _staff_koppel(request, pk)
    uitnodiging = _uitnodiging(koppel, uitnodiging_pk)
    try:
        services.resend_invitation(uitnodiging=uitnodiging, by=request.user, request=request)
    except (services.UitnodigingOngeldig, services.KoppelGearchiveerd):
        messages.error(request, _("Deze uitnodiging kan niet opnieuw worden verstuurd."))
        return see_other(_leden_url(koppel))
    messages.success(request, _("Uitnodiging opnieuw verstuurd aan %(email)s.") % {"email": uitnodiging.email})
    return see_other(_leden_url(koppel))


@login_required
@require_POST
def uitnodiging_revoke(request: HttpRequest, pk: int, uitnodiging_pk: int) -> HttpResponse:
    """Revoke an invitation."""
    koppel = _staff_koppel(request, pk)
    uitnodiging = _uitnodiging(koppel, uitnodiging_pk)
    services.revoke_invitation(uitnodiging=uitnodiging, by=request.user)
    messages.success(request, _("Uitnodiging aan %(email)s ingetrokken.") % {"email": uitnodiging.email})
    return see_other(_leden_url(koppel))


# Accepting an invitation (no login needed: the link is the credential)


UITNODIGING_STATUS = {
    services.UitnodigingOngeldig.ONBEKEND: 404,
    services.UitnodigingOngeldig.VERLOPEN: 410,
    services.UitnodigingOngeldig.GEBRUIKT: 410,
    services.UitnodigingOngeldig.INGETROKKEN: 410,
    services.UitnodigingOngeldig.ANDER_ACCOUNT: 403,
    services.UitnodigingOngeldig.ACCOUNT_BESTAAT: 409,
}


@require_http_methods(["GET", "HEAD", "POST"])
def uitnodiging_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Open an invitation link: create an account, or log in and link it, and join the koppel."""
    try:
        uitnodiging = services.find_invitation(token)
    except services.UitnodigingOngeldig as invalid:
        return _invalid_invitation(request, invalid)
    user = request.user if request.user.is_authenticated else None
    account_bestaat = user is None and services.address_taken(uitnodiging.email)
    form = None
    if user is None and not account_bestaat:
        form = AccountAanmakenForm(request.POST or None, email=uitnodiging.email)
    # Posting an account form for an address that already has an account: refused, the page says to log in.
    status_code = HTTPStatus.CONFLICT if account_bestaat and request.method == "POST" else 200
    if request.method == "POST" and not account_bestaat:
        if form is None or form.is_valid():
            return _accept(request, token, uitnodiging, user, form)
        status_code = HTTPStatus.UNPROCESSABLE_CONTENT
    context = {
        "uitnodiging": uitnodiging,
        "form": form,
        "account_bestaat": account_bestaat,
        "ander_account": user is not None and user.email.lower() != uitnodiging.email.lower(),
        "login_url": f"{reverse('account_login')}?next={request.path}",
    }
    return TemplateResponse(request, "koppels/uitnodiging.html", context, status=status_code)


def _accept(request: HttpRequest, token: str, uitnodiging: Uitnodiging, user, form) -> HttpResponse:
    try:
        lidmaatschap = services.accept_invitation(
            token=token,
            user=user,
            naam=form.cleaned_data["naam"] if form else "",
            password=form.cleaned_data["password1"] if form else "",
        )
    except services.UitnodigingOngeldig as invalid:
        return _invalid_invitation(request, invalid)
    except services.KoppelGearchiveerd:
        return _invalid_invitation(request, services.UitnodigingOngeldig("gearchiveerd", uitnodiging), 410)
    if user is None:
        login(request, lidmaatschap.user, backend="allauth.account.auth_backends.AuthenticationBackend")
    messages.success(
        request,
        _("Welkom! Je doet nu mee in het koppel van %(initiatief)s.") % {"initiatief": uitnodiging.koppel.initiatief},
    )
    return see_other(lidmaatschap.koppel.get_absolute_url())


def _invalid_invitation(request: HttpRequest, invalid: services.UitnodigingOngeldig, status: int | None = None):
    context = {"reden": invalid.reden, "uitnodiging": invalid.uitnodiging}
    return TemplateResponse(
        request,
        "koppels/uitnodiging_ongeldig.html",
        context,
        status=status or UITNODIGING_STATUS.get(invalid.reden, 410),
    )
