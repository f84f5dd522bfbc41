"""One way to answer a request that htmx may have made: the whole page or only its partial, and a 303 for changes.

Every view that serves a page with an htmx-swappable region calls `render_page(..., partial="id")`: a normal request
(or an htmx history restore, which needs the whole page) gets the page, an htmx request gets `page.html#id`, Django
6's named partial. The answer always carries `Vary: HX-Request, HX-History-Restore-Request`, so no cache hands a
fragment to a browser that asked for the page. Tests assert `response.template_name`.
"""

from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django_htmx.http import SwapMethod, reswap, retarget
from django_htmx.middleware import HtmxDetails

VARY = ("HX-Request", "HX-History-Restore-Request")


def is_htmx(request: HttpRequest) -> bool:
    """An htmx request for a region of the page (not a history restore, which needs the whole page)."""
    # An error handler may run for a request the middleware never saw: read the headers then.
    htmx = getattr(request, "htmx", None) or HtmxDetails(request)
    return bool(htmx) and not htmx.history_restore_request


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    partial: str | None = None,
    status: HTTPStatus = HTTPStatus.OK,
    target: str | None = None,
    swap: SwapMethod | None = None,
) -> TemplateResponse:
    """The page, or for an htmx request only `template#partial`; `target`/`swap` retarget that partial."""
    fragment = partial is not None and is_htmx(request)
    name = f"{template}#{partial}" if fragment else template
    response = TemplateResponse(request, name, context, status=status)
    if partial is not None:
        patch_vary_headers(response, VARY)
    if fragment:
        swap_into(response, target=target, swap=swap)
    return response


def render_partial(
    request: HttpRequest,
    template: str,
    partial: str,
    context: dict[str, Any] | None = None,
    *,
    status: HTTPStatus = HTTPStatus.OK,
    target: str | None = None,
    swap: SwapMethod | None = None,
) -> TemplateResponse:
    """Only `template#partial`, whoever asked (the caller knows it is an htmx answer)."""
    response = TemplateResponse(request, f"{template}#{partial}", context, status=status)
    patch_vary_headers(response, VARY)
    return swap_into(response, target=target, swap=swap)


def swap_into[R: HttpResponse](response: R, *, target: str | None = None, swap: SwapMethod | None = None) -> R:
    """Tell htmx to put this answer elsewhere (HX-Retarget) or otherwise (HX-Reswap), via django-htmx."""
    if target:
        retarget(response, target)
    if swap:
        reswap(response, swap)
    return response


def see_other(to: Any, *args: Any, **kwargs: Any) -> HttpResponseRedirect:
    """303 See Other: the answer to a POST that changed something (the browser fetches the result with GET).

    `to` is what `redirect()` accepts: a URL, a URL name with its arguments, or a model with get_absolute_url.
    """
    return HttpResponseRedirect(resolve_url(to, *args, **kwargs), status=HTTPStatus.SEE_OTHER)


def with_vary(response: HttpResponse, headers: Iterable[str] = VARY) -> HttpResponse:
    """Add the htmx Vary headers to an answer made otherwise."""
    patch_vary_headers(response, tuple(headers))
    return response
