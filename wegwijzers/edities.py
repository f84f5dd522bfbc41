"""Editions of the minigids: a draft copied from the current edition, compared with it, and published in one act.

The public sees only the current edition. Its rows are never edited again: the programme team edits the draft
(in the admin), previews it, and publishes it with a change note per changed wegwijzer. Publication stores the
comparison with the edition before, marks new and changed actions, and tells the rest of the portal (the
`editie_gepubliceerd` signal: koppels move their routes onto the new edition) before the page cache is emptied and
the new edition's PDFs are queued.
"""

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import Max, Prefetch
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijzers.models import (
    BOEKJE_SLEUTELS,
    EERSTE_EDITIE,
    Actie,
    Editie,
    Leesitem,
    Link,
    Tekstblok,
    Wegwijzer,
    Wijzigingsnotitie,
)

# Sent inside the publishing transaction: editie (now current), vorige (the edition it replaces, or None).
editie_gepubliceerd = Signal()

ACTIE_VELDEN = ("volgorde", "tekst", "doelgroep", "deel", "deel_doelgroep", "stand_van")
WEGWIJZER_VELDEN = (
    "titel",
    "slug",
    "volgorde",
    "inleiding",
    "doel",
    "aanpak",
    "citaat",
    "citaat_spreker",
    "citaat_rol",
)
TEKSTBLOK_VELDEN = ("sleutel", "titel", "ondertitel", "tekst")


class EditieFout(Exception):
    """Publishing or drafting cannot go on; `fouten` maps a form field ("" for the whole form) to Dutch messages."""

    def __init__(self, fouten: dict[str, str]):
        super().__init__(fouten)
        self.fouten = fouten


class EditieVerouderd(Exception):
    """Someone else changed the draft's publication details since the form was shown (answer 409)."""


def volledig(editie: Editie):
    """An edition's wegwijzers with everything a comparison or a page needs, in four queries."""
    return (
        Wegwijzer.objects.filter(editie=editie)
        .order_by("volgorde")
        .prefetch_related(
            "labels",
            Prefetch("acties", queryset=Actie.objects.order_by("volgorde")),
            Prefetch(
                "leesitems",
                queryset=Leesitem.objects.order_by("volgorde").prefetch_related(
                    Prefetch("links", queryset=Link.objects.order_by("volgorde"))
                ),
            ),
        )
    )


def eerste_editie() -> Editie:
    """The first edition ("maart 2025", from the fixtures), made if missing (migration 0006 makes it too).

    A test database emptied between tests (a transactional test) loses it with everything else.
    """
    editie, _ = Editie.objects.get_or_create(
        nummer=EERSTE_EDITIE,
        defaults={
            "naam": "maart 2025",
            "status": Editie.Status.GEPUBLICEERD,
            "huidig": not Editie.objects.filter(huidig=True).exists(),
            "toelichting": "De eerste editie, uit de pilot van 2024.",
            "gepubliceerd_op": datetime(2025, 3, 1, tzinfo=UTC),
        },
    )
    return editie


# Drafting


@transaction.atomic
def maak_concept() -> Editie:
    """A new draft: a copy of the current edition, each row remembering the row it was copied from."""
    if Editie.objects.select_for_update().filter(status=Editie.Status.CONCEPT).exists():
        raise EditieFout({"": _("Er is al een concept. Werk dat bij of publiceer het eerst.")})
    huidige = Editie.objects.huidige()
    if huidige is None:
        raise EditieFout({"": _("Er is nog geen gepubliceerde editie om van uit te gaan.")})
    nummer = (Editie.objects.aggregate(m=Max("nummer"))["m"] or 0) + 1
    concept = Editie.objects.create(nummer=nummer, status=Editie.Status.CONCEPT)
    for oud in volledig(huidige):
        nieuw = Wegwijzer.objects.create(
            editie=concept,
            vorige=oud,
            bijgewerkt_in_id=oud.bijgewerkt_in_id or oud.editie_id,
            **{veld: getattr(oud, veld) for veld in WEGWIJZER_VELDEN},
        )
        nieuw.labels.set(oud.labels.all())
        Actie.objects.bulk_create(
            Actie(wegwijzer=nieuw, vorige=actie, **{veld: getattr(actie, veld) for veld in ACTIE_VELDEN})
            for actie in oud.acties.all()
        )
        for item in oud.leesitems.all():
            kopie = Leesitem.objects.create(
                wegwijzer=nieuw, volgorde=item.volgorde, titel=item.titel, beschrijving=item.beschrijving
            )
            Link.objects.bulk_create(
                Link(leesitem=kopie, volgorde=link.volgorde, url=link.url) for link in item.links.all()
            )
    Tekstblok.objects.bulk_create(
        Tekstblok(editie=concept, **{veld: getattr(blok, veld) for veld in TEKSTBLOK_VELDEN})
        for blok in Tekstblok.objects.filter(editie=huidige)
    )
    # The bulk copies skipped the search index's signals: the draft's vectors are built once, here.
    from wegwijzers import zoekindex  # noqa: PLC0415

    zoekindex.bijwerken(*concept.wegwijzers.values_list("pk", flat=True))
    return concept


