"""A koppel's route as PDF: what is in it, and who may have it."""

import io
import re
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import factory
import pdfua
import pypdf
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from koppels.models import Actiestap, Staat
from koppels.views import pdf as route_pdf_views
from tests import factories as f
from tests.pdf.conftest import squash, structure
from wegwijzers import pdf
from wegwijzers.models import Actie


def _text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.metadata.author == "MeentCoop & AmsterDOEN"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    figures = [node for node in structure(reader) if node["/S"] == "/Figure"]
    assert figures, "the progress bars are figures"
    assert all(str(node.get("/Alt", "")).endswith("procent afgerond") for node in figures)
    return "\n".join(page.extract_text() for page in reader.pages)


def koppel_met_leden():
    """A koppel of a community garden with an ambtenaar and an initiatiefnemer whose names the PDF shows."""
    ambtenaar = f.UserFactory(naam="Anna Ambtenaar")
    initiatiefnemer = f.UserFactory(naam="Ivo Initiatiefnemer")
    koppel = f.KoppelFactory(
        ambtenaar=ambtenaar,
        initiatiefnemer=initiatiefnemer,
        initiatief__naam=factory.Sequence(lambda n: f"Buurtmoestuin {n}"),
        initiatief__slug=factory.Sequence(lambda n: f"buurtmoestuin-{n}"),
        initiatief__werkt_aan="groen in de wijk",
    )
    return koppel, ambtenaar, initiatiefnemer


@pytest.fixture
def koppel(db):
    f.volgende_wegwijzers(aantal=2, acties=3)
    return koppel_met_leden()


