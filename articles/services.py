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
from django_tasks_db.models import DBTaskResult

from leases.services import requeue_abandoned

from .ingest import (
    IngestError,
    OutletCue,
    ParsedArticle,
    check_size,
    read_article,
    read_pasted_article,
)
from .ingest.outlets import guessed_outlet, outlet_key, split_via, stated_outlet
from .models import (
    AnalysisState,
    Article,
    BatchFile,
    ImportBatch,
    Outlet,
    OutletAlias,
    OutletDomain,
)
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
    outlet_name, via = split_via(clean_name(outlet_name))
    fields = article_fields(parsed) | ({"via": via[:200]} if via else {})
    try:
        with transaction.atomic():
            article = Article.objects.create(
                outlet=choose_outlet(outlet_name, parsed.outlet_cues),
                content_hash=digest,
                source=source,
                **fields,
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
        "via": parsed.via[:200],
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
    """The outlet an article is filed under.

    What is stated wins over what is guessed: the editor's outlet, then the outlet the
    file or page states (the wire agency, for wire copy), then the outlet known at the
    page's web domain, then what the text says of itself; else "Unknown outlet". A domain
    only decides when nothing is stated, so the first page seen there does not name
    every later one.
    """
    if name := clean_name(outlet_name):
        return find_or_create_outlet(name=name)
    if name := stated_outlet(cues):
        domain = next((cue.domain for cue in cues if cue.name == name and cue.domain), "")
        return find_or_create_outlet(name=name, domain=domain)
    for cue in cues:
        if cue.domain and not cue.name and (outlet := Outlet.objects.at_domain(cue.domain).first()):
            return outlet
    if name := guessed_outlet(cues):
        return find_or_create_outlet(name=name)
    return Outlet.unknown()


def clean_name(name: str) -> str:
    return " ".join(name.split())


def find_or_create_outlet(*, name: str, domain: str = "") -> Outlet:
    """The outlet of this name (or alias), else a new one; a domain that belongs to it and
    to no other outlet yet is recorded, so that later pages there that state no name find it."""
    outlet = Outlet.objects.named(name).order_by("pk").first()
    if outlet is None:
        outlet = Outlet.objects.create(name=name[:200], slug=unique_slug(name))
    if domain and not OutletDomain.objects.filter(domain=domain).exists():
        OutletDomain.objects.create(outlet=outlet, domain=domain)
        if not outlet.homepage:
            outlet.homepage = f"https://{domain}/"
            outlet.save(update_fields=["homepage"])
    return outlet


def unique_slug(name: str) -> str:
    base = slugify(name)[:190] or "outlet"
    slug, number = base, 2
    while Outlet.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


# --- Renaming and merging outlets ------------------------------------------------------


class OutletChangeRefused(ValueError):
    """A rename or merge that would lose or confuse outlets; the message says why."""


@transaction.atomic
def rename_outlet(*, outlet: Outlet, name: str) -> Outlet:
    """Give an outlet a new name; the old one stays as an alias, so files that still
    state it find the outlet. Every page shows the new name at once (none stores it)."""
    name = clean_name(name)
    if outlet.is_unknown:
        raise OutletChangeRefused(
            f'"{outlet.name}" holds the articles whose outlet could not be told; '
            "move them to their outlets instead of renaming it"
        )
    if not name:
        raise OutletChangeRefused("an outlet needs a name")
    if outlet_key(name) == outlet_key(Outlet.UNKNOWN_NAME):
        raise OutletChangeRefused(f'"{Outlet.UNKNOWN_NAME}" is kept for articles without one')
    if other := Outlet.objects.named(name).exclude(pk=outlet.pk).first():
        raise OutletChangeRefused(
            f'"{other.name}" already goes by "{name}": merge the two outlets instead'
        )
    old = outlet.name
    if old == name:
        return outlet
    outlet.name = name
    outlet.save(update_fields=["name"])
    outlet.aliases.filter(key=outlet_key(name)).delete()
    keep_alias(outlet, old)
    return outlet


@transaction.atomic
def merge_outlets(*, into: Outlet, outlets: Iterable[Outlet]) -> Outlet:
    """Fold outlets into one: their articles, domains and aliases move to it, and their
    names become its aliases. The unknown placeholder cannot be merged either way."""
    others = [outlet for outlet in outlets if outlet.pk != into.pk]
    if into.is_unknown or any(outlet.is_unknown for outlet in others):
        raise OutletChangeRefused(
            f'"{Outlet.UNKNOWN_NAME}" cannot be merged: '
            "move its articles to their outlets one by one"
        )
    for outlet in others:
        outlet.articles.update(outlet=into)
        outlet.domains.update(outlet=into)
        outlet.aliases.update(outlet=into)
        name = outlet.name
        outlet.delete()
        keep_alias(into, name)
    if others and not into.homepage:
        into.homepage = next((outlet.homepage for outlet in others if outlet.homepage), "")
        into.save(update_fields=["homepage"])
    return into


def keep_alias(outlet: Outlet, name: str) -> None:
    key = outlet_key(name)
    if key and key != outlet.key and not OutletAlias.objects.filter(key=key).exists():
        OutletAlias.objects.create(outlet=outlet, name=name)


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
    """Ask for the batch's articles that are not analysed yet to be analysed, once
    committed, so the worker finds every article it is given."""
    transaction.on_commit(lambda: ask_for_analysis(batch))


def ask_for_analysis(batch: ImportBatch) -> None:
    """The listener (the claim engine) answers with the task it queued, and the
    batch keeps that task's id so its page can follow it through django.tasks."""
    ids = list(batch.articles().filter(analyzed_at=None).values_list("pk", flat=True))
    if not ids:
        return
    for _receiver, answer in articles_imported.send(sender=Article, article_ids=ids):
        if isinstance(answer, TaskResult):
            batch.analysis_task_id, batch.analysis_backend = answer.id, answer.backend
            batch.save(update_fields=["analysis_task_id", "analysis_backend"])


def run_analysis_again(*, batch: ImportBatch) -> bool:
    """An editor asks for a batch's analysis again, after it failed or lost its worker.

    A task whose worker stopped answering is queued again as it is (there is no second
    one to run beside it); otherwise a new task is queued. The batch is locked while
    it is decided, so two editors asking together queue it once. False, and nothing
    done, when its analysis is queued, running (its worker alive) or done.
    """
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        progress = batch.analysis()
        if not progress.can_run_again:
            return False
        if progress.state == AnalysisState.STALLED:
            task = DBTaskResult.objects.get(pk=batch.analysis_task_id)
            return requeue_abandoned(task, by_hand=True)
        ask_for_analysis(batch)
    return True
