"""Search over the whole guide: Dutch full-text search on PostgreSQL, the simple fallback, the search page."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.html import root
from wegwijzers import search
from wegwijzers.models import Tekstblok

pytestmark = pytest.mark.django_db


def wegwijzer_titels(uitkomst) -> list[str]:
    return [r.titel for r in uitkomst.wegwijzers]


class TestFullTextSearch:
    def test_uses_full_text_search_on_postgresql(self, minigids):
        assert search.zoek("buurt").volledig is True

    def test_a_word_from_one_wegwijzer_finds_only_that_one(self, minigids):
        assert wegwijzer_titels(search.zoek("oogstfeest")) == ["Lokale inbedding"]
        assert wegwijzer_titels(search.zoek("uitdaagrecht")) == ["Ruimte vinden in beleid"]

    def test_dutch_stemming_finds_another_inflection(self, minigids):
        # The booklet says "oogstfeest" and "certificering"; readers may type the plural.
        assert wegwijzer_titels(search.zoek("oogstfeesten")) == ["Lokale inbedding"]
        assert wegwijzer_titels(search.zoek("certificeringen")) == ["Publiek-civiel-privaat"]

    def test_title_weighs_more_than_body_text(self):
        f.WegwijzerFactory(titel="Over iets anders", aanpak="Hier staat tussenruimte alleen in de aanpak.")
        f.WegwijzerFactory(titel="Tussenruimte maken")
        assert wegwijzer_titels(search.zoek("tussenruimte")) == ["Tussenruimte maken", "Over iets anders"]

    def test_snippet_highlights_the_match_and_escapes_the_rest(self):
        f.WegwijzerFactory(titel="Veilig", doel="Een <script>gevaarlijke</script> zin: 5 < 6 & het oogstfeest.")
        fragment = search.zoek("oogstfeest").wegwijzers[0].fragment
        assert "<mark>oogstfeest</mark>" in fragment
        assert "<script>" not in fragment
        assert "5 &lt; 6 &amp; het <mark>oogstfeest</mark>" in fragment

    def test_finds_frame_texts_and_initiatives(self, minigids):
        uitkomst = search.zoek("Clothing Loop")
        soorten = {(r.soort, r.titel) for r in uitkomst.resultaten}
        assert ("initiatief", "The Clothing Loop") in soorten
        tekst = search.zoek("AmsterDOEN@amsterdam.nl").overig
        assert [r.url for r in tekst if r.soort == "tekst"] == ["/doe-mee/#doe-mee"]

    def test_query_syntax_from_readers_never_breaks(self, minigids):
        for vraag in ['"', "(", "a & | !", "-", "'; drop table", "x" * 5000]:
            search.zoek(vraag)  # websearch_to_tsquery accepts anything

    def test_fixed_queries(self, minigids, django_assert_num_queries):
        with django_assert_num_queries(4):
            search.zoek("samenwerking")
        f.verdubbel_gids()
        with django_assert_num_queries(4):
            uitkomst = search.zoek("samenwerking")
        assert len(uitkomst.wegwijzers) > 6


class TestSimpleSearch:
    """The fallback used on SQLite; its queries are plain ORM lookups, so it runs here as well."""

    def test_a_word_from_one_wegwijzer_finds_only_that_one(self, minigids):
        titels = [r.titel for r in search._zoek_eenvoudig("oogstfeest") if r.soort == "wegwijzer"]
        assert titels == ["Lokale inbedding"]

    def test_every_word_must_occur_and_title_matches_come_first(self):
        f.WegwijzerFactory(titel="Over iets anders", aanpak="Hier staat tussenruimte en buurt in de aanpak.")
        f.WegwijzerFactory(titel="Tussenruimte maken", doel="Met de buurt.")
        f.WegwijzerFactory(titel="Alleen buurt", doel="Met de buurt.")
        titels = [r.titel for r in search._zoek_eenvoudig("tussenruimte buurt") if r.soort == "wegwijzer"]
        assert titels == ["Tussenruimte maken", "Over iets anders"]

    def test_snippet_around_the_first_match(self):
        lang = " ".join(f"woord{i}" for i in range(80))
        f.WegwijzerFactory(titel="Lang", doel=f"{lang} het oogstfeest <b>vet</b> {lang}")
        fragment = search._zoek_eenvoudig("oogstfeest")[0].fragment
        assert fragment.startswith("… ") and fragment.endswith(" …")
        assert "<mark>oogstfeest</mark> &lt;b&gt;vet&lt;/b&gt;" in fragment


class TestSearchPage:
    url = reverse("wegwijzers:search")

    def test_results_page(self, client, minigids):
        response = client.get(self.url, {"q": "oogstfeesten"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "1 resultaat voor “oogstfeesten”" in page
        assert 'href="/wegwijzers/lokale-inbedding/"' in page
        assert "<mark>oogstfeest</mark>" in page
        assert "eenvoudige zoekfunctie" not in page

    def test_empty_and_nothing_found(self, client, minigids):
        assert "Typ een of meer woorden" in client.get(self.url).content.decode()
        page = client.get(self.url, {"q": "xyzzyplugh"}).content.decode()
        assert "0 resultaten" in page and "Niets gevonden" in page

    def test_htmx_gets_the_results_region_for_search_as_you_type(self, client, minigids):
        response = client.get(self.url, {"q": "uitdaagrecht"}, headers={"HX-Request": "true"})
        assert response.template_name == "wegwijzers/zoeken.html#zoekresultaten"
        page = response.content.decode()
        assert "<html" not in page
        assert (root(page).tag, root(page).attrs["id"]) == ("section", "zoekresultaten")
        assert 'data-announce="1 resultaat voor “uitdaagrecht”"' in page
        assert "HX-Request" in response["Vary"]

    def test_form_submits_without_javascript_and_types_with_htmx(self, client, minigids):
        page = client.get(self.url).content.decode()
        assert 'method="get" action="/zoeken/"' in page
        assert 'hx-trigger="input changed delay:300ms, submit"' in page

    def test_a_very_long_question_is_shortened_and_said_so(self, client, minigids):
        page = client.get(self.url, {"q": "buurt " * 100}).content.decode()
        assert "erg lang" in page

    def test_frame_text_without_a_title_is_named_after_its_page(self, minigids):
        assert Tekstblok.objects.get(sleutel="zijbalk").titel == ""
        titels = [r.titel for r in search.zoek("Waag Futurelab").overig]
        assert "Over de minigids" in titels

    def test_fixed_queries(self, client, minigids, django_assert_num_queries):
        with django_assert_num_queries(4):
            client.get(self.url, {"q": "samenwerking"})
        f.verdubbel_gids()
        with django_assert_num_queries(4):
            client.get(self.url, {"q": "samenwerking"})
