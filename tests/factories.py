"""The one test data layer: factory_boy factories for every model the tests build, plus a few ready-made scenes.

The booklet's shipped content is content (the `minigids` fixture); everything here is test data. A koppel is made
through `koppels.services.create_koppel`, so it has its route rows (one per action of the guide) and its first
activity entry exactly as the portal makes them; build the guide first (`gids()`, or the `minigids` fixture).
"""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from incubator.models import User
from initiatives.models import Cohort, Initiatief
from koppels import services
from koppels.models import Actiestap, Gebeurtenis, Koppel, Lidmaatschap, Obstakel, Rol, Staat, Status
from wegwijzers.edities import eerste_editie
from wegwijzers.models import BOEKJE_SLEUTELS, Actie, Doelgroep, Editie, Label, Leesitem, Link, Tekstblok, Wegwijzer

# For tests that log in with a password (browser tests, the login form); hashing is slow, so most users have none.
PASSWORD = "een-goed-wachtwoord-42"
ALLE_DOELGROEPEN = (Doelgroep.BEIDE, Doelgroep.AMBTENAAR, Doelgroep.INITIATIEFNEMER)


# People


class UserFactory(DjangoModelFactory):
    """A person with a verified email address; pass `password=PASSWORD` to log in through a form."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    naam = factory.Sequence(lambda n: f"Persoon {n}")
    is_staff = False
    password = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ProgrammateamFactory(UserFactory):
    """Someone of the programme team (staff): sees every koppel and the werkruimte."""

    naam = "Team Lid"
    is_staff = True


# The guide


class LabelFactory(DjangoModelFactory):
    class Meta:
        model = Label

    naam = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    volgorde = factory.Sequence(lambda n: 100 + n)


class WegwijzerFactory(DjangoModelFactory):
    """A complete wegwijzer: `acties=` a number (for both audiences) or a tuple of audiences (one actie each;
    default one per audience), `leesitems=` a number of reading items with a link each (default 2), `labels=`."""

    class Meta:
        model = Wegwijzer
        skip_postgeneration_save = True

    # The current edition's (the first one's when none is current yet).
    editie = factory.LazyFunction(lambda: Editie.objects.huidige() or eerste_editie())
    titel = factory.Sequence(lambda n: f"Wegwijzer nummer {n}")
    slug = factory.Sequence(lambda n: f"wegwijzer-nummer-{n}")
    volgorde = factory.Sequence(lambda n: 100 + n)
    inleiding = "Een inleiding over samenwerken.\n\nNog een alinea."
    doel = "Het doel van deze wegwijzer."
    aanpak = "Zo pak je het aan."
    citaat = "Samen kom je verder."
    citaat_spreker = "Iemand uit de pilot"
    citaat_rol = "Een initiatief"

    @factory.post_generation
    def labels(self, create, extracted, **kwargs):
        if extracted:
            self.labels.set(extracted)

    @factory.post_generation
    def acties(self, create, extracted, **kwargs):
        if extracted is None:  # a complete wegwijzer: one actie for each audience
            extracted = ALLE_DOELGROEPEN
        doelgroepen = (Doelgroep.BEIDE,) * extracted if isinstance(extracted, int) else extracted
        for i, doelgroep in enumerate(doelgroepen, start=1):
            tekst = kwargs.get("tekst", "Actie {w}.{a}").format(w=self.volgorde, a=i, doelgroep=doelgroep)
            ActieFactory(wegwijzer=self, volgorde=i, doelgroep=doelgroep, tekst=tekst)

    @factory.post_generation
    def leesitems(self, create, extracted, **kwargs):
        for i in range(1, (2 if extracted is None else extracted) + 1):
            item = LeesitemFactory(wegwijzer=self, volgorde=i, titel=f"Leestip {i}")
            LinkFactory(leesitem=item, url=f"https://example.org/{self.slug}/{i}")


class ActieFactory(DjangoModelFactory):
    class Meta:
        model = Actie

    wegwijzer = factory.SubFactory(WegwijzerFactory)
    volgorde = factory.Sequence(lambda n: n + 1)
    tekst = factory.LazyAttribute(lambda o: f"Actie {o.wegwijzer.volgorde}.{o.volgorde}")
    doelgroep = Doelgroep.BEIDE


class LeesitemFactory(DjangoModelFactory):
    class Meta:
        model = Leesitem

    wegwijzer = factory.SubFactory(WegwijzerFactory)
    volgorde = 1
    titel = "Leestip"
    beschrijving = "Om te lezen."


class LinkFactory(DjangoModelFactory):
    class Meta:
        model = Link

    leesitem = factory.SubFactory(LeesitemFactory)
    volgorde = 1
    url = factory.Sequence(lambda n: f"https://example.org/{n}")


class TekstblokFactory(DjangoModelFactory):
    class Meta:
        model = Tekstblok
        django_get_or_create = ("sleutel", "editie")

    sleutel = Tekstblok.Sleutel.INLEIDING
    editie = factory.LazyAttribute(
        lambda o: (Editie.objects.huidige() or eerste_editie()) if o.sleutel in BOEKJE_SLEUTELS else None
    )
    titel = factory.LazyAttribute(lambda o: str(o.sleutel).title())
    tekst = "Een tekst uit de minigids."


LABEL_NAMEN = ("Financiering & middelen", "Juridische kaders", "Sociale inbedding", "Governance", "Open technologie")


def labels(aantal: int = len(LABEL_NAMEN)) -> list[Label]:
    """The booklet's five label names (slugs label-1 ... label-5), made once."""
    return [
        Label.objects.get_or_create(slug=f"label-{i}", defaults={"naam": naam, "volgorde": i})[0]
        for i, naam in enumerate(LABEL_NAMEN[:aantal], start=1)
    ]


