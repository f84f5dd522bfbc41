from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CohortQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Cohort(models.Model):
    """A round of the incubator programme (the 2024 pilot, the 2025 programme, ...)."""

    naam = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(unique=True)
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    startdatum = models.DateField(_("startdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorten")
        ordering = ["-jaar", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True)
                | models.Q(startdatum__isnull=True)
                | models.Q(einddatum__gte=models.F("startdatum")),
                name="cohort_einde_na_start",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class InitiatiefQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Initiatief(models.Model):
    """A citizen initiative taking part in the programme."""

    naam = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(unique=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    werkt_aan = models.CharField(_("werkt aan"), max_length=200, help_text=_("Kort: waar het initiatief aan werkt."))
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    cohorten = models.ManyToManyField(Cohort, related_name="initiatieven", verbose_name=_("cohorten"), blank=True)

    objects = InitiatiefQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return f"{reverse('initiatives:list')}#{self.slug}"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)
