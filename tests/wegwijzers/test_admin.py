"""The programme team's beheer of the guide: lists, inlines, search and previews of the public page."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from incubator.concurrency import fingerprint
from wegwijzers.admin import WegwijzerAdmin
from wegwijzers.models import Actie, Leesitem, Tekstblok, Wegwijzer
from wegwijzers.pdf import content_version

pytestmark = pytest.mark.django_db


class TestAdmin:
    def test_wegwijzer_list_with_search(self, admin_client, minigids):
        response = admin_client.get(reverse("admin:wegwijzers_wegwijzer_changelist"), {"q": "oogstfeest"})
        assert response.status_code == 200
        assert "Lokale inbedding" in response.content.decode()
        assert response.context["cl"].result_count == 1

    def test_wegwijzer_form_has_acties_and_leesitems_inline_and_a_preview(self, admin_client, minigids):
        w = Wegwijzer.objects.get(slug="tussenruimte")
        response = admin_client.get(reverse("admin:wegwijzers_wegwijzer_change", args=[w.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        assert 'name="acties-0-tekst"' in page
        assert 'name="leesitems-0-titel"' in page
        content_type = ContentType.objects.get_for_model(Wegwijzer)
        preview = admin_client.get(reverse("admin:view_on_site", args=[content_type.pk, w.pk]))
        assert preview.status_code == 302
        assert preview["Location"].endswith("/wegwijzers/tussenruimte/")

    def test_leesitem_form_has_links_inline(self, admin_client, minigids):
        item = Leesitem.objects.filter(wegwijzer__slug="tussenruimte").first()
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
    def test_a_save_over_someone_elses_change_is_refused_and_theirs_stands(self, admin_client, minigids):
        blok = Tekstblok.objects.get(sleutel="doe-mee")
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
    def test_saving_unchanged_text_from_a_browser_changes_nothing(self, admin_client, minigids):
        """Browsers send textarea newlines as CRLF; an unchanged save must not alter the text or log a change."""
        blok = Tekstblok.objects.get(sleutel="inleiding")
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
