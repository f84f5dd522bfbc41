"""The minigids and a koppel's route as print-ready, tagged PDF (PDF/UA-1), rendered with WeasyPrint.

WeasyPrint is imported inside the functions that need it: importing it costs about 0.8 s, which ordinary page
requests should never pay.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijzers.models import Actie, Doelgroep, Label, Leesitem, Link, Tekstblok, Wegwijzer

# The printed booklet's edition: a fact about the publication, not something the content editors change.
EDITIE = "maart 2025"
AUTEUR = "MeentCoop & AmsterDOEN"

FORMATEN = ("a5", "a4")
SOORTEN = ("alles", "wegwijzers", "label", "doelgroep")
DOELGROEPEN = (Doelgroep.AMBTENAAR.value, Doelgroep.INITIATIEFNEMER.value)


class OngeldigeSelectie(ValueError):
    """A selection key that does not describe a printable selection."""


@dataclass(frozen=True)
class Selectie:
    """What goes into a minigids PDF: the whole guide, chosen wegwijzers, one label or one audience; A5 or A4."""

    formaat: str = "a5"
    soort: str = "alles"
    waarden: tuple[str, ...] = field(default=())

    def __post_init__(self):
        if self.formaat not in FORMATEN or self.soort not in SOORTEN:
            raise OngeldigeSelectie(f"{self.formaat}/{self.soort}")
        if self.soort == "alles" and self.waarden:
            raise OngeldigeSelectie("alles takes no values")
        if self.soort in ("label", "doelgroep") and len(self.waarden) != 1:
            raise OngeldigeSelectie(f"{self.soort} takes exactly one value")
        if self.soort == "wegwijzers" and not self.waarden:
            raise OngeldigeSelectie("wegwijzers needs at least one")
        if self.soort == "doelgroep" and self.waarden[0] not in DOELGROEPEN:
            raise OngeldigeSelectie(self.waarden[0])

    @property
    def sleutel(self) -> str:
        """A canonical, URL-safe key: equal selections share one cached PDF."""
        parts = [self.formaat, self.soort]
        if self.waarden:
            parts.append("+".join(self.waarden))
        return "/".join(parts)

    @classmethod
    def from_sleutel(cls, sleutel: str) -> "Selectie":
        parts = sleutel.split("/")
        if len(parts) not in (2, 3):
            raise OngeldigeSelectie(sleutel)
        waarden = tuple(parts[2].split("+")) if len(parts) == 3 else ()
        return cls(formaat=parts[0], soort=parts[1], waarden=waarden)

    @property
    def volledig(self) -> bool:
        """The audience selection is a checklist of acties; the other selections print whole chapters."""
        return self.soort != "doelgroep"

    @property
    def bestandsnaam(self) -> str:
        if self.soort == "alles":
            return f"minigids-maatschappelijke-route-{self.formaat}.pdf"
        return f"minigids-{self.soort}-{'-'.join(self.waarden)}-{self.formaat}.pdf"[:150]


def content_version() -> str:
    """A hash of all the booklet's content: any edit (admin, inline, fixture, shell) gives a new version.

    Seven small queries whatever happens; the content is a few hundred rows, so hashing it all is cheaper and
    more trustworthy than tracking timestamps that inlines and fixtures do not keep.
    """
    digest = hashlib.sha256()
    sources = [
        Tekstblok.objects.order_by("pk").values_list("pk", "sleutel", "titel", "ondertitel", "tekst"),
        Label.objects.order_by("pk").values_list("pk", "naam", "slug", "volgorde"),
        Wegwijzer.objects.order_by("pk").values_list(
            "pk", "titel", "slug", "volgorde", "inleiding", "doel", "aanpak", "citaat", "citaat_spreker", "citaat_rol"
        ),
        Wegwijzer.labels.through.objects.order_by("pk").values_list("wegwijzer_id", "label_id"),
        Actie.objects.order_by("pk").values_list(
            "pk", "wegwijzer_id", "volgorde", "tekst", "doelgroep", "deel", "deel_doelgroep", "stand_van"
        ),
        Leesitem.objects.order_by("pk").values_list("pk", "wegwijzer_id", "volgorde", "titel", "beschrijving"),
        Link.objects.order_by("pk").values_list("pk", "leesitem_id", "volgorde", "url"),
    ]
    for rows in sources:
        digest.update(repr(list(rows)).encode())
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


def _wegwijzers(selectie: Selectie):
    """The wegwijzers of a selection with their labels, acties (for the audience), reading items and links."""
    acties = Actie.objects.order_by("volgorde")
    if selectie.soort == "doelgroep":
        acties = acties.voor(selectie.waarden[0])
    queryset = Wegwijzer.objects.prefetch_related(
        "labels",
        Prefetch("acties", queryset=acties),
        Prefetch("leesitems", queryset=Leesitem.objects.order_by("volgorde").prefetch_related("links")),
    )
    if selectie.soort == "wegwijzers":
        queryset = queryset.filter(slug__in=selectie.waarden)
    elif selectie.soort == "label":
        queryset = queryset.filter(labels__slug=selectie.waarden[0])
    wegwijzers = list(queryset.order_by("volgorde"))
    if selectie.soort == "doelgroep":
        wegwijzers = [wegwijzer for wegwijzer in wegwijzers if wegwijzer.acties.all()]
    return wegwijzers


def selection_title(selectie: Selectie, labels: dict[str, str], wegwijzers: list) -> str:
    """The line on the cover that says what this PDF holds (empty for the whole guide)."""
    if selectie.soort == "label":
        return _("Wegwijzers met het label %(label)s") % {"label": labels.get(selectie.waarden[0], "")}
    if selectie.soort == "doelgroep":
        return (
            _("Acties voor ambtenaren")
            if selectie.waarden[0] == Doelgroep.AMBTENAAR
            else _("Acties voor initiatiefnemers")
        )
    if selectie.soort == "wegwijzers":
        if len(wegwijzers) == 1:
            return _("Wegwijzer: %(titel)s") % {"titel": wegwijzers[0].titel}
        return _("Een selectie van %(aantal)d wegwijzers") % {"aantal": len(wegwijzers)}
    return ""


def describe(selectie: Selectie) -> str:
    """A one-line description of a selection for the site's pages (at most one query)."""
    formaat = "A4" if selectie.formaat == "a4" else _("A5-boekje")
    if selectie.soort == "alles":
        wat = _("De hele minigids")
    elif selectie.soort == "doelgroep":
        wat = selection_title(selectie, {}, [])
    elif selectie.soort == "label":
        labels = dict(Label.objects.filter(slug=selectie.waarden[0]).values_list("slug", "naam"))
        wat = selection_title(selectie, labels, [])
    else:
        titels = Wegwijzer.objects.filter(slug__in=selectie.waarden).order_by("volgorde")
        titels = titels.values_list("titel", flat=True)
        wat = _("Wegwijzers: %(titels)s") % {"titels": ", ".join(titels)}
    return f"{wat} ({formaat})"


