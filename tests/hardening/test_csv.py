"""CSV exports stay inert whatever separator a spreadsheet picks: no cell becomes a live formula.

A spreadsheet that splits the comma export on semicolons (Dutch Excel's default) or the semicolon export on commas
sees different cells than we wrote: a title `Vergunning;=1+1;` would put `=1+1` in a cell of its own. Each export
is parsed here with every separator a spreadsheet might choose.
"""

import csv
import io

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

HOSTILE = [
    "Vergunning;=1+1;",
    "Vergunning,=1+1,",
    "Vergunning\t=1+1",
    "Regel\n=1+1",
    "Regel\r\n@SUM(A1)",
    "a; +cmd|' /C calc'!A0",
    "a, -2+3",
    '"x";=HYPERLINK("http://example.org")',
    "=SUM(A1:A9)",
    "\t=1+1",
    " =1+1",
]
TRIGGERS = ("=", "+", "-", "@")


@pytest.fixture
def hostile(gids):
    cohort = f.CohortFactory(naam="Cohort;=1+1", slug="vijandig")
    for n, tekst in enumerate(HOSTILE):
        koppel = f.KoppelFactory(cohort=cohort, initiatief=f.InitiatiefFactory(naam=f"{n} {tekst}"))
        f.ObstakelFactory(koppel=koppel, titel=tekst, beschrijving=tekst, aanpak=tekst)
    return cohort


def _fields(tekst: str, delimiter: str) -> list[str]:
    rows = csv.reader(io.StringIO(tekst.removeprefix("\ufeff")), delimiter=delimiter)
    return [field for row in rows for field in row]


@pytest.mark.parametrize("export", ["werkruimte:export_obstakels", "werkruimte:export_voortgang"])
@pytest.mark.parametrize("scheiding", ["komma", "puntkomma"])
def test_no_cell_is_a_formula_under_any_separator(team_client, hostile, export, scheiding):
    response = team_client.get(reverse(export, args=["csv"]), {"scheiding": scheiding})
    tekst = b"".join(response.streaming_content).decode()
    for delimiter in (",", ";", "\t"):
        live = [field for field in _fields(tekst, delimiter) if field.lstrip(" ").startswith(TRIGGERS)]
        assert live == [], f"{scheiding} export read with {delimiter!r}"


@pytest.mark.parametrize("scheiding,delimiter", [("komma", ","), ("puntkomma", ";")])
def test_text_reads_back_whole_with_its_own_separator(team_client, hostile, scheiding, delimiter):
    response = team_client.get(reverse("werkruimte:export_obstakels", args=["csv"]), {"scheiding": scheiding})
    rows = list(
        csv.DictReader(
            io.StringIO(b"".join(response.streaming_content).decode().removeprefix("\ufeff")), delimiter=delimiter
        )
    )
    titels = {row["titel"] for row in rows}
    assert "Vergunning;'=1+1;" in titels  # the text whole, its formula start made inert with a quote
    assert "Regel\n'=1+1" in titels
    assert len(rows) == len(HOSTILE)
