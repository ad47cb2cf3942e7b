"""Claims as JSON and CSV: a stable interface other tools read.

Everything is produced piece by piece from database iterators, so an export of
a hundred thousand claims never holds them all in memory. The management
command and the download views share these generators.
"""

import csv
import json
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from articles.models import Article

from .models import Claim, Evidence, Relation

CHUNK = 1000
CSV_COLUMNS = [
    "id", "article", "outlet", "source_file", "published", "story", "text", "start", "end",
    "kind", "attribution", "suggested_status", "status", "reasons", "supports", "contradicts",
    "related", "contradicted_by",
]  # fmt: skip


def claims_for_export(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    passages = Evidence.objects.select_related("article__outlet").order_by("rank", "pk")
    return (
        claims.select_related("article__outlet")
        .prefetch_related(Prefetch("evidence", queryset=passages))
        .order_by("article_id", "start", "pk")
    )


def article_json(article: Article) -> dict:
    return {
        "id": article.pk,
        "outlet": article.outlet.name,
        "source_file": article.source_name,
        "published": article.published.isoformat() if article.published else None,
        "headline": article.headline,
        "story": article.story_id,
    }


def claim_json(claim: Claim) -> dict:
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
        "reasons": claim.reasons,
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
            for passage in claim.evidence.all()
        ],
    }


def json_document(claims: QuerySet[Claim]) -> Iterator[str]:
    """{"articles": [...], "claims": [...]}, in pieces; articles are those of the claims."""
    article_ids = claims.order_by().values("article_id")
    articles = Article.objects.filter(pk__in=article_ids).select_related("outlet").order_by("pk")
    yield '{"articles": ['
    yield from joined(json.dumps(article_json(a)) for a in articles.iterator(chunk_size=CHUNK))
    yield '],\n "claims": ['
    exported = claims_for_export(claims).iterator(chunk_size=CHUNK)
    yield from joined(json.dumps(claim_json(claim)) for claim in exported)
    yield "]}\n"


def joined(items: Iterable[str]) -> Iterator[str]:
    for number, item in enumerate(items):
        yield ("\n  " if number == 0 else ",\n  ") + item


def csv_row(claim: Claim) -> list:
    passages = list(claim.evidence.all())
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
        " | ".join(claim.reasons),
        relations.count(Relation.SUPPORTS),
        relations.count(Relation.CONTRADICTS),
        relations.count(Relation.RELATED),
        "; ".join(contradicting),
    ]


class Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(claims: QuerySet[Claim]) -> Iterator[str]:
    """One header line, then a line per claim."""
    writer = csv.writer(Echo())
    yield writer.writerow(CSV_COLUMNS)
    for claim in claims_for_export(claims).iterator(chunk_size=CHUNK):
        yield writer.writerow(csv_row(claim))
