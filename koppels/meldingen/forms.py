from django import forms
from django.utils.translation import gettext_lazy as _

from koppels.meldingen import rhythm
from koppels.meldingen.models import Meldingvoorkeur, Ritme, Soort

UITLEG = {
    Soort.ACTIVITEIT: _(
        "Als iemand anders in je koppel een status of notitie wijzigt, een obstakel vastlegt of bijwerkt, of als er "
        "iemand bij komt. Wat binnen de periode weer is teruggedraaid, melden we niet."
    ),
    Soort.TEAM_OBSTAKEL: _(
        "Als het programmateam een obstakel van je koppel bijwerkt, bijvoorbeeld de staat of aanpak."
    ),
    Soort.STIL: _("Eén herinnering als er een tijd niets is veranderd aan jullie route, met de volgende open acties."),
    Soort.OVERZICHT: _("Elke maandag de cijfers per cohort: voortgang, stilgevallen koppels en obstakels."),
    Soort.VOORSTEL: _(
        "Als het programmateam een verbetering die jij voorstelde afwijst, of als ze is overgenomen in een nieuwe "
        "editie van de minigids."
    ),
}


class MeldingenForm(forms.Form):
    """One choice of rhythm per kind of mail this person can get."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        gekozen = dict(Meldingvoorkeur.objects.filter(user=user).values_list("soort", "ritme"))
        for soort in rhythm.soorten_voor(user):
            self.fields[soort] = forms.ChoiceField(
                label=Soort(soort).label,
                choices=[(r, Ritme(r).label) for r in rhythm.KEUZES[soort]],
                widget=forms.RadioSelect,
                initial=gekozen.get(soort, rhythm.STANDAARD[soort]),
                help_text=UITLEG[soort],
                error_messages={
                    "required": _("Kies hoe vaak je deze mail wilt krijgen."),
                    "invalid_choice": _("Kies een van de getoonde mogelijkheden."),
                },
            )

    def save(self) -> None:
        for soort, ritme in self.cleaned_data.items():
            Meldingvoorkeur.objects.update_or_create(user=self.user, soort=soort, defaults={"ritme": ritme})
