"""Obstacles: report one (its own page, an action filled in when it comes from one), edit one, see its card."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from incubator.eenmalig import once_per_form
from incubator.htmx import render_page
from koppels import route as routes
from koppels import services
from koppels.forms import ObstakelForm
from koppels.models import Koppel, Obstakel
from koppels.views.common import koppel_for, see_other
from wegwijzers.models import Actie, Label, Wegwijzer

NIET_COMPLEET = "Het formulier was niet compleet. Laad de pagina opnieuw en probeer het nog eens."


def _obstakels(koppel: Koppel):
    return (
        Obstakel.objects.filter(koppel=koppel)
        .select_related("wegwijzer", "actie__wegwijzer__editie", "updated_by", "created_by")
        .prefetch_related("labels")
    )


def _choices(obstakel: Obstakel | None = None) -> dict:
    """The form's choices, loaded once so each form adds no queries.

    An obstacle at an action the current edition no longer has keeps it: that action is offered too (marked), so
    saving the form does not silently drop what the obstacle concerns.
    """
    choices = {
        "wegwijzers": list(Wegwijzer.objects.huidig()),
        "acties": list(Actie.objects.huidig().select_related("wegwijzer")),
        "labels": list(Label.objects.all()),
    }
    if obstakel is not None and obstakel.actie is not None and not obstakel.actie.wegwijzer.editie.huidig:
        choices["vervallen_actie"] = obstakel.actie
    return choices


def _card_url(koppel: Koppel, obstakel: Obstakel) -> str:
    return f"{koppel.get_absolute_url()}#obstakel-{obstakel.pk}"


def _archived(request: HttpRequest, koppel: Koppel) -> HttpResponse:
    """An archived koppel is read-only: 409, with the reason where the person looks."""
    message = str(services.KoppelGearchiveerd.message)
    if request.htmx:
        response = TemplateResponse(
            request, "koppels/koppel_detail.html#melding", {"melding": message}, status=HTTPStatus.CONFLICT
        )
        response["HX-Retarget"] = "#koppel-melding"
        response["HX-Reswap"] = "innerHTML"
        return response
    messages.error(request, message)
    return see_other(koppel.get_absolute_url())


def _actie_from(request: HttpRequest, choices: dict) -> Actie | None:
    """The action an obstacle report comes from (?actie=<id>), if it is one of the guide's."""
    wanted = request.GET.get("actie", "")
    return next((a for a in choices["acties"] if str(a.pk) == wanted), None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@once_per_form
def obstakel_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Report an obstacle: the form (GET, ?actie= fills in the action), then save it and go back where you were."""
    koppel = koppel_for(request, pk)
    if koppel.is_gearchiveerd:
        return _archived(request, koppel) if request.method == "POST" else see_other(koppel.get_absolute_url())
    choices = _choices()
    actie = _actie_from(request, choices)
    if request.method != "POST":
        initial = {"actie": actie.pk, "wegwijzer": actie.wegwijzer_id} if actie else {}
        form = ObstakelForm(initial=initial, **choices)
        return TemplateResponse(request, "koppels/obstakel_nieuw.html", _nieuw_context(koppel, form, actie))
    form = ObstakelForm(request.POST, **choices)
    if form.is_valid():
        try:
            obstakel = services.create_obstakel(koppel=koppel, by=request.user, **form.obstakel_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Obstakel ‘%(titel)s’ is opgeslagen.") % {"titel": obstakel.titel})
            if obstakel.actie is not None:
                return see_other(f"{routes.actie_url(koppel.pk, obstakel.actie)}#obstakels")
            return see_other(_card_url(koppel, obstakel))
    context = _nieuw_context(koppel, form, actie)
    return TemplateResponse(request, "koppels/obstakel_nieuw.html", context, status=HTTPStatus.UNPROCESSABLE_CONTENT)


def _nieuw_context(koppel: Koppel, form: ObstakelForm, actie: Actie | None) -> dict:
    terug = routes.actie_url(koppel.pk, actie) if actie else f"{koppel.get_absolute_url()}#obstakels"
    return {"koppel": koppel, "form": form, "actie": actie, "terug": terug, "nav": "koppels"}


def _obstakel(koppel: Koppel, obstakel_pk: int) -> Obstakel:
    return get_object_or_404(_obstakels(koppel), pk=obstakel_pk)


@login_required
@require_http_methods(["GET", "HEAD"])
@vary_on_headers("HX-Request")
def obstakel_detail(request: HttpRequest, pk: int, obstakel_pk: int) -> HttpResponse:
    """One obstacle's card (htmx: to cancel editing); without htmx, its place on the koppel's page."""
    koppel = koppel_for(request, pk)
    obstakel = _obstakel(koppel, obstakel_pk)
    if not request.htmx:
        return see_other(_card_url(koppel, obstakel))
    context = {"koppel": koppel, "obstakel": obstakel, "focus_obstakel": obstakel.pk}
    return TemplateResponse(request, "koppels/koppel_detail.html#obstakel-kaart", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def obstakel_update(request: HttpRequest, pk: int, obstakel_pk: int) -> HttpResponse:
    """Edit an obstacle: its state, how it was removed or escalated, what it concerns; refuses stale changes."""
    koppel = koppel_for(request, pk)
    obstakel = _obstakel(koppel, obstakel_pk)
    choices = _choices(obstakel)
    auto_id = f"obstakel-{obstakel.pk}-%s"
    if request.method != "POST":
        if koppel.is_gearchiveerd:
            return see_other(_card_url(koppel, obstakel))  # read-only: nothing to edit
        form = ObstakelForm(initial=ObstakelForm.initial_for(obstakel), auto_id=auto_id, **choices)
        return _edit_page(request, koppel, obstakel, form)
    if koppel.is_gearchiveerd:
        return _archived(request, koppel)
    form = ObstakelForm(request.POST, auto_id=auto_id, **choices)
    if form.is_valid() and form.cleaned_data["versie"] is None:
        form.add_error(None, _(NIET_COMPLEET))
    if not form.is_valid():
        return _edit_page(request, koppel, obstakel, form, status=HTTPStatus.UNPROCESSABLE_CONTENT)
    try:
        obstakel = services.update_obstakel(
            obstakel=obstakel, versie=form.cleaned_data["versie"], by=request.user, **form.obstakel_fields()
        )
    except services.StaleChange:
        return _stale(request, koppel, obstakel_pk, form, choices)
    except ValidationError as error:
        form.add_error(None, error)
        return _edit_page(request, koppel, obstakel, form, status=HTTPStatus.UNPROCESSABLE_CONTENT)
    melding = _("Obstakel ‘%(titel)s’ is bijgewerkt: %(staat)s.") % {
        "titel": obstakel.titel,
        "staat": obstakel.get_staat_display().lower(),
    }
    if not request.htmx:
        messages.success(request, melding)
        return see_other(_card_url(koppel, obstakel))
    obstakel = _obstakel(koppel, obstakel.pk)
    context = {"koppel": koppel, "obstakel": obstakel, "focus_obstakel": obstakel.pk, "melding": melding}
    return TemplateResponse(request, "koppels/koppel_detail.html#obstakel-kaart", context)


def _stale(request, koppel: Koppel, obstakel_pk: int, form: ObstakelForm, choices: dict) -> HttpResponse:
    """409: the form now holds the current state; what the user wanted to save is shown beside it."""
    obstakel = _obstakel(koppel, obstakel_pk)
    fout = _(
        "Niet opgeslagen: %(wie)s heeft dit obstakel intussen gewijzigd. Het formulier toont nu de "
        "huidige stand; je eigen tekst staat eronder, zodat je die kunt overnemen."
    ) % {"wie": obstakel.updated_by or _("iemand anders")}
    mijn = form.cleaned_data
    form = ObstakelForm(initial=ObstakelForm.initial_for(obstakel), auto_id=f"obstakel-{obstakel.pk}-%s", **choices)
    form.mijn = mijn
    return _edit_page(request, koppel, obstakel, form, status=HTTPStatus.CONFLICT, fout=fout)


def _edit_page(request, koppel, obstakel, form, *, status: int = 200, fout: str = "") -> HttpResponse:
    if not fout and status == HTTPStatus.UNPROCESSABLE_CONTENT:
        fout = _("Niet opgeslagen: verbeter de gemarkeerde velden.")
    context = {"koppel": koppel, "obstakel": obstakel, "form": form, "fout": fout, "nav": "koppels"}
    context["fout_lijst"] = [(f"obstakel-{obstakel.pk}-fout", fout)] if fout else []
    return render_page(request, "koppels/obstakel_form.html", context, partial="obstakel-bewerken", status=status)
