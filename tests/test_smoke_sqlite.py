"""The `make run` path on SQLite: migrate, load the booklet (twice), serve, and every public page answers.

Runs manage.py in subprocesses against a temporary SQLite file; it does not touch the PostgreSQL test database.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _counts(env: dict) -> dict[str, int]:
    dump = json.loads(_manage(env, "dumpdata", "wegwijzers", "initiatives", "--natural-foreign", "--natural-primary"))
    counts: dict[str, int] = {}
    for obj in dump:
        counts[obj["model"]] = counts.get(obj["model"], 0) + 1
    return counts


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own local server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("smoke")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "DEBUG": "1",
        "STATIC_ROOT": str(tmp / "static"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "loaddata", "minigids", "initiatieven", "-v0")
    eerste = _counts(env)
    _manage(env, "loaddata", "minigids", "initiatieven", "-v0")
    tweede = _counts(env)

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Wait for the server by polling its socket (not a timing assertion: it only bounds the wait).
        for _ in range(300):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield {"base": base, "eerste": eerste, "tweede": tweede}
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.system
class TestMakeRunOnSqlite:
    def test_loading_the_booklet_twice_changes_nothing(self, sqlite_server):
        assert sqlite_server["eerste"] == sqlite_server["tweede"]
        assert sqlite_server["eerste"]["wegwijzers.wegwijzer"] == 6
        assert sqlite_server["eerste"]["initiatives.initiatief"] == 7

    @pytest.mark.parametrize(
        ("path", "content"),
        [
            ("/", "Wegwijzers voor een gemeenschapseconomie"),
            ("/wegwijzers/", "6 wegwijzers gevonden"),
            ("/wegwijzers/?label=juridische-kaders&doelgroep=ambtenaar", "3 wegwijzers gevonden"),
            ("/wegwijzers/tussenruimte/", "De tussenruimte vullen door bewoners"),
            ("/doe-mee/", "Doe mee aan de gemeenschapseconomie"),
            ("/over/", "© maart 2025"),
            ("/initiatieven/", "Energiecoöperatie Zuiderlicht"),
            ("/zoeken/?q=uitdaagrecht", "Ruimte vinden in beleid"),
        ],
    )
    def test_public_pages_answer_with_their_content(self, sqlite_server, path, content):
        status, page = _fetch(sqlite_server["base"] + path)
        assert status == 200
        assert content in page

    def test_simple_search_finds_the_one_wegwijzer_without_database_talk(self, sqlite_server):
        status, page = _fetch(sqlite_server["base"] + "/zoeken/?" + urllib.parse.urlencode({"q": "oogstfeest"}))
        assert status == 200
        assert "eenvoudige zoekfunctie" not in page and "PostgreSQL" not in page and "SQLite" not in page
        assert page.count('class="resultaat resultaat--wegwijzer"') == 1
        assert 'href="/wegwijzers/lokale-inbedding/"' in page
        assert "<mark>oogstfeest</mark>" in page

    def test_everyday_words_find_the_booklets_words(self, sqlite_server):
        # "vergunning" is not in the booklet; the search-word list (created by a migration) adds its words for it.
        status, page = _fetch(sqlite_server["base"] + "/zoeken/?" + urllib.parse.urlencode({"q": "vergunning"}))
        assert status == 200
        assert 'href="/wegwijzers/ruimte-vinden-in-beleid/"' in page
        assert "Ook gezocht op woorden uit de minigids" in page
        status, page = _fetch(sqlite_server["base"] + "/zoeken/?" + urllib.parse.urlencode({"q": "geld"}))
        assert 'href="/wegwijzers/groeien-als-beweging/"' in page

    def test_snippets_never_split_a_word(self, sqlite_server):
        status, page = _fetch(sqlite_server["base"] + "/zoeken/?" + urllib.parse.urlencode({"q": "woordelijk"}))
        assert status == 200
        assert "verant woordelijk" not in page
        assert "verant<mark>woordelijk</mark>heden" in page

    def test_statements_are_there_to_edit(self, sqlite_server):
        for pad, kop in [
            ("/toegankelijkheid/", "Toegankelijkheidsverklaring"),
            ("/privacy/", "Privacyverklaring"),
            ("/contact/", "Contact"),
        ]:
            status, page = _fetch(sqlite_server["base"] + pad)
            assert status == 200 and f'<h1 id="verklaring-titel">{kop}</h1>' in page

    def test_unknown_page_is_a_404(self, sqlite_server):
        status, _ = _fetch(sqlite_server["base"] + "/bestaat-niet/")
        assert status == 404
