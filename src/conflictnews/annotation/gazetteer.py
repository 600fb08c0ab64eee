"""A small, versioned gazetteer: which place names are GPEs, which words are demonyms, which heads are facilities.

Stage: annotation (import of external gold). Input: none (the lists are declared here). Output:
:func:`is_gpe_name`, :func:`demonym_kind` and the head lexicons that :mod:`conflictnews.annotation.imported_gold`
uses to map re3d's ``Location``/``Nationality`` and GUM's ``place``/``object`` onto the schema's
GPE / LOC / FAC / PER / VEH / WEA types.

Coverage, stated so that nobody mistakes it for more: every UN member and observer state and
common short forms (``US``, ``U.S.``, ``Britain``, ``the DPRK``); the governorates and larger towns
of Syria and Iraq (the corpus's theatre, spelt as the sources spell them); national capitals and
a few cities that recur in conflict news. A name not listed is not a GPE for the importer; the
generated ``annotations/IMPORTED_GOLD.md`` lists the most frequent LOC names so that omissions
are visible. Bump :data:`GAZETTEER_VERSION` on any change (imported files record it).
"""

from __future__ import annotations

import re

GAZETTEER_VERSION = "1"

_COUNTRIES = """
afghanistan, albania, algeria, andorra, angola, antigua and barbuda, argentina, armenia, australia, austria,
azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan, bolivia,
bosnia and herzegovina, bosnia, botswana, brazil, brunei, bulgaria, burkina faso, burundi, cabo verde, cape verde,
cambodia, cameroon, canada, central african republic, chad, chile, china, colombia, comoros, congo,
democratic republic of the congo, costa rica, cote d'ivoire, côte d'ivoire, ivory coast, croatia, cuba, cyprus,
czechia, czech republic, denmark, djibouti, dominica, dominican republic, ecuador, egypt, el salvador,
equatorial guinea, eritrea, estonia, eswatini, ethiopia, fiji, finland, france, gabon, gambia, georgia, germany,
ghana, greece, grenada, guatemala, guinea, guinea-bissau, guyana, haiti, honduras, hungary, iceland, india,
indonesia, iran, iraq, ireland, israel, italy, jamaica, japan, jordan, kazakhstan, kenya, kiribati, north korea,
south korea, korea, kuwait, kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania,
luxembourg, madagascar, malawi, malaysia, maldives, mali, malta, marshall islands, mauritania, mauritius, mexico,
micronesia, moldova, monaco, mongolia, montenegro, morocco, mozambique, myanmar, burma, namibia, nauru, nepal,
netherlands, holland, new zealand, nicaragua, niger, nigeria, north macedonia, macedonia, norway, oman, pakistan,
palau, panama, papua new guinea, paraguay, peru, philippines, poland, portugal, qatar, romania, russia,
russian federation, rwanda, saint kitts and nevis, saint lucia, saint vincent and the grenadines, samoa,
san marino, sao tome and principe, saudi arabia, senegal, serbia, seychelles, sierra leone, singapore, slovakia,
slovenia, solomon islands, somalia, south africa, south sudan, spain, sri lanka, sudan, suriname, sweden,
switzerland, syria, syrian arab republic, tajikistan, tanzania, thailand, timor-leste, east timor, togo, tonga,
trinidad and tobago, tunisia, turkey, türkiye, turkmenistan, tuvalu, uganda, ukraine, united arab emirates, uae,
united kingdom, uk, u.k, britain, great britain, england, scotland, wales, northern ireland, united states,
united states of america, us, u.s, usa, u.s.a, america, uruguay, uzbekistan, vanuatu, vatican, holy see,
venezuela, vietnam, yemen, zambia, zimbabwe, palestine, palestinian territories, state of palestine, gaza,
west bank, kosovo, taiwan, dprk, rok, republic of korea, islamic republic of iran
"""

