"""The stories page: a page of stories, newest activity first, each with its articles
and their claims counted by the database, and a page of the articles in no story.
Only the page's own articles are loaded and counted, however large the corpus."""

from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet

from articles.models import Article, Story

from .models import Claim, ClaimStatus, Evidence, Relation
from .summaries import StoryOverview

STORIES_PER_PAGE = 20
UNASSIGNED_PER_PAGE = 20
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


def count_claims(articles: list[Article]) -> None:
    """Set each article's claim counts (claim_count, confirmed_count, disputed_count,
    unsourced_count, contradicted_count), counting the claims that count: not set aside
    and still in the text. One query, grouped by article, for these articles only."""
    contradicted = Exists(
        Evidence.objects.filter(claim=OuterRef("pk"), relation=Relation.CONTRADICTS)
    )
    by_status = {
        f"{status}_count": Count("pk", filter=Q(status=status))
        for status in (ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED, ClaimStatus.UNSOURCED)
    }
    rows = (
        Claim.objects.filter(article__in=[article.pk for article in articles])
        .checkable()
        .in_text()
        .order_by()
        .values("article_id")
        .annotate(
            claim_count=Count("pk"),
            contradicted_count=Count("pk", filter=contradicted),
            **by_status,
        )
    )
    counts = {row.pop("article_id"): row for row in rows}
    for article in articles:
        found = counts.get(article.pk, {})
        for name in ("claim_count", "contradicted_count", *by_status):
            setattr(article, name, found.get(name, 0))


def story_overviews(stories: Page, unassigned: Page) -> list[StoryOverview]:
    """The page's stories with their articles, then the page of unassigned articles
    (when there are any), every article with its claim counts."""
    in_stories = list(
        shown_articles(Article.objects.filter(story__in=[story.pk for story in stories])).order_by(
            "story_id", *STORY_ORDER
        )
    )
    loose = list(unassigned)
    count_claims([*in_stories, *loose])
    by_story = {
        story_id: list(articles)
        for story_id, articles in groupby(in_stories, key=lambda article: article.story_id)
    }
    overviews = [StoryOverview(story, by_story.get(story.pk, [])) for story in stories]
    if loose:
        overviews.append(StoryOverview(None, loose, total=unassigned.paginator.count))
    return overviews
