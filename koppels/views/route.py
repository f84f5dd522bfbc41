"""Mijn koppels, and a koppel's page: its route as a task list, with filters and a quick status change per line."""

from http import HTTPStatus

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from incubator.htmx import render_page
from koppels import route as routes
from koppels import services
from koppels.forms import RouteFilterForm, StatusForm
from koppels.models import Actiestap, Koppel, Lidmaatschap, Rol, Status
from koppels.privacy.services import record_inzage
from koppels.views.common import (
    actie_for,
    koppel_for,
    leden_qs,
    rol_in,
    see_other,
)
from koppels.views.kopie import page_copy

TEMPLATE = "koppels/koppel_detail.html"


@login_required
@require_http_methods(["GET", "HEAD"])
def koppel_list(request: HttpRequest) -> TemplateResponse:
    """Mijn koppels: the landing page after login."""
    koppels = list(
        Koppel.objects.for_user(request.user)
        .select_related("initiatief", "cohort")
        .prefetch_related(Prefetch("lidmaatschappen", queryset=leden_qs()))
    )
    voortgang = routes.progress_for_koppels(koppels)
    for koppel in koppels:
        koppel.voortgang = voortgang[koppel.pk]
        koppel.mijn_rollen = [
            lid.get_rol_display() for lid in koppel.lidmaatschappen.all() if lid.user_id == request.user.pk
        ]
    return TemplateResponse(request, "koppels/koppel_list.html", {"koppels": koppels, "nav": "koppels"})


def _filter_form(data: QueryDict) -> RouteFilterForm:
    return RouteFilterForm(data if any(key in data for key in ("status", "voor", "obstakels")) else None)


def detail_context(request: HttpRequest, koppel: Koppel, *, fout: tuple[int, str] | None = None) -> dict:
    """Everything the koppel page shows; `fout` (action id, message) is a refusal shown at its row."""
    leden = list(leden_qs().filter(koppel=koppel))
    rol = rol_in(leden, request.user)
    route = routes.build_route(koppel)
    filter_form = _filter_form(request.GET)
    route_filter = filter_form.route_filter()
    if fout is not None:
        stap = route.stap(fout[0])
        stap.fout, stap.focus = fout[1], True
    elif opgeslagen := request.GET.get("opgeslagen", ""):
        # Back from a change without JavaScript: the same confirmation as with it, at the row.
        for stap in route.stappen():
            if stap.nummer == opgeslagen:
                stap.melding, stap.focus = _bevestiging(stap), True
    context = {
        "koppel": koppel,
        "leden": leden,
        "rol": rol,
        "heeft_ambtenaar": any(lid.rol == Rol.AMBTENAAR for lid in leden),
        "heeft_initiatiefnemer": any(lid.rol == Rol.INITIATIEFNEMER for lid in leden),
        "hoofdstukken": route.gefilterd(route_filter, rol),
        "volgende": route.volgende_stappen(rol),
        "voortgang": route.voortgang,
        "filter_form": filter_form,
        "route_filter": route_filter,
        "obstakels": list(koppel.obstakels.select_related("actie__wegwijzer", "updated_by")),
        "statussen": Status.choices,
        "nav": "koppels",
    }
    if fout is not None:
        context["fouten"] = [(f"actie-{fout[0]}-fout", fout[1])]
    if request.user.is_staff:
        context["uitnodigingen"] = list(koppel.uitnodigingen.filter(accepted_at__isnull=True))
    return context


@login_required
@require_http_methods(["GET", "HEAD"])
@vary_on_headers("HX-Request")
def koppel_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    """A koppel: progress, next steps, the route as a task list (filtered: htmx gets the list only), obstacles."""
    koppel = koppel_for(request, pk)
    record_inzage(user=request.user, koppel=koppel, omschrijving=_("Pagina van het koppel bekeken"))

    def render() -> HttpResponse:
        context = detail_context(request, koppel)
        if request.htmx:
            n = sum(len(hoofdstuk.stappen) for hoofdstuk in context["hoofdstukken"])
            totaal = context["voortgang"].totaal
            context["melding"] = _("%(n)d van %(totaal)d acties getoond.") % {"n": n, "totaal": totaal}
        return render_page(request, TEMPLATE, context, partial="route-lijst")

    return page_copy(request, koppel, render)


