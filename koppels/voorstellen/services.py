"""Making and triaging proposals, and linking the ones taken over to their edition's change notes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from koppels.models import Obstakel, Staat
from koppels.voorstellen.models import Voorstel
from wegwijzers.models import Actie, Editie, Wegwijzer, Wijzigingsnotitie


class VoorstelVerouderd(Exception):
    """Someone else changed the proposal since the form was shown; carries the current proposal (answer 409)."""

    def __init__(self, huidig: Voorstel):
        super().__init__("stale proposal")
        self.huidig = huidig


def _check(*, wegwijzer: Wegwijzer, actie: Actie | None, tekst: str) -> None:
    fouten = {}
    if actie is not None and actie.wegwijzer_id != wegwijzer.pk:
        fouten["actie"] = _("Deze actie hoort bij een andere wegwijzer. Kies een actie van deze wegwijzer.")
    if not tekst.strip():
        fouten["tekst"] = _("Schrijf wat er beter kan en waarom.")
    if fouten:
        raise ValidationError(fouten)


def create_voorstel(
    *, door, wegwijzer: Wegwijzer, tekst: str, actie: Actie | None = None, obstakel: Obstakel | None = None
) -> Voorstel:
    """A member's proposal on a wegwijzer (or one of its actions), optionally made from one of their obstacles."""
    _check(wegwijzer=wegwijzer, actie=actie, tekst=tekst)
    return Voorstel.objects.create(door=door, wegwijzer=wegwijzer, actie=actie, obstakel=obstakel, tekst=tekst.strip())


def voorstel_van_obstakel(*, obstakel: Obstakel, by) -> tuple[Voorstel, bool]:
    """The programme team turns a structural obstacle into a proposal; (proposal, made now).

    Once per obstacle: when a proposal from it exists (the team's or a member's), that one is given back.
    """
    with transaction.atomic():
        obstakel = (
            Obstakel.objects.select_for_update(of=("self",)).select_related("wegwijzer", "actie").get(pk=obstakel.pk)
        )
        if obstakel.staat != Staat.STRUCTUREEL:
            raise ValidationError(_("Alleen van een structureel obstakel maakt het programmateam een voorstel."))
        wegwijzer = obstakel.wegwijzer or (obstakel.actie.wegwijzer if obstakel.actie else None)
        if wegwijzer is None:
            raise ValidationError(
                _("Dit obstakel hoort bij geen wegwijzer. Kies eerst bij het obstakel de wegwijzer waar het over gaat.")
            )
        bestaand = Voorstel.objects.filter(obstakel=obstakel).order_by("pk").first()
        if bestaand is not None:
            return bestaand, False
        tekst = _("Uit het structurele obstakel ‘%(titel)s’.") % {"titel": obstakel.titel}
        if obstakel.aanpak:
            tekst += "\n\n" + obstakel.aanpak
        voorstel = Voorstel.objects.create(
            door=by,
            wegwijzer=wegwijzer,
            actie=obstakel.actie,
            obstakel=obstakel,
            tekst=tekst,
            status=Voorstel.Status.IN_BEHANDELING,
            behandeld_door=by,
        )
    return voorstel, True


