"""How one passage bears on a claim, fact by fact.

Two facts contradict only when they are about the same thing (the same kind of
figure counting the same thing, for the same place or group, in the same role,
at the same moment of the same event) and cannot both be true. A look-alike
that is about something else is noted with the reason it is not comparable
("different scope: “Colorado” vs the whole"). Every reason quotes the two
sentences' own words between “ ”, so an editor can check it against the texts,
and the words it quotes from the passage are the ones highlighted.
"""

import re
from dataclasses import dataclass, field

from .facts import (
    NO_WORDS,
    WEEKDAYS,
    ClockTime,
    DateMention,
    Duration,
    Exclusion,
    Facts,
    Quantity,
    Superlative,
    Words,
)
from .lexicon import (
    EVOLVING_ROLES,
    PEOPLE,
    PLACE,
    PLACE_KINDS,
    QUALIFIER_WORDS,
    STEADY_UNITS,
    known_places,
)
from .text import STOPWORDS, canonical, stem

ZONE_OFFSET = {  # hours behind Eastern time
    "ET": 0, "EDT": 0, "EST": 0, "CT": 1, "CDT": 1, "CST": 1,
    "MT": 2, "MDT": 2, "MST": 2, "PT": 3, "PDT": 3, "PST": 3,
}  # fmt: skip
SAME_NUMBER_CLASH = 0.05  # "more than N" vs "nearly N": the shared number ties them already
OTHER_NUMBER_CLASH = 0.05  # a different number for the same frame: the sentences must share more
FAR_APART_CLASH = 0.3  # figures of one thing twice apart or more: likelier two different sums
OTHER_DAY_CLASH = 0.1  # a different day or moment for the same happening
# an end, a reopening, a return: days that are planned, then moved, so the sentences
# must say much the same to be one claim about one day
MOVABLE_DAY_CLASH = 0.4
MOVABLE_DAYS = {"end", "reopen", "return", "close", "expire"}
LENGTH_CLASH = 0.3  # a different length of the same thing
PARTICIPATION = {"strike", "protest"}  # roles in which a count says who took part


