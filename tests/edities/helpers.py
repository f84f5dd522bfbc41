"""Editions made in tests: a second edition with one action changed, one added, one removed."""

from dataclasses import dataclass

from wegwijzers.edities import publiceer, vergelijk, vingerafdruk
from wegwijzers.models import Actie, Editie, Wegwijzer

# Words that appear nowhere in the booklet: one edition's text can be told from the other's.
OUDE_TEKST_BEGIN = "Maak ruimte voor ontmoeting"
NIEUWE_TEKST_BEGIN = "Maak samen ruimte voor ontmoeting"
TOEGEVOEGD = "Vraag de wijkcentra om een vaste spreekavond voor koppels."
VERVALLEN = "Wees je bewust van (on)gelijkheid in kansen en mogelijkheden (equality en equity)."
NOTITIE = "Ontmoeten doe je samen; een vaste spreekavond helpt koppels op weg."
CONCEPTWOORD = "Zwaluwstaartverbinding"  # only ever in the draft


@dataclass
class Edities:
    eerste: Editie
    tweede: Editie


def bewerk_concept(concept: Editie) -> None:
    """Change action 4.1, add action 4.4, remove action 4.3 (Tussenruimte)."""
    tussenruimte = Wegwijzer.objects.get(editie=concept, slug="tussenruimte")
    gewijzigd = tussenruimte.acties.get(volgorde=1)
    gewijzigd.tekst = gewijzigd.tekst.replace(OUDE_TEKST_BEGIN, NIEUWE_TEKST_BEGIN)
    gewijzigd.save()
    tussenruimte.acties.get(volgorde=3).delete()
    Actie.objects.create(wegwijzer=tussenruimte, volgorde=4, tekst=TOEGEVOEGD, doelgroep="ambtenaar")


def publiceer_concept(concept: Editie, naam: str = "december 2026") -> Editie:
    """Publish the draft as the team does: a note for every change, after seeing the comparison."""
    wijzigingen = vergelijk(concept, Editie.objects.huidige())
    return publiceer(
        concept,
        naam=naam,
        toelichting=f"De editie {naam}.",
        notities={wijziging.sleutel: NOTITIE for wijziging in wijzigingen},
        gezien=vingerafdruk(wijzigingen),
    )
