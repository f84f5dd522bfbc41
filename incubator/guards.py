"""Input guards: one place that refuses input no view should ever see, before it reaches a form or the database.

Every query-string and form parameter (names and values) and the path pass through InputGuardMiddleware:
- control characters (NUL and the rest of C0 except tab and line breaks, DEL, C1): PostgreSQL refuses a NUL in text,
  which used to surface as a 500; none of them belongs in anything a person types;
- bidi controls (U+202A-U+202E, U+2066-U+2069, LRM/RLM/ALM): they make a name or link text read differently from
  what it is ("Factuur\u202efdp.exe" shows as "Factuurexe.pdf");
- query-string values longer than settings.INPUT_MAX_QUERY_LENGTH: no filter or search needs more, and a long
  search costs the database.
A refusal is a 400 with a Dutch message naming the field; htmx requests get the message in the main content.
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext as _

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def refusal(value: str) -> str | None:
    """Why a piece of input is refused (a Dutch sentence), or None when it is acceptable."""
    if CONTROL.search(value):
        return _(
            "bevat een onzichtbaar stuurteken (zoals een nul-byte). Zulke tekens zijn niet toegestaan in wat je invult."
        )
    if BIDI.search(value):
        return _(
            "bevat een teken dat de richting van de tekst omdraait. Zulke tekens zijn niet toegestaan: ze laten "
            "tekst er anders uitzien dan hij is."
        )
    return None


def _check(params: QueryDict, max_length: int | None) -> tuple[str, str] | None:
    for name, values in params.lists():
        for candidate in (name, *values):
            if (reason := refusal(candidate)) is not None:
                return name, reason
        if max_length is not None and any(len(value) > max_length for value in values):
            return name, _("is te lang: gebruik hoogstens %(max)d tekens.") % {"max": max_length}
    return None


def find_bad_input(request: HttpRequest) -> tuple[str, str] | None:
    """The first refused parameter as (name, reason), or None."""
    if (reason := refusal(request.path)) is not None:
        return _("het adres"), reason
    if found := _check(request.GET, settings.INPUT_MAX_QUERY_LENGTH):
        return found
    if request.method == "POST" and request.content_type in FORM_TYPES:
        return _check(request.POST, None)
    return None


class InputGuardMiddleware:
    """Refuse control and bidi characters in any parameter, and over-long query values, with a Dutch 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (found := find_bad_input(request)) is not None:
            from incubator.views import bad_request

            name, reason = found
            return bad_request(request, veld=name, reden=reason)
        return self.get_response(request)
