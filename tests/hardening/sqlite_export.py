"""Run by tests/hardening/test_sqlite.py on the SQLite database `make run` uses: fetch the obstacle exports.

Prints the parsed CSV rows and JSON document as JSON.
"""

import csv
import io
import json
import os
import sys

import django

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incubator.settings")
django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from tests import factories as f  # noqa: E402

setup_test_environment()
gids = f.gids(aantal=2, acties=2)
labels = f.labels()
# Names of our own: the factories' sequences start again in this process, and the database is shared with
# sqlite_race.py.
cohort = f.CohortFactory(naam="Export", slug="export")
initiatief = f.InitiatiefFactory(naam="NoordOogst", slug="noordoogst-export")
koppel = f.KoppelFactory(cohort=cohort, initiatief=initiatief, leden=False)
f.ObstakelFactory(koppel=koppel, titel="Vergunning", beschrijving="Duurt lang", labels=[labels[3], labels[1]])
f.ObstakelFactory(koppel=koppel, titel="Geen labels", beschrijving="-")
client = Client()
client.force_login(f.ProgrammateamFactory(email="team-export@example.org"))


def fetch(formaat: str) -> tuple[int, str]:
    response = client.get(reverse("werkruimte:export_obstakels", args=[formaat]))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body.decode()


csv_status, csv_text = fetch("csv")
json_status, json_text = fetch("json")
rows = list(csv.DictReader(io.StringIO(csv_text.removeprefix("\ufeff"))))
print(json.dumps({"csv": [csv_status, rows], "json": [json_status, json.loads(json_text)]}))
