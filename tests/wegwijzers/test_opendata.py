"""The open-data JSON carries the whole booklet and matches its published JSON Schema."""

import json

import jsonschema
import pytest
from django.core.management import call_command

from initiatives.models import Initiatief
from wegwijzers import opendata
from wegwijzers.models import BOEKJE_SLEUTELS, Actie, Label, Leesitem, Link, Tekstblok, Wegwijzer

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
        assert document["schema_versie"] == 3
        assert document["editie"]["naam"] == "maart 2025"
        assert document["editie"]["huidig"] is True
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


class TestOpenData:
    def test_anyone_may_fetch_the_guide_with_its_licence(self, client, minigids, settings):
        response = client.get("/open-data/minigids.json")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        data = json.loads(response.content)
        # The booklet grants no licence: until its publishers choose one, the JSON states their copyright.
        assert data["licentie"] == settings.MINIGIDS_CONTENT_LICENCE
        assert data["licentie"].startswith("© maart 2025, MeentCoop en AmsterdamDOEN")
        assert data["licentie_url"] is None
        assert data["uitgever"] == "MeentCoop en AmsterdamDOEN"  # as the colofon states it
        assert [label["slug"] for label in data["labels"]] == list(Label.objects.values_list("slug", flat=True))
        assert len(data["wegwijzers"]) == Wegwijzer.objects.count() == 6
        assert sum(len(w["acties"]) for w in data["wegwijzers"]) == Actie.objects.count()
        assert sum(len(w["leesitems"]) for w in data["wegwijzers"]) == Leesitem.objects.count()
        assert sum(len(i["links"]) for w in data["wegwijzers"] for i in w["leesitems"]) == Link.objects.count()

    def test_content_is_the_databases(self, client, minigids):
        data = json.loads(client.get("/open-data/minigids.json").content)
        for w_json, wegwijzer in zip(data["wegwijzers"], Wegwijzer.objects.order_by("volgorde"), strict=True):
            assert w_json["titel"] == wegwijzer.titel
            assert w_json["doel"] == wegwijzer.doel
            assert w_json["citaat"]["spreker"] == wegwijzer.citaat_spreker
            assert w_json["url"].endswith(wegwijzer.get_absolute_url())
            assert [a["tekst"] for a in w_json["acties"]] == list(
                wegwijzer.acties.order_by("volgorde").values_list("tekst", flat=True)
            )
            assert set(w_json["labels"]) == set(wegwijzer.labels.values_list("slug", flat=True))

    def test_fixed_number_of_queries(self, client, minigids, django_assert_num_queries):
        with django_assert_num_queries(10):  # the edition, then its rows
            client.get("/open-data/minigids.json")

    def test_unchanged_content_is_a_304_and_an_inline_edit_changes_the_etag(self, client, minigids):
        etag = client.get("/open-data/minigids.json")["ETag"]
        not_modified = client.get("/open-data/minigids.json", headers={"if-none-match": etag})
        assert not_modified.status_code == 304 and not_modified.content == b""
        assert not_modified["ETag"] == etag
        assert not_modified["Cache-Control"] == "public, max-age=3600"
        assert not_modified["Access-Control-Allow-Origin"] == "*"
        actie = Actie.objects.first()
        actie.tekst += " (bijgewerkt)"
        actie.save()
        response = client.get("/open-data/minigids.json", headers={"if-none-match": etag})
        assert response.status_code == 200 and response["ETag"] != etag
        assert "(bijgewerkt)" in response.content.decode()

    def test_licence_is_a_setting(self, client, minigids, settings):
        settings.MINIGIDS_CONTENT_LICENCE = "CC0 1.0"
        assert json.loads(client.get("/open-data/minigids.json").content)["licentie"] == "CC0 1.0"
