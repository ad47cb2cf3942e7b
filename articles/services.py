"""Writes that turn a received file into stored rows."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from .ingest import OutletCue, ParsedArticle, read_article
from .models import Article, Outlet
from .signals import articles_imported


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
    digest = content_hash(data)
    if existing := Article.objects.filter(content_hash=digest).first():
        return ImportOutcome(existing, created=False)
    parsed = read_article(data, name=source, max_bytes=settings.ARTICLE_MAX_BYTES)
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
    """Tell listeners (the claim engine) about new articles once they are committed."""
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
