from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelsConfig(AppConfig):
    name = "koppels"
    verbose_name = _("Koppels")
