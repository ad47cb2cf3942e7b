"""Check-worthy claims: which sentences state something an editor can check,
of what kind, and who the article says is making the claim."""

import json
import re
from dataclasses import dataclass
from datetime import date

from .facts import Facts, extract_facts
from .text import Sentence, split_sentences, stem

REPORTING_VERB = (
    r"(?:said|says|say|saying|reported|reports|report|told|tells|wrote|writes|announced"
    r"|announces|claimed|claims|alleged|alleges|argued|argues|noted|notes|added|adds|stated"
    r"|states|estimated|estimates|disputes|disputed|confirmed|confirms|acknowledged|insisted"
    r"|insists|warned|warns|explained|explains|continued|read|reads|believes|believed)"
)
NAMING_VERB = r"(?:called|calls|calling|termed|terms|describes?|described|dubbed)"
ROLE_WORDS = (
    r"(?i:officials?|leaders?|representatives?|spokes(?:person|man|woman)|executives?|members?"
    r"|organizers?|authorities|police|researchers?|experts?|analysts?|critics?|staff|lawyers?"
    r"|attorneys?|sources?|statement|release|unions?|compan(?:y|ies)|government"
    r"|administration|department|agency|office|campaign|group|coalition|workers|employees"
    r"|county|city|state|council|board|court|ministry|district|prosecutors?|hospital"
    r"|university|school|police|firefighters|investigators|regulators|witnesses)"
)
# Capitalised words that open sentences without naming anyone.
NOT_A_NAME = (
    r"(?!(?:Additionally|Meanwhile|However|Also|Still|Instead|Overall|Finally|Separately"
    r"|Earlier|Later|Previously|Now|Then|Since|After|Before|In|On|At|But|And|So|Yet|While"
    r"|When|If|Last|This|That|These|Those|The|A|An|Some|Many|Most|All|Both)\b)"
)
NAME = (
    rf"{NOT_A_NAME}[A-Z][\w.'’&-]*"
    r"(?:\s+(?:of|the|for|and|de|la|von|van|&)?\s*[A-Z][\w.'’&-]*){0,7}"
)
MODIFIERS = r"(?:(?!(?:and|or|but|that|which|who|what)\b)[a-z][\w-]*\s+){0,3}"
SOURCE = (
    rf"(?:(?:[Tt]he\s+|[Aa]n?\s+|[Tt]heir\s+|[Ii]ts\s+)?(?:{NAME}\s+)?{MODIFIERS}"
    rf"(?:{ROLE_WORDS}\s+){{0,2}}{ROLE_WORDS}(?:\s+{NAME})?"
    rf"|(?:the\s+)?{MODIFIERS}{NAME}|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e)"
)
AUXILIARY = r"(?:(?:has|have|had|is|was|were|will|would|also|again|later|previously)\s+){0,2}"
APPOSITION = r"(?:,\s*[^,\"“”]{1,90}?,?)?"
ATTRIBUTIONS = [
    re.compile(rf"\baccording to (?P<source>{SOURCE})"),
    re.compile(rf"\bwhat (?P<source>{SOURCE}) (?:is |are |was |were |has |have )?{NAMING_VERB}\b"),
    re.compile(
        rf",\s*(?P<source>{SOURCE})\s+(?:say|says|said|report|reports|reported)"
        rf"(?:\s+[\w.]+){{0,4}}[.\"”]*$"  # ", Cal Fire said Tuesday.", "..., it said in a release."
    ),
    re.compile(rf"[\"”]\s*,?\s*(?P<source>{SOURCE}){APPOSITION}\s+{AUXILIARY}{REPORTING_VERB}\b"),
    re.compile(rf"[,\"”]\s*{REPORTING_VERB}\s+(?P<source>{SOURCE})[.,]?\s*$"),
    re.compile(
        rf"^(?:[^,]{{0,70}},\s*)?(?P<source>{SOURCE}){APPOSITION}\s+{AUXILIARY}{REPORTING_VERB}\b"
    ),
    # "Elections manager Paul Duquette summed it up this way: “...”"
    re.compile(rf"^(?P<source>{SOURCE})\s+[^:“\"]{{3,60}}:\s*[“\"]"),
]
PRONOUNS = {"he", "she", "they", "it", "we"}
DOCUMENTS = {"the statement", "a statement", "the release", "the news release", "a release"}
QUOTATION = re.compile(r"[\"“](?P<words>[^\"“”]{12,})[\"”]|[\"“](?P<open>[^\"“”]{12,})$")