#: Syria and Iraq: governorates, regions and towns as the corpus spells them.
_THEATRE = """
aleppo, halab, raqqa, raqqah, ar raqqah, al raqqah, idlib, idleb, hama, homs, latakia, tartus, daraa, deraa,
deir ez-zor, deir ezzor, deir ez zor, dayr az zayr, dayr az-zawr, deir al-zour, hasakah, al-hasakah, hasakeh,
quneitra, as-suwayda, suwayda, sweida, damascus, rif dimashq, eastern ghouta, ghouta, douma, madaya, zabadani,
palmyra, tadmur, kobani, kobane, ayn al-arab, ayn isa, manbij, jarablus, al-bab, azaz, afrin, tal abyad, dabiq,
qamishli, al-tanf, abu kamal, al bukamal, bukamal, mayadin, al mayadin, tabqa, daraya, kafr nabl, baghdad,
mosul, ninawa, nineveh, ninewa, anbar, al anbar, fallujah, falluja, ramadi, hit, rawah, rutbah, husaybah,
karabilah, al qaim, qaim, haditha, tikrit, salahuddin, salah ad din, salah al-din, samarra, baiji, bayji, kirkuk,
erbil, irbil, arbil, sulaymaniyah, sulaimaniyah, duhok, dohuk, dahuk, sinjar, tal afar, tel afar, qayyarah,
qayyara, al huwayjah, hawija, huwayjah, makhmur, basra, basrah, najaf, karbala, kerbala, hillah, al-hilla, hilla,
babil, diyala, baquba, baqubah, kut, wasit, amarah, maysan, nasiriyah, dhi qar, diwaniyah, qadisiyah,
muthanna, samawah, kurdistan, iraqi kurdistan, kurdistan region
"""

#: Capitals and cities recurring in conflict news.
_CITIES = """
washington, washington d.c, new york, new york city, london, paris, berlin, moscow, beijing,
tokyo, brussels, geneva, vienna, rome, madrid, ankara, istanbul, tehran, beirut, amman, riyadh, jeddah, cairo,
jerusalem, tel aviv, doha, abu dhabi, dubai, muscat, sanaa, aden, kabul, islamabad, delhi, new delhi, kyiv, kiev,
kharkiv, odesa, donetsk, luhansk, minsk, seoul, pyongyang, canberra, ottawa, wellington, stockholm, oslo,
copenhagen, helsinki, the hague, amsterdam, tripoli, benghazi, khartoum, mogadishu, nairobi, addis ababa, baku,
yerevan, tbilisi, sochi, astana, nur-sultan
"""

#: Nationality adjectives (GPE premodifiers) and plural forms (groups of people: PER).
_DEMONYMS = """
afghan albanian algerian american argentine argentinian armenian australian austrian azerbaijani azeri
bahraini bangladeshi belarusian belgian bosnian brazilian british briton bulgarian burmese cambodian
cameroonian canadian chadian chilean chinese colombian congolese croatian cuban cypriot czech danish dutch
egyptian emirati english eritrean estonian ethiopian filipino finnish french georgian german ghanaian greek
hungarian indian indonesian iranian iraqi irish israeli italian japanese jordanian kazakh kenyan korean
kuwaiti kyrgyz lebanese libyan lithuanian malaysian malian mexican moldovan mongolian moroccan nepali
nigerian nigerien north korean norwegian omani pakistani palestinian peruvian polish portuguese qatari
romanian russian rwandan saudi saudi arabian scottish senegalese serbian singaporean slovak slovenian
somali south african south korean south sudanese spanish sri lankan sudanese swedish swiss syrian taiwanese
tajik tanzanian thai tunisian turkish turkmen ugandan ukrainian uzbek venezuelan vietnamese welsh yemeni
zimbabwean
"""


def _words(block: str) -> frozenset[str]:
    """Return the whitespace-separated words of a declared block."""
    return frozenset(block.split())


