"""Forms of the programme team's workspace: filters (GET) and the koppel form (cohort forms: initiatives/forms.py)."""

import re
from datetime import date

from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from initiatives.models import Cohort, Initiatief
from koppels.models import GEEN_WEGWIJZER, OPEN, Actie, Gebeurtenis, Koppel, Obstakel, Staat
from wegwijzers.models import Label, Wegwijzer


def cohort_keuzes():
    return [(slug, naam) for slug, naam in Cohort.objects.values_list("slug", "naam")]


class FilterForm(forms.Form):
    """A GET filter: every field optional; `gekozen()` says in words what was chosen."""

    def gekozen(self) -> list[tuple[str, str]]:
        if not self.is_valid():
            return []
        result = []
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            field = self.fields[name]
            tekst = dict(field.choices).get(value, value) if hasattr(field, "choices") else value
            if isinstance(value, date):
                tekst = value.strftime("%m-%Y")
            result.append((str(field.label), str(tekst)))
        return result


class StilForm(forms.Form):
    weken = forms.IntegerField(
        label=_("Stilgevallen na (weken)"),
        min_value=1,
        max_value=52,
        required=False,
        help_text=_("Koppels zonder enige wijziging in zoveel weken."),
        error_messages={
            "invalid": _("Vul een heel aantal weken in."),
            "min_value": _("Vul minstens 1 week in."),
            "max_value": _("Vul hoogstens 52 weken in."),
        },
    )

    def gekozen_weken(self) -> int:
        """The chosen number of weeks, or the setting's default when nothing or nonsense was given."""
        if self.is_valid() and self.cleaned_data["weken"]:
            return self.cleaned_data["weken"]
        return settings.WERKRUIMTE_STIL_NA_WEKEN


class CohortFilterForm(FilterForm):
    cohort = forms.ChoiceField(label=_("Cohort"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [("", _("Alle cohorten")), *cohort_keuzes()]


class MaandField(forms.DateField):
    """A month as `<input type="month">` sends it (jjjj-mm), cleaned to its first day.

    Years outside the programme's plausible range are refused with a message, so that no month (0000-01, 9999-12)
    reaches a date calculation that Python cannot do.
    """

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    eerste_jaar, laatste_jaar = 2000, 2100
    default_error_messages = {
        "invalid": _("Kies een maand als jjjj-mm, bijvoorbeeld 2025-03."),
        "maand": _("Kies een maand tussen 01 en 12."),
        "jaar": _("Kies een jaar van %(eerste)s tot en met %(laatste)s."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        match = re.fullmatch(r"(\d{4})-(\d{2})", str(value).strip())
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        jaar, maand = (int(deel) for deel in match.groups())
        if not 1 <= maand <= 12:
            raise forms.ValidationError(self.error_messages["maand"], code="maand")
        if not self.eerste_jaar <= jaar <= self.laatste_jaar:
            params = {"eerste": self.eerste_jaar, "laatste": self.laatste_jaar}
            raise forms.ValidationError(self.error_messages["jaar"], code="jaar", params=params)
        return date(jaar, maand, 1)


class ObstakelFilterForm(CohortFilterForm):
    label = forms.ChoiceField(label=_("Label"), required=False)
    wegwijzer = forms.ChoiceField(label=_("Wegwijzer"), required=False)
    actie = forms.ChoiceField(label=_("Actie"), required=False)
    staat = forms.ChoiceField(
        label=_("Staat"),
        required=False,
        choices=[("", _("Alle staten")), (OPEN, _("Open (gesignaleerd of in behandeling)")), *Staat.choices],
    )
    maand = MaandField(label=_("Gesignaleerd in maand"), required=False)
    koppel = forms.ChoiceField(label=_("Koppel"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["label"].choices = [("", _("Alle labels")), *Label.objects.values_list("slug", "naam")]
        wegwijzers = [
            (slug, f"{volgorde}. {titel}")
            for slug, volgorde, titel in Wegwijzer.objects.huidig().values_list("slug", "volgorde", "titel")
        ]
        self.fields["wegwijzer"].choices = [
            ("", _("Alle wegwijzers")),
            *wegwijzers,
            (GEEN_WEGWIJZER, _("Zonder wegwijzer")),
        ]
        self.fields["actie"].choices = [("", _("Alle acties")), *actie_keuzes()]
        self.fields["koppel"].choices = [("", _("Alle koppels")), *koppel_keuzes()]


def actie_keuzes():
    """The current edition's actions, then those of older editions that obstacles still concern (marked; one query)."""
    acties = (
        Actie.objects.filter(Q(wegwijzer__editie__huidig=True) | Exists(Obstakel.objects.filter(actie=OuterRef("pk"))))
        .order_by("-wegwijzer__editie__huidig", "wegwijzer__volgorde", "volgorde", "wegwijzer__editie__nummer")
        .values_list("pk", "wegwijzer__volgorde", "volgorde", "tekst", "wegwijzer__editie__huidig")
    )
    vervallen = _("(niet meer in de minigids)")
    return [
        (
            str(pk),
            f"{wegwijzer_volgorde}.{volgorde} {'' if huidig else f'{vervallen} '}"
            f"{tekst if len(tekst) <= 70 else tekst[:69] + '…'}",
        )
        for pk, wegwijzer_volgorde, volgorde, tekst, huidig in acties
    ]


def koppel_keuzes():
    return [
        (str(pk), f"{initiatief} ({cohort})")
        for pk, initiatief, cohort in Koppel.objects.values_list("pk", "initiatief__naam", "cohort__naam")
    ]


class ActiviteitFilterForm(CohortFilterForm):
    koppel = forms.ChoiceField(label=_("Koppel"), required=False)
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Gebeurtenis.Soort.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["koppel"].choices = [("", _("Alle koppels")), *koppel_keuzes()]


# Managing the programme: koppels (cohorts and initiatives: initiatives/forms.py).


class KoppelForm(forms.ModelForm):
    """A new koppel: an initiative in a cohort (its members are invited on the koppel's page)."""

    class Meta:
        model = Koppel
        fields = ["initiatief", "cohort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiatief"].queryset = Initiatief.objects.order_by("naam")
        # Django's default empty choice is not translated into Dutch yet.
        self.fields["initiatief"].empty_label = _("Kies een initiatief")
        self.fields["cohort"].empty_label = _("Kies een cohort")

    def validate_constraints(self):
        # The only constraint is one koppel per initiative and cohort: say so in a sentence the team understands.
        data = self.cleaned_data
        if data.get("initiatief") and data.get("cohort"):
            bestaat = Koppel.objects.filter(initiatief=data["initiatief"], cohort=data["cohort"]).exists()
            if bestaat:
                self.add_error(None, _("Dit initiatief heeft al een koppel in dit cohort."))
