"""Secrets stay out of logs: no mail printed in production, no token from a URL in any log line."""

import io
import logging

import pytest

from incubator.jsonlog import JsonFormatter, TextFormatter
from tests.test_production import PRODUCTION, run_manage

SEND = (
    "from django.core.mail import send_mail; "
    "send_mail('Je inlogcode', 'Je code is GEHEIM-123456', 'portal@example.nl', ['lid@example.org'])"
)


def test_production_without_a_mail_server_never_writes_a_mail_out():
    env = {key: value for key, value in PRODUCTION.items() if key != "SMTP_HOST"}
    result = run_manage("shell", "-c", SEND, **env)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "GEHEIM-123456" not in output and "lid@example.org" not in output
    assert "Geen mail verstuurd" in output  # but the operator is told


SECRET_PATHS = [
    "/koppels/uitnodiging/GEHEIM-TOKEN-123/",
    "/account/password/reset/key/1-GEHEIM-TOKEN-123/",
    "/account/confirm-email/GEHEIM-TOKEN-123/",
]


FORMATTERS = [JsonFormatter(), TextFormatter("%(levelname)s %(name)s: %(message)s")]


@pytest.mark.parametrize("formatter", FORMATTERS)
@pytest.mark.django_db
def test_a_refused_invitation_link_is_logged_without_its_token(client, formatter):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.get(SECRET_PATHS[0])  # an unknown token: a 404, which django.request logs as a warning
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "Not Found" in output  # the refusal was logged ...
    assert "GEHEIM-TOKEN-123" not in output  # ... without the token


@pytest.mark.parametrize("formatter", FORMATTERS)
@pytest.mark.parametrize("path", SECRET_PATHS)
def test_no_log_line_shows_a_token_from_a_url(formatter, path):
    for message in (f"Not Found: {path}", f"GET http://testserver{path}?next=/ 200", f"'{path}'"):
        record = logging.LogRecord("django.request", logging.WARNING, "", 0, message, None, None)
        assert "GEHEIM-TOKEN-123" not in formatter.format(record)


@pytest.mark.parametrize("path", SECRET_PATHS)
def test_gunicorns_access_log_hides_tokens_too(path):
    record = logging.LogRecord("gunicorn.access", logging.INFO, "", 0, "", None, None)
    record.args = {"m": "GET", "U": path, "q": "", "s": 404, "M": 3, "h": "127.0.0.1"}
    assert "GEHEIM-TOKEN-123" not in JsonFormatter().format(record)
