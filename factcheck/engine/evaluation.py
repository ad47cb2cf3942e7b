"""Scoring the engine against a hand-annotated gold set.

The gold set (tests/data/gold.json) lists, for each article, its check-worthy
claims with the passages of other articles that support or contradict them and
the status a careful editor gives. Claims and passages are matched by span
overlap, so small differences in where a sentence starts do not count.
"""

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .analysis import AnalyzedClaim

Span = tuple[int, int]


@dataclass
class Scores:
    extracted: int = 0
    extracted_correct: int = 0
    gold_claims: int = 0
    gold_found: int = 0
    boilerplate_claims: int = 0
    evidence_needed: int = 0
    evidence_found: int = 0
    contradictions_flagged: int = 0
    contradictions_right: int = 0
    gold_contradictions: int = 0
    contradictions_found: int = 0
    suggestions: int = 0
    suggestions_right: int = 0
    kinds_right: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(part: int, whole: int) -> float | None:
        """part / whole, or None when there is nothing to divide (no claims, no flags)."""
        return part / whole if whole else None

    def figures(self) -> dict[str, float | int | None]:
        return {
            "extraction precision": self.ratio(self.extracted_correct, self.extracted),
            "extraction recall": self.ratio(self.gold_found, self.gold_claims),
            "boilerplate claims": self.boilerplate_claims,
            "evidence recall (first two passages an outlet)": self.ratio(
                self.evidence_found, self.evidence_needed
            ),
            "contradiction precision": self.ratio(
                self.contradictions_right, self.contradictions_flagged
            ),
            "contradiction recall": self.ratio(self.contradictions_found, self.gold_contradictions),
            "suggestion accuracy": self.ratio(self.suggestions_right, self.suggestions),
            "kind accuracy": self.ratio(self.kinds_right, self.suggestions),
        }


def overlaps(first: Span, second: Span) -> bool:
    shared = min(first[1], second[1]) - max(first[0], second[0])
    return shared > 0 and shared >= 0.5 * min(first[1] - first[0], second[1] - second[0])


def locate(body: str, text: str) -> Span:
    start = body.find(text)
    if start < 0:
        raise ValueError(f"gold text not found in its article: {text[:60]!r}")
    return start, start + len(text)


def evaluate(
    bodies: dict[str, str],
    boilerplate: dict[str, Sequence[str]],
    gold: dict,
    analyses: dict[str, list[AnalyzedClaim]],
) -> Scores:
    """Compare analyses with the gold annotation; articles are identified by file name."""
    scores = Scores()
    gold_claims = [
        {**claim, "span": locate(bodies[claim["article"]], claim["text"])}
        for claim in gold["claims"]
    ]
    by_article = defaultdict(list)
    for claim in gold_claims:
        by_article[claim["article"]].append(claim)

    for name, analyzed in analyses.items():
        for item in analyzed:
            span = (item.claim.start, item.claim.end)
            scores.extracted += 1
            if any(overlaps(span, (claim["span"])) for claim in by_article[name]):
                scores.extracted_correct += 1
            if any(item.claim.text in removed for removed in boilerplate.get(name, ())):
                scores.boilerplate_claims += 1
            for link in item.evidence:
                if link.relation == "contradicts":
                    scores.contradictions_flagged += 1
                    if contradiction_in_gold(name, span, link, by_article, bodies):
                        scores.contradictions_right += 1

    for claim in gold_claims:
        scores.gold_claims += 1
        found = [
            item
            for item in analyses.get(claim["article"], [])
            if overlaps((item.claim.start, item.claim.end), claim["span"])
        ]
        if not found:
            scores.misses.append(f"missed claim {claim['id']}: {claim['text'][:70]}")
            continue
        scores.gold_found += 1
        score_claim(scores, claim, found[0], bodies)
    return scores


def contradiction_in_gold(name, span, link, by_article, bodies) -> bool:
    for claim in by_article[name]:
        if not overlaps(span, claim["span"]):
            continue
        for passage in claim["evidence"]:
            if passage["relation"] != "contradicts":
                continue
            gold_span = locate(bodies[passage["article"]], passage["text"])
            if link.article_id == passage["article"] and overlaps(
                (link.start, link.end), gold_span
            ):
                return True
    return False


