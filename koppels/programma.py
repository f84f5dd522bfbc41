"""Export and import of all programme data (not the booklet's content, which ships as fixtures).

One JSON document: cohorts, initiatives, people, their koppels, memberships, invitations, action states with their
history, obstacles and the activity log. References to the booklet (wegwijzers, acties, labels), to cohorts,
initiatives and people use natural keys (slugs, email addresses), so a file imports into any database that has the
minigids loaded. Secrets are left out: password hashes (people set a new password or log in by code) and invitation
token hashes (open invitations have to be sent again).
"""

import datetime
import secrets
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from koppels.models import hash_token

FORMAAT = "incubator-programma"
VERSIE = 1

# Left out of every export: secrets, and relations to what a new database defines itself (groups, permissions).
LEFT_OUT = {
    "incubator.user": {"password", "groups", "user_permissions"},
    "koppels.uitnodiging": {"token_hash"},
}


class LosslessJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond (Django's encoder rounds to milliseconds), so an export round trip is exact."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def programme_models() -> list[type[Model]]:
    """The models holding programme data, in an order that loads (what others point at comes first)."""
    models = [apps.get_model("incubator", "User"), apps.get_model("account", "EmailAddress")]
    models += list(apps.get_app_config("initiatives").get_models())
    models += list(apps.get_app_config("koppels").get_models())
    ordered = serializers.sort_dependencies([(None, models)], allow_cycles=True)
    return [model for model in ordered if model in models]


def _fields(model: type[Model]) -> list[str]:
    left_out = LEFT_OUT.get(model._meta.label_lower, set())
    names = [field.name for field in [*model._meta.fields, *model._meta.many_to_many] if not field.primary_key]
    return [name for name in names if name not in left_out]


def export_programma() -> dict[str, Any]:
    """All programme data as one JSON-ready document."""
    objects = []
    for model in programme_models():
        objects += serializers.serialize(
            "python",
            model._default_manager.order_by("pk"),
            fields=_fields(model),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
    return {"formaat": FORMAAT, "versie": VERSIE, "geexporteerd_op": timezone.now(), "objecten": objects}


class ImportRefused(Exception):
    """The document cannot be imported here (wrong format, or the database already holds programme data)."""


def import_programma(document: dict[str, Any]) -> int:
    """Restore an export into a database that has the minigids but no programme data yet; return the object count."""
    if document.get("formaat") != FORMAAT or document.get("versie") != VERSIE:
        raise ImportRefused(f"Dit is geen export van het type {FORMAAT} versie {VERSIE}.")
    koppel_model = apps.get_model("koppels", "Koppel")
    user_model = apps.get_model("incubator", "User")
    if koppel_model.objects.exists() or user_model.objects.exists():
        raise ImportRefused("De database bevat al koppels of gebruikers: importeer alleen in een lege database.")

    count = 0
    with transaction.atomic():
        for item in serializers.deserialize("python", document["objecten"], handle_forward_references=True):
            instance = item.object
            if isinstance(instance, user_model):
                instance.set_unusable_password()
            if instance._meta.label_lower == "koppels.uitnodiging":
                instance.token_hash = hash_token(secrets.token_urlsafe(32))  # nobody holds this token
            item.save()
            count += 1
        # Objects kept their ids: move PostgreSQL's sequences past them, as loaddata does.
        statements = connection.ops.sequence_reset_sql(no_style(), programme_models())
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
    return count
