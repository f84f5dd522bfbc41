"""Members propose an improvement ("Stel een verbetering voor") and follow what happens on Mijn voorstellen."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from incubator.eenmalig import once_per_form
from incubator.htmx import see_other
from koppels.models import Koppel, Obstakel
from koppels.voorstellen import services
from koppels.voorstellen.forms import VoorstelForm
from koppels.voorstellen.meldingen import wijzigingen_url
from koppels.voorstellen.models import Voorstel
from wegwijzers.models import Actie, Wegwijzer


def _choices() -> dict:
    """The current edition's wegwijzers and actions (two queries), shared by the form and the prefill."""
    return {
        "wegwijzers": list(Wegwijzer.objects.huidig().order_by("volgorde")),
        "acties": list(Actie.objects.huidig().select_related("wegwijzer").order_by("wegwijzer__volgorde", "volgorde")),
    }


def _obstakel(request: HttpRequest, waarde: str) -> Obstakel | None:
    """The obstacle a proposal comes from (?obstakel=<id>): only one of the person's own koppels, else 404."""
    if not waarde:
        return None
    if not (waarde.isascii() and waarde.isdigit() and len(waarde) <= 9):
        raise Http404  # not a number we could have given out (and no query PostgreSQL would refuse)
    return get_object_or_404(
        Obstakel.objects.filter(koppel__in=Koppel.objects.for_user(request.user)).select_related(
            "koppel__initiatief", "wegwijzer", "actie__wegwijzer"
        ),
        pk=int(waarde),
    )


def _initial(request: HttpRequest, choices: dict, obstakel: Obstakel | None) -> dict:
    """Prefill from ?wegwijzer=<slug>&actie=<number> (the public page's link) or from the obstacle."""
    acties = choices["acties"]
    if obstakel is not None:
        actie = next((a for a in acties if a.pk == obstakel.actie_id), None)
        wegwijzer_id = obstakel.wegwijzer_id or (obstakel.actie.wegwijzer_id if obstakel.actie else None)
        wegwijzer = next((w for w in choices["wegwijzers"] if w.pk == wegwijzer_id), None)
    else:
        slug, nummer = request.GET.get("wegwijzer", ""), request.GET.get("actie", "")
        wegwijzer = next((w for w in choices["wegwijzers"] if w.slug == slug), None)
        actie = next(
            (a for a in acties if wegwijzer and a.wegwijzer_id == wegwijzer.pk and str(a.volgorde) == nummer), None
        )
    return {"wegwijzer": wegwijzer.pk if wegwijzer else "", "actie": actie.pk if actie else ""}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@once_per_form
def voorstel_nieuw(request: HttpRequest) -> HttpResponse:
    """The proposal form (GET, prefilled from the link), then save it and show what happens next."""
    bron = request.POST if request.method == "POST" else request.GET
    obstakel = _obstakel(request, bron.get("obstakel", ""))
    choices = _choices()
    if request.method != "POST":
        form = VoorstelForm(initial=_initial(request, choices, obstakel), **choices)
        return TemplateResponse(request, "voorstellen/voorstel_form.html", _context(form, obstakel))
    form = VoorstelForm(request.POST, **choices)
    if form.is_valid():
        try:
            voorstel = services.create_voorstel(door=request.user, obstakel=obstakel, **form.voorstel_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Je voorstel voor %(onderwerp)s is verstuurd. Het programmateam bekijkt het; je ziet hier wat "
                    "ermee gebeurt en krijgt een mail als het is overgenomen of afgewezen."
                )
                % {"onderwerp": voorstel.onderwerp},
            )
            return see_other(reverse("voorstellen:mijn") + f"#voorstel-{voorstel.pk}")
    return TemplateResponse(
        request, "voorstellen/voorstel_form.html", _context(form, obstakel), status=HTTPStatus.UNPROCESSABLE_CONTENT
    )


def _context(form: VoorstelForm, obstakel: Obstakel | None) -> dict:
    if obstakel is not None:
        terug = reverse("koppels:detail", args=[obstakel.koppel_id]) + f"#obstakel-{obstakel.pk}"
    else:
        terug = reverse("voorstellen:mijn")
    return {"form": form, "obstakel": obstakel, "terug": terug, "nav": "voorstellen"}


@login_required
@require_GET
def mijn_voorstellen(request: HttpRequest) -> HttpResponse:
    """The person's own proposals: status, the reason of a rejection, the edition one was taken over in."""
    voorstellen = list(Voorstel.objects.van(request.user))
    for voorstel in voorstellen:
        voorstel.wijzigingen_url = wijzigingen_url(voorstel.editie) if voorstel.is_definitief else ""
    context = {"voorstellen": voorstellen, "nav": "voorstellen"}
    return TemplateResponse(request, "voorstellen/mijn_voorstellen.html", context)