def gids(aantal: int = 3, acties: int = 2, *, tekst: str = "Actie {w}.{a}") -> list[Wegwijzer]:
    """A small guide of our own (Wegwijzer 1 ... n, actions w.a), for tests that do not need the shipped booklet.

    Made once: when a guide exists already, that one is returned.
    """
    if Wegwijzer.objects.exists():
        return list(Wegwijzer.objects.order_by("volgorde"))
    return [
        WegwijzerFactory(
            titel=f"Wegwijzer {w}",
            slug=f"wegwijzer-{w}",
            volgorde=w,
            inleiding="Inleiding.",
            acties=acties,
            acties__tekst=tekst,
        )
        for w in range(1, aantal + 1)
    ]


def volgende_wegwijzers(aantal: int = 2, acties: int = 3) -> list[Wegwijzer]:
    """More wegwijzers after the ones there are (with a label, texts, audiences, a reading item): for the PDF."""
    label, _ = Label.objects.get_or_create(slug="governance", defaults={"naam": "Governance", "volgorde": 4})
    for sleutel in Tekstblok.Sleutel.values:
        TekstblokFactory(sleutel=sleutel, tekst=f"Tekst {sleutel}.")
    start = (Wegwijzer.objects.order_by("-volgorde").values_list("volgorde", flat=True).first() or 0) + 1
    doelgroepen = [ALLE_DOELGROEPEN[a % 3] for a in range(1, acties + 1)]
    return [
        WegwijzerFactory(
            titel=f"Testwegwijzer {v}",
            slug=f"testwegwijzer-{v}",
            volgorde=v,
            labels=[label],
            acties=doelgroepen,
            leesitems=1,
        )
        for v in range(start, start + aantal)
    ]


def verdubbel_gids() -> None:
    """As many extra wegwijzers (with acties, reading and labels) as the guide has now: twice the data volume."""
    bestaande = list(Label.objects.all())
    for _ in range(max(Wegwijzer.objects.count(), 1)):
        WegwijzerFactory(labels=bestaande[:2], acties=ALLE_DOELGROEPEN, leesitems=2)


