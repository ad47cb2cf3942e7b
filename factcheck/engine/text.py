"""Sentences and words of a news article, with their character spans.

Splitting news copy into sentences has to survive abbreviations ("D.C.",
"a.m.", "Calif.", "Sept."), initials ("Mary K. Smith"), quotations that run
over several sentences, datelines ("SAN FRANCISCO – ") and section labels
("Why it matters: ").
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import SYNONYMS

ABBREVIATIONS = {
    # titles and ranks
    "mr", "mrs", "ms", "dr", "gov", "sen", "rep", "reps", "gen", "col", "lt", "sgt", "capt",
    "prof", "rev", "st", "jr", "sr", "supt", "atty", "amb", "pres", "sec", "adm", "cmdr",
    # months
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    # US state abbreviations in AP style
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
    "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
    "ore", "pa", "tenn", "tex", "vt", "va", "wash", "wis", "wyo",
    # companies, places, misc
    "inc", "corp", "co", "ltd", "bros", "no", "nos", "vs", "approx", "est", "dept", "univ",
    "ave", "blvd", "rd", "mt", "ft", "fig", "vol", "ch", "pp",
}  # fmt: skip

# Words that open a sentence, used to decide whether "U.S." or "a.m." ends one.
SENTENCE_OPENERS = {
    "the", "a", "an", "he", "she", "they", "it", "we", "i", "you", "in", "but", "and", "this",
    "that", "those", "these", "there", "some", "many", "most", "after", "before", "on", "at",
    "his", "her", "their", "its", "our", "as", "if", "when", "while", "since", "for", "by",
    "with", "officials", "meanwhile", "still", "also", "both", "all", "one", "two", "no",
}  # fmt: skip

OPENING_QUOTES = "“‘"
CLOSING_QUOTES = "”’"
STRAIGHT_QUOTE = '"'

BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
WORD_BEFORE = re.compile(r"([A-Za-z.]+)[.]$")
DATELINE = re.compile(
    r"^(?:\([A-Z][A-Z .,'’-]+\)|[A-Z][A-Z.'’ -]+(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
    r"(?: \([A-Za-z&. ]{1,30}\))?)\s*(?:--|—|–|-)\s+"
)
SECTION_LABEL = re.compile(r"^(?:[A-Z][\w'’]*)(?: [\w'’]+){0,3}: (?=[A-Z“\"])")
REPORTING_WORDS = re.compile(r"\b(?:said|says|say|told|wrote|writes|asked|added)\b")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    quote_continues: bool = False  # starts inside a quotation opened by an earlier sentence


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for block in re.split(r"(\n\s*\n)", body):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            leading = len(block) - len(block.lstrip())
            spans.append((position + leading, position + len(block.rstrip())))
        position += len(block)
    return spans


def opening_matter(paragraph: str) -> int:
    """Length of a dateline or section label opening the paragraph (not part of a claim)."""
    length = 0
    dateline = DATELINE.match(paragraph)
    if dateline and any(char.isalpha() for char in dateline.group(0)):
        head = dateline.group(0).split(",")[0]
        if sum(char.isupper() for char in head) >= 3:
            length = dateline.end()
    label = SECTION_LABEL.match(paragraph[length:])
    if label and not REPORTING_WORDS.search(label.group(0)):
        length += label.end()
    return length


def is_abbreviation(text: str, period: int) -> bool:
    """Whether the "." at text[period] closes an abbreviation rather than a sentence."""
    match = WORD_BEFORE.search(text[max(0, period - 20) : period + 1])
    if not match:
        return False
    word = match.group(1)
    bare = word.strip(".").lower()
    if "." in word.strip("."):  # U.S., D.C., a.m., N.Y.
        following = text[period + 1 :].split(None, 1)
        next_word = following[0].strip('"“‘(').lower() if following else ""
        return next_word not in SENTENCE_OPENERS
    if len(bare) == 1 and word[0].isupper():  # an initial: Mary K. Smith
        return True
    return bare in ABBREVIATIONS


def split_sentences(body: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    in_quote = False
    for number, (start, end) in enumerate(paragraph_spans(body)):
        paragraph = body[start:end]
        cursor = opening_matter(paragraph)
        in_quote = False
        pieces = []
        for match in BOUNDARY.finditer(paragraph):
            period = match.start()
            if paragraph[period] == "." and is_abbreviation(paragraph, period):
                continue
            pieces.append((cursor, match.end()))
            cursor = match.end()
            while cursor < len(paragraph) and paragraph[cursor].isspace():
                cursor += 1
        if cursor < len(paragraph):
            pieces.append((cursor, len(paragraph)))
        for piece_start, piece_end in pieces:
            text = paragraph[piece_start:piece_end].strip()
            if not text:
                continue
            offset = (
                start
                + piece_start
                + (
                    len(paragraph[piece_start:piece_end])
                    - len(paragraph[piece_start:piece_end].lstrip())
                )
            )
            continues = in_quote and not text.startswith(tuple(OPENING_QUOTES + STRAIGHT_QUOTE))
            sentences.append(Sentence(offset, offset + len(text), text, number, continues))
            in_quote = quote_open_after(text, in_quote)
    return sentences


def quote_open_after(text: str, open_before: bool) -> bool:
    """Whether a quotation is still open at the end of this sentence."""
    state = open_before
    for index, char in enumerate(text):
        if char in "“":
            state = True
        elif char in "”":
            state = False
        elif char == STRAIGHT_QUOTE:
            state = not state
        elif char == "‘" and (index == 0 or not text[index - 1].isalpha()):
            continue  # nested single quotes do not change the outer state
    return state


# --- words ---------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")

STOPWORDS = set(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not of off on once only or other
    our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours yourself
    yourselves said says say saying told according statement also would could may might must
    shall one ones per since still though yet however its it's they're theyre we're we've
    you're i'm isn't wasn't don't doesn't didn't won't can't new mr ms mrs several many much
    few various certain another lot like nearly almost roughly approximately around than least
    none""".split()
)

