from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    name = "incubator"
    verbose_name = _("Accounts")

    def ready(self):
        from incubator import mail, pagecache  # noqa: F401 - mail registers its deploy check

        pagecache.connect_signals()
