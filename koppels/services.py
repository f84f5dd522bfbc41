"""Operations on koppels that span models, send mail or need a transaction.

Every change runs in one transaction, writes a Gebeurtenis (the activity log) and bumps Koppel.laatste_activiteit_at.
Changes to the route and to obstacles carry the version the user saw; a stale version is refused (StaleChange),
never silently overwritten.
"""

import secrets
from collections.abc import Iterable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import Cohort, Initiatief
from koppels.meldingen import events as meldingen
from koppels.models import (
    NOTITIE_MAX_LENGTH,
    Actiestap,
    Actiewijziging,
    Gebeurtenis,
    Koppel,
    Lidmaatschap,
    Obstakel,
    Rol,
    Staat,
    Status,
    Uitnodiging,
    hash_token,
)
from wegwijzers.models import Actie, Label, Wegwijzer

User = get_user_model()

UITNODIGING_GELDIG = timedelta(days=14)


class KoppelGearchiveerd(Exception):
    """The koppel is archived: it is read-only everywhere."""

    message = gettext_lazy("Dit koppel is gearchiveerd: de route en obstakels kunnen niet meer worden gewijzigd.")


class StaleChange(Exception):
    """Someone else changed the same thing since the user saw it; carries the current object."""

    def __init__(self, current):
        super().__init__("stale change")
        self.current = current


class UitnodigingOngeldig(Exception):
    """An invitation link that cannot be used; `reden` says why (for a clear page)."""

    ONBEKEND = "onbekend"
    VERLOPEN = "verlopen"
    GEBRUIKT = "gebruikt"
    INGETROKKEN = "ingetrokken"
    ANDER_ACCOUNT = "ander_account"
    ACCOUNT_BESTAAT = "account_bestaat"

    def __init__(self, reden: str, uitnodiging: Uitnodiging | None = None):
        super().__init__(reden)
        self.reden = reden
        self.uitnodiging = uitnodiging


def _log(*, koppel: Koppel, by, soort: str, omschrijving: str, now=None, gegevens: dict | None = None) -> None:
    _log_all(koppel=koppel, by=by, entries=[(soort, omschrijving, gegevens or {})], now=now)


def _log_all(*, koppel: Koppel, by, entries: list[tuple], now=None) -> None:
    """Write activity-log rows and mark the koppel as active: two queries however many rows.

    An entry is (soort, omschrijving) or (soort, omschrijving, gegevens): gegevens is what notifications are built
    from (koppels.meldingen.events).
    """
    if not entries:
        return
    now = now or timezone.now()
    Gebeurtenis.objects.bulk_create(
        [
            Gebeurtenis(
                koppel=koppel,
                user=by,
                soort=soort,
                omschrijving=omschrijving[:500],
                gegevens=gegevens[0] if gegevens else {},
                created_at=now,
            )
            for soort, omschrijving, *gegevens in entries
        ]
    )
    Koppel.objects.filter(pk=koppel.pk).update(laatste_activiteit_at=now)
    koppel.laatste_activiteit_at = now


def _ensure_active(koppel: Koppel) -> None:
    if koppel.is_gearchiveerd:
        raise KoppelGearchiveerd()


# Koppels


def create_koppel(*, initiatief: Initiatief, cohort: Cohort, by) -> Koppel:
    """Create a koppel with an (open) row for every action of the guide's current edition."""
    with transaction.atomic():
        koppel = Koppel.objects.create(initiatief=initiatief, cohort=cohort)
        Actiestap.objects.bulk_create(
            [Actiestap(koppel=koppel, actie=actie) for actie in Actie.objects.huidig().only("id")],
            ignore_conflicts=True,
        )
        _log(
            koppel=koppel,
            by=by,
            soort=Gebeurtenis.Soort.KOPPEL,
            omschrijving=_("Koppel aangemaakt voor %(initiatief)s in %(cohort)s")
            % {"initiatief": initiatief, "cohort": cohort},
        )
    return koppel


def archive_koppel(*, koppel: Koppel, by) -> None:
    """Archive a koppel: from now on it is read-only."""
    with transaction.atomic():
        koppel = Koppel.objects.select_for_update().get(pk=koppel.pk)
        if koppel.is_gearchiveerd:
            return
        koppel.gearchiveerd_at = timezone.now()
        koppel.save(update_fields=["gearchiveerd_at"])
        _log(koppel=koppel, by=by, soort=Gebeurtenis.Soort.KOPPEL, omschrijving=_("Koppel gearchiveerd"))


# Invitations


def _invitation_url(token: str, request: HttpRequest | None) -> str:
    path = reverse("koppels:uitnodiging", kwargs={"token": token})
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.PORTAL_URL.rstrip("/") + path


