"""The coverage matrix of a story, a page of facts and a page of outlets at a time,
in a fixed number of queries and bounded memory whatever the story's size.

Grouping claims into facts needs the whole story (a support link may join claims
of any two articles), so it runs over ids only: each counted claim's id and
article, and each link the database finds between two claims (a supporting or
contradicting passage found for one that overlaps the other's span). A story of
13,000 claims and 100,000 passages is grouped in a few megabytes, in a second or
two, and the grouping is cached until the story changes. Only the facts on the page
are then read in full: their claims, and who backs or contradicts them.
"""

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import NamedTuple

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Max, Value, When
from django.db.models.functions import Substr

from articles.models import OPENING_CHARS, Article, Outlet, Story, source_key

from .coverage import Cell, ClaimSpan, Fact, fact_with_cells, group_claim_ids
from .models import Claim, Evidence, Relation

FACTS_A_PAGE = 50
OUTLETS_A_PAGE = 10
GROUPING_SECONDS = 600
NAMES_LISTED = 10  # outlets named for one label of a claim's fact; the rest are counted

LABEL_ORDER = ["Contradicts", "Reports", "Backs", "Silent"]


@dataclass(frozen=True)
class SourceColumn:
    """A column of the coverage matrix: an outlet, or one article of the unknown outlet."""

    key: str
    name: str


class StoryArticle(NamedTuple):
    """What the matrix and the counts need of an article: which source it is."""

    pk: int
    source_key: str
    source_name: str
    analyzed_at: datetime | None


def story_article(row: tuple) -> StoryArticle:
    """From (pk, outlet id, outlet name, outlet unknown, headline, dateline, analyzed
    at, opening), the source as Article.source_key and outlet_label tell it: each
    unknown-outlet article a source of its own, named from an unsaved article of
    these few fields."""
    pk, outlet_id, name, unknown, headline, dateline, analyzed_at, opening = row
    if not unknown:  # the outlet's name (most rows: no model instance to build)
        return StoryArticle(pk, source_key(pk, outlet_id, outlet_unknown=False), name, analyzed_at)
    article = Article(
        pk=pk,
        outlet=Outlet(pk=outlet_id, name=name, is_unknown=unknown),
        headline=headline,
        dateline=dateline,
        body=opening,
    )
    return StoryArticle(pk, article.source_key, article.outlet_label, analyzed_at)


@dataclass(frozen=True)
class StorySources:
    """The story's articles in reading order, as sources, and its sources as matrix
    columns, alphabetically. One light row an article: no model instances, no bodies."""

    articles: list[StoryArticle]
    columns: list[SourceColumn]

    @classmethod
    def of(cls, story: Story) -> "StorySources":
        opening = Case(
            When(outlet__is_unknown=True, then=Substr("body", 1, OPENING_CHARS)),
            default=Value(""),
        )
        rows = (
            Article.objects.filter(story=story)
            .order_by("published", "outlet__name", "pk")
            .values_list(
                "pk",
                "outlet_id",
                "outlet__name",
                "outlet__is_unknown",
                "headline",
                "dateline",
                "analyzed_at",
                opening,
            )
        )
        articles = [story_article(row) for row in rows]
        columns = {a.source_key: SourceColumn(a.source_key, a.source_name) for a in articles}
        return cls(articles, sorted(columns.values(), key=lambda column: column.name.casefold()))

    def source_of_article(self) -> dict[int, str]:
        return {article.pk: article.source_key for article in self.articles}


def grouped(
    story: Story, claims: list[tuple[int, int]], sources: StorySources
) -> tuple[list[list[int]], frozenset[int]]:
    """The story's claims (id, article id), in their order, grouped into facts, and the
    ids of the claims a passage of the story contradicts. Cached for as long as the
    story's claims that count, its articles' analyses and its passages (how many, the
    newest) stay the same, and at most GROUPING_SECONDS."""
    passages = Evidence.objects.filter(article__story=story).order_by()
    state = (
        story.pk,
        claims,
        [(article.pk, article.analyzed_at) for article in sources.articles],
        passages.aggregate(count=Count("pk"), newest=Max("pk")),
    )
    key = f"story-facts:{story.pk}:{hashlib.sha256(repr(state).encode()).hexdigest()}"
    found = cache.get(key)
    if found is None:
        contradicted = Evidence.objects.of_story(story).filter(relation=Relation.CONTRADICTS)
        found = (
            group_claim_ids(claims, Evidence.objects.fact_links(story)),
            frozenset(contradicted.values_list("claim_id", flat=True)),
        )
        cache.set(key, found, GROUPING_SECONDS)
    return found


@dataclass(frozen=True)
class StoryFacts:
    """Every fact of a story as the ids of the claims stating it, in reading order."""

    groups: list[list[int]]
    source_of: dict[int, str]  # claim id -> its article's source key
    contradicted: frozenset[int]  # ids of claims a passage of the story contradicts

    @classmethod
    def of(cls, story: Story, sources: StorySources) -> "StoryFacts":
        source_of_article = sources.source_of_article()
        claims = list(
            Claim.objects.for_story(story)
            .counted()
            .in_reading_order()
            .values_list("pk", "article_id")
        )
        groups, contradicted = grouped(story, claims, sources)
        return cls(
            groups=groups,
            source_of={claim_id: source_of_article[article_id] for claim_id, article_id in claims},
            contradicted=contradicted,
        )

    @property
    def disputed(self) -> int:
        """Facts another outlet's passage contradicts."""
        return sum(
            any(claim_id in self.contradicted for claim_id in group) for group in self.groups
        )

    @property
    def single_outlet(self) -> int:
        """Facts only one outlet reports."""
        return sum(
            len({self.source_of[claim_id] for claim_id in group}) == 1 for group in self.groups
        )

    def groups_holding(self, claim_ids: Sequence[int]) -> list[list[int]]:
        """The facts stating any of these claims, in the matrix's order."""
        wanted = set(claim_ids)
        return [group for group in self.groups if wanted.intersection(group)]


