"""Koppels across editions of the guide: when an edition is published, every route moves onto it.

An action the new edition carries over (changed or not) keeps its state, note and history: the koppel's row
now points at the new edition's action. A new action gets an open row in every koppel. A removed action's row
stays where it was, on the older edition's action (published editions are never deleted), so nothing a koppel
recorded is lost; koppels.route shows it as no longer in the guide. Obstacles follow their action and wegwijzer
the same way.
"""

from koppels.models import Actiestap, Koppel, Obstakel
from wegwijzers.models import Actie, Wegwijzer


def volg_nieuwe_editie(sender, *, editie, vorige=None, **kwargs) -> None:
    """Receiver of wegwijzers.edities.editie_gepubliceerd (inside the publishing transaction)."""
    acties = list(Actie.objects.filter(wegwijzer__editie=editie).values_list("pk", "vorige_id"))
    for actie_id, vorige_id in acties:
        if vorige_id is not None:
            Actiestap.objects.filter(actie_id=vorige_id).update(actie_id=actie_id)
            Obstakel.objects.filter(actie_id=vorige_id).update(actie_id=actie_id)
    for wegwijzer_id, vorige_id in Wegwijzer.objects.filter(editie=editie, vorige__isnull=False).values_list(
        "pk", "vorige_id"
    ):
        Obstakel.objects.filter(wegwijzer_id=vorige_id).update(wegwijzer_id=wegwijzer_id)

    nieuw = [actie_id for actie_id, vorige_id in acties if vorige_id is None]
    if nieuw:
        koppel_ids = list(Koppel.objects.values_list("pk", flat=True))
        Actiestap.objects.bulk_create(
            (Actiestap(koppel_id=koppel_id, actie_id=actie_id) for koppel_id in koppel_ids for actie_id in nieuw),
            ignore_conflicts=True,
            batch_size=2000,
        )


def connect_signals() -> None:
    from wegwijzers.edities import editie_gepubliceerd  # noqa: PLC0415

    editie_gepubliceerd.connect(volg_nieuwe_editie, dispatch_uid="koppels-volg-nieuwe-editie")
