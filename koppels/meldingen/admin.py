"""Beheer: the record of notification mails, to see what went out and what a mail server refused (read-only)."""

from django.contrib import admin

from koppels.meldingen.models import Verzending


@admin.register(Verzending)
class VerzendingAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "soort", "staat", "pogingen", "verstuurd_at", "fout"]
    list_filter = ["soort", "staat"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__naam"]
    fields = ["user", "soort", "sleutel", "van", "tot", "onderwerp", "staat", "pogingen", "volgende_poging_at", "fout"]
    readonly_fields = fields
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a record of what was sent, not something to edit