@dataclass
class Comparison:
    """What comparing the facts of a claim and a passage found."""

    matches: list[str] = field(default_factory=list)  # reasons they agree
    # reasons they contradict, each with the word overlap that shows both sentences
    # speak of the same thing
    conflicts: list[tuple[str, float]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # look-alikes that are not comparable
    # the passage's words each reason quotes, highlighted when the reason is shown
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    backed: list[object] = field(default_factory=list)  # the claim's facts this passage gives
    clashing: list[tuple] = field(default_factory=list)  # per conflict: (claim's fact, passage's)

    @property
    def core_matched(self) -> int:
        return len(self.backed)

    def agree(self, reason: str, spans, fact=None) -> None:
        self.matches.append(reason)
        self.spans.setdefault(reason, []).extend(spans)
        if fact is not None and fact not in self.backed:
            self.backed.append(fact)

    def conflict(self, reason: str, spans, *, needs: float, facts: tuple = ()) -> None:
        """facts: the claim's fact and the passage's that clash, when each is one value
        (a figure, a day, a time, a length) an outlet could also give elsewhere."""
        self.conflicts.append((reason, needs))
        self.clashing.append(facts)
        self.spans.setdefault(reason, []).extend(spans)

    def note(self, reason: str, spans=()) -> None:
        self.notes.append(reason)
        self.spans.setdefault(reason, []).extend(spans)

    def spans_of(self, reasons) -> list[tuple[int, int]]:
        return [span for reason in reasons for span in self.spans.get(reason, ())]


def quoted(words: Words | str) -> str:
    text = words.text if isinstance(words, Words) else words
    return f"“{' '.join(text.split())}”"


# --- the facts that make a claim checkable ------------------------------------------------------


def precise_date(mention: DateMention) -> bool:
    """A calendar date, or the day something happens ("began Sunday", "today announced");
    not the day a story was merely told ("said Wednesday")."""
    if mention.role == "report":
        return False
    if mention.relative and mention.relative not in {"today", "tonight", "yesterday", "tomorrow"}:
        return False
    return bool(mention.month or mention.year or mention.role)


# Days and times that say when something was said or issued, not what the claim is about.
TELLING_ROLES = {"report", "announce", "order", "confirm", "declare"}


def checkable_facts(facts: Facts) -> list:
    """The facts a claim is about, each to be backed on its own for it to be confirmed:
    precise figures (not a part of a total already given: "60,000 of them"), the days and
    times of what happened (not when a statement was issued), lengths and records."""
    figures = [q for q in facts.quantities if not q.is_vague and q.kind != "tally"]
    wholes = [q for q in figures if not q.partial]
    return [
        *(wholes or figures),
        *(
            mention
            for mention in facts.dates
            if precise_date(mention)
            and not mention.weak_role
            and mention.role not in TELLING_ROLES
            and not mention.is_range
        ),
        *(time for time in facts.times if time.role and time.role not in TELLING_ROLES),
        *facts.durations,
        *facts.superlatives,
    ]


def core_facts(facts: Facts) -> int:
    return len(checkable_facts(facts))


def fact_words(fact) -> str:
    """How a reason names a claim's fact: its own words."""
    return quoted(fact.text)


# --- figures -------------------------------------------------------------------------------


def phrase(sentence: str, quantity: Quantity) -> Words:
    """The figure with what it counts when the noun follows closely: "12,000 Northline workers"."""
    noun = quantity.noun
    if quantity.kind == "count" and noun.start >= quantity.end and noun.start - quantity.end <= 30:
        return Words(sentence[quantity.start : noun.end], quantity.start, noun.end)
    return Words(quantity.text, quantity.start, quantity.end)


def bounds(quantity: Quantity, *, generous: bool) -> tuple[float, float]:
    """The values a quantity allows. Generous bounds decide conflicts (only what cannot
    both be true clashes); strict ones decide agreement (only what is close agrees).
    A figure written as "12,000" stands for anything that rounds to it (11,500 to 12,500);
    "3.78 billion" for a hundredth of a billion either way."""
    value, step = quantity.value, quantity.step
    if quantity.high is not None:
        return value - step / 2, quantity.high + step / 2
    around = abs(value) * (0.05 if generous else 0.03)  # "roughly 3,000" is not 2,400
    return {
        "above": (value, value * (10 if generous else 1.2)),
        "at least": (value, value * (10 if generous else 1.2)),
        "below": (value * (0.85 if generous else 0.9), value),
        "at most": (0 if generous else value * 0.5, value),
        "approx": (value - around, value + around),
    }.get(quantity.qualifier, (value - step / 2, value + step / 2))


def same_number(first: Quantity, second: Quantity) -> bool:
    """One number, as far as the rounding of the rounder of the two can tell."""
    if (first.high is None) != (second.high is None):
        return False
    tolerance = max(first.step, second.step) / 2
    highs_agree = first.high is None or abs(first.high - second.high) <= tolerance
    return abs(first.value - second.value) <= tolerance and highs_agree


def within(value: float, interval: tuple[float, float]) -> bool:
    return interval[0] <= value <= interval[1]


def overlap(first: tuple[float, float], second: tuple[float, float]) -> bool:
    """Whether two ranges of values share more than an end point (6 and 7 do not)."""
    return first[0] < second[1] and second[0] < first[1]


def qualifiers_clash(first: Quantity, second: Quantity) -> bool:
    """'more than N' against 'nearly N': one says above, the other below. ("Up to N" and
    "at least N" are bounds, as forecasts give them, and clash with nothing.)"""
    return {first.qualifier, second.qualifier} == {"above", "below"}


def same_counted_thing(mine: Quantity, theirs: Quantity) -> bool | None:
    """True for the same thing, False for different things, None when one does not say."""
    if mine.kind != theirs.kind:
        return False
    if mine.kind == "money" and mine.currency != theirs.currency:
        return False
    if not mine.unit or not theirs.unit:
        return None
    if canonical(mine.unit) == canonical(theirs.unit):
        return True
    if mine.unit in PEOPLE and theirs.unit in PEOPLE:
        return True
    named_by_role = {mine.unit: mine.role_words, theirs.unit: theirs.role_words}
    return (
        mine.role == theirs.role
        and bool(mine.role)
        and (mine.unit in PEOPLE or theirs.unit in PEOPLE)
        and any(words.text and stem(words.text) == unit for unit, words in named_by_role.items())
    )


DETERMINERS = {
    "its", "their", "his", "her", "our", "a", "an", "this", "that", "one", "all", "and", "or",
    "but", "those", "these", "both",
}  # fmt: skip


def scope_key(scope: tuple[Words, ...], actors: frozenset[str] | None = None) -> frozenset[str]:
    """What a scope names, comparable across sentences: "Alder County" and "Alder" are one
    place, "Gordon Pruett" and "Pruett" one person; the story's own actors ("12,000
    Northline workers" in a story about Northline) are not a scope."""
    keys = set()
    for words in scope:
        for run in re.split(r"\s*(?:,|\band\b|&)\s*", canonical_place(words.text)):
            tokens = [
                token
                for token in re.findall(r"[a-z0-9]+", run)
                if token not in PLACE_KINDS and token not in DETERMINERS
            ]
            if not tokens:
                continue
            named = [
                word
                for word in re.findall(r"\b[A-Z][\w'’.-]*", words.text)
                if word.lower() not in DETERMINERS | {"the"}
            ]
            lowercase = re.findall(r"\b[a-z][\w'’-]*", words.text)
            content = [word for word in lowercase if word not in DETERMINERS | {"the", "of"}]
            if (
                actors is not None
                and named
                and not content
                and set(tokens) <= actors
                and not is_known_place(words.text)
            ):
                continue  # the story's own actor: "12,000 Northline workers"
            person = len(named) >= 2 and not is_known_place(words.text)
            site = not named  # "the struck hotels", "the plant": what kind of site it is
            keys.add(tokens[-1] if person or site else " ".join(tokens))
    return frozenset(keys)


def is_known_place(text: str) -> bool:
    return text in known_places() or bool(PLACE.fullmatch(text))


COUNTRY_NAMES = {"united states": "us", "us": "us", "usa": "us", "america": "us"}


def canonical_place(text: str) -> str:
    text = re.sub(r"[’']s\b", "", text.lower().replace("washington, d.c.", "d.c."))
    text = re.sub(r"^the\s+", "", re.sub(r"[^a-z0-9, &]", "", text)).strip()
    return COUNTRY_NAMES.get(text, text)


WHOLE = {"(the whole)"}


def whole(quantity: Quantity) -> set[str]:
    """A figure said to be for the whole ("worldwide", "in total") is of another scope than
    one for a place, and of the same as one that names none."""
    return set(WHOLE) if quantity.overall else set()


def named_scope(quantity: Quantity, actors: frozenset[str]) -> tuple[Words, ...]:
    """The figure's scope as its words, the story's own actors aside."""
    return quantity.scope + tuple(
        words for words in quantity.modifiers if scope_key((words,), actors)
    )


def scope_side(quantity_scope: tuple[Words, ...], overall: Words) -> str:
    if quantity_scope:
        return ", ".join(quoted(words) for words in quantity_scope)
    if overall.text:
        return quoted(overall)
    return "the whole (no place given)"


Difference = tuple[str, list[tuple[int, int]]]  # a reason, and the passage's words it quotes


def subject_difference(
    mine: Quantity, theirs: Quantity, actors: frozenset[str], *, strict: bool = False
) -> Difference:
    """Why two figures of one kind are about different things: what they count, the place
    or group, the terms of a sum or the period of a change. "" if nothing says so. Strict:
    terms or a period given on one side only count as a difference too (before a
    contradiction is called; "$6.25 over four years" and "$2.50" are not one figure)."""
    differ = (lambda first, second: first != second) if strict else both_differ
    if same_counted_thing(mine, theirs) is False:
        return f"different things: {quoted(mine.noun)} vs {quoted(theirs.noun)}", [
            (theirs.noun.start, theirs.noun.end)
        ]
    mine_scope = scope_key(mine.scope) | scope_key(mine.modifiers, actors) | whole(mine)
    their_scope = scope_key(theirs.scope) | scope_key(theirs.modifiers, actors) | whole(theirs)
    if mine_scope != their_scope and not ({*mine_scope, *their_scope} <= WHOLE):
        reason = (
            f"different scope: {scope_side(named_scope(mine, actors), mine.overall)} vs "
            f"{scope_side(named_scope(theirs, actors), theirs.overall)}"
        )
        return reason, [(words.start, words.end) for words in named_scope(theirs, actors)]
    if mine.owner and theirs.owner and not scope_key(mine.owner) & scope_key(theirs.owner):
        owners = scope_side(mine.owner, NO_WORDS), scope_side(theirs.owner, NO_WORDS)
        reason = f"different owners: {owners[0]} vs {owners[1]}"
        return reason, [(words.start, words.end) for words in theirs.owner]
    if mine.kind == "money" and differ(terms_of(mine.rate), terms_of(theirs.rate)):
        return (
            f"different terms: {term_side(mine.rate)} vs {term_side(theirs.rate)}",
            [(theirs.rate.start, theirs.rate.end)] if theirs.rate else [],
        )
    if differ(terms_of(mine.period), terms_of(theirs.period)):
        return (
            f"different period: {term_side(mine.period)} vs {term_side(theirs.period)}",
            [(theirs.period.start, theirs.period.end)] if theirs.period else [],
        )
    return "", []


def moment_or_role_difference(mine: Quantity, theirs: Quantity) -> Difference:
    """Why two figures of one thing need not be equal: one is a forecast or an earlier
    event's, they hold for different days, one is a running total, or they play different
    roles (asked and offered). "" if nothing says so."""
    if (mine.daily and not theirs.daily) or (theirs.daily and not mine.daily):
        one_day = mine if mine.daily else theirs
        return (
            f"one day's count and a running total: {quoted(one_day.daily)}",
            [(theirs.daily.start, theirs.daily.end)] if theirs.daily else [],
        )
    if mine.modality != theirs.modality:
        return (
            f"different moment: {moment_side(mine)} vs {moment_side(theirs)}",
            [(theirs.modality_words.start, theirs.modality_words.end)]
            if theirs.modality_words
            else [],
        )
    if mine.role and theirs.role and mine.role != theirs.role:
        return (
            f"different role: {quoted(mine.role_words)} vs {quoted(theirs.role_words)}",
            [(theirs.role_words.start, theirs.role_words.end)],
        )
    return moment_difference(mine, theirs)


ANCHOR_DAYS = 1  # figures whose articles are further apart than this hold for different
# moments, unless each says its day
STEADY_DAYS = 7  # the same for what changes more slowly (stations closed, staff, members)


def changes_by_the_day(quantity: Quantity) -> bool:
    """A count that grows or shrinks from one day's coverage to the next (strikers, acres,
    deaths, cases, a containment percentage), not a count of places or bodies that stays
    (cities, stations, hospitals, unions)."""
    if quantity.kind == "percent":
        return True
    return quantity.role in EVOLVING_ROLES and quantity.unit not in STEADY_UNITS


def moment_difference(mine: Quantity, theirs: Quantity) -> tuple[str, list]:
    """Two figures for different days: the fire's acres on Monday and on Thursday."""
    if not (mine.anchor and theirs.anchor):
        evolving = changes_by_the_day(mine) or changes_by_the_day(theirs)
        if evolving and (mine.anchor or theirs.anchor):
            return (
                "different moment: one of them gives no day, and the count changes by the day",
                [],
            )
        return "", []
    both_said = bool(mine.anchor_words and theirs.anchor_words)
    evolving = changes_by_the_day(mine) or changes_by_the_day(theirs)
    tolerance = 0 if both_said else ANCHOR_DAYS if evolving else STEADY_DAYS
    if abs((mine.anchor - theirs.anchor).days) <= tolerance:
        return "", []
    spans = [(theirs.anchor_words.start, theirs.anchor_words.end)] if theirs.anchor_words else []
    return f"different moment: {anchor_side(mine)} vs {anchor_side(theirs)}", spans


def anchor_side(quantity: Quantity) -> str:
    read = f"(read as {quantity.anchor:%b} {quantity.anchor.day}, {quantity.anchor.year})"
    if quantity.anchor_words:
        return f"{quoted(quantity.anchor_words)} {read}"
    if quantity.undated:
        return f"an undated article, read as of its story's days {read}"
    return f"as its article stood {read}"


def moment_side(quantity: Quantity) -> str:
    if quantity.modality_words.text:
        return quoted(quantity.modality_words)
    return "what happened"


def terms_of(words: Words) -> str:
    """The words of a rate or period, comparable ("" for "the same period": it points back)."""
    if re.search(r"\bsame\b", words.text, re.IGNORECASE):
        return ""
    return " ".join(stem(word) for word in re.findall(r"[a-z]+", words.text.lower()))


def both_differ(first: str, second: str) -> bool:
    return bool(first and second and first != second)


def term_side(words: Words) -> str:
    return quoted(words) if words.text else "none given"


def shares_frame(mine: Quantity, theirs: Quantity, *, same_number: bool) -> bool:
    """Enough to call two figures a contradiction: the same named role (walked out,
    represents, asked, offered ...); with no role on either side, only one number whose
    qualifiers clash ("nearly 240 students" and "more than 240 students")."""
    if mine.role or theirs.role:
        return mine.role == theirs.role
    if mine.kind in {"money", "percent"} and mine.unit and mine.unit == theirs.unit:
        return True  # "revenue came in at $3.78 billion" and "revenue of $3.87 billion"
    return same_number


def compare_quantities(claim_text, passage_text, claim: Facts, passage: Facts, result, actors):
    for mine in claim.quantities:
        found: dict[str, tuple] = {}
        for theirs in passage.quantities:
            if mine.kind != theirs.kind:
                continue
            verdict, reason, spans, needs = judge_figures(
                mine, theirs, claim_text, passage_text, actors
            )
            if verdict and verdict not in found:
                found[verdict] = (reason, spans, needs, theirs)
        if "agree" in found:
            reason, spans, _, _ = found["agree"]
            result.agree(reason, spans, None if mine.is_vague else mine)
        elif "conflict" in found:
            reason, spans, needs, theirs = found["conflict"]
            one_value = not same_number(mine, theirs)  # not "more than N" against "nearly N"
            result.conflict(reason, spans, needs=needs, facts=(mine, theirs) if one_value else ())
        elif "note" in found:
            reason, spans, _, _ = found["note"]
            result.note(reason, spans)


def judge_figures(mine: Quantity, theirs: Quantity, claim_text, passage_text, actors):
    """("agree" | "conflict" | "note" | None, reason, quoted spans, word overlap needed)."""
    spans = [(theirs.start, theirs.end)]
    if mine.kind == "tally":
        if compare_tallies(mine, theirs):
            return "agree", f"same vote: {quoted(mine.text)} and {quoted(theirs.text)}", spans, 0
        if shares_frame(mine, theirs, same_number=False):
            reason = f"vote differs: {quoted(mine.text)} vs {quoted(theirs.text)}"
            return "conflict", reason, spans, OTHER_NUMBER_CLASH
        return None, "", [], 0
    one_number = same_number(mine, theirs)
    clash = one_number and qualifiers_clash(mine, theirs)
    mine_words, their_words = phrase(claim_text, mine), phrase(passage_text, theirs)
    phrase_spans = [(their_words.start, their_words.end)]  # what the reason quotes
    about, about_spans = subject_difference(mine, theirs, actors)
    if about:
        place_on_one_side = "different scope" in about and not (
            named_scope(mine, actors) and named_scope(theirs, actors)
        )
        if not (one_number and place_on_one_side and not mine.is_vague):
            return "note", f"{about}: not comparable", about_spans, 0
    if theirs.is_vague and not mine.is_vague:
        return None, "", [], 0  # "thousands" neither backs nor disputes "12,000"
    when, when_spans = moment_or_role_difference(mine, theirs)
    # Agreement: the same thing at any moment ("four cities" in the preview and after).
    if one_number and not clash:
        reason = f"same figure: {quoted(mine_words)} and {quoted(their_words)}"
        return "agree", reason, phrase_spans, 0
    consistent = within(theirs.value, bounds(mine, generous=False)) or within(
        mine.value, bounds(theirs, generous=False)
    )
    if consistent and not clash and same_counted_thing(mine, theirs) and not when:
        reason = f"consistent figures: {quoted(mine_words)} and {quoted(their_words)}"
        return "agree", reason, phrase_spans, 0
    # Contradiction: the same thing, at the same moment, in the same role, and values
    # that cannot both be true.
    if not about and (strictly := subject_difference(mine, theirs, actors, strict=True))[0]:
        return "note", f"{strictly[0]}: not comparable", strictly[1], 0
    if about:
        return None, "", [], 0
    if overlap(bounds(mine, generous=True), bounds(theirs, generous=True)) and not clash:
        return None, "", [], 0
    if mine.is_vague or theirs.is_vague or not same_counted_thing(mine, theirs):
        return None, "", [], 0
    if mine.partial or theirs.partial or not shares_frame(mine, theirs, same_number=one_number):
        return None, "", [], 0
    if when:
        return "note", f"{when}: not comparable", when_spans, 0
    if clash:
        reason = f"qualifiers clash: {quoted(mine.text)} vs {quoted(theirs.text)}"
        return "conflict", reason, spans, SAME_NUMBER_CLASH
    if far_apart_in_size(mine, theirs):
        return None, "", [], 0
    reason = f"figure differs: {quoted(mine_words)} vs {quoted(their_words)}"
    needs = STANDING_CLASH if mine.role in STANDING_ROLES else OTHER_NUMBER_CLASH
    return "conflict", reason, phrase_spans, needs_for_size(mine, theirs, needs)


NEAR_RATIO = 1.5  # "178 precincts" and "187": a figure misreported is off by a little
FAR_RATIO = 2.0  # "$1.62 billion" and "$3.78 billion": more likely two different sums
NEAR_FACTOR = 0.5


def needs_for_size(mine: Quantity, theirs: Quantity, needs: float) -> float:
    """Close figures of one thing are likelier a dispute than two things, so they need
    less said in common; figures several times apart need more."""
    small, large = sorted((abs(mine.value), abs(theirs.value)))
    if small <= 0:
        return needs
    if large / small <= NEAR_RATIO:
        return needs * NEAR_FACTOR
    if large / small >= FAR_RATIO:
        return max(needs, FAR_APART_CLASH)
    return needs


# What an organisation has (members, staff) is given for a site, a local, the whole
# company or the whole union, often without saying which: two such figures must be said
# in much the same words to be one claim.
STANDING_ROLES = {"represent", "employ"}
STANDING_CLASH = 0.35
SIZE_APART = 20  # figures of one thing that far apart are a total and a part, not a dispute


def far_apart_in_size(first: Quantity, second: Quantity) -> bool:
    """ "$250 vouchers" and "$64 million in vouchers", "seven injured" and "1,100 evacuated":
    a disputed figure is off by a few, or a few times, not by orders of magnitude."""
    small, large = sorted((abs(first.value), abs(second.value)))
    return small > 0 and large / small >= SIZE_APART


def compare_tallies(first: Quantity, second: Quantity) -> bool:
    return (first.value, first.high) == (second.value, second.high)


# --- moments ---------------------------------------------------------------------------------

BEGINNINGS = {"begin", "strike"}


def same_happening(first: str, second: str) -> bool:
    return first == second or {first, second} <= BEGINNINGS


def one_happening(mine, theirs) -> bool:
    """Two days (or times) given for one happening: the same role, said of the same names
    when both name who did it."""
    if not (mine.role and theirs.role):
        return False
    if getattr(mine, "weak_role", False) or getattr(theirs, "weak_role", False):
        return False  # arrests, protests, fires happen on many days
    if not same_happening(mine.role, theirs.role):
        return False
    subjects = (getattr(mine, "subject", ()), getattr(theirs, "subject", ()))
    # "Merritt County lifted its order" and "Alder County lifted its orders": two happenings
    return not (
        mine.role in MOVABLE_DAYS
        and all(subjects)
        and not scope_key(subjects[0]) & scope_key(subjects[1])
    )


def day_of(mention: DateMention, role: str):
    """The day a mention gives for a happening: a range's first day for a start,
    its last day for an end."""
    if mention.first is None:
        return None
    return mention.last if role == "end" else mention.first


def same_day(mine: DateMention, theirs: DateMention) -> bool | None:
    if (mine.first is None) != (theirs.first is None):
        known, unread = (mine, theirs) if mine.first else (theirs, mine)
        if unread.month and unread.day:
            same = (known.first.month, known.first.day) == (unread.month, unread.day)
            return same and (not unread.year or unread.year == known.first.year)
        if unread.weekday and not known.is_range:  # "Monday" in an undated article
            return WEEKDAYS[known.first.weekday()] == unread.weekday
    if mine.first is not None and theirs.first is not None:
        if mine.is_range or theirs.is_range:
            return (mine.first, mine.last) == (theirs.first, theirs.last) or (
                mine.role
                and day_of(mine, mine.role) == day_of(theirs, mine.role)
                and not (mine.is_range and theirs.is_range)
            )
        return mine.first == theirs.first
    if mine.weekday and theirs.weekday:
        return mine.weekday == theirs.weekday
    if mine.month and theirs.month and mine.day and theirs.day:
        return (mine.month, mine.day) == (theirs.month, theirs.day)
    if mine.year and theirs.year and not (mine.month or theirs.month):
        return mine.year == theirs.year
    return None


def read_as(mention: DateMention) -> str:
    if mention.first is None or mention.month:
        return ""
    return f" (read as {mention.first:%b} {mention.first.day}, {mention.first.year})"


def compare_dates(
    claim: Facts, passage: Facts, result: Comparison, claim_published=None, passage_published=None
) -> None:
    for mine in claim.dates:
        if not precise_date(mine):
            continue
        agreed = conflict = note = None
        for theirs in passage.dates:
            if not precise_date(theirs) and theirs.role == "report":
                continue
            verdict = same_day(mine, theirs)
            roles_known = mine.role and theirs.role
            if verdict and (not roles_known or same_happening(mine.role, theirs.role)):
                label = (
                    f"same {mine.role} date"
                    if mine.role and mine.role == theirs.role
                    else "same date"
                )
                both = f"{quoted(mine.text)}{read_as(mine)} and "
                both += f"{quoted(theirs.text)}{read_as(theirs)}"
                agreed = agreed or (f"{label}: {both}", theirs)
            elif verdict is False and one_happening(mine, theirs):
                if mine.role in {"report", "deadline"} or not scopes_fit(mine.scope, theirs.scope):
                    continue
                if bool(mine.planned) != bool(theirs.planned):
                    continue  # "was set to end Tuesday" and "ended Wednesday"
                if bool(mine.month) != bool(theirs.month) and not (mine.weekday or theirs.weekday):
                    continue  # "the dry years of 2019" is not a day to dispute "Sept. 10"
                if not set(map(canonical, mine.context)) & set(map(canonical, theirs.context)):
                    continue  # the same kind of happening, but nothing says it is the same one
                if not could_be_one_happening(mine, theirs, claim_published, passage_published):
                    continue
                if (
                    mine.year and theirs.year and not (mine.month and theirs.month)
                ) and mine.year == theirs.year:
                    continue
                conflict = conflict or (
                    f"{mine.role} date differs: {quoted(mine.text)}{read_as(mine)} vs "
                    f"{quoted(theirs.text)}{read_as(theirs)}",
                    theirs,
                    MOVABLE_DAY_CLASH
                    if mine.role in MOVABLE_DAYS
                    or pending(mine, claim_published) != pending(theirs, passage_published)
                    else OTHER_DAY_CLASH,
                )
            elif verdict is False and roles_known and not one_happening(mine, theirs):
                note = note or (
                    f"different happenings: {quoted(mine.role_words)} {quoted(mine.text)} vs "
                    f"{quoted(theirs.role_words)} {quoted(theirs.text)}: not comparable",
                    theirs,
                )
        if agreed:
            reason, theirs = agreed
            result.agree(reason, [(theirs.start, theirs.end)], mine)
        elif conflict:
            reason, theirs, needs = conflict
            result.conflict(reason, [(theirs.start, theirs.end)], needs=needs, facts=(mine, theirs))
        elif note:
            reason, theirs = note
            result.note(reason, [(theirs.start, theirs.end)])


SAME_HAPPENING_DAYS = 10  # two days further apart than this are two happenings, unless
# one of them gives a year (a wrong year is an error newsrooms make)


def could_be_one_happening(
    mine: DateMention, theirs: DateMention, mine_published, theirs_published
) -> bool:
    """Whether two days given for one kind of happening can be a dispute about one
    happening: not a vote already held against one still to come, not weeks apart."""
    if mine.first is None or theirs.first is None:
        return True
    apart = abs((mine.first - theirs.first).days)
    if apart > SAME_HAPPENING_DAYS and not (mine.year or theirs.year):
        return False
    if not (mine.month or theirs.month or mine.year or theirs.year) and apart > 3:
        return False  # "Wednesday" and "Thursday" of different weeks: two happenings
    for done, done_published, pending, pending_published in (
        (mine, mine_published, theirs, theirs_published),
        (theirs, theirs_published, mine, mine_published),
    ):
        if done_published is None or pending_published is None:
            continue
        if done.last <= done_published and pending.first > pending_published >= done_published:
            return False  # one article reports it held, a later one still awaits it
    # two plans announced on different days: the plan may have changed
    return not (
        mine_published
        and theirs_published
        and mine_published != theirs_published
        and mine.first > mine_published
        and theirs.first > theirs_published
    )


def pending(mention: DateMention, published) -> bool:
    """Whether its article tells of the day as still to come: a plan, which may change."""
    return bool(published and mention.first and mention.first > published)


def scopes_fit(first: tuple[Words, ...], second: tuple[Words, ...]) -> bool:
    """A moment given for some places still fits one given for the whole; two lists of
    places fit when they share one."""
    if not first or not second:
        return True
    return bool(scope_key(first) & scope_key(second))


def eastern_minutes(time: ClockTime) -> int | None:
    if time.zone not in ZONE_OFFSET:
        return None
    return time.minutes + 60 * ZONE_OFFSET[time.zone]


def times_agree(first: ClockTime, second: ClockTime) -> bool | None:
    """True if the same moment, False if not, None if only time zones could tell."""
    if first.zone == second.zone or "" in (first.zone, second.zone):
        low = max(first.minutes - first.slack[0], second.minutes - second.slack[0])
        high = min(first.minutes + first.slack[1], second.minutes + second.slack[1])
        if low <= high and (first.slack != (0, 0) or second.slack != (0, 0)):
            return True  # "issued at 6:40 p.m." and "issued just before 7 p.m."
    if first.minutes == second.minutes and (
        not first.zone
        or not second.zone
        or first.zone == second.zone
        or "LOCAL" in (first.zone, second.zone)
    ):
        return True
    first_eastern, second_eastern = eastern_minutes(first), eastern_minutes(second)
    if first_eastern is not None and second_eastern is not None:
        return first_eastern == second_eastern
    if abs(first.minutes - second.minutes) in (60, 120, 180):
        return None  # a local time may be this one in another of the country's zones
    return False


def compare_times(claim: Facts, passage: Facts, result: Comparison) -> None:
    """Times of the same moment (a start, an end, a deadline) agree, differ, or differ by
    exactly what separates two time zones when one gives no zone."""
    for mine in claim.times:
        if not mine.role or mine.role == "report":
            continue
        same_role = [
            theirs
            for theirs in passage.times
            if same_happening(mine.role, theirs.role)
            and not (mine.day and theirs.day and mine.day != theirs.day)
            and not (mine.weekday and theirs.weekday and mine.weekday != theirs.weekday)
        ]
        verdicts = [(times_agree(mine, theirs), theirs) for theirs in same_role]
        label = f"{mine.role} time"
        if agreeing := [theirs for agreed, theirs in verdicts if agreed]:
            theirs = agreeing[0]
            result.agree(
                f"same {label}: {quoted(mine.text)} and {quoted(theirs.text)}",
                [(theirs.start, theirs.end)],
                mine,
            )
        elif zoned := [theirs for agreed, theirs in verdicts if agreed is None]:
            theirs = zoned[0]
            reason = (
                f"{label} {quoted(mine.text)} vs {quoted(theirs.text)}: "
                "may be the same moment in different time zones"
            )
            result.agree(reason, [(theirs.start, theirs.end)], mine)
        elif verdicts:
            theirs = verdicts[0][1]
            shared = set(map(canonical, mine.context)) & set(map(canonical, theirs.context))
            if scopes_fit(mine.scope, theirs.scope) and mine.role != "deadline" and shared:
                reason = f"{label} differs: {quoted(mine.text)} vs {quoted(theirs.text)}"
                result.conflict(
                    reason,
                    [(theirs.start, theirs.end)],
                    needs=OTHER_DAY_CLASH,
                    facts=(mine, theirs),
                )
        else:
            other = [theirs for theirs in passage.times if theirs.role and theirs.role != mine.role]
            if other and "deadline" in {mine.role, other[0].role}:
                theirs = other[0]
                result.note(
                    f"a deadline is not a start: {quoted(mine.role_words)} {quoted(mine.text)} vs "
                    f"{quoted(theirs.role_words)} {quoted(theirs.text)}: not comparable",
                    [(theirs.start, theirs.end)],
                )


def thing_key(duration: Duration) -> str:
    return canonical(stem(duration.thing.text)) if duration.thing.text else ""


def compare_durations(
    claim: Facts, passage: Facts, result: Comparison, claim_published=None, passage_published=None
) -> None:
    far_apart = bool(
        claim_published
        and passage_published
        and abs((claim_published - passage_published).days) > 2
    )
    for mine in claim.durations:
        for theirs in passage.durations:
            same_thing = (
                thing_key(mine) == thing_key(theirs) or not thing_key(mine) or not thing_key(theirs)
            )
            if not same_thing or not scopes_fit(mine.scope, theirs.scope):
                continue
            one_time = (mine.modality == "earlier") == (theirs.modality == "earlier")
            if abs(mine.hours - theirs.hours) < 1e-6 and one_time:  # not last year's strike
                result.agree(
                    f"same length: {quoted(mine.text)} and {quoted(theirs.text)}",
                    [(theirs.start, theirs.end)],
                    mine,
                )
                break
            same_moment = ("earlier" in (mine.modality, theirs.modality)) == (
                mine.modality == theirs.modality
            ) and not far_apart
            exact = not mine.qualifier and not theirs.qualifier and same_moment
            named = thing_key(mine) and thing_key(mine) == thing_key(theirs)
            if exact and named and mine.scope == theirs.scope == ():
                their_words = theirs.text + (
                    " " + theirs.thing.text if theirs.thing.start == theirs.end + 1 else ""
                )
                my_words = mine.text + (
                    " " + mine.thing.text if mine.thing.start == mine.end + 1 else ""
                )
                result.conflict(
                    f"length differs: {quoted(my_words)} vs {quoted(their_words)}",
                    [(theirs.start, theirs.end)],
                    needs=LENGTH_CLASH,
                    facts=(mine, theirs),
                )
                break


def compare_superlatives(claim: Facts, passage: Facts, result: Comparison) -> None:
    for mine in claim.superlatives:
        for theirs in passage.superlatives:
            if not superlatives_about_the_same(mine, theirs):
                continue
            if mine.rank == theirs.rank and mine.hedged == theirs.hedged:
                result.agree(
                    f"both call it the {quoted(theirs.text)}", [(theirs.start, theirs.end)], mine
                )
                return
            if mine.rank != theirs.rank and not mine.hedged and not theirs.hedged:
                result.conflict(
                    f"rank differs: {quoted(mine.text)} vs {quoted(theirs.text)}",
                    [(theirs.start, theirs.end)],
                    needs=OTHER_DAY_CLASH,
                )
                return


def superlatives_about_the_same(first: Superlative, second: Superlative) -> bool:
    """Same degree about the same thing: the shorter description within the longer; a
    record "this county has ever had" is not compared (which county?)."""
    if any(re.search(r"\b(?:this|that|its|their|our)\b", item.text) for item in (first, second)):
        return False
    heads = sorted(
        ({canonical(word) for word in first.head}, {canonical(word) for word in second.head}),
        key=len,
    )
    shorter, longer = heads
    fields_fit = True  # "in history", "ever", "on record": records alike; places decide
    places_fit = scope_key(first.scope) == scope_key(second.scope)
    return (
        first.degree == second.degree
        and bool(shorter)
        and len(shorter - longer) <= (1 if len(shorter) >= 3 else 0)
        and fields_fit
        and places_fit
    )


# --- what one side says is not part of it -------------------------------------------------------


def compare_exclusions(claim_text, passage_text, claim: Facts, passage: Facts, result) -> None:
    """What one side says took part and the other says did not: a count of people
    ("12,000 nurses walked out" against "the nurses' union is not part of the strike")
    or a named thing ("the recall covers the Roamer Duo" against "the Roamer Duo is not
    included in this recall")."""
    for exclusion in passage.exclusions:
        span = [(exclusion.start, exclusion.end)]
        if clash := excluded_count(exclusion, claim):
            result.conflict(
                f"counted here, excluded there: {quoted(phrase(claim_text, clash))} vs "
                f"{quoted(exclusion.text)}",
                span,
                needs=SAME_NUMBER_CLASH,
            )
            return
        if name := included_name(exclusion, claim_text, claim):
            result.conflict(
                f"included here, excluded there: {quoted(name)} vs {quoted(exclusion.text)}",
                span,
                needs=SAME_NUMBER_CLASH,
            )
            return
    for exclusion in claim.exclusions:
        if clash := excluded_count(exclusion, passage):
            result.conflict(
                f"excluded here, counted there: {quoted(exclusion.text)} vs "
                f"{quoted(phrase(passage_text, clash))}",
                [(clash.start, clash.end)],
                needs=SAME_NUMBER_CLASH,
            )
            return
        if name := included_name(exclusion, passage_text, passage):
            where = passage_text.find(name)
            result.conflict(
                f"excluded here, included there: {quoted(exclusion.text)} vs {quoted(name)}",
                [(where, where + len(name))],
                needs=SAME_NUMBER_CLASH,
            )
            return


def excluded_count(exclusion: Exclusion, facts: Facts) -> Quantity | None:
    """A count of people taking part that the exclusion leaves out (none in a sentence that
    itself denies or excludes)."""
    if facts.negated or facts.exclusions:
        return None
    return excluded_from(exclusion, facts.quantities)


def excluded_from(exclusion: Exclusion, quantities: list[Quantity]) -> Quantity | None:
    for quantity in quantities:
        if quantity.kind != "count" or quantity.is_vague or quantity.unit in PEOPLE:
            continue
        if quantity.role not in PARTICIPATION or quantity.modality:
            continue
        if quantity.unit and quantity.unit in exclusion.subject:
            return quantity
    return None


INCLUDING = re.compile(
    r"\b(?:includ(?:e|es|ed|ing)|cover(?:s|ed|ing)?|among|part\s+of|involv(?:e|es|ed|ing)"
    r"|join(?:s|ed|ing)?|took\s+part|taking\s+part|participat(?:e|es|ed|ing)|recall(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
LEFT_OUT = re.compile(r"\b(?:outside|exclud\w*|exempt\w*|except\w*|spared|left\s+out)\b", re.I)
NAME_RUN = re.compile(r"\b(?!The\b|A\b|An\b)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")


def included_name(exclusion: Exclusion, text: str, facts: Facts) -> str:
    """A name the exclusion leaves out that the other sentence counts in."""
    if facts.negated or facts.exclusions or not INCLUDING.search(text) or LEFT_OUT.search(text):
        return ""
    for name in NAME_RUN.findall(exclusion.words.text):
        if name in text:
            return name
    return ""


# --- a flag for a denial -----------------------------------------------------------------------

NEGATED_VERB = re.compile(
    r"(?:\b(?:not|never)\b|n[’']t\b)\s+(?P<verb>[a-z]+)\b(?P<object>(?:\s+[\w'’-]+){1,6})", re.I
)
INCLUSION_VERBS = {stem(verb) for verb in ("include", "involve", "join", "cover", "contain")}


def negation_note(claim_text: str, passage_text: str, claim: Facts, passage: Facts) -> str:
    """A flag when one side denies what the other affirms: the same verb (or two verbs of
    including) about a shared thing. Only a note: the two may mean different things."""
    if claim.negated == passage.negated:
        return ""
    negative, positive = (claim_text, passage_text) if claim.negated else (passage_text, claim_text)
    match = NEGATED_VERB.search(negative)
    if not match:
        return ""
    verb = stem(match["verb"])
    positive_words = {stem(word) for word in re.findall(r"[A-Za-z][\w'’-]*", positive)}
    same_verb = verb in positive_words or (
        verb in INCLUSION_VERBS and positive_words & INCLUSION_VERBS
    )
    shared = [
        word
        for word in re.findall(r"[A-Za-z][\w-]*", match["object"])
        if word.lower() not in STOPWORDS and stem(word) in positive_words
    ]
    if not same_verb or not shared:
        return ""
    denied = " ".join(match.group(0).split())
    return (
        f"negation: {quoted(denied)} vs an affirmative mention of "
        f"{', '.join(quoted(word) for word in shared)}: check they mean the same"
    )


def compare(
    claim_text: str,
    passage_text: str,
    claim: Facts,
    passage: Facts,
    claim_published=None,
    passage_published=None,
    actors: frozenset[str] = frozenset(),
) -> Comparison:
    result = Comparison()
    compare_quantities(claim_text, passage_text, claim, passage, result, actors)
    compare_times(claim, passage, result)
    compare_dates(claim, passage, result, claim_published, passage_published)
    compare_durations(claim, passage, result, claim_published, passage_published)
    compare_superlatives(claim, passage, result)
    compare_exclusions(claim_text, passage_text, claim, passage, result)
    if not result.conflicts and (note := negation_note(claim_text, passage_text, claim, passage)):
        result.notes.append(note)
    result.matches = list(dict.fromkeys(result.matches))
    result.conflicts = list(dict.fromkeys(result.conflicts))
    result.notes = list(dict.fromkeys(result.notes))
    return result


__all__ = ["QUALIFIER_WORDS", "Comparison", "checkable_facts", "compare", "core_facts"]


def same_value(first, second) -> bool:
    """Whether two facts of one kind give one value: the same figure of the same thing, the
    same day, the same moment, the same length."""
    if type(first) is not type(second):
        return False
    if isinstance(first, Quantity):
        roles_fit = not (first.role and second.role) or first.role == second.role
        things_fit = same_counted_thing(first, second) is not False
        return same_number(first, second) and things_fit and roles_fit
    if isinstance(first, DateMention):
        return bool(same_day(first, second)) and first.role == second.role
    if isinstance(first, ClockTime):
        return bool(times_agree(first, second)) and first.role == second.role
    if isinstance(first, Duration):
        return abs(first.hours - second.hours) < 1e-6
    return False


def facts_of(facts: Facts) -> list:
    return [*facts.quantities, *facts.dates, *facts.times, *facts.durations]
