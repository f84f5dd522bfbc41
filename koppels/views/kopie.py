"""A short-lived copy of a person's koppel page, so looking again without changes costs no rendering.

The route page and an action page render 17 lines or a page of guidance per view; most views repeat the last one
(back from an action, the partner looking). A copy is kept per person (user, CSRF secret: the page carries their
form token) and per koppel *state*: `laatste_activiteit_at`, which every change through koppels.services moves on,
is part of the key, so after any change anyone's next view renders afresh. Copies live in each server process for
PAGE_CACHE_SECONDS (like the public page copies), are dropped in that process on any save of programme data or
content (admin edits included), and are never made while a message waits to be shown. Each copy gets the request's
own CSP nonce.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache.backends.locmem import LocMemCache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce

from koppels.models import Koppel

APPS = {"koppels", "wegwijzers", "initiatives", "incubator", "account"}
NONCE_PLACEHOLDER = b"\x00nonce\x00"

_copies = LocMemCache("koppel-kopieen", {"OPTIONS": {"MAX_ENTRIES": 300}})


def _key(request: HttpRequest, koppel: Koppel) -> str | None:
    seconds = settings.PAGE_CACHE_SECONDS
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    if seconds <= 0 or request.method not in ("GET", "HEAD") or request.htmx or not csrf:
        return None
    if len(get_messages(request)):  # a message waits: this view shows it once (len() does not consume it)
        return None
    raw = f"{request.user.pk}|{csrf}|{koppel.pk}|{koppel.laatste_activiteit_at.isoformat()}|{request.get_full_path()}"
    return hashlib.sha256(raw.encode()).hexdigest()


def page_copy(request: HttpRequest, koppel: Koppel, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The stored copy of this page for this person and koppel state, or `render()` (stored when it is a 200)."""
    key = _key(request, koppel)
    if key is None:
        return render()
    copy = _copies.get(key)
    if copy is not None:
        content, headers = copy
        nonce = get_nonce(request)  # a lazy object: its truth value says nothing before it is made
        response = HttpResponse(content.replace(NONCE_PLACEHOLDER, str(nonce).encode() if nonce is not None else b""))
        for name, value in headers:
            response.headers[name] = value
        return response
    response = render()
    if hasattr(response, "render"):
        response.render()
    nonce = get_nonce(request)
    if response.status_code == 200 and nonce is not None:
        content = response.content.replace(str(nonce).encode(), NONCE_PLACEHOLDER)
        headers = [(name, response.headers[name]) for name in ("Content-Type", "Vary") if name in response.headers]
        _copies.set(key, (content, headers), timeout=settings.PAGE_CACHE_SECONDS)
    return response


def _drop_copies(sender, **kwargs) -> None:
    if sender._meta.app_label in APPS:
        _copies.clear()


for _signal in (post_save, post_delete, m2m_changed):
    _signal.connect(_drop_copies, dispatch_uid=f"koppel-kopieen-{_signal}")
