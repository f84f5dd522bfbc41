import json

from django.core.management.base import BaseCommand, CommandError

from koppels.programma import ImportRefused, import_programma


class Command(BaseCommand):
    help = "Zet een export van programma_export terug in een lege database (met de minigids al geladen)."

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="het JSON-bestand van programma_export")

    def handle(self, *args, bestand, **options):
        try:
            with open(bestand, encoding="utf-8") as file:
                document = json.load(file)
        except (OSError, ValueError) as error:
            raise CommandError(f"Kan {bestand} niet lezen als JSON: {error}") from error
        try:
            count = import_programma(document)
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{count} objecten geïmporteerd uit {bestand}.")
