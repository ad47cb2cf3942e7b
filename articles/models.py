"""Outlets, stories and the articles they published, exactly as received."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Substr
from django.db.models.lookups import Exact
from django.tasks import TaskResult, TaskResultStatus, task_backends
from django.tasks.base import TaskError
from django.tasks.exceptions import InvalidTaskBackend, TaskResultDoesNotExist
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify

from leases.models import worker_lost_at

from .ingest.outlets import key_variants, outlet_key

DATELINE_END = re.compile(r"\s(?:--|—|–|-)\s+|(?:—|–|--)(?=\S)")


class OutletQuerySet(models.QuerySet):
    def named(self, name: str) -> "OutletQuerySet":
        """Outlets called this, by their name or one of their aliases, however spelled."""
        keys = key_variants(name)
        return self.filter(models.Q(key__in=keys) | models.Q(aliases__key__in=keys)).distinct()

    def at_domain(self, domain: str) -> "OutletQuerySet":
        return self.filter(domains__domain=normal_domain(domain))


def normal_domain(domain: str) -> str:
    """'WWW.Example.com.' -> 'example.com'."""
    return domain.strip().lower().rstrip(".").removeprefix("www.")


class Outlet(models.Model):
    """A publication: one name, any number of web domains and other names (aliases)."""

    UNKNOWN_NAME = "Unknown outlet"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    key = models.CharField(
        max_length=200,
        db_index=True,
        editable=False,
        help_text="The name folded for matching: case, accents, 'The' and punctuation aside.",
    )
    homepage = models.URLField(blank=True)
    is_unknown = models.BooleanField(
        default=False,
        editable=False,
        help_text="The placeholder for articles whose outlet could not be told; "
        "move its articles to their real outlet.",
    )

    objects = OutletQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_unknown"],
                condition=models.Q(is_unknown=True),
                name="one_unknown_outlet",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="outlet_has_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200] or "outlet"
        self.key = outlet_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("outlet_detail", args=[self.pk])

    def clean(self):
        key = outlet_key(self.name)
        if not key:
            raise ValidationError({"name": "An outlet's name needs letters or digits."})
        others = Outlet.objects.exclude(pk=self.pk)
        if (other := others.filter(key=key).first()) or (
            other := others.filter(aliases__key=key).first()
        ):
            raise ValidationError(
                {"name": f"“{other.name}” already goes by this name: merge the two instead."}
            )

    @classmethod
    def unknown(cls) -> "Outlet":
        outlet, _ = cls.objects.get_or_create(
            is_unknown=True, defaults={"name": cls.UNKNOWN_NAME, "slug": "unknown-outlet"}
        )
        return outlet


class OutletDomain(models.Model):
    """A web domain an outlet publishes at; a page there without a stated name is its."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(
        max_length=253, unique=True, help_text="Such as example.com, without www."
    )

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = normal_domain(self.domain)
        super().save(*args, **kwargs)

    def clean(self):
        self.domain = normal_domain(self.domain)  # before uniqueness is checked


class OutletAlias(models.Model):
    """Another name an outlet goes by: a former name, a short name, a spelling."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "outlet aliases"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.key = outlet_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        self.key = outlet_key(self.name)
        if not self.key:
            raise ValidationError({"name": "An alias needs letters or digits."})
        taken = OutletAlias.objects.filter(key=self.key).exclude(pk=self.pk).first()
        outlet = Outlet.objects.filter(key=self.key).exclude(pk=self.outlet_id).first()
        if taken or outlet:
            owner = outlet.name if outlet else taken.outlet.name
            raise ValidationError({"name": f"“{owner}” already goes by this name."})


class Story(models.Model):
    """One news event, covered by several outlets' articles."""

    title = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    first_published = models.DateField(null=True, blank=True, editable=False)
    last_published = models.DateField(null=True, blank=True, editable=False)
    profile = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The words its articles use most, with counts: how new articles find it.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "stories"
        indexes = [models.Index(fields=["first_published", "last_published"])]

    def __str__(self) -> str:
        return self.title


