"""Making, following and downloading minigids PDFs on the site; the cache per content version."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks.signals import task_enqueued
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from tests import factories as f
from tests.html import root
from wegwijzers import pdf
from wegwijzers.models import Actie, Drukbestand
from wegwijzers.tasks import make_minigids_pdf, request_minigids_pdf

DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
SELECTIE_URL = reverse("pdf:selectie")


@contextmanager
def count_enqueued():
    """How many tasks were enqueued in the block (each one is a PDF made)."""
    seen = []

    def receiver(sender, task_result, **kwargs):
        seen.append(task_result)

    task_enqueued.connect(receiver)
    try:
        yield seen
    finally:
        task_enqueued.disconnect(receiver)


@pytest.fixture
def content(db):
    return f.volgende_wegwijzers(aantal=2, acties=3)


def _post(client, **data):
    return client.post(SELECTIE_URL, {"formaat": "a5", **data})


class TestSelectionPage:
    def test_form_and_summary_in_a_fixed_number_of_queries(self, client, db, django_assert_num_queries):
        f.volgende_wegwijzers(aantal=1)
        with django_assert_num_queries(7):
            response = client.get(SELECTIE_URL)
        assert response.status_code == 200
        f.volgende_wegwijzers(aantal=4, acties=5)
        with django_assert_num_queries(7):
            response = client.get(SELECTIE_URL)
        assert "Maak PDF" in response.text
        assert "9 wegwijzer" not in response.text

    def test_htmx_gets_only_the_summary_for_the_current_choice(self, client, content, django_assert_num_queries):
        params = {"formaat": "a5", "soort": "doelgroep", "doelgroep": "ambtenaar"}
        with django_assert_num_queries(13):
            response = client.get(SELECTIE_URL, params, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert response.template_name == "pdf/selectie.html#samenvatting"
        assert "HX-Request" in response["Vary"]
        assert (root(response.text).tag, root(response.text).attrs["id"]) == ("section", "samenvatting")
        acties = Actie.objects.voor("ambtenaar").count()
        assert f"{acties} acties" in response.text
        assert 'data-announce="Samenvatting bijgewerkt' in response.text
        # The button makes exactly the PDF the summary describes.
        assert 'name="doelgroep" value="ambtenaar"' in response.text

    def test_without_javascript_the_same_choice_shows_the_whole_page(self, client, content):
        response = client.get(SELECTIE_URL, {"formaat": "a4", "soort": "label", "label": "governance"})
        assert response.template_name == "pdf/selectie.html"
        assert "<h1>" in response.text
        assert "Formaat A4" in response.text

    def test_an_incomplete_choice_is_explained_and_nothing_is_made(self, client, content):
        with count_enqueued() as enqueued:
            response = _post(client, soort="wegwijzers")
        assert response.status_code == 422
        assert "Kies minstens één wegwijzer." in response.text
        assert not Drukbestand.objects.exists()
        assert not enqueued

    def test_an_unknown_choice_is_refused(self, client, content):
        response = client.post(SELECTIE_URL, {"formaat": "a3", "soort": "alles"})
        assert response.status_code == 422
        assert "Selecteer een geldige keuze" in response.text


class TestMakingAPdf:
    def test_immediate_backend_makes_it_during_the_post(self, client, content, django_assert_num_queries):
        response = _post(client, soort="wegwijzers", wegwijzers=[content[1].slug])
        drukbestand = Drukbestand.objects.get()
        assert response.status_code == 303
        assert response["Location"] == reverse("pdf:status", args=[drukbestand.pk])
        assert drukbestand.status == Drukbestand.Status.KLAAR
        status = client.get(response["Location"])
        assert "De PDF is klaar" in status.text
        assert reverse("pdf:download", args=[drukbestand.pk]) in status.text
        assert "data-hx-trigger" not in status.text

        with django_assert_num_queries(2):  # the row without its bytes, then the bytes
            download = client.get(reverse("pdf:download", args=[drukbestand.pk]))
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        assert download.content.startswith(b"%PDF-")
        assert download["Content-Disposition"].startswith('attachment; filename="minigids-wegwijzers-')

    def test_the_same_selection_is_made_once_per_content_version(self, client, content):
        _post(client, soort="alles")
        first = Drukbestand.objects.get()
        with count_enqueued() as enqueued:
            response = _post(client, soort="alles")
        assert not enqueued
        assert response["Location"] == reverse("pdf:status", args=[first.pk])

        actie = Actie.objects.first()
        actie.tekst = "Een bewerkte actie."
        actie.save()
        with count_enqueued() as enqueued:
            response = _post(client, soort="alles")
        assert len(enqueued) == 1
        second = Drukbestand.objects.get()  # the old version is gone
        assert second.pk != first.pk
        assert second.versie == pdf.content_version()

    @override_settings(TASKS=DUMMY_TASKS)
    def test_with_a_worker_the_page_polls_until_the_pdf_is_ready(self, client, content, django_assert_num_queries):
        response = _post(client, soort="label", label="governance")
        drukbestand = Drukbestand.objects.get()
        assert drukbestand.status == Drukbestand.Status.BEZIG
        with django_assert_num_queries(2):  # the Drukbestand and the label's name, whatever the content
            page = client.get(response["Location"])
        assert "De PDF wordt gemaakt" in page.text
        assert 'data-hx-trigger="every 2s"' in page.text
        assertInHTML('<noscript><meta http-equiv="refresh" content="3"></noscript>', page.text)
        assert "Vernieuwen" in page.text
        assert page["Cache-Control"] == "no-store"
        # Asking for the file too early leads back to the waiting page.
        early = client.get(reverse("pdf:download", args=[drukbestand.pk]))
        assert early.status_code == 302
        assert early["Location"] == response["Location"]

        make_minigids_pdf.call(drukbestand.pk)  # what the worker does

        partial = client.get(response["Location"], headers={"HX-Request": "true"})
        assert partial.template_name == "pdf/status.html#pdf-status"
        assert "data-hx-trigger" not in partial.text
        assert 'data-announce="De PDF is klaar om te downloaden."' in partial.text
        assert "data-focus" in partial.text
        assert client.get(reverse("pdf:download", args=[drukbestand.pk])).status_code == 200

    def test_a_failed_pdf_says_so_and_can_be_tried_again(self, client, content):
        broken = Drukbestand.objects.create(sleutel="a5/onbekend", versie="x")
        with pytest.raises(pdf.OngeldigeSelectie):
            make_minigids_pdf.call(broken.pk)
        broken.refresh_from_db()
        assert broken.status == Drukbestand.Status.MISLUKT
        assert "OngeldigeSelectie" in broken.fout

        failed = Drukbestand.objects.create(
            sleutel="a5/alles", versie=pdf.content_version(), status=Drukbestand.Status.MISLUKT
        )
        page = client.get(reverse("pdf:status", args=[failed.pk]))
        assert "Het maken van de PDF is mislukt" in page.text
        assert "Opnieuw proberen" in page.text
        assert 'name="csrfmiddlewaretoken"' in page.text
        response = _post(client, soort="alles")
        assert response["Location"] == reverse("pdf:status", args=[failed.pk])
        failed.refresh_from_db()
        assert failed.status == Drukbestand.Status.KLAAR

    @override_settings(TASKS=DUMMY_TASKS)
    def test_a_job_lost_by_its_worker_may_be_started_again(self, content):
        selectie = pdf.Selectie()
        first = request_minigids_pdf(selectie=selectie)
        with count_enqueued() as enqueued:
            request_minigids_pdf(selectie=selectie)
        assert not enqueued  # still running: not started twice
        Drukbestand.objects.filter(pk=first.pk).update(requested_at=timezone.now() - timedelta(hours=1))
        with count_enqueued() as enqueued:
            again = request_minigids_pdf(selectie=selectie)
        assert len(enqueued) == 1
        assert again.pk == first.pk


class TestWholeGuideLink:
    def test_one_click_download_then_served_from_the_cache(self, client, content, django_assert_num_queries):
        url = reverse("pdf:minigids")
        first = client.get(url)
        assert first.status_code == 200
        assert first["Content-Type"] == "application/pdf"
        assert first["Content-Disposition"] == 'attachment; filename="minigids-maatschappelijke-route-a5.pdf"'
        etag, last_modified = first["ETag"], first["Last-Modified"]

        with count_enqueued() as enqueued, django_assert_num_queries(9):
            again = client.get(url)
        assert not enqueued
        assert again.content == first.content
        assert again["ETag"] == etag

        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304

    def test_an_edit_invalidates_the_cached_guide(self, client, content):
        url = reverse("pdf:minigids")
        etag = client.get(url)["ETag"]
        actie = Actie.objects.first()
        actie.tekst = "Een bewerkte actie."
        actie.save()
        with count_enqueued() as enqueued:
            response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 200
        assert len(enqueued) == 1
        assert response["ETag"] != etag

    @override_settings(TASKS=DUMMY_TASKS)
    def test_with_a_worker_it_leads_to_the_making_of_page(self, client, content):
        response = client.get(reverse("pdf:minigids"))
        drukbestand = Drukbestand.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("pdf:status", args=[drukbestand.pk])

    def test_state_changes_need_post(self, client, content):
        assert client.put(SELECTIE_URL).status_code == 405
        assert client.post(reverse("pdf:minigids")).status_code == 405


class TestDatabaseWorker:
    """Production: TASKS_BACKEND=db stores the job in the database and `manage.py db_worker` makes the PDF."""

    @pytest.mark.django_db(transaction=True)
    def test_the_worker_makes_the_pdf_the_page_waits_for(self, client):
        from django_tasks_db.models import DBTaskResult

        f.volgende_wegwijzers(aantal=1)
        tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
        with override_settings(TASKS=tasks):
            response = _post(client, soort="alles")
            drukbestand = Drukbestand.objects.get()
            assert drukbestand.status == Drukbestand.Status.BEZIG
            assert DBTaskResult.objects.count() == 1
            assert "De PDF wordt gemaakt" in client.get(response["Location"]).text

            call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

        drukbestand.refresh_from_db()
        assert drukbestand.status == Drukbestand.Status.KLAAR
        assert DBTaskResult.objects.get().status == "SUCCESSFUL"
        assert client.get(reverse("pdf:download", args=[drukbestand.pk])).content.startswith(b"%PDF-")


class TestNobodyWaits:
    """The whole guide is queued when the content changes and at start-up; the address answers from the cache."""

    @override_settings(TASKS=DUMMY_TASKS)
    def test_a_content_edit_queues_the_whole_guide_in_three_forms_once_committed(
        self, content, django_capture_on_commit_callbacks
    ):
        actie = Actie.objects.first()
        with count_enqueued() as enqueued, django_capture_on_commit_callbacks(execute=True):
            actie.tekst = "Een bewerkte actie."
            actie.save()
        sleutels = sorted(Drukbestand.objects.values_list("sleutel", flat=True))
        assert sleutels == ["a4/alles", "a5/alles", "drukproef/alles"]
        assert len(enqueued) == 3

    @override_settings(TASKS=DUMMY_TASKS)
    def test_the_previous_edition_is_served_while_the_new_one_is_made(self, client, content):
        with override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}):
            first = client.get(reverse("pdf:minigids"))
        actie = Actie.objects.first()
        actie.tekst = "Een bewerkte actie."
        actie.save()
        response = client.get(reverse("pdf:minigids"))
        assert response.status_code == 200
        assert response["ETag"] == first["ETag"]
        assert Drukbestand.objects.filter(status=Drukbestand.Status.BEZIG).count() == 1

    def test_the_start_up_command_makes_what_is_missing_and_nothing_twice(self, client, content):
        with count_enqueued() as enqueued:
            call_command("minigids_pdfs", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
            call_command("minigids_pdfs", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
        assert len(enqueued) == 3
        assert Drukbestand.objects.filter(status=Drukbestand.Status.KLAAR).count() == 3
        with count_enqueued() as enqueued:
            assert client.get(reverse("pdf:minigids")).status_code == 200
        assert not enqueued

    def test_the_drukproef_is_for_the_programme_team(self, client, content):
        url = reverse("pdf:drukproef")
        assert client.get(url).status_code == 302  # to the login
        client.force_login(f.ProgrammateamFactory())
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="minigids-maatschappelijke-route-drukproef.pdf"'

    def test_the_choice_page_links_the_drukproef_for_the_team_only(self, client, content):
        assert reverse("pdf:drukproef") not in client.get(SELECTIE_URL).content.decode()
        client.force_login(f.ProgrammateamFactory())
        assert reverse("pdf:drukproef") in client.get(SELECTIE_URL).content.decode()
