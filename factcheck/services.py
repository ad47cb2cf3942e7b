"""Writes that touch several models at once."""

import itertools
import json
import multiprocessing
import os
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import timedelta
from difflib import SequenceMatcher

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, models, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import MD5
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
    NotAClaim,
    NotAClaimAction,
    Publication,
    PublicationAction,
    RemovedClaim,
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
    if locked.not_a_claim:
        raise ValueError("this sentence is marked not a claim: restore it before deciding")
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


@transaction.atomic
def mark_not_a_claim(*, claim: Claim, editor: AbstractBaseUser) -> NotAClaim:
    """Set a sentence aside as not a claim worth checking: it leaves the queue and the
    counts, and the record says who did it and when. Reversed by restore_claim.

    Raises ValueError when it is already set aside, or has a verdict (a decided claim
    was worth checking; record another verdict instead).
    """
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if locked.not_a_claim:
        raise ValueError("this sentence is already marked not a claim")
    if Verdict.objects.filter(claim=locked).exists():
        raise ValueError("a claim with a verdict cannot be marked not a claim")
    return set_not_a_claim(locked, claim, editor, NotAClaimAction.MARKED)


@transaction.atomic
def restore_claim(*, claim: Claim, editor: AbstractBaseUser) -> NotAClaim:
    """Take back "not a claim": the sentence is a pending claim again, on the record.

    Raises ValueError when it is not set aside.
    """
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if not locked.not_a_claim:
        raise ValueError("this claim is not marked not a claim")
    return set_not_a_claim(locked, claim, editor, NotAClaimAction.RESTORED)


def set_not_a_claim(locked: Claim, claim: Claim, editor: AbstractBaseUser, action) -> NotAClaim:
    row = NotAClaim.objects.create(claim=locked, action=action, editor=editor)
    locked.not_a_claim = claim.not_a_claim = action == NotAClaimAction.MARKED
    locked.save(update_fields=["not_a_claim"])
    return row


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
    """Put new articles into stories, then (re)analyse every story they are in.

    Nothing here holds the database's write lock for long (SQLite has one lock for
    the whole database): the engine runs outside any transaction, and what it found
    is written in short transactions (the grouping of a thousand articles in one,
    then a few articles of a story in each, at a pace that lets other writers in), so
    a verdict or a login during an analysis waits a fraction of a second.
    With many stories the engine reads them in worker processes, a few stories ahead
    of the writing (see readings).
    """
    summary = AnalysisSummary()
    pace = WritePace()
    for reading in readings(sorted(group_in_batches(list(article_ids)))):
        summary.add(store_reading(reading, pace))
        if story_fingerprint(reading.story_id) == reading.seen:
            summary.stories += 1
            summary.articles += len(reading.article_ids)
        else:  # the story changed while the engine read it
            summary.add(analyze_story(story_id=reading.story_id))
    return summary


@dataclass(frozen=True)
class StoryReading:
    """What the engine found in a story, and the story as it was when read."""

    story_id: int
    seen: list[tuple]  # its story_fingerprint then
    article_ids: list[int]
    found: dict[int, list[engine.AnalyzedClaim]]


def read_story(story_id: int) -> tuple[list[tuple], list[engine.ArticleText]]:
    """The story's fingerprint and its articles as the engine takes them."""
    seen = story_fingerprint(story_id)
    articles = Article.objects.filter(story_id=story_id).select_related("outlet").order_by("pk")
    return seen, [engine.ArticleText(a.pk, a.source_key, a.body, a.published) for a in articles]


# The engine runs in worker processes only for this many stories or more: starting a
# process costs about half a second, more than the engine takes for a few stories.
PARALLEL_FROM_STORIES = 8
ENGINE_NICENESS = 10  # added to the worker processes' niceness (lower priority)


