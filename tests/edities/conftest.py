"""Fixtures of the editions tests: a second edition published, and a draft after it (see helpers.py)."""

import pytest

from tests.edities.helpers import CONCEPTWOORD, Edities, bewerk_concept, publiceer_concept
from wegwijzers.edities import maak_concept
from wegwijzers.models import Editie, Tekstblok, Wegwijzer


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
    blok = Tekstblok.objects.get(editie=concept, sleutel="doe-mee")
    blok.tekst = f"{blok.tekst}\n\n{CONCEPTWOORD}"
    blok.save()
    return concept
