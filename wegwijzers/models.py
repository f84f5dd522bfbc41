from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LabelQuerySet(models.QuerySet):
    def met_aantal(self):
        """Each label with `aantal`: how many wegwijzers of the current edition carry it."""
        return self.annotate(aantal=models.Count("wegwijzers", filter=models.Q(wegwijzers__editie__huidig=True)))

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Label(models.Model):
    """One of the five themes a wegwijzer is labelled with."""

    naam = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(unique=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), unique=True)

    objects = LabelQuerySet.as_manager()

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["volgorde"]

    def __str__(self) -> str:
        return self.naam

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class EditieQuerySet(models.QuerySet):
    def gepubliceerd(self):
        return self.filter(status=Editie.Status.GEPUBLICEERD)

    def huidige(self) -> "Editie | None":
        """The edition the public sees (at most one; None only before any content was loaded)."""
        return self.filter(huidig=True).first()

    def concept(self) -> "Editie | None":
        """The draft the programme team is editing (at most one)."""
        return self.filter(status=Editie.Status.CONCEPT).first()

    def get_by_natural_key(self, nummer):
        if nummer == EERSTE_EDITIE:
            # The fixtures' edition: an emptied database (flush, then loaddata) gets it back rather than failing.
            from wegwijzers.edities import eerste_editie  # noqa: PLC0415

            return eerste_editie()
        return self.get(nummer=nummer)


class Editie(models.Model):
    """An edition of the minigids. A published edition is frozen; the draft is what the team edits.

    Its rows (wegwijzers with their acties and reading, the booklet's frame texts) belong to it. The public sees
    only the current edition; older ones stay readable, clearly marked as not current.
    """

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")

    nummer = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    naam = models.CharField(
        _("naam"), max_length=60, blank=True, help_text=_("Zoals op de omslag, bijvoorbeeld ‘maart 2025’.")
    )
    status = models.CharField(_("status"), max_length=15, choices=Status, default=Status.CONCEPT)
    huidig = models.BooleanField(_("huidige editie"), default=False, editable=False)
    toelichting = models.TextField(
        _("toelichting"), blank=True, help_text=_("Wat er in deze editie veranderde, in het kort.")
    )
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EditieQuerySet.as_manager()

    class Meta:
        verbose_name = _("editie")
        verbose_name_plural = _("edities")
        ordering = ["-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["huidig"], condition=models.Q(huidig=True), name="editie_een_huidige"),
            models.UniqueConstraint(fields=["status"], condition=models.Q(status="concept"), name="editie_een_concept"),
            models.CheckConstraint(
                condition=models.Q(huidig=False) | models.Q(status="gepubliceerd"), name="editie_huidig_is_gepubliceerd"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["concept", "gepubliceerd"]), name="editie_geldige_status"
            ),
        ]

    def __str__(self) -> str:
        if self.naam:
            return _("editie %(naam)s") % {"naam": self.naam}
        return _("concept voor editie %(nummer)s") % {"nummer": self.nummer}

    def get_absolute_url(self) -> str:
        if self.huidig:
            return reverse("wegwijzers:home")
        return reverse("edities:detail", kwargs={"nummer": self.nummer})

    def natural_key(self) -> tuple[int]:
        return (self.nummer,)

    @property
    def is_concept(self) -> bool:
        return self.status == self.Status.CONCEPT

    in_concept = is_concept


def hoort_bij_concept(instance) -> bool:
    """Whether a content row belongs to the draft edition (its edits stay out of caches, PDFs and public pages)."""
    try:
        return bool(getattr(instance, "in_concept", False))
    except ObjectDoesNotExist:  # a row deleted together with its parent
        return False


# The first edition, made from the fixtures ("maart 2025"): what fixtures without an edition belong to.
EERSTE_EDITIE = 1


