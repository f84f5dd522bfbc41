"""Search over the whole guide: Dutch full-text search on PostgreSQL, the simple fallback, the search page."""

import re

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests import factories as f
from tests.html import page_text, root
from wegwijzers import search, zoekpagina
from wegwijzers.models import BOEKJE_SLEUTELS, Actie, Label, Leesitem, Tekstblok, Wegwijzer, Zoekterm

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
        Tekstblok.objects.exclude(sleutel__in=BOEKJE_SLEUTELS).delete()  # the portal's own statements: below
        tekst = search.zoek("AmsterDOEN@amsterdam.nl").overig
        assert [r.url for r in tekst if r.soort == "tekst"] == ["/doe-mee/#doe-mee"]
        # the statements name the address too
        call_command("loaddata", "verklaringen", verbosity=0)
        tekst = search.zoek("AmsterDOEN@amsterdam.nl").overig
        assert {r.url for r in tekst} == {"/doe-mee/#doe-mee", "/contact/", "/privacy/", "/toegankelijkheid/"}

    def test_query_syntax_from_readers_never_breaks(self, minigids):
        for vraag in ['"', "(", "a & | !", "-", "'; drop table", "x" * 5000]:
            search.zoek(vraag)  # websearch_to_tsquery accepts anything

    def test_fixed_queries(self, minigids, django_assert_num_queries):
        # the Zoekterm list, then one statement for all matches with their snippets and labels
        with django_assert_num_queries(2):
            search.zoek("samenwerking")
        f.verdubbel_gids()
        with django_assert_num_queries(2):
            uitkomst = search.zoek("samenwerking")
        assert len(uitkomst.wegwijzers) > 6
        assert all(r.labels for r in uitkomst.wegwijzers)

    def test_nothing_found_brings_the_labels_in_the_same_query(self, minigids, django_assert_num_queries):
        with django_assert_num_queries(2):
            uitkomst = search.zoek("xyzzyplugh")
        assert uitkomst.resultaten == []
        assert [label.naam for label in uitkomst.labels] == list(Label.objects.values_list("naam", flat=True))
        assert search.zoek("buurt").labels == []  # found something: no labels offered

    def test_a_frame_text_is_found_right_after_it_changes(self, minigids):
        # the frame texts' vector is a generated column: PostgreSQL keeps it current on every save
        assert search.zoek("zwaluwstaart").overig == []
        blok = Tekstblok.objects.get(sleutel="doe-mee")
        blok.tekst += "\n\nKom kijken bij de zwaluwstaart."
        blok.save()
        assert [r.url for r in search.zoek("zwaluwstaart").overig] == ["/doe-mee/#doe-mee"]


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
        assert "1 resultaat voor ‘oogstfeesten’" in page
        assert 'href="/wegwijzers/lokale-inbedding/"' in page
        assert "<mark>oogstfeest</mark>" in page
        assert "eenvoudige zoekfunctie" not in page

    def test_empty_and_nothing_found(self, client, minigids):
        assert "Typ een of meer woorden" in client.get(self.url).content.decode()
        page = client.get(self.url, {"q": "xyzzyplugh"}).content.decode()
        assert "0 resultaten" in page and "De minigids gebruikt het woord ‘xyzzyplugh’ niet." in page

    def test_htmx_gets_the_results_region_for_search_as_you_type(self, client, minigids):
        response = client.get(self.url, {"q": "uitdaagrecht"}, headers={"HX-Request": "true"})
        assert response.template_name == "wegwijzers/zoeken.html#zoekresultaten"
        page = response.content.decode()
        assert "<html" not in page
        assert (root(page).tag, root(page).attrs["id"]) == ("section", "zoekresultaten")
        assert 'data-announce="1 resultaat voor ‘uitdaagrecht’"' in page
        assert "HX-Request" in response["Vary"]

    def test_form_submits_without_javascript_and_types_with_htmx(self, client, minigids):
        page = client.get(self.url).content.decode()
        assert 'method="get" action="/zoeken/"' in page
        assert 'data-hx-trigger="input changed delay:300ms, submit"' in page

    def test_a_very_long_question_is_shortened_and_said_so(self, client, minigids):
        # longer than MAX_VRAAG (200), shorter than the input guard's limit (500): shortened, and the page says so
        page = client.get(self.url, {"q": "buurt " * 60}).content.decode()
        assert "erg lang" in page

    def test_frame_text_without_a_title_is_named_after_its_page(self, minigids):
        assert Tekstblok.objects.get(sleutel="zijbalk").titel == ""
        titels = [r.titel for r in search.zoek("Waag Futurelab").overig]
        assert "Over de minigids" in titels

    def test_fixed_queries(self, client, minigids, django_assert_num_queries):
        with django_assert_num_queries(2):
            client.get(self.url, {"q": "samenwerking"})
        f.verdubbel_gids()
        with django_assert_num_queries(2):
            client.get(self.url, {"q": "samenwerking"})
        with django_assert_num_queries(2):
            client.get(self.url, {"q": "xyzzyplugh"})
        with django_assert_num_queries(0):
            client.get(self.url)


