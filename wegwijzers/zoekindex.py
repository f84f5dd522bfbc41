"""The stored search vector of each wegwijzer (PostgreSQL): rebuilt whenever the wegwijzer or its rows change.

The vector covers the wegwijzer's own texts and those of its acties and reading items, weighted: title (A) above
inleiding and doel (B), above aanpak and acties (C), above reading and the quote (D). A GIN index (migration
0004) makes matching it cheap; the query then only ranks and highlights the few rows that match.
"""

from django.db import connection
from django.db.models import F, OuterRef, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.db.models.signals import post_delete, post_save

CONFIG = "dutch"


def _gerelateerd(model, *velden: str):
    """All texts of a wegwijzer's related rows in one string (a correlated subquery)."""
    if len(velden) > 1:
        expressie = Concat(*[part for v in velden for part in (F(v), Value(" "))], output_field=TextField())
    else:
        expressie = F(velden[0])
    return Coalesce(
        Subquery(
            model.objects.filter(wegwijzer=OuterRef("pk"))
            .order_by()
            .values("wegwijzer")
            .annotate(t=StringAgg(expressie, delimiter=Value(" "), order_by="volgorde"))
            .values("t")
        ),
        Value(""),
        output_field=TextField(),
    )


def vector_expressie(Actie=None, Leesitem=None):  # noqa: N803 (migrations pass their historical models)
    """The weighted vector of a wegwijzer row, as a database expression."""
    from django.contrib.postgres.search import SearchVector

    from wegwijzers import models

    Actie = Actie or models.Actie  # noqa: N806
    Leesitem = Leesitem or models.Leesitem  # noqa: N806

    return (
        SearchVector("titel", weight="A", config=CONFIG)
        + SearchVector("inleiding", "doel", weight="B", config=CONFIG)
        + SearchVector("aanpak", _gerelateerd(Actie, "tekst"), weight="C", config=CONFIG)
        + SearchVector(
            _gerelateerd(Leesitem, "titel", "beschrijving"),
            "citaat",
            "citaat_spreker",
            "citaat_rol",
            weight="D",
            config=CONFIG,
        )
    )


def bijwerken(*wegwijzer_ids: int) -> None:
    """Rebuild the stored vector of these wegwijzers (all when none are named); nothing to do off PostgreSQL."""
    from wegwijzers.models import Wegwijzer

    if connection.vendor != "postgresql":
        return
    rijen = Wegwijzer.objects.all()
    if wegwijzer_ids:
        rijen = rijen.filter(pk__in=wegwijzer_ids)
    rijen.update(zoekvector=vector_expressie())


def _na_wegwijzer(sender, instance, **kwargs):
    bijwerken(instance.pk)


def _na_rij(sender, instance, **kwargs):
    wegwijzer_id = instance.wegwijzer_id
    if wegwijzer_id is not None:
        bijwerken(wegwijzer_id)


def koppel_signalen() -> None:
    """Connect the updates (called once from the app config)."""
    from wegwijzers.models import Actie, Leesitem, Wegwijzer

    post_save.connect(_na_wegwijzer, sender=Wegwijzer, dispatch_uid="zoekindex-wegwijzer")
    for model in (Actie, Leesitem):
        post_save.connect(_na_rij, sender=model, dispatch_uid=f"zoekindex-{model.__name__}-save")
        post_delete.connect(_na_rij, sender=model, dispatch_uid=f"zoekindex-{model.__name__}-delete")
