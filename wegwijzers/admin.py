"""Beheer of the booklet's content: the programme team edits wegwijzers, their acties and reading, frame texts.

What the public reads is always a published edition, and a published edition never changes: its rows are shown
read-only here (no change, no delete, nothing added into them). Edits go to the draft edition, which the team
makes (and publishes) in the werkruimte; without a draft the lists say so and link there. The lists show the draft
by default (else the current edition); the filter "editie" shows any other edition or all.
"""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from incubator.concurrency import ConcurrentEditAdminMixin
from incubator.forms import NormalizedTextMixin
from wegwijzers.models import BOEKJE_SLEUTELS, Actie, Editie, Label, Leesitem, Link, Tekstblok, Wegwijzer, Zoekterm
from wegwijzers.paginas import tekstblok_url


def werkruimte_edities_url() -> str:
    """The werkruimte's page where the team makes and publishes a draft edition."""
    try:
        return reverse("werkruimte:edities")
    except NoReverseMatch:  # built in the werkruimte (koppels.werkruimte): its address is fixed
        return "/werkruimte/edities/"


def _editie_van(obj, pad: str) -> Editie | None:
    """The edition a row belongs to, following `pad` ("editie", "wegwijzer__editie", ...); None for none."""
    for deel in pad.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, deel)
    return obj


def bewerkbaar(obj, pad: str = "editie") -> bool:
    """Whether a row may be edited: a new row, a row of the draft, or a row of no edition (the portal's statements)."""
    if obj is None or obj.pk is None:
        return True
    editie = _editie_van(obj, pad)
    return editie is None or editie.is_concept


class EditieFilter(admin.SimpleListFilter):
    """Rows of one edition: the draft by default (else the current edition), any other, or all."""

    title = _("editie")
    parameter_name = "editie"
    ALLE = "alle"

    def __init__(self, request, params, model, model_admin):
        self.pad = model_admin.editie_pad
        self.zonder_editie = getattr(model_admin, "zonder_editie_altijd", False)
        self.edities = list(Editie.objects.order_by("-nummer"))
        super().__init__(request, params, model, model_admin)
        if self.value() is None:
            standaard = next((e for e in self.edities if e.is_concept), None) or next(
                (e for e in self.edities if e.huidig), None
            )
            if standaard is not None:
                self.used_parameters[self.parameter_name] = str(standaard.nummer)

    def lookups(self, request, model_admin):
        keuzes = []
        for editie in self.edities:
            if editie.is_concept:
                naam = _("Concept voor editie %(nummer)s") % {"nummer": editie.nummer}
            elif editie.huidig:
                naam = _("%(naam)s (huidige editie)") % {"naam": editie.naam}
            else:
                naam = editie.naam
            keuzes.append((str(editie.nummer), naam))
        return [*keuzes, (self.ALLE, _("Alle edities"))]

    def choices(self, changelist):
        # No "Alles" without a value: no value means the default edition, so every choice names its own value.
        for waarde, naam in self.lookup_choices:
            yield {
                "selected": self.value() == waarde,
                "query_string": changelist.get_query_string({self.parameter_name: waarde}),
                "display": naam,
            }

    def queryset(self, request, queryset):
        waarde = self.value()
        if waarde in (None, self.ALLE) or not waarde.isdigit():
            return queryset
        filter = models.Q(**{f"{self.pad}__nummer": int(waarde)})
        if self.zonder_editie:
            filter |= models.Q(**{f"{self.pad}__isnull": True})
        return queryset.filter(filter)