SERVICE_INFORMATION = re.compile(
    r"\(?\d{3}\)?[\s.-]?\d{3}-\d{4}|\b(?:can|should|may) call\b|\b(?:are|is) encouraged to\b"
    r"|\bclick (?:here|the link)\b|\bsign up\b|\bsubscribe\b|\bfor more information\b"
    r"|\bvisit (?:www\.|the website)|\bonline at\b",
    re.IGNORECASE,
)
FEELINGS = (
    r"frustrated|angry|upset|happy|sad|disappointed|worried|excited|proud|hopeful|grateful"
    r"|tired|afraid|scared|optimistic|pessimistic|heartbroken|furious|relieved|thrilled"
)
FEELING_REPORT = re.compile(
    rf"\b{REPORTING_VERB}\s+(?:that\s+)?(?:he|she|they|I|we)(?:[’']s|[’']re| is| are| was| were"
    rf"| feels?| felt)\s+(?:\w+\s+)?(?:{FEELINGS})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Passage:
    """A sentence of an article, read for what it states and who says it."""

    start: int
    end: int
    text: str
    kind: str
    facts: Facts
    attribution: str = ""
    quote: str = ""
    check_worthy: bool = True
    published: date | None = None  # the article's date, which relative dates were read against

    def facts_json(self) -> dict:
        """The facts as plain JSON (lists, not tuples), the quotation and its speaker included."""
        data = self.facts.as_json()
        if self.quote:
            data["quote"] = {"words": self.quote, "speaker": self.attribution}
        return json.loads(json.dumps(data))


INSTITUTIONS = re.compile(
    r"\b(unions?|coalition|county|city|state|council|board|court|ministry|district|hospital"
    r"|university|school|police|government|administration|department|agency|company)\b",
    re.IGNORECASE,
)


def source_family(attribution: str) -> str:
    """Who, in the end, says it: 'union officials' and 'the unions' -> 'union';
    'Northline officials' and 'a Northline spokesperson' -> 'northline'."""
    if not attribution:
        return ""
    if institution := INSTITUTIONS.search(attribution):
        return stem(institution.group(1))
    words = re.findall(r"[A-Za-z][\w'’-]*", attribution)
    named = [word for word in words if word[0].isupper() and word.lower() not in {"the", "a"}]
    return (named[0] if named else words[-1]).lower()


def find_attribution(text: str) -> str:
    for pattern in ATTRIBUTIONS:
        if match := pattern.search(text):
            return " ".join(match["source"].split()).strip(" ,.")
    return ""


def quoted_words(sentence: Sentence) -> str:
    """The words in quotation marks; all of it for a sentence inside a running quotation."""
    text = sentence.text
    if sentence.quote_continues:
        return text.strip('“”" ,.')
    match = QUOTATION.search(text)
    if match:
        return (match["words"] or match["open"]).strip(" ,.")
    if text.startswith(("“", '"')) or text.endswith(("”", '"')):
        return text.strip('“”" ,.')
    return ""


def is_check_worthy(sentence: Sentence, facts: Facts, quote: str) -> bool:
    text = sentence.text
    if text.rstrip("\"”’' ").endswith("?") or len(text.split()) < 5:
        return False
    if SERVICE_INFORMATION.search(text):
        return False
    return not (FEELING_REPORT.search(text) and facts.is_empty and not quote)


def kind_of(facts: Facts, quote: str) -> str:
    if facts.quantities or facts.durations:
        return "quantity"
    if facts.times or facts.dates:
        return "date"
    if facts.superlatives:
        return "superlative"
    if quote:
        return "quote"
    return "statement"


def resolve(source: str, previous: dict[str, str]) -> str:
    """Who a pronoun or a surname stands for: "he" or "Robinson" -> "Julian Robinson"."""
    lower = source.lower()
    if lower in {"he", "she"}:
        return previous.get("person", "")
    if lower in {"they", "it", "we"}:
        return previous.get("group", "") or previous.get("person", "")
    if lower in DOCUMENTS:
        return previous.get("group", source)
    person = previous.get("person", "")
    if " " not in source and person.split()[-1:] == [source]:
        return person
    return source


def remember(source: str, previous: dict[str, str]) -> None:
    if not source or source.lower() in PRONOUNS:
        return
    words = source.split()
    looks_personal = len(words) >= 2 and all(word[0].isupper() for word in words[-2:])
    if looks_personal and not re.search(ROLE_WORDS, source):
        previous["person"] = source
    elif not previous.get("person", "").endswith(source):
        previous["group"] = source


def read_passages(
    body: str, published: date | None = None, around: date | None = None
) -> list[Passage]:
    """Every sentence of an article body, in order, with exact spans and its facts;
    relative dates are read against the article's date (or, undated, the story's)."""
    passages: list[Passage] = []
    previous: dict[str, str] = {}
    last_paragraph, last_quote_source = -1, ""
    for sentence in split_sentences(body):
        if sentence.paragraph != last_paragraph:
            last_paragraph, last_quote_source = sentence.paragraph, ""
        facts = extract_facts(sentence.text, published, around)
        quote = quoted_words(sentence)
        source = resolve(find_attribution(sentence.text), previous)
        if quote and not source and (sentence.quote_continues or last_quote_source):
            source = last_quote_source  # the quotation goes on: same speaker
        remember(source, previous)
        if quote:
            last_quote_source = source
        passages.append(
            Passage(
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
                kind=kind_of(facts, quote),
                facts=facts,
                attribution=source,
                quote=quote,
                check_worthy=is_check_worthy(sentence, facts, quote),
                published=published,
            )
        )
    return passages


def extract_claims(body: str, published: date | None = None) -> list[Passage]:
    """The check-worthy sentences of an article body."""
    return [passage for passage in read_passages(body, published) if passage.check_worthy]
