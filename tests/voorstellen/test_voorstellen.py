"""Suggestions: from a koppel's obstacle to a change note, told to the proposer by mail and on Mijn voorstellen."""

import re
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from incubator.eenmalig import FIELD
from koppels.meldingen.delivery import run_due
from koppels.meldingen.models import Meldingvoorkeur, Ritme, Soort, Verzending
from koppels.voorstellen.models import Voorstel
from tests import factories as f
from tests.voorstellen.conftest import als
from wegwijzers import edities
from wegwijzers.models import Actie, Editie, Wegwijzer, Wijzigingsnotitie

pytestmark = pytest.mark.django_db

NIEUW = reverse("voorstellen:nieuw")
MIJN = reverse("voorstellen:mijn")


def lijst_url() -> str:
    return reverse("werkruimte:voorstellen:lijst")


def detail_url(voorstel) -> str:
    return reverse("werkruimte:voorstellen:detail", args=[voorstel.pk])


def token(response) -> str:
    return re.search(rf'name="{FIELD}" value="([^"]+)"', response.text).group(1)


def stel_voor(client, *, obstakel=None, wegwijzer, actie=None, tekst="De gids noemt geen termijnen.", **extra):
    vraag = f"?obstakel={obstakel.pk}" if obstakel else ""
    form = client.get(NIEUW + vraag)
    data = {FIELD: token(form), "wegwijzer": wegwijzer.pk, "actie": actie.pk if actie else "", "tekst": tekst, **extra}
    if obstakel:
        data["obstakel"] = obstakel.pk
    return client.post(NIEUW, data)


def behandel(client, voorstel, **data):
    voorstel.refresh_from_db()
    data.setdefault("versie", voorstel.versie)
    return client.post(detail_url(voorstel), data)


def publiceer(naam: str = "december 2026") -> Editie:
    """Publish the draft with one changed action in the first wegwijzer, a change note for every change."""
    concept = Editie.objects.concept()
    actie = Actie.objects.filter(wegwijzer__editie=concept).order_by("wegwijzer__volgorde", "volgorde")[1]
    actie.tekst = "Vraag de gemeente vooraf hoe lang de vergunning duurt, en spreek een termijn af."
    actie.save()
    wijzigingen = edities.vergelijk(concept, Editie.objects.huidige())
    notities = {w.sleutel: "Termijnen van vergunningen toegevoegd." for w in wijzigingen}
    return edities.publiceer(concept, naam=naam, toelichting="", notities=notities)


def later() -> timezone.datetime:
    return timezone.now() + timedelta(minutes=5)


