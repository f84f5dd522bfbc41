"""Template filters for the printed PDFs."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Where a printed web address may break: after "//" and "/", before ".", "?", "#", "&", "=", "-" and "_"
# (the usual typographic rule: a line never ends on a dot or starts with a slash).
_BREAK_AFTER = re.compile(r"(//|/)")


@register.filter
def breekbaar_adres(url: str) -> SafeString:
    """A web address with <wbr> at the sensible break points, so a line never breaks inside a word of it."""
    parts = []
    for piece in _BREAK_AFTER.split(url):
        if _BREAK_AFTER.fullmatch(piece):
            parts.append(escape(piece) + "<wbr>")
        else:
            parts.append("".join(f"<wbr>{escape(c)}" if c in ".?#&=_-" else escape(c) for c in piece))
    return mark_safe("".join(parts).replace("<wbr><wbr>", "<wbr>"))
