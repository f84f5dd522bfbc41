"""A second edition published in the test: one action changed, one added, one removed (wegwijzers.edities)."""

from dataclasses import dataclass

import pytest

from wegwijzers.edities import maak_concept, publiceer, vergelijk
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
    huidige = Editie.objects.huidige()
    notities = {wijziging.sleutel: NOTITIE for wijziging in vergelijk(concept, huidige)}
    return publiceer(concept, naam=naam, toelichting=f"De editie {naam}.", notities=notities, versie=concept.versie)


@pytest.fixture
def edities(minigids) -> Edities:
    """Edition 1 (maart 2025, from the fixtures) and edition 2 (december 2026), now current."""
    concept = maak_concept()
    bewerk_concept(concept)
    tweede = publiceer_concept(concept)
    return Edities(eerste=Editie.objects.get(nummer=1), tweede=tweede)


@pytest.fixture
def concept(edities) -> Editie:
    """A draft after the second edition, with a word in it that must never reach the public."""
    concept = maak_concept()
    wegwijzer = Wegwijzer.objects.get(editie=concept, slug="lokale-inbedding")
    wegwijzer.doel = f"{wegwijzer.doel} {CONCEPTWOORD}"
    wegwijzer.save()
    actie = wegwijzer.acties.get(volgorde=1)
    actie.tekst = f"{actie.tekst} {CONCEPTWOORD}"
    actie.save()
    return concept
