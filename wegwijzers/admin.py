"""Beheer of the booklet's content: the programme team edits wegwijzers, their acties and reading, frame texts."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from incubator.concurrency import ConcurrentEditAdminMixin
from incubator.forms import NormalizedTextMixin
from wegwijzers.models import Actie, Label, Leesitem, Link, Tekstblok, Wegwijzer, Zoekterm
from wegwijzers.paginas import tekstblok_url


class ActieInline(NormalizedTextMixin, admin.StackedInline):
    model = Actie
    extra = 0
    fields = [("volgorde", "doelgroep"), "tekst", ("deel", "deel_doelgroep"), "stand_van"]
    ordering = ["volgorde"]


class LeesitemInline(NormalizedTextMixin, admin.StackedInline):
    model = Leesitem
    extra = 0
    fields = ["volgorde", "titel", "beschrijving"]
    ordering = ["volgorde"]
    show_change_link = True  # the links of an item are edited on the item's own page


class LinkInline(NormalizedTextMixin, admin.TabularInline):
    model = Link
    extra = 1
    fields = ["volgorde", "url"]
    ordering = ["volgorde"]


@admin.register(Label)
class LabelAdmin(ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin):
    list_display = ["naam", "slug", "volgorde", "aantal_wegwijzers"]
    ordering = ["volgorde"]
    search_fields = ["naam", "slug"]
    prepopulated_fields = {"slug": ["naam"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aantal=Count("wegwijzers"))

    @admin.display(description=_("wegwijzers"), ordering="aantal")
    def aantal_wegwijzers(self, obj):
        return obj.aantal


@admin.register(Wegwijzer)
class WegwijzerAdmin(ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin):
    # No list_editable for volgorde: it is unique, so swapping two rows in the list could never validate.
    list_display = ["titel", "volgorde", "label_namen", "aantal_acties", "bijgewerkt"]
    list_filter = ["labels"]
    ordering = ["volgorde"]
    search_fields = ["titel", "inleiding", "doel", "aanpak", "acties__tekst", "citaat", "citaat_spreker"]
    prepopulated_fields = {"slug": ["titel"]}
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    inlines = [ActieInline, LeesitemInline]
    fingerprint_related = ("acties", "leesitems")  # edited on the same page
    fieldsets = [
        (None, {"fields": ["titel", "slug", "volgorde", "labels"]}),
        (_("Tekst"), {"fields": ["inleiding", "doel", "aanpak"]}),
        (_("Citaat"), {"fields": ["citaat", "citaat_spreker", "citaat_rol"]}),
    ]
    # "Bekijk op de site" in the change form: the public page as readers see it.
    view_on_site = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aantal=Count("acties", distinct=True)).prefetch_related("labels")

    @admin.display(description=_("labels"))
    def label_namen(self, obj):
        return ", ".join(label.naam for label in obj.labels.all())

    @admin.display(description=_("acties"), ordering="aantal")
    def aantal_acties(self, obj):
        return obj.aantal

    @admin.display(description=_("bijgewerkt"), ordering="updated_at")
    def bijgewerkt(self, obj):
        return obj.updated_at


@admin.register(Actie)
class ActieAdmin(ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin):
    list_display = ["__str__", "wegwijzer", "volgorde", "doelgroep"]
    list_filter = ["doelgroep", "wegwijzer"]
    list_select_related = ["wegwijzer"]
    search_fields = ["tekst", "wegwijzer__titel"]
    ordering = ["wegwijzer__volgorde", "volgorde"]
    autocomplete_fields = ["wegwijzer"]
    fields = ["wegwijzer", ("volgorde", "doelgroep"), "tekst", ("deel", "deel_doelgroep"), "stand_van"]


@admin.register(Leesitem)
class LeesitemAdmin(ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin):
    list_display = ["titel", "wegwijzer", "volgorde"]
    list_filter = ["wegwijzer"]
    list_select_related = ["wegwijzer"]
    search_fields = ["titel", "beschrijving", "links__url", "wegwijzer__titel"]
    ordering = ["wegwijzer__volgorde", "volgorde"]
    autocomplete_fields = ["wegwijzer"]
    inlines = [LinkInline]

    def view_on_site(self, obj):
        return f"{obj.wegwijzer.get_absolute_url()}#meer-weten"


@admin.register(Tekstblok)
class TekstblokAdmin(ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin):
    list_display = ["__str__", "sleutel", "bekijk_op_de_site"]
    search_fields = ["titel", "ondertitel", "tekst"]
    ordering = ["sleutel"]
    fields = ["sleutel", "titel", "ondertitel", "tekst"]

    def view_on_site(self, obj):
        return tekstblok_url(obj.sleutel)

    @admin.display(description=_("bekijk op de site"))
    def bekijk_op_de_site(self, obj):
        url = tekstblok_url(obj.sleutel)
        if not url:
            return "–"
        return format_html('<a href="{}">{}</a>', url, _("Bekijk op de site"))


@admin.register(Zoekterm)
class ZoektermAdmin(ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin):
    """Everyday words and the booklet's words search also looks for (see wegwijzers.search)."""

    list_display = ["woord", "verwante_woorden"]
    search_fields = ["woord", "verwante_woorden"]
    ordering = ["woord"]
    fields = ["woord", "verwante_woorden"]
