"""Fixtures for the PDF tests: the whole minigids rendered once per session from the shipped content."""

import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from django.core.management import call_command
from django.db import transaction

from wegwijzers import pdf
from wegwijzers.models import Actie, Leesitem, Link, Wegwijzer


@dataclass
class Rendered:
    """A rendered PDF with its parsed form and the content it was made from."""

    data: bytes
    reader: pypdf.PdfReader
    pages: int
    wegwijzers: list[dict]

    def page_texts(self) -> list[str]:
        return [page.extract_text() or "" for page in self.reader.pages]

    def text(self) -> str:
        return "\n".join(self.page_texts())

    def outline(self) -> list[tuple[str, int]]:
        """Top-level bookmarks as (title, 1-based page number)."""
        return [
            (item.title, self.reader.get_destination_page_number(item) + 1)
            for item in self.reader.outline
            if not isinstance(item, list)
        ]


def squash(text: str) -> str:
    """Text without whitespace and hyphens: extracted lines break and hyphenate words, the content does not."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def structure(reader: pypdf.PdfReader) -> list[dict]:
    """Every element of the PDF's structure tree (the tags a screen reader follows), in reading order."""
    found = []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if not isinstance(node, dict):
            return
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if kid is not None:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def snapshot_content() -> list[dict]:
    """The content of every wegwijzer as plain data, taken while the database still holds it."""
    result = []
    for wegwijzer in Wegwijzer.objects.prefetch_related("labels").order_by("volgorde"):
        result.append(
            {
                "titel": wegwijzer.titel,
                "slug": wegwijzer.slug,
                "citaat": wegwijzer.citaat,
                "labels": [label.slug for label in wegwijzer.labels.all()],
                "acties": list(
                    Actie.objects.filter(wegwijzer=wegwijzer).order_by("volgorde").values_list("tekst", "doelgroep")
                ),
                "leesitems": list(Leesitem.objects.filter(wegwijzer=wegwijzer).values_list("titel", flat=True)),
                "urls": list(Link.objects.filter(leesitem__wegwijzer=wegwijzer).values_list("url", flat=True)),
            }
        )
    return result


def render_with_shipped_content(selectie: pdf.Selectie, django_db_blocker) -> Rendered:
    """Load the shipped minigids, render the selection, and roll everything back (for session fixtures)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", "minigids", "initiatieven", verbosity=0)
        data, pages = pdf.render_minigids(selectie)
        content = snapshot_content()
        transaction.set_rollback(True)
    return Rendered(data=data, reader=pypdf.PdfReader(io.BytesIO(data)), pages=pages, wegwijzers=content)


@pytest.fixture(scope="session")
def whole_guide(django_db_setup, django_db_blocker) -> Rendered:
    """The whole minigids, A5: rendered once for all the tests that read it."""
    return render_with_shipped_content(pdf.Selectie(), django_db_blocker)


@pytest.fixture(scope="session")
def whole_guide_pngs(whole_guide, tmp_path_factory) -> list[Path]:
    """Every page of the whole guide as a PNG, drawn by poppler's pdftoppm."""
    folder = tmp_path_factory.mktemp("pages")
    source = folder / "minigids.pdf"
    source.write_bytes(whole_guide.data)
    subprocess.run(["pdftoppm", "-png", "-r", "72", str(source), str(folder / "p")], check=True)
    return sorted(folder.glob("p-*.png"))