class TestEverydayWords:
    """People search with words the booklet does not use; the Zoekterm list adds the booklet's words for them."""

    @pytest.fixture
    def woorden(self, minigids):
        call_command("loaddata", "zoektermen", verbosity=0)

    @pytest.mark.parametrize(
        ("vraag", "wegwijzer"),
        [
            ("vergunning", "Ruimte vinden in beleid"),
            ("geld", "Groeien als beweging"),
            ("pand", "Tussenruimte"),
            ("locatie", "Tussenruimte"),
            ("aanbesteding", "Publiek-civiel-privaat"),
            ("inkoop", "Publiek-civiel-privaat"),
            ("contactpersoon", "Ruimte vinden in beleid"),
        ],
    )
    def test_found_on_postgresql_and_on_the_simple_path(self, woorden, vraag, wegwijzer):
        # the word itself is not in the booklet
        assert not any(
            vraag in w.inleiding.lower() + w.aanpak.lower() + w.doel.lower() for w in Wegwijzer.objects.all()
        )
        assert wegwijzer in wegwijzer_titels(search.zoek(vraag))
        verwant = search.verwante_woorden(vraag)
        assert verwant[vraag]
        assert wegwijzer in [r.titel for r in search._zoek_eenvoudig(vraag, verwant) if r.soort == "wegwijzer"]

    def test_without_the_list_the_word_finds_nothing(self, minigids):
        Zoekterm.objects.all().delete()
        assert search.zoek("vergunning").resultaten == []
        assert search._zoek_eenvoudig("vergunning", search.verwante_woorden("vergunning")) == []

    def test_the_programme_team_edits_the_list(self, minigids):
        Zoekterm.objects.all().delete()
        assert search.zoek("moestuin").wegwijzers == []
        Zoekterm.objects.create(woord="Moestuin ", verwante_woorden="stadslandbouw, buurtmoestuin")
        assert wegwijzer_titels(search.zoek("moestuin")) == ["Publiek-civiel-privaat"]

    def test_the_list_is_kept_as_long_as_a_page_copy(self, minigids, settings, django_assert_num_queries):
        settings.PAGE_CACHE_SECONDS = 60
        search.vergeet_zoektermen()
        search.zoek("moestuin")
        with django_assert_num_queries(1):  # the list from this process's copy: only the search itself
            assert search.zoek("moestuin").wegwijzers == []
        # an edit empties the copy at once (in the process that made it; the others' expire with their page copies)
        Zoekterm.objects.create(woord="moestuin", verwante_woorden="stadslandbouw, buurtmoestuin")
        assert wegwijzer_titels(search.zoek("moestuin")) == ["Publiek-civiel-privaat"]
        Zoekterm.objects.filter(woord="moestuin").delete()  # as the admin's "delete selected" does
        assert search.zoek("moestuin").wegwijzers == []
        search.vergeet_zoektermen()

    def test_every_word_of_the_question_still_counts(self, woorden):
        # "pand" (buurthuis, plek, ...) and "experimenteerbepaling": only Tussenruimte has both
        assert wegwijzer_titels(search.zoek("pand experimenteerbepaling")) == ["Tussenruimte"]

    def test_the_page_says_which_words_were_added(self, client, woorden):
        page = client.get(reverse("wegwijzers:search"), {"q": "vergunning"}).content.decode()
        assert "Ook gezocht op woorden uit de minigids:" in page
        assert "(bij ‘vergunning’)" in page
        assert "<mark>" in page


