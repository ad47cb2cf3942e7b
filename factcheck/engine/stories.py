"""Grouping articles into stories: one news event, told by several outlets over days or weeks.

An article joins a story when it shares what makes that event itself (its
proper names, its figures, the days it names and its rarer words) and
appeared close enough in time to the story's other articles. A follow-up weeks
later must repeat more of the event than one of the same day; another event of
the same actors, months or years away, stays apart even when it shares every
name. Each story keeps a profile (its terms and how often its articles use
them), so that new articles can join it later without rereading the old ones.

Coverage reaches the newsroom in any order: a follow-up may come before the
first report, and two stories may each hold part of one event until an article
turns up that belongs to both. Such an article merges them.

An article without a date is placed by its text alone, unless it names a day
with its weekday ("on Tuesday, April 8"): only some years put that date on that
weekday, which tells a story of this year from one of another.
"""

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .text import STOPWORDS, split_sentences, stem

SAME_STORY = 0.2  # likeness (cosine of tf-idf profiles) that makes an article join a story
FOLLOW_UP_DAYS = 3  # days from a story's dates within which that likeness is enough
LONGEST_GAP = 90  # days beyond which an article never joins a story
LATE_SAME_STORY = 0.45  # likeness needed at LONGEST_GAP; it rises evenly from FOLLOW_UP_DAYS
NAME_WEIGHT = 2  # proper names tell events apart better than other words
SMOOTHING = 50  # imaginary unrelated stories, so rarity means something in a small pool
PROFILE_SIZE = 200  # terms kept in a story's profile
DISTINCTIVE = 30  # terms of an article or story kept in the index
CANDIDATES = 8  # stories compared in full with each article, those sharing most of its terms

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
TOKEN = re.compile(
    r"(?P<capital>[A-Z][a-z]{2,8})\.? (?P<number>\d{1,3})\b(?![,.]?\d)"  # "Sept. 27", "Local 26"
    r"|(?P<figure>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"|(?P<word>[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z])"
)
NAMED_DAY_TERM = re.compile(r"@(\d+)-(\d+)/(\d)")
NAMED_DAY = re.compile(
    rf"\b(?P<weekday>{'|'.join(WEEKDAYS)}),? (?P<month>[A-Z][a-z]{{2,8}})\.? (?P<day>[1-3]?\d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ArticleProfile:
    id: object  # the article's id (any hashable key)
    published: date | None
    words: Counter  # term -> count: word stems, names as written, figures ("#4000"), days ("@9-27")

    @classmethod
    def of(
        cls, article_id, published: date | None, body: str, headline: str = ""
    ) -> "ArticleProfile":
        return cls(article_id, published, Counter(story_terms(body, headline)))


@dataclass
class StoryProfile:
    id: int | None  # None for a story this grouping creates
    first: date | None
    last: date | None
    words: Counter = field(default_factory=Counter)
    articles: list = field(default_factory=list)  # the articles this grouping put into it
    size: int = 0  # how many articles it holds in all
    locked: bool = False  # it holds articles an editor placed: it is never merged away

    def gap(self, published: date | None) -> int:
        """Days between the date and the story's dates (0 inside them, or if either is unknown)."""
        if published is None or self.first is None or self.last is None:
            return 0
        return max(0, (self.first - published).days, (published - self.last).days)

    def take(self, article: ArticleProfile) -> None:
        self.articles.append(article.id)
        self.size += 1
        self.add(article.words, article.published, article.published)

    def absorb(self, other: "StoryProfile") -> None:
        self.articles += other.articles
        self.size += other.size
        self.add(other.words, other.first, other.last)

    def add(self, words: Counter, first: date | None, last: date | None) -> None:
        self.words.update(words)
        if len(self.words) > PROFILE_SIZE:
            self.words = Counter(dict(self.words.most_common(PROFILE_SIZE)))
        self.first = min(filter(None, (self.first, first)), default=None)
        self.last = max(filter(None, (self.last, last)), default=None)


@dataclass(frozen=True)
class Merge:
    """An existing story found to be part of another: all its articles now belong to kept.

    The larger story is kept; one holding articles an editor placed is never absorbed.
    """

    kept: StoryProfile  # one of Grouping.stories
    absorbed: StoryProfile


@dataclass(frozen=True)
class Grouping:
    stories: tuple[StoryProfile, ...]  # every story that gained articles, as it now stands
    merges: tuple[Merge, ...] = ()  # existing stories that went into one of those


# --- what an article is about ----------------------------------------------------


def story_terms(body: str, headline: str = "") -> list[str]:
    """What tells an event apart: word stems, proper names as written, figures and days.

    A capitalised word is a name unless it only opens a sentence and is not
    capitalised inside one anywhere in the body; a headline in title case adds
    only the names the body confirms.
    """
    sentences = [tokens(sentence.text) for sentence in split_sentences(body)]
    capitalised = {word for found in sentences for _, word, _ in found[1:] if word[:1].isupper()}
    terms: list[str] = []
    if headline:
        terms += sentence_terms(tokens(headline), capitalised, headline=True)
    for found in sentences:
        terms += sentence_terms(found, capitalised, headline=False)
    for match in NAMED_DAY.finditer(body):
        if month := MONTHS.get(match["month"].lower()):
            weekday = WEEKDAYS.index(match["weekday"].lower())
            terms.append(f"@{month}-{int(match['day'])}/{weekday}")
    return terms


def tokens(text: str) -> list[tuple[str, str, str]]:
    """(kind, word, number) for each word, figure, and word with a number ("Sept. 27")."""
    return [
        (match.lastgroup, match["capital"] or match["word"] or "", match["number"] or match[0])
        for match in TOKEN.finditer(text)
    ]


def sentence_terms(
    found: list[tuple[str, str, str]], capitalised: set[str], *, headline: bool
) -> list[str]:
    terms: list[str] = []
    run: list[str] = []  # consecutive names: "Back Bay", "Hospitality Workers United"
    for position, (kind, word, number) in enumerate(found):
        if kind == "figure":
            figure = number.replace(",", "")
            if len(figure) >= 2:
                terms.append(f"#{figure}")
            run = close_run(run, terms)
            continue
        lower = word.lower()
        if kind == "number" and lower in MONTHS:
            terms.append(f"@{MONTHS[lower]}-{int(number)}")
            run = close_run(run, terms)
            continue
        name = (
            word[0].isupper()
            and lower not in STOPWORDS
            and lower not in MONTHS
            and lower not in WEEKDAYS
            and (word in capitalised or not (headline or position == 0))
        )
        if name:
            terms.append(word.replace("’", "'").removesuffix("'s"))
            run.append(word)
        else:
            run = close_run(run, terms)
            if len(lower) > 2 and lower.replace("’", "'") not in STOPWORDS:
                terms.append(stem(lower))
        if kind == "number":  # a number after a capitalised word
            if name:  # is part of the name: "Local 26", "Line 2"
                terms.append(f"{word} {number}")
            if len(number) >= 2:
                terms.append(f"#{number}")
            run = close_run(run, terms)
    close_run(run, terms)
    return terms


def close_run(run: list[str], terms: list[str]) -> list[str]:
    if len(run) >= 2:
        terms.append(" ".join(run))
    return []


def named_days(words: Iterable[str]) -> list[tuple[int, int, int]]:
    """The days named with their weekday ("Saturday, Sept. 27"), as (month, day, weekday)."""
    return [
        (int(match[1]), int(match[2]), int(match[3]))
        for term in words
        if (match := NAMED_DAY_TERM.fullmatch(term))
    ]


def day_near(named: Iterable[tuple[int, int, int]], first: date, last: date) -> date | None:
    """A date that one of the named days can be (its weekday right), within LONGEST_GAP days
    of first..last; None if every one falls on another weekday in those years."""
    earliest = first - timedelta(days=LONGEST_GAP)
    latest = last + timedelta(days=LONGEST_GAP)
    for month, day, weekday in named:
        for year in range(earliest.year, latest.year + 1):
            try:
                when = date(year, month, day)
            except ValueError:  # February 29 of a common year, or a day past the month's end
                continue
            if when.weekday() == weekday and earliest <= when <= latest:
                return when
    return None


# --- grouping ----------------------------------------------------------------------


def group_into_stories(
    articles: Sequence[ArticleProfile], stories: Sequence[StoryProfile]
) -> Grouping:
    """Put each article into the closest existing or new story, merging stories it bridges.

    Articles are taken in date order, those without a date last. Only the
    stories sharing most of an article's distinctive terms (an inverted index
    over profiles) are compared in full, so the work per article stays flat
    however many stories there are. The profiles given are updated in place.
    """
    pool = list(stories)
    weight = rarity([story.words for story in pool] + [article.words for article in articles])
    vectors = [Vector.of(story.words, weight) for story in pool]
    index: dict[str, set[int]] = defaultdict(set)
    for number, vector in enumerate(vectors):
        for term in vector.distinctive():
            index[term].add(number)

    touched: dict[int, StoryProfile] = {}
    went_into: dict[int, int] = {}  # a merged story's number -> the number of the one it joined
    for article in sorted(articles, key=lambda item: (item.published or date.max, item.id)):
        own = Vector.of(article.words, weight)
        joinable = [
            (fits, score, number)
            for number in candidates(own, index, went_into)
            for fits, needed in [fit(pool[number], article)]
            if needed is not None and (score := own.similarity(vectors[number])) >= needed
        ]
        joinable.sort(reverse=True)
        if joinable:
            best = joinable[0][2]
        else:
            pool.append(StoryProfile(id=None, first=article.published, last=article.published))
            vectors.append(own)
            best = len(pool) - 1
        pool[best].take(article)
        if article.published is not None:  # only a dated article tells two stories are one
            for _, _, other in joinable[1:]:
                kept, absorbed = sorted((best, other), key=lambda n: (-pool[n].size, n))
                if pool[absorbed].locked:
                    continue
                pool[kept].absorb(pool[absorbed])
                went_into[absorbed] = kept
                touched.pop(absorbed, None)
                best = kept
        touched[best] = pool[best]
        vectors[best] = Vector.of(pool[best].words, weight)
        for term in vectors[best].distinctive():
            index[term].add(best)

    def final(number: int) -> int:
        while number in went_into:
            number = went_into[number]
        return number

    merges = tuple(
        Merge(kept=pool[final(number)], absorbed=pool[number])
        for number in went_into
        if pool[number].id is not None
    )
    return Grouping(tuple(touched.values()), merges)


def candidates(own: "Vector", index: dict[str, set[int]], gone: Iterable[int]) -> list[int]:
    """The stories sharing most (by weight) of the article's distinctive terms."""
    shared: Counter = Counter()
    for term in own.distinctive():
        for number in index.get(term, ()):
            shared[number] += own.weights[term]
    return [number for number, _ in shared.most_common() if number not in gone][:CANDIDATES]


def fit(story: StoryProfile, article: ArticleProfile) -> tuple[bool, float | None]:
    """Whether dates place the article near the story, and the likeness it needs to join.

    When one side has no date, a day the other names with its weekday stands in for it.
    A weekday that does not fit says the two are of different years: they then need
    LATE_SAME_STORY.
    """
    if article.published is not None and story.first is not None:
        return True, required_similarity(story.gap(article.published))
    if article.published is None and story.first is not None:
        named, first, last = named_days(article.words), story.first, story.last
    elif article.published is not None:
        named, first, last = named_days(story.words), article.published, article.published
    else:
        return False, SAME_STORY
    if not named:
        return False, SAME_STORY
    when = day_near(named, first, last)
    if when is None:
        return False, LATE_SAME_STORY
    return True, required_similarity(max(0, (first - when).days, (when - last).days))


def required_similarity(gap: int) -> float | None:
    """How alike an article must be to a story it is `gap` days away from; None: too far.

    Within FOLLOW_UP_DAYS the usual likeness is enough; later articles must
    repeat more of the event (its names, figures, days), up to LONGEST_GAP.
    """
    if gap <= FOLLOW_UP_DAYS:
        return SAME_STORY
    if gap > LONGEST_GAP:
        return None
    late = (gap - FOLLOW_UP_DAYS) / (LONGEST_GAP - FOLLOW_UP_DAYS)
    return SAME_STORY + (LATE_SAME_STORY - SAME_STORY) * late


# --- likeness ----------------------------------------------------------------------


def rarity(profiles: Iterable[Counter]) -> dict[str, float]:
    """Each term's weight: smoothed inverse document frequency over the profiles at hand,
    times NAME_WEIGHT for proper names."""
    document_frequency: Counter = Counter()
    count = 0
    for words in profiles:
        document_frequency.update(words.keys())
        count += 1
    total = count + SMOOTHING
    weight = defaultdict(lambda: math.log(1 + total))
    for term, frequency in document_frequency.items():
        kind = NAME_WEIGHT if term[0].isupper() else 1
        weight[term] = math.log(1 + total / (frequency + 1)) * kind
    return weight


@dataclass(frozen=True)
class Vector:
    """A profile's tf-idf weights and their length, for cosine similarity."""

    weights: dict[str, float]
    length: float

    @classmethod
    def of(cls, words: Counter, weight: dict[str, float]) -> "Vector":
        weights = {term: (1 + math.log(count)) * weight[term] for term, count in words.items()}
        return cls(weights, math.sqrt(sum(value * value for value in weights.values())))

    def distinctive(self) -> list[str]:
        """The terms that best tell this profile apart: frequent here, rare elsewhere."""
        return heapq.nlargest(DISTINCTIVE, self.weights, key=self.weights.__getitem__)

    def similarity(self, other: "Vector") -> float:
        small, large = sorted((self.weights, other.weights), key=len)
        dot = sum(value * large[term] for term, value in small.items() if term in large)
        return dot / (self.length * other.length) if dot else 0.0
