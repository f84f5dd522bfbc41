import re

import pytest
from django.urls import reverse

from koppels import services
from koppels.models import Actiestap, Obstakel, Rol, Staat, Status
from tests import factories as f
from wegwijzers.models import Actie, Label

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _actie_url(koppel, actie):
    return reverse("koppels:actie", kwargs={"pk": koppel.pk, "actie_pk": actie.pk})


def _add_activity(koppel, n: int = 3):
    """More of everything a koppel's page shows, to prove its query count does not grow."""
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


class TestKoppelDetail:
    def test_shows_members_initiative_cohort_progress_route_and_obstacles(self, client):
        koppel = f.koppel_met_gids(initiatief__naam="Buurtkeuken")
        _add_activity(koppel, 1)
        client.force_login(f.member_of(koppel))
        response = client.get(koppel.get_absolute_url())
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Buurtkeuken</h1>" in html
        assert "Testcohort" in html
        for lid in koppel.lidmaatschappen.select_related("user"):
            assert lid.user.naam in html
        assert "1 van 6</strong> acties afgerond" in html
        assert html.count('class="actie-rij ') == 6
        assert "Obstakel 0" in html
        assert "Geschiedenis (2 wijzigingen)" in html
        assert "Uitnodigingen" not in html  # only the programme team manages invitations
        assert f'href="{reverse("pdf:route", kwargs={"pk": koppel.pk})}"' in html

    def test_fixed_number_of_queries_whatever_the_activity(self, client, django_assert_num_queries):
        koppel = f.koppel_met_gids()
        _add_activity(koppel, 1)
        client.force_login(f.member_of(koppel))
        with django_assert_num_queries(13):
            client.get(koppel.get_absolute_url())
        _add_activity(koppel, 5)
        with django_assert_num_queries(13):
            client.get(koppel.get_absolute_url())

    def test_a_long_history_shows_its_latest_changes_only(self, client):
        koppel = f.koppel_met_gids()
        user = f.member_of(koppel)
        actie = Actie.objects.first()
        for i in range(15):
            versie = Actiestap.objects.get(koppel=koppel, actie=actie).versie
            status = Status.BEZIG if i % 2 else Status.GEDAAN
            services.set_actie(koppel=koppel, actie=actie, status=status, notitie=f"stap {i}", versie=versie, by=user)
        client.force_login(user)
        html = client.get(koppel.get_absolute_url()).content.decode()
        assert "Geschiedenis (15 wijzigingen)" in html
        assert "De laatste 10 wijzigingen:" in html
        assert "‘stap 14’" in html  # the newest
        assert "‘stap 4’" not in html  # older than the latest ten

    def test_programme_team_manages_invitations_here(self, client, mailoutbox):

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
        html = client.get(koppel.get_absolute_url()).content.decode()
        assert "nieuw@example.org" in html and "Opnieuw versturen" in html

        client.post(reverse("koppels:uitnodiging_resend", kwargs={"pk": koppel.pk, "uitnodiging_pk": uitnodiging.pk}))
        assert len(mailoutbox) == 2
        client.post(reverse("koppels:uitnodiging_revoke", kwargs={"pk": koppel.pk, "uitnodiging_pk": uitnodiging.pk}))
        uitnodiging.refresh_from_db()
        assert uitnodiging.revoked_at is not None

    def test_invalid_invitation_form_is_422(self, client):
        koppel = f.koppel_met_gids()
        client.force_login(f.UserFactory(is_staff=True))
        response = client.post(
            reverse("koppels:uitnodiging_create", kwargs={"pk": koppel.pk}), {"email": "geen-adres", "rol": "baas"}
        )
        assert response.status_code == 422
        assert "Voer een geldig e-mailadres in" in response.content.decode()


