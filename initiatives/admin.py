"""Beheer of the programme's cohorts and the initiatives taking part."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.concurrency import ConcurrentEditAdminMixin
from incubator.forms import NormalizedTextMixin
from initiatives.models import Cohort, Initiatief


@admin.register(Cohort)
class CohortAdmin(ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin):
    list_display = ["naam", "jaar", "startdatum", "einddatum", "aantal_initiatieven"]
    list_filter = ["jaar"]
    search_fields = ["naam", "beschrijving"]
    ordering = ["-jaar", "naam"]
    prepopulated_fields = {"slug": ["naam"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aantal=Count("initiatieven"))

    @admin.display(description=_("initiatieven"), ordering="aantal")
    def aantal_initiatieven(self, obj):
        return obj.aantal

    def view_on_site(self, obj):
        return f"{reverse('initiatives:list')}#cohort-{obj.slug}"


@admin.register(Initiatief)
class InitiatiefAdmin(ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin):
    list_display = ["naam", "werkt_aan", "volgorde", "cohort_namen"]
    list_editable = ["volgorde"]
    list_filter = ["cohorten"]
    search_fields = ["naam", "werkt_aan", "beschrijving"]
    ordering = ["volgorde", "naam"]
    prepopulated_fields = {"slug": ["naam"]}
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    view_on_site = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("cohorten")

    @admin.display(description=_("cohorten"))
    def cohort_namen(self, obj):
        return ", ".join(cohort.naam for cohort in obj.cohorten.all())
