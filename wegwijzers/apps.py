from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WegwijzersConfig(AppConfig):
    name = "wegwijzers"
    verbose_name = _("Minigids")
