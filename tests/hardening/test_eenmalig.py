"""A create form sent twice (double click, "send again" after reload) creates one thing."""

import re

import pytest
from django.urls import reverse

from initiatives.models import Cohort
from koppels.models import Obstakel, Uitnodiging
from tests.factories import ProgrammateamFactory, koppel_met_gids, member_of

pytestmark = pytest.mark.django_db


OBSTAKEL = {"titel": "Vergunning", "beschrijving": "Duurt lang", "staat": "gesignaleerd"}


def _token(html: str, action: str) -> str:
    """The one-time token of the form posting to `action` ("": the page's only such form)."""
    form = html if not action else re.search(rf'<form[^>]*action="{re.escape(action)}".*?</form>', html, re.S).group(0)
    return re.search(r'name="formulier_token" value="([^"]+)"', form).group(1)


@pytest.fixture
def koppel_page(client):
    """The page with the obstacle form (its own page since the route became a task list)."""
    koppel = koppel_met_gids()
    client.force_login(member_of(koppel))
    html = client.get(reverse("koppels:obstakel_create", args=[koppel.pk])).content.decode()
    return koppel, html


class TestObstakel:
    def test_sent_twice_without_javascript_it_is_saved_once(self, client, koppel_page):
        koppel, html = koppel_page
        url = reverse("koppels:obstakel_create", args=[koppel.pk])
        data = {**OBSTAKEL, "formulier_token": _token(html, url)}
        first = client.post(url, data)
        second = client.post(url, data)
        assert first.status_code == 303
        assert second.status_code == 303 and second["Location"] == first["Location"]
        assert Obstakel.objects.count() == 1
        page = client.get(second["Location"]).content.decode()
        assert "Dit formulier was al verstuurd" in page

    def test_sent_twice_with_htmx_the_second_is_a_409(self, client, koppel_page):
        koppel, html = koppel_page
        url = reverse("koppels:obstakel_create", args=[koppel.pk])
        data = {**OBSTAKEL, "formulier_token": _token(html, url)}
        assert client.post(url, data, headers={"HX-Request": "true"}).status_code == 303  # a page of its own
        second = client.post(url, data, headers={"HX-Request": "true"})
        assert second.status_code == 409
        assert "Dit formulier was al verstuurd" in second.content.decode()
        assert Obstakel.objects.count() == 1

    def test_a_refused_form_can_be_corrected_and_sent_with_the_same_token(self, client, koppel_page):
        koppel, html = koppel_page
        url = reverse("koppels:obstakel_create", args=[koppel.pk])
        token = _token(html, url)
        assert client.post(url, {"titel": "", "formulier_token": token}).status_code == 422
        assert client.post(url, {**OBSTAKEL, "formulier_token": token}).status_code == 303
        assert Obstakel.objects.count() == 1

    def test_two_forms_are_two_obstacles(self, client, koppel_page):
        koppel, html = koppel_page
        url = reverse("koppels:obstakel_create", args=[koppel.pk])
        client.post(url, {**OBSTAKEL, "titel": "Een", "formulier_token": _token(html, url)})
        again = client.get(url).content.decode()
        client.post(url, {**OBSTAKEL, "titel": "Twee", "formulier_token": _token(again, url)})
        assert Obstakel.objects.count() == 2


def test_an_invitation_sent_twice_is_sent_once(client, mailoutbox):
    koppel = koppel_met_gids()
    client.force_login(ProgrammateamFactory())
    url = reverse("koppels:uitnodiging_create", args=[koppel.pk])
    html = client.get(url).content.decode()
    data = {"email": "nieuw@example.org", "rol": "ambtenaar", "formulier_token": _token(html, url)}
    client.post(url, data)
    client.post(url, data)
    assert Uitnodiging.objects.count() == 1 and len(mailoutbox) == 1


def test_a_new_cohort_sent_twice_is_made_once_and_both_land_on_it(team_client):
    url = reverse("werkruimte:cohort_nieuw")
    html = team_client.get(url).content.decode()
    data = {"naam": "Programma 2026", "slug": "", "jaar": "2026", "formulier_token": _token(html, "")}
    first = team_client.post(url, data)
    second = team_client.post(url, data)
    assert first.status_code == 303 and second.status_code == 303
    assert second["Location"] == first["Location"]
    assert Cohort.objects.filter(naam="Programma 2026").count() == 1
