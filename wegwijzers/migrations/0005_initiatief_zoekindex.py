"""PostgreSQL: a GIN index on the initiatives' search vector (an expression index: no column on their table).

wegwijzers.search matches initiatives with exactly this expression, so a new question is an index lookup however
many initiatives the programme holds. SQLite searches the simple way and gets no index.
"""

from django.db import migrations

VECTOR = (
    "(setweight(to_tsvector('dutch'::regconfig, naam), 'A') || "
    "setweight(to_tsvector('dutch'::regconfig, werkt_aan || ' ' || beschrijving), 'B'))"
)


def aanmaken(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS initiatief_zoekvector_gin ON initiatives_initiatief USING gin ({VECTOR})"
        )


def verwijderen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS initiatief_zoekvector_gin")


class Migration(migrations.Migration):
    dependencies = [("wegwijzers", "0004_verklaringen_zoektermen"), ("initiatives", "0001_initial")]

    operations = [migrations.RunPython(aanmaken, verwijderen)]
