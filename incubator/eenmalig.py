"""Forms that create something are handled once per form shown, however often they are sent.

Without JavaScript a double click on "Opslaan", or the browser's "send again?" after a reload, posts the same form
twice and used to create two obstacles. Each create form carries a one-time token (`{% eenmalig_token %}`, a fresh
random value each time the form is rendered); the view, wrapped in `@once_per_form`, claims the token in the shared
cache before it runs (an atomic `add`, so two simultaneous posts cannot both win). A second post of the same token
gets what the first got: the same redirect, or a 409 saying the form was already sent. When the first post is
refused (invalid input) the token is released, so the corrected form can be sent.
"""

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps
from http import HTTPStatus

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from incubator.htmx import see_other

FIELD = "formulier_token"
TIMEOUT = 24 * 60 * 60  # a form left open over a day is old enough to count as a new one
PENDING, DONE = "bezig", "klaar"


def new_token() -> str:
    return secrets.token_urlsafe(16)


def _key(request: HttpRequest, token: str) -> str:
    digest = hashlib.sha256(token.encode()).hexdigest()[:32]
    return f"eenmalig:{request.user.pk or '-'}:{digest}"


def once_per_form(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run a create view once per form token; answer a repeated post without running it again."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not token:
            return view(request, *args, **kwargs)
        key = _key(request, token)
        if not cache.add(key, PENDING, timeout=TIMEOUT):
            return _repeated(request, cache.get(key))
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            cache.delete(key)
            raise
        if response.status_code < 400:
            location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
            cache.set(key, location or DONE, timeout=TIMEOUT)
        else:
            cache.delete(key)  # refused: nothing was made, the corrected form may be sent with this token
        return response

    return wrapper


def _repeated(request: HttpRequest, outcome: str | None) -> HttpResponse:
    text = _("Dit formulier was al verstuurd. Het is één keer verwerkt; er is niets dubbel opgeslagen.")
    if outcome and outcome not in (PENDING, DONE) and not request.htmx:
        messages.info(request, text)
        return see_other(outcome)
    from incubator.views import refused

    return refused(request, status=HTTPStatus.CONFLICT, kop=_("Dit formulier was al verstuurd"), tekst=text)