class TestLife:
    def test_from_obstacle_to_change_note_with_a_mail_and_the_outcome_on_mijn_voorstellen(self, wereld, postbus):
        amir, team, obstakel, actie = wereld["amir"], wereld["team"], wereld["obstakel"], wereld["actie"]
        lid = als(amir)

        # The member opens the form from their obstacle: wegwijzer and action filled in, the obstacle linked.
        form = lid.get(NIEUW + f"?obstakel={obstakel.pk}")
        assert form.status_code == 200
        assert re.search(rf'<option value="{actie.wegwijzer_id}" selected>', form.text)
        assert re.search(rf'<option value="{actie.pk}" selected>', form.text)
        assert f'href="/koppels/{wereld["koppel"].pk}/#obstakel-{obstakel.pk}"' in form.text
        assert "Vanuit het obstakel ‘Vergunning duurt maanden’ van Buurtmoestuin." in form.text

        antwoord = stel_voor(lid, obstakel=obstakel, wegwijzer=actie.wegwijzer, actie=actie)
        voorstel = Voorstel.objects.get()
        assert antwoord.status_code == 303 and antwoord["Location"] == f"{MIJN}#voorstel-{voorstel.pk}"
        assert (voorstel.door, voorstel.obstakel, voorstel.actie, voorstel.status) == (amir, obstakel, actie, "nieuw")
        pagina = lid.get(MIJN)
        assert "Je voorstel voor Actie 1.2 (Wegwijzer 1) is verstuurd." in pagina.text
        assert "het programmateam heeft het nog niet bekeken" in pagina.text

        # The team triages: in behandeling, then taken over in the draft edition.
        beheer = als(team)
        assert "Nieuw: 1" in beheer.get(lijst_url()).text
        assert behandel(beheer, voorstel, status="in_behandeling").status_code == 303
        concept = edities.maak_concept()
        antwoord = behandel(
            beheer, voorstel, status="overgenomen", publieke_samenvatting="Actie 1.2 noemt nu de termijn."
        )
        assert antwoord.status_code == 303
        voorstel.refresh_from_db()
        assert (voorstel.status, voorstel.editie, voorstel.behandeld_door) == ("overgenomen", concept, team)
        assert "Overgenomen voor de volgende editie" in lid.get(MIJN).text
        run_due(nu=later())
        assert postbus.aan(amir.email) == []  # not before the edition is out

        # The draft is published: the proposal points at its wegwijzer's change note.
        editie = publiceer()
        voorstel.refresh_from_db()
        notitie = Wijzigingsnotitie.objects.get(editie=editie, wegwijzer__vorige=actie.wegwijzer)
        assert voorstel.notitie == notitie and list(notitie.voorstellen.all()) == [voorstel]
        regel = render_to_string("edities/_voorstellen.html", {"notitie": notitie})
        assert "Voorgesteld vanuit de praktijk" in regel and "Actie 1.2 noemt nu de termijn." in regel
        assert "Amir" not in regel and "geen termijnen" not in regel  # never the proposer's name or words

        # The proposer is told by mail, once, and sees the outcome.
        run_due(nu=later())
        run_due(nu=later())
        [mail] = postbus.aan(amir.email)
        assert mail["Subject"] == "[Incubator] Je voorstel is overgenomen in editie december 2026"
        body = mail.get_body(preferencelist=("plain",)).get_content()
        assert "‘Actie 1.2 noemt nu de termijn.’" in body
        assert f"https://minigids.example.nl/voorstellen/#voorstel-{voorstel.pk}" in body
        assert mail["List-Unsubscribe"].startswith("<https://minigids.example.nl/account/meldingen/uitschrijven/")
        assert postbus.aan(wereld["iris"].email) == []
        pagina = lid.get(MIJN)
        assert "Overgenomen in editie december 2026" in pagina.text
        assert "Bekijk de wijzigingen in editie december 2026" in pagina.text

        # Taken over in a published edition: nothing more to decide.
        beheer_pagina = beheer.get(detail_url(voorstel))
        assert "er valt niets meer te beslissen" in beheer_pagina.text
        assert behandel(beheer, voorstel, status="afgewezen", reden="Toch niet").status_code == 422

    def test_rejected_with_a_reason_that_the_proposer_reads(self, wereld, postbus):
        amir, team = wereld["amir"], wereld["team"]
        voorstel = f.voorstel(door=amir, actie=wereld["actie"])
        beheer = als(team)

        zonder = behandel(beheer, voorstel, status="afgewezen", reden="  ")
        assert zonder.status_code == 422
        assert zonder.text.count("<title>Fout: ") == 1
        assert 'href="#id_reden"' in zonder.text
        assert "Schrijf waarom je het voorstel afwijst; de indiener leest dit." in zonder.text
        voorstel.refresh_from_db()
        assert voorstel.status == "nieuw"

        assert behandel(beheer, voorstel, status="afgewezen", reden="Dit staat al in actie 2.1.").status_code == 303
        assert "Voorstel " + str(voorstel.pk) + " is opgeslagen: afgewezen." in beheer.get(detail_url(voorstel)).text
        pagina = als(amir).get(MIJN)
        assert "Afgewezen" in pagina.text and "Dit staat al in actie 2.1." in pagina.text

        run_due(nu=later())
        [mail] = postbus.aan(amir.email)
        assert mail["Subject"] == "[Incubator] Je voorstel voor de minigids is bekeken"
        assert "‘Dit staat al in actie 2.1.’" in mail.get_body(preferencelist=("plain",)).get_content()
        assert Verzending.objects.get(user=amir).sleutel == f"{voorstel.pk}:afgewezen"

    def test_someone_who_switched_these_mails_off_gets_none(self, wereld, postbus):
        Meldingvoorkeur.objects.create(user=wereld["amir"], soort=Soort.VOORSTEL, ritme=Ritme.NOOIT)
        voorstel = f.voorstel(door=wereld["amir"])
        behandel(als(wereld["team"]), voorstel, status="afgewezen", reden="Nee.")
        run_due(nu=later())
        assert postbus.aan(wereld["amir"].email) == [] and not Verzending.objects.filter(user=wereld["amir"]).exists()

    def test_the_team_is_not_mailed_about_its_own_decision_on_its_own_proposal(self, wereld, postbus):
        team = wereld["team"]
        eigen = f.voorstel(door=team)
        behandel(als(team), eigen, status="afgewezen", reden="Toch niet nodig.")
        run_due(nu=later())
        assert not Verzending.objects.filter(soort=Soort.VOORSTEL).exists()

    def test_taking_over_needs_a_draft_and_a_public_line(self, wereld):
        voorstel = f.voorstel(door=wereld["amir"])
        beheer = als(wereld["team"])
        antwoord = behandel(beheer, voorstel, status="overgenomen", publieke_samenvatting="")
        assert antwoord.status_code == 422
        assert "Er is geen concept voor een nieuwe editie." in antwoord.text
        assert "Schrijf in één zin wat er dankzij dit voorstel verandert" in antwoord.text

    def test_a_draft_thrown_away_puts_its_proposals_back_in_behandeling(self, wereld):
        voorstel = f.voorstel(door=wereld["amir"])
        concept = edities.maak_concept()
        behandel(als(wereld["team"]), voorstel, status="overgenomen", publieke_samenvatting="Iets beters.")
        edities.gooi_concept_weg(concept)
        voorstel.refresh_from_db()
        assert (voorstel.status, voorstel.editie, voorstel.publieke_samenvatting) == ("in_behandeling", None, "")


