"""How one passage bears on a claim: which facts they share, which conflict.

Each comparison returns readable reasons ("both give 75,000 workers",
"qualifier differs: 'more than' vs 'nearly' 75,000"). A conflict only counts
when both sentences are about the same thing: the same kind of count, the same
place, the same moment of the same event.
"""

import re
from dataclasses import dataclass, field

from .facts import PEOPLE, ClockTime, DateMention, Duration, Facts, Quantity, Superlative
from .text import STOPWORDS, stem

ZONE_OFFSET = {  # hours behind Eastern time
    "ET": 0, "EDT": 0, "EST": 0, "CT": 1, "CDT": 1, "CST": 1,
    "MT": 2, "MDT": 2, "MST": 2, "PT": 3, "PDT": 3, "PST": 3,
}  # fmt: skip
SAME_NUMBER_CLASH = 0.15  # "more than N" vs "nearly N": the shared number ties them already
OTHER_NUMBER_CLASH = 0.35  # a different number is often a different thing: ask for more
SAME_NOUN_CLASH = 0.25  # unless it counts the very same noun
OTHER_DAY_CLASH = 0.25  # a different start or end of what both say starts or ends
QUALIFIER_WORDS = {
    "above": "more than", "below": "nearly", "approx": "about", "at least": "at least",
    "at most": "up to", "exact": "exactly", "vague": "", "": "",
}  # fmt: skip