@transaction.atomic
def gooi_concept_weg(concept: Editie) -> None:
    """Throw the draft away (nothing public refers to it)."""
    concept = Editie.objects.select_for_update().get(pk=concept.pk)
    if not concept.is_concept:
        raise EditieFout({"": _("Een gepubliceerde editie blijft bestaan; alleen een concept kan weg.")})
    Wegwijzer.objects.filter(editie=concept).delete()
    Tekstblok.objects.filter(editie=concept).delete()
    concept.delete()


# Comparing


_WOORDEN = re.compile(r"\s+|[^\s]+")


def vergelijk_tekst(oud: str, nieuw: str) -> list[list[str]]:
    """A word-level comparison: pieces ["=", text], ["-", removed], ["+", added]; whole words only."""
    a, b = _WOORDEN.findall(oud or ""), _WOORDEN.findall(nieuw or "")
    stukken: list[list[str]] = []

    def voeg_toe(soort: str, tekst: str) -> None:
        if not tekst:
            return
        if stukken and stukken[-1][0] == soort:
            stukken[-1][1] += tekst
        else:
            stukken.append([soort, tekst])

    # Changed runs separated only by spaces read as one change: "−Vraag je af +Stel samen de vraag", not a word
    # salad of single words.
    blokken: list[list] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        oud_deel, nieuw_deel = "".join(a[i1:i2]), "".join(b[j1:j2])
        gelijk = op == "equal"
        if blokken and not blokken[-1][0] and (not gelijk or not oud_deel.strip()):
            blokken[-1][1] += oud_deel
            blokken[-1][2] += nieuw_deel
        else:
            blokken.append([gelijk, oud_deel, nieuw_deel])
    for i, (gelijk, oud_deel, nieuw_deel) in enumerate(blokken):
        if gelijk:
            voeg_toe("=", oud_deel)
            continue
        # Spaces that ended a change belong to the text after it.
        staart = len(oud_deel) - len(oud_deel.rstrip()) if i + 1 < len(blokken) else 0
        staart = min(staart, len(nieuw_deel) - len(nieuw_deel.rstrip()))
        voeg_toe("-", oud_deel[: len(oud_deel) - staart] if staart else oud_deel)
        voeg_toe("+", nieuw_deel[: len(nieuw_deel) - staart] if staart else nieuw_deel)
        if staart:
            voeg_toe("=", oud_deel[len(oud_deel) - staart :])
    return stukken


def _actie_tekst(actie: Actie | None) -> str:
    if actie is None:
        return ""
    regels = [actie.tekst, _("Voor: %(doelgroep)s") % {"doelgroep": actie.get_doelgroep_display().lower()}]
    if actie.stand_van:
        regels.append(_("Stand van zaken op %(datum)s") % {"datum": actie.stand_van.strftime("%d-%m-%Y")})
    return "\n".join(regels)


def _leestekst(wegwijzer: Wegwijzer | None) -> str:
    if wegwijzer is None:
        return ""
    return "\n".join(
        " ".join([item.tekst, *(link.url for link in item.links.all())]) for item in wegwijzer.leesitems.all()
    )


def _citaat(w: Wegwijzer | None) -> str:
    if w is None:
        return ""
    spreker = ", ".join(deel for deel in (w.citaat_spreker, w.citaat_rol) if deel)
    return f"‘{w.citaat}’ — {spreker}"


