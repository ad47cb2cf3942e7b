"""Writes that touch several models at once."""

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import Truncator

from articles.models import Article, Story

from . import engine
from .engine import stories
from .models import (
    NOTE_MAX_LENGTH,
    Citation,
    Claim,
    Evidence,
    Publication,
    PublicationAction,
    Status,
    Verdict,
)

# --- Verdicts (the editors' workbench) ---------------------------------------


class VerdictConflict(Exception):
    """Someone else decided the claim after the editor last saw it."""

    def __init__(self, newer: Verdict):
        super().__init__(f"claim {newer.claim_id} was decided meanwhile: {newer}")
        self.verdict = newer


@transaction.atomic
def record_verdict(
    *,
    claim: Claim,
    status: str,
    reviewer: AbstractBaseUser,
    note: str = "",
    note_is_internal: bool = True,
    cited_evidence: Iterable[Evidence] = (),
    seen_verdict_id: int | None = None,
) -> Verdict:
    """Append a verdict to the claim and make its status the claim's status.

    seen_verdict_id is the newest verdict the editor had in front of them (None:
    the claim had none). If another verdict has been recorded since, nothing is
    written and VerdictConflict carries that newer verdict. The claim row stays
    locked until the transaction ends, so two editors cannot both pass the check.
    Raises ValueError for a status outside Status, an over-long note, or evidence
    that is not one of this claim's passages.
    """
    if status not in Status.values:
        raise ValueError(f"status must be one of {', '.join(Status.values)}, not {status!r}")
    if len(note) > NOTE_MAX_LENGTH:
        raise ValueError(f"the note has {len(note)} characters; at most {NOTE_MAX_LENGTH}")
    cited = list(cited_evidence)
    if any(evidence.claim_id != claim.pk for evidence in cited):
        raise ValueError("cited evidence must be passages of the claim being decided")

    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    newest = (
        Verdict.objects.filter(claim=locked)
        .select_related("reviewer")
        .order_by("-created_at", "-id")
        .first()
    )
    if newest is not None and newest.pk != seen_verdict_id:
        raise VerdictConflict(newest)
    if newest is None and seen_verdict_id is not None:
        raise ValueError(f"verdict {seen_verdict_id} is not a verdict of claim {claim.pk}")

    verdict = Verdict.objects.create(
        claim=locked,
        status=status,
        previous_status=locked.status,
        reviewer=reviewer,
        note=note,
        note_is_internal=note_is_internal,
    )
    Citation.objects.bulk_create(
        Citation(verdict=verdict, evidence=evidence)
        for evidence in {e.pk: e for e in cited}.values()
    )
    locked.status = status
    locked.save(update_fields=["status"])
    claim.status = status
    return verdict


# --- end of verdicts ----------------------------------------------------------


# --- Analysis (the claim engine's results as rows) ------------------------------


@dataclass
class AnalysisSummary:
    stories: int = 0
    articles: int = 0
    claims_created: int = 0
    claims_updated: int = 0
    claims_removed: int = 0
    evidence_created: int = 0

    def add(self, other: "AnalysisSummary") -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)


def analyze_articles(*, article_ids: Iterable[int]) -> AnalysisSummary:
    """Put new articles into stories, then (re)analyse every story they are in."""
    summary = AnalysisSummary()
    for story_id in sorted(group_into_stories(article_ids=article_ids)):
        summary.add(analyze_story(story_id=story_id))
    return summary


@transaction.atomic
def group_into_stories(*, article_ids: Iterable[int]) -> set[int]:
    """File articles without a story into the closest story (or a new one), and merge
    the stories an article shows to be one event.

    A merge moves the smaller story's articles into the larger, which keeps its id;
    the emptied story is deleted. Articles an editor placed (story_locked) stay where
    they are, and a story holding one is never merged away. Returns the ids of every
    story the articles are now in, for analysis to (re)analyse.
    """
    articles = list(
        Article.objects.filter(pk__in=list(article_ids)).only(
            "pk", "published", "body", "headline", "dateline", "story_id", "story_locked"
        )
    )
    story_ids = {article.story_id for article in articles if article.story_id}
    loose = [article for article in articles if article.story_id is None]
    if not loose:
        return story_ids
    grouping = stories.group_into_stories(
        [stories.ArticleProfile.of(a.pk, a.published, a.body, a.headline) for a in loose],
        candidate_stories(loose),
    )
    by_id = {article.pk: article for article in loose}
    for profile in grouping.stories:
        if profile.id is None:
            first = by_id[profile.articles[0]]
            profile.id = Story.objects.create(title=Truncator(first.label).chars(120)).pk
        Story.objects.filter(pk=profile.id).update(
            first_published=profile.first,
            last_published=profile.last,
            profile=dict(profile.words),
        )
        Article.objects.filter(pk__in=profile.articles).update(story_id=profile.id)
        story_ids.add(profile.id)
    for merge in grouping.merges:
        Article.objects.filter(story_id=merge.absorbed.id, story_locked=False).update(
            story_id=merge.kept.id
        )
        Story.objects.filter(pk=merge.absorbed.id).exclude(articles__isnull=False).delete()
        story_ids.discard(merge.absorbed.id)
    return story_ids


