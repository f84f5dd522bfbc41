"""An action's own page: the action in full, the guidance it comes from, its status and note, history, obstacles."""

from http import HTTPStatus

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koppels import route as routes
from koppels import services
from koppels.forms import ActieForm
from koppels.models import OPEN_STATEN, Obstakel, Status
from koppels.views.common import koppel_for, see_other
from koppels.views.kopie import page_copy
from wegwijzers.models import Actie

TEMPLATE = "koppels/actie_detail.html"


def _actie(wegwijzer: int, nummer: int) -> Actie:
    try:
        return routes.actie_by_nummer(wegwijzer, nummer)
    except Actie.DoesNotExist:
        raise Http404 from None


def _context(request: HttpRequest, koppel, actie: Actie, form: ActieForm | None = None, **extra) -> dict:
    obstakels = list(Obstakel.objects.filter(koppel=koppel, actie=actie).select_related("updated_by"))
    stap = routes.stap_for(koppel, actie, open_obstakels=sum(1 for o in obstakels if o.staat in OPEN_STATEN))
    if form is None:
        form = ActieForm(initial={"status": stap.status, "notitie": stap.notitie, "versie": stap.versie})
    pagina = Paginator(routes.geschiedenis(koppel, actie), routes.GESCHIEDENIS_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    vorige, volgende = routes.buren(actie)
    relevant, aanpak = routes.aanpak_delen(actie.wegwijzer, actie)
    context = {
        "koppel": koppel,
        "actie": actie,
        "stap": stap,
        "form": form,
        "geschiedenis": pagina,
        "obstakels": obstakels,
        "vorige": vorige,
        "volgende": volgende,
        "aanpak_relevant": relevant,
        "aanpak_heel": aanpak,
        "nav": "koppels",
    }
    if request.GET.get("opgeslagen") and form.is_bound is False:
        context["bevestiging"] = _("Actie %(nummer)s is opgeslagen als %(status)s.") % {
            "nummer": stap.nummer,
            "status": stap.status_label.lower(),
        }
    context.update(extra)
    return context


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def actie_detail(request: HttpRequest, pk: int, wegwijzer: int, nummer: int) -> HttpResponse:
    """One action of the koppel's route; POST saves its status and note (refusals: 409/422, nothing typed lost)."""
    koppel = koppel_for(request, pk)
    if request.method != "POST":
        # The action is read inside render(): a stored copy of the page needs none of it.
        return page_copy(
            request,
            koppel,
            lambda: TemplateResponse(request, TEMPLATE, _context(request, koppel, _actie(wegwijzer, nummer))),
        )
    actie = _actie(wegwijzer, nummer)
    if koppel.is_gearchiveerd:
        fout = str(services.KoppelGearchiveerd.message)
        context = _context(request, koppel, actie, ActieForm(request.POST), fouten=[("", fout)])
        return TemplateResponse(request, TEMPLATE, context, status=HTTPStatus.CONFLICT)
    form = ActieForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, TEMPLATE, _context(request, koppel, actie, form), status=HTTPStatus.UNPROCESSABLE_CONTENT
        )
    data = form.cleaned_data
    try:
        services.set_actie(
            koppel=koppel,
            actie=actie,
            status=data["status"],
            notitie=data["notitie"],
            versie=data["versie"],
            by=request.user,
        )
    except services.StaleChange as stale:
        return _conflict(request, koppel, actie, form, stale.current)
    return see_other(f"{routes.actie_url(koppel.pk, actie)}?opgeslagen=1")


def _conflict(request: HttpRequest, koppel, actie: Actie, form: ActieForm, current) -> TemplateResponse:
    """409: what the other person saved, and the user's own input kept in the form, now against the current version."""
    data = form.cleaned_data
    mijn = ActieForm(initial={"status": data["status"], "notitie": data["notitie"], "versie": current.versie})
    fout = _(
        "Niet opgeslagen: %(wie)s heeft deze actie intussen gewijzigd. Hieronder staat wat er nu is opgeslagen; "
        "je eigen invoer staat nog in het formulier. Sla opnieuw op als die nog nodig is."
    ) % {"wie": current.updated_by or _("iemand anders")}
    context = _context(
        request,
        koppel,
        actie,
        mijn,
        fouten=[("id_status_0", fout)],
        huidig={"status": Status(current.status).label, "notitie": current.notitie, "wie": current.updated_by},
    )
    return TemplateResponse(request, TEMPLATE, context, status=HTTPStatus.CONFLICT)