class ConceptAdminMixin:
    """For a ModelAdmin of edition content: published rows read-only; new rows only in the draft."""

    editie_pad = "editie"  # from the model to its edition

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and bewerkbaar(obj, self.editie_pad)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and bewerkbaar(obj, self.editie_pad)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and Editie.objects.filter(status=Editie.Status.CONCEPT).exists()

    def get_deleted_objects(self, objs, request):
        # The list's "delete selected" asks no per-row permission: a published row in the choice refuses it all.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if any(not bewerkbaar(obj, self.editie_pad) for obj in objs):
            perms_needed.add(_("rijen van een gepubliceerde editie (bewerk het concept)"))
        return deleted, counts, perms_needed, protected

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            concept = Editie.objects.concept()
            if concept is None:
                messages.info(
                    request,
                    format_html(
                        '{} <a href="{}">{}</a>',
                        _(
                            "Er is geen concept: wat hier staat is gepubliceerd en verandert niet meer. Om de minigids "
                            "te bewerken:"
                        ),
                        werkruimte_edities_url(),
                        _("maak een concept in de werkruimte"),
                    ),
                )
            else:
                messages.info(
                    request,
                    format_html(
                        '{} <a href="{}">{}</a>',
                        _("Je bewerkt het concept voor editie %(nummer)s; bezoekers zien het pas na publicatie.")
                        % {"nummer": concept.nummer},
                        reverse("edities:detail", kwargs={"nummer": concept.nummer}),
                        _("Bekijk het concept"),
                    ),
                )
        return super().changelist_view(request, extra_context)


class ConceptInlineMixin:
    """For an inline: editable only inside a row of the draft (the parent row decides)."""

    editie_pad = "editie"  # from the parent row to its edition

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and bewerkbaar(obj, self.editie_pad)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and bewerkbaar(obj, self.editie_pad)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and bewerkbaar(obj, self.editie_pad)


def concept_wegwijzers():
    return Wegwijzer.objects.filter(editie__status=Editie.Status.CONCEPT).order_by("volgorde")


class ActieInline(ConceptInlineMixin, NormalizedTextMixin, admin.StackedInline):
    model = Actie
    extra = 0
    fields = [("volgorde", "doelgroep"), "tekst", ("deel", "deel_doelgroep"), "stand_van"]
    ordering = ["volgorde"]


class LeesitemInline(ConceptInlineMixin, NormalizedTextMixin, admin.StackedInline):
    model = Leesitem
    extra = 0
    fields = ["volgorde", "titel", "beschrijving"]
    ordering = ["volgorde"]
    show_change_link = True  # the links of an item are edited on the item's own page


class LinkInline(ConceptInlineMixin, NormalizedTextMixin, admin.TabularInline):
    model = Link
    editie_pad = "wegwijzer__editie"
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


class WegwijzerForm(forms.ModelForm):
    """Titles, addresses and numbers are unique within an edition (the edition is fixed once a row exists)."""

    def clean(self):
        cleaned = super().clean()
        editie = cleaned.get("editie") or (self.instance.editie if self.instance.editie_id else None)
        if editie is None:
            return cleaned
        andere = Wegwijzer.objects.filter(editie=editie).exclude(pk=self.instance.pk)
        meldingen = {
            "titel": _("Er is in deze editie al een wegwijzer met deze titel."),
            "slug": _("Er is in deze editie al een wegwijzer met dit adres (slug)."),
            "volgorde": _("Er is in deze editie al een wegwijzer met dit nummer."),
        }
        for veld, melding in meldingen.items():
            if veld in cleaned and veld not in self.errors and andere.filter(**{veld: cleaned[veld]}).exists():
                self.add_error(veld, melding)
        return cleaned


