"""One rate limit for every way to enter a password (allauth's), and no way to lock a person out of every way in."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, ProgrammateamFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")


def _wrong_logins(client, email: str, times: int, ip: str = "203.0.113.9") -> None:
    for _ in range(times):
        client.post(LOGIN, {"login": email, "password": "fout-wachtwoord"}, REMOTE_ADDR=ip)


class TestAdminLogin:
    def test_admin_login_form_is_allauths_login(self, client):
        response = client.get("/beheer/login/?next=/beheer/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)

    def test_a_password_posted_to_the_admin_login_never_logs_in(self, client):
        ProgrammateamFactory(email="team@example.org", password=PASSWORD)
        response = client.post(
            "/beheer/login/", {"username": "team@example.org", "password": PASSWORD, "next": "/beheer/"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        assert client.get("/beheer/").status_code == 302  # still anonymous

    def test_the_login_limit_holds_for_the_team_after_wrong_passwords(self, client):
        ProgrammateamFactory(email="team@example.org", password=PASSWORD)
        _wrong_logins(client, "team@example.org", 5)
        response = client.post(LOGIN, {"login": "team@example.org", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 200
        assert "Te veel" in response.content.decode()
        assert client.get("/beheer/").status_code == 302

    def test_team_member_logged_in_through_allauth_reaches_the_admin(self, client):
        ProgrammateamFactory(email="team@example.org", password=PASSWORD)
        client.post(LOGIN, {"login": "team@example.org", "password": PASSWORD})
        assert client.get("/beheer/").status_code == 200

    def test_admin_password_change_goes_through_allauth(self, client):
        client.force_login(ProgrammateamFactory())
        response = client.get("/beheer/password_change/")
        assert response.status_code in (301, 302)
        assert response["Location"] == reverse("account_change_password")


class TestLockOut:
    def test_locked_out_person_is_told_login_by_code_still_works(self, client):
        UserFactory(email="lid@example.org", password=PASSWORD)
        _wrong_logins(client, "lid@example.org", 5)
        response = client.post(LOGIN, {"login": "lid@example.org", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
        html = response.content.decode()
        assert "Te veel" in html
        assert "Je kunt wel inloggen met een code per e-mail" in html
        assert reverse("account_request_login_code") in html

    def test_a_stranger_elsewhere_cannot_lock_a_person_out_of_password_login(self, client):
        UserFactory(email="lid@example.org", password=PASSWORD)
        _wrong_logins(client, "lid@example.org", 8, ip="198.51.100.66")  # someone else, another address
        response = client.post(LOGIN, {"login": "lid@example.org", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")
        assert response.status_code == 302  # the person, from their own address, still gets in

    def test_login_by_code_works_while_password_login_is_locked(self, client, mailoutbox):
        UserFactory(email="lid@example.org", password=PASSWORD)
        _wrong_logins(client, "lid@example.org", 5)
        response = client.post(
            reverse("account_request_login_code"), {"email": "lid@example.org"}, REMOTE_ADDR="203.0.113.9"
        )
        assert response.status_code == 302
        assert mailoutbox and "lid@example.org" in mailoutbox[-1].to
