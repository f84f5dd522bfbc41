"""The minigids and a koppel's route as print-ready, tagged PDF (PDF/UA-1), rendered with WeasyPrint.

WeasyPrint is imported inside the functions that need it: importing it costs about 0.8 s, which ordinary page
requests should never pay.
"""

import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijzers.models import BOEKJE_SLEUTELS, Actie, Doelgroep, Editie, Label, Leesitem, Link, Tekstblok, Wegwijzer

AUTEUR = "MeentCoop & AmsterDOEN"

# "drukproef": the A5 booklet for the print shop, with 3 mm bleed, crop marks, TrimBox and BleedBox.
FORMATEN = ("a5", "a4", "drukproef")
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
    # An earlier edition by its number; None is the current edition (whatever it is when the PDF is made).
    editie: int | None = None

    def __post_init__(self):
        if self.editie is not None and self.editie < 1:
            raise OngeldigeSelectie(f"editie {self.editie}")
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
        if self.editie is not None:
            parts.insert(0, f"e{self.editie}")
        return "/".join(parts)

    @classmethod
    def from_sleutel(cls, sleutel: str) -> "Selectie":
        parts = sleutel.split("/")
        editie = None
        if parts and re.fullmatch(r"e[1-9][0-9]{0,4}", parts[0]):
            editie = int(parts.pop(0)[1:])
        if len(parts) not in (2, 3):
            raise OngeldigeSelectie(sleutel)
        waarden = tuple(parts[2].split("+")) if len(parts) == 3 else ()
        return cls(formaat=parts[0], soort=parts[1], waarden=waarden, editie=editie)

    def editie_filter(self, pad: str = "editie") -> dict:
        """The lookup that picks this selection's edition's rows (pad: the way from the model to its edition)."""
        prefix = f"{pad}__" if pad else ""
        if self.editie is None:
            return {f"{prefix}huidig": True}
        return {f"{prefix}nummer": self.editie}

    @property
    def drukproef(self) -> bool:
        return self.formaat == "drukproef"

    @property
    def boekje(self) -> bool:
        """A5 and its print proof are folded booklets: their page count is a multiple of four."""
        return self.formaat in ("a5", "drukproef")

    @property
    def volledig(self) -> bool:
        """The audience selection is a checklist of acties; the other selections print whole chapters."""
        return self.soort != "doelgroep"

    @property
    def bestandsnaam(self) -> str:
        editie = f"-editie-{self.editie}" if self.editie is not None else ""
        if self.soort == "alles":
            return f"minigids-maatschappelijke-route{editie}-{self.formaat}.pdf"
        return f"minigids-{self.soort}-{'-'.join(self.waarden)}{editie}-{self.formaat}.pdf"[:150]


