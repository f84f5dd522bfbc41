"""Erasure on request, pseudonymisation when a cohort's retention period ends, pruning, and recording who looked.

Erasing a person deletes their account and everything that is only theirs (email addresses, sessions with their
login or login codes, settings, memberships); what they contributed to a koppel's shared route stays for the
partner, with its author emptied (shown as "voormalig deelnemer") and their name and addresses replaced by
"voormalig deelnemer" in every text column of the programme's tables. Pseudonymising a cohort does the same for
everyone in it: people who take part in nothing else lose their account, the others (and the programme team) are
only detached from that cohort's koppels.
"""

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import connection, models, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Cohort
from koppels.models import Actiestap, Actiewijziging, Gebeurtenis, Koppel, Lidmaatschap, Obstakel, Uitnodiging
from koppels.privacy.models import Pseudonimisering, Verwijderverzoek
from koppels.voorstellen.models import Voorstel

User = get_user_model()

VOORMALIG = "voormalig deelnemer"
TEKST_VERWIJDERD = "(tekst verwijderd op verzoek van een voormalig deelnemer)"
# One key for PostgreSQL's advisory lock of the retention run (any constant; "privacy" in ASCII).
RETENTION_LOCK_KEY = 0x70726976616379
# Views of a koppel's page by the same person within this window count as one look (one row, not one per click).
INZAGE_VENSTER = timedelta(minutes=15)


class VerzoekAlUitgevoerd(Exception):
    """The erasure request was carried out already (by another team member a moment ago)."""


class EigenVerzoek(Exception):
    """A team member cannot carry out their own erasure request: another member of the team must."""


# Small helpers


def months_before(moment: datetime, months: int) -> datetime:
    """The same time `months` calendar months earlier (the last day of a shorter month when needed)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def months_after(moment: datetime, months: int) -> datetime:
    return months_before(moment, -months)


@dataclass
class Identiteit:
    """What identifies a person in free text: their name and addresses (everywhere), name parts (in their koppels)."""

    volledig: list[str]
    naamdelen: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, user) -> "Identiteit":
        adressen = {user.email.lower()} | {
            email.lower() for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
        }
        volledig = sorted({*adressen, *([user.naam.strip()] if user.naam.strip() else [])}, key=len, reverse=True)
        # "Jan de Vries" also appears as "Jan" or "Vries" in a koppel's notes; "de" would match everything.
        delen = sorted({deel for deel in user.naam.split() if len(deel) >= 3 and deel[0].isupper()}, key=len)
        return cls(volledig=volledig, naamdelen=delen[::-1])

    def pattern(self, *, met_naamdelen: bool) -> re.Pattern | None:
        parts = [re.escape(text) for text in self.volledig]
        if met_naamdelen:
            parts += [rf"\b{re.escape(deel)}\b" for deel in self.naamdelen]
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def q(self, field_name: str, *, met_naamdelen: bool) -> Q:
        q = Q()
        for text in self.volledig:
            q |= Q(**{f"{field_name}__icontains": text})
        if met_naamdelen:
            for deel in self.naamdelen:
                q |= Q(**{f"{field_name}__icontains": deel})
        return q


def _text_columns() -> list[tuple[type[models.Model], str]]:
    """Every free-text column of the programme's tables: koppels (privacy and notifications included), initiatives,
    and the admin's history. Slugs, choice fields and hashes are not free text."""
    found = []
    candidates = [*apps.get_app_config("koppels").get_models(), *apps.get_app_config("initiatives").get_models()]
    for model in [*candidates, LogEntry]:
        for model_field in model._meta.concrete_fields:
            if not isinstance(model_field, models.CharField | models.TextField | models.JSONField):
                continue
            if isinstance(model_field, models.SlugField) or model_field.choices or model_field.name == "token_hash":
                continue
            found.append((model, model_field.name))
    return found


def _koppel_path(model: type[models.Model]) -> str | None:
    """The lookup from a row to its koppel's id (`koppel_id`, `actiestap__koppel_id`), or None."""
    if model is Koppel:
        return "pk"
    names = {f.name: f for f in model._meta.concrete_fields}
    if "koppel" in names:
        return "koppel_id"
    for model_field in model._meta.concrete_fields:
        if model_field.is_relation and model_field.related_model is not None:
            related = {f.name for f in model_field.related_model._meta.concrete_fields}
            if "koppel" in related and model_field.related_model is not User:
                return f"{model_field.name}__koppel_id"
    return None


