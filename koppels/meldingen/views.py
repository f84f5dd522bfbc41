"""The Meldingen page (account area) and the signed one-click unsubscribe link of every mail."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from incubator.htmx import see_other
from koppels.meldingen import rhythm
from koppels.meldingen.forms import MeldingenForm
from koppels.meldingen.models import Meldingvoorkeur, Ritme, Soort


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def instellingen(request: HttpRequest) -> HttpResponse:
    """Choose per kind of mail how often it comes: direct, daily, weekly or never."""
    form = MeldingenForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Je keuzes voor meldingen zijn opgeslagen."))
            return see_other("meldingen:instellingen")
        status = 422
    else:
        status = 200
    return render(request, "meldingen/instellingen.html", {"form": form, "nav": "meldingen"}, status=status)


# No login and no CSRF token: the signature in the link is the authority (RFC 8058 one-click unsubscribe, where the
# mail client POSTs "List-Unsubscribe=One-Click" without any cookie). It can only ever switch one kind of mail off.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def uitschrijven(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (mail scanners follow links: no change on GET); POST switches the kind off."""
    try:
        user_id, soort = rhythm.read_unsubscribe_token(token)
    except (signing.BadSignature, ValueError, TypeError):
        return render(request, "meldingen/uitschrijven.html", {"fout": True}, status=HTTPStatus.BAD_REQUEST)
    if not get_user_model().objects.filter(pk=user_id).exists():
        return render(request, "meldingen/uitschrijven.html", {"fout": True}, status=HTTPStatus.BAD_REQUEST)
    context = {"soort": Soort(soort), "actie": request.path}
    if request.method == "POST":
        Meldingvoorkeur.objects.update_or_create(user_id=user_id, soort=soort, defaults={"ritme": Ritme.NOOIT})
        context["klaar"] = True
    return render(request, "meldingen/uitschrijven.html", context)
