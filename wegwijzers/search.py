"""Search over the whole guide: PostgreSQL full-text search (Dutch), or a simple substring search on SQLite.

People search with their own words ("vergunning", "geld", "pand"): the editable list of Zoekterm rows adds the
booklet's words for them to the question, on both databases. On PostgreSQL each wegwijzer's vector is stored and
indexed (wegwijzers.zoekindex); frame texts and initiatives are few and short, so theirs are built at query time.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from initiatives.models import Initiatief
from wegwijzers import markup
from wegwijzers.models import Actie, Leesitem, Tekstblok, Wegwijzer, Zoekterm
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
    # The booklet's words searched for as well, per word of the question (from the Zoekterm list).
    verwant: dict[str, list[str]] = field(default_factory=dict)

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
    uitkomst.verwant = verwante_woorden(vraag)
    if uitkomst.volledig:
        uitkomst.resultaten = _zoek_postgres(vraag, uitkomst.verwant)
    else:
        uitkomst.resultaten = _zoek_eenvoudig(vraag, uitkomst.verwant)
    return uitkomst


def _woorden(vraag: str) -> list[str]:
    """The words of a question as people typed them (search syntax left out), lower case."""
    return [t.lower() for t in _termen(vraag) if t.strip("-")]


def verwante_woorden(vraag: str) -> dict[str, list[str]]:
    """For each word (or the whole question) that is in the Zoekterm list: the booklet's words for it (one query)."""
    woorden = _woorden(vraag)
    kandidaten = {*woorden, " ".join(woorden)}
    gevonden = {z.woord: z.verwant for z in Zoekterm.objects.filter(woord__in=kandidaten)}
    return {woord: gevonden[woord] for woord in [*woorden, " ".join(woorden)] if gevonden.get(woord)}


