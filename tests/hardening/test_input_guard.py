"""Input guard: NUL bytes, other control characters and bidi overrides are refused in one place, with a Dutch 400."""

import pytest
from django.urls import reverse

from koppels.models import Obstakel
from tests.factories import koppel_met_gids, member_of

pytestmark = pytest.mark.django_db


class TestNulBytes:
    @pytest.mark.parametrize("query", ["q=oogst%00", "q=%00", "q%00=oogst", "pagina=1%00"])
    def test_nul_in_a_query_string_is_a_dutch_400(self, client, minigids, query):
        response = client.get(f"/zoeken/?{query}")
        assert response.status_code == 400
        html = response.content.decode()
        assert "<title>Fout: " in html
        assert "niet toegestaan" in html

    def test_nul_in_a_form_field_is_a_dutch_400_and_nothing_is_saved(self, client):
        koppel = koppel_met_gids()
        client.force_login(member_of(koppel))
        response = client.post(
            reverse("koppels:obstakel_create", args=[koppel.pk]), {"titel": "Vergunning\x00", "beschrijving": "b"}
        )
        assert response.status_code == 400
        assert "niet toegestaan" in response.content.decode()
        assert not Obstakel.objects.exists()

    def test_htmx_requests_get_the_message_in_place(self, client, minigids):
        response = client.get("/zoeken/?q=a%00", headers={"HX-Request": "true"})
        assert response.status_code == 400
        assert "<html" not in response.content.decode()
        assert response["HX-Retarget"] == "#inhoud"

    def test_ordinary_text_passes(self, client, minigids):
        assert client.get("/zoeken/?q=oogstfeest+%C3%A9%C3%A9n%0Atwee").status_code == 200


class TestBidi:
    @pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u2069", "\u202a", "\u200f"])
    def test_bidi_controls_in_a_name_are_refused(self, client, char):
        koppel = koppel_met_gids()
        client.force_login(member_of(koppel))
        response = client.post(
            reverse("koppels:obstakel_create", args=[koppel.pk]),
            {"titel": f"Factuur{char}fdp.exe", "beschrijving": "b"},
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "richting" in html  # says what is wrong: characters that change the reading direction
        assert not Obstakel.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["/werkruimte/export/obstakels.csv", "/werkruimte/export/voortgang.json", "/werkruimte/koppels/nieuw/"],
)
def test_nul_in_the_cohort_of_the_team_pages_is_a_dutch_400(team_client, url):
    response = team_client.get(f"{url}?cohort=a%00")
    assert response.status_code == 400
    assert "‘cohort’" in response.content.decode()
