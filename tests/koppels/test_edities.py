"""A koppel's route across editions of the minigids: nothing recorded is lost, new and changed actions are marked,
removed ones stay readable under "Niet meer in de minigids", and the PDF and exports name the edition they follow."""

import csv
import io
import re

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from koppels import route as routes
from koppels import services
from koppels.models import Actiestap, Actiewijziging, Koppel, Obstakel, Staat, Status
from koppels.werkruimte import inzichten
from tests import factories as f
from wegwijzers.edities import maak_concept, publiceer, vergelijk
from wegwijzers.models import Actie, Editie

pytestmark = pytest.mark.django_db

NIEUWE_TEKST = "Actie 1.2: doe iets nuttigs, en spreek samen af wie wat doet."
NIEUWE_ACTIE = "Vier met de buurt wat er gelukt is en vertel wat jullie leerden."


def publiceer_editie(naam: str, bewerk) -> Editie:
    """A new edition: a draft of the current one, changed by `bewerk(concept)`, published with a note per change."""
    concept = maak_concept()
    bewerk(concept)
    notities = {
        w.sleutel: "Bijgewerkt na wat de koppels leerden." for w in vergelijk(concept, Editie.objects.huidige())
    }
    return publiceer(concept, naam=naam, toelichting="Een nieuwe editie.", notities=notities)


def actie_in(concept: Editie, wegwijzer: int, nummer: int) -> Actie:
    return Actie.objects.get(wegwijzer__editie=concept, wegwijzer__volgorde=wegwijzer, volgorde=nummer)


def tweede_editie_bewerking(concept: Editie) -> None:
    """Change 1.2, remove 2.2 (2.3 moves up to 2.2), add a new 2.3."""
    veranderd = actie_in(concept, 1, 2)
    veranderd.tekst = NIEUWE_TEKST
    veranderd.save()
    actie_in(concept, 2, 2).delete()
    opgeschoven = actie_in(concept, 2, 3)
    opgeschoven.volgorde = 2
    opgeschoven.save()
    f.ActieFactory(wegwijzer=opgeschoven.wegwijzer, volgorde=3, tekst=NIEUWE_ACTIE)


def wijzig(koppel, actie, status, notitie, user):
    versie = Actiestap.objects.get(koppel=koppel, actie=actie).versie
    return services.set_actie(koppel=koppel, actie=actie, status=status, notitie=notitie, versie=versie, by=user)


@pytest.fixture
def scene():
    """A koppel on the small guide (2 wegwijzers of 3 actions) with statuses, notes, history and obstacles."""
    acties = {a.nummer: a for a in f.kleine_gids()}
    koppel = f.KoppelFactory()
    user = f.member_of(koppel)
    wijzig(koppel, acties["1.1"], Status.GEDAAN, "", user)
    wijzig(koppel, acties["1.2"], Status.BEZIG, "Eerst de buurt spreken.", user)
    wijzig(koppel, acties["2.2"], Status.BEZIG, "Offerte gevraagd.", user)
    wijzig(koppel, acties["2.2"], Status.GEDAAN, "Offerte van de coöperatie ontvangen en getekend.", user)
    wijzig(koppel, acties["2.3"], Status.NVT, "", user)
    for titel, actie in (("Terrein onduidelijk", acties["1.2"]), ("Offerte te duur", acties["2.2"]), ("Los", None)):
        services.create_obstakel(
            koppel=koppel,
            titel=titel,
            beschrijving="Wat er gebeurde.",
            actie=actie,
            wegwijzer=None,
            labels=[],
            staat=Staat.IN_BEHANDELING,
            aanpak="",
            by=user,
        )
    return koppel, user, acties


def stand(koppel) -> dict:
    """What the koppel recorded: per row its status and note, the history, the obstacles and what they concern."""
    return {
        "stappen": sorted(
            Actiestap.objects.filter(koppel=koppel).exclude(versie=0).values_list("pk", "status", "notitie")
        ),
        "geschiedenis": Actiewijziging.objects.filter(actiestap__koppel=koppel).count(),
        "obstakels": sorted(
            Obstakel.objects.filter(koppel=koppel).values_list(
                "titel", "staat", "beschrijving", "actie__wegwijzer__volgorde"
            )
        ),
    }


def regel(html: str, actie_pk: int) -> str:
    """The task list line of one action."""
    return re.search(rf'<li id="actie-{actie_pk}".*?</li>', html, re.S).group(0)


