from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WegwijzersConfig(AppConfig):
    name = "wegwijzers"
    verbose_name = _("Minigids")

    def ready(self):
        from wegwijzers import zoekindex

        zoekindex.koppel_signalen()
