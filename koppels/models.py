import hashlib
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Cohort, Initiatief
from wegwijzers.models import Actie, Editie, Label, Wegwijzer


class Rol(models.TextChoices):
    AMBTENAAR = "ambtenaar", _("Ambtenaar")
    INITIATIEFNEMER = "initiatiefnemer", _("Initiatiefnemer")


class KoppelQuerySet(models.QuerySet):
    def for_user(self, user):
        """The koppels this user may see: all for the programme team, their own for members, none otherwise."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        # A join, not EXISTS: one membership per koppel and person (lidmaatschap_uniek), so no row repeats, and the
        # ORM compiles it in less than half the time (a koppel page's copy is mostly this query's CPU).
        return self.filter(lidmaatschappen__user=user)

    def actief(self):
        return self.filter(gearchiveerd_at__isnull=True)

    def met_tellingen(self):
        """Each koppel with its open obstacles, members and open invitations (counted in the same query)."""
        return self.annotate(
            open_obstakels=aantal_per_koppel(Obstakel.objects.open()),
            aantal_leden=aantal_per_koppel(Lidmaatschap.objects.all()),
            open_uitnodigingen=aantal_per_koppel(Uitnodiging.objects.open()),
        )


def aantal_per_koppel(qs):
    """A per-koppel count as a correlated subquery: several of them on one koppel query do not multiply rows."""
    per_koppel = qs.filter(koppel=OuterRef("pk")).order_by().values("koppel").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(per_koppel, output_field=IntegerField()), 0)


class Koppel(models.Model):
    """An ambtenaar and an initiatiefnemer (or more) working on one initiative in one cohort."""

    initiatief = models.ForeignKey(
        Initiatief, on_delete=models.PROTECT, related_name="koppels", verbose_name=_("initiatief")
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="koppels", verbose_name=_("cohort"))
    leden = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Lidmaatschap", related_name="koppels", verbose_name=_("leden")
    )
    gearchiveerd_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    laatste_activiteit_at = models.DateTimeField(_("laatste activiteit"), default=timezone.now)

    objects = KoppelQuerySet.as_manager()

    class Meta:
        verbose_name = _("koppel")
        verbose_name_plural = _("koppels")
        ordering = ["cohort", "initiatief__volgorde", "initiatief__naam"]
        constraints = [
            models.UniqueConstraint(fields=["initiatief", "cohort"], name="koppel_uniek_per_cohort"),
        ]

    def __str__(self) -> str:
        return f"{self.initiatief} ({self.cohort})"

    def get_absolute_url(self) -> str:
        return reverse("koppels:detail", kwargs={"pk": self.pk})

    @property
    def is_gearchiveerd(self) -> bool:
        return self.gearchiveerd_at is not None


class Lidmaatschap(models.Model):
    """A person's place in a koppel, with their role there."""

    koppel = models.ForeignKey(Koppel, on_delete=models.CASCADE, related_name="lidmaatschappen")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen")
    rol = models.CharField(_("rol"), max_length=20, choices=Rol)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["rol", "user__naam"]
        constraints = [
            models.UniqueConstraint(fields=["koppel", "user"], name="lidmaatschap_uniek"),
            models.CheckConstraint(condition=Q(rol__in=Rol.values), name="lidmaatschap_geldige_rol"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_rol_display()} in {self.koppel}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class UitnodigingQuerySet(models.QuerySet):
    def open(self):
        now = timezone.now()
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


class Uitnodiging(models.Model):
    """An invitation to join a koppel: single use, expiring, revocable. Only the token's hash is stored."""

    koppel = models.ForeignKey(Koppel, on_delete=models.CASCADE, related_name="uitnodigingen")
    email = models.EmailField(_("e-mailadres"))
    rol = models.CharField(_("rol"), max_length=20, choices=Rol)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("laatst verstuurd"), null=True, blank=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    accepted_at = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = UitnodigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(rol__in=Rol.values), name="uitnodiging_geldige_rol"),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_rol_display()}, {self.koppel})"

    @property
    def is_verlopen(self) -> bool:
        return self.expires_at <= timezone.now()


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    BEZIG = "bezig", _("Bezig")
    GEDAAN = "gedaan", _("Gedaan")
    NVT = "nvt", _("Niet van toepassing")


NOTITIE_MAX_LENGTH = 2000


# What the route shows of a row whose action the current edition no longer has (ActiestapQuerySet.vervallen).
VERVALLEN_VELDEN = (
    "pk",
    "koppel_id",
    "status",
    "notitie",
    "versie",
    "updated_at",
    "updated_by__naam",
    "updated_by__email",
    "actie_id",
    "actie__volgorde",
    "actie__tekst",
    "actie__doelgroep",
    "actie__wegwijzer_id",
    "actie__wegwijzer__volgorde",
    "actie__wegwijzer__titel",
    "actie__wegwijzer__slug",
    "actie__wegwijzer__editie_id",
    "actie__wegwijzer__editie__nummer",
    "actie__wegwijzer__editie__naam",
)


