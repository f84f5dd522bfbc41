"""Who may open the privacy pages: every URL x (anonymous, member, other koppel's member, team) x (GET, POST).

The table must name every URL of both privacy URL modules, so a new URL cannot escape the matrix. Mijn gegevens is
always your own (there is no id in its URLs); the werkruimte's privacy pages are the team's only: the logged-out go to
the login page (as everywhere in the werkruimte), everyone else gets 404.
"""

import pytest
from django.urls import URLPattern, reverse

from koppels.privacy import urls as eigen_urls
from koppels.privacy import werkruimte_urls
from koppels.privacy.models import Verwijderverzoek
from koppels.privacy.services import request_erasure
from tests.privacy import helpers as h

pytestmark = pytest.mark.django_db

LOGIN = "login"
ANON, MEMBER, OTHER, TEAM = "anoniem", "lid", "lid-elders", "programmateam"

# POSTs send an empty form. The member has asked for erasure; their koppel would lose its only ambtenaar, so the
# team's empty POST is refused (422) and nothing happens.
EXPECTED = {
    "privacy:gegevens": {ANON: (LOGIN, LOGIN), MEMBER: (200, 405), OTHER: (200, 405), TEAM: (200, 405)},
    "privacy:gegevens_json": {ANON: (LOGIN, LOGIN), MEMBER: (200, 405), OTHER: (200, 405), TEAM: (200, 405)},
    "privacy:verwijderen": {ANON: (LOGIN, LOGIN), MEMBER: (200, 422), OTHER: (200, 422), TEAM: (200, 422)},
    "privacy:verwijderen_intrekken": {ANON: (LOGIN, LOGIN), MEMBER: (405, 303), OTHER: (405, 303), TEAM: (405, 303)},
    "werkruimte:privacy:overzicht": {ANON: (LOGIN, LOGIN), MEMBER: (404, 404), OTHER: (404, 404), TEAM: (200, 405)},
    "werkruimte:privacy:verzoek": {ANON: (LOGIN, LOGIN), MEMBER: (404, 404), OTHER: (404, 404), TEAM: (200, 422)},
}

CASES = [(name, who, method) for name in EXPECTED for who in (ANON, MEMBER, OTHER, TEAM) for method in ("GET", "POST")]


def test_the_matrix_names_every_privacy_url():
    names = {f"privacy:{p.name}" for p in eigen_urls.urlpatterns if isinstance(p, URLPattern)}
    names |= {f"werkruimte:privacy:{p.name}" for p in werkruimte_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(EXPECTED)


@pytest.fixture
def world(mailoutbox):
    member = h.persoon(naam="Lid Lotte")
    h.koppel(ambtenaar=member, initiatiefnemer=h.persoon())
    elders = h.persoon()
    h.koppel(ambtenaar=elders, initiatiefnemer=h.persoon())
    team = h.persoon(staff=True)
    verzoek = request_erasure(user=member, teksten_verwijderen=False)
    return {"users": {ANON: None, MEMBER: member, OTHER: elders, TEAM: team}, "verzoek": verzoek}


@pytest.mark.parametrize(("name", "who", "method"), CASES)
def test_access(client, world, name, who, method):
    user = world["users"][who]
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs={"pk": world["verzoek"].pk} if name.endswith(":verzoek") else {})
    response = client.get(url) if method == "GET" else client.post(url, {})
    expected = EXPECTED[name][who][0 if method == "GET" else 1]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
    # The member's request is still there, untouched, unless they withdrew it themselves.
    withdrew = name == "privacy:verwijderen_intrekken" and method == "POST" and who == MEMBER
    assert Verwijderverzoek.objects.filter(pk=world["verzoek"].pk).exists() is not withdrew
    if name == "werkruimte:privacy:verzoek" and who == TEAM and method == "GET":
        assert "Lid Lotte" in response.content.decode()
    if name == "werkruimte:privacy:verzoek" and who != TEAM:
        missing = client.get(reverse(name, kwargs={"pk": 999999}))
        assert missing.status_code == response.status_code  # a request's existence leaks nothing


def test_mijn_gegevens_shows_only_the_logged_in_person(client, world):
    client.force_login(world["users"][OTHER])
    html = client.get(reverse("privacy:gegevens")).content.decode()
    assert "Lid Lotte" not in html and world["users"][OTHER].email in html


def test_the_team_pages_cost_the_same_however_many_requests(client, world, django_assert_num_queries):
    team = world["users"][TEAM]
    client.force_login(team)
    overzicht = reverse("werkruimte:privacy:overzicht")
    verzoek = reverse("werkruimte:privacy:verzoek", kwargs={"pk": world["verzoek"].pk})
    client.get(overzicht)
    # session, user, open requests, archived cohorts, pseudonymised cohorts, carried-out requests
    with django_assert_num_queries(6):
        client.get(overzicht)
    # session, user, the request with its person, their memberships, the other members of those koppels
    with django_assert_num_queries(5):
        client.get(verzoek)
    for _ in range(4):
        other = h.persoon()
        h.koppel(ambtenaar=other, initiatiefnemer=h.persoon())
        h.koppel(ambtenaar=world["users"][MEMBER], initiatiefnemer=h.persoon())
        request_erasure(user=other, teksten_verwijderen=True)
    with django_assert_num_queries(6):
        client.get(overzicht)
    with django_assert_num_queries(5):
        client.get(verzoek)
