"""Who gets which kind of mail how often: defaults, allowed rhythms, period boundaries, unsubscribe tokens."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from koppels.meldingen.models import Ritme, Soort

STANDAARD = {
    Soort.ACTIVITEIT: Ritme.DAGELIJKS,
    Soort.TEAM_OBSTAKEL: Ritme.DIRECT,
    Soort.STIL: Ritme.DIRECT,
    Soort.OVERZICHT: Ritme.WEKELIJKS,
    Soort.VOORSTEL: Ritme.DIRECT,
}
# A stall reminder goes out once per stall, the summary once a week, a proposal's outcome once: for them only
# "on" or "off" makes sense.
KEUZES = {
    Soort.ACTIVITEIT: [Ritme.DIRECT, Ritme.DAGELIJKS, Ritme.WEKELIJKS, Ritme.NOOIT],
    Soort.TEAM_OBSTAKEL: [Ritme.DIRECT, Ritme.DAGELIJKS, Ritme.WEKELIJKS, Ritme.NOOIT],
    Soort.STIL: [Ritme.DIRECT, Ritme.NOOIT],
    Soort.OVERZICHT: [Ritme.WEKELIJKS, Ritme.NOOIT],
    Soort.VOORSTEL: [Ritme.DIRECT, Ritme.NOOIT],
}
# Before this, nothing was recorded: the first digest of a person starts here (and at their membership).
BEGIN = datetime(2000, 1, 1, tzinfo=UTC)


def soorten_voor(user) -> list[str]:
    """The kinds of mail this person can get (the weekly summary is for the programme team)."""
    return [s for s in Soort.values if s != Soort.OVERZICHT or user.is_staff]


def digest_uur() -> int:
    """Local hour at which daily and weekly digests close (and go out at the command's next run)."""
    return getattr(settings, "MELDINGEN_DIGEST_UUR", 7)


def marge() -> timedelta:
    """Changes younger than this are left for the next run: their transaction may not be visible yet."""
    return timedelta(seconds=getattr(settings, "MELDINGEN_MARGE_SECONDEN", 30))


def period_end(ritme: str, moment: datetime) -> datetime:
    """The latest boundary of this rhythm's periods at or before `moment` (direct: the moment itself)."""
    if ritme == Ritme.DIRECT:
        return moment
    local = timezone.localtime(moment)
    grens = local.replace(hour=digest_uur(), minute=0, second=0, microsecond=0)
    if ritme == Ritme.WEKELIJKS:
        grens -= timedelta(days=local.weekday())  # Monday morning
        stap = timedelta(weeks=1)
    else:
        stap = timedelta(days=1)
    while grens > local:
        grens -= stap
    return grens


SALT = "koppels.meldingen.uitschrijven"


def unsubscribe_token(user_id: int, soort: str) -> str:
    """A signed (person, kind) without a timestamp: the link in an old mail keeps working, and is always the same."""
    return signing.Signer(salt=SALT).sign_object([user_id, soort])


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, kind) from a signed link; signing.BadSignature (or ValueError) when it was not ours."""
    user_id, soort = signing.Signer(salt=SALT).unsign_object(token)
    if soort not in Soort.values or not isinstance(user_id, int):
        raise ValueError(soort)
    return user_id, soort


def absolute(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def unsubscribe_url(user_id: int, soort: str) -> str:
    return absolute(reverse("meldingen:uitschrijven", kwargs={"token": unsubscribe_token(user_id, soort)}))