# The programme


class CohortFactory(DjangoModelFactory):
    class Meta:
        model = Cohort

    naam = factory.Sequence(lambda n: f"Cohort {n}")
    slug = factory.Sequence(lambda n: f"cohort-{n}")
    jaar = 2025


class InitiatiefFactory(DjangoModelFactory):
    class Meta:
        model = Initiatief
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Initiatief {n}")
    slug = factory.Sequence(lambda n: f"initiatief-{n}")
    volgorde = factory.Sequence(lambda n: n)
    werkt_aan = "de buurt"

    @factory.post_generation
    def cohorten(self, create, extracted, **kwargs):
        if extracted:
            self.cohorten.set(extracted)


def standaard_cohort() -> Cohort:
    """The cohort koppels join when a test names none."""
    return Cohort.objects.get_or_create(slug="test-cohort", defaults={"naam": "Testcohort 2025", "jaar": 2025})[0]


class KoppelFactory(DjangoModelFactory):
    """A koppel made as the portal makes it (services.create_koppel: a route row per action, an activity entry).

    Members: a new ambtenaar and initiatiefnemer, unless given (`ambtenaar=user`) or left out (`ambtenaar=False`);
    `leden=False` leaves out both. `door=` who created it (the activity entry). Other fields (gearchiveerd_at,
    laatste_activiteit_at) are set after creation.
    """

    class Meta:
        model = Koppel
        skip_postgeneration_save = True

    initiatief = factory.SubFactory(InitiatiefFactory)
    cohort = factory.LazyFunction(standaard_cohort)
    door = None

    @classmethod
    def _create(cls, model_class, *args, initiatief, cohort, door, **velden):
        koppel = services.create_koppel(initiatief=initiatief, cohort=cohort, by=door)
        if velden:
            model_class.objects.filter(pk=koppel.pk).update(**velden)
            koppel.refresh_from_db()
        return koppel

    @factory.post_generation
    def leden(self, create, extracted, **kwargs):
        self._zonder_leden = extracted is False

    @factory.post_generation
    def ambtenaar(self, create, extracted, **kwargs):
        _lid(self, extracted, Rol.AMBTENAAR)

    @factory.post_generation
    def initiatiefnemer(self, create, extracted, **kwargs):
        _lid(self, extracted, Rol.INITIATIEFNEMER)


def _lid(koppel: Koppel, user, rol: str) -> None:
    if user is False or (user is None and koppel._zonder_leden):
        return
    Lidmaatschap.objects.create(koppel=koppel, user=user or UserFactory(), rol=rol)


def kleine_gids() -> list[Actie]:
    """Two labels and two wegwijzers of three actions each: enough for a koppel's route (none when a guide exists)."""
    if not Actie.objects.exists():
        gids(aantal=2, acties=3, tekst="Actie {w}.{a}: doe iets nuttigs.")
        labels(aantal=2)
    return list(Actie.objects.select_related("wegwijzer").order_by("wegwijzer__volgorde", "volgorde"))


def koppel_met_gids(**kwargs) -> Koppel:
    """A koppel on the small guide (made first when no guide exists yet)."""
    kleine_gids()
    return KoppelFactory(**kwargs)


def member_of(koppel: Koppel) -> User:
    return koppel.lidmaatschappen.select_related("user").order_by("pk").first().user


