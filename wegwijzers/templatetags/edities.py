"""Template filters of the edition pages."""

import re

from django import template

register = template.Library()

_RAND = re.compile(r"^(\s*)(.*?)(\s*)$", re.S)


@register.filter
def stukken(vergelijking_sectie: list) -> list[tuple[str, str, str, str]]:
    """A compared section's pieces as (soort, space before, text, space after).

    Spaces at the edges of an added or removed piece stay outside its mark, so "Maak + samen ruimte" reads as
    "Maak +samen ruimte": the mark sits on the words, not on the gap before them.
    """
    uit = []
    for soort, tekst in vergelijking_sectie:
        if soort == "=":
            uit.append((soort, "", tekst, ""))
        else:
            voor, kern, na = _RAND.match(tekst).groups()
            uit.append((soort, voor, kern, na))
    return uit
