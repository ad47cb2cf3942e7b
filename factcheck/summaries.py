"""What the workbench's screens summarise, computed from rows a view has loaded:
review progress, story overviews, the panel's passages by outlet, the coverage
matrix and the story report. Plain reads; no queries of their own."""

from dataclasses import dataclass

from articles.models import Article, Story

from .coverage import Cell, ClaimSpan, Fact, Passage, coverage_matrix
from .models import Claim, ClaimStatus, Evidence, Status, Verdict


@dataclass(frozen=True)
class Bar:
    """One status's stretch of a progress bar, in percent of its width."""

    status: str
    label: str
    count: int
    x: str
    width: str


def counted(claim: Claim) -> bool:
    """Whether a claim counts: still in its article's text, and not set aside."""
    return not claim.not_a_claim and claim.missing_since is None


@dataclass(frozen=True)
class ReviewProgress:
    """Claims by status, and how many another outlet contradicts. Sentences marked
    "not a claim" and claims whose sentence is gone do not count."""

    total: int = 0
    confirmed: int = 0
    disputed: int = 0
    unsourced: int = 0
    contradicted: int = 0

    @classmethod
    def of_articles(cls, articles) -> "ReviewProgress":
        """Summed from articles whose claims were counted (overviews.count_claims)."""
        return cls(
            total=sum(article.claim_count for article in articles),
            confirmed=sum(article.confirmed_count for article in articles),
            disputed=sum(article.disputed_count for article in articles),
            unsourced=sum(article.unsourced_count for article in articles),
            contradicted=sum(article.contradicted_count for article in articles),
        )

    @classmethod
    def of_claims(cls, claims) -> "ReviewProgress":
        """From claims; contradictions counted where annotated (with_contradiction)."""
        kept = [claim for claim in claims if counted(claim)]
        statuses = [claim.status for claim in kept]
        return cls(
            total=len(statuses),
            confirmed=statuses.count(ClaimStatus.CONFIRMED),
            disputed=statuses.count(ClaimStatus.DISPUTED),
            unsourced=statuses.count(ClaimStatus.UNSOURCED),
            contradicted=sum(bool(getattr(claim, "has_contradiction", False)) for claim in kept),
        )

    @property
    def decided(self) -> int:
        return self.confirmed + self.disputed + self.unsourced

    @property
    def pending(self) -> int:
        return self.total - self.decided

    @property
    def percent_decided(self) -> int:
        return round(100 * self.decided / self.total) if self.total else 0

    @property
    def bars(self) -> list[Bar]:
        """Stacked bars for an SVG drawn with attributes, never inline styles."""
        bars, x = [], 0.0
        for status in [*Status, ClaimStatus.PENDING]:
            count = getattr(self, status.value)
            width = 100 * count / self.total if self.total else 0
            if count:
                bars.append(Bar(status.value, status.label, count, f"{x:.2f}", f"{width:.2f}"))
            x += width
        return bars


@dataclass
class StoryOverview:
    """A story on the stories page, or (story None) a page of the unassigned articles,
    of total in all."""

    story: Story | None
    articles: list[Article]
    total: int | None = None

    @property
    def article_count(self) -> int:
        return len(self.articles) if self.total is None else self.total

    @property
    def title(self) -> str:
        return self.story.title if self.story else "Unassigned"

    @property
    def outlets(self) -> list[str]:
        return sorted({article.outlet.name for article in self.articles})

    @property
    def first_published(self):
        return min((a.published for a in self.articles if a.published), default=None)

    @property
    def last_published(self):
        return max((a.published for a in self.articles if a.published), default=None)

    @property
    def progress(self) -> ReviewProgress:
        return ReviewProgress.of_articles(self.articles)

    @property
    def contradicted(self) -> int:
        return self.progress.contradicted

    @property
    def rows(self) -> list[tuple[Article, ReviewProgress]]:
        return [(article, ReviewProgress.of_articles([article])) for article in self.articles]


@dataclass(frozen=True)
class ShownPassage:
    evidence: Evidence
    html: str
    cited: bool


@dataclass(frozen=True)
class OutletPassages:
    """One source's passages in the panel: an outlet, or one article of the unknown outlet."""

    name: str
    passages: list[ShownPassage]

    @property
    def contradicts(self) -> bool:
        return any(p.evidence.relation == "contradicts" for p in self.passages)