class LidmaatschapFactory(DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    koppel = factory.SubFactory(KoppelFactory, leden=False)
    user = factory.SubFactory(UserFactory)
    rol = Rol.AMBTENAAR


def stap(*, koppel: Koppel, actie: Actie, status: str = Status.GEDAAN, notitie: str = "", door=None) -> Actiestap:
    """Give an action of a koppel's route a state (its row exists: create_koppel made it)."""
    stap, _ = Actiestap.objects.update_or_create(
        koppel=koppel,
        actie=actie,
        defaults={
            "status": status,
            "notitie": notitie,
            "updated_by": door,
            "updated_at": timezone.now(),
            "versie": 1,
        },
    )
    return stap


def vul_route(koppel: Koppel, *, door=None) -> None:
    """Give every action of the guide a state and a note, and add obstacles: a full route."""
    statussen = [Status.GEDAAN, Status.BEZIG, Status.NVT, Status.OPEN]
    for i, actie in enumerate(Actie.objects.select_related("wegwijzer")):
        notitie = f"Notitie bij actie {actie.wegwijzer.volgorde}.{actie.volgorde}: besproken met de buurt."
        stap(koppel=koppel, actie=actie, status=statussen[i % len(statussen)], notitie=notitie, door=door)
    for n, wegwijzer in enumerate(Wegwijzer.objects.all()[:3], start=1):
        ObstakelFactory(
            koppel=koppel,
            titel=f"Obstakel {n}: vergunning",
            wegwijzer=wegwijzer,
            aanpak="Opgeschaald.",
            staat=Staat.IN_BEHANDELING,
            beschrijving="De subsidieregeling past niet bij een coöperatie.",
        )


class ObstakelFactory(DjangoModelFactory):
    class Meta:
        model = Obstakel
        skip_postgeneration_save = True

    koppel = factory.SubFactory(KoppelFactory)
    titel = factory.Sequence(lambda n: f"Obstakel {n}")
    beschrijving = "Wat er gebeurde."
    staat = Staat.GESIGNALEERD

    @factory.post_generation
    def labels(self, create, extracted, **kwargs):
        if extracted:
            self.labels.set(extracted)


class GebeurtenisFactory(DjangoModelFactory):
    class Meta:
        model = Gebeurtenis

    koppel = factory.SubFactory(KoppelFactory)
    user = None
    soort = Gebeurtenis.Soort.STATUS
    omschrijving = "Zette een actie op gedaan."


def volle_cohort(aantal_koppels: int, wegwijzers: list[Wegwijzer], labels_: list[Label], cohort: Cohort | None = None):
    """A cohort whose koppels each have some progress, obstacles and activity (for query-count tests)."""
    cohort = cohort or CohortFactory()
    acties = list(Actie.objects.filter(wegwijzer__in=wegwijzers).order_by("wegwijzer__volgorde", "volgorde"))
    koppels = []
    for i in range(aantal_koppels):
        k = KoppelFactory(cohort=cohort)
        stap(koppel=k, actie=acties[i % len(acties)], status=Status.GEDAAN)
        stap(koppel=k, actie=acties[(i + 1) % len(acties)], status=Status.BEZIG)
        ObstakelFactory(
            koppel=k, labels=[labels_[i % len(labels_)]], wegwijzer=wegwijzers[i % len(wegwijzers)], actie=acties[0]
        )
        GebeurtenisFactory(koppel=k)
        if i % 3 == 0:
            Koppel.objects.filter(pk=k.pk).update(laatste_activiteit_at=timezone.now() - timedelta(weeks=8))
        koppels.append(k)
    return cohort, koppels


# Proposals (koppels.voorstellen)


def voorstel(*, door=None, wegwijzer=None, actie=None, obstakel=None, tekst: str = "Dit kan duidelijker.", **velden):
    """A proposal made as a member makes it (koppels.voorstellen.services); `velden` are set on it afterwards."""
    from koppels.voorstellen import services as voorstellen  # noqa: PLC0415

    wegwijzer = wegwijzer or (actie.wegwijzer if actie else Wegwijzer.objects.huidig().order_by("volgorde").first())
    gemaakt = voorstellen.create_voorstel(
        door=door or UserFactory(), wegwijzer=wegwijzer, actie=actie, obstakel=obstakel, tekst=tekst
    )
    if velden:
        type(gemaakt).objects.filter(pk=gemaakt.pk).update(**velden)
        gemaakt.refresh_from_db()
    return gemaakt
