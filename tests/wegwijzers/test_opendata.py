"""The open-data JSON carries the whole booklet and matches its published JSON Schema."""

import json

import jsonschema
import pytest
from django.core.management import call_command

from initiatives.models import Initiatief
from wegwijzers import opendata
from wegwijzers.models import BOEKJE_SLEUTELS, Tekstblok

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client, minigids):
    call_command("loaddata", "verklaringen", verbosity=0)
    return client.get("/open-data/minigids.json").json()


def valideer(document: dict) -> None:
    schema = opendata.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


class TestSchema:
    def test_served_next_to_the_document(self, client):
        response = client.get("/open-data/minigids.schema.json")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/schema+json")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert json.loads(response.content) == opendata.schema()

    def test_the_document_names_its_schema_and_validates(self, document):
        assert document["$schema"] == "http://testserver/open-data/minigids.schema.json"
        assert document["schema_versie"] == 2
        valideer(document)

    def test_the_schema_refuses_what_it_does_not_describe(self, document):
        kapot = json.loads(json.dumps(document))
        kapot["wegwijzers"][0]["acties"][0]["doelgroep"] = "iedereen"
        with pytest.raises(jsonschema.ValidationError):
            valideer(kapot)
        kapot = json.loads(json.dumps(document))
        kapot["extra"] = 1
        with pytest.raises(jsonschema.ValidationError):
            valideer(kapot)
        kapot = json.loads(json.dumps(document))
        kapot["schema_versie"] = 1
        with pytest.raises(jsonschema.ValidationError):
            valideer(kapot)


class TestWholeBooklet:
    def test_frame_texts_in_the_booklets_order_without_the_portals_statements(self, document):
        assert [t["sleutel"] for t in document["teksten"]] == list(BOEKJE_SLEUTELS)
        for tekst in document["teksten"]:
            blok = Tekstblok.objects.get(sleutel=tekst["sleutel"])
            assert (tekst["titel"], tekst["ondertitel"], tekst["tekst"]) == (blok.titel, blok.ondertitel, blok.tekst)
        assert "Privacyverklaring" not in json.dumps(document, ensure_ascii=False)

    def test_pilot_initiatives(self, document):
        assert [i["naam"] for i in document["initiatieven"]] == list(
            Initiatief.objects.order_by("volgorde").values_list("naam", flat=True)
        )
        bizz = next(i for i in document["initiatieven"] if i["slug"] == "de-bizz-haarlemmerstraat")
        assert bizz["in_de_pilot"] == "de Bakfiets Bezorg Brigade"
        assert all(i["website"] is None for i in document["initiatieven"])

    def test_actions_carry_their_part_for_one_audience_and_dated_statements(self, document):
        acties = {(w["slug"], a["volgorde"]): a for w in document["wegwijzers"] for a in w["acties"]}
        assert acties[("publiek-civiel-privaat", 2)]["stand_van"] == "2025-03-01"
        assert acties[("tussenruimte", 2)]["deel"] == {
            "tekst": "En maak eventueel ook ruimte in de regels met een experimenteerbepaling.",
            "doelgroep": "ambtenaar",
        }
        assert acties[("tussenruimte", 1)]["deel"] is None

    def test_reading_items_whole(self, document):
        item = document["wegwijzers"][1]["leesitems"][1]
        assert item["titel"] == "dorpendeals"
        assert item["tekst"].startswith("Met dorpendeals geeft de provincie Utrecht")

    def test_labels_in_the_booklets_order(self, document):
        lokale = next(w for w in document["wegwijzers"] if w["slug"] == "lokale-inbedding")
        assert lokale["labels"] == ["governance", "sociale-inbedding"]
