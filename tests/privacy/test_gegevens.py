"""Mijn gegevens: all of a person's data, grouped on a page and as JSON, and nothing of anyone else."""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from koppels import services
from koppels.meldingen.models import Meldingvoorkeur, Ritme, Soort, Verzending
from koppels.models import Rol
from koppels.privacy import gegevens
from tests.privacy import helpers as h

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def wereld(mailoutbox):
    team = h.persoon(naam="Tessa Team", staff=True)
    anna = h.persoon(naam="Anna Eigen", email="anna@example.org")
    bob = h.persoon(naam="Bob Partner", email="bob@example.org")
    k = h.koppel(ambtenaar=anna, initiatiefnemer=bob, team=team)
    services.invite(koppel=k, email="anna@example.org", rol=Rol.AMBTENAAR, by=team)
    h.werk(k, anna, notitie="Mijn eigen notitie", obstakel="Mijn obstakel")
    h.werk(k, bob, notitie="Geheime notitie van Bob", obstakel="Obstakel van Bob")
    Meldingvoorkeur.objects.create(user=anna, soort=Soort.ACTIVITEIT, ritme=Ritme.WEKELIJKS)
    Verzending.objects.create(user=anna, soort=Soort.ACTIVITEIT, sleutel="a1", onderwerp="Nieuws uit je koppel")
    Verzending.objects.create(user=bob, soort=Soort.ACTIVITEIT, sleutel="b1", onderwerp="Post voor Bob Partner")
    return {"team": team, "anna": anna, "bob": bob, "k": k}


def download(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("privacy:gegevens_json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    return json.loads(response.content)


def test_the_download_holds_all_of_her_data(client, wereld):
    data = download(client, wereld["anna"])
    assert data["formaat"] == "minigids-mijn-gegevens" and data["versie"] == 1
    assert data["account"] == [
        {
            "email": "anna@example.org",
            "naam": "Anna Eigen",
            "lid_sinds": data["account"][0]["lid_sinds"],
            "laatst_ingelogd": data["account"][0]["laatst_ingelogd"],
            "programmateam": False,
        }
    ]
    assert data["emailadressen"] == [{"email": "anna@example.org", "geverifieerd": True, "primair": True}]
    assert [(k["koppel_id"], k["rol"]) for k in data["koppels"]] == [(wereld["k"].pk, "ambtenaar")]
    assert [(r["status"], r["notitie"]) for r in data["route"]] == [
        ("bezig", "Mijn eigen notitie"),
        ("gedaan", "Mijn eigen notitie"),
    ]
    assert [o["titel"] for o in data["obstakels"]] == ["Mijn obstakel"]
    assert data["obstakels"][0]["door_jou_gesignaleerd"] is True
    assert [u["email"] for u in data["uitnodigingen"]] == ["anna@example.org"]
    door = {(a["soort"], a["door"]) for a in data["activiteit"]}
    assert ("uitnodiging", "programmateam") in door  # "anna@... uitgenodigd", without the team member's name
    assert ("status", "jij") in door and ("obstakel", "jij") in door
    meldingen = {m["soort"]: (m["ritme"], m["zelf_gekozen"]) for m in data["meldingen"]}
    assert meldingen == {
        "activiteit": ("wekelijks", True),
        "team_obstakel": ("direct", False),
        "stil": ("direct", False),
        "voorstel": ("direct", False),
    }
    assert [v["onderwerp"] for v in data["verzonden_meldingen"]] == ["Nieuws uit je koppel"]


def test_nothing_of_the_partner_or_the_team(client, wereld):
    text = json.dumps(download(client, wereld["anna"]))
    for other in ("Bob Partner", "bob@example.org", "Geheime notitie", "Obstakel van Bob", "Tessa Team", "Post voor"):
        assert other not in text
    client.force_login(wereld["anna"])
    page = client.get(reverse("privacy:gegevens")).content.decode()
    for other in ("Bob Partner", "bob@example.org", "Geheime notitie", "Obstakel van Bob", "Tessa Team"):
        assert other not in page
    assert "Mijn eigen notitie" in page and "Mijn obstakel" in page


def test_page_and_download_show_the_same_sections(client, wereld):
    client.force_login(wereld["anna"])
    page = client.get(reverse("privacy:gegevens")).content.decode()
    data = download(client, wereld["anna"])
    for sectie in gegevens.SECTIES:
        assert f'id="gegevens-{sectie.key}"' in page
        assert sectie.key in data


def test_a_fixed_number_of_queries_however_much_data(client, wereld, django_assert_num_queries):
    client.force_login(wereld["anna"])
    client.get(reverse("privacy:gegevens"))  # warm up the session
    # session, user, addresses, one query for each section but the account (obstacles: two, with their labels)
    with django_assert_num_queries(15):
        client.get(reverse("privacy:gegevens"))
    for i in range(5):
        h.werk(wereld["k"], wereld["anna"], notitie=f"Meer {i}", obstakel=f"Nog een {i}")
    with django_assert_num_queries(15):
        client.get(reverse("privacy:gegevens"))
    with django_assert_num_queries(15):
        client.get(reverse("privacy:gegevens_json"))


def test_every_json_field_is_documented_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("## Privacy en bewaartermijnen") :]
    section = section[: section.index("\n## ", 5)]
    for sectie in gegevens.SECTIES:
        assert re.search(rf"`{sectie.key}`", section), sectie.key
        for veld in sectie.velden:
            assert re.search(rf"\| `{sectie.key}` \|[^\n]*`{veld.key}`", section), f"{sectie.key}.{veld.key}"


def test_a_namesake_in_another_koppel_stays_out(client, wereld):
    elders = h.koppel(ambtenaar=h.persoon(), initiatiefnemer=h.persoon())
    services.create_obstakel(koppel=elders, titel="Anna Eigen van de buurt belt niet terug", beschrijving="b", by=None)
    data = download(client, wereld["anna"])
    assert "van de buurt" not in json.dumps(data)
