"""Notifications: built from recorded changes, sent through a real SMTP server (aiosmtpd) started by the test."""

import email
import email.policy
import os
import re
import socket
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koppels import services
from koppels.meldingen import build, rhythm
from koppels.meldingen.delivery import run_due
from koppels.meldingen.models import Meldingvoorkeur, Ritme, Soort, Verzending
from koppels.models import Actie, Gebeurtenis, Koppel, Lidmaatschap, Rol, Staat, Status
from tests import factories as f


def make_user(*, naam: str = "", staff: bool = False):
    return f.UserFactory(is_staff=staff, **({"naam": naam} if naam else {}))


def make_koppel(*, naam: str = "", ambtenaar=None):
    """A koppel on the small test guide, with a new ambtenaar (unless given) and a new initiatiefnemer."""
    velden = {"initiatief__naam": naam} if naam else {}
    return f.koppel_met_gids(**velden, **({"ambtenaar": ambtenaar} if ambtenaar else {}))


class Postbus:
    """An SMTP server's handler: keeps every accepted message; can refuse the next N with a temporary error."""

    def __init__(self):
        self.berichten: list[email.message.EmailMessage] = []
        self.weigeren = 0

    async def handle_DATA(self, server, session, envelope):
        if self.weigeren:
            self.weigeren -= 1
            return "451 4.3.0 Tijdelijk niet beschikbaar, probeer het later"
        self.berichten.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def aan(self, adres: str) -> list:
        return [b for b in self.berichten if b["To"] == adres]


@pytest.fixture
def postbus(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Postbus()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 10},
        }
    }
    settings.PORTAL_URL = "https://minigids.example.nl"
    yield handler
    controller.stop()


def later(plus: timedelta = timedelta()) -> timezone.datetime:
    """A moment after every daily period that includes now has closed."""
    return timezone.now() + timedelta(days=1, hours=1) + plus


def backdate(**delta) -> None:
    """Move every recorded change (and membership) back in time, so a run now sees it as past."""
    Gebeurtenis.objects.update(created_at=F("created_at") - timedelta(**delta))
    Lidmaatschap.objects.update(created_at=F("created_at") - timedelta(**delta))


def tekst(bericht) -> str:
    return bericht.get_body(preferencelist=("plain",)).get_content()


def html(bericht) -> str:
    return bericht.get_body(preferencelist=("html",)).get_content()


def zet(koppel, wie, nummer: int, status: str, notitie: str = ""):
    actie = Actie.objects.order_by("wegwijzer__volgorde", "volgorde")[nummer]
    stap = koppel.actiestappen.get(actie=actie)
    return services.set_actie(koppel=koppel, actie=actie, status=status, notitie=notitie, versie=stap.versie, by=wie)


def leden(koppel):
    rows = {m.rol: m.user for m in koppel.lidmaatschappen.select_related("user")}
    return rows[Rol.AMBTENAAR], rows[Rol.INITIATIEFNEMER]


