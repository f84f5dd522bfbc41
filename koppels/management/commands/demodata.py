"""Demo accounts and koppels for a local run (`make run`); refuses to run when DEBUG is off."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from initiatives.models import Cohort, Initiatief
from koppels import services
from koppels.models import Koppel, Lidmaatschap, Obstakel, Rol, Staat, Status
from wegwijzers import edities
from wegwijzers.models import Actie, Doelgroep, Editie, Label, Wegwijzer

DEMO_PASSWORD = "minigids-demo"
DOMAIN = "demo.minigids.nl"
COHORT = "pilot-2024"
# What the programme team edits in the admin: the guide, initiatives and cohorts, koppels.
PROGRAMMATEAM_APPS = ["wegwijzers", "initiatives", "koppels"]

# (email local part, name, staff)
VASTE_ACCOUNTS = [
    ("team", "Tessa de Vries (programmateam)", True),
    ("ambtenaar", "Amir Bakker", False),
    ("initiatiefnemer", "Iris Jansen", False),
]

# Progress for the first koppels: (wegwijzer volgorde, actie volgorde, status, note)
ROUTE = [
    (1, 1, Status.GEDAAN, "Kennismaking gehad op de stadsboerderij; afspraken staan in de gedeelde map."),
    (1, 2, Status.BEZIG, "Amir zoekt uit wie bij Stadsbeheer over het terrein gaat."),
    (2, 1, Status.NVT, "Geen subsidieaanvraag nodig: de eerste fase betalen we uit eigen middelen."),
    (2, 2, Status.BEZIG, ""),
    (3, 1, Status.GEDAAN, ""),
]

# The second edition, in draft: what the programme team would change after the 2024 pilot (one action reworded,
# one added, one removed), left unpublished so `make run` shows a draft waiting in the werkruimte and the admin.
CONCEPT_HERSCHREVEN = (
    ("waarde-herwaarderen", 2),
    "Organiseer een gesprek over waarden, met het initiatief én de buurt aan tafel, en gebruik een van de "
    "instrumenten uit ‘Meer weten & verder lezen’. Spreek af wanneer jullie erop terugkijken.",
)
CONCEPT_NIEUW = (
    "lokale-inbedding",
    "Spreek af wie bij de gemeente het vaste aanspreekpunt van het initiatief is, en wie dat overneemt als die "
    "persoon vertrekt. Zo hoeft het initiatief niet bij elke vraag opnieuw te zoeken bij welke afdeling het moet zijn.",
)
# A dated statement ("momenteel een 0-meting") that is no longer current.
CONCEPT_VERVALLEN = ("publiek-civiel-privaat", 2)


class Command(BaseCommand):
    help = "Demo accounts (password 'minigids-demo'), a koppel per pilot initiative, progress and obstacles."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demodata maakt demo-accounts met een bekend wachtwoord: alleen met DEBUG aan, nooit in productie."
            )
        cohort = Cohort.objects.filter(slug=COHORT).first()
        initiatieven = list(Initiatief.objects.filter(cohorten=cohort).order_by("volgorde", "naam")) if cohort else []
        if not initiatieven or not Actie.objects.exists():
            raise CommandError("Laad eerst de inhoud: manage.py loaddata minigids initiatieven")
        with transaction.atomic():
            accounts = {local: self._account(local, naam, staff) for local, naam, staff in VASTE_ACCOUNTS}
            team = accounts["team"]
            team.groups.add(self._programmateam())
            nieuw = 0
            for index, initiatief in enumerate(initiatieven):
                koppel = Koppel.objects.filter(initiatief=initiatief, cohort=cohort).first()
                if koppel is not None:
                    continue  # idempotent: a second `make run` changes nothing
                nieuw += 1
                koppel = services.create_koppel(initiatief=initiatief, cohort=cohort, by=team)
                ambtenaar = (
                    accounts["ambtenaar"]
                    if index < 2
                    else self._account(f"ambtenaar-{initiatief.slug}", f"Ambtenaar bij {initiatief.naam}", False)
                )
                initiatiefnemer = (
                    accounts["initiatiefnemer"]
                    if index == 0
                    else self._account(
                        f"initiatiefnemer-{initiatief.slug}", f"Initiatiefnemer van {initiatief.naam}", False
                    )
                )
                Lidmaatschap.objects.create(koppel=koppel, user=ambtenaar, rol=Rol.AMBTENAAR)
                Lidmaatschap.objects.create(koppel=koppel, user=initiatiefnemer, rol=Rol.INITIATIEFNEMER)
                self._route(koppel, [ambtenaar, initiatiefnemer], ROUTE[: max(1, len(ROUTE) - index)])
                if index == 0:
                    self._weekverslagen(koppel, [ambtenaar, initiatiefnemer])
                self._obstakels(koppel, ambtenaar, initiatiefnemer, index)
            if nieuw and Koppel.objects.filter(cohort=cohort).count() > 2:
                derde = Koppel.objects.filter(cohort=cohort)[2]
                services.invite(koppel=derde, email=f"nieuw@{DOMAIN}", rol=Rol.AMBTENAAR, by=team)
            # The draft edition first: one demo proposal is taken over into it.
            concept_gemaakt = self._concept_editie()
            self._voorstellen(accounts, cohort)
        if concept_gemaakt:
            self.stdout.write(
                "Demodata: een concept voor de tweede editie van de minigids staat klaar (niet gepubliceerd)."
            )
        self.stdout.write(
            f"Demodata: {nieuw} nieuwe koppels; log in met bijvoorbeeld ambtenaar@{DOMAIN} / {DEMO_PASSWORD}."
        )

    @transaction.atomic
    def _concept_editie(self) -> bool:
        """A draft of the next edition with three edits, left unpublished; made once, only on top of the first
        edition: a draft already there, or an edition the team published in this database, is left alone."""
        if Editie.objects.count() > 1:
            return False
        concept = edities.maak_concept()
        acties = {
            (actie.wegwijzer.slug, actie.volgorde): actie
            for actie in Actie.objects.filter(wegwijzer__editie=concept).select_related("wegwijzer")
        }
        sleutel, tekst = CONCEPT_HERSCHREVEN
        if herschreven := acties.get(sleutel):
            herschreven.tekst = tekst
            herschreven.save()
        if vervallen := acties.get(CONCEPT_VERVALLEN):
            vervallen.delete()
        slug, tekst = CONCEPT_NIEUW
        if wegwijzer := Wegwijzer.objects.filter(editie=concept, slug=slug).first():
            volgorde = max((a.volgorde for a in acties.values() if a.wegwijzer_id == wegwijzer.pk), default=0) + 1
            Actie.objects.create(wegwijzer=wegwijzer, volgorde=volgorde, tekst=tekst, doelgroep=Doelgroep.BEIDE)
        return True

    def _programmateam(self) -> Group:
        """The group whose members edit the guide, initiatives and koppels in the admin."""
        group, _ = Group.objects.get_or_create(name="Programmateam")
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=PROGRAMMATEAM_APPS))
        return group

    def _account(self, local: str, naam: str, staff: bool):
        User = get_user_model()
        email = f"{local}@{DOMAIN}"
        user, created = User.objects.get_or_create(email=email, defaults={"naam": naam, "is_staff": staff})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        return user

    def _route(self, koppel, leden, route):
        acties = {(a.wegwijzer.volgorde, a.volgorde): a for a in Actie.objects.huidig().select_related("wegwijzer")}
        for i, (w, a, status, notitie) in enumerate(route):
            actie = acties.get((w, a))
            if actie is None:
                continue
            wie = leden[i % 2]
            stap = services.set_actie(koppel=koppel, actie=actie, status=Status.BEZIG, notitie="", versie=0, by=wie)
            if status != Status.BEZIG or notitie:
                services.set_actie(
                    koppel=koppel,
                    actie=actie,
                    status=status,
                    notitie=notitie,
                    versie=stap.versie,
                    by=leden[(i + 1) % 2],
                )

    def _weekverslagen(self, koppel, leden):
        """A longer history on one action (1.2), so its page shows the history in pages."""
        actie = Actie.objects.huidig().select_related("wegwijzer").filter(wegwijzer__volgorde=1, volgorde=2).first()
        if actie is None:
            return
        versie = koppel.actiestappen.get(actie=actie).versie
        for week in range(1, 13):
            stap = services.set_actie(
                koppel=koppel,
                actie=actie,
                status=Status.BEZIG,
                notitie=f"Week {week}: Amir zoekt uit wie bij Stadsbeheer over het terrein gaat; stand besproken.",
                versie=versie,
                by=leden[week % 2],
            )
            versie = stap.versie

    def _obstakels(self, koppel, ambtenaar, initiatiefnemer, index):
        labels = {label.slug: label for label in Label.objects.all()}
        acties = list(Actie.objects.huidig().select_related("wegwijzer")[:4])
        voorbeelden = [
            (
                "Geen vast aanspreekpunt bij de gemeente",
                "Bij elke vraag over het terrein werden we doorverwezen naar een andere afdeling.",
                acties[0] if acties else None,
                ["sociale-inbedding", "governance"],
                Staat.WEGGENOMEN,
                "Amir is nu het vaste aanspreekpunt en brengt de vragen intern bij de juiste collega.",
            ),
            (
                "Subsidieregeling past niet bij een coöperatie",
                "De regeling vraagt een sluitende begroting voor drie jaar;"
                " een coöperatie in oprichting heeft die niet.",
                acties[2] if len(acties) > 2 else None,
                ["financiering-middelen", "juridische-kaders"],
                Staat.STRUCTUREEL,
                "Opgeschaald naar het programmateam: meegenomen in de evaluatie van de regeling.",
            ),
            (
                "Aanbesteding sluit kleine partijen uit",
                "Voor het onderhoud van het groen wordt alleen met grote aannemers gewerkt.",
                acties[1] if len(acties) > 1 else None,
                ["juridische-kaders"],
                Staat.IN_BEHANDELING,
                "",
            ),
        ]
        # The open one ("in behandeling", at action 1.2) first, so every koppel's task list shows an open obstacle.
        voorbeelden.insert(0, voorbeelden.pop())
        for titel, beschrijving, actie, label_slugs, staat, aanpak in voorbeelden[: 1 + index % 3]:
            services.create_obstakel(
                koppel=koppel,
                titel=titel,
                beschrijving=beschrijving,
                actie=actie,
                labels=[labels[s] for s in label_slugs if s in labels],
                staat=staat,
                aanpak=aanpak,
                by=initiatiefnemer if staat == Staat.GESIGNALEERD else ambtenaar,
            )

    def _voorstellen(self, accounts, cohort):
        """Proposals to improve the guide in each state, one made by the team from a structural obstacle.

        Idempotent (none are made when there are any). When there is a draft edition, one is taken over in it, so
        publishing the draft shows it in the change notes and mails the proposer.
        """
        from koppels.voorstellen import services as voorstellen  # noqa: PLC0415
        from koppels.voorstellen.models import Voorstel  # noqa: PLC0415
        from wegwijzers.models import Editie, Wegwijzer  # noqa: PLC0415

        if Voorstel.objects.exists():
            return
        team, amir, iris = accounts["team"], accounts["ambtenaar"], accounts["initiatiefnemer"]
        wegwijzers = {w.volgorde: w for w in Wegwijzer.objects.huidig()}
        acties = {(a.wegwijzer.volgorde, a.volgorde): a for a in Actie.objects.huidig().select_related("wegwijzer")}
        if 1 not in wegwijzers or 2 not in wegwijzers:
            return
        voorstellen.create_voorstel(
            door=amir,
            wegwijzer=wegwijzers[1],
            actie=acties.get((1, 2)),
            tekst="Zeg erbij dat het aanspreekpunt ook een vervanger noemt voor vakanties: wij stonden drie weken "
            "zonder contact.",
        )
        afgewezen = voorstellen.create_voorstel(
            door=iris,
            wegwijzer=wegwijzers[2],
            tekst="Zet een lijst van alle subsidies van de gemeente in deze wegwijzer.",
        )
        voorstellen.behandel(
            voorstel=afgewezen,
            status=Voorstel.Status.AFGEWEZEN,
            versie=afgewezen.versie,
            by=team,
            reden="Subsidies veranderen vaak; de gids verwijst daarom naar het subsidieloket in plaats van een lijst.",
        )
        obstakel = (
            Obstakel.objects.filter(koppel__cohort=cohort, staat=Staat.STRUCTUREEL, actie__isnull=False)
            .order_by("pk")
            .first()
        )
        if obstakel is not None:
            voorstellen.voorstel_van_obstakel(obstakel=obstakel, by=team)
        overnemen = voorstellen.create_voorstel(
            door=iris,
            wegwijzer=wegwijzers[1],
            tekst="Vertel dat je de kennismaking ook op de plek van het initiatief kunt houden: dan ziet de "
            "ambtenaar meteen waar het over gaat.",
        )
        if Editie.objects.concept() is not None:
            voorstellen.behandel(
                voorstel=overnemen,
                status=Voorstel.Status.OVERGENOMEN,
                versie=overnemen.versie,
                by=team,
                publieke_samenvatting="De kennismaking kan ook op de plek van het initiatief.",
            )
