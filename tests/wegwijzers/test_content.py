"""The booklet's content as loaded from the shipped fixtures (fixtures/minigids.json, fixtures/initiatieven.json).

Every expectation below is taken from the text of the printed "Minigids voor de maatschappelijke route"
(MeentCoop & AmsterDOEN, maart 2025): the booklet's wording and typos are kept on purpose.
"""

import datetime
import html as htmllib
import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from initiatives.models import Cohort, Initiatief
from tests.wegwijzers import boekje
from wegwijzers import pdf
from wegwijzers.models import Actie, Doelgroep, Label, Leesitem, Link, Tekstblok, Wegwijzer

AMB, INI, BEIDE = "ambtenaar", "initiatiefnemer", "beide"

# The booklet prints each wegwijzer's label line in one consistent order, Governance first ("Governance, sociale
# inbedding, financiering & middelen"; "Governance, juridische kaders, financiering & middelen"; ...): the labels'
# volgorde is that order, so every label line on the site and in the PDF reads as in the booklet. (The list
# "Elke wegwijzer is gelabeld met:" on the "6 wegwijzers" page keeps its own order, in that text.)
LABELS = [
    (1, "governance", "Governance"),
    (2, "sociale-inbedding", "Sociale inbedding"),
    (3, "juridische-kaders", "Juridische kaders"),
    (4, "financiering-middelen", "Financiering & middelen"),
    (5, "open-technologie", "Open technologie"),
]

# (volgorde, slug, titel, labels as the booklet's label line gives them, in its order)
WEGWIJZERS = [
    (1, "waarde-herwaarderen", "Waarde herwaarderen", ["financiering-middelen"]),
    (2, "lokale-inbedding", "Lokale inbedding", ["governance", "sociale-inbedding"]),
    (3, "groeien-als-beweging", "Groeien als beweging", ["governance", "sociale-inbedding", "financiering-middelen"]),
    (4, "tussenruimte", "Tussenruimte", ["governance", "sociale-inbedding", "juridische-kaders"]),
    (
        5,
        "publiek-civiel-privaat",
        "Publiek-civiel-privaat",
        ["governance", "juridische-kaders", "financiering-middelen"],
    ),
    (6, "ruimte-vinden-in-beleid", "Ruimte vinden in beleid", ["governance", "juridische-kaders"]),
]

# The label lines exactly as printed (the first letter capitalised, the rest as in the booklet).
LABELREGELS = {
    "waarde-herwaarderen": "Financiering & middelen",
    "lokale-inbedding": "Governance, sociale inbedding",
    "groeien-als-beweging": "Governance, sociale inbedding, financiering & middelen",
    "tussenruimte": "Governance, sociale inbedding, juridische kaders",
    "publiek-civiel-privaat": "Governance, juridische kaders, financiering & middelen",
    "ruimte-vinden-in-beleid": "Governance, juridische kaders",
}

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

# Audiences. Where the booklet names the audience in the action ("Voor ambtenaren: ...", "als betrokken ambtenaar",
# "als initiatiefnemer") it is that audience. Where it does not, the decision and its reason:
DOELGROEP_BESLUITEN = {
    ("waarde-herwaarderen", 1): (AMB, "'met een brede bril': the Doel says 'Ambtenaren zetten een brede bril op'"),
    ("waarde-herwaarderen", 2): (BEIDE, "organising a conversation about values is for either side of the table"),
    ("waarde-herwaarderen", 3): (BEIDE, "gaining experience and publishing about it: either side"),
    ("lokale-inbedding", 1): (BEIDE, "roles and expectations are discussed by both"),
    ("lokale-inbedding", 2): (BEIDE, "an overview of everyone involved: both; nothing in the text picks one side"),
    ("lokale-inbedding", 3): (
        BEIDE,
        "the initiative's party is both; its last sentence is for the gemeente: see DELEN",
    ),
    ("tussenruimte", 1): (BEIDE, "room for meeting is made by both sides"),
    ("tussenruimte", 2): (BEIDE, "experiments are shared; the experimenteerbepaling is the gemeente's: see DELEN"),
    ("tussenruimte", 3): (BEIDE, "awareness of (in)equality is asked of everyone"),
    ("publiek-civiel-privaat", 1): (
        AMB,
        "'in gesprek met DOENers': the one who talks with the DOENers is the ambtenaar",
    ),
    (
        "publiek-civiel-privaat",
        2,
    ): (
        BEIDE,
        "not a step but a dated statement ('momenteel', March 2025): shown as the booklet does, with 'Stand van zaken "
        "in maart 2025'. It stays on the koppels' route (a koppel can follow the 0-meting or mark it 'niet van "
        "toepassing'): taking it off would change every koppel's progress and drop their notes from view.",
    ),
}

