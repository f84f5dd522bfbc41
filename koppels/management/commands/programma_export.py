import json
import sys

from django.core.management.base import BaseCommand

from koppels.programma import LosslessJSONEncoder, export_programma


class Command(BaseCommand):
    help = "Schrijf alle programmagegevens (cohorten, koppels, leden, routes, obstakels, logboek) als één JSON-bestand."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="bestand om naar te schrijven (standaard: stdout)")

    def handle(self, *args, output=None, **options):
        document = export_programma()
        text = json.dumps(document, cls=LosslessJSONEncoder, ensure_ascii=False, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stderr.write(f"{len(document['objecten'])} objecten geschreven naar {output}")
        else:
            sys.stdout.write(text + "\n")
