"""Hostile input to every URL of the URLconf, every parameter and form field, for every role: never a 5xx.

A deterministic table of hostile values (NUL and other control characters, bidi overrides, look-alike letters,
very long text, negative and huge numbers, impossible dates, SQL and HTML metacharacters) is sent as every query
parameter a page's forms and filters use (plus the portal's common ones) and as every field of every form a page
shows, as each role. Asserted: no answer is a 5xx; hostile HTML never comes back unescaped; input the guard refuses
is a 400; and an anonymous visitor or a member of another koppel changes nothing at all.
"""

from functools import partial
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from incubator.models import User
from initiatives.models import Cohort, Initiatief
from koppels import services
from koppels.models import Actiestap, Gebeurtenis, Koppel, Lidmaatschap, Obstakel, Rol, Uitnodiging
from tests import factories as f
from wegwijzers.models import Actie

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
HOSTILE = [
    "oogst\x00",  # NUL: PostgreSQL refuses it in text (the guard's unit tests cover the other control characters)
    "Factuur\u202efdp.exe",  # bidi override
    "x" * 5000,  # very long
    "раураl.соm ｆｕｌｌｗｉｄｔｈ ﬁ 💥",  # Cyrillic look-alikes, compatibility forms, an emoji
    "-1",
    "-99999999999999999999",
    "99999999999999999999",
    "NaN",
    "0000-01",
    "9999-12",
    "2025-13-45",
    f"'; DROP TABLE koppels_koppel; -- {SCRIPT} ../../etc/passwd %00%ff",  # SQL, HTML, path and escape characters
    " ",
]
# The input guard answers these with a 400 whatever the URL: characters anywhere, length in a query string.
REFUSED = {"GET": set(HOSTILE[:3]), "POST": set(HOSTILE[:2])}
QUERY_PARAMS = ["q", "cohort", "maand", "scheiding", "doelgroep", "label", "staat", "wegwijzer", "pagina", "stil"]
FORM_FIELDS = ["titel", "beschrijving", "naam", "email", "status", "notitie", "versie", "rol", "staat", "aanpak"]
# Rendering a PDF takes about a second: the guard's values and the markup are enough there.
SLOW = {"koppels:route_pdf", "pdf:minigids", "pdf:selectie"}
NO_POST = {"account_logout"}  # would end the session the rest of the run needs
ANON, MEMBER, OTHER, TEAM = "anoniem", "lid", "lid-elders", "programmateam"


