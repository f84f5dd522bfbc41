from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone

from koppels import services
from koppels.models import Actiestap, Gebeurtenis, Koppel, Lidmaatschap, Obstakel, Rol, Staat, Status, Uitnodiging
from koppels.route import progress_for_koppel, progress_for_koppels
from tests import factories as f
from wegwijzers.models import Actie, Label

pytestmark = pytest.mark.django_db


def _token_from(mail) -> str:
    link = next(line for line in mail.body.splitlines() if "/koppels/uitnodiging/" in line)
    return link.rstrip("/").rsplit("/", 1)[1]


class TestCreateKoppel:
    def test_creates_an_open_row_for_every_action_and_logs_it(self):
        team = f.UserFactory(is_staff=True)
        koppel = f.koppel_met_gids(door=team)
        assert koppel.actiestappen.count() == Actie.objects.count() == 6
        assert set(koppel.actiestappen.values_list("status", flat=True)) == {Status.OPEN}
        assert koppel.gebeurtenissen.filter(soort=Gebeurtenis.Soort.KOPPEL, user=team).exists()


class TestSetActie:
    def test_changes_status_and_note_bumps_version_and_keeps_history(self):
        koppel = f.koppel_met_gids()
        ambtenaar, initiatiefnemer = (lid.user for lid in koppel.lidmaatschappen.order_by("rol"))
        actie = Actie.objects.first()
        before = koppel.laatste_activiteit_at

        stap = services.set_actie(
            koppel=koppel, actie=actie, status=Status.BEZIG, notitie="Begonnen", versie=0, by=ambtenaar
        )
        stap = services.set_actie(
            koppel=koppel, actie=actie, status=Status.GEDAAN, notitie="Klaar", versie=stap.versie, by=initiatiefnemer
        )

        assert (stap.status, stap.notitie, stap.versie, stap.updated_by) == (Status.GEDAAN, "Klaar", 2, initiatiefnemer)
        history = list(stap.wijzigingen.order_by("versie").values_list("status", "notitie", "user", "versie"))
        assert history == [
            (Status.BEZIG, "Begonnen", ambtenaar.pk, 1),
            (Status.GEDAAN, "Klaar", initiatiefnemer.pk, 2),
        ]
        koppel.refresh_from_db()
        assert koppel.laatste_activiteit_at > before
        assert koppel.gebeurtenissen.filter(soort=Gebeurtenis.Soort.STATUS).count() == 2
        assert koppel.gebeurtenissen.filter(soort=Gebeurtenis.Soort.NOTITIE).count() == 2

    def test_stale_version_is_refused_with_the_current_state(self):
        koppel = f.koppel_met_gids()
        user = f.member_of(koppel)
        actie = Actie.objects.first()
        services.set_actie(
            koppel=koppel, actie=actie, status=Status.GEDAAN, notitie="Van de partner", versie=0, by=user
        )

        with pytest.raises(services.StaleChange) as refused:
            services.set_actie(koppel=koppel, actie=actie, status=Status.BEZIG, notitie="Van mij", versie=0, by=user)

        assert refused.value.current.status == Status.GEDAAN
        assert refused.value.current.notitie == "Van de partner"
        stap = Actiestap.objects.get(koppel=koppel, actie=actie)
        assert (stap.status, stap.notitie, stap.versie) == (Status.GEDAAN, "Van de partner", 1)

    def test_the_same_change_twice_is_not_a_conflict(self):
        koppel = f.koppel_met_gids()
        user = f.member_of(koppel)
        actie = Actie.objects.first()
        services.set_actie(koppel=koppel, actie=actie, status=Status.GEDAAN, notitie="", versie=0, by=user)
        stap = services.set_actie(koppel=koppel, actie=actie, status=Status.GEDAAN, notitie="", versie=0, by=user)
        assert stap.versie == 1
        assert stap.wijzigingen.count() == 1

    @pytest.mark.parametrize(("status", "notitie"), [("klaar", ""), (Status.GEDAAN, "x" * 2001)])
    def test_invalid_input_is_refused_and_nothing_changes(self, status, notitie):
        koppel = f.koppel_met_gids()
        actie = Actie.objects.first()
        with pytest.raises(ValidationError):
            services.set_actie(
                koppel=koppel, actie=actie, status=status, notitie=notitie, versie=0, by=f.member_of(koppel)
            )
        assert Actiestap.objects.get(koppel=koppel, actie=actie).versie == 0

    def test_an_action_added_to_the_guide_later_gets_its_row_on_first_use(self):
        koppel = f.koppel_met_gids()
        actie = Actie.objects.create(wegwijzer=Actie.objects.first().wegwijzer, volgorde=99, tekst="Nieuw")
        stap = services.set_actie(
            koppel=koppel, actie=actie, status=Status.BEZIG, notitie="", versie=0, by=f.member_of(koppel)
        )
        assert stap.versie == 1

    def test_archived_koppel_is_read_only(self):
        team = f.UserFactory(is_staff=True)
        koppel = f.koppel_met_gids()
        services.archive_koppel(koppel=koppel, by=team)
        koppel.refresh_from_db()
        with pytest.raises(services.KoppelGearchiveerd):
            services.set_actie(
                koppel=koppel, actie=Actie.objects.first(), status=Status.GEDAAN, notitie="", versie=0, by=team
            )
        with pytest.raises(services.KoppelGearchiveerd):
            services.create_obstakel(koppel=koppel, titel="t", beschrijving="b", by=team)