class TestProposing:
    def test_the_public_wegwijzer_page_links_to_the_form_the_same_for_everyone(self, wereld, client):
        wegwijzer = Wegwijzer.objects.huidig().order_by("volgorde").first()
        pagina = client.get(wegwijzer.get_absolute_url())
        assert f'href="/voorstellen/nieuw/?wegwijzer={wegwijzer.slug}"' in pagina.text
        assert "csrftoken" not in pagina.cookies  # a plain link: the page stays in the page cache

    def test_logged_out_visitors_log_in_and_come_back_to_the_filled_in_form(self, wereld, client):
        antwoord = client.get(NIEUW + "?wegwijzer=wegwijzer-2&actie=3")
        assert antwoord.status_code == 302
        assert antwoord["Location"] == "/account/login/?next=/voorstellen/nieuw/%3Fwegwijzer%3Dwegwijzer-2%26actie%3D3"
        client.force_login(wereld["amir"])
        form = client.get(NIEUW + "?wegwijzer=wegwijzer-2&actie=3")
        actie = Actie.objects.huidig().get(wegwijzer__slug="wegwijzer-2", volgorde=3)
        assert re.search(rf'<option value="{actie.pk}" selected>', form.text)

    def test_the_action_page_of_a_route_links_with_its_action(self, wereld):
        pagina = als(wereld["amir"]).get(reverse("koppels:actie", args=[wereld["koppel"].pk, 1, 2]))
        assert 'href="/voorstellen/nieuw/?wegwijzer=wegwijzer-1&amp;actie=2"' in pagina.text
        assert f'href="/voorstellen/nieuw/?obstakel={wereld["obstakel"].pk}"' in pagina.text

    def test_another_koppels_obstacle_is_a_404_and_nothing_is_saved(self, wereld):
        lid = als(wereld["amir"])
        ander = wereld["ander_obstakel"]
        assert lid.get(NIEUW + f"?obstakel={ander.pk}").status_code == 404
        assert lid.get(NIEUW + "?obstakel=abc").status_code == 404
        assert lid.get(NIEUW + "?obstakel=99999999999999999999").status_code == 404
        assert lid.get(NIEUW + "?obstakel=%C2%B2").status_code == 404
        wegwijzer = Wegwijzer.objects.huidig().first()
        antwoord = lid.post(NIEUW, {"wegwijzer": wegwijzer.pk, "tekst": "x", "obstakel": ander.pk, FIELD: "t"})
        assert antwoord.status_code == 404
        assert not Voorstel.objects.exists()

    def test_invalid_input_is_refused_with_a_summary_and_the_text_kept(self, wereld):
        lid = als(wereld["amir"])
        acties = list(Actie.objects.huidig().order_by("wegwijzer__volgorde", "volgorde"))
        antwoord = stel_voor(lid, wegwijzer=acties[0].wegwijzer, actie=acties[-1], tekst="Mijn bewaarde tekst")
        assert antwoord.status_code == 422
        assert "<title>Fout: Stel een verbetering voor" in antwoord.text
        assert 'href="#id_actie"' in antwoord.text and "Deze actie hoort bij een andere wegwijzer." in antwoord.text
        assert "Mijn bewaarde tekst" in antwoord.text
        leeg = stel_voor(lid, wegwijzer=acties[0].wegwijzer, tekst="   ")
        assert leeg.status_code == 422 and "Schrijf wat er beter kan en waarom." in leeg.text
        assert not Voorstel.objects.exists()

    def test_sent_twice_it_is_saved_once(self, wereld):
        lid = als(wereld["amir"])
        wegwijzer = Wegwijzer.objects.huidig().first()
        data = {FIELD: token(lid.get(NIEUW)), "wegwijzer": wegwijzer.pk, "tekst": "Eén keer"}
        eerste, tweede = lid.post(NIEUW, data), lid.post(NIEUW, data)
        assert eerste.status_code == tweede.status_code == 303
        assert Voorstel.objects.count() == 1
        assert "Dit formulier was al verstuurd." in lid.get(tweede["Location"]).text


