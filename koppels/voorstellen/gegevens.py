"""Proposals in Mijn gegevens: the person's own proposals, on the page and in the JSON download."""

from django.utils.translation import gettext_lazy as _

from koppels.privacy import gegevens
from koppels.voorstellen.models import Voorstel


def _voorstellen(persoon: gegevens.Persoon) -> list[dict]:
    rijen = Voorstel.objects.filter(door=persoon.user).select_related("wegwijzer__editie", "actie__wegwijzer", "editie")
    return [
        {
            "id": v.pk,
            "wegwijzer": v.wegwijzer.titel,
            "editie_van_wegwijzer": v.wegwijzer.editie.naam,
            "actie": v.actie.nummer if v.actie else "",
            "obstakel_id": v.obstakel_id,
            "tekst": v.tekst,
            "status": v.status,
            "reden": v.reden,
            "overgenomen_in": v.editie.naam if v.editie and v.status == Voorstel.Status.OVERGENOMEN else "",
            "ingediend_op": v.created_at,
            "bijgewerkt_op": v.updated_at,
        }
        for v in rijen.order_by("created_at", "pk")
    ]


SECTIE = gegevens.Sectie(
    "voorstellen",
    _("Verbetervoorstellen"),
    _("Verbeteringen voor de minigids die jij voorstelde, en wat het programmateam ermee deed."),
    (
        gegevens.Veld("id", _("Nummer"), _("het nummer van het voorstel")),
        gegevens.Veld("wegwijzer", _("Wegwijzer"), _("de wegwijzer waar het over gaat")),
        gegevens.Veld("editie_van_wegwijzer", _("Editie"), _("de editie van de minigids waarin je het voorstelde")),
        gegevens.Veld(
            "actie", _("Actie"), _("de actie waar het over gaat, als wegwijzer.actie (leeg: de hele wegwijzer)")
        ),
        gegevens.Veld(
            "obstakel_id", _("Obstakel"), _("het nummer van het obstakel waar het uit voortkwam (leeg: geen)")
        ),
        gegevens.Veld("tekst", _("Voorstel"), _("wat er volgens jou beter kan, en waarom")),
        gegevens.Veld("status", _("Status"), _("nieuw, in_behandeling, overgenomen of afgewezen")),
        gegevens.Veld("reden", _("Reden"), _("waarom het programmateam het afwees (leeg: niet afgewezen)")),
        gegevens.Veld("overgenomen_in", _("Overgenomen in"), _("de editie waarin het is overgenomen (leeg: niet)")),
        gegevens.Veld("ingediend_op", _("Ingediend op"), _("wanneer je het voorstelde")),
        gegevens.Veld("bijgewerkt_op", _("Bijgewerkt op"), _("wanneer het het laatst veranderde")),
    ),
    _voorstellen,
    _("Je hebt geen verbeteringen voorgesteld."),
)


def register_section() -> None:
    gegevens.register(SECTIE, after="obstakels")
