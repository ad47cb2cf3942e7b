"""Writes that turn a received file into stored rows."""

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.db import DatabaseError, IntegrityError, transaction
from django.tasks import TaskResult
from django.utils.text import Truncator, slugify

from .ingest import (
    IngestError,
    OutletCue,
    ParsedArticle,
    check_size,
    read_article,
    read_pasted_article,
)
from .models import Article, BatchFile, ImportBatch, Outlet
from .signals import articles_imported

logger = logging.getLogger(__name__)

PASTED_SOURCE = "pasted text"


@dataclass(frozen=True)
class ImportOutcome:
    article: Article
    created: bool


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_article(*, data: bytes, source: str, outlet_name: str = "") -> ImportOutcome:
    """Store one received file as an article, or find it if it is already here.

    Idempotent on the file's bytes; atomic (a file is imported whole or not at
    all). Raises articles.ingest.IngestError for input that is not an article.
    """
    return store_once(
        content_hash(data),
        lambda: read_article(data, name=source, max_bytes=settings.ARTICLE_MAX_BYTES),
        source=source,
        outlet_name=outlet_name,
    )


def import_pasted_article(
    *, text: str, outlet_name: str, published: date | None, headline: str = "", url: str = ""
) -> ImportOutcome:
    """Store text an editor pasted, like a file: idempotent on the text, atomic."""
    return store_once(
        content_hash(text.encode("utf-8")),
        lambda: read_pasted_article(
            text,
            outlet=outlet_name,
            published=published,
            headline=headline,
            url=url,
            max_bytes=settings.ARTICLE_MAX_BYTES,
        ),
        source=url.strip() or PASTED_SOURCE,
        outlet_name=outlet_name,
    )


def store_once(
    digest: str, parse: Callable[[], ParsedArticle], *, source: str, outlet_name: str
) -> ImportOutcome:
    """The article with this content hash; parsed and stored only if it is not here yet."""
    if existing := Article.objects.filter(content_hash=digest).first():
        return ImportOutcome(existing, created=False)
    parsed = parse()
    try:
        with transaction.atomic():
            article = Article.objects.create(
                outlet=choose_outlet(outlet_name, parsed.outlet_cues),
                content_hash=digest,
                source=source,
                **article_fields(parsed),
            )
    except IntegrityError:
        # Someone imported the same bytes between our check and our insert.
        if existing := Article.objects.filter(content_hash=digest).first():
            return ImportOutcome(existing, created=False)
        raise
    return ImportOutcome(article, created=True)


def article_fields(parsed: ParsedArticle) -> dict:
    return {
        "headline": parsed.headline[:500],
        "dateline": parsed.dateline[:200],
        "published": parsed.published,
        "author": parsed.author[:300],
        "url": parsed.url if len(parsed.url) <= 1000 else "",
        "body": parsed.body,
        "raw_text": parsed.raw_text,
        "boilerplate": [{"kind": item.kind, "text": item.text} for item in parsed.boilerplate],
    }


def announce_imported(articles: list[Article]) -> None:
    """Tell listeners (the claim engine) about articles to analyse once they are committed."""
    ids = [article.pk for article in articles]
    if ids:
        transaction.on_commit(lambda: articles_imported.send(sender=Article, article_ids=ids))


def choose_outlet(outlet_name: str, cues: tuple[OutletCue, ...]) -> Outlet:
    """The named outlet, else the one the text names itself, else "Unknown outlet"."""
    if outlet_name.strip():
        return find_or_create_outlet(name=outlet_name.strip())
    strong = [cue for cue in cues if cue.strength >= 2]
    if strong:
        return find_or_create_outlet(name=strong[0].name, domain=strong[0].domain)
    likely = {cue.name.lower(): cue for cue in cues if cue.strength < 2}
    if len(likely) == 1:
        (cue,) = likely.values()
        return find_or_create_outlet(name=cue.name)
    return Outlet.unknown()


def find_or_create_outlet(*, name: str = "", domain: str = "") -> Outlet:
    if domain:
        if outlet := Outlet.objects.filter(domain__iexact=domain).first():
            return outlet
        name = name or domain
    if outlet := Outlet.objects.filter(name__iexact=name).first():
        return outlet
    return Outlet.objects.create(name=name, slug=unique_slug(name), domain=domain)


def unique_slug(name: str) -> str:
    base = slugify(name)[:190] or "outlet"
    slug, number = base, 2
    while Outlet.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


# --- Batches imported in the browser ---------------------------------------------

DATABASE_REFUSED = "the database refused it; nothing was written"


def import_files(*, files: Iterable[File], editor: AbstractBaseUser) -> ImportBatch:
    """Import each file whole or not at all, record what became of each, queue analysis."""
    received = [import_upload(file, position) for position, file in enumerate(files)]
    return record_batch(editor=editor, files=received)


def import_upload(upload: File, position: int) -> BatchFile:
    max_bytes = settings.ARTICLE_MAX_BYTES
    try:
        check_size(upload.size, max_bytes=max_bytes)
        outcome = import_article(data=upload.read(max_bytes + 1), source=upload.name)
    except (IngestError, DatabaseError) as error:
        return failed_file(upload.name, position, error)
    return received_file(upload.name, position, outcome)


def import_pasted_text(
    *,
    editor: AbstractBaseUser,
    text: str,
    outlet_name: str,
    published: date | None,
    headline: str = "",
    url: str = "",
) -> ImportBatch:
    """Import pasted text as a batch of one, recorded and analysed like an upload."""
    name = headline or PASTED_SOURCE
    try:
        outcome = import_pasted_article(
            text=text, outlet_name=outlet_name, published=published, headline=headline, url=url
        )
    except (IngestError, DatabaseError) as error:
        received = failed_file(name, 0, error)
    else:
        received = received_file(name, 0, outcome)
    return record_batch(editor=editor, files=[received])


def received_file(name: str, position: int, outcome: ImportOutcome) -> BatchFile:
    status = BatchFile.Outcome.IMPORTED if outcome.created else BatchFile.Outcome.UNCHANGED
    return BatchFile(name=name[:255], position=position, outcome=status, article=outcome.article)


def failed_file(name: str, position: int, error: Exception) -> BatchFile:
    if isinstance(error, DatabaseError):
        logger.exception("importing %s failed", name, exc_info=error)
        message = DATABASE_REFUSED
    else:
        message = Truncator(str(error)).chars(500)
    return BatchFile(
        name=name[:255], position=position, outcome=BatchFile.Outcome.FAILED, message=message
    )


def record_batch(*, editor: AbstractBaseUser, files: list[BatchFile]) -> ImportBatch:
    with transaction.atomic():
        batch = ImportBatch.objects.create(editor=editor)
        for file in files:
            file.batch = batch
        BatchFile.objects.bulk_create(files)
    queue_batch_analysis(batch)
    return batch


def queue_batch_analysis(batch: ImportBatch) -> None:
    """Ask for the batch's articles that are not analysed yet to be analysed.

    The listener (the claim engine) answers with the task it queued, and the
    batch keeps that task's id so its page can follow it through django.tasks.
    Queued once committed, so the worker finds every article it is given.
    """
    ids = list(batch.articles().filter(analyzed_at=None).values_list("pk", flat=True))
    if not ids:
        return

    def ask_for_analysis():
        for _receiver, answer in articles_imported.send(sender=Article, article_ids=ids):
            if isinstance(answer, TaskResult):
                batch.analysis_task_id, batch.analysis_backend = answer.id, answer.backend
                batch.save(update_fields=["analysis_task_id", "analysis_backend"])

    transaction.on_commit(ask_for_analysis)
