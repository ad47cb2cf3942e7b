"""Which outlet reports, backs or contradicts each fact of a story.

Plain Python over plain values, so it is tested without a database. Claims are
grouped into facts through the evidence graph (union-find): two claims state
the same fact when an evidence passage found for one overlaps the other's span.

Three rules keep one story from collapsing into a single "fact" (on the five
seed articles, plain transitive grouping over all 555 passages joins all 72
claims), and keep opposing statements apart: only passages that support a claim
link it to another, since a "related" passage is about the topic, not the fact,
and a contradicting one says something else; links are taken strongest first,
refusing any that would put two claims of one article into one fact, since an
article states a fact once; and refusing any that would put two claims into one
fact when a passage of one contradicts the other (directly, or through the
claims they are already grouped with).

Each cell has one label, the strongest signal: Contradicts, Reports, Backs or
Silent; the story report says the same words for the same fact.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

SUPPORTS = "supports"
CONTRADICTS = "contradicts"


@dataclass(frozen=True)
class ClaimSpan:
    claim_id: int
    article_id: int
    outlet: Hashable
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """An evidence passage: a stretch of another article found for claim_id."""

    claim_id: int
    article_id: int
    outlet: Hashable
    start: int
    end: int
    relation: str
    score: float = 0.0


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end


class Facts:
    """Disjoint sets of claims (union-find) that never hold two claims of one article,
    nor two claims one of which contradicts the other."""

    def __init__(self, claims: Iterable[ClaimSpan]):
        self.parent = {claim.claim_id: claim.claim_id for claim in claims}
        self.articles = {claim.claim_id: {claim.article_id} for claim in claims}
        self.members = {claim_id: {claim_id} for claim_id in self.parent}
        self.opposed: dict[int, set[int]] = {claim_id: set() for claim_id in self.parent}

    def oppose(self, one: int, other: int) -> None:
        """Record that one claim contradicts the other: they never share a fact."""
        self.opposed[self.find(one)].add(other)
        self.opposed[self.find(other)].add(one)

    def find(self, claim_id: int) -> int:
        root = claim_id
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[claim_id] != root:  # path compression
            self.parent[claim_id], claim_id = root, self.parent[claim_id]
        return root

    def join(self, one: int, other: int) -> bool:
        """Put two claims in one fact, unless that fact would cite an article twice."""
        one, other = self.find(one), self.find(other)
        if one == other or self.articles[one] & self.articles[other]:
            return False
        if self.opposed[one] & self.members[other]:
            return False
        self.parent[other] = one
        self.articles[one] |= self.articles.pop(other)
        self.members[one] |= self.members.pop(other)
        self.opposed[one] |= self.opposed.pop(other)
        return True


def group_claims(claims: Sequence[ClaimSpan], passages: Iterable[Passage]) -> list[list[ClaimSpan]]:
    """Claims grouped by the fact they state, groups and members in input order."""
    facts = Facts(claims)
    by_article: dict[int, list[ClaimSpan]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    known = [passage for passage in passages if passage.claim_id in facts.parent]
    for passage in known:
        if passage.relation == CONTRADICTS:
            for other in by_article.get(passage.article_id, ()):
                if overlaps(passage.start, passage.end, other.start, other.end):
                    facts.oppose(passage.claim_id, other.claim_id)
    links = [passage for passage in known if passage.relation == SUPPORTS]
    for passage in sorted(links, key=lambda passage: -passage.score):
        for other in by_article.get(passage.article_id, ()):
            if overlaps(passage.start, passage.end, other.start, other.end):
                facts.join(passage.claim_id, other.claim_id)
    groups: dict[int, list[ClaimSpan]] = {}
    for claim in claims:
        groups.setdefault(facts.find(claim.claim_id), []).append(claim)
    return list(groups.values())


@dataclass(frozen=True)
class Cell:
    """One outlet's stance on one fact."""

    outlet: Hashable
    claims: tuple[ClaimSpan, ...]  # the outlet's own claims stating the fact
    backs: bool  # one of its passages supports a claim of the fact
    contradicts: bool  # one of its passages contradicts a claim of the fact

    @property
    def reports(self) -> bool:
        return bool(self.claims)

    @property
    def silent(self) -> bool:
        return not (self.reports or self.backs or self.contradicts)

    @property
    def state(self) -> str:
        """The strongest signal: contradicts > reports > backs > silent."""
        if self.contradicts:
            return "contradicts"
        if self.reports:
            return "reports"
        if self.backs:
            return "backs"
        return "silent"

    @property
    def label(self) -> str:
        """The state in words: one label a cell, the same wherever the fact is shown."""
        return self.state.capitalize()


@dataclass(frozen=True)
class Fact:
    claims: tuple[ClaimSpan, ...]
    cells: tuple[Cell, ...]

    @property
    def disputed(self) -> bool:
        return any(cell.contradicts for cell in self.cells)


def coverage_matrix(
    claims: Sequence[ClaimSpan], passages: Sequence[Passage], outlets: Sequence[Hashable]
) -> list[Fact]:
    """One row per fact, one cell per outlet (in the order given)."""
    passages_for: dict[int, list[Passage]] = defaultdict(list)
    for passage in passages:
        passages_for[passage.claim_id].append(passage)
    facts = []
    for group in group_claims(claims, passages):
        found = [passage for claim in group for passage in passages_for[claim.claim_id]]
        cells = tuple(
            Cell(
                outlet=outlet,
                claims=tuple(claim for claim in group if claim.outlet == outlet),
                backs=any(p.outlet == outlet and p.relation == SUPPORTS for p in found),
                contradicts=any(p.outlet == outlet and p.relation == CONTRADICTS for p in found),
            )
            for outlet in outlets
        )
        facts.append(Fact(claims=tuple(group), cells=cells))
    return facts
