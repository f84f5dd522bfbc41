"""Obstacle insights, the drill-down list, the activity log and the guide's edit history."""

import html as html_lib
import re
from datetime import datetime

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.admin.utils import construct_change_message
from django.forms import inlineformset_factory, modelform_factory
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from koppels.models import Gebeurtenis, Staat
from tests import factories as f
from tests.html import root
from wegwijzers.models import Actie, Wegwijzer


def links(html: str) -> dict[str, str]:
    """{url: text} of every link inside the insights block."""
    blok = re.search(r'<div id="inzichten".*', html, re.S).group(0)
    return {
        html_lib.unescape(href): re.sub(r"<.*?>", "", tekst).strip()
        for href, tekst in re.findall(r'<a href="([^"]+)">(.*?)</a>', blok, re.S)
    }


def cel(html: str, tabel_id: str, rij: str, kolom: int) -> str:
    """The text of one cell (0 = first state column) of a row whose header contains `rij`."""
    tabel = re.search(rf'<table class="tabel tabel--tellingen" id="{tabel_id}">.*?</table>', html, re.S).group(0)
    tr = re.search(rf"<tr>\s*<th scope=\"row\">[^<]*{re.escape(rij)}[^<]*</th>(.*?)</tr>", tabel, re.S).group(1)
    cellen = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
    return re.sub(r"<.*?>", "", cellen[kolom]).strip()