@pytest.mark.django_db
class TestDigest:
    def test_partner_gets_a_daily_digest_with_unsubscribe_headers_and_the_author_none(self, postbus):
        koppel = make_koppel(naam="Buurtmoestuin")
        amir, iris = leden(koppel)
        zet(koppel, amir, 0, Status.GEDAAN, "Kennismaking gehad")

        run_due(nu=timezone.now())  # the day has not ended: the daily digest is not due yet
        assert postbus.berichten == []
        run_due(nu=later())

        assert postbus.aan(amir.email) == []  # never a mail about one's own change
        [bericht] = postbus.aan(iris.email)
        assert bericht["Subject"] == "[Incubator] Nieuw in je koppel Buurtmoestuin: 2 wijzigingen"
        body = tekst(bericht)
        assert "Actie 1.1: open → gedaan (door " + str(amir) + ")" in body
        assert "Notitie nu: ‘Kennismaking gehad’" in body
        assert f"https://minigids.example.nl/koppels/{koppel.pk}/#actie-" in body
        assert "Actie 1.1: open → gedaan" in html(bericht)
        # RFC 8058: a one-click unsubscribe link for this kind, that the mail client may POST to.
        link = bericht["List-Unsubscribe"].strip("<>")
        assert link.startswith("https://minigids.example.nl/account/meldingen/uitschrijven/")
        assert bericht["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in body
        assert rhythm.read_unsubscribe_token(link.rstrip("/").rsplit("/", 1)[1]) == (iris.pk, Soort.ACTIVITEIT)
        assert Verzending.objects.get(user=iris).staat == Verzending.Staat.VERSTUURD
        assert Verzending.objects.get(user=iris).tekst == ""  # the personal text is not kept once sent

    def test_changes_of_several_koppels_are_grouped_in_one_mail_per_koppel_section(self, postbus):
        ik = make_user(naam="Ik")
        eerste = make_koppel(ambtenaar=ik, naam="Alfa")
        tweede = make_koppel(ambtenaar=ik, naam="Beta")
        _a, partner1 = leden(eerste)
        _b, partner2 = leden(tweede)
        zet(eerste, partner1, 0, Status.BEZIG)
        zet(eerste, partner1, 1, Status.GEDAAN)
        zet(tweede, partner2, 2, Status.NVT)
        services.create_obstakel(koppel=tweede, titel="Geen locatie", beschrijving="Nergens plek.", by=partner2)

        run_due(nu=later())

        [bericht] = postbus.aan(ik.email)
        assert bericht["Subject"] == "[Incubator] Nieuw in je 2 koppels: 4 wijzigingen"
        body = tekst(bericht)
        assert body.index("== Alfa") < body.index("Actie 1.1: open → bezig") < body.index("Actie 1.2: open → gedaan")
        assert body.index("Actie 1.2") < body.index("== Beta") < body.index("Nieuw obstakel: Geen locatie")

    def test_a_change_undone_before_the_digest_goes_out_is_not_reported(self, postbus):
        koppel = make_koppel()
        amir, iris = leden(koppel)
        zet(koppel, amir, 0, Status.BEZIG)
        zet(koppel, iris, 0, Status.OPEN)  # the partner undoes it: nothing to tell either of them
        zet(koppel, amir, 1, Status.BEZIG, "x")
        zet(koppel, amir, 1, Status.OPEN, "")

        run_due(nu=later())

        assert postbus.berichten == []
        assert not Verzending.objects.exists()

    def test_the_next_digest_starts_where_the_last_one_ended_and_running_twice_sends_once(self, postbus):
        koppel = make_koppel()
        amir, iris = leden(koppel)
        Meldingvoorkeur.objects.create(user=iris, soort=Soort.ACTIVITEIT, ritme=Ritme.DIRECT)
        zet(koppel, amir, 0, Status.BEZIG)
        backdate(hours=1)
        run_due()
        run_due()
        call_command("meldingen_versturen", verbosity=0)
        assert len(postbus.aan(iris.email)) == 1

        zet(koppel, amir, 0, Status.GEDAAN)
        run_due(nu=timezone.now() + timedelta(minutes=1))
        eerste, tweede = postbus.aan(iris.email)
        assert "open → bezig" in tekst(eerste)
        assert "bezig → gedaan" in tekst(tweede) and "open →" not in tekst(tweede)

    def test_weekly_rhythm_waits_for_monday_and_never_sends_nothing(self, postbus):
        koppel = make_koppel()
        amir, iris = leden(koppel)
        Meldingvoorkeur.objects.create(user=iris, soort=Soort.ACTIVITEIT, ritme=Ritme.WEKELIJKS)
        Meldingvoorkeur.objects.create(user=amir, soort=Soort.ACTIVITEIT, ritme=Ritme.NOOIT)
        zet(koppel, amir, 0, Status.BEZIG)
        zet(koppel, iris, 1, Status.BEZIG)
        maandag = rhythm.period_end(Ritme.WEKELIJKS, timezone.now()) + timedelta(weeks=1)

        run_due(nu=maandag - timedelta(minutes=1))
        assert postbus.berichten == []
        run_due(nu=maandag + timedelta(minutes=1))
        assert len(postbus.aan(iris.email)) == 1
        assert postbus.aan(amir.email) == []


@pytest.mark.django_db
class TestWhoGetsWhat:
    def test_nobody_outside_the_koppel_hears_of_it_nor_archived_koppels_nor_deactivated_people(self, postbus):
        koppel = make_koppel(naam="Geheim")
        amir, iris = leden(koppel)
        buiten = make_koppel(naam="Elders")
        vreemde, _ = leden(buiten)
        team = make_user(staff=True)
        for user in (iris, vreemde, team):
            Meldingvoorkeur.objects.create(user=user, soort=Soort.ACTIVITEIT, ritme=Ritme.DIRECT)
        Meldingvoorkeur.objects.create(user=team, soort=Soort.OVERZICHT, ritme=Ritme.NOOIT)
        zet(koppel, amir, 0, Status.BEZIG)
        uit = make_koppel(naam="Gearchiveerd")
        a2, i2 = leden(uit)
        zet(uit, a2, 0, Status.BEZIG)
        services.archive_koppel(koppel=uit, by=team)

        iris.is_active = False
        iris.save()
        run_due(nu=later())
        # iris is deactivated; nobody else may see "Geheim"; "Gearchiveerd" is archived.
        assert [b["To"] for b in postbus.berichten] == []

        iris.is_active = True
        iris.save()
        run_due(nu=later(timedelta(minutes=1)))
        assert [b["To"] for b in postbus.berichten] == [iris.email]
        assert "Geheim" in postbus.berichten[0]["Subject"]

    def test_a_new_member_is_announced_to_the_others(self, postbus):
        koppel = make_koppel(naam="Groei")
        amir, iris = leden(koppel)
        team = make_user(staff=True)
        uitnodiging = services.invite(koppel=koppel, email="nieuw@example.org", rol=Rol.AMBTENAAR, by=team)
        # The token is only in the invitation mail: take it from the mail the SMTP server received.
        link = next(w for w in tekst(postbus.berichten[0]).split() if "/uitnodiging/" in w)
        services.accept_invitation(token=link.rstrip("/").rsplit("/", 1)[1], naam="Nina Nieuw", password="x-y-z-123456")
        assert uitnodiging.koppel == koppel
        postbus.berichten.clear()

        run_due(nu=later())

        for user in (amir, iris):
            [bericht] = postbus.aan(user.email)
            assert "Nina Nieuw doet nu mee als ambtenaar" in tekst(bericht)
        assert postbus.aan("nieuw@example.org") == []

    def test_an_obstacle_changed_by_the_programme_team_is_its_own_kind_sent_directly(self, postbus):
        koppel = make_koppel(naam="Steun")
        amir, iris = leden(koppel)
        team = make_user(staff=True, naam="Tessa Team")
        obstakel = services.create_obstakel(koppel=koppel, titel="Vergunning", beschrijving="Duurt lang.", by=amir)
        services.update_obstakel(
            obstakel=obstakel,
            versie=obstakel.versie,
            by=team,
            titel="Vergunning",
            beschrijving="Duurt lang.",
            staat=Staat.IN_BEHANDELING,
            aanpak="Het team belt met de afdeling.",
        )

        run_due(nu=timezone.now() + timedelta(minutes=1))  # direct by default: no need to wait for the day's end

        [van_team] = postbus.aan(amir.email)
        assert van_team["Subject"] == "[Incubator] Het programmateam heeft een obstakel van Steun bijgewerkt"
        assert "Obstakel ‘Vergunning’: gesignaleerd → in behandeling (door Tessa Team)" in tekst(van_team)
        assert "Nieuw obstakel" not in tekst(van_team)  # amir's own creation is not told to amir
        assert rhythm.read_unsubscribe_token(van_team["List-Unsubscribe"].strip("<>/").rsplit("/", 1)[1])[1] == (
            Soort.TEAM_OBSTAKEL
        )
        postbus.berichten.clear()
        run_due(nu=later())
        [digest] = postbus.aan(iris.email)  # iris: amir's new obstacle in her daily digest
        assert "Nieuw obstakel: Vergunning (in behandeling)" in tekst(digest)
        assert postbus.aan(amir.email) == []

    def test_a_correction_in_beheer_is_told_to_the_members_as_a_team_change(self, postbus, admin_client):
        koppel = make_koppel(naam="Correctie")
        amir, iris = leden(koppel)
        obstakel = services.create_obstakel(koppel=koppel, titel="Loket dicht", beschrijving="b", by=amir)
        backdate(hours=1)
        run_due()  # amir's new obstacle is told in iris' daily digest, not here
        admin_url = reverse("admin:koppels_obstakel_change", args=[obstakel.pk])
        gezien = re.search(r'name="bewerkversie" value="([^"]+)"', admin_client.get(admin_url).text).group(1)
        data = {"koppel": koppel.pk, "titel": "Loket dicht", "beschrijving": "b", "bewerkversie": gezien}
        assert admin_client.post(admin_url, {**data, "staat": Staat.STRUCTUREEL}).status_code == 302

        run_due(nu=timezone.now() + timedelta(minutes=1))

        for user in (amir, iris):
            [bericht] = [b for b in postbus.aan(user.email) if "programmateam" in b["Subject"]]
            assert "Obstakel ‘Loket dicht’: gesignaleerd → structureel" in tekst(bericht)


@pytest.mark.django_db
class TestStall:
    def test_a_stalled_route_is_reminded_once_per_stall_with_the_next_open_actions(self, postbus, settings):
        settings.WERKRUIMTE_STIL_NA_WEKEN = 3
        koppel = make_koppel(naam="Stilte")
        amir, iris = leden(koppel)
        zet(koppel, amir, 0, Status.GEDAAN)
        Koppel.objects.filter(pk=koppel.pk).update(laatste_activiteit_at=timezone.now() - timedelta(weeks=4, days=2))
        actief = make_koppel(naam="Druk")

        run_due()
        run_due()

        assert {b["To"] for b in postbus.berichten} == {amir.email, iris.email}
        bericht = postbus.aan(iris.email)[0]
        assert bericht["Subject"] == "[Incubator] Jullie route (Stilte) staat al 4 weken stil"
        body = tekst(bericht)
        assert "De volgende open acties:" in body
        assert "- 1.2 " in body and "- 1.1 " not in body  # 1.1 is done
        assert not any(b["To"] in {m.email for m in actief.leden.all()} for b in postbus.berichten)

        # Moving again, then stalling again: a new stall, a new reminder.
        zet(koppel, iris, 1, Status.BEZIG)
        run_due()
        assert len(postbus.aan(amir.email)) == 1
        Koppel.objects.filter(pk=koppel.pk).update(laatste_activiteit_at=timezone.now() - timedelta(weeks=3, days=1))
        run_due()
        assert len(postbus.aan(amir.email)) == 2


@pytest.mark.django_db
class TestRetry:
    def test_a_refused_mail_is_tried_again_later_and_sent_once(self, postbus):
        koppel = make_koppel()
        amir, iris = leden(koppel)
        Meldingvoorkeur.objects.create(user=iris, soort=Soort.ACTIVITEIT, ritme=Ritme.DIRECT)
        zet(koppel, amir, 0, Status.BEZIG)
        backdate(hours=1)
        postbus.weigeren = 1
        nu = timezone.now()

        run_due(nu=nu)
        verzending = Verzending.objects.get(user=iris)
        assert postbus.berichten == []
        assert verzending.staat == Verzending.Staat.WACHT and verzending.pogingen == 1
        assert "451" in verzending.fout

        run_due(nu=nu + timedelta(minutes=1))  # too soon: the next attempt is five minutes later
        assert postbus.berichten == []
        run_due(nu=nu + timedelta(minutes=6))
        run_due(nu=nu + timedelta(minutes=30))
        assert len(postbus.aan(iris.email)) == 1
        verzending.refresh_from_db()
        assert verzending.staat == Verzending.Staat.VERSTUURD and verzending.pogingen == 1

    def test_without_a_mail_server_nothing_counts_as_sent(self, settings):
        settings.MAILERS = {"default": {"BACKEND": "incubator.mail.NoTransportBackend"}}
        koppel = make_koppel()
        amir, iris = leden(koppel)
        zet(koppel, amir, 0, Status.BEZIG)

        run_due(nu=later())

        verzending = Verzending.objects.get(user=iris)
        assert verzending.staat == Verzending.Staat.WACHT and verzending.pogingen == 1
        assert "SMTP_HOST" in verzending.fout and verzending.tekst  # kept for the next attempt


@pytest.mark.django_db(transaction=True)
def test_two_processes_at_once_send_every_mail_once(postbus, settings):
    """Real concurrency on PostgreSQL: two runs with their own connections build the same mails at the same time."""
    koppels = [make_koppel() for _ in range(4)]
    for koppel in koppels:
        amir, _iris = leden(koppel)
        zet(koppel, amir, 0, Status.BEZIG)
    nu = later()
    start = threading.Barrier(2)
    fouten = []

    def run():
        try:
            start.wait()
            run_due(nu=nu)
        except Exception as error:  # surfaced below
            fouten.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert fouten == []
    ontvangers = sorted(b["To"] for b in postbus.berichten)
    assert ontvangers == sorted(leden(k)[1].email for k in koppels)
    assert Verzending.objects.filter(staat=Verzending.Staat.VERSTUURD).count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_command_on_two_machines_at_once_sends_every_mail_once(postbus, settings):
    """Two `manage.py meldingen_versturen` processes started together, as two cron jobs on two machines would."""
    koppels = [make_koppel() for _ in range(3)]
    for koppel in koppels:
        amir, iris = leden(koppel)
        Meldingvoorkeur.objects.create(user=iris, soort=Soort.ACTIVITEIT, ritme=Ritme.DIRECT)
        zet(koppel, amir, 0, Status.BEZIG)
    backdate(hours=1)
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(settings.MAILERS["default"]["OPTIONS"]["port"]),
        "SMTP_USE_TLS": "false",
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "manage.py", "meldingen_versturen"]
    processen = [subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, stderr=subprocess.PIPE) for _ in range(2)]
    for proces in processen:
        assert proces.wait(timeout=120) == 0, proces.stderr.read()

    assert sorted(b["To"] for b in postbus.berichten) == sorted(leden(k)[1].email for k in koppels)


