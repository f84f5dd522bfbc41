"""The minigids PDF as a reader gets it: pages, bookmarks, table of contents, content, tags, fonts, layout."""

import re

import pytest
from PIL import Image

from tests.pdf.conftest import squash, structure

# The PDF is rendered once per session (see conftest); the mark makes pytest-django set up the test database.
pytestmark = pytest.mark.django_db

A5 = (419.53, 595.28)
MM = 72 / 25.4

SECTION_HEADINGS = {"Doel", "Aanpak", "Acties", "Meer weten & verder lezen"}


def _size(page) -> tuple[float, float]:
    return round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)


class TestBooklet:
    def test_every_page_is_a5_and_the_count_is_that_of_a_booklet(self, whole_guide):
        assert {_size(page) for page in whole_guide.reader.pages} == {A5}
        assert 20 <= len(whole_guide.reader.pages) <= 40
        assert whole_guide.pages == len(whole_guide.reader.pages)

    def test_bookmarks_are_the_chapters_in_order(self, whole_guide):
        titles = [title for title, _page in whole_guide.outline()]
        wegwijzers = [w["titel"] for w in whole_guide.wegwijzers]
        assert titles == ["Wegwijzers voor een gemeenschapseconomie", "6 wegwijzers", *wegwijzers, titles[-1]]
        assert titles[-1].startswith("Doe mee")

    def test_table_of_contents_numbers_are_the_pages_the_bookmarks_open(self, whole_guide):
        toc_page = next(text for text in whole_guide.page_texts() if text.startswith("Inhoud"))
        printed = {}
        for line in toc_page.splitlines():
            if match := re.match(r"^(.*\S)\s+(\d+)$", line.strip()):
                printed[match[1].strip()] = int(match[2])
        assert printed == dict(whole_guide.outline())

    def test_chapters_start_on_the_page_the_bookmark_opens(self, whole_guide):
        texts = whole_guide.page_texts()
        for title, page in whole_guide.outline():
            assert squash(title) in squash(texts[page - 1])

    def test_cover_and_back_cover_have_no_page_number_but_the_others_do(self, whole_guide):
        texts = whole_guide.page_texts()
        assert squash("Minigids voor de maatschappelijke route") in squash(texts[0])
        assert "maart 2025" in texts[0]
        assert "MEENTCOOP & AMSTERDOEN" in texts[0].upper()
        for number in (1, len(texts)):
            assert not re.search(rf"(^|\n){number}\s*$", texts[number - 1])
        for number in range(2, len(texts)):
            assert re.search(rf"(^|\n){number}\s*$", texts[number - 1]), f"page {number} has no number"

    def test_running_header_names_the_chapter_after_its_first_page(self, whole_guide):
        texts = whole_guide.page_texts()
        outline = whole_guide.outline()
        title, page = outline[3]  # the second wegwijzer: it spans more than one page
        next_page = outline[4][1]
        assert next_page - page >= 2
        assert f"2. {title}" in texts[page].splitlines()
        assert f"2. {title}" not in texts[page - 1].splitlines()


class TestContent:
    def test_every_wegwijzer_action_reading_item_and_quote_is_in_it(self, whole_guide):
        text = squash(whole_guide.text())
        for wegwijzer in whole_guide.wegwijzers:
            assert squash(wegwijzer["titel"]) in text
            assert squash(wegwijzer["citaat"]) in text
            for tekst, _doelgroep in wegwijzer["acties"]:
                assert squash(tekst) in text, tekst
            for titel in wegwijzer["leesitems"]:
                assert squash(titel) in text, titel

    def test_every_reading_link_is_printed_in_full_and_clickable(self, whole_guide):
        text = squash(whole_guide.text())
        targets = set()
        for page in whole_guide.reader.pages:
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A")
                if action and "/URI" in action:
                    targets.add(str(action["/URI"]))
        for wegwijzer in whole_guide.wegwijzers:
            for url in wegwijzer["urls"]:
                assert squash(url) in text, url
                assert url in targets, url

    def test_labels_and_audiences_are_printed_with_each_wegwijzer(self, whole_guide):
        text = whole_guide.text()
        for marker in ("voor ambtenaren en initiatiefnemers", "voor ambtenaren\n", "voor initiatiefnemers\n"):
            assert marker in text.lower()
        assert "Financiering & middelen" in text
        assert "Labels:" in text

    def test_colofon_doe_mee_and_back_cover_are_in_it(self, whole_guide):
        texts = whole_guide.page_texts()
        assert "Colofon" in texts[1]
        assert "AmsterDOEN@amsterdam.nl" in whole_guide.text()
        assert "Deze minigids geeft wegwijzers" in texts[-1]


