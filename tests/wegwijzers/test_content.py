"""The booklet's content as loaded from the shipped fixtures (fixtures/minigids.json, fixtures/initiatieven.json).

Every expectation below is taken from the text of the printed "Minigids voor de maatschappelijke route"
(MeentCoop & AmsterDOEN, maart 2025): the booklet's wording and typos are kept on purpose.
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from initiatives.models import Cohort, Initiatief
from wegwijzers.models import Actie, Doelgroep, Label, Leesitem, Link, Tekstblok, Wegwijzer

AMB, INI, BEIDE = "ambtenaar", "initiatiefnemer", "beide"

LABELS = [
    (1, "financiering-middelen", "Financiering & middelen"),
    (2, "juridische-kaders", "Juridische kaders"),
    (3, "sociale-inbedding", "Sociale inbedding"),
    (4, "governance", "Governance"),
    (5, "open-technologie", "Open technologie"),
]

# (volgorde, slug, titel, labels in label order)
WEGWIJZERS = [
    (1, "waarde-herwaarderen", "Waarde herwaarderen", ["financiering-middelen"]),
    (2, "lokale-inbedding", "Lokale inbedding", ["sociale-inbedding", "governance"]),
    (3, "groeien-als-beweging", "Groeien als beweging", ["financiering-middelen", "sociale-inbedding", "governance"]),
    (4, "tussenruimte", "Tussenruimte", ["juridische-kaders", "sociale-inbedding", "governance"]),
    (
        5,
        "publiek-civiel-privaat",
        "Publiek-civiel-privaat",
        ["financiering-middelen", "juridische-kaders", "governance"],
    ),
    (6, "ruimte-vinden-in-beleid", "Ruimte vinden in beleid", ["juridische-kaders", "governance"]),
]

# slug -> field -> (number of paragraphs, first words, last words)
PROZA = {
    "waarde-herwaarderen": {
        "inleiding": (
            1,
            "De waarde die maatschappelijke initiatieven aan Amsterdam toevoegen is breed en meervoudig:",
            "modellen en analyses nodig om welzijn meetbaar te maken.",
        ),
        "doel": (
            1,
            "Ambtenaren zetten een brede bril op om burgerinitiatieven ‘anders’ te waarderen.",
            "nieuwe kaders en modellen voor waardering en financiering ontstaan.",
        ),
        "aanpak": (
            2,
            "Er bestaan allerlei methoden om inzicht te krijgen in de meervoudige waarde en die te ‘berekenen’.",
            "Het Handboek Publiek-civiele samenwerking biedt daar instrumenten voor.",
        ),
    },
    "lokale-inbedding": {
        "inleiding": (
            1,
            "Veel initiatieven zijn hyperlokaal: in de buurt, voor de buurt en met de buurt.",
            "niet iedereen voelt zich gehoord waardoor (andere) buurtbewoners afhaken.",
        ),
        "doel": (
            1,
            "Het doel is om een burgercollectief dat in de buurt is geworteld, mogelijk te maken.",
            "zorgen voor ontmoetingen en ‘samen stadmaken’.",
        ),
        "aanpak": (
            3,
            "Allereerst gaat het gesprek over de verschillende rollen en verantwoordelijkheden",
            "in de eerste periode op afstand blijven zodat het initiatief zichzelf kan ontwikkelen.",
        ),
    },
    "groeien-als-beweging": {
        "inleiding": (
            1,
            "Groei wordt vaak gezien als een belangrijk doel van een initiatief,",
            "omdat er steeds iets ‘nieuws’ moet zijn.",
        ),
        "doel": (
            1,
            "Het doel is om als initiatief op een duurzame manier te groeien en te verspreiden.",
            "de kernwaarden en werkwijzen van het ‘moederinitiatief’ bewaren.",
        ),
        "aanpak": (
            1,
            "Bij groei kan spreading not scaling behulpzaam zijn: verspreid het gedachtegoed en de aanpak",
            "om te voorkomen dat initiatiefnemers het wiel opnieuw (moeten) uitvinden.",
        ),
    },
    "tussenruimte": {
        "inleiding": (
            1,
            "Systeemwereld en leefwereld worden vaak als tegenstelling geschetst:",
            "elkaar niet kunnen bereiken en wordt het verschil in stand gehouden.",
        ),
        "doel": (
            1,
            "Het doel is om vanuit wederzijds vertrouwen te werken en zo ruimte te maken voor experimenten "
            "en een andere samenwerking op te bouwen.",
            "en een andere samenwerking op te bouwen.",
        ),
        "aanpak": (
            3,
            "De systeem - en de leefwereld kunnen elkaar wel ontmoeten in de tussenruimte.",
            "dus je hiervan - beide- bewust zijn en het gesprek erover aangaan kan al helpen. "
            "Is het proces transparant, uitlegbaar, open?",
        ),
    },
    "publiek-civiel-privaat": {
        "inleiding": (
            2,
            "Lokaal ondernemerschap en burgerinitiatieven zijn beide essentieel",
            "publieke, collectieve en private belangen in balans te brengen zonder dat één dominant wordt.",
        ),
        "doel": (
            1,
            "Het doel is om helderheid te krijgen over en ruimte te maken voor ondernemerschap én "
            "ondernemend burgerschap in een gemeenschapseconomie.",
            "in een gemeenschapseconomie.",
        ),
        "aanpak": (
            3,
            "Sommige initiatieven hebben geen bezwaar tegen winst.",
            "Ook Community Wealth Building biedt een kader – dat zet in op lokaal eigenaarschap en wil "
            "waarde in de gemeenschap houden.",
        ),
    },
    "ruimte-vinden-in-beleid": {
        "inleiding": (
            1,
            "De samenleving zelf zit vol met energie, veranderkracht en vooruitstrevende ideeën",
            "hele aardse, concrete en soms kleinschalige initiatieven.",
        ),
        "doel": (
            1,
            "Ruimte maken in beleid is transformatief: als iets in het beleid komt, dan heb je veel meer "
            "mandaat. Als ambtenaar én als initiatiefnemer.",
            "Het doel is de maatschappelijke route versterken door erkenning en door instrumenten te laten werken.",
        ),
        "aanpak": (
            2,
            "Beleid en maatschappelijk initiatief goed op elkaar afstemmen werkt twee kanten op.",
            "Juist een sterke samenwerking tussen initiatiefnemers, ambtenaren en raadsleden helpt.",
        ),
    },
}

# Short texts pinned in full.
VOLLEDIG = {
    ("tussenruimte", "doel"): "Het doel is om vanuit wederzijds vertrouwen te werken en zo ruimte te maken voor "
    "experimenten en een andere samenwerking op te bouwen.",
    ("publiek-civiel-privaat", "doel"): "Het doel is om helderheid te krijgen over en ruimte te maken voor "
    "ondernemerschap én ondernemend burgerschap in een gemeenschapseconomie.",
}

# slug -> [(volgorde, doelgroep, start of the text)]
ACTIES = {
    "waarde-herwaarderen": [
        (
            1,
            BEIDE,
            "Vraag je af: zijn de waarden van dit maatschappelijk initiatief in beeld? En met een brede bril: "
            "wat zie ik dan?",
        ),
        (2, BEIDE, "Organiseer een gesprek over waarden en gebruik een van de instrumenten."),
        (3, BEIDE, "Next level: doe ervaring op, combineer de instrumenten en publiceer daarover."),
    ],
    "lokale-inbedding": [
        (1, BEIDE, "Ga het gesprek aan over wie welke rol heeft, spreek verwachtingen uit."),
        (2, BEIDE, "Maak een overzicht van alle betrokkenen om inzicht te krijgen"),
        (3, BEIDE, "Maak het initiatief zichtbaar in de buurt en maak het een feestje!"),
    ],
    "groeien-als-beweging": [
        (
            1,
            AMB,
            "Neem als betrokken ambtenaar in gesprekken met het initiatief ook het perspectief op korte én "
            "langere termijn mee.",
        ),
        (2, INI, "Als het initiatief uitbreidt, bedenk als initiatiefnemer waar je uniformiteit wilt"),
        (3, AMB, "Als betrokken ambtenaar heb je vaak wel een idee wat het initiatief nog verder kan helpen."),
    ],
    "tussenruimte": [
        (
            1,
            BEIDE,
            "Maak ruimte voor ontmoeting, fysiek (bijvoorbeeld een buurthuis) of digitaal (een platform of app).",
        ),
        (2, BEIDE, "Maak ruimte voor experimenten. Zorg voor een veilige omgeving"),
        (3, BEIDE, "Wees je bewust van (on)gelijkheid in kansen en mogelijkheden (equality en equity)."),
    ],
    "publiek-civiel-privaat": [
        (1, AMB, "Neem meerdere perspectieven mee in gesprek met DOENers:"),
        (
            2,
            BEIDE,
            "Samen met stakeholders doet Gemeente Amsterdam momenteel een 0-meting van de "
            "gemeenschapseconomie in Amsterdam.",
        ),
    ],
    "ruimte-vinden-in-beleid": [
        (1, BEIDE, "Voor ambtenaren en initiatieven: verdiep je in relevante wet- en regelgeving."),
        (2, INI, "Voor initiatieven: maak gebruik van de structuren van de gemeente."),
        (3, AMB, "Voor ambtenaren: ga naar buiten en bezoek initiatieven."),
    ],
}

# Last words of some actions (the end of a bullet is where column interleaving would show).
ACTIE_EINDE = {
    ("waarde-herwaarderen", 3): "combineer de instrumenten en publiceer daarover.",
    ("lokale-inbedding", 1): "En denk na voor een heldere governancestructuur.",
    ("lokale-inbedding", 2): "Of zijn er partijen die juist een te grote rol spelen?",
    ("lokale-inbedding", 3): "En help als gemeente bij de communicatie.",
    ("groeien-als-beweging", 1): "ruimte, financiering en ondersteuning op de maatschappelijke route.",
    ("groeien-als-beweging", 2): "maar kun je wel een kader geven.",
    ("groeien-als-beweging", 3): "Het ene initiatief staat immers voor de grotere beweging die we willen ondersteunen.",
    ("tussenruimte", 1): "ideeën kunnen uitwisselen en betekenisvolle afspraken kunnen maken.",
    ("tussenruimte", 2): "En maak eventueel ook ruimte in de regels met een experimenteerbepaling.",
    ("publiek-civiel-privaat", 1): "Wat is de droom, wat is het DNA en wat past als volgende gezamenlijke stap?",
    ("publiek-civiel-privaat", 2): "Dit brengt diverse stakeholders en alle diversiteit daarin in kaart.",
    ("ruimte-vinden-in-beleid", 1): "waar ‘de ruimte tussen de regels’ ligt om iets anders of nieuws te doen.",
    ("ruimte-vinden-in-beleid", 2): "De ‘papieren werkelijkheid’ heeft wel degelijk effect.",
    ("ruimte-vinden-in-beleid", 3): "niet om verantwoordingen in te vullen.",
}

# slug -> [(titel, start of beschrijving, [urls])]
LEESITEMS = {
    "waarde-herwaarderen": [
        ("Social Handprint", "door MAEX", ["https://socialhandprint.com"]),
        (
            "Hoe waardeer je een maatschappelijk initiatief?",
            "Met de Waarderingsdriehoek door het Instituut voor Publieke Waarden",
            [
                "https://sociaalwerknederland.nl/wp-content/uploads/wpallimport/files/"
                "2a8dce1b300b83a829308d29225210bfe43010b3.pdf"
            ],
        ),
        (
            "Handboek Publiek-civiele samenwerking",
            "Het Handboek Publiek-civiele samenwerking met inspiratie, ondersteuning en ontwerpmethodes",
            ["https://waag.org/nl/article/handboek-publiek-civiele-samenwerking/"],
        ),
        (
            "Impact magazine De Groene Hub",
            "Een living en learning lab in hartje Gaasperdam",
            [
                "https://openresearch.amsterdam/nl/page/105310/"
                "impact-magazine.-de-groene-hub-een-living-en-learning-lab-in-hartje"
            ],
        ),
        (
            "Impact report 2024",
            "van The Clothing Loop, een initiatief waarmee mensen gemakkelijk kleding kunnen ruilen",
            ["https://heyzine.com/flip-book/a8c1962269.html"],
        ),
    ],
    "lokale-inbedding": [
        (
            "Aan de slag met Wijkwelvaartswerk",
            "van Commons Network. Gids om Community Wealth Building",
            ["https://www.commonsnetwork.org/wp-content/uploads/2022/06/praktijkgids-community-wealth-building.pdf"],
        ),
        (
            "Dorpendeals",
            "Met dorpendeals geeft de provincie Utrecht ruimte aan gemeenschappen",
            ["https://www.stateninformatie.provincie-utrecht.nl/Documenten/1-Actieagenda-Vitale-Samenleving.pdf"],
        ),
        (
            "Duurzame gemeenschappen",
            "Op het landelijke platform Duurzame gemeenschappen delen dorpen",
            ["https://duurzamegemeenschappen.nl"],
        ),
        (
            "Netwerk Duurzame Dorpen",
            "Het landelijke Netwerk Duurzame Dorpen is een platform van, voor en door dorpen",
            ["https://www.netwerkduurzamedorpen.nl"],
        ),
    ],
    "groeien-als-beweging": [
        (
            "The Clothing Loop Toolkit",
            "is een voorbeeld van een toolkit om als beweging te groeien.",
            ["https://www.clothingloop.org/nl/faq/"],
        ),
        (
            "Toekomst is een werkwoord",
            "Het essay Toekomst is een werkwoord. Met zeven ontwerpprincipes",
            ["https://waag.org/sites/waag/files/2022-09/Toekomst-is-een-werkwoord_Michiel-Schwarz_NL.pdf"],
        ),
    ],
    "tussenruimte": [
        (
            "Tussenruimte om de kloof tussen systeem- en leefwereld te dichten",
            "Uit Altijd Nieuw Gedoe, een handleiding om volgens de principes van Asset Based Community Building",
            [
                "https://www.lsabewoners.nl/wp-content/uploads/ALTIJDNIEUWGEDOE-HOOFDSTUK-HOE-VERDER-klein.pdf",
                "https://www.lsabewoners.nl/buurtbewoners-verbinden/altijd-nieuw-gedoe/",
            ],
        ),
        (
            "Pak je ruimte",
            "geeft inzicht in de discretionaire ruimte. Uit de Participatiegids voor professionals",
            [
                "https://participatiegids.nl/nl/praktijk/tools/7/discretionaire-ruimte",
                "https://www.deomslag.nl/nl/home",
            ],
        ),
        (
            "De Nederlandse School voor Openbaar Bestuur (NSOB)",
            "onderscheidt deze rollen van de overheid:",
            [
                "https://www.nsob.nl/sites/www.nsob.nl/files/2019-10/NSOB-2014-Leren-door-doen.pdf",
                "https://www.nsob.nl/sites/www.nsob.nl/files/2019-10/NSOB-2015-Sedimentatiein-sturing.pdf",
            ],
        ),
    ],
    "publiek-civiel-privaat": [
        (
            "Over B-Corp en de certificering door B-Lab",
            "De impact van een bedrijf wordt grondig beoordeeld aan de hand van governance",
            ["https://www.bcorporation.net/en-us/certification/"],
        ),
        (
            "Shakeholder society? Social enterprises, citizens and collective action in the community economy",
            "In haar inaugurele rede Shakeholder society?",
            ["https://pure.eur.nl/ws/portalfiles/portal/97218154/T_De_Moor_Shakeholder_Society.pdf"],
        ),
    ],
    "ruimte-vinden-in-beleid": [
        (
            "‘Het grootste obstakel is niet juridisch, maar of een ambtenaar voor je wil gaan lopen’",
            "Interview met Esmée Driessen, specialist uitdaagrecht en senioradviseur bij de Raad voor het Openbaar "
            "Bestuur.",
            [],
        ),
    ],
}

# slug -> (spreker, rol, opening words, last words)
CITATEN = {
    "waarde-herwaarderen": (
        "Johanna Lagarde",
        "The Clothing Loop",
        "Het is moeilijk om impact daadwerkelijk om te zetten in een waardebepaling.",
        "Belangrijk om dit te blijven ontwikkelen en er samen aan te werken.",
    ),
    "lokale-inbedding": (
        "Calixte Govaarts",
        "Projectleider & Beheer Energiecoöperatie Zuiderlicht",
        "Betrek vanaf het eerste moment alle verschillende partijen uit een buurt erbij,",
        "Maar ook voor waardevermeerdering van het initiatief.",
    ),
    "groeien-als-beweging": (
        "Natascha Hagenbeek",
        "initiatiefnemer Van Afval Naar Oogst",
        "Als je wilt werken aan groeien als beweging,",
        "dan is er investering nodig in het gevoel van eigenaarschap.",
    ),
    "tussenruimte": (
        "Gerard van der Wel",
        "Zorgen voor Morgen",
        "De tussenruimte vullen door bewoners is al moeilijk genoeg.",
        "En dat is óók de opgave van de professionele partijen.",
    ),
    "publiek-civiel-privaat": (
        "Ron van Echteld",
        "coördinator stadslandbouwproject NoordOogst",
        "Het afgelopen jaar ben ik er meer en meer van overtuigd geraakt dat je initatieven",
        "hoe een bedrijf zich waardegestuurd ontwikkelt en de (lokale) gemeenschap versterkt.",
    ),
    "ruimte-vinden-in-beleid": (
        "Mara van der Kleij",
        "adviseur circulariteit Gemeente Amsterdam",
        "Zo SMART mogelijk je doelen vastleggen in een omgevingsvisie, programma of beleidsplan.",
        "Dat geeft mogelijkheden om daarna werkelijk iets te bereiken.",
    ),
}

# sleutel -> (titel, ondertitel, phrases that must occur in tekst)
TEKSTBLOKKEN = {
    "omslag": (
        "Minigids voor de maatschappelijke route",
        "Wegwijzers voor ambtenaren en initiatiefnemers om hun samenwerking te versterken",
        [],
    ),
    "colofon": ("", "", ["Dit is een uitgave van MeentCoop en AmsterdamDOEN.", "© maart 2025"]),
    "inleiding": (
        "Wegwijzers voor een gemeenschapseconomie",
        "",
        [
            "Onze buurten zitten vol energieke initiatieven door Amsterdammers",
            "en deze minigids wijst de weg.",
            "Burgerinitiatieven voegen veel waarde toe aan de stad en zijn de pioniers in een gemeenschapseconomie.",
            "\n\n## Groter, beter en sterker\n\n",
            "niets boven ‘het goede gesprek’ gaat en ‘met elkaar aan tafel gaan’",
            "\n\n## Ervaringen van pioniers\n\n",
            "is in 2024 een pilot incubatorprogramma gestart.",
            "een ‘maatschappelijke route’ nodig is",
            "NoordOogst voor duurzame stadslandbouw, Zorgen voor Morgen voor zorg in de wijk,",
            "Energiecoöperatie Zuiderlicht met lokale duurzame energieopwek, en Van Afval naar Oogst voor compost in "
            "de wijk.",
        ],
    ),
    "zes-wegwijzers": (
        "6 wegwijzers",
        "",
        [
            "Aanbevelingen van ambtenaren en initiatiefnemers uit het incubatorprogramma zijn hier verzameld in "
            "6 wegwijzers.",
            "Elke wegwijzer is ingedeeld in Doel, Aanpak, Acties en Meer weten & verder lezen.",
            "De wegwijzers zijn:\n\n- Waarde herwaarderen\n- Lokale inbedding\n- Groeien als beweging\n"
            "- Tussenruimte\n- Publiek-civiel-privaat\n- Ruimte vinden in beleid",
            "Elke wegwijzer is gelabeld met:\n\n- Financiering & middelen\n- Juridische kaders\n"
            "- Sociale inbedding\n- Governance\n- Open technologie",
        ],
    ),
    "zijbalk": (
        "",
        "",
        [
            "Het incubatorprogramma en deze gids zijn een samenwerking van MeentCoop en AmsterDOEN.",
            "MeentCoop is opgericht door Waag Futurelab, Commons Network, de Stadmakerscoöperatie, Hogeschool van "
            "Amsterdam, RuParé, 02025 en Kaskantine.",
            "waarbij burgers weer mede-eigenaarschap hebben over de toekomst.",
            "een collectief dat samen eigenaar is van én zorgt draagt voor een ‘publieke zaak’ of ‘gemeengoed’",
            "zoveel mogelijk AmsterDOEN en AmsterDOENers.",
            "\n\nhttps://meent.coop\n\nhttps://openresearch.amsterdam/nl/page/94664/amsterdoen",
        ],
    ),
    "doe-mee": (
        "Doe mee aan de gemeenschapseconomie",
        "Een actief programma dat meer samenwerking in, voor en met de stad wil bereiken",
        [
            "Ben jij betrokken bij een burgerinitiatief dat Amsterdam duurzamer, gezonder en socialer maakt?",
            "in de ontwikkeling van een stadsbrede gemeenschapseconomie.",
            "\n\n## Dé plek voor initiatiefnemers en ambtenaren\n\n",
            "of missen menskracht of tijd missen om uit te wisselen.",
            "Het incubatorprogramma is dé plek om dat beter en makkelijker te maken.",
            "\n\n## Meedoen?\n\n",
            "Meedoen aan het incubatorprogramma 2025?",
            "Mail naar AmsterDOEN@amsterdam.nl of kijk eerst op Innovatiepartners",
        ],
    ),
    "achterkant": (
        "",
        "",
        [
            "Deze minigids geeft wegwijzers om de samenwerking tussen burgerinitiatieven en gemeente verder te "
            "brengen. Met concrete acties en tips, voor ambtenaren en initiatiefnemers.",
        ],
    ),
}

# (volgorde, slug, naam, werkt_aan, phrase of beschrijving, website)
INITIATIEVEN = [
    (1, "noordoogst", "NoordOogst", "duurzame stadslandbouw", "stadslandbouwproject", ""),
    (2, "zorgen-voor-morgen", "Zorgen voor Morgen", "zorg in de wijk", "zorg van transactioneel naar relationeel", ""),
    (
        3,
        "the-clothing-loop",
        "The Clothing Loop",
        "circulair textiel",
        "kleding kunnen ruilen met anderen in hun eigen buurt",
        "https://www.clothingloop.org/nl/faq/",
    ),
    (
        4,
        "de-groene-hub",
        "de Groene Hub",
        "een duurzame en gezonde wijkeconomie",
        "living en learning lab in hartje Gaasperdam",
        "",
    ),
    (
        5,
        "de-bizz-haarlemmerstraat",
        "de Bizz Haarlemmerstraat",
        "de Bakfiets Bezorg Brigade",
        "Bakfiets Bezorg Brigade",
        "",
    ),
    (
        6,
        "energiecooperatie-zuiderlicht",
        "Energiecoöperatie Zuiderlicht",
        "lokale duurzame energieopwek",
        "Calixte Govaarts",
        "",
    ),
    (7, "van-afval-naar-oogst", "Van Afval naar Oogst", "compost in de wijk", "Natascha Hagenbeek", ""),
]

COHORTEN = [
    ("pilot-2024", "Pilot 2024", 2024, "initiatiefnemers en ambtenaren onderzochten in koppels"),
    ("incubator-2025", "Incubatorprogramma 2025", 2025, "van de grond te krijgen en welke obstakels weggenomen"),
]

# Real hyphens followed by a space that the booklet prints ("lees- en herkenbaarheid", ...).
ECHTE_AFBREEKSTREPEN = {"lees- en", "systeem- en", "wet- en", "beide- bewust"}
PAGINANUMMERS = {"32", "1312", "1918", "2524", "2726"}

MODELLEN = (Label, Wegwijzer, Actie, Leesitem, Link, Tekstblok, Cohort, Initiatief)


@pytest.fixture
def inhoud(db):
    call_command("loaddata", "minigids", "initiatieven", verbosity=0)


def alle_teksten():
    """(model, object, field, value) for every text field of the loaded content."""
    for model in MODELLEN:
        velden = [f for f in model._meta.concrete_fields if f.get_internal_type() in ("CharField", "TextField")]
        velden += [f for f in model._meta.concrete_fields if f.get_internal_type() in ("SlugField", "URLField")]
        for obj in model.objects.all():
            for f in velden:
                yield model.__name__, obj, f.name, getattr(obj, f.name)


@pytest.mark.usefixtures("inhoud")
class TestLabels:
    def test_five_labels_in_booklet_order(self):
        assert list(Label.objects.values_list("volgorde", "slug", "naam")) == LABELS


@pytest.mark.usefixtures("inhoud")
class TestWegwijzers:
    def test_six_in_table_of_contents_order(self):
        assert list(Wegwijzer.objects.values_list("volgorde", "slug", "titel")) == [w[:3] for w in WEGWIJZERS]

    @pytest.mark.parametrize(("volgorde", "slug", "titel", "labels"), WEGWIJZERS)
    def test_labels(self, volgorde, slug, titel, labels):
        wegwijzer = Wegwijzer.objects.get(slug=slug)
        assert list(wegwijzer.labels.order_by("volgorde").values_list("slug", flat=True)) == labels

    def test_open_technologie_labels_none(self):
        assert not Label.objects.get(slug="open-technologie").wegwijzers.exists()

    @pytest.mark.parametrize(
        ("slug", "veld"), [(slug, veld) for slug in PROZA for veld in ("inleiding", "doel", "aanpak")]
    )
    def test_prose(self, slug, veld):
        alineas, begin, einde = PROZA[slug][veld]
        tekst = getattr(Wegwijzer.objects.get(slug=slug), veld)
        assert tekst.startswith(begin)
        assert tekst.endswith(einde)
        assert len(tekst.split("\n\n")) == alineas
        assert all(alinea and "\n" not in alinea for alinea in tekst.split("\n\n"))
        if (slug, veld) in VOLLEDIG:
            assert tekst == VOLLEDIG[(slug, veld)]

    def test_booklet_typos_are_kept(self):
        assert "(toekomstige) iniatiefnemers" in Wegwijzer.objects.get(slug="waarde-herwaarderen").aanpak
        assert "dat je initatieven die extra" in Wegwijzer.objects.get(slug="publiek-civiel-privaat").citaat
        assert "kan vrijheid en overeenstemming over werkwijze, communicatie, kan in kaart brengen." in (
            Wegwijzer.objects.get(slug="groeien-als-beweging").aanpak
        )

    def test_hyphenated_words_are_joined(self):
        assert "kosten-batenanalyse (MKBA)" in Wegwijzer.objects.get(slug="waarde-herwaarderen").aanpak
        assert "17 Sustainable Development Goals" in Wegwijzer.objects.get(slug="waarde-herwaarderen").aanpak
        assert "verspreid het gedachtegoed" in Wegwijzer.objects.get(slug="groeien-als-beweging").aanpak
        assert (
            "de zogeheten B-Corp-structuur interessant" in Wegwijzer.objects.get(slug="publiek-civiel-privaat").aanpak
        )

    @pytest.mark.parametrize("slug", list(CITATEN))
    def test_quote(self, slug):
        spreker, rol, begin, einde = CITATEN[slug]
        wegwijzer = Wegwijzer.objects.get(slug=slug)
        assert wegwijzer.citaat_spreker == spreker
        assert wegwijzer.citaat_rol == rol
        assert wegwijzer.citaat.startswith(begin)
        assert wegwijzer.citaat.endswith(einde)
        # one flowing text, without the printed surrounding quote marks
        assert "\n" not in wegwijzer.citaat
        assert not wegwijzer.citaat.startswith(("‘", "'", '"', "“"))
        assert not wegwijzer.citaat.endswith(("’", "'", '"', "”"))


@pytest.mark.usefixtures("inhoud")
class TestActies:
    def test_seventeen_actions(self):
        assert Actie.objects.count() == 17
        assert Actie.objects.filter(doelgroep=BEIDE).count() == 11
        assert Actie.objects.filter(doelgroep=AMB).count() == 4
        assert Actie.objects.filter(doelgroep=INI).count() == 2

    @pytest.mark.parametrize("slug", list(ACTIES))
    def test_actions_of_wegwijzer(self, slug):
        acties = list(Actie.objects.filter(wegwijzer__slug=slug).order_by("volgorde"))
        assert [(a.volgorde, a.doelgroep) for a in acties] == [(v, d) for v, d, _ in ACTIES[slug]]
        for actie, (_, _, begin) in zip(acties, ACTIES[slug], strict=True):
            assert actie.tekst.startswith(begin), actie.tekst
            einde = ACTIE_EINDE.get((slug, actie.volgorde))
            if einde:
                assert actie.tekst.endswith(einde), actie.tekst
            assert "\n" not in actie.tekst
            assert not actie.tekst.startswith(("•", "-", " "))

    def test_audiences_are_valid_choices(self):
        assert set(Actie.objects.values_list("doelgroep", flat=True)) <= set(Doelgroep.values)

    def test_voor_ambtenaar_counts_actions_for_both(self):
        assert Actie.objects.voor(Doelgroep.AMBTENAAR).count() == 15
        assert Actie.objects.voor(Doelgroep.INITIATIEFNEMER).count() == 13


@pytest.mark.usefixtures("inhoud")
class TestLeesitems:
    def test_counts(self):
        assert Leesitem.objects.count() == 17
        assert Link.objects.count() == 19

    @pytest.mark.parametrize("slug", list(LEESITEMS))
    def test_items_and_links(self, slug):
        items = list(Leesitem.objects.filter(wegwijzer__slug=slug).order_by("volgorde"))
        assert [i.volgorde for i in items] == list(range(1, len(LEESITEMS[slug]) + 1))
        for item, (titel, begin, urls) in zip(items, LEESITEMS[slug], strict=True):
            assert item.titel == titel
            assert item.beschrijving.startswith(begin), item.beschrijving
            links = list(item.links.order_by("volgorde"))
            assert [link.url for link in links] == urls
            assert [link.volgorde for link in links] == list(range(1, len(urls) + 1))

    def test_every_url_once_per_item(self):
        for item in Leesitem.objects.all():
            urls = list(item.links.values_list("url", flat=True))
            assert len(urls) == len(set(urls)), item

    def test_urls_are_absolute(self):
        for url in Link.objects.values_list("url", flat=True):
            assert re.fullmatch(r"https://\S+", url), url


@pytest.mark.usefixtures("inhoud")
class TestTekstblokken:
    def test_all_keys_present(self):
        assert set(Tekstblok.objects.values_list("sleutel", flat=True)) == set(Tekstblok.Sleutel.values)

    @pytest.mark.parametrize("sleutel", list(TEKSTBLOKKEN))
    def test_content(self, sleutel):
        titel, ondertitel, zinnen = TEKSTBLOKKEN[sleutel]
        blok = Tekstblok.objects.get(sleutel=sleutel)
        assert blok.titel == titel
        assert blok.ondertitel == ondertitel
        for zin in zinnen:
            assert zin in blok.tekst, zin

    def test_markup_is_only_paragraphs_headings_and_lists(self):
        for blok in Tekstblok.objects.exclude(tekst=""):
            assert blok.tekst == blok.tekst.strip()
            for deel in blok.tekst.split("\n\n"):
                regels = deel.split("\n")
                assert deel.strip() == deel and deel, (blok.sleutel, deel)
                if deel.startswith("## "):
                    assert len(regels) == 1
                elif regels[0].startswith("- "):
                    assert all(r.startswith("- ") for r in regels), (blok.sleutel, deel)
                else:
                    assert len(regels) == 1, (blok.sleutel, deel)

    def test_inleiding_headings(self):
        tekst = Tekstblok.objects.get(sleutel="inleiding").tekst
        assert re.findall(r"^## .*$", tekst, re.M) == ["## Groter, beter en sterker", "## Ervaringen van pioniers"]


@pytest.mark.usefixtures("inhoud")
class TestInitiatieven:
    def test_two_cohorts(self):
        assert Cohort.objects.count() == 2
        for slug, naam, jaar, zin in COHORTEN:
            cohort = Cohort.objects.get(slug=slug)
            assert (cohort.naam, cohort.jaar) == (naam, jaar)
            assert zin in cohort.beschrijving

    def test_seven_pilot_initiatives_in_booklet_order(self):
        assert list(Initiatief.objects.order_by("volgorde").values_list("volgorde", "slug", "naam")) == [
            i[:3] for i in INITIATIEVEN
        ]

    @pytest.mark.parametrize(("volgorde", "slug", "naam", "werkt_aan", "zin", "website"), INITIATIEVEN)
    def test_initiative(self, volgorde, slug, naam, werkt_aan, zin, website):
        initiatief = Initiatief.objects.get(slug=slug)
        assert initiatief.werkt_aan == werkt_aan
        assert zin in initiatief.beschrijving
        assert initiatief.website == website
        assert list(initiatief.cohorten.values_list("slug", flat=True)) == ["pilot-2024"]

    def test_werkt_aan_is_the_introductions_wording(self):
        intro = Tekstblok.objects.get(sleutel="inleiding").tekst
        for _, _, naam, werkt_aan, _, _ in INITIATIEVEN:
            assert naam in intro
            assert werkt_aan in intro

    def test_incubator_2025_has_no_initiatives_yet(self):
        assert not Cohort.objects.get(slug="incubator-2025").initiatieven.exists()


@pytest.mark.usefixtures("inhoud")
class TestCleanText:
    def test_no_hyphenation_artefacts(self):
        for model, obj, veld, waarde in alle_teksten():
            for gevonden in re.findall(r"\w+- \w+", waarde):
                assert gevonden in ECHTE_AFBREEKSTREPEN, (model, obj, veld, gevonden)
            assert not re.search(r"\w-\n", waarde), (model, obj, veld)

    def test_no_stray_page_numbers(self):
        for model, obj, veld, waarde in alle_teksten():
            woorden = set(re.findall(r"\b\d+\b", waarde))
            assert not woorden & PAGINANUMMERS, (model, obj, veld, woorden & PAGINANUMMERS)
            einde = re.search(r"\s(\d{2,4})$", waarde)
            assert not einde or einde.group(1) in {"2024", "2025"}, (model, obj, veld)

    def test_no_layout_leftovers(self):
        for model, obj, veld, waarde in alle_teksten():
            assert waarde == waarde.strip(), (model, obj, veld)
            assert "\t" not in waarde and "  " not in waarde and "•" not in waarde, (model, obj, veld)
            assert "[colofon]" not in waarde
            assert "\n\n\n" not in waarde

    def test_all_objects_validate(self):
        for model in MODELLEN:
            for obj in model.objects.all():
                obj.full_clean()


@pytest.mark.usefixtures("inhoud")
class TestLoading:
    def snapshot(self):
        return {
            model.__name__: sorted(
                tuple(str(v) for k, v in row.items() if k != "updated_at") for row in model.objects.values()
            )
            for model in MODELLEN
        }

    def test_loading_twice_changes_nothing(self):
        voor = {model.__name__: model.objects.count() for model in MODELLEN}
        inhoud = self.snapshot()
        call_command("loaddata", "minigids", "initiatieven", verbosity=0)
        assert {model.__name__: model.objects.count() for model in MODELLEN} == voor
        assert self.snapshot() == inhoud
        assert voor == {
            "Label": 5,
            "Wegwijzer": 6,
            "Actie": 17,
            "Leesitem": 17,
            "Link": 19,
            "Tekstblok": 7,
            "Cohort": 2,
            "Initiatief": 7,
        }

    def test_fixtures_use_natural_keys_only(self):
        for naam in ("minigids.json", "initiatieven.json"):
            pad = next(Path(d) / naam for d in settings.FIXTURE_DIRS if (Path(d) / naam).exists())
            for obj in json.loads(pad.read_text(encoding="utf-8")):
                assert "pk" not in obj, obj