class TestAccess:
    def test_anonymous_visitors_are_sent_to_log_in(self, client, koppel):
        url = reverse("koppels:route_pdf", args=[koppel[0].pk])
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_members_of_another_koppel_get_not_found(self, client, koppel):
        other, outsider, _ = koppel_met_leden()
        client.force_login(outsider)
        assert client.get(reverse("koppels:route_pdf", args=[koppel[0].pk])).status_code == 404
        assert client.get(reverse("koppels:route_pdf", args=[other.pk])).status_code == 200

    @pytest.mark.parametrize("who", ["ambtenaar", "initiatiefnemer", "team"])
    def test_members_and_the_programme_team_get_the_pdf(self, client, koppel, who):
        target, ambtenaar, initiatiefnemer = koppel
        user = {"ambtenaar": ambtenaar, "initiatiefnemer": initiatiefnemer, "team": f.ProgrammateamFactory()}[who]
        client.force_login(user)
        response = client.get(reverse("koppels:route_pdf", args=[target.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"].startswith('attachment; filename="route-buurtmoestuin-')

    def test_a_post_is_not_allowed(self, client, koppel):
        client.force_login(koppel[1])
        assert client.post(reverse("koppels:route_pdf", args=[koppel[0].pk])).status_code == 405


class TestContent:
    def test_members_initiative_cohort_progress_actions_and_obstacles(self, client, koppel):
        target, ambtenaar, _ = koppel
        acties = list(Actie.objects.order_by("wegwijzer__volgorde", "volgorde"))
        f.stap(koppel=target, actie=acties[0], status="gedaan", notitie="Gesprek gevoerd in het buurthuis.")
        f.stap(koppel=target, actie=acties[1], status="nvt", door=ambtenaar)
        f.stap(koppel=target, actie=acties[3], status="bezig")
        f.ObstakelFactory(
            staat=Staat.IN_BEHANDELING,
            koppel=target,
            titel="Geen plek voor de kas",
            wegwijzer=acties[0].wegwijzer,
            aanpak="Opgeschaald",
        )
        client.force_login(ambtenaar)
        text = _text(client.get(reverse("koppels:route_pdf", args=[target.pk])))
        squashed = squash(text)
        assert squash(f"Route van {target.initiatief.naam}") in squashed
        assert "Testcohort 2025" in text
        assert "Anna Ambtenaar" in text and "Ivo Initiatiefnemer" in text
        for actie in acties:
            assert squash(actie.tekst) in squashed
        # Progress: done and not-applicable count; the first wegwijzer has 2 of 3, the second 0 of 3.
        assert "2 van 3" in text and "0 van 3" in text and "2 van 6" in text
        assert "Gesprek gevoerd in het buurthuis." in text
        assert text.count("Gedaan") == 1 and text.count("Niet van toepassing") == 1 and text.count("Bezig") == 1
        assert text.count("Open") == 3  # actions without a row are open
        assert "Geen plek voor de kas" in text
        assert "In behandeling" in text

    def test_a_one_sided_report_with_bookmarks_page_x_of_y_header_scopes_and_clean_pdfua(
        self, client, koppel, tmp_path
    ):
        target, ambtenaar, _ = koppel
        f.vul_route(target, door=ambtenaar)
        client.force_login(ambtenaar)
        data = client.get(reverse("koppels:route_pdf", args=[target.pk])).content
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        for number, page in enumerate(reader.pages, start=1):
            assert f"pagina {number} van {pages}" in page.extract_text()
        titles = [item.title for item in reader.outline if not isinstance(item, list)]
        assert titles == [f"Route van {target.initiatief.naam}"]
        sections = [item.title for item in reader.outline[1] if not isinstance(item, list)]
        assert sections == ["Voortgang per wegwijzer", "Alle acties", "Obstakels"]
        # One-sided: on every page the text starts 22 mm from the left edge (poppler's word boxes, in points).
        source = tmp_path / "route.pdf"
        source.write_bytes(data)
        boxes = subprocess.run(["pdftotext", "-bbox", str(source), "-"], check=True, capture_output=True, text=True)
        lefts = [
            min(float(x) for x in re.findall(r'<word xMin="([\d.]+)"', page))
            for page in boxes.stdout.split("<page ")[1:]
        ]
        assert [round(left / 72 * 25.4) for left in lefts] == [22] * pages
        scopes = [str(node["/A"]["/Scope"]) for node in structure(reader) if node["/S"] == "/TH"]
        assert scopes and set(scopes) == {"/Column", "/Row"}
        report = pdfua.validate(str(source))
        assert [(finding.rule_id, finding.message) for finding in report.findings] == []

    def test_a_route_without_obstacles_says_so(self, client, koppel):
        client.force_login(koppel[1])
        text = _text(client.get(reverse("koppels:route_pdf", args=[koppel[0].pk])))
        assert squash("Dit koppel heeft (nog) geen obstakels vastgelegd.") in squash(text)

    def test_a_fixed_number_of_queries_however_full_the_route(self, client, koppel, django_assert_num_queries):
        target, ambtenaar, _ = koppel
        client.force_login(ambtenaar)
        # Eight for the route (koppels.route, with the actions no longer in the guide), six for the per-person lock
        # in the database cache (none with Redis).
        with django_assert_num_queries(14):
            client.get(reverse("koppels:route_pdf", args=[target.pk]))
        f.volgende_wegwijzers(aantal=3, acties=4)
        f.vul_route(target, door=ambtenaar)
        assert Actiestap.objects.filter(koppel=target).count() == 18
        with django_assert_num_queries(14):
            client.get(reverse("koppels:route_pdf", args=[target.pk]))


class TestOneAtATime:
    """One route PDF at a time per person, across server processes (a lock in the shared cache)."""

    def test_a_second_request_while_one_is_made_is_told_to_wait(self, client, koppel):
        koppel, user, _ = koppel
        client.force_login(user)
        url = reverse("koppels:route_pdf", args=[koppel.pk])
        with pdf.one_route_pdf_at_a_time(user.pk):  # another process is making this person's PDF
            refused = client.get(url)
        assert refused.status_code == 429
        assert refused["Retry-After"] == "5"
        assert "Je route-PDF wordt al gemaakt" in refused.content.decode()
        assert client.get(url).status_code == 200  # the lock is released when the other one is done

    def test_another_person_is_not_held_up(self, client, koppel):
        koppel, user, _ = koppel
        client.force_login(f.ProgrammateamFactory())
        with pdf.one_route_pdf_at_a_time(user.pk):
            assert client.get(reverse("koppels:route_pdf", args=[koppel.pk])).status_code == 200

    @pytest.mark.django_db(transaction=True)
    def test_ten_parallel_requests_by_one_member_render_one_at_a_time(self, koppel, monkeypatch):
        koppel, user, _ = koppel
        url = reverse("koppels:route_pdf", args=[koppel.pk])
        rendering, most = [0], [0]
        guard = threading.Lock()
        real_render = route_pdf_views.render_route_pdf

        def counting_render(*args, **kwargs):
            with guard:
                rendering[0] += 1
                most[0] = max(most[0], rendering[0])
            try:
                return real_render(*args, **kwargs)
            finally:
                with guard:
                    rendering[0] -= 1

        monkeypatch.setattr(route_pdf_views, "render_route_pdf", counting_render)
        start = threading.Barrier(10)

        def click() -> int:
            client = Client()
            client.force_login(user)
            start.wait()
            try:
                return client.get(url).status_code
            finally:
                connection.close()

        with ThreadPoolExecutor(10) as pool:
            statuses = list(pool.map(lambda _n: click(), range(10)))
        assert most[0] == 1
        assert set(statuses) <= {200, 429}
        assert 200 in statuses
        assert 429 in statuses
