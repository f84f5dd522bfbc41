"""Background work of the wegwijzers app: making minigids PDFs (django.tasks)."""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.tasks import task, task_backends
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone

from wegwijzers import pdf
from wegwijzers.models import Drukbestand, hoort_bij_concept

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
    versie = versie or pdf.content_version(selectie)
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


# The whole guide in every printed form: made ahead, so nobody waits for it (README "PDFs").
WHOLE_GUIDE = (pdf.Selectie(), pdf.Selectie(formaat="a4"), pdf.Selectie(formaat="drukproef"))


def warm_up_whole_guide() -> list[Drukbestand]:
    """Queue the whole guide (A5, A4, drukproef) for the current content, unless it is made or being made."""
    versie = pdf.content_version()
    return [request_minigids_pdf(selectie=selectie, versie=versie) for selectie in WHOLE_GUIDE]


def queue_whole_guide() -> None:
    """Queue the whole guide once the current transaction commits, with a task queue only.

    Only with a task queue (TASKS_BACKEND=db, make serve): the immediate backend would make the editor's own
    request render three PDFs (`make run` makes them at start-up, `manage.py minigids_pdfs` at any time).
    """
    if isinstance(task_backends["default"], ImmediateBackend):
        return
    transaction.on_commit(warm_up_whole_guide, robust=True)


def _content_changed(sender, instance=None, raw: bool = False, **kwargs) -> None:
    """A content row was saved or deleted: the printed guide follows, unless the row is the draft's.

    Fixture loading (raw) is left to `manage.py minigids_pdfs`.
    """
    if raw or hoort_bij_concept(instance):
        return
    queue_whole_guide()


def connect_content_signals() -> None:
    """Called from WegwijzersConfig.ready(): every model the booklet is made from."""
    from wegwijzers.models import Actie, Label, Leesitem, Link, Tekstblok, Wegwijzer  # noqa: PLC0415

    for model in (Tekstblok, Label, Wegwijzer, Actie, Leesitem, Link):
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"minigids-pdf-save-{model.__name__}")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"minigids-pdf-delete-{model.__name__}")
    m2m_changed.connect(_content_changed, sender=Wegwijzer.labels.through, dispatch_uid="minigids-pdf-labels")
