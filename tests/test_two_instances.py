"""More than one machine: two gunicorn instances behind nginx share sessions, cache and data through PostgreSQL."""

import re

import pytest
import requests

from bench.two_instances import two_instances

PASSWORD = "een-lang-wachtwoord-voor-de-test"


@pytest.fixture(scope="module")
def cluster():
    with two_instances() as running:
        yield running


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class TestTwoInstancesBehindNginx:
    def test_nginx_spreads_requests_over_both_instances(self, cluster):
        instances = [requests.get(f"{cluster.nginx.url}/", timeout=10).headers["X-Instance"] for _ in range(4)]
        assert sorted(set(instances)) == ["A", "B"]

    def test_a_login_on_one_instance_holds_on_the_other(self, cluster):
        cluster.postgres.manage(
            "createsuperuser", "--noinput", "--email", "beheer@example.nl", DJANGO_SUPERUSER_PASSWORD=PASSWORD
        )
        browser = requests.Session()
        form = browser.get(f"{cluster.nginx.url}/beheer/login/", timeout=10)
        login = browser.post(
            f"{cluster.nginx.url}/beheer/login/",
            data={"csrfmiddlewaretoken": csrf_token(form.text), "username": "beheer@example.nl", "password": PASSWORD},
            allow_redirects=False,
            timeout=10,
        )
        assert login.status_code == 302, login.text
        # The CSRF cookie came from one instance, the login from the other (round robin): both share the secret key.
        assert form.headers["X-Instance"] != login.headers["X-Instance"]
        seen = set()
        for _ in range(4):
            page = browser.get(f"{cluster.nginx.url}/beheer/", allow_redirects=False, timeout=10)
            assert page.status_code == 200 and "beheer@example.nl" in page.text
            seen.add(page.headers["X-Instance"])
        assert seen == {"A", "B"}

    def test_login_rate_limit_counts_attempts_on_both_instances(self, cluster):
        # allauth allows 5 failed logins per address in 5 minutes. The count lives in the shared cache: with a cache
        # per process, two instances taking turns would each have seen only 3 and let the 6th through.
        browser = requests.Session()
        token = csrf_token(browser.get(f"{cluster.nginx.url}/account/login/", timeout=10).text)
        seen = set()
        for attempt in range(6):
            answer = browser.post(
                f"{cluster.nginx.url}/account/login/",
                data={"csrfmiddlewaretoken": token, "login": "doelwit@example.nl", "password": "fout"},
                timeout=10,
            )
            seen.add(answer.headers["X-Instance"])
            if attempt < 5:
                assert "Te veel inlogpogingen" not in answer.text
        assert "Te veel inlogpogingen" in answer.text
        assert seen == {"A", "B"}
