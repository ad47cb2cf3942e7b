"""The checkable facts in a sentence: figures, times, dates, durations,
superlatives, negations and the places a figure is about.

Everything is found with patterns over plain English news copy; nothing here
knows any particular story.
"""

import re
from dataclasses import asdict, dataclass, field

from .text import STOPWORDS, WORD, stem

# --- numbers ---------------------------------------------------------------------

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}  # fmt: skip
# Vague amounts: (lowest, highest) they can stand for.
VAGUE = {
    "dozens": (24, 199), "hundreds": (200, 1_999), "thousands": (2_000, 99_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999), "several": (3, 9), "a few": (2, 5),
}  # fmt: skip

# Qualifiers and the direction they point: "approx" sits around the figure,
# "below" under it, "above" over it, "at least"/"at most" include it.
QUALIFIERS = {
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "nearly": "below",
    "almost": "below", "close to": "below", "just under": "below", "fewer than": "below",
    "less than": "below", "under": "below", "more than": "above", "over": "above",
    "upwards of": "above", "just over": "above", "at least": "at least", "up to": "at most",
    "as many as": "at most", "no more than": "at most", "exactly": "exact",
}  # fmt: skip
QUALIFIER_BEFORE = re.compile(
    r"(?:^|\b)(" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)

NUMBER_WORD = "|".join(sorted(map(re.escape, UNITS_WORDS), key=len, reverse=True))
VAGUE_WORD = "|".join(sorted(map(re.escape, VAGUE), key=len, reverse=True))
QUANTITY = re.compile(
    rf"""(?P<money>\$)?
    (?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)|\b(?P<word>{NUMBER_WORD})\b|\b(?P<vague>{VAGUE_WORD})\b)
    (?:[\s-]*(?P<scale>hundred|thousand|million|billion|trillion)\b)?
    (?P<percent>\s*(?:%|percent\b|per\ cent\b))?
    (?:-(?P<compound>day|week|month|year|hour|minute|percent|point|member|person|story|state))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
RANGE = re.compile(
    r"\bbetween\s+(?P<low>\$?\d[\d,.]*)\s+and\s+(?P<high>\$?\d[\d,.]*)(?P<percent>\s*(?:%|percent\b))?",
    re.IGNORECASE,
)
PHONE = re.compile(r"\(?\d{3}\)?[\s.-]?\d{3}-\d{4}|\b\d{3}-\d{3}-\d{4}\b")
LABEL_BEFORE = re.compile(
    r"\b(?:Local|No\.|Number|Route|Highway|Interstate|I-|Article|Section|District|Room|Suite"
    r"|Flight|Chapter|Title|Proposition|Prop\.|Measure|Channel|Station|Gate|Pier|Unit)\s*$"
)
TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
    r"(?:\s*(?P<zone>ET|PT|CT|MT|EDT|PDT|EST|PST|CDT|CST|MDT|MST|GMT|UTC|BST|CET)\b)?"
    r"|\b(?P<named>noon|midnight)\b",
    re.IGNORECASE,
)
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])\.?"
)
DATE = re.compile(
    rf"\b(?P<month>{MONTH_NAME})(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?"
    r"|\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:in|since|by|of|until|before|after)\s+(?P<bare_year>(?:19|20)\d{2})\b"
    r"|\b(?P<relative>last (?:week|month|year|night)|this (?:week|month|year)"
    r"|next (?:week|month|year)|yesterday|today|tomorrow|earlier this (?:week|month|year))\b"
)
DURATION_UNITS = ("minute", "hour", "day", "week", "month", "year")

# --- words for roles and kinds --------------------------------------------------------

START_WORDS = {
    "start",
    "begin",
    "began",
    "begun",
    "launch",
    "walk",
    "kick",
    "open",
    "from",
    "beginn",
}
END_WORDS = {"end", "until", "through", "conclud", "finish", "expir", "last", "wrap"}
SUPERLATIVE = re.compile(
    r"\b(?P<degree>largest|biggest|greatest|most|highest|lowest|longest|shortest|smallest|"
    r"worst|best|first|fewest|deadliest|costliest|fastest|slowest|oldest|youngest|only)\b"
    r"(?P<rest>[^.,;:]{0,80}?\b(?:in (?:[\w'’]+\.?\s){0,3}history|ever|on record"
    r"|in the (?:nation|country|world|state)|nationwide|of all time)\b)?",
    re.IGNORECASE,
)
SUPERLATIVE_FAMILY = {
    "largest": "largest", "biggest": "largest", "greatest": "largest", "most": "largest",
    "highest": "largest", "smallest": "smallest", "lowest": "smallest", "fewest": "smallest",
}  # fmt: skip
NEGATION = re.compile(
    r"\b(?:not|never|no|none|neither|nor|without|cannot)\b|n[’']t\b", re.IGNORECASE
)
PEOPLE = {
    "worker", "employe", "member", "person", "staff", "staffer", "workforce", "union member",
    "colleague", "employee", "people", "individual", "resident", "voter", "citizen",
}  # fmt: skip

# Places a figure can be about. General geography, not any story's.
US_STATES = """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida
Georgia Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland
Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma
Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming""".split()
PLACES = [
    *US_STATES, "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
    "North Dakota", "Rhode Island", "South Carolina", "South Dakota", "West Virginia",
    "Washington, D.C.", "D.C.", "Bay Area", "Southern California", "Northern California",
    "Pacific Northwest", "New England", "Midwest", "mid-Atlantic", "Mid-Atlantic", "Sun Belt",
    "Canada", "Mexico", "United Kingdom", "Britain", "England", "Scotland", "Wales", "Ireland",
    "France", "Germany", "Spain", "Italy", "Europe", "China", "Japan", "India", "Australia",
]  # fmt: skip
PLACE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, PLACES), key=len, reverse=True)) + r")\b"
)
NATIONWIDE = re.compile(
    r"\b(?:nationwide|national(?:ly)?|across the (?:country|nation|U\.S\.)|around the country"
    r"|in the U\.S\.|in total|in all|across (?:multiple|several|\w+) states|in \w+ states"
    r"|all told|overall|total of)\b",
    re.IGNORECASE,
)
ORDINAL_ENDINGS = {"th", "st", "nd", "rd"}
CLAUSE_BREAK = re.compile(r",|;|—|–| -- |\bwhile\b|\bwhereas\b|\bwhich\b|\bwho\b|\bbut\b")


@dataclass(frozen=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float
    unit: str = ""
    qualifier: str = ""  # approx, below, above, at least, at most, exact, or ""
    high: float | None = None  # upper end of a range or a vague amount
    scope: tuple[str, ...] = ()
    context: tuple[str, ...] = ()  # stems of the clause around the figure
    noun: str = ""  # what it counts, as written: "homes" (unit is its stem)

    @property
    def is_vague(self) -> bool:
        return self.high is not None and self.qualifier == "vague"


@dataclass(frozen=True)
class ClockTime:
    text: str
    start: int
    end: int
    minutes: int  # minutes after midnight
    zone: str = ""
    role: str = ""  # start, end or ""
    scope: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    month: int = 0
    day: int = 0
    year: int = 0
    weekday: str = ""
    relative: str = ""
    role: str = ""


@dataclass(frozen=True)
class Duration:
    text: str
    start: int
    end: int
    amount: float
    unit: str
    scope: tuple[str, ...] = ()


@dataclass(frozen=True)
class Superlative:
    text: str
    start: int
    end: int
    degree: str  # the family: largest, smallest, or the word itself
    head: tuple[str, ...]  # stems of the noun phrase it qualifies
    hedged: bool  # "one of the largest"


@dataclass
class Facts:
    quantities: list[Quantity] = field(default_factory=list)
    times: list[ClockTime] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    durations: list[Duration] = field(default_factory=list)
    superlatives: list[Superlative] = field(default_factory=list)
    negated: bool = False
    places: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """Plain JSON for storage; empty lists left out."""
        data = {
            "quantities": [
                {key: value for key, value in asdict(item).items() if key != "context"}
                for item in self.quantities
            ],
            "times": [asdict(item) for item in self.times],
            "dates": [asdict(item) for item in self.dates],
            "durations": [asdict(item) for item in self.durations],
            "superlatives": [asdict(item) for item in self.superlatives],
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


# --- extraction ------------------------------------------------------------------------


def parse_number(text: str) -> float:
    return float(text.replace(",", "").replace("$", ""))


def clause_around(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding sentence[start:end], bounded by commas, dashes and the like."""
    left = 0
    for match in CLAUSE_BREAK.finditer(sentence, 0, start):
        left = match.end()
    following = CLAUSE_BREAK.search(sentence, end)
    right = following.start() if following else len(sentence)
    return left, right


PAST = re.compile(
    r"\b(?:last|previous|prior) (?:year|month|week|decade)\b|\b(?:a|one|two|three|\d+) years? ago\b"
    r"|\bin (?:19|20)\d\d\b",
    re.IGNORECASE,
)


def scope_of(clause: str) -> tuple[str, ...]:
    """What a clause is about: its places (or "nationwide"), and "earlier" for past events.

    "15,000 nurses went on strike last year in Minnesota" is about another
    place and another time than this week's strike.
    """
    places = (
        ("nationwide",)
        if NATIONWIDE.search(clause)
        else tuple(sorted({place.replace("Mid-", "mid-") for place in PLACE.findall(clause)}))
    )
    return (*places, "earlier") if PAST.search(clause) else places


NOT_NOUNS = {
    "is", "was", "has", "this", "thus", "as", "us", "its", "his", "hers", "ours", "yours",
    "theirs", "always", "perhaps", "sometimes", "less", "unless", "whereas", "towards",
    "besides", "afterwards", "nevertheless", "across", "plus", "minus", "does", "goes",
}  # fmt: skip
UNIT_NOUNS = {"percent", "people", "staff", "personnel", "workforce", "police", "dollar"}


def unit_after(sentence: str, end: int) -> str:
    """The counted noun after a figure: '75,000 Kaiser workers are' -> 'workers'.

    The first plural noun within a few words, skipping names and adjectives;
    "hundreds of positions" looks past the "of".
    """
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*|[,.;:()—–]", sentence[end : end + 80])
    for word in words[:6]:
        lower = word.lower()
        if word in ",.;:()—–" or lower in {"and", "or", "but", "than", "per", "a", "an", "the"}:
            break
        if word[0].isupper() or lower in NOT_NOUNS:
            continue
        if lower in UNIT_NOUNS or (lower.endswith("s") and not lower.endswith("ss")):
            return lower
    return ""


def find_quantities(sentence: str) -> list[Quantity]:
    taken = [match.span() for match in PHONE.finditer(sentence)]
    taken += [match.span() for match in TIME.finditer(sentence)]
    taken += [
        match.span()
        for match in DATE.finditer(sentence)
        if match["day"] or match["year"] or match["bare_year"]
    ]

    def free(start: int, end: int) -> bool:
        return all(end <= low or start >= high for low, high in taken)

    found: list[Quantity] = []
    for match in RANGE.finditer(sentence):
        if free(*match.span()):
            low, high = parse_number(match["low"]), parse_number(match["high"])
            noun = "percent" if match["percent"] else unit_after(sentence, match.end())
            found.append(bare_quantity(sentence, match.start(), match.end(), low, noun, high=high))
            taken.append(match.span())
    for match in QUANTITY.finditer(sentence):
        start, end = match.span()
        if not match.group(0).strip() or not free(start, end):
            continue
        if LABEL_BEFORE.search(sentence[:start]) or sentence[end : end + 2] in ORDINAL_ENDINGS:
            continue
        if quantity := quantity_from_match(sentence, match):
            found.append(quantity)
            taken.append((start, end))
    found = inherit_units(sorted(found, key=lambda quantity: quantity.start))
    return [
        place_in_context(
            sentence,
            quantity,
            previous=found[index - 1] if index else None,
            following=found[index + 1] if index + 1 < len(found) else None,
        )
        for index, quantity in enumerate(found)
    ]


def quantity_from_match(sentence: str, match: re.Match) -> Quantity | None:
    start, end = match.span()
    high = None
    qualifier = ""
    if match["vague"]:
        value, high = VAGUE[match["vague"].lower()]
        qualifier = "vague"
    elif match["word"]:
        value = UNITS_WORDS[match["word"].lower()]
        if match["word"].lower() == "one" and not match["compound"] and not match["scale"]:
            return None  # "one of the largest"
        if re.search(r"\bthe\s+$", sentence[:start], re.IGNORECASE) and not match["scale"]:
            return None  # "the two sides" names known parties rather than counting
    else:
        value = parse_number(match["digits"])
        if 1900 <= value <= 2100 and "," not in match["digits"] and not match["money"]:
            return None  # a year
    if match["scale"]:
        value *= SCALES[match["scale"].lower()]
        if high is not None:
            high *= SCALES[match["scale"].lower()]
    if match["percent"] or (match["compound"] or "").lower() == "percent":
        noun = "percent"
    elif match["money"]:
        noun = "dollars"
    elif match["compound"]:
        noun = match["compound"].lower()
    else:
        noun = unit_after(sentence, end)
    unit = stem(noun) if noun else ""
    if not unit and value < 10 and not match["digits"]:
        return None  # a bare small number word is not a figure
    if unit in DURATION_UNITS:
        return None  # "three days", "three-day": a duration, found by find_durations
    return bare_quantity(sentence, start, end, value, noun, high=high, qualifier=qualifier)


def bare_quantity(
    sentence: str, start: int, end: int, value: float, noun: str, *, high=None, qualifier=""
) -> Quantity:
    """A quantity with its qualifier ("nearly", "more than") but no context yet."""
    window = sentence[max(0, start - 20) : start]
    before = QUALIFIER_BEFORE.search(window)
    if before and not qualifier:
        qualifier = QUALIFIERS[before.group(1).lower()]
        start -= len(window) - before.start(1)
    unit = {"percent": "percent", "dollars": "dollar"}.get(noun, stem(noun) if noun else "")
    text = sentence[start:end].strip()
    return Quantity(text, start, end, value, unit, qualifier, high, noun=noun)


def place_in_context(
    sentence: str, quantity: Quantity, *, previous: Quantity | None, following: Quantity | None
) -> Quantity:
    """Add the places the figure is about and the words of its clause.

    The window is the figure's clause, cut at a neighbouring figure: in
    "3,000 workers in Colorado and 75,000 nationwide" each figure has its own place.
    """
    left, right = clause_around(sentence, quantity.start, quantity.end)
    if previous and previous.end > left:
        gap = sentence[previous.end : quantity.start]
        joints = list(re.finditer(r"\b(?:and|or|with|plus)\b", gap))
        left = previous.end + (joints[-1].end() if joints else 0)
    if following and following.start < right:
        right = following.start
    clause = sentence[left:right]
    scope = scope_of(place_window(sentence[quantity.end : right]))
    intro = sentence.split(",", 1)[0] if "," in sentence else ""
    if not scope and intro and len(intro.split()) <= 3 and quantity.start > len(intro):
        scope = scope_of(intro)  # "In total, 75,000 workers ...", "Last year, 15,000 nurses ..."
    words = WORD.findall(clause)
    context = tuple(
        stem(word)
        for number, word in enumerate(words)
        if (word[0].islower() or number == 0) and word.lower() not in STOPWORDS
    )
    return Quantity(**{**asdict(quantity), "scope": scope, "context": context})


def place_window(after: str, size: int = 8) -> str:
    """The words right after a figure, where its place is named: "3,000 workers in
    Colorado", "60,000 of them in California"; not a place named elsewhere in the
    sentence ("the fire in Northern California has burned 42,000 acres")."""
    return " ".join(after.split()[:size])


def inherit_units(quantities: list[Quantity]) -> list[Quantity]:
    """'3,000 workers in Colorado and 75,000 nationwide': the second counts workers too."""
    result, previous = [], None
    for quantity in quantities:
        if not quantity.unit and previous and quantity.high is None:
            quantity = Quantity(
                **{**asdict(quantity), "unit": previous.unit, "noun": previous.noun}
            )
        if quantity.unit and quantity.unit not in {"percent", "dollar"}:
            previous = quantity
        result.append(quantity)
    return result


STRONG_BREAK = re.compile(r";|—|–| -- |\bwhile\b|\bwhereas\b|\bbut\b")


def segment_around(sentence: str, start: int, end: int) -> str:
    """The part of the sentence between strong breaks ("while", dashes, semicolons)."""
    left = max((match.end() for match in STRONG_BREAK.finditer(sentence, 0, start)), default=0)
    following = STRONG_BREAK.search(sentence, end)
    return sentence[left : following.start() if following else len(sentence)]


ROLE_STEMS = {stem(word): "end" for word in END_WORDS} | {
    stem(word): "start" for word in START_WORDS
}


def role_near(sentence: str, start: int, end: int) -> str:
    """Whether a time or date marks when something starts or ends: the nearest such word."""
    left, right = clause_around(sentence, start, end)
    roles = []
    for word in re.finditer(r"[A-Za-z]+", sentence[left:right]):
        role = ROLE_STEMS.get(stem(word.group()))
        if role:
            distance = min(abs(left + word.start() - start), abs(left + word.end() - end))
            roles.append((distance, role))
    return min(roles)[1] if roles else ""


def find_times(sentence: str) -> list[ClockTime]:
    times = []
    for match in TIME.finditer(sentence):
        if match["named"]:
            minutes = 12 * 60 if match["named"].lower() == "noon" else 0
        else:
            hour = int(match["hour"]) % 12
            if match["half"].lower().startswith("p"):
                hour += 12
            minutes = hour * 60 + int(match["minute"] or 0)
        times.append(
            ClockTime(
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                minutes=minutes,
                zone=(match["zone"] or "").upper(),
                role=role_near(sentence, *match.span()),
                scope=scope_of(segment_around(sentence, *match.span())),
            )
        )
    return times


def find_dates(sentence: str) -> list[DateMention]:
    dates = []
    for match in DATE.finditer(sentence):
        if match["month"]:
            month_word = match["month"].rstrip(".").lower()
            if month_word == "may" and not match["day"]:
                continue  # the verb "may"
            mention = DateMention(
                text=match.group(0), start=match.start(), end=match.end(),
                month=MONTHS[month_word], day=int(match["day"] or 0),
                year=int(match["year"] or 0), role=role_near(sentence, *match.span()),
            )  # fmt: skip
        elif match["weekday"]:
            mention = DateMention(
                text=match.group(0), start=match.start(), end=match.end(),
                weekday=match["weekday"].lower(), role=role_near(sentence, *match.span()),
            )  # fmt: skip
        elif match["bare_year"]:
            start = match.start("bare_year")
            mention = DateMention(
                text=match["bare_year"], start=start, end=match.end(),
                year=int(match["bare_year"]), role=role_near(sentence, start, match.end()),
            )  # fmt: skip
        else:
            mention = DateMention(
                text=match.group(0), start=match.start(), end=match.end(),
                relative=match["relative"].lower(),
            )  # fmt: skip
        dates.append(mention)
    return dates


DURATION = re.compile(
    rf"\b(?P<amount>\d+(?:\.\d+)?|{NUMBER_WORD})[\s-](?P<unit>minute|hour|day|week|month|year)s?\b",
    re.IGNORECASE,
)


def find_durations(sentence: str) -> list[Duration]:
    durations = []
    for match in DURATION.finditer(sentence):
        amount_text = match["amount"].lower()
        amount = UNITS_WORDS.get(amount_text) or float(amount_text.replace(",", ""))
        following = sentence[match.end() : match.end() + 8].lower()
        if following.startswith((" ago", " old")):
            continue
        durations.append(
            Duration(
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                amount=float(amount),
                unit=match["unit"].lower(),
                scope=scope_of(segment_around(sentence, *match.span())),
            )
        )
    return durations


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
        found.append(
            Superlative(
                text=match.group(0).strip(),
                start=match.start(),
                end=match.end(),
                degree=SUPERLATIVE_FAMILY.get(degree, degree),
                head=superlative_head(sentence[match.end("degree") :])
                or subject_before(sentence[: match.start()]),
                hedged=hedged,
            )
        )
    return found


def extract_facts(sentence: str) -> Facts:
    quantities = find_quantities(sentence)
    durations = find_durations(sentence)
    return Facts(
        quantities=quantities,
        times=find_times(sentence),
        dates=find_dates(sentence),
        durations=durations,
        superlatives=find_superlatives(sentence),
        negated=bool(NEGATION.search(sentence)),
        places=scope_of(sentence) if PLACE.search(sentence) else (),
    )