def _replace(value, pattern: re.Pattern):
    if isinstance(value, str):
        return pattern.sub(VOORMALIG, value)
    if isinstance(value, dict):
        return {_replace(k, pattern): _replace(v, pattern) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, pattern) for v in value]
    return value


def _scrub(identiteit: Identiteit, *, koppel_ids: list[int] | None) -> int:
    """Replace the person's name and addresses in the programme's text columns; returns the rows changed.

    koppel_ids=None: every row of every table, full name and addresses only. A list: only the rows of those koppels,
    name parts too ("Jan" in a note of Jan's own koppel means Jan; in another koppel it may be someone else).
    """
    scoped = koppel_ids is not None
    met_naamdelen = scoped and bool(identiteit.naamdelen)
    pattern = identiteit.pattern(met_naamdelen=met_naamdelen)
    if pattern is None:
        return 0
    changed = 0
    for model, name in _text_columns():
        path = _koppel_path(model)
        if scoped and path is None:
            continue
        if isinstance(model._meta.get_field(name), models.JSONField):
            # JSON: compare on its text (one query on PostgreSQL and SQLite), replace inside the structure.
            qs = model._default_manager.annotate(_tekst=models.functions.Cast(name, models.TextField()))
            qs = qs.filter(identiteit.q("_tekst", met_naamdelen=met_naamdelen))
        else:
            qs = model._default_manager.filter(identiteit.q(name, met_naamdelen=met_naamdelen))
        if scoped:
            qs = qs.filter(**{f"{path}__in": koppel_ids})
        rows = list(qs.only("pk", name))
        for row in rows:
            setattr(row, name, _replace(getattr(row, name), pattern))
        if rows:
            model._default_manager.bulk_update(rows, [name], batch_size=500)
            changed += len(rows)
    return changed


def _remove_texts(user, *, koppel_ids: list[int] | None = None) -> None:
    """Remove the texts the person wrote: their notes and the obstacles they reported or last changed."""

    def within(qs, path):
        return qs if koppel_ids is None else qs.filter(**{f"{path}__in": koppel_ids})

    within(Actiewijziging.objects.filter(user=user), "actiestap__koppel_id").update(notitie="")
    within(Actiestap.objects.filter(updated_by=user), "koppel_id").exclude(notitie="").update(notitie="")
    within(Obstakel.objects.filter(created_by=user), "koppel_id").update(
        titel=_("Obstakel (tekst verwijderd)"), beschrijving=TEKST_VERWIJDERD
    )
    within(Obstakel.objects.filter(updated_by=user), "koppel_id").exclude(aanpak="").update(aanpak=TEKST_VERWIJDERD)
    # Their proposals stay for the team (as obstacles do), without their words; within koppels: those from there.
    within(Voorstel.objects.filter(door=user), "obstakel__koppel_id").update(tekst=TEKST_VERWIJDERD)