class WegwijzerQuerySet(models.QuerySet):
    def huidig(self):
        """The wegwijzers the public sees: those of the current edition (a join, no extra query)."""
        return self.filter(editie__huidig=True)

    def van_editie(self, editie: "Editie"):
        return self.filter(editie=editie)

    def met_labels(self):
        return self.prefetch_related("labels")

    def met_label(self, slugs):
        """Wegwijzers carrying any of these labels (an empty choice filters nothing)."""
        if not slugs:
            return self
        return self.filter(
            models.Exists(
                Label.wegwijzers.through.objects.filter(wegwijzer=models.OuterRef("pk"), label__slug__in=slugs)
            )
        )

    def met_acties_voor(self, doelgroep: str):
        """Wegwijzers with at least one action for this audience (actions for "beide" count for either)."""
        if doelgroep not in (Doelgroep.AMBTENAAR, Doelgroep.INITIATIEFNEMER):
            return self
        return self.filter(models.Exists(Actie.objects.voor(doelgroep).filter(wegwijzer=models.OuterRef("pk"))))

    def met_acties(self, doelgroep: str = ""):
        """Labels and the acties (for this audience, or all), in two extra queries."""
        return self.prefetch_related(
            "labels", models.Prefetch("acties", queryset=Actie.objects.voor(doelgroep).order_by("volgorde"))
        )

    def volledig(self, doelgroep: str = ""):
        """Everything a wegwijzer page shows, in a fixed number of queries."""
        return self.met_acties(doelgroep).prefetch_related(
            models.Prefetch(
                "leesitems",
                queryset=Leesitem.objects.order_by("volgorde").prefetch_related(
                    models.Prefetch("links", queryset=Link.objects.order_by("volgorde"))
                ),
            ),
        )

    def navigatie(self, wegwijzer: "Wegwijzer") -> dict:
        """Its edition's wegwijzers (title, slug, number) for the side menu, its number and neighbours (1 query)."""
        alle = list(
            self.filter(editie_id=wegwijzer.editie_id).only("titel", "slug", "volgorde", "editie").order_by("volgorde")
        )
        index = next(i for i, w in enumerate(alle) if w.pk == wegwijzer.pk)
        for w in alle:
            w.editie = wegwijzer.editie  # their links (url_in_editie) read it: no query per row
        return {
            "alle_wegwijzers": alle,
            "nummer": index + 1,
            "vorige": alle[index - 1] if index > 0 else None,
            "volgende": alle[index + 1] if index + 1 < len(alle) else None,
        }

    def get_by_natural_key(self, slug, editie=EERSTE_EDITIE):
        # The fixtures name a wegwijzer by its slug alone: those rows are the first edition's.
        return self.get(slug=slug, editie__nummer=editie)