class TestTeam:
    def test_a_structural_obstacle_becomes_a_proposal_with_one_post(self, wereld):
        beheer = als(wereld["team"])
        lijst = beheer.get(reverse("werkruimte:obstakels") + "?staat=structureel")
        url = reverse("werkruimte:voorstellen:van_obstakel", args=[wereld["obstakel"].pk])
        assert f'action="{url}"' in lijst.text
        antwoord = beheer.post(url, {"terug": "/werkruimte/obstakels/?staat=structureel"})
        voorstel = Voorstel.objects.get()
        assert antwoord.status_code == 303 and antwoord["Location"] == detail_url(voorstel)
        assert (voorstel.status, voorstel.obstakel, voorstel.actie) == (
            "in_behandeling",
            wereld["obstakel"],
            wereld["actie"],
        )
        assert "Opgeschaald: de termijnen staan niet in de gids." in voorstel.tekst
        ander = als(f.ProgrammateamFactory())
        nog_eens = ander.post(url)  # another team member, later: the same proposal
        assert nog_eens.status_code == 303 and nog_eens["Location"] == detail_url(voorstel)
        assert Voorstel.objects.count() == 1
        assert "was al voorstel " + str(voorstel.pk) + " gemaakt" in ander.get(detail_url(voorstel)).text

    def test_only_structural_obstacles_and_only_the_team(self, wereld):
        ander = wereld["ander_obstakel"]
        url = reverse("werkruimte:voorstellen:van_obstakel", args=[ander.pk])
        antwoord = als(wereld["team"]).post(url, {"terug": "https://example.org/"})
        assert antwoord.status_code == 303 and antwoord["Location"] == reverse("werkruimte:obstakels")
        assert not Voorstel.objects.exists()
        url = reverse("werkruimte:voorstellen:van_obstakel", args=[wereld["obstakel"].pk])
        assert als(wereld["amir"]).post(url).status_code == 404
        assert als(wereld["amir"]).get(lijst_url()).status_code == 404
        assert not Voorstel.objects.exists()

    def test_two_team_members_at_once_the_second_gets_409_with_the_current_state(self, wereld):
        voorstel = f.voorstel(door=wereld["amir"])
        tessa, ander = als(wereld["team"]), als(f.ProgrammateamFactory(naam="Otto Ander"))
        gezien = voorstel.versie
        assert behandel(ander, voorstel, status="afgewezen", reden="Past niet.", versie=gezien).status_code == 303
        antwoord = behandel(tessa, voorstel, status="in_behandeling", versie=gezien)
        assert antwoord.status_code == 409
        assert "<title>Fout: " in antwoord.text
        assert "Niet opgeslagen: Otto Ander heeft dit voorstel intussen gewijzigd." in antwoord.text
        assert re.search(r'value="afgewezen"[^>]* checked', antwoord.text)  # the form shows the current state
        assert "Wat je wilde opslaan:" in antwoord.text and "in_behandeling" in antwoord.text
        voorstel.refresh_from_db()
        assert voorstel.status == "afgewezen"

    def test_the_list_filters_by_status_and_counts(self, wereld):
        f.voorstel(door=wereld["amir"], tekst="Eerste")
        f.voorstel(door=wereld["amir"], tekst="Tweede", status="afgewezen", reden="r")
        beheer = als(wereld["team"])
        alle = beheer.get(lijst_url())
        assert "Alle: 2" in alle.text and "Nieuw: 1" in alle.text and "Afgewezen: 1" in alle.text
        gefilterd = beheer.get(lijst_url() + "?status=afgewezen", headers={"HX-Request": "true"})
        assert gefilterd.template_name == "voorstellen/werkruimte_lijst.html#resultaten"
        assert "Tweede" in gefilterd.text and "Eerste" not in gefilterd.text
        fout = beheer.get(lijst_url() + "?status=kwijt")
        assert fout.status_code == 400 and "Deze filters kloppen niet" in fout.text

    def test_every_team_url_is_the_teams_only(self, wereld, client):
        """Enumerated from the URLconf, so a new triage page cannot escape: logged out to the login, others 404."""
        from koppels.voorstellen import werkruimte_urls  # noqa: PLC0415

        voorstel = f.voorstel(door=wereld["amir"])
        kwargs = {"pk": voorstel.pk, "obstakel_pk": wereld["obstakel"].pk}
        for pattern in werkruimte_urls.urlpatterns:
            groups = set(pattern.pattern.regex.groupindex)
            url = reverse(f"werkruimte:voorstellen:{pattern.name}", kwargs={k: kwargs[k] for k in groups})
            for method in ("get", "post"):
                client.logout()
                antwoord = getattr(client, method)(url)
                assert antwoord.status_code == 302 and antwoord["Location"].startswith("/account/login/"), url
                for user in (wereld["amir"], wereld["iris"]):
                    client.force_login(user)
                    assert getattr(client, method)(url).status_code == 404, (user, method, url)
        assert Voorstel.objects.count() == 1 and Voorstel.objects.get().status == "nieuw"

    def test_the_team_pages_are_never_cached(self, wereld):
        voorstel = f.voorstel(door=wereld["amir"])
        beheer = als(wereld["team"])
        for url in (lijst_url(), detail_url(voorstel)):
            assert beheer.get(url)["Cache-Control"] == "private, no-store"
        assert als(wereld["amir"]).get(MIJN)["Cache-Control"] == "private, no-store"


