"""The programme team's workspace: cohorts, progress, stalled koppels, obstacle insights, activity, guide edits."""

from collections.abc import Callable
from datetime import datetime
from http import HTTPStatus
from urllib.parse import urlencode

from django.contrib.admin.models import LogEntry
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from incubator.htmx import is_htmx, render_page
from initiatives.models import Cohort
from koppels.models import Actie, Gebeurtenis, Koppel, Lidmaatschap, Obstakel, Staat, Uitnodiging
from koppels.progress import progress_for_koppels
from koppels.werkruimte import stats
from koppels.werkruimte.charts import aantallen_grafiek, voortgang_grafiek
from koppels.werkruimte.forms import (
    GEEN_WEGWIJZER,
    OPEN,
    ActiviteitFilterForm,
    CohortFilterForm,
    ObstakelFilterForm,
    StilForm,
)
from koppels.werkruimte.permissions import programmateam
from wegwijzers.models import Label, Wegwijzer

PER_PAGINA = 25


@programmateam
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The cohorts with their headline figures, and the latest activity."""
    weken = StilForm().gekozen_weken()
    stil_na = stats.stil_sinds(weken)
    actief = Q(koppels__gearchiveerd_at__isnull=True)
    cohorten = Cohort.objects.annotate(
        aantal_koppels=Count("koppels", filter=actief, distinct=True),
        aantal_gearchiveerd=Count("koppels", filter=Q(koppels__gearchiveerd_at__isnull=False), distinct=True),
        aantal_stil=Count("koppels", filter=actief & Q(koppels__laatste_activiteit_at__lt=stil_na), distinct=True),
        open_obstakels=Count(
            "koppels__obstakels", filter=Q(koppels__obstakels__staat__in=stats.OPEN_STATEN), distinct=True
        ),
    )
    recent = Gebeurtenis.objects.select_related("user", "koppel__initiatief", "koppel__cohort")[:8]
    context = {"nav": "werkruimte", "sub": "home", "cohorten": cohorten, "recent": recent, "weken": weken}
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
        .annotate(
            open_obstakels=stats.aantal(Obstakel.objects.filter(staat__in=stats.OPEN_STATEN)),
            aantal_leden=stats.aantal(Lidmaatschap.objects.all()),
            open_uitnodigingen=stats.aantal(Uitnodiging.objects.open()),
        )
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


def lijst_url(basis: dict, **filters) -> str:
    query = {key: value for key, value in {**basis, **filters}.items() if value not in (None, "")}
    return f"{reverse('werkruimte:obstakels')}?{urlencode(query)}" if query else reverse("werkruimte:obstakels")


def tabel(sleutels, namen: dict, tellingen: dict, basis: dict, filter_naam: str, filter_waarde: Callable) -> list:
    """Rows of {naam, cellen: [{aantal, url}] per staat, totaal} with a drill-down link behind every number."""
    rijen = []
    for sleutel in sleutels:
        per_staat = tellingen.get(sleutel, dict.fromkeys(Staat.values, 0))
        waarde = filter_waarde(sleutel)
        rijen.append(
            {
                "naam": namen[sleutel],
                "cellen": [
                    {"aantal": per_staat[staat], "url": lijst_url(basis, **{filter_naam: waarde, "staat": staat})}
                    for staat in Staat.values
                ],
                "totaal": {"aantal": sum(per_staat.values()), "url": lijst_url(basis, **{filter_naam: waarde})},
            }
        )
    return rijen


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
    basis = {"cohort": cohort_slug}
    obstakels = stats.obstakels_voor(cohort)

    labels = list(Label.objects.all())
    wegwijzers = list(Wegwijzer.objects.order_by("volgorde"))
    per_staat = stats.per_staat(obstakels)
    label_rijen = tabel(
        [label.pk for label in labels],
        {label.pk: label.naam for label in labels},
        stats.per_label(obstakels),
        basis,
        "label",
        {label.pk: label.slug for label in labels}.get,
    )
    wegwijzer_namen = {w.pk: f"{w.volgorde}. {w.titel}" for w in wegwijzers} | {None: _("Zonder wegwijzer")}
    wegwijzer_slugs = {w.pk: w.slug for w in wegwijzers} | {None: GEEN_WEGWIJZER}
    wegwijzer_rijen = tabel(
        [*(w.pk for w in wegwijzers), None],
        wegwijzer_namen,
        stats.per_wegwijzer(obstakels),
        basis,
        "wegwijzer",
        wegwijzer_slugs.get,
    )
    cohort_rijen = []
    if cohort is None:
        cohorten = list(Cohort.objects.all())
        cohort_rijen = tabel(
            [c.pk for c in cohorten],
            {c.pk: c.naam for c in cohorten},
            stats.per_cohort(obstakels),
            basis,
            "cohort",
            {c.pk: c.slug for c in cohorten}.get,
        )
    maanden = stats.per_maand(obstakels)
    maand_sleutels = sorted(maanden)
    maand_rijen = tabel(
        maand_sleutels,
        {m: _maand_naam(m) for m in maand_sleutels},
        maanden,
        basis,
        "maand",
        lambda m: timezone.localtime(m).strftime("%Y-%m") if isinstance(m, datetime) else m.strftime("%Y-%m"),
    )

    label_by_pk = {label.pk: label for label in labels}
    wegwijzer_by_pk = {w.pk: w for w in wegwijzers}
    terugkerend = [
        {
            "wegwijzer": wegwijzer_by_pk[rij["wegwijzer_id"]],
            "label": label_by_pk[rij["label_id"]],
            "koppels": rij["koppels"],
            "obstakels": rij["obstakels"],
            "url": lijst_url(
                basis, wegwijzer=wegwijzer_by_pk[rij["wegwijzer_id"]].slug, label=label_by_pk[rij["label_id"]].slug
            ),
        }
        for rij in stats.terugkerend_per_wegwijzer_label(obstakels)
    ]
    per_actie = list(stats.terugkerend_per_actie(obstakels))
    acties = Actie.objects.select_related("wegwijzer").in_bulk([rij["actie_id"] for rij in per_actie])
    terugkerend_actie = [
        rij | {"actie": acties[rij["actie_id"]], "url": lijst_url(basis, actie=rij["actie_id"])} for rij in per_actie
    ]

    context = {
        "nav": "werkruimte",
        "form": form,
        "sub": "inzichten",
        "cohort": cohort,
        "staten": Staat.choices,
        "totalen": [
            {"naam": naam, "aantal": per_staat[staat], "url": lijst_url(basis, staat=staat)}
            for staat, naam in Staat.choices
        ],
        "totaal": {"aantal": sum(per_staat.values()), "url": lijst_url(basis)},
        "cohort_rijen": cohort_rijen,
        "label_rijen": label_rijen,
        "label_grafiek": aantallen_grafiek(
            [(rij["naam"], rij["totaal"]["aantal"]) for rij in label_rijen],
            eenheid_enkel=_("obstakel"),
            eenheid_meer=_("obstakels"),
        ),
        "wegwijzer_rijen": wegwijzer_rijen,
        "maand_rijen": maand_rijen,
        "terugkerend": terugkerend,
        "terugkerend_actie": terugkerend_actie,
        "export_query": urlencode(basis) if cohort_slug else "",
    }
    return render_page(request, "werkruimte/inzichten.html", context, partial="inzichten")


def _maand_naam(maand) -> str:
    if isinstance(maand, datetime):
        maand = timezone.localtime(maand)
    return date_format(maand, "F Y")


def filter_obstakels(qs, data: dict):
    """Apply a valid ObstakelFilterForm's choices to a queryset of obstacles."""
    if data.get("cohort"):
        qs = qs.filter(koppel__cohort__slug=data["cohort"])
    if data.get("koppel"):
        qs = qs.filter(koppel_id=data["koppel"])
    if data.get("label"):
        qs = qs.filter(labels__slug=data["label"])
    if data.get("wegwijzer") == GEEN_WEGWIJZER:
        qs = qs.filter(wegwijzer__isnull=True)
    elif data.get("wegwijzer"):
        qs = qs.filter(wegwijzer__slug=data["wegwijzer"])
    if data.get("actie"):
        qs = qs.filter(actie_id=data["actie"])
    if data.get("staat") == OPEN:
        qs = qs.filter(staat__in=stats.OPEN_STATEN)
    elif data.get("staat"):
        qs = qs.filter(staat=data["staat"])
    if data.get("maand"):
        begin = timezone.make_aware(datetime.combine(data["maand"], datetime.min.time()))
        volgende = (
            data["maand"].replace(year=data["maand"].year + 1, month=1)
            if data["maand"].month == 12
            else (data["maand"].replace(month=data["maand"].month + 1))
        )
        einde = timezone.make_aware(datetime.combine(volgende, datetime.min.time()))
        qs = qs.filter(created_at__gte=begin, created_at__lt=einde)
    return qs


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
        return (
            filter_obstakels(Obstakel.objects.all(), data)
            .select_related("koppel__initiatief", "koppel__cohort", "wegwijzer", "actie__wegwijzer")
            .prefetch_related("labels")
            .order_by("-created_at", "-pk")
        )

    form = ObstakelFilterForm(request.GET)
    return gefilterde_lijst(request, form, "werkruimte/obstakel_list.html", "inzichten", rijen, PER_PAGINA)


@programmateam
@require_GET
def activiteit(request: HttpRequest) -> HttpResponse:
    """The activity log: who changed which status, note, obstacle or invitation, when."""

    def rijen(data):
        gebeurtenissen = Gebeurtenis.objects.select_related("user", "koppel__initiatief", "koppel__cohort")
        if data["cohort"]:
            gebeurtenissen = gebeurtenissen.filter(koppel__cohort__slug=data["cohort"])
        if data["koppel"]:
            gebeurtenissen = gebeurtenissen.filter(koppel_id=data["koppel"])
        if data["soort"]:
            gebeurtenissen = gebeurtenissen.filter(soort=data["soort"])
        return gebeurtenissen.order_by("-created_at", "-pk")

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
