"""Where each frame text of the booklet is shown on the public site (for search results and admin previews)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wegwijzers.models import Tekstblok

_PAGINA = {
    Tekstblok.Sleutel.INLEIDING: "wegwijzers:home",
    Tekstblok.Sleutel.ZES_WEGWIJZERS: "wegwijzers:home",
    Tekstblok.Sleutel.ZIJBALK: "wegwijzers:over",
    Tekstblok.Sleutel.DOE_MEE: "wegwijzers:doe_mee",
    Tekstblok.Sleutel.OMSLAG: "wegwijzers:over",
    Tekstblok.Sleutel.COLOFON: "wegwijzers:over",
    Tekstblok.Sleutel.ACHTERKANT: "wegwijzers:over",
    Tekstblok.Sleutel.TOEGANKELIJKHEID: "wegwijzers:toegankelijkheid",
    Tekstblok.Sleutel.PRIVACY: "wegwijzers:privacy",
    Tekstblok.Sleutel.CONTACT: "wegwijzers:contact",
}


_TITEL = {
    "wegwijzers:home": _("Minigids voor de maatschappelijke route"),
    "wegwijzers:over": _("Over de minigids"),
    "wegwijzers:doe_mee": _("Doe mee"),
    "wegwijzers:toegankelijkheid": _("Toegankelijkheidsverklaring"),
    "wegwijzers:privacy": _("Privacyverklaring"),
    "wegwijzers:contact": _("Contact"),
}


def tekstblok_url(sleutel: str) -> str | None:
    """The public page showing this frame text, or None when no page shows it."""
    name = _PAGINA.get(sleutel)
    if not name:
        return None
    # A statement is a page of its own; a frame text is a section of the page that shows it.
    return reverse(name) if name.removeprefix("wegwijzers:") == sleutel else f"{reverse(name)}#{sleutel}"


def tekstblok_titel(blok: Tekstblok) -> str:
    """How a reader knows the text: its own title, else the title of the page that shows it."""
    return blok.titel or str(_TITEL.get(_PAGINA.get(blok.sleutel), blok.get_sleutel_display()))
