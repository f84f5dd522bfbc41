"""The SQLite database `make run` uses: concurrent changes give a result or a 409, never "database is locked".

Runs in processes of its own against a temporary SQLite file (the suite's database is PostgreSQL).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = pytest.mark.system  # processes of their own on SQLite, like `make run`


@pytest.fixture(scope="module")
def sqlite_env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sqlite")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}", "DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return env


def _run(env: dict, *args: str) -> str:
    """Run a Python script in a process of its own on the SQLite database; its last line of output."""
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_concurrent_route_changes_on_sqlite_win_or_are_refused(sqlite_env):
    outcomes = json.loads(_run(sqlite_env, "tests/hardening/sqlite_race.py"))
    assert outcomes["locked"] == 0 and outcomes["other"] == []
    # Every change either went through or was refused as stale (409); changes to different actions never clash.
    assert outcomes["ok"] + outcomes["stale"] == 40
    assert outcomes["ok"] >= 30 and outcomes["stale"] >= 1


def test_sqlite_is_set_up_for_concurrency(sqlite_env):
    script = (
        "import django; django.setup(); from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0])"
    )
    journal, timeout = _run({**sqlite_env, "DJANGO_SETTINGS_MODULE": "incubator.settings"}, "-c", script).split()
    assert journal == "wal" and int(timeout) >= 5000


def test_obstacle_export_works_on_the_sqlite_of_make_run(sqlite_env):
    exports = json.loads(_run(sqlite_env, "tests/hardening/sqlite_export.py"))
    status, rows = exports["csv"]
    assert status == 200
    assert [(row["titel"], row["labels"]) for row in rows] == [
        ("Vergunning", "Juridische kaders, Governance"),  # in the labels' own order, as on PostgreSQL
        ("Geen labels", ""),
    ]
    status, document = exports["json"]
    assert status == 200 and [row["labels"] for row in document] == ["Juridische kaders, Governance", ""]
