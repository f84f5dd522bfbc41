"""A guide with a current edition, a koppel with a structural obstacle, the programme team, and a real SMTP server."""

import pytest
from django.test import Client

from koppels import services
from koppels.models import Rol, Staat
from tests import factories as f
from tests.koppels.test_meldingen import postbus  # noqa: F401  (the notifications tests' real SMTP server)


def leden(koppel):
    rows = {m.rol: m.user for m in koppel.lidmaatschappen.select_related("user")}
    return rows[Rol.AMBTENAAR], rows[Rol.INITIATIEFNEMER]


@pytest.fixture
def wereld(db):
    koppel = f.koppel_met_gids(initiatief__naam="Buurtmoestuin", ambtenaar=f.UserFactory(naam="Amir Bakker"))
    amir, iris = leden(koppel)
    actie = f.kleine_gids()[1]  # action 1.2
    obstakel = services.create_obstakel(
        koppel=koppel,
        titel="Vergunning duurt maanden",
        beschrijving="De aanvraag voor het terrein lag vier maanden stil.",
        actie=actie,
        staat=Staat.STRUCTUREEL,
        aanpak="Opgeschaald: de termijnen staan niet in de gids.",
        by=amir,
    )
    ander = f.koppel_met_gids(initiatief__naam="Ander initiatief")
    ander_obstakel = services.create_obstakel(koppel=ander, titel="Niet van Amir", beschrijving="b", by=leden(ander)[0])
    return {
        "koppel": koppel,
        "amir": amir,
        "iris": iris,
        "actie": actie,
        "obstakel": obstakel,
        "ander_obstakel": ander_obstakel,
        "team": f.ProgrammateamFactory(naam="Tessa Team"),
    }


def als(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
