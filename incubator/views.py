import logging
import sys
from http import HTTPStatus

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
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


def _error_response(request: HttpRequest, template_name: str, status: HTTPStatus) -> HttpResponse:
    """Render an error page without context processors or database; for htmx only its message, in <main>.

    htmx 4 swaps 5xx answers into the request's target: a whole page there would be nonsense, so the message
    replaces the main content instead (HX-Retarget), where site.js focuses and announces it.
    """
    if is_htmx(request):
        response = HttpResponse(loader.get_template(f"{template_name}#melding").render({}), status=status)
        swap_into(response, target="#inhoud", swap="innerHTML")
    else:
        response = HttpResponse(loader.get_template(template_name).render({}), status=status)
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
