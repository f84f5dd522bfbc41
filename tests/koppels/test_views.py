import re

import pytest
from django.urls import reverse

from koppels import services
from koppels.models import Actiestap, Obstakel, Rol, Staat, Status
from tests import factories as f
from wegwijzers.models import Actie, Doelgroep, Label

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(koppel, actie, suffix: str = "") -> str:
    kwargs = {"pk": koppel.pk, "wegwijzer": actie.wegwijzer.volgorde, "nummer": actie.volgorde}
    return reverse(f"koppels:actie{suffix}", kwargs=kwargs)


def _status_url(koppel, actie) -> str:
    return _url(koppel, actie, "_status")


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _add_activity(koppel, n: int = 3):
    """More of everything a koppel's pages show, to prove their query counts do not grow."""
    user = f.member_of(koppel)
    for actie in Actie.objects.all()[:n]:
        versie = Actiestap.objects.get(koppel=koppel, actie=actie).versie
        stap = services.set_actie(koppel=koppel, actie=actie, status=Status.BEZIG, notitie="a", versie=versie, by=user)
        services.set_actie(koppel=koppel, actie=actie, status=Status.GEDAAN, notitie="b", versie=stap.versie, by=user)
    for i in range(n):
        services.create_obstakel(
            koppel=koppel,
            titel=f"Obstakel {i}",
            beschrijving="b",
            labels=Label.objects.all(),
            by=user,
            actie=Actie.objects.last(),
        )