IRREGULAR = {
    "men": "man", "women": "woman", "people": "person", "children": "child",
    "kept": "keep", "made": "make", "paid": "pay", "went": "go", "gone": "go", "began": "begin",
    "begun": "begin", "struck": "strike", "brought": "bring", "held": "hold", "told": "tell",
    "left": "leave", "met": "meet", "took": "take", "taken": "take", "won": "win",
    "lost": "lose", "ran": "run", "sought": "seek", "fought": "fight", "spent": "spend",
    "built": "build", "sold": "sell", "bought": "buy", "grew": "grow", "grown": "grow",
    "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "chose": "choose",
    "gave": "give", "given": "give", "knew": "know", "known": "know", "led": "lead",
    "found": "find", "felt": "feel", "hid": "hide", "shut": "shut", "wrote": "write",
}  # fmt: skip


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light, predictable stem: "strikes", "striking" and "strike" all give "strik"."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'")
    word = IRREGULAR.get(word, word)
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    for suffix, shortest in (("ing", 2), ("ed", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] in "bdgmnprt":
                word = word[:-1]
            return word  # "agreed" -> "agre", as "agree" gives below
    if word.endswith("ment") and len(word) > 8:  # "containment", "agreement"
        word = word[:-4]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


@lru_cache(maxsize=50_000)
def content_words(text: str) -> tuple[str, ...]:
    """Stems of the words that carry meaning (no stopwords, no bare numbers)."""
    return tuple(
        stem(word)
        for word in WORD.findall(text)
        if word.lower().replace("’", "'") not in STOPWORDS and not word[0].isdigit()
    )


def word_spans(text: str) -> list[tuple[int, int, str]]:
    return [(match.start(), match.end(), match.group(0)) for match in WORD.finditer(text)]


CANONICAL = {stem(word): stem(group[0]) for group in SYNONYMS for word in group}


def canonical(word_stem: str) -> str:
    """One stem for words that stand for one another: "walkout" and "strike"."""
    return CANONICAL.get(word_stem, word_stem)
