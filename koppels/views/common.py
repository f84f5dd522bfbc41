"""What every koppel view shares: the permission gate, answers after a change, page-or-partial."""

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers

from koppels.models import Koppel, Lidmaatschap
from wegwijzers.models import Actie

HTTP_CONFLICT = 409
HTTP_UNPROCESSABLE = 422


def koppel_for(request: HttpRequest, pk: int) -> Koppel:
    """The koppel if this user may see it; 404 otherwise (the same as a koppel that does not exist)."""
    return get_object_or_404(Koppel.objects.for_user(request.user).select_related("initiatief", "cohort"), pk=pk)


def actie_for(wegwijzer: int, nummer: int) -> Actie:
    return get_object_or_404(Actie.objects.select_related("wegwijzer"), wegwijzer__volgorde=wegwijzer, volgorde=nummer)


def see_other(url: str) -> HttpResponseRedirect:
    """After a POST without JavaScript: 303, so the browser GETs the page back."""
    return HttpResponseRedirect(url, status=303)


def page_or_partial(request: HttpRequest, template: str, partial: str, context: dict, status: int = 200):
    """The whole page, or for htmx just the named partial of it; caches keep the two apart (Vary: HX-Request)."""
    name = f"{template}#{partial}" if request.htmx else template
    response = TemplateResponse(request, name, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def leden_qs():
    return Lidmaatschap.objects.select_related("user").order_by("rol", "user__naam", "user__email")


def rol_in(leden, user) -> str:
    """The user's role in the koppel ("" for the programme team and others without one)."""
    return next((lid.rol for lid in leden if lid.user_id == user.pk), "")
