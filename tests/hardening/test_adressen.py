"""Links show the host they really go to: look-alike letters in punycode."""

import pytest
from django.urls import reverse

from incubator.adressen import echte_host, leesbaar_adres
from initiatives.models import Cohort, Initiatief


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://www.meentcoop.nl/over/", "meentcoop.nl/over"),
        ("https://раураl.com/inloggen", "xn--l-7sba6dbr.com/inloggen"),  # Cyrillic letters, not "paypal.com"
        ("https://gemeente.amsterdam/", "gemeente.amsterdam"),
        ("http://bücher.example/a?b=1", "xn--bcher-kva.example/a?b=1"),
    ],
)
def test_a_link_text_shows_the_real_host(url, shown):
    assert leesbaar_adres(url) == shown


def test_the_host_is_what_the_browser_resolves():
    assert echte_host("https://Ａmsterdam.nl/") == "amsterdam.nl"  # a full-width letter folds to plain ASCII
    assert echte_host("https://раураl.com/") == "xn--l-7sba6dbr.com"


@pytest.mark.django_db
def test_an_initiatives_website_link_names_its_real_host(client):
    initiatief = Initiatief.objects.create(
        naam="NoordOogst", slug="noordoogst", werkt_aan="oogst", website="https://nооrdoogst.nl/"
    )
    initiatief.cohorten.add(Cohort.objects.create(naam="Pilot 2024", slug="pilot-2024", jaar=2024))
    html = client.get(reverse("initiatives:list")).content.decode()
    assert "(xn--nrdoogst-" in html and ".nl)" in html
