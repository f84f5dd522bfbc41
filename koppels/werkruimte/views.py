"""The programme team's workspace: cohorts, progress, stalled koppels, obstacle insights, activity, guide edits."""

from collections.abc import Callable
from http import HTTPStatus
from urllib.parse import urlencode

from django.contrib.admin.models import LogEntry
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from incubator.htmx import is_htmx, render_page
from initiatives.models import Cohort
from koppels.models import Gebeurtenis, Koppel, Obstakel
from koppels.route import progress_for_koppels
from koppels.werkruimte import stats
from koppels.werkruimte.charts import voortgang_grafiek
from koppels.werkruimte.forms import (
    ActiviteitFilterForm,
    CohortFilterForm,
    ObstakelFilterForm,
    StilForm,
)
from koppels.werkruimte.inzichten import inzichten as inzichten_context
from koppels.werkruimte.permissions import programmateam

PER_PAGINA = 25


@programmateam
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The cohorts with their headline figures, and the latest activity."""
    weken = StilForm().gekozen_weken()
    context = {
        "nav": "werkruimte",
        "sub": "home",
        "cohorten": stats.cohorten_met_kerncijfers(weken),
        "recent": Gebeurtenis.objects.voor_lijst()[:8],
        "weken": weken,
    }
    return render_page(request, "werkruimte/home.html", context)


@programmateam
@require_GET
def cohort_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One cohort: koppel x wegwijzer progress (table and chart), last activity, stalled koppels."""
    cohort = get_object_or_404(Cohort, slug=slug)
    stil_form = StilForm(request.GET or None)
    weken = stil_form.gekozen_weken()
    status = HTTPStatus.BAD_REQUEST if stil_form.is_bound and not stil_form.is_valid() else HTTPStatus.OK

    koppels = list(
        Koppel.objects.filter(cohort=cohort)
        .select_related("initiatief")
        .met_tellingen()
        .order_by("gearchiveerd_at", "initiatief__volgorde", "initiatief__naam")
    )
    stil = sorted((k for k in koppels if stats.is_stil(k, weken)), key=lambda k: k.laatste_activiteit_at)
    context = {"nav": "werkruimte", "sub": "home", "cohort": cohort, "stil": stil, "stil_form": stil_form}
    context["weken"] = weken
    if is_htmx(request):  # only the stalled koppels change: skip the progress table
        return render_page(request, "werkruimte/cohort_detail.html", context, partial="stilgevallen", status=status)

    voortgang = progress_for_koppels(koppels)
    volgorde = stats.wegwijzer_volgorde()
    # progress_for_koppels gives the wegwijzers in the booklet's order.
    rijen = [
        {"koppel": k, "voortgang": voortgang[k.pk], "per_wegwijzer": voortgang[k.pk].per_wegwijzer, "stil": k in stil}
        for k in koppels
    ]
    wegwijzers = [(volgorde[w.wegwijzer_id], w) for w in rijen[0]["per_wegwijzer"]] if rijen else []
    actief = [(r["koppel"].initiatief.naam, r["voortgang"]) for r in rijen if not r["koppel"].is_gearchiveerd]
    context |= {
        "wegwijzers": wegwijzers,
        "rijen": rijen,
        "grafiek": voortgang_grafiek(actief),
        "export_query": urlencode({"cohort": cohort.slug}),
    }
    return render_page(request, "werkruimte/cohort_detail.html", context, partial="stilgevallen", status=status)


@programmateam
@require_GET
def inzichten(request: HttpRequest) -> HttpResponse:
    """Obstacle counts by label, wegwijzer, state and month, and recurring obstacles; every number drills down."""
    form = CohortFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = {"nav": "werkruimte", "form": form, "sub": "inzichten", "fout": True}
        return render_page(
            request, "werkruimte/inzichten.html", context, partial="inzichten", status=HTTPStatus.BAD_REQUEST
        )
    cohort_slug = form.cleaned_data["cohort"] if form.is_bound else ""
    cohort = Cohort.objects.get(slug=cohort_slug) if cohort_slug else None
    context = {"nav": "werkruimte", "form": form, "sub": "inzichten"} | inzichten_context(cohort)
    return render_page(request, "werkruimte/inzichten.html", context, partial="inzichten")


def gefilterde_lijst(request: HttpRequest, form, template: str, sub: str, rijen: Callable, per_pagina: int):
    """A filtered, paginated list: 400 with the form's errors for bad filters, the results partial for htmx."""
    context = {"nav": "werkruimte", "form": form, "sub": sub}
    if not form.is_valid():
        return render_page(request, template, context, partial="resultaten", status=HTTPStatus.BAD_REQUEST)
    pagina = Paginator(rijen(form.cleaned_data), per_pagina).get_page(request.GET.get("pagina"))
    context |= {"pagina": pagina, "gekozen": form.gekozen()}
    return render_page(request, template, context, partial="resultaten")


@programmateam
@require_GET
def obstakel_list(request: HttpRequest) -> HttpResponse:
    """The obstacles behind a number: filtered by cohort, label, wegwijzer, action, state, month or koppel."""

    def rijen(data):
        return Obstakel.objects.gefilterd(**data).voor_lijst()

    form = ObstakelFilterForm(request.GET)
    return gefilterde_lijst(request, form, "werkruimte/obstakel_list.html", "inzichten", rijen, PER_PAGINA)


@programmateam
@require_GET
def activiteit(request: HttpRequest) -> HttpResponse:
    """The activity log: who changed which status, note, obstacle or invitation, when."""

    def rijen(data):
        return Gebeurtenis.objects.gefilterd(**data).voor_lijst()

    form = ActiviteitFilterForm(request.GET)
    return gefilterde_lijst(request, form, "werkruimte/activiteit.html", "activiteit", rijen, 50)


def _admin_history_url(entry: LogEntry) -> str | None:
    try:
        return reverse(
            f"admin:{entry.content_type.app_label}_{entry.content_type.model}_history", args=[entry.object_id]
        )
    except NoReverseMatch:
        return None


@programmateam
@require_GET
def wijzigingen(request: HttpRequest) -> HttpResponse:
    """Edits of the guide in the admin (Django's own LogEntry history): who changed what, when."""
    entries = (
        LogEntry.objects.filter(content_type__app_label="wegwijzers")
        .select_related("user", "content_type")
        .order_by("-action_time", "-pk")
    )
    pagina = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    for entry in pagina:
        entry.history_url = _admin_history_url(entry)
    context = {"nav": "werkruimte", "sub": "wijzigingen", "pagina": pagina}
    return render_page(request, "werkruimte/wijzigingen.html", context)