class TestActieUpdate:
    def setup_koppel(self, client):
        koppel = f.koppel_met_gids()
        user = f.member_of(koppel)
        client.force_login(user)
        return koppel, user, Actie.objects.first()

    def test_htmx_returns_the_row_with_progress_out_of_band(self, client):
        koppel, user, actie = self.setup_koppel(client)
        response = client.post(
            _actie_url(koppel, actie), {"status": Status.GEDAAN, "notitie": "Gelukt", "versie": 0}, **HTMX
        )
        assert response.status_code == 200
        assert response.template_name == "koppels/koppel_detail.html#actie-antwoord"
        assert "HX-Request" in response["Vary"]
        html = response.content.decode()
        assert "<html" not in html
        assert html.lstrip().startswith(f'<li id="actie-{actie.pk}"')
        assert 'id="voortgang" class="voortgang-blok" data-hx-swap-oob="true"' in html
        assert f'id="voortgang-{actie.wegwijzer.slug}"' in html
        assert "1 van 6</strong> acties afgerond" in html
        assert 'data-announce="Actie 1.1 opgeslagen: gedaan."' in html
        assert re.search(r'<button type="submit"[^>]*data-focus', html)
        assert f"laatst gewijzigd door {user.naam}" in html
        stap = Actiestap.objects.get(koppel=koppel, actie=actie)
        assert (stap.status, stap.notitie, stap.versie) == (Status.GEDAAN, "Gelukt", 1)

    def test_without_javascript_posts_and_redirects_to_the_row(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        response = client.post(_actie_url(koppel, actie), {"status": Status.BEZIG, "notitie": "", "versie": 0})
        assert response.status_code == 303
        assert response["Location"] == f"{koppel.get_absolute_url()}#actie-{actie.pk}"
        assert Actiestap.objects.get(koppel=koppel, actie=actie).status == Status.BEZIG

    def test_stale_change_htmx_is_409_with_current_state_and_my_text(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        partner = koppel.lidmaatschappen.exclude(user=_user).get().user
        services.set_actie(
            koppel=koppel, actie=actie, status=Status.GEDAAN, notitie="Van partner", versie=0, by=partner
        )

        response = client.post(
            _actie_url(koppel, actie), {"status": Status.BEZIG, "notitie": "Mijn tekst", "versie": 0}, **HTMX
        )

        assert response.status_code == 409
        assert response.template_name == "koppels/koppel_detail.html#actie-antwoord"
        html = response.content.decode()
        assert f"{partner.naam} heeft deze actie intussen gewijzigd" in html
        assert "Van partner</textarea>" in html  # the form now shows the current state ...
        assert "Mijn tekst" in html  # ... and what the user typed is not lost
        assert f'value="{Status.GEDAAN}" checked' in html
        assert 'name="versie" value="1"' in html
        assert "data-hx-swap-oob" not in html
        stap = Actiestap.objects.get(koppel=koppel, actie=actie)
        assert (stap.status, stap.notitie) == (Status.GEDAAN, "Van partner")

    def test_stale_change_without_javascript_is_the_page_with_the_error_at_the_row(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        services.set_actie(koppel=koppel, actie=actie, status=Status.GEDAAN, notitie="", versie=0, by=_user)
        response = client.post(_actie_url(koppel, actie), {"status": Status.BEZIG, "notitie": "", "versie": 0})
        assert response.status_code == 409
        assert response.template_name == "koppels/koppel_detail.html"
        html = response.content.decode()
        assert f'id="actie-{actie.pk}-fout"' in html and "heeft deze actie intussen gewijzigd" in html

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"status": "klaar", "notitie": "", "versie": 0}, "Kies een van de statussen"),
            ({"status": Status.GEDAAN, "notitie": "x" * 2001, "versie": 0}, "hoogstens 2000 tekens"),
            ({"status": Status.GEDAAN, "notitie": "", "versie": "abc"}, "Het formulier was niet compleet"),
            ({"status": Status.GEDAAN, "notitie": ""}, "Het formulier was niet compleet"),
        ],
    )
    def test_invalid_or_tampered_input_is_422_in_place_and_nothing_is_lost(self, client, data, message):
        koppel, user, actie = self.setup_koppel(client)
        services.set_actie(koppel=koppel, actie=actie, status=Status.BEZIG, notitie="Bewaard", versie=0, by=user)
        response = client.post(_actie_url(koppel, actie), data, **HTMX)
        assert response.status_code == 422
        html = response.content.decode()
        assert message in html
        assert "Bewaard</textarea>" in html
        stap = Actiestap.objects.get(koppel=koppel, actie=actie)
        assert (stap.status, stap.notitie, stap.versie) == (Status.BEZIG, "Bewaard", 1)

    def test_invalid_input_without_javascript_is_the_page_with_422(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        response = client.post(_actie_url(koppel, actie), {"status": "klaar", "notitie": "", "versie": 0})
        assert response.status_code == 422
        assert "Kies een van de statussen" in response.content.decode()

    def test_archived_koppel_refuses_changes_with_409(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        services.archive_koppel(koppel=koppel, by=None)
        response = client.post(_actie_url(koppel, actie), {"status": Status.GEDAAN, "notitie": "", "versie": 0}, **HTMX)
        assert response.status_code == 409
        assert "gearchiveerd" in response.content.decode()
        page = client.get(koppel.get_absolute_url()).content.decode()
        assert "Gearchiveerd op" in page and 'class="actie-form"' not in page
        assert Actiestap.objects.get(koppel=koppel, actie=actie).status == Status.OPEN

    def test_get_does_not_change_anything(self, client):
        koppel, _user, actie = self.setup_koppel(client)
        assert client.get(_actie_url(koppel, actie), {"status": Status.GEDAAN, "versie": 0}).status_code == 405


class TestObstakelViews:
    def setup_koppel(self, client):
        koppel = f.koppel_met_gids()
        user = f.member_of(koppel)
        client.force_login(user)
        return koppel, user

    def test_create_with_htmx_returns_the_section_with_the_new_card_focused(self, client):
        koppel, _user = self.setup_koppel(client)
        label = Label.objects.first()
        response = client.post(
            reverse("koppels:obstakel_create", kwargs={"pk": koppel.pk}),
            {
                "titel": "Loket dicht",
                "beschrijving": "Niemand nam op.",
                "staat": Staat.GESIGNALEERD,
                "labels": [label.pk],
            },
            **HTMX,
        )
        assert response.status_code == 200
        assert response.template_name == "koppels/koppel_detail.html#obstakels"
        html = response.content.decode()
        obstakel = Obstakel.objects.get()
        assert html.lstrip().startswith('<section id="obstakels"')
        assert re.search(rf'id="obstakel-{obstakel.pk}".*?data-focus', html, re.S)
        assert "Obstakel ‘Loket dicht’ is toegevoegd." in html
        assert list(obstakel.labels.all()) == [label]

    def test_create_without_javascript_redirects_to_the_card(self, client):
        koppel, _user = self.setup_koppel(client)
        response = client.post(
            reverse("koppels:obstakel_create", kwargs={"pk": koppel.pk}),
            {"titel": "Loket dicht", "beschrijving": "Niemand nam op.", "staat": Staat.GESIGNALEERD},
        )
        obstakel = Obstakel.objects.get()
        assert response.status_code == 303
        assert response["Location"] == f"{koppel.get_absolute_url()}#obstakel-{obstakel.pk}"

    def test_create_invalid_is_422_and_keeps_what_was_typed(self, client):
        koppel, _user = self.setup_koppel(client)
        response = client.post(
            reverse("koppels:obstakel_create", kwargs={"pk": koppel.pk}),
            {"titel": "", "beschrijving": "Wat ik al schreef", "staat": "kapot"},
            **HTMX,
        )
        assert response.status_code == 422
        html = response.content.decode()
        assert "Dit veld is verplicht." in html and "Wat ik al schreef" in html
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
        response = client.post(
            url,
            {"titel": "Loket dicht", "beschrijving": "Mijn versie", "staat": Staat.STRUCTUREEL, "versie": 0},
            **HTMX,
        )
        assert response.status_code == 409
        html = response.content.decode()
        assert "heeft dit obstakel intussen gewijzigd" in html
        assert "Mijn versie" in html
        assert '<option value="weggenomen" selected>' in html
        assert Obstakel.objects.get(pk=obstakel.pk).staat == Staat.WEGGENOMEN

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


class TestChangeQueryCounts:
    """The htmx answers to a change do a fixed number of queries, however busy the koppel is."""

    def test_actie_update(self, client, django_assert_num_queries):
        koppel = f.koppel_met_gids()
        client.force_login(f.member_of(koppel))
        acties = list(Actie.objects.all())
        for i, extra in enumerate((1, 5)):
            _add_activity(koppel, extra)
            actie = acties[-1 - i]
            stap = Actiestap.objects.get(koppel=koppel, actie=actie)
            data = {"status": Status.OPEN if stap.status != Status.OPEN else Status.BEZIG, "notitie": stap.notitie}
            # A status change only (one log entry): 14 queries, with little or much activity alike.
            with django_assert_num_queries(14):
                client.post(_actie_url(koppel, actie), {**data, "versie": stap.versie}, **HTMX)

    def test_obstakel_edit_form(self, client, django_assert_num_queries):
        koppel = f.koppel_met_gids()
        client.force_login(f.member_of(koppel))
        _add_activity(koppel, 1)
        obstakel = koppel.obstakels.first()
        url = reverse("koppels:obstakel_update", kwargs={"pk": koppel.pk, "obstakel_pk": obstakel.pk})
        with django_assert_num_queries(8):
            client.get(url, **HTMX)
        _add_activity(koppel, 5)
        with django_assert_num_queries(8):
            client.get(url, **HTMX)
