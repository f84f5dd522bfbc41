"""Mijn gegevens: everything the portal holds about one person, as sections shared by the page and the JSON download.

Each section is a `Sectie`: a key (the JSON key), a title, documented fields and a function giving the rows for a
person (one or two queries, whatever the amount of data). Adding a section is one more entry in SECTIES (or a
call to `register`). Only the person's own data: where a row was made by someone else (the partner, the programme
team) it says so, without their name.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Prefetch, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from koppels.meldingen.models import Meldingvoorkeur, Verzending
from koppels.meldingen.rhythm import STANDAARD, soorten_voor
from koppels.models import Actiewijziging, Gebeurtenis, Lidmaatschap, Obstakel, Uitnodiging
from koppels.privacy.models import Verwijderverzoek
from wegwijzers.models import Label

FORMAAT = "minigids-mijn-gegevens"
VERSIE = 1


@dataclass(frozen=True)
class Veld:
    key: str
    label: str
    uitleg: str


@dataclass
class Persoon:
    """The person and their addresses, read once and shared by the sections."""

    user: Any
    adressen: list[str]

    @classmethod
    def of(cls, user) -> "Persoon":
        adressen = {user.email.lower()} | {
            email.lower() for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
        }
        return cls(user=user, adressen=sorted(adressen))


@dataclass(frozen=True)
class Sectie:
    key: str
    titel: str
    uitleg: str
    velden: tuple[Veld, ...]
    rijen: Callable[[Persoon], list[dict]]
    leeg: str = ""


def _door(row_user_id, row_user_is_staff, persoon: Persoon) -> str:
    if row_user_id == persoon.user.pk:
        return "jij"
    if row_user_id is None:
        return "onbekend"
    return "programmateam" if row_user_is_staff else "ander lid"


def _account(persoon: Persoon) -> list[dict]:
    user = persoon.user
    return [
        {
            "email": user.email,
            "naam": user.naam,
            "lid_sinds": user.date_joined,
            "laatst_ingelogd": user.last_login,
            "programmateam": user.is_staff,
        }
    ]


def _emailadressen(persoon: Persoon) -> list[dict]:
    return [
        {"email": a.email, "geverifieerd": a.verified, "primair": a.primary}
        for a in EmailAddress.objects.filter(user=persoon.user).order_by("-primary", "email")
    ]


def _koppels(persoon: Persoon) -> list[dict]:
    leden = Lidmaatschap.objects.filter(user=persoon.user).select_related("koppel__initiatief", "koppel__cohort")
    return [
        {
            "koppel_id": lid.koppel_id,
            "initiatief": lid.koppel.initiatief.naam,
            "cohort": lid.koppel.cohort.naam,
            "rol": lid.rol,
            "lid_sinds": lid.created_at,
            "gearchiveerd_op": lid.koppel.gearchiveerd_at,
        }
        for lid in leden.order_by("created_at", "pk")
    ]


def _actie_nummer(actie) -> str:
    return f"{actie.wegwijzer.volgorde}.{actie.volgorde}"


def _route(persoon: Persoon) -> list[dict]:
    wijzigingen = Actiewijziging.objects.filter(user=persoon.user).select_related(
        "actiestap__koppel__initiatief", "actiestap__actie__wegwijzer"
    )
    return [
        {
            "koppel_id": w.actiestap.koppel_id,
            "initiatief": w.actiestap.koppel.initiatief.naam,
            "actie": _actie_nummer(w.actiestap.actie),
            "status": w.status,
            "notitie": w.notitie,
            "versie": w.versie,
            "op": w.created_at,
        }
        for w in wijzigingen.order_by("created_at", "pk")
    ]


def _obstakels(persoon: Persoon) -> list[dict]:
    user = persoon.user
    obstakels = (
        Obstakel.objects.filter(Q(created_by=user) | Q(updated_by=user))
        .select_related("koppel__initiatief", "wegwijzer", "actie__wegwijzer")
        .prefetch_related(Prefetch("labels", queryset=Label.objects.order_by("volgorde")))
    )
    return [
        {
            "id": o.pk,
            "koppel_id": o.koppel_id,
            "initiatief": o.koppel.initiatief.naam,
            "titel": o.titel,
            "beschrijving": o.beschrijving,
            "aanpak": o.aanpak,
            "staat": o.staat,
            "wegwijzer": o.wegwijzer.titel if o.wegwijzer else "",
            "actie": _actie_nummer(o.actie) if o.actie else "",
            "labels": ", ".join(label.naam for label in o.labels.all()),
            "door_jou_gesignaleerd": o.created_by_id == user.pk,
            "laatst_door_jou_gewijzigd": o.updated_by_id == user.pk,
            "gesignaleerd_op": o.created_at,
            "bijgewerkt_op": o.updated_at,
        }
        for o in obstakels.order_by("created_at", "pk")
    ]


def _uitnodigingen(persoon: Persoon) -> list[dict]:
    adressen = Q()
    for adres in persoon.adressen:
        adressen |= Q(email__iexact=adres)
    uitnodigingen = Uitnodiging.objects.filter(adressen).select_related("koppel__initiatief")
    return [
        {
            "koppel_id": u.koppel_id,
            "initiatief": u.koppel.initiatief.naam,
            "email": u.email,
            "rol": u.rol,
            "verstuurd_op": u.sent_at,
            "verloopt_op": u.expires_at,
            "aangenomen_op": u.accepted_at,
            "ingetrokken_op": u.revoked_at,
        }
        for u in uitnodigingen.order_by("created_at", "pk")
    ]


def _meldingen(persoon: Persoon) -> list[dict]:
    """The rhythm of each kind of mail: their own choice, or the default while they chose nothing."""
    gekozen = {
        v.soort: v for v in Meldingvoorkeur.objects.filter(user=persoon.user).only("soort", "ritme", "updated_at")
    }
    return [
        {
            "soort": soort,
            "ritme": gekozen[soort].ritme if soort in gekozen else STANDAARD[soort],
            "zelf_gekozen": soort in gekozen,
            "bijgewerkt_op": gekozen[soort].updated_at if soort in gekozen else None,
        }
        for soort in soorten_voor(persoon.user)
    ]


def _verzendingen(persoon: Persoon) -> list[dict]:
    verzendingen = Verzending.objects.filter(user=persoon.user).only(
        "soort", "onderwerp", "staat", "created_at", "verstuurd_at"
    )
    return [
        {
            "soort": v.soort,
            "onderwerp": v.onderwerp,
            "staat": v.staat,
            "gemaakt_op": v.created_at,
            "verstuurd_op": v.verstuurd_at,
        }
        for v in verzendingen.order_by("created_at", "pk")
    ]


def _activiteit(persoon: Persoon) -> list[dict]:
    """Log entries made by the person, naming their address, or naming them in their own koppels."""
    over = Q(user=persoon.user)
    for adres in persoon.adressen:
        over |= Q(omschrijving__icontains=adres)
    if naam := persoon.user.naam.strip():
        # A name is not unique: elsewhere "Jan" is someone else, and that koppel's log is not theirs to see.
        eigen = Lidmaatschap.objects.filter(user=persoon.user).values("koppel_id")
        over |= Q(omschrijving__icontains=naam, koppel_id__in=eigen)
    gebeurtenissen = (
        Gebeurtenis.objects.filter(over)
        .exclude(soort=Gebeurtenis.Soort.INZAGE)
        .select_related("koppel__initiatief", "user")
        .order_by("created_at", "pk")
    )
    return [
        {
            "koppel_id": g.koppel_id,
            "initiatief": g.koppel.initiatief.naam if g.koppel else "",
            "soort": g.soort,
            "omschrijving": g.omschrijving,
            "door": _door(g.user_id, g.user.is_staff if g.user else False, persoon),
            "op": g.created_at,
        }
        for g in gebeurtenissen
    ]


def _inzage(persoon: Persoon) -> list[dict]:
    """When the programme team looked at the pages of the person's koppels."""
    eigen = Lidmaatschap.objects.filter(user=persoon.user).values("koppel_id")
    gebeurtenissen = (
        Gebeurtenis.objects.filter(soort=Gebeurtenis.Soort.INZAGE, koppel_id__in=eigen)
        .select_related("koppel__initiatief")
        .order_by("created_at", "pk")
    )
    return [
        {
            "koppel_id": g.koppel_id,
            "initiatief": g.koppel.initiatief.naam,
            "omschrijving": g.omschrijving,
            "door": "programmateam",
            "op": g.created_at,
        }
        for g in gebeurtenissen
    ]