def markeer(tekst: str) -> SafeString:
    """Escape a headline and only then turn our markers into <mark> elements."""
    tekst = re.sub(r"(^|\s)(## |- )", r"\1", tekst)
    html = escape(" ".join(tekst.split()))
    return mark_safe(html.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


# PostgreSQL -----------------------------------------------------------------------------------------------------


def _tsquery(vraag: str, verwant: dict[str, list[str]]) -> tuple[str, list]:
    """The question as a tsquery expression with its parameters: as typed (websearch syntax), or with the booklet's
    words for everyday words (each word or any of its related words; every word of the question)."""
    sql, params = "websearch_to_tsquery(%s::regconfig, %s)", [CONFIG, vraag]
    if not verwant:
        return sql, params
    woorden = _woorden(vraag)
    geheel = " ".join(woorden)
    if geheel in verwant and len(woorden) > 1:
        woorden = [geheel]  # a phrase in the list expands as a whole
    delen = []
    for woord in woorden:
        alternatieven = [woord, *verwant.get(woord, [])]
        delen.append("(" + " || ".join(["phraseto_tsquery(%s::regconfig, %s)"] * len(alternatieven)) + ")")
        params += [x for alternatief in alternatieven for x in (CONFIG, alternatief)]
    return f"({sql} || ({' && '.join(delen)}))", params


# Plain SQL on purpose: a new question each time is the common case, and compiling the equivalent ORM expressions
# (vectors, headlines, subqueries) cost more CPU than running them. The stored, indexed vector does the matching.
_HEADLINE_OPTIES = (
    f"StartSel={START}, StopSel={STOP}, MaxWords={SNIPPET_WOORDEN}, MinWords=12, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)
_WEGWIJZERS_SQL = """
WITH vraag AS (SELECT {tsquery} AS q)
SELECT w.id, w.titel, w.slug, w.volgorde,
       ts_headline(%s::regconfig, concat_ws(' ', w.inleiding, w.doel, w.aanpak,
           (SELECT string_agg(a.tekst, ' ' ORDER BY a.volgorde) FROM wegwijzers_actie a WHERE a.wegwijzer_id = w.id),
           (SELECT string_agg(l.beschrijving, ' ' ORDER BY l.volgorde) FROM wegwijzers_leesitem l
             WHERE l.wegwijzer_id = w.id),
           w.citaat), vraag.q, %s) AS fragment
FROM wegwijzers_wegwijzer w JOIN wegwijzers_editie e ON e.id = w.editie_id AND e.huidig, vraag
WHERE w.zoekvector @@ vraag.q
ORDER BY ts_rank(w.zoekvector, vraag.q) DESC, w.volgorde
"""
_TEKSTEN_SQL = """
WITH vraag AS (SELECT {tsquery} AS q),
     rijen AS (SELECT t.*, setweight(to_tsvector(%s::regconfig, t.titel), 'A')
                          || setweight(to_tsvector(%s::regconfig, t.ondertitel || ' ' || t.tekst), 'B') AS v
               FROM wegwijzers_tekstblok t LEFT JOIN wegwijzers_editie e ON e.id = t.editie_id
               WHERE t.editie_id IS NULL OR e.huidig)
SELECT rijen.id, rijen.sleutel, rijen.titel,
       ts_headline(%s::regconfig, rijen.ondertitel || ' ' || rijen.tekst, vraag.q, %s) AS fragment
FROM rijen, vraag WHERE rijen.v @@ vraag.q ORDER BY ts_rank(rijen.v, vraag.q) DESC, rijen.sleutel
"""
# The vector expression is the one migration 0005 indexes (initiatief_zoekvector_gin): keep the two identical.
_INITIATIEF_VECTOR = (
    "(setweight(to_tsvector('dutch'::regconfig, i.naam), 'A') || "
    "setweight(to_tsvector('dutch'::regconfig, i.werkt_aan || ' ' || i.beschrijving), 'B'))"
)
_INITIATIEVEN_SQL = (
    """
WITH vraag AS (SELECT {tsquery} AS q)
SELECT i.id, i.naam, i.slug, i.volgorde,
       ts_headline(%s::regconfig, i.werkt_aan || '. ' || i.beschrijving, vraag.q, %s) AS fragment
FROM initiatives_initiatief i, vraag
WHERE """
    + _INITIATIEF_VECTOR
    + """ @@ vraag.q
ORDER BY ts_rank("""
    + _INITIATIEF_VECTOR
    + """, vraag.q) DESC, i.volgorde
"""
)


def _zoek_postgres(vraag: str, verwant: dict[str, list[str]]) -> list[Resultaat]:
    tsquery, params = _tsquery(vraag, verwant)
    wegwijzers = Wegwijzer.objects.raw(
        _WEGWIJZERS_SQL.format(tsquery=tsquery), [*params, CONFIG, _HEADLINE_OPTIES]
    ).prefetch_related("labels")
    resultaten = [
        Resultaat("wegwijzer", w.titel, w.get_absolute_url(), markeer(w.fragment), wegwijzer=w) for w in wegwijzers
    ]
    teksten = Tekstblok.objects.raw(
        _TEKSTEN_SQL.format(tsquery=tsquery), [*params, CONFIG, CONFIG, CONFIG, _HEADLINE_OPTIES]
    )
    resultaten += _tekst_resultaten(teksten)
    initiatieven = Initiatief.objects.raw(
        _INITIATIEVEN_SQL.format(tsquery=tsquery), [*params, CONFIG, _HEADLINE_OPTIES]
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


def _alle_termen(qs: QuerySet, velden: list[str], groepen: list[list[str]], extra=None) -> QuerySet:
    """Rows where every group (a word and its related words) has a word in one of the fields (or a related row)."""
    for groep in groepen:
        conditie = Q()
        for term in groep:
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
    """A snippet of about SNIPPET_WOORDEN words around the first match, the matches marked; words stay whole."""
    tekst = " ".join(tekst.split())
    lager = tekst.lower()
    posities = [lager.find(t.lower()) for t in termen if lager.find(t.lower()) >= 0]
    begin = min(posities) if posities else 0
    # A match inside a word ("woord" in "verantwoordelijkheden"): start the snippet at the start of that word.
    begin = tekst.rfind(" ", 0, begin) + 1
    voor, na = tekst[:begin].split(), tekst[begin:].split()
    woorden_voor = voor[-8:]
    rest = na[: SNIPPET_WOORDEN - len(woorden_voor)]
    stuk = " ".join(woorden_voor + rest)
    prefix = "… " if len(woorden_voor) < len(voor) else ""
    suffix = " …" if len(rest) < len(na) else ""
    patroon = re.compile("|".join(re.escape(t) for t in sorted(termen, key=len, reverse=True)), re.IGNORECASE)
    gemarkeerd = patroon.sub(lambda m: f"{START}{m.group(0)}{STOP}", prefix + stuk + suffix)
    return markeer(gemarkeerd)


def _zoek_eenvoudig(vraag: str, verwant: dict[str, list[str]] | None = None) -> list[Resultaat]:
    verwant = verwant or {}
    termen = _termen(vraag)
    if not termen:
        return []
    geheel = " ".join(t.lower() for t in termen)
    if len(termen) > 1 and geheel in verwant:
        termen = [geheel]
    # Each word matches itself or one of the booklet's words for it; all of them are marked in the snippets.
    groepen = [[term, *verwant.get(term.lower(), [])] for term in termen]
    markeer_termen = [woord for groep in groepen for woord in groep]

    def in_gerelateerd(term):
        return Exists(Actie.objects.filter(wegwijzer=OuterRef("pk"), tekst__icontains=term)) | Exists(
            Leesitem.objects.filter(
                Q(titel__icontains=term) | Q(beschrijving__icontains=term), wegwijzer=OuterRef("pk")
            )
        )

    velden = ["titel", "inleiding", "doel", "aanpak", "citaat", "citaat_spreker", "citaat_rol"]
    wegwijzers = _alle_termen(Wegwijzer.objects.huidig().defer("zoekvector"), velden, groepen, extra=in_gerelateerd)
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
            + [item.tekst for item in w.leesitems.all()]
            + [w.citaat, w.citaat_spreker, w.citaat_rol]
        )
        resultaten.append(
            Resultaat(
                "wegwijzer",
                w.titel,
                w.get_absolute_url(),
                fragment_rond(markup.plain(tekst), markeer_termen),
                wegwijzer=w,
            )
        )

    teksten = _alle_termen(Tekstblok.objects.van_editie(), ["titel", "ondertitel", "tekst"], groepen)
    for blok in _titel_eerst(teksten, "titel", vraag, termen).order_by("-rang", "sleutel"):
        url = tekstblok_url(blok.sleutel)
        if url:
            tekst = f"{blok.ondertitel} {markup.plain(blok.tekst)}"
            resultaten.append(Resultaat("tekst", tekstblok_titel(blok), url, fragment_rond(tekst, markeer_termen)))

    initiatieven = _alle_termen(Initiatief.objects.all(), ["naam", "werkt_aan", "beschrijving"], groepen)
    for i in _titel_eerst(initiatieven, "naam", vraag, termen).order_by("-rang", "volgorde"):
        tekst = f"{i.werkt_aan}. {i.beschrijving}"
        resultaten.append(Resultaat("initiatief", i.naam, i.get_absolute_url(), fragment_rond(tekst, markeer_termen)))
    return resultaten