class TestQueries:
    def _voorstellen(self, wereld, n):
        for i in range(n):
            v = f.voorstel(door=wereld["amir"], actie=wereld["actie"], obstakel=wereld["obstakel"], tekst=f"V{i}")
            if i % 2:
                Voorstel.objects.filter(pk=v.pk).update(status="afgewezen", reden="r")

    @pytest.mark.parametrize("aantal", [2, 8])
    def test_every_page_costs_the_same_however_many_proposals(self, wereld, django_assert_num_queries, aantal):
        self._voorstellen(wereld, aantal)
        voorstel = Voorstel.objects.first()
        lid, beheer = als(wereld["amir"]), als(wereld["team"])
        with django_assert_num_queries(3):  # session, user, the proposals
            assert lid.get(MIJN).status_code == 200
        with django_assert_num_queries(5):  # session, user, obstacle (its koppel yours?), wegwijzers, actions
            assert lid.get(NIEUW + f"?obstakel={wereld['obstakel'].pk}").status_code == 200
        with django_assert_num_queries(6):  # session, user, wegwijzers, counts, page count, the page's rows
            assert beheer.get(lijst_url()).status_code == 200
        with django_assert_num_queries(4):  # session, user, the proposal, the draft edition
            assert beheer.get(detail_url(voorstel)).status_code == 200