def obstakel_titels(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return set(re.findall(r'<h3 class="obstakel__titel"><a href="[^"]+">(.*?)</a></h3>', response.text))


@pytest.fixture
def situatie(gids, labels):
    """Two cohorts; in the first, three koppels meet obstacles, two of them about the same wegwijzer and label."""
    pilot = f.CohortFactory(naam="Pilot 2024", slug="pilot-2024")
    ander = f.CohortFactory(naam="Programma 2025", slug="programma-2025")
    a, b, c = (f.KoppelFactory(cohort=pilot) for _ in range(3))
    d = f.KoppelFactory(cohort=ander)
    w1, w2, _ = gids
    actie = w1.acties.first()
    maart = timezone.make_aware(datetime(2025, 3, 10, 12))
    april = timezone.make_aware(datetime(2025, 4, 2, 12))
    f.ObstakelFactory(koppel=a, titel="Vergunning", labels=[labels[1]], wegwijzer=w1, actie=actie, created_at=maart)
    f.ObstakelFactory(
        koppel=b,
        titel="Huurcontract",
        labels=[labels[1], labels[3]],
        wegwijzer=w1,
        actie=actie,
        created_at=april,
        staat=Staat.IN_BEHANDELING,
    )
    f.ObstakelFactory(
        koppel=c, titel="Geen subsidie", labels=[labels[0]], wegwijzer=w2, created_at=april, staat=Staat.STRUCTUREEL
    )
    f.ObstakelFactory(koppel=c, titel="Zonder wegwijzer", created_at=april, staat=Staat.WEGGENOMEN)
    f.ObstakelFactory(koppel=d, titel="Ander cohort", labels=[labels[1]], wegwijzer=w1, created_at=maart)
    return pilot


class TestInsights:
    def test_counts_by_label_wegwijzer_state_and_month_for_one_cohort(self, team_client, situatie):
        html = team_client.get(reverse("werkruimte:inzichten"), {"cohort": "pilot-2024"}).text
        # Juridische kaders: Vergunning (gesignaleerd) and Huurcontract (in behandeling); not the other cohort's.
        assert cel(html, "per-label", "Juridische kaders", 0) == "1"
        assert cel(html, "per-label", "Juridische kaders", 1) == "1"
        assert cel(html, "per-label", "Juridische kaders", 4) == "2"
        assert cel(html, "per-wegwijzer", "1. Wegwijzer 1", 4) == "2"
        assert cel(html, "per-wegwijzer", "Zonder wegwijzer", 2) == "1"
        assert cel(html, "per-maand", "maart 2025", 4) == "1"
        assert cel(html, "per-maand", "april 2025", 4) == "3"
        assert 'id="per-cohort"' not in html  # one cohort chosen: no per-cohort table

    def test_label_chart_has_a_text_alternative_with_the_tables_numbers(self, team_client, situatie):
        html = team_client.get(reverse("werkruimte:inzichten"), {"cohort": "pilot-2024"}).text
        svg = re.search(
            r'<svg[^>]*aria-labelledby="labelgrafiek-titel labelgrafiek-uitleg".*?</svg>', html, re.S
        ).group(0)
        assert 'role="img"' in svg and "style=" not in svg
        assertInHTML('<title id="labelgrafiek-titel">Obstakels per label in Pilot 2024</title>', svg)
        desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
        assert "Juridische kaders: 2 obstakels." in desc and "Financiering &amp; middelen: 1 obstakel." in desc
        assert cel(html, "per-label", "Juridische kaders", 4) == "2"

    def test_every_number_drills_down_to_exactly_the_obstacles_behind_it(self, team_client, situatie):
        html = team_client.get(reverse("werkruimte:inzichten"), {"cohort": "pilot-2024"}).text
        gevolgd = 0
        for url, tekst in links(html).items():
            if not url.startswith(reverse("werkruimte:obstakels")):
                continue
            getal = int(re.match(r"\d+", tekst).group(0))
            titels = obstakel_titels(team_client, url)
            assert len(titels) == getal, (url, tekst, titels)
            assert "Ander cohort" not in titels
            gevolgd += 1
        assert gevolgd > 20

    def test_all_cohorts_adds_a_table_per_cohort(self, team_client, situatie):
        html = team_client.get(reverse("werkruimte:inzichten")).text
        assert cel(html, "per-cohort", "Pilot 2024", 4) == "4"
        assert cel(html, "per-cohort", "Programma 2025", 0) == "1"
        assert obstakel_titels(team_client, "/werkruimte/obstakels/?cohort=programma-2025") == {"Ander cohort"}

    def test_recurring_obstacles_are_grouped_across_koppels(self, team_client, situatie):
        html = team_client.get(reverse("werkruimte:inzichten"), {"cohort": "pilot-2024"}).text
        groepen = {tekst: url for url, tekst in links(html).items() if "koppels" in tekst}
        wegwijzer_label = next(t for t in groepen if "label Juridische kaders" in t)
        assert wegwijzer_label.startswith("2 obstakels bij 2 koppels: wegwijzer ‘Wegwijzer 1’")
        assert obstakel_titels(team_client, groepen[wegwijzer_label]) == {"Vergunning", "Huurcontract"}
        per_actie = next(t for t in groepen if "over de actie" in t)
        assert obstakel_titels(team_client, groepen[per_actie]) == {"Vergunning", "Huurcontract"}
        assert not any("Geen subsidie" in t for t in groepen)

    def test_unknown_cohort_is_a_400_with_a_dutch_message(self, team_client, situatie):
        response = team_client.get(reverse("werkruimte:inzichten"), {"cohort": "bestaat-niet"})
        assert response.status_code == 400
        assert "Dit cohort bestaat niet." in response.text


class TestObstakelList:
    def test_filters_combine_and_are_named_in_words(self, team_client, situatie, labels):
        url = reverse("werkruimte:obstakels")
        assert obstakel_titels(team_client, f"{url}?staat=open&cohort=pilot-2024") == {"Vergunning", "Huurcontract"}
        assert obstakel_titels(team_client, f"{url}?maand=2025-03") == {"Vergunning", "Ander cohort"}
        assert obstakel_titels(team_client, f"{url}?wegwijzer=geen") == {"Zonder wegwijzer"}
        html = team_client.get(url, {"label": labels[1].slug, "cohort": "pilot-2024"}).text
        assert "Label: <strong>Juridische kaders</strong>" in html
        assert "Cohort: <strong>Pilot 2024</strong>" in html

    def test_each_obstacle_shows_its_koppel(self, team_client, situatie):
        html = team_client.get(reverse("werkruimte:obstakels"), {"cohort": "programma-2025"}).text
        obstakel = situatie.koppels.first().obstakels.model.objects.get(titel="Ander cohort")
        assert obstakel.koppel.initiatief.naam in html

    @pytest.mark.parametrize(
        "query, melding",
        [
            ({"staat": "kapot"}, "Selecteer een geldige keuze"),
            ({"maand": "2025-13"}, "Kies een maand tussen 01 en 12."),
            ({"maand": "maart"}, "Kies een maand als jjjj-mm"),
            ({"maand": "2025-3"}, "Kies een maand als jjjj-mm"),
            # Years no obstacle can have: a clear refusal, never a date calculation that fails (a 500).
            ({"maand": "0000-01"}, "Kies een jaar van 2000 tot en met 2100."),
            ({"maand": "9999-12"}, "Kies een jaar van 2000 tot en met 2100."),
            ({"label": "onbekend"}, "Selecteer een geldige keuze"),
        ],
    )
    def test_bad_filters_are_a_400_with_a_dutch_message(self, team_client, situatie, query, melding):
        response = team_client.get(reverse("werkruimte:obstakels"), query)
        assert response.status_code == 400
        assert melding in response.text
        assert '<h3 class="obstakel__titel">' not in response.text

    @pytest.mark.parametrize("maand", ["2000-01", "2100-12"])
    def test_the_first_and_last_month_allowed_are_valid_filters(self, team_client, situatie, maand):
        response = team_client.get(reverse("werkruimte:obstakels"), {"maand": maand})
        assert response.status_code == 200
        assert response.context["pagina"].paginator.count == 0

    def test_htmx_gets_the_results_partial_with_focus_and_announcement(self, team_client, situatie):
        response = team_client.get(reverse("werkruimte:obstakels"), {"staat": "open"}, HTTP_HX_REQUEST="true")
        assert response.template_name == "werkruimte/obstakel_list.html#resultaten"
        assert (root(response.text).tag, root(response.text).attrs["id"]) == ("section", "resultaten")
        assert 'data-announce="3 obstakels gevonden."' in response.text
        assert "data-focus" in response.text
        assert "<html" not in response.text

    def test_pagination_keeps_the_filters(self, team_client, gids):
        cohort = f.CohortFactory(slug="groot")
        koppel = f.KoppelFactory(cohort=cohort)
        for i in range(30):
            f.ObstakelFactory(koppel=koppel, titel=f"Obstakel {i:02d}")
        html = team_client.get(reverse("werkruimte:obstakels"), {"cohort": "groot"}).text
        assert "Pagina 1 van 2" in html
        assert 'href="?cohort=groot&amp;pagina=2"' in html
        assert len(obstakel_titels(team_client, "/werkruimte/obstakels/?cohort=groot&pagina=2")) == 5


class TestActivityLog:
    def test_shows_who_changed_what_and_when_filtered_per_koppel(self, team_client, gids):
        cohort = f.CohortFactory()
        a, b = f.KoppelFactory(cohort=cohort), f.KoppelFactory(cohort=cohort)
        wie = f.UserFactory(naam="Fatima Bakker")
        f.GebeurtenisFactory(koppel=a, user=wie, soort=Gebeurtenis.Soort.NOTITIE, omschrijving="Schreef een notitie.")
        f.GebeurtenisFactory(koppel=b, soort=Gebeurtenis.Soort.UITNODIGING, omschrijving="Nodigde iemand uit.")
        html = team_client.get(reverse("werkruimte:activiteit"), {"koppel": a.pk}).text
        assert "Fatima Bakker" in html and "Schreef een notitie." in html
        assert "Nodigde iemand uit." not in html
        html = team_client.get(reverse("werkruimte:activiteit"), {"soort": "uitnodiging"}).text
        assert "Nodigde iemand uit." in html and "Schreef een notitie." not in html

    def test_unknown_koppel_is_a_400(self, team_client, db):
        assert team_client.get(reverse("werkruimte:activiteit"), {"koppel": "999999"}).status_code == 400


class TestGuideEdits:
    def test_an_inline_edit_in_the_admin_is_recorded_and_shown(self, team_client, gids):
        """The admin's own change message lists edits made in an inline (an action under its wegwijzer)."""
        wegwijzer = gids[0]
        acties = list(wegwijzer.acties.order_by("volgorde"))
        WegwijzerForm = modelform_factory(Wegwijzer, fields=["doel"])
        ActieFormSet = inlineformset_factory(Wegwijzer, Actie, fields=["tekst"], extra=0)
        data = {"doel": wegwijzer.doel, "acties-TOTAL_FORMS": "2", "acties-INITIAL_FORMS": "2"}
        for i, actie in enumerate(acties):
            data |= {f"acties-{i}-id": str(actie.pk), f"acties-{i}-tekst": actie.tekst}
        data["acties-1-tekst"] = "Ga het gesprek aan, en luister."
        form, formset = WegwijzerForm(data, instance=wegwijzer), ActieFormSet(data, instance=wegwijzer)
        assert form.is_valid() and formset.is_valid()
        form.save()
        formset.save()
        message = construct_change_message(form, [formset], add=False)
        redacteur = f.ProgrammateamFactory(naam="Redacteur Rita")
        LogEntry.objects.log_actions(redacteur.pk, [wegwijzer], CHANGE, change_message=message, single_object=True)

        html = team_client.get(reverse("werkruimte:wijzigingen")).text
        assert "Tekst voor actie ‘Ga het gesprek aan, en luister.’ gewijzigd." in html
        assert "Redacteur Rita" in html

    def test_admin_history_of_the_guide_is_listed_with_who_and_what(self, team_client, gids):
        redacteur = f.ProgrammateamFactory(naam="Redacteur Rita")
        wegwijzer = gids[0]
        # What the admin's change view writes for an edit of a field and of an inline action.
        message = [
            {"changed": {"fields": ["Doel"]}},
            {"changed": {"name": "actie", "object": "Actie 1.1", "fields": ["Tekst"]}},
        ]
        LogEntry.objects.log_actions(redacteur.pk, [wegwijzer], CHANGE, change_message=message, single_object=True)
        LogEntry.objects.log_actions(redacteur.pk, [gids[1]], ADDITION, change_message=[{"added": {}}])
        html = team_client.get(reverse("werkruimte:wijzigingen")).text
        assert "Redacteur Rita" in html
        assert "Wegwijzer: Wegwijzer 1" in html
        assert "Doel gewijzigd." in html
        assert "Tekst voor actie ‘Actie 1.1’ gewijzigd." in html
        assert "Toegevoegd." in html