@pytest.mark.django_db
class TestUnsubscribe:
    def test_one_click_post_without_login_or_csrf_token_switches_that_kind_off(self, postbus):
        koppel = make_koppel()
        amir, iris = leden(koppel)
        zet(koppel, amir, 0, Status.BEZIG)
        run_due(nu=later())
        link = postbus.aan(iris.email)[0]["List-Unsubscribe"].strip("<>").removeprefix("https://minigids.example.nl")
        client = Client(enforce_csrf_checks=True)

        page = client.get(link)  # a mail scanner following the link changes nothing
        assert page.status_code == 200
        assert "Wil je geen mails meer van de soort ‘Wat er verandert in je koppel’?" in page.text
        assert not Meldingvoorkeur.objects.filter(user=iris).exists()

        done = client.post(link, {"List-Unsubscribe": "One-Click"})
        assert done.status_code == 200
        assert "Je krijgt geen mails meer van de soort" in done.text
        assert Meldingvoorkeur.objects.get(user=iris, soort=Soort.ACTIVITEIT).ritme == Ritme.NOOIT

        zet(koppel, amir, 1, Status.BEZIG)
        run_due(nu=later(timedelta(days=1)))
        assert len(postbus.aan(iris.email)) == 1

    def test_a_tampered_link_is_refused(self, client):
        user = make_user()
        token = rhythm.unsubscribe_token(user.pk, Soort.ACTIVITEIT)
        for slecht in (token[:-2] + "xx", "abc", rhythm.unsubscribe_token(user.pk, "alles")):
            url = reverse("meldingen:uitschrijven", kwargs={"token": slecht})
            assert client.post(url).status_code == 400
            response = client.get(url)
            assert response.status_code == 400
            assert "<title>Fout: Deze link werkt niet" in response.text
        assert not Meldingvoorkeur.objects.exists()