def _secties(oud: Wegwijzer | None, nieuw: Wegwijzer | None) -> list[dict]:
    """The sections of a wegwijzer in the booklet's order, each compared; unchanged sections are left out."""
    paren = [
        (_("Titel"), getattr(oud, "titel", ""), getattr(nieuw, "titel", "")),
        (
            _("Labels"),
            ", ".join(label.naam for label in oud.labels.all()) if oud else "",
            ", ".join(label.naam for label in nieuw.labels.all()) if nieuw else "",
        ),
        (_("Inleiding"), getattr(oud, "inleiding", ""), getattr(nieuw, "inleiding", "")),
        (_("Doel"), getattr(oud, "doel", ""), getattr(nieuw, "doel", "")),
        (_("Aanpak"), getattr(oud, "aanpak", ""), getattr(nieuw, "aanpak", "")),
    ]
    oude_acties = {actie.pk: actie for actie in oud.acties.all()} if oud else {}
    nieuwe_acties = list(nieuw.acties.all()) if nieuw else []
    gebleven = set()
    for actie in nieuwe_acties:
        vorige = oude_acties.get(actie.vorige_id)
        if vorige is not None:
            gebleven.add(vorige.pk)
            kop = _("Actie %(nummer)s") % {"nummer": actie.volgorde}
        else:
            kop = _("Actie %(nummer)s (nieuw)") % {"nummer": actie.volgorde}
        paren.append((kop, _actie_tekst(vorige), _actie_tekst(actie)))
    for actie in oude_acties.values():
        if actie.pk not in gebleven:
            paren.append((_("Actie %(nummer)s (vervallen)") % {"nummer": actie.volgorde}, _actie_tekst(actie), ""))
    paren += [
        (_("Meer weten & verder lezen"), _leestekst(oud), _leestekst(nieuw)),
        (_("Citaat"), _citaat(oud), _citaat(nieuw)),
    ]
    return [{"kop": kop, "stukken": vergelijk_tekst(a, b)} for kop, a, b in paren if a != b]


@dataclass
class Wijziging:
    """What changed in one wegwijzer between two editions (or in the booklet's other texts: wegwijzer None)."""

    soort: str
    wegwijzer: Wegwijzer | None
    vorige: Wegwijzer | None
    secties: list[dict] = field(default_factory=list)

    @property
    def titel(self) -> str:
        if self.soort == Wijzigingsnotitie.Soort.TEKSTEN:
            return str(Wijzigingsnotitie.Soort.TEKSTEN.label)
        return (self.wegwijzer or self.vorige).titel

    @property
    def soort_naam(self) -> str:
        return str(Wijzigingsnotitie.Soort(self.soort).label)

    @property
    def sleutel(self) -> str:
        """The form field of this change's note."""
        if self.wegwijzer is not None:
            return f"notitie-{self.wegwijzer.pk}"
        if self.vorige is not None:
            return f"notitie-weg-{self.vorige.pk}"
        return "notitie-teksten"


def _tekstblokken(editie: Editie | None) -> dict[str, Tekstblok]:
    if editie is None:
        return {}
    return {blok.sleutel: blok for blok in Tekstblok.objects.filter(editie=editie, sleutel__in=BOEKJE_SLEUTELS)}


def vergelijk(concept: Editie, vorige: Editie | None) -> list[Wijziging]:
    """Every change from `vorige` to `concept`, per wegwijzer in the new order, then removed ones, then frame texts.

    Eleven queries whatever the size of either edition.
    """
    oude = {w.pk: w for w in volledig(vorige)} if vorige else {}
    wijzigingen = []
    for wegwijzer in volledig(concept):
        oud = oude.pop(wegwijzer.vorige_id, None)
        secties = _secties(oud, wegwijzer)
        if oud is None:
            wijzigingen.append(Wijziging(Wijzigingsnotitie.Soort.NIEUW, wegwijzer, None, secties))
        elif secties:
            wijzigingen.append(Wijziging(Wijzigingsnotitie.Soort.GEWIJZIGD, wegwijzer, oud, secties))
    for oud in oude.values():
        wijzigingen.append(Wijziging(Wijzigingsnotitie.Soort.VERWIJDERD, None, oud, _secties(oud, None)))

    oude_teksten, nieuwe_teksten = _tekstblokken(vorige), _tekstblokken(concept)
    secties = []
    for sleutel in BOEKJE_SLEUTELS:
        a, b = oude_teksten.get(sleutel), nieuwe_teksten.get(sleutel)
        tekst_a = "\n".join(filter(None, (a.titel, a.ondertitel, a.tekst))) if a else ""
        tekst_b = "\n".join(filter(None, (b.titel, b.ondertitel, b.tekst))) if b else ""
        if tekst_a != tekst_b:
            secties.append({"kop": str(Tekstblok.Sleutel(sleutel).label), "stukken": vergelijk_tekst(tekst_a, tekst_b)})
    if secties:
        wijzigingen.append(Wijziging(Wijzigingsnotitie.Soort.TEKSTEN, None, None, secties))
    return wijzigingen


def _actie_gewijzigd(actie: Actie, vorige: Actie) -> bool:
    return any(getattr(actie, veld) != getattr(vorige, veld) for veld in ACTIE_VELDEN if veld != "volgorde")


# Publishing


