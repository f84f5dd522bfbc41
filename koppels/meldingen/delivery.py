"""Claiming built mails (one Verzending row each) and sending them as django.tasks tasks, with retries.

Never twice: a row is unique per (person, kind, period or stall); of two runs building the same mail only the one
whose insert lands claims it. A send locks its row (SELECT ... FOR UPDATE SKIP LOCKED) and marks it sent in the same
transaction. A refused send stays waiting with a later `volgende_poging_at`; the command enqueues it again then.
"""

import logging
import smtplib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone

from koppels.meldingen import build, rhythm
from koppels.meldingen.models import Verzending
from koppels.voorstellen.meldingen import proposal_outcomes

logger = logging.getLogger(__name__)

MAX_POGINGEN = 8
# A row handed to the task queue is not handed out again for this long (a worker may be busy with it).
IN_DE_RIJ = timedelta(minutes=10)


def wait_after(pogingen: int) -> timedelta:
    """5, 15, 45 minutes ... at most six hours between attempts."""
    return min(timedelta(minutes=5) * 3 ** (pogingen - 1), timedelta(hours=6))


def claim(berichten: list[build.Bericht], *, nu: datetime | None = None) -> list[int]:
    """Insert a row per mail; returns the ids this run claimed (rows another run inserted first are skipped)."""
    if not berichten:
        return []
    nu = nu or timezone.now()
    label = uuid.uuid4().hex
    Verzending.objects.bulk_create(
        [
            Verzending(
                user_id=b.user_id,
                soort=b.soort,
                sleutel=b.sleutel,
                van=b.van,
                tot=b.tot,
                onderwerp=b.onderwerp[:300],
                tekst=b.tekst,
                html=b.html,
                claim=label,
                volgende_poging_at=nu + IN_DE_RIJ,
            )
            for b in berichten
        ],
        ignore_conflicts=True,
    )
    return list(Verzending.objects.filter(claim=label).values_list("pk", flat=True))


def due_retries(*, nu: datetime | None = None) -> list[int]:
    """Waiting rows whose next attempt is due (a refused send, or a queued task that got lost), claimed for us."""
    nu = nu or timezone.now()
    with transaction.atomic():
        ids = list(
            Verzending.objects.select_for_update(skip_locked=True)
            .filter(staat=Verzending.Staat.WACHT, volgende_poging_at__lte=nu)
            .values_list("pk", flat=True)
        )
        Verzending.objects.filter(pk__in=ids).update(volgende_poging_at=nu + IN_DE_RIJ)
    return ids


def message(verzending: Verzending) -> EmailMultiAlternatives:
    """The mail with its one-click unsubscribe headers (RFC 8058)."""
    uitschrijven = rhythm.unsubscribe_url(verzending.user_id, verzending.soort)
    mail = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + verzending.onderwerp,
        body=verzending.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[verzending.user.email],
        headers={
            "List-Unsubscribe": f"<{uitschrijven}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    mail.attach_alternative(verzending.html, "text/html")
    return mail


class Geweigerd(Exception):
    """The mail server refused or could not be reached; the mail is tried again later."""


@task()
def send_verzending(verzending_id: int) -> str:
    """Send one claimed mail, once: its row is locked while sending and marked sent in the same transaction."""
    fout = None
    with transaction.atomic():
        verzending = (
            Verzending.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .filter(pk=verzending_id, staat=Verzending.Staat.WACHT)
            .first()
        )
        if verzending is None:
            return "al verstuurd of bezig"
        nu = timezone.now()
        if not verzending.user.is_active:
            verzending.staat = Verzending.Staat.MISLUKT
            verzending.fout = "account niet actief"
        else:
            try:
                if not message(verzending).send():
                    # A backend that accepts nothing (no mail server configured): keep it for a later attempt.
                    raise Geweigerd("de mail is niet aangenomen: is er een mailserver ingesteld (SMTP_HOST)?")
            except (smtplib.SMTPException, OSError, Geweigerd) as error:
                fout = f"{type(error).__name__}: {error}"[:500]
                verzending.pogingen += 1
                verzending.fout = fout
                if verzending.pogingen >= MAX_POGINGEN:
                    verzending.staat = Verzending.Staat.MISLUKT
                else:
                    verzending.volgende_poging_at = nu + wait_after(verzending.pogingen)
            else:
                verzending.staat = Verzending.Staat.VERSTUURD
                verzending.verstuurd_at = nu
                verzending.fout = ""
        if verzending.staat != Verzending.Staat.WACHT:
            # Sent or given up: the row stays as the record; the personal text is not kept.
            verzending.tekst = verzending.html = ""
        verzending.save()
    if fout:
        logger.warning("Melding %s niet verstuurd (poging %s): %s", verzending_id, verzending.pogingen, fout)
        raise Geweigerd(fout)
    return verzending.staat


@dataclass
class Resultaat:
    gebouwd: int = 0
    geclaimd: int = 0
    opnieuw: int = 0
    verstuurd: int = 0


def run_due(*, nu: datetime | None = None, direct: bool = False) -> Resultaat:
    """Everything due now: build and claim the mails, then hand them (and due retries) to the task queue."""
    nu = nu or timezone.now()
    resultaat = Resultaat()
    berichten = [
        *build.change_digests(nu=nu, direct=direct),
        *build.stall_reminders(nu=nu),
        *build.weekly_summaries(nu=nu),
        *proposal_outcomes(nu=nu),
    ]
    resultaat.gebouwd = len(berichten)
    ids = claim(berichten, nu=nu)
    resultaat.geclaimd = len(ids)
    opnieuw = due_retries(nu=nu)
    resultaat.opnieuw = len(opnieuw)
    for verzending_id in [*ids, *opnieuw]:
        result = send_verzending.enqueue(verzending_id)
        resultaat.verstuurd += (
            result.status == TaskResultStatus.SUCCESSFUL and result.return_value == Verzending.Staat.VERSTUURD
        )
    return resultaat
