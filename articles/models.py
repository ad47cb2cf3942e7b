"""Outlets, stories and the articles they published, exactly as received."""

import re

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.text import Truncator, slugify

DATELINE_END = re.compile(r"\s(?:--|—|–|-)\s+")


class Outlet(models.Model):
    UNKNOWN_NAME = "Unknown outlet"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    domain = models.CharField(
        max_length=253,
        blank=True,
        help_text="Web domain such as example.com; matched against article URLs and mentions.",
    )
    homepage = models.URLField(blank=True)
    is_unknown = models.BooleanField(
        default=False,
        editable=False,
        help_text="The placeholder for articles whose outlet could not be told; "
        "move its articles to their real outlet.",
    )

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
        super().save(*args, **kwargs)

    @classmethod
    def unknown(cls) -> "Outlet":
        outlet, _ = cls.objects.get_or_create(
            is_unknown=True, defaults={"name": cls.UNKNOWN_NAME, "slug": "unknown-outlet"}
        )
        return outlet


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
        """The body's opening, without the dateline it may start with."""
        if self.dateline and self.body.lstrip("(").startswith(self.dateline):
            match = DATELINE_END.search(self.body, 0, len(self.dateline) + 40)
            if match:
                return self.body[match.end() :]
        return self.body

    @property
    def source_name(self) -> str:
        return self.source.rsplit("/", 1)[-1]
