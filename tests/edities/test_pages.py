"""The public edition pages after a second edition: new text in place, the old edition readable and marked, the
change notes with their comparison, and a fixed number of queries however many editions there are."""

import re

import pytest
from pytest_django.asserts import assertInHTML

from tests.edities.helpers import (
    NIEUWE_TEKST_BEGIN,
    NOTITIE,
    OUDE_TEKST_BEGIN,
    TOEGEVOEGD,
    VERVALLEN,
    publiceer_concept,
)
from tests.html import has_element
from wegwijzers.edities import maak_concept
from wegwijzers.models import Wegwijzer

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


class TestTheCurrentEdition:
    def test_the_wegwijzer_page_has_the_new_text_and_names_its_edition(self, client, edities):
        page = html(client.get("/wegwijzers/tussenruimte/"))
        assert NIEUWE_TEKST_BEGIN in page and TOEGEVOEGD in page
        assert VERVALLEN not in page
        assert "Editie december 2026" in page
        assert re.search(r"Laatst bijgewerkt: editie december 2026 \(\d+ december 2026\)", page)
        assert 'href="/wegwijzers/tussenruimte/wijzigingen/"' in page
        assert "Dit is niet de huidige editie" not in page

    def test_an_unchanged_wegwijzer_was_last_updated_in_the_first_edition(self, client, edities):
        page = html(client.get("/wegwijzers/lokale-inbedding/"))
        assert "Editie december 2026" in page
        assert "Laatst bijgewerkt: editie maart 2025 (1 maart 2025)" in page

    def test_the_list_shows_the_new_text(self, client, edities):
        page = html(client.get("/wegwijzers/?doelgroep=ambtenaar"))
        assert TOEGEVOEGD in page  # the new action is for ambtenaren
        assert VERVALLEN not in page

    def test_the_current_editions_number_redirects_to_the_normal_page(self, client, edities):
        response = client.get("/edities/2/wegwijzers/tussenruimte/?doelgroep=ambtenaar")
        assert response.status_code == 302
        assert response["Location"] == "/wegwijzers/tussenruimte/?doelgroep=ambtenaar"

    def test_the_footer_links_the_change_notes(self, client, edities):
        assert 'href="/wijzigingen/"' in html(client.get("/"))


class TestAnOlderEdition:
    def test_its_wegwijzer_page_has_the_old_text_marked_not_current(self, client, edities):
        page = html(client.get("/edities/1/wegwijzers/tussenruimte/"))
        assert OUDE_TEKST_BEGIN in page and VERVALLEN in page
        assert NIEUWE_TEKST_BEGIN not in page and TOEGEVOEGD not in page
        assert "Dit is niet de huidige editie" in page
        assertInHTML('<a href="/wegwijzers/tussenruimte/">Lees de huidige tekst (editie december 2026)</a>', page)
        assert "Editie maart 2025" in page
        # Its links stay in its edition: the other wegwijzers, the audience filter, the edition's own PDF.
        assert 'href="/edities/1/wegwijzers/lokale-inbedding/"' in page
        assert 'href="/edities/1/wegwijzers/tussenruimte/?doelgroep=ambtenaar#acties"' in page
        assert 'href="/edities/1/minigids-a5.pdf"' in page
        assert 'href="/minigids/tussenruimte.pdf"' not in page

    def test_its_audience_filter_answers_htmx_with_the_actions_only(self, client, edities):
        response = client.get("/edities/1/wegwijzers/tussenruimte/?doelgroep=initiatiefnemer", headers=HTMX)
        assert response.template_name == "wegwijzers/wegwijzer_detail.html#acties"
        assert VERVALLEN in html(response)  # an action for both audiences

    def test_its_contents_page_marks_it_and_offers_its_files(self, client, edities):
        page = html(client.get("/edities/1/"))
        assert "Dit is niet de huidige editie" in page
        assertInHTML('<a href="/edities/2/">Naar de huidige editie (december 2026)</a>', page)
        for pad in ("/edities/1/minigids-a5.pdf", "/edities/1/minigids-a4.pdf", "/open-data/edities/1/minigids.json"):
            assert f'href="{pad}"' in page
        for wegwijzer in Wegwijzer.objects.filter(editie=edities.eerste):
            assert f'href="/edities/1/wegwijzers/{wegwijzer.slug}/"' in page

    def test_the_current_editions_contents_page_says_it_is_current(self, client, edities):
        page = html(client.get("/edities/2/"))
        assert "Dit is niet de huidige editie" not in page
        assert "Huidige editie" in page
        assert 'href="/wegwijzers/tussenruimte/"' in page
        assert NOTITIE in page  # what changed in this edition

    def test_the_list_of_editions_newest_first(self, client, edities):
        page = html(client.get("/edities/"))
        assert page.index("Editie december 2026") < page.index("Editie maart 2025")
        assert 'href="/edities/1/"' in page and 'href="/edities/2/"' in page

    def test_unknown_editions_and_wegwijzers_are_404(self, client, edities):
        assert client.get("/edities/9/").status_code == 404
        assert client.get("/edities/1/wegwijzers/bestaat-niet/").status_code == 404
        assert client.get("/wegwijzers/bestaat-niet/wijzigingen/").status_code == 404


def comparison(page: str) -> tuple[list[str], list[str]]:
    """The added and removed pieces, without the words for screen readers."""

    def pieces(tag: str) -> list[str]:
        found = re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        return [" ".join(re.sub(r'<span class="visually-hidden">[^<]*</span>', "", p).split()) for p in found]

    return pieces("ins"), pieces("del")


