"""The programme team's workspace: access, progress, stalled koppels, obstacle insights, activity, guide edits."""

import re
from datetime import timedelta
from urllib.parse import quote

from django.urls import URLPattern, reverse
from django.utils import timezone

from koppels.models import Staat, Status, Uitnodiging
from koppels.werkruimte import urls as werkruimte_urls
from tests import factories as f
from tests.html import root

READ_ONLY = {"home", "cohort", "obstakels", "inzichten", "activiteit", "initiatieven", "wijzigingen"}


def workspace_urls_for(koppel, names=None) -> list[str]:
    """Every workspace URL, enumerated from the URLconf so a new page cannot escape the access test."""
    urls = []
    for pattern in werkruimte_urls.urlpatterns:
        if not isinstance(pattern, URLPattern):
            continue  # an included module (privacy/) has its own access matrix (tests/privacy/test_access.py)
        if names is not None and pattern.name not in names and not pattern.name.startswith("export"):
            continue
        route = str(pattern.pattern)
        kwargs = {}
        if "<slug:slug>" in route:
            kwargs["slug"] = koppel.initiatief.slug if "initiatie" in route else koppel.cohort.slug
        if "formaat" in route:
            kwargs["formaat"] = "csv"
        if "<int:pk>" in route:
            kwargs["pk"] = koppel.pk
        urls.append(reverse(f"werkruimte:{pattern.name}", kwargs=kwargs))
    return urls


class TestAccess:
    def test_only_the_programme_team_gets_in_the_logged_out_go_to_login_everyone_else_gets_404(self, client, gids):
        cohort = f.CohortFactory()
        koppel = f.KoppelFactory(cohort=cohort)
        lid = koppel.leden.first()
        buitenstaander = f.UserFactory()
        team = f.ProgrammateamFactory()
        inactief_team = f.UserFactory(is_staff=True, is_active=False)
        for url in workspace_urls_for(koppel):
            client.logout()
            response = client.get(url)
            assert response.status_code == 302, f"anonymous on {url}"
            assert response["Location"] == f"{reverse('account_login')}?next={quote(url)}"
            for user in (lid, buitenstaander):
                client.force_login(user)
                assert client.get(url).status_code == 404, f"{user} on {url}"
            client.force_login(inactief_team)  # an inactive account counts as logged out
            assert client.get(url).status_code == 302, f"{inactief_team} on {url}"
            client.force_login(team)
            response = client.get(url)
            if url.startswith("/werkruimte/edities/concept/") and url != "/werkruimte/edities/concept/":
                # Throwing away or publishing a draft without one: back to Edities, which says so.
                assert response.status_code == 303 and response["Location"] == reverse("werkruimte:edities")
            else:
                assert response.status_code == 200, f"team on {url}"

    def test_changes_by_others_are_404_and_change_nothing(self, client, gids):
        koppel = f.KoppelFactory(cohort=f.CohortFactory())
        for user in (None, koppel.leden.first(), f.UserFactory()):
            client.logout()
            if user:
                client.force_login(user)
            for url in workspace_urls_for(koppel):
                expected = 404 if user else 302  # logged out: to the login page
                assert client.post(url, {"naam": "Gekaapt", "jaar": 2030}).status_code == expected, url
        koppel.refresh_from_db()
        assert not koppel.is_gearchiveerd
        assert koppel.cohort.naam != "Gekaapt"

    def test_read_pages_refuse_post(self, team_client, gids):
        koppel = f.KoppelFactory(cohort=f.CohortFactory())
        for url in workspace_urls_for(koppel, names=READ_ONLY):
            assert team_client.post(url).status_code == 405, url

    def test_nav_shows_workspace_only_to_the_team(self, client, team_client, gids):
        response = team_client.get(reverse("werkruimte:home"))
        assert 'href="/werkruimte/"' in response.text


