"""Search over the whole guide: PostgreSQL full-text search (Dutch), or a simple substring search on SQLite.

There is no stored search column: the guide is small, so the vectors are built over the rows at query time.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    StringAgg,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from initiatives.models import Initiatief
from wegwijzers import markup
from wegwijzers.models import Actie, Leesitem, Tekstblok, Wegwijzer
from wegwijzers.paginas import tekstblok_titel, tekstblok_url

MAX_VRAAG = 200


def _tekst(*expressions):
    """Concatenate char and text fields (Django needs the output type spelled out for the mix)."""
    return Concat(*expressions, output_field=TextField())


CONFIG = "dutch"
# Private-use characters never occur in the booklet, so they safely mark the highlights until the text is escaped.
START, STOP = "\ue000", "\ue001"
SNIPPET_WOORDEN = 30


@dataclass
class Resultaat:
    soort: str  # "wegwijzer", "tekst" or "initiatief"
    titel: str
    url: str
    fragment: SafeString
    wegwijzer: Wegwijzer | None = None


@dataclass
class Zoekuitkomst:
    vraag: str
    volledig: bool  # True: PostgreSQL full-text search with Dutch stemming; False: the simple fallback
    resultaten: list[Resultaat] = field(default_factory=list)

    @property
    def wegwijzers(self) -> list[Resultaat]:
        return [r for r in self.resultaten if r.soort == "wegwijzer"]

    @property
    def overig(self) -> list[Resultaat]:
        return [r for r in self.resultaten if r.soort != "wegwijzer"]


def normaliseer(vraag: str) -> str:
    """The question as we search for it: whitespace collapsed, bounded length."""
    return " ".join(vraag.split())[:MAX_VRAAG]


def volledig_beschikbaar() -> bool:
    return connection.vendor == "postgresql"


def zoek(vraag: str) -> Zoekuitkomst:
    """Search wegwijzers, frame texts and initiatives; a fixed number of queries whatever the data volume."""
    vraag = normaliseer(vraag)
    uitkomst = Zoekuitkomst(vraag=vraag, volledig=volledig_beschikbaar())
    if not vraag:
        return uitkomst
    if uitkomst.volledig:
        uitkomst.resultaten = _zoek_postgres(vraag)
    else:
        uitkomst.resultaten = _zoek_eenvoudig(vraag)
    return uitkomst


def markeer(tekst: str) -> SafeString:
    """Escape a headline and only then turn our markers into <mark> elements."""
    tekst = re.sub(r"(^|\s)(## |- )", r"\1", tekst)
    html = escape(" ".join(tekst.split()))
    return mark_safe(html.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


# PostgreSQL -----------------------------------------------------------------------------------------------------


def _gerelateerd(model, veld: str, *velden: str):
    """All texts of a wegwijzer's related rows in one string (a correlated subquery)."""
    expressie = _tekst(*[part for v in (veld, *velden) for part in (F(v), Value(" "))]) if velden else F(veld)
    return Coalesce(
        Subquery(
            model.objects.filter(wegwijzer=OuterRef("pk"))
            .order_by()
            .values("wegwijzer")
            .annotate(t=StringAgg(expressie, delimiter=Value(" ")))
            .values("t")
        ),
        Value(""),
        output_field=TextField(),
    )


def _zoek_postgres(vraag: str) -> list[Resultaat]:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector

    query = SearchQuery(vraag, config=CONFIG, search_type="websearch")

    def headline(expressie):
        return SearchHeadline(
            expressie,
            query,
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            max_words=SNIPPET_WOORDEN,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        )

    # Title above inleiding and doel, above aanpak and acties, above the reading list and the quote.
    vector = (
        SearchVector("titel", weight="A", config=CONFIG)
        + SearchVector("inleiding", "doel", weight="B", config=CONFIG)
        + SearchVector("aanpak", "acties_tekst", weight="C", config=CONFIG)
        + SearchVector("leesitems_tekst", "citaat", "citaat_spreker", "citaat_rol", weight="D", config=CONFIG)
    )
    wegwijzers = (
        Wegwijzer.objects.annotate(
            acties_tekst=_gerelateerd(Actie, "tekst"),
            leesitems_tekst=_gerelateerd(Leesitem, "titel", "beschrijving"),
        )
        .annotate(zoekvector=vector)
        .filter(zoekvector=query)
        .annotate(
            rang=SearchRank(vector, query),
            fragment=headline(
                _tekst(
                    "inleiding",
                    Value(" "),
                    "doel",
                    Value(" "),
                    "aanpak",
                    Value(" "),
                    "acties_tekst",
                    Value(" "),
                    "leesitems_tekst",
                    Value(" "),
                    "citaat",
                )
            ),
        )
        .order_by("-rang", "volgorde")
        .prefetch_related("labels")
    )
    resultaten = [
        Resultaat("wegwijzer", w.titel, w.get_absolute_url(), markeer(w.fragment), wegwijzer=w) for w in wegwijzers
    ]

    tekst_vector = SearchVector("titel", weight="A", config=CONFIG) + SearchVector(
        "ondertitel", "tekst", weight="B", config=CONFIG
    )
    teksten = (
        Tekstblok.objects.annotate(zoekvector=tekst_vector)
        .filter(zoekvector=query)
        .annotate(rang=SearchRank(tekst_vector, query), fragment=headline(_tekst("ondertitel", Value(" "), "tekst")))
        .order_by("-rang", "sleutel")
    )
    resultaten += _tekst_resultaten(teksten)

    initiatief_vector = SearchVector("naam", weight="A", config=CONFIG) + SearchVector(
        "werkt_aan", "beschrijving", weight="B", config=CONFIG
    )
    initiatieven = (
        Initiatief.objects.annotate(zoekvector=initiatief_vector)
        .filter(zoekvector=query)
        .annotate(
            rang=SearchRank(initiatief_vector, query),
            fragment=headline(_tekst("werkt_aan", Value(". "), "beschrijving")),
        )
        .order_by("-rang", "volgorde")
    )
    resultaten += [Resultaat("initiatief", i.naam, i.get_absolute_url(), markeer(i.fragment)) for i in initiatieven]
    return resultaten