def score_claim(scores: Scores, claim: dict, item: AnalyzedClaim, bodies: dict[str, str]) -> None:
    scores.suggestions += 1
    if item.suggestion.status == claim["status"]:
        scores.suggestions_right += 1
    else:
        scores.misses.append(
            f"suggested {item.suggestion.status}, gold {claim['status']}: {claim['id']} "
            f"{claim['text'][:60]} | {'; '.join(item.suggestion.reasons)[:120]}"
        )
    if item.claim.kind == claim["kind"]:
        scores.kinds_right += 1

    gold_by_article = defaultdict(list)
    for passage in claim["evidence"]:
        gold_by_article[passage["article"]].append(passage)
    for article, passages in gold_by_article.items():
        spans = [locate(bodies[article], passage["text"]) for passage in passages]
        first_two = [link for link in item.evidence if link.article_id == article][:2]
        needed = min(2, len(spans))
        found = sum(
            1 for span in spans if any(overlaps((link.start, link.end), span) for link in first_two)
        )
        scores.evidence_needed += needed
        scores.evidence_found += min(found, needed)
        if found < needed:
            scores.misses.append(
                f"evidence {claim['id']} in {article[:3]}: wanted "
                f"{[passage['text'][:40] for passage in passages]}, got "
                f"{[link.text[:40] for link in first_two]}"
            )
        for passage, span in zip(passages, spans, strict=True):
            if passage["relation"] == "contradicts":
                scores.gold_contradictions += 1
                if any(
                    link.relation == "contradicts" and overlaps((link.start, link.end), span)
                    for link in item.evidence
                    if link.article_id == article
                ):
                    scores.contradictions_found += 1


# --- the development corpus ----------------------------------------------------------

QUOTED = re.compile(r"“([^”]*)”")
READ_AS = re.compile(r"\(read as [^)]*\)|\{article:[^}]*\}")


def ungrounded(reason: str, *texts: str) -> list[str]:
    """What a reason quotes or states as a figure that none of the texts says.

    Every quoted fragment (“...”) must stand in one of the texts word for word,
    and no digit may appear outside a quotation, except in a "(read as ...)"
    note, which says how the engine read a relative date, and in an outlet
    reference ("{article:12}"), which is shown as the outlet's current name.
    """
    missing = [fragment for fragment in QUOTED.findall(reason) if not in_any(fragment, texts)]
    bare = READ_AS.sub("", QUOTED.sub("", reason))
    if re.search(r"\d", bare):
        missing.append(bare)
    return missing


def in_any(fragment: str, texts: Sequence[str]) -> bool:
    folded = " ".join(fragment.split()).casefold()
    return any(folded in " ".join(text.split()).casefold() for text in texts)


@dataclass
class CorpusScores:
    """Figures for one split of the development corpus (see tests/data/corpus/README.md)."""

    claims: int = 0
    contradictions_flagged: int = 0
    contradictions_right: int = 0
    conflicts: int = 0
    conflicts_found: int = 0
    agreements_needed: int = 0
    agreements_found: int = 0
    traps: int = 0
    traps_flagged: int = 0
    mentioned_sentences: int = 0
    mentioned_sentences_claimed: int = 0
    suggestions: int = 0
    suggestions_right: int = 0
    reasons: int = 0
    reasons_ungrounded: int = 0
    highlights: int = 0
    highlights_stray: int = 0
    story_f1: float | None = None
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | int | None]:
        ratio = Scores.ratio
        return {
            "claims": self.claims,
            "contradiction precision": ratio(
                self.contradictions_right, self.contradictions_flagged
            ),
            "conflict recall": ratio(self.conflicts_found, self.conflicts),
            "agreement recall (first two passages an outlet)": ratio(
                self.agreements_found, self.agreements_needed
            ),
            "contradiction links per 100 claims": (
                round(100 * self.contradictions_flagged / self.claims, 1) if self.claims else None
            ),
            "traps called contradictions": ratio(self.traps_flagged, self.traps),
            "sentences with a fact taken as claims": ratio(
                self.mentioned_sentences_claimed, self.mentioned_sentences
            ),
            "suggestion accuracy": ratio(self.suggestions_right, self.suggestions),
            "reasons grounded": ratio(self.reasons - self.reasons_ungrounded, self.reasons),
            "highlights quoted by a reason": ratio(
                self.highlights - self.highlights_stray, self.highlights
            ),
            "story pairwise F1": self.story_f1,
        }


