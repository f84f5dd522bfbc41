"""Forms of the programme team for cohorts and initiatives (used in the workspace's beheer pages)."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from incubator.concurrency import ConcurrentEditMixin
from initiatives.models import Cohort, Initiatief


class SlugFromNaamMixin:
    """Fill an empty slug from the name, so the team need not invent web addresses."""

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.data.get(self.add_prefix("naam"), ""))
        if not slug:
            raise forms.ValidationError(_("Vul een korte naam voor het webadres in (letters, cijfers, streepjes)."))
        return slug


class CohortForm(ConcurrentEditMixin, SlugFromNaamMixin, forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["naam", "slug", "jaar", "beschrijving", "startdatum", "einddatum"]
        labels = {"slug": _("Webadres")}
        help_texts = {"slug": _("Leeg laten: wordt gemaakt uit de naam.")}
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "startdatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "einddatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean(self):
        data = super().clean()
        start, einde = data.get("startdatum"), data.get("einddatum")
        if start and einde and einde < start:
            self.add_error("einddatum", _("De einddatum ligt vóór de startdatum."))
        return data


class InitiatiefForm(ConcurrentEditMixin, SlugFromNaamMixin, forms.ModelForm):
    class Meta:
        model = Initiatief
        fields = ["naam", "slug", "werkt_aan", "beschrijving", "website", "volgorde", "cohorten"]
        labels = {"slug": _("Webadres")}
        help_texts = {"slug": _("Leeg laten: wordt gemaakt uit de naam.")}
        widgets = {"cohorten": forms.CheckboxSelectMultiple, "beschrijving": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