class TestAccessibility:
    def test_tagged_pdf_ua_in_dutch_with_metadata(self, whole_guide):
        catalog = whole_guide.reader.trailer["/Root"]
        assert catalog["/Lang"] == "nl"
        assert bool(catalog["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in catalog
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
        metadata = whole_guide.reader.metadata
        assert metadata.title == "Minigids voor de maatschappelijke route"
        assert metadata.author == "MeentCoop & AmsterDOEN"
        xmp = catalog["/Metadata"].get_object().get_data().decode()
        assert "pdfuaid:part" in xmp

    def test_headings_quotes_lists_and_links_are_tagged(self, whole_guide):
        tags = [str(node["/S"]) for node in structure(whole_guide.reader)]
        assert (
            tags.count("/H1") == 1 + 1 + 2 + len(whole_guide.wegwijzers) + 1
        )  # cover, inhoud, intro, 6, wegwijzers, doe mee
        assert tags.count("/BlockQuote") == len(whole_guide.wegwijzers)
        assert tags.count("/Link") >= sum(len(w["urls"]) for w in whole_guide.wegwijzers)
        assert "/L" in tags and "/LI" in tags
        # No image without a text alternative (the cover mark is a CSS shape, not an image).
        assert all("/Alt" in node for node in structure(whole_guide.reader) if node["/S"] == "/Figure")

    def test_only_the_shipped_font_is_embedded(self, whole_guide):
        fonts = set()
        for page in whole_guide.reader.pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object()
                assert "/FontFile2" in descendant["/FontDescriptor"], "font not embedded"
                fonts.add(str(font["/BaseFont"]).split("+", 1)[-1])
        assert fonts
        assert all(name.startswith("Source-Sans-3") for name in fonts), fonts


class TestPrintedPages:
    def test_nothing_runs_into_the_outer_margins(self, whole_guide_pngs):
        """Long web addresses wrap: the outer 8 mm of every inner page stay blank."""
        for path in whole_guide_pngs[1:-1]:
            image = Image.open(path).convert("L")
            width, height = image.size
            strip = round(8 * MM)
            for box in ((0, 0, strip, height), (width - strip, 0, width, height)):
                darkest, _ = image.crop(box).getextrema()
                assert darkest > 250, f"ink in the margin of {path.name}"

    def test_link_areas_stay_inside_the_text_block(self, whole_guide):
        width = float(whole_guide.reader.pages[0].mediabox.width)
        for page in whole_guide.reader.pages:
            for annotation in page.get("/Annots") or []:
                x1, _y1, x2, _y2 = (float(v) for v in annotation.get_object()["/Rect"])
                assert min(x1, x2) >= 10 * MM and max(x1, x2) <= width - 10 * MM

    def test_no_quote_is_split_over_two_pages(self, whole_guide):
        pages = [squash(text) for text in whole_guide.page_texts()]
        for wegwijzer in whole_guide.wegwijzers:
            assert any(squash(wegwijzer["citaat"]) in page for page in pages), wegwijzer["titel"]

    def test_no_section_heading_is_the_last_line_of_a_page(self, whole_guide):
        for number, text in enumerate(whole_guide.page_texts(), start=1):
            lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().isdigit()]
            if lines:
                assert lines[-1] not in SECTION_HEADINGS, f"heading alone at the foot of page {number}"

    def test_no_page_is_empty(self, whole_guide_pngs):
        for path in whole_guide_pngs:
            darkest, _ = Image.open(path).convert("L").getextrema()
            assert darkest < 128, f"{path.name} is empty"