def _delete_sessions(identiteit: Identiteit, user_pk: int) -> int:
    """Sessions of the person: logged in as them, or holding their address (allauth's pending login code)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    adressen = [text for text in identiteit.volledig if "@" in text]
    weg = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()
        tekst = json.dumps(data, default=str).lower()
        if data.get("_auth_user_id") == str(user_pk) or any(adres in tekst for adres in adressen):
            weg.append(session.session_key)
    for key in weg:
        store(session_key=key).delete()  # also empties a cached_db session's cache copy
    return len(weg)


def _log(koppel_ids, *, by, omschrijving: str, now) -> None:
    Gebeurtenis.objects.bulk_create(
        [
            Gebeurtenis(
                koppel_id=pk, user=by, soort=Gebeurtenis.Soort.PRIVACY, omschrijving=omschrijving, created_at=now
            )
            for pk in koppel_ids
        ]
    )


def _koppels_touched_by(user) -> list[int]:
    """Koppels the person is a member of or changed something in (a team member changes koppels not theirs)."""
    ids = set(Lidmaatschap.objects.filter(user=user).values_list("koppel_id", flat=True))
    ids |= set(Actiestap.objects.filter(updated_by=user).values_list("koppel_id", flat=True))
    ids |= set(Obstakel.objects.filter(Q(created_by=user) | Q(updated_by=user)).values_list("koppel_id", flat=True))
    return sorted(ids)


def _erase(user, *, teksten_verwijderen: bool) -> list[int]:
    """Remove one person (inside the caller's transaction); returns the ids of the koppels they were a member of."""
    identiteit = Identiteit.of(user)
    lid_van = sorted(Lidmaatschap.objects.filter(user=user).values_list("koppel_id", flat=True))
    eigen_koppels = _koppels_touched_by(user)
    if teksten_verwijderen:
        _remove_texts(user)
    adressen = [text for text in identiteit.volledig if "@" in text]
    uitnodigingen = Q()
    for adres in adressen:
        uitnodigingen |= Q(email__iexact=adres)
    if adressen:
        Uitnodiging.objects.filter(uitnodigingen).delete()
    # An open request of theirs is done now (also when a retention run got there first).
    Verwijderverzoek.objects.filter(user=user, uitgevoerd_at__isnull=True).update(uitgevoerd_at=timezone.now())
    # Name parts first within their own koppels, then the full name and addresses everywhere.
    if eigen_koppels:
        _scrub(identiteit, koppel_ids=eigen_koppels)
    _scrub(identiteit, koppel_ids=None)
    _delete_sessions(identiteit, user.pk)
    # Deleting the account deletes what is only theirs (memberships, email addresses, the admin's log of their own
    # actions); their authorship elsewhere becomes empty (SET_NULL): "voormalig deelnemer".
    user.delete()
    return lid_van


def _send_confirmation(email: str) -> None:
    context = {"portal_url": settings.PORTAL_URL}
    send_mail(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Je account is verwijderd"),
        message=render_to_string("privacy/email/verwijderd_message.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )


# Erasure on request


def request_erasure(*, user, teksten_verwijderen: bool) -> Verwijderverzoek:
    """Ask the programme team to remove this account (an open request is updated, never doubled)."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        verzoek, _created = Verwijderverzoek.objects.update_or_create(
            user=user, uitgevoerd_at__isnull=True, defaults={"teksten_verwijderen": teksten_verwijderen}
        )
    return verzoek


def withdraw_erasure(*, user) -> bool:
    """Withdraw the person's open request; False when there was none."""
    deleted, _per_model = Verwijderverzoek.objects.filter(user=user, uitgevoerd_at__isnull=True).delete()
    return deleted > 0


def carry_out_erasure(*, verzoek: Verwijderverzoek, by) -> Verwijderverzoek:
    """Carry out an erasure request: the account and its traces go, contributions stay as "voormalig deelnemer"."""
    with transaction.atomic():
        verzoek = Verwijderverzoek.objects.select_for_update().get(pk=verzoek.pk)
        if verzoek.uitgevoerd_at is not None or verzoek.user_id is None:
            raise VerzoekAlUitgevoerd()
        if verzoek.user_id == by.pk:
            raise EigenVerzoek()
        user = User.objects.select_for_update().get(pk=verzoek.user_id)
        email = user.email
        now = timezone.now()
        koppel_ids = _erase(user, teksten_verwijderen=verzoek.teksten_verwijderen)
        verzoek.refresh_from_db()
        verzoek.uitgevoerd_at = now
        verzoek.uitgevoerd_door = by
        verzoek.save(update_fields=["uitgevoerd_at", "uitgevoerd_door"])
        _log(
            koppel_ids,
            by=by,
            omschrijving=_("Een deelnemer is op eigen verzoek verwijderd; wat die deed staat op naam van ‘%(naam)s’.")
            % {"naam": VOORMALIG},
            now=now,
        )
        # After the commit: a failing mail server must not undo an erasure that was asked for.
        transaction.on_commit(lambda: _send_confirmation(email))
    return verzoek


@dataclass
class KoppelGevolg:
    """What erasing a person means for one of their koppels, shown to the team before they confirm."""

    koppel: Koppel
    rol: str
    blijven: list  # the other members (Lidmaatschap)
    rol_ontbreekt: bool  # no one with this role is left

    @property
    def leeg(self) -> bool:
        return not self.blijven


def erasure_consequences(user) -> list[KoppelGevolg]:
    """Per koppel of the person: who stays, and whether a role is left empty (two queries)."""
    eigen = list(
        Lidmaatschap.objects.filter(user=user).select_related("koppel__initiatief", "koppel__cohort").order_by("pk")
    )
    anderen = Lidmaatschap.objects.filter(koppel_id__in=[lid.koppel_id for lid in eigen]).exclude(user=user)
    per_koppel: dict[int, list] = {}
    for lid in anderen.select_related("user").order_by("rol", "user__naam"):
        per_koppel.setdefault(lid.koppel_id, []).append(lid)
    gevolgen = []
    for lid in eigen:
        blijven = per_koppel.get(lid.koppel_id, [])
        gevolgen.append(
            KoppelGevolg(
                koppel=lid.koppel,
                rol=lid.get_rol_display(),
                blijven=blijven,
                rol_ontbreekt=not any(ander.rol == lid.rol for ander in blijven),
            )
        )
    return gevolgen


# Retention


def cohort_archived_at():
    """Cohorts whose koppels are all archived, annotated with when the last one was (`gearchiveerd_op`)."""
    return (
        Cohort.objects.filter(koppels__isnull=False)
        .exclude(koppels__gearchiveerd_at__isnull=True)
        .annotate(gearchiveerd_op=Max("koppels__gearchiveerd_at"))
        .filter(pseudonimisering__isnull=True)
    )


def pseudonymisation_due(now: datetime | None = None):
    """Archived cohorts with their pseudonymisation date (`termijn_tot`), soonest first (one query)."""
    now = now or timezone.now()
    cohorten = sorted(cohort_archived_at(), key=lambda c: c.gearchiveerd_op)
    for cohort in cohorten:
        cohort.termijn_tot = months_after(cohort.gearchiveerd_op, settings.PRIVACY_BEWAARTERMIJN_MAANDEN)
        cohort.is_verlopen = cohort.termijn_tot <= now
    return cohorten


def pseudonymise_cohort(*, cohort: Cohort, now: datetime | None = None) -> int:
    """Remove a cohort's people from it the way an erasure does; returns the number of people. Once per cohort."""
    now = now or timezone.now()
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=cohort.pk)
        if Pseudonimisering.objects.filter(cohort=cohort).exists():
            return 0
        koppel_ids = list(Koppel.objects.filter(cohort=cohort).values_list("pk", flat=True))
        user_ids = set(Lidmaatschap.objects.filter(koppel_id__in=koppel_ids).values_list("user_id", flat=True))
        user_ids |= set(Actiestap.objects.filter(koppel_id__in=koppel_ids).values_list("updated_by_id", flat=True))
        user_ids |= set(
            Actiewijziging.objects.filter(actiestap__koppel_id__in=koppel_ids).values_list("user_id", flat=True)
        )
        for kolom in ("created_by_id", "updated_by_id"):
            user_ids |= set(Obstakel.objects.filter(koppel_id__in=koppel_ids).values_list(kolom, flat=True))
        user_ids |= set(Gebeurtenis.objects.filter(koppel_id__in=koppel_ids).values_list("user_id", flat=True))
        user_ids.discard(None)
        elders = set(
            Lidmaatschap.objects.filter(user_id__in=user_ids)
            .exclude(koppel_id__in=koppel_ids)
            .values_list("user_id", flat=True)
        )
        invited = [
            email.lower()
            for email in Uitnodiging.objects.filter(koppel_id__in=koppel_ids).values_list("email", flat=True)
        ]
        for user in User.objects.filter(pk__in=user_ids).select_for_update():
            if user.is_staff or user.pk in elders:
                _detach(user, koppel_ids=koppel_ids)
            else:
                _erase(user, teksten_verwijderen=False)
        # Addresses invited but never joined: in the log texts ("... uitgenodigd") and the invitation rows.
        Uitnodiging.objects.filter(koppel_id__in=koppel_ids).delete()
        if invited:
            _scrub(Identiteit(volledig=sorted(set(invited), key=len, reverse=True)), koppel_ids=koppel_ids)
        Pseudonimisering.objects.create(cohort=cohort, uitgevoerd_at=now, personen=len(user_ids))
        _log(
            koppel_ids,
            by=None,
            omschrijving=_("Bewaartermijn verstreken: de persoonsgegevens van dit koppel zijn gepseudonimiseerd."),
            now=now,
        )
    return len(user_ids)


def _detach(user, *, koppel_ids: list[int]) -> None:
    """Take someone who stays in the programme out of these koppels: authorship emptied, name gone from texts."""
    _scrub(Identiteit.of(user), koppel_ids=koppel_ids)
    Lidmaatschap.objects.filter(user=user, koppel_id__in=koppel_ids).delete()
    Actiestap.objects.filter(updated_by=user, koppel_id__in=koppel_ids).update(updated_by=None)
    Actiewijziging.objects.filter(user=user, actiestap__koppel_id__in=koppel_ids).update(user=None)
    Obstakel.objects.filter(created_by=user, koppel_id__in=koppel_ids).update(created_by=None)
    Obstakel.objects.filter(updated_by=user, koppel_id__in=koppel_ids).update(updated_by=None)
    Gebeurtenis.objects.filter(user=user, koppel_id__in=koppel_ids).update(user=None)
    Voorstel.objects.filter(door=user, obstakel__koppel_id__in=koppel_ids).update(door=None)


@dataclass
class Opschoning:
    """What one retention run did."""

    overgeslagen: bool = False  # another run held the lock
    cohorten: list[str] = field(default_factory=list)
    personen: int = 0
    gebeurtenissen: int = 0
    uitnodigingen: int = 0
    verzoeken: int = 0
    sessies: int = 0


def _try_lock() -> bool:
    """PostgreSQL: a transaction-level advisory lock, so two machines never run this at once (the second skips).
    SQLite (a single local process) serialises writers itself."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [RETENTION_LOCK_KEY])
        return bool(cursor.fetchone()[0])


def run_retention(*, now: datetime | None = None) -> Opschoning:
    """Do whatever retention is due; idempotent (a second run finds nothing to do)."""
    now = now or timezone.now()
    resultaat = Opschoning()
    with transaction.atomic():
        if not _try_lock():
            resultaat.overgeslagen = True
            return resultaat
        for cohort in pseudonymisation_due(now):
            if cohort.is_verlopen:
                resultaat.personen += pseudonymise_cohort(cohort=cohort, now=now)
                resultaat.cohorten.append(cohort.naam)
        grens = months_before(now, settings.PRIVACY_ACTIVITEIT_BEWAREN_MAANDEN)
        resultaat.gebeurtenissen, _per_model = Gebeurtenis.objects.filter(created_at__lt=grens).delete()
        resultaat.verzoeken, _per_model = Verwijderverzoek.objects.filter(uitgevoerd_at__lt=grens).delete()
        grens = months_before(now, settings.PRIVACY_UITNODIGINGEN_BEWAREN_MAANDEN)
        oud = (
            Q(accepted_at__lt=grens)
            | Q(revoked_at__lt=grens)
            | Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lt=grens)
        )
        resultaat.uitnodigingen, _per_model = Uitnodiging.objects.filter(oud).delete()
        resultaat.sessies, _per_model = Session.objects.filter(expire_date__lt=now).delete()
    return resultaat


# Who looked


def record_inzage(*, user, omschrijving: str, koppel: Koppel | None = None) -> None:
    """Log that the programme team looked at personal data: one INSERT, folded within INZAGE_VENSTER.

    The same person looking at the same thing again within the window adds no row (the earlier one already says
    who, what and from when); the check is part of the same statement, so it costs no extra query.
    """
    if not (user.is_authenticated and user.is_staff):
        return
    now = timezone.now()
    table = connection.ops.quote_name(Gebeurtenis._meta.db_table)
    koppel_sql, koppel_params = ("koppel_id = %s", [koppel.pk]) if koppel is not None else ("koppel_id IS NULL", [])
    omschrijving = omschrijving[:500]
    soort = Gebeurtenis.Soort.INZAGE.value
    adapt = connection.ops.adapt_datetimefield_value  # as the ORM would (SQLite stores text)
    leeg_json = "'{}'::jsonb" if connection.vendor == "postgresql" else "'{}'"  # nothing for notifications
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (koppel_id, user_id, soort, omschrijving, created_at, gegevens) "  # noqa: S608
            f"SELECT %s, %s, %s, %s, %s, {leeg_json} WHERE NOT EXISTS "
            f"(SELECT 1 FROM {table} WHERE user_id = %s AND soort = %s AND omschrijving = %s AND created_at > %s "
            f"AND {koppel_sql})",
            [
                koppel.pk if koppel is not None else None,
                user.pk,
                soort,
                omschrijving,
                adapt(now),
                user.pk,
                soort,
                omschrijving,
                adapt(now - INZAGE_VENSTER),
                *koppel_params,
            ],
        )