@admin.register(Wegwijzer)
class WegwijzerAdmin(ConceptAdminMixin, ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin):
    # No list_editable for volgorde: it is unique, so swapping two rows in the list could never validate.
    form = WegwijzerForm
    list_display = ["titel", "volgorde", "editie", "label_namen", "aantal_acties", "bijgewerkt"]
    list_filter = [EditieFilter, "labels"]
    list_select_related = ["editie"]
    ordering = ["editie__nummer", "volgorde"]
    search_fields = ["titel", "inleiding", "doel", "aanpak", "acties__tekst", "citaat", "citaat_spreker"]
    prepopulated_fields = {"slug": ["titel"]}
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    inlines = [ActieInline, LeesitemInline]
    fingerprint_related = ("acties", "leesitems")  # edited on the same page
    fieldsets = [
        (None, {"fields": ["editie", "titel", "slug", "volgorde", "labels"]}),
        (_("Tekst"), {"fields": ["inleiding", "doel", "aanpak"]}),
        (_("Citaat"), {"fields": ["citaat", "citaat_spreker", "citaat_rol"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # A row stays in its edition; a new one goes into the draft (the only edition the form offers).
        return ["editie"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "editie":
            kwargs["queryset"] = Editie.objects.filter(status=Editie.Status.CONCEPT)
            kwargs["initial"] = Editie.objects.concept()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def view_on_site(self, obj):
        """ "Bekijk op de site": the page as its edition shows it (the draft's preview for a draft row)."""
        return obj.url_in_editie()

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


class ConceptWegwijzerMixin:
    """The wegwijzer of a new or draft row is one of the draft's."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "wegwijzer":
            kwargs["queryset"] = concept_wegwijzers()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Actie)
class ActieAdmin(
    ConceptWegwijzerMixin, ConceptAdminMixin, ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin
):
    editie_pad = "wegwijzer__editie"
    list_display = ["__str__", "wegwijzer", "volgorde", "doelgroep", "editie"]
    list_filter = [EditieFilter, "doelgroep"]
    list_select_related = ["wegwijzer__editie"]
    search_fields = ["tekst", "wegwijzer__titel"]
    ordering = ["wegwijzer__editie__nummer", "wegwijzer__volgorde", "volgorde"]
    fields = ["wegwijzer", ("volgorde", "doelgroep"), "tekst", ("deel", "deel_doelgroep"), "stand_van"]

    @admin.display(description=_("editie"), ordering="wegwijzer__editie__nummer")
    def editie(self, obj):
        return obj.wegwijzer.editie

    def view_on_site(self, obj):
        return f"{obj.wegwijzer.url_in_editie()}#actie-{obj.volgorde}"


@admin.register(Leesitem)
class LeesitemAdmin(
    ConceptWegwijzerMixin, ConceptAdminMixin, ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin
):
    editie_pad = "wegwijzer__editie"
    list_display = ["titel", "wegwijzer", "volgorde", "editie"]
    list_filter = [EditieFilter]
    list_select_related = ["wegwijzer__editie"]
    search_fields = ["titel", "beschrijving", "links__url", "wegwijzer__titel"]
    ordering = ["wegwijzer__editie__nummer", "wegwijzer__volgorde", "volgorde"]
    inlines = [LinkInline]

    @admin.display(description=_("editie"), ordering="wegwijzer__editie__nummer")
    def editie(self, obj):
        return obj.wegwijzer.editie

    def view_on_site(self, obj):
        return f"{obj.wegwijzer.url_in_editie()}#meer-weten"


class TekstblokForm(forms.ModelForm):
    """The booklet's texts belong to the draft; the portal's statements (privacy, contact...) to no edition."""

    def clean(self):
        cleaned = super().clean()
        sleutel, editie = cleaned.get("sleutel"), cleaned.get("editie")
        if sleutel is None or self.instance.pk is not None:
            return cleaned
        if sleutel in BOEKJE_SLEUTELS and editie is None:
            self.add_error("editie", _("Een tekst van het boekje hoort bij het concept: kies het concept."))
        elif sleutel not in BOEKJE_SLEUTELS and editie is not None:
            self.add_error("editie", _("Een verklaring van het portaal hoort bij geen editie: laat dit leeg."))
        return cleaned


@admin.register(Tekstblok)
class TekstblokAdmin(ConceptAdminMixin, ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin):
    form = TekstblokForm
    zonder_editie_altijd = True  # the portal's statements show in every edition's list
    list_display = ["__str__", "sleutel", "editie", "bekijk_op_de_site"]
    list_filter = [EditieFilter]
    list_select_related = ["editie"]
    search_fields = ["titel", "ondertitel", "tekst"]
    ordering = ["sleutel", "editie__nummer"]
    fields = ["sleutel", "editie", "titel", "ondertitel", "tekst"]

    def get_readonly_fields(self, request, obj=None):
        return ["sleutel", "editie"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "editie":
            kwargs["queryset"] = Editie.objects.filter(status=Editie.Status.CONCEPT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _url(self, obj) -> str | None:
        # The public pages show the current edition's texts: a link for those and for the statements only.
        if obj.editie_id is not None and not obj.editie.huidig:
            return None
        return tekstblok_url(obj.sleutel)

    def view_on_site(self, obj):
        return self._url(obj)

    @admin.display(description=_("bekijk op de site"))
    def bekijk_op_de_site(self, obj):
        url = self._url(obj)
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
