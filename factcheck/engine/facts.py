"""The checkable facts of a sentence, each read as a frame.

A figure is a value or an interval ("nearly 13 million" allows a little under
13 million, "Oct. 4 to 6" three days) with what it counts, where or for whom
(its scope), the role it plays in the story (on strike, represented, asked,
offered, agreed, expected, destroyed ...), when (an earlier event, a forecast,
or now) and the exact words that say each of these, so that every reason the
engine gives can quote them. Dates are read against the article's own date:
"Wednesday" in a piece of Wednesday 4 October is 4 October.

Everything is found with patterns over plain English news copy (lexicon.py);
nothing here knows any particular story.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from . import lexicon
from .text import STOPWORDS, WORD, stem


@dataclass(frozen=True)
class Words:
    """Some words of the sentence, as written, and where they stand."""

    text: str
    start: int
    end: int

    def __bool__(self) -> bool:
        return bool(self.text)


NO_WORDS = Words("", -1, -1)


@dataclass(frozen=True)
class Quantity:
    text: str  # as written, qualifier included: "more than 12,000"
    start: int
    end: int
    value: float
    high: float | None = None  # the top of a range or of a vague amount
    qualifier: str = ""  # approx, below, above, at least, at most, exact, vague or ""
    step: float = 1  # the rounding the figure is written to: 1,000 for "12,000", 0.01 for "3.78"
    kind: str = "count"  # count, money or percent
    unit: str = ""  # what it counts or what the money is, as a stem: "worker", "bonus"
    noun: Words = NO_WORDS  # the word naming it, as written
    currency: str = ""
    rate: Words = NO_WORDS  # "an hour", "a year"
    period: Words = NO_WORDS  # "over four years", "in the first year"
    scope: tuple[Words, ...] = ()  # the places or groups it is for
    # names between the figure and its noun ("19,000 Gulf Coast workers", "12,000 Northline
    # workers"): a scope unless they name the story's own actor
    modifiers: tuple[Words, ...] = ()
    # whose it is, when the sentence says: "Pruett's 54,101", "The tribe wants 48,000": a
    # difference only when both figures name their owner
    owner: tuple[Words, ...] = ()
    overall: Words = NO_WORDS  # "nationwide", "in total": said to be for the whole
    role: str = ""  # strike, represent, ask, offer, agree, destroy ... (lexicon)
    role_words: Words = NO_WORDS
    modality: str = ""  # "expected" (a plan, forecast, threat) or "earlier" (a past event)
    modality_words: Words = NO_WORDS
    anchor: date | None = None  # the day it holds for: said in the sentence, or the article's
    anchor_words: Words = NO_WORDS  # the words giving that day, if the sentence gives them
    undated: bool = False  # the article gives no date: its figures hold for the story's days
    partial: bool = False  # "three other cities", "5,000 more workers": part of a total
    daily: Words = NO_WORDS  # "on Monday alone", "in the past 24 hours": one day's count
    context: tuple[str, ...] = ()  # stems of the clause around it

    @property
    def is_vague(self) -> bool:
        return self.qualifier == "vague"


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    year: int = 0
    month: int = 0
    day: int = 0
    last_day: int = 0  # "Oct. 4 to 6": 6
    weekday: str = ""
    relative: str = ""  # "yesterday", "last week" ...
    first: date | None = None  # the calendar days it stands for, once read
    last: date | None = None
    role: str = ""  # begin, end, expire, return, rule ... (lexicon.MOMENT_ROLES)
    role_words: Words = NO_WORDS
    scope: tuple[Words, ...] = ()
    planned: Words = NO_WORDS  # "was set to end", "is scheduled to": a plan, not what happened
    context: tuple[str, ...] = ()  # stems of its clause, role words aside
    weak_role: bool = False  # the role comes from what was counted ("arrested"), not from a
    # word of when ("began", "ended"): enough to agree on a day, not to dispute one
    subject: tuple[Words, ...] = ()  # who or what it happened to: "Merritt County lifted ..."
    label: bool = False  # "the March 11 blast": a day naming a thing, not when a figure holds

    @property
    def is_range(self) -> bool:
        return bool(self.last_day) or (self.first is not None and self.first != self.last)


@dataclass(frozen=True)
class ClockTime:
    text: str
    start: int
    end: int
    minutes: int  # after midnight
    zone: str = ""
    role: str = ""
    role_words: Words = NO_WORDS
    scope: tuple[Words, ...] = ()
    day: date | None = None  # "6 p.m. Thursday": the day given with it, else the article's
    weekday: str = ""  # the weekday given with it, when no date can be read
    slack: tuple[int, int] = (0, 0)  # minutes it may be off: "just before 7 p.m." (30, 0)
    context: tuple[str, ...] = ()  # stems of its clause, role words aside


@dataclass(frozen=True)
class Duration:
    text: str
    start: int
    end: int
    amount: float
    unit: str  # minute, hour, day, week, month, year
    qualifier: str = ""
    thing: Words = NO_WORDS  # what lasts: "strike" in "a three-day strike"
    scope: tuple[Words, ...] = ()
    modality: str = ""  # "planned" (will last, was supposed to be) or "earlier" (in 2019)

    @property
    def hours(self) -> float:
        return self.amount * HOURS[self.unit]


HOURS = {"minute": 1 / 60, "hour": 1, "day": 24, "week": 168, "month": 730, "year": 8760}


@dataclass(frozen=True)
class Superlative:
    text: str
    start: int
    end: int
    degree: str  # the family: largest, smallest, or the word itself
    head: tuple[str, ...]  # stems of the noun phrase it qualifies
    hedged: bool  # "one of the largest"
    rank: int = 1  # "second-largest": 2
    field: str = ""  # "in U.S. history", "ever": the record it is measured against
    scope: tuple[Words, ...] = ()  # "in Merritt County": where the record holds


@dataclass(frozen=True)
class Exclusion:
    """Something a sentence says is NOT part of what happened."""

    text: str  # "is not part of the strike"
    start: int
    end: int
    subject: tuple[str, ...]  # stems of what is excluded
    words: Words = NO_WORDS  # the excluded thing as written


@dataclass
class Facts:
    quantities: list[Quantity] = field(default_factory=list)
    times: list[ClockTime] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    durations: list[Duration] = field(default_factory=list)
    superlatives: list[Superlative] = field(default_factory=list)
    exclusions: list[Exclusion] = field(default_factory=list)
    negated: bool = False
    places: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """Plain JSON for storage and exports, in the sentence's own words; no empty lists."""
        data = {
            "quantities": [quantity_json(item) for item in self.quantities],
            "times": [
                {"text": t.text, "minutes": t.minutes, "zone": t.zone, "role": t.role}
                for t in self.times
            ],
            "dates": [date_json(item) for item in self.dates],
            "durations": [
                {"text": d.text, "amount": d.amount, "unit": d.unit, "of": d.thing.text}
                for d in self.durations
            ],
            "superlatives": [
                {"text": s.text, "degree": s.degree, "hedged": s.hedged, "rank": s.rank}
                for s in self.superlatives
            ],
            "exclusions": [{"text": e.text, "excluded": e.words.text} for e in self.exclusions],
            "places": list(self.places),
        }
        data = {key: value for key, value in data.items() if value}
        if self.negated:
            data["negated"] = True
        return data

    @property
    def is_empty(self) -> bool:
        return not (
            self.quantities or self.times or self.dates or self.durations or self.superlatives
        )


def quantity_json(quantity: Quantity) -> dict:
    data = {
        "text": quantity.text,
        "value": quantity.value,
        "high": quantity.high,
        "qualifier": quantity.qualifier,
        "kind": quantity.kind,
        "of": quantity.noun.text,
        "rate": quantity.rate.text,
        "period": quantity.period.text,
        "scope": [words.text for words in quantity.scope] or quantity.overall.text,
        "role": quantity.role,
        "modality": quantity.modality,
    }
    return {key: value for key, value in data.items() if value not in ("", None, [])}


def date_json(mention: DateMention) -> dict:
    data = {
        "text": mention.text,
        "first": mention.first.isoformat() if mention.first else None,
        "last": mention.last.isoformat()
        if mention.last and mention.last != mention.first
        else None,
        "role": mention.role,
    }
    return {key: value for key, value in data.items() if value}


# --- patterns ----------------------------------------------------------------------------


