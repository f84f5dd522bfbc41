"""The search page for a visitor without cookies: rendered once per process around the results, filled per question.

Everything on the search page except the question and the results region is the same for every question:
rendering it (base.html's navigation, footer, static file names and translations) cost more than the search itself
once the search was one query. So the page is rendered once, cut at the question, the results region and the CSP
nonce, and each new question only renders its results region (`zoeken.html#zoekresultaten`, as htmx gets it) and
joins the pieces. The result is byte for byte the page a full render gives (tests/wegwijzers/test_search.py).

Only where nothing on the page can be personal, as for the page cache (incubator.pagecache): a request without any
cookie (no session, no messages, no CSRF token) and without htmx headers. The pieces live as long as a page copy
(PAGE_CACHE_SECONDS), so whatever the page around the results may one day show is never staler than the copies;
PAGE_CACHE_SECONDS=0 (the tests' default) renders every page whole.
"""

import re
import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.template.loader import get_template
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from incubator.htmx import VARY, is_htmx
from wegwijzers.search import Zoekuitkomst

PAGINA = "wegwijzers/zoeken.html"
REGIO = "zoekresultaten"
# Stands in for the question while the frame is rendered: a private-use character, escaped as itself.
PLAATSHOUDER = "\ue010"
VRAAG, RESULTATEN, NONCE = 0, 1, 2

# Per language: until when the frame may be used, and the frame as literal pieces and slots (VRAAG, RESULTATEN,
# NONCE) in page order.
_frames: dict[str, tuple[float, list[str | int]]] = {}


def bruikbaar(request: HttpRequest, vraag: str) -> bool:
    """Whether this request gets the page from the frame (an empty question's page is copied whole anyway)."""
    return settings.PAGE_CACHE_SECONDS > 0 and bool(vraag) and not request.COOKIES and not is_htmx(request)


def _frame(request: HttpRequest, context: dict[str, Any]) -> list[str | int]:
    taal = get_language()
    if taal not in _frames or _frames[taal][0] < time.monotonic():
        nonce = str(get_nonce(request))
        leeg = {**context, "uitkomst": Zoekuitkomst(vraag=PLAATSHOUDER, volledig=True), "ingekort": False}
        pagina = get_template(PAGINA).render(leeg, request)
        regio = get_template(f"{PAGINA}#{REGIO}").render(leeg, request)
        voor, na = pagina.split(regio)  # exactly once, or this raises: the region must be cut out whole
        stukken: list[str | int] = []
        for deel, slot in ((voor, RESULTATEN), (na, None)):
            for i, tekst in enumerate(re.split(f"({re.escape(PLAATSHOUDER)}|{re.escape(nonce)})", deel)):
                if i % 2:
                    stukken.append(VRAAG if tekst == PLAATSHOUDER else NONCE)
                elif tekst:
                    stukken.append(tekst)
            if slot is not None:
                stukken.append(slot)
        _frames[taal] = (time.monotonic() + settings.PAGE_CACHE_SECONDS, stukken)
    return _frames[taal][1]


def render(request: HttpRequest, context: dict[str, Any], vraag_html: str) -> HttpResponse:
    """The whole search page: the frame with this question (already escaped) and its rendered results region."""
    frame = _frame(request, context)
    vulling = {
        VRAAG: vraag_html,
        RESULTATEN: get_template(f"{PAGINA}#{REGIO}").render(context, request),
        NONCE: str(get_nonce(request)),
    }
    response = HttpResponse("".join(vulling[stuk] if isinstance(stuk, int) else stuk for stuk in frame))
    patch_vary_headers(response, VARY)
    return response
