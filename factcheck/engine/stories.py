"""Grouping articles into stories: the same event, told by several outlets.

Two articles belong to one story when they appeared within a few days of each
other and share what makes an event itself: the names, figures and rarer words
they use. Each story keeps a profile (its words and how often its articles use
them) so new articles can join it later without rereading the old ones.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .evidence import terms

DAYS_APART = 3  # coverage of one event within this many days of the story's dates
SAME_STORY = 0.3  # cosine similarity of word profiles that makes an article join a story
PROFILE_SIZE = 60  # words kept in a story's profile
SMOOTHING = 50  # imaginary unrelated articles, so rarity means something in a small pool


@dataclass(frozen=True)
class ArticleProfile:
    id: int
    published: date | None
    words: Counter

    @classmethod
    def of(cls, article_id: int, published: date | None, body: str) -> "ArticleProfile":
        return cls(article_id, published, Counter(terms(body)))


@dataclass
class StoryProfile:
    id: int | None  # None for a story this grouping creates
    first: date | None
    last: date | None
    words: Counter = field(default_factory=Counter)
    articles: list[int] = field(default_factory=list)

    def near(self, published: date | None) -> bool:
        if published is None or self.first is None or self.last is None:
            return True
        return (self.first - published).days <= DAYS_APART and (
            published - self.last
        ).days <= DAYS_APART

    def take(self, article: ArticleProfile) -> None:
        self.articles.append(article.id)
        self.words.update(article.words)
        self.words = Counter(dict(self.words.most_common(PROFILE_SIZE)))
        if article.published:
            self.first = min(filter(None, (self.first, article.published)))
            self.last = max(filter(None, (self.last, article.published)))


def cosine(first: Counter, second: Counter, idf: dict[str, float]) -> float:
    shared = first.keys() & second.keys()
    if not shared:
        return 0.0
    dot = sum(first[word] * second[word] * idf[word] ** 2 for word in shared)
    norm = math.sqrt(sum((count * idf[word]) ** 2 for word, count in first.items())) * math.sqrt(
        sum((count * idf[word]) ** 2 for word, count in second.items())
    )
    return dot / norm if norm else 0.0


def group_into_stories(
    articles: Sequence[ArticleProfile], stories: Sequence[StoryProfile]
) -> list[StoryProfile]:
    """Put each article into the closest existing or new story; return the stories touched.

    Only stories sharing a distinctive word with the article are compared
    (an inverted index over profiles), so the work grows with the overlap, not
    with the number of stories.
    """
    pool = list(stories)
    document_frequency: Counter = Counter()
    for profile in [*pool, *articles]:
        document_frequency.update(profile.words.keys())
    # Smoothed rarity: in a small pool every word is "common", yet the words all
    # of a few articles share are exactly what makes them one story.
    total = len(pool) + len(articles) + SMOOTHING
    idf = defaultdict(lambda: math.log(1 + total))
    idf.update(
        {word: math.log(1 + total / (count + 1)) for word, count in document_frequency.items()}
    )

    index: dict[str, set[int]] = defaultdict(set)
    for number, story in enumerate(pool):
        for word in distinctive(story.words, idf):
            index[word].add(number)

    touched: dict[int, StoryProfile] = {}
    ordered = sorted(articles, key=lambda article: (article.published or date.max, article.id))
    for article in ordered:
        candidates = {number for word in distinctive(article.words, idf) for number in index[word]}
        best, best_score = None, SAME_STORY
        for number in candidates:
            story = pool[number]
            if not story.near(article.published):
                continue
            score = cosine(article.words, story.words, idf)
            if score >= best_score:
                best, best_score = number, score
        if best is None:
            pool.append(StoryProfile(id=None, first=article.published, last=article.published))
            best = len(pool) - 1
        pool[best].take(article)
        touched[best] = pool[best]
        for word in distinctive(pool[best].words, idf):
            index[word].add(best)
    return list(touched.values())


def distinctive(words: Counter, idf: dict[str, float], size: int = 15) -> list[str]:
    """The words that best tell this profile apart: frequent here, rare elsewhere."""
    ranked = sorted(words, key=lambda word: -words[word] * idf[word])
    return ranked[:size]
