"""A cache of whole public pages for visitors without cookies: the booklet reads the same for all of them.

Rendering a wegwijzer page costs milliseconds of template work and several queries; a copy costs none. Only views
named in settings.PAGE_CACHE_VIEWS are cached, only for GET/HEAD requests that carry no cookie at all (no session,
no CSRF token: nothing personal can be on the page) and no htmx header (no fragments), and only 200 answers that
set no cookie. The copies live in each server process for PAGE_CACHE_SECONDS (settings.py says why not in the
shared cache); a change to the booklet's content or to the initiatives empties the copies of the process that made
it at once.

An address with a query string (a search, a filter) is copied only when it is asked for a second time within
PAGE_CACHE_SECONDS ("cache on second hit", as CDNs do): most search questions are asked once, and copying each of
them cost more than a tenth of the search itself and pushed the copies of the pages people do come back to (home,
the wegwijzers) out of the cache.
"""

import functools
import re
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import MiddlewareNotUsed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.urls import Resolver404, resolve

# Models whose rows appear on the cached pages. Drukbestand (generated PDFs) lives in wegwijzers but is not content.
CONTENT_APPS = {"wegwijzers", "initiatives"}
NOT_CONTENT = {"wegwijzers.drukbestand"}


def _enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


class PageCacheUpdateMiddleware(UpdateCacheMiddleware):
    """Store cacheable pages (first in MIDDLEWARE); tell browsers to check back every time."""

    def __init__(self, get_response):
        if not _enabled():
            raise MiddlewareNotUsed
        super().__init__(get_response)
        self.cache_timeout = settings.PAGE_CACHE_SECONDS

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if getattr(request, "_page_cache", False):
            # Our copy is invalidated on every content edit; a copy in a browser or proxy would not be.
            response.headers.pop("Expires", None)
            response.headers.pop("Age", None)
            response.headers["Cache-Control"] = "no-cache"
        return response


class PageCacheFetchMiddleware(FetchFromCacheMiddleware):
    """Answer from the cache (last in MIDDLEWARE) when the request is anonymous and the view is listed."""

    def __init__(self, get_response):
        if not _enabled():
            raise MiddlewareNotUsed
        super().__init__(get_response)
        self.views = set(settings.PAGE_CACHE_VIEWS)
        # Per path, as the answer only depends on it: resolving it again for every request cost more than the lookup.
        self._listed = functools.lru_cache(maxsize=1024)(self._resolves_to_listed_view)

    def process_request(self, request):
        if request.COOKIES or _htmx_headers(request) or not self._listed(request.path_info):
            request._cache_update_cache = False
            return None
        request._page_cache = True
        if not _asked_before(request):  # the first request for this address: there is no copy, and none is made
            request._cache_update_cache = False
            return None
        response = super().process_request(request)
        return _with_fresh_nonce(response) if response is not None else None

    def _resolves_to_listed_view(self, path: str) -> bool:
        try:
            return resolve(path).view_name in self.views
        except Resolver404:
            return False


# Addresses with a query string asked for once, with until when that first time counts. Bounded: when full it starts
# again, which at worst lets a few addresses wait for their copy one request longer.
_asked: dict[str, float] = {}
MAX_ASKED = 5000


def _asked_before(request) -> bool:
    """Whether a copy of this page may exist or be made: always without a query string; with one, from the second
    request for it on."""
    if not request.META.get("QUERY_STRING"):
        return True
    path, now = request.get_full_path(), time.monotonic()
    before = _asked.get(path, 0.0) > now
    if not before and len(_asked) >= MAX_ASKED:
        _asked.clear()
    _asked[path] = now + settings.PAGE_CACHE_SECONDS  # each request keeps it known as long as a copy could live
    return before


def _htmx_headers(request) -> bool:
    """Whether the request carries any htmx header: such answers (fragments, history restores) are never cached.

    Keying the cache on each header htmx sends (HX-Request, HX-History-Restore-Request, HX-Target...) would have to
    follow every view's choices; a page for a plain visitor is the only thing worth a copy.
    """
    return any(key.startswith("HTTP_HX_") for key in request.META)  # not request.headers: built for this alone


_NONCE = re.compile(r"'nonce-([A-Za-z0-9_-]+)'")


def _with_fresh_nonce(response):
    """Give a copy its own CSP nonce: a nonce an attacker could read once must not unlock other responses."""
    header = response.headers.get("Content-Security-Policy", "")
    match = _NONCE.search(header)
    if match is None:
        return response
    old, new = match.group(1), secrets.token_urlsafe(16)
    response.headers["Content-Security-Policy"] = header.replace(old, new)
    response.content = response.content.replace(f'nonce="{old}"'.encode(), f'nonce="{new}"'.encode())
    return response


def clear_on_content_change(sender, **kwargs) -> None:
    """Empty the page cache when content shown on cached pages changes (admin edits, fixtures).

    Edits to the draft edition show nowhere public: the cache follows publication (wegwijzers.edities).
    """
    from wegwijzers.models import hoort_bij_concept  # noqa: PLC0415

    if hoort_bij_concept(kwargs.get("instance")):
        return
    label = sender._meta.label_lower
    if sender._meta.app_label in CONTENT_APPS and label not in NOT_CONTENT:
        caches[settings.CACHE_MIDDLEWARE_ALIAS].clear()


def connect_signals() -> None:
    # Always connected (clearing an empty cache costs nothing), so switching the cache on in a test needs no more.
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(clear_on_content_change, dispatch_uid=f"pagecache-{signal}")
