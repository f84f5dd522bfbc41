"""Managing the programme from the workspace: cohorts, initiatives, koppels, archiving."""

import re

from django.test import Client
from django.urls import reverse

from initiatives.models import Cohort, Initiatief
from koppels.models import Gebeurtenis, Koppel, Obstakel
from tests import factories as f


def versie(client, url) -> str:
    """The version of the row that the edit form shows (what a browser would send back)."""
    return re.search(r'name="bewerkversie" value="([^"]+)"', client.get(url).text).group(1)


class TestCohorts:
    def test_create_fills_the_web_address_from_the_name(self, team_client):
        response = team_client.post(
            reverse("werkruimte:cohort_nieuw"), {"naam": "Incubator 2026", "jaar": "2026", "beschrijving": ""}
        )
        assert response.status_code == 303
        cohort = Cohort.objects.get(naam="Incubator 2026")
        assert cohort.slug == "incubator-2026"
        assert response["Location"] == reverse("werkruimte:cohort", args=["incubator-2026"])

    def test_end_before_start_is_refused_in_dutch_and_nothing_is_saved(self, team_client):
        cohort = f.CohortFactory(naam="Pilot", jaar=2024)
        url = reverse("werkruimte:cohort_bewerken", args=[cohort.slug])
        response = team_client.post(
            url,
            {
                "bewerkversie": versie(team_client, url),
                "naam": "Pilot veranderd",
                "slug": cohort.slug,
                "jaar": "2024",
                "startdatum": "2024-09-01",
                "einddatum": "2024-03-01",
            },
        )
        assert response.status_code == 422
        assert "De einddatum ligt vóór de startdatum." in response.text
        assert "Pilot veranderd" in response.text  # what the user typed stays in the form
        cohort.refresh_from_db()
        assert cohort.naam == "Pilot" and cohort.einddatum is None

    def test_edit_saves(self, team_client):
        cohort = f.CohortFactory(naam="Pilot", jaar=2024)
        url = reverse("werkruimte:cohort_bewerken", args=[cohort.slug])
        assert 'value="Pilot"' in team_client.get(url).text
        data = {"naam": "Pilot 2024", "slug": "pilot-2024", "jaar": "2024", "einddatum": "2024-12-31"}
        response = team_client.post(url, {**data, "bewerkversie": versie(team_client, url)})
        assert response.status_code == 303
        cohort.refresh_from_db()
        assert (cohort.naam, cohort.slug, str(cohort.einddatum)) == ("Pilot 2024", "pilot-2024", "2024-12-31")

    def test_two_editors_at_once_the_second_save_is_refused_and_loses_nothing(self, team_client):
        cohort = f.CohortFactory(naam="Pilot", jaar=2024)
        url = reverse("werkruimte:cohort_bewerken", args=[cohort.slug])
        gezien = versie(team_client, url)  # both open the form
        collega = {"naam": "Pilot (collega)", "slug": cohort.slug, "jaar": "2024", "bewerkversie": gezien}
        assert team_client.post(url, collega).status_code == 303
        mijn = {"naam": "Pilot (ik)", "slug": cohort.slug, "jaar": "2024", "beschrijving": "mijn tekst"}
        mijn["bewerkversie"] = gezien
        response = team_client.post(url, mijn)
        assert response.status_code == 409
        assert "Iemand anders heeft dit intussen gewijzigd" in response.text
        assert "mijn tekst" in response.text  # what I typed is still in the form
        cohort.refresh_from_db()
        assert cohort.naam == "Pilot (collega)"  # the colleague's save stands
        # With the current version (after reloading), my save goes through.
        assert team_client.post(url, {**mijn, "bewerkversie": versie(team_client, url)}).status_code == 303


