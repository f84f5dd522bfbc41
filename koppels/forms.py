from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koppels.models import NOTITIE_MAX_LENGTH, Obstakel, Rol, Staat, Status
from koppels.route import RouteFilter
from wegwijzers.models import Actie, Label, Wegwijzer

STATUS_FOUTEN = {
    "required": _("Kies een status: open, bezig, gedaan of niet van toepassing."),
    "invalid_choice": _("Kies een van de statussen: open, bezig, gedaan of niet van toepassing."),
}


class ActieForm(forms.Form):
    """An action's status and note (the action page), with the version the user saw."""

    status = forms.ChoiceField(
        label=_("Status"), choices=Status.choices, widget=forms.RadioSelect, error_messages=STATUS_FOUTEN
    )
    notitie = forms.CharField(
        label=_("Notitie"),
        required=False,
        max_length=NOTITIE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _("Een notitie mag hoogstens %(limit_value)d tekens lang zijn (nu %(show_value)d).")
        },
    )
    versie = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class StatusForm(forms.Form):
    """The quick status change from the task list: the chosen status is the submit button; the note stays."""

    status = forms.ChoiceField(choices=Status.choices, error_messages=STATUS_FOUTEN)
    versie = forms.IntegerField(min_value=0)


class RouteFilterForm(forms.Form):
    """The task list's filter, read from the query string; anything unknown counts as no filter."""

    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Alle statussen")), *Status.choices], required=False)
    voor = forms.ChoiceField(label=_("Voor wie"), choices=[("", _("Iedereen")), ("mij", _("Voor mij"))], required=False)
    obstakels = forms.ChoiceField(
        label=_("Obstakels"), choices=[("", _("Alle acties")), ("open", _("Met open obstakels"))], required=False
    )

    def route_filter(self) -> RouteFilter:
        if not self.is_valid():
            return RouteFilter()
        data = self.cleaned_data
        return RouteFilter(status=data["status"], voor_mij=data["voor"] == "mij", met_obstakels=bool(data["obstakels"]))