def minigids_context(selectie: Selectie) -> dict:
    """Everything the minigids template needs, in a fixed number of queries."""
    # Template variables cannot contain hyphens: "zes-wegwijzers" becomes teksten.zes_wegwijzers.
    teksten = {blok.sleutel.replace("-", "_"): blok for blok in Tekstblok.objects.all()}
    labels = {label.slug: label.naam for label in Label.objects.all()}
    wegwijzers = _wegwijzers(selectie)
    return {
        "selectie": selectie,
        "formaat": selectie.formaat,
        "volledig": selectie.volledig,
        "alles": selectie.soort == "alles",
        "selectietitel": selection_title(selectie, labels, wegwijzers),
        "teksten": teksten,
        "omslag": teksten.get("omslag"),
        "wegwijzers": wegwijzers,
        "editie": EDITIE,
        "auteur": AUTEUR,
        "gemaakt_op": timezone.localdate(),
    }


def summary(selectie: Selectie) -> dict:
    """What a selection will contain, for the live summary next to the form (three queries)."""
    wegwijzers = _wegwijzers(selectie)
    acties = sum(len(wegwijzer.acties.all()) for wegwijzer in wegwijzers)
    doelgroepen = Counter(actie.doelgroep for wegwijzer in wegwijzers for actie in wegwijzer.acties.all())
    return {"wegwijzers": wegwijzers, "acties": acties, "doelgroepen": doelgroepen}