def alternation(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


QUALIFIER_BEFORE = re.compile(rf"(?:^|\b)({alternation(lexicon.QUALIFIERS)})\s+$", re.IGNORECASE)
CURRENCY = r"(?:US\$|\$|€|£|¥)"
SCALE = r"hundred|thousand|million|billion|trillion|bn|mn|tn|[kmb](?![a-z])"
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
QUANTITY = re.compile(
    rf"""(?P<currency>{CURRENCY})?\s?
    (?:(?P<compound_word>\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s]
        (?:one|two|three|four|five|six|seven|eight|nine)\b)
      |(?P<fraction>\b(?:a|one)\s+(?:quarter|half|third)\s+(?:of\s+)?a|\bhalf\s+a|\ba\s+quarter)
       (?=\s+(?:million|billion|thousand)\b)
      |(?P<digits>{NUMBER})|\b(?P<word>{alternation(lexicon.NUMBER_WORDS)})\b
      |\b(?P<vague>{alternation(lexicon.VAGUE)})\b)
    (?:[\s-]*(?P<scale>{SCALE})\b)?
    (?P<percent>\s*(?:%|percent\b|per\ cent\b|percentage\ points?\b))?
    (?:\s(?P<currency_word>dollars|euros|pounds|yen|cents)\b)?
    (?:-(?P<compound>member|person|story|state|city|county|seat|bed|unit|acre|mile|foot|inch))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
RANGE = re.compile(
    rf"(?:\b(?P<between>between|from)\s+)?(?P<low>{CURRENCY}?(?:{NUMBER}))"
    rf"(?:\s*(?P<low_scale>{SCALE})\b)?(?P<low_percent>\s*(?:%|percent\b))?"
    rf"\s*(?:to|-|–|through|and)\s*(?P<high>{CURRENCY}?(?:{NUMBER}))"
    rf"(?:\s*(?P<high_scale>{SCALE})\b)?(?(high_scale)|(?=\s*(?:%|percent|per cent|[a-z])))",
    re.IGNORECASE,
)
TALLY = re.compile(
    r"\b(?P<first>\d{1,3})[-–](?P<second>\d{1,3})\b(?=\s+(?:vote|decision|ruling|margin|win"
    r"|victory|loss|defeat|majority|split|tally))|\bvot(?:e|ed)\s+(?P<third>\d{1,3})[-–]"
    r"(?P<fourth>\d{1,3})\b|\bby\s+a\s+vote\s+of\s+(?P<fifth>\d{1,3})\s+to\s+(?P<sixth>\d{1,3})\b",
    re.IGNORECASE,
)
PHONE = re.compile(r"\(?\d{3}\)?[\s.-]?\d{3}-\d{4}|\b\d{3}-\d{3}-\d{4}\b|\b\d{3}-\d{4}\b")
TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
    r"(?:\s*(?P<zone>ET|PT|CT|MT|EDT|PDT|EST|PST|CDT|CST|MDT|MST|GMT|UTC|BST|CET|CEST|AEST)\b)?"
    r"(?:\s+(?P<local>local\s+time))?"
    r"|\b(?P<named>noon|midnight)\b",
    re.IGNORECASE,
)
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
# "the Nov. 5 results": a date naming a thing, not saying when something happened.
LABEL_DATE = re.compile(r"\s+[A-Za-z][a-z-]+(?:\s+[A-Z][a-z]+)*\b(?!\s*,)")
DAY_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning",
    "afternoon", "even", "night", "day", "week", "month", "year", "earli", "late", "today",
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])\.?"
)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
YEAR = r"(?:19|20)\d{2}"
DATE = re.compile(
    rf"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?P<month>{MONTH_NAME})(?:\s+(?P<day>{DAY})"
    rf"(?:\s*(?:-|–|to|through|and)\s*(?:(?P<last_month>{MONTH_NAME})\s+)?(?P<last_day>{DAY}))?)?"
    rf"(?:,?\s+(?P<year>{YEAR})\b)?"
    rf"|\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    rf"|\b(?P<preposition>in|since|by|of|until|before|after|during|from|to|through)\s+"
    rf"(?P<bare_year>{YEAR})\b(?!\s*(?:%|percent))"
    rf"|\b(?P<adjective_year>{YEAR})(?=\s+[a-z][a-z-]+)(?!\s+(?:percent|people|workers))"
    r"|\b(?P<relative>last (?:week|month|year|night)|this (?:week|month|year)"
    r"|next (?:week|month|year)|yesterday|today|tonight|tomorrow"
    r"|earlier this (?:week|month|year))\b",
    re.IGNORECASE,
)
DURATION = re.compile(
    rf"\b(?P<amount>\d+(?:\.\d+)?|{alternation(lexicon.NUMBER_WORDS)}|a|an|one)"
    r"[\s-](?P<unit>minute|hour|day|week|month|year)s?(?:[\s-]long)?\b",
    re.IGNORECASE,
)
SUPERLATIVE = re.compile(
    r"\b(?:(?P<ordinal>second|third|fourth|fifth|2nd|3rd|4th|5th)[\s-])?"
    r"(?P<degree>largest|biggest|greatest|most|highest|lowest|longest|shortest|smallest|"
    r"worst|best|first|fewest|deadliest|costliest|fastest|slowest|oldest|youngest|only|"
    r"strongest|weakest|wettest|hottest|coldest|busiest|closest|widest|steepest)\b"
    r"(?P<rest>[^.,;:]{0,80}?\b(?:in (?:[\w'’.]+\s){0,3}history|ever|on record|since records"
    r"|in the (?:nation|country|world|state|region|city)|nationwide|of all time"
    r"|in (?:\w+\s){0,2}(?:decades?|years|generations?|a century))\b)?",
    re.IGNORECASE,
)
SUPERLATIVE_FAMILY = {
    "largest": "largest", "biggest": "largest", "greatest": "largest", "most": "largest",
    "highest": "largest", "smallest": "smallest", "lowest": "smallest", "fewest": "smallest",
}  # fmt: skip
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4}
NEGATION = re.compile(
    r"\b(?:not|never|no|none|neither|nor|without|cannot)\b|n[’']t\b", re.IGNORECASE
)
CLAUSE_BREAK = re.compile(r",|;|—|–| -- |\(|\)|\bwhile\b|\bwhereas\b|\bwhich\b|\bwho\b|\bbut\b")
STRONG_BREAK = re.compile(r";|—|–| -- |\bwhile\b|\bwhereas\b|\bbut\b")


class Roles:
    """The words of a set of roles, found in one pass over a sentence."""

    def __init__(self, roles: list[tuple[str, str]]):
        self.names = [role for role, _ in roles]
        alternatives = "|".join(
            f"(?P<r{number}>(?:{words})\\b)" for number, (_, words) in enumerate(roles)
        )
        # the word boundary first, once, so that a position inside a word fails at once
        self.pattern = re.compile(f"\\b(?:{alternatives})", re.IGNORECASE)
        self.sentence, self.found = "", []

    def name(self, match: re.Match) -> str:
        return self.names[int(match.lastgroup[1:])]

    def finditer(self, sentence: str, left: int, right: int):
        """The roles whose words lie within sentence[left:right]. A sentence is searched once
        and its matches kept: each of its figures and days asks again, window by window."""
        if sentence != self.sentence:
            self.sentence = sentence
            self.found = [(self.name(match), match) for match in self.pattern.finditer(sentence)]
        for role, match in self.found:
            if left <= match.start() and match.end() <= right:
                yield role, match

    def match(self, sentence: str, position: int) -> tuple[str, re.Match | None]:
        match = self.pattern.match(sentence, position)
        return (self.name(match), match) if match else ("", None)


class SomeRoles:
    """Some of the roles of a Roles, read from the same pass over the sentence."""

    def __init__(self, roles: Roles, excluded: set[str]):
        self.roles, self.excluded = roles, excluded

    def finditer(self, sentence: str, left: int, right: int):
        for role, match in self.roles.finditer(sentence, left, right):
            if role not in self.excluded:
                yield role, match


ROLE_PATTERNS = Roles(lexicon.QUANTITY_ROLES)
# What can last: events, not the words of forecasts or sums.
EVENT_PATTERNS = SomeRoles(
    ROLE_PATTERNS, {"expect", "base", "with extras", "report", "earn", "count", "remain"}
)
MOMENT_PATTERNS = Roles(lexicon.MOMENT_ROLES)
EXCLUSION = lexicon.EXCLUSION


# --- where a figure stands in its sentence ---------------------------------------------------


def clause_around(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding sentence[start:end], bounded by commas, dashes and the like."""
    left = 0
    for match in CLAUSE_BREAK.finditer(sentence, 0, start):
        left = match.end()
    following = CLAUSE_BREAK.search(sentence, end)
    right = following.start() if following else len(sentence)
    return left, right


def segment_around(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence between strong breaks ("while", dashes, semicolons)."""
    left = max((match.end() for match in STRONG_BREAK.finditer(sentence, 0, start)), default=0)
    following = STRONG_BREAK.search(sentence, end)
    return left, following.start() if following else len(sentence)


SUBORDINATE = re.compile(r"\b(?:after|before|when|since|as|because|once|following|ahead of)\b")
RIGHT_PENALTY = 12  # words governing a figure or a day mostly stand before it
ROLE_REACH = 60  # farther away than this (in characters), a word is about something else
# After a day, only words right next to it say what happened then ("Tuesday's ruling"); a
# figure's verb may stand a few words after its noun ("Four firefighters have suffered injuries").


def nearest(
    patterns,
    sentence: str,
    window: tuple[int, int],
    start: int,
    end: int,
    right_reach: int = 10,
    skip: Words | None = None,
) -> tuple[str, Words]:
    """The role whose words stand nearest the figure within the window, those before
    it preferred; a subordinate clause after it ("after contracts expired") is not its own."""
    best: tuple[int, str, Words] | None = None
    left, right = window
    if subordinate := SUBORDINATE.search(sentence, end, right):
        right = subordinate.start()
    for role, match in patterns.finditer(sentence, left, right):
        if match.start() < end and match.end() > start:
            continue  # the figure's own words
        if skip and match.start() < max(skip.end, skip.start + 1) and match.end() > skip.start:
            continue  # "$4.2 million in damages", "9,600 union-represented employees":
            # what is counted, not what was done
        if match.end() <= start:
            distance = start - match.end()
        else:
            # names between a figure and its verb do not set them apart: "12,000 workers at
            # Northline Health launched a strike"
            names = sum(map(len, NAME_RUN_WORDS.findall(sentence, end, match.start())))
            distance = match.start() - end - names + RIGHT_PENALTY
            if distance > right_reach + RIGHT_PENALTY and not re.match(r",\s", sentence[end:]):
                continue
        if distance > ROLE_REACH + (REPORT_PENALTY if role == "report" else 0):
            continue
        if role == "report":
            distance += REPORT_PENALTY  # "said Tuesday" only when nothing else says what
        if best is None or distance < best[0]:
            best = (distance, role, Words(match.group(0), match.start(), match.end()))
    return (best[1], best[2]) if best else ("", NO_WORDS)


REPORT_PENALTY = 40
NAME_RUN_WORDS = re.compile(r"\b[A-Z][\w'’&.-]*")


def first_match(pattern: re.Pattern, sentence: str, left: int, right: int) -> Words:
    match = pattern.search(sentence, left, right)
    return Words(match.group(0), match.start(), match.end()) if match else NO_WORDS


# --- scope: the places or groups a figure is for -----------------------------------------------

CAPITALISED_PLACE = re.compile(
    r"\b(?:in|across|throughout|from)\s+(?:the\s+)?(?P<place>(?:[A-Z][\w.'’-]*"
    r"(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,3}))"
)
# "at its Harlow Falls plant", "at the hospital": a site is a scope too.
FACILITY = re.compile(
    r"\b(?:at|in|inside)\s+(?P<site>(?:the|its|their|his|her|one|a|that|this)\s+"
    r"(?:[\w'’.-]+\s+){0,3}?(?:plant|factory|mill|mine|hospital|clinic|school|campus|store"
    r"|warehouse|site|facility|office|headquarters|station|hotel|airport|port|terminal|center"
    r"|centre|prison|jail|base|refinery|shelter|church|stadium|park|building|hall|branch"
    r"|ward)s?)\b(?!\s+[a-z]+\s+(?:hall|building|center))"
)
NOT_PLACES = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "The",
    "A", "An", "U.S.", "US", "America", "United States",
}  # fmt: skip


def scope_after(sentence: str, start: int, end: int, limit: int) -> tuple[Words, ...]:
    """Places named in the few words right after a figure ("3,000 workers in Colorado",
    "60,000 of them in California", "$23 elsewhere"), within its clause."""
    words_end = end
    for _ in range(7):
        following = re.match(r"\s*[\w.'’$%-]+", sentence[words_end:])
        if not following or sentence[words_end : words_end + following.end()].strip() in {
            ",",
            ";",
        }:
            break
        words_end += following.end()
    window_end = min(words_end, segment_around(sentence, start, end)[1], limit)
    found = places_in(sentence, end, window_end)
    site = FACILITY.search(sentence, end, window_end)
    if not found and site:
        found = [Words(site["site"], site.start("site"), site.end("site"))]
    counted = COUNTED_SCOPE.search(sentence, end, window_end)
    if not found and counted:
        found = [Words(counted["scope"], counted.start("scope"), counted.end("scope"))]
    if not found and (
        match := lexicon.ELSEWHERE.search(sentence, end, min(len(sentence), end + 40, limit))
    ):
        found = [Words(match.group(0), match.start(), match.end())]
    return tuple(found)


COUNTED_SCOPE = re.compile(
    rf"\b(?:in|at|across|from|of)\s+(?:the\s+|its\s+|their\s+)?(?P<scope>(?:\d[\d,]*|"
    rf"{alternation(lexicon.NUMBER_WORDS)}|those|these|both|all)\s+(?:other\s+)?(?:[A-Z][a-z]+\s+)?"
    rf"[a-z]+s)\b",
    re.IGNORECASE,
)


NAME_PHRASE = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’.-]*){0,3}")


def known_places_in(sentence: str, left: int, right: int) -> list[Words]:
    """Names of real places (the gazetteer's) among the capitalised words of the window."""
    found = []
    for match in NAME_PHRASE.finditer(sentence, left, right):
        words = match.group(0).rstrip(".,'’").split()
        for size in range(len(words), 0, -1):  # the longest name that is a place
            name = " ".join(words[:size]).removesuffix("’s").removesuffix("'s")
            if name in lexicon.known_places():
                found.append(Words(name, match.start(), match.start() + len(name)))
                break
    return found


def places_in(sentence: str, left: int, right: int) -> list[Words]:
    found = [
        Words(match.group(1), match.start(1), match.end(1))
        for match in lexicon.PLACE.finditer(sentence, left, right)
    ]
    found += [
        words
        for words in known_places_in(sentence, left, right)
        if not any(other.start <= words.start < other.end for other in found)
        and words.text not in NOT_PLACES
    ]
    for match in CAPITALISED_PLACE.finditer(sentence, left, right):
        place = match["place"].rstrip(".'’")
        first = place.split()[0]
        if place in NOT_PLACES or first in NOT_PLACES or first.split("-")[0].lower() in MONTHS:
            continue
        if any(words.start <= match.start("place") < words.end for words in found):
            continue
        if any(word.isdigit() for word in place.split()):
            continue
        found.append(Words(place, match.start("place"), match.start("place") + len(place)))
    return sorted(found, key=lambda words: words.start)


def scope_before(sentence: str, start: int) -> tuple[Words, ...]:
    """Whose or where a figure is, named right before it: "Colorado's 3,000 workers",
    "Pruett's 54,101", "Vance received 54,412 votes"."""
    before = sentence[max(0, start - 50) : start]
    offset = max(0, start - 50)
    match = re.search(
        r"(?P<name>[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2}|(?<=\b[Tt]he\s)[a-z]+)(?:[’']s\s+(?:\w+\s+){0,4}?"
        r"(?:(?:stands?|stood|was|is|totals?)\s+(?:at\s+)?)?"
        r"|\s+(?:has|had|have|received|receives|got|gets|won|wins|finished\s+with|took"
        r"|polled|drew|earned|led\s+with)\s+(?:\w+\s+)?)$",
        before,
    )
    if not match or match["name"].split()[0] in NOT_PLACES | SENTENCE_WORDS:
        return ()
    return (Words(match["name"], offset + match.start("name"), offset + match.end("name")),)


SENTENCE_WORDS = {
    "It", "He", "She", "They", "We", "This", "That", "There", "Its", "Their", "His", "Her",
    "But", "And", "Officials", "Police", "About", "Nearly", "Some", "More", "In", "On", "At",
}  # fmt: skip


def intro_scope(sentence: str, start: int) -> tuple[Words, ...]:
    """An opening "In Colorado, ..." sets the place for the figures after it, and so does
    "... in Merritt County, where it has burned 4,100 acres"."""
    where = sentence.rfind(", where ", 0, start)
    if where > 0 and (found := places_in(sentence, max(0, where - 40), where)):
        return (found[-1],)
    comma = sentence.find(",")
    if comma < 0 or comma > start or len(sentence[:comma].split()) > 4:
        return ()
    return tuple(places_in(sentence, 0, comma))


CONTRASTIVE = re.compile(
    r"\b(?:permanent|temporary|construction|full-time|part-time|existing|current|former"
    r"|additional|unionized|non-union|seasonal|contract|direct|indirect|average|median|minimum"
    r"|maximum|net|gross|base|starting|top|confirmed|suspected|probable|registered|eligible"
    r"|insured|uninsured|domestic|international|local|overseas|new)\b",
    re.IGNORECASE,
)


def contrast_words(sentence: str, end: int, noun: Words) -> tuple[Words, ...]:
    """Words between a figure and its noun that set it apart: "650 permanent jobs",
    "14 confirmed cases", "$3.2 billion insured deposits"."""
    if noun.start <= end:
        return ()
    return tuple(
        Words(match.group(0).lower(), match.start(), match.end())
        for match in CONTRASTIVE.finditer(sentence, end, noun.start)
    )


def between_scope(sentence: str, end: int, noun: Words) -> tuple[Words, ...]:
    """Names between a figure and its noun: "19,000 Gulf Coast workers", "1,600 Boston
    workers". (The story's own actors, as in "12,000 Northline workers", are set aside
    when scopes are compared.)"""
    if noun.start <= end:
        return ()
    return tuple(
        Words(match.group(0), match.start(), match.end())
        for match in NAME_PHRASE.finditer(sentence, end, noun.start)
    )


def name_scope(sentence: str, left: int, right: int, start: int, end: int) -> tuple[Words, ...]:
    """A numbered name among a figure's own words is its group: "3,000 members of Local 88",
    "70,000 people ride Line 2"."""
    return tuple(
        Words(match.group(0), match.start(), match.end())
        for match in NUMBERED_NAME.finditer(sentence, left, right)
        if match.group(1).rstrip(".").lower() not in MONTHS
        and not (start <= match.start() < end)
        and match.group(1) not in SENTENCE_WORDS
        and match.group(1).rstrip(".").lower() not in lexicon.READINGS
    )


def unique(scope: tuple[Words, ...]) -> tuple[Words, ...]:
    kept: list[Words] = []
    for words in sorted(scope, key=lambda words: (words.start, -words.end)):
        if not any(other.start <= words.start < other.end for other in kept):
            kept.append(words)
    return tuple(kept)


# --- figures ---------------------------------------------------------------------------------


def parse_number(text: str) -> float:
    return float(re.sub(r"[^\d.]", "", text) or 0)


NOT_NOUNS = {
    "is", "was", "has", "this", "thus", "as", "us", "its", "his", "hers", "ours", "yours",
    "theirs", "always", "perhaps", "sometimes", "less", "unless", "whereas", "towards",
    "besides", "afterwards", "nevertheless", "across", "plus", "minus", "does", "goes",
    "percent", "cents", "times", "previous", "various", "serious", "famous", "bus",
}  # fmt: skip
NOUN_STOPS = {
    "and", "or", "but", "than", "per", "a", "an", "to", "over", "in", "at", "on", "for", "from",
    "by", "with", "since", "during", "after", "before", "into", "across", "under", "is", "are",
    "was", "were", "will", "would", "have", "has", "had",
}  # fmt: skip
UNIT_NOUNS = {
    "people", "staff", "personnel", "workforce", "police", "acres", "feet", "inches", "acre-feet",
    "mph", "km", "kg", "mw", "gw", "kwh", "ft", "sq", "children", "men", "women", "cattle",
}  # fmt: skip


def noun_after(sentence: str, end: int) -> Words:
    """The counted noun after a figure: '12,000 Northline workers are' -> 'workers'.

    The first plural noun within a few words, skipping names and adjectives;
    "hundreds of positions" and "3,000 of its members" look past the "of".
    """
    for match in re.finditer(r"[A-Za-z][A-Za-z'’-]*|[,.;:()—–]", sentence[end : end + 80]):
        word = match.group(0)
        lower = word.lower()
        if lower == "and" and re.match(r"\s+[A-Z]", sentence[end + match.end() :]):
            continue  # "250,000 Roamer and Roamer Plus strollers"
        if word in ",.;:()—–" or lower in NOUN_STOPS:
            break
        if word[0].isupper() or lower in NOT_NOUNS | {"the", "its", "their", "them"}:
            continue
        if lower in UNIT_NOUNS or (lower.endswith("s") and not lower.endswith(("ss", "us"))):
            return Words(word, end + match.start(), end + match.end())
        if match.start() > 45:
            break
    return NO_WORDS


MEASURE_UNITS = {
    "mph", "inches", "inch", "feet", "foot", "miles", "mile", "acres", "degrees", "km", "kph",
    "meters", "metres", "centimeters", "millimeters", "tons", "tonnes", "gallons", "barrels",
    "points", "knots", "pounds", "kilograms", "kg", "megawatts", "mw",
}  # fmt: skip
MEASURED_BEFORE = re.compile(r"\b([a-z]+)\s+of\s+(?:about\s+|nearly\s+|up\s+to\s+)?$")
POSITION_AFTER = re.compile(
    r"\s+(?:(?:north|south|east|west)(?:-?(?:north|south)?(?:east|west))?|away|offshore"
    r"|inland|from|off|outside|up|down)\b",
    re.IGNORECASE,
)


def measured_thing(sentence: str, start: int, noun: Words) -> str:
    """What a measure measures: "125 mph sustained winds" -> winds, "a gust of 147 mph" -> gust."""
    direct = re.match(r"\s+([a-z][a-z-]+)\b", sentence[noun.end :])
    if (
        direct
        and direct.group(1) not in STOPWORDS | NOT_NOUNS | NOUN_STOPS
        and not direct.group(1).endswith(("ed", "ing"))  # "125 mph sustained winds"
    ):
        return stem(direct.group(1))  # "a 147 mph gust"
    following = noun_after(sentence, noun.end)
    if following and following.start - noun.end <= 25:
        return stem(following.text)
    if before := MEASURED_BEFORE.search(sentence[max(0, start - 30) : start]):
        return stem(before.group(1))
    return ""


def thing_near(sentence: str, start: int, end: int, things: dict[str, str], window) -> Words:
    """What a sum or a percentage is: the nearest word naming it within its own words
    ("a $3,000 bonus", "revenue of $3.2 billion", "a raise of 6%")."""
    left, right = window
    best: tuple[int, Words] | None = None
    for match in re.finditer(r"[A-Za-z][A-Za-z-]*", sentence[left:right]):
        if match.group(0).lower() not in things:
            continue
        word_start, word_end = left + match.start(), left + match.end()
        if start <= word_start < end:
            continue
        distance = start - word_end if word_end <= start else word_start - end
        if best is None or distance < best[0]:
            best = (distance, Words(match.group(0), word_start, word_end))
    return best[1] if best else NO_WORDS


def thing_after(sentence: str, end: int, things: dict[str, str]) -> Words:
    """ "$1.1 million in legal fees", "$3 billion of revenue": the thing named right after."""
    match = re.match(r"\s+(?:in|of|for)\s+((?:[\w-]+\s*){1,3})", sentence[end:])
    if not match:
        return NO_WORDS
    offset = end + match.start(1)
    for word in re.finditer(r"[A-Za-z-]+", match.group(1)):
        if word.group(0).lower() in things:
            return Words(word.group(0), offset + word.start(), offset + word.end())
    return NO_WORDS


def is_name_number(sentence: str, start: int, end: int, match: re.Match | None = None) -> bool:
    """A number that is part of a name: "Local 88", "model 4410", "Route 7", "K700",
    "1199NW", "Building 7" (a capitalised word that is not a sentence's first word)."""
    after = sentence[end : end + 3]
    before = sentence[max(0, start - 30) : start]
    if re.match(r"[A-Za-z]", after) and not (match and match["scale"]):
        return True  # "1199NW", "737MAX"
    if re.search(r"[A-Za-z][-]?$", before) and not re.search(r"[$€£]$", before):
        return True  # "K700", "F-150", "I-95", "COVID-19"
    previous = re.search(r"([A-Za-z][\w.'’]*)\.?\s+(?:No\.\s*|#)?$", before)
    if not previous:
        return bool(re.search(r"#\s*$", before))
    word = previous.group(1)
    if word.lower().rstrip(".") in lexicon.READINGS:
        return False  # "Category 3": a reading, not a name
    if word.lower().rstrip(".") in lexicon.NAME_WORDS:
        return True
    if not word[0].isupper() or word.lower() in lexicon.QUALIFIERS or word.lower() in STOPWORDS:
        return False
    if word.rstrip(".").lower() in MONTHS or word.lower() in WEEKDAYS or word in {"U.S.", "US"}:
        return False
    at_sentence_start = not sentence[: start - len(previous.group(0))].strip()
    return not at_sentence_start


@dataclass(frozen=True)
class Figure:
    """A number found in a sentence, before its frame is read."""

    start: int
    end: int
    value: float
    high: float | None = None
    qualifier: str = ""
    match: re.Match | None = None
    step: float = 1


def rounding_step(digits: str, scale: float = 1) -> float:
    """The unit a number is written to: "12,000" -> 1,000, "3.78" (billion) -> 0.01 billion."""
    digits = digits.replace(",", "").lstrip("$€£¥US")
    if "." in digits:
        return scale * 10 ** -len(digits.split(".", 1)[1])
    zeros = len(digits) - len(digits.rstrip("0"))
    return scale * 10 ** min(zeros, max(len(digits) - 1, 0))


def find_quantities(
    sentence: str,
    dates: list["DateMention"] = (),
    published: date | None = None,
    around: date | None = None,
) -> list[Quantity]:
    figures = find_figures(sentence)
    tallies = [
        figure for figure in figures if figure.match is not None and figure.match.re is TALLY
    ]
    found = [
        Quantity(
            text=figure.match.group(0), start=figure.start, end=figure.end, value=figure.value,
            high=figure.high, kind="tally", unit="vote",
        )
        for figure in tallies
    ]  # fmt: skip
    others = [figure for figure in figures if figure not in tallies]
    for index, figure in enumerate(others):
        limits = (
            others[index - 1].end if index else 0,
            others[index + 1].start if index + 1 < len(others) else len(sentence),
        )
        if quantity := figure_from(sentence, figure, limits, published):
            found.append(anchored(quantity, sentence, dates, published, around))
    return inherit_units(sorted(found, key=lambda quantity: quantity.start), sentence)


MAY_COUNT = re.compile(
    rf"\d|\b(?:{alternation(lexicon.NUMBER_WORDS)}|{alternation(lexicon.VAGUE)}|half|quarter"
    rf"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b",
    re.IGNORECASE,
)


PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)


def find_figures(sentence: str) -> list[Figure]:
    """Every number that is a figure: not a phone number, a time, a date, a rank or a name."""
    if not MAY_COUNT.search(sentence):
        return []
    taken = [match.span() for match in PHONE.finditer(sentence)]
    taken += [match.span() for match in TIME.finditer(sentence)]
    taken += [
        match.span()
        for match in DATE.finditer(sentence)
        if match["day"] or match["year"] or match["bare_year"] or match["adjective_year"]
    ]
    taken += [match.span() for match in SUPERLATIVE.finditer(sentence) if match["ordinal"]]
    found: list[Figure] = []

    def free(start: int, end: int) -> bool:
        return all(end <= low or start >= high for low, high in taken)

    for match in TALLY.finditer(sentence):
        if free(*match.span()):
            numbers = [int(n) for n in match.groups() if n]
            found.append(Figure(match.start(), match.end(), numbers[0], numbers[1], match=match))
            taken.append(match.span())
    for match in RANGE.finditer(sentence):
        if not free(*match.span()) or is_name_number(sentence, *match.span()):
            continue
        joiner = sentence[match.end("low") : match.start("high")]
        if "and" in joiner and not match["between"]:
            continue  # "3,000 ... and 12,000": two figures, not a range
        scale = lexicon.SCALES.get((match["high_scale"] or "").lower(), 1)
        low_scale = lexicon.SCALES.get((match["low_scale"] or "").lower(), scale)
        low = parse_number(match["low"]) * low_scale
        high = parse_number(match["high"]) * scale
        if not low < high or (1900 <= low <= 2100 and 1900 <= high <= 2100):
            continue
        step = rounding_step(match["high"], scale)
        end = match.end()
        if percent := PERCENT_AFTER.match(sentence, end):  # "between 10 and 14 percent"
            end = percent.end()
        found.append(Figure(match.start("low"), end, low, high, step=step))
        taken.append((match.start(), end))
    for match in QUANTITY.finditer(sentence):
        start, end = match.span()
        text = match.group(0)
        start += len(text) - len(text.lstrip())
        if not text.strip() or not free(start, end):
            continue
        if is_name_number(sentence, start, end, match) or sentence[end : end + 2] in ORDINALS_END:
            continue
        if LENGTH_AFTER.match(sentence, end) and not match["percent"] and not match["currency"]:
            continue  # "three days": a length of time, found by find_durations
        if figure := figure_from_match(sentence, match, start):
            found.append(figure)
            taken.append((start, end))
    return sorted(found, key=lambda figure: figure.start)


ORDINALS_END = {"th", "st", "nd", "rd"}
KNOWN_PARTIES = re.compile(
    r"\s+(?:sides|parties|men|women|teams|candidates|leaders|countries|nations|companies"
    r"|governments|brothers|sisters|of\s+(?:them|us|you|those))\b|\s*[^\w\s]|\s*$"
)
LENGTH_AFTER = re.compile(r"[\s-]+(?:minute|hour|day|week|month|year)s?\b", re.IGNORECASE)


def figure_from_match(sentence: str, match: re.Match, start: int) -> Figure | None:
    high, qualifier, step = None, "", 1.0
    if match["compound_word"]:
        tens, units = re.split(r"[-\s]", match["compound_word"].lower())
        value = lexicon.NUMBER_WORDS[tens] + lexicon.NUMBER_WORDS[units]
    elif match["fraction"]:
        fraction = match["fraction"].lower()
        value = 0.25 if "quarter" in fraction else 0.5 if "half" in fraction else 1 / 3
        step = value
    elif match["vague"]:
        value, high = lexicon.VAGUE[match["vague"].lower()]
        qualifier = "vague"
    elif match["word"]:
        value = lexicon.NUMBER_WORDS[match["word"].lower()]
        if match["word"].lower() == "one" and not match["scale"] and not match["compound"]:
            return None  # "one of the largest"
        if re.search(r"\bthe\s+$", sentence[:start], re.IGNORECASE) and KNOWN_PARTIES.match(
            sentence, match.end()
        ):
            return None  # "the two sides" names known parties rather than counting
    else:
        value = parse_number(match["digits"])
        step = rounding_step(match["digits"])
        if (
            1900 <= value <= 2100
            and "," not in match["digits"]
            and not (match["currency"] or match["scale"] or match["percent"])
        ):
            return None  # a year
    if match["scale"]:
        scale_word = match["scale"].lower()
        if scale_word in {"m", "b", "k"} and not match["currency"]:
            return None  # "5 m" (metres), "3 b": not a count
        value *= lexicon.SCALES[scale_word]
        step *= lexicon.SCALES[scale_word]
        if high is not None:
            high *= lexicon.SCALES[scale_word]
    return Figure(start, match.end(), value, high, qualifier, match, step)


def figure_from(
    sentence: str, figure: Figure, limits: tuple[int, int], figure_published: date | None = None
) -> Quantity | None:
    """A figure with its frame: kind, thing, scope, role and moment. Limits are where the
    neighbouring figures stand: each figure's own words lie between them."""
    start, end, match = figure.start, figure.end, figure.match
    text = sentence[start:end]
    currency = ""
    if symbol := re.match(CURRENCY, text):
        currency = lexicon.CURRENCIES[symbol.group(0)]
    elif match and match["currency_word"]:
        currency = lexicon.CURRENCY_WORDS[match["currency_word"].lower()]
    is_percent = bool(re.search(r"%|percent|per cent|percentage point", text, re.IGNORECASE))
    kind = "percent" if is_percent else "money" if currency else "count"
    left, right = clause_around(sentence, start, end)
    own = (max(left, limits[0]), min(right, limits[1]))
    if kind == "count":
        if match and match["compound"]:
            noun = Words(match["compound"], match.start("compound"), match.end("compound"))
        else:
            noun = noun_after(sentence, end)
        if stem(noun.text) in {"day", "week", "month", "year", "hour", "minute"}:
            return None  # "three days": a duration, found by find_durations
        unit = stem(noun.text) if noun else ""
        if noun.text.lower() in MEASURE_UNITS:
            if POSITION_AFTER.match(sentence, noun.end):
                return None  # "20 miles southwest of Mobile": where, not how much
            unit = f"{unit} {measured_thing(sentence, start, noun)}".strip()
        if noun and re.match(r",\s+[a-z][\w -]*,\s+[a-z]", sentence[noun.end :]):
            unit = "worker"  # "4,300 housekeepers, cooks, servers and bell staff": people
        window = max(0, start - 30)
        if scale := SCALE_BEFORE.search(sentence[window:start]):
            unit = lexicon.READINGS[scale.group(1).lower()]
            noun = Words(scale.group(1), window + scale.start(1), window + scale.end(1))
        elif measure := MEASURE_BEFORE.search(sentence[max(0, start - 30) : start]):
            unit = f"{measure.group(1).lower()} of {unit}".strip()
        elif re.search(r"\bby\s+(?:\w+\s+){0,2}$", sentence[max(0, start - 30) : start]) and (
            MARGIN_WORDS.search(sentence, own[0], start)
            or noun.text.lower() in {"votes", "points", "seats", "goals", "runs", "strokes"}
        ):
            unit = f"margin of {unit}".strip()  # "led Vance by 1,283 votes"
        of_them = OF_THEM.match(sentence, end)
        small_word = figure.value < 10 and not (match and (match["digits"] or match["scale"]))
        if not unit and small_word and not of_them:
            return None  # a bare small number word is not a figure
    else:
        things = lexicon.MONEY_THINGS if kind == "money" else lexicon.PERCENT_THINGS
        noun = thing_after(sentence, end, things) or thing_near(sentence, start, end, things, own)
        unit = things.get(noun.text.lower(), "")
    qualifier = figure.qualifier
    before = QUALIFIER_BEFORE.search(sentence[max(0, start - 24) : start])
    if before and not qualifier:
        qualifier = lexicon.QUALIFIERS[before.group(1).lower()]
        start -= len(sentence[max(0, start - 24) : start]) - before.start(1)
    after = max(end, noun.end) if kind == "count" else end
    segment = segment_around(sentence, start, end)
    role_window = (max(segment[0], limits[0]), min(segment[1], limits[1]))
    scope = unique(
        (
            *name_scope(sentence, own[0], own[1], start, end),
            *numbered_subject(sentence, role_window[0], start),
            *(scope_after(sentence, start, after, own[1]) or intro_scope(sentence, start)),
        )
    )
    owner = unique(
        tuple(
            words
            for words in (
                *scope_before(sentence, start),
                *subject_name_scope(sentence, role_window[0], start),
            )
            if not any(other.start <= words.start < other.end for other in scope)
        )
    )
    overall = first_match(lexicon.OVERALL, sentence, *own)
    if not overall and not scope and start < 40:
        overall = first_match(lexicon.OVERALL, sentence, 0, start)
    role, role_words = attached_role(sentence, after)
    if not role and kind == "count" and noun:
        role, role_words = noun_role(noun)
    own_words = noun if kind != "count" else Words("", end, max(end, noun.start))
    for reach in (role_window, segment):
        if not role:
            role, role_words = nearest(ROLE_PATTERNS, sentence, reach, start, after, 30, own_words)
            if role and reach is segment and owned_by_neighbour(role_words, start, limits):
                role, role_words = "", NO_WORDS
    modality, modality_words = "", NO_WORDS
    earlier = (
        first_match(lexicon.EARLIER, sentence, *own)
        or first_match(lexicon.EARLIER, sentence, segment[0], start)
        or first_match(lexicon.YEAR_BEFORE, sentence, end, min(own[1], end + 30))
        or first_match(lexicon.CHANGED_FROM, sentence, max(0, start - 45), start)
    )
    if not earlier and figure_published and years_before(sentence, own, figure_published):
        year = re.search(r"\b(?:19|20)\d\d\b", sentence[own[0] : own[1]])
        earlier = Words(year.group(0), own[0] + year.start(), own[0] + year.end())
    if earlier:
        modality, modality_words = "earlier", earlier
    elif expected := first_match(lexicon.EXPECTED, sentence, *own):
        modality, modality_words = "expected", expected
    return Quantity(
        text=sentence[start:end].strip(),
        start=start,
        end=end,
        value=figure.value,
        high=figure.high,
        qualifier=qualifier,
        step=figure.step,
        kind=kind,
        unit=unit,
        noun=noun,
        currency=currency,
        rate=first_match(lexicon.RATE, sentence, end, min(len(sentence), end + 25))
        if kind == "money"
        else NO_WORDS,
        period=nearest_match(lexicon.PERIOD, sentence, role_window, start, end)
        if kind in {"money", "percent"}
        else NO_WORDS,
        scope=scope,
        modifiers=between_scope(sentence, end, noun) + contrast_words(sentence, end, noun),
        owner=owner,
        overall=overall,
        role=role,
        role_words=role_words,
        modality=modality,
        modality_words=modality_words,
        daily=first_match(lexicon.DAILY, sentence, *segment),
        partial=kind == "count"
        and bool(
            PARTIAL.search(sentence, end, max(end, noun.start))
            or PART_OF.match(sentence, end)
            or PARTIAL_BEFORE.search(sentence, own[0], start)
        ),
        context=clause_stems(sentence, left, right),
    )


SCALE_BEFORE = re.compile(
    r"\b(" + "|".join(lexicon.READINGS) + r")\.?(?:\s+of)?[\s-]*$", re.IGNORECASE
)
MEASURE_BEFORE = re.compile(
    r"\b(margin|lead|total|increase|decrease|gain|loss|drop|rise|deficit|surplus|majority"
    r"|difference|average|median|peak|record|estimate|minimum|maximum|cap|limit|threshold"
    r"|target|goal|shortfall|backlog)\s+(?:of|at|to)\s+(?:about\s+|nearly\s+|some\s+)?$",
    re.IGNORECASE,
)
MARGIN_WORDS = re.compile(
    r"\b(?:won|win|wins|lost|lose|leads?|led|leading|ahead|trails?|trailed|trailing|behind"
    r"|beat|defeated|margin|edged|outpolled|up|down)\b",
    re.IGNORECASE,
)
OF_THEM = re.compile(r"\s+of\s+(?:them|those|whom|these)\b")
# "two other local unions representing 14,000 members", "In addition to the 12,000 ..."
PARTIAL_BEFORE = re.compile(r"\b(?:other|another|additional|in\s+addition\s+to)\b", re.IGNORECASE)
PART_OF = re.compile(r"\s+of\s+(?:the|those|these|them|its|their)\b")
PARTIAL = re.compile(r"\b(?:other|more|additional|remaining|another|extra|new|further)\b")


SINCE = re.compile(r"\bsince\b", re.IGNORECASE)


def anchored(
    quantity: Quantity, sentence: str, dates, published: date | None, around: date | None = None
) -> Quantity:
    """The day a figure holds for: a day its own words give ("as of Monday", "on Saturday"),
    else the day of its article (a fire's acres, a death toll, a count of votes change
    from one day's coverage to the next), or of its story when the article is undated."""
    segment = segment_around(sentence, quantity.start, quantity.end)
    days = [
        mention
        for mention in dates
        if mention.first is not None
        and segment[0] <= mention.start < segment[1]
        and not mention.is_range
        and not mention.label
        and mention.role not in NOT_ANCHORS
        and not re.search(
            r"\b(?:through|until|before|after|since|till)\s+$", sentence[: mention.start]
        )
        and not SINCE.search(sentence, quantity.end, mention.start)  # "since it began Monday"
    ]
    if days:
        closest = min(days, key=lambda mention: abs(mention.start - quantity.start))
        words = Words(closest.text, closest.start, closest.end)
        return replace(quantity, anchor=closest.first, anchor_words=words)
    if quantity.role in STABLE_ROLES:
        return quantity
    if published is None and around is not None:
        return replace(quantity, anchor=around, undated=True)
    return replace(quantity, anchor=published)


# Days that limit or end something ("closed through Nov. 8") say nothing of when a
# figure holds.
NOT_ANCHORS = {"end", "expire", "deadline", "reopen", "return", "file", "appeal", "hearing"}

# What an organisation is (its members, its staff) does not change from one day's
# coverage to the next the way a fire's acres or a death toll do.
STABLE_ROLES = {"represent", "employ", "register"}


def owned_by_neighbour(words: Words, start: int, limits: tuple[int, int]) -> bool:
    """Whether a role word beyond a neighbouring figure is that figure's: in "killed one
    worker, injured eight and forced about 1,100 people from their homes", "injured" is
    the eight's, not the 1,100's."""
    return words.end <= limits[0] if words.end <= start else words.start >= limits[1]


def noun_role(noun: Words) -> tuple[str, Words]:
    """A counted noun that names the role itself: "strikers", "deaths", "employees"."""
    role, match = ROLE_PATTERNS.match(noun.text, 0)
    if match and match.end() == len(noun.text):
        return role, noun
    return "", NO_WORDS


def attached_role(sentence: str, after: int) -> tuple[str, Words]:
    """A role given by the words right after the figure's noun: "58 structures destroyed",
    "12,000 nurses walked out", "4,000 workers were evacuated"."""
    following = re.match(
        r"\s+(?:(?:were|was|are|is|had|have|has|been|being|who|that|already|also)\s+){0,2}",
        sentence[after:],
    )
    position = after + (following.end() if following else 0)
    role, match = ROLE_PATTERNS.match(sentence, position)
    if match:
        return role, Words(match.group(0), match.start(), match.end())
    return "", NO_WORDS


SUBJECT_BEFORE = re.compile(
    r"(?:^|[,;:—]\s*|\b(?:that|which|while|and|but)\s+)(?P<subject>(?:the\s+|The\s+)?"
    r"(?:[A-Z][A-Za-z.-]*\s+){0,4}?[A-Z][A-Za-z.-]*|(?:[A-Za-z][A-Za-z.-]*\s+){0,2}?[A-Za-z][A-Za-z.-]*)"
    r"\s+(?:\w+ly\s+)?(?:wants?|wanted|asks?|asked"
    r"|seeks?|sought|keeps?|kept|gets?|got|receives?|received|won|wins|is\s+entitled\s+to"
    r"|are\s+entitled\s+to|was\s+awarded|were\s+awarded|has|had|have|holds?|held|lost"
    r"|loses?|owns?|owned|paid|pays|gave|gives|offered|offers|employs?|employed|represents?"
    r"|represented|counts|operates|runs|houses)\b[^,;:]*$"
)
SUBJECT_VERBS = (
    r"(?:wants?|wanted|asks?|asked|seeks?|sought|keeps?|kept|gets?|got|receives?|received|won"
    r"|wins|is\s+entitled\s+to|are\s+entitled\s+to|was\s+awarded|were\s+awarded|has|had|have"
    r"|holds?|held|lost|loses?|owns?|owned|paid|pays|gave|gives|offered|offers|employs?|employed"
    r"|represents?|represented|counts|operates|runs|houses)"
)
# "grants the tribe 21,500 acre-feet", "awarded the Kessawin Tribe a senior right to 31,500"
RECEIVER_BEFORE = re.compile(
    r"\b(?:grants?|granted|gives?|gave|awards?|awarded|allocates?|allocated|pays?|paid|owes?"
    r"|offers?|offered|sends?|sent|guarantees?|guaranteed)\s+(?:the\s+)?"
    r"(?P<owner>[A-Za-z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+"
    r"(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:of|to|at)\s+)?(?:about\s+|nearly\s+|some\s+)?$"
)
# "Lower Sable, the largest of the three, keeps 68,000 acre-feet"
APPOSED_SUBJECT = re.compile(
    rf"(?:^|[;:—]\s*)(?P<subject>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){{0,4}}),[^,]{{1,60}},\s+"
    rf"(?:\w+ly\s+)?{SUBJECT_VERBS}\b[^,;:]*$"
)
NOT_SUBJECTS = {
    "it", "they", "he", "she", "we", "i", "you", "which", "who", "that", "this", "officials",
    "company", "firm", "chain", "union", "employer", "agency", "authorities", "there",
}  # fmt: skip


def numbered_subject(sentence: str, left: int, start: int) -> tuple[Words, ...]:
    """A numbered name before the figure: "Local 750 represents 950 workers", "Fab 12 employs
    1,900 people"; a part of the whole, as a place is."""
    found = [
        Words(match.group(0), match.start(), match.end())
        for match in NUMBERED_NAME.finditer(sentence, left, start)
        if match.group(1).rstrip(".").lower() not in MONTHS and match.group(1) not in SENTENCE_WORDS
    ]
    return found[-1:]


def subject_name_scope(sentence: str, left: int, start: int) -> tuple[Words, ...]:
    """Who a figure belongs to when that is the subject of its verb: "The tribe wants 48,000
    acre-feet", "Marrow Springs keeps 9,000", "Local 750 represents 950 workers"."""
    if receiver := RECEIVER_BEFORE.search(sentence[left:start]):
        begin = left + receiver.start("owner")
        return (Words(receiver["owner"], begin, begin + len(receiver["owner"])),)
    match = SUBJECT_BEFORE.search(sentence[left:start]) or APPOSED_SUBJECT.search(
        sentence[left:start]
    )
    if not match:
        return ()
    subject = match["subject"]
    last = re.sub(r"^(?:the|The)\s+", "", subject).split()[-1].lower().rstrip("’'s")
    if last in NOT_SUBJECTS or last in STOPWORDS:
        return ()
    begin = left + match.start("subject")
    return (Words(subject, begin, begin + len(subject)),)


NUMBERED_NAME = re.compile(r"\b([A-Z][\w'’.-]*)\s+(?:No\.\s*)?\d[\w-]*\b")


def nearest_match(pattern: re.Pattern, sentence: str, window, start: int, end: int) -> Words:
    """The match nearest the figure, those after it preferred: "$6.25 over four years"."""
    best: tuple[int, Words] | None = None
    for match in pattern.finditer(sentence, *window):
        distance = start - match.end() + 12 if match.end() <= start else match.start() - end
        if best is None or distance < best[0]:
            best = (distance, Words(match.group(0), match.start(), match.end()))
    return best[1] if best else NO_WORDS


def clause_stems(sentence: str, left: int, right: int, *, names: bool = False) -> tuple[str, ...]:
    """The stems of a stretch's words, without stop words; names too if asked."""
    words = WORD.findall(sentence[left:right])
    return tuple(
        stem(word)
        for number, word in enumerate(words)
        if (names or word[0].islower() or number == 0) and word.lower() not in STOPWORDS
    )


def inherit_units(quantities: list[Quantity], sentence: str) -> list[Quantity]:
    """'3,000 workers in Colorado and 12,000 nationwide': the second counts workers too,
    "$25 an hour in Ohio and $23 elsewhere" both are hourly wages, and "48% contained, up
    from 35%" both measure containment."""
    result: list[Quantity] = []
    for quantity in quantities:
        previous = result[-1] if result else None
        joined = previous and re.fullmatch(
            r"[\s,]*(?:and|or|to|while|with|versus|vs\.?|compared\s+with)?[\s\w$€£]{0,30}?",
            sentence[previous.end : quantity.start],
        )
        of_them = re.match(r"\s+of\s+(?:them|those|whom|these)\b", sentence[quantity.end :])
        if (
            previous
            and previous.kind == quantity.kind
            and lexicon.CHANGED_FROM.search(sentence[previous.end : quantity.start])
        ):  # "48% contained, up from 35%": the earlier value of the same thing
            quantity = replace(quantity, unit=previous.unit, noun=previous.noun)
        elif previous and (joined or of_them) and previous.kind == quantity.kind:
            if not quantity.unit:
                quantity = replace(quantity, unit=previous.unit, noun=previous.noun)
            if quantity.kind == "money" and not quantity.rate.text:
                quantity = replace(quantity, rate=previous.rate)
            if not quantity.role:
                quantity = replace(quantity, role=previous.role, role_words=previous.role_words)
            elif not previous.role and joined:
                result[-1] = replace(previous, role=quantity.role, role_words=quantity.role_words)
        result.append(quantity)
    return result


# --- dates, times and lengths -----------------------------------------------------------------


def find_dates(
    sentence: str, published: date | None = None, around: date | None = None
) -> list[DateMention]:
    dates = []
    for match in DATE.finditer(sentence):
        if match["month"]:
            month_word = match["month"].rstrip(".").lower()
            if month_word == "may" and not match["day"]:
                continue  # the verb "may"
            if month_word == "march" and not (match["day"] or match["year"]):
                continue  # the verb "march"
            mention = DateMention(
                text=match.group(0).strip(),
                start=match.start(),
                end=match.end(),
                month=MONTHS[month_word],
                day=int(re.sub(r"\D", "", match["day"] or "0")),
                last_day=int(re.sub(r"\D", "", match["last_day"] or "0")),
                year=int(match["year"] or 0),
            )
        elif match["weekday"]:
            mention = DateMention(
                text=match.group(0), start=match.start(), end=match.end(),
                weekday=match["weekday"].lower(),
            )  # fmt: skip
        elif match["bare_year"] or match["adjective_year"]:
            group = "bare_year" if match["bare_year"] else "adjective_year"
            mention = DateMention(
                text=match[group], start=match.start(group), end=match.end(group),
                year=int(match[group]),
            )  # fmt: skip
        else:
            mention = DateMention(
                text=match.group(0), start=match.start(), end=match.end(),
                relative=match["relative"].lower(),
            )  # fmt: skip
        window = segment_around(sentence, mention.start, mention.end)
        clause = clause_around(sentence, mention.start, mention.end)
        role, role_words, weak = "", NO_WORDS, False
        label = bool(LABEL_DATE.match(sentence, mention.end)) and bool(
            re.search(r"\b(?:the|a|an|its|their)\s+$", sentence[: mention.start])
        )
        if not label:
            for patterns in (MOMENT_PATTERNS, ROLE_PATTERNS):
                for reach in (clause, window):
                    if not role:
                        role, role_words = nearest(
                            patterns, sentence, reach, mention.start, mention.end
                        )
                        weak = bool(role) and patterns is ROLE_PATTERNS
        mention = replace(
            mention,
            role=role,
            role_words=role_words,
            scope=tuple(places_in(sentence, *window)),
            planned=first_match(lexicon.PLANNED, sentence, *clause),
            weak_role=weak,
            label=label,
            subject=happening_subject(sentence, clause[0], role_words, mention.start),
            context=tuple(
                word
                for word in clause_stems(sentence, 0, len(sentence), names=True)
                if not (
                    role_words and word in clause_stems(role_words.text, 0, len(role_words.text))
                )
                and word not in DAY_WORDS
            ),
        )
        dates.append(resolve(mention, sentence, published, around))
    return dates


def happening_subject(sentence: str, left: int, role_words: Words, day: int) -> tuple[Words, ...]:
    """The names before what happened: "Merritt County lifted its order on Friday"."""
    if not role_words:
        return ()
    right = min(role_words.start, day) if role_words.start < day else role_words.start
    return tuple(
        Words(match.group(0), match.start(), match.end())
        for match in NAME_PHRASE.finditer(sentence, left, right)
        if (
            match.group(0).split()[0] not in NOT_PLACES | SENTENCE_WORDS and match.start() > left
        )  # not a sentence's capitalised first word alone
        or (match.start() == left and len(match.group(0).split()) > 1)
    )


def resolve(
    mention: DateMention, sentence: str, published: date | None, around: date | None = None
) -> DateMention:
    """The calendar days a mention stands for, read against the article's date. In an
    undated article a month and day ("Friday, Aug. 2") take the year of the days its story
    covers (`around`); a weekday alone stays unread."""
    if mention.month and mention.day:
        year = mention.year or guess_year(mention.month, mention.day, published or around)
        if not year:
            return mention
        try:
            first = date(year, mention.month, mention.day)
            last = date(year, mention.month, mention.last_day) if mention.last_day else first
        except ValueError:
            return mention
        return replace(mention, first=first, last=max(first, last))
    if published is None:
        return mention
    if mention.weekday:
        day = weekday_near(mention.weekday, sentence, published)
        return replace(mention, first=day, last=day)
    offsets = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
    if mention.relative in offsets:
        day = published + timedelta(days=offsets[mention.relative])
        return replace(mention, first=day, last=day)
    return mention


def guess_year(month: int, day: int, published: date | None) -> int:
    """The year a month and day without one most likely mean: the closest to the article."""
    if published is None:
        return 0
    candidates = [published.year - 1, published.year, published.year + 1]
    distance = {}
    for year in candidates:
        try:
            distance[year] = abs((date(year, month, day) - published).days)
        except ValueError:
            continue
    return min(distance, key=distance.get) if distance else 0


def weekday_near(weekday: str, sentence: str, published: date) -> date:
    """The day a weekday means in an article of that date: the one before it for what
    happened, the one after it for what will happen, the nearer one otherwise."""
    target = WEEKDAYS.index(weekday)
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if back == 0:
        return published
    if lexicon.FUTURE.search(sentence):
        return published + timedelta(days=ahead)
    if lexicon.PAST_TENSE.search(sentence) or back <= ahead:
        return published - timedelta(days=back)
    return published + timedelta(days=ahead)


def find_times(sentence: str, dates=(), published: date | None = None) -> list[ClockTime]:
    times = []
    for match in TIME.finditer(sentence):
        if match["named"]:
            minutes = 12 * 60 if match["named"].lower() == "noon" else 0
        else:
            hour = int(match["hour"]) % 12
            if match["half"].lower().startswith("p"):
                hour += 12
            minutes = hour * 60 + int(match["minute"] or 0)
        window = segment_around(sentence, *match.span())
        role, role_words = nearest(MOMENT_PATTERNS, sentence, window, *match.span())
        times.append(
            ClockTime(
                text=match.group(0).strip(),
                start=match.start(),
                end=match.end(),
                minutes=minutes,
                zone=(match["zone"] or ("LOCAL" if match["local"] else "")).upper(),
                role=role,
                role_words=role_words,
                scope=tuple(places_in(sentence, *window)),
                day=day_of_time(match, sentence, dates) or published,
                weekday=weekday_of_time(match, sentence, dates),
                slack=time_slack(sentence, match.start()),
                context=tuple(
                    word
                    for word in clause_stems(sentence, *clause_around(sentence, *match.span()))
                    if word not in set(clause_stems(role_words.text, 0, len(role_words.text)))
                    and word not in DAY_WORDS
                ),
            )
        )
    return times


TIME_QUALIFIER = re.compile(
    r"\b(?P<before>just\s+before|shortly\s+before|before|by)\s+$"
    r"|\b(?P<after>just\s+after|shortly\s+after|after)\s+$"
    r"|\b(?P<around>around|about|approximately|roughly|near|nearly|some\s+time\s+around)\s+$",
    re.IGNORECASE,
)


def time_slack(sentence: str, start: int) -> tuple[int, int]:
    """How many minutes before and after the stated time the moment may lie."""
    match = TIME_QUALIFIER.search(sentence[max(0, start - 25) : start])
    if not match:
        return 0, 0
    if match["before"]:
        return 45, 0
    if match["after"]:
        return 0, 45
    return 20, 20


def weekday_of_time(match: re.Match, sentence: str, dates) -> str:
    clause = clause_around(sentence, *match.span())
    names = [m.weekday for m in dates if m.weekday and clause[0] <= m.start < clause[1]]
    return names[0] if names else ""


def day_of_time(match: re.Match, sentence: str, dates) -> date | None:
    """The day given with a time: "at 6 p.m. Thursday", "on Tuesday at 11:30 a.m."."""
    clause = clause_around(sentence, *match.span())
    days = [
        mention
        for mention in dates
        if mention.first is not None
        and not mention.is_range
        and clause[0] <= mention.start < clause[1]
    ]
    if not days:
        return None
    return min(days, key=lambda mention: abs(mention.start - match.start())).first


def years_before(sentence: str, window: tuple[int, int], published: date | None) -> bool:
    """Whether the words name a year before the article's: "in August 2019"."""
    if published is None:
        return False
    years = re.findall(r"\b((?:19|20)\d\d)\b", sentence[window[0] : window[1]])
    return any(int(year) < published.year for year in years)


def find_durations(sentence: str, published: date | None = None) -> list[Duration]:
    durations = []
    for match in DURATION.finditer(sentence):
        amount_text = match["amount"].lower()
        amount = (
            lexicon.NUMBER_WORDS.get(amount_text)
            or {"a": 1, "an": 1, "one": 1}.get(amount_text)
            or float(amount_text)
        )
        following = sentence[match.end() : match.end() + 8].lower()
        if following.startswith((" ago", " old", " earlier", " later", " before", " after")):
            continue
        if re.search(r"\b(?:a|an|per|each)$", sentence[: match.start()].rstrip(), re.I) and (
            amount_text in {"a", "an"}
        ):
            continue
        if amount_text in {"a", "an"} and not re.search(
            r"\b(?:for|last(?:s|ed)?|within|in)\s+$", sentence[: match.start()], re.I
        ):
            continue  # "a day" as a rate, "a year ago"
        qualifier_match = QUALIFIER_BEFORE.search(
            sentence[max(0, match.start() - 24) : match.start()]
        )
        window = segment_around(sentence, *match.span())
        thing = NO_WORDS
        if "-" in match.group(0) or match.group(0).endswith("long"):
            thing = next_word(sentence, match.end())  # "a three-day strike"
        if not thing:
            _, thing = nearest(EVENT_PATTERNS, sentence, window, *match.span())
        durations.append(
            Duration(
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                amount=float(amount),
                unit=match["unit"].lower(),
                qualifier=lexicon.QUALIFIERS[qualifier_match.group(1).lower()]
                if qualifier_match
                else "",
                thing=thing,
                scope=tuple(places_in(sentence, *window)),
                modality="earlier"
                if first_match(lexicon.EARLIER, sentence, *window)
                or first_match(lexicon.EARLIER, sentence, *intro(sentence))
                or years_before(sentence, window, published)
                else "planned"
                if first_match(lexicon.PLANNED, sentence, *window)
                or re.search(r"\bwill\b(?!\s+have\s+been)", sentence[window[0] : window[1]])
                else "",
            )
        )
    return durations


def intro(sentence: str) -> tuple[int, int]:
    """Where a sentence's opening phrase stands ("Last year, ..."): it sets the time of
    everything after it."""
    opening = re.match(r"[^,;:]{1,25},", sentence)
    return (0, opening.end()) if opening else (0, 0)


def next_word(sentence: str, end: int) -> Words:
    """The noun a hyphenated length qualifies: "three-day strike" -> "strike"."""
    match = re.match(r"\s+([a-z][a-z-]+)", sentence[end:])
    if not match or match.group(1) in STOPWORDS:
        return NO_WORDS
    return Words(match.group(1), end + match.start(1), end + match.end(1))


# --- superlatives and exclusions -----------------------------------------------------------------

HEAD_STOPS = {"in", "of", "that", "which", "who", "with", "to", "for", "on", "at", "by", "is",
              "are", "was", "were", "than", "and", "since", "after", "before"}  # fmt: skip


def superlative_head(text: str) -> tuple[str, ...]:
    """Stems of the noun phrase a superlative qualifies: 'largest ever health care strike'."""
    head = []
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]*|[,.;:]", text)[:8]:
        lower = word.lower()
        if lower in HEAD_STOPS or word in ",.;:":
            break
        if lower not in {"the", "a", "ever", "u.s", "nation's", "nation’s"}:
            head.append(stem(word))
    return tuple(head[:5])


SUBJECT = re.compile(
    r"(?P<subject>(?:[\w'’-]+\s+){1,3})(?:is|was|are|were|became|becomes|remains)\s+"
    r"(?:one of\s+)?(?:the\s+)?(?:[\w'’]+[’']s\s+)?$",
    re.IGNORECASE,
)


def subject_before(text: str) -> tuple[str, ...]:
    """'The closure is the longest': with nothing after it, a superlative qualifies its subject."""
    match = SUBJECT.search(text)
    if not match:
        return ()
    words = re.findall(r"[A-Za-z][\w'’-]*", match["subject"])
    return tuple(stem(word) for word in words if word.lower() not in HEAD_STOPS | {"the", "a"})


def find_superlatives(sentence: str) -> list[Superlative]:
    found = []
    for match in SUPERLATIVE.finditer(sentence):
        degree = match["degree"].lower()
        if degree in {"first", "only", "most", "best"} and not match["rest"]:
            continue  # "first", "only", "most" are record claims only with "ever", "in history"
        hedged = bool(
            re.search(r"\bone of the\s*(?:\w+[’']s\s+)?$", sentence[: match.start()], re.I)
        )
        field_words = re.search(
            r"in (?:[\w'’.]+\s){0,3}history|ever|on record|since records|of all time"
            r"|in the (?:nation|country|world|state|region|city)|nationwide",
            match["rest"] or "",
        )
        found.append(
            Superlative(
                text=match.group(0).strip(),
                start=match.start(),
                end=match.end(),
                degree=SUPERLATIVE_FAMILY.get(degree, degree),
                head=superlative_head(sentence[match.end("degree") :])
                or subject_before(sentence[: match.start()]),
                hedged=hedged,
                rank=ORDINALS.get((match["ordinal"] or "").lower(), 1),
                field=field_words.group(0) if field_words else "",
                scope=tuple(
                    places_in(sentence, match.start(), min(len(sentence), match.end() + 40))
                ),
            )
        )
    return found


MAY_EXCLUDE = re.compile(
    r"n[’']t\b|\b(?:not|never|exclud|except|other than|apart from)", re.IGNORECASE
)


def find_exclusions(sentence: str) -> list[Exclusion]:
    found = []
    if not MAY_EXCLUDE.search(sentence):
        return found
    for match in EXCLUSION.finditer(sentence):
        if match["verb"]:
            subject = match["subject"].strip()
            thing = subject if re.search(r"[a-z]", subject) else ""
            words_group = "subject"
            if match["object"] and match["verb"].lower().startswith(("includ", "involv", "cover")):
                thing, words_group = match["object"].strip(), "object"
        else:
            thing, words_group = match["object2"].strip(), "object2"
        stems = tuple(
            stem(word)
            for word in re.findall(r"[A-Za-z][\w'’-]*", thing)
            if word.lower() not in STOPWORDS
        )
        if not stems:
            continue
        start = match.start(words_group) + (
            len(match[words_group]) - len(match[words_group].lstrip())
        )
        found.append(
            Exclusion(
                text=match.group(0).strip(),
                start=match.start(),
                end=match.end(),
                subject=stems,
                words=Words(thing, start, start + len(thing)),
            )
        )
    return found


def extract_facts(
    sentence: str, published: date | None = None, around: date | None = None
) -> Facts:
    """A sentence's facts; relative dates are read against the article's date (`published`),
    or, in an undated article, dates without a year against the story's (`around`)."""
    dates = find_dates(sentence, published, around)
    quantities = find_quantities(sentence, dates, published, around)
    periods = [quantity.period for quantity in quantities if quantity.period]
    return Facts(
        quantities=quantities,
        times=find_times(sentence, dates, published),
        dates=dates,
        durations=[
            duration
            for duration in find_durations(sentence, published)
            if not any(period.start <= duration.start < period.end for period in periods)
        ],
        superlatives=find_superlatives(sentence),
        exclusions=find_exclusions(sentence),
        negated=bool(NEGATION.search(sentence)),
        places=tuple(sorted({words.text for words in places_in(sentence, 0, len(sentence))})),
    )