class TestInitiatives:
    def test_create_and_edit_with_cohorts(self, team_client):
        cohort = f.CohortFactory()
        response = team_client.post(
            reverse("werkruimte:initiatief_nieuw"),
            {"naam": "Buurtkeuken Oost", "werkt_aan": "samen koken", "volgorde": "3", "cohorten": [cohort.pk]},
        )
        assert response.status_code == 303
        initiatief = Initiatief.objects.get(slug="buurtkeuken-oost")
        assert list(initiatief.cohorten.all()) == [cohort]
        lijst = team_client.get(reverse("werkruimte:initiatieven")).text
        assert "Buurtkeuken Oost" in lijst and cohort.naam in lijst

        url = reverse("werkruimte:initiatief_bewerken", args=[initiatief.slug])
        data = {"naam": "Buurtkeuken Oost", "slug": "buurtkeuken-oost", "werkt_aan": "koken", "volgorde": "3"}
        response = team_client.post(url, {**data, "bewerkversie": versie(team_client, url)})
        assert response.status_code == 303
        initiatief.refresh_from_db()
        assert initiatief.werkt_aan == "koken"
        assert not initiatief.cohorten.exists()

    def test_missing_name_is_a_422(self, team_client):
        response = team_client.post(reverse("werkruimte:initiatief_nieuw"), {"naam": "", "werkt_aan": "x"})
        assert response.status_code == 422
        assert "Dit veld is verplicht." in response.text
        assert not Initiatief.objects.exists()


class TestKoppels:
    def test_create_through_the_service_logs_it_and_leads_to_inviting_members(self, team_client, team):
        cohort = f.CohortFactory()
        initiatief = f.InitiatiefFactory(naam="NoordOogst")
        form = team_client.get(reverse("werkruimte:koppel_nieuw"), {"cohort": cohort.slug}).text
        assert f'<option value="{cohort.pk}" selected>' in form
        response = team_client.post(
            reverse("werkruimte:koppel_nieuw"), {"initiatief": initiatief.pk, "cohort": cohort.pk}
        )
        koppel = Koppel.objects.get(initiatief=initiatief, cohort=cohort)
        assert response.status_code == 303
        assert response["Location"] == f"{koppel.get_absolute_url()}#leden"
        gebeurtenis = Gebeurtenis.objects.get(koppel=koppel)
        assert gebeurtenis.soort == Gebeurtenis.Soort.KOPPEL and gebeurtenis.user == team

    def test_a_second_koppel_for_the_same_initiative_and_cohort_is_refused(self, team_client):
        koppel = f.KoppelFactory(cohort=f.CohortFactory())
        response = team_client.post(
            reverse("werkruimte:koppel_nieuw"), {"initiatief": koppel.initiatief.pk, "cohort": koppel.cohort.pk}
        )
        assert response.status_code == 422
        assert "Dit initiatief heeft al een koppel in dit cohort." in response.text
        assert Koppel.objects.count() == 1

    def test_archiving_asks_first_then_keeps_everything_read_only(self, team_client, team):
        koppel = f.KoppelFactory(cohort=f.CohortFactory())
        f.ObstakelFactory(koppel=koppel)
        url = reverse("werkruimte:koppel_archiveren", args=[koppel.pk])
        bevestig = team_client.get(url)
        assert "Er wordt niets verwijderd." in bevestig.text
        koppel.refresh_from_db()
        assert not koppel.is_gearchiveerd  # GET changes nothing

        response = team_client.post(url)
        assert response.status_code == 303
        koppel.refresh_from_db()
        assert koppel.is_gearchiveerd
        assert Obstakel.objects.filter(koppel=koppel).count() == 1
        assert Gebeurtenis.objects.filter(koppel=koppel, soort=Gebeurtenis.Soort.KOPPEL, user=team).exists()
        # Archiving twice is harmless.
        assert team_client.post(url).status_code == 303

    def test_ending_a_cohort_archives_all_its_koppels(self, team_client):
        cohort = f.CohortFactory()
        koppels = [f.KoppelFactory(cohort=cohort) for _ in range(3)]
        ander = f.KoppelFactory(cohort=f.CohortFactory())
        response = team_client.post(reverse("werkruimte:cohort_archiveren", args=[cohort.slug]))
        assert response.status_code == 303
        assert all(Koppel.objects.get(pk=k.pk).is_gearchiveerd for k in koppels)
        assert not Koppel.objects.get(pk=ander.pk).is_gearchiveerd

    def test_changes_need_the_csrf_token(self, team):
        csrf_client = Client(enforce_csrf_checks=True)
        csrf_client.force_login(team)
        koppel = f.KoppelFactory(cohort=f.CohortFactory())
        assert csrf_client.post(reverse("werkruimte:koppel_archiveren", args=[koppel.pk])).status_code == 403
        koppel.refresh_from_db()
        assert not koppel.is_gearchiveerd