@dataclass
class Comparison:
    """What comparing the facts of a claim and a passage found."""

    matches: list[str] = field(default_factory=list)  # reasons they agree
    # reasons they contradict, each with the similarity that proves both sentences
    # speak of the same thing: a different number needs more of it than a clashing
    # qualifier on the same number does
    conflicts: list[tuple[str, float]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # differences that are not conflicts
    matched_spans: list[tuple[int, int]] = field(default_factory=list)  # in the passage
    core_matched: int = 0  # the claim's precise facts this passage also gives

    def conflict(self, reason: str, span: tuple[int, int], *, needs: float) -> None:
        self.conflicts.append((reason, needs))
        self.matched_spans.append(span)

    def agree(self, reason: str, span: tuple[int, int], *, core: bool = True) -> None:
        self.matches.append(reason)
        self.matched_spans.append(span)
        self.core_matched += core


def precise_figures(facts: Facts) -> int:
    return sum(1 for quantity in facts.quantities if quantity.qualifier != "vague")


def precise_date(mention: DateMention) -> bool:
    """A calendar date, or the day something starts or ends ("began Sunday"); not the
    weekday a story merely happened on ("said Wednesday")."""
    return bool(mention.month or mention.year or (mention.weekday and mention.role))


def core_facts(facts: Facts) -> int:
    """How many precise, checkable facts a sentence states (vague amounts aside)."""
    return (
        precise_figures(facts)
        + sum(1 for mention in facts.dates if precise_date(mention))
        + sum(1 for time in facts.times if time.role)
        + len(facts.durations)
        + len(facts.superlatives)
    )


def format_number(value: float) -> str:
    if value >= 1_000_000_000 and value % 100_000_000 == 0:
        return f"{value / 1_000_000_000:g} billion"
    if value >= 1_000_000 and value % 100_000 == 0:
        return f"{value / 1_000_000:g} million"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def describe(quantity: Quantity) -> str:
    number = format_number(quantity.value)
    if quantity.high is not None and quantity.qualifier != "vague":
        number = f"{number} to {format_number(quantity.high)}"
    if quantity.qualifier == "vague":
        return quantity.text.lower()
    if quantity.unit == "dollar":
        return f"${number}"
    return f"{number} {quantity.noun}".strip()


def same_kind_of_count(first: Quantity, second: Quantity) -> bool:
    if first.unit == second.unit:
        return bool(first.unit)
    return first.unit in PEOPLE and second.unit in PEOPLE


def overall(places: set[str]) -> bool:
    return places <= {"nationwide"}


def scopes_differ(first: tuple[str, ...], second: tuple[str, ...], *, counts: bool = True) -> bool:
    """Whether two facts are about different places or times.

    A count for one state differs from the national count; a duration or a time
    given for some places still fits the story as a whole, unless both name
    places and none is shared.
    """
    if ("earlier" in first) != ("earlier" in second):
        return True
    places, other_places = set(first) - {"earlier"}, set(second) - {"earlier"}
    if overall(places) and overall(other_places):
        return False
    if not counts and (overall(places) or overall(other_places)):
        return False
    return not places & other_places


def scope_label(scope: tuple[str, ...]) -> str:
    return ", ".join(scope) if not overall(set(scope)) else "overall"


def bounds(quantity: Quantity) -> tuple[float, float]:
    """The range of values a quantity allows, qualifier included."""
    value = quantity.value
    if quantity.high is not None:
        return value, quantity.high
    slack = abs(value) * 0.02  # rounding: 75,000 for 74,600; but 2 is not 3
    return {
        "above": (value, value * 10),
        "at least": (value, value * 10),
        "below": (value * 0.8, value),
        "at most": (0, value),
        "approx": (value * 0.9, value * 1.1),
    }.get(quantity.qualifier, (value - slack, value + slack))


def qualifiers_clash(first: Quantity, second: Quantity) -> bool:
    """'more than N' against 'nearly N': one says above, the other below."""
    pair = {first.qualifier, second.qualifier}
    return pair in ({"above", "below"}, {"above", "at most"}, {"at least", "below"})


def compare_quantities(claim: Facts, passage: Facts, context_shared, result: Comparison) -> None:
    for mine in claim.quantities:
        best_conflict: tuple[str, float, tuple[int, int]] | None = None
        for theirs in passage.quantities:
            if not same_kind_of_count(mine, theirs):
                continue
            low, high = bounds(mine)
            other_low, other_high = bounds(theirs)
            overlap = low <= other_high and other_low <= high
            same_number = abs(mine.value - theirs.value) <= 0.02 * max(mine.value, 1)
            agree = overlap and (same_number or context_shared(mine, theirs))
            if agree and not qualifiers_clash(mine, theirs):
                precise = mine.qualifier != "vague"
                result.agree(
                    f"both give {describe(mine)}", (theirs.start, theirs.end), core=precise
                )
                best_conflict = None
                break
            if not context_shared(mine, theirs):
                continue
            if scopes_differ(mine.scope, theirs.scope):
                result.notes.append(
                    f"different figure for a different scope ({scope_label(mine.scope)} vs "
                    f"{scope_label(theirs.scope)}): not a contradiction"
                )
            elif qualifiers_clash(mine, theirs):
                reason = (
                    f"qualifier differs: '{QUALIFIER_WORDS[mine.qualifier]}' vs "
                    f"'{QUALIFIER_WORDS[theirs.qualifier]}' {format_number(mine.value)}"
                )
                best_conflict = (reason, SAME_NUMBER_CLASH, (theirs.start, theirs.end))
            elif mine.qualifier != "vague" and theirs.qualifier != "vague":
                reason = f"figure differs: {describe(mine)} vs {describe(theirs)}"
                # The same counted noun ("firefighters", "cars") ties two figures more
                # than two words for people ("workers", "members") do.
                needs = SAME_NOUN_CLASH if mine.unit == theirs.unit else OTHER_NUMBER_CLASH
                best_conflict = (reason, needs, (theirs.start, theirs.end))
        if best_conflict:
            reason, needs, span = best_conflict
            result.conflict(reason, span, needs=needs)


def eastern_minutes(time: ClockTime) -> int | None:
    if time.zone not in ZONE_OFFSET:
        return None
    return time.minutes + 60 * ZONE_OFFSET[time.zone]


def clock(time: ClockTime) -> str:
    hours, minutes = divmod(time.minutes, 60)
    half = "a.m." if hours < 12 else "p.m."
    text = f"{hours % 12 or 12}{f':{minutes:02d}' if minutes else ''} {half}"
    return f"{text} {time.zone}".strip()


def times_agree(first: ClockTime, second: ClockTime) -> bool | None:
    """True if the same moment, False if not, None if only time zones could tell."""
    if first.minutes == second.minutes and (not first.zone or not second.zone):
        return True
    first_eastern, second_eastern = eastern_minutes(first), eastern_minutes(second)
    if first_eastern is not None and second_eastern is not None:
        return first_eastern == second_eastern
    difference = abs(first.minutes - second.minutes)
    if difference in (60, 120, 180):
        return None  # a zoneless local time may be this one elsewhere in the country
    return False


def compare_times(claim: Facts, passage: Facts, result: Comparison) -> None:
    """Times of the same moment (a start, an end, or neither) agree, differ, or differ
    by exactly what separates two US time zones when one gives no zone."""
    for mine in claim.times:
        label = f"{mine.role} time" if mine.role else "time"
        verdicts = [
            (times_agree(mine, theirs), theirs)
            for theirs in passage.times
            if mine.role == theirs.role
        ]
        core = bool(mine.role)
        if agreeing := [theirs for agreed, theirs in verdicts if agreed]:
            theirs = agreeing[0]
            result.agree(f"same {label}: {clock(mine)}", (theirs.start, theirs.end), core=core)
        elif zoned := [theirs for agreed, theirs in verdicts if agreed is None]:
            theirs = zoned[0]
            reason = (
                f"{label} {clock(mine)} vs {clock(theirs)}: "
                "may be the same moment in different time zones"
            )
            result.agree(reason, (theirs.start, theirs.end), core=core)
        elif verdicts:
            theirs = verdicts[0][1]
            if not scopes_differ(mine.scope, theirs.scope, counts=False):
                reason = f"{label} differs: {clock(mine)} vs {clock(theirs)}"
                result.conflict(reason, (theirs.start, theirs.end), needs=OTHER_DAY_CLASH)


def same_day(first: DateMention, second: DateMention) -> bool | None:
    if first.month and second.month and first.day and second.day:
        return (first.month, first.day) == (second.month, second.day)
    if first.weekday and second.weekday:
        return first.weekday == second.weekday
    if first.month and second.month and not first.day and not second.day:
        return first.month == second.month
    return None


def compare_dates(claim: Facts, passage: Facts, result: Comparison) -> None:
    for mine in claim.dates:
        for theirs in passage.dates:
            agreed = same_day(mine, theirs)
            if agreed:
                core = precise_date(mine) and (mine.role == theirs.role or not mine.weekday)
                result.agree(f"same date: {mine.text}", (theirs.start, theirs.end), core=core)
                break
            if agreed is False and mine.role and mine.role == theirs.role:
                reason = f"{mine.role} date differs: {mine.text} vs {theirs.text}"
                result.conflict(reason, (theirs.start, theirs.end), needs=OTHER_DAY_CLASH)
                break


def compare_durations(claim: Facts, passage: Facts, result: Comparison) -> None:
    for mine in claim.durations:
        same_unit = [
            theirs
            for theirs in passage.durations
            if theirs.unit == mine.unit
            and not scopes_differ(mine.scope, theirs.scope, counts=False)
        ]
        if matching := [theirs for theirs in same_unit if theirs.amount == mine.amount]:
            result.agree(
                f"both say {describe_duration(mine)}", (matching[0].start, matching[0].end)
            )


def describe_duration(duration: Duration) -> str:
    amount = f"{duration.amount:g}"
    return f"{amount} {duration.unit}{'' if amount == '1' else 's'}"


def compare_superlatives(claim: Facts, passage: Facts, result: Comparison) -> None:
    for mine in claim.superlatives:
        for theirs in passage.superlatives:
            if superlatives_agree(mine, theirs):
                result.agree(f"both call it the {theirs.text}", (theirs.start, theirs.end))
                return


def superlatives_agree(first: Superlative, second: Superlative) -> bool:
    """Same degree about the same thing: the shorter description within the longer."""
    shorter, longer = sorted((set(first.head), set(second.head)), key=len)
    return (
        first.degree == second.degree
        and first.hedged == second.hedged
        and bool(shorter)
        and len(shorter - longer) <= (1 if len(shorter) >= 3 else 0)
    )


NEGATED_VERB = re.compile(
    r"(?:\b(?:not|never)\b|n[’']t\b)\s+(?P<verb>[a-z]+)\b(?P<object>(?:\s+[\w'’-]+){1,6})", re.I
)
INCLUSION_VERBS = {stem(verb) for verb in ("include", "involve", "join", "cover", "contain")}


def negation_note(claim_text: str, passage_text: str, claim: Facts, passage: Facts) -> str:
    """A flag when one side denies what the other affirms: the same verb (or two verbs of
    including: "doesn't involve nurses" vs "includes nurses") about a shared thing.

    Only a note, never a contradiction: the two may mean different things (a union
    of nurses, or nurses of another union), and an editor should look.
    """
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
    return f"negation: '{denied}' vs an affirmative mention of {', '.join(shared)}"


def compare(
    claim_text: str, passage_text: str, claim: Facts, passage: Facts, context_shared
) -> Comparison:
    result = Comparison()
    compare_quantities(claim, passage, context_shared, result)
    compare_times(claim, passage, result)
    compare_dates(claim, passage, result)
    compare_durations(claim, passage, result)
    compare_superlatives(claim, passage, result)
    if note := negation_note(claim_text, passage_text, claim, passage):
        result.notes.append(note)
    result.matches = list(dict.fromkeys(result.matches))
    result.conflicts = list(dict.fromkeys(result.conflicts))
    result.notes = list(dict.fromkeys(result.notes))
    return result
