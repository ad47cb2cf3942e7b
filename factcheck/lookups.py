"""Finding an article or a story by what an editor types: its id, or words of its
headline, outlet or title. The queue's article and story filters take an id; these
suggest the ids as the editor types, a few at a time, whatever the corpus holds."""

from django.db.models import Q
from django.db.models.functions import Substr

from articles.ids import as_id
from articles.models import Article, Story

MATCHES_SHOWN = 20
WORDS_READ = 8
TYPED_READ = 200


def words_of(typed: str) -> list[str]:
    return typed[:TYPED_READ].split()[:WORDS_READ]


def by_id(typed: str) -> int | None:
    try:
        return as_id(typed)
    except ValueError:
        return None


def articles_matching(typed: str) -> list[Article]:
    """The article with that id, else the newest articles whose headline or outlet
    holds every word typed; at most MATCHES_SHOWN. An article without a headline is
    shown by its opening words (opening)."""
    articles = (
        Article.objects.select_related("outlet")
        .only("headline", "published", "outlet__name")
        .annotate(opening=Substr("body", 1, 200))
    )
    if (number := by_id(typed)) is not None:
        return list(articles.filter(pk=number))
    words = words_of(typed)
    if not words:
        return []
    for word in words:
        articles = articles.filter(Q(headline__icontains=word) | Q(outlet__name__icontains=word))
    return list(articles.order_by("-published", "-pk")[:MATCHES_SHOWN])


def stories_matching(typed: str) -> list[Story]:
    """The story with that id, else the newest stories whose title holds every word."""
    stories = Story.objects.only("title", "first_published", "last_published")
    if (number := by_id(typed)) is not None:
        return list(stories.filter(pk=number))
    words = words_of(typed)
    if not words:
        return []
    for word in words:
        stories = stories.filter(title__icontains=word)
    return list(stories.order_by("-created_at", "-pk")[:MATCHES_SHOWN])
