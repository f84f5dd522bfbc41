"""The sentences of the printed booklet, read from the text extracted from its PDF (the seed), and a normal form.

The extraction interleaves columns and lets headings float (see the notes on reading the seed), but it keeps each
paragraph, bullet and quote in one piece. So: join the words hyphenated across line breaks, drop page numbers,
the table of contents, bare web addresses, section headings and label lines, and break at bullets and headings;
what is left splits into sentences. Comparison is on the normal form: words only (punctuation, hyphens, line breaks
and the PDF's hyphenation do not count), so a sentence is "found" when its words stand in the same order.
"""

import re
from pathlib import Path

SEED = Path("/work/shared/seed/minigids-maart-2025.txt")
# Kept beside the tests as well, so the suite does not depend on the shared folder.
KOPIE = Path(__file__).with_name("minigids-maart-2025.txt")

# Lines that are headings, labels or layout in the booklet: they separate sentences, they are not sentences.
KOPPEN = {
    "[colofon]",
    "Inhoud",
    "Doel",
    "Aanpak",
    "Acties",
    "Meer weten & verder lezen",
    "Groter, beter en sterker",
    "Ervaringen van pioniers",
    "Dé plek voor initiatiefnemers en ambtenaren",
    "Meedoen?",
    "6 wegwijzers",
    "Wegwijzers voor een gemeenschapseconomie",
    "Waarde herwaarderen",
    "Lokale inbedding",
    "Groeien als beweging",
    "Tussenruimte",
    "Publiek-civiel-privaat",
    "Ruimte vinden in beleid",
    "Financiering & middelen",
    "Juridische kaders",
    "Sociale inbedding",
    "Governance",
    "Open technologie",
    "Minigids voor de maatschappelijke route",
    "Doe mee aan de gemeenschapseconomie",
    "Governance, sociale inbedding",
    "Governance, sociale inbedding, financiering & middelen",
    "Governance, sociale inbedding, juridische kaders",
    "Governance, juridische kaders, financiering & middelen",
    "Governance, juridische kaders",
}
GRENS = "\n\u2029\n"


def _lees() -> str:
    return (SEED if SEED.exists() else KOPIE).read_text(encoding="utf-8")


def _voorbewerkt() -> str:
    tekst = _lees().replace("\t", " ")
    # Headings printed over several lines.
    tekst = re.sub(r"Minigids voor de\s*\nmaatschappelijke\s*\nroute", "Minigids voor de maatschappelijke route", tekst)
    tekst = re.sub(r"Ruimte vinden in\s*\nbeleid", "Ruimte vinden in beleid", tekst)
    tekst = re.sub(
        r"Wegwijzers voor\s*\neen gemeenschaps-\s*\neconomie", "\nWegwijzers voor een gemeenschapseconomie\n", tekst
    )
    # Table of contents: "Waarde herwaarderen  10" lines.
    tekst = re.sub(r"(?m)^.*\s\d{1,2}\s*$", lambda m: "" if re.search(r"[A-Za-z]", m.group(0)) else m.group(0), tekst)
    # Page numbers standing alone or stuck to the end of a line ("The Clothing Loop 1312").
    tekst = re.sub(r"(?m)\s(?:32|1312|1918|2524|2726)\s*$", "", tekst)
    tekst = re.sub(r"(?m)^\s*\d{1,4}\s*$", "", tekst)
    # Words hyphenated across a line break: "gemeenschaps- \neconomie", "initiatief-\nnemers".
    tekst = re.sub(r"(\w)- ?\n\s*(?=[a-zà-ÿ])", r"\1", tekst)
    regels = []
    for regel in tekst.split("\n"):
        schoon = " ".join(regel.replace("•", " ").split())
        if regel.strip().startswith("•"):
            regels.append(GRENS)
        if not schoon or schoon.startswith("http"):
            continue
        if schoon in KOPPEN or schoon.rstrip(":") in KOPPEN:
            regels.append(GRENS)
            continue
        regels.append(schoon)
    return " ".join(regels)


def zinnen() -> list[str]:
    """Every sentence (or bullet, heading-free fragment) of the booklet, in the booklet's words."""
    resultaat = []
    for stuk in _voorbewerkt().split(GRENS):
        stuk = " ".join(stuk.split())
        # Sentence ends: . ? ! (possibly followed by a closing quote), then a capital, a digit or an opening quote.
        for zin in re.split(r"(?<=[.?!])’?\s+(?=[A-Z0-9ÉÖ‘(©])|(?<=[.?!]’)\s+", stuk):
            zin = zin.strip()
            if len(normaal(zin).split()) >= 2:
                resultaat.append(zin)
    return resultaat


def normaal(tekst: str) -> str:
    """Words only: line-break hyphenation joined, hyphens and punctuation dropped, whitespace collapsed."""
    tekst = re.sub(r"\u00ad\s*", "", tekst)  # a soft hyphen (the PDF's hyphenation), also at a line break
    tekst = re.sub(r"-\s*\n\s*", "", tekst)
    tekst = tekst.replace("-", "")
    tekst = re.sub(r"[^\w@]+", " ", tekst)
    return " ".join(tekst.split())
