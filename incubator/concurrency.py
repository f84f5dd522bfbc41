"""Two people editing the same row must not silently overwrite each other.

The koppel's route carries a version column. The guide's content, cohorts and initiatives are edited in forms
(the admin, the workspace) on models without one: there the form carries a fingerprint of the row as the editor saw
it, and a save is refused when the row (or the related rows edited with it) changed in the meantime.
"""

import hashlib
import json
from collections.abc import Iterable

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

# The form's own field; named so that it cannot clash with a model field (Obstakel has a "versie" of its own).
FIELD = "bewerkversie"

STALE_MESSAGE = _(
    "Iemand anders heeft dit intussen gewijzigd. Je wijzigingen zijn niet opgeslagen, zodat niets van de ander "
    "verloren gaat. Wat je invulde staat hieronder; open de pagina opnieuw om de huidige versie te zien."
)


def fingerprint(obj: models.Model, related: Iterable[str] = ()) -> str:
    """A short hash of a row's stored values, its many-to-many choices and the named related rows."""
    data: dict = {f.attname: f.value_from_object(obj) for f in obj._meta.concrete_fields}
    for field in obj._meta.many_to_many:
        data[field.name] = sorted(related_obj.pk for related_obj in field.value_from_object(obj))
    for name in related:
        data[name] = list(getattr(obj, name).order_by("pk").values())
    encoded = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:40]


class ConcurrentEditMixin:
    """For a ModelForm that edits an existing row: refuse the save when the row changed since the form was shown.

    The check reads the row with SELECT ... FOR UPDATE, so call is_valid() inside a transaction (the admin's change
    view is one) and two saves of the same version cannot both pass.
    """

    fingerprint_related: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        if self.instance.pk is not None and not self.is_bound:
            self.initial[FIELD] = fingerprint(self.instance, self.fingerprint_related)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            manager = type(self.instance)._default_manager
            current = manager.select_for_update().get(pk=self.instance.pk)
            if cleaned.get(FIELD) != fingerprint(current, self.fingerprint_related):
                self.stale = True
                raise forms.ValidationError(STALE_MESSAGE, code="stale")
        return cleaned

    @property
    def changed_data(self) -> list[str]:
        # The version is bookkeeping, not an edit: it must not show up in the change history.
        return [name for name in super().changed_data if name != FIELD]

    @property
    def is_stale(self) -> bool:
        return getattr(self, "stale", False)


class ConcurrentEditAdminMixin:
    """For a ModelAdmin: its change form carries the row's fingerprint (see ConcurrentEditMixin)."""

    fingerprint_related: tuple[str, ...] = ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and kwargs.get("fields"):
            # FIELD is the form's own field, not the model's: keep it out of the model fields asked for.
            kwargs["fields"] = [name for name in kwargs["fields"] if name != FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form
        attrs = {"fingerprint_related": self.fingerprint_related}
        return type(form.__name__, (ConcurrentEditMixin, form), attrs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append((None, {"fields": [FIELD], "classes": ["hidden"]}))
        return fieldsets
