"""Finding, for a claim, the passages of other outlets' articles that bear on it.

Passages of one story go into an inverted index; a claim is compared only
with passages that share a term with it (never with the whole corpus, never
with its own outlet). Each candidate gets a score from the words it shares
with the claim (weighted by how rare they are in the story) plus the facts
it shares, and a relation: supports, contradicts or related.
"""

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from . import lexicon
from .claims import Passage, source_family
from .stance import Comparison, checkable_facts, compare, facts_of, quoted, same_value
from .text import canonical, content_words, stem, word_spans

# Phrasings folded into one word ("walked off the job": strike), found in one pass.
PHRASE = re.compile("|".join(f"({pattern})" for pattern, _ in lexicon.PHRASES), re.IGNORECASE)
PHRASE_WORDS = [words for _, words in lexicon.PHRASES]
HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")

SUPPORT_SIMILARITY = 0.2  # the same statement in other words
SAME_SOURCE_SIMILARITY = 0.15  # the same source on the same topic
CLAUSE_WEIGHT = 0.5  # a clause said in full counts for this much of the sentence
CLAUSE = re.compile(r",|;|—|–| -- |\band\b|\bbut\b|\bwhile\b|\bwhich\b|\bthat\b")
FACT_SIMILARITY = 0.05  # a shared fact on a shared topic
FACT_BONUS = 0.25  # each shared precise fact (two at most) ranks a passage higher
QUOTE_BONUS = 0.4  # so does the same quotation
SOURCE_BONUS = 0.1  # and, a little, the same source
RELATED_SCORE = 0.05  # below this an outlet is silent on the claim
PASSAGES_AN_OUTLET = 2
FRONT_RUNNERS = 4  # passages of an outlet compared fact by fact (plus any sharing a figure)


DURATION = re.compile(
    r"\b(?P<amount>\d+|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]"
    r"(?P<unit>minute|hour|day|week|month|year)s?\b",
    re.IGNORECASE,
)
NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
NUMBER_STEMS = {stem(word) for word in NUMBER_WORDS}
NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d{2,}(?:\.\d+)?(?![\d,])")


def terms(text: str) -> list[str]:
    """Comparable words: stems, with common synonyms and phrasings folded together,
    and figures ("12,000" -> "#12000"), which say more than most words."""
    figures = ["#" + number.replace(",", "") for number in NUMBER.findall(text)]
    figures += [f"#{NUMBER_WORDS[word.lower()]}" for word in NUMBER_WORD.findall(text)]
    figures += [
        f"#{match['amount'].lower()}-{match['unit'].lower()}" for match in DURATION.finditer(text)
    ]
    text = PHRASE.sub(lambda match: PHRASE_WORDS[match.lastindex - 1], text)
    text = HYPHEN.sub(" ", text)  # "short-staffing": short, staffing
    words = [canonical(word) for word in content_words(text)]
    return [word for word in words if word not in NUMBER_STEMS] + figures


@dataclass(frozen=True)
class Indexed:
    article_id: int
    source: str
    passage: Passage
    terms: frozenset[str]
    words: tuple[tuple[int, int, str], ...]  # each word's span in the passage and its term
    days: frozenset[str]  # what happens on which kind of day: "begin", "landfall" ...

    @classmethod
    def of(cls, article_id: int, source: str, passage: Passage) -> "Indexed":
        words = tuple(
            (start, end, canonical(stem(word))) for start, end, word in word_spans(passage.text)
        )
        days = frozenset(
            moment.role
            for moment in (*passage.facts.dates, *passage.facts.times)
            if moment.role and not getattr(moment, "weak_role", False) and moment.role != "report"
        )
        return cls(article_id, source, passage, frozenset(terms(passage.text)), words, days)


@dataclass(frozen=True)
class Link:
    """One passage of another article, judged against one claim."""

    article_id: int
    start: int
    end: int
    text: str
    relation: str
    score: float
    reasons: tuple[str, ...]
    highlights: tuple[tuple[int, int], ...]
    attribution: str = ""
    source: str = ""  # the outlet's source key: passages are chosen outlet by outlet
    backs: tuple[str, ...] = ()  # the claim's facts this passage gives, in the claim's words
    also_in: tuple = ()  # other articles carrying the same passage word for word (syndication)


