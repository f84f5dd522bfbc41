"""The programme team's beheer of the guide: lists, inlines, search and previews; edits go to the draft edition."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from incubator.concurrency import fingerprint
from wegwijzers.admin import WegwijzerAdmin
from wegwijzers.edities import maak_concept
from wegwijzers.models import Actie, Editie, Leesitem, Tekstblok, Wegwijzer
from wegwijzers.pdf import content_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept(minigids) -> Editie:
    """The draft the team edits (a copy of the current edition, "maart 2025")."""
    return maak_concept()


class TestAdmin:
    def test_wegwijzer_list_with_search(self, admin_client, minigids):
        response = admin_client.get(reverse("admin:wegwijzers_wegwijzer_changelist"), {"q": "oogstfeest"})
        assert response.status_code == 200
        assert "Lokale inbedding" in response.content.decode()
        assert response.context["cl"].result_count == 1

    def test_wegwijzer_form_has_acties_and_leesitems_inline_and_a_preview(self, admin_client, concept):
        w = Wegwijzer.objects.get(slug="tussenruimte", editie=concept)
        response = admin_client.get(reverse("admin:wegwijzers_wegwijzer_change", args=[w.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        assert 'name="acties-0-tekst"' in page
        assert 'name="leesitems-0-titel"' in page
        # "Bekijk op de site" opens the draft's preview, not the public page (which shows the current edition).
        assert f'href="/edities/{concept.nummer}/wegwijzers/tussenruimte/"' in page
        assert admin_client.get(f"/edities/{concept.nummer}/wegwijzers/tussenruimte/").status_code == 200

    def test_the_public_page_is_what_view_on_site_gives_for_the_current_edition(self, admin_client, minigids):
        w = Wegwijzer.objects.get(slug="tussenruimte")
        content_type = ContentType.objects.get_for_model(Wegwijzer)
        preview = admin_client.get(reverse("admin:view_on_site", args=[content_type.pk, w.pk]))
        assert preview.status_code == 302
        assert preview["Location"].endswith("/wegwijzers/tussenruimte/")

    def test_leesitem_form_has_links_inline(self, admin_client, concept):
        item = Leesitem.objects.filter(wegwijzer__slug="tussenruimte", wegwijzer__editie=concept).first()
        response = admin_client.get(reverse("admin:wegwijzers_leesitem_change", args=[item.pk]))
        assert 'name="links-0-url"' in response.content.decode()

    def test_tekstblok_list_links_to_its_page(self, admin_client, minigids):
        response = admin_client.get(reverse("admin:wegwijzers_tekstblok_changelist"))
        assert 'href="/doe-mee/#doe-mee"' in response.content.decode()
        blok = Tekstblok.objects.get(sleutel="doe-mee")
        assert (
            'href="/doe-mee/#doe-mee"'
            in admin_client.get(reverse("admin:wegwijzers_tekstblok_change", args=[blok.pk])).content.decode()
        )

    @pytest.mark.parametrize(
        "name",
        ["wegwijzers_label", "wegwijzers_actie", "wegwijzers_leesitem", "initiatives_cohort", "initiatives_initiatief"],
    )
    def test_other_lists_answer(self, admin_client, minigids, name):
        response = admin_client.get(reverse(f"admin:{name}_changelist"), {"q": "a"})
        assert response.status_code == 200

    def test_dutch_site_title(self, admin_client):
        assert "Beheer van de minigids" in admin_client.get(reverse("admin:index")).content.decode()


def versie(client, url) -> str:
    return re.search(r'name="bewerkversie" value="([^"]+)"', client.get(url).text).group(1)


class TestTwoEditors:
    def test_a_save_over_someone_elses_change_is_refused_and_theirs_stands(self, admin_client, concept):
        blok = Tekstblok.objects.get(sleutel="doe-mee", editie=concept)
        url = reverse("admin:wegwijzers_tekstblok_change", args=[blok.pk])
        gezien = versie(admin_client, url)  # two editors open the same text
        data = {"sleutel": blok.sleutel, "titel": blok.titel, "ondertitel": blok.ondertitel, "bewerkversie": gezien}
        assert admin_client.post(url, {**data, "tekst": "Tekst van de collega"}).status_code == 302
        response = admin_client.post(url, {**data, "tekst": "Mijn tekst"})
        assert response.status_code == 200  # the admin shows its form again, with the error
        assert "Iemand anders heeft dit intussen gewijzigd" in response.text
        assert "Mijn tekst" in response.text
        blok.refresh_from_db()
        assert blok.tekst == "Tekst van de collega"

    def test_a_wegwijzers_version_covers_the_acties_and_reading_edited_on_its_page(self, minigids):
        wegwijzer = Wegwijzer.objects.order_by("volgorde").first()
        related = WegwijzerAdmin.fingerprint_related
        voor = fingerprint(wegwijzer, related)
        Actie.objects.filter(wegwijzer=wegwijzer, volgorde=1).update(tekst="Anders")
        assert fingerprint(wegwijzer, related) != voor
        na_actie = fingerprint(wegwijzer, related)
        Leesitem.objects.filter(wegwijzer=wegwijzer, volgorde=1).update(titel="Anders")
        assert fingerprint(wegwijzer, related) != na_actie


class TestLineEndings:
    def test_saving_unchanged_text_from_a_browser_changes_nothing(self, admin_client, concept):
        """Browsers send textarea newlines as CRLF; an unchanged save must not alter the text or log a change."""
        blok = Tekstblok.objects.get(sleutel="inleiding", editie=concept)
        pdf_versie = content_version()
        url = reverse("admin:wegwijzers_tekstblok_change", args=[blok.pk])
        data = {
            "sleutel": blok.sleutel,
            "titel": blok.titel,
            "ondertitel": blok.ondertitel,
            "bewerkversie": versie(admin_client, url),
        }
        data["tekst"] = blok.tekst.replace("\n", "\r\n")
        response = admin_client.post(url, data)
        assert response.status_code == 302
        blok.refresh_from_db()
        assert "\r" not in blok.tekst
        assert content_version() == pdf_versie  # the cached PDF stays valid
        assert LogEntry.objects.get().get_change_message() == "Geen velden gewijzigd."


def wegwijzer_data(client, wegwijzer: Wegwijzer, **wijzigingen) -> dict:
    """The change form's POST as the browser sends it (inlines included), with some fields changed."""
    url = reverse("admin:wegwijzers_wegwijzer_change", args=[wegwijzer.pk])
    data = {
        "titel": wegwijzer.titel,
        "slug": wegwijzer.slug,
        "volgorde": wegwijzer.volgorde,
        "labels": [label.pk for label in wegwijzer.labels.all()],
        "inleiding": wegwijzer.inleiding,
        "doel": wegwijzer.doel,
        "aanpak": wegwijzer.aanpak,
        "citaat": wegwijzer.citaat,
        "citaat_spreker": wegwijzer.citaat_spreker,
        "citaat_rol": wegwijzer.citaat_rol,
        "bewerkversie": versie(client, url),
    }
    for prefix, rijen in (("acties", wegwijzer.acties.order_by("volgorde")), ("leesitems", wegwijzer.leesitems.all())):
        rijen = list(rijen)
        data |= {f"{prefix}-TOTAL_FORMS": len(rijen), f"{prefix}-INITIAL_FORMS": len(rijen)}
        for i, rij in enumerate(rijen):
            data[f"{prefix}-{i}-id"] = rij.pk
            data[f"{prefix}-{i}-wegwijzer"] = wegwijzer.pk
            data[f"{prefix}-{i}-volgorde"] = rij.volgorde
            if prefix == "acties":
                data |= {
                    f"{prefix}-{i}-tekst": rij.tekst,
                    f"{prefix}-{i}-doelgroep": rij.doelgroep,
                    f"{prefix}-{i}-deel": rij.deel,
                    f"{prefix}-{i}-deel_doelgroep": rij.deel_doelgroep,
                    f"{prefix}-{i}-stand_van": rij.stand_van or "",
                }
            else:
                data |= {f"{prefix}-{i}-titel": rij.titel, f"{prefix}-{i}-beschrijving": rij.beschrijving}
    return {**data, **wijzigingen}


