"""A koppel's route as PDF: made on request from koppels.route, never cached (it holds personal notes)."""

from http import HTTPStatus

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from koppels import route as routes
from koppels.models import Koppel
from koppels.privacy.services import record_inzage
from koppels.views.common import koppel_for
from wegwijzers import pdf


def pdf_context(koppel: Koppel) -> dict:
    """What the route PDF prints: the edition it follows, members, progress per wegwijzer, every action with its
    note, the actions no longer in the guide, the obstacles."""
    route = routes.build_route(koppel, obstakels=False, vervallen=True)
    hoofdstukken = [
        {
            "wegwijzer": hoofdstuk.wegwijzer,
            "regels": [
                {
                    "actie": stap.actie,
                    "status": stap.status,
                    "status_label": stap.status_label,
                    "notitie": stap.notitie,
                    "datum": stap.updated_at,
                }
                for stap in hoofdstuk.stappen
            ],
            "afgerond": hoofdstuk.voortgang.afgerond,
            "totaal": hoofdstuk.voortgang.totaal,
            # A percentage for the printed bar (an SVG width, so no inline style is needed).
            "procent": hoofdstuk.voortgang.percentage,
        }
        for hoofdstuk in route.hoofdstukken
    ]
    return {
        "koppel": koppel,
        "leden": list(koppel.lidmaatschappen.select_related("user").order_by("rol", "user__naam")),
        "hoofdstukken": hoofdstukken,
        "editie": route.editie,
        # What the koppel recorded at actions the current edition no longer has: printed too, nothing is lost.
        "vervallen": route.vervallen,
        "obstakels": list(
            koppel.obstakels.select_related("wegwijzer", "actie__wegwijzer__editie").order_by("created_at")
        ),
        "afgerond": route.voortgang.afgerond,
        "totaal": route.voortgang.totaal,
        "procent": route.voortgang.percentage,
    }


def render_route_pdf(koppel: Koppel) -> tuple[bytes, int]:
    """The route as an A4 report PDF (how it looks: templates/pdf/route.html); the bytes and the page count."""
    context = {
        **pdf_context(koppel),
        "auteur": pdf.AUTEUR,
        "gemaakt_op": timezone.localtime(),
        "tijdstip": timezone.now().isoformat(timespec="seconds"),
        "formaat": "route",
    }
    return pdf.write_pdf(pdf.protect_names(render_to_string("pdf/route.html", context)), formaat="route")


@login_required
@require_safe
def route_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A koppel's route as PDF, for its members and the programme team only (404 for anyone else)."""
    koppel = koppel_for(request, pk)
    try:
        # One at a time per person (made on request, about a second of work): a second request waits its turn.
        with pdf.one_route_pdf_at_a_time(request.user.pk):
            data, _paginas = render_route_pdf(koppel)
    except pdf.AlBezig:
        response = HttpResponse(
            _("Je route-PDF wordt al gemaakt. Wacht een paar seconden en probeer het dan opnieuw."),
            status=HTTPStatus.TOO_MANY_REQUESTS,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(pdf.ROUTE_RETRY_AFTER)
        return response
    record_inzage(user=request.user, koppel=koppel, omschrijving=_("Route-pdf van het koppel gedownload"))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="route-{koppel.initiatief.slug}-{koppel.cohort.slug}.pdf"'
    # Personal notes and obstacles: no shared cache may keep this file.
    response["Cache-Control"] = "private, no-store"
    return response