def candidate_stories(articles: list[Article]) -> list[stories.StoryProfile]:
    """The stories the articles could join: near their dates (all of them when one has
    no date), with their size and whether an editor placed any of their articles."""
    candidates = Story.objects.annotate(
        size=Count("articles"),
        locked=Exists(Article.objects.filter(story=OuterRef("pk"), story_locked=True)),
    )
    dates = [article.published for article in articles if article.published]
    if dates and len(dates) == len(articles):
        window = timedelta(days=stories.LONGEST_GAP)
        candidates = candidates.filter(
            Q(first_published__isnull=True)
            | Q(last_published__gte=min(dates) - window, first_published__lte=max(dates) + window)
        )
    return [
        stories.StoryProfile(
            story.pk,
            story.first_published,
            story.last_published,
            Counter(story.profile),
            size=story.size,
            locked=story.locked,
        )
        for story in candidates.only("pk", "first_published", "last_published", "profile")
    ]


CLAIM_FIELDS = [
    "text",
    "start",
    "end",
    "kind",
    "facts",
    "attribution",
    "suggested_status",
    "reasons",
]
EVIDENCE_FIELDS = ["text", "relation", "score", "reasons", "highlights", "rank"]


@transaction.atomic
def analyze_story(*, story_id: int) -> AnalysisSummary:
    """Run the engine over one story and store its claims and evidence.

    Idempotent: a claim is known by its span, a passage by its article and span,
    so re-running updates rows in place and creates no duplicates. A claim with
    a verdict is never deleted or changed; it only gains passages from articles
    that arrived since. Two analyses of one story take turns (the story row is
    locked), so a worker and an editor's re-run never write the same claims at once.
    """
    list(Story.objects.select_for_update().filter(pk=story_id).values_list("pk"))
    articles = list(Article.objects.filter(story_id=story_id).select_related("outlet"))
    result = engine.analyze_story(
        [engine.ArticleText(a.pk, a.outlet_label, a.source_key, a.body) for a in articles]
    )
    existing = {
        (claim.article_id, claim.start, claim.end): claim
        for claim in Claim.objects.filter(article__story_id=story_id).annotate(
            decided=Exists(Verdict.objects.filter(claim=OuterRef("pk")))
        )
    }
    summary = AnalysisSummary(stories=1, articles=len(articles))
    wanted: dict[tuple, tuple[Claim, engine.AnalyzedClaim]] = {}
    to_create, to_update = [], []
    for article_id, analyzed_claims in result.items():
        for analyzed in analyzed_claims:
            key = (article_id, analyzed.claim.start, analyzed.claim.end)
            fields = claim_fields(analyzed)
            claim = existing.get(key)
            if claim is None:
                claim = Claim(article_id=article_id, **fields)
                to_create.append(claim)
            elif not claim.decided and any(getattr(claim, f) != v for f, v in fields.items()):
                for name, value in fields.items():
                    setattr(claim, name, value)
                to_update.append(claim)
            wanted[key] = (claim, analyzed)
    stale = [c.pk for key, c in existing.items() if key not in wanted and not c.decided]
    Claim.objects.filter(pk__in=stale).delete()
    Claim.objects.bulk_create(to_create, batch_size=500)
    Claim.objects.bulk_update(to_update, CLAIM_FIELDS, batch_size=500)
    summary.claims_created, summary.claims_updated = len(to_create), len(to_update)
    summary.claims_removed = len(stale)
    summary.evidence_created = store_evidence(story_id, wanted.values())
    Article.objects.filter(story_id=story_id).update(analyzed_at=timezone.now())
    return summary


def claim_fields(analyzed: engine.AnalyzedClaim) -> dict:
    claim = analyzed.claim
    return {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind,
        "facts": claim.facts_json(),
        "attribution": claim.attribution[:300],
        "suggested_status": analyzed.suggestion.status,
        "reasons": list(analyzed.suggestion.reasons),
    }


