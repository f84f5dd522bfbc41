"""Koppels in a real browser, keyboard only: invitation -> account -> login -> status -> note -> obstacle."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from koppels import services
from koppels.models import Actiestap, Obstakel, Rol, Status
from tests import factories as f
from tests.a11y import assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "lang-en-geheim-wachtwoord"


def tab_to(page: Page, selector: str, *, limit: int = 250, backwards: bool = False) -> None:
    """Move focus with the Tab key only, until the element matching `selector` has it."""
    for _ in range(limit):
        if page.evaluate("(sel) => document.activeElement && document.activeElement.matches(sel)", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"Tab never reached {selector}")


def focused(page: Page, selector: str) -> bool:
    return page.evaluate("(sel) => !!document.activeElement && document.activeElement.matches(sel)", selector)


def test_invitation_to_obstacle_with_the_keyboard_only(page: Page, live_server, minigids_live):
    team = f.UserFactory(is_staff=True, naam="Tessa Team", password=f.PASSWORD)
    koppel = f.koppel_met_gids(door=team, initiatief__naam="Buurtkeuken Noord")
    partner = koppel.lidmaatschappen.get(rol=Rol.AMBTENAAR).user
    services.invite(koppel=koppel, email="nina@example.org", rol=Rol.INITIATIEFNEMER, by=team)
    link = re.search(r"http://\S+/koppels/uitnodiging/\S+/", mail.outbox[-1].body).group(0)
    path = "/koppels/" + link.split("/koppels/", 1)[1]

    # Invitation -> account
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", name="Uitnodiging voor een koppel")).to_be_visible()
    assert_accessible(page)
    tab_to(page, "#id_naam")
    page.keyboard.type("Nina Nieuw")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Buurtkeuken Noord")).to_be_visible()

    # Log out and log in again
    tab_to(page, ".site-nav button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    tab_to(page, ".site-nav a[href='/account/login/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Inloggen")).to_be_visible()
    assert_accessible(page)
    tab_to(page, "#id_login")
    page.keyboard.type("nina@example.org")
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Mijn koppels")).to_be_visible()
    assert_accessible(page)
    tab_to(page, "a.kaart__link")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Buurtkeuken Noord")).to_be_visible()
    assert_accessible(page)

    # Status: the radio group takes arrow keys; the note is in the same small form.
    stap = Actiestap.objects.filter(koppel=koppel).order_by("actie__wegwijzer__volgorde", "actie__volgorde").first()
    row = f"#actie-{stap.actie_id}"
    tab_to(page, f"{row} input[name=status]")
    page.keyboard.press("ArrowRight")  # open -> bezig
    page.keyboard.press("ArrowRight")  # bezig -> gedaan
    page.keyboard.press("Tab")
    page.keyboard.type("Kennismaking gehad")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.locator(f"{row} .status")).to_have_text("Gedaan")
    expect(page.locator("#voortgang")).to_contain_text("1 van 17")
    expect(page.locator("#meldingen")).to_have_text(re.compile("Actie 1.1 opgeslagen: gedaan"))
    page.wait_for_function("(sel) => document.activeElement.matches(sel)", arg=f"{row} button[type=submit]")
    assert_accessible(page)

    # Note: focus stayed on the row's button, so Shift+Tab reaches its note.
    page.keyboard.press("Shift+Tab")
    assert focused(page, f"{row} textarea")
    page.keyboard.press("End")
    page.keyboard.type(" en afspraken gemaakt.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(f"{row} summary")).to_have_text("Geschiedenis (2 wijzigingen)")
    assert Actiestap.objects.get(pk=stap.pk).notitie == "Kennismaking gehad en afspraken gemaakt."

    # The partner changes the same action meanwhile: our next change is refused in place, nothing overwritten.
    current = Actiestap.objects.get(pk=stap.pk)
    services.set_actie(
        koppel=koppel,
        actie=current.actie,
        status=Status.NVT,
        notitie="Toch niet nodig",
        versie=current.versie,
        by=partner,
    )
    page.wait_for_function("(sel) => document.activeElement.matches(sel)", arg=f"{row} button[type=submit]")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type(" Nog iets.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(f"{row} .actie-rij__fout")).to_contain_text("heeft deze actie intussen gewijzigd")
    expect(page.locator(f"{row} textarea")).to_have_value("Toch niet nodig")
    page.wait_for_function("(sel) => document.activeElement.matches(sel)", arg=f"{row} .actie-rij__fout")
    assert_accessible(page)
    assert Actiestap.objects.get(pk=stap.pk).notitie == "Toch niet nodig"

    # Obstacle: an empty form first is refused in place (422), focus on the message
    tab_to(page, ".obstakel-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#obstakels .formulier-fout")).to_be_focused()
    expect(page.locator("label[for=nieuw-obstakel-titel]")).to_contain_text("Dit veld is verplicht.")
    assert_accessible(page)
    tab_to(page, "#nieuw-obstakel-titel")
    page.keyboard.type("Geen vast aanspreekpunt")
    page.keyboard.press("Tab")
    page.keyboard.type("Elke vraag ging naar een andere afdeling.")
    tab_to(page, "#nieuw-obstakel-labels_0")
    page.keyboard.press("Space")
    tab_to(page, ".obstakel-form button[type=submit]")
    page.keyboard.press("Enter")
    obstakel_titel = page.locator(".obstakel__titel", has_text="Geen vast aanspreekpunt")
    expect(obstakel_titel).to_be_focused()
    expect(page.locator("#meldingen")).to_have_text(re.compile("is toegevoegd"))
    assert_accessible(page)
    obstakel = Obstakel.objects.get()
    assert obstakel.labels.count() == 1

    # Update it in place: Bijwerken -> form -> state -> save
    tab_to(page, f"#obstakel-{obstakel.pk} a.button")
    page.keyboard.press("Enter")
    expect(page.locator(f"#obstakel-{obstakel.pk} form")).to_be_visible()
    assert_accessible(page)
    tab_to(page, f"#obstakel-{obstakel.pk}-staat")
    page.keyboard.press("ArrowDown")  # gesignaleerd -> in behandeling (a closed select changes with arrows)
    tab_to(page, f"#obstakel-{obstakel.pk} button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(f"#obstakel-{obstakel.pk} .staat")).to_have_text("In behandeling")
    expect(page.locator(f"#obstakel-{obstakel.pk} .obstakel__titel")).to_be_focused()
    assert_accessible(page)


def test_account_and_koppel_pages_have_no_axe_violations(page: Page, live_server, minigids_live):
    koppel = f.koppel_met_gids(initiatief__naam="Buurtkeuken Noord")
    member = koppel.lidmaatschappen.first().user
    obstakel = services.create_obstakel(koppel=koppel, titel="Loket dicht", beschrijving="b", by=member)
    services.invite(koppel=koppel, email="nina@example.org", rol=Rol.AMBTENAAR, by=None)
    link = re.search(r"http://\S+/koppels/uitnodiging/\S+/", mail.outbox[-1].body).group(0)
    public = [
        "/account/login/",
        "/account/login/code/",
        "/account/password/reset/",
        "/account/signup/",
        "/koppels/" + link.split("/koppels/", 1)[1],
        "/koppels/uitnodiging/onbekend/",
    ]
    for path in public:
        page.goto(live_server.url + path)
        assert_accessible(page)

    # The password-free way in: request a code, then the page that asks for it (WCAG 2.2 3.3.8).
    page.goto(live_server.url + "/account/login/code/")
    page.fill("#id_email", member.email)
    page.get_by_role("button", name="Code aanvragen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("code")
    assert_accessible(page)
    code = re.search(r"open hebt staan\.\n\n(\S+)\n", mail.outbox[-1].body).group(1)
    page.fill("#id_code", code)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1, name="Mijn koppels")).to_be_visible()
    page.context.clear_cookies()

    team = f.UserFactory(is_staff=True, email="team@example.org", password=f.PASSWORD)
    page.goto(live_server.url + "/account/login/")
    page.fill("#id_login", team.email)
    page.fill("#id_password", "een-goed-wachtwoord-42")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    for path in [
        "/koppels/",
        koppel.get_absolute_url(),  # with the programme team's invitation section
        f"/koppels/{koppel.pk}/obstakels/{obstakel.pk}/bewerken/",
        "/account/password/change/",
        "/account/email/",
    ]:
        page.goto(live_server.url + path)
        assert_accessible(page)