def _tekst_resultaten(teksten) -> list[Resultaat]:
    resultaten = []
    for blok in teksten:
        url = tekstblok_url(blok.sleutel)
        if url:
            resultaten.append(Resultaat("tekst", tekstblok_titel(blok), url, markeer(blok.fragment)))
    return resultaten


# SQLite (and any other database): a simple, honest substring search --------------------------------------------


def _termen(vraag: str) -> list[str]:
    return [t for t in re.split(r"\s+", vraag.replace('"', " ")) if t and t not in {"-", "or", "OR"}][:8]


def _alle_termen(qs: QuerySet, velden: list[str], termen: list[str], extra=None) -> QuerySet:
    """Rows where every term occurs in at least one of the fields (or in a related row, via `extra`)."""
    for term in termen:
        conditie = Q()
        for veld in velden:
            conditie |= Q(**{f"{veld}__icontains": term})
        if extra:
            conditie |= extra(term)
        qs = qs.filter(conditie)
    return qs


def _titel_eerst(qs: QuerySet, titelveld: str, vraag: str, termen: list[str]) -> QuerySet:
    """Rank: the whole question in the title, then any term in the title, then the rest."""
    any_term = Q()
    for term in termen:
        any_term |= Q(**{f"{titelveld}__icontains": term})
    return qs.annotate(
        rang=Case(
            When(**{f"{titelveld}__icontains": vraag}, then=Value(2)),
            When(any_term, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def fragment_rond(tekst: str, termen: list[str]) -> SafeString:
    """A snippet of about SNIPPET_WOORDEN words around the first match, the matches marked."""
    tekst = " ".join(tekst.split())
    lager = tekst.lower()
    posities = [lager.find(t.lower()) for t in termen if lager.find(t.lower()) >= 0]
    begin = min(posities) if posities else 0
    voor, na = tekst[:begin].split(), tekst[begin:].split()
    woorden_voor = voor[-8:]
    rest = na[: SNIPPET_WOORDEN - len(woorden_voor)]
    stuk = " ".join(woorden_voor + rest)
    prefix = "… " if len(woorden_voor) < len(voor) else ""
    suffix = " …" if len(rest) < len(na) else ""
    patroon = re.compile("|".join(re.escape(t) for t in sorted(termen, key=len, reverse=True)), re.IGNORECASE)
    gemarkeerd = patroon.sub(lambda m: f"{START}{m.group(0)}{STOP}", prefix + stuk + suffix)
    return markeer(gemarkeerd)


def _zoek_eenvoudig(vraag: str) -> list[Resultaat]:
    termen = _termen(vraag)
    if not termen:
        return []

    def in_gerelateerd(term):
        return Exists(Actie.objects.filter(wegwijzer=OuterRef("pk"), tekst__icontains=term)) | Exists(
            Leesitem.objects.filter(
                Q(titel__icontains=term) | Q(beschrijving__icontains=term), wegwijzer=OuterRef("pk")
            )
        )

    velden = ["titel", "inleiding", "doel", "aanpak", "citaat", "citaat_spreker", "citaat_rol"]
    wegwijzers = _alle_termen(Wegwijzer.objects.all(), velden, termen, extra=in_gerelateerd)
    wegwijzers = (
        _titel_eerst(wegwijzers, "titel", vraag, termen)
        .order_by("-rang", "volgorde")
        .prefetch_related("labels", "acties", "leesitems")
    )
    resultaten = []
    for w in wegwijzers:
        tekst = "\n\n".join(
            [w.inleiding, w.doel, w.aanpak]
            + [a.tekst for a in w.acties.all()]
            + [f"{item.titel} {item.beschrijving}" for item in w.leesitems.all()]
            + [w.citaat, w.citaat_spreker, w.citaat_rol]
        )
        resultaten.append(
            Resultaat(
                "wegwijzer", w.titel, w.get_absolute_url(), fragment_rond(markup.plain(tekst), termen), wegwijzer=w
            )
        )

    teksten = _alle_termen(Tekstblok.objects.all(), ["titel", "ondertitel", "tekst"], termen)
    for blok in _titel_eerst(teksten, "titel", vraag, termen).order_by("-rang", "sleutel"):
        url = tekstblok_url(blok.sleutel)
        if url:
            tekst = f"{blok.ondertitel} {markup.plain(blok.tekst)}"
            resultaten.append(Resultaat("tekst", tekstblok_titel(blok), url, fragment_rond(tekst, termen)))

    initiatieven = _alle_termen(Initiatief.objects.all(), ["naam", "werkt_aan", "beschrijving"], termen)
    for i in _titel_eerst(initiatieven, "naam", vraag, termen).order_by("-rang", "volgorde"):
        tekst = f"{i.werkt_aan}. {i.beschrijving}"
        resultaten.append(Resultaat("initiatief", i.naam, i.get_absolute_url(), fragment_rond(tekst, termen)))
    return resultaten
