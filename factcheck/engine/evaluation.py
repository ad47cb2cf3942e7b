"""Scoring the engine against a hand-annotated gold set.

The gold set (tests/data/gold.json) lists, for each article, its check-worthy
claims with the passages of other articles that support or contradict them and
the status a careful editor gives. Claims and passages are matched by span
overlap, so small differences in where a sentence starts do not count.
"""

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
