"""A koppel's route as PDF: made on request from koppels.route, never cached (it holds personal notes)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from koppels import route as routes
from koppels.models import Koppel
from koppels.views.common import koppel_for
from wegwijzers import pdf


def pdf_context(koppel: Koppel) -> dict:
    """What the route PDF prints: members, progress per wegwijzer, every action with its note, the obstacles."""
    route = routes.build_route(koppel, obstakels=False)
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
        "obstakels": list(koppel.obstakels.select_related("wegwijzer", "actie__wegwijzer").order_by("created_at")),
        "afgerond": route.voortgang.afgerond,
        "totaal": route.voortgang.totaal,
        "procent": route.voortgang.percentage,
    }


def render_route_pdf(koppel: Koppel) -> tuple[bytes, int]:
    """The route as an A4 report PDF (how it looks: templates/pdf/route.html); the bytes and the page count."""
    context = {**pdf_context(koppel), "auteur": pdf.AUTEUR, "gemaakt_op": timezone.localtime(), "formaat": "a4"}
    return pdf.write_pdf(render_to_string("pdf/route.html", context), formaat="a4")


@login_required
@require_safe
def route_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A koppel's route as PDF, for its members and the programme team only (404 for anyone else)."""
    koppel = koppel_for(request, pk)
    data, _paginas = render_route_pdf(koppel)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="route-{koppel.initiatief.slug}-{koppel.cohort.slug}.pdf"'
    # Personal notes and obstacles: no shared cache may keep this file.
    response["Cache-Control"] = "private, no-store"
    return response
