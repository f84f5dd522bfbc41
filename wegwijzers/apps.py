from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WegwijzersConfig(AppConfig):
    name = "wegwijzers"
    verbose_name = _("Minigids")

    def ready(self):
        # The whole guide's PDFs are queued again whenever the content changes (wegwijzers.tasks).
        from wegwijzers.tasks import connect_content_signals  # noqa: PLC0415

        connect_content_signals()

        from wegwijzers import zoekindex  # noqa: PLC0415

        zoekindex.koppel_signalen()
