"""More than one machine: two gunicorn instances behind nginx share sessions, cache, tasks and data in PostgreSQL."""

import re
import time

import pytest
import requests

from bench.two_instances import two_instances

PASSWORD = "een-lang-wachtwoord-voor-de-test"

# A koppel member with a verified address (allauth requires one), as an invitation would leave them.
MAKE_MEMBER = f"""
from allauth.account.models import EmailAddress
from incubator.models import User
from initiatives.models import Cohort, Initiatief
from koppels import services
from koppels.models import Lidmaatschap, Rol
lid = User.objects.create_user("lid@example.nl", "{PASSWORD}", naam="Lid van het koppel")
EmailAddress.objects.create(user=lid, email=lid.email, verified=True, primary=True)
cohort = Cohort.objects.first()
koppel = services.create_koppel(initiatief=Initiatief.objects.first(), cohort=cohort, by=None)
Lidmaatschap.objects.create(koppel=koppel, user=lid, rol=Rol.AMBTENAAR)
print(koppel.pk)
"""


@pytest.fixture(scope="module")
def cluster():
    with two_instances() as running:
        yield running


@pytest.fixture(scope="module")
def koppel(cluster) -> int:
    return int(cluster.postgres.manage("shell", "-v0", "-c", MAKE_MEMBER).strip().splitlines()[-1])


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def log_in(base: str, email: str, password: str) -> requests.Session:
    browser = requests.Session()
    form = browser.get(f"{base}/account/login/", timeout=10)
    answer = browser.post(
        f"{base}/account/login/",
        data={"csrfmiddlewaretoken": csrf_token(form.text), "login": email, "password": password},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text
    # The form (and its CSRF cookie) came from one instance, the login from the other: they share the secret key.
    assert form.headers["X-Instance"] != answer.headers["X-Instance"]
    return browser


@pytest.mark.system
class TestTwoInstancesBehindNginx:
    def test_nginx_spreads_requests_over_both_instances(self, cluster):
        instances = [requests.get(f"{cluster.nginx.url}/", timeout=10).headers["X-Instance"] for _ in range(4)]
        assert sorted(set(instances)) == ["A", "B"]

    def test_log_in_on_one_change_statuses_on_both(self, cluster, koppel):
        base = cluster.nginx.url
        browser = log_in(base, "lid@example.nl", PASSWORD)
        page = browser.get(f"{base}/koppels/{koppel}/", timeout=10)
        assert page.status_code == 200
        action = re.search(rf'action="(/koppels/{koppel}/acties/[\d.]+/status/)"', page.text).group(1)
        versie = re.search(r'name="versie" value="(\d+)"', page.text).group(1)
        seen = set()
        for status in ["bezig", "gedaan", "bezig", "gedaan"]:
            answer = browser.post(
                base + action,
                data={"csrfmiddlewaretoken": csrf_token(page.text), "status": status, "versie": versie},
                headers={"HX-Request": "true"},
                timeout=10,
            )
            assert answer.status_code == 200, answer.text
            seen.add(answer.headers["X-Instance"])
            new_versie = re.search(r'name="versie" value="(\d+)"', answer.text).group(1)
            assert int(new_versie) == int(versie) + 1  # each instance saw the other's change
            versie = new_versie
        assert seen == {"A", "B"}
        assert 'class="taak taak--gedaan"' in browser.get(f"{base}/koppels/{koppel}/", timeout=10).text

    def test_a_pdf_queued_on_one_instance_downloads_from_either(self, cluster):
        base = cluster.nginx.url
        first = requests.get(f"{base}/minigids.pdf", allow_redirects=False, timeout=30)
        instances = {first.headers["X-Instance"]}
        if first.status_code == 302:  # queued: the task worker makes it, the status page says when it is ready
            status_url = base + first.headers["Location"]
            deadline = time.monotonic() + 60
            while True:
                status = requests.get(status_url, timeout=10)
                instances.add(status.headers["X-Instance"])
                if "/download/" in status.text:
                    break
                assert time.monotonic() < deadline, cluster.worker.log()
                time.sleep(0.5)
            download_url = base + re.search(r'href="(/minigids/pdf/\d+/download/)"', status.text).group(1)
        else:
            download_url = f"{base}/minigids.pdf"
        downloads = [requests.get(download_url, timeout=30) for _ in range(2)]
        for pdf in downloads:
            assert pdf.headers["Content-Type"] == "application/pdf"
            assert pdf.content.startswith(b"%PDF")
        assert downloads[0].content == downloads[1].content
        instances |= {pdf.headers["X-Instance"] for pdf in downloads}
        assert instances == {"A", "B"}

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
