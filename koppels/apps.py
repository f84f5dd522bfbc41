from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelsConfig(AppConfig):
    name = "koppels"
    verbose_name = _("Koppels")

    def ready(self):
        # Routes follow the guide: a published edition moves every koppel's actions onto it (koppels.edities).
        from koppels.edities import connect_signals  # noqa: PLC0415

        connect_signals()
