"""Koppels in a real browser, keyboard only: invitation, login, the route (filter, quick change), an action's page
(note, refusal, leaving with unsaved input), an obstacle report; axe-core on every page and state at 320 and 1280 px."""

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

    # The route: a task list, at most 4,000 px tall at 375 px for the booklet's 17 actions.
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert page.locator(".taak").count() == 17
    assert height <= 4000, f"the route page is {height} px tall at 375 px"
    page.set_viewport_size({"width": 1280, "height": 900})

    # Filter with the keyboard: the list is replaced, focus stays in the filter, the count is announced.
    tab_to(page, "#filter-status")
    page.keyboard.press("ArrowDown")  # Alle statussen -> Open
    expect(page.locator("#meldingen")).to_have_text("17 van 17 acties getoond.")
    assert focused(page, "#filter-status")
    assert "status=open" in page.url
    accessible_at_both_widths(page)
    page.keyboard.press("ArrowUp")  # back to all
    expect(page.locator("#route-lijst .route-lijst__filter")).to_have_count(0)

    # Quick change: "Status wijzigen" opens a menu whose choice is the submit.
    stap = Actiestap.objects.filter(koppel=koppel).order_by("actie__wegwijzer__volgorde", "actie__volgorde").first()
    row = f"#actie-{stap.actie_id}"
    tab_to(page, f"{row} summary")
    page.keyboard.press("Enter")
    tab_to(page, f"{row} button[value=gedaan]")
    page.keyboard.press("Enter")
    expect(page.locator(f"{row} .status")).to_have_text("Gedaan")
    expect(page.locator(f"{row} .taak__bevestiging")).to_have_text("Actie 1.1 is opgeslagen als gedaan.")
    expect(page.locator("#meldingen")).to_have_text("Actie 1.1 is opgeslagen als gedaan.")
    expect(page.locator("#voortgang")).to_contain_text("1 van 17")
    page.wait_for_function("(sel) => document.activeElement.matches(sel)", arg=f"{row} summary")
    accessible_at_both_widths(page)

    # The partner changes the same action meanwhile: our next quick change is refused at the line.
    current = Actiestap.objects.get(pk=stap.pk)
    services.set_actie(
        koppel=koppel, actie=current.actie, status=Status.NVT, notitie="", versie=current.versie, by=partner
    )
    page.keyboard.press("Enter")  # open the menu again
    tab_to(page, f"{row} button[value=bezig]")
    page.keyboard.press("Enter")
    expect(page.locator(f"{row} .taak__fout")).to_contain_text("intussen gewijzigd naar ‘niet van toepassing’")
    expect(page.locator(f"{row} .status")).to_have_text("Niet van toepassing")
    accessible_at_both_widths(page)
    assert Actiestap.objects.get(pk=stap.pk).status == Status.NVT

    # The action's own page: the note, saved without JavaScript-only tricks (a 303 back with a confirmation).
    tweede_id = Actiestap.objects.filter(koppel=koppel).order_by("actie__wegwijzer__volgorde", "actie__volgorde")[1]
    tab_to(page, f"#actie-{tweede_id.actie_id} a.taak__link")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("1.2")
    accessible_at_both_widths(page)
    tab_to(page, "#id_notitie")
    page.keyboard.type("Afspraak gemaakt met de wijkregisseur.")
    seen = []
    page.once("dialog", lambda dialog: (seen.append(dialog.type), dialog.dismiss()))
    tab_to(page, ".kruimelpad a", backwards=True)
    page.keyboard.press("Enter")  # leaving with an unsaved note asks first; dismissed, we stay
    page.wait_for_timeout(300)
    assert seen == ["beforeunload"]
    expect(page.locator("#id_notitie")).to_have_value("Afspraak gemaakt met de wijkregisseur.")
    tab_to(page, ".actie-formulier button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".bevestiging")).to_contain_text("Actie 1.2 is opgeslagen als open.")
    expect(page.locator(".bevestiging")).to_be_focused()
    accessible_at_both_widths(page)
    tweede = Actiestap.objects.get(koppel=koppel, actie__wegwijzer__volgorde=1, actie__volgorde=2)
    assert tweede.notitie == "Afspraak gemaakt met de wijkregisseur."

    # Refused on the action page: the partner saved first; the summary takes focus, our text stays in the form.
    services.set_actie(koppel=koppel, actie=tweede.actie, status=Status.BEZIG, versie=tweede.versie, by=partner)
    tab_to(page, "#id_notitie")
    page.keyboard.press("End")
    page.keyboard.type(" Volgende week terug.")
    tab_to(page, ".actie-formulier button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".foutoverzicht")).to_be_focused()
    assert page.title().startswith("Fout: ")
    expect(page.locator("#id_notitie")).to_have_value("Afspraak gemaakt met de wijkregisseur. Volgende week terug.")
    accessible_at_both_widths(page)

    # Report an obstacle from here: the action is filled in; an empty form is refused with a summary first.
    tab_to(page, "a[href*='obstakels/?actie=']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Obstakel melden")).to_be_visible()
    accessible_at_both_widths(page)
    tab_to(page, ".obstakel-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".foutoverzicht")).to_be_focused()
    expect(page.locator(".foutoverzicht")).to_contain_text("Geef het obstakel een korte titel.")
    accessible_at_both_widths(page)
    page.keyboard.press("Tab")  # the summary's first link leads to the field
    page.keyboard.press("Enter")
    assert focused(page, "#id_titel")
    page.keyboard.type("Geen vast aanspreekpunt")
    page.keyboard.press("Tab")
    page.keyboard.type("Elke vraag ging naar een andere afdeling.")
    tab_to(page, "#id_labels_0")
    page.keyboard.press("Space")
    tab_to(page, ".obstakel-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Obstakel ‘Geen vast aanspreekpunt’ is opgeslagen.")
    expect(page.locator("#obstakels")).to_contain_text("Geen vast aanspreekpunt")
    accessible_at_both_widths(page)
    obstakel = Obstakel.objects.get()
    assert obstakel.labels.count() == 1 and obstakel.actie == tweede.actie

    # Update it in place on the koppel page: Bijwerken -> form -> state -> save
    page.goto(live_server.url + koppel.get_absolute_url())
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


def accessible_at_both_widths(page: Page) -> None:
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
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
        accessible_at_both_widths(page)
    # Refused: the error summary at the top (login, a login code, a password reset)
    for path in ["/account/login/", "/account/login/code/", "/account/password/reset/"]:
        page.goto(live_server.url + path)
        page.locator("main form button[type=submit]").first.click()
        expect(page.locator(".foutoverzicht")).to_be_focused()
        assert page.title().startswith("Fout: ")
        accessible_at_both_widths(page)

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
        f"/koppels/{koppel.pk}/uitnodigingen/",
        f"/koppels/{koppel.pk}/acties/2.3/",
        f"/koppels/{koppel.pk}/obstakels/",
        f"/koppels/{koppel.pk}/obstakels/{obstakel.pk}/bewerken/",
        "/account/password/change/",
        "/account/email/",
    ]:
        page.goto(live_server.url + path)
        accessible_at_both_widths(page)
    page.goto(live_server.url + f"/koppels/{koppel.pk}/uitnodigingen/")
    page.fill("#id_email", "geen-adres")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.locator(".foutoverzicht")).to_be_focused()
    accessible_at_both_widths(page)
