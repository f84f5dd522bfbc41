"""Geometry for the server-rendered SVG charts (the template only draws what is computed here)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from koppels.route import Telling

BREEDTE = 320  # viewBox units; the SVG scales with its column, text stays readable at 320 px
RIJ_HOOGTE = 46
BALK_HOOGTE = 16
BALK_Y = 22  # below the name line of each row


@dataclass
class Balk:
    naam: str
    y: int
    tekst_y: int
    balk_y: int
    klaar_breedte: float
    bezig_x: float
    bezig_breedte: float
    percentage: int


def voortgang_grafiek(rijen: list[tuple[str, Telling]]) -> dict:
    """A stacked bar per koppel: done (gedaan + nvt), in progress, open; widths proportional to its actions."""
    balken = []
    for index, (naam, voortgang) in enumerate(rijen):
        y = index * RIJ_HOOGTE
        totaal = voortgang.totaal or 1
        klaar = BREEDTE * voortgang.afgerond / totaal
        bezig = BREEDTE * voortgang.bezig / totaal
        balken.append(
            Balk(
                naam=naam,
                y=y,
                tekst_y=y + 16,
                balk_y=y + BALK_Y,
                klaar_breedte=round(klaar, 1),
                bezig_x=round(klaar, 1),
                bezig_breedte=round(bezig, 1),
                percentage=voortgang.percentage,
            )
        )
    beschrijving = " ".join(
        _("%(naam)s: %(klaar)s van %(totaal)s acties afgerond (%(procent)s%%), %(bezig)s bezig.")
        % {"naam": naam, "klaar": v.afgerond, "totaal": v.totaal, "procent": v.percentage, "bezig": v.bezig}
        for naam, v in rijen
    )
    return {
        "breedte": BREEDTE,
        "hoogte": max(len(rijen) * RIJ_HOOGTE, RIJ_HOOGTE),
        "balk_hoogte": BALK_HOOGTE,
        "balken": balken,
        "beschrijving": beschrijving,
    }


@dataclass
class Staaf:
    naam: str
    aantal: int
    tekst_y: int
    balk_y: int
    breedte: float


def aantallen_grafiek(rijen: list[tuple[str, int]], *, eenheid_enkel: str, eenheid_meer: str) -> dict:
    """A bar per row, widths relative to the largest count, with a sentence per bar for the text alternative."""
    grootste = max((aantal for _, aantal in rijen), default=0) or 1
    staven = [
        Staaf(
            naam=naam,
            aantal=aantal,
            tekst_y=index * RIJ_HOOGTE + 16,
            balk_y=index * RIJ_HOOGTE + BALK_Y,
            breedte=round(BREEDTE * aantal / grootste, 1),
        )
        for index, (naam, aantal) in enumerate(rijen)
    ]
    beschrijving = " ".join(
        f"{naam}: {aantal} {eenheid_enkel if aantal == 1 else eenheid_meer}." for naam, aantal in rijen
    )
    return {
        "breedte": BREEDTE,
        "hoogte": max(len(rijen) * RIJ_HOOGTE, RIJ_HOOGTE),
        "balk_hoogte": BALK_HOOGTE,
        "staven": staven,
        "beschrijving": beschrijving,
    }
