"""The story report, a page of claims at a time, in a fixed number of queries.

An editor prints the report to hand a story on: each claim with its verdicts,
notes and cited passages, article by article, after the counts. A typical story
(five outlets, a hundred claims) is one page; a story with a 1 MB article has
thousands of claims, so the report comes in pages of CLAIMS_A_PAGE claims in
reading order. An article longer than a page goes on over the next, its heading
saying "continued"; each page says "page k of n" in its heading, so a printed
pile stays in order. The counts are the whole story's, added up by the database;
the coverage matrix on a page holds the facts its claims state.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Exists, OuterRef, Q

from articles.models import Article, Story

from .matrix import (
    OUTLETS_A_PAGE,
    FactRow,
    StoryArticle,
    StoryFacts,
    StorySources,
    fact_rows,
    page_of,
    shown_columns,
)
from .models import Claim, ClaimStatus, Evidence, Publication, Relation, Verdict
from .summaries import ReviewProgress

CLAIMS_A_PAGE = 100


@dataclass(frozen=True)
class ReportPage:
    """Which claims a page lists: claims start to stop (offsets in reading order) of
    these articles, the first of them continued from the page before when continued."""

    start: int
    stop: int
    articles: tuple[int, ...]
    continued: bool = False


def report_pages(listed: Sequence[tuple[int, int]], per_page: int) -> list[ReportPage]:
    """Cut the articles, given in reading order as (article id, claims listed), into
    pages of at most per_page claims; an article without claims takes one place."""
    pages: list[ReportPage] = []
    start = offset = used = 0
    articles: list[int] = []
    continued = False

    def close(next_continues: bool) -> None:
        nonlocal start, used, articles, continued
        pages.append(ReportPage(start, offset, tuple(articles), continued))
        start, used, articles, continued = offset, 0, [], next_continues

    for article_id, count in listed:
        if used == per_page:
            close(next_continues=False)
        articles.append(article_id)
        if not count:
            used += 1
            continue
        while True:
            taken = min(count, per_page - used)
            used, offset, count = used + taken, offset + taken, count - taken
            if not count:
                break
            close(next_continues=True)
            articles.append(article_id)
    if articles:
        close(next_continues=False)
    return pages


@dataclass(frozen=True)
class OutletCounts:
    name: str
    articles: int
    progress: ReviewProgress
    published: int


@dataclass(frozen=True)
class StoryCounts:
    """The whole story's counts, from one aggregate query: claims by status (of those
    that count), contradicted and published, per article then per outlet."""

    per_article: dict[int, dict[str, int]]

    @classmethod
    def of(cls, story: Story) -> "StoryCounts":
        kept = Q(not_a_claim=False, missing_since__isnull=True)
        listed = Q(not_a_claim=False)
        contradicted = Exists(
            Evidence.objects.filter(claim=OuterRef("pk"), relation=Relation.CONTRADICTS)
        )
        published = Exists(Publication.objects.current().filter(claim=OuterRef("pk")))
        rows = (
            Claim.objects.for_story(story)
            .order_by()
            .values("article_id")
            .annotate(
                total=Count("pk", filter=kept),
                **{
                    status: Count("pk", filter=kept & Q(status=status))
                    for status in ("confirmed", "disputed", "unsourced")
                },
                contradicted=Count("pk", filter=kept & Q(contradicted)),
                published_counted=Count("pk", filter=kept & Q(published)),
                published=Count("pk", filter=Q(published)),
                listed=Count("pk", filter=listed),
                decided=Count("pk", filter=listed & ~Q(status=ClaimStatus.PENDING)),
                not_claims=Count("pk", filter=Q(not_a_claim=True)),
            )
        )
        return cls({row.pop("article_id"): row for row in rows})

    def total(self, field: str, articles: Sequence[StoryArticle] | None = None) -> int:
        counts = (
            self.per_article.values()
            if articles is None
            else (self.per_article.get(article.pk, {}) for article in articles)
        )
        return sum(row.get(field, 0) for row in counts)

    def progress(self, articles: Sequence[StoryArticle] | None = None) -> ReviewProgress:
        return ReviewProgress(
            **{
                field: self.total(field, articles)
                for field in ("total", "confirmed", "disputed", "unsourced", "contradicted")
            }
        )

    def listed(self, article: StoryArticle, *, decided_only: bool) -> int:
        return self.per_article.get(article.pk, {}).get("decided" if decided_only else "listed", 0)

    def by_outlet(self, sources: StorySources) -> list[OutletCounts]:
        """Per outlet (each unknown-outlet article on its own), alphabetically."""
        articles: dict[str, list[StoryArticle]] = defaultdict(list)
        for article in sources.articles:
            articles[article.source_key].append(article)
        return [
            OutletCounts(
                name=column.name,
                articles=len(articles[column.key]),
                progress=self.progress(articles[column.key]),
                published=self.total("published_counted", articles[column.key]),
            )
            for column in sources.columns
        ]


@dataclass(frozen=True)
class ReportedClaim:
    """A claim as the story report prints it; claim comes from Claim.objects.for_report(),
    fact is its row of the coverage matrix (None for a claim that does not count)."""

    claim: Claim
    public_url: str
    source: str
    fact: FactRow | None = None

    @cached_property
    def other_outlets(self) -> list[tuple[str, str]]:
        """What the other outlets do about the claim's fact, in the matrix's labels."""
        return self.fact.others_than(self.source) if self.fact else []

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
    continued: bool = False


def report_context(
    story: Story,
    *,
    decided_only: bool,
    page: str | None,
    outlets: str | None,
    public_url: Callable[[Claim], str],
) -> dict:
    """One page of the story report: its claims article by article, the facts they
    state, and the whole story's counts."""
    sources = StorySources.of(story)
    facts = StoryFacts.of(story, sources)
    counts = StoryCounts.of(story)
    listed = [(a.pk, counts.listed(a, decided_only=decided_only)) for a in sources.articles]
    if decided_only:
        listed = [(article_id, count) for article_id, count in listed if count]
    report_page = page_of(report_pages(listed, CLAIMS_A_PAGE), 1, page)
    part = report_page.object_list[0] if report_page.object_list else ReportPage(0, 0, ())
    claims = Claim.objects.for_story(story).checkable()
    if decided_only:
        claims = claims.exclude(status=ClaimStatus.PENDING)
    claims = list(claims.for_report()[part.start : part.stop]) if part.stop else []
    outlet_page = page_of(sources.columns, OUTLETS_A_PAGE, outlets)
    rows = fact_rows(
        facts.groups_holding([claim.pk for claim in claims]),
        facts,
        sources,
        shown_columns(outlet_page),
    )
    fact_of = {claim.pk: row for row in rows for claim in row.claims}
    source_of = sources.source_of_article()
    by_article: dict[int, list[ReportedClaim]] = {article_id: [] for article_id in part.articles}
    for claim in claims:
        if claim.article_id not in by_article:  # moved meanwhile
            continue
        by_article[claim.article_id].append(
            ReportedClaim(
                claim,
                public_url(claim) if claim.is_published else "",
                source_of[claim.article_id],
                fact_of.get(claim.pk),
            )
        )
    articles = Article.objects.select_related("outlet").without_body().in_bulk(part.articles)
    return {
        "story": story,
        "articles": sources.articles,
        "outlets": sources.columns,
        "outlet_page": outlet_page,
        "rows": rows,
        "facts_total": len(facts.groups),
        "contradicted": facts.disputed,
        "single_outlet": facts.single_outlet,
        "report_page": report_page,
        "claims_listed": sum(count for _, count in listed),
        "first_listed": part.start + 1,
        "last_listed": part.stop,
        "reported": [
            ReportedArticle(
                articles[article_id], by_article[article_id], continued=i == 0 and part.continued
            )
            for i, article_id in enumerate(part.articles)
        ],
        "decided_only": decided_only,
        "not_claims": counts.total("not_claims"),
        "progress": counts.progress(),
        "by_outlet": counts.by_outlet(sources),
        "published": counts.total("published"),
    }