@pytest.mark.django_db
class TestMeldingenPage:
    def test_login_required(self, client):
        response = client.get(reverse("meldingen:instellingen"))
        assert response.status_code == 302 and "/account/login/" in response["Location"]
        assert client.post(reverse("meldingen:instellingen"), {"activiteit": "nooit"}).status_code == 302
        assert not Meldingvoorkeur.objects.exists()

    def test_shows_the_defaults_and_saves_a_choice(self, client):
        user = make_user()
        client.force_login(user)
        page = client.get(reverse("meldingen:instellingen"))
        assert page.status_code == 200
        assert re.search(r'value="dagelijks" id="id_activiteit_1"[^>]* checked>', page.text)  # default: daily
        assert "Weekoverzicht" not in page.text  # the summary is for the programme team
        response = client.post(
            reverse("meldingen:instellingen"),
            {"activiteit": "wekelijks", "team_obstakel": "nooit", "stil": "direct", "voorstel": "nooit"},
        )
        assert response.status_code == 303
        assert dict(Meldingvoorkeur.objects.filter(user=user).values_list("soort", "ritme")) == {
            "activiteit": "wekelijks",
            "team_obstakel": "nooit",
            "stil": "direct",
            "voorstel": "nooit",
        }
        assert "Je keuzes voor meldingen zijn opgeslagen." in client.get(response["Location"]).text

    def test_a_refused_choice_keeps_everything_and_says_what_to_do(self, client):
        user = make_user(staff=True)
        client.force_login(user)
        response = client.post(reverse("meldingen:instellingen"), {"activiteit": "elk-uur", "stil": "wekelijks"})
        assert response.status_code == 422
        assert "<title>Fout: Meldingen" in response.text
        assert 'href="#id_activiteit_0"' in response.text
        assert "Kies hoe vaak je deze mail wilt krijgen." in response.text  # overzicht was left out
        assert not Meldingvoorkeur.objects.exists()

    def test_fixed_number_of_queries(self, client, django_assert_num_queries):
        user = make_user(staff=True)
        client.force_login(user)
        with django_assert_num_queries(3):  # session, user, the person's choices
            client.get(reverse("meldingen:instellingen"))