@dataclass(frozen=True)
class FactRow:
    """A row of the coverage matrix: the claims stating one fact, the fact with a cell
    for each source that says something about it (every other source is silent on
    it), and the columns shown on this page."""

    fact: Fact
    claims: list[Claim]
    columns: Sequence[SourceColumn]  # every source of the story
    shown: range

    @cached_property
    def speaking(self) -> dict[str, Cell]:
        return {cell.outlet: cell for cell in self.fact.cells}

    def cell(self, column: SourceColumn) -> Cell:
        return self.speaking.get(column.key) or Cell(column.key, (), backs=False, contradicts=False)

    @property
    def cells(self) -> list[tuple[Cell, SourceColumn, list[Claim]]]:
        """Each shown column's cell, with that outlet's own claims stating the fact."""
        by_id = {claim.pk: claim for claim in self.claims}
        return [
            (cell, column, [by_id[span.claim_id] for span in cell.claims])
            for column in self.columns[self.shown.start : self.shown.stop]
            for cell in [self.cell(column)]
        ]

    def others_than(self, source: str) -> list[tuple[str, str]]:
        """The other outlets by label, in the matrix's words: [("Contradicts", "A, B"), ...];
        past NAMES_LISTED names a label says how many more."""
        names: dict[str, list[str]] = defaultdict(list)
        counts: dict[str, int] = defaultdict(int)
        for column in self.columns:
            if column.key != source:
                label = self.speaking[column.key].label if column.key in self.speaking else "Silent"
                counts[label] += 1
                if counts[label] <= NAMES_LISTED:
                    names[label].append(column.name)
        return [
            (label, listed(names[label], counts[label])) for label in LABEL_ORDER if counts[label]
        ]


def listed(names: list[str], count: int) -> str:
    """Names, and how many more there are past them."""
    more = f" and {count - len(names)} more" if count > len(names) else ""
    return ", ".join(names) + more


def fact_rows(
    groups: Sequence[list[int]], facts: StoryFacts, sources: StorySources, shown: range
) -> list[FactRow]:
    """The rows of these facts: two queries, for their claims and their passages' signals."""
    ids = [claim_id for group in groups for claim_id in group]
    claims = Claim.objects.filter(pk__in=ids).only(
        "pk", "article_id", "text", "status", "start", "end"
    )
    by_id = {claim.pk: claim for claim in claims}
    source_of_article = sources.source_of_article()
    signals = defaultdict(set)
    for claim_id, article_id, relation in Evidence.objects.signals_for(ids):
        if article_id in source_of_article:
            signals[claim_id].add((source_of_article[article_id], relation))
    rows = []
    for group in groups:
        group = [claim_id for claim_id in group if claim_id in by_id]  # not deleted since
        if not group:
            continue
        spans = [
            ClaimSpan(claim_id, by_id[claim_id].article_id, facts.source_of[claim_id], 0, 0)
            for claim_id in group
        ]
        said = [signal for claim_id in group for signal in signals[claim_id]]
        speaking = dict.fromkeys([span.outlet for span in spans] + [key for key, _ in said])
        fact = fact_with_cells(spans, said, list(speaking))
        rows.append(FactRow(fact, [by_id[claim_id] for claim_id in group], sources.columns, shown))
    return rows


def page_of(items: Sequence, per_page: int, number: str | None) -> Page:
    """A page of items: a number past the last page gives the last, any other number
    that is no page's (zero, negative, not a number) the first."""
    paginator = Paginator(items, per_page)
    try:
        wanted = int(number or 1)
    except ValueError:
        wanted = 1
    return paginator.get_page(min(max(wanted, 1), paginator.num_pages))


def shown_columns(outlet_page: Page) -> range:
    """The indexes of the columns on a page of outlets."""
    return range(max(outlet_page.start_index() - 1, 0), outlet_page.end_index())


def coverage_page(story: Story, *, page: str | None, outlets: str | None) -> dict:
    """The coverage page's context: a page of facts against a page of outlets, and the
    counts over the whole story."""
    sources = StorySources.of(story)
    facts = StoryFacts.of(story, sources)
    fact_page = page_of(facts.groups, FACTS_A_PAGE, page)
    outlet_page = page_of(sources.columns, OUTLETS_A_PAGE, outlets)
    return {
        "story": story,
        "outlets": sources.columns,
        "outlet_page": outlet_page,
        "fact_page": fact_page,
        "rows": fact_rows(fact_page.object_list, facts, sources, shown_columns(outlet_page)),
        "facts_total": len(facts.groups),
        "contradicted": facts.disputed,
        "single_outlet": facts.single_outlet,
    }
