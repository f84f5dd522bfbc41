"""The programme team prepares and publishes an edition of the minigids from the workspace."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories as f
from tests.html import page_text
from wegwijzers import edities
from wegwijzers.models import Actie, Editie, Wegwijzer, Wijzigingsnotitie

OVERZICHT = reverse("werkruimte:edities")
PUBLICEREN = reverse("werkruimte:editie_publiceren")


@pytest.fixture
def concept(minigids):
    """A draft with one action reworded, one added and one removed."""
    concept = edities.maak_concept()
    eerste = Wegwijzer.objects.get(editie=concept, volgorde=1)
    actie = eerste.acties.get(volgorde=1)
    actie.tekst = actie.tekst.replace("Vraag je af", "Stel samen de vraag")
    actie.save()
    Actie.objects.create(wegwijzer=eerste, volgorde=9, tekst="Deel wat je leerde met het volgende koppel.")
    Wegwijzer.objects.get(editie=concept, volgorde=2).acties.order_by("volgorde").last().delete()
    return concept


def _formulier(client) -> dict:
    """The publishing form's fields as the page gives them, with a note for every change."""
    response = client.get(PUBLICEREN)
    assert response.status_code == HTTPStatus.OK
    form = response.context["form"]
    data = {"naam": "december 2026", "toelichting": "Lessen uit het cohort 2025.", "gezien": form["gezien"].value()}
    for wijziging in response.context["wijzigingen"]:
        data[wijziging.sleutel] = f"Aangepast na het cohort 2025 ({wijziging.titel})."
    return data


class TestDrafting:
    def test_no_draft_offers_to_make_one_and_making_it_copies_the_current_edition(self, minigids, team_client):
        response = team_client.get(OVERZICHT)
        assert "Concept maken" in page_text(response)
        response = team_client.post(reverse("werkruimte:editie_concept_maken"), follow=True)
        assert "Concept voor editie 2 gemaakt" in page_text(response)
        concept = Editie.objects.concept()
        huidige = Editie.objects.huidige()
        assert concept.wegwijzers.count() == huidige.wegwijzers.count() == 6
        assert Actie.objects.filter(wegwijzer__editie=concept).count() == 17
        assert "nog gelijk aan de huidige editie" in page_text(team_client.get(OVERZICHT))

    def test_a_second_draft_is_refused_with_a_message(self, concept, team_client):
        response = team_client.post(reverse("werkruimte:editie_concept_maken"), follow=True)
        assert "Er is al een concept" in page_text(response)
        assert Editie.objects.filter(status=Editie.Status.CONCEPT).count() == 1

    def test_the_overview_lists_what_changes(self, concept, team_client):
        tekst = page_text(team_client.get(OVERZICHT))
        assert "Waarde herwaarderen" in tekst
        assert "Actie 9 (nieuw)" in tekst
        assert "(vervallen)" in tekst

    def test_throwing_the_draft_away_asks_first_and_leaves_the_site_alone(self, concept, team_client):
        url = reverse("werkruimte:editie_concept_weggooien")
        assert "Gooi het concept weg" in page_text(team_client.get(url))
        team_client.post(url)
        assert Editie.objects.concept() is None
        assert Wegwijzer.objects.count() == 6

    def test_the_workspace_is_for_the_programme_team_only(self, concept, client):
        assert client.get(OVERZICHT).status_code == HTTPStatus.FOUND  # to the login page
        client.force_login(f.UserFactory())
        assert client.get(OVERZICHT).status_code == HTTPStatus.NOT_FOUND
        assert client.post(reverse("werkruimte:editie_concept_maken")).status_code == HTTPStatus.NOT_FOUND


