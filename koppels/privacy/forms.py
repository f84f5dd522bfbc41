"""Forms of the privacy pages: a person's erasure request, the team's confirmation."""

from django import forms
from django.utils.translation import gettext_lazy as _


class VerwijderverzoekForm(forms.Form):
    teksten_verwijderen = forms.TypedChoiceField(
        label=_("Wat moet er met je teksten gebeuren?"),
        choices=[
            ("nee", _("Laat mijn notities en obstakels staan, zonder mijn naam (je partner kan verder met de route)")),
            ("ja", _("Verwijder ook de notities en obstakelteksten die ik schreef")),
        ],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er met je teksten moet gebeuren.")},
    )
    begrepen = forms.BooleanField(
        label=_("Ik begrijp dat mijn account niet terug te halen is als het programmateam het heeft verwijderd"),
        error_messages={"required": _("Vink aan dat je begrijpt dat verwijderen niet terug te draaien is.")},
    )


class VerwijderingBevestigenForm(forms.Form):
    """The team confirms; when a koppel loses its only member of a role, they say they have seen that."""

    gezien = forms.BooleanField(
        label=_("Ik heb gezien welke koppels een lid kwijtraken, en nodig zo nodig een vervanger uit"),
        required=False,
    )

    def __init__(self, *args, rol_ontbreekt: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.rol_ontbreekt = rol_ontbreekt
        if not rol_ontbreekt:
            del self.fields["gezien"]

    def clean_gezien(self):
        if self.rol_ontbreekt and not self.cleaned_data.get("gezien"):
            raise forms.ValidationError(
                _("Vink aan dat je hebt gezien welke koppels zonder ambtenaar of initiatiefnemer komen.")
            )
        return True
