"""The minigids as a print shop and a screen reader get it: booklet imposition, bleed, hyphens, artifacts, PDF/UA."""

import io
import json
import re
import subprocess
from pathlib import Path

import pdfua
import pikepdf
import pytest
import zxingcpp
from django.conf import settings
from PIL import Image

from tests.pdf.conftest import render_with_shipped_content
from wegwijzers import pdf

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "minigids.json"


@pytest.fixture(scope="session")
def variants(whole_guide, django_db_setup, django_db_blocker) -> dict:
    """Every minigids variant the portal makes, rendered once (the whole A5 guide comes from conftest)."""
    made = {"a5": whole_guide}
    for name, selectie in {
        "a4": pdf.Selectie(formaat="a4"),
        "drukproef": pdf.Selectie(formaat="drukproef"),
        "wegwijzers": pdf.Selectie(soort="wegwijzers", waarden=("lokale-inbedding", "groeien-als-beweging")),
        "doelgroep": pdf.Selectie(soort="doelgroep", waarden=("ambtenaar",)),
    }.items():
        made[name] = render_with_shipped_content(selectie, django_db_blocker)
    return made


BOOKLETS = ("a5", "drukproef", "wegwijzers", "doelgroep")


def _pdftotext(data: bytes, tmp_path: Path) -> str:
    source = tmp_path / "x.pdf"
    source.write_bytes(data)
    return subprocess.run(["pdftotext", "-raw", str(source), "-"], check=True, capture_output=True, text=True).stdout


def _pages_as_images(data: bytes, tmp_path: Path, dpi: int) -> list[Image.Image]:
    source = tmp_path / "x.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(source), str(tmp_path / "p")], check=True)
    return [Image.open(path).convert("L") for path in sorted(tmp_path.glob("p-*.png"))]


class TestImposition:
    @pytest.mark.parametrize("name", BOOKLETS)
    def test_a_booklet_has_a_multiple_of_four_pages_with_the_back_cover_last_on_a_left_hand_page(self, variants, name):
        rendered = variants[name]
        assert rendered.pages % 4 == 0
        texts = rendered.page_texts()
        assert "Deze minigids geeft wegwijzers" in texts[-1]  # the back cover
        # Page 1 is a right-hand page (the cover), so an even page is a left-hand one.
        assert rendered.pages % 2 == 0

    def test_padding_pages_are_notes_pages_not_blank_ones(self, variants):
        for name in BOOKLETS:
            texts = variants[name].page_texts()
            for number, text in enumerate(texts[1:-1], start=2):
                assert text.strip(), f"{name}: page {number} is blank"

    def test_no_page_but_a_chapters_last_is_less_than_two_fifths_filled(self, variants, tmp_path):
        rendered = variants["a5"]
        pages = _pages_as_images(rendered.data, tmp_path, 30)
        texts = rendered.page_texts()
        starts = {page for _title, page in rendered.outline()}
        first_notes = next((n for n, text in enumerate(texts, start=1) if "Aantekeningen" in text), len(pages))
        notes = set(range(first_notes, len(pages) + 1))  # the notes pages and the back cover
        exempt = {1, 2} | notes | {page - 1 for page in starts} | {first_notes - 1}
        top, bottom = round(17 * MM * 30 / 72), round(18 * MM * 30 / 72)
        for number, image in enumerate(pages, start=1):
            if number in exempt:
                continue
            body = image.crop((0, top, image.width, image.height - bottom))
            ink = body.point(lambda value: 255 if value < 200 else 0).getbbox()  # the box around all dark pixels
            filled = ink[3] / body.height if ink else 0
            assert filled >= 0.4, f"page {number} is only {filled:.0%} filled"

    def test_quotes_stand_within_their_wegwijzer_never_alone(self, variants):
        texts = variants["a5"].page_texts()
        for wegwijzer in variants["a5"].wegwijzers:
            start = re.sub(r"\s+", " ", wegwijzer["citaat"])[:30]
            page = next(text for text in texts if start in re.sub(r"\s+", " ", text))
            assert "Doel" in page or "Aanpak" in page


class TestPrintShop:
    def test_the_drukproef_has_3mm_bleed_and_trim_and_bleed_boxes(self, variants):
        with pikepdf.open(io.BytesIO(variants["drukproef"].data)) as document:
            for page in document.pages:
                media = [float(v) for v in page.MediaBox]
                trim = [float(v) for v in page.TrimBox]
                bleed = [float(v) for v in page.BleedBox]
                assert trim[2] - trim[0] == pytest.approx(148 * MM, abs=0.5)
                assert media[2] - media[0] == pytest.approx((148 + 6) * MM, abs=0.5)
                assert media[0] <= bleed[0] < trim[0]

    @pytest.mark.parametrize("name", ["a5", "a4", "wegwijzers", "doelgroep"])
    def test_screen_variants_have_no_bleed_and_no_marks(self, variants, name):
        with pikepdf.open(io.BytesIO(variants[name].data)) as document:
            for page in document.pages:
                assert "/TrimBox" not in page.obj
                assert "/BleedBox" not in page.obj


