"""Each published edition keeps its own files: open data at a versioned address (valid against the schema) and the
whole guide as PDF (real WeasyPrint), each saying which edition it is."""

import subprocess
from pathlib import Path

import pytest

from tests.edities.helpers import NIEUWE_TEKST_BEGIN, OUDE_TEKST_BEGIN, TOEGEVOEGD, VERVALLEN
from tests.pdf.conftest import squash
from tests.wegwijzers.test_opendata import valideer

pytestmark = pytest.mark.django_db


def acties(document: dict, slug: str) -> list[str]:
    wegwijzer = next(w for w in document["wegwijzers"] if w["slug"] == slug)
    return [actie["tekst"] for actie in wegwijzer["acties"]]


class TestOpenData:
    def test_both_editions_at_their_own_address_valid_and_different(self, client, edities):
        eerste = client.get("/open-data/edities/1/minigids.json").json()
        tweede = client.get("/open-data/edities/2/minigids.json").json()
        for document in (eerste, tweede):
            valideer(document)
        assert eerste["editie"] | {"gepubliceerd_op": None} == {
            "nummer": 1,
            "naam": "maart 2025",
            "gepubliceerd_op": None,
            "huidig": False,
            "url": "http://testserver/open-data/edities/1/minigids.json",
        }
        assert (tweede["editie"]["naam"], tweede["editie"]["huidig"]) == ("december 2026", True)
        oud, nieuw = acties(eerste, "tussenruimte"), acties(tweede, "tussenruimte")
        assert VERVALLEN in oud and TOEGEVOEGD not in oud and oud[0].startswith(OUDE_TEKST_BEGIN)
        assert VERVALLEN not in nieuw and TOEGEVOEGD in nieuw and nieuw[0].startswith(NIEUWE_TEKST_BEGIN)
        # The unversioned address is the current edition.
        assert client.get("/open-data/minigids.json").json()["editie"]["nummer"] == 2


def pdftotext(data: bytes, tmp_path: Path) -> str:
    bron = tmp_path / "editie.pdf"
    bron.write_bytes(data)
    return subprocess.run(["pdftotext", "-raw", str(bron), "-"], check=True, capture_output=True, text=True).stdout


class TestPdf:
    def test_both_editions_print_their_own_text_and_say_which_edition(self, client, edities, tmp_path):
        oud = client.get("/edities/1/minigids-a5.pdf")
        assert oud.status_code == 200 and oud["Content-Type"] == "application/pdf"
        assert "editie-1" in oud["Content-Disposition"]
        tekst = squash(pdftotext(oud.content, tmp_path))
        assert squash("Editie maart 2025") in tekst
        assert squash("Niet de huidige editie") in tekst
        assert squash(VERVALLEN) in tekst and squash(TOEGEVOEGD) not in tekst

        nieuw = client.get("/edities/2/minigids-a4.pdf")
        assert nieuw.status_code == 200
        tekst = squash(pdftotext(nieuw.content, tmp_path))
        assert squash("Editie december 2026") in tekst
        assert squash("Niet de huidige editie") not in tekst
        assert squash(TOEGEVOEGD) in tekst and squash(VERVALLEN) not in tekst
        assert squash(NIEUWE_TEKST_BEGIN) in tekst

    def test_the_current_editions_a5_is_the_guides_own_address(self, client, edities):
        response = client.get("/edities/2/minigids-a5.pdf")
        assert response.status_code == 302 and response["Location"] == "/minigids.pdf"
