"""The search page for a visitor without cookies: rendered once per process around the results, filled per question.

Everything on the search page except the question and the results region is the same for every question:
rendering it (base.html's navigation, footer, static file names and translations) cost more than the search itself
once the search was one query. So the page is rendered once, cut at the question, the results region and the CSP
nonce, and each new question only renders its results region (`zoeken.html#zoekresultaten`, as htmx gets it) and
joins the pieces. The result is byte for byte the page a full render gives (tests/wegwijzers/test_search.py).

A question that finds nothing (most new questions) gets a results region that differs from any other such question's
only in the question and in the booklet's words added to it: that region is a frame too, filled with the question
and, where the Zoekterm list added words, with the `zoekverwant` paragraph for those words (kept per process too).

Only where nothing on the page can be personal, as for the page cache (incubator.pagecache): a request without any
cookie (no session, no messages, no CSRF token) and without htmx headers. The pieces live as long as a page copy
(PAGE_CACHE_SECONDS), so whatever the page around the results may one day show is never staler than the copies;
PAGE_CACHE_SECONDS=0 (the tests' default) renders every page whole.
"""

import functools
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
REGIO = f"{PAGINA}#zoekresultaten"
VERWANT = f"{PAGINA}#zoekverwant"
# Stands in for the question while a frame is rendered: a private-use character, escaped as itself.
PLAATSHOUDER = "\ue010"
VRAAG, RESULTATEN, NONCE, WOORDEN = 0, 1, 2, 3

# Per frame (the page, the region of a question that found nothing), language and one word or more: until when it
# may be used, and the frame as literal pieces and slots (VRAAG, RESULTATEN, NONCE, WOORDEN) in page order.
_frames: dict[tuple[str, str, bool], tuple[float, list[str | int]]] = {}


def bruikbaar(request: HttpRequest, vraag: str) -> bool:
    """Whether this request gets the page from the frame (an empty question's page is copied whole anyway)."""
    return settings.PAGE_CACHE_SECONDS > 0 and bool(vraag) and not request.COOKIES and not is_htmx(request)


def _stukken(tekst: str, nonce: str) -> list[str | int]:
    """Literal text cut at the stand-in and the nonce, those two as their slots."""
    stukken: list[str | int] = []
    for i, deel in enumerate(re.split(f"({re.escape(PLAATSHOUDER)}|{re.escape(nonce)})", tekst)):
        if i % 2:
            stukken.append(VRAAG if deel == PLAATSHOUDER else NONCE)
        elif deel:
            stukken.append(deel)
    return stukken


def _frame(request: HttpRequest, context: dict[str, Any], soort: str) -> list[str | int]:
    """The page around the results ("pagina") or the region of a question that found nothing ("niets")."""
    sleutel = (soort, get_language(), soort == "niets" and context.get("meer_woorden", False))
    if sleutel not in _frames or _frames[sleutel][0] < time.monotonic():
        nonce = str(get_nonce(request))
        # One added word makes the frame render the `zoekverwant` paragraph, so that it can be cut out whole. The
        # region of a question that found nothing offers the labels: this question's.
        uitkomst = Zoekuitkomst(vraag=PLAATSHOUDER, volledig=True, verwant={PLAATSHOUDER: [PLAATSHOUDER]})
        if soort == "niets":
            uitkomst.labels = context["uitkomst"].labels
        leeg = {**context, "uitkomst": uitkomst, "ingekort": False}
        regio = get_template(REGIO).render(leeg, request)
        if soort == "pagina":
            binnen, tussen = get_template(PAGINA).render(leeg, request), RESULTATEN
        else:
            binnen, tussen = regio, WOORDEN
            regio = get_template(VERWANT).render(leeg, request)
        voor, na = binnen.split(regio)  # exactly once, or this raises: the part must be cut out whole
        stukken = [*_stukken(voor, nonce), tussen, *_stukken(na, nonce)]
        _frames[sleutel] = (time.monotonic() + settings.PAGE_CACHE_SECONDS, stukken)
    return _frames[sleutel][1]


# The added-words paragraph per language and added words ({word: the booklet's words}): the same few everyday words
# come back in question after question, and rendering it was a fifth of the Python time of a question that found
# nothing. The key is the paragraph's whole content, so an edit of the list shows at once and nothing needs expiring.
@functools.lru_cache(maxsize=1000)
def _verwant_render(taal: str, verwant: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    # Without the request: this paragraph needs nothing of it, and the context processors cost more than it does.
    return get_template(VERWANT).render({"uitkomst": {"verwant": dict(verwant)}})


def _verwant_html(uitkomst: Zoekuitkomst) -> str:
    return _verwant_render(get_language(), tuple((woord, tuple(andere)) for woord, andere in uitkomst.verwant.items()))


def vergeet_frames(**kwargs) -> None:
    """Drop this process's frames (connected to the labels' saves and deletes: the not-found region lists them)."""
    _frames.clear()
    _verwant_render.cache_clear()


def _vul(frame: list[str | int], vulling: dict[int, str]) -> str:
    return "".join(vulling[stuk] if isinstance(stuk, int) else stuk for stuk in frame)


def render(request: HttpRequest, context: dict[str, Any], vraag_html: str) -> HttpResponse:
    """The whole search page: the frame with this question (already escaped) and its results region."""
    uitkomst: Zoekuitkomst = context["uitkomst"]
    nonce = str(get_nonce(request))
    if uitkomst.resultaten or context["ingekort"]:
        regio = get_template(REGIO).render(context, request)
    else:
        woorden = _verwant_html(uitkomst) if uitkomst.verwant else ""
        regio = _vul(_frame(request, context, "niets"), {VRAAG: vraag_html, NONCE: nonce, WOORDEN: woorden})
    pagina = _vul(_frame(request, context, "pagina"), {VRAAG: vraag_html, RESULTATEN: regio, NONCE: nonce})
    response = HttpResponse(pagina)
    patch_vary_headers(response, VARY)
    return response
