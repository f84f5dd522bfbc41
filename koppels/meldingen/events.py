"""What the services record about a change, for notifications: ids and before/after states in Gebeurtenis.gegevens.

Free text (notes, obstacle descriptions) is never copied here, only a short hash to see whether it changed: a mail
shows the text as it is on the site when the mail is built, and erasing a person's texts leaves no copy behind.
"""

import hashlib


def text_hash(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


def status_change(*, stap, voor: str) -> dict:
    return {"actiestap": stap.pk, "voor": voor, "na": stap.status}


def notitie_change(*, stap, voor: str) -> dict:
    return {"actiestap": stap.pk, "voor": text_hash(voor), "na": text_hash(stap.notitie)}


def obstakel_snapshot(obstakel) -> dict:
    """The parts of an obstacle whose change is worth telling: its state and (as a hash) its texts and subject."""
    inhoud = text_hash(obstakel.titel, obstakel.beschrijving, obstakel.aanpak, obstakel.wegwijzer_id, obstakel.actie_id)
    return {"staat": obstakel.staat, "inhoud": inhoud}


def obstakel_created(obstakel) -> dict:
    return {"obstakel": obstakel.pk, "nieuw": True, "na": obstakel_snapshot(obstakel)}


def obstakel_changed(obstakel, *, voor: dict) -> dict:
    return {"obstakel": obstakel.pk, "voor": voor, "na": obstakel_snapshot(obstakel)}


def lid_joined(user) -> dict:
    return {"lid": user.pk}


def record_correction(*, obstakel, voor: dict, by) -> None:
    """Log a correction of an obstacle made in beheer (the admin), so its members hear of it like any other change."""
    from django.utils.translation import gettext as _

    from koppels.models import Gebeurtenis

    Gebeurtenis.objects.create(
        koppel_id=obstakel.koppel_id,
        user=by,
        soort=Gebeurtenis.Soort.OBSTAKEL,
        omschrijving=(_("Obstakel ‘%(titel)s’ bijgewerkt in beheer") % {"titel": obstakel.titel})[:500],
        gegevens=obstakel_changed(obstakel, voor=voor),
    )
