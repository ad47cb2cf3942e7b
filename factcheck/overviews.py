"""The stories page: a page of stories, newest activity first, each with its first
articles and figures of all its articles counted by the database, and a page of the
articles in no story. Only the page's own articles are loaded, however large the
corpus or a story."""

from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from articles.models import Article, Story

from .models import Claim, ClaimStatus, Evidence, Relation
from .summaries import ReviewProgress, StoryFigures, StoryOverview

STORIES_PER_PAGE = 20
UNASSIGNED_PER_PAGE = 20
ARTICLES_ON_A_CARD = 10  # a story's first articles listed on its card; the queue has all
# In a story, its articles in the order they came out.
STORY_ORDER = ("published", "outlet__name", "pk")


def stories_by_activity() -> QuerySet[Story]:
    """Stories whose newest article came out last first; then the newest stories."""
    return Story.objects.annotate(latest=Max("articles__published")).order_by(
        F("latest").desc(nulls_last=True), "-created_at", "-pk"
    )


def unassigned_articles() -> QuerySet[Article]:
    """Articles in no story, newest first (undated ones last)."""
    return shown_articles(Article.objects.filter(story=None)).order_by(
        F("published").desc(nulls_last=True), "-pk"
    )


def shown_articles(articles: QuerySet[Article]) -> QuerySet[Article]:
    """What a row of the stories page reads of an article (not its raw text)."""
    return articles.select_related("outlet").defer("raw_text", "boilerplate")


def page_of(rows: QuerySet, size: int, number: str | None) -> Page:
    """That page of the rows; a page number out of range or not a number is the last
    or the first page, as Paginator.get_page does."""
    return Paginator(rows, size).get_page(number)


def claim_figures() -> dict:
    """Aggregates over claims (the callers keep to those that count, checkable and
    in_text): how many, how many another outlet contradicts, how many of each decided
    status."""
    contradicted = Exists(
        Evidence.objects.filter(claim=OuterRef("pk"), relation=Relation.CONTRADICTS)
    )
    return {
        "claim_count": Count("pk"),
        "contradicted_count": Count("pk", filter=contradicted),
        **{
            f"{status}_count": Count("pk", filter=Q(status=status))
            for status in (ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED, ClaimStatus.UNSOURCED)
        },
    }


def progress_of(row: dict) -> ReviewProgress:
    return ReviewProgress(
        total=row.get("claim_count", 0),
        confirmed=row.get("confirmed_count", 0),
        disputed=row.get("disputed_count", 0),
        unsourced=row.get("unsourced_count", 0),
        contradicted=row.get("contradicted_count", 0),
    )


def count_claims(articles: list[Article]) -> None:
    """Set each article's claim counts (claim_count, contradicted_count and one per
    decided status). One query, grouped by article, for these articles only."""
    rows = (
        Claim.objects.filter(article__in=[article.pk for article in articles])
        .checkable()
        .in_text()
        .order_by()
        .values("article_id")
        .annotate(**claim_figures())
    )
    counts = {row.pop("article_id"): row for row in rows}
    for article in articles:
        found = counts.get(article.pk, {})
        for name in claim_figures():
            setattr(article, name, found.get(name, 0))


def first_articles(story_ids: list[int]) -> list[Article]:
    """The first ARTICLES_ON_A_CARD articles of each story, in the order they came out."""
    rank = Window(
        RowNumber(),
        partition_by=[F("story_id")],
        order_by=[F("published").asc(nulls_last=True), F("outlet__name"), F("pk")],
    )
    return list(
        shown_articles(Article.objects.filter(story__in=story_ids))
        .annotate(rank=rank)
        .filter(rank__lte=ARTICLES_ON_A_CARD)
        .order_by("story_id", *STORY_ORDER)
    )


def story_figures(story_ids: list[int]) -> dict[int, StoryFigures]:
    """Figures of all the articles of these stories, in three grouped queries."""
    claims = {
        row.pop("article__story_id"): row
        for row in Claim.objects.filter(article__story__in=story_ids)
        .checkable()
        .in_text()
        .order_by()
        .values("article__story_id")
        .annotate(**claim_figures())
    }
    outlets: dict[int, set[str]] = {story_id: set() for story_id in story_ids}
    for story_id, name in (
        Article.objects.filter(story__in=story_ids)
        .order_by()
        .values_list("story_id", "outlet__name")
        .distinct()
    ):
        outlets[story_id].add(name)
    articles = (
        Article.objects.filter(story__in=story_ids)
        .order_by()
        .values("story_id")
        .annotate(count=Count("pk"), first=Min("published"), last=Max("published"))
    )
    return {
        row["story_id"]: StoryFigures(
            article_count=row["count"],
            outlets=sorted(outlets[row["story_id"]]),
            first_published=row["first"],
            last_published=row["last"],
            progress=progress_of(claims.get(row["story_id"], {})),
        )
        for row in articles
    }


def story_overviews(stories: Page, unassigned: Page) -> list[StoryOverview]:
    """The page's stories with their first articles and the figures of all their
    articles, then the page of unassigned articles (when there are any), every article
    listed with its claim counts."""
    story_ids = [story.pk for story in stories]
    listed = first_articles(story_ids)
    loose = list(unassigned)
    count_claims([*listed, *loose])
    figures = story_figures(story_ids)
    by_story = {
        story_id: list(articles)
        for story_id, articles in groupby(listed, key=lambda article: article.story_id)
    }
    empty = StoryFigures.of_articles([], 0)
    overviews = [
        StoryOverview(story, by_story.get(story.pk, []), figures.get(story.pk, empty))
        for story in stories
    ]
    if loose:
        every = StoryFigures.of_articles(loose, unassigned.paginator.count)
        overviews.append(StoryOverview(None, loose, every))
    return overviews
