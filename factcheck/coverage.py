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
from typing import NamedTuple

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
    nor two claims one of which contradicts the other. Claims are ids with their
    article's id: a story of thousands of claims fits in a few megabytes."""

    def __init__(self, claims: Iterable[tuple[int, int]]):
        self.parent: dict[int, int] = {}
        self.articles: dict[int, set[int]] = {}
        self.members: dict[int, set[int]] = {}
        self.opposed: dict[int, set[int]] = {}
        for claim_id, article_id in claims:
            self.parent[claim_id] = claim_id
            self.articles[claim_id] = {article_id}
            self.members[claim_id] = {claim_id}
            self.opposed[claim_id] = set()

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
        if one == other or not self.articles[one].isdisjoint(self.articles[other]):
            return False
        if not self.opposed[one].isdisjoint(self.members[other]):
            return False
        if len(self.members[one]) < len(self.members[other]):  # the smaller set moves
            one, other = other, one
        self.parent[other] = one
        self.articles[one] |= self.articles.pop(other)
        self.members[one] |= self.members.pop(other)
        self.opposed[one] |= self.opposed.pop(other)
        return True


class Link(NamedTuple):
    """A passage found for claim_id that overlaps the span of other_id (a claim of the
    passage's article): the two state one fact, or opposing ones."""

    claim_id: int
    other_id: int
    relation: str
    score: float = 0.0


def group_claim_ids(
    claims: Sequence[tuple[int, int]], links: Iterable[tuple[int, int, str, float]]
) -> list[list[int]]:
    """Claim ids grouped by the fact they state, groups and members in the order of
    claims, given as (claim_id, article_id); links are Links or plain tuples in their
    order. Links of claims not given are ignored; contradictions are recorded first,
    then support links are taken strongest first (ties in the order given)."""
    facts = Facts(claims)
    known = facts.parent
    supports = []
    for claim_id, other_id, relation, score in links:
        if claim_id in known and other_id in known:
            if relation == CONTRADICTS:
                facts.oppose(claim_id, other_id)
            elif relation == SUPPORTS:
                supports.append((-score, claim_id, other_id))
    supports.sort(key=lambda link: link[0])  # stable: ties in the order given
    for _, claim_id, other_id in supports:
        facts.join(claim_id, other_id)
    groups: dict[int, list[int]] = {}
    for claim_id, _ in claims:
        groups.setdefault(facts.find(claim_id), []).append(claim_id)
    return list(groups.values())


def links_between(claims: Sequence[ClaimSpan], passages: Iterable[Passage]) -> list[Link]:
    """Each passage as a link to every claim of its article whose span it overlaps."""
    by_article: dict[int, list[ClaimSpan]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    return [
        Link(passage.claim_id, other.claim_id, passage.relation, passage.score)
        for passage in passages
        for other in by_article.get(passage.article_id, ())
        if overlaps(passage.start, passage.end, other.start, other.end)
    ]


def group_claims(claims: Sequence[ClaimSpan], passages: Iterable[Passage]) -> list[list[ClaimSpan]]:
    """Claims grouped by the fact they state, groups and members in input order."""
    by_id = {claim.claim_id: claim for claim in claims}
    groups = group_claim_ids(
        [(claim.claim_id, claim.article_id) for claim in claims], links_between(claims, passages)
    )
    return [[by_id[claim_id] for claim_id in group] for group in groups]


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


def fact_with_cells(
    claims: Sequence[ClaimSpan],
    signals: Iterable[tuple[Hashable, str]],
    outlets: Sequence[Hashable],
) -> Fact:
    """One fact: its claims, and a cell per outlet (in the order given) from the
    (outlet, relation) of the passages found for its claims."""
    signals = set(signals)
    own: dict[Hashable, list[ClaimSpan]] = defaultdict(list)
    for claim in claims:
        own[claim.outlet].append(claim)
    cells = tuple(
        Cell(
            outlet=outlet,
            claims=tuple(own.get(outlet, ())),
            backs=(outlet, SUPPORTS) in signals,
            contradicts=(outlet, CONTRADICTS) in signals,
        )
        for outlet in outlets
    )
    return Fact(claims=tuple(claims), cells=cells)


def coverage_matrix(
    claims: Sequence[ClaimSpan], passages: Sequence[Passage], outlets: Sequence[Hashable]
) -> list[Fact]:
    """One row per fact, one cell per outlet (in the order given)."""
    passages_for: dict[int, list[Passage]] = defaultdict(list)
    for passage in passages:
        passages_for[passage.claim_id].append(passage)
    return [
        fact_with_cells(
            group,
            [(p.outlet, p.relation) for claim in group for p in passages_for[claim.claim_id]],
            outlets,
        )
        for group in group_claims(claims, passages)
    ]