class TestEditsGoToTheDraft:
    def test_a_published_wegwijzer_is_read_only(self, admin_client, minigids):
        w = Wegwijzer.objects.get(slug="tussenruimte")
        url = reverse("admin:wegwijzers_wegwijzer_change", args=[w.pk])
        page = admin_client.get(url).content.decode()
        assert 'name="doel"' not in page and 'name="acties-0-tekst"' not in page
        assert w.doel in page  # still readable
        assert admin_client.post(url, {"doel": "Anders"}).status_code == 403
        assert (
            admin_client.post(reverse("admin:wegwijzers_wegwijzer_delete", args=[w.pk]), {"post": "yes"}).status_code
            == 403
        )
        w.refresh_from_db()
        assert w.doel != "Anders"

    def test_a_published_action_cannot_be_deleted_from_the_list_either(self, admin_client, minigids):
        actie = Actie.objects.get(wegwijzer__slug="tussenruimte", volgorde=1)
        response = admin_client.post(
            reverse("admin:wegwijzers_actie_changelist"),
            {"action": "delete_selected", "_selected_action": [actie.pk], "post": "yes"},
        )
        assert response.status_code == 403
        assert Actie.objects.filter(pk=actie.pk).exists()

    def test_without_a_draft_nothing_can_be_added_and_the_list_says_where_to_make_one(self, admin_client, minigids):
        response = admin_client.get(reverse("admin:wegwijzers_wegwijzer_changelist"))
        page = response.content.decode()
        assert "maak een concept in de werkruimte" in page
        assert 'href="/werkruimte/edities/"' in page
        assert admin_client.get(reverse("admin:wegwijzers_wegwijzer_add")).status_code == 403
        assert admin_client.get(reverse("admin:wegwijzers_actie_add")).status_code == 403

    def test_the_lists_show_the_draft_by_default_and_any_edition_on_request(self, admin_client, concept):
        url = reverse("admin:wegwijzers_wegwijzer_changelist")
        standaard = admin_client.get(url)
        assert {w.editie_id for w in standaard.context["cl"].result_list} == {concept.pk}
        assert standaard.context["cl"].result_count == 6
        assert "Je bewerkt het concept voor editie 2" in standaard.content.decode()
        eerste = admin_client.get(url, {"editie": "1"})
        assert {w.editie.nummer for w in eerste.context["cl"].result_list} == {1}
        assert admin_client.get(url, {"editie": "alle"}).context["cl"].result_count == 12
        # The statements belong to no edition: they are in every edition's list of texts.
        teksten = admin_client.get(reverse("admin:wegwijzers_tekstblok_changelist"), {"editie": "1"})
        call = {(t.sleutel, t.editie_id) for t in teksten.context["cl"].result_list}
        assert ("inleiding", Editie.objects.get(nummer=1).pk) in call
        assert ("inleiding", concept.pk) not in call

    def test_the_add_form_offers_only_the_draft(self, admin_client, concept):
        page = admin_client.get(reverse("admin:wegwijzers_wegwijzer_add")).content.decode()
        keuzes = re.findall(r'<option value="(\d+)"', page.split('name="editie"')[1].split("</select>")[0])
        assert keuzes == [str(concept.pk)]
        actie_form = admin_client.get(reverse("admin:wegwijzers_actie_add")).content.decode()
        gekozen = re.findall(r'<option value="(\d+)"', actie_form.split('name="wegwijzer"')[1].split("</select>")[0])
        assert set(map(int, gekozen)) == set(concept.wegwijzers.values_list("pk", flat=True))

    def test_a_draft_edit_stays_off_the_public_page_until_publication(self, client, admin_client, concept):
        from tests.edities.helpers import publiceer_concept  # noqa: PLC0415

        w = Wegwijzer.objects.get(slug="tussenruimte", editie=concept)
        url = reverse("admin:wegwijzers_wegwijzer_change", args=[w.pk])
        response = admin_client.post(url, wegwijzer_data(admin_client, w, doel="Een nieuw doel uit de praktijk."))
        assert response.status_code == 302, response.context["errors"] if response.context else response
        w.refresh_from_db()
        assert w.doel == "Een nieuw doel uit de praktijk."
        assert "Een nieuw doel uit de praktijk." not in client.get("/wegwijzers/tussenruimte/").content.decode()
        assert "Een nieuw doel uit de praktijk." in admin_client.get(w.url_in_editie()).content.decode()

        publiceer_concept(concept)
        assert "Een nieuw doel uit de praktijk." in client.get("/wegwijzers/tussenruimte/").content.decode()

    def test_a_duplicate_address_in_the_draft_is_refused_with_a_message(self, admin_client, concept):
        w = Wegwijzer.objects.get(slug="tussenruimte", editie=concept)
        url = reverse("admin:wegwijzers_wegwijzer_change", args=[w.pk])
        response = admin_client.post(url, wegwijzer_data(admin_client, w, slug="lokale-inbedding"))
        assert response.status_code == 200
        assert "Er is in deze editie al een wegwijzer met dit adres (slug)." in response.content.decode()
