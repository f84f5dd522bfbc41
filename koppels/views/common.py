"""What every koppel view shares: the permission gate, the action by its number, members and roles."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from incubator.htmx import see_other
from koppels.models import Koppel, Lidmaatschap
from wegwijzers.models import Actie


def koppel_for(request: HttpRequest, pk: int) -> Koppel:
    """The koppel if this user may see it; 404 otherwise (the same as a koppel that does not exist)."""
    return get_object_or_404(Koppel.objects.for_user(request.user).select_related("initiatief", "cohort"), pk=pk)


def actie_for(wegwijzer: int, nummer: int) -> Actie:
    return get_object_or_404(
        Actie.objects.huidig().select_related("wegwijzer__editie"), wegwijzer__volgorde=wegwijzer, volgorde=nummer
    )


def leden_qs():
    return Lidmaatschap.objects.select_related("user").order_by("rol", "user__naam", "user__email")


def rol_in(leden, user) -> str:
    """The user's role in the koppel ("" for the programme team and others without one)."""
    return next((lid.rol for lid in leden if lid.user_id == user.pk), "")


__all__ = ["actie_for", "koppel_for", "leden_qs", "rol_in", "see_other"]
