"""Beheer of koppels for the programme team: read and correct; changes to routes go through the portal's services."""

from django.contrib import admin
from django.utils import timezone

from incubator.concurrency import ConcurrentEditAdminMixin
from incubator.forms import NormalizedTextMixin
from koppels.meldingen import events as meldingen
from koppels.models import Gebeurtenis, Koppel, Lidmaatschap, Obstakel, Uitnodiging


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    raw_id_fields = ["user"]


class UitnodigingInline(admin.TabularInline):
    model = Uitnodiging
    extra = 0
    fields = ["email", "rol", "sent_at", "expires_at", "accepted_at", "revoked_at"]
    readonly_fields = fields  # invitations are made, resent and revoked on the koppel's page (they send mail)
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Koppel)
class KoppelAdmin(ConcurrentEditAdminMixin, admin.ModelAdmin):
    list_display = ["initiatief", "cohort", "laatste_activiteit_at", "gearchiveerd_at"]
    list_filter = ["cohort", ("gearchiveerd_at", admin.EmptyFieldListFilter)]
    list_select_related = ["initiatief", "cohort"]
    search_fields = ["initiatief__naam", "leden__email", "leden__naam"]
    readonly_fields = ["created_at", "laatste_activiteit_at"]
    inlines = [LidmaatschapInline, UitnodigingInline]


@admin.register(Obstakel)
class ObstakelAdmin(ConcurrentEditAdminMixin, NormalizedTextMixin, admin.ModelAdmin):
    list_display = ["titel", "koppel", "staat", "updated_at"]
    list_filter = ["staat", "labels", "koppel__cohort"]
    list_select_related = ["koppel__initiatief", "koppel__cohort"]
    search_fields = ["titel", "beschrijving", "aanpak"]
    readonly_fields = ["versie", "created_by", "created_at", "updated_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        voor = meldingen.obstakel_snapshot(Obstakel.objects.get(pk=obj.pk)) if change else None
        if change:
            # A correction here is a new version, so a koppel member's form from before it is refused as stale.
            obj.versie += 1
            obj.updated_by = request.user
            obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)
        if change:
            # In the activity log, and told to the koppel's members (koppels.meldingen).
            meldingen.record_correction(obstakel=obj, voor=voor, by=request.user)


@admin.register(Gebeurtenis)
class GebeurtenisAdmin(admin.ModelAdmin):
    list_display = ["created_at", "koppel", "user", "soort", "omschrijving"]
    list_filter = ["soort", "koppel__cohort"]
    list_select_related = ["koppel__initiatief", "koppel__cohort", "user"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # the activity log is a record, not something to edit


# The notification mails' record (koppels/meldingen/admin.py).
from koppels.meldingen import admin as meldingen_admin  # noqa: E402, F401