def vingerafdruk(wijzigingen: list[Wijziging]) -> str:
    """A short hash of a comparison: the publishing form carries it, so a draft changed meanwhile is noticed."""
    inhoud = json.dumps([[w.sleutel, w.soort, w.secties] for w in wijzigingen], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(inhoud.encode()).hexdigest()[:24]


def publiceer(
    concept: Editie,
    *,
    naam: str,
    toelichting: str,
    notities: dict[str, str],
    gezien: str | None = None,
    door=None,
) -> Editie:
    """Publish the draft as the current edition, in one transaction (see the module's docstring).

    `notities` maps each change's `sleutel` to its change note; every changed, new or removed wegwijzer needs one.
    `gezien` is the `vingerafdruk` of the comparison the publisher saw: when the draft changed since, nothing is
    published (EditieVerouderd). Raises EditieFout for missing or invalid input.
    """
    with transaction.atomic():
        concept = Editie.objects.select_for_update().get(pk=concept.pk)
        if not concept.is_concept:
            raise EditieFout({"": _("Deze editie is al gepubliceerd.")})
        vorige = Editie.objects.select_for_update().filter(huidig=True).first()
        wijzigingen = vergelijk(concept, vorige)
        if gezien is not None and gezien != vingerafdruk(wijzigingen):
            raise EditieVerouderd()
        fouten = _controleer(concept, naam, vorige)
        if not wijzigingen:
            fouten[""] = _("Het concept is gelijk aan de huidige editie: er is niets te publiceren.")
        for wijziging in wijzigingen:
            if wijziging.soort != Wijzigingsnotitie.Soort.TEKSTEN and not notities.get(wijziging.sleutel, "").strip():
                fouten[wijziging.sleutel] = _("Schrijf in een zin wat er in ‘%(titel)s’ veranderde en waarom.") % {
                    "titel": wijziging.titel
                }
        if fouten:
            raise EditieFout(fouten)

        _markeer(concept, wijzigingen)
        Wijzigingsnotitie.objects.bulk_create(
            Wijzigingsnotitie(
                editie=concept,
                wegwijzer=wijziging.wegwijzer or wijziging.vorige,
                soort=wijziging.soort,
                notitie=notities.get(wijziging.sleutel, "").strip(),
                vergelijking=wijziging.secties,
            )
            for wijziging in wijzigingen
        )
        if vorige is not None:
            Editie.objects.filter(pk=vorige.pk).update(huidig=False)
        concept.naam = " ".join(naam.split())
        concept.toelichting = toelichting.strip()
        concept.status = Editie.Status.GEPUBLICEERD
        concept.huidig = True
        concept.gepubliceerd_op = timezone.now()
        concept.gepubliceerd_door = door
        concept.save()
        editie_gepubliceerd.send(sender=Editie, editie=concept, vorige=vorige)
        transaction.on_commit(_na_publicatie, robust=True)
    return concept


def _controleer(concept: Editie, naam: str, vorige: Editie | None) -> dict[str, str]:
    fouten = {}
    naam = " ".join(naam.split())
    if not naam:
        fouten["naam"] = _("Geef de editie een naam, zoals op de omslag (bijvoorbeeld ‘december 2026’).")
    elif Editie.objects.filter(naam__iexact=naam).exclude(pk=concept.pk).exists():
        fouten["naam"] = _("Er is al een editie ‘%(naam)s’. Kies een andere naam.") % {"naam": naam}
    if not concept.wegwijzers.exists():
        fouten[""] = _("Het concept heeft geen wegwijzers.")
    return fouten


def _markeer(concept: Editie, wijzigingen: list[Wijziging]) -> None:
    """New and changed actions, and the edition each wegwijzer was last changed in."""
    vorige_acties = Actie.objects.in_bulk(
        Actie.objects.filter(wegwijzer__editie=concept, vorige__isnull=False).values_list("vorige_id", flat=True)
    )
    for actie in Actie.objects.filter(wegwijzer__editie=concept):
        vorige = vorige_acties.get(actie.vorige_id)
        if vorige is None:
            wijziging = Actie.Wijziging.NIEUW
        elif _actie_gewijzigd(actie, vorige):
            wijziging = Actie.Wijziging.GEWIJZIGD
        else:
            wijziging = Actie.Wijziging.GEEN
        if actie.wijziging != wijziging:
            Actie.objects.filter(pk=actie.pk).update(wijziging=wijziging)
    veranderd = [w.wegwijzer.pk for w in wijzigingen if w.wegwijzer is not None]
    Wegwijzer.objects.filter(pk__in=veranderd).update(bijgewerkt_in=concept)


def _na_publicatie() -> None:
    """After the commit: the public pages show the new edition, and its PDFs are made ahead."""
    from django.conf import settings  # noqa: PLC0415
    from django.core.cache import caches  # noqa: PLC0415

    from wegwijzers.tasks import queue_whole_guide  # noqa: PLC0415

    caches[settings.CACHE_MIDDLEWARE_ALIAS].clear()
    queue_whole_guide()