class TestPublishing:
    def test_the_form_shows_each_change_with_its_comparison(self, concept, team_client):
        response = team_client.get(PUBLICEREN)
        tekst = page_text(response)
        assert "Wijzigingsnotitie bij ‘Waarde herwaarderen’" in tekst
        assert b'<ins class="vergelijking__erbij"' in response.content
        assert b'<del class="vergelijking__eraf"' in response.content
        assert "toegevoegd:" in tekst and "verwijderd:" in tekst

    def test_missing_notes_are_refused_with_an_error_summary_and_nothing_published(self, concept, team_client):
        data = _formulier(team_client)
        data["naam"] = ""
        sleutel = next(k for k in data if k.startswith("notitie-"))
        data[sleutel] = ""
        response = team_client.post(PUBLICEREN, data)
        assert response.status_code == HTTPStatus.UNPROCESSABLE_CONTENT
        tekst = page_text(response)
        assert "Geef de editie een naam" in tekst
        assert "veranderde en waarom" in tekst
        assert "<title>Fout:" in response.content.decode()
        assert Editie.objects.huidige().nummer == 1
        # Nothing typed is lost.
        assert "Lessen uit het cohort 2025." in response.content.decode()

    def test_publishing_makes_the_draft_current_with_its_notes_and_marks(self, concept, team_client):
        response = team_client.post(PUBLICEREN, _formulier(team_client), follow=True)
        assert "Editie december 2026 is gepubliceerd" in page_text(response)
        nieuw = Editie.objects.huidige()
        assert nieuw.pk == concept.pk and nieuw.naam == "december 2026"
        assert Editie.objects.get(nummer=1).huidig is False
        notities = Wijzigingsnotitie.objects.filter(editie=nieuw)
        assert {n.wegwijzer.volgorde for n in notities} == {1, 2}
        assert all(n.notitie.startswith("Aangepast na het cohort 2025") for n in notities)
        acties = Actie.objects.huidig()
        assert acties.get(wegwijzer__volgorde=1, volgorde=1).wijziging == Actie.Wijziging.GEWIJZIGD
        assert acties.get(wegwijzer__volgorde=1, volgorde=9).wijziging == Actie.Wijziging.NIEUW
        assert acties.count() == 17
        assert Wegwijzer.objects.huidig().get(volgorde=1).bijgewerkt_in == nieuw
        assert Wegwijzer.objects.huidig().get(volgorde=3).bijgewerkt_in.nummer == 1

    def test_the_public_sees_the_new_edition_only_after_publication(self, concept, client, team_client):
        wegwijzer = Wegwijzer.objects.huidig().get(volgorde=1)
        assert "Stel samen de vraag" not in page_text(client.get(wegwijzer.get_absolute_url()))
        assert "Stel samen de vraag" not in page_text(client.get(reverse("wegwijzers:search"), {"q": "samen vraag"}))
        team_client.post(PUBLICEREN, _formulier(team_client))
        assert "Stel samen de vraag" in page_text(client.get(wegwijzer.get_absolute_url()))

    def test_a_draft_changed_meanwhile_is_refused_with_409_and_the_notes_kept(self, concept, team_client):
        data = _formulier(team_client)
        actie = Actie.objects.get(wegwijzer__editie=concept, wegwijzer__volgorde=3, volgorde=1)
        actie.tekst += " Een zin die een collega er intussen bij zette."
        actie.save()
        response = team_client.post(PUBLICEREN, data)
        assert response.status_code == HTTPStatus.CONFLICT
        tekst = page_text(response)
        assert "het concept is intussen veranderd" in tekst
        assert "Een zin die een collega er intussen bij zette." in tekst
        assert "Lessen uit het cohort 2025." in response.content.decode()
        assert Editie.objects.concept() is not None

    def test_the_pages_ask_a_fixed_number_of_queries(self, concept, team_client, django_assert_max_num_queries):
        for nummer in range(3, 12):  # ten editions in all
            Editie.objects.create(nummer=nummer, naam=f"editie {nummer}", status=Editie.Status.GEPUBLICEERD)
        with django_assert_max_num_queries(25):
            team_client.get(OVERZICHT)
        with django_assert_max_num_queries(25):
            team_client.get(PUBLICEREN)
