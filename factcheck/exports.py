"""Claims as JSON and CSV: a stable interface other tools read.

Everything is produced piece by piece from database iterators, so an export of
a hundred thousand claims never holds them all in memory. The management
command and the download views share these generators.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from django.db.models import QuerySet

from articles.models import Article

from .models import Claim, Evidence, Relation
from .reasons import with_outlet_names

CHUNK = 1000
CSV_COLUMNS = [
    "id", "article", "outlet", "source_file", "published", "story", "text", "start", "end",
    "kind", "attribution", "suggested_status", "status", "reasons", "supports", "contradicts",
    "related", "contradicted_by",
]  # fmt: skip


DEFAULT_ORDER = ("article_id", "start", "pk")
# An article's text is most of its row and no export writes it: loaded with each
# claim and passage of a chunk it would dwarf everything else.
ARTICLE_TEXT = ["article__body", "article__raw_text", "article__boilerplate"]


def claims_for_export(
    claims: QuerySet[Claim], ordering: Sequence[str] = DEFAULT_ORDER
) -> QuerySet[Claim]:
    """The claims with what the exports write, in the given order (a download from
    the queue keeps the queue's)."""
    return (
        claims.select_related(None)
        .select_related("article__outlet")
        .defer(*ARTICLE_TEXT)
        .order_by(*ordering)
    )


def with_passages(
    claims: QuerySet[Claim], ordering: Sequence[str] = DEFAULT_ORDER
) -> Iterator[tuple[Claim, list[Evidence]]]:
    """Each claim with its passages (best first), read a chunk of claims at a time.

    Not prefetch_related: it links every passage back to its claim, and garbage
    in such cycles waits for the cyclic collector, so memory grew with the
    number of claims exported (40 MB at 5,000, 57 MB at 20,000) instead of
    staying at one chunk's worth.
    """
    rows = claims_for_export(claims, ordering).iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        passages: dict[int, list[Evidence]] = defaultdict(list)
        found = (
            Evidence.objects.filter(claim_id__in=[claim.pk for claim in chunk])
            .select_related("article__outlet")
            .defer(*ARTICLE_TEXT)
            .order_by("claim_id", "rank", "pk")
        )
        for passage in found:
            passages[passage.claim_id].append(passage)
        for claim in chunk:
            yield claim, passages[claim.pk]


def article_json(article: Article) -> dict:
    return {
        "id": article.pk,
        "outlet": article.outlet.name,
        "source_file": article.source_name,
        "published": article.published.isoformat() if article.published else None,
        "headline": article.headline,
        "story": article.story_id,
    }


def outlet_labels(claim: Claim, passages: Iterable[Evidence]) -> dict[int, str]:
    """Names for the outlets a claim's reasons refer to: those of its passages' articles."""
    return {passage.article_id: passage.article.outlet_label for passage in passages}


def claim_json(claim: Claim, passages: Iterable[Evidence]) -> dict:
    return {
        "id": claim.pk,
        "article": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "facts": claim.facts,
        "attribution": claim.attribution,
        "suggested_status": claim.suggested_status,
        "status": claim.status,
        "reasons": with_outlet_names(claim.reasons, outlet_labels(claim, passages)),
        "evidence": [
            {
                "article": passage.article_id,
                "text": passage.text,
                "start": passage.start,
                "end": passage.end,
                "relation": passage.relation,
                "score": passage.score,
                "reasons": passage.reasons,
            }
            for passage in passages
        ],
    }


def json_document(
    claims: QuerySet[Claim], ordering: Sequence[str] = DEFAULT_ORDER
) -> Iterator[str]:
    """{"articles": [...], "claims": [...]}, in pieces; articles are those of the claims."""
    article_ids = claims.order_by().values("article_id")
    articles = (
        Article.objects.filter(pk__in=article_ids)
        .select_related("outlet")
        .only("outlet__name", "source", "published", "headline", "story_id")
        .order_by("pk")
    )
    yield '{"articles": ['
    yield from joined(json.dumps(article_json(a)) for a in articles.iterator(chunk_size=CHUNK))
    yield '],\n "claims": ['
    exported = with_passages(claims, ordering)
    yield from joined(json.dumps(claim_json(claim, passages)) for claim, passages in exported)
    yield "]}\n"


def joined(items: Iterable[str]) -> Iterator[str]:
    for number, item in enumerate(items):
        yield ("\n  " if number == 0 else ",\n  ") + item


def csv_row(claim: Claim, passages: list[Evidence]) -> list:
    relations = [passage.relation for passage in passages]
    contradicting = sorted(
        {p.article.outlet.name for p in passages if p.relation == Relation.CONTRADICTS}
    )
    return [
        claim.pk,
        claim.article_id,
        claim.article.outlet.name,
        claim.article.source_name,
        claim.article.published.isoformat() if claim.article.published else "",
        claim.article.story_id or "",
        claim.text,
        claim.start,
        claim.end,
        claim.kind,
        claim.attribution,
        claim.suggested_status,
        claim.status,
        " | ".join(with_outlet_names(claim.reasons, outlet_labels(claim, passages))),
        relations.count(Relation.SUPPORTS),
        relations.count(Relation.CONTRADICTS),
        relations.count(Relation.RELATED),
        "; ".join(contradicting),
    ]


class Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(claims: QuerySet[Claim], ordering: Sequence[str] = DEFAULT_ORDER) -> Iterator[str]:
    """One header line, then a line per claim."""
    writer = csv.writer(Echo())
    yield writer.writerow(CSV_COLUMNS)
    for claim, passages in with_passages(claims, ordering):
        yield writer.writerow(csv_row(claim, passages))
