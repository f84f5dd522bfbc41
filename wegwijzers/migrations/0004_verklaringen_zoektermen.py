"""The portal's statements (toegankelijkheid, privacy, contact) and the everyday search words, created once.

They are the programme team's to edit in the admin afterwards, so they are not in a fixture that every start
loads again (that would overwrite the edits): this migration creates the rows that are missing and leaves the rest.
"""

import json
from pathlib import Path

from django.db import migrations

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def aanmaken(apps, schema_editor):
    Tekstblok = apps.get_model("wegwijzers", "Tekstblok")
    Zoekterm = apps.get_model("wegwijzers", "Zoekterm")
    for rij in json.loads((FIXTURES / "verklaringen.json").read_text(encoding="utf-8")):
        velden = dict(rij["fields"])
        Tekstblok.objects.get_or_create(sleutel=velden.pop("sleutel"), defaults=velden)
    for rij in json.loads((FIXTURES / "zoektermen.json").read_text(encoding="utf-8")):
        velden = dict(rij["fields"])
        Zoekterm.objects.get_or_create(woord=velden.pop("woord"), defaults=velden)


class Migration(migrations.Migration):
    dependencies = [("wegwijzers", "0003_inhoud_zoektermen")]

    operations = [migrations.RunPython(aanmaken, migrations.RunPython.noop)]