class TestChangeNotes:
    def test_the_whole_guide_per_edition_newest_first(self, client, edities):
        page = html(client.get("/wijzigingen/"))
        assert page.index("Editie december 2026") < page.index("Editie maart 2025")
        assert NOTITIE in page and "De editie december 2026." in page  # the note and the edition's toelichting
        assert "De eerste editie: er is nog niets om mee te vergelijken." in page
        for pad in ("/edities/2/", "/edities/2/minigids-a5.pdf", "/edities/2/minigids-a4.pdf"):
            assert f'href="{pad}"' in page
        assert 'href="/open-data/edities/2/minigids.json"' in page

    def test_the_comparison_shows_what_was_added_and_removed_not_by_colour_alone(self, client, edities):
        page = html(client.get("/wijzigingen/"))
        toegevoegd, verwijderd = comparison(page)
        assert "samen" in toegevoegd  # the reworded action: one word added
        assert any(TOEGEVOEGD in stuk for stuk in toegevoegd)  # the new action
        assert any(VERVALLEN in stuk for stuk in verwijderd)  # the removed action
        assert page.count('<span class="visually-hidden">toegevoegd: </span>') >= 3  # 2 pieces and the legend
        assert page.count('<span class="visually-hidden">verwijderd: </span>') >= 2
        assert "Actie 4 (nieuw)" in page and "Actie 3 (vervallen)" in page

    def test_a_wegwijzers_own_page_follows_it_through_the_editions(self, client, edities):
        page = html(client.get("/wegwijzers/tussenruimte/wijzigingen/"))
        assert NOTITIE in page
        assert "Editie december 2026" in page
        assert "Deze wegwijzer verscheen voor het eerst in de editie maart 2025." in page
        toegevoegd, verwijderd = comparison(page)
        assert any(TOEGEVOEGD in stuk for stuk in toegevoegd)
        assert any(VERVALLEN in stuk for stuk in verwijderd)
        assert has_element(page, "details", open=None)  # unfolded on its own page

    def test_an_unchanged_wegwijzer_has_no_notes_but_its_first_edition(self, client, edities):
        page = html(client.get("/wegwijzers/lokale-inbedding/wijzigingen/"))
        assert NOTITIE not in page
        assert "Deze wegwijzer verscheen voor het eerst in de editie maart 2025." in page

    def test_a_new_address_keeps_the_history(self, client, admin_client, edities):
        concept = maak_concept()
        Wegwijzer.objects.filter(editie=concept, slug="tussenruimte").update(
            titel="De tussenruimte", slug="de-tussenruimte"
        )
        publiceer_concept(concept, naam="maart 2027")
        page = html(client.get("/wegwijzers/de-tussenruimte/wijzigingen/"))
        assert "Editie maart 2027" in page and NOTITIE in page and "Editie december 2026" in page
        assert "Deze wegwijzer verscheen voor het eerst in de editie maart 2025." in page
        # The old address leads there.
        response = client.get("/wegwijzers/tussenruimte/wijzigingen/")
        assert response.status_code == 302 and response["Location"] == "/wegwijzers/de-tussenruimte/wijzigingen/"

    def test_a_removed_wegwijzer_keeps_its_history(self, client, edities):
        concept = maak_concept()
        Wegwijzer.objects.filter(editie=concept, slug="lokale-inbedding").delete()
        publiceer_concept(concept, naam="maart 2027")
        page = html(client.get("/wijzigingen/"))
        assert "Verwijderd" in page
        assert 'href="/edities/2/wegwijzers/lokale-inbedding/"' in page  # as it was in the edition before
        eigen = html(client.get("/wegwijzers/lokale-inbedding/wijzigingen/"))
        assert "Niet meer in de huidige editie" in eigen
        assert client.get("/wegwijzers/lokale-inbedding/").status_code == 404


def tien_edities() -> None:
    """Eight more editions on top of the two: each changes one action."""
    for nummer in range(3, 11):
        concept = maak_concept()
        actie = Wegwijzer.objects.get(editie=concept, slug="tussenruimte").acties.get(volgorde=1)
        actie.tekst = f"{actie.tekst} Aanvulling {nummer}."
        actie.save()
        publiceer_concept(concept, naam=f"editie-{nummer}")


# Pages with change notes read the proposals taken over with them (one prefetch); a wegwijzer without notes does not.
PAGINAS = {
    "/wijzigingen/": 3,
    "/wegwijzers/tussenruimte/wijzigingen/": 3,
    "/wegwijzers/groeien-als-beweging/wijzigingen/": 2,
    "/edities/": 1,
    "/edities/1/": 5,
    "/edities/1/wegwijzers/tussenruimte/": 8,
}


class TestFixedQueries:
    def test_every_page_costs_the_same_with_two_and_with_ten_editions(self, client, edities, django_assert_num_queries):
        for url, aantal in PAGINAS.items():
            with django_assert_num_queries(aantal):
                html(client.get(url))
        tien_edities()
        for url, aantal in PAGINAS.items():
            with django_assert_num_queries(aantal):
                html(client.get(url))
        alles = html(client.get("/wijzigingen/"))
        assert alles.count('class="editie"') == 10 and "Aanvulling 10." in alles
        with django_assert_num_queries(PAGINAS["/edities/1/"]):
            html(client.get("/edities/10/"))  # the current edition's contents cost what an older one's do
