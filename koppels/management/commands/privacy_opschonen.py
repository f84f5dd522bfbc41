"""Apply the retention periods: pseudonymise cohorts whose period ended, prune the activity log, old invitations,
carried-out erasure requests and expired sessions. Idempotent; safe from cron, twice, and on two machines at once."""

from django.core.management.base import BaseCommand

from koppels.privacy.services import run_retention


class Command(BaseCommand):
    help = "Doe wat de bewaartermijnen vragen (pseudonimiseren, activiteitenlog en oude uitnodigingen opschonen)."

    def handle(self, *args, **options):
        resultaat = run_retention()
        if resultaat.overgeslagen:
            self.stdout.write("Overgeslagen: een andere opschoning is op dit moment bezig.")
            return
        cohorten = ", ".join(resultaat.cohorten) or "geen"
        self.stdout.write(
            f"Gepseudonimiseerd: {cohorten} ({resultaat.personen} personen). Verwijderd: "
            f"{resultaat.gebeurtenissen} logregels, {resultaat.uitnodigingen} uitnodigingen, "
            f"{resultaat.verzoeken} uitgevoerde verzoeken, {resultaat.sessies} verlopen sessies."
        )