class TestKoppelList:
    def test_member_sees_own_koppels_with_role_and_progress(self, client):
        persoon = f.UserFactory()
        eigen = f.koppel_met_gids(ambtenaar=persoon, initiatief__naam="Buurtkeuken")
        f.koppel_met_gids(initiatief__naam="Andermans initiatief")
        client.force_login(persoon)
        response = client.get(reverse("koppels:list"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Buurtkeuken" in html and "Andermans initiatief" not in html
        assert "Jouw rol: ambtenaar" in html
        assert "0 van 6 acties afgerond" in html
        assert eigen.get_absolute_url() in html

    def test_programme_team_sees_all(self, client):
        f.koppel_met_gids(initiatief__naam="Een")
        f.koppel_met_gids(initiatief__naam="Twee")
        client.force_login(f.UserFactory(is_staff=True))
        html = client.get(reverse("koppels:list")).content.decode()
        assert "Een" in html and "Twee" in html

    def test_login_lands_on_mijn_koppels(self, client):
        user = f.UserFactory(email="lid@example.org", password=f.PASSWORD)
        response = client.post(
            reverse("account_login"), {"login": "lid@example.org", "password": "een-goed-wachtwoord-42"}
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("koppels:list")
        assert client.get(reverse("koppels:list")).context["user"] == user

    def test_the_programme_team_lands_on_the_werkruimte(self, client):
        f.UserFactory(email="team@example.org", is_staff=True, password=f.PASSWORD)
        response = client.post(
            reverse("account_login"), {"login": "team@example.org", "password": "een-goed-wachtwoord-42"}
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("werkruimte:home")

    def test_fixed_number_of_queries(self, client, django_assert_num_queries):
        persoon = f.UserFactory()
        koppels = [f.koppel_met_gids(ambtenaar=persoon)]
        client.force_login(persoon)
        with django_assert_num_queries(6):
            client.get(reverse("koppels:list"))
        koppels += [f.koppel_met_gids(ambtenaar=persoon) for _ in range(3)]
        for koppel in koppels:
            _add_activity(koppel, 2)
        with django_assert_num_queries(6):
            client.get(reverse("koppels:list"))


class TestTaskList:
    def test_one_line_per_action_with_number_audience_status_who_note_and_obstacles(self, client):
        koppel = f.koppel_met_gids(initiatief__naam="Buurtkeuken")
        user = f.member_of(koppel)
        _add_activity(koppel, 1)
        client.force_login(user)
        response = client.get(koppel.get_absolute_url())
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Buurtkeuken</h1>" in html
        assert "1 van 6</strong> acties afgerond" in html
        assert html.count('class="taak taak--') == 6
        first = Actie.objects.first()
        row = re.search(rf'<li id="actie-{first.pk}".*?</li>', html, re.S).group(0)
        assert f'href="{_url(koppel, first)}"' in row
        assert '<span class="taak__nummer">1.1&nbsp;</span>' in row
        assert '<strong class="status status--gedaan">Gedaan</strong>' in row
        assert user.naam in row and "<span>notitie</span>" in row
        last = Actie.objects.last()
        row = re.search(rf'<li id="actie-{last.pk}".*?</li>', html, re.S).group(0)
        assert "1 open obstakel" in row
        assert "Obstakel 0" in html
        assert "Uitnodigingen" not in html  # only the programme team manages invitations
        assert f'href="{reverse("koppels:route_pdf", kwargs={"pk": koppel.pk})}"' in html
        assert "Fout:" not in _title(html)

    def test_next_steps_put_the_roles_audience_first(self, client):
        koppel = f.koppel_met_gids()
        acties = list(Actie.objects.all())
        Actie.objects.filter(pk__in=[a.pk for a in acties[:3]]).update(doelgroep=Doelgroep.INITIATIEFNEMER)
        ambtenaar = koppel.lidmaatschappen.get(rol=Rol.AMBTENAAR).user
        client.force_login(ambtenaar)
        html = client.get(koppel.get_absolute_url()).content.decode()
        volgende = re.search(r'<section id="volgende".*?</section>', html, re.S).group(0)
        assert re.findall(r'taak__nummer">([\d.]+)&nbsp;<', volgende) == ["2.1", "2.2", "2.3"]
        client.force_login(koppel.lidmaatschappen.get(rol=Rol.INITIATIEFNEMER).user)
        html = client.get(koppel.get_absolute_url()).content.decode()
        volgende = re.search(r'<section id="volgende".*?</section>', html, re.S).group(0)
        assert re.findall(r'taak__nummer">([\d.]+)&nbsp;<', volgende) == ["1.1", "1.2", "1.3"]

    def test_filters_live_in_the_url_and_never_hide_the_totals(self, client):
        koppel = f.koppel_met_gids()
        user = koppel.lidmaatschappen.get(rol=Rol.AMBTENAAR).user
        acties = list(Actie.objects.all())
        Actie.objects.filter(pk=acties[0].pk).update(doelgroep=Doelgroep.INITIATIEFNEMER)
        services.set_actie(koppel=koppel, actie=acties[1], status=Status.GEDAAN, notitie="", versie=0, by=user)
        services.create_obstakel(koppel=koppel, titel="t", beschrijving="b", actie=acties[2], by=user)
        client.force_login(user)
        url = koppel.get_absolute_url()

        def shown(query: str) -> list[str]:
            html = client.get(f"{url}?{query}").content.decode()
            assert "1 van 6</strong> acties afgerond" in html
            return re.findall(r'<a class="taak__link" href="[^"]*"><span class="taak__nummer">([\d.]+)', html)

        assert shown("") == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]
        assert shown("status=gedaan") == ["1.2"]
        assert shown("voor=mij") == ["1.2", "1.3", "2.1", "2.2", "2.3"]
        assert shown("obstakels=open") == ["1.3"]
        assert shown("status=open&voor=mij&obstakels=open") == ["1.3"]
        assert shown("status=kapot") == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]  # nonsense: no filter
        html = client.get(f"{url}?status=nvt").content.decode()
        assert "Geen acties bij dit filter." in html

    def test_htmx_filter_answers_the_list_only(self, client):
        koppel = f.koppel_met_gids()
        client.force_login(f.member_of(koppel))
        response = client.get(koppel.get_absolute_url(), {"status": "open"}, **HTMX)
        assert response.status_code == 200
        assert response.template_name == "koppels/koppel_detail.html#route-lijst"
        assert "HX-Request" in response["Vary"]
        html = response.content.decode()
        assert html.lstrip().startswith('<div id="route-lijst"')
        assert 'data-announce="6 van 6 acties getoond."' in html

    def test_fixed_number_of_queries_whatever_the_activity(self, client, django_assert_num_queries):
        koppel = f.koppel_met_gids()
        _add_activity(koppel, 1)
        client.force_login(f.member_of(koppel))
        with django_assert_num_queries(8):
            client.get(koppel.get_absolute_url())
        _add_activity(koppel, 5)
        with django_assert_num_queries(8):
            client.get(koppel.get_absolute_url())
        with django_assert_num_queries(8):
            client.get(koppel.get_absolute_url(), {"status": "gedaan", "obstakels": "open"}, **HTMX)


class TestQuickStatusChange:
    def setup_koppel(self, client):
        koppel = f.koppel_met_gids()
        user = f.member_of(koppel)
        client.force_login(user)
        return koppel, user, Actie.objects.first()

    def test_htmx_returns_the_line_with_a_visible_confirmation_and_progress_out_of_band(self, client):
        koppel, user, actie = self.setup_koppel(client)
        services.set_actie(koppel=koppel, actie=actie, status=Status.BEZIG, notitie="Mijn notitie", versie=0, by=user)
        response = client.post(_status_url(koppel, actie), {"status": Status.GEDAAN, "versie": 1}, **HTMX)
        assert response.status_code == 200
        assert response.template_name == "koppels/koppel_detail.html#actie-antwoord"
        assert "HX-Request" in response["Vary"]
        html = response.content.decode()
        assert "<html" not in html
        assert html.lstrip().startswith(f'<li id="actie-{actie.pk}"')
        assert 'data-announce="Actie 1.1 is opgeslagen als gedaan."' in html
        assert re.search(r'taak__bevestiging"[^>]*data-focus-bij-laden>Actie 1.1 is opgeslagen als gedaan.<', html)
        assert '<summary data-focus><strong class="status status--gedaan">Gedaan</strong>' in html
        assert 'id="voortgang" class="voortgang-blok" data-hx-swap-oob="true"' in html
        assert f'id="voortgang-{actie.wegwijzer.slug}"' in html
        assert 'id="volgende" class="volgende" aria-labelledby="volgende-kop" data-hx-swap-oob="true"' in html
        assert "1 van 6</strong> acties afgerond" in html
        stap = Actiestap.objects.get(koppel=koppel, actie=actie)
        assert (stap.status, stap.notitie, stap.versie) == (Status.GEDAAN, "Mijn notitie", 2)  # the note stays

    def test_without_javascript_303_back_to_the_line_with_the_same_confirmation(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        response = client.post(
            _status_url(koppel, actie), {"status": Status.BEZIG, "versie": 0, "filter": "status=open&x=<y>"}
        )
        assert response.status_code == 303
        assert response["Location"] == f"{koppel.get_absolute_url()}?status=open&opgeslagen=1.1#actie-{actie.pk}"
        assert Actiestap.objects.get(koppel=koppel, actie=actie).status == Status.BEZIG
        html = client.get(response["Location"]).content.decode()
        row = re.search(rf'<li id="actie-{actie.pk}".*?</li>', html, re.S)
        assert row is None  # the filter (open) was kept: the action is "bezig" now
        html = client.get(f"{koppel.get_absolute_url()}?opgeslagen=1.1").content.decode()
        row = re.search(rf'<li id="actie-{actie.pk}".*?</li>', html, re.S).group(0)
        assert "Actie 1.1 is opgeslagen als bezig." in row and "data-focus-bij-laden" in row

    def test_stale_change_is_409_with_the_current_state_at_the_line(self, client):
        koppel, user, actie = self.setup_koppel(client)
        partner = koppel.lidmaatschappen.exclude(user=user).get().user
        services.set_actie(koppel=koppel, actie=actie, status=Status.GEDAAN, notitie="", versie=0, by=partner)

        response = client.post(_status_url(koppel, actie), {"status": Status.BEZIG, "versie": 0}, **HTMX)
        assert response.status_code == 409
        html = response.content.decode()
        assert f"{partner.naam} heeft actie 1.1 intussen gewijzigd naar ‘gedaan’" in html
        assert "(‘bezig’)" in html
        assert '<strong class="status status--gedaan">' in html
        assert 'name="versie" value="1"' in html
        assert "data-hx-swap-oob" not in html
        assert Actiestap.objects.get(koppel=koppel, actie=actie).status == Status.GEDAAN

        page = client.post(_status_url(koppel, actie), {"status": Status.BEZIG, "versie": 0})
        assert page.status_code == 409
        html = page.content.decode()
        assert _title(html).startswith("Fout: ")
        assert f'<a href="#actie-{actie.pk}-fout">' in html  # the error summary links to the line
        assert f'id="actie-{actie.pk}-fout"' in html

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"status": "klaar", "versie": 0}, "Kies een van de statussen"),
            ({"versie": 0}, "Kies een status"),
            ({"status": Status.GEDAAN, "versie": "abc"}, "Laad de pagina opnieuw"),
        ],
    )
    def test_invalid_or_tampered_input_is_422_and_nothing_changes(self, client, data, message):
        koppel, user, actie = self.setup_koppel(client)
        services.set_actie(koppel=koppel, actie=actie, status=Status.BEZIG, notitie="Bewaard", versie=0, by=user)
        response = client.post(_status_url(koppel, actie), data, **HTMX)
        assert response.status_code == 422
        assert message in response.content.decode()
        stap = Actiestap.objects.get(koppel=koppel, actie=actie)
        assert (stap.status, stap.notitie, stap.versie) == (Status.BEZIG, "Bewaard", 1)
        page = client.post(_status_url(koppel, actie), data)
        assert page.status_code == 422 and _title(page.content.decode()).startswith("Fout: ")

    def test_archived_koppel_refuses_changes_with_409(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        services.archive_koppel(koppel=koppel, by=None)
        response = client.post(_status_url(koppel, actie), {"status": Status.GEDAAN, "versie": 0}, **HTMX)
        assert response.status_code == 409
        assert "gearchiveerd" in response.content.decode()
        page = client.get(koppel.get_absolute_url()).content.decode()
        assert "Gearchiveerd op" in page and "Status wijzigen" not in page
        assert Actiestap.objects.get(koppel=koppel, actie=actie).status == Status.OPEN

    def test_get_does_not_change_anything(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        assert client.get(_status_url(koppel, actie), {"status": Status.GEDAAN, "versie": 0}).status_code == 405

    def test_htmx_answer_shows_what_the_page_shows_after_the_change(self, client):
        """The answer is built without the whole route: its line, progress and next steps equal the page's."""
        koppel = f.koppel_met_gids()
        ambtenaar = koppel.lidmaatschappen.get(rol=Rol.AMBTENAAR).user
        client.force_login(ambtenaar)
        acties = list(Actie.objects.select_related("wegwijzer"))
        Actie.objects.filter(pk__in=[acties[0].pk, acties[4].pk]).update(doelgroep=Doelgroep.INITIATIEFNEMER)
        f.stap(koppel=koppel, actie=acties[1], status=Status.NVT, door=ambtenaar)
        f.stap(koppel=koppel, actie=acties[2], status=Status.BEZIG, notitie="n", door=ambtenaar)
        Actiestap.objects.filter(koppel=koppel, actie=acties[5]).delete()  # no row yet: counts as open
        actie = acties[3]
        for staat in (Staat.GESIGNALEERD, Staat.IN_BEHANDELING, Staat.WEGGENOMEN):
            obstakel = services.create_obstakel(koppel=koppel, titel=staat, beschrijving="b", actie=actie, by=ambtenaar)
            Obstakel.objects.filter(pk=obstakel.pk).update(staat=staat)
        services.create_obstakel(koppel=koppel, titel="elders", beschrijving="b", actie=acties[2], by=ambtenaar)

        response = client.post(_status_url(koppel, actie), {"status": Status.GEDAAN, "versie": 0}, **HTMX)
        assert response.status_code == 200
        answer = response.content.decode().replace(' data-hx-swap-oob="true"', "")
        page = client.get(f"{koppel.get_absolute_url()}?opgeslagen=2.1").content.decode()

        def part(html: str, pattern: str) -> str:
            found = re.search(pattern, html, re.S).group(0)
            return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", found)

        slug = actie.wegwijzer.slug
        for pattern in (
            rf'<li id="actie-{actie.pk}".*?</li>',
            r'<div id="voortgang".*?</div>',
            rf'<p id="voortgang-{slug}".*?</p>',
            r'<section id="volgende".*?</section>',
        ):
            assert part(answer, pattern) == part(page, pattern)
        row = part(answer, rf'<li id="actie-{actie.pk}".*?</li>')
        assert "2 open obstakels" in row and "Actie 2.1 is opgeslagen als gedaan." in row
        assert "2 van 6</strong> acties afgerond" in answer
        assert "(1 gedaan, 1 niet van toepassing, 1 bezig, 3 open)" in answer
        assert "<span>1 van 3 afgerond</span>" in part(answer, rf'<p id="voortgang-{slug}".*?</p>')
        volgende = part(answer, r'<section id="volgende".*?</section>')
        assert re.findall(r'taak__nummer">([\d.]+)&nbsp;<', volgende) == ["1.3", "2.3", "1.1"]

    def test_fixed_number_of_queries(self, client, django_assert_num_queries):
        """session, user, koppel, action; savepoint, locked row, update, history, log, koppel's last activity,
        release; the route's statuses, the role: whatever the history."""
        koppel, _user, _actie = self.setup_koppel(client)
        acties = list(Actie.objects.select_related("wegwijzer"))
        for i, extra in enumerate((1, 5)):
            _add_activity(koppel, extra)
            actie = acties[-1 - i]
            stap = Actiestap.objects.get(koppel=koppel, actie=actie)
            status = Status.OPEN if stap.status != Status.OPEN else Status.BEZIG
            url = _status_url(koppel, actie)
            with django_assert_num_queries(13):
                response = client.post(url, {"status": status, "versie": stap.versie}, **HTMX)
            assert response.status_code == 200


class TestActionPage:
    def setup_koppel(self, client):
        koppel = f.koppel_met_gids()
        user = f.member_of(koppel)
        client.force_login(user)
        return koppel, user, Actie.objects.get(wegwijzer__volgorde=1, volgorde=2)

    def test_the_action_in_full_with_its_guidance_form_obstacles_and_neighbours(self, client):
        koppel, user, actie = self.setup_koppel(client)
        wegwijzer = actie.wegwijzer
        wegwijzer.doel = "Het doel van deze wegwijzer."
        wegwijzer.aanpak = "Eerst iets anders.\n\nDoe iets nuttigs met elkaar.\n\nTot slot."
        wegwijzer.save()
        leesitem = wegwijzer.leesitems.create(volgorde=9, titel="Handboek samenwerken")
        leesitem.links.create(volgorde=9, url="https://example.org/handboek")
        services.create_obstakel(koppel=koppel, titel="Loket dicht", beschrijving="b", actie=actie, by=user)
        response = client.get(f"/koppels/{koppel.pk}/acties/1.2/")
        assert response.status_code == 200
        html = response.content.decode()
        assert _title(html).startswith("Actie 1.2 · ")
        assert actie.tekst in html
        assert "Het doel van deze wegwijzer." in html
        uit_aanpak = re.search(r"<h3>Uit de aanpak</h3>\s*<div class=\"prose\">(.*?)</div>", html, re.S).group(1)
        assert "Doe iets nuttigs met elkaar." in uit_aanpak and "Tot slot" not in uit_aanpak
        assert "Handboek samenwerken" in html and 'href="https://example.org/handboek"' in html
        assert f'href="{actie.get_absolute_url()}"' in html
        assert "Loket dicht" in html
        assert f'href="{reverse("koppels:obstakel_create", kwargs={"pk": koppel.pk})}?actie={actie.pk}"' in html
        assert f'href="/koppels/{koppel.pk}/acties/1.1/" rel="prev"' in html
        assert f'href="/koppels/{koppel.pk}/acties/1.3/" rel="next"' in html
        assert "data-bewaak" in html  # leaving with unsaved input asks first (static/js/site.js)

    def test_history_is_paged(self, client):
        koppel, user, actie = self.setup_koppel(client)
        for i in range(15):
            versie = Actiestap.objects.get(koppel=koppel, actie=actie).versie
            status = Status.BEZIG if i % 2 else Status.GEDAAN
            services.set_actie(koppel=koppel, actie=actie, status=status, notitie=f"stap {i}", versie=versie, by=user)
        html = client.get(_url(koppel, actie)).content.decode()
        assert "‘stap 14’" in html and "‘stap 5’" in html and "‘stap 4’" not in html
        assert "Pagina 1 van 2" in html
        html = client.get(_url(koppel, actie), {"pagina": 2}).content.decode()
        assert "‘stap 4’" in html and "‘stap 0’" in html and "‘stap 5’" not in html

    def test_fixed_number_of_queries(self, client, django_assert_num_queries):
        koppel, _user, _actie = self.setup_koppel(client)
        _add_activity(koppel, 1)
        actie = Actie.objects.first()
        client.get(_url(koppel, actie))  # warm: what a process loads once (content types and the like)
        with django_assert_num_queries(11):
            client.get(_url(koppel, actie))
        _add_activity(koppel, 6)
        with django_assert_num_queries(11):
            client.get(_url(koppel, actie))

    def test_save_without_javascript_303_to_the_page_with_a_confirmation(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        response = client.post(_url(koppel, actie), {"status": Status.GEDAAN, "notitie": "Gelukt", "versie": 0})
        assert response.status_code == 303
        assert response["Location"] == f"{_url(koppel, actie)}?opgeslagen=1"
        html = client.get(response["Location"]).content.decode()
        assert re.search(r'<div class="bevestiging" role="status" tabindex="-1" data-focus-bij-laden><p>'
                         r"Actie 1.2 is opgeslagen als gedaan.</p>", html)  # fmt: skip
        stap = Actiestap.objects.get(koppel=koppel, actie=actie)
        assert (stap.status, stap.notitie, stap.versie) == (Status.GEDAAN, "Gelukt", 1)

    def test_invalid_input_is_422_with_an_error_summary_and_the_note_kept(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        response = client.post(_url(koppel, actie), {"notitie": "Nog niet kwijt", "versie": 0})
        assert response.status_code == 422
        html = response.content.decode()
        assert _title(html).startswith("Fout: ")
        assert '<a href="#id_status_0">Kies een status: open, bezig, gedaan of niet van toepassing.</a>' in html
        assert "Nog niet kwijt</textarea>" in html
        assert not Actiestap.objects.filter(koppel=koppel, actie=actie).exclude(status=Status.OPEN).exists()

    def test_stale_save_is_409_with_the_current_state_and_my_input_kept(self, client):
        koppel, user, actie = self.setup_koppel(client)
        partner = koppel.lidmaatschappen.exclude(user=user).get().user
        services.set_actie(koppel=koppel, actie=actie, status=Status.NVT, notitie="Van partner", versie=0, by=partner)
        response = client.post(_url(koppel, actie), {"status": Status.BEZIG, "notitie": "Mijn tekst", "versie": 0})
        assert response.status_code == 409
        html = response.content.decode()
        assert _title(html).startswith("Fout: ")
        assert f"{partner.naam} heeft deze actie intussen gewijzigd" in html
        assert "Van partner" in html and "Mijn tekst</textarea>" in html
        assert f'value="{Status.BEZIG}" id="id_status_1" checked' in html or re.search(
            r'value="bezig"[^>]*checked', html
        )
        assert 'name="versie" value="1"' in html
        stap = Actiestap.objects.get(koppel=koppel, actie=actie)
        assert (stap.status, stap.notitie) == (Status.NVT, "Van partner")

    def test_archived_koppel_is_read_only(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        services.archive_koppel(koppel=koppel, by=None)
        assert "<textarea" not in client.get(_url(koppel, actie)).content.decode()
        response = client.post(_url(koppel, actie), {"status": Status.GEDAAN, "notitie": "x", "versie": 0})
        assert response.status_code == 409
        assert "gearchiveerd" in response.content.decode()

    def test_an_unknown_number_is_404(self, client):
        koppel, _user, _actie = self.setup_koppel(client)
        assert client.get(f"/koppels/{koppel.pk}/acties/9.9/").status_code == 404


class TestObstakelViews:
    def setup_koppel(self, client):
        koppel = f.koppel_met_gids()
        user = f.member_of(koppel)
        client.force_login(user)
        return koppel, user

    def test_report_from_an_action_fills_it_in_and_leads_back_to_it(self, client):
        koppel, _user = self.setup_koppel(client)
        actie = Actie.objects.last()
        url = reverse("koppels:obstakel_create", kwargs={"pk": koppel.pk})
        html = client.get(url, {"actie": actie.pk}).content.decode()
        assert re.search(rf'<option value="{actie.pk}" selected>', html)
        response = client.post(
            f"{url}?actie={actie.pk}",
            {"titel": "Loket dicht", "beschrijving": "Niemand nam op.", "staat": Staat.GESIGNALEERD, "actie": actie.pk},
        )
        assert response.status_code == 303
        assert response["Location"] == f"{_url(koppel, actie)}#obstakels"
        html = client.get(response["Location"]).content.decode()
        assert "Obstakel ‘Loket dicht’ is opgeslagen." in html
        assert Obstakel.objects.get().actie == actie

    def test_report_without_action_redirects_to_the_card(self, client):
        koppel, _user = self.setup_koppel(client)
        response = client.post(
            reverse("koppels:obstakel_create", kwargs={"pk": koppel.pk}),
            {"titel": "Loket dicht", "beschrijving": "Niemand nam op.", "staat": Staat.GESIGNALEERD},
        )
        obstakel = Obstakel.objects.get()
        assert response.status_code == 303
        assert response["Location"] == f"{koppel.get_absolute_url()}#obstakel-{obstakel.pk}"

    def test_invalid_report_is_422_with_a_summary_and_keeps_what_was_typed(self, client):
        koppel, _user = self.setup_koppel(client)
        response = client.post(
            reverse("koppels:obstakel_create", kwargs={"pk": koppel.pk}),
            {"titel": "", "beschrijving": "Wat ik al schreef", "staat": "kapot"},
        )
        assert response.status_code == 422
        html = response.content.decode()
        assert _title(html).startswith("Fout: ")
        assert '<a href="#id_titel">Geef het obstakel een korte titel.</a>' in html
        assert "Wat ik al schreef" in html
        assert not Obstakel.objects.exists()

    def test_edit_form_and_update_with_htmx(self, client):
        koppel, user = self.setup_koppel(client)
        obstakel = services.create_obstakel(koppel=koppel, titel="Loket dicht", beschrijving="b", by=user)
        url = reverse("koppels:obstakel_update", kwargs={"pk": koppel.pk, "obstakel_pk": obstakel.pk})

        form = client.get(url, **HTMX)
        assert form.template_name == "koppels/obstakel_form.html#obstakel-bewerken"
        assert "<html" not in form.content.decode()

        response = client.post(
            url,
            {"titel": "Loket dicht", "beschrijving": "b", "staat": Staat.WEGGENOMEN, "aanpak": "Gebeld", "versie": 0},
            **HTMX,
        )
        assert response.status_code == 200
        assert response.template_name == "koppels/koppel_detail.html#obstakel-kaart"
        assert "Weggenomen" in response.content.decode()
        obstakel.refresh_from_db()
        assert (obstakel.staat, obstakel.aanpak, obstakel.versie) == (Staat.WEGGENOMEN, "Gebeld", 1)

    def test_edit_page_and_update_without_javascript(self, client):
        koppel, user = self.setup_koppel(client)
        obstakel = services.create_obstakel(koppel=koppel, titel="Loket dicht", beschrijving="b", by=user)
        url = reverse("koppels:obstakel_update", kwargs={"pk": koppel.pk, "obstakel_pk": obstakel.pk})
        page = client.get(url)
        assert page.template_name == "koppels/obstakel_form.html"
        assert "<html" in page.content.decode()
        response = client.post(url, {"titel": "", "beschrijving": "b", "staat": Staat.STRUCTUREEL, "versie": 0})
        assert response.status_code == 422
        assert _title(response.content.decode()).startswith("Fout: ")
        response = client.post(
            url, {"titel": "Loket dicht", "beschrijving": "b", "staat": Staat.STRUCTUREEL, "versie": 0}
        )
        assert response.status_code == 303
        assert response["Location"].endswith(f"#obstakel-{obstakel.pk}")

    def test_stale_update_is_409_and_shows_current_and_mine(self, client):
        koppel, user = self.setup_koppel(client)
        obstakel = services.create_obstakel(koppel=koppel, titel="Loket dicht", beschrijving="b", by=user)
        services.update_obstakel(
            obstakel=obstakel, versie=0, by=user, titel="Loket dicht", beschrijving="b", staat=Staat.WEGGENOMEN
        )
        url = reverse("koppels:obstakel_update", kwargs={"pk": koppel.pk, "obstakel_pk": obstakel.pk})
        data = {"titel": "Loket dicht", "beschrijving": "Mijn versie", "staat": Staat.STRUCTUREEL, "versie": 0}
        response = client.post(url, data, **HTMX)
        assert response.status_code == 409
        html = response.content.decode()
        assert "heeft dit obstakel intussen gewijzigd" in html
        assert "Mijn versie" in html
        assert '<option value="weggenomen" selected>' in html
        assert Obstakel.objects.get(pk=obstakel.pk).staat == Staat.WEGGENOMEN
        page = client.post(url, data)
        assert page.status_code == 409
        assert f'<a href="#obstakel-{obstakel.pk}-fout">' in page.content.decode()

    def test_a_correction_in_the_admin_makes_a_members_older_form_stale(self, client, admin_client):
        koppel, user = self.setup_koppel(client)
        obstakel = services.create_obstakel(koppel=koppel, titel="Loket dicht", beschrijving="b", by=user)
        admin_url = reverse("admin:koppels_obstakel_change", args=[obstakel.pk])
        page = admin_client.get(admin_url).content.decode()
        gezien = re.search(r'name="bewerkversie" value="([^"]+)"', page).group(1)
        correctie = {"koppel": koppel.pk, "titel": "Loket dicht", "beschrijving": "Gecorrigeerd door het team"}
        response = admin_client.post(admin_url, {**correctie, "staat": Staat.IN_BEHANDELING, "bewerkversie": gezien})
        assert response.status_code == 302
        url = reverse("koppels:obstakel_update", kwargs={"pk": koppel.pk, "obstakel_pk": obstakel.pk})
        data = {"titel": "Loket dicht", "beschrijving": "b", "staat": Staat.WEGGENOMEN, "versie": 0}
        assert client.post(url, data, **HTMX).status_code == 409  # the member saw version 0, before the correction
        assert Obstakel.objects.get(pk=obstakel.pk).beschrijving == "Gecorrigeerd door het team"

    def test_cancel_editing_returns_the_card(self, client):
        koppel, user = self.setup_koppel(client)
        obstakel = services.create_obstakel(koppel=koppel, titel="Loket dicht", beschrijving="b", by=user)
        url = reverse("koppels:obstakel", kwargs={"pk": koppel.pk, "obstakel_pk": obstakel.pk})
        assert client.get(url, **HTMX).template_name == "koppels/koppel_detail.html#obstakel-kaart"
        assert client.get(url)["Location"].endswith(f"#obstakel-{obstakel.pk}")

    def test_obstacle_edit_form_query_count(self, client, django_assert_num_queries):
        koppel, _user = self.setup_koppel(client)
        _add_activity(koppel, 1)
        obstakel = koppel.obstakels.first()
        url = reverse("koppels:obstakel_update", kwargs={"pk": koppel.pk, "obstakel_pk": obstakel.pk})
        with django_assert_num_queries(8):
            client.get(url, **HTMX)
        _add_activity(koppel, 5)
        with django_assert_num_queries(8):
            client.get(url, **HTMX)


class TestInvitations:
    def test_the_invite_page_defaults_to_the_missing_role(self, client):
        koppel = f.koppel_met_gids()
        koppel.lidmaatschappen.filter(rol=Rol.INITIATIEFNEMER).delete()
        client.force_login(f.UserFactory(is_staff=True))
        html = client.get(reverse("koppels:uitnodiging_create", kwargs={"pk": koppel.pk})).content.decode()
        assert re.search(r'value="initiatiefnemer"[^>]*checked', html)

    def test_programme_team_invites_resends_and_revokes(self, client, mailoutbox):
        koppel = f.koppel_met_gids()
        client.force_login(f.UserFactory(is_staff=True))
        response = client.post(
            reverse("koppels:uitnodiging_create", kwargs={"pk": koppel.pk}),
            {"email": "nieuw@example.org", "rol": Rol.AMBTENAAR},
        )
        assert response.status_code == 303
        assert response["Location"].endswith("#leden")
        assert len(mailoutbox) == 1
        uitnodiging = koppel.uitnodigingen.get()
        html = client.get(response["Location"]).content.decode()
        assert "Uitnodiging verstuurd aan nieuw@example.org." in html
        assert "nieuw@example.org" in html and "Opnieuw versturen" in html

        client.post(reverse("koppels:uitnodiging_resend", kwargs={"pk": koppel.pk, "uitnodiging_pk": uitnodiging.pk}))
        assert len(mailoutbox) == 2
        client.post(reverse("koppels:uitnodiging_revoke", kwargs={"pk": koppel.pk, "uitnodiging_pk": uitnodiging.pk}))
        uitnodiging.refresh_from_db()
        assert uitnodiging.revoked_at is not None

    def test_a_refused_invitation_shows_its_errors_at_the_top(self, client):
        koppel = f.koppel_met_gids()
        client.force_login(f.UserFactory(is_staff=True))
        response = client.post(reverse("koppels:uitnodiging_create", kwargs={"pk": koppel.pk}), {"email": "geen-adres"})
        assert response.status_code == 422
        html = response.content.decode()
        assert _title(html).startswith("Fout: ")
        summary = re.search(r'<div class="foutoverzicht".*?</div>', html, re.S).group(0)
        assert '<a href="#id_email">Vul een e-mailadres in zoals naam@voorbeeld.nl.</a>' in summary
        assert '<a href="#id_rol_0">Kies de rol: ambtenaar of initiatiefnemer.</a>' in summary
        assert html.index('class="foutoverzicht"') < html.index("<h1>")
        assert 'value="geen-adres"' in html


class TestErrorSummaries:
    """Every full-page form that refuses input: title "Fout: ", a summary at the top linking each error to its field."""

    @pytest.mark.parametrize(
        ("url_name", "data", "link"),
        [
            ("account_login", {"login": "", "password": ""}, '<a href="#id_login">Vul je e-mailadres in.</a>'),
            ("account_login", {"login": "a@example.org"}, '<a href="#id_password">Vul je wachtwoord in.</a>'),
            ("account_request_login_code", {"email": ""}, '<a href="#id_email">Vul je e-mailadres in.</a>'),
            ("account_reset_password", {"email": "geen"}, '<a href="#id_email">Vul een e-mailadres in zoals'),
        ],
    )  # fmt: skip
    def test_allauth_pages(self, client, url_name, data, link):
        response = client.post(reverse(url_name), data)
        assert response.status_code == 200  # allauth answers a refused form with 200
        html = response.content.decode()
        assert _title(html).startswith("Fout: ")
        assert link in html
        main = html[html.index("<main") :]
        assert main.index('class="foutoverzicht"') < main.index("<h1")

    def test_a_wrong_login_code_is_summarised(self, client, mailoutbox):
        f.UserFactory(email="lid@example.org", password=f.PASSWORD)
        assert client.post(reverse("account_request_login_code"), {"email": "lid@example.org"}).status_code == 302
        response = client.post(reverse("account_confirm_login_code"), {"code": "XXXXXX"})
        html = response.content.decode()
        assert _title(html).startswith("Fout: ")
        summary = re.search(r'<div class="foutoverzicht".*?</div>', html, re.S).group(0)
        assert '<a href="#id_code">' in summary
        main = html[html.index("<main") :]
        assert main.index('class="foutoverzicht"') < main.index("<h1")
        assert "Fout:" not in main[main.index("<h1") : main.index("</h1>")]

    def test_wrong_password_is_summarised_too(self, client):
        f.UserFactory(email="lid@example.org", password=f.PASSWORD)
        html = client.post(reverse("account_login"), {"login": "lid@example.org", "password": "fout"}).content.decode()
        assert _title(html).startswith("Fout: ")
        assert 'class="foutoverzicht"' in html

    def test_accepting_an_invitation(self, client, mailoutbox):
        koppel = f.koppel_met_gids()
        services.invite(koppel=koppel, email="nieuw@example.org", rol=Rol.AMBTENAAR, by=f.UserFactory(is_staff=True))
        url = re.search(r"https?://[^/\s]+(/koppels/uitnodiging/[^/\s]+/)", mailoutbox[0].body).group(1)
        response = client.post(url, {"naam": "", "password1": "", "password2": ""})
        assert response.status_code == 422
        html = response.content.decode()
        assert _title(html).startswith("Fout: ")
        assert '<a href="#id_naam">Vul je naam in.</a>' in html
        assert '<a href="#id_password1">Kies een wachtwoord.</a>' in html


class TestPageCopies:
    """A person's koppel page is kept while nothing changes; any change, by anyone, gives a fresh page."""

    def test_a_copy_until_the_koppel_changes_per_person_with_a_fresh_nonce(
        self, client, settings, django_assert_max_num_queries, django_assert_num_queries
    ):
        settings.PAGE_CACHE_SECONDS = 60
        koppel = f.koppel_met_gids()
        user, partner = (lid.user for lid in koppel.lidmaatschappen.order_by("rol"))
        client.force_login(user)
        client.get(reverse("koppels:list"))  # sets the CSRF cookie the copy is keyed on
        first = client.get(koppel.get_absolute_url())
        assert first.status_code == 200
        with django_assert_max_num_queries(3):  # session, user, koppel: no rendering
            again = client.get(koppel.get_absolute_url())
        assert again.status_code == 200
        nonce = re.compile(r'nonce="([^"]+)"')
        assert nonce.findall(first.content.decode())[0] != nonce.findall(again.content.decode())[0]
        assert nonce.sub("", first.content.decode()) == nonce.sub("", again.content.decode())
        assert nonce.findall(again.content.decode())[0] in again["Content-Security-Policy"]

        actie = Actie.objects.first()
        services.set_actie(koppel=koppel, actie=actie, status=Status.GEDAAN, notitie="", versie=0, by=partner)
        html = client.get(koppel.get_absolute_url()).content.decode()
        assert "1 van 6</strong> acties afgerond" in html

        other = type(client)()
        other.force_login(partner)
        other.get(reverse("koppels:list"))
        with django_assert_num_queries(8):  # the partner's own page, rendered: never someone else's copy
            assert other.get(koppel.get_absolute_url()).status_code == 200