def _bevestiging(stap: routes.Stap) -> str:
    return _("Actie %(nummer)s is opgeslagen als %(status)s.") % {
        "nummer": stap.nummer,
        "status": stap.status_label.lower(),
    }


def _safe_filter(value: str) -> str:
    """The filter the list had (sent back with a change), re-encoded from its known fields only."""
    return RouteFilterForm(QueryDict(value)).route_filter().query()


def _answer(
    request: HttpRequest, koppel: Koppel, actie, status: int, fout: str = "", actiestap: Actiestap | None = None
) -> HttpResponse:
    """The changed line for htmx (with progress and next steps out of band on success), else the whole page.

    `actiestap` is the action's state in hand (saved, or the current one of a refusal). The htmx answer does not
    build the whole route: the line, plus the route's statuses in one light query for progress and next steps.
    """
    if not request.htmx:
        return TemplateResponse(
            request, TEMPLATE, detail_context(request, koppel, fout=(actie.pk, fout)), status=status
        )
    route = routes.build_route_status(koppel)
    open_obstakels = route.stap(actie.pk).open_obstakels
    if actiestap is None:
        stap = routes.stap_for(koppel, actie, open_obstakels=open_obstakels)
    else:
        stap = routes.Stap.build(actie, actiestap, koppel.pk, open_obstakels)
    stap.fout, stap.focus = fout, True
    stap.melding = fout or _bevestiging(stap)
    context = {"koppel": koppel, "stap": stap, "statussen": Status.choices, "oob": status == HTTPStatus.OK}
    if status == HTTPStatus.OK:
        leden = Lidmaatschap.objects.filter(koppel=koppel, user=request.user).order_by()
        rol = leden.values_list("rol", flat=True).first() or ""
        context["voortgang"] = route.voortgang
        context["wegwijzer_voortgang"] = route.voortgang.voor_wegwijzer(actie.wegwijzer_id)
        context["volgende"] = route.volgende_stappen(rol)
    return TemplateResponse(request, f"{TEMPLATE}#actie-antwoord", context, status=status)


@login_required
@require_POST
@vary_on_headers("HX-Request")
def actie_status(request: HttpRequest, pk: int, wegwijzer: int, nummer: int) -> HttpResponse:
    """The quick change from the task list: the chosen status is saved at once; the note stays as it is."""
    koppel = koppel_for(request, pk)
    actie = actie_for(wegwijzer, nummer)
    if koppel.is_gearchiveerd:
        return _answer(request, koppel, actie, HTTPStatus.CONFLICT, str(services.KoppelGearchiveerd.message))
    form = StatusForm(request.POST)
    if not form.is_valid():
        fouten = form.errors.get("status") or [_("Laad de pagina opnieuw en probeer het nog eens.")]
        return _answer(
            request,
            koppel,
            actie,
            HTTPStatus.UNPROCESSABLE_CONTENT,
            _("Niet opgeslagen. %(fout)s") % {"fout": fouten[0]},
        )
    data = form.cleaned_data
    try:
        actiestap = services.set_actie(
            koppel=koppel, actie=actie, status=data["status"], versie=data["versie"], by=request.user
        )
    except services.StaleChange as stale:
        fout = _(
            "Niet opgeslagen: %(wie)s heeft actie %(nummer)s intussen gewijzigd naar ‘%(nu)s’. "
            "Kies opnieuw als je wijziging (‘%(mijn)s’) nog nodig is."
        ) % {
            "wie": stale.current.updated_by or _("iemand anders"),
            "nummer": routes.actie_nummer(actie),
            "nu": stale.current.get_status_display().lower(),
            "mijn": Status(data["status"]).label.lower(),
        }
        return _answer(request, koppel, actie, HTTPStatus.CONFLICT, fout, stale.current)
    if not request.htmx:
        nummer = routes.actie_nummer(actie)
        query = "&".join(q for q in (_safe_filter(request.POST.get("filter", "")), f"opgeslagen={nummer}") if q)
        return see_other(f"{koppel.get_absolute_url()}?{query}#actie-{actie.pk}")
    return _answer(request, koppel, actie, HTTPStatus.OK, actiestap=actiestap)
