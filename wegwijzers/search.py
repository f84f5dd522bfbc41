"""Search over the whole guide: PostgreSQL full-text search (Dutch), or a simple substring search on SQLite.

People search with their own words ("vergunning", "geld", "pand"): the editable list of Zoekterm rows adds the
booklet's words for them to the question, on both databases. On PostgreSQL each wegwijzer's vector is stored and
indexed (wegwijzers.zoekindex), the frame texts' is a generated column and the initiatives' an expression index
(migrations 0005 and 0007). On PostgreSQL a search is one query: the matches of all three kinds with their snippets
and labels, or, when nothing matched, the labels to offer instead. Only the current edition is searched.
"""

import re
import time
from dataclasses import dataclass, field

from django.conf import settings
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
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from initiatives.models import Initiatief
from wegwijzers import markup
from wegwijzers.models import Actie, Label, Leesitem, Tekstblok, Wegwijzer, Zoekterm
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
class LabelLink:
    naam: str
    slug: str
    url: str


@dataclass
class Resultaat:
    soort: str  # "wegwijzer", "tekst" or "initiatief"
    titel: str
    url: str
    fragment: SafeString
    # What the page says above the title ("Wegwijzer 3", "Initiatief", "Uit de minigids"): set once here, so the
    # template does no per-result translation work.
    kop: str = ""
    labels: list[LabelLink] = field(default_factory=list)  # a wegwijzer's labels, in the labels' order


@dataclass
class Zoekuitkomst:
    vraag: str
    volledig: bool  # True: PostgreSQL full-text search with Dutch stemming; False: the simple fallback
    resultaten: list[Resultaat] = field(default_factory=list)
    # The booklet's words searched for as well, per word of the question (from the Zoekterm list).
    verwant: dict[str, list[str]] = field(default_factory=dict)
    # Only when nothing was found: the labels to offer instead of a dead end.
    labels: list[LabelLink] = field(default_factory=list)

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
        uitkomst.resultaten, uitkomst.labels = _zoek_postgres(vraag, uitkomst.verwant)
    else:
        uitkomst.resultaten = _zoek_eenvoudig(vraag, uitkomst.verwant)
        if not uitkomst.resultaten:
            uitkomst.labels = [_label_link(label.naam, label.slug) for label in Label.objects.all()]
    return uitkomst


def _label_link(naam: str, slug: str, lijst: str = "") -> LabelLink:
    """A label as a link to its filter; `lijst` is the list page's address when the caller already has it."""
    return LabelLink(naam, slug, f"{lijst or reverse('wegwijzers:list')}?label={slug}")


def _wegwijzer_kop(nummer: int) -> str:
    return gettext("Wegwijzer %(nummer)s") % {"nummer": nummer}


def _woorden(vraag: str) -> list[str]:
    """The words of a question as people typed them (search syntax left out), lower case."""
    return [t.lower() for t in _termen(vraag) if t.strip("-")]


# The Zoekterm list as {woord: verwant}, kept in this process as long as a page copy lives (PAGE_CACHE_SECONDS): the
# list is short and rarely edited, and a search that reads it costs a query. A save or delete empties this
# process's copy at once (the others' expire), exactly like the page copies; PAGE_CACHE_SECONDS=0 keeps none.
_lijst: dict[str, list[str]] | None = None
_lijst_tot = 0.0


def _zoektermen() -> dict[str, list[str]]:
    global _lijst, _lijst_tot  # noqa: PLW0603 (one small per-process copy, see above)
    if _lijst is not None and time.monotonic() < _lijst_tot and settings.PAGE_CACHE_SECONDS > 0:
        return _lijst
    lijst = {z.woord: z.verwant for z in Zoekterm.objects.all()}
    if settings.PAGE_CACHE_SECONDS > 0:
        _lijst, _lijst_tot = lijst, time.monotonic() + settings.PAGE_CACHE_SECONDS
    return lijst


def vergeet_zoektermen(**kwargs) -> None:
    """Drop this process's copy of the Zoekterm list (connected to its saves and deletes)."""
    global _lijst  # noqa: PLW0603
    _lijst = None