def _send_invitation(uitnodiging: Uitnodiging, token: str, request: HttpRequest | None) -> None:
    context = {
        "uitnodiging": uitnodiging,
        "koppel": uitnodiging.koppel,
        "url": _invitation_url(token, request),
        "door": uitnodiging.created_by,
        "geldig_tot": uitnodiging.expires_at,
    }
    subject = " ".join(render_to_string("koppels/email/uitnodiging_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string("koppels/email/uitnodiging_message.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[uitnodiging.email],
    )
    message.attach_alternative(render_to_string("koppels/email/uitnodiging_message.html", context), "text/html")
    message.send()


def _new_token() -> str:
    # 256 bits from the OS's CSPRNG: unguessable; only its hash is stored.
    return secrets.token_urlsafe(32)


def invite(*, koppel: Koppel, email: str, rol: str, by, request: HttpRequest | None = None) -> Uitnodiging:
    """Create an invitation to join a koppel and mail its single-use link (earlier open links to the address end)."""
    _ensure_active(koppel)
    if rol not in Rol.values:
        raise ValidationError(_("Kies een geldige rol."))
    email = User.objects.normalize_email(email).lower()
    now = timezone.now()
    token = _new_token()
    with transaction.atomic():
        Uitnodiging.objects.open().filter(koppel=koppel, email__iexact=email).update(revoked_at=now)
        uitnodiging = Uitnodiging.objects.create(
            koppel=koppel,
            email=email,
            rol=rol,
            token_hash=hash_token(token),
            created_by=by,
            sent_at=now,
            expires_at=now + UITNODIGING_GELDIG,
        )
        _log(
            koppel=koppel,
            by=by,
            soort=Gebeurtenis.Soort.UITNODIGING,
            omschrijving=_("%(email)s uitgenodigd als %(rol)s") % {"email": email, "rol": Rol(rol).label.lower()},
            now=now,
        )
        # Mail inside the transaction: if sending fails, no invitation exists that nobody received.
        _send_invitation(uitnodiging, token, request)
    return uitnodiging


def resend_invitation(*, uitnodiging: Uitnodiging, by, request: HttpRequest | None = None) -> Uitnodiging:
    """Mail an invitation again with a new link and a new expiry; the old link stops working."""
    _ensure_active(uitnodiging.koppel)
    now = timezone.now()
    token = _new_token()
    with transaction.atomic():
        uitnodiging = Uitnodiging.objects.select_for_update().select_related("koppel").get(pk=uitnodiging.pk)
        if uitnodiging.accepted_at:
            raise UitnodigingOngeldig(UitnodigingOngeldig.GEBRUIKT, uitnodiging)
        uitnodiging.token_hash = hash_token(token)
        uitnodiging.sent_at = now
        uitnodiging.expires_at = now + UITNODIGING_GELDIG
        uitnodiging.revoked_at = None
        uitnodiging.save(update_fields=["token_hash", "sent_at", "expires_at", "revoked_at"])
        _log(
            koppel=uitnodiging.koppel,
            by=by,
            soort=Gebeurtenis.Soort.UITNODIGING,
            omschrijving=_("Uitnodiging voor %(email)s opnieuw verstuurd") % {"email": uitnodiging.email},
            now=now,
        )
        _send_invitation(uitnodiging, token, request)
    return uitnodiging


def revoke_invitation(*, uitnodiging: Uitnodiging, by) -> None:
    """Revoke an invitation: its link shows a clear 'ingetrokken' page from now on."""
    with transaction.atomic():
        uitnodiging = Uitnodiging.objects.select_for_update().select_related("koppel").get(pk=uitnodiging.pk)
        if uitnodiging.accepted_at or uitnodiging.revoked_at:
            return
        uitnodiging.revoked_at = timezone.now()
        uitnodiging.save(update_fields=["revoked_at"])
        _log(
            koppel=uitnodiging.koppel,
            by=by,
            soort=Gebeurtenis.Soort.UITNODIGING,
            omschrijving=_("Uitnodiging voor %(email)s ingetrokken") % {"email": uitnodiging.email},
        )


def find_invitation(token: str, *, for_update: bool = False) -> Uitnodiging:
    """The usable invitation behind a link, or UitnodigingOngeldig saying why it cannot be used."""
    qs = Uitnodiging.objects.select_related("koppel__initiatief", "koppel__cohort")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    uitnodiging = qs.filter(token_hash=hash_token(token)).first()
    if uitnodiging is None:
        raise UitnodigingOngeldig(UitnodigingOngeldig.ONBEKEND)
    if uitnodiging.accepted_at:
        raise UitnodigingOngeldig(UitnodigingOngeldig.GEBRUIKT, uitnodiging)
    if uitnodiging.revoked_at:
        raise UitnodigingOngeldig(UitnodigingOngeldig.INGETROKKEN, uitnodiging)
    if uitnodiging.expires_at <= timezone.now():
        raise UitnodigingOngeldig(UitnodigingOngeldig.VERLOPEN, uitnodiging)
    return uitnodiging


def address_taken(email: str) -> bool:
    """Whether an account already uses this address: as its own, or as a verified address it added."""
    return (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email, verified=True).exists()
    )


