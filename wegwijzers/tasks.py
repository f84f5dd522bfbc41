"""Background work of the wegwijzers app: making minigids PDFs (django.tasks)."""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from wegwijzers import pdf
from wegwijzers.models import Drukbestand

logger = logging.getLogger(__name__)


@task()
def make_minigids_pdf(drukbestand_id: int) -> int:
    """Render the minigids selection of a Drukbestand and store the PDF in it; returns the page count."""
    drukbestand = Drukbestand.objects.defer("pdf").get(pk=drukbestand_id)
    if drukbestand.status == Drukbestand.Status.KLAAR:
        # A worker may pick up a duplicate job (a retry raced a slow worker): the work is already done.
        return drukbestand.paginas or 0
    try:
        data, paginas = pdf.render_minigids(pdf.Selectie.from_sleutel(drukbestand.sleutel))
    except Exception as error:
        logger.exception("Minigids PDF %s failed", drukbestand.sleutel)
        Drukbestand.objects.filter(pk=drukbestand_id).update(
            status=Drukbestand.Status.MISLUKT,
            fout=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    with transaction.atomic():
        Drukbestand.objects.filter(pk=drukbestand_id).update(
            status=Drukbestand.Status.KLAAR, pdf=data, paginas=paginas, fout="", finished_at=timezone.now()
        )
        # Older versions of the same selection can never be served again: keep the table small.
        Drukbestand.objects.filter(sleutel=drukbestand.sleutel).exclude(versie=drukbestand.versie).delete()
    return paginas


# A job that has been "bezig" this long is taken for lost (its worker stopped) and may be started again.
STALE_AFTER = timedelta(minutes=10)


def request_minigids_pdf(*, selectie: pdf.Selectie, versie: str | None = None) -> Drukbestand:
    """The Drukbestand for this selection and the current content: existing, or new and enqueued (also a retry)."""
    versie = versie or pdf.content_version()
    drukbestand, created = Drukbestand.objects.defer("pdf").get_or_create(sleutel=selectie.sleutel, versie=versie)
    if not created:
        # Claim a failed or lost job atomically, so two clicks on "Opnieuw proberen" enqueue it once.
        retry = Q(status=Drukbestand.Status.MISLUKT) | Q(
            status=Drukbestand.Status.BEZIG, requested_at__lt=timezone.now() - STALE_AFTER
        )
        claimed = Drukbestand.objects.filter(retry, pk=drukbestand.pk).update(
            status=Drukbestand.Status.BEZIG, fout="", requested_at=timezone.now(), finished_at=None
        )
        if not claimed:
            return drukbestand
    make_minigids_pdf.enqueue(drukbestand.pk)
    drukbestand.refresh_from_db(fields=["status", "fout", "paginas", "finished_at", "requested_at"])
    return drukbestand
