"""The strict CSP in a real browser: Django's admin and allauth's pages run without a single violation."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from incubator.models import User
from tests.a11y import assert_accessible
from wegwijzers.edities import maak_concept

PASSWORD = "een-lang-wachtwoord-voor-de-test"


def collect_csp_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return violations


@pytest.mark.browser
class TestStrictPolicyInTheBrowser:
    def test_admin_and_account_pages_work_without_violations(self, page, live_server, minigids_live):
        beheerder = User.objects.create_superuser("beheer@example.nl", PASSWORD, naam="Beheerder")
        EmailAddress.objects.create(user=beheerder, email=beheerder.email, verified=True, primary=True)
        violations = collect_csp_violations(page)

        page.goto(f"{live_server.url}/account/login/")
        assert page.locator("input[name=login]").is_visible()

        # The admin has no login form of its own: allauth's (with its rate limits) brings the team back to it.
        page.goto(f"{live_server.url}/beheer/")
        page.fill("input[name=login]", "beheer@example.nl")
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{live_server.url}/beheer/")

        # The group form's permission chooser is built by the admin's JavaScript (SelectFilter2.js):
        # if the policy blocked a script, the two-list widget would not appear.
        page.goto(f"{live_server.url}/beheer/auth/group/add/")
        page.locator("#id_permissions_from").wait_for()
        page.fill("input[name=name]", "Programmateam")
        page.locator("#id_permissions_from option").first.dblclick()
        assert page.locator("#id_permissions_to option").count() == 1
        page.click("input[name=_save]")
        page.wait_for_url(f"{live_server.url}/beheer/auth/group/")

        # A change form with inlines: "add another" is the admin's inlines.js at work. Edits go to the draft edition
        # (published rows are read-only), so there is one; the list shows it by default.
        maak_concept()
        page.goto(f"{live_server.url}/beheer/wegwijzers/wegwijzer/")
        page.locator("#result_list tbody a").first.click()
        add_row = page.locator("#acties-group .add-row a")
        add_row.wait_for()  # the change form has loaded and inlines.js has added its link
        forms = page.locator(".inline-related:not(.empty-form)[id^=acties-]")
        before = forms.count()
        assert before > 0
        add_row.click()
        expect(forms).to_have_count(before + 1)

        assert violations == []

    @pytest.mark.urls("tests.error_urls")
    def test_the_503_page_is_accessible(self, page, live_server, db):
        violations = collect_csp_violations(page)
        response = page.goto(f"{live_server.url}/test/database-weg/")
        assert response.status == 503
        assert page.get_by_role("heading", level=1).inner_text() == "De portal is even niet bereikbaar"
        assert_accessible(page)
        assert violations == []

    @pytest.mark.urls("tests.error_urls")
    def test_an_htmx_request_during_an_outage_shows_and_announces_the_message(self, page, live_server, db):
        violations = collect_csp_violations(page)
        page.goto(f"{live_server.url}/test/htmx/")
        page.get_by_role("link", name="Laad meer").click()
        heading = page.get_by_role("heading", level=1, name="De portal is even niet bereikbaar")
        expect(heading).to_be_focused()
        expect(page.locator("#meldingen")).to_have_text(
            "De portal is even niet bereikbaar. Probeer het over een halve minuut opnieuw."
        )
        assert page.url.endswith("/test/htmx/")  # the message replaced the main content, not the whole page
        assert page.locator("main#inhoud #melding").count() == 1
        assert violations == []