class ObstakelForm(forms.Form):
    """Add or update an obstacle; `versie` is required when updating."""

    titel = forms.CharField(
        label=_("Titel"), max_length=200, error_messages={"required": _("Geef het obstakel een korte titel.")}
    )
    beschrijving = forms.CharField(
        label=_("Wat gebeurde er?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beschrijf wat er gebeurde.")},
    )
    wegwijzer = forms.ModelChoiceField(
        label=_("Wegwijzer"), queryset=Wegwijzer.objects.huidig(), required=False, empty_label=_("— geen —")
    )
    actie = forms.ModelChoiceField(
        label=_("Actie"),
        queryset=Actie.objects.huidig().select_related("wegwijzer"),
        required=False,
        empty_label=_("— geen —"),
    )
    labels = forms.ModelMultipleChoiceField(
        label=_("Labels"), queryset=Label.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    staat = forms.ChoiceField(label=_("Staat"), choices=Staat.choices, initial=Staat.GESIGNALEERD)
    aanpak = forms.CharField(
        label=_("Hoe is het weggenomen of opgeschaald?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    versie = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, wegwijzers=None, acties=None, labels=None, vervallen_actie=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The page already loaded these: reuse them so each form adds no queries.
        if wegwijzers is not None:
            self.fields["wegwijzer"].choices = [("", _("— geen —"))] + [(w.pk, w.titel) for w in wegwijzers]
        if acties is not None:
            self.fields["actie"].choices = [("", _("— geen —"))] + [
                (a.pk, f"{a.wegwijzer.volgorde}.{a.volgorde} {a}") for a in acties
            ]
        if vervallen_actie is not None:
            # The obstacle's own action, no longer in the guide: still a valid choice, marked as such.
            self.fields["actie"].queryset = Actie.objects.filter(
                Q(wegwijzer__editie__huidig=True) | Q(pk=vervallen_actie.pk)
            ).select_related("wegwijzer")
            label = _("%(nummer)s (niet meer in de minigids) %(tekst)s") % {
                "nummer": vervallen_actie.nummer,
                "tekst": vervallen_actie,
            }
            self.fields["actie"].choices = [*self.fields["actie"].choices, (vervallen_actie.pk, label)]
        if labels is not None:
            self.fields["labels"].choices = [(label.pk, label.naam) for label in labels]

    def clean(self):
        data = super().clean()
        try:
            Obstakel.wegwijzer_voor(wegwijzer=data.get("wegwijzer"), actie=data.get("actie"))
        except ValidationError as error:
            self.add_error(None, error)  # a field error on "actie"
        return data

    def obstakel_fields(self) -> dict:
        """The cleaned fields as the obstacle services take them."""
        fields = ("titel", "beschrijving", "wegwijzer", "actie", "labels", "staat", "aanpak")
        return {name: self.cleaned_data[name] for name in fields}

    @classmethod
    def initial_for(cls, obstakel: Obstakel) -> dict:
        return {
            "titel": obstakel.titel,
            "beschrijving": obstakel.beschrijving,
            "wegwijzer": obstakel.wegwijzer_id,
            "actie": obstakel.actie_id,
            "labels": [label.pk for label in obstakel.labels.all()],
            "staat": obstakel.staat,
            "aanpak": obstakel.aanpak,
            "versie": obstakel.versie,
        }


class AccountAanmakenForm(forms.Form):
    """Accepting an invitation without an account: a name and a password."""

    naam = forms.CharField(
        label=_("Je naam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Vul je naam in.")},
    )
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        error_messages={"required": _("Kies een wachtwoord.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 8 tekens; niet alleen cijfers en geen veelgebruikt wachtwoord."),
    )
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        strip=False,
        error_messages={"required": _("Typ het wachtwoord nog een keer.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif p1:
            from incubator.models import User

            try:
                password_validation.validate_password(p1, User(email=self.email, naam=data.get("naam", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class UitnodigingForm(forms.Form):
    """The programme team invites someone to a koppel."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Vul het e-mailadres in van wie je uitnodigt."),
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        },
    )
    rol = forms.ChoiceField(
        label=_("Rol"),
        choices=Rol.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de rol: ambtenaar of initiatiefnemer."),
            "invalid_choice": _("Kies de rol: ambtenaar of initiatiefnemer."),
        },
    )

    @staticmethod
    def default_rol(leden) -> str:
        """The role the koppel still misses: an ambtenaar first, then an initiatiefnemer."""
        rollen = {lid.rol for lid in leden}
        return Rol.INITIATIEFNEMER if Rol.AMBTENAAR in rollen else Rol.AMBTENAAR


# allauth's forms with messages that say what to do (its own say "Dit veld is verplicht.")


EMAIL_FOUTEN = {
    "required": _("Vul je e-mailadres in."),
    "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
}


def _say_what_to_do(form: forms.Form, messages: dict[str, dict]) -> None:
    for name, errors in messages.items():
        if name in form.fields:
            form.fields[name].error_messages.update(errors)


class InlogForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_to_do(self, {"login": EMAIL_FOUTEN, "password": {"required": _("Vul je wachtwoord in.")}})


class InlogcodeAanvragenForm(allauth_forms.RequestLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_to_do(self, {"email": EMAIL_FOUTEN})


class InlogcodeForm(allauth_forms.ConfirmLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_to_do(self, {"code": {"required": _("Vul de code uit de e-mail in.")}})


class WachtwoordVergetenForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_to_do(self, {"email": EMAIL_FOUTEN})


class NieuwWachtwoordForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_to_do(
            self,
            {
                "password1": {"required": _("Kies een nieuw wachtwoord.")},
                "password2": {"required": _("Typ het nieuwe wachtwoord nog een keer.")},
            },
        )