@pytest.mark.django_db
def test_building_costs_the_same_queries_for_few_or_many_koppels(django_assert_num_queries, settings):
    settings.WERKRUIMTE_STIL_NA_WEKEN = 3
    make_user(staff=True)

    def seed(n):
        for _ in range(n):
            koppel = make_koppel()
            amir, _iris = leden(koppel)
            zet(koppel, amir, 0, Status.BEZIG, "notitie")
            services.create_obstakel(koppel=koppel, titel="t", beschrijving="b", by=amir)
            Koppel.objects.filter(pk=koppel.pk).update(laatste_activiteit_at=timezone.now() - timedelta(weeks=5))

    def count(n_mails):
        with django_assert_num_queries(QUERIES) as ctx:
            digests = build.change_digests(nu=later())
            stil = build.stall_reminders()
            overzicht = build.weekly_summaries()
        assert len(digests) == n_mails and len(stil) == 2 * n_mails and len(overzicht) == 1
        return ctx

    QUERIES = 23
    seed(2)
    count(2)
    seed(6)
    count(8)


def test_period_boundaries_are_local_mornings():
    nu = timezone.make_aware(timezone.datetime(2026, 12, 2, 6, 59))  # a Wednesday, Amsterdam time
    assert timezone.localtime(rhythm.period_end(Ritme.DAGELIJKS, nu)).isoformat() == "2026-12-01T07:00:00+01:00"
    later_ = nu + timedelta(minutes=2)
    assert timezone.localtime(rhythm.period_end(Ritme.DAGELIJKS, later_)).isoformat() == "2026-12-02T07:00:00+01:00"
    assert timezone.localtime(rhythm.period_end(Ritme.WEKELIJKS, later_)).isoformat() == "2026-11-30T07:00:00+01:00"
