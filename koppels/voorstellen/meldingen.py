"""The proposer hears the outcome by mail: rejected (with the reason), or taken over once its edition is published.

One mail per proposal and outcome, claimed like every notification (a Verzending row unique per person, kind and
`<id>:<status>`), so running twice sends once. Only outcomes of the last OUTCOME_DAYS are told: someone who turns
this kind of mail back on does not get a pile of old news. One query, whatever the number of proposals.
"""

from datetime import datetime, timedelta

from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from koppels.meldingen import build, rhythm
from koppels.meldingen.models import Meldingvoorkeur, Ritme, Soort, Verzending
from koppels.voorstellen.models import Voorstel
from wegwijzers.models import Editie

OUTCOME_DAYS = 30


def wijzigingen_url(editie: Editie | None = None) -> str:
    """The public change notes (E1's page), of this edition when it has its own address."""
    if editie is not None:
        try:
            return reverse("edities:wijzigingen_editie", kwargs={"nummer": editie.nummer})
        except NoReverseMatch:
            pass
    try:
        return reverse("edities:wijzigingen")
    except NoReverseMatch:
        return "/wijzigingen/"


def sleutel(voorstel: Voorstel) -> str:
    return f"{voorstel.pk}:{voorstel.status}"


def _due(nu: datetime):
    grens, klaar = nu - timedelta(days=OUTCOME_DAYS), nu - rhythm.marge()
    afgewezen = Q(status=Voorstel.Status.AFGEWEZEN, besloten_at__gte=grens, besloten_at__lt=klaar)
    overgenomen = Q(
        status=Voorstel.Status.OVERGENOMEN,
        editie__status=Editie.Status.GEPUBLICEERD,
        editie__gepubliceerd_op__gte=grens,
        editie__gepubliceerd_op__lt=klaar,
    )
    al_verteld = Verzending.objects.filter(
        user=OuterRef("door"),
        soort=Soort.VOORSTEL,
        sleutel=Concat(Cast(OuterRef("pk"), CharField()), Value(":"), OuterRef("status"), output_field=CharField()),
    )
    uit = Meldingvoorkeur.objects.filter(user=OuterRef("door"), soort=Soort.VOORSTEL, ritme=Ritme.NOOIT)
    return (
        Voorstel.objects.filter(afgewezen | overgenomen, door__is_active=True)
        .exclude(Exists(al_verteld))
        .exclude(Exists(uit))
        .exclude(door=F("behandeld_door"))  # never about one's own decision (the team's own proposals)
        .select_related("door", "wegwijzer", "actie__wegwijzer", "editie")
        .order_by("pk")
    )


def proposal_outcomes(*, nu: datetime | None = None) -> list[build.Bericht]:
    """The mails about proposals decided since the last run (one query)."""
    nu = nu or timezone.now()
    berichten = []
    for voorstel in _due(nu):
        door = voorstel.door
        ontvanger = build.Ontvanger(door.pk, door.email, door.naam, door.is_staff)
        context = build._context(
            ontvanger,
            Soort.VOORSTEL,
            voorstel=voorstel,
            mijn_voorstellen_url=rhythm.absolute(reverse("voorstellen:mijn") + f"#voorstel-{voorstel.pk}"),
            wijzigingen_url=rhythm.absolute(wijzigingen_url(voorstel.editie)),
            wegwijzer_url=rhythm.absolute(voorstel.wegwijzer.get_absolute_url()),
        )
        onderwerp, tekst, html = build._render(Soort.VOORSTEL, context)
        berichten.append(build.Bericht(door.pk, Soort.VOORSTEL, sleutel(voorstel), onderwerp, tekst, html))
    return berichten
