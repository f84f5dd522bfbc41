"""Send the notification mails that are due now: safe to run every few minutes, twice, or on two machines at once."""

from django.core.management.base import BaseCommand

from koppels.meldingen.delivery import run_due


class Command(BaseCommand):
    help = (
        "Bouwt en verstuurt de meldingen die nu aan de beurt zijn (digests, stilstand-herinneringen, weekoverzicht) "
        "en probeert geweigerde mails opnieuw. Veilig om elke paar minuten te draaien, ook op twee machines."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--nu",
            action="store_true",
            help="Sluit de lopende dag- en weekperiodes nu af (om het uit te proberen): alles tot nu gaat mee.",
        )

    def handle(self, *args, nu: bool = False, **options):
        resultaat = run_due(direct=nu)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Meldingen: {resultaat.geclaimd} nieuw, {resultaat.opnieuw} opnieuw geprobeerd, "
                f"{resultaat.verstuurd} verstuurd."
            )