#: Heads of facility mentions (ACE FAC: buildings, sites, infrastructure).
FAC_HEADS: frozenset[str] = _words("""
airport airports airfield airfields airbase airbases base bases bridge bridges building buildings camp camps
checkpoint checkpoints compound compounds crossing crossings dam dams depot depots embassy embassies facility
facilities factory factories headquarters highway highways hospital hospitals hotel hotels house houses jail
market markets mosque mosques church churches office offices palace palaces pipeline pipelines plant port
ports position positions prison prisons refinery refineries restaurant restaurants road roads route routes
safehouse safehouses school schools station stations stadium storage street streets tunnel tunnels university
warehouse warehouses wellhead wellheads entrance bunker bunkers barracks
""")

#: Heads of weapon mentions (ACE WEA).
WEAPON_HEADS: frozenset[str] = _words("""
artillery bomb bombs bullet bullets cannon cannons explosive explosives grenade grenades gun guns ied ieds
missile missiles mortar mortars munition munitions rifle rifles rocket rockets round rounds shell shells vbied
vbieds weapon weapons warhead warheads mine mines
""")

#: Heads of military vehicles (VEH, military=true).
MILITARY_VEHICLE_HEADS: frozenset[str] = _words("""
tank tanks warship warships destroyer destroyers frigate frigates submarine submarines gunboat gunboats
fighter fighters bomber bombers jet jets warplane warplanes drone drones uav uavs helicopter helicopters
aircraft carrier carriers
""")

#: Heads of civilian vehicles (VEH, military=false).
CIVIL_VEHICLE_HEADS: frozenset[str] = _words("""
car cars bus buses truck trucks lorry lorries van vans taxi taxis train trains ship ships boat boats ferry
ferries plane planes airliner airliners tanker tankers ambulance ambulances vehicle vehicles
""")


def _entries(block: str) -> frozenset[str]:
    """Split a declared block into names (comma-separated; line breaks are spaces)."""
    return frozenset(" ".join(name.split()) for name in block.split(",") if name.strip())


GPE_NAMES: frozenset[str] = _entries(_COUNTRIES) | _entries(_THEATRE) | _entries(_CITIES)
DEMONYMS: frozenset[str] = _words(_DEMONYMS) | frozenset(
    {"north korean", "south korean", "saudi arabian", "south african", "sri lankan", "south sudanese"}
)
_PLURAL_EXTRA = {"british": "britons", "english": "englishmen", "french": "frenchmen", "dutch": "dutchmen"}
PLURAL_DEMONYMS: frozenset[str] = frozenset({d + "s" for d in DEMONYMS} | set(_PLURAL_EXTRA.values()))

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def key(text: str) -> str:
    """Return the lookup form of a name: lower case, one space, no leading ``the``, no possessive, no final dot."""
    k = " ".join(text.lower().split())
    k = _POSSESSIVE.sub("", k).rstrip(".,;:")
    if k.startswith("the "):
        k = k[4:]
    return k


def is_gpe_name(text: str) -> bool:
    """Whether ``text`` names a GPE of the gazetteer (whole string, or its part before a comma).

    Args:
        text: A mention's text (``"Syria"``, ``"the U.S."``, ``"Palmyra, Syria"``).

    Returns:
        True for a listed country, theatre place or city written with at least one capital.

    """
    if text == text.lower():  # "us", "hit": a GPE name is written with a capital
        return False
    k = key(text)
    if k in GPE_NAMES:
        return True
    return "," in text and key(text.split(",", 1)[0]) in GPE_NAMES


def demonym_kind(text: str) -> str | None:
    """Classify a nationality mention.

    Args:
        text: A mention's text (``"Syrian"``, ``"Iraqis"``, ``"Yazidi"``).

    Returns:
        ``"adjective"`` for a listed demonym, ``"plural"`` for its plural (people), None otherwise
        (religious or ethnic identities are not in the list).

    """
    k = key(text)
    if k in DEMONYMS:
        return "adjective"
    if k in PLURAL_DEMONYMS:
        return "plural"
    return None
