from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelsConfig(AppConfig):
    name = "koppels"
    verbose_name = _("Koppels")

    def ready(self):
        # Routes follow the guide: a published edition moves every koppel's actions onto it (koppels.edities).
        from koppels.edities import connect_signals  # noqa: PLC0415

        connect_signals()
        # Proposals taken over are linked to their edition's change notes; Mijn gegevens lists them.
        from koppels.voorstellen import gegevens, services  # noqa: PLC0415

        services.connect_signals()
        gegevens.register_section()