def _verwijderverzoek(persoon: Persoon) -> list[dict]:
    return [
        {"aangevraagd_op": v.created_at, "teksten_verwijderen": v.teksten_verwijderen}
        for v in Verwijderverzoek.objects.filter(user=persoon.user, uitgevoerd_at__isnull=True)
    ]


KOPPEL = Veld("koppel_id", _("Koppel"), _("het nummer van het koppel in het portaal"))
INITIATIEF = Veld("initiatief", _("Initiatief"), _("naam van het initiatief van het koppel"))

SECTIES: list[Sectie] = [
    Sectie(
        "account",
        _("Je account"),
        _("Waarmee je inlogt en hoe je heet in het portaal."),
        (
            Veld("email", _("E-mailadres"), _("het adres waarmee je inlogt")),
            Veld("naam", _("Naam"), _("je naam zoals anderen die in het portaal zien")),
            Veld("lid_sinds", _("Account sinds"), _("wanneer je account werd aangemaakt")),
            Veld("laatst_ingelogd", _("Laatst ingelogd"), _("je laatste keer inloggen (leeg: nooit)")),
            Veld("programmateam", _("Programmateam"), _("of je bij het programmateam hoort")),
        ),
        _account,
    ),
    Sectie(
        "emailadressen",
        _("E-mailadressen"),
        _("De adressen die bij je account horen."),
        (
            Veld("email", _("E-mailadres"), _("het adres")),
            Veld("geverifieerd", _("Bevestigd"), _("of je hebt bevestigd dat het adres van jou is")),
            Veld("primair", _("Hoofdadres"), _("of we hier je e-mail naartoe sturen")),
        ),
        _emailadressen,
        _("Geen e-mailadressen."),
    ),
    Sectie(
        "koppels",
        _("Je koppels en rollen"),
        _("De koppels waarin je meedoet, met je rol. De namen van je partners staan hier niet: die zijn van hen."),
        (
            KOPPEL,
            INITIATIEF,
            Veld("cohort", _("Cohort"), _("de ronde van het programma")),
            Veld("rol", _("Rol"), _("ambtenaar of initiatiefnemer")),
            Veld("lid_sinds", _("Lid sinds"), _("wanneer je in het koppel kwam")),
            Veld("gearchiveerd_op", _("Gearchiveerd op"), _("wanneer het koppel werd gearchiveerd (leeg: actief)")),
        ),
        _koppels,
        _("Je doet (nog) niet mee in een koppel."),
    ),
    Sectie(
        "route",
        _("Statuswijzigingen en notities"),
        _("Elke keer dat jij de status of notitie van een actie op de route veranderde."),
        (
            KOPPEL,
            INITIATIEF,
            Veld("actie", _("Actie"), _("nummer van de actie in de minigids: wegwijzer.actie")),
            Veld("status", _("Status"), _("open, bezig, gedaan of nvt (niet van toepassing)")),
            Veld("notitie", _("Notitie"), _("de notitie zoals jij die opsloeg")),
            Veld("versie", _("Versie"), _("volgnummer van de wijziging van deze actie")),
            Veld("op", _("Op"), _("wanneer")),
        ),
        _route,
        _("Je hebt nog geen status of notitie veranderd."),
    ),
    Sectie(
        "obstakels",
        _("Obstakels"),
        _("Obstakels die jij signaleerde of als laatste veranderde."),
        (
            Veld("id", _("Nummer"), _("het nummer van het obstakel")),
            KOPPEL,
            INITIATIEF,
            Veld("titel", _("Titel"), _("korte omschrijving")),
            Veld("beschrijving", _("Wat er gebeurde"), _("de beschrijving")),
            Veld("aanpak", _("Aanpak"), _("hoe het is weggenomen of opgeschaald")),
            Veld("staat", _("Staat"), _("gesignaleerd, in_behandeling, weggenomen of structureel")),
            Veld("wegwijzer", _("Wegwijzer"), _("de wegwijzer waar het over gaat (leeg: geen)")),
            Veld("actie", _("Actie"), _("de actie waar het over gaat, als wegwijzer.actie (leeg: geen)")),
            Veld("labels", _("Labels"), _("labels, met komma's gescheiden")),
            Veld("door_jou_gesignaleerd", _("Door jou gesignaleerd"), _("of jij het obstakel meldde")),
            Veld("laatst_door_jou_gewijzigd", _("Laatst door jou gewijzigd"), _("of jij het als laatste veranderde")),
            Veld("gesignaleerd_op", _("Gesignaleerd op"), _("wanneer het gemeld werd")),
            Veld("bijgewerkt_op", _("Bijgewerkt op"), _("wanneer het het laatst veranderde")),
        ),
        _obstakels,
        _("Je hebt geen obstakels gesignaleerd of veranderd."),
    ),
    Sectie(
        "uitnodigingen",
        _("Uitnodigingen"),
        _("Uitnodigingen die naar een van je adressen zijn gestuurd."),
        (
            KOPPEL,
            INITIATIEF,
            Veld("email", _("E-mailadres"), _("waar de uitnodiging naartoe ging")),
            Veld("rol", _("Rol"), _("de rol waarvoor je werd uitgenodigd")),
            Veld("verstuurd_op", _("Verstuurd op"), _("wanneer de uitnodiging (het laatst) werd verstuurd")),
            Veld("verloopt_op", _("Verloopt op"), _("tot wanneer de link werkte")),
            Veld("aangenomen_op", _("Aangenomen op"), _("wanneer je de uitnodiging aannam (leeg: niet)")),
            Veld("ingetrokken_op", _("Ingetrokken op"), _("wanneer het programmateam haar introk (leeg: niet)")),
        ),
        _uitnodigingen,
        _("Er zijn geen uitnodigingen (meer) bewaard."),
    ),
    Sectie(
        "meldingen",
        _("Meldingen per e-mail"),
        _("Hoe vaak je welke e-mail van het portaal krijgt. Aanpassen doe je op de pagina Meldingen."),
        (
            Veld(
                "soort", _("Soort"), _("activiteit, team_obstakel, stil, voorstel of overzicht (alleen programmateam)")
            ),
            Veld("ritme", _("Ritme"), _("direct, dagelijks, wekelijks of nooit")),
            Veld("zelf_gekozen", _("Zelf gekozen"), _("of je dit zelf koos (nee: de standaard geldt)")),
            Veld("bijgewerkt_op", _("Gekozen op"), _("wanneer je het het laatst veranderde (leeg: nooit)")),
        ),
        _meldingen,
    ),
    Sectie(
        "verzonden_meldingen",
        _("Verstuurde e-mails"),
        _("De meldingen die het portaal je stuurde of nog gaat sturen: onderwerp en wanneer, niet de tekst."),
        (
            Veld("soort", _("Soort"), _("activiteit, team_obstakel, stil, voorstel of overzicht")),
            Veld("onderwerp", _("Onderwerp"), _("het onderwerp van de e-mail")),
            Veld("staat", _("Staat"), _("wacht, verstuurd of mislukt (opgegeven)")),
            Veld("gemaakt_op", _("Gemaakt op"), _("wanneer de e-mail werd samengesteld")),
            Veld("verstuurd_op", _("Verstuurd op"), _("wanneer hij de deur uit ging (leeg: nog niet)")),
        ),
        _verzendingen,
        _("Het portaal heeft je nog geen meldingen gestuurd."),
    ),
    Sectie(
        "activiteit",
        _("Activiteitenlog"),
        _("Regels in het activiteitenlog die jij veroorzaakte of die je naam of adres noemen."),
        (
            KOPPEL,
            INITIATIEF,
            Veld("soort", _("Soort"), _("status, notitie, obstakel, uitnodiging, koppel of privacy")),
            Veld("omschrijving", _("Omschrijving"), _("wat er gebeurde")),
            Veld("door", _("Door"), _("jij, ander lid, programmateam of onbekend (nooit een naam)")),
            Veld("op", _("Op"), _("wanneer")),
        ),
        _activiteit,
        _("Geen regels in het activiteitenlog."),
    ),
    Sectie(
        "inzage",
        _("Inzage door het programmateam"),
        _("Wanneer het programmateam de pagina of route-pdf van je koppels bekeek."),
        (
            KOPPEL,
            INITIATIEF,
            Veld("omschrijving", _("Wat"), _("wat werd bekeken")),
            Veld("door", _("Door"), _("altijd programmateam")),
            Veld("op", _("Op"), _("wanneer (nog een keer kijken binnen 15 minuten telt niet opnieuw)")),
        ),
        _inzage,
        _("Het programmateam heeft de pagina's van je koppels niet bekeken."),
    ),
    Sectie(
        "verwijderverzoek",
        _("Verzoek om verwijdering"),
        _("Je open verzoek om je account te verwijderen."),
        (
            Veld("aangevraagd_op", _("Aangevraagd op"), _("wanneer je het verzoek deed")),
            Veld("teksten_verwijderen", _("Ook teksten verwijderen"), _("of je teksten ook weg moeten")),
        ),
        _verwijderverzoek,
        _("Je hebt geen verzoek om verwijdering open staan."),
    ),
]