class TestNothingLost:
    def test_statuses_notes_history_and_obstacles_survive_a_new_edition(self, scene):
        koppel, _user, acties = scene
        voor = stand(koppel)
        publiceer_editie("december 2026", tweede_editie_bewerking)
        na = stand(koppel)
        assert na == voor
        # The changed action's row now belongs to the new edition's 1.2; the removed one stays on the old 2.2.
        nieuw_12 = Actie.objects.huidig().get(wegwijzer__volgorde=1, volgorde=2)
        assert Actiestap.objects.get(koppel=koppel, actie=nieuw_12).notitie == "Eerst de buurt spreken."
        assert Actiestap.objects.get(koppel=koppel, actie=acties["2.2"]).status == Status.GEDAAN
        assert Obstakel.objects.get(titel="Offerte te duur").actie == acties["2.2"]

    def test_progress_counts_the_current_edition_only(self, scene):
        koppel, _user, _acties = scene
        assert routes.progress_for_koppel(koppel).afgerond == 3
        publiceer_editie("december 2026", tweede_editie_bewerking)
        # 1.1 gedaan and the old 2.3 (now 2.2) nvt; the removed 2.2 (gedaan) no longer counts; the new 2.3 is open.
        voortgang = routes.progress_for_koppel(koppel)
        assert (voortgang.totaal, voortgang.afgerond, voortgang.bezig, voortgang.open) == (6, 2, 1, 3)
        route = routes.build_route(koppel, vervallen=True)
        assert (route.voortgang.totaal, route.voortgang.afgerond) == (6, 2)
        assert [stap.nummer for stap in route.vervallen] == ["2.2"]


