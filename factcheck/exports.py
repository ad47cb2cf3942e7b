"""Claims as JSON and CSV: a stable interface other tools read, and what a desk
hands on: who decided what and when, the verdict's public note, the passages it
cites, whether and where it is published, and the article's headline and URL.

Two kinds: the desk export carries only public notes; the internal export adds
the internal ones (internal_note), and is never meant to leave the newsroom.
In CSV a cell that a spreadsheet would take for a formula (starting with =, +,
-, @, a tab or a carriage return) is written with a leading apostrophe.

Everything is produced piece by piece from database iterators, so an export of
a hundred thousand claims never holds them all in memory. The management
command and the download views share these generators.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from django.db.models import QuerySet
from django.urls import reverse

from articles.models import Article

from .models import Citation, Claim, Evidence, PublicationAction, Relation, Status, Verdict
from .reasons import with_outlet_names

CHUNK = 1000
CSV_COLUMNS = [
    "id", "article", "outlet", "headline", "url", "source_file", "published", "story", "text",
    "start", "end", "kind", "attribution", "suggested_status", "status", "verdict", "reviewer",
    "decided_at", "public_note", "cited_passages", "publication", "published_at", "public_url",
    "not_a_claim", "reasons", "supports", "contradicts", "related", "contradicted_by",
]  # fmt: skip
INTERNAL_CSV_COLUMNS = [*CSV_COLUMNS[: CSV_COLUMNS.index("public_note") + 1], "internal_note",
                        *CSV_COLUMNS[CSV_COLUMNS.index("public_note") + 1 :]]  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


DEFAULT_ORDER = ("article_id", "start", "pk")
# An article's text is most of its row and no export writes it: loaded with each
# claim and passage of a chunk it would dwarf everything else.
ARTICLE_TEXT = ["article__body", "article__raw_text", "article__boilerplate"]


def claims_for_export(
    claims: QuerySet[Claim], ordering: Sequence[str] = DEFAULT_ORDER
) -> QuerySet[Claim]:
    """The claims with what the exports write, in the given order (a download from
    the queue keeps the queue's): the newest verdict's id, reviewer and time, and the
    newest publication row."""
    if "latest_verdict_id" not in claims.query.annotations:
        claims = claims.with_latest_verdict()
    if "publication_action" not in claims.query.annotations:
        claims = claims.with_publication()
    return (
        claims.select_related(None)
        .select_related("article__outlet")
        .defer(*ARTICLE_TEXT)
        .order_by(*ordering)
    )


@dataclass
class Decision:
    """A claim's newest verdict as an export writes it, with the passages it cites."""

    verdict: Verdict
    cited: list[Evidence] = field(default_factory=list)

    @property
    def public_note(self) -> str:
        return "" if self.verdict.note_is_internal else self.verdict.note

    @property
    def internal_note(self) -> str:
        return self.verdict.note if self.verdict.note_is_internal else ""


@dataclass
class ExportedClaim:
    claim: Claim
    passages: list[Evidence]
    decision: Decision | None


def exported_claims(
    claims: QuerySet[Claim], ordering: Sequence[str] = DEFAULT_ORDER
) -> Iterator[ExportedClaim]:
    """Each claim with its passages (best first) and its newest verdict with what that
    cites, read a chunk of claims at a time: three queries a chunk.

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
        decisions = newest_decisions([c.latest_verdict_id for c in chunk if c.latest_verdict_id])
        for claim in chunk:
            yield ExportedClaim(claim, passages[claim.pk], decisions.get(claim.latest_verdict_id))


def newest_decisions(verdict_ids: list[int]) -> dict[int, Decision]:
    """The verdicts with the passages each cites (outlet order), by verdict id."""
    decisions = {
        verdict.pk: Decision(verdict) for verdict in Verdict.objects.filter(pk__in=verdict_ids)
    }
    citations = (
        Citation.objects.filter(verdict_id__in=verdict_ids)
        .select_related("evidence__article__outlet")
        .defer(*(f"evidence__{name}" for name in ARTICLE_TEXT))
        .order_by("evidence__article__outlet__name", "evidence__rank", "evidence_id")
    )
    for citation in citations:
        decisions[citation.verdict_id].cited.append(citation.evidence)
    return decisions


def publication_state(claim: Claim) -> str:
    if claim.publication_action == PublicationAction.PUBLISHED:
        return "published"
    if claim.publication_action == PublicationAction.WITHDRAWN:
        return "withdrawn"
    return "not published"


def public_url(claim: Claim, base_url: str) -> str:
    """The published fact-check's address (site-relative without a base URL)."""
    if claim.publication_action != PublicationAction.PUBLISHED:
        return ""
    return f"{base_url}{reverse('public_claim', args=[claim.pk])}"


def cited_json(passage: Evidence) -> dict:
    article = passage.article
    return {
        "passage": passage.pk,
        "article": article.pk,
        "outlet": article.outlet.name,
        "headline": article.headline,
        "url": article.url,
        "relation": passage.relation,
        "text": passage.text,
    }


def article_json(article: Article) -> dict:
    return {
        "id": article.pk,
        "outlet": article.outlet.name,
        "source_file": article.source_name,
        "published": article.published.isoformat() if article.published else None,
        "headline": article.headline,
        "url": article.url,
        "story": article.story_id,
    }


def outlet_labels(passages: Iterable[Evidence]) -> dict[int, str]:
    """Names for the outlets a claim's reasons refer to: those of its passages' articles."""
    return {passage.article_id: passage.article.outlet_label for passage in passages}


def decision_json(decision: Decision | None, reviewer: str, *, internal: bool) -> dict | None:
    if decision is None:
        return None
    verdict = decision.verdict
    return {
        "status": verdict.status,
        "reviewer": reviewer,
        "decided_at": verdict.created_at.isoformat(),
        "public_note": decision.public_note,
        **({"internal_note": decision.internal_note} if internal else {}),
        "cited": [cited_json(passage) for passage in decision.cited],
    }


def claim_json(exported: ExportedClaim, *, internal: bool = False, base_url: str = "") -> dict:
    claim, passages = exported.claim, exported.passages
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
        "reasons": with_outlet_names(claim.reasons, outlet_labels(passages)),
        "not_a_claim": claim.not_a_claim,
        "verdict": decision_json(exported.decision, claim.decided_by or "", internal=internal),
        "publication": {
            "state": publication_state(claim),
            "at": claim.publication_at.isoformat() if claim.publication_at else None,
            "url": public_url(claim, base_url) or None,
        },
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
    claims: QuerySet[Claim],
    ordering: Sequence[str] = DEFAULT_ORDER,
    *,
    internal: bool = False,
    base_url: str = "",
) -> Iterator[str]:
    """{"articles": [...], "claims": [...]}, in pieces; articles are those of the claims."""
    article_ids = claims.order_by().values("article_id")
    articles = (
        Article.objects.filter(pk__in=article_ids)
        .select_related("outlet")
        .only("outlet__name", "source", "published", "headline", "url", "story_id")
        .order_by("pk")
    )
    yield '{"articles": ['
    yield from joined(json.dumps(article_json(a)) for a in articles.iterator(chunk_size=CHUNK))
    yield '],\n "claims": ['
    yield from joined(
        json.dumps(claim_json(exported, internal=internal, base_url=base_url))
        for exported in exported_claims(claims, ordering)
    )
    yield "]}\n"


