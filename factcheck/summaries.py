"""What the workbench's screens summarise, computed from rows a view has loaded:
review progress, story overviews and the panel's passages by outlet. Plain reads;
no queries of their own (the coverage matrix and the story report, which read a
page of a story at a time, are matrix.py and report.py)."""

from dataclasses import dataclass
from datetime import date

from articles.models import Article, Story

from .models import Claim, ClaimStatus, Evidence, Status


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


@dataclass(frozen=True)
class StoryFigures:
    """What a story card says of all its articles, however few it lists."""

    article_count: int
    outlets: list[str]
    first_published: date | None
    last_published: date | None
    progress: ReviewProgress

    @classmethod
    def of_articles(cls, articles: list[Article], article_count: int) -> "StoryFigures":
        """Of these articles, whose claims were counted (overviews.count_claims)."""
        days = [article.published for article in articles if article.published]
        return cls(
            article_count=article_count,
            outlets=sorted({article.outlet.name for article in articles}),
            first_published=min(days, default=None),
            last_published=max(days, default=None),
            progress=ReviewProgress.of_articles(articles),
        )


@dataclass
class StoryOverview:
    """A story on the stories page with the articles its card lists, or (story None) a
    page of the unassigned articles; figures are those of all its articles."""

    story: Story | None
    articles: list[Article]
    figures: StoryFigures

    @property
    def title(self) -> str:
        return self.story.title if self.story else "Unassigned"

    @property
    def article_count(self) -> int:
        return self.figures.article_count

    @property
    def more_articles(self) -> int:
        """Articles of the story its card does not list."""
        return self.figures.article_count - len(self.articles) if self.story else 0

    @property
    def outlets(self) -> list[str]:
        return self.figures.outlets

    @property
    def first_published(self):
        return self.figures.first_published

    @property
    def last_published(self):
        return self.figures.last_published

    @property
    def progress(self) -> ReviewProgress:
        return self.figures.progress

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