def content_version(selectie: Selectie | None = None) -> str:
    """A hash of the content of the selection's edition (the current one by default).

    What is printed is always a published edition: edits to the draft never change it. The hash still covers every
    row of the edition, so a fixture loaded again with corrections (the first edition comes from the fixtures)
    gives a new version. Seven small queries whatever happens.
    """
    selectie = selectie or Selectie()
    editie = selectie.editie_filter
    digest = hashlib.sha256()
    sources = [
        Tekstblok.objects.filter(sleutel__in=BOEKJE_SLEUTELS)
        .filter(**editie())
        .order_by("pk")
        .values_list("pk", "sleutel", "titel", "ondertitel", "tekst", "editie__naam"),
        Label.objects.order_by("pk").values_list("pk", "naam", "slug", "volgorde"),
        Wegwijzer.objects.filter(**editie())
        .order_by("pk")
        .values_list(
            "pk", "titel", "slug", "volgorde", "inleiding", "doel", "aanpak", "citaat", "citaat_spreker", "citaat_rol"
        ),
        Wegwijzer.labels.through.objects.filter(**editie("wegwijzer__editie"))
        .order_by("pk")
        .values_list("wegwijzer_id", "label_id"),
        Actie.objects.filter(**editie("wegwijzer__editie"))
        .order_by("pk")
        .values_list("pk", "wegwijzer_id", "volgorde", "tekst", "doelgroep", "deel", "deel_doelgroep", "stand_van"),
        Leesitem.objects.filter(**editie("wegwijzer__editie"))
        .order_by("pk")
        .values_list("pk", "wegwijzer_id", "volgorde", "titel", "beschrijving"),
        Link.objects.filter(**editie("leesitem__wegwijzer__editie"))
        .order_by("pk")
        .values_list("pk", "leesitem_id", "volgorde", "url"),
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
    queryset = (
        Wegwijzer.objects.filter(**selectie.editie_filter())
        .select_related("editie")
        .prefetch_related(
            "labels",
            Prefetch("acties", queryset=acties),
            Prefetch("leesitems", queryset=Leesitem.objects.order_by("volgorde").prefetch_related("links")),
        )
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
    formaten = {"a4": "A4", "drukproef": _("drukproef A5 met afloop en snijtekens")}
    formaat = formaten.get(selectie.formaat, _("A5-boekje"))
    if selectie.soort == "alles":
        wat = _("De hele minigids")
    elif selectie.soort == "doelgroep":
        wat = selection_title(selectie, {}, [])
    elif selectie.soort == "label":
        labels = dict(Label.objects.filter(slug=selectie.waarden[0]).values_list("slug", "naam"))
        wat = selection_title(selectie, labels, [])
    else:
        titels = Wegwijzer.objects.filter(slug__in=selectie.waarden, **selectie.editie_filter()).order_by("volgorde")
        titels = titels.values_list("titel", flat=True)
        wat = _("Wegwijzers: %(titels)s") % {"titels": ", ".join(titels)}
    return f"{wat} ({formaat})"


def portal_url(path: str = "/") -> str:
    """An absolute address on the portal (PORTAL_URL), for paper that leads back to the screen."""
    return settings.PORTAL_URL.rstrip("/") + path


def short_url(url: str) -> str:
    """The address as a person types it: without the scheme and a trailing slash."""
    return re.sub(r"^https?://", "", url).rstrip("/")


def qr_svg(url: str, *, titel: str) -> str:
    """A QR code for the address as inline SVG (segno: no network, no raster), described by its title."""
    import segno  # noqa: PLC0415 - only the PDF needs it.

    code = segno.make(url, error="m")
    return code.svg_inline(scale=1, border=4, omitsize=True, title=titel, svgclass="qr__code", lineclass=None)


def minigids_context(selectie: Selectie, *, aantekeningen: int = 0) -> dict:
    """Everything the minigids template needs, in a fixed number of queries.

    aantekeningen: how many notes pages to add before the back cover (the booklet's page count must be a multiple
    of four; write_minigids finds the number).
    """
    # Template variables cannot contain hyphens: "zes-wegwijzers" becomes teksten.zes_wegwijzers.
    teksten = {
        blok.sleutel.replace("-", "_"): blok
        for blok in Tekstblok.objects.filter(sleutel__in=BOEKJE_SLEUTELS).filter(**selectie.editie_filter())
    }
    editie = Editie.objects.filter(**selectie.editie_filter("")).first()
    labels = {label.slug: label.naam for label in Label.objects.all()}
    wegwijzers = _wegwijzers(selectie)
    for wegwijzer in wegwijzers:
        wegwijzer.portal_url = portal_url(wegwijzer.get_absolute_url())
        wegwijzer.korte_url = short_url(wegwijzer.portal_url)
        wegwijzer.qr = qr_svg(wegwijzer.portal_url, titel=_("QR-code naar %(adres)s") % {"adres": wegwijzer.korte_url})
    now = timezone.now()
    return {
        "selectie": selectie,
        "formaat": selectie.formaat,
        "volledig": selectie.volledig,
        "alles": selectie.soort == "alles",
        "selectietitel": selection_title(selectie, labels, wegwijzers),
        "teksten": teksten,
        "omslag": teksten.get("omslag"),
        "wegwijzers": wegwijzers,
        # The edition as the cover names it; an earlier edition says that it is not the current one.
        "editie": editie.naam if editie else "",
        "editie_niet_huidig": editie is not None and not editie.huidig,
        "auteur": AUTEUR,
        "gemaakt_op": timezone.localdate(),
        "tijdstip": now.isoformat(timespec="seconds"),
        "portal": short_url(portal_url()),
        "portal_url": portal_url(),
        "doe_mee_portal": portal_url(reverse("wegwijzers:doe_mee")),
        "doe_mee_url": short_url(portal_url(reverse("wegwijzers:doe_mee"))),
        "aantekeningen": range(aantekeningen),
    }


def summary(selectie: Selectie) -> dict:
    """What a selection will contain, for the live summary next to the form (three queries)."""
    wegwijzers = _wegwijzers(selectie)
    acties = sum(len(wegwijzer.acties.all()) for wegwijzer in wegwijzers)
    doelgroepen = Counter(actie.doelgroep for wegwijzer in wegwijzers for actie in wegwijzer.acties.all())
    return {"wegwijzers": wegwijzers, "acties": acties, "doelgroepen": doelgroepen}


# The print stylesheets per kind of document, in cascade order.
STYLESHEETS = {
    "a5": ("pdf.css",),
    "drukproef": ("pdf.css", "pdf-drukproef.css"),
    "a4": ("pdf.css", "pdf-a4.css"),
    "route": ("pdf.css", "pdf-route.css"),
}


def _stylesheet(name: str) -> Path:
    path = finders.find(f"css/{name}")
    if not path:
        raise FileNotFoundError(f"static/css/{name}")
    return Path(path)


def layout(html: str, *, formaat: str = "a5"):
    """Lay out HTML with the print stylesheets of this kind of document; returns WeasyPrint's Document."""
    import weasyprint  # noqa: PLC0415 - lazily: see the module docstring.
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

    fonts = FontConfiguration()
    # Only local files (our stylesheets and fonts) are ever fetched: the content's links are printed, not loaded.
    fetcher = weasyprint.URLFetcher(allowed_protocols=["file", "data"])
    paths = [_stylesheet(name) for name in STYLESHEETS[formaat]]
    stylesheets = [weasyprint.CSS(filename=str(path), font_config=fonts, url_fetcher=fetcher) for path in paths]
    return weasyprint.HTML(string=html, base_url=paths[0].parent.as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=fonts, pdf_variant="pdf/ua-1"
    )


def write_pdf(html: str, *, formaat: str = "a5", titels: dict[str, str] | None = None) -> tuple[bytes, int]:
    """Lay out HTML and write a tagged PDF/UA-1 (finished by finish_pdf); returns the bytes and the page count."""
    document = layout(html, formaat=formaat)
    data = document.write_pdf(pdf_variant="pdf/ua-1")
    return finish_pdf(data, titels=titels or {}, bleed=formaat == "drukproef"), len(document.pages)


def render_minigids(selectie: Selectie) -> tuple[bytes, int]:
    """The minigids (or a selection of it) as a PDF; returns the bytes and the page count.

    A5 is a folded booklet: its page count must be a multiple of four with the back cover last, on a left-hand
    page. When the layout comes out short, it is laid out once more with that many "Aantekeningen" pages (a page
    for notes, on purpose) before the back cover.
    """
    context = minigids_context(selectie)
    titels = _link_titles(context)
    html = protect_names(render_to_string("pdf/minigids.html", context))
    document = layout(html, formaat=selectie.formaat)
    tekort = -len(document.pages) % 4 if selectie.boekje else 0
    if tekort:
        html = protect_names(render_to_string("pdf/minigids.html", {**context, "aantekeningen": range(tekort)}))
        document = layout(html, formaat=selectie.formaat)
    data = document.write_pdf(pdf_variant="pdf/ua-1")
    return finish_pdf(data, titels=titels, bleed=selectie.drukproef), len(document.pages)


# Words that are never hyphenated: names (a capital and six letters or more: "AmsterDOEN", "Amsterdam",
# "MeentCoop") and words the Dutch patterns break wrongly.
_NAAM = re.compile(r"\b(?:[A-Z][\w'’]{5,}|businesscases?|crowdfunding)\b")
_TAG = re.compile(r"(<[^>]+>)")


def protect_names(html: str) -> str:
    """Wrap the body's names in <span class="naam"> (no hyphenation there); tags and attributes stay as they are."""
    head, body = html.split("<body", 1)
    pieces = _TAG.split(body)
    in_link = False
    for i, piece in enumerate(pieces):
        if i % 2:  # odd pieces are tags
            in_link = piece.startswith("<a ") or (in_link and piece != "</a>")
        elif i and not in_link:  # a span inside a link would make WeasyPrint write a second link annotation
            pieces[i] = _NAAM.sub(r'<span class="naam">\g<0></span>', piece)
    return head + "<body" + "".join(pieces)


def _link_titles(context: dict) -> dict[str, str]:
    """The chapter title of every anchor the table of contents links to: each link is described by it."""
    teksten = context["teksten"]
    titels = {wegwijzer.slug: wegwijzer.titel for wegwijzer in context["wegwijzers"]}
    for sleutel in ("inleiding", "zes_wegwijzers", "doe_mee"):
        if sleutel in teksten:
            titels[sleutel.replace("_", "-")] = teksten[sleutel].titel
    return titels


# WeasyPrint writes a CMap line per glyph: "<glyph id> <UTF-16 code>". U+2010 only ever comes from line breaking.
_BREAK_HYPHEN = re.compile(rb"^(<[0-9a-f]{4}>) <2010>$", re.MULTILINE)


def finish_pdf(data: bytes, *, titels: dict[str, str], bleed: bool) -> bytes:
    """What WeasyPrint 70 leaves for PDF/UA and print, done on the written file with pikepdf.

    - Hyphens made by line breaking (the U+2010 glyph, see pdf.css) become soft hyphens in the text layer.
    - Running heads and page numbers (margin boxes) are marked content outside the structure tree: they become
      pagination artifacts, so assistive technology skips them.
    - Header cells get a /Scope (Column in a table head, Row elsewhere).
    - Internal links are described by their chapter's title instead of the anchor's slug.
    - Without bleed, the TrimBox and BleedBox (equal to the MediaBox) are left out: only the drukproef has them.
    """
    import pikepdf  # noqa: PLC0415 - only the PDF needs it.

    with pikepdf.open(io.BytesIO(data)) as document:
        _soft_hyphens(document)
        reachable = _structure_elements(document)
        _mark_artifacts(document, reachable)
        _scope_header_cells(reachable)
        for page in document.pages:
            for annotation in page.obj.get("/Annots", []):
                destination = annotation.get("/Dest")
                if destination is not None and str(destination) in titels:
                    annotation.Contents = pikepdf.String(titels[str(destination)])
            if not bleed:
                for box in ("/TrimBox", "/BleedBox"):
                    if box in page.obj:
                        del page.obj[box]
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def _soft_hyphens(document) -> None:
    """Map the line-breaking hyphen glyph (U+2010) to U+00AD in every font's ToUnicode CMap."""
    import pikepdf  # noqa: PLC0415

    for font in document.objects:
        if isinstance(font, pikepdf.Dictionary) and "/ToUnicode" in font:
            cmap = font.ToUnicode.read_bytes()
            fixed = _BREAK_HYPHEN.sub(rb"\1 <00ad>", cmap)
            if fixed != cmap:
                font.ToUnicode.write(fixed)


def _scope_header_cells(reachable: dict) -> None:
    """Header cells in a table head are column headers, the others row headers (as the templates write them)."""
    import pikepdf  # noqa: PLC0415

    for element in reachable.values():
        if element.get("/S") != "/TH":
            continue
        row = element.get("/P")
        in_head = row is not None and row.get("/P") is not None and row.P.get("/S") == "/THead"
        attributes = element.get("/A")
        if not isinstance(attributes, pikepdf.Dictionary):
            attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
            element.A = attributes
        attributes.Scope = pikepdf.Name.Column if in_head else pikepdf.Name.Row


def _structure_elements(document) -> dict:
    """Every structure element reachable from the structure tree's root, by object id."""
    import pikepdf  # noqa: PLC0415

    found = {}
    stack = [document.Root.StructTreeRoot.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found[node.objgen] = node
            stack.append(node.get("/K"))
    return found


def _mark_artifacts(document, reachable: dict) -> None:
    """Turn marked content that no reachable structure element owns (margin boxes) into pagination artifacts."""
    import pikepdf  # noqa: PLC0415

    parent_tree = document.Root.StructTreeRoot.ParentTree.Nums
    owners = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
    for page in document.pages:
        index = page.obj.get("/StructParents")
        owned = owners.get(int(index)) if index is not None else None
        if not isinstance(owned, pikepdf.Array):
            continue
        orphans = {mcid for mcid, owner in enumerate(owned) if owner.objgen not in reachable}
        if not orphans:
            continue
        instructions = pikepdf.parse_content_stream(page)
        changed = []
        for operands, operator in instructions:
            if (
                str(operator) == "BDC"
                and isinstance(operands[1], pikepdf.Dictionary)
                and int(operands[1].get("/MCID", -1)) in orphans
            ):
                operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
            changed.append(pikepdf.ContentStreamInstruction(operands, operator))
        page.obj.Contents = document.make_stream(pikepdf.unparse_content_stream(changed))
        for mcid in orphans:
            owned[mcid] = None  # pikepdf writes null: no structure element owns an artifact


# One route PDF at a time per person: a lock in the shared cache, so it holds across gunicorn processes.
ROUTE_LOCK_SECONDS = 60  # longer than any route takes to render; a crashed worker's lock expires by itself
ROUTE_RETRY_AFTER = 5


class AlBezig(Exception):
    """This person is already having a route PDF made."""


@contextmanager
def one_route_pdf_at_a_time(user_id: int) -> Iterator[None]:
    """Hold the person's route-PDF lock while the block runs; raise AlBezig when another request holds it."""
    key = f"pdf:route:persoon:{user_id}"
    if not cache.add(key, 1, timeout=ROUTE_LOCK_SECONDS):
        raise AlBezig
    try:
        yield
    finally:
        cache.delete(key)
