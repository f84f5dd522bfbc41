"""Where each frame text of the booklet is shown on the public site (for search results and admin previews)."""

from django.urls import reverse

from wegwijzers.models import Tekstblok

_PAGINA = {
    Tekstblok.Sleutel.INLEIDING: "wegwijzers:home",
    Tekstblok.Sleutel.ZES_WEGWIJZERS: "wegwijzers:home",
    Tekstblok.Sleutel.ZIJBALK: "wegwijzers:over",
    Tekstblok.Sleutel.DOE_MEE: "wegwijzers:doe_mee",
    Tekstblok.Sleutel.OMSLAG: "wegwijzers:over",
    Tekstblok.Sleutel.COLOFON: "wegwijzers:over",
    Tekstblok.Sleutel.ACHTERKANT: "wegwijzers:over",
}


def tekstblok_url(sleutel: str) -> str | None:
    """The public page showing this frame text, or None when no page shows it."""
    name = _PAGINA.get(sleutel)
    return f"{reverse(name)}#{sleutel}" if name else None
