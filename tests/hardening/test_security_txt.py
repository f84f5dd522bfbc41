"""How to report a vulnerability: /.well-known/security.txt (RFC 9116) with the contact the programme sets."""

import re
from datetime import datetime

import pytest

pytestmark = pytest.mark.django_db


def test_security_txt_names_the_contact_and_expires(client, settings):
    settings.SECURITY_CONTACT = "beveiliging@example.nl"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    tekst = response.content.decode()
    assert "Contact: mailto:beveiliging@example.nl" in tekst
    expires = re.search(r"^Expires: (\S+)$", tekst, re.M).group(1)
    assert datetime.fromisoformat(expires) > datetime.fromisoformat("2026-01-01T00:00:00+00:00")
    assert "Preferred-Languages: nl, en" in tekst
    assert "Canonical: http://testserver/.well-known/security.txt" in tekst


def test_without_a_contact_there_is_no_file(client, settings):
    settings.SECURITY_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404
