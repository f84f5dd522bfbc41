"""The proposal form (members), the triage form and the list filter (programme team)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from koppels.voorstellen.models import REDEN_MAX_LENGTH, SAMENVATTING_MAX_LENGTH, TEKST_MAX_LENGTH, Voorstel
from koppels.werkruimte.forms import FilterForm

HELE_WEGWIJZER = ""


class VoorstelForm(forms.Form):
    """What should change in which wegwijzer or action, and why. The choices come loaded (no query per form)."""

    wegwijzer = forms.TypedChoiceField(
        label=_("Over welke wegwijzer gaat het?"),
        coerce=int,
        error_messages={
            "required": _("Kies de wegwijzer waar je voorstel over gaat."),
            "invalid_choice": _("Kies een van de wegwijzers uit de lijst."),
        },
    )
    actie = forms.TypedChoiceField(
        label=_("Over welke actie?"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Laat dit op ‘de hele wegwijzer’ staan als je voorstel niet over één actie gaat."),
        error_messages={"invalid_choice": _("Kies een van de acties uit de lijst, of ‘de hele wegwijzer’.")},
    )
    tekst = forms.CharField(
        label=_("Wat kan er beter, en waarom?"),
        max_length=TEKST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Beschrijf wat je in de praktijk tegenkwam en wat er in de minigids anders zou moeten. Alleen het "
            "programmateam leest dit; noem liever geen namen van anderen."
        ),
        error_messages={
            "required": _("Schrijf wat er beter kan en waarom."),
            "max_length": _("Je voorstel mag hoogstens %(limit_value)d tekens lang zijn (nu %(show_value)d)."),
        },
    )

    def __init__(self, *args, wegwijzers, acties, **kwargs):
        super().__init__(*args, **kwargs)
        self.wegwijzers = {w.pk: w for w in wegwijzers}
        self.acties = {a.pk: a for a in acties}
        self.fields["wegwijzer"].choices = [
            ("", _("Kies een wegwijzer")),
            *((w.pk, f"{w.volgorde}. {w.titel}") for w in wegwijzers),
        ]
        self.fields["actie"].choices = [
            (HELE_WEGWIJZER, _("De hele wegwijzer")),
            *((a.pk, f"{a.nummer} {a}") for a in acties),
        ]

    def clean(self):
        data = super().clean()
        wegwijzer, actie = data.get("wegwijzer"), data.get("actie")
        if wegwijzer is not None and actie is not None and self.acties[actie].wegwijzer_id != wegwijzer:
            self.add_error(
                "actie", _("Deze actie hoort bij een andere wegwijzer. Kies een actie van de gekozen wegwijzer.")
            )
        return data

    def voorstel_fields(self) -> dict:
        data = self.cleaned_data
        actie = data.get("actie")
        return {
            "wegwijzer": self.wegwijzers[data["wegwijzer"]],
            "actie": self.acties[actie] if actie is not None else None,
            "tekst": data["tekst"],
        }


class BehandelForm(forms.Form):
    """The programme team's decision on a proposal, with the version they saw."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=Voorstel.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een status."),
            "invalid_choice": _("Kies een van de statussen: nieuw, in behandeling, overgenomen of afgewezen."),
        },
    )
    publieke_samenvatting = forms.CharField(
        label=_("Publieke samenvatting (bij overnemen)"),
        max_length=SAMENVATTING_MAX_LENGTH,
        required=False,
        help_text=_(
            "Eén zin die in de wijzigingen van de minigids komt onder ‘Voorgesteld vanuit de praktijk’. Schrijf het "
            "in je eigen woorden: nooit de tekst of de naam van de indiener."
        ),
        error_messages={
            "max_length": _("Houd de samenvatting op hoogstens %(limit_value)d tekens (nu %(show_value)d).")
        },
    )
    reden = forms.CharField(
        label=_("Reden (bij afwijzen)"),
        max_length=REDEN_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De indiener leest deze reden op Mijn voorstellen en in de mail."),
        error_messages={"max_length": _("Houd de reden op hoogstens %(limit_value)d tekens (nu %(show_value)d).")},
    )
    versie = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    @classmethod
    def initial_for(cls, voorstel: Voorstel) -> dict:
        return {
            "status": voorstel.status,
            "publieke_samenvatting": voorstel.publieke_samenvatting,
            "reden": voorstel.reden,
            "versie": voorstel.versie,
        }


class VoorstelFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle statussen")), *Voorstel.Status.choices]
    )
    wegwijzer = forms.ChoiceField(label=_("Wegwijzer"), required=False)

    def __init__(self, *args, wegwijzers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wegwijzer"].choices = [
            ("", _("Alle wegwijzers")),
            *((w.slug, f"{w.volgorde}. {w.titel}") for w in wegwijzers),
        ]