OPENING_CHARS = 1000


def source_key(article_id: int, outlet_id: int, *, outlet_unknown: bool) -> str:
    """Article.source_key, from ids (for pages that list many articles as plain rows)."""
    return f"article {article_id}" if outlet_unknown else f"outlet {outlet_id}"


class ArticleQuerySet(models.QuerySet):
    def without_body(self) -> "ArticleQuerySet":
        """For pages that name articles: the body, raw text and removed passages stay in
        the database (a body may be megabytes), and only the opening is read, which is
        all that label and lede need."""
        return self.defer("body", "raw_text", "boilerplate").annotate(
            opening=Substr("body", 1, OPENING_CHARS)
        )


class Article(models.Model):
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="articles")
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    story_locked = models.BooleanField(
        "story set by an editor",
        default=False,
        help_text="Automatic story grouping leaves this article where an editor put it.",
    )
    headline = models.CharField(max_length=500, blank=True)
    dateline = models.CharField(max_length=200, blank=True)
    published = models.DateField(null=True, blank=True)
    author = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    via = models.CharField(
        "published via",
        max_length=200,
        blank=True,
        help_text="The site that carried this article for its outlet, such as a newspaper "
        "running wire copy; the outlet is who wrote it.",
    )
    body = models.TextField(help_text="Clean article text; claim spans point into it.")
    raw_text = models.TextField(help_text="The text exactly as received, boilerplate included.")
    boilerplate = models.JSONField(
        default=list,
        blank=True,
        help_text="Passages removed from the body: a list of {kind, text}.",
    )
    source = models.CharField(max_length=1000, help_text="File name or URL it came from.")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    imported_at = models.DateTimeField(auto_now_add=True)
    analyzed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "outlet__name", "id"]
        indexes = [models.Index(fields=["published"]), models.Index(fields=["imported_at"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="article_has_body"),
            models.CheckConstraint(
                condition=Exact(Length("content_hash"), 64), name="article_hash_is_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outlet.name}: {self.label}"

    @property
    def label(self) -> str:
        """The headline, or the opening words when the article came without one."""
        return self.headline or Truncator(self.lede).words(12)

    @property
    def lede(self) -> str:
        """The body's opening, without the dateline it may start with (only the opening
        when the body was not read: without_body())."""
        deferred = "body" in self.get_deferred_fields() and hasattr(self, "opening")
        body = self.opening if deferred else self.body
        if self.dateline and body.lstrip("(").startswith(self.dateline):
            match = DATELINE_END.search(body, 0, len(self.dateline) + 40)
            if match:
                return body[match.end() :]
        return body

    @property
    def source_key(self) -> str:
        """What makes two articles one source: their outlet, unless it is unknown,
        when each article stands alone (it cannot back itself, but may back another)."""
        return source_key(self.pk, self.outlet_id, outlet_unknown=self.outlet.is_unknown)

    @property
    def outlet_label(self) -> str:
        """The outlet's current name; the unknown outlet's articles are told apart by
        their headline, or their opening words."""
        if self.outlet.is_unknown:
            return f"{self.outlet.name} ({Truncator(self.label).words(8)})"
        return self.outlet.name

    @property
    def source_name(self) -> str:
        return self.source.rsplit("/", 1)[-1]


# --- Imports from the browser ------------------------------------------------------


class AnalysisState(StrEnum):
    NOTHING_TO_DO = "nothing"
    QUEUED = "queued"
    RUNNING = "running"
    STALLED = "stalled"  # running, but its worker stopped answering (its lease ran out)
    FAILED = "failed"
    DONE = "done"
    UNKNOWN = "unknown"  # not done, and the task backend cannot say why


@dataclass(frozen=True)
class AnalysisProgress:
    """Where a batch's analysis stands, read from its task and its articles."""

    state: AnalysisState
    analysed: int
    total: int
    reason: str = ""  # why a failed task failed, in its exception's words
    queued_for: timedelta | None = None
    worker_lost_at: datetime | None = None  # stalled: when its worker stopped answering
    queued_again: bool = False  # queued after a worker was lost on it

    @property
    def in_progress(self) -> bool:
        return self.state in (AnalysisState.QUEUED, AnalysisState.RUNNING, AnalysisState.STALLED)

    @property
    def can_run_again(self) -> bool:
        return self.state in (AnalysisState.FAILED, AnalysisState.STALLED, AnalysisState.UNKNOWN)

    @property
    def waiting_for_a_worker(self) -> bool:
        return self.state == AnalysisState.QUEUED and self.queued_for > WORKER_PICKS_UP_WITHIN


WORKER_PICKS_UP_WITHIN = timedelta(seconds=30)


class ImportBatch(models.Model):
    """The files (or the text) an editor imported together, and their analysis task."""

    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_batches",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    analysis_task_id = models.CharField(max_length=64, blank=True)
    analysis_backend = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Import {self.pk} by {self.editor or 'a removed user'}"

    def get_absolute_url(self) -> str:
        return reverse("import_batch", args=[self.pk])

    def articles(self) -> models.QuerySet[Article]:
        return Article.objects.filter(pk__in=self.files.values("article_id"))

    @property
    def nothing_imported(self) -> bool:
        return not self.files.exclude(outcome=BatchFile.Outcome.FAILED).exists()

    def analysis_task(self) -> TaskResult | None:
        """The analysis task as its backend reports it; None if it cannot say."""
        if not self.analysis_task_id:
            return None
        try:
            backend = task_backends[self.analysis_backend]
            return backend.get_result(self.analysis_task_id)
        except (InvalidTaskBackend, NotImplementedError, TaskResultDoesNotExist):
            return None

    def analysis(self) -> AnalysisProgress:
        analysed_at = list(self.articles().values_list("analyzed_at", flat=True))
        analysed, total = sum(1 for when in analysed_at if when), len(analysed_at)
        progress = partial(AnalysisProgress, analysed=analysed, total=total)
        if analysed == total:
            return progress(AnalysisState.DONE if total else AnalysisState.NOTHING_TO_DO)
        task = self.analysis_task()
        if task is None:
            return progress(AnalysisState.UNKNOWN)
        if task.status == TaskResultStatus.SUCCESSFUL:
            return progress(AnalysisState.DONE)
        if task.status == TaskResultStatus.FAILED:
            return progress(AnalysisState.FAILED, reason=failure_reason(task.errors[-1]))
        if task.status == TaskResultStatus.RUNNING:
            # However long it runs, it is running while its worker renews its lease.
            if lost_at := worker_lost_at(task):
                return progress(AnalysisState.STALLED, worker_lost_at=lost_at)
            return progress(AnalysisState.RUNNING)
        return progress(
            AnalysisState.QUEUED,
            queued_for=timezone.now() - task.enqueued_at,
            queued_again=bool(task.worker_ids),
        )


def failure_reason(error: TaskError) -> str:
    """The exception's message from the last lines of its traceback; never the traceback."""
    path = error.exception_class_path
    names = {path, path.removeprefix("builtins."), path.rsplit(".", 1)[-1]}
    lines = error.traceback.rstrip().splitlines()
    for index in range(len(lines) - 1, -1, -1):
        name, colon, message = lines[index].partition(":")
        if name in names:
            said = "\n".join([message, *lines[index + 1 :]]).strip() if colon else ""
            return Truncator(said or name).chars(300)
    return path.rsplit(".", 1)[-1]


class BatchFile(models.Model):
    """One file of an import batch (pasted text counts as one), and what became of it."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", "Imported"
        UNCHANGED = "unchanged", "Unchanged"
        FAILED = "failed", "Failed"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=255)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    message = models.CharField(max_length=500, blank=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="batch_files"
    )

    class Meta:
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="one_file_a_position"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_outcome_display()}"