def accept_invitation(*, token: str, user=None, naam: str = "", password: str = "") -> Lidmaatschap:
    """Use an invitation once: create the account (user=None) or link the logged-in account, then join the koppel.

    A new account gets the invited address as its verified, primary email: the link in that mailbox proved it.
    An existing account may accept only an invitation sent to one of its own verified addresses.
    """
    with transaction.atomic():
        uitnodiging = find_invitation(token, for_update=True)
        koppel = uitnodiging.koppel
        _ensure_active(koppel)
        if user is None:
            if address_taken(uitnodiging.email):
                raise UitnodigingOngeldig(UitnodigingOngeldig.ACCOUNT_BESTAAT, uitnodiging)
            user = User.objects.create_user(email=uitnodiging.email, password=password, naam=naam)
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        else:
            own = (
                user.email.lower() == uitnodiging.email.lower()
                or EmailAddress.objects.filter(user=user, email__iexact=uitnodiging.email, verified=True).exists()
            )
            if not own:
                raise UitnodigingOngeldig(UitnodigingOngeldig.ANDER_ACCOUNT, uitnodiging)
            EmailAddress.objects.update_or_create(
                user=user, email__iexact=uitnodiging.email, defaults={"email": uitnodiging.email, "verified": True}
            )
        lidmaatschap, _created = Lidmaatschap.objects.get_or_create(
            koppel=koppel, user=user, defaults={"rol": uitnodiging.rol}
        )
        now = timezone.now()
        uitnodiging.accepted_at = now
        uitnodiging.accepted_by = user
        uitnodiging.save(update_fields=["accepted_at", "accepted_by"])
        _log(
            koppel=koppel,
            by=user,
            soort=Gebeurtenis.Soort.UITNODIGING,
            omschrijving=_("%(wie)s doet mee als %(rol)s")
            % {"wie": user, "rol": lidmaatschap.get_rol_display().lower()},
            now=now,
            gegevens=meldingen.lid_joined(user) if _created else None,
        )
    return lidmaatschap


# The route


def set_actie(*, koppel: Koppel, actie: Actie, status: str, notitie: str | None = None, versie: int, by) -> Actiestap:
    """Set an action's status and note (None: keep the note), if nobody changed it since the user saw `versie`.

    The row is locked (SELECT ... FOR UPDATE), so of two truly concurrent changes from the same version one wins
    and the other gets StaleChange with the current state.
    """
    if status not in Status.values:
        raise ValidationError(_("Kies een geldige status."))
    if notitie is not None:
        notitie = notitie.strip()
        if len(notitie) > NOTITIE_MAX_LENGTH:
            raise ValidationError(
                _("Een notitie mag hoogstens %(max)d tekens lang zijn.") % {"max": NOTITIE_MAX_LENGTH}
            )
    _ensure_active(koppel)
    with transaction.atomic():
        stap = _locked_stap(koppel=koppel, actie=actie)
        if notitie is None:
            notitie = stap.notitie
        status_changed = stap.status != status
        notitie_changed = stap.notitie != notitie
        if stap.versie != versie:
            if not status_changed and not notitie_changed:
                return stap  # the same change twice (a double click): nothing to refuse
            raise StaleChange(_with_updated_by(stap))
        if not status_changed and not notitie_changed:
            return stap
        now = timezone.now()
        oude_status, oude_notitie = stap.status, stap.notitie
        stap.status = status
        stap.notitie = notitie
        stap.versie += 1  # the row is locked: nobody else can have moved it on
        stap.updated_by = by
        stap.updated_at = now
        stap.save(update_fields=["status", "notitie", "versie", "updated_by", "updated_at"])
        Actiewijziging.objects.create(
            actiestap=stap, status=status, notitie=notitie, versie=stap.versie, user=by, created_at=now
        )
        nummer = f"{stap.actie.wegwijzer.volgorde}.{stap.actie.volgorde}"
        entries = []
        if status_changed:
            entries.append(
                (
                    Gebeurtenis.Soort.STATUS,
                    _("Actie %(nummer)s: status %(status)s")
                    % {"nummer": nummer, "status": Status(status).label.lower()},
                    meldingen.status_change(stap=stap, voor=oude_status),
                )
            )
        if notitie_changed:
            entries.append(
                (
                    Gebeurtenis.Soort.NOTITIE,
                    _("Actie %(nummer)s: notitie bijgewerkt") % {"nummer": nummer},
                    meldingen.notitie_change(stap=stap, voor=oude_notitie),
                )
            )
        _log_all(koppel=koppel, by=by, entries=entries, now=now)
    return stap