def store_evidence(story_id: int, pairs: Iterable[tuple[Claim, engine.AnalyzedClaim]]) -> int:
    """Make each claim's passages match the engine's; decided claims only gain new ones."""
    current: dict[int, dict[tuple, Evidence]] = defaultdict(dict)
    for evidence in Evidence.objects.filter(claim__article__story_id=story_id):
        current[evidence.claim_id][(evidence.article_id, evidence.start, evidence.end)] = evidence
    to_create, to_update, to_delete = [], [], []
    for claim, analyzed in pairs:
        had = current.get(claim.pk, {})
        keys = set()
        for rank, link in enumerate(analyzed.evidence):
            key = (link.article_id, link.start, link.end)
            keys.add(key)
            fields = evidence_fields(link, rank)
            row = had.get(key)
            if row is None:
                to_create.append(Evidence(claim=claim, article_id=link.article_id, **fields))
            elif not getattr(claim, "decided", False) and any(
                getattr(row, name) != value for name, value in fields.items()
            ):
                for name, value in fields.items():
                    setattr(row, name, value)
                to_update.append(row)
        if not getattr(claim, "decided", False):
            to_delete += [row.pk for key, row in had.items() if key not in keys]
    Evidence.objects.filter(pk__in=to_delete, verdicts__isnull=True).delete()
    insert_evidence(to_create)
    Evidence.objects.bulk_update(to_update, EVIDENCE_FIELDS, batch_size=500)
    return len(to_create)


INSERT_COLUMNS = [
    "claim_id", "article_id", "start", "end", "text", "relation", "score", "reasons",
    "highlights", "rank", "found_at",
]  # fmt: skip


def insert_evidence(rows: list[Evidence]) -> None:
    """Evidence.objects.bulk_create without the ORM's per-field work.

    Analysis writes about a hundred passages an article; at ten thousand
    articles the ORM's preparation of each value took a third of the time.
    The database still checks every constraint.
    """
    if not rows:
        return
    table = connection.ops.quote_name(Evidence._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in INSERT_COLUMNS)
    placeholders = ", ".join(["%s"] * len(INSERT_COLUMNS))
    now = timezone.now()
    values = [
        (
            row.claim_id, row.article_id, row.start, row.end, row.text, row.relation, row.score,
            json.dumps(row.reasons), json.dumps(row.highlights), row.rank, now,
        )
        for row in rows
    ]  # fmt: skip
    with connection.cursor() as cursor:
        # Table and column names are our own constants; every value is a parameter.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        cursor.executemany(sql, values)


def evidence_fields(link, rank: int) -> dict:
    return {
        "start": link.start,
        "end": link.end,
        "text": link.text,
        "relation": link.relation,
        "score": max(0.0, min(1.0, link.score)),
        "reasons": list(link.reasons),
        "highlights": [list(span) for span in link.highlights],
        "rank": rank,
    }


# --- Publishing (what readers see) ----------------------------------------------


class PublicationConflict(Exception):
    """A verdict was recorded after the editor confirmed which one to publish."""

    def __init__(self, newer: Verdict):
        super().__init__(f"claim {newer.claim_id} has a newer verdict: {newer}")
        self.verdict = newer


def newest_publication(claim: Claim) -> Publication | None:
    return Publication.objects.filter(claim=claim).order_by("-created_at", "-id").first()


@transaction.atomic
def publish_claim(*, claim: Claim, editor: AbstractBaseUser, verdict_id: int) -> Publication:
    """Publish the claim's newest verdict, the one the editor confirmed (verdict_id).

    Readers then see that verdict, and only its note if the note is public, until
    an editor publishes a newer verdict or withdraws the claim: a verdict recorded
    later is not public by itself. Raises ValueError for a claim without a verdict
    or whose newest verdict is already public, and PublicationConflict when a
    newer verdict than the confirmed one has been recorded meanwhile.
    """
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    newest = Verdict.objects.filter(claim=locked).order_by("-created_at", "-id").first()
    if newest is None:
        raise ValueError("only a claim with a verdict can be published")
    if newest.pk != verdict_id:
        if Verdict.objects.filter(claim=locked, pk=verdict_id).exists():
            raise PublicationConflict(newest)
        raise ValueError(f"verdict {verdict_id} is not a verdict of claim {claim.pk}")
    current = newest_publication(locked)
    if (
        current
        and current.action == PublicationAction.PUBLISHED
        and current.verdict_id == newest.pk
    ):
        raise ValueError("this verdict is already published")
    return Publication.objects.create(
        claim=locked, action=PublicationAction.PUBLISHED, verdict=newest, editor=editor
    )


@transaction.atomic
def withdraw_claim(*, claim: Claim, editor: AbstractBaseUser) -> Publication:
    """Take a published claim off the public pages and feeds; its record stays.

    Raises ValueError when the claim is not published.
    """
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    current = newest_publication(locked)
    if current is None or current.action != PublicationAction.PUBLISHED:
        raise ValueError("this claim is not published")
    return Publication.objects.create(
        claim=locked,
        action=PublicationAction.WITHDRAWN,
        verdict_id=current.verdict_id,
        editor=editor,
    )


# --- end of publishing ----------------------------------------------------------