@dataclass(frozen=True)
class GoldSentence:
    article: str
    span: Span
    mentions: tuple  # corpus Mention objects stated in this sentence


def score_event(scores: CorpusScores, event, analyses: dict[str, list[AnalyzedClaim]]) -> None:
    """Add one event's figures; analyses are the engine's, keyed by article key."""
    outlet_of = {article.key: article.outlet for article in event.articles}
    texts = {article.key: article.body for article in event.articles}
    sentences = gold_sentences(event)
    conflicting = {frozenset((a, b)) for a, b, _ in event.conflicts}
    claims_by_article = dict(analyses)

    def sentence_of(mention_id: str) -> tuple[str, Span]:
        mention = event.mentions[mention_id]
        return mention.article, mention.span

    def link_between(first: tuple[str, Span], second: tuple[str, Span]) -> bool:
        article, span = first
        for item in claims_by_article.get(article, []):
            if not overlaps((item.claim.start, item.claim.end), span):
                continue
            if any(
                link.relation == "contradicts"
                and link.article_id == second[0]
                and overlaps((link.start, link.end), second[1])
                for link in item.evidence
            ):
                return True
        return False

    for a, b, _ in event.conflicts:
        scores.conflicts += 1
        first, second = sentence_of(a), sentence_of(b)
        if link_between(first, second) or link_between(second, first):
            scores.conflicts_found += 1
        else:
            scores.misses.append(
                f"conflict missed [{event.slug}]: {quote_span(texts, first)} | "
                f"{quote_span(texts, second)}"
            )
    for a, b, kind in event.traps:
        scores.traps += 1
        first, second = sentence_of(a), sentence_of(b)
        if link_between(first, second) or link_between(second, first):
            scores.traps_flagged += 1
            scores.misses.append(
                f"trap ({kind}) called a contradiction [{event.slug}]: "
                f"{quote_span(texts, first)} | {quote_span(texts, second)}"
            )

    mentioned = {(s.article, s.span) for s in sentences}
    scores.mentioned_sentences += len(mentioned)
    for article, analyzed in analyses.items():
        scores.claims += len(analyzed)
        for item in analyzed:
            span = (item.claim.start, item.claim.end)
            here = [s for s in sentences if s.article == article and overlaps(span, s.span)]
            score_links(scores, event, item, here, sentences, conflicting, outlet_of, texts)
            score_suggestion(scores, event, item, here, sentences, conflicting, outlet_of)
            for reason in item.suggestion.reasons:
                said = [item.claim.text, *(link.text for link in item.evidence)]
                check_grounding(scores, reason, said)
            for link in item.evidence:
                for reason in link.reasons:
                    check_grounding(scores, reason, [item.claim.text, link.text])
                check_highlights(scores, link)
    for article, span in mentioned:
        if any(
            overlaps((item.claim.start, item.claim.end), span) for item in analyses.get(article, [])
        ):
            scores.mentioned_sentences_claimed += 1
        else:
            scores.misses.append(
                f"no claim made of [{event.slug}]: {quote_span(texts, (article, span))}"
            )


def gold_sentences(event) -> list[GoldSentence]:
    grouped: dict[tuple[str, Span], list] = defaultdict(list)
    for mention in event.mentions.values():
        grouped[(mention.article, mention.span)].append(mention)
    return [GoldSentence(article, span, tuple(found)) for (article, span), found in grouped.items()]


def backing_sentences(sentence: GoldSentence, sentences, conflicting, outlet_of) -> dict:
    """Per other outlet, the gold sentences that back one of this sentence's facts."""
    backing: dict[str, list[GoldSentence]] = defaultdict(list)
    own_outlet = outlet_of[sentence.article]
    for other in sentences:
        if outlet_of[other.article] == own_outlet:
            continue
        if any(
            mine.fact == theirs.fact
            and frozenset((mine.id, theirs.id)) not in conflicting
            and (mine.vague or not theirs.vague)
            for mine in sentence.mentions
            for theirs in other.mentions
        ):
            backing[outlet_of[other.article]].append(other)
    return backing


