"""Who may see and change a koppel: every koppels URL x (anonymous, member, other koppel's member, team) x (GET, POST).

The table must name every URL of the koppels app, so a new URL cannot escape the matrix.
"""

import pytest
from django.urls import URLPattern, reverse

from koppels import services
from koppels.models import Gebeurtenis, Rol
from koppels.urls import urlpatterns
from tests import factories as f
from wegwijzers.models import Actie

pytestmark = pytest.mark.django_db

LOGIN = "login"  # a redirect to the login page
ANON, MEMBER, OTHER, TEAM = "anoniem", "lid", "lid-elders", "programmateam"

# url name -> {who: (GET status, POST status)}; POSTs send an empty form.
# 405 (wrong method) is answered before the koppel is looked up, the same for every koppel id: it leaks nothing.
EXPECTED = {
    "list": {ANON: (LOGIN, LOGIN), MEMBER: (200, 405), OTHER: (200, 405), TEAM: (200, 405)},
    "detail": {ANON: (LOGIN, LOGIN), MEMBER: (200, 405), OTHER: (404, 405), TEAM: (200, 405)},
    "actie": {ANON: (LOGIN, LOGIN), MEMBER: (200, 422), OTHER: (404, 404), TEAM: (200, 422)},
    "actie_status": {ANON: (LOGIN, LOGIN), MEMBER: (405, 422), OTHER: (405, 404), TEAM: (405, 422)},
    # A row whose action is still in the guide redirects to its action page (removed ones: test_edities.py).
    "actie_vervallen": {ANON: (LOGIN, LOGIN), MEMBER: (302, 405), OTHER: (404, 405), TEAM: (302, 405)},
    "obstakel_create": {ANON: (LOGIN, LOGIN), MEMBER: (200, 422), OTHER: (404, 404), TEAM: (200, 422)},
    "obstakel": {ANON: (LOGIN, LOGIN), MEMBER: (303, 405), OTHER: (404, 405), TEAM: (303, 405)},
    "obstakel_update": {ANON: (LOGIN, LOGIN), MEMBER: (200, 422), OTHER: (404, 404), TEAM: (200, 422)},
    "uitnodiging_create": {ANON: (LOGIN, LOGIN), MEMBER: (403, 403), OTHER: (404, 404), TEAM: (200, 422)},
    "uitnodiging_resend": {ANON: (LOGIN, LOGIN), MEMBER: (405, 403), OTHER: (405, 404), TEAM: (405, 303)},
    "uitnodiging_revoke": {ANON: (LOGIN, LOGIN), MEMBER: (405, 403), OTHER: (405, 404), TEAM: (405, 303)},
    "route_pdf": {ANON: (LOGIN, LOGIN), MEMBER: (200, 405), OTHER: (404, 405), TEAM: (200, 405)},
    # The invitation link is the credential: reachable without login; an unknown token is a clear 404 page.
    "uitnodiging": {ANON: (404, 404), MEMBER: (404, 404), OTHER: (404, 404), TEAM: (404, 404)},
}

CASES = [(name, who, method) for name in EXPECTED for who in (ANON, MEMBER, OTHER, TEAM) for method in ("GET", "POST")]


def test_the_matrix_names_every_koppels_url():
    names = {pattern.name for pattern in urlpatterns if isinstance(pattern, URLPattern)}
    assert names == set(EXPECTED)


@pytest.fixture
def world(mailoutbox):
    koppel = f.koppel_met_gids()
    member = f.member_of(koppel)
    elders = f.member_of(f.koppel_met_gids())
    team = f.UserFactory(is_staff=True)
    obstakel = services.create_obstakel(koppel=koppel, titel="t", beschrijving="b", by=member)
    uitnodiging = services.invite(koppel=koppel, email="n@example.org", rol=Rol.AMBTENAAR, by=team)
    return {
        "koppel": koppel,
        "users": {ANON: None, MEMBER: member, OTHER: elders, TEAM: team},
        "kwargs": {
            "pk": koppel.pk,
            "wegwijzer": Actie.objects.first().wegwijzer.volgorde,
            "nummer": Actie.objects.first().volgorde,
            "obstakel_pk": obstakel.pk,
            "actiestap": koppel.actiestappen.order_by("pk").first().pk,
            "uitnodiging_pk": uitnodiging.pk,
            "token": "niet-bestaand-token",
        },
    }


def _url(name: str, kwargs: dict, **override) -> str:
    pattern = next(p for p in urlpatterns if p.name == name)
    wanted = {key: {**kwargs, **override}[key] for key in pattern.pattern.converters}
    return reverse(f"koppels:{name}", kwargs=wanted)


@pytest.mark.parametrize(("name", "who", "method"), CASES)
def test_access(client, world, name, who, method):
    user = world["users"][who]
    if user is not None:
        client.force_login(user)
    url = _url(name, world["kwargs"])
    changes = Gebeurtenis.objects.exclude(soort=Gebeurtenis.Soort.INZAGE)  # the team looking is logged, not a change
    events_before = changes.count()

    response = client.get(url) if method == "GET" else client.post(url, {})

    expected = EXPECTED[name][who][0 if method == "GET" else 1]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
    if expected != 303:
        assert changes.count() == events_before  # refused or invalid: nothing changed
    if who == OTHER and "pk" in next(p for p in urlpatterns if p.name == name).pattern.converters:
        # Someone else's koppel answers exactly like a koppel that does not exist.
        client_response = (
            client.get(_url(name, world["kwargs"], pk=999999))
            if method == "GET"
            else client.post(_url(name, world["kwargs"], pk=999999), {})
        )
        assert client_response.status_code == response.status_code
