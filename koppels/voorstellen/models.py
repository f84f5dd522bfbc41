"""A suggestion to improve the guide (model of the koppels app, imported by koppels.models)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

TEKST_MAX_LENGTH = 4000
REDEN_MAX_LENGTH = 2000
SAMENVATTING_MAX_LENGTH = 300


class VoorstelQuerySet(models.QuerySet):
    def van(self, user):
        """A person's own proposals, with what Mijn voorstellen shows (one query)."""
        return self.filter(door=user).voor_lijst()

    def voor_lijst(self):
        return self.select_related(
            "wegwijzer__editie", "actie__wegwijzer", "editie", "notitie", "obstakel__koppel__initiatief"
        ).order_by("-created_at", "-pk")

    def tellingen(self) -> dict[str, int]:
        """How many proposals per status, and in all (one query)."""
        rij = self.aggregate(
            alle=Count("pk"), **{status: Count("pk", filter=Q(status=status)) for status in Voorstel.Status.values}
        )
        return rij


class Voorstel(models.Model):
    """What someone from practice thinks should change in a wegwijzer or action, and what the team did with it.

    `door` is the proposer (empty once their account is gone: "voormalig deelnemer"). Their text and name are never
    public: a proposal taken over shows only the team's `publieke_samenvatting` in the change notes.
    """

    class Status(models.TextChoices):
        NIEUW = "nieuw", _("Nieuw")
        IN_BEHANDELING = "in_behandeling", _("In behandeling")
        OVERGENOMEN = "overgenomen", _("Overgenomen")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voorstellen",
        verbose_name=_("voorgesteld door"),
    )
    # The wegwijzer (and action) as they were in the edition the proposal was made on.
    wegwijzer = models.ForeignKey(
        "wegwijzers.Wegwijzer", on_delete=models.PROTECT, related_name="voorstellen", verbose_name=_("wegwijzer")
    )
    actie = models.ForeignKey(
        "wegwijzers.Actie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voorstellen",
        verbose_name=_("actie"),
    )
    obstakel = models.ForeignKey(
        "koppels.Obstakel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voorstellen",
        verbose_name=_("obstakel"),
    )
    tekst = models.TextField(_("wat er beter kan, en waarom"), max_length=TEKST_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.NIEUW)
    reden = models.TextField(_("reden van afwijzen"), max_length=REDEN_MAX_LENGTH, blank=True)
    # "Overgenomen in editie X": the draft when it was taken over; it becomes the published edition.
    editie = models.ForeignKey(
        "wegwijzers.Editie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voorstellen",
        verbose_name=_("overgenomen in editie"),
    )
    # The change note of that edition and wegwijzer, set when the edition is published.
    notitie = models.ForeignKey(
        "wegwijzers.Wijzigingsnotitie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voorstellen",
        verbose_name=_("wijzigingsnotitie"),
        editable=False,
    )
    publieke_samenvatting = models.CharField(
        _("publieke samenvatting"),
        max_length=SAMENVATTING_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Eén zin voor de wijzigingen, door het programmateam geschreven: nooit de tekst of naam van de indiener."
        ),
    )
    versie = models.PositiveIntegerField(default=0, editable=False)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandeld door"),
    )
    # When it was last taken over or rejected (the proposer's mail is about that decision).
    besloten_at = models.DateTimeField(_("besloten op"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = VoorstelQuerySet.as_manager()

    class Meta:
        app_label = "koppels"
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["nieuw", "in_behandeling", "overgenomen", "afgewezen"]),
                name="voorstel_geldige_status",
            ),
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(reden=""), name="voorstel_afgewezen_met_reden"
            ),
            models.CheckConstraint(
                condition=~Q(status="overgenomen") | (~Q(publieke_samenvatting="") & Q(editie__isnull=False)),
                name="voorstel_overgenomen_in_editie",
            ),
        ]

    def __str__(self) -> str:
        return _("Voorstel %(nummer)s") % {"nummer": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("werkruimte:voorstellen:detail", kwargs={"pk": self.pk})

    @property
    def onderwerp(self) -> str:
        """What it is about, as people read it: 'actie 2.3 van Tussenruimte' or the wegwijzer's title."""
        if self.actie_id is not None:
            return _("Actie %(nummer)s (%(titel)s)") % {"nummer": self.actie.nummer, "titel": self.wegwijzer.titel}
        return str(self.wegwijzer.titel)

    @property
    def is_definitief(self) -> bool:
        """Taken over in an edition that is published: nothing to change any more."""
        return self.status == self.Status.OVERGENOMEN and self.editie is not None and not self.editie.is_concept