def _stylesheet(name: str) -> Path:
    path = finders.find(f"css/{name}")
    if not path:
        raise FileNotFoundError(f"static/css/{name}")
    return Path(path)


def write_pdf(html: str, *, formaat: str = "a5") -> tuple[bytes, int]:
    """Lay out HTML with the print stylesheet and write a tagged PDF/UA-1; returns the bytes and the page count."""
    import weasyprint  # noqa: PLC0415 - lazily: see the module docstring.
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

    fonts = FontConfiguration()
    # Only local files (our stylesheets and fonts) are ever fetched: the content's links are printed, not loaded.
    fetcher = weasyprint.URLFetcher(allowed_protocols=["file", "data"])
    names = ["pdf.css", "pdf-a4.css"] if formaat == "a4" else ["pdf.css"]
    paths = [_stylesheet(name) for name in names]
    stylesheets = [weasyprint.CSS(filename=str(path), font_config=fonts, url_fetcher=fetcher) for path in paths]
    document = weasyprint.HTML(string=html, base_url=paths[0].parent.as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=fonts, pdf_variant="pdf/ua-1"
    )
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)


def render_minigids(selectie: Selectie) -> tuple[bytes, int]:
    """The minigids (or a selection of it) as a booklet PDF; returns the bytes and the page count."""
    html = render_to_string("pdf/minigids.html", minigids_context(selectie))
    return write_pdf(html, formaat=selectie.formaat)


def route_context(koppel) -> dict:
    """A koppel's route: members, initiative, cohort, progress per wegwijzer, every action, obstacles."""
    # koppels depends on wegwijzers, not the reverse: import at call time.
    from koppels.models import Actiestap, Status  # noqa: PLC0415
    from koppels.progress import progress_for_koppels  # noqa: PLC0415

    # One counting rule for the site, the workspace and the paper: the koppels app's.
    voortgang = progress_for_koppels([koppel])[koppel.pk]
    stappen = {stap.actie_id: stap for stap in Actiestap.objects.filter(koppel=koppel)}
    wegwijzers = list(
        Wegwijzer.objects.order_by("volgorde").prefetch_related(Prefetch("acties", Actie.objects.order_by("volgorde")))
    )
    status_labels = dict(Status.choices)
    hoofdstukken = []
    for wegwijzer in wegwijzers:
        regels = []
        for actie in wegwijzer.acties.all():
            stap = stappen.get(actie.pk)
            status = stap.status if stap else Status.OPEN.value
            regels.append(
                {
                    "actie": actie,
                    "status": status,
                    "status_label": status_labels[status],
                    "notitie": stap.notitie if stap else "",
                    "datum": stap.updated_at if stap else None,
                }
            )
        telling = voortgang.voor_wegwijzer(wegwijzer.pk)
        hoofdstukken.append(
            {
                "wegwijzer": wegwijzer,
                "regels": regels,
                "afgerond": telling.afgerond if telling else 0,
                "totaal": telling.totaal if telling else len(regels),
                # A percentage for the printed bar (an SVG width, so no inline style is needed).
                "procent": telling.percentage if telling else 0,
            }
        )
    obstakels = list(koppel.obstakels.select_related("wegwijzer", "actie").order_by("created_at"))
    leden = list(koppel.lidmaatschappen.select_related("user").order_by("rol", "user__naam"))
    return {
        "koppel": koppel,
        "leden": leden,
        "hoofdstukken": hoofdstukken,
        "obstakels": obstakels,
        "afgerond": voortgang.afgerond,
        "totaal": voortgang.totaal,
        "procent": voortgang.percentage,
        "auteur": AUTEUR,
        "gemaakt_op": timezone.localtime(),
        "formaat": "a4",
    }


def render_route(koppel) -> tuple[bytes, int]:
    """A koppel's route as an A4 report PDF; returns the bytes and the page count."""
    html = render_to_string("pdf/route.html", route_context(koppel))
    return write_pdf(html, formaat="a4")