def verwante_woorden(vraag: str) -> dict[str, list[str]]:
    """For each word (or the whole question) that is in the Zoekterm list: the booklet's words for it."""
    woorden = _woorden(vraag)
    if not woorden:
        return {}
    lijst = _zoektermen()
    return {woord: lijst[woord] for woord in [*woorden, " ".join(woorden)] if lijst.get(woord)}


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
# (vectors, headlines, subqueries) cost more CPU than running them. Stored, indexed vectors do the matching; one
# statement answers the whole page, so a search is one round trip.
_HEADLINE_OPTIES = (
    f"StartSel={START}, StopSel={STOP}, MaxWords={SNIPPET_WOORDEN}, MinWords=12, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)
# The vector expression is the one migration 0005 indexes (initiatief_zoekvector_gin): keep the two identical.
_INITIATIEF_VECTOR = (
    "(setweight(to_tsvector('dutch'::regconfig, i.naam), 'A') || "
    "setweight(to_tsvector('dutch'::regconfig, i.werkt_aan || ' ' || i.beschrijving), 'B'))"
)
WEGWIJZER, TEKST, INITIATIEF, LABEL = 1, 2, 3, 0
# Columns: soort, rang, volgorde, slug (or sleutel), titel (or naam), fragment, labels (a wegwijzer's, as JSON).
# Labels follow the matches only when there are none: the zero-result page offers them instead.
_ZOEK_SQL = """
WITH vraag AS (SELECT {tsquery} AS q),
treffers AS MATERIALIZED (
  SELECT 1 AS soort, ts_rank(w.zoekvector, vraag.q) AS rang, w.volgorde, w.slug::text AS slug, w.titel::text AS titel,
         ts_headline(%s::regconfig, concat_ws(' ', w.inleiding, w.doel, w.aanpak,
             (SELECT string_agg(a.tekst, ' ' ORDER BY a.volgorde) FROM wegwijzers_actie a WHERE a.wegwijzer_id = w.id),
             (SELECT string_agg(l.beschrijving, ' ' ORDER BY l.volgorde) FROM wegwijzers_leesitem l
               WHERE l.wegwijzer_id = w.id),
             w.citaat), vraag.q, %s) AS fragment,
         (SELECT json_agg(json_build_array(l.naam, l.slug) ORDER BY l.volgorde)
            FROM wegwijzers_wegwijzer_labels wl JOIN wegwijzers_label l ON l.id = wl.label_id
           WHERE wl.wegwijzer_id = w.id) AS labels
  FROM wegwijzers_wegwijzer w JOIN wegwijzers_editie e ON e.id = w.editie_id AND e.huidig, vraag
  WHERE w.zoekvector @@ vraag.q
  UNION ALL
  SELECT 2, ts_rank(t.zoekvector, vraag.q), 0, t.sleutel, t.titel,
         ts_headline(%s::regconfig, t.ondertitel || ' ' || t.tekst, vraag.q, %s), NULL
  FROM wegwijzers_tekstblok t LEFT JOIN wegwijzers_editie e ON e.id = t.editie_id, vraag
  WHERE (t.editie_id IS NULL OR e.huidig) AND t.zoekvector @@ vraag.q
  UNION ALL
  SELECT 3, ts_rank(INITIATIEF_VECTOR, vraag.q), i.volgorde, i.slug, i.naam,
         ts_headline(%s::regconfig, i.werkt_aan || '. ' || i.beschrijving, vraag.q, %s), NULL
  FROM initiatives_initiatief i, vraag
  WHERE INITIATIEF_VECTOR @@ vraag.q
)
SELECT * FROM treffers
UNION ALL
SELECT 0, 0, l.volgorde, l.slug, l.naam, NULL, NULL FROM wegwijzers_label l WHERE NOT EXISTS (SELECT FROM treffers)
ORDER BY soort, rang DESC, volgorde, slug
""".replace("INITIATIEF_VECTOR", _INITIATIEF_VECTOR)


def _zoek_postgres(vraag: str, verwant: dict[str, list[str]]) -> tuple[list[Resultaat], list[LabelLink]]:
    """The matches in the page's order (wegwijzers, frame texts, initiatives; best first), or the labels to offer."""
    tsquery, params = _tsquery(vraag, verwant)
    params += [CONFIG, _HEADLINE_OPTIES] * 3
    with connection.cursor() as cursor:
        cursor.execute(_ZOEK_SQL.format(tsquery=tsquery), params)
        rijen = cursor.fetchall()
    resultaten, labels = [], []
    if not rijen:
        return resultaten, labels
    # Only the addresses this answer needs: nothing found means labels only (two reverse() calls were ~4% of it).
    soorten = {rij[0] for rij in rijen}
    lijst = reverse("wegwijzers:list") if soorten & {WEGWIJZER, LABEL} else ""
    initiatieven = reverse("initiatives:list") if INITIATIEF in soorten else ""
    for soort, _rang, volgorde, slug, titel, fragment, wegwijzer_labels in rijen:
        if soort == WEGWIJZER:
            resultaten.append(
                Resultaat(
                    "wegwijzer",
                    titel,
                    reverse("wegwijzers:detail", kwargs={"slug": slug}),
                    markeer(fragment),
                    kop=_wegwijzer_kop(volgorde),
                    labels=[_label_link(naam, label, lijst) for naam, label in wegwijzer_labels or []],
                )
            )
        elif soort == TEKST:
            url = tekstblok_url(slug)
            if url:
                blok = Tekstblok(sleutel=slug, titel=titel)
                resultaten.append(
                    Resultaat("tekst", tekstblok_titel(blok), url, markeer(fragment), kop=gettext("Uit de minigids"))
                )
        elif soort == INITIATIEF:
            resultaten.append(
                Resultaat("initiatief", titel, f"{initiatieven}#{slug}", markeer(fragment), kop=gettext("Initiatief"))
            )
        else:
            labels.append(_label_link(titel, slug, lijst))
    return resultaten, labels


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
                reverse("wegwijzers:detail", kwargs={"slug": w.slug}),  # the current edition's: its public page
                fragment_rond(markup.plain(tekst), markeer_termen),
                kop=_wegwijzer_kop(w.volgorde),
                labels=[_label_link(label.naam, label.slug) for label in w.labels.all()],
            )
        )

    teksten = _alle_termen(Tekstblok.objects.van_editie(), ["titel", "ondertitel", "tekst"], groepen)
    for blok in _titel_eerst(teksten, "titel", vraag, termen).order_by("-rang", "sleutel"):
        url = tekstblok_url(blok.sleutel)
        if url:
            tekst = f"{blok.ondertitel} {markup.plain(blok.tekst)}"
            resultaten.append(
                Resultaat(
                    "tekst",
                    tekstblok_titel(blok),
                    url,
                    fragment_rond(tekst, markeer_termen),
                    kop=gettext("Uit de minigids"),
                )
            )

    initiatieven = _alle_termen(Initiatief.objects.all(), ["naam", "werkt_aan", "beschrijving"], groepen)
    for i in _titel_eerst(initiatieven, "naam", vraag, termen).order_by("-rang", "volgorde"):
        tekst = f"{i.werkt_aan}. {i.beschrijving}"
        resultaten.append(
            Resultaat(
                "initiatief",
                i.naam,
                i.get_absolute_url(),
                fragment_rond(tekst, markeer_termen),
                kop=gettext("Initiatief"),
            )
        )
    return resultaten