class TestRoutePage:
    def test_marks_changed_and_new_actions_and_lists_removed_ones(self, client, scene):
        koppel, user, acties = scene
        client.force_login(user)
        publiceer_editie("december 2026", tweede_editie_bewerking)
        html = client.get(koppel.get_absolute_url()).content.decode()
        assert "Volgens de minigids, editie december 2026." in html
        assert "<strong>2 van 6</strong> acties afgerond" in html

        huidige = {a.nummer: a for a in Actie.objects.huidig().select_related("wegwijzer")}
        gewijzigd = regel(html, huidige["1.2"].pk)
        assert "Gewijzigd in editie december 2026" in gewijzigd
        assert ">Bezig<" in gewijzigd
        nieuw = regel(html, huidige["2.3"].pk)
        assert "Nieuw in editie december 2026" in nieuw
        assert ">Open<" in nieuw
        for ongewijzigd in ("1.1", "2.2"):  # 2.2 is the old 2.3, moved up: renumbered, not changed
            assert "in editie december 2026" not in regel(html, huidige[ongewijzigd].pk)

        vervallen = html[html.index('id="vervallen"') :]
        vervallen = vervallen[: vervallen.index("</section>")]
        assert "Niet meer in de minigids" in vervallen
        assert "Niet meer in de minigids sinds editie december 2026" in vervallen
        assert acties["2.2"].tekst in vervallen
        assert ">Gedaan<" in vervallen
        stap = Actiestap.objects.get(koppel=koppel, actie=acties["2.2"])
        assert reverse("koppels:actie_vervallen", args=[koppel.pk, stap.pk]) in vervallen
        assert '<a href="#vervallen">Niet meer in de minigids</a>' in html
        # Its obstacle keeps the old action's text, marked as no longer in the guide.
        assert "Bij actie 2.2, niet meer in de minigids" in html
        assert f"‘{acties['2.2'].tekst}’" in html

    def test_the_quick_status_change_keeps_the_mark_on_the_line(self, client, scene):
        koppel, user, _acties = scene
        client.force_login(user)
        publiceer_editie("december 2026", tweede_editie_bewerking)
        actie = Actie.objects.huidig().get(wegwijzer__volgorde=1, volgorde=2)
        versie = Actiestap.objects.get(koppel=koppel, actie=actie).versie
        url = reverse("koppels:actie_status", args=[koppel.pk, 1, 2])
        response = client.post(url, {"status": Status.GEDAAN, "versie": versie}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Gewijzigd in editie december 2026" in regel(html, actie.pk)
        assert "Actie 1.2 is opgeslagen als gedaan." in html

    def test_a_koppel_that_started_after_the_edition_sees_no_marks(self, client, scene):
        publiceer_editie("december 2026", tweede_editie_bewerking)
        later = f.KoppelFactory()
        client.force_login(f.member_of(later))
        html = client.get(later.get_absolute_url()).content.decode()
        assert "in editie december 2026" not in html
        assert 'id="vervallen"' not in html
        assert "<strong>0 van 6</strong> acties afgerond" in html

    def test_the_action_page_shows_the_mark(self, client, scene):
        koppel, user, _acties = scene
        client.force_login(user)
        publiceer_editie("december 2026", tweede_editie_bewerking)
        html = client.get(reverse("koppels:actie", args=[koppel.pk, 1, 2])).content.decode()
        assert "Gewijzigd in editie december 2026" in html
        assert NIEUWE_TEKST in html
        assert "Eerst de buurt spreken." in html

    def test_no_edition_means_no_section_and_no_marks(self, client, scene):
        koppel, user, _acties = scene
        client.force_login(user)
        html = client.get(koppel.get_absolute_url()).content.decode()
        assert 'id="vervallen"' not in html
        assert "in editie" not in html
        assert "Volgens de minigids, editie maart 2025." in html

    def test_fixed_number_of_queries_with_ten_editions(self, client, scene, django_assert_num_queries):
        koppel, user, _acties = scene
        client.force_login(user)
        with django_assert_num_queries(9):
            client.get(koppel.get_absolute_url())
        publiceer_editie("editie 2", tweede_editie_bewerking)
        for n in range(3, 11):

            def bewerk(concept, n=n):
                # Each edition rewords one action and removes the first action of wegwijzer 1 (while it has two).
                actie = actie_in(concept, 2, 1)
                actie.tekst = f"Actie 2.1 in editie {n}."
                actie.save()
                eerste = Actie.objects.filter(wegwijzer__editie=concept, wegwijzer__volgorde=1).order_by("volgorde")
                if eerste.count() > 1:
                    eerste.first().delete()

            publiceer_editie(f"editie {n}", bewerk)
        assert Editie.objects.count() == 10
        route = routes.build_route(koppel, vervallen=True)
        assert len(route.vervallen) >= 3
        with django_assert_num_queries(9):
            response = client.get(koppel.get_absolute_url())
        html = response.content.decode()
        assert "Volgens de minigids, editie editie 10." in html
        assert html.count('class="markering markering--vervallen"') >= len(route.vervallen)


class TestRemovedActionPage:
    def url(self, koppel, actie):
        stap = Actiestap.objects.get(koppel=koppel, actie=actie)
        return reverse("koppels:actie_vervallen", args=[koppel.pk, stap.pk])

    def test_shows_status_note_history_and_obstacles_read_only(self, client, scene):
        koppel, user, acties = scene
        publiceer_editie("december 2026", tweede_editie_bewerking)
        client.force_login(user)
        response = client.get(self.url(koppel, acties["2.2"]))
        assert response.status_code == 200
        html = response.content.decode()
        assert "<title>Actie 2.2 (niet meer in de minigids)" in html
        assert "Niet meer in de minigids sinds editie december 2026" in html
        assert "tot en met editie maart 2025" in html
        assert acties["2.2"].tekst in html
        assert "Offerte van de coöperatie ontvangen en getekend." in html
        assert "Offerte gevraagd." in html  # the history
        assert "Offerte te duur" in html  # its obstacle
        assert "<form" not in html.split("<main", 1)[1].split("</main>")[0]

    def test_fixed_number_of_queries_whatever_the_history(self, client, scene, django_assert_num_queries):
        koppel, user, acties = scene
        url = self.url(koppel, acties["2.2"])
        for i in range(12):
            wijzig(koppel, acties["2.2"], Status.BEZIG, f"Week {i}", user)
        publiceer_editie("december 2026", tweede_editie_bewerking)
        client.force_login(user)
        with django_assert_num_queries(7):
            assert client.get(url).status_code == 200
        with django_assert_num_queries(7):
            assert client.get(url, {"pagina": 2}).status_code == 200

    def test_members_only_and_404_for_anyone_else(self, client, scene):
        koppel, _user, acties = scene
        publiceer_editie("december 2026", tweede_editie_bewerking)
        url = self.url(koppel, acties["2.2"])
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
        client.force_login(f.UserFactory())
        assert client.get(url).status_code == 404
        ander = f.KoppelFactory()
        client.force_login(f.member_of(ander))
        assert client.get(url).status_code == 404
        # Another koppel's own row is not reachable under this koppel either.
        eigen = Actiestap.objects.get(koppel=ander, actie=Actie.objects.huidig().first())
        assert client.get(reverse("koppels:actie_vervallen", args=[koppel.pk, eigen.pk])).status_code == 404
        client.force_login(f.ProgrammateamFactory())
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 405

    def test_an_action_still_in_the_guide_goes_to_its_own_page(self, client, scene):
        koppel, user, acties = scene
        url = self.url(koppel, acties["1.2"])
        publiceer_editie("december 2026", tweede_editie_bewerking)
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("koppels:actie", args=[koppel.pk, 1, 2])
        assert client.get(reverse("koppels:actie_vervallen", args=[koppel.pk, 999999])).status_code == 404


class TestPdfAndExports:
    def test_route_pdf_names_the_edition_and_prints_removed_actions(self, client, scene):
        koppel, user, acties = scene
        publiceer_editie("december 2026", tweede_editie_bewerking)
        client.force_login(user)
        response = client.get(reverse("koppels:route_pdf", args=[koppel.pk]))
        assert response.status_code == 200
        reader = pypdf.PdfReader(io.BytesIO(response.content))
        tekst = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert "Volgens de minigids, editie december 2026" in tekst
        assert "Niet meer in de minigids" in tekst
        assert "Offerte van de coöperatie ontvangen en getekend." in tekst
        assert "niet meer in de minigids sinds editie december 2026" in tekst
        assert "actie 2.2 (niet meer in de minigids)" in tekst
        assert "2 van 6" in tekst

    def test_csv_exports_name_the_edition(self, client, scene):
        koppel, _user, acties = scene
        publiceer_editie("december 2026", tweede_editie_bewerking)
        client.force_login(f.ProgrammateamFactory())

        def rijen(naam):
            response = client.get(reverse(f"werkruimte:export_{naam}", args=["csv"]))
            tekst = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
            return list(csv.DictReader(io.StringIO(tekst)))

        voortgang = [rij for rij in rijen("voortgang") if rij["koppel_id"] == str(koppel.pk)]
        assert {rij["editie"] for rij in voortgang} == {"december 2026"}
        assert sum(int(rij["acties"]) for rij in voortgang) == 6
        assert sum(int(rij["gedaan"]) + int(rij["niet_van_toepassing"]) for rij in voortgang) == 2
        obstakels = {rij["titel"]: rij for rij in rijen("obstakels")}
        assert obstakels["Terrein onduidelijk"]["editie"] == "december 2026"
        assert obstakels["Terrein onduidelijk"]["actie"] == f"1.2 {NIEUWE_TEKST}"
        assert obstakels["Offerte te duur"]["editie"] == "maart 2025"  # the last edition its action was in
        assert obstakels["Offerte te duur"]["actie"] == f"2.2 {acties['2.2'].tekst}"
        assert obstakels["Los"]["editie"] == ""


class TestWerkruimte:
    def test_insights_count_the_current_editions_wegwijzers(self, scene):
        koppel, user, acties = scene
        services.create_obstakel(
            koppel=koppel,
            titel="Bij de wegwijzer",
            beschrijving="b",
            actie=None,
            wegwijzer=acties["2.1"].wegwijzer,
            labels=[],
            staat=Staat.GESIGNALEERD,
            aanpak="",
            by=user,
        )
        publiceer_editie("december 2026", tweede_editie_bewerking)
        context = inzichten.inzichten(None)
        per_wegwijzer = {rij["naam"]: rij["totaal"]["aantal"] for rij in context["wegwijzer_rijen"]}
        # Obstacles follow their wegwijzer into the new edition; one row per current wegwijzer, none doubled.
        assert per_wegwijzer == {"1. Wegwijzer 1": 1, "2. Wegwijzer 2": 2, "Zonder wegwijzer": 1}
        assert context["totaal"]["aantal"] == 4

    def test_cohort_progress_counts_the_current_edition(self, client, scene):
        koppel, _user, _acties = scene
        publiceer_editie("december 2026", tweede_editie_bewerking)
        assert routes.progress_for_koppels([koppel])[koppel.pk].totaal == 6
        client.force_login(f.ProgrammateamFactory())
        html = client.get(reverse("werkruimte:cohort", args=[koppel.cohort.slug])).content.decode()
        assert "<strong>2/6</strong>" in html


class TestWerkruimteObstacles:
    def test_obstacles_at_a_removed_action_are_marked_and_can_be_filtered(self, client, scene):
        koppel, _user, acties = scene
        ander = f.KoppelFactory()
        services.create_obstakel(
            koppel=ander, titel="Ook te duur", beschrijving="b", actie=acties["2.2"], by=f.member_of(ander)
        )
        publiceer_editie("december 2026", tweede_editie_bewerking)
        client.force_login(f.ProgrammateamFactory())
        html = client.get(reverse("werkruimte:obstakels")).content.decode()
        assert "Actie 2.2 (niet meer in de minigids): Actie 2.2: doe iets nuttigs." in html
        assert "Actie 1.2: Actie 1.2: doe iets nuttigs, en spreek" in html
        response = client.get(reverse("werkruimte:obstakels"), {"actie": acties["2.2"].pk})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Offerte te duur" in html and "Ook te duur" in html and "Terrein onduidelijk" not in html
        assert f'<option value="{acties["2.2"].pk}" selected>2.2 (niet meer in de minigids) Actie 2.2' in html
        inzicht = client.get(reverse("werkruimte:inzichten")).content.decode()
        assert "over de actie ‘Actie 2.2: doe iets nuttigs.’</a> (niet meer in de minigids)" in inzicht

    def test_insights_survive_a_removed_wegwijzer(self, client, scene):
        koppel, user, acties = scene
        label = f.labels(1)[0]
        for k in (koppel, f.KoppelFactory()):
            services.create_obstakel(
                koppel=k, titel="Weg", beschrijving="b", wegwijzer=acties["2.1"].wegwijzer, labels=[label], by=user
            )

        def zonder_wegwijzer_2(concept):
            Actie.objects.filter(wegwijzer__editie=concept, wegwijzer__volgorde=2).delete()
            concept.wegwijzers.get(volgorde=2).delete()

        publiceer_editie("december 2026", zonder_wegwijzer_2)
        client.force_login(f.ProgrammateamFactory())
        response = client.get(reverse("werkruimte:inzichten"))
        assert response.status_code == 200
        assert "2. Wegwijzer 2" not in response.content.decode()


class TestObstacleAtARemovedAction:
    def test_editing_keeps_the_removed_action(self, client, scene):
        koppel, user, acties = scene
        publiceer_editie("december 2026", tweede_editie_bewerking)
        obstakel = Obstakel.objects.get(titel="Offerte te duur")
        url = reverse("koppels:obstakel_update", kwargs={"pk": koppel.pk, "obstakel_pk": obstakel.pk})
        client.force_login(user)
        html = client.get(url).content.decode()
        keuze = re.search(rf'<option value="{acties["2.2"].pk}"[^>]*>([^<]*)</option>', html)
        assert keuze is not None and "selected" in keuze.group(0)
        assert keuze.group(1).startswith("2.2 (niet meer in de minigids) ")
        response = client.post(
            url,
            {
                "titel": "Offerte te duur",
                "beschrijving": "Wat er gebeurde.",
                "wegwijzer": obstakel.wegwijzer_id,
                "actie": acties["2.2"].pk,
                "staat": Staat.WEGGENOMEN,
                "aanpak": "Goedkopere offerte gevonden.",
                "versie": obstakel.versie,
            },
        )
        assert response.status_code == 303, response.content.decode()
        obstakel.refresh_from_db()
        assert (obstakel.actie_id, obstakel.staat) == (acties["2.2"].pk, Staat.WEGGENOMEN)
        # Another obstacle cannot be moved onto a removed action: only its own is offered.
        ander = Obstakel.objects.get(titel="Los")
        url = reverse("koppels:obstakel_update", kwargs={"pk": koppel.pk, "obstakel_pk": ander.pk})
        response = client.post(
            url,
            {"titel": "Los", "beschrijving": "b", "actie": acties["2.2"].pk, "staat": Staat.GESIGNALEERD, "versie": 0},
        )
        assert response.status_code == 422


class TestDemodata:
    @override_settings(DEBUG=True)
    def test_leaves_a_draft_of_the_second_edition_once(self, client, minigids, mailoutbox):
        call_command("demodata", stdout=io.StringIO())
        concept = Editie.objects.concept()
        assert concept is not None and not concept.huidig
        wijzigingen = {
            w.wegwijzer.slug: [s["kop"] for s in w.secties] for w in vergelijk(concept, Editie.objects.huidige())
        }
        assert wijzigingen == {
            "waarde-herwaarderen": ["Actie 2"],
            "lokale-inbedding": ["Actie 4 (nieuw)"],
            "publiek-civiel-privaat": ["Actie 2 (vervallen)"],
        }
        aantallen = (Editie.objects.count(), Actie.objects.count(), Actie.objects.huidig().count())
        call_command("demodata", stdout=io.StringIO())
        assert (Editie.objects.count(), Actie.objects.count(), Actie.objects.huidig().count()) == aantallen
        assert aantallen[2] == 17
        # The draft is the team's to publish: koppels still follow the first edition, unmarked.
        client.force_login(get_user_model().objects.get(email="ambtenaar@demo.minigids.nl"))
        koppel = Koppel.objects.for_user(get_user_model().objects.get(email="ambtenaar@demo.minigids.nl")).first()
        html = client.get(koppel.get_absolute_url()).content.decode()
        assert "Volgens de minigids, editie maart 2025." in html
        assert "in editie" not in html.replace("editie maart 2025", "")
