"""Caches: the public page cache never stores a fragment; personal answers are never stored anywhere."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ProgrammateamFactory, koppel_met_gids, member_of

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize(
    "headers",
    [
        {**HTMX},
        {**HTMX, "HX-History-Restore-Request": "true"},
        {"HX-History-Restore-Request": "true"},
        {**HTMX, "HX-Boosted": "true"},
        {**HTMX, "HX-Target": "main#inhoud"},
    ],
)
@pytest.mark.parametrize("url", ["/", "/wegwijzers/", "/zoeken/?q=oogst", "/initiatieven/"])
def test_no_crafted_htmx_request_decides_what_visitors_get(client, minigids, page_cache, headers, url):
    client.get(url, headers=headers)
    page = client.get(url).content.decode()
    assert page.count("<h1") == 1
    assert "<html" in page and page.count('id="inhoud"') == 1


FRAGMENT_URLS = ["/wegwijzers/", "/zoeken/?q=oogst"]  # views that answer htmx with a region of the page
RESTORE = {**HTMX, "HX-History-Restore-Request": "true"}


@pytest.mark.parametrize("url", FRAGMENT_URLS)
def test_a_history_restore_does_not_decide_what_htmx_gets(client, minigids, page_cache, url):
    client.get(url, headers=RESTORE)
    assert "<html" not in client.get(url, headers=HTMX).content.decode()


@pytest.mark.parametrize("url", FRAGMENT_URLS)
def test_a_fragment_is_never_served_as_a_history_restore(client, minigids, page_cache, url):
    client.get(url, headers=HTMX)
    assert "<html" in client.get(url, headers=RESTORE).content.decode()


@pytest.mark.parametrize("url", ["/", "/wegwijzers/", "/wegwijzers/tussenruimte/", "/zoeken/?q=oogst"])
def test_plain_visitors_are_still_served_from_the_cache(client, minigids, page_cache, django_assert_num_queries, url):
    # Every public page in the cache: a form with a CSRF token on one of them would set a cookie and keep it out.
    # An address with a query string is copied when it is asked for a second time.
    client.get(url)
    if "?" in url:
        client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_one_copy_of_a_page_whatever_language_the_browser_prefers(minigids, page_cache, django_assert_num_queries):
    Client().get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    with django_assert_num_queries(0):
        page = Client().get("/", headers={"Accept-Language": "de-DE,de;q=0.8,nl;q=0.5"})
    assert "Accept-Language" not in page.get("Vary", "")
    assert '<html lang="nl">' in page.content.decode()


PERSONAL = [
    ("koppels:list", {}),
    ("koppels:detail", {"pk": "koppel"}),
    ("account_email", {}),
    ("account_set_password", {}),  # the factory's people have no password yet
]


@pytest.mark.parametrize(("name", "kwargs"), PERSONAL)
def test_personal_pages_are_private_and_not_stored(client, name, kwargs):
    koppel = koppel_met_gids()
    client.force_login(member_of(koppel))
    url = reverse(name, kwargs={key: koppel.pk for key in kwargs})
    response = client.get(url)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_a_change_answer_is_private_too(client):
    koppel = koppel_met_gids()
    member = member_of(koppel)
    client.force_login(member)
    response = client.post(reverse("koppels:obstakel_create", args=[koppel.pk]), {"titel": "Vergunning"})
    assert "no-store" in response["Cache-Control"]


def test_the_team_pages_are_private(client):
    client.force_login(ProgrammateamFactory())
    response = client.get("/werkruimte/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_login_page_is_not_stored(client):
    assert "no-store" in client.get(reverse("account_login"))["Cache-Control"]


def test_public_pages_for_visitors_keep_their_cache_policy(client, minigids):
    response = client.get("/wegwijzers/")
    assert "private" not in response.get("Cache-Control", "")


def test_a_view_that_sets_its_own_policy_keeps_it(client, minigids):
    client.force_login(ProgrammateamFactory())
    response = client.get("/open-data/minigids.json")
    assert response["Cache-Control"] == "public, max-age=3600"  # the same public document for everyone


def test_a_question_asked_once_is_not_copied_a_second_time_it_is(client, minigids, page_cache):
    # Most questions are asked once: copying each would push out the copies of the pages people come back to.
    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    assert queries("/zoeken/?q=oogst") > 0
    assert len(page_cache._cache) == 0
    assert queries("/zoeken/?q=oogst") > 0  # asked again: searched again, and now copied
    assert queries("/zoeken/?q=oogst") == 0
    assert queries("/zoeken/?q=oogstfeest") > 0  # another question: its own first time
    assert queries("/wegwijzers/") > 0  # no query string: copied at once
    assert queries("/wegwijzers/") == 0