class TestProgress:
    def test_gedaan_and_nvt_count_as_finished_and_missing_rows_as_open(self):
        koppel = f.koppel_met_gids()
        user = f.member_of(koppel)
        acties = list(Actie.objects.order_by("wegwijzer__volgorde", "volgorde"))
        services.set_actie(koppel=koppel, actie=acties[0], status=Status.GEDAAN, notitie="", versie=0, by=user)
        services.set_actie(koppel=koppel, actie=acties[1], status=Status.NVT, notitie="", versie=0, by=user)
        services.set_actie(koppel=koppel, actie=acties[3], status=Status.BEZIG, notitie="", versie=0, by=user)
        Actiestap.objects.filter(koppel=koppel, actie=acties[5]).delete()

        progress = progress_for_koppel(koppel)

        assert (progress.totaal, progress.afgerond, progress.bezig, progress.open) == (6, 2, 1, 3)
        eerste, tweede = progress.per_wegwijzer
        assert (eerste.afgerond, eerste.open, eerste.totaal) == (2, 1, 3)
        assert (tweede.afgerond, tweede.bezig, tweede.open) == (0, 1, 2)
        assert progress.percentage == 33

    def test_many_koppels_in_two_queries(self, django_assert_num_queries):
        koppels = [f.koppel_met_gids() for _ in range(5)]
        user = f.member_of(koppels[2])
        services.set_actie(
            koppel=koppels[2], actie=Actie.objects.first(), status=Status.GEDAAN, notitie="", versie=0, by=user
        )
        with django_assert_num_queries(2):
            result = progress_for_koppels(koppels)
        assert [result[k.pk].afgerond for k in koppels] == [0, 0, 1, 0, 0]