def score_links(scores, event, item, here, sentences, conflicting, outlet_of, texts) -> None:
    for link in item.evidence:
        if link.relation != "contradicts":
            continue
        scores.contradictions_flagged += 1
        right = any(
            frozenset((mine.id, theirs.id)) in conflicting
            for sentence in here
            for mine in sentence.mentions
            for other in sentences
            if other.article == link.article_id and overlaps((link.start, link.end), other.span)
            for theirs in other.mentions
        )
        if right:
            scores.contradictions_right += 1
        else:
            scores.misses.append(
                f"false contradiction [{event.slug}]: {item.claim.text[:110]} | "
                f"{link.text[:110]} | {link.reasons[0] if link.reasons else ''}"
            )
    for sentence in here:
        for outlet, backing in backing_sentences(
            sentence, sentences, conflicting, outlet_of
        ).items():
            scores.agreements_needed += 1
            first_two = [
                link for link in item.evidence if outlet_of.get(link.article_id) == outlet
            ][:2]
            if any(
                link.relation == "supports" and overlaps((link.start, link.end), other.span)
                for link in first_two
                for other in backing
                if other.article == link.article_id
            ):
                scores.agreements_found += 1
            else:
                shown = [f"{link.relation}: {link.text[:60]}" for link in first_two]
                scores.misses.append(
                    f"agreement missed [{event.slug}] {outlet}: {item.claim.text[:90]} | wanted "
                    f"{texts[backing[0].article][backing[0].span[0] : backing[0].span[1]][:90]} "
                    f"| got {shown}"
                )


def score_suggestion(scores, event, item, here, sentences, conflicting, outlet_of) -> None:
    if not here:
        return
    mentions = [mention for sentence in here for mention in sentence.mentions]
    if any(frozenset((m.id, other)) in conflicting for m in mentions for other in event.mentions):
        gold = "disputed"
    else:
        backed = {
            mine.fact
            for sentence in here
            for others in backing_sentences(sentence, sentences, conflicting, outlet_of).values()
            for other in others
            for mine in sentence.mentions
            for theirs in other.mentions
            if mine.fact == theirs.fact
        }
        precise = {mention.fact for mention in mentions if not mention.vague}
        gold = "confirmed" if precise and precise <= backed else "unsourced"
    scores.suggestions += 1
    if item.suggestion.status == gold:
        scores.suggestions_right += 1
    else:
        scores.misses.append(
            f"suggested {item.suggestion.status}, gold {gold} [{event.slug}]: "
            f"{item.claim.text[:90]} | {'; '.join(item.suggestion.reasons)[:140]}"
        )


def check_grounding(scores: CorpusScores, reason: str, texts: list[str]) -> None:
    scores.reasons += 1
    if missing := ungrounded(reason, *texts):
        scores.reasons_ungrounded += 1
        scores.misses.append(f"ungrounded reason: {reason[:140]} (not in the texts: {missing})")


def unquoted_highlights(link) -> list[str]:
    """Highlighted words of a passage that none of its reasons quotes: the highlights
    must mark exactly what the reasons say."""
    quoted_words = {
        word for reason in link.reasons for fragment in QUOTED.findall(reason)
        for word in HIGHLIGHT_WORD.findall(fragment.casefold())
    }  # fmt: skip
    return [
        link.text[start:end]
        for start, end in link.highlights
        if not set(HIGHLIGHT_WORD.findall(link.text[start:end].casefold())) <= quoted_words
    ]


HIGHLIGHT_WORD = re.compile(r"[^\W_]+")


def check_highlights(scores: CorpusScores, link) -> None:
    scores.highlights += len(link.highlights)
    if stray := unquoted_highlights(link):
        scores.highlights_stray += len(stray)
        scores.misses.append(f"highlight no reason quotes: {stray} in {link.text[:100]}")


def quote_span(texts: dict[str, str], where: tuple[str, Span]) -> str:
    article, (start, end) = where
    return texts[article][start:end][:110]


def pairwise_f1(gold: dict[str, str], predicted: dict[str, object]) -> float:
    """Pairwise F1 of a grouping of items against the gold grouping."""
    keys = sorted(gold)
    true_pairs = predicted_pairs = both = 0
    for index, first in enumerate(keys):
        for second in keys[index + 1 :]:
            same_gold = gold[first] == gold[second]
            same_predicted = predicted[first] == predicted[second]
            true_pairs += same_gold
            predicted_pairs += same_predicted
            both += same_gold and same_predicted
    if not true_pairs or not predicted_pairs:
        return 0.0
    precision, recall = both / predicted_pairs, both / true_pairs
    return 2 * precision * recall / (precision + recall) if both else 0.0