class _Forms(HTMLParser):
    """The forms of a page: method, action and the names of their fields."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"), "names": set()}
            )
        elif tag in ("input", "select", "textarea", "button") and self.forms and attrs.get("name"):
            self.forms[-1]["names"].add(attrs["name"])


def _urls(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the admin's own views: its change lists are below
            # Namespaces nest (werkruimte:privacy:overzicht).
            ns = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from _urls(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, pattern


@pytest.fixture
def world(mailoutbox):
    gids = f.gids(aantal=2, acties=2)
    labels = f.labels()
    cohort = f.CohortFactory(slug="fuzz")
    koppel = f.KoppelFactory(cohort=cohort, initiatief=f.InitiatiefFactory(naam="NoordOogst", slug="noordoogst"))
    elders = f.KoppelFactory(cohort=cohort)
    member = koppel.lidmaatschappen.select_related("user").first().user
    other = elders.lidmaatschappen.select_related("user").first().user
    team = f.ProgrammateamFactory()
    for user in (member, other, team):
        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    obstakel = f.ObstakelFactory(koppel=koppel, titel="Vergunning", beschrijving="b", labels=[labels[0]])
    uitnodiging = services.invite(koppel=koppel, email="n@example.org", rol=Rol.AMBTENAAR, by=team)
    kwargs = {
        "pk": koppel.pk,
        "actie_pk": Actie.objects.first().pk,
        "wegwijzer": Actie.objects.first().wegwijzer.volgorde,  # an action by its number: /koppels/<pk>/acties/1.1/
        "nummer": Actie.objects.first().volgorde,
        "obstakel_pk": obstakel.pk,
        "uitnodiging_pk": uitnodiging.pk,
        "token": "onbekend-token",
        "key": "onbekend",
        "uidb36": "1",
        "formaat": "csv",
    }
    slugs = {"wegwijzers:detail": gids[0].slug, "werkruimte:initiatief_bewerken": "noordoogst"}
    return {
        "users": {ANON: None, MEMBER: member, OTHER: other, TEAM: team},
        "kwargs": kwargs,
        "slugs": slugs,
        "cohort": cohort,
    }


def _reverse(name: str, pattern: URLPattern, world) -> str | None:
    if name is None:
        return None
    groups = set(pattern.pattern.regex.groupindex)
    kwargs = {key: world["kwargs"][key] for key in groups if key in world["kwargs"]}
    if "slug" in groups:
        kwargs["slug"] = world["slugs"].get(name, world["cohort"].slug)
    if "pk" in groups and name.startswith("pdf:"):
        kwargs["pk"] = 999999
    if name == "pdf:editie":
        kwargs["formaat"] = "a4"  # an earlier edition's PDF: A5 or A4
    return reverse(name, kwargs=kwargs)


def _targets(world) -> list[tuple[str, str]]:
    targets = [(name, _reverse(name, pattern, world)) for name, pattern in _urls(get_resolver().url_patterns)]
    targets = [(name, url) for name, url in targets if url is not None]
    for model in admin.site._registry:
        opts = model._meta
        targets.append((f"admin:{opts.model_name}", reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")))
    return targets


def _reads_input(response) -> bool:
    """Whether the view got as far as reading input: not refused for this role, nor a redirect to the login."""
    if response.status_code in (403, 404, 405):
        return False
    return not (response.status_code == 302 and response["Location"].startswith(reverse("account_login")))


def _snapshot() -> tuple:
    models = (
        User,
        EmailAddress,
        Koppel,
        Lidmaatschap,
        Uitnodiging,
        Actiestap,
        Obstakel,
        Gebeurtenis,
        Cohort,
        Initiatief,
    )
    counts = tuple(model.objects.count() for model in models)
    return (
        *counts,
        tuple(Actiestap.objects.order_by("pk").values_list("versie", flat=True)),
        tuple(Obstakel.objects.order_by("pk").values_list("versie", flat=True)),
        Uitnodiging.objects.filter(revoked_at__isnull=False).count(),
    )


def _fields(html: str, url: str) -> tuple[set[str], set[str]]:
    parser = _Forms()
    parser.feed(html)
    query, post = set(QUERY_PARAMS), set(FORM_FIELDS)  # the CSRF token stays out: the test client skips the check
    for form in parser.forms:
        if form["action"] in (None, "", url, url.split("?")[0]):
            (post if form["method"] == "post" else query).update(form["names"] - {"csrfmiddlewaretoken"})
    return query, post


def _hostile_requests(client, name: str, url: str) -> list[tuple[str, dict, str]]:
    """(method, data, value) for every hostile value in every parameter and field this URL's page shows."""
    page = client.get(url)
    query, post = _fields("" if page.streaming else page.content.decode(errors="replace"), url)
    values = [*HOSTILE[:3], HOSTILE[-2]] if name in SLOW else HOSTILE
    # Where the role is turned away before any input is read (login, 403, 404, 405), the guard's value is enough.
    get_values = values if _reads_input(page) else values[:1]
    post_values = []
    if name not in NO_POST and page.status_code != 405 and not name.startswith("admin:"):
        post_values = values if _reads_input(client.post(url, {})) else values[:1]
    return [("GET", dict.fromkeys(query, value), value) for value in get_values] + [
        ("POST", dict.fromkeys(post, value), value) for value in post_values
    ]


def _problems(where: str, method: str, value: str, send) -> list[str]:
    """What is wrong with the answer to one hostile request (nothing, mostly)."""
    try:
        response = send()
    except Exception as error:  # noqa: BLE001 - the test client re-raises what would be a 500
        return [f"{where}: 500 ({error!r})"]
    problems = []
    if response.status_code >= 500:
        problems.append(f"{where}: {response.status_code}")
    if value in REFUSED[method] and response.status_code != 400:
        problems.append(f"{where}: {response.status_code}, expected the guard's 400")
    if not response.streaming and SCRIPT.encode() in response.content:
        problems.append(f"{where}: the script came back unescaped")
    return problems


@pytest.mark.parametrize("role", [ANON, OTHER, MEMBER, TEAM])
def test_hostile_input_never_gives_a_server_error(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    before = _snapshot()
    problems = []
    for name, url in _targets(world):
        if name.startswith("admin:") and role != TEAM:
            continue
        for method, data, value in _hostile_requests(client, name, url):
            send = client.get if method == "GET" else client.post
            problems += _problems(f"{role} {method} {url} {value[:30]!r}", method, value, partial(send, url, data))
    assert not problems, "\n".join(problems)
    if role in (ANON, OTHER):
        assert _snapshot() == before  # nothing they are not allowed to change, changed