class ActiestapQuerySet(models.QuerySet):
    def voor_route(self, koppel):
        """A koppel's action states with who changed each last (the route's rows; koppels.route builds on it)."""
        return self.filter(koppel=koppel).select_related("updated_by").order_by()

    def vervallen(self, koppel):
        """A koppel's rows of actions no longer in the current edition of the guide, as dicts (one query): the row,
        the old action, its wegwijzer and edition, who changed it last, and `vervallen_in`, the name of the first
        edition without it. Plain values, not models: this runs on every route page and costs a third of that."""
        volgende = (
            Editie.objects.gepubliceerd()
            .filter(nummer__gt=OuterRef("actie__wegwijzer__editie__nummer"))
            .order_by("nummer")
            .values("naam")[:1]
        )
        return (
            self.filter(koppel=koppel, actie__wegwijzer__editie__huidig=False)
            .values(*VERVALLEN_VELDEN, vervallen_in=Subquery(volgende))
            .order_by("actie__wegwijzer__volgorde", "actie__volgorde", "actie__wegwijzer__editie__nummer")
        )

    def status_counts(self, koppel_ids):
        """(koppel id, wegwijzer id, status, count) for every status but open: one query for any number of koppels."""
        return (
            self.filter(koppel_id__in=koppel_ids)
            .exclude(status=Status.OPEN)
            .values_list("koppel_id", "actie__wegwijzer_id", "status")
            .annotate(n=models.Count("id"))
            .order_by()
        )


class Actiestap(models.Model):
    """A koppel's state of one action of the guide: status, note, version for concurrent edits."""

    koppel = models.ForeignKey(Koppel, on_delete=models.CASCADE, related_name="actiestappen")
    # PROTECT: an action a koppel has a state for is never deleted (editions keep their rows; see koppels.edities).
    actie = models.ForeignKey(Actie, on_delete=models.PROTECT, related_name="actiestappen")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    notitie = models.TextField(_("notitie"), max_length=NOTITIE_MAX_LENGTH, blank=True)
    versie = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    objects = ActiestapQuerySet.as_manager()

    class Meta:
        verbose_name = _("actiestap")
        verbose_name_plural = _("actiestappen")
        ordering = ["actie__wegwijzer__volgorde", "actie__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["koppel", "actie"], name="actiestap_uniek"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="actiestap_geldige_status"),
        ]

    def __str__(self) -> str:
        return f"{self.koppel}: {self.actie} ({self.get_status_display()})"


class Actiewijziging(models.Model):
    """History of an Actiestap: who set which status and note, when."""

    actiestap = models.ForeignKey(Actiestap, on_delete=models.CASCADE, related_name="wijzigingen")
    status = models.CharField(_("status"), max_length=10, choices=Status)
    notitie = models.TextField(_("notitie"), blank=True)
    versie = models.PositiveIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("actiewijziging")
        verbose_name_plural = _("actiewijzigingen")
        ordering = ["-created_at", "-versie"]

    def __str__(self) -> str:
        return f"{self.actiestap.actie} → {self.get_status_display()} (versie {self.versie})"


class Staat(models.TextChoices):
    GESIGNALEERD = "gesignaleerd", _("Gesignaleerd")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    WEGGENOMEN = "weggenomen", _("Weggenomen")
    STRUCTUREEL = "structureel", _("Structureel")


OPEN_STATEN = (Staat.GESIGNALEERD, Staat.IN_BEHANDELING)
# Filter values that are not a field value of their own (the werkruimte's obstacle filters).
OPEN = "open"  # gesignaleerd or in behandeling
GEEN_WEGWIJZER = "geen"  # obstacles that concern no wegwijzer


