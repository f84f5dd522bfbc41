"""The draft edition never leaks: no public page, search, open data, PDF or page-cache copy carries its words; the
programme team previews it at the editions' addresses, marked as a draft and never stored by any cache."""

import pytest

from tests import factories as f
from tests.edities.helpers import CONCEPTWOORD
from wegwijzers.search import zoek

pytestmark = pytest.mark.django_db

PUBLIEK = [
    "/",
    "/wegwijzers/",
    "/wegwijzers/?doelgroep=ambtenaar",
    "/wegwijzers/lokale-inbedding/",
    "/wegwijzers/lokale-inbedding/wijzigingen/",
    "/wijzigingen/",
    "/edities/",
    "/edities/1/",
    "/edities/2/",
    "/edities/1/wegwijzers/lokale-inbedding/",
    "/open-data/minigids.json",
    "/open-data/edities/1/minigids.json",
    "/open-data/edities/2/minigids.json",
    "/over/",
    "/doe-mee/",
]
VOORBEELD = ["/edities/3/", "/edities/3/wegwijzers/lokale-inbedding/"]
NIET_VOOR_HET_PUBLIEK = [
    *VOORBEELD,
    "/open-data/edities/3/minigids.json",
    "/edities/3/minigids-a5.pdf",
    "/edities/3/minigids-a4.pdf",
]


class TestNeverPublic:
    def test_no_public_page_or_document_has_the_drafts_words(self, client, concept):
        for url in PUBLIEK:
            response = client.get(url)
            assert response.status_code == 200, url
            assert CONCEPTWOORD not in response.content.decode(), url

    def test_search_does_not_find_them(self, client, concept):
        assert zoek(CONCEPTWOORD).resultaten == []
        page = client.get("/zoeken/", {"q": CONCEPTWOORD}).content.decode()
        resultaten = page.split('id="zoekresultaten"')[1].split("</main>")[0]
        assert "/wegwijzers/lokale-inbedding/" not in resultaten and "#doe-mee" not in resultaten
        gewoon = zoek("governancestructuur").resultaten
        assert [r.url for r in gewoon if r.soort == "wegwijzer"] == ["/wegwijzers/lokale-inbedding/"]

    @pytest.mark.parametrize("wie", ["bezoeker", "lid"])
    def test_the_preview_is_404_for_anyone_but_the_team(self, client, concept, wie):
        if wie == "lid":
            client.force_login(f.member_of(f.koppel_met_gids()))
        for url in NIET_VOOR_HET_PUBLIEK:
            assert client.get(url).status_code == 404, url
        assert "Concept voor editie" not in client.get("/edities/").content.decode()

    def test_the_page_cache_never_holds_them(self, client, concept, page_cache):
        team = f.ProgrammateamFactory()
        ploeg = client.__class__()
        ploeg.force_login(team)
        for url in VOORBEELD:
            assert ploeg.get(url).status_code == 200
        for url in [*PUBLIEK, *NIET_VOOR_HET_PUBLIEK]:
            client.get(url)
            client.get(url)  # the second answer comes from the cache where there is a copy
        bewaard = list(page_cache._cache.values())
        assert bewaard, "the public pages are in the cache"
        assert not any(CONCEPTWOORD.encode() in kopie for kopie in bewaard)
        for url in NIET_VOOR_HET_PUBLIEK:
            assert client.get(url).status_code == 404, url


class TestPreview:
    def test_the_team_previews_the_draft_marked_as_such(self, client, concept):
        client.force_login(f.ProgrammateamFactory())
        for url in VOORBEELD:
            response = client.get(url)
            assert response.status_code == 200, url
            page = response.content.decode()
            assert "Concept — nog niet gepubliceerd" in page
            assert response["Cache-Control"] == "private, no-store"
        page = client.get("/edities/3/wegwijzers/lokale-inbedding/").content.decode()
        assert CONCEPTWOORD in page
        assert 'href="/edities/3/wegwijzers/tussenruimte/"' in page  # the preview's links stay in the draft
        assert "minigids-a5.pdf" not in page.split("<main")[1].split("</main>")[0]  # a draft has no PDF yet
        overzicht = client.get("/edities/").content.decode()
        assert "Concept voor editie 3" in overzicht and 'href="/edities/3/"' in overzicht
        assert client.get("/edities/")["Cache-Control"] == "private, no-store"

    def test_the_public_pages_stay_public_for_the_team(self, client, concept):
        client.force_login(f.ProgrammateamFactory())
        page = client.get("/wegwijzers/lokale-inbedding/").content.decode()
        assert CONCEPTWOORD not in page  # the normal page is the current edition, for the team too