class TestNothingFound:
    def test_no_dead_end_labels_and_audiences_offered(self, client, minigids):
        page = client.get(reverse("wegwijzers:search"), {"q": "xyzzyplugh"}).content.decode()
        assert "De minigids gebruikt het woord ‘xyzzyplugh’ niet." in page
        for label in Label.objects.all():
            assert f'href="/wegwijzers/?label={label.slug}"' in page
        assert 'href="/wegwijzers/?doelgroep=ambtenaar"' in page
        assert 'href="/wegwijzers/?doelgroep=initiatiefnemer"' in page

    def test_several_words_that_are_not_found_together(self, client, minigids):
        # "buurt" is in the booklet: the page must not claim that the words are not
        page = page_text(client.get(reverse("wegwijzers:search"), {"q": "buurt xyzzyplugh"}))
        assert "Geen tekst in de minigids bevat al deze woorden samen: ‘buurt xyzzyplugh’." in page
        assert "gebruikt het woord" not in page

    def test_no_database_talk_on_public_pages(self, client, minigids):
        for vraag in ("xyzzyplugh", "buurt"):
            page = client.get(reverse("wegwijzers:search"), {"q": vraag}).content.decode()
            for woord in ("PostgreSQL", "SQLite", "database", "eenvoudige zoekfunctie"):
                assert woord not in page


class TestSnippets:
    def test_a_match_inside_a_word_keeps_the_word_whole(self):
        tekst = "Allereerst gaat het gesprek over de verschillende rollen en verantwoordelijkheden in de samenwerking."
        fragment = search.fragment_rond(tekst, ["woordelijk"])
        assert "verant<mark>woordelijk</mark>heden" in fragment
        assert "verant woordelijk" not in fragment

    def test_long_text_cut_only_between_words(self):
        woorden = [f"woord{i}" for i in range(100)]
        tekst = " ".join(woorden[:50]) + " verantwoordelijkheden " + " ".join(woorden[50:])
        fragment = str(search.fragment_rond(tekst, ["antwoord"]))
        kaal = fragment.replace("<mark>", "").replace("</mark>", "").strip("… ")
        for woord in kaal.split():
            assert woord in woorden or woord == "verantwoordelijkheden", woord


class TestStoredVector:
    def test_gin_index_on_the_stored_vector(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'wegwijzer_zoekvector_gin'")
            (definitie,) = cursor.fetchone()
        assert "USING gin (zoekvector)" in definitie

    def test_kept_up_to_date_when_an_action_or_reading_item_changes(self, minigids):
        assert search.zoek("zwaluwstaart").wegwijzers == []
        actie = Actie.objects.get(wegwijzer__slug="tussenruimte", volgorde=3)
        actie.tekst += " Denk aan de zwaluwstaart."
        actie.save()
        assert wegwijzer_titels(search.zoek("zwaluwstaart")) == ["Tussenruimte"]
        actie.delete()
        assert search.zoek("zwaluwstaart").wegwijzers == []
        item = Leesitem.objects.get(wegwijzer__slug="lokale-inbedding", volgorde=1)
        item.beschrijving += " Over de ijsvogel."
        item.save()
        assert wegwijzer_titels(search.zoek("ijsvogel")) == ["Lokale inbedding"]

    def test_kept_up_to_date_when_the_wegwijzer_changes(self, minigids):
        wegwijzer = Wegwijzer.objects.get(slug="tussenruimte")
        wegwijzer.doel = "Een doel met een kwikstaart."
        wegwijzer.save()
        assert wegwijzer_titels(search.zoek("kwikstaart")) == ["Tussenruimte"]

    def test_the_search_uses_the_index(self, minigids):
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM wegwijzers_wegwijzer WHERE zoekvector @@ websearch_to_tsquery('dutch', 'buurt')"
            )
            plan = " ".join(r[0] for r in cursor.fetchall())
            cursor.execute("SET enable_seqscan = on")
        assert "wegwijzer_zoekvector_gin" in plan

    def test_initiatives_are_matched_through_their_index(self, minigids):
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM initiatives_initiatief i WHERE "
                + search._INITIATIEF_VECTOR
                + " @@ websearch_to_tsquery('dutch', 'compost')"
            )
            plan = " ".join(r[0] for r in cursor.fetchall())
            cursor.execute("SET enable_seqscan = on")
        assert "initiatief_zoekvector_gin" in plan
        assert [r.titel for r in search.zoek("compost").resultaten if r.soort == "initiatief"] == [
            "Van Afval naar Oogst"
        ]