def _locked_stap(*, koppel: Koppel, actie: Actie) -> Actiestap:
    """The koppel's row for this action, locked until the transaction ends (created on first use if missing).

    It carries the caller's action (with its wegwijzer when the caller read that): no second copy is read.
    """
    locked = Actiestap.objects.select_for_update(of=("self",)).select_related("updated_by")
    try:
        stap = locked.get(koppel=koppel, actie=actie)
    except Actiestap.DoesNotExist:
        # Actions added to the guide after the koppel was created get their row on first use.
        Actiestap.objects.get_or_create(koppel=koppel, actie=actie)
        stap = locked.get(koppel=koppel, actie=actie)
    stap.actie = actie
    return stap


def _with_updated_by(stap: Actiestap) -> Actiestap:
    return Actiestap.objects.select_related("updated_by", "actie__wegwijzer").get(pk=stap.pk)


# Obstacles


def _check_obstakel_fields(*, titel: str, beschrijving: str, wegwijzer, actie, staat: str):
    if staat not in Staat.values:
        raise ValidationError(_("Kies een geldige staat."))
    if not titel.strip() or not beschrijving.strip():
        raise ValidationError(_("Geef een titel en beschrijf wat er gebeurde."))
    return Obstakel.wegwijzer_voor(wegwijzer=wegwijzer, actie=actie)


def create_obstakel(
    *,
    koppel: Koppel,
    titel: str,
    beschrijving: str,
    by,
    wegwijzer: Wegwijzer | None = None,
    actie: Actie | None = None,
    labels: Iterable[Label] = (),
    staat: str = Staat.GESIGNALEERD,
    aanpak: str = "",
) -> Obstakel:
    """Record an obstacle the koppel met."""
    _ensure_active(koppel)
    wegwijzer = _check_obstakel_fields(
        titel=titel, beschrijving=beschrijving, wegwijzer=wegwijzer, actie=actie, staat=staat
    )
    now = timezone.now()
    with transaction.atomic():
        obstakel = Obstakel.objects.create(
            koppel=koppel,
            titel=titel.strip(),
            beschrijving=beschrijving.strip(),
            wegwijzer=wegwijzer,
            actie=actie,
            staat=staat,
            aanpak=aanpak.strip(),
            created_by=by,
            created_at=now,
            updated_by=by,
            updated_at=now,
        )
        obstakel.labels.set(labels)
        _log(
            koppel=koppel,
            by=by,
            soort=Gebeurtenis.Soort.OBSTAKEL,
            omschrijving=_("Obstakel gesignaleerd: %(titel)s") % {"titel": obstakel.titel},
            now=now,
            gegevens=meldingen.obstakel_created(obstakel),
        )
    return obstakel


def update_obstakel(
    *,
    obstakel: Obstakel,
    versie: int,
    by,
    titel: str,
    beschrijving: str,
    wegwijzer: Wegwijzer | None = None,
    actie: Actie | None = None,
    labels: Iterable[Label] = (),
    staat: str,
    aanpak: str = "",
) -> Obstakel:
    """Update an obstacle, if nobody changed it since the user saw version `versie` (else StaleChange)."""
    _ensure_active(obstakel.koppel)
    wegwijzer = _check_obstakel_fields(
        titel=titel, beschrijving=beschrijving, wegwijzer=wegwijzer, actie=actie, staat=staat
    )
    labels = list(labels)
    with transaction.atomic():
        current = Obstakel.objects.select_for_update(of=("self",)).select_related("koppel").get(pk=obstakel.pk)
        if current.versie != versie:
            raise StaleChange(current)
        oude_staat = current.staat
        voor = meldingen.obstakel_snapshot(current)
        now = timezone.now()
        current.titel = titel.strip()
        current.beschrijving = beschrijving.strip()
        current.wegwijzer = wegwijzer
        current.actie = actie
        current.staat = staat
        current.aanpak = aanpak.strip()
        current.versie = versie + 1
        current.updated_by = by
        current.updated_at = now
        current.save()
        current.labels.set(labels)
        if oude_staat != staat:
            omschrijving = _("Obstakel ‘%(titel)s’: %(staat)s") % {
                "titel": current.titel,
                "staat": Staat(staat).label.lower(),
            }
        else:
            omschrijving = _("Obstakel ‘%(titel)s’ bijgewerkt") % {"titel": current.titel}
        _log(
            koppel=current.koppel,
            by=by,
            soort=Gebeurtenis.Soort.OBSTAKEL,
            omschrijving=omschrijving,
            now=now,
            gegevens=meldingen.obstakel_changed(current, voor=voor),
        )
    return current
