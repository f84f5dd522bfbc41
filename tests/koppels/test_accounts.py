"""Accounts: invitation acceptance, allauth's pages in our style, Dutch mails, demo data."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from koppels import services
from koppels.models import Koppel, Lidmaatschap, Rol, Uitnodiging
from tests import factories as f
from wegwijzers.models import Wegwijzer

pytestmark = pytest.mark.django_db


def _invite(mailoutbox, koppel=None, email="nieuw@example.org", rol=Rol.AMBTENAAR) -> tuple[str, Uitnodiging]:
    uitnodiging = services.invite(koppel=koppel or f.koppel_met_gids(), email=email, rol=rol, by=None)
    url = re.search(r"http://\S+/koppels/uitnodiging/\S+/", mailoutbox[-1].body).group(0)
    return url.split("testserver", 1)[-1].replace("http://127.0.0.1:8000", ""), uitnodiging


class TestAcceptInvitation:
    def test_new_person_creates_an_account_and_lands_on_the_koppel(self, client, mailoutbox):
        path, uitnodiging = _invite(mailoutbox)
        page = client.get(path)
        assert page.status_code == 200
        assert "Maak je account aan" in page.content.decode()

        response = client.post(
            path, {"naam": "Nina", "password1": "lang-en-geheim-42", "password2": "lang-en-geheim-42"}
        )

        assert response.status_code == 303
        assert response["Location"] == uitnodiging.koppel.get_absolute_url()
        user = get_user_model().objects.get(email="nieuw@example.org")
        assert EmailAddress.objects.get(user=user).verified
        assert client.get(response["Location"]).status_code == 200  # logged in and a member
        assert client.get(path).status_code == 410  # single use

    def test_weak_password_is_422_in_dutch_and_nothing_is_created(self, client, mailoutbox):
        path, _ = _invite(mailoutbox)
        response = client.post(path, {"naam": "Nina", "password1": "12345678", "password2": "12345678"})
        assert response.status_code == 422
        assert "Dit wachtwoord is te algemeen" in response.content.decode()
        assert not get_user_model().objects.filter(email="nieuw@example.org").exists()

    def test_existing_account_logs_in_then_accepts_with_one_click(self, client, mailoutbox):
        persoon = f.UserFactory(email="lid@example.org", password=f.PASSWORD)
        path, uitnodiging = _invite(mailoutbox, email="lid@example.org", rol=Rol.INITIATIEFNEMER)
        page = client.get(path).content.decode()
        assert "Er bestaat al een account" in page and f"?next={path}" in page

        client.force_login(persoon)
        assert "Uitnodiging aannemen" in client.get(path).content.decode()
        response = client.post(path)
        assert response.status_code == 303
        assert Lidmaatschap.objects.filter(user=persoon, koppel=uitnodiging.koppel, rol=Rol.INITIATIEFNEMER).exists()

    def test_logged_in_as_someone_else_is_told_so(self, client, mailoutbox):
        path, uitnodiging = _invite(mailoutbox, email="lid@example.org")
        client.force_login(f.UserFactory())
        assert "maar je bent ingelogd als" in client.get(path).content.decode()
        assert client.post(path).status_code == 403
        assert not Koppel.objects.get(pk=uitnodiging.koppel.pk).lidmaatschappen.filter(user__email="lid@example.org")

    @pytest.mark.parametrize(
        ("change", "status", "heading"),
        [
            ({"expires_at": timezone.now() - timedelta(minutes=1)}, 410, "Deze uitnodiging is verlopen"),
            ({"revoked_at": timezone.now()}, 410, "Deze uitnodiging is ingetrokken"),
            ({"accepted_at": timezone.now()}, 410, "Deze uitnodiging is al gebruikt"),
        ],
    )
    def test_unusable_links_get_a_clear_page(self, client, mailoutbox, change, status, heading):
        path, uitnodiging = _invite(mailoutbox)
        Uitnodiging.objects.filter(pk=uitnodiging.pk).update(**change)
        for response in (client.get(path), client.post(path, {"naam": "x"})):
            assert response.status_code == status
            assert heading in response.content.decode()
        assert not get_user_model().objects.filter(email="nieuw@example.org").exists()

    def test_unknown_link_is_a_clear_404_page(self, client):
        response = client.get(reverse("koppels:uitnodiging", kwargs={"token": "verzonnen"}))
        assert response.status_code == 404
        assert "Deze uitnodigingslink kennen we niet" in response.content.decode()


ACCOUNT_PAGES = [
    "account_login",
    "account_request_login_code",
    "account_reset_password",
    "account_reset_password_done",
    "account_signup",
]
LOGGED_IN_PAGES = ["account_change_password", "account_email", "account_logout"]


class TestAccountPages:
    @pytest.mark.parametrize("name", ACCOUNT_PAGES)
    def test_pages_use_our_layout_in_dutch_without_inline_styles(self, client, name):
        response = client.get(reverse(name))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="site-header"' in html and "css/koppels." in html
        assert "style=" not in html and "<style" not in html

    @pytest.mark.parametrize("name", LOGGED_IN_PAGES)
    def test_logged_in_pages_too(self, client, name):
        client.force_login(f.UserFactory(password=f.PASSWORD))  # changing a password needs one
        html = client.get(reverse(name)).content.decode()
        assert 'class="site-header"' in html and "style=" not in html

    def test_login_offers_a_code_by_email(self, client):
        html = client.get(reverse("account_login")).content.decode()
        assert "Zonder wachtwoord" in html and reverse("account_request_login_code") in html

    def test_sign_up_is_closed(self, client):
        html = client.get(reverse("account_signup")).content.decode()
        assert "Meedoen gaat via een uitnodiging" in html
        assert client.post(reverse("account_signup"), {"email": "x@example.org"}).status_code == 200
        assert not get_user_model().objects.filter(email="x@example.org").exists()

    def test_login_by_code_mails_a_dutch_code_and_logs_in(self, client, mailoutbox):
        f.UserFactory(email="lid@example.org", password=f.PASSWORD)
        response = client.post(reverse("account_request_login_code"), {"email": "lid@example.org"})
        assert response.status_code == 302
        (mail,) = mailoutbox
        assert "Hieronder staat je inlogcode" in mail.body
        assert mail.alternatives[0][1] == "text/html"
        code = re.search(r"open hebt staan\.\n\n(\S+)\n", mail.body).group(1)
        response = client.post(reverse("account_confirm_login_code"), {"code": code})
        assert response.status_code == 302
        assert response["Location"] == reverse("koppels:list")

    def test_password_reset_mail_is_dutch_text_and_html(self, client, mailoutbox):
        f.UserFactory(email="lid@example.org", password=f.PASSWORD)
        client.post(reverse("account_reset_password"), {"email": "lid@example.org"})
        (mail,) = mailoutbox
        assert mail.subject.startswith("[Incubator]")
        assert "nieuw wachtwoord" in mail.body
        assert "Nieuw wachtwoord kiezen" in mail.alternatives[0][0]


class TestDemodata:
    def test_refuses_without_debug(self):
        with pytest.raises(CommandError, match="alleen met DEBUG aan"):
            call_command("demodata")

    @override_settings(DEBUG=True)
    def test_makes_a_koppel_per_pilot_initiative_and_is_idempotent(self, minigids, mailoutbox):
        call_command("demodata", stdout=open("/dev/null", "w"))  # noqa: SIM115
        counts = (Koppel.objects.count(), get_user_model().objects.count(), Lidmaatschap.objects.count())
        call_command("demodata", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert (Koppel.objects.count(), get_user_model().objects.count(), Lidmaatschap.objects.count()) == counts
        assert counts[0] == 7
        ambtenaar = get_user_model().objects.get(email="ambtenaar@demo.minigids.nl")
        assert ambtenaar.check_password("minigids-demo")
        assert Koppel.objects.for_user(ambtenaar).count() == 2
        assert get_user_model().objects.get(email="team@demo.minigids.nl").is_staff
        assert EmailAddress.objects.filter(email="initiatiefnemer@demo.minigids.nl", verified=True).exists()

    @override_settings(DEBUG=True)
    def test_demo_programme_team_edits_the_guide_in_the_admin(self, client, minigids, mailoutbox):
        call_command("demodata", stdout=open("/dev/null", "w"))  # noqa: SIM115
        client.force_login(get_user_model().objects.get(email="team@demo.minigids.nl"))
        wegwijzer = Wegwijzer.objects.order_by("volgorde").first()
        assert client.get(reverse("admin:wegwijzers_wegwijzer_change", args=[wegwijzer.pk])).status_code == 200
        assert client.get(reverse("admin:initiatives_initiatief_changelist")).status_code == 200
        assert client.get(reverse("admin:koppels_koppel_changelist")).status_code == 200
