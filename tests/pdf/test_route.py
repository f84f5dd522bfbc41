"""A koppel's route as PDF: what is in it, and who may have it."""

import io

import factory
import pypdf
import pytest
from django.urls import reverse

from koppels.models import Actiestap, Staat
from tests import factories as f
from tests.pdf.conftest import squash, structure
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
        url = reverse("pdf:route", args=[koppel[0].pk])
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_members_of_another_koppel_get_not_found(self, client, koppel):
        other, outsider, _ = koppel_met_leden()
        client.force_login(outsider)
        assert client.get(reverse("pdf:route", args=[koppel[0].pk])).status_code == 404
        assert client.get(reverse("pdf:route", args=[other.pk])).status_code == 200

    @pytest.mark.parametrize("who", ["ambtenaar", "initiatiefnemer", "team"])
    def test_members_and_the_programme_team_get_the_pdf(self, client, koppel, who):
        target, ambtenaar, initiatiefnemer = koppel
        user = {"ambtenaar": ambtenaar, "initiatiefnemer": initiatiefnemer, "team": f.ProgrammateamFactory()}[who]
        client.force_login(user)
        response = client.get(reverse("pdf:route", args=[target.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"].startswith('attachment; filename="route-buurtmoestuin-')

    def test_a_post_is_not_allowed(self, client, koppel):
        client.force_login(koppel[1])
        assert client.post(reverse("pdf:route", args=[koppel[0].pk])).status_code == 405


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
        text = _text(client.get(reverse("pdf:route", args=[target.pk])))
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

    def test_a_route_without_obstacles_says_so(self, client, koppel):
        client.force_login(koppel[1])
        text = _text(client.get(reverse("pdf:route", args=[koppel[0].pk])))
        assert squash("Dit koppel heeft (nog) geen obstakels vastgelegd.") in squash(text)

    def test_a_fixed_number_of_queries_however_full_the_route(self, client, koppel, django_assert_num_queries):
        target, ambtenaar, _ = koppel
        client.force_login(ambtenaar)
        with django_assert_num_queries(10):
            client.get(reverse("pdf:route", args=[target.pk]))
        f.volgende_wegwijzers(aantal=3, acties=4)
        f.vul_route(target, door=ambtenaar)
        assert Actiestap.objects.filter(koppel=target).count() == 18
        with django_assert_num_queries(10):
            client.get(reverse("pdf:route", args=[target.pk]))