def register(sectie: Sectie, *, after: str | None = None) -> None:
    """Add a section (for another part of the portal that stores personal data), after the named one or last."""
    if any(s.key == sectie.key for s in SECTIES):
        return
    index = next((i + 1 for i, s in enumerate(SECTIES) if s.key == after), len(SECTIES))
    SECTIES.insert(index, sectie)


@dataclass
class Gegevens:
    sectie: Sectie
    rijen: list[dict]

    def weergave(self) -> list[list[tuple[str, str]]]:
        """Rows as (label, readable value) pairs for the page."""
        return [[(veld.label, leesbaar(rij.get(veld.key))) for veld in self.sectie.velden] for rij in self.rijen]


def collect(user) -> list[Gegevens]:
    """Every section for this person (a fixed number of queries)."""
    persoon = Persoon.of(user)
    return [Gegevens(sectie, sectie.rijen(persoon)) for sectie in SECTIES]


def leesbaar(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("ja") if value else _("nee"))
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    return str(value)


def as_json(user) -> dict:
    """The download: the same sections, keyed by section, values typed (times in ISO 8601, Amsterdam time)."""
    document: dict[str, Any] = {"formaat": FORMAAT, "versie": VERSIE, "gemaakt_op": timezone.localtime()}
    for gegevens in collect(user):
        document[gegevens.sectie.key] = [
            {veld.key: _typed(rij.get(veld.key)) for veld in gegevens.sectie.velden} for rij in gegevens.rijen
        ]
    return document


def _typed(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return value