class StoryIndex:
    """An inverted index of one story's passages."""

    def __init__(self, items: list[Indexed]):
        self.items = items
        self.actors = story_actors(items)
        self.facts_by_source: dict[str, list] = defaultdict(list)
        self.facts_by_article: dict[object, list] = defaultdict(list)
        for item in items:
            found = facts_of(item.passage.facts)
            self.facts_by_source[item.source].extend(found)
            self.facts_by_article[item.article_id].extend(found)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for number, item in enumerate(items):
            for term in item.terms:
                self.postings[term].append(number)
        total = max(len(items), 1)
        self.idf = {
            term: math.log(1 + (total - len(found) + 0.5) / (len(found) + 0.5))
            for term, found in self.postings.items()
        }
        self.unseen = math.log(1 + total + 0.5)
        self.wordings = [" ".join(QUOTE_WORD.findall(item.passage.text.lower())) for item in items]
        self.comparisons: dict[tuple, Comparison] = {}
        self.judged: dict[tuple, Link] = {}
        self.weights = [self.weight(item.terms) for item in items]
        self.squared_weights = [self.weight(item.terms, squared=True) for item in items]

    def explains(self, query: "Query", item: Indexed, facts: tuple) -> bool:
        """Whether the clash is better read as two different things than as a dispute: the
        other outlet also gives the claim's value somewhere, or the claim's own article also
        gives the other value (each side knows both figures, so they are about different
        things: the union's ask and the company's offer, Monday's count and Friday's)."""
        if not facts:
            return False
        mine, theirs = facts
        return any(same_value(mine, fact) for fact in self.facts_by_source[item.source]) or any(
            same_value(theirs, fact) for fact in self.facts_by_article[query.article_id]
        )

    def weight(self, words, *, squared: bool = False) -> float:
        """The summed rarity of words (their squares, for cosine similarity)."""
        idf, unseen = self.idf, self.unseen
        if squared:
            return sum(idf.get(word, unseen) ** 2 for word in words)
        return sum(idf.get(word, unseen) for word in words)

    def candidates(self, words: frozenset[str], source: str) -> list[int]:
        """Passages of other outlets sharing the claim's rarer words, at most CANDIDATES of
        them, those sharing the most (by rarity) first. A word in more than COMMON_POSTINGS
        passages picks none: in a story of a thousand articles, "strike" is in every other
        passage and says nothing, and reading its postings would cost more than the claim."""
        shared: dict[int, float] = defaultdict(float)
        common = []
        for word in words:
            posting = self.postings.get(word, ())
            if len(posting) > COMMON_POSTINGS:
                common.append(word)
                continue
            weight = self.idf.get(word, self.unseen)
            for number in posting:
                shared[number] += weight
        if not shared and common:  # only common words: the rarest of them, a bounded part
            rarest = max(common, key=lambda word: (self.idf.get(word, self.unseen), word))
            for number in self.postings[rarest][:CANDIDATES]:
                shared[number] += 1.0
        ranked = sorted(
            (number for number in shared if self.items[number].source != source),
            key=lambda number: (-shared[number], number),
        )
        return ranked[:CANDIDATES]

    def comparisons_with_conflicts(self, key: tuple) -> bool:
        claim_id, text, published, _ = key
        comparison = self.comparisons.get((claim_id, text, published))
        return bool(comparison and comparison.conflicts)

    def wording(self, number: int) -> str:
        """The passage's words alone, the same for each outlet that carries a wire story."""
        return self.wordings[number]


QUOTE_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?", re.IGNORECASE)


