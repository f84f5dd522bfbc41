"""Notification settings and the record of every mail sent (models of the koppels app, imported by koppels.models)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Ritme(models.TextChoices):
    DIRECT = "direct", _("Direct")
    DAGELIJKS = "dagelijks", _("Eén keer per dag")
    WEKELIJKS = "wekelijks", _("Eén keer per week")
    NOOIT = "nooit", _("Nooit")


class Soort(models.TextChoices):
    """The kinds of mail; each has its own rhythm per person and its own unsubscribe link."""

    ACTIVITEIT = "activiteit", _("Wat er verandert in je koppel")
    TEAM_OBSTAKEL = "team_obstakel", _("Obstakels die het programmateam bijwerkt")
    STIL = "stil", _("Herinnering als jullie route stilstaat")
    OVERZICHT = "overzicht", _("Weekoverzicht van de cohorten (programmateam)")
    VOORSTEL = "voorstel", _("Wat er met je verbetervoorstellen gebeurt")


class Meldingvoorkeur(models.Model):
    """A person's chosen rhythm for one kind of mail (without a row the kind's default applies)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingvoorkeuren")
    soort = models.CharField(_("soort"), max_length=20, choices=Soort)
    ritme = models.CharField(_("ritme"), max_length=20, choices=Ritme)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "koppels"
        verbose_name = _("meldingvoorkeur")
        verbose_name_plural = _("meldingvoorkeuren")
        constraints = [
            models.UniqueConstraint(fields=["user", "soort"], name="meldingvoorkeur_uniek"),
            models.CheckConstraint(condition=Q(soort__in=Soort.values), name="meldingvoorkeur_geldige_soort"),
            models.CheckConstraint(condition=Q(ritme__in=Ritme.values), name="meldingvoorkeur_geldig_ritme"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_soort_display()} – {self.get_ritme_display()}"


class Verzending(models.Model):
    """One mail to one person: for one period of changes, one stall or one week's summary.

    (user, soort, sleutel) is unique: whoever inserts the row first sends it, so two runs of the command (on two
    machines, or twice in a row) never send the same mail twice. The built mail is kept until it is sent, then
    cleared (the row stays as the record that it went out).
    """

    class Staat(models.TextChoices):
        WACHT = "wacht", _("Wacht op verzenden")
        VERSTUURD = "verstuurd", _("Verstuurd")
        MISLUKT = "mislukt", _("Opgegeven")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verzendingen")
    soort = models.CharField(_("soort"), max_length=20, choices=Soort)
    sleutel = models.CharField(_("sleutel"), max_length=100)
    van = models.DateTimeField(_("wijzigingen vanaf"), null=True, blank=True)
    tot = models.DateTimeField(_("wijzigingen tot"), null=True, blank=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=300, blank=True)
    tekst = models.TextField(_("tekst"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    staat = models.CharField(_("staat"), max_length=20, choices=Staat, default=Staat.WACHT)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    fout = models.CharField(_("laatste fout"), max_length=500, blank=True)
    claim = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    verstuurd_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        app_label = "koppels"
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "soort", "sleutel"], name="verzending_uniek"),
            models.CheckConstraint(condition=Q(soort__in=Soort.values), name="verzending_geldige_soort"),
        ]
        indexes = [models.Index(fields=["staat", "volgende_poging_at"], name="verzending_wachtrij")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} aan {self.user} ({self.sleutel})"
