"""Mail without a mail server: never written out, so login codes, reset links and invitation links stay secret.

Without SMTP_HOST and with DEBUG off there is nowhere to deliver mail. Django's console backend would print every
message, secrets included, into the server's log; this backend drops them and says so in one log line without any
of their content. `manage.py check --deploy` fails on it (incubator.E001), so a deployment cannot go live this way.
"""

import logging

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)

BACKEND = "incubator.mail.NoTransportBackend"


class NoTransportBackend(BaseEmailBackend):
    """Drop every message; log only how many (never recipients, subjects or bodies)."""

    def send_messages(self, email_messages) -> int:
        if email_messages:
            logger.error(
                "Geen mail verstuurd (%d bericht(en)): er is geen mailserver ingesteld. Zet SMTP_HOST.",
                len(email_messages),
            )
        return 0


@register(Tags.mail, deploy=True)
def check_mail_transport(app_configs, **kwargs) -> list[Error]:
    """A deployment needs a mail server: people log in with codes and join with links sent by mail."""
    if settings.MAILERS.get("default", {}).get("BACKEND") != BACKEND:
        return []
    return [
        Error(
            "Er is geen mailserver ingesteld: inlogcodes, wachtwoordlinks en uitnodigingen komen nergens aan.",
            hint="Zet SMTP_HOST (en SMTP_PORT, SMTP_USER, SMTP_PASSWORD) in de omgeving.",
            id="incubator.E001",
        )
    ]
