"""An action the koppel recorded something for that the current edition of the guide no longer has: read-only."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from koppels import route as routes
from koppels.models import OPEN_STATEN, Actiestap, Actiewijziging, Obstakel
from koppels.views.common import koppel_for


@login_required
@require_safe
def actie_vervallen(request: HttpRequest, pk: int, actiestap: int) -> HttpResponse:
    """Status, note, history and obstacles of an action no longer in the minigids (404 for a koppel not yours)."""
    koppel = koppel_for(request, pk)
    try:
        stap = routes.vervallen_stap(koppel, actiestap)
    except Actiestap.DoesNotExist:
        # Still in the guide (its row followed the action into the current edition): its own page.
        rij = Actiestap.objects.filter(koppel=koppel, pk=actiestap).select_related("actie__wegwijzer").first()
        if rij is None:
            raise Http404 from None
        return redirect(routes.actie_url(koppel.pk, rij.actie))
    obstakels = list(Obstakel.objects.filter(koppel=koppel, actie_id=stap.actie.pk).select_related("updated_by"))
    stap.open_obstakels = sum(1 for o in obstakels if o.staat in OPEN_STATEN)
    geschiedenis = Actiewijziging.objects.filter(actiestap_id=stap.actiestap_id).select_related("user")
    pagina = Paginator(geschiedenis, routes.GESCHIEDENIS_PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {"koppel": koppel, "stap": stap, "obstakels": obstakels, "geschiedenis": pagina, "nav": "koppels"}
    return TemplateResponse(request, "koppels/actie_vervallen.html", context)