class TestInvitations:
    def test_invite_mails_a_single_use_link_in_text_and_html(self, mailoutbox):
        team = f.UserFactory(is_staff=True, naam="Tessa")
        koppel = f.koppel_met_gids()
        uitnodiging = services.invite(koppel=koppel, email="Nieuw@Example.org", rol=Rol.AMBTENAAR, by=team)

        assert uitnodiging.email == "nieuw@example.org"
        assert uitnodiging.expires_at > timezone.now() + timedelta(days=13)
        (mail,) = mailoutbox
        assert mail.to == ["nieuw@example.org"]
        assert "Uitnodiging" in mail.subject and koppel.initiatief.naam in mail.subject
        assert "Tessa nodigt je uit om als ambtenaar mee te doen" in mail.body
        html, mimetype = mail.alternatives[0]
        assert mimetype == "text/html" and 'lang="nl"' in html
        token = _token_from(mail)
        assert len(token) >= 40
        assert token not in Uitnodiging.objects.values_list("token_hash", flat=True)  # only the hash is stored
        assert services.find_invitation(token).pk == uitnodiging.pk

    def test_accept_creates_a_verified_account_and_membership_once(self, mailoutbox):
        koppel = f.koppel_met_gids()
        services.invite(koppel=koppel, email="nieuw@example.org", rol=Rol.INITIATIEFNEMER, by=None)
        token = _token_from(mailoutbox[0])

        lid = services.accept_invitation(token=token, naam="Nina Nieuw", password="een-sterk-wachtwoord")

        assert (lid.koppel, lid.rol, lid.user.naam) == (koppel, Rol.INITIATIEFNEMER, "Nina Nieuw")
        assert lid.user.check_password("een-sterk-wachtwoord")
        assert EmailAddress.objects.filter(
            user=lid.user, email="nieuw@example.org", verified=True, primary=True
        ).exists()
        with pytest.raises(services.UitnodigingOngeldig) as used:
            services.accept_invitation(token=token, naam="Nog eens", password="een-sterk-wachtwoord")
        assert used.value.reden == "gebruikt"

    def test_an_existing_account_links_to_a_second_koppel_in_another_role(self, mailoutbox):
        persoon = f.UserFactory(email="beide@example.org", password=f.PASSWORD)
        eerste = f.koppel_met_gids(ambtenaar=persoon)
        tweede = f.koppel_met_gids()
        services.invite(koppel=tweede, email="beide@example.org", rol=Rol.INITIATIEFNEMER, by=None)
        token = _token_from(mailoutbox[0])

        with pytest.raises(services.UitnodigingOngeldig) as exists:
            services.accept_invitation(token=token, naam="x", password="een-sterk-wachtwoord")
        assert exists.value.reden == "account_bestaat"
        with pytest.raises(services.UitnodigingOngeldig) as other:
            services.accept_invitation(token=token, user=f.UserFactory())
        assert other.value.reden == "ander_account"

        services.accept_invitation(token=token, user=persoon)
        rollen = dict(Lidmaatschap.objects.filter(user=persoon).values_list("koppel", "rol"))
        assert rollen == {eerste.pk: Rol.AMBTENAAR, tweede.pk: Rol.INITIATIEFNEMER}
        assert set(Koppel.objects.for_user(persoon)) == {eerste, tweede}

    def test_resend_gives_a_new_link_and_the_old_one_stops_working(self, mailoutbox):
        koppel = f.koppel_met_gids()
        uitnodiging = services.invite(koppel=koppel, email="n@example.org", rol=Rol.AMBTENAAR, by=None)
        Uitnodiging.objects.filter(pk=uitnodiging.pk).update(expires_at=timezone.now() - timedelta(days=1))
        oud = _token_from(mailoutbox[0])
        with pytest.raises(services.UitnodigingOngeldig) as expired:
            services.find_invitation(oud)
        assert expired.value.reden == "verlopen"

        services.resend_invitation(uitnodiging=uitnodiging, by=None)

        nieuw = _token_from(mailoutbox[1])
        assert nieuw != oud
        assert services.find_invitation(nieuw).pk == uitnodiging.pk
        with pytest.raises(services.UitnodigingOngeldig) as unknown:
            services.find_invitation(oud)
        assert unknown.value.reden == "onbekend"

    def test_revoked_link_says_so(self, mailoutbox):
        koppel = f.koppel_met_gids()
        uitnodiging = services.invite(koppel=koppel, email="n@example.org", rol=Rol.AMBTENAAR, by=None)
        services.revoke_invitation(uitnodiging=uitnodiging, by=None)
        with pytest.raises(services.UitnodigingOngeldig) as revoked:
            services.find_invitation(_token_from(mailoutbox[0]))
        assert revoked.value.reden == "ingetrokken"
        assert koppel.gebeurtenissen.filter(soort=Gebeurtenis.Soort.UITNODIGING).count() == 2


class TestObstakels:
    def test_create_takes_the_wegwijzer_from_the_action(self):
        koppel = f.koppel_met_gids()
        actie = Actie.objects.last()
        label = Label.objects.first()
        obstakel = services.create_obstakel(
            koppel=koppel,
            titel="Loket dicht",
            beschrijving="Niemand nam op.",
            actie=actie,
            labels=[label],
            by=f.member_of(koppel),
        )
        assert obstakel.wegwijzer == actie.wegwijzer
        assert list(obstakel.labels.all()) == [label]
        assert obstakel.staat == Staat.GESIGNALEERD

    def test_action_of_another_wegwijzer_is_refused(self):
        f.kleine_gids()
        koppel = f.koppel_met_gids()
        eerste, laatste = Actie.objects.first(), Actie.objects.last()
        with pytest.raises(ValidationError):
            services.create_obstakel(
                koppel=koppel,
                titel="t",
                beschrijving="b",
                wegwijzer=eerste.wegwijzer,
                actie=laatste,
                by=f.member_of(koppel),
            )

    def test_update_refuses_a_stale_version(self):
        koppel = f.koppel_met_gids()
        user = f.member_of(koppel)
        obstakel = services.create_obstakel(koppel=koppel, titel="Loket dicht", beschrijving="b", by=user)
        fields = {"titel": "Loket dicht", "beschrijving": "b", "staat": Staat.WEGGENOMEN, "aanpak": "Gebeld."}
        services.update_obstakel(obstakel=obstakel, versie=0, by=user, **fields)
        with pytest.raises(services.StaleChange) as refused:
            services.update_obstakel(obstakel=obstakel, versie=0, by=user, **{**fields, "staat": Staat.STRUCTUREEL})
        assert refused.value.current.staat == Staat.WEGGENOMEN
        assert Obstakel.objects.get(pk=obstakel.pk).versie == 1