def _begin_van(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


class ObstakelQuerySet(models.QuerySet):
    def open(self):
        """Obstacles still in the way: reported or being handled."""
        return self.filter(staat__in=OPEN_STATEN)

    def open_per_actie(self, koppel) -> dict[int, int]:
        """Open obstacles per action id of one koppel (one query)."""
        rows = (
            self.open()
            .filter(koppel=koppel, actie__isnull=False)
            .values_list("actie_id")
            .annotate(n=models.Count("id"))
        )
        return dict(rows.order_by())

    def in_maand(self, maand: date):
        """Obstacles reported in the month of this date (Amsterdam time)."""
        volgende = date(maand.year + maand.month // 12, maand.month % 12 + 1, 1)
        return self.filter(created_at__gte=_begin_van(maand.replace(day=1)), created_at__lt=_begin_van(volgende))

    def gefilterd(self, *, cohort="", koppel="", label="", wegwijzer="", actie="", staat="", maand=None):
        """The obstacles behind a number in the werkruimte: every filter given applies (slugs and ids as strings)."""
        exact = {"koppel__cohort__slug": cohort, "koppel_id": koppel, "labels__slug": label, "actie_id": actie}
        qs = self.filter(**{lookup: waarde for lookup, waarde in exact.items() if waarde})
        if wegwijzer == GEEN_WEGWIJZER:
            qs = qs.filter(wegwijzer__isnull=True)
        elif wegwijzer:
            qs = qs.filter(wegwijzer__slug=wegwijzer)
        if staat:
            qs = qs.open() if staat == OPEN else qs.filter(staat=staat)
        return qs.in_maand(maand) if maand else qs

    def voor_lijst(self):
        """Newest first, with what a list row shows (koppel, wegwijzer, action, labels) in two queries."""
        return (
            self.select_related("koppel__initiatief", "koppel__cohort", "wegwijzer", "actie__wegwijzer__editie")
            .prefetch_related("labels")
            .order_by("-created_at", "-pk")
        )


class Obstakel(models.Model):
    """An obstacle a koppel met: what happened, what it concerns, and how it was removed or escalated."""

    koppel = models.ForeignKey(Koppel, on_delete=models.CASCADE, related_name="obstakels")
    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("wat er gebeurde"), max_length=4000)
    wegwijzer = models.ForeignKey(Wegwijzer, on_delete=models.SET_NULL, null=True, blank=True, related_name="obstakels")
    actie = models.ForeignKey(Actie, on_delete=models.SET_NULL, null=True, blank=True, related_name="obstakels")
    labels = models.ManyToManyField(Label, related_name="obstakels", blank=True, verbose_name=_("labels"))
    staat = models.CharField(_("staat"), max_length=20, choices=Staat, default=Staat.GESIGNALEERD)
    aanpak = models.TextField(_("hoe het is weggenomen of opgeschaald"), max_length=4000, blank=True)
    versie = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ObstakelQuerySet.as_manager()

    class Meta:
        verbose_name = _("obstakel")
        verbose_name_plural = _("obstakels")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(staat__in=Staat.values), name="obstakel_geldige_staat"),
        ]

    def __str__(self) -> str:
        return self.titel

    @staticmethod
    def wegwijzer_voor(*, wegwijzer, actie):
        """The wegwijzer an obstacle concerns: the chosen one, else its action's; refused when they disagree.

        The one rule for this, used by the form (as a field error) and by the services (for every other caller).
        """
        if actie is None:
            return wegwijzer
        if wegwijzer is not None and actie.wegwijzer_id != wegwijzer.pk:
            if actie.wegwijzer.editie_id != wegwijzer.editie_id:
                # An action no longer in the guide, kept by its obstacle: the wegwijzer is the current edition's.
                return wegwijzer
            raise ValidationError({"actie": _("Deze actie hoort bij een andere wegwijzer dan de gekozen wegwijzer.")})
        return wegwijzer or actie.wegwijzer


class GebeurtenisQuerySet(models.QuerySet):
    def gefilterd(self, *, cohort="", koppel="", soort=""):
        """The activity log of one cohort, koppel or kind of change (every filter given applies)."""
        exact = {"koppel__cohort__slug": cohort, "koppel_id": koppel, "soort": soort}
        return self.filter(**{lookup: waarde for lookup, waarde in exact.items() if waarde})

    def voor_lijst(self):
        """Newest first, with who and which koppel."""
        return self.select_related("user", "koppel__initiatief", "koppel__cohort").order_by("-created_at", "-pk")


class Gebeurtenis(models.Model):
    """The activity log: who changed which status, note, obstacle or invitation, when."""

    class Soort(models.TextChoices):
        STATUS = "status", _("Status")
        NOTITIE = "notitie", _("Notitie")
        OBSTAKEL = "obstakel", _("Obstakel")
        UITNODIGING = "uitnodiging", _("Uitnodiging")
        KOPPEL = "koppel", _("Koppel")
        INZAGE = "inzage", _("Inzage")
        PRIVACY = "privacy", _("Privacy")

    # Empty for what concerns no single koppel (an export of a whole cohort, a retention run).
    koppel = models.ForeignKey(Koppel, on_delete=models.CASCADE, null=True, blank=True, related_name="gebeurtenissen")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    soort = models.CharField(_("soort"), max_length=20, choices=Soort)
    omschrijving = models.CharField(_("omschrijving"), max_length=500)
    # What changed, for notifications (koppels.meldingen.events): ids and before/after states, never free text.
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = GebeurtenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.omschrijving


# Notification models live in their own package (koppels/meldingen/) but belong to this app.
from koppels.meldingen.models import Meldingvoorkeur, Verzending  # noqa: E402, F401
from koppels.privacy.models import Pseudonimisering, Verwijderverzoek  # noqa: E402,F401  (the app's models)
from koppels.voorstellen.models import Voorstel  # noqa: E402,F401  (the app's models)
