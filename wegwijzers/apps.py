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

        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from wegwijzers import search, zoekpagina  # noqa: PLC0415

        for signal in (post_save, post_delete):  # this process's copy of the Zoekterm list (search.py)
            signal.connect(search.vergeet_zoektermen, sender="wegwijzers.Zoekterm", dispatch_uid=f"zoektermen-{signal}")
            # the not-found region's frame lists the labels (zoekpagina.py)
            signal.connect(zoekpagina.vergeet_frames, sender="wegwijzers.Label", dispatch_uid=f"zoekframes-{signal}")
