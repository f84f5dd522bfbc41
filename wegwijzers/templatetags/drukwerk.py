"""Template filters for the printed PDFs."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# The host ("www.example.org", "127.0.0.1:8000") is never broken; the path breaks after a slash and before ".", "?",
# "#", "&", "=", "-" and "_" (the usual typographic rule: a line never ends on a dot or starts with a slash).
_HOST = re.compile(r"^((?:[a-z]+:)?(?://)?[^/]*/?)", re.IGNORECASE)
_BREAK_BEFORE = ".?#&=_-"


@register.filter
def breekbaar_adres(url: str) -> SafeString:
    """A web address with <wbr> at the sensible break points, so a line never breaks inside a word of it."""
    host = _HOST.match(url)[1]
    parts = [escape(host), "<wbr>" if host.endswith("/") else ""]
    for character in url[len(host) :]:
        if character in _BREAK_BEFORE:
            parts.append("<wbr>")
        parts.append(escape(character))
        if character == "/":
            parts.append("<wbr>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of the address is escaped above