class TestPageAroundTheResults:
    """Without cookies, a new question renders only its results region inside the page rendered once (zoekpagina)."""

    VRAGEN = [
        "oogstfeesten",  # one result
        "samenwerking",  # many, with labels
        "xyzzyplugh",  # nothing found: labels and audiences
        "vergunning xyzzyplugh",  # nothing found, with the words the page added
        "vergunning plughxyzzy",  # the same added words for another question: the paragraph kept from the last one
        '<b>niets</b> & "xyzzy"',  # nothing found, escaped
        "vergunning",  # everyday word: the page says which words were added
        "buurt " * 60,  # shortened, and said so
        "<script>alert('x')</script> & \"buurt\"",  # escaped in the title, the field and the results
        zoekpagina.PLAATSHOUDER,  # the frame's own stand-in, typed by a visitor
    ]

    @staticmethod
    def _zonder_nonce(response) -> str:
        return re.sub(r'nonce="[^"]+"', 'nonce=""', response.content.decode())

    @pytest.fixture
    def frames(self, settings):
        """Page copies and frames on, as in production; emptied before and after."""
        settings.PAGE_CACHE_SECONDS = 60
        zoekpagina.vergeet_frames()
        yield reverse("wegwijzers:search")
        zoekpagina.vergeet_frames()
        caches["pages"].clear()

    def test_the_same_page_as_a_whole_render(self, minigids, settings, frames):
        call_command("loaddata", "zoektermen", verbosity=0)
        settings.PAGE_CACHE_SECONDS = 0
        heel = Client()
        gewoon = {vraag: self._zonder_nonce(heel.get(frames, {"q": vraag})) for vraag in self.VRAGEN}
        settings.PAGE_CACHE_SECONDS = 60
        gedeeld = Client()
        for vraag in self.VRAGEN:
            response = gedeeld.get(frames, {"q": vraag})
            assert not hasattr(response, "template_name")  # it came from the frame, not a whole render
            assert self._zonder_nonce(response) == gewoon[vraag]
            # each answer its own nonce, the one its CSP header allows
            nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
            assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
            assert "HX-Request" in response["Vary"]

    def test_changed_related_words_show_at_once_where_nothing_is_found(self, minigids, frames):
        call_command("loaddata", "zoektermen", verbosity=0)
        assert "Ook gezocht op woorden uit de minigids" in page_text(Client().get(frames, {"q": "vergunning xyzzy"}))
        zoekterm = Zoekterm.objects.get(woord="vergunning")
        zoekterm.verwante_woorden = "toestemming van de gemeente"
        zoekterm.save()  # as the admin does
        page = page_text(Client().get(frames, {"q": "vergunning plugh"}))
        assert "toestemming van de gemeente (bij ‘vergunning’)" in page

    def test_a_renamed_label_shows_at_once_where_nothing_is_found(self, minigids, frames):
        assert "Governance" in page_text(Client().get(frames, {"q": "xyzzyplugh"}))
        label = Label.objects.get(slug="governance")
        label.naam = "Bestuur en zeggenschap"
        label.save()
        page = page_text(Client().get(frames, {"q": "plughxyzzy"}))
        assert "Bestuur en zeggenschap" in page and "Governance" not in page

    def test_only_without_cookies_and_without_htmx(self, minigids, client, frames):
        client.cookies["csrftoken"] = "x" * 32
        assert client.get(frames, {"q": "buurt"}).template_name == "wegwijzers/zoeken.html"
        htmx = Client().get(frames, {"q": "buurt"}, headers={"HX-Request": "true"})
        assert htmx.template_name == "wegwijzers/zoeken.html#zoekresultaten"


class TestOnlyTheCurrentEdition:
    def test_a_draft_is_not_found_until_it_is_published(self, minigids):
        from wegwijzers.edities import maak_concept  # noqa: PLC0415

        concept = maak_concept()
        wegwijzer = Wegwijzer.objects.get(editie=concept, slug="tussenruimte")
        wegwijzer.doel = "Een doel met een zwaluwstaart."
        wegwijzer.save()
        # the draft's frame texts came in one bulk insert: their generated vectors exist all the same
        Tekstblok.objects.filter(editie=concept, sleutel="doe-mee").update(tekst="Kom kijken bij de zwaluwstaart.")
        with connection.cursor() as cursor:  # the draft's rows do match: the edition is what keeps them out
            for tabel in ("wegwijzers_wegwijzer", "wegwijzers_tekstblok"):
                cursor.execute(f"SELECT count(*) FROM {tabel} WHERE zoekvector @@ to_tsquery('dutch', 'zwaluwstaart')")  # noqa: S608
                assert cursor.fetchone()[0] == 1
        assert search.zoek("zwaluwstaart").resultaten == []
        assert search._zoek_eenvoudig("zwaluwstaart") == []
        titels = wegwijzer_titels(search.zoek("buurt"))
        assert titels and len(titels) == len(set(titels))  # each wegwijzer once: the current edition's
