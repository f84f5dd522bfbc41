from django import template

from incubator.adressen import echte_host, leesbaar_adres
from wegwijzers import markup

register = template.Library()


@register.filter
def opmaak(text: str, heading_level: int = 2):
    """Render the booklet's small markup (paragraphs, "## " subheadings, "- " lists, links) as safe HTML."""
    return markup.render(text, heading_level=int(heading_level))


@register.filter
def eerste_alinea(text: str):
    """Only the first paragraph of a text in the booklet's markup (for short introductions)."""
    for kind, value in markup.blocks(text or ""):
        if kind == "alinea":
            return markup.render(value)
    return ""


@register.filter
def kaal_adres(url: str) -> str:
    """A web address as people read it: without the scheme and trailing slash, a look-alike host in punycode."""
    return leesbaar_adres(url)


@register.filter
def host(url: str) -> str:
    """The host a link really goes to (punycode for look-alike letters): shown next to a link text."""
    return echte_host(url)
