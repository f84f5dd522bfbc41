"""Form pieces shared by the apps."""

from django import forms
from django.db import models


class TextareaField(forms.CharField):
    """Text from a <textarea> with newlines as "\\n": browsers always submit them as "\\r\\n"."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class NormalizedTextMixin:
    """For ModelAdmins and inlines: saving an unchanged text does not look like a change (history, PDF version)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", TextareaField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