class TestCohortOverview:
    def test_table_and_chart_show_each_koppels_progress(self, team_client, gids):
        cohort = f.CohortFactory(naam="Pilot 2024", slug="pilot-2024")
        acties = [a for w in gids for a in w.acties.all()]
        noord = f.KoppelFactory(cohort=cohort, initiatief=f.InitiatiefFactory(naam="NoordOogst"))
        f.KoppelFactory(cohort=cohort, initiatief=f.InitiatiefFactory(naam="Zuiderlicht"))
        f.stap(koppel=noord, actie=acties[0], status=Status.GEDAAN)
        f.stap(koppel=noord, actie=acties[1], status=Status.NVT)
        f.stap(koppel=noord, actie=acties[2], status=Status.BEZIG)
        f.stap(koppel=noord, actie=acties[3], status=Status.OPEN)

        response = team_client.get(reverse("werkruimte:cohort", kwargs={"slug": cohort.slug}))
        html = response.text
        assert response.status_code == 200
        # Wegwijzer 1: both actions closed (gedaan + nvt); overall 2 of 6 (33%), 1 bezig.
        rij = re.search(r"NoordOogst.*?</tr>", html, re.S).group(0)
        cellen = re.findall(r'<td class="getal">(.*?)</td>', rij, re.S)
        assert cellen[0].startswith("2/2")
        assert cellen[1].startswith("0/2") and "1 bezig" in cellen[1]
        assert cellen[3].startswith("<strong>2/6</strong>") and "33%" in cellen[3]
        assert re.search(r"Zuiderlicht.*?<strong>0/6</strong>", html, re.S)
        # Members and pending invitations, linking to the koppel's page where the team invites, resends, revokes.
        assert re.search(r'href="/koppels/\d+/#leden">2 leden', rij)
        Uitnodiging.objects.create(
            koppel=noord,
            email="nieuw@example.org",
            rol="ambtenaar",
            token_hash="x" * 64,
            expires_at=timezone.now() + timedelta(days=3),
        )
        html = team_client.get(reverse("werkruimte:cohort", kwargs={"slug": cohort.slug})).text
        assert "2 leden, 1 uitnodiging open" in re.search(r"NoordOogst.*?</tr>", html, re.S).group(0)

        # The chart: an image with a title and a description carrying the same numbers as the table.
        svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
        assert 'role="img"' in svg and 'aria-labelledby="grafiek-titel grafiek-uitleg"' in svg
        assert re.search(r'<title id="grafiek-titel">Afgeronde acties per koppel in Pilot 2024</title>', svg)
        desc = re.search(r'<desc id="grafiek-uitleg">(.*?)</desc>', svg, re.S).group(1)
        assert "NoordOogst: 2 van 6 acties afgerond (33%), 1 bezig." in desc
        assert "Zuiderlicht: 0 van 6 acties afgerond (0%), 0 bezig." in desc
        # Bars are SVG attributes (no inline style, which the CSP forbids); widths use a dot, never a comma.
        assert "style=" not in svg
        assert re.search(r'class="grafiek__klaar" x="0" y="\d+" width="106.7"', svg)

    def test_last_activity_and_archived_koppels_are_shown(self, team_client, gids):
        cohort = f.CohortFactory()
        koppel = f.KoppelFactory(cohort=cohort, initiatief=f.InitiatiefFactory(naam="Archief"))
        koppel.gearchiveerd_at = timezone.now()
        koppel.laatste_activiteit_at = timezone.make_aware(timezone.datetime(2025, 3, 14, 12))
        koppel.save()
        html = team_client.get(reverse("werkruimte:cohort", kwargs={"slug": cohort.slug})).text
        assert "14 mrt 2025" in html
        assert "gearchiveerd" in html
        # Archived koppels stay in the table but not in the chart or among the stalled ones.
        svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
        assert "Archief" not in svg
        assert "Geen koppels zonder wijziging" in html

    def test_stalled_koppels_follow_the_chosen_number_of_weeks(self, team_client, gids, settings):
        settings.WERKRUIMTE_STIL_NA_WEKEN = 3
        cohort = f.CohortFactory()
        stil = f.KoppelFactory(cohort=cohort, initiatief=f.InitiatiefFactory(naam="Stille Stek"))
        stil.laatste_activiteit_at = timezone.now() - timedelta(weeks=5)
        stil.save()
        f.KoppelFactory(cohort=cohort, initiatief=f.InitiatiefFactory(naam="Druk Bezig"))
        url = reverse("werkruimte:cohort", kwargs={"slug": cohort.slug})

        sectie = stilgevallen(team_client.get(url).text)
        assert "Stille Stek" in sectie and "Druk Bezig" not in sectie
        sectie = stilgevallen(team_client.get(url, {"weken": 6}).text)
        assert "Stille Stek" not in sectie
        assert "Geen koppels zonder wijziging in de afgelopen 6 weken" in sectie

    def test_bad_number_of_weeks_gives_a_dutch_message_and_the_default(self, team_client, gids, settings):
        settings.WERKRUIMTE_STIL_NA_WEKEN = 3
        cohort = f.CohortFactory()
        url = reverse("werkruimte:cohort", kwargs={"slug": cohort.slug})
        for waarde, melding in (("drie", "Vul een heel aantal weken in."), ("0", "Vul minstens 1 week in.")):
            response = team_client.get(url, {"weken": waarde})
            assert response.status_code == 400
            assert melding in response.text
            assert "We tonen nu 3 weken." in response.text
            assert 'aria-invalid="true"' in response.text

    def test_htmx_gets_only_the_stalled_section(self, team_client, gids):
        cohort = f.CohortFactory()
        response = team_client.get(reverse("werkruimte:cohort", kwargs={"slug": cohort.slug}), HTTP_HX_REQUEST="true")
        assert response.template_name == "werkruimte/cohort_detail.html#stilgevallen"
        # Django records a partial under its own name; the page and base templates are not rendered.
        assert [t.name for t in response.templates] == ["stilgevallen"]
        assert (root(response.text).tag, root(response.text).attrs["id"]) == ("section", "stilgevallen")
        assert "data-announce=" in response.text
        assert "HX-Request" in response["Vary"]

    def test_unknown_cohort_is_404(self, team_client, db):
        assert team_client.get(reverse("werkruimte:cohort", kwargs={"slug": "bestaat-niet"})).status_code == 404


def stilgevallen(html: str) -> str:
    return re.search(r'<section id="stilgevallen".*?</section>', html, re.S).group(0)


class TestHome:
    def test_cohorts_with_headline_figures_and_recent_activity(self, team_client, gids):
        cohort = f.CohortFactory(naam="Pilot 2024")
        koppel = f.KoppelFactory(cohort=cohort)
        f.ObstakelFactory(koppel=koppel, staat=Staat.IN_BEHANDELING)
        f.ObstakelFactory(koppel=koppel, staat=Staat.WEGGENOMEN)
        f.GebeurtenisFactory(
            koppel=koppel, user=koppel.leden.first(), omschrijving="Zette ‘Ga het gesprek aan’ op gedaan."
        )
        html = team_client.get(reverse("werkruimte:home")).text
        assert "Pilot 2024" in html
        kaart = re.search(r"Pilot 2024.*?</dl>", html, re.S).group(0)
        assert re.search(
            rf'Open obstakels</dt><dd><a [^>]*href="/werkruimte/obstakels/\?cohort={cohort.slug}&amp;staat=open">1</a>',
            kaart,
        )
        assert re.search(r"Koppels</dt><dd>1</dd>", kaart)
        assert "Zette ‘Ga het gesprek aan’ op gedaan." in html
