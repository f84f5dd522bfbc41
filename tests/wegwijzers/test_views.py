"""The public pages: what a reader sees, how filters behave, and a fixed number of queries per page."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader
from pytest_django.asserts import assertInHTML

from tests import factories as f
from tests.html import has_element, root
from wegwijzers.models import Doelgroep, Drukbestand, Tekstblok, Wegwijzer

HTMX = {"HX-Request": "true"}

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


class TestHome:
    def test_introduction_and_six_wegwijzers_with_labels(self, client, minigids):
        response = client.get(reverse("wegwijzers:home"))
        assert response.status_code == 200
        page = html(response)
        assert "Wegwijzers voor een gemeenschapseconomie" in page  # Tekstblok "inleiding"
        assert "Ervaringen van pioniers</h3>" in page  # its markup rendered, subheadings one level down
        for w in Wegwijzer.objects.all():
            assert f'href="{w.get_absolute_url()}"' in page
        assert page.count('class="kaart kaart--wegwijzer"') == 6
        assert 'class="label label--governance"' in page
        assert 'action="/zoeken/"' in page
        assert "?doelgroep=ambtenaar" in page
        assert f'href="{reverse("pdf:minigids")}"' in page  # the booklet on paper, one click away
        assert f'href="{reverse("pdf:selectie")}"' in page

    def test_missing_frame_texts_leave_their_sections_out(self, client):
        f.WegwijzerFactory(titel="Alleen deze")
        response = client.get(reverse("wegwijzers:home"))
        assert response.status_code == 200
        assert "Alleen deze" in html(response)
        assert 'id="inleiding"' not in html(response)

    def test_booklet_text_is_escaped(self, client):
        f.TekstblokFactory(sleutel=Tekstblok.Sleutel.INLEIDING, tekst="<script>alert(1)</script>", titel="Inleiding")
        page = html(client.get(reverse("wegwijzers:home")))
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_fixed_queries(self, client, minigids, django_assert_num_queries):
        with django_assert_num_queries(4):
            client.get(reverse("wegwijzers:home"))
        f.verdubbel_gids()
        with django_assert_num_queries(4):
            response = client.get(reverse("wegwijzers:home"))
        assert html(response).count('class="kaart kaart--wegwijzer"') == 12

    def test_never_changes_state(self, client, minigids):
        assert client.post(reverse("wegwijzers:home")).status_code == 405


class TestWegwijzerList:
    url = reverse("wegwijzers:list")

    def titels(self, response) -> list[str]:
        return [w.titel for w in response.context["wegwijzers"]]

    def test_all_wegwijzers_without_filters(self, client, minigids):
        response = client.get(self.url)
        assert response.status_code == 200
        assert len(self.titels(response)) == 6
        assert "6 wegwijzers gevonden" in html(response)

    def test_label_filter_shows_wegwijzers_with_any_chosen_label(self, client, minigids):
        response = client.get(self.url, {"label": ["open-technologie"]})
        assert self.titels(response) == []
        # said honestly: the booklet names the label, no wegwijzer carries it yet
        assert "Nog geen wegwijzer heeft het label Open technologie." in html(response)
        assert "(nog geen wegwijzer)" in html(response)

        response = client.get(self.url, {"label": ["financiering-middelen", "juridische-kaders"]})
        assert self.titels(response) == [
            "Waarde herwaarderen",
            "Groeien als beweging",
            "Tussenruimte",
            "Publiek-civiel-privaat",
            "Ruimte vinden in beleid",
        ]
        page = html(response)
        assert 'value="financiering-middelen" checked' in page
        assert "minstens één van de gekozen labels" in page

    def test_audience_filter_shows_the_matching_acties(self, client, minigids):
        response = client.get(self.url, {"doelgroep": "initiatiefnemer"})
        wegwijzers = response.context["wegwijzers"]
        # Every wegwijzer has acties for "beide", which count for initiatiefnemers too.
        assert len(wegwijzers) == 6
        groeien = next(w for w in wegwijzers if w.slug == "groeien-als-beweging")
        assert [a.doelgroep for a in groeien.acties.all()] == [Doelgroep.INITIATIEFNEMER]
        page = html(response)
        assert "bedenk als initiatiefnemer waar je uniformiteit wilt" in page
        assert "Neem als betrokken ambtenaar in gesprekken" not in page

    def test_filters_combine(self, client):
        thema = f.LabelFactory(naam="Thema A")
        f.WegwijzerFactory(titel="Met thema, alleen ambtenaren", labels=(thema,), acties=(Doelgroep.AMBTENAAR,))
        f.WegwijzerFactory(titel="Met thema, voor beide", labels=(thema,), acties=(Doelgroep.BEIDE,))
        f.WegwijzerFactory(titel="Zonder thema", acties=(Doelgroep.INITIATIEFNEMER,))
        response = client.get(self.url, {"label": thema.slug, "doelgroep": "initiatiefnemer"})
        assert self.titels(response) == ["Met thema, voor beide"]
        assert "1 wegwijzer gevonden" in html(response)

    def test_unknown_filter_values_are_ignored_with_a_message(self, client, minigids):
        response = client.get(self.url, {"label": ["bestaat-niet", "governance"], "doelgroep": "wethouder"})
        assert response.status_code == 200
        # The known label still filters; the unknown label and audience are dropped, not an error.
        assert len(self.titels(response)) == 5
        assert response.context["doelgroep"] == ""
        page = html(response)
        assert "die hebben we genegeerd" in page
        assert 'value="governance" checked' in page

    def test_htmx_gets_only_the_results_region(self, client, minigids):
        response = client.get(self.url, {"label": "juridische-kaders"}, headers=HTMX)
        assert response.template_name == "wegwijzers/wegwijzer_list.html#resultaten"
        page = html(response)
        assert (root(page).tag, root(page).attrs["id"]) == ("section", "resultaten")
        assert "<html" not in page
        assert 'data-announce="3 wegwijzers gevonden"' in page
        assert "HX-Request" in response["Vary"]
        assert "HX-History-Restore-Request" in response["Vary"]

    def test_history_restore_gets_the_whole_page(self, client, minigids):
        response = client.get(self.url, headers={**HTMX, "HX-History-Restore-Request": "true"})
        assert response.template_name == "wegwijzers/wegwijzer_list.html"
        assert "<html" in html(response)

    def test_page_without_htmx_is_the_whole_page_and_varies_on_htmx(self, client, minigids):
        response = client.get(self.url)
        assert response.template_name == "wegwijzers/wegwijzer_list.html"
        assert "HX-Request" in response["Vary"]

    def test_form_works_without_javascript(self, client, minigids):
        page = html(client.get(self.url))
        # Without JavaScript the reloaded page opens at the results (on a phone the filters come first).
        assert has_element(page, "form", method="get", action="/wegwijzers/#resultaten")
        assertInHTML('<button type="submit" class="button">Toon wegwijzers</button>', page)
        assert 'data-hx-push-url="true"' in page

    def test_fixed_queries(self, client, minigids, django_assert_num_queries):
        filters = {"label": ["governance", "juridische-kaders"], "doelgroep": "ambtenaar"}
        with django_assert_num_queries(3):
            client.get(self.url)
        with django_assert_num_queries(4):
            client.get(self.url, filters)
        f.verdubbel_gids()
        with django_assert_num_queries(3):
            assert len(self.titels(client.get(self.url))) == 12
        with django_assert_num_queries(4):
            client.get(self.url, filters)


class TestWegwijzerDetail:
    def test_sections_in_the_booklets_order(self, client, minigids):
        w = Wegwijzer.objects.get(slug="tussenruimte")
        response = client.get(w.get_absolute_url())
        assert response.status_code == 200
        page = html(response)
        koppen = ['id="wegwijzer-titel"', 'id="doel"', 'id="aanpak"', 'id="acties-kop"', "<figure", 'id="meer-weten"']
        posities = [page.index(kop) for kop in koppen]
        assert posities == sorted(posities)
        assert "Wegwijzer 4 van 6" in page
        assert 'id="actie-1"' in page and 'id="actie-3"' in page
        assert "<blockquote><p>‘De tussenruimte vullen door bewoners" in page
        assert '<figcaption><span class="citaat__spreker">Gerard van der Wel</span>, Zorgen voor Morgen' in page
        assert 'href="https://www.nsob.nl/sites/www.nsob.nl/files/2019-10/NSOB-2014-Leren-door-doen.pdf"' in page
        assert 'class="label label--juridische-kaders"' in page

    def test_previous_and_next(self, client, minigids):
        page = html(client.get(reverse("wegwijzers:detail", args=["tussenruimte"])))
        assert 'href="/wegwijzers/groeien-als-beweging/" rel="prev"' in page
        assert 'href="/wegwijzers/publiek-civiel-privaat/" rel="next"' in page
        first = html(client.get(reverse("wegwijzers:detail", args=["waarde-herwaarderen"])))
        assert 'rel="prev"' not in first and 'rel="next"' in first
        last = html(client.get(reverse("wegwijzers:detail", args=["ruimte-vinden-in-beleid"])))
        assert 'rel="next"' not in last and 'rel="prev"' in last

    def test_audience_marker_per_actie(self, client, minigids):
        page = html(client.get(reverse("wegwijzers:detail", args=["groeien-als-beweging"])))
        assert page.count("doelgroep doelgroep--ambtenaar") == 2
        assert page.count("doelgroep doelgroep--initiatiefnemer") == 1

    def test_audience_toggle(self, client, minigids):
        url = reverse("wegwijzers:detail", args=["groeien-als-beweging"])
        response = client.get(url, {"doelgroep": "ambtenaar"})
        assert [a.volgorde for a in response.context["wegwijzer"].acties.all()] == [1, 3]
        response = client.get(url, {"doelgroep": "initiatiefnemer"}, headers=HTMX)
        assert response.template_name == "wegwijzers/wegwijzer_detail.html#acties"
        partial = html(response)
        assert "<html" not in partial
        assert 'id="actie-2"' in partial and 'id="actie-1"' not in partial
        assert 'data-announce="1 actie"' in partial

    def test_unknown_wegwijzer_is_a_404_in_house_style(self, client, minigids):
        response = client.get(reverse("wegwijzers:detail", args=["bestaat-niet"]))
        assert response.status_code == 404
        assert "Deze pagina bestaat niet (meer)" in html(response)

    def test_fixed_queries(self, client, minigids, django_assert_num_queries):
        url = reverse("wegwijzers:detail", args=["tussenruimte"])
        with django_assert_num_queries(6):
            client.get(url)
        f.verdubbel_gids()
        with django_assert_num_queries(6):
            response = client.get(url)
        assert len(response.context["alle_wegwijzers"]) == 12


class TestFramePages:
    def test_doe_mee(self, client, minigids, django_assert_num_queries):
        with django_assert_num_queries(1):
            response = client.get(reverse("wegwijzers:doe_mee"))
        page = html(response)
        assertInHTML('<h1 id="doe-mee-titel">Doe mee aan de gemeenschapseconomie</h1>', page)
        assert 'href="mailto:AmsterDOEN@amsterdam.nl"' in page

    def test_over(self, client, minigids, django_assert_num_queries):
        with django_assert_num_queries(3):
            response = client.get(reverse("wegwijzers:over"))
        page = html(response)
        assert "Wegwijzers voor ambtenaren en initiatiefnemers om hun samenwerking te versterken" in page
        assert "© maart 2025" in page  # colofon
        assert "Pilot 2024" in page and "NoordOogst" in page
        assert "Waag Futurelab" in page  # zijbalk
        f.InitiatiefFactory(cohorten=(f.CohortFactory(jaar=2026),))
        with django_assert_num_queries(3):
            client.get(reverse("wegwijzers:over"))

    def test_frame_pages_without_their_texts(self, client):
        assert client.get(reverse("wegwijzers:doe_mee")).status_code == 200
        assert client.get(reverse("wegwijzers:over")).status_code == 200


class TestErrorPages:
    def test_500_page_renders_without_a_request(self):
        from django.template import loader

        page = loader.get_template("500.html").render({})
        assert "Er ging iets mis aan onze kant" in page
        assert 'lang="nl"' in page


class TestStatements:
    @pytest.fixture
    def verklaringen(self, minigids):
        call_command("loaddata", "verklaringen", verbosity=0)

    @pytest.mark.parametrize(
        ("pad", "kop", "zinnen"),
        [
            (
                "/toegankelijkheid/",
                "Toegankelijkheidsverklaring",
                ["WCAG) 2.2 op niveau A en AA", "voldoet gedeeltelijk", "veraPDF", "Een probleem melden"],
            ),
            (
                "/privacy/",
                "Privacyverklaring",
                [
                    "je naam en je e-mailadres",
                    "notities",
                    "obstakels",
                    "logboek",
                    "Mijn gegevens",
                    "met één klik uitzet",
                    "24 maanden nadat het laatste koppel van een cohort is gearchiveerd",
                    "voormalig deelnemer",
                    "wie dat deed en wanneer",
                    "verbeteringen voor de minigids die je voorstelt",
                    "Autoriteit Persoonsgegevens",
                ],
            ),
            ("/contact/", "Contact", ["AmsterDOEN@amsterdam.nl"]),
        ],
    )
    def test_statement_pages(self, client, verklaringen, django_assert_num_queries, pad, kop, zinnen):
        with django_assert_num_queries(1):
            response = client.get(pad)
        page = html(response)
        assert f'<h1 id="verklaring-titel">{kop}</h1>' in page
        assert f"<title>{kop} ·" in page
        for zin in zinnen:
            assert zin in page, zin
        assert 'href="mailto:AmsterDOEN@amsterdam.nl"' in page

    def test_linked_from_every_footer(self, client, verklaringen):
        for pad in ("/", "/wegwijzers/", "/zoeken/", "/privacy/"):
            voet = html(client.get(pad)).split('<footer class="site-footer">', 1)[1]
            for doel in ("/toegankelijkheid/", "/privacy/", "/contact/"):
                assert f'href="{doel}"' in voet

    def test_the_programme_team_edits_them(self, client, verklaringen):
        blok = Tekstblok.objects.get(sleutel="privacy")
        blok.tekst += "\n\nNieuwe alinea van het programmateam."
        blok.save()
        assert "Nieuwe alinea van het programmateam." in html(client.get("/privacy/"))

    def test_missing_statement_is_a_404(self, client, minigids):
        Tekstblok.objects.filter(sleutel="contact").delete()
        assert client.get("/contact/").status_code == 404


class TestWegwijzerPageExtras:
    def test_download_this_wegwijzer_is_one_link_to_its_pdf(self, client, minigids):
        page = html(client.get("/wegwijzers/tussenruimte/"))
        assert '<a class="button button--secundair" href="/minigids/tussenruimte.pdf" download>' in page
        assert "Download deze wegwijzer (PDF)" in page
        assert "csrfmiddlewaretoken" not in page  # no form: the page stays cacheable for every visitor
        response = client.get("/minigids/tussenruimte.pdf")
        assert response["Content-Type"] == "application/pdf"
        tekst = "".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(response.content)).pages)
        assert "Tussenruimte" in tekst and "Ruimte vinden in beleid" not in tekst  # this wegwijzer only
        assert client.get("/minigids/bestaat-niet.pdf").status_code == 404
        assert "data-print hidden>Print</button>" in page

    def test_labels_are_links_to_their_filter(self, client, minigids):
        for pad in ("/", "/wegwijzers/", "/wegwijzers/tussenruimte/"):
            assert 'class="label__link" href="/wegwijzers/?label=juridische-kaders"' in html(client.get(pad))

    def test_page_titles_carry_the_programmes_name(self, client, minigids):
        assert "<title>Minigids voor de maatschappelijke route · MeentCoop &amp; AmsterDOEN</title>" in html(
            client.get("/")
        )
        assert (
            "<title>Tussenruimte · Wegwijzer 4 · Minigids maatschappelijke route · MeentCoop &amp; AmsterDOEN</title>"
            in html(client.get("/wegwijzers/tussenruimte/"))
        )

    def test_one_word_for_one_thing(self, client, minigids):
        for pad in ("/", "/wegwijzers/", "/zoeken/?q=xyzzy", "/wegwijzers/tussenruimte/"):
            tekst = html(client.get(pad)).lower()
            zichtbaar = re.sub(r"<[^>]+>", " ", tekst)  # the words people read, not class names
            assert "thema" not in zichtbaar, pad
            assert "aanmelden" not in tekst, pad

    def test_the_pdf_choice_follows_ticked_wegwijzers(self, client, minigids):
        # "De hele minigids" stayed selected while the person ticked two wegwijzers: they get those two.
        response = client.post(
            "/minigids/pdf/", {"formaat": "a5", "soort": "alles", "wegwijzers": ["tussenruimte", "lokale-inbedding"]}
        )
        assert response.status_code == 303
        assert Drukbestand.objects.get().sleutel != "a5:alles"
        assert "tussenruimte" in Drukbestand.objects.get().sleutel


def test_innovatiepartners_explained_as_far_as_the_booklet_allows(client, minigids):
    page = html(client.get("/doe-mee/"))
    assert "kijk eerst op Innovatiepartners" in page  # the booklet's sentence, unchanged
    assert "De minigids verwijst naar Innovatiepartners, maar geeft er geen adres bij." in page
    assert 'href="mailto:AmsterDOEN@amsterdam.nl"' in page