@dataclass(frozen=True)
class SourceColumn:
    """A column of the coverage matrix: an outlet, or one article of the unknown outlet."""

    key: str
    name: str


@dataclass(frozen=True)
class FactRow:
    """A row of the coverage matrix: the claims stating one fact, and each outlet's cell
    (its label, and that outlet's own claims stating the fact)."""

    fact: Fact
    claims: list[Claim]
    cells: list[tuple[Cell, SourceColumn, list[Claim]]]

    def others_than(self, claim: Claim) -> list[tuple[str, list[str]]]:
        """The other outlets by label, in the matrix's words: [("Contradicts", [...]), ...]."""
        own = claim.article.source_key
        names: dict[str, list[str]] = {}
        for cell, column, _ in self.cells:
            if column.key != own:
                names.setdefault(cell.label, []).append(column.name)
        return [(label, names[label]) for label in LABEL_ORDER if label in names]


LABEL_ORDER = ["Contradicts", "Reports", "Backs", "Silent"]


def coverage_context(
    story: Story,
    articles: list[Article],
    claims: list[Claim],
    passages: list[Evidence],
    *,
    shown: set[int] | None = None,
) -> dict:
    """The coverage matrix of a story: claims with their article's outlet, passages
    with their article. Claims that do not count (counted()) are left out; with shown,
    only the facts holding one of those claims are listed."""
    claims = [claim for claim in claims if counted(claim)]
    outlets = sorted(
        {a.source_key: SourceColumn(a.source_key, a.outlet_label) for a in articles}.values(),
        key=lambda column: column.name.casefold(),
    )
    facts = coverage_matrix(
        [ClaimSpan(c.pk, c.article_id, c.article.source_key, c.start, c.end) for c in claims],
        [
            Passage(
                p.claim_id, p.article_id, p.article.source_key, p.start, p.end, p.relation, p.score
            )
            for p in passages
        ],
        [column.key for column in outlets],
    )
    by_id = {claim.pk: claim for claim in claims}
    rows = [
        FactRow(
            fact=fact,
            claims=[by_id[span.claim_id] for span in fact.claims],
            cells=[
                (cell, outlet, [by_id[span.claim_id] for span in cell.claims])
                for cell, outlet in zip(fact.cells, outlets, strict=True)
            ],
        )
        for fact in facts
    ]
    if shown is not None:
        rows = [row for row in rows if any(claim.pk in shown for claim in row.claims)]
    return {
        "story": story,
        "outlets": outlets,
        "rows": rows,
        "fact_of": {claim.pk: row for row in rows for claim in row.claims},
        "contradicted": sum(row.fact.disputed for row in rows),
        "single_outlet": sum(
            1 for row in rows if sum(cell.reports for cell in row.fact.cells) == 1
        ),
    }


@dataclass(frozen=True)
class ReportedClaim:
    """A claim as the story report prints it; claim comes from Claim.objects.for_report(),
    fact is its row of the coverage matrix (None for a claim that does not count)."""

    claim: Claim
    public_url: str
    fact: FactRow | None = None

    @property
    def other_outlets(self) -> list[tuple[str, list[str]]]:
        """What the other outlets do about the claim's fact, in the matrix's labels."""
        return self.fact.others_than(self.claim) if self.fact else []

    @property
    def verdict(self) -> Verdict | None:
        return self.claim.latest_verdict()

    @property
    def earlier_verdicts(self) -> list[Verdict]:
        return list(self.claim.verdicts.all())[1:]


@dataclass(frozen=True)
class ReportedArticle:
    article: Article
    claims: list[ReportedClaim]


@dataclass(frozen=True)
class OutletCounts:
    name: str
    articles: int
    progress: ReviewProgress
    published: int


def outlet_counts(articles: list[Article], claims: list[Claim]) -> list[OutletCounts]:
    """Per outlet (each unknown-outlet article on its own), alphabetically: articles,
    claims by status, claims published."""
    names = {article.source_key: article.outlet_label for article in articles}
    rows = []
    for key, name in sorted(names.items(), key=lambda item: item[1].casefold()):
        own = [claim for claim in claims if claim.article.source_key == key and counted(claim)]
        rows.append(
            OutletCounts(
                name=name,
                articles=sum(1 for article in articles if article.source_key == key),
                progress=ReviewProgress.of_claims(own),
                published=sum(claim.is_published for claim in own),
            )
        )
    return rows