def readings(story_ids: list[int]) -> Iterator[StoryReading]:
    """Each story read by the engine, in the order given.

    The engine is plain Python and holds no database connection, so with enough
    stories and settings.ANALYSIS_PROCESSES above one it runs in that many worker
    processes, a few stories ahead of the caller, who writes each reading meanwhile.
    """
    processes = min(settings.ANALYSIS_PROCESSES, len(story_ids))
    if processes < 2 or len(story_ids) < PARALLEL_FROM_STORIES:
        for story_id in story_ids:
            seen, texts = read_story(story_id)
            ids = [text.id for text in texts]
            yield StoryReading(story_id, seen, ids, engine.analyze_story(texts))
        return
    # Spawned, not forked: a fork would copy this process's open connections and threads.
    # At a lower priority: the writing here and the editors' requests come first, so
    # nobody waits for the write lock while its holder waits for a core.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        processes, mp_context=context, initializer=os.nice, initargs=(ENGINE_NICENESS,)
    ) as pool:
        ahead: deque[tuple[int, list[tuple], list[int], Future]] = deque()
        for story_id in story_ids:
            seen, texts = read_story(story_id)
            future = pool.submit(engine.analyze_story, texts)
            ahead.append((story_id, seen, [text.id for text in texts], future))
            if len(ahead) > 2 * processes:  # a bounded number of stories in memory
                story, seen, ids, done = ahead.popleft()
                yield StoryReading(story, seen, ids, done.result())
        while ahead:
            story, seen, ids, done = ahead.popleft()
            yield StoryReading(story, seen, ids, done.result())


# Articles grouped into stories at a time: the grouping of a thousand is written in
# about a tenth of a second, of ten thousand in about a second.
GROUPING_BATCH = 1000


def group_in_batches(article_ids: list[int]) -> set[int]:
    """group_into_stories a thousand articles at a time, as if they had been imported
    so (the grouping is built to find the same stories whatever order articles arrive
    in): the ids of the stories they are in now."""
    story_ids: set[int] = set()
    for batch in itertools.batched(article_ids, GROUPING_BATCH):
        story_ids |= group_into_stories(article_ids=batch)
    return set(Story.objects.filter(pk__in=story_ids).values_list("pk", flat=True))


class StoryKeptChanging(RuntimeError):
    """A story's articles changed during every attempt to analyse it."""


# Computing again when others changed the stories meanwhile; rare, and it only
# happens while several analyses run at once.
GROUPING_ATTEMPTS = 3
STORY_ATTEMPTS = 3


def group_into_stories(*, article_ids: Iterable[int]) -> set[int]:
    """File articles without a story into the closest story (or a new one), and merge
    the stories an article shows to be one event.

    A merge moves the smaller story's articles into the larger, which keeps its id;
    the emptied story is deleted. Articles an editor placed (story_locked) stay where
    they are, and a story holding one is never merged away. Returns the ids of every
    story the articles are now in, for analysis to (re)analyse.

    The grouping is computed outside any transaction and written in a short one if
    the articles and the stories it was computed from are still as they were; else
    it is computed again (at last inside the transaction).
    """
    ids = list(article_ids)
    for _ in range(GROUPING_ATTEMPTS):
        plan = plan_grouping(ids)
        with transaction.atomic():
            if plan.still_holds():
                return plan.write()
    with transaction.atomic():
        return plan_grouping(ids).write()


@dataclass
class GroupingPlan:
    """Where the loose articles go, and what that was computed from."""

    article_ids: list[int]
    placed: list[tuple[int, int | None]]  # (article, story) as read
    candidates: list[tuple]  # the candidate stories' rows as read
    loose: list[Article]
    grouping: stories.Grouping | None

    def still_holds(self) -> bool:
        """Inside the transaction that writes: nothing it was computed from changed."""
        placed = Article.objects.select_for_update().filter(pk__in=self.article_ids)
        return (
            sorted(placed.values_list("pk", "story_id")) == self.placed
            and candidate_rows(self.loose) == self.candidates
        )

    def write(self) -> set[int]:
        """A few statements whatever the number of articles: the write lock is held
        for milliseconds even when a thousand articles arrive at once."""
        story_ids = {story_id for _, story_id in self.placed if story_id}
        if self.grouping is None:
            return story_ids
        by_id = {article.pk: article for article in self.loose}
        new = [profile for profile in self.grouping.stories if profile.id is None]
        existing = [profile for profile in self.grouping.stories if profile.id is not None]
        created = Story.objects.bulk_create(
            Story(
                title=Truncator(by_id[profile.articles[0]].label).chars(120),
                first_published=profile.first,
                last_published=profile.last,
                profile=dict(profile.words),
            )
            for profile in new
        )
        for profile, story in zip(new, created, strict=True):
            profile.id = story.pk
        update_rows(
            Story,
            ["first_published", "last_published", "profile"],
            [
                (profile.id, profile.first, profile.last, dict(profile.words))
                for profile in existing
            ],
        )
        update_rows(
            Article,
            ["story"],
            [
                (article_id, profile.id)
                for profile in self.grouping.stories
                for article_id in profile.articles
            ],
        )
        story_ids |= {profile.id for profile in self.grouping.stories}
        for merge in self.grouping.merges:
            Article.objects.filter(story_id=merge.absorbed.id, story_locked=False).update(
                story_id=merge.kept.id
            )
            Story.objects.filter(pk=merge.absorbed.id).exclude(articles__isnull=False).delete()
            story_ids.discard(merge.absorbed.id)
        return story_ids


