"""Models of the privacy package (app label `koppels`; imported from koppels.models)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from initiatives.models import Cohort


class Verwijderverzoek(models.Model):
    """A person's request to remove their account; the programme team carries it out.

    Once carried out the person's account is gone (`user` becomes empty): the row only says that and when a request
    was honoured, and by whom of the team, never whose it was.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verwijderverzoeken",
        verbose_name=_("aanvrager"),
    )
    teksten_verwijderen = models.BooleanField(
        _("ook de teksten verwijderen"),
        default=False,
        help_text=_("Notities en obstakelteksten die de aanvrager schreef worden ook verwijderd."),
    )
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    uitgevoerd_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgevoerd door"),
    )

    class Meta:
        verbose_name = _("verwijderverzoek")
        verbose_name_plural = _("verwijderverzoeken")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(uitgevoerd_at__isnull=True), name="verwijderverzoek_een_open_per_persoon"
            ),
        ]

    def __str__(self) -> str:
        return f"Verwijderverzoek {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("werkruimte:privacy:verzoek", kwargs={"pk": self.pk})


class Pseudonimisering(models.Model):
    """A cohort whose personal data was pseudonymised when its retention period ended (one row per cohort)."""

    cohort = models.OneToOneField(
        Cohort, on_delete=models.CASCADE, related_name="pseudonimisering", verbose_name=_("cohort")
    )
    uitgevoerd_at = models.DateTimeField(_("uitgevoerd op"))
    personen = models.PositiveIntegerField(_("personen"), default=0)

    class Meta:
        verbose_name = _("pseudonimisering")
        verbose_name_plural = _("pseudonimiseringen")
        ordering = ["-uitgevoerd_at"]

    def __str__(self) -> str:
        return f"{self.cohort} ({self.uitgevoerd_at:%Y-%m-%d})"
