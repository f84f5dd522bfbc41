"""Make the whole minigids (A5, A4, drukproef) for the current content when it is missing: run at start-up."""

import time

from django.core.management.base import BaseCommand

from wegwijzers.models import Drukbestand
from wegwijzers.tasks import warm_up_whole_guide


class Command(BaseCommand):
    help = "Maakt de hele minigids (A5, A4, drukproef) voor de huidige inhoud, als die er nog niet is."

    def handle(self, *args, **options):
        start = time.perf_counter()
        drukbestanden = warm_up_whole_guide()
        for drukbestand in drukbestanden:
            staat = "klaar" if drukbestand.status == Drukbestand.Status.KLAAR else "in de wachtrij"
            self.stdout.write(f"{drukbestand.sleutel}: {staat}")
        self.stdout.write(f"({time.perf_counter() - start:.1f} s)")