def joined(items: Iterable[str]) -> Iterator[str]:
    for number, item in enumerate(items):
        yield ("\n  " if number == 0 else ",\n  ") + item


def csv_row(exported: ExportedClaim, *, internal: bool = False, base_url: str = "") -> list:
    claim, passages, decision = exported.claim, exported.passages, exported.decision
    relations = [passage.relation for passage in passages]
    contradicting = sorted(
        {p.article.outlet.name for p in passages if p.relation == Relation.CONTRADICTS}
    )
    article = claim.article
    row = {
        "id": claim.pk,
        "article": claim.article_id,
        "outlet": article.outlet.name,
        "headline": article.headline,
        "url": article.url,
        "source_file": article.source_name,
        "published": article.published.isoformat() if article.published else "",
        "story": article.story_id or "",
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "attribution": claim.attribution,
        "suggested_status": claim.suggested_status,
        "status": claim.status,
        "verdict": Status(decision.verdict.status).label if decision else "",
        "reviewer": claim.decided_by or "",
        "decided_at": claim.decided_at.isoformat() if claim.decided_at else "",
        "public_note": decision.public_note if decision else "",
        "internal_note": decision.internal_note if decision else "",
        "cited_passages": " | ".join(
            f"{passage.article.outlet.name}: “{passage.text}”"
            for passage in (decision.cited if decision else [])
        ),
        "publication": publication_state(claim),
        "published_at": claim.publication_at.isoformat() if claim.publication_at else "",
        "public_url": public_url(claim, base_url),
        "not_a_claim": "yes" if claim.not_a_claim else "",
        "reasons": " | ".join(with_outlet_names(claim.reasons, outlet_labels(passages))),
        "supports": relations.count(Relation.SUPPORTS),
        "contradicts": relations.count(Relation.CONTRADICTS),
        "related": relations.count(Relation.RELATED),
        "contradicted_by": "; ".join(contradicting),
    }
    columns = INTERNAL_CSV_COLUMNS if internal else CSV_COLUMNS
    return [spreadsheet_safe(row[column]) for column in columns]


def spreadsheet_safe(value):
    """A text cell a spreadsheet would run as a formula, made plain text (OWASP's
    advice on CSV injection): an apostrophe before =, +, -, @, a tab or a return."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    claims: QuerySet[Claim],
    ordering: Sequence[str] = DEFAULT_ORDER,
    *,
    internal: bool = False,
    base_url: str = "",
) -> Iterator[str]:
    """One header line, then a line per claim."""
    writer = csv.writer(Echo())
    yield writer.writerow(INTERNAL_CSV_COLUMNS if internal else CSV_COLUMNS)
    for exported in exported_claims(claims, ordering):
        yield writer.writerow(csv_row(exported, internal=internal, base_url=base_url))