def update_rows(model: type[models.Model], fields: list[str], rows: list[tuple]) -> None:
    """UPDATE each row (its pk, then the fields' values) in one executemany.

    bulk_update without the ORM's expression per row and field: for the thousand
    articles of a big import it held SQLite's write lock for half a second instead
    of milliseconds. Values are prepared by their fields, as the ORM would.
    """
    if not rows:
        return
    ops = connection.ops
    columns = [model._meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{ops.quote_name(field.column)} = %s" for field in columns)
    table, pk = ops.quote_name(model._meta.db_table), ops.quote_name(model._meta.pk.column)
    values = [
        [field.get_db_prep_save(v, connection) for field, v in zip(columns, row[1:], strict=True)]
        + [row[0]]
        for row in rows
    ]
    with connection.cursor() as cursor:
        # Table and column names come from the models; every value is a parameter.
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", values)  # noqa: S608


def plan_grouping(article_ids: list[int]) -> GroupingPlan:
    articles = list(
        Article.objects.filter(pk__in=article_ids)
        .only("pk", "published", "body", "headline", "dateline", "story_id", "story_locked")
        .order_by("pk")
    )
    placed = [(article.pk, article.story_id) for article in articles]
    loose = [article for article in articles if article.story_id is None]
    if not loose:
        return GroupingPlan(article_ids, placed, [], [], None)
    candidates = candidate_rows(loose)
    grouping = stories.group_into_stories(
        [stories.ArticleProfile.of(a.pk, a.published, a.body, a.headline) for a in loose],
        [
            stories.StoryProfile(pk, first, last, Counter(words), size=size, locked=locked)
            for pk, first, last, words, size, locked in candidates
        ],
    )
    return GroupingPlan(article_ids, placed, candidates, loose, grouping)


def candidate_rows(articles: list[Article]) -> list[tuple]:
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
    return list(
        candidates.order_by("pk").values_list(
            "pk", "first_published", "last_published", "profile", "size", "locked"
        )
    )


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
SPAN_FIELDS = ["text", "start", "end"]
EVIDENCE_FIELDS = ["text", "start", "end", "relation", "score", "reasons", "highlights", "rank"]
# Two sentences this alike (difflib's ratio of their words) are one sentence edited:
# a claim nobody has decided keeps its id through a corrected typo or figure.
SIMILAR_ENOUGH = 0.9


def sentence_key(text: str) -> str:
    """A sentence's words with every run of spaces and line breaks as one space: the
    same key whatever the line endings, and wherever in the article it now starts."""
    return " ".join(text.split())


def pair_by_sentence[Old, New](
    old: Sequence[Old],
    new: Sequence[New],
    *,
    old_text: Callable[[Old], str],
    new_text: Callable[[New], str],
    may_drift: Callable[[Old], bool] = lambda item: False,
) -> tuple[list[tuple[Old, New]], list[Old], list[New]]:
    """Which stored row each new sentence is, within one article.

    First by the sentence's key (the n-th occurrence of a sentence with the n-th; both
    sequences in reading order); then, for the rows may_drift allows, the most alike
    of the sentences left, if at least SIMILAR_ENOUGH. Returns the pairs, the rows
    left over (their sentence is gone) and the new sentences left over.
    """
    waiting: dict[str, list[Old]] = defaultdict(list)
    for item in old:
        waiting[sentence_key(old_text(item))].append(item)
    pairs, unpaired_new = [], []
    for item in new:
        same = waiting.get(sentence_key(new_text(item)))
        if same:
            pairs.append((same.pop(0), item))
        else:
            unpaired_new.append(item)
    unpaired_old = [item for items in waiting.values() for item in items]
    drifting = [item for item in unpaired_old if may_drift(item)]
    if drifting and unpaired_new:
        candidates = []
        for i, item in enumerate(drifting):
            for j, other in enumerate(unpaired_new):
                matcher = SequenceMatcher(
                    None, sentence_key(old_text(item)), sentence_key(new_text(other))
                )
                if matcher.real_quick_ratio() >= SIMILAR_ENOUGH and (
                    matcher.quick_ratio() >= SIMILAR_ENOUGH
                ):
                    ratio = matcher.ratio()
                    if ratio >= SIMILAR_ENOUGH:
                        candidates.append((-ratio, i, j))
        taken_old, taken_new = set(), set()
        for _, i, j in sorted(candidates):
            if i not in taken_old and j not in taken_new:
                taken_old.add(i)
                taken_new.add(j)
                pairs.append((drifting[i], unpaired_new[j]))
        gone = {id(drifting[i]) for i in taken_old}
        unpaired_old = [item for item in unpaired_old if id(item) not in gone]
        unpaired_new = [item for j, item in enumerate(unpaired_new) if j not in taken_new]
    return pairs, unpaired_old, unpaired_new


def analyze_story(*, story_id: int) -> AnalysisSummary:
    """Run the engine over one story and store its claims and evidence.

    Idempotent, and claims keep their identity: a claim is known by its sentence
    within its article (its words, whatever the line endings or where the sentence
    now starts), so re-running updates rows in place, spans included, and creates no
    duplicates; a claim nobody decided also survives a small edit of its sentence.
    A claim with a verdict is never deleted, and only its span follows the text: if
    its sentence is gone it stays, marked missing_since. A claim an editor set aside
    as not a claim is kept too. Other claims whose sentence is gone are deleted and
    remembered as RemovedClaim, so a link to one says what happened.

    The engine runs outside any transaction; its findings are written a few articles
    per transaction (write_batches, store_analysis), so nobody waits long for the
    database. If the story's articles changed meanwhile (one joined, left or was
    edited), it is analysed again: two analyses of one story may overlap, and the one
    that read the story last writes last.
    """
    summary = AnalysisSummary()
    for _ in range(STORY_ATTEMPTS):
        seen, texts = read_story(story_id)
        reading = StoryReading(story_id, seen, [t.id for t in texts], engine.analyze_story(texts))
        summary.add(store_reading(reading))
        if story_fingerprint(story_id) == seen:
            summary.stories, summary.articles = 1, len(texts)
            return summary
    raise StoryKeptChanging(
        f"the articles of story {story_id} kept changing while it was analysed: "
        "run its analysis again"
    )


def store_reading(reading: StoryReading, pace: "WritePace | None" = None) -> AnalysisSummary:
    """Write what the engine found, a few articles per transaction."""
    pace = pace or WritePace()
    summary = AnalysisSummary()
    for batch in write_batches(reading.article_ids, reading.found):
        with pace.turn(), transaction.atomic():
            found = {pk: reading.found.get(pk, []) for pk in batch}
            summary.add(store_analysis(found, story_id=reading.story_id))
    return summary


# On SQLite, a writer that has waited a while for the write lock (a verdict, a
# login) tries again only every 100 ms (sqlite3's busy handler), so a run of short
# transactions one right after the other can shut it out for seconds. Analysis writes
# at most WRITE_SPELL seconds in a row, then leaves the lock free for WRITE_PAUSE.
WRITE_SPELL = 0.3
WRITE_PAUSE = 0.11


class WritePace:
    """Spells of writing with pauses between them (SQLite only; PostgreSQL locks rows)."""

    def __init__(self):
        self.spell_began = self.last_ended = time.monotonic()

    @contextmanager
    def turn(self):
        if connection.vendor == "sqlite":
            now = time.monotonic()
            if now - self.last_ended >= WRITE_PAUSE:  # the lock was free long enough
                self.spell_began = now
            elif now - self.spell_began >= WRITE_SPELL:
                time.sleep(WRITE_PAUSE)
                self.spell_began = time.monotonic()
        try:
            yield
        finally:
            self.last_ended = time.monotonic()


def story_fingerprint(story_id: int) -> list[tuple]:
    """What the engine's reading of a story depends on: its articles, their outlets,
    dates and texts (a digest, computed by the database)."""
    return list(
        Article.objects.filter(story_id=story_id)
        .order_by("pk")
        .values_list("pk", "outlet_id", "published", MD5("body"))
    )


# About this many claims and passages are written in one transaction (tens of
# milliseconds); an article with more is written alone.
ROWS_PER_TRANSACTION = 1000


def write_batches(
    article_ids: list[int], result: dict[int, list[engine.AnalyzedClaim]]
) -> Iterator[list[int]]:
    """The articles in groups whose findings make about ROWS_PER_TRANSACTION rows."""
    batch, rows = [], 0
    for article_id in article_ids:
        batch.append(article_id)
        rows += sum(1 + len(analyzed.evidence) for analyzed in result.get(article_id, []))
        if rows >= ROWS_PER_TRANSACTION:
            yield batch
            batch, rows = [], 0
    if batch:
        yield batch


def store_analysis(
    found: dict[int, Sequence[engine.AnalyzedClaim]], *, story_id: int
) -> AnalysisSummary:
    """Make the claims of these articles (by id) and their passages what the engine
    found in their story, in the caller's transaction. The stored claims, verdicts and
    citations are read here, so a verdict recorded while the engine ran is respected;
    an article that has left the story (or is gone) meanwhile is left to its new one."""
    summary = AnalysisSummary()
    # Taken in turn with any other analysis writing these articles.
    article_ids = list(
        Article.objects.select_for_update()
        .filter(pk__in=found, story_id=story_id)
        .values_list("pk", flat=True)
    )
    stored: dict[int, list[Claim]] = defaultdict(list)
    for claim in (
        Claim.objects.filter(article_id__in=article_ids)
        .annotate(
            decided=Exists(Verdict.objects.filter(claim=OuterRef("pk"))),
            set_aside=Exists(NotAClaim.objects.filter(claim=OuterRef("pk"))),
        )
        .order_by("start", "pk")
    ):
        stored[claim.article_id].append(claim)
    now = timezone.now()
    wanted: list[tuple[Claim, engine.AnalyzedClaim]] = []
    to_create, to_update, moved, gone = [], [], [], []
    for article_id in article_ids:
        pairs, left, new = pair_by_sentence(
            stored.get(article_id, []),
            sorted(found[article_id], key=lambda analyzed: analyzed.claim.start),
            old_text=lambda claim: claim.text,
            new_text=lambda analyzed: analyzed.claim.text,
            may_drift=lambda claim: not claim.decided,
        )
        gone += left
        for analyzed in new:
            claim = Claim(article_id=article_id, **claim_fields(analyzed))
            to_create.append(claim)
            wanted.append((claim, analyzed))
        for claim, analyzed in pairs:
            fields = claim_fields(analyzed)
            if claim.decided:  # the verdict was on these words: only the span follows
                fields = {name: fields[name] for name in SPAN_FIELDS}
            if claim.missing_since or (claim.start, claim.end) != (fields["start"], fields["end"]):
                moved.append(claim.pk)
            if claim.missing_since or any(getattr(claim, f) != v for f, v in fields.items()):
                for name, value in fields.items():
                    setattr(claim, name, value)
                claim.missing_since = None
                to_update.append(claim)
            wanted.append((claim, analyzed))
    kept = [claim.pk for claim in gone if claim.decided or claim.set_aside]
    stale = [claim for claim in gone if not (claim.decided or claim.set_aside)]
    RemovedClaim.objects.bulk_create(
        [RemovedClaim(id=c.pk, article_id=c.article_id, text=c.text) for c in stale],
        ignore_conflicts=True,
    )
    Claim.objects.filter(pk__in=[claim.pk for claim in stale]).delete()
    # A sentence may move to where another one was: the claims that move step out of
    # the one-claim-a-span rule (as missing) first, then take their new spans.
    Claim.objects.filter(pk__in=moved + kept, missing_since__isnull=True).update(missing_since=now)
    Claim.objects.bulk_update(to_update, [*CLAIM_FIELDS, "missing_since"], batch_size=500)
    Claim.objects.bulk_create(to_create, batch_size=500)
    summary.claims_created, summary.claims_updated = len(to_create), len(to_update)
    summary.claims_removed = len(stale)
    summary.evidence_created = store_evidence(article_ids, wanted)
    Article.objects.filter(pk__in=article_ids).update(analyzed_at=now)
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


def store_evidence(
    article_ids: list[int], pairs: Iterable[tuple[Claim, engine.AnalyzedClaim]]
) -> int:
    """Make the passages of these articles' claims match the engine's, a passage known
    by its sentence within its article like a claim. A decided claim's passages only
    follow the text and gain new ones; cited passages are never deleted."""
    current: dict[int, dict[int, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    for evidence in Evidence.objects.filter(claim__article_id__in=article_ids).order_by(
        "start", "pk"
    ):
        current[evidence.claim_id][evidence.article_id].append(evidence)
    cited = set(
        Citation.objects.filter(evidence__claim__article_id__in=article_ids).values_list(
            "evidence_id", flat=True
        )
    )
    to_create, to_update, to_delete = [], [], []
    for claim, analyzed in pairs:
        decided = getattr(claim, "decided", False)
        had = current.get(claim.pk, {})
        found: dict[int, list[tuple[int, object]]] = defaultdict(list)
        for rank, link in enumerate(analyzed.evidence):
            found[link.article_id].append((rank, link))
        for article_id in {*had, *found}:
            paired, left, new = pair_by_sentence(
                had.get(article_id, []),
                sorted(found.get(article_id, []), key=lambda item: item[1].start),
                old_text=lambda row: row.text,
                new_text=lambda item: item[1].text,
            )
            for rank, link in new:
                to_create.append(
                    Evidence(claim=claim, article_id=article_id, **evidence_fields(link, rank))
                )
            for row, (rank, link) in paired:
                fields = evidence_fields(link, rank)
                if decided:
                    fields = {name: fields[name] for name in SPAN_FIELDS}
                if all(getattr(row, name) == value for name, value in fields.items()):
                    continue
                moved = (row.start, row.end) != (fields["start"], fields["end"])
                for name, value in fields.items():
                    setattr(row, name, value)
                if moved and row.pk not in cited:
                    # Re-inserted rather than moved: passages of one claim may swap places.
                    to_delete.append(row.pk)
                    to_create.append(row)
                else:
                    to_update.append(row)
            if not decided:
                to_delete += [row.pk for row in left if row.pk not in cited]
    Evidence.objects.filter(pk__in=to_delete).delete()
    Evidence.objects.bulk_update(to_update, EVIDENCE_FIELDS, batch_size=500)
    insert_evidence(to_create)
    return sum(1 for row in to_create if row.pk is None)


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
    now = timezone.now()
    insert_evidence_values(
        [
            (
                row.claim_id, row.article_id, row.start, row.end, row.text, row.relation,
                row.score, json.dumps(row.reasons), json.dumps(row.highlights), row.rank, now,
            )
            for row in rows
        ]
    )  # fmt: skip


def insert_evidence_values(values: list[tuple]) -> None:
    """Rows of evidence as tuples in INSERT_COLUMNS' order (JSON fields as text), in
    one executemany."""
    if not values:
        return
    table = connection.ops.quote_name(Evidence._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in INSERT_COLUMNS)
    placeholders = ", ".join(["%s"] * len(INSERT_COLUMNS))
    with connection.cursor() as cursor:
        # Table and column names are our own constants; every value is a parameter.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        cursor.executemany(sql, values)


def evidence_fields(link, rank: int) -> dict:
    """An engine passage (a Link) as an Evidence row's fields."""
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