class TestTypography:
    @pytest.mark.parametrize("name", ["a5", "a4", "doelgroep"])
    def test_no_line_ends_in_a_hyphen_that_is_not_in_the_content(self, variants, name, tmp_path):
        pages = [f"/wegwijzers/{w['slug']}/" for w in variants[name].wegwijzers] + ["/doe-mee/"]
        addresses = [pdf.short_url(pdf.portal_url(path)) for path in pages]
        content = re.sub(r"\s+", " ", repr(json.loads(FIXTURE.read_text()))) + " ".join(addresses)
        lines = _pdftotext(variants[name].data, tmp_path).splitlines()
        for line, following in zip(lines, lines[1:], strict=False):
            assert not line.endswith("\u2010")
            if line.endswith("-") and following:
                # The hyphen belongs to the content: within a word ("e-mail") or before a space ("beide- bewust").
                last, first = line.split()[-1], following.split()[0]
                assert f"{last}{first}" in content or f"{last} {first}" in content, f"{last}{first} not in content"

    def test_hyphens_made_by_line_breaking_are_soft_hyphens_in_the_text_layer(self, variants, tmp_path):
        text = _pdftotext(variants["a5"].data, tmp_path)
        assert "\u00ad\n" in text  # there are hyphenated lines, and they are marked as such
        assert "\u2010" not in text

    def test_names_are_never_hyphenated(self, variants, tmp_path):
        text = _pdftotext(variants["a5"].data, tmp_path)
        assert not re.search(r"Amster\u00ad\n", text)
        assert not re.search(r"\bMeent\u00ad\n", text)


class TestAccessibility:
    @pytest.mark.parametrize("name", ["a5", "a4", "drukproef", "wegwijzers", "doelgroep"])
    def test_pdfua_finds_no_errors_and_no_warnings(self, variants, name, tmp_path):
        source = tmp_path / f"{name}.pdf"
        source.write_bytes(variants[name].data)
        report = pdfua.validate(str(source))
        assert [(finding.rule_id, finding.message) for finding in report.findings] == []

    @pytest.mark.parametrize("name", ["a5", "a4", "doelgroep"])
    def test_running_heads_and_page_numbers_are_artifacts(self, variants, name):
        with pikepdf.open(io.BytesIO(variants[name].data)) as document:
            structure = pdf._structure_elements(document)
            owners = document.Root.StructTreeRoot.ParentTree.Nums
            owned = {int(owners[i]): owners[i + 1] for i in range(0, len(owners), 2)}
            for number, page in enumerate(document.pages[1:-1], start=2):
                operators = pikepdf.parse_content_stream(page)
                artifacts = [ops for ops, op in operators if str(op) == "BDC" and ops[0] == "/Artifact"]
                assert any(ops[1].get("/Type") == "/Pagination" for ops in artifacts), f"page {number}"
                for reference in owned[int(page.StructParents)]:
                    assert reference is None or reference.objgen in structure

    def test_the_table_of_contents_has_one_link_per_entry_described_by_its_title(self, variants):
        rendered = variants["a5"]
        toc = rendered.reader.pages[2]
        links = [annotation.get_object() for annotation in toc.get("/Annots", [])]
        titles = [title for title, _page in rendered.outline()]
        assert [str(link["/Contents"]) for link in links] == titles

    def test_creation_and_modification_dates_are_set(self, variants):
        info = variants["a5"].reader.metadata
        assert info.creation_date is not None
        assert info.modification_date is not None


class TestSelections:
    def test_an_audience_checklist_keeps_the_booklets_numbers(self, variants):
        text = variants["doelgroep"].text()
        for wegwijzer_number, wegwijzer in enumerate(variants["doelgroep"].wegwijzers, start=1):
            for actie_number, (_tekst, doelgroep) in enumerate(wegwijzer["acties"], start=1):
                if doelgroep == "ambtenaar":
                    assert f"{wegwijzer_number}.{actie_number}" in text

    def test_chosen_wegwijzers_keep_their_numbers(self, variants):
        text = variants["wegwijzers"].text()
        assert "3.2" in text
        assert "2.1" in text


class TestBackToTheScreen:
    def test_each_wegwijzer_has_a_qr_code_to_its_page_on_the_portal(self, variants, tmp_path):
        rendered = variants["wegwijzers"]
        decoded = set()
        for image in _pages_as_images(rendered.data, tmp_path, 150):
            decoded |= {barcode.text for barcode in zxingcpp.read_barcodes(image)}
        portal = settings.PORTAL_URL.rstrip("/")
        assert decoded == {f"{portal}/wegwijzers/lokale-inbedding/", f"{portal}/wegwijzers/groeien-als-beweging/"}

    def test_the_back_cover_gives_the_portal_and_how_to_join(self, variants):
        back = variants["a5"].page_texts()[-1]
        portal = pdf.short_url(settings.PORTAL_URL)
        assert portal in back
        assert "doe-mee" in back
