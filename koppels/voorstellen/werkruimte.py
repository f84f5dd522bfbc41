"""The programme team triages proposals in the werkruimte, and turns a structural obstacle into one."""

from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from incubator.htmx import render_page, see_other
from koppels.models import Obstakel
from koppels.voorstellen import services
from koppels.voorstellen.forms import BehandelForm, VoorstelFilterForm
from koppels.voorstellen.meldingen import wijzigingen_url
from koppels.voorstellen.models import Voorstel
from koppels.werkruimte.permissions import programmateam
from wegwijzers.models import Editie, Wegwijzer

PER_PAGINA = 25


@programmateam
@require_GET
def voorstel_list(request: HttpRequest) -> HttpResponse:
    """All proposals, newest first, filtered by status and wegwijzer, with the count per status."""
    form = VoorstelFilterForm(request.GET, wegwijzers=Wegwijzer.objects.huidig().order_by("volgorde"))
    context = {"nav": "werkruimte", "sub": "voorstellen", "form": form, "tellingen": Voorstel.objects.tellingen()}
    if not form.is_valid():
        return render_page(
            request, "voorstellen/werkruimte_lijst.html", context, partial="resultaten", status=HTTPStatus.BAD_REQUEST
        )
    rijen = Voorstel.objects.voor_lijst().select_related("door")
    if status := form.cleaned_data["status"]:
        rijen = rijen.filter(status=status)
    if wegwijzer := form.cleaned_data["wegwijzer"]:
        rijen = rijen.filter(wegwijzer__slug=wegwijzer)
    context |= {
        "pagina": Paginator(rijen, PER_PAGINA).get_page(request.GET.get("pagina")),
        "gekozen": form.gekozen(),
        "statussen": Voorstel.Status.choices,
    }
    return render_page(request, "voorstellen/werkruimte_lijst.html", context, partial="resultaten")


def _voorstel(pk: int) -> Voorstel:
    return get_object_or_404(Voorstel.objects.voor_lijst().select_related("door", "behandeld_door"), pk=pk)


@programmateam
@require_http_methods(["GET", "HEAD", "POST"])
def voorstel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One proposal and the decision on it; a decision made on an outdated view is refused with 409."""
    voorstel = _voorstel(pk)
    if request.method != "POST":
        return _page(request, voorstel, BehandelForm(initial=BehandelForm.initial_for(voorstel)))
    form = BehandelForm(request.POST)
    if not form.is_valid():
        return _page(request, voorstel, form, status=HTTPStatus.UNPROCESSABLE_CONTENT)
    data = form.cleaned_data
    try:
        voorstel = services.behandel(
            voorstel=voorstel,
            status=data["status"],
            versie=data["versie"],
            reden=data["reden"],
            publieke_samenvatting=data["publieke_samenvatting"],
            by=request.user,
        )
    except services.VoorstelVerouderd as verouderd:
        huidig = _voorstel(pk)
        fout = _(
            "Niet opgeslagen: %(wie)s heeft dit voorstel intussen gewijzigd. Hieronder staat de huidige stand; "
            "wat jij wilde opslaan staat erbij, zodat je het kunt overnemen."
        ) % {"wie": verouderd.huidig.behandeld_door or _("iemand anders")}
        form_nu = BehandelForm(initial=BehandelForm.initial_for(huidig))
        return _page(request, huidig, form_nu, status=HTTPStatus.CONFLICT, fout=fout, mijn=data)
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, voorstel, form, status=HTTPStatus.UNPROCESSABLE_CONTENT)
    melding = _("Voorstel %(nummer)s is opgeslagen: %(status)s.") % {
        "nummer": voorstel.pk,
        "status": _status_tekst(voorstel),
    }
    messages.success(request, melding)
    return see_other(reverse("werkruimte:voorstellen:detail", args=[voorstel.pk]))


def _status_tekst(voorstel: Voorstel) -> str:
    if voorstel.status == Voorstel.Status.OVERGENOMEN and voorstel.editie is not None:
        return _("overgenomen in het concept voor editie %(nummer)s") % {"nummer": voorstel.editie.nummer}
    return voorstel.get_status_display().lower()


def _page(request, voorstel, form, *, status: int = 200, fout: str = "", mijn: dict | None = None) -> HttpResponse:
    fouten = [("fout-409", fout)] if fout else []
    context = {
        "nav": "werkruimte",
        "sub": "voorstellen",
        "voorstel": voorstel,
        "form": form,
        "fout": fout,
        "fout_lijst": fouten,
        "mijn": mijn,
        "concept": Editie.objects.concept(),
        "wijzigingen_url": wijzigingen_url(voorstel.editie) if voorstel.is_definitief else "",
    }
    return render_page(request, "voorstellen/werkruimte_voorstel.html", context, status=status)


@programmateam
@require_POST
def van_obstakel(request: HttpRequest, obstakel_pk: int) -> HttpResponse:
    """One POST: a structural obstacle becomes a proposal in behandeling; the team lands on it."""
    obstakel = get_object_or_404(Obstakel, pk=obstakel_pk)
    try:
        voorstel, nieuw = services.voorstel_van_obstakel(obstakel=obstakel, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        terug = request.POST.get("terug", "")
        if not terug.startswith("/werkruimte/"):
            terug = reverse("werkruimte:obstakels")
        return see_other(terug)
    if nieuw:
        tekst = _("Van het obstakel ‘%(titel)s’ is voorstel %(nummer)s gemaakt. Beslis hieronder wat ermee gebeurt.")
    else:
        tekst = _("Van het obstakel ‘%(titel)s’ was al voorstel %(nummer)s gemaakt: dit is het.")
    messages.success(request, tekst % {"titel": obstakel.titel, "nummer": voorstel.pk})
    return see_other(reverse("werkruimte:voorstellen:detail", args=[voorstel.pk]))