def story_actors(items: list[Indexed]) -> frozenset[str]:
    """The names at least half the story's articles use: the story's own actors
    ("Northline", "Brightwater"), which qualify no figure in particular."""
    names_by_article: dict[int, set[str]] = defaultdict(set)
    for item in items:
        words = re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z][\w'’-]*", item.passage.text)
        names_by_article[item.article_id].update(
            word.lower().removesuffix("’s").removesuffix("'s") for word in words
        )
    counts: dict[str, int] = defaultdict(int)
    for names in names_by_article.values():
        for name in names:
            counts[name] += 1
    needed = max(2, math.ceil(len(names_by_article) / 2))
    return frozenset(name for name, count in counts.items() if count >= needed)


def quote_words(text: str) -> list[str]:
    return [word.lower() for word in QUOTE_WORD.findall(text)]


QUOTE_RUN = 8  # words running that make one quotation


def same_quotation(claim: Passage, passage: Passage) -> tuple[int, int] | None:
    """Where the passage quotes the same words as the claim: all of its own (short)
    quotation, or eight words running. None if it does not."""
    if not claim.quote:
        return None
    mine = quote_words(claim.quote)
    theirs = list(QUOTE_WORD.finditer(passage.text))
    their_words = [word.group(0).lower() for word in theirs]
    run = min(QUOTE_RUN, len(mine))
    if run == 0:
        return None
    starts = {tuple(their_words[i : i + run]): i for i in range(len(their_words) - run + 1)}
    for begin in range(len(mine) - run + 1):
        found = starts.get(tuple(mine[begin : begin + run]))
        if found is not None:
            return theirs[found].start(), theirs[found + run - 1].end()
    their_quote = quote_words(passage.quote)
    if len(their_quote) >= 4 and " ".join(their_quote) in " ".join(mine):
        where = passage.text.lower().find(their_quote[0])
        return (where, where + len(passage.quote)) if where >= 0 else None
    return None


def highlights(spans) -> list[list[int]]:
    """The passage's words that the reasons quote, merged into ranges."""
    merged: list[list[int]] = []
    for start, end in sorted(span for span in spans if span[0] >= 0 and span[1] > span[0]):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def clause_terms(text: str) -> list[frozenset[str]]:
    """Comparable words of each clause with at least four of them."""
    clauses = (frozenset(terms(clause)) for clause in CLAUSE.split(text))
    return [clause for clause in clauses if len(clause) >= 4]


def similarity(claim: "Query", number: int, index: StoryIndex) -> float:
    """How much of the claim (or of one of its clauses) the passage says, 0 to 1."""
    shared = claim.terms & index.items[number].terms
    if not shared:
        return 0.0
    idf, unseen = index.idf, index.unseen
    covered = squared = 0.0
    for word in shared:
        weight = idf.get(word, unseen)
        covered += weight
        squared += weight * weight
    whole = 0.65 * covered / claim.weight + 0.35 * covered / max(index.weights[number], 1e-9)
    cosine = squared / max(math.sqrt(claim.squared_weight * index.squared_weights[number]), 1e-9)
    best_clause = max(
        (
            index.weight(clause & shared) / weight
            for clause, weight in zip(claim.clauses, claim.clause_weights, strict=True)
        ),
        default=0.0,
    )
    return max(whole, cosine, CLAUSE_WEIGHT * best_clause)


@dataclass(frozen=True)
class Query:
    """A claim, prepared once for comparing with many passages."""

    passage: Passage
    source: str
    article_id: object
    terms: frozenset[str]
    clauses: tuple[frozenset[str], ...]
    facts: tuple  # its checkable facts, each to be backed on its own

    weight: float
    squared_weight: float
    clause_weights: tuple[float, ...]

    @classmethod
    def of(cls, item: Indexed, index: StoryIndex) -> "Query":
        claim, words = item.passage, item.terms
        clauses = tuple(clause_terms(claim.text))
        return cls(
            passage=claim,
            source=item.source,
            article_id=item.article_id,
            terms=words,
            clauses=clauses,
            facts=tuple(checkable_facts(claim.facts)),
            weight=max(index.weight(words), 1e-9),
            squared_weight=index.weight(words, squared=True),
            clause_weights=tuple(max(index.weight(clause), 1e-9) for clause in clauses),
        )


def judge(query: Query, number: int, overlap: float, index: StoryIndex) -> Link:
    """The passage's link to the claim. A passage several outlets carry word for word is
    judged once; the others take the same judgement (a dispute is checked for each, as
    whether it holds depends on what else the outlet says)."""
    item = index.items[number]
    key = (id(query.passage), item.passage.text, item.passage.published, item.passage.attribution)
    known = index.judged.get(key)
    if known is not None:
        return replace(known, article_id=item.article_id, start=item.passage.start,
                       end=item.passage.end, source=item.source)  # fmt: skip
    link = judge_afresh(query, number, overlap, index)
    if link.relation != "contradicts" and not index.comparisons_with_conflicts(key):
        index.judged[key] = link
    return link


def judge_afresh(query: Query, number: int, overlap: float, index: StoryIndex) -> Link:
    item = index.items[number]
    claim, passage = query.passage, item.passage
    key = (id(claim), passage.text, passage.published)
    if key not in index.comparisons:
        index.comparisons[key] = compare(
            claim.text,
            passage.text,
            claim.facts,
            passage.facts,
            claim.published,
            passage.published,
            index.actors,
        )
    comparison = index.comparisons[key]
    quotation = same_quotation(claim, passage) if claim.quote else None
    family = source_family(claim.attribution)
    same_source = family if family and family == source_family(passage.attribution) else ""
    shared = query.terms & item.terms
    relation, reasons, spans = relate(
        query, item, overlap, comparison, quotation, same_source, shared, index
    )
    score = (
        overlap
        + FACT_BONUS * min(comparison.core_matched, 2)
        + QUOTE_BONUS * bool(quotation)
        + SOURCE_BONUS * bool(same_source)
    )
    return Link(
        article_id=item.article_id,
        start=passage.start,
        end=passage.end,
        text=passage.text,
        relation=relation,
        score=round(min(score, 1.0), 3),
        reasons=tuple(dict.fromkeys(reasons)),
        highlights=tuple(map(tuple, highlights(spans))),
        attribution=passage.attribution,
        source=item.source,
        backs=tuple(fact.text for fact in comparison.backed) if relation == "supports" else (),
    )


def shared_words(item: Indexed, shared: set[str], index: StoryIndex, limit: int = 4):
    """The passage's own words for what it shares with the claim, rarest first, with spans."""
    found: dict[str, tuple[int, int]] = {}
    for start, end, term in item.words:
        if term in shared and term not in found and end - start > 1:  # not the "m" of "p.m."
            found[term] = (start, end)
    ranked = sorted(found, key=lambda term: (-index.idf.get(term, 0), term))
    return [found[term] for term in ranked[:limit]]


def relate(
    query: Query,
    item: Indexed,
    overlap: float,
    comparison: Comparison,
    quotation: tuple[int, int] | None,
    same_source: str,
    shared: set[str],
    index: StoryIndex,
) -> tuple[str, list[str], list[tuple[int, int]]]:
    """Supports, contradicts or related, with the reasons an editor reads and the
    passage's words they quote.

    A claim with precise facts (figures, dates, a superlative) is backed only by
    a passage that gives one of them too; a quotation by the same words, or the
    same source saying it; a plain statement by the same thing in other words.
    """
    passage = item.passage
    conflicts = [
        reason
        for (reason, needs), facts in zip(comparison.conflicts, comparison.clashing, strict=True)
        if overlap >= needs and not index.explains(query, item, facts)
    ]
    found = comparison.spans_of
    if quotation and (clash := speakers_clash(query.passage, passage, quotation)):
        reasons = [*conflicts, clash, *comparison.notes, *comparison.matches]
        return "contradicts", reasons, [quotation, *found(reasons)]
    if conflicts:
        reasons = [*conflicts, *comparison.notes, *comparison.matches]
        return "contradicts", reasons, found(reasons)
    if quotation:
        words = passage.text[quotation[0] : quotation[1]]
        reasons = [f"repeats the same words: {quoted(words)}", *comparison.matches]
        return "supports", reasons, [quotation, *found(reasons)]
    if comparison.core_matched and overlap >= FACT_SIMILARITY:
        reasons = comparison.matches + comparison.notes
        return "supports", reasons, found(reasons)
    if not query.facts:
        if same_source and overlap >= SAME_SOURCE_SIMILARITY:
            named = [
                (start, end)
                for start, end, word in word_spans(passage.text)
                if stem(word) == same_source or word.lower() == same_source
            ]
            if named:
                words = passage.text[named[0][0] : named[0][1]]
                return "supports", [f"the same source says so here too: {quoted(words)}"], named[:1]
            return "supports", ["the same source says so here too"], []
        if not query.passage.quote and overlap >= SUPPORT_SIMILARITY:
            shared_spans = shared_words(item, shared, index)
            words = ", ".join(quoted(passage.text[start:end]) for start, end in shared_spans)
            reasons = [f"says the same in other words: {words}", *comparison.notes]
            return "supports", reasons, [*shared_spans, *found(reasons)]
    if comparison.matches:
        reasons = [*comparison.matches, "the same fact, but little else in common"]
        return "related", reasons, found(reasons)
    if not query.facts and not query.passage.quote:
        missing = "saying the same"
    elif query.facts:
        missing = "its figures, dates or superlative"
    else:
        missing = "its quotation"
    reasons = [*comparison.notes, f"on the topic, without {missing}"]
    return "related", reasons, found(reasons)


def speakers_clash(claim: Passage, passage: Passage, quotation: tuple[int, int]) -> str:
    """The same words given to two different people."""
    mine, theirs = person_name(claim.attribution), person_name(passage.attribution)
    if not mine or not theirs or mine.split()[-1] == theirs.split()[-1]:
        return ""
    words = quoted(passage.text[quotation[0] : quotation[1]])
    return f"{words} is given to {quoted(mine)} here and to {quoted(theirs)} there"


def person_name(attribution: str) -> str:
    """The name of the person an attribution gives, if it gives one: "Mary Kay Henry"."""
    words = attribution.split()
    names = []
    for word in reversed(words):
        if word[:1].isupper() and word.lower() not in lexicon.NOT_PERSON_WORDS:
            names.insert(0, word)
        else:
            break
    return " ".join(names) if len(names) >= 2 else ""


RELATION_ORDER = {"contradicts": 0, "supports": 1, "related": 2}
CANDIDATES = 200  # passages scored for a claim, at most
COMMON_POSTINGS = 300  # a word in more passages than this picks none
JUDGED = 48  # the best passages compared fact by fact, at most (FRONT_RUNNERS an outlet)
FIGURE_SHARERS = 3  # more passages of an outlet compared fact by fact for sharing a figure
SHARERS = 24  # ... and of all outlets
MOST_LINKS = {"contradicts": 40, "supports": 40, "related": 20}  # a claim's passages, at most


def find_evidence(claim: Indexed, index: StoryIndex) -> list[Link]:
    """The best passages of each other outlet, best first.

    Word overlap picks the passages worth comparing fact by fact: each outlet's best in
    turn, the best outlets first, and those sharing a figure or a day with the claim,
    never more than JUDGED in all, however big the story. Within an outlet, what
    disputes or backs the claim comes before what is only related.
    """
    query = Query.of(claim, index)
    scored = sorted(
        ((similarity(query, number, index), number)
         for number in index.candidates(query.terms, query.source)),
        key=lambda pair: (-pair[0], pair[1]),
    )  # fmt: skip
    by_outlet: dict[str, list[tuple[Link, str]]] = defaultdict(list)
    for overlap, number in worth_judging(scored, claim, query, index):
        link = judge(query, number, overlap, index)
        if link.score >= RELATED_SCORE or link.relation != "related":
            by_outlet[link.source].append((link, index.wording(number)))
    chosen: list[tuple[Link, str]] = []
    for links in by_outlet.values():
        links.sort(
            key=lambda pair: (RELATION_ORDER[pair[0].relation], -pair[0].score, pair[0].start)
        )
        chosen += links[:PASSAGES_AN_OUTLET]
        chosen += [pair for pair in links[PASSAGES_AN_OUTLET:] if pair[0].relation == "contradicts"]
    chosen.sort(
        key=lambda pair: (
            RELATION_ORDER[pair[0].relation],
            -pair[0].score,
            str(pair[0].article_id),
            pair[0].start,
        )
    )
    return bounded(collapse_copies(chosen))


def worth_judging(scored, claim: Indexed, query: "Query", index: StoryIndex):
    """The passages to compare fact by fact, best first: round by round, each outlet's next
    best (FRONT_RUNNERS of an outlet at most), then more of an outlet's passages that share
    a figure or a day with the claim (FIGURE_SHARERS of an outlet); JUDGED in all."""
    figures = {term for term in query.terms if term.startswith("#")}
    ranked: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for pair in scored:
        ranked[index.items[pair[1]].source].append(pair)
    picked: list[tuple[float, int]] = []
    for round_ in range(FRONT_RUNNERS):
        best = [passages[round_] for passages in ranked.values() if len(passages) > round_]
        picked += sorted(best, key=lambda pair: (-pair[0], pair[1]))
    picked = picked[:JUDGED]
    sharers = [
        pair
        for passages in ranked.values()
        for pair in [
            pair
            for pair in passages[FRONT_RUNNERS:]
            if figures & index.items[pair[1]].terms or claim.days & index.items[pair[1]].days
        ][:FIGURE_SHARERS]
    ]
    sharers.sort(key=lambda pair: (-pair[0], pair[1]))
    return picked + sharers[:SHARERS]


def collapse_copies(links: list[tuple[Link, str]]) -> list[Link]:
    """One link for a passage that several outlets carry word for word (a wire story), the
    others listed as where it also appears."""
    first: dict[tuple[str, str], int] = {}
    kept: list[Link] = []
    for link, wording in links:
        key = (link.relation, wording)
        if key in first:
            number = first[key]
            kept[number] = replace(kept[number], also_in=(*kept[number].also_in, link.article_id))
            continue
        first[key] = len(kept)
        kept.append(link)
    return kept


def bounded(links: list[Link]) -> list[Link]:
    """The best links of each relation, never more than MOST_LINKS of one."""
    counts: dict[str, int] = defaultdict(int)
    kept = []
    for link in links:
        counts[link.relation] += 1
        if counts[link.relation] <= MOST_LINKS[link.relation]:
            kept.append(link)
    return kept