class Wegwijzer(models.Model):
    """A guidepost of the minigids in one edition: introduction, Doel, Aanpak, Acties, reading, quote."""

    editie = models.ForeignKey(Editie, on_delete=models.PROTECT, related_name="wegwijzers", verbose_name=_("editie"))
    # The same wegwijzer in the edition before (copied from it for the draft); empty for a new one.
    vorige = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="opvolgers", editable=False
    )
    # The edition whose publication last changed this wegwijzer's text ("laatst bijgewerkt").
    bijgewerkt_in = models.ForeignKey(
        Editie, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    titel = models.CharField(_("titel"), max_length=120)
    slug = models.SlugField()
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    inleiding = models.TextField(_("inleiding"), help_text=_("Alinea's gescheiden door een lege regel."))
    doel = models.TextField(_("doel"))
    aanpak = models.TextField(_("aanpak"), help_text=_("Alinea's gescheiden door een lege regel."))
    citaat = models.TextField(_("citaat"))
    citaat_spreker = models.CharField(_("spreker van het citaat"), max_length=120)
    citaat_rol = models.CharField(_("rol of organisatie van de spreker"), max_length=200, blank=True)
    labels = models.ManyToManyField(Label, related_name="wegwijzers", verbose_name=_("labels"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # PostgreSQL's search vector over the wegwijzer and its acties and reading (wegwijzers.zoekindex keeps it
    # current; a GIN index sits on it). SQLite stores nothing here and searches the plain way.
    zoekvector = SearchVectorField(null=True, editable=False)

    objects = WegwijzerQuerySet.as_manager()

    class Meta:
        verbose_name = _("wegwijzer")
        verbose_name_plural = _("wegwijzers")
        ordering = ["editie__nummer", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["editie", "slug"], name="wegwijzer_unieke_slug"),
            models.UniqueConstraint(fields=["editie", "titel"], name="wegwijzer_unieke_titel"),
            models.UniqueConstraint(fields=["editie", "volgorde"], name="wegwijzer_unieke_volgorde"),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        """The wegwijzer's public page (of the current edition: its address does not change across editions)."""
        return reverse("wegwijzers:detail", kwargs={"slug": self.slug})

    def url_in_editie(self) -> str:
        """This edition's own page of the wegwijzer (reads `editie`: select it with the wegwijzer)."""
        if self.editie.huidig:
            return self.get_absolute_url()
        return reverse("edities:wegwijzer", kwargs={"nummer": self.editie.nummer, "slug": self.slug})

    def natural_key(self) -> tuple[str, int]:
        return (self.slug, self.editie.nummer)

    natural_key.dependencies = ["wegwijzers.editie"]

    @property
    def in_concept(self) -> bool:
        return self.editie.is_concept


class Doelgroep(models.TextChoices):
    AMBTENAAR = "ambtenaar", _("Ambtenaren")
    INITIATIEFNEMER = "initiatiefnemer", _("Initiatiefnemers")
    BEIDE = "beide", _("Ambtenaren en initiatiefnemers")


class ActieQuerySet(models.QuerySet):
    def voor(self, doelgroep: str):
        """Actions that address this audience (actions for both count for either)."""
        if doelgroep in (Doelgroep.AMBTENAAR, Doelgroep.INITIATIEFNEMER):
            return self.filter(doelgroep__in=[doelgroep, Doelgroep.BEIDE])
        return self

    def huidig(self):
        """The acties of the current edition (a join, no extra query)."""
        return self.filter(wegwijzer__editie__huidig=True)

    def get_by_natural_key(self, wegwijzer_slug, volgorde, editie=EERSTE_EDITIE):
        return self.get(wegwijzer__slug=wegwijzer_slug, wegwijzer__editie__nummer=editie, volgorde=volgorde)


class Actie(models.Model):
    """A concrete action of a wegwijzer, addressed to ambtenaren, initiatiefnemers or both."""

    wegwijzer = models.ForeignKey(
        Wegwijzer, on_delete=models.CASCADE, related_name="acties", verbose_name=_("wegwijzer")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    tekst = models.TextField(_("tekst"))
    doelgroep = models.CharField(_("doelgroep"), max_length=20, choices=Doelgroep, default=Doelgroep.BEIDE)
    deel = models.TextField(
        _("deel voor één doelgroep"),
        blank=True,
        help_text=_("Een zin uit de tekst die zich tot één doelgroep richt (letterlijk overgenomen); anders leeg."),
    )
    deel_doelgroep = models.CharField(
        _("doelgroep van dat deel"),
        max_length=20,
        blank=True,
        choices=[
            (Doelgroep.AMBTENAAR, Doelgroep.AMBTENAAR.label),
            (Doelgroep.INITIATIEFNEMER, Doelgroep.INITIATIEFNEMER.label),
        ],
    )
    stand_van = models.DateField(
        _("stand van zaken op"),
        null=True,
        blank=True,
        help_text=_(
            "Alleen voor een mededeling met een datum (geen stap om te zetten), zoals de minigids die geeft: "
            "de site toont dan de datum erbij."
        ),
    )

    # The same action in the edition before; empty for an action new in its edition.
    vorige = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="opvolgers", editable=False
    )

    class Wijziging(models.TextChoices):
        GEEN = "", _("Ongewijzigd")
        NIEUW = "nieuw", _("Nieuw")
        GEWIJZIGD = "gewijzigd", _("Gewijzigd")

    # Against the edition before, set when the edition is published: a koppel's route marks new and changed actions.
    wijziging = models.CharField(_("wijziging"), max_length=10, choices=Wijziging, blank=True, editable=False)

    objects = ActieQuerySet.as_manager()

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["wegwijzer__volgorde", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["wegwijzer", "volgorde"], name="actie_unieke_volgorde"),
            models.CheckConstraint(condition=models.Q(doelgroep__in=Doelgroep.values), name="actie_geldige_doelgroep"),
            models.CheckConstraint(
                condition=models.Q(deel="", deel_doelgroep="")
                | (~models.Q(deel="") & models.Q(deel_doelgroep__in=[Doelgroep.AMBTENAAR, Doelgroep.INITIATIEFNEMER])),
                name="actie_deel_met_doelgroep",
            ),
        ]

    def __str__(self) -> str:
        return self.tekst if len(self.tekst) <= 80 else self.tekst[:79] + "…"

    def get_absolute_url(self) -> str:
        return f"{self.wegwijzer.get_absolute_url()}#actie-{self.volgorde}"

    @property
    def nummer(self) -> str:
        """As the booklet numbers it: 2.3 is the third action of the second wegwijzer."""
        return f"{self.wegwijzer.volgorde}.{self.volgorde}"

    def clean(self):
        if self.deel and self.deel not in self.tekst:
            raise ValidationError({"deel": _("Het deel moet letterlijk in de tekst van de actie staan.")})
        if bool(self.deel) != bool(self.deel_doelgroep):
            raise ValidationError({"deel_doelgroep": _("Kies de doelgroep van het deel, of laat beide leeg.")})

    def tekst_delen(self) -> tuple[str, str, str]:
        """The text split around the part for one audience: (before, part, after); no part gives (tekst, "", "")."""
        if self.deel and self.deel in self.tekst:
            voor, _, na = self.tekst.partition(self.deel)
            return voor, self.deel, na
        return self.tekst, "", ""

    def natural_key(self) -> tuple[str, int, int]:
        return (self.wegwijzer.slug, self.volgorde, self.wegwijzer.editie.nummer)

    natural_key.dependencies = ["wegwijzers.wegwijzer"]

    @property
    def in_concept(self) -> bool:
        return self.wegwijzer.in_concept


class LeesitemQuerySet(models.QuerySet):
    def get_by_natural_key(self, wegwijzer_slug, volgorde, editie=EERSTE_EDITIE):
        return self.get(wegwijzer__slug=wegwijzer_slug, wegwijzer__editie__nummer=editie, volgorde=volgorde)


class Leesitem(models.Model):
    """A "Meer weten & verder lezen" item: a publication, tool, platform or interview."""

    wegwijzer = models.ForeignKey(
        Wegwijzer, on_delete=models.CASCADE, related_name="leesitems", verbose_name=_("wegwijzer")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    titel = models.CharField(
        _("titel"),
        max_length=300,
        help_text=_(
            "Kort, met de woorden uit de tekst (bijvoorbeeld de naam van de publicatie); staat letterlijk in de tekst."
        ),
    )
    beschrijving = models.TextField(
        _("tekst"), blank=True, help_text=_("De volledige tekst van het item zoals de minigids die geeft.")
    )

    objects = LeesitemQuerySet.as_manager()

    class Meta:
        verbose_name = _("leesitem")
        verbose_name_plural = _("leesitems")
        ordering = ["wegwijzer__volgorde", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["wegwijzer", "volgorde"], name="leesitem_unieke_volgorde"),
        ]

    def __str__(self) -> str:
        return self.titel

    def natural_key(self) -> tuple[str, int, int]:
        return (self.wegwijzer.slug, self.volgorde, self.wegwijzer.editie.nummer)

    natural_key.dependencies = ["wegwijzers.wegwijzer"]

    @property
    def in_concept(self) -> bool:
        return self.wegwijzer.in_concept

    def clean(self):
        if self.beschrijving and self.titel not in self.beschrijving:
            raise ValidationError({"titel": _("De titel moet letterlijk in de tekst staan (de tekst blijft heel).")})

    def tekst_delen(self) -> tuple[str, str, str]:
        """The whole sentence split around its title: (before, title, after); the title is shown once, inside it."""
        if self.beschrijving and self.titel in self.beschrijving:
            voor, _, na = self.beschrijving.partition(self.titel)
            return voor, self.titel, na
        return "", self.titel, (" " + self.beschrijving) if self.beschrijving else ""

    @property
    def tekst(self) -> str:
        """The item as the booklet prints it."""
        return "".join(self.tekst_delen())


class LinkQuerySet(models.QuerySet):
    def get_by_natural_key(self, wegwijzer_slug, leesitem_volgorde, volgorde, editie=EERSTE_EDITIE):
        return self.get(
            leesitem__wegwijzer__slug=wegwijzer_slug,
            leesitem__wegwijzer__editie__nummer=editie,
            leesitem__volgorde=leesitem_volgorde,
            volgorde=volgorde,
        )


class Link(models.Model):
    """A web address printed under a reading item."""

    leesitem = models.ForeignKey(Leesitem, on_delete=models.CASCADE, related_name="links", verbose_name=_("leesitem"))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    url = models.URLField(_("webadres"), max_length=500)

    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["leesitem", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["leesitem", "volgorde"], name="link_unieke_volgorde"),
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def is_pdf(self) -> bool:
        """Whether the address points at a PDF file (readers are told before they open it)."""
        from urllib.parse import urlsplit

        return urlsplit(self.url).path.lower().endswith(".pdf")

    def natural_key(self) -> tuple[str, int, int, int]:
        wegwijzer = self.leesitem.wegwijzer
        return (wegwijzer.slug, self.leesitem.volgorde, self.volgorde, wegwijzer.editie.nummer)

    natural_key.dependencies = ["wegwijzers.leesitem"]

    @property
    def in_concept(self) -> bool:
        return self.leesitem.in_concept


class TekstblokQuerySet(models.QuerySet):
    def get_by_natural_key(self, sleutel, editie=None):
        # The booklet's texts belong to an edition (the fixtures': the first); the portal's statements to none.
        if sleutel in BOEKJE_SLEUTELS:
            return self.get(sleutel=sleutel, editie__nummer=editie or EERSTE_EDITIE)
        return self.get(sleutel=sleutel, editie=None)

    def van_editie(self, editie: "Editie | None" = None):
        """The booklet's texts of this edition (the current one when none is named) and the portal's statements."""
        if editie is None:
            return self.filter(models.Q(editie__huidig=True) | models.Q(editie=None))
        return self.filter(models.Q(editie=editie) | models.Q(editie=None))

    def per_sleutel(self, *sleutels: str, editie: "Editie | None" = None) -> dict[str, "Tekstblok"]:
        """The asked-for frame texts by key, in one query; a missing key is simply absent (pages skip it)."""
        return {blok.sleutel.replace("-", "_"): blok for blok in self.van_editie(editie).filter(sleutel__in=sleutels)}


class Tekstblok(models.Model):
    """A piece of the booklet's frame (cover, colofon, introduction, sidebar, Doe mee, back cover).

    The text uses a small, safe markup: blocks separated by a blank line; a block starting with "## " is a
    subheading, a block of lines starting with "- " is a list; web addresses become links.
    """

    class Sleutel(models.TextChoices):
        OMSLAG = "omslag", _("Omslag")
        COLOFON = "colofon", _("Colofon")
        INLEIDING = "inleiding", _("Inleiding")
        ZES_WEGWIJZERS = "zes-wegwijzers", _("6 wegwijzers")
        ZIJBALK = "zijbalk", _("Zijbalk: MeentCoop, AmsterDOEN en commons")
        DOE_MEE = "doe-mee", _("Doe mee")
        ACHTERKANT = "achterkant", _("Achterkant")
        TOEGANKELIJKHEID = "toegankelijkheid", _("Toegankelijkheidsverklaring")
        PRIVACY = "privacy", _("Privacyverklaring")
        CONTACT = "contact", _("Contact")

    sleutel = models.SlugField(_("sleutel"), choices=Sleutel)
    # The booklet's own texts belong to an edition; the portal's statements (toegankelijkheid, privacy, contact)
    # to none: they are not part of the booklet and change when the programme team changes them.
    editie = models.ForeignKey(
        Editie, on_delete=models.PROTECT, null=True, blank=True, related_name="teksten", verbose_name=_("editie")
    )
    titel = models.CharField(_("titel"), max_length=200, blank=True)
    ondertitel = models.CharField(_("ondertitel"), max_length=300, blank=True)
    tekst = models.TextField(_("tekst"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TekstblokQuerySet.as_manager()

    class Meta:
        verbose_name = _("tekstblok")
        verbose_name_plural = _("tekstblokken")
        ordering = ["sleutel"]
        constraints = [
            models.UniqueConstraint(fields=["sleutel", "editie"], name="tekstblok_uniek_per_editie"),
            models.UniqueConstraint(
                fields=["sleutel"], condition=models.Q(editie=None), name="tekstblok_verklaring_uniek"
            ),
        ]

    def __str__(self) -> str:
        return self.titel or self.get_sleutel_display()

    def natural_key(self) -> tuple:
        if self.editie_id is None:
            return (self.sleutel,)
        return (self.sleutel, self.editie.nummer)

    natural_key.dependencies = ["wegwijzers.editie"]

    @property
    def in_concept(self) -> bool:
        return self.editie_id is not None and self.editie.is_concept


# The booklet's own frame texts (the others are the portal's statements: toegankelijkheid, privacy, contact).
BOEKJE_SLEUTELS = (
    Tekstblok.Sleutel.OMSLAG,
    Tekstblok.Sleutel.COLOFON,
    Tekstblok.Sleutel.INLEIDING,
    Tekstblok.Sleutel.ZES_WEGWIJZERS,
    Tekstblok.Sleutel.ZIJBALK,
    Tekstblok.Sleutel.DOE_MEE,
    Tekstblok.Sleutel.ACHTERKANT,
)


class Wijzigingsnotitie(models.Model):
    """What changed in one wegwijzer (or in the booklet's other texts) when an edition was published, and why.

    The comparison is stored at publication, so a change-notes page reads it in one query however many editions
    there are: a list of sections, each a list of [soort, tekst] pieces ("=" same, "+" added, "-" removed).
    """

    class Soort(models.TextChoices):
        NIEUW = "nieuw", _("Nieuwe wegwijzer")
        GEWIJZIGD = "gewijzigd", _("Gewijzigd")
        VERWIJDERD = "verwijderd", _("Verwijderd")
        TEKSTEN = "teksten", _("Overige teksten van de minigids")

    editie = models.ForeignKey(Editie, on_delete=models.CASCADE, related_name="notities", verbose_name=_("editie"))
    # The wegwijzer as it is in this edition; for a removed one, as it was in the edition before.
    wegwijzer = models.ForeignKey(
        Wegwijzer, on_delete=models.PROTECT, null=True, blank=True, related_name="notities", verbose_name=_("wegwijzer")
    )
    soort = models.CharField(_("soort"), max_length=12, choices=Soort)
    notitie = models.TextField(_("wijzigingsnotitie"), blank=True)
    vergelijking = models.JSONField(_("vergelijking"), default=list)

    class Meta:
        verbose_name = _("wijzigingsnotitie")
        verbose_name_plural = _("wijzigingsnotities")
        ordering = ["editie__nummer", "wegwijzer__volgorde", "pk"]

    def __str__(self) -> str:
        return f"{self.editie}: {self.wegwijzer or self.get_soort_display()}"


class ZoektermQuerySet(models.QuerySet):
    def get_by_natural_key(self, woord):
        return self.get(woord=woord)


class Zoekterm(models.Model):
    """An everyday word people search with, and the booklet's words that answer it (search also looks for those)."""

    woord = models.CharField(
        _("woord"), max_length=60, unique=True, help_text=_("Eén woord of woordgroep zoals mensen het intypen.")
    )
    verwante_woorden = models.TextField(
        _("verwante woorden"),
        help_text=_("Woorden uit de minigids die hetzelfde bedoelen, gescheiden door komma's."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ZoektermQuerySet.as_manager()

    class Meta:
        verbose_name = _("zoekterm")
        verbose_name_plural = _("zoektermen")
        ordering = ["woord"]

    def __str__(self) -> str:
        return self.woord

    def save(self, *args, **kwargs):
        self.woord = " ".join(self.woord.lower().split())
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.woord,)

    @property
    def verwant(self) -> list[str]:
        return [w for w in (" ".join(d.split()).lower() for d in self.verwante_woorden.split(",")) if w]


class DrukbestandQuerySet(models.QuerySet):
    def zonder_pdf(self):
        """Without the bytes: status pages and checks need only the row."""
        return self.defer("pdf")

    def voor(self, sleutel: str, versie: str):
        """The PDF of this selection and content version (at most one), without its bytes."""
        return self.zonder_pdf().filter(sleutel=sleutel, versie=versie)


class Drukbestand(models.Model):
    """A generated minigids PDF for one selection and one content version: the cache behind the downloads.

    The bytes live in the database so that every app server (and the task worker) sees the same files.
    """

    class Status(models.TextChoices):
        BEZIG = "bezig", _("Wordt gemaakt")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    sleutel = models.CharField(_("selectie"), max_length=400)
    versie = models.CharField(_("inhoudsversie"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.BEZIG)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    paginas = models.PositiveIntegerField(_("pagina's"), null=True, blank=True)
    fout = models.TextField(_("foutmelding"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set again on a retry: a job that has been "bezig" for too long counts as lost (a worker died).
    requested_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    objects = DrukbestandQuerySet.as_manager()

    class Meta:
        verbose_name = _("drukbestand")
        verbose_name_plural = _("drukbestanden")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["sleutel", "versie"], name="drukbestand_uniek_per_versie"),
            models.CheckConstraint(
                condition=models.Q(status__in=["bezig", "klaar", "mislukt"]), name="drukbestand_geldige_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sleutel} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("pdf:status", kwargs={"pk": self.pk})
