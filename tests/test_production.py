"""Production readiness: deployment checks, security headers, static files, logs, and a real database outage."""

import io
import json
import logging
import re
import subprocess

import psycopg
import pytest
from django.core.cache import cache
from django.db import connection
from django.templatetags.static import static

from bench.servers import PYTHON, ROOT, Gunicorn, Postgres, Redis, production_env
from incubator.jsonlog import JsonFormatter
from wegwijzers.models import Wegwijzer

PRODUCTION = {
    "SECRET_KEY": "k3J9-vQx_2mR8zT1yL6wN4pB0cF7hD5sA9eG3uK8iO2jM6nV1bX4qW7tY0rZ5lP",
    "ALLOWED_HOSTS": "minigids.example.nl",
    "CSRF_TRUSTED_ORIGINS": "https://minigids.example.nl",
    "SMTP_HOST": "smtp.example.nl",
    "DATABASE_URL": "postgres://incubator@db.example.nl:5432/incubator",
    "BEHIND_PROXY": "true",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process: settings are read from the environment only once, at start."""
    full_env = production_env(**env)
    full_env.pop("HTTPS")  # production's own default, not the test suite's plain HTTP
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True)


class TestDeployCheck:
    def test_production_environment_passes_every_deploy_check(self):
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
        assert result.returncode == 0, result.stderr
        assert "no issues" in result.stdout

    def test_production_without_a_mail_server_fails_the_check(self):
        env = {key: value for key, value in PRODUCTION.items() if key != "SMTP_HOST"}
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
        assert result.returncode != 0
        assert "incubator.E001" in result.stderr

    def test_production_refuses_to_start_without_a_secret_key(self):
        result = run_manage("check", **{**PRODUCTION, "SECRET_KEY": ""})
        assert result.returncode != 0
        assert "Zet SECRET_KEY in de omgeving" in result.stderr


CSP_PAGES = ["/", "/account/login/", "/beheer/login/", "/bestaat-niet/"]


@pytest.mark.django_db
class TestSecurityHeaders:
    @pytest.mark.parametrize("path", CSP_PAGES)
    def test_every_page_has_a_strict_policy(self, client, path):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
        # Scripts only from our origin; a nonce appears only on pages whose template used it.
        assert re.fullmatch(r"'self'( 'nonce-[\w+/=-]+')?", directives["script-src"])
        assert directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Permissions-Policy"] == (
            "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
            "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=()"
        )
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"

    def test_pages_with_scripts_carry_a_fresh_nonce_each_time(self, client):
        first = client.get("/").headers["Content-Security-Policy"]
        second = client.get("/").headers["Content-Security-Policy"]
        assert "'nonce-" in first
        assert first != second

    def test_https_redirect_spares_the_health_probe(self, client, settings):
        settings.SECURE_SSL_REDIRECT = True
        assert client.get("/").headers["Location"] == "https://testserver/"
        assert client.get("/gezondheid/").status_code == 200

    def test_behind_a_tls_proxy_pages_get_hsts_and_no_redirect(self, client, settings):
        settings.SECURE_SSL_REDIRECT = True
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        settings.SECURE_HSTS_SECONDS = 31536000
        response = client.get("/", headers={"X-Forwarded-Proto": "https"})
        assert response.status_code == 200
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
class TestStaticFiles:
    def test_hashed_files_are_compressed_and_cached_for_years(self, client):
        url = static("css/base.css")
        assert re.search(r"base\.[0-9a-f]{12}\.css$", url), "file names carry a content hash"
        response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == "br"
        assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"


@pytest.mark.django_db
class TestSharedCache:
    def test_the_cache_lives_in_the_database_every_process_shares(self):
        cache.set("gedeeld", "ja", 60)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_cache")
            assert cursor.fetchone()[0] == 1
        assert cache.get("gedeeld") == "ja"


@pytest.mark.system
class TestRedisCache:
    def test_with_redis_url_separate_processes_share_one_cache(self):
        redis = Redis()
        try:
            env = {"REDIS_URL": redis.url}
            writer = "from django.core.cache import cache; cache.set('gedeeld', 'ja', 60)"
            assert run_manage("shell", "-v0", "-c", writer, **env).returncode == 0
            reader = (
                "from django.conf import settings; from django.core.cache import cache; "
                "print(cache.get('gedeeld'), settings.SESSION_ENGINE)"
            )
            result = run_manage("shell", "-v0", "-c", reader, **env)
        finally:
            redis.stop()
        assert result.stdout.split() == ["ja", "django.contrib.sessions.backends.cached_db"], result.stderr


def json_log_lines(log) -> list[dict]:
    """What `log(logger)` writes through the JSON formatter, one parsed object per line."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("incubator.test")
    logger.addHandler(handler)
    try:
        log(logger)
    finally:
        logger.removeHandler(handler)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


class TestJsonLogs:
    def test_an_exception_becomes_one_json_line(self):
        def log(logger):
            try:
                1 / 0  # noqa: B018
            except ZeroDivisionError:
                logger.exception("Berekening mislukt voor %s", "koppel 7")

        (entry,) = json_log_lines(log)
        assert entry["level"] == "ERROR"
        assert entry["logger"] == "incubator.test"
        assert entry["message"] == "Berekening mislukt voor koppel 7"
        assert "ZeroDivisionError" in entry["exception"]

    def test_extra_fields_are_kept_as_fields(self):
        def log(logger):
            logger.warning("PDF gemaakt", extra={"drukbestand": 12, "seconden": 1.5, "selectie": {"soort": "alles"}})

        (entry,) = json_log_lines(log)
        assert entry["message"] == "PDF gemaakt"
        assert entry["drukbestand"] == 12 and entry["seconden"] == 1.5
        assert entry["selectie"] == {"soort": "alles"}

    def test_an_extra_field_cannot_overwrite_the_standard_ones(self):
        (entry,) = json_log_lines(lambda logger: logger.warning("Echt", extra={"level": "NEP", "time": "nooit"}))
        assert entry["level"] == "WARNING" and entry["time"] != "nooit"
        assert entry["extra_level"] == "NEP" and entry["extra_time"] == "nooit"


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
class TestErrorPages:
    def test_database_error_gives_a_clean_503(self, client):
        client.raise_request_exception = False
        response = client.get("/test/database-weg/")
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "30"
        assert "De portal is even niet bereikbaar" in response.text
        assert "Traceback" not in response.text and "OperationalError" not in response.text

    def test_htmx_gets_only_the_message_in_the_main_content(self, client):
        client.raise_request_exception = False
        response = client.get("/test/database-weg/", headers={"HX-Request": "true"})
        assert response.status_code == 503
        assert response.headers["HX-Retarget"] == "#inhoud"
        assert "<html" not in response.text
        assert 'id="melding"' in response.text and "data-focus" in response.text

    def test_other_errors_stay_a_500(self, client):
        client.raise_request_exception = False
        response = client.get("/test/kapot/")
        assert response.status_code == 500
        assert "Er ging iets mis aan onze kant" in response.text
        assert "Retry-After" not in response.headers


@pytest.fixture
def postgres():
    server = Postgres()
    yield server
    server.destroy()


@pytest.mark.system
class TestDatabaseOutage:
    def test_pages_answer_503_while_the_database_is_down_and_recover_by_themselves(self, postgres):
        postgres.prepare("minigids")
        app = Gunicorn(postgres.url)
        try:
            assert app.get("/").status_code == 200  # the worker now holds a persistent connection

            postgres.stop()
            # A reader without cookies still gets the public page this worker has a copy of...
            assert app.get("/").status_code == 200
            # ...everyone else a clean 503 (a session needs the database).
            page = app.get("/", cookies={"sessionid": "een-sessie"})
            assert page.status_code == 503
            assert page.headers["Retry-After"] == "30"
            assert "De portal is even niet bereikbaar" in page.text
            assert "Traceback" not in page.text
            health = app.get("/gezondheid/")
            assert health.status_code == 503
            assert health.json() == {"status": "fout", "database": "onbereikbaar"}

            postgres.start()  # the same app server, not restarted
            assert app.get("/", cookies={"sessionid": "een-sessie"}).status_code == 200
            assert app.get("/gezondheid/").json() == {"status": "ok", "database": "ok"}
        finally:
            app.stop()

    def test_a_session_the_database_ended_does_not_fail_the_next_request(self, postgres):
        postgres.prepare("minigids")
        app = Gunicorn(postgres.url)  # one worker: both requests reach the same connection
        try:
            assert app.get("/zoeken/?q=gemeente").status_code == 200
            # as an administrator or a failover would: end every session of the app, the next request follows at once
            with psycopg.connect(postgres.url, autocommit=True) as admin:
                ended = admin.execute(
                    "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                    "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
                ).fetchall()
            assert ended == [(True,)]
            assert app.get("/zoeken/?q=subsidie").status_code == 200
        finally:
            log = app.stop()
        access = [json.loads(line) for line in log.splitlines() if '"gunicorn.access"' in line]
        assert [entry["status"] for entry in access] == ["200", "200"]

    def test_a_server_started_during_an_outage_serves_once_the_database_is_back(self, postgres):
        postgres.prepare("minigids")
        postgres.stop()
        app = Gunicorn(postgres.url)
        try:
            assert app.get("/").status_code == 503
            postgres.start()
            assert app.get("/").status_code == 200
        finally:
            log = app.stop()
        entries = [json.loads(line) for line in log.splitlines() if line.strip()]
        access = [entry for entry in entries if entry["logger"] == "gunicorn.access"]
        assert [(entry["path"], entry["status"]) for entry in access] == [("/", "503"), ("/", "200")]
        assert any(entry["logger"] == "django.request" and entry.get("status") == 503 for entry in entries)
        # the master warmed up before forking, with the database down: warming never needs it (incubator.warmup)
        warmed = [entry["message"] for entry in entries if entry["message"].startswith("warmed up:")]
        assert len(warmed) == 1 and int(re.search(r"(\d+) templates", warmed[0]).group(1)) > 100


@pytest.mark.system
class TestServerLogs:
    def test_access_log_off_leaves_out_the_request_lines_only(self):
        # a static file needs no database: this server never connects to the one it is given
        app = Gunicorn("postgres://incubator@127.0.0.1:9/geen", ACCESS_LOG="false")
        try:
            assert app.get(static("css/base.css")).status_code == 200
        finally:
            log = app.stop()
        loggers = {json.loads(line)["logger"] for line in log.splitlines() if line.startswith("{")}
        assert "gunicorn.error" in loggers
        assert "gunicorn.access" not in loggers


def strip_nonces(text: str) -> str:
    return re.sub(r'nonce="[^"]+"', 'nonce=""', text)


class TestPageCache:
    def test_anonymous_visitors_get_public_pages_without_a_query(
        self, client, minigids, page_cache, django_assert_num_queries
    ):
        first = client.get("/wegwijzers/")
        with django_assert_num_queries(0):
            second = client.get("/wegwijzers/")
        assert second.status_code == 200
        assert strip_nonces(second.text) == strip_nonces(first.text)
        assert second.headers["Cache-Control"] == "no-cache"  # browsers check back; only our copy is reused

    def test_every_copy_gets_its_own_nonce(self, client, minigids, page_cache):
        nonces = []
        for _ in range(3):
            response = client.get("/")
            nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
            assert f'nonce="{nonce}"' in response.text  # the scripts carry the nonce the header allows
            assert response.text.count("nonce=") == response.text.count(f'nonce="{nonce}"')
            nonces.append(nonce)
        assert len(set(nonces)) == 3

    def test_a_content_edit_shows_at_once(self, client, minigids, page_cache):
        wegwijzer = Wegwijzer.objects.order_by("volgorde").first()
        client.get(wegwijzer.get_absolute_url())
        wegwijzer.titel = "Een nieuwe titel voor deze wegwijzer"
        wegwijzer.save()
        assert "Een nieuwe titel voor deze wegwijzer" in client.get(wegwijzer.get_absolute_url()).text

    def test_visitors_with_a_cookie_get_the_page_freshly_made(
        self, client, minigids, page_cache, django_assert_max_num_queries
    ):
        client.get("/wegwijzers/")
        client.cookies["csrftoken"] = "x" * 32
        with django_assert_max_num_queries(20) as queries:
            client.get("/wegwijzers/")
        assert len(queries) > 0

    def test_pages_that_are_not_listed_are_never_cached(self, client, minigids, page_cache, django_assert_num_queries):
        client.get("/gezondheid/")
        with django_assert_num_queries(1):  # the health check still asks the database itself
            assert client.get("/gezondheid/").json()["database"] == "ok"