def behandel(
    *, voorstel: Voorstel, status: str, versie: int, by, reden: str = "", publieke_samenvatting: str = ""
) -> Voorstel:
    """Triage a proposal: in behandeling, overgenomen in the draft edition (with a public line), or afgewezen.

    Raises VoorstelVerouderd when the version is not the current one, ValidationError for what the team must fix.
    """
    with transaction.atomic():
        huidig = Voorstel.objects.select_for_update().get(pk=voorstel.pk)
        if huidig.versie != versie:
            raise VoorstelVerouderd(Voorstel.objects.voor_lijst().get(pk=huidig.pk))
        fouten = {}
        editie = huidig.editie
        if editie is not None and not editie.is_concept and huidig.status == Voorstel.Status.OVERGENOMEN:
            raise ValidationError(
                {
                    "status": _("Dit voorstel is al overgenomen in de gepubliceerde editie %(naam)s.")
                    % {"naam": editie.naam}
                }
            )
        reden, publieke_samenvatting = reden.strip(), " ".join(publieke_samenvatting.split())
        if status == Voorstel.Status.AFGEWEZEN and not reden:
            fouten["reden"] = _("Schrijf waarom je het voorstel afwijst; de indiener leest dit.")
        if status == Voorstel.Status.OVERGENOMEN:
            if not publieke_samenvatting:
                fouten["publieke_samenvatting"] = _(
                    "Schrijf in één zin wat er dankzij dit voorstel verandert; deze zin staat in de wijzigingen."
                )
            editie = Editie.objects.select_for_update().filter(status=Editie.Status.CONCEPT).first()
            if editie is None:
                fouten["status"] = _(
                    "Er is geen concept voor een nieuwe editie. Maak eerst een concept; neem het voorstel daarin over."
                )
        if fouten:
            raise ValidationError(fouten)
        nu = timezone.now()
        if status in (Voorstel.Status.OVERGENOMEN, Voorstel.Status.AFGEWEZEN) and status != huidig.status:
            huidig.besloten_at = nu
        huidig.status = status
        huidig.reden = reden if status == Voorstel.Status.AFGEWEZEN else ""
        huidig.publieke_samenvatting = publieke_samenvatting if status == Voorstel.Status.OVERGENOMEN else ""
        huidig.editie = editie if status == Voorstel.Status.OVERGENOMEN else None
        huidig.behandeld_door = by
        huidig.versie = F("versie") + 1
        huidig.save()
        huidig.refresh_from_db(fields=["versie"])
    return huidig


def koppel_aan_notities(sender, *, editie: Editie, vorige=None, **kwargs) -> None:
    """Receiver of editie_gepubliceerd: each proposal taken over in this edition gets its wegwijzer's change note.

    A proposal made on an older edition follows its wegwijzer forward (each row knows the one it was copied from).
    Three queries, whatever the number of proposals.
    """
    voorstellen = list(Voorstel.objects.filter(editie=editie, status=Voorstel.Status.OVERGENOMEN))
    if not voorstellen:
        return
    notities = {n.wegwijzer_id: n.pk for n in Wijzigingsnotitie.objects.filter(editie=editie, wegwijzer__isnull=False)}
    opvolger = {
        vorige_id: pk for pk, vorige_id in Wegwijzer.objects.filter(vorige__isnull=False).values_list("pk", "vorige_id")
    }
    for voorstel in voorstellen:
        wegwijzer_id, gezien = voorstel.wegwijzer_id, set()
        while wegwijzer_id is not None and wegwijzer_id not in notities and wegwijzer_id not in gezien:
            gezien.add(wegwijzer_id)
            wegwijzer_id = opvolger.get(wegwijzer_id)
        voorstel.notitie_id = notities.get(wegwijzer_id)
    Voorstel.objects.bulk_update(voorstellen, ["notitie"])


def concept_weg(sender, instance: Editie, **kwargs) -> None:
    """pre_delete of a draft edition: what was taken over in it is back to "in behandeling"."""
    Voorstel.objects.filter(editie=instance, status=Voorstel.Status.OVERGENOMEN).update(
        status=Voorstel.Status.IN_BEHANDELING, publieke_samenvatting="", besloten_at=None, versie=F("versie") + 1
    )


def connect_signals() -> None:
    from django.db.models.signals import pre_delete  # noqa: PLC0415

    from wegwijzers.edities import editie_gepubliceerd  # noqa: PLC0415

    editie_gepubliceerd.connect(koppel_aan_notities, dispatch_uid="voorstellen-koppel-aan-notities")
    pre_delete.connect(concept_weg, sender=Editie, dispatch_uid="voorstellen-concept-weg")
