import logging
import sys
from datetime import timedelta
from http import HTTPStatus

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from incubator.htmx import is_htmx, swap_into

logger = logging.getLogger(__name__)

# How long a client (or a load balancer) should wait before trying again during a database outage.
RETRY_AFTER_SECONDS = 30


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Tell a load balancer whether this instance can reach its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        # A probe runs every few seconds: one line per failure, not a traceback.
        logger.warning("Health check: database unreachable: %s", exc)
        response = JsonResponse({"status": "fout", "database": "onbereikbaar"}, status=HTTPStatus.SERVICE_UNAVAILABLE)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


def _error_response(
    request: HttpRequest, template_name: str, status: HTTPStatus | int, context: dict | None = None
) -> HttpResponse:
    """Render an error page without context processors or database; for htmx only its message, in <main>.

    htmx 4 swaps 5xx answers into the request's target: a whole page there would be nonsense, so the message
    replaces the main content instead (HX-Retarget), where site.js focuses and announces it.
    """
    if is_htmx(request):
        response = HttpResponse(loader.get_template(f"{template_name}#melding").render(context or {}), status=status)
        swap_into(response, target="#inhoud", swap="innerHTML")
    else:
        response = HttpResponse(loader.get_template(template_name).render(context or {}), status=status)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500 page; a clean 503 with Retry-After when the database is unreachable (the app recovers by itself)."""
    # Django calls this handler inside its `except` block, so the exception being handled is still visible here.
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        response = _error_response(request, "503.html", status=HTTPStatus.SERVICE_UNAVAILABLE)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _error_response(request, "500.html", status=HTTPStatus.INTERNAL_SERVER_ERROR)


def bad_request(request: HttpRequest, *, veld: str, reden: str) -> HttpResponse:
    """A 400 naming the refused field and why (incubator.guards), in the error pages' frame."""
    tekst = _("Het veld ‘%(veld)s’ %(reden)s Er is niets opgeslagen of gewijzigd.") % {"veld": veld, "reden": reden}
    return refused(request, status=400, kop=_("Je invoer is niet geaccepteerd"), tekst=tekst)


def refused(request: HttpRequest, *, status: int, kop: str, tekst: str) -> HttpResponse:
    """A refusal (400, 409) in the error pages' frame: title "Fout: ...", what happened, what to do next."""
    context = {"status": status, "kop": kop, "tekst": tekst}
    if status == 409:
        context["volgende"] = _("Ga verder op de pagina waar je was; laad die opnieuw om de huidige stand te zien.")
    return _error_response(request, "400.html", status=status, context=context)


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    """How to report a vulnerability (RFC 9116): the contact from settings.SECURITY_CONTACT, valid for a year."""
    if not settings.SECURITY_CONTACT:
        raise Http404
    contact = settings.SECURITY_CONTACT
    if "@" in contact and not contact.startswith("mailto:"):
        contact = f"mailto:{contact}"
    expires = (timezone.now() + timedelta(days=365)).replace(microsecond=0).isoformat()
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