# Actions for both with one sentence for one audience: that sentence is marked for it, the text stays whole.
DELEN = {
    ("lokale-inbedding", 3): (AMB, "En help als gemeente bij de communicatie."),
    ("tussenruimte", 2): (AMB, "En maak eventueel ook ruimte in de regels met een experimenteerbepaling."),
}

# slug -> [(volgorde, doelgroep, start of the text)]
ACTIES = {
    "waarde-herwaarderen": [
        (
            1,
            AMB,
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

# slug -> [(titel, the whole text as the booklet prints it, [urls])]; the titel is words of the text itself.
LEESITEMS = {
    "waarde-herwaarderen": [
        (
            "Social Handprint",
            "Social Handprint door MAEX",
            [
                "https://socialhandprint.com",
            ],
        ),
        (
            "Hoe waardeer je een maatschappelijk initiatief?",
            (
                "Hoe waardeer je een maatschappelijk initiatief? Met de Waarderingsdriehoek door het Instituut voor "
                "Publieke Waarden"
            ),
            [
                "https://sociaalwerknederland.nl/wp-content/uploads/wpallimport/files/2a8dce1b300b83a829308d29225210bfe43010b3.pdf",
            ],
        ),
        (
            "Handboek Publiek-civiele samenwerking",
            (
                "Het Handboek Publiek-civiele samenwerking met inspiratie, ondersteuning en ontwerpmethodes voor "
                "maatschappelijke initiatieven, ambtenaren, financiers en lokale ondernemers. Door Waag Futurelab in "
                "samenwerking met STBY"
            ),
            [
                "https://waag.org/nl/article/handboek-publiek-civiele-samenwerking/",
            ],
        ),
        (
            "Impact magazine De Groene Hub",
            "Impact magazine De Groene Hub, Een living en learning lab in hartje Gaasperdam",
            [
                "https://openresearch.amsterdam/nl/page/105310/impact-magazine.-de-groene-hub-een-living-en-learning-lab-in-hartje",
            ],
        ),
        (
            "Impact report 2024",
            (
                "Impact report 2024 van The Clothing Loop, een initiatief waarmee mensen gemakkelijk kleding kunnen "
                "ruilen met anderen in hun eigen buurt."
            ),
            [
                "https://heyzine.com/flip-book/a8c1962269.html",
            ],
        ),
    ],
    "lokale-inbedding": [
        (
            "Aan de slag met Wijkwelvaartswerk",
            (
                "Aan de slag met Wijkwelvaartswerk van Commons Network. Gids om Community Wealth Building in de "
                "praktijk te brengen en lokale gemeenschappen te versterken."
            ),
            [
                "https://www.commonsnetwork.org/wp-content/uploads/2022/06/praktijkgids-community-wealth-building.pdf",
            ],
        ),
        (
            "dorpendeals",
            (
                "Met dorpendeals geeft de provincie Utrecht ruimte aan gemeenschappen op basis van gedeeld "
                "eigenaarschap en gezamenlijke verantwoordelijkheid. Gemeenschappen hebben zelf vaak concrete ideeën "
                "wat er nodig is om hun kern of dorp levendig te houden."
            ),
            [
                "https://www.stateninformatie.provincie-utrecht.nl/Documenten/1-Actieagenda-Vitale-Samenleving.pdf",
            ],
        ),
        (
            "Duurzame gemeenschappen",
            (
                "Op het landelijke platform Duurzame gemeenschappen delen dorpen, steden, wijken, verenigingen of "
                "werkgroepen kennis en ideeën om aan een duurzame leefomgeving te werken."
            ),
            [
                "https://duurzamegemeenschappen.nl",
            ],
        ),
        (
            "Netwerk Duurzame Dorpen",
            (
                "Het landelijke Netwerk Duurzame Dorpen is een platform van, voor en door dorpen die (samen)werken "
                "aan een duurzame leefomgeving."
            ),
            [
                "https://www.netwerkduurzamedorpen.nl",
            ],
        ),
    ],
    "groeien-als-beweging": [
        (
            "The Clothing Loop Toolkit",
            "The Clothing Loop Toolkit is een voorbeeld van een toolkit om als beweging te groeien.",
            [
                "https://www.clothingloop.org/nl/faq/",
            ],
        ),
        (
            "Toekomst is een werkwoord",
            (
                "Het essay Toekomst is een werkwoord. Met zeven ontwerpprincipes voor een toekomst die burgers zelf "
                "vormgeven, meer lokaal, meer collectief, meer gericht op menselijke schaal en tegelijkertijd "
                "ecologisch duurzamer."
            ),
            [
                "https://waag.org/sites/waag/files/2022-09/Toekomst-is-een-werkwoord_Michiel-Schwarz_NL.pdf",
            ],
        ),
    ],
    "tussenruimte": [
        (
            "Tussenruimte om de kloof tussen systeem- en leefwereld te dichten",
            (
                "Tussenruimte om de kloof tussen systeem- en leefwereld te dichten. Uit Altijd Nieuw Gedoe, een "
                "handleiding om volgens de principes van Asset Based Community Building (ABCD) te werken."
            ),
            [
                "https://www.lsabewoners.nl/wp-content/uploads/ALTIJDNIEUWGEDOE-HOOFDSTUK-HOE-VERDER-klein.pdf",
                "https://www.lsabewoners.nl/buurtbewoners-verbinden/altijd-nieuw-gedoe/",
            ],
        ),
        (
            "Pak je ruimte",
            (
                "Pak je ruimte geeft inzicht in de discretionaire ruimte. Uit de Participatiegids voor "
                "professionals, een initiatief van stichting De Omslag, met steun van de Gemeente Amsterdam."
            ),
            [
                "https://participatiegids.nl/nl/praktijk/tools/7/discretionaire-ruimte",
                "https://www.deomslag.nl/nl/home",
            ],
        ),
        (
            "De Nederlandse School voor Openbaar Bestuur (NSOB)",
            (
                "De Nederlandse School voor Openbaar Bestuur (NSOB) onderscheidt deze rollen van de overheid: "
                "presterende overheid, rechtmatige overheid, samenwerkende overheid en responsieve overheid. Te "
                "lezen in Leren door doen. Overheidsparticipatie in een energieke samenleving en in Sedimentatie in "
                "sturing. Systeem brengen in netwerkend werken door meervoudig organiseren."
            ),
            [
                "https://www.nsob.nl/sites/www.nsob.nl/files/2019-10/NSOB-2014-Leren-door-doen.pdf",
                "https://www.nsob.nl/sites/www.nsob.nl/files/2019-10/NSOB-2015-Sedimentatiein-sturing.pdf",
            ],
        ),
    ],
    "publiek-civiel-privaat": [
        (
            "Over B-Corp en de certificering door B-Lab",
            (
                "Over B-Corp en de certificering door B-Lab. De impact van een bedrijf wordt grondig beoordeeld aan "
                "de hand van governance, werknemers, gemeenschap, milieu en klanten."
            ),
            [
                "https://www.bcorporation.net/en-us/certification/",
            ],
        ),
        (
            "Shakeholder society? Social enterprises, citizens and collective action in the community economy",
            (
                "In haar inaugurele rede Shakeholder society? Social enterprises, citizens and collective action in "
                "the community economy benadrukt prof. dr. Tine De Moor de noodzaak om de rollen van stakeholders en "
                "aandeelhouders dichter bij elkaar te brengen binnen coöperatieve sociale ondernemingen."
            ),
            [
                "https://pure.eur.nl/ws/portalfiles/portal/97218154/T_De_Moor_Shakeholder_Society.pdf",
            ],
        ),
    ],
    "ruimte-vinden-in-beleid": [
        (
            "‘Het grootste obstakel is niet juridisch, maar of een ambtenaar voor je wil gaan lopen’",
            (
                "‘Het grootste obstakel is niet juridisch, maar of een ambtenaar voor je wil gaan lopen’. Interview "
                "met Esmée Driessen, specialist uitdaagrecht en senioradviseur bij de Raad voor het Openbaar "
                "Bestuur. In haar proefschrift Stimulering en facilitering van burgerinitiatieven door de overheid "
                "onderzoekt ze de juridische knelpunten die initiatieven en overheden tegenkomen. En formuleert "
                "aanbevelingen die partijen verder kunnen helpen."
            ),
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
        # The booklet's clothingloop.org link is its toolkit FAQ (a reading item), not the organisation's website.
        "",
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
    call_command("loaddata", "minigids", "initiatieven", "verklaringen", "zoektermen", verbosity=0)


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
        assert Actie.objects.filter(doelgroep=BEIDE).count() == 10
        assert Actie.objects.filter(doelgroep=AMB).count() == 5
        assert Actie.objects.filter(doelgroep=INI).count() == 2

    @pytest.mark.parametrize(("slug", "volgorde"), list(DOELGROEP_BESLUITEN))
    def test_audience_decided_where_the_booklet_names_none(self, slug, volgorde):
        doelgroep, _waarom = DOELGROEP_BESLUITEN[(slug, volgorde)]
        assert Actie.objects.get(wegwijzer__slug=slug, volgorde=volgorde).doelgroep == doelgroep

    def test_every_action_names_its_audience_or_has_a_recorded_decision(self):
        woorden = {AMB: ("ambtenaar", "Voor ambtenaren"), INI: ("initiatiefnemer", "Voor initiatieven:")}
        for actie in Actie.objects.select_related("wegwijzer"):
            sleutel = (actie.wegwijzer.slug, actie.volgorde)
            if sleutel in DOELGROEP_BESLUITEN:
                continue
            if actie.doelgroep == BEIDE:
                assert actie.tekst.startswith("Voor ambtenaren en initiatieven:"), sleutel
            else:
                assert any(w in actie.tekst for w in woorden[actie.doelgroep]), sleutel

    @pytest.mark.parametrize(("slug", "volgorde"), list(DELEN))
    def test_part_for_one_audience_is_marked_and_the_text_stays_whole(self, slug, volgorde):
        doelgroep, deel = DELEN[(slug, volgorde)]
        actie = Actie.objects.get(wegwijzer__slug=slug, volgorde=volgorde)
        assert (actie.deel, actie.deel_doelgroep, actie.doelgroep) == (deel, doelgroep, BEIDE)
        assert actie.tekst.endswith(deel)
        assert "".join(actie.tekst_delen()) == actie.tekst
        assert Actie.objects.exclude(deel="").count() == len(DELEN)

    def test_the_0_meting_is_a_dated_statement(self):
        actie = Actie.objects.get(wegwijzer__slug="publiek-civiel-privaat", volgorde=2)
        assert actie.stand_van == datetime.date(2025, 3, 1)
        assert "momenteel een 0-meting" in actie.tekst
        assert list(Actie.objects.exclude(stand_van=None)) == [actie]

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
        assert Actie.objects.voor(Doelgroep.INITIATIEFNEMER).count() == 12


@pytest.mark.usefixtures("inhoud")
class TestLeesitems:
    def test_counts(self):
        assert Leesitem.objects.count() == 17
        assert Link.objects.count() == 19

    @pytest.mark.parametrize("slug", list(LEESITEMS))
    def test_items_and_links(self, slug):
        items = list(Leesitem.objects.filter(wegwijzer__slug=slug).order_by("volgorde"))
        assert [i.volgorde for i in items] == list(range(1, len(LEESITEMS[slug]) + 1))
        for item, (titel, tekst, urls) in zip(items, LEESITEMS[slug], strict=True):
            assert item.titel == titel
            assert item.beschrijving == tekst
            assert item.tekst == tekst
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

    def test_titles_are_the_texts_own_words_and_nothing_is_cut(self):
        for item in Leesitem.objects.all():
            assert item.titel in item.beschrijving, item
            # no description that starts mid-sentence ("is een voorbeeld van ...")
            assert item.beschrijving[0].isupper() or item.beschrijving[0] == "‘", item
            # the text is shown once, with the title inside it: never a heading that repeats it
            voor, titel, na = item.tekst_delen()
            assert voor + titel + na == item.beschrijving

    def test_punctuation_of_the_booklet_is_kept(self):
        teksten = set(Leesitem.objects.values_list("beschrijving", flat=True))
        assert "Impact magazine De Groene Hub, Een living en learning lab in hartje Gaasperdam" in teksten
        assert len([t for t in teksten if t.endswith(".")]) == 13
        # As printed: four items have no final full stop.
        assert {t.rsplit(" ", 1)[-1] for t in teksten if not t.endswith(".")} == {
            "MAEX",
            "Waarden",
            "STBY",
            "Gaasperdam",
        }

    def test_pdf_links_are_known(self):
        pdfs = [link for link in Link.objects.all() if link.is_pdf]
        assert len(pdfs) == 8
        assert all(link.url.lower().endswith(".pdf") for link in pdfs)


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

    def test_texts_claim_only_what_the_booklet_says(self):
        intro = " ".join(Tekstblok.objects.get(sleutel="inleiding").tekst.split())
        for initiatief in Initiatief.objects.all():
            # "de Bizz Haarlemmerstraat met de Bakfiets Bezorg Brigade": the same little word as the introduction
            voorzetsel = re.search(rf"{re.escape(initiatief.naam)} (voor|met) {re.escape(initiatief.werkt_aan)}", intro)
            assert voorzetsel, initiatief
            assert f"{voorzetsel.group(1)} {initiatief.werkt_aan}" in initiatief.beschrijving, initiatief
            assert "werkt aan" not in initiatief.beschrijving

    def test_shortened_quotes_are_marked(self):
        citaten = " ".join(Wegwijzer.objects.values_list("citaat", flat=True))
        for initiatief in Initiatief.objects.all():
            for citaat in re.findall(r"‘(.*?)’", initiatief.beschrijving):
                delen = [d.strip() for d in citaat.split("[...]")]
                for deel in filter(None, delen):
                    assert deel in citaten, (initiatief, deel)
                volledig = any(citaat == c for c in Wegwijzer.objects.values_list("citaat", flat=True))
                assert volledig or "[...]" in citaat, (initiatief, citaat)

    def test_no_sentence_repeats_itself(self):
        for initiatief in Initiatief.objects.all():
            woorden = re.findall(r"\w+", initiatief.beschrijving.lower())
            drietallen = [tuple(woorden[i : i + 3]) for i in range(len(woorden) - 2)]
            assert len(drietallen) == len(set(drietallen)), initiatief
            assert "stadslandbouwproject voor duurzame stadslandbouw" not in initiatief.beschrijving

    def test_website_only_for_the_organisations_own_site(self):
        # The booklet prints no website for any pilot initiative.
        assert set(Initiatief.objects.values_list("website", flat=True)) == {""}

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
            "Tekstblok": 10,
            "Cohort": 2,
            "Initiatief": 7,
        }

    def test_fixtures_use_natural_keys_only(self):
        for naam in ("minigids.json", "initiatieven.json"):
            pad = next(Path(d) / naam for d in settings.FIXTURE_DIRS if (Path(d) / naam).exists())
            for obj in json.loads(pad.read_text(encoding="utf-8")):
                assert "pk" not in obj, obj


# --- The booklet on the site, in the PDF and in the open data -----------------------------------------------------

PAGINAS = ["/", "/over/", "/doe-mee/", "/initiatieven/"] + [f"/wegwijzers/{w[1]}/" for w in WEGWIJZERS]


def zichtbare_tekst(html: str) -> str:
    """A page's text as a reader gets it (scripts, styles and tags removed)."""
    html = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", html)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", html))


def pdf_tekst(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "minigids.pdf"
        pad.write_bytes(data)
        tekst = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(pad), "-"], check=True, capture_output=True, text=True
        ).stdout
    # Page furniture interrupts sentences that run on to the next page: drop page numbers and running heads.
    paginas = []
    for pagina in tekst.split("\f"):
        regels = [r for r in pagina.split("\n") if not r.strip().isdigit()]
        while regels and not regels[0].strip():
            regels.pop(0)
        if paginas and regels and (regels[0].strip() in boekje.KOPPEN or re.match(r"\d\. ", regels[0].strip())):
            regels.pop(0)
        paginas.append("\n".join(regels))
    return "\n".join(paginas)


def strings(waarde) -> list[str]:
    if isinstance(waarde, str):
        return [waarde]
    if isinstance(waarde, dict):
        return [s for v in waarde.values() for s in strings(v)]
    if isinstance(waarde, list):
        return [s for v in waarde for s in strings(v)]
    return []


def ontbrekend(tekst: str) -> list[str]:
    corpus = f" {boekje.normaal(tekst)} "
    return [zin for zin in boekje.zinnen() if f" {boekje.normaal(zin)} " not in corpus]


@pytest.mark.usefixtures("inhoud")
class TestBookletEverywhere:
    def test_the_seed_gives_every_sentence(self):
        zinnen = boekje.zinnen()
        assert len(zinnen) > 220
        doel = "Het doel is om vanuit wederzijds vertrouwen te werken en zo ruimte te maken voor experimenten en een "
        assert doel + "andere samenwerking op te bouwen." in zinnen
        assert "Johanna Lagarde, The Clothing Loop" in zinnen  # page number "1312" dropped
        assert not any(zin.startswith(("Doel ", "Acties ", "Aanpak ")) for zin in zinnen)

    def test_every_sentence_is_in_the_loaded_content(self):
        teksten = [t for _m, _o, _v, t in alle_teksten()]
        assert ontbrekend("\n".join(teksten)) == []

    def test_every_sentence_is_on_the_site(self, client):
        tekst = "\n".join(zichtbare_tekst(client.get(pad).content.decode()) for pad in PAGINAS)
        assert ontbrekend(tekst) == []

    def test_every_sentence_is_in_the_pdf(self):
        data, _paginas = pdf.render_minigids(pdf.Selectie())
        tekst = pdf_tekst(data)
        assert ontbrekend(tekst) == []
        # quotes in the booklet's marks; labels in the booklet's order
        for slug, (_spreker, _rol, begin, _einde) in CITATEN.items():
            assert f"‘{begin.split()[0]}" in tekst, slug
        vlak = boekje.normaal(tekst).lower()
        for slug, regel in LABELREGELS.items():
            assert f"labels {boekje.normaal(regel).lower()}" in vlak, slug

    def test_every_sentence_is_in_the_open_data(self, client):
        data = client.get("/open-data/minigids.json").json()
        assert ontbrekend("\n".join(strings(data))) == []


@pytest.mark.usefixtures("inhoud")
class TestOnTheSite:
    @pytest.mark.parametrize("slug", list(LABELREGELS))
    def test_label_line_in_the_booklets_order(self, client, slug):
        html = client.get(f"/wegwijzers/{slug}/").content.decode()
        kop = html.split('class="wegwijzer__kop"', 1)[1].split("</header>", 1)[0]
        namen = [htmllib.unescape(n) for n in re.findall(r'class="label__link"[^>]*>([^<]+)</a>', kop)]
        assert ", ".join(namen).lower() == LABELREGELS[slug].lower()

    @pytest.mark.parametrize("slug", list(CITATEN))
    def test_quote_in_the_booklets_marks(self, client, slug):
        html = htmllib.unescape(client.get(f"/wegwijzers/{slug}/").content.decode())
        citaat = Wegwijzer.objects.get(slug=slug).citaat
        assert f"<blockquote><p>‘{citaat}’</p></blockquote>" in html

    def test_one_quotation_style_in_the_public_interface(self, client):
        for pad in [*PAGINAS, "/zoeken/?q=buurt", "/zoeken/?q=qwertyuiop", "/wegwijzers/?label=open-technologie"]:
            tekst = zichtbare_tekst(client.get(pad).content.decode())
            assert not set('“”„"') & set(tekst), pad

    def test_reading_items_whole_with_their_title_inside(self, client):
        html = htmllib.unescape(client.get("/wegwijzers/lokale-inbedding/").content.decode())
        assert (
            '<p class="leesitem__tekst">Met <cite class="leesitem__titel">dorpendeals</cite> geeft de provincie Utrecht'
            in html
        )
        assert '<h3 class="leesitem__titel">Dorpendeals' not in html
        html = htmllib.unescape(client.get("/wegwijzers/groeien-als-beweging/").content.decode())
        assert '<cite class="leesitem__titel">The Clothing Loop Toolkit</cite> is een voorbeeld van een toolkit' in html

    def test_links_to_pdf_files_say_so(self, client):
        html = client.get("/wegwijzers/tussenruimte/").content.decode()
        assert html.count("(PDF)</span>") == 3  # two NSOB publications and the Altijd Nieuw Gedoe chapter
        assert re.search(r"lsabewoners\.nl/buurtbewoners-verbinden/altijd-nieuw-gedoe</a></li>", html)

    def test_the_0_meting_is_shown_with_its_date(self, client):
        tekst = " ".join(zichtbare_tekst(client.get("/wegwijzers/publiek-civiel-privaat/").content.decode()).split())
        assert "Stand van zaken in maart 2025 Samen met stakeholders doet Gemeente Amsterdam momenteel" in tekst

    @pytest.mark.parametrize(("slug", "volgorde"), list(DELEN))
    def test_part_for_ambtenaren_shown_whole_in_every_view(self, client, slug, volgorde):
        _doelgroep, deel = DELEN[(slug, volgorde)]
        for doelgroep in ("", "ambtenaar", "initiatiefnemer"):
            html = client.get(f"/wegwijzers/{slug}/", {"doelgroep": doelgroep} if doelgroep else {}).content.decode()
            tekst = " ".join(zichtbare_tekst(html).split())
            assert f"Voor ambtenaren: {deel}" in tekst, doelgroep
            gekozen = 'class="actie__deel actie__deel--gekozen"' in html
            assert gekozen == (doelgroep == "ambtenaar")

    def test_zes_wegwijzers_complete_on_the_home_page(self, client):
        tekst = " ".join(zichtbare_tekst(client.get("/").content.decode()).split())
        assert (
            "De wegwijzers zijn: Waarde herwaarderen Lokale inbedding Groeien als beweging Tussenruimte "
            "Publiek-civiel-privaat Ruimte vinden in beleid" in tekst
        )
        assert (
            "Elke wegwijzer is gelabeld met: Financiering & middelen Juridische kaders Sociale inbedding Governance "
            "Open technologie" in tekst
        )

    def test_colofon_as_printed(self, client):
        assert Tekstblok.objects.get(sleutel="colofon").tekst == (
            "Dit is een uitgave van MeentCoop en AmsterdamDOEN.\n\n© maart 2025"
        )
        data = client.get("/open-data/minigids.json").json()
        assert data["uitgever"] == "MeentCoop en AmsterdamDOEN"
        for pad in [*PAGINAS, "/open-data/minigids.json"]:
            inhoud = client.get(pad).content.decode().lower()
            assert "rechten voorbehouden" not in inhoud, pad
            assert "meentcoop (gemeente amsterdam)" not in inhoud and "doen (gemeente amsterdam)" not in inhoud
