"""The open-data JSON of the guide: licence, content, queries, ETag and 304."""

import json

from wegwijzers.models import Actie, Label, Leesitem, Link, Wegwijzer


class TestOpenData:
    def test_anyone_may_fetch_the_guide_with_its_licence(self, client, minigids, settings):
        response = client.get("/open-data/minigids.json")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        data = json.loads(response.content)
        # The booklet grants no licence: until its publishers choose one, the JSON states their copyright.
        assert data["licentie"] == settings.MINIGIDS_CONTENT_LICENCE
        assert data["licentie"].startswith("© MeentCoop en AmsterDOEN, maart 2025")
        assert data["licentie_url"] is None
        assert "MeentCoop" in data["uitgever"] and "AmsterDOEN" in data["uitgever"]
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
        with django_assert_num_queries(6):
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
