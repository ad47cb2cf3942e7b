"""Claims found in articles, the other outlets' evidence, and editors' verdicts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import Exact, LessThanOrEqual
from django.urls import reverse
from django.utils.functional import cached_property

from articles.models import Article

from .reasons import referenced_articles, with_outlet_names


class Status(models.TextChoices):
    """What an editor decided about a claim."""

    CONFIRMED = "confirmed", "Confirmed"
    DISPUTED = "disputed", "Disputed"
    UNSOURCED = "unsourced", "Unsourced"


class ClaimStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    CONFIRMED = Status.CONFIRMED.value, Status.CONFIRMED.label
    DISPUTED = Status.DISPUTED.value, Status.DISPUTED.label
    UNSOURCED = Status.UNSOURCED.value, Status.UNSOURCED.label


class Kind(models.TextChoices):
    """What makes a claim check-worthy."""

    QUANTITY = "quantity", "Figure"
    DATE = "date", "Date or time"
    SUPERLATIVE = "superlative", "Superlative"
    QUOTE = "quote", "Quote"
    STATEMENT = "statement", "Statement"


class Relation(models.TextChoices):
    """How another outlet's passage bears on a claim."""

    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    RELATED = "related", "Related"


def span_constraints(prefix: str) -> list[models.CheckConstraint]:
    """A span is a non-empty stretch of its article's body whose text it carries."""
    return [
        models.CheckConstraint(condition=Q(start__gte=0), name=f"{prefix}_start_not_negative"),
        models.CheckConstraint(condition=Q(end__gt=F("start")), name=f"{prefix}_span_not_empty"),
        models.CheckConstraint(
            condition=Exact(F("end") - F("start"), Length("text")),
            name=f"{prefix}_text_fills_span",
        ),
    ]


def validate_span(article: Article, start: int, end: int, text: str) -> None:
    if not 0 <= start < end <= len(article.body):
        raise ValidationError(f"span {start}-{end} lies outside the article body")
    if article.body[start:end] != text:
        raise ValidationError(f"text does not match the article body at {start}-{end}")


class ClaimQuerySet(models.QuerySet):
    """Reads for the workbench: each method loads what one screen shows, in a fixed
    number of queries however many claims, passages and verdicts there are."""

    def for_story(self, story) -> "ClaimQuerySet":
        return self.filter(article__story=story)

    def checkable(self) -> "ClaimQuerySet":
        """Claims worth checking: not set aside by an editor as "not a claim"."""
        return self.filter(not_a_claim=False)

    def in_text(self) -> "ClaimQuerySet":
        """Claims whose sentence is still in their article's text."""
        return self.filter(missing_since__isnull=True)

    def counted(self) -> "ClaimQuerySet":
        """Claims that count (in the counts, the matrix): checkable and in the text."""
        return self.checkable().in_text()

    def in_reading_order(self) -> "ClaimQuerySet":
        """A story's claims article by article (by date, then outlet), then by place."""
        return self.order_by(
            "article__published", "article__outlet__name", "article_id", "start", "pk"
        )

    def with_contradiction(self) -> "ClaimQuerySet":
        """has_contradiction: another outlet's passage contradicts the claim."""
        return self.annotate(
            has_contradiction=Exists(
                Evidence.objects.filter(claim=OuterRef("pk"), relation=Relation.CONTRADICTS)
            )
        )

    def with_latest_verdict(self) -> "ClaimQuerySet":
        """The newest verdict's id, reviewer and time (None while pending)."""
        newest = Verdict.objects.filter(claim=OuterRef("pk")).order_by("-created_at", "-id")
        return self.annotate(
            latest_verdict_id=Subquery(newest.values("pk")[:1]),
            decided_by=Subquery(newest.values("reviewer__username")[:1]),
            decided_at=Subquery(newest.values("created_at")[:1]),
        )

    def with_evidence_counts(self) -> "ClaimQuerySet":
        def count(passages):
            counted = passages.order_by().values("claim").annotate(n=Count("pk")).values("n")
            return Coalesce(Subquery(counted), 0)

        passages = Evidence.objects.filter(claim=OuterRef("pk"))
        contradicting = passages.filter(relation=Relation.CONTRADICTS)
        return self.annotate(
            evidence_count=count(passages),
            contradiction_count=count(contradicting),
            has_contradiction=Exists(contradicting),
        )

    def for_queue(self) -> "ClaimQuerySet":
        return (
            self.select_related("article__outlet", "article__story")
            .with_latest_verdict()
            .with_evidence_counts()
        )

    def for_reader(self) -> "ClaimQuerySet":
        """An article's claims in reading order, each saying whether another outlet
        contradicts it; the reader highlights those still in its text (in_text)."""
        return self.with_contradiction().order_by("start", "end", "pk")

    def with_history(self) -> "ClaimQuerySet":
        """A claim with its article and every verdict, newest first, with what it cites,
        and every not-a-claim decision, newest first."""
        verdicts = (
            Verdict.objects.select_related("reviewer")
            .prefetch_related(
                Prefetch(
                    "cited_evidence", queryset=Evidence.objects.select_related("article__outlet")
                )
            )
            .order_by("-created_at", "-id")
        )
        decisions = NotAClaim.objects.select_related("editor").order_by("-created_at", "-id")
        return self.select_related("article__outlet", "article__story").prefetch_related(
            Prefetch("verdicts", queryset=verdicts),
            Prefetch("not_a_claim_record", queryset=decisions),
        )

    def for_panel(self) -> "ClaimQuerySet":
        """with_history and with_publication, plus every passage with its outlet, grouped
        by outlet."""
        passages = Evidence.objects.select_related("article__outlet").order_by(
            "article__outlet__name", "article__outlet_id", "article_id", "rank", "pk"
        )
        return (
            self.with_history()
            .with_publication()
            .prefetch_related(Prefetch("evidence", queryset=passages))
        )

    def with_publication(self) -> "ClaimQuerySet":
        """The newest publication row's action, verdict, editor and time (None: never
        published), in the claim's own query."""
        newest = Publication.objects.filter(claim=OuterRef("pk")).order_by("-created_at", "-id")
        return self.annotate(
            publication_action=Subquery(newest.values("action")[:1]),
            publication_verdict_id=Subquery(newest.values("verdict_id")[:1]),
            publication_by=Subquery(newest.values("editor__username")[:1]),
            publication_at=Subquery(newest.values("created_at")[:1]),
        )

    def published(self) -> "ClaimQuerySet":
        """Claims readers may see now: their newest publication row publishes."""
        return self.filter(Exists(Publication.objects.current().filter(claim=OuterRef("pk"))))

    def for_report(self) -> "ClaimQuerySet":
        """A story report's claims in reading order, with every verdict (newest first)
        and the passages it cites, and with_publication. Articles are read without
        their bodies (a report page names many claims of one long article)."""
        articles = Article.objects.without_body().select_related("outlet")
        cited = Evidence.objects.prefetch_related(Prefetch("article", queryset=articles))
        verdicts = (
            Verdict.objects.select_related("reviewer")
            .prefetch_related(Prefetch("cited_evidence", queryset=cited))
            .order_by("-created_at", "-id")
        )
        return (
            self.with_publication()
            .prefetch_related(Prefetch("verdicts", queryset=verdicts))
            .in_reading_order()
        )


class Claim(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind)
    facts = models.JSONField(default=dict, blank=True)
    attribution = models.CharField(
        max_length=300, blank=True, help_text="Who the article says makes this claim."
    )
    suggested_status = models.CharField(max_length=20, choices=Status, blank=True)
    reasons = models.JSONField(default=list, blank=True, help_text="Why it is suggested.")
    status = models.CharField(
        max_length=20,
        choices=ClaimStatus,
        default=ClaimStatus.PENDING,
        help_text="The newest verdict's status; pending until an editor decides.",
    )
    not_a_claim = models.BooleanField(
        default=False,
        help_text="An editor set the sentence aside as not worth checking (the newest "
        "NotAClaim row decides); hidden from the queue and the counts.",
    )
    missing_since = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When re-analysis no longer found the sentence in the article; a claim "
        "with a verdict is kept, but its span no longer points into the text.",
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["suggested_status"]),
            models.Index(fields=["kind"]),
        ]
        constraints = [
            *span_constraints("claim"),
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                condition=Q(missing_since__isnull=True),
                name="one_claim_a_span",
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="claim_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(suggested_status__in=[*Status.values, ""]),
                name="claim_suggested_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def get_absolute_url(self) -> str:
        """The article reader with this claim's panel open."""
        return f"{reverse('article_reader', args=[self.article_id])}?claim={self.pk}"

    @cached_property
    def shown_reasons(self) -> list[str]:
        """The suggestion's reasons, with other outlets called by their current names."""
        ids = referenced_articles(self.reasons)
        articles = Article.objects.filter(pk__in=ids).select_related("outlet")
        return with_outlet_names(self.reasons, {a.pk: a.outlet_label for a in articles})

    def clean(self):
        if self.article_id is not None and self.missing_since is None:
            validate_span(self.article, self.start, self.end, self.text)

    @property
    def is_missing(self) -> bool:
        return self.missing_since is not None

    @property
    def is_published(self) -> bool:
        """Whether readers see it now; needs with_publication()."""
        return self.publication_action == PublicationAction.PUBLISHED

    @property
    def published_verdict_is_newest(self) -> bool:
        """Readers see the newest verdict; needs with_publication() and a verdict."""
        latest = self.latest_verdict()
        return self.is_published and latest is not None and latest.pk == self.publication_verdict_id

    def published_verdict(self) -> "Verdict | None":
        """The verdict readers see (None unless published); uses prefetched verdicts."""
        if not self.is_published:
            return None
        return next(v for v in self.verdicts.all() if v.pk == self.publication_verdict_id)

    def not_a_claim_decision(self) -> "NotAClaim | None":
        """The newest not-a-claim decision; uses prefetched ones (with_history)."""
        if "not_a_claim_record" in getattr(self, "_prefetched_objects_cache", {}):
            decisions = self.not_a_claim_record.all()
            return decisions[0] if decisions else None
        return self.not_a_claim_record.order_by("-created_at", "-id").first()

    def latest_verdict(self) -> "Verdict | None":
        """The newest verdict; uses prefetched verdicts (for_panel) when present."""
        if "verdicts" in getattr(self, "_prefetched_objects_cache", {}):
            verdicts = self.verdicts.all()
            return verdicts[0] if verdicts else None
        return self.verdicts.order_by("-created_at", "-id").first()


class EvidenceQuerySet(models.QuerySet):
    def of_story(self, story) -> "EvidenceQuerySet":
        """Passages found for the story's claims in the story's own articles, unordered."""
        return self.filter(claim__article__story=story, article__story=story).order_by()

    def fact_links(self, story) -> list[tuple[int, int, str, float]]:
        """Each supporting or contradicting passage in an article of the story, as a
        link (claim id, other claim id, relation, score) to every claim that counts
        whose span it overlaps: plain tuples, strongest first, for
        coverage.group_claim_ids (which keeps only the links between the claims it
        groups)."""
        overlapped = FilteredRelation(
            "article__claims",
            condition=Q(
                article__claims__start__lt=F("end"),
                article__claims__end__gt=F("start"),
                article__claims__not_a_claim=False,
                article__claims__missing_since__isnull=True,
            ),
        )
        return list(
            self.filter(
                article__story=story, relation__in=[Relation.SUPPORTS, Relation.CONTRADICTS]
            )
            .annotate(other=overlapped)
            .filter(other__isnull=False)
            .order_by("-score", "claim_id", "other__pk")
            .values_list("claim_id", "other__pk", "relation", "score")
        )

    def signals_for(self, claim_ids) -> "EvidenceQuerySet":
        """(claim id, article id, relation) of the passages that support or contradict
        these claims, once each."""
        return (
            self.filter(
                claim_id__in=claim_ids, relation__in=[Relation.SUPPORTS, Relation.CONTRADICTS]
            )
            .order_by()
            .values_list("claim_id", "article_id", "relation")
            .distinct()
        )


class Evidence(models.Model):
    """A passage of another article that bears on a claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    relation = models.CharField(max_length=20, choices=Relation)
    score = models.FloatField(help_text="How closely the passage matches the claim, 0 to 1.")
    reasons = models.JSONField(default=list, blank=True)
    highlights = models.JSONField(
        default=list,
        blank=True,
        help_text="[start, end] ranges within the passage text that match the claim.",
    )
    rank = models.PositiveSmallIntegerField(default=0, help_text="0 is the best passage.")
    found_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "rank", "id"]
        verbose_name_plural = "evidence"
        # A claim's passages by relation: whether (or how often) another outlet
        # contradicts a claim is read from this index alone, for the queue's filter and
        # "contradicted first" order and for the stories page's counts.
        indexes = [models.Index(fields=["claim", "relation"], name="evidence_claim_relation")]
        constraints = [
            *span_constraints("evidence"),
            models.UniqueConstraint(
                fields=["claim", "article", "start", "end"], name="one_evidence_a_passage"
            ),
            models.CheckConstraint(
                condition=Q(relation__in=Relation.values), name="evidence_relation_valid"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="evidence_score_0_to_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_relation_display()}: {self.text[:60]}"

    def clean(self):
        if self.article_id is None or self.claim_id is None:
            return
        validate_span(self.article, self.start, self.end, self.text)
        if self.article_id == self.claim.article_id:
            raise ValidationError("evidence must come from another article than the claim's")


NOTE_MAX_LENGTH = 2000


class Verdict(models.Model):
    """An editor's decision on a claim. Append-only: a change is a new row."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="verdicts")
    status = models.CharField(max_length=20, choices=Status)
    previous_status = models.CharField(
        max_length=20, choices=ClaimStatus, default=ClaimStatus.PENDING
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts"
    )
    note = models.TextField(max_length=NOTE_MAX_LENGTH, blank=True)
    note_is_internal = models.BooleanField(
        default=True, help_text="Internal notes never appear on public pages."
    )
    cited_evidence = models.ManyToManyField(
        Evidence, through="Citation", related_name="verdicts", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        # A claim's newest verdict in one step: the queue's "decided" column and order.
        indexes = [models.Index(fields=["claim", "-created_at", "-id"], name="verdict_newest")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="verdict_valid"),
            models.CheckConstraint(
                condition=Q(previous_status__in=ClaimStatus.values),
                name="verdict_previous_status_valid",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), NOTE_MAX_LENGTH),
                name="verdict_note_not_too_long",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} by {self.reviewer} on {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("verdicts are append-only; record a new verdict instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("verdicts are append-only and cannot be deleted")


class Citation(models.Model):
    """Evidence a verdict cites; cited evidence can no longer be deleted."""

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE)
    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["verdict", "evidence"], name="cite_evidence_once")
        ]

    def __str__(self) -> str:
        return f"{self.verdict} cites {self.evidence}"


class PublicationAction(models.TextChoices):
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PublicationQuerySet(models.QuerySet):
    def current(self) -> "PublicationQuerySet":
        """The rows readers see now: each claim's newest row, where it publishes."""
        newest = Publication.objects.filter(claim=OuterRef("claim")).order_by("-created_at", "-id")
        return self.filter(pk=Subquery(newest.values("pk")[:1]), action=PublicationAction.PUBLISHED)

    def for_public(self) -> "PublicationQuerySet":
        """What a public page or feed shows: the claim, its article and outlet, the
        published verdict and the passages it cites, the passages that support the
        claim (for where it first appeared), and when the claim was first published
        (a later row may publish a newer verdict)."""
        first = Publication.objects.filter(
            claim=OuterRef("claim"), action=PublicationAction.PUBLISHED
        ).order_by("created_at", "id")
        cited = Evidence.objects.select_related("article__outlet").order_by(
            "article__outlet__name", "rank", "pk"
        )
        supporting = (
            Evidence.objects.filter(relation=Relation.SUPPORTS)
            .select_related("article__outlet")
            .defer("article__body", "article__raw_text", "article__boilerplate")
        )
        return (
            self.select_related("claim__article__outlet", "verdict")
            .prefetch_related(
                Prefetch("verdict__cited_evidence", queryset=cited),
                Prefetch("claim__evidence", queryset=supporting, to_attr="supporting"),
            )
            .annotate(first_published_at=Subquery(first.values("created_at")[:1]))
            .order_by("claim__article__published", "claim__article_id", "claim__start", "pk")
        )


class Publication(models.Model):
    """An editor publishing a claim's verdict to readers, or withdrawing it.

    Append-only like verdicts: the newest row for a claim decides what readers
    see. A published row names the verdict it published, so a verdict recorded
    later changes nothing public until an editor publishes again; a withdrawn
    row names the verdict it took down.
    """

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="publications")
    action = models.CharField(max_length=20, choices=PublicationAction)
    verdict = models.ForeignKey(Verdict, on_delete=models.PROTECT, related_name="publications")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="publications"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        indexes = [models.Index(fields=["claim", "-created_at", "-id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=PublicationAction.values), name="publication_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.editor} on {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("publications are append-only; record a new one instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("publications are append-only and cannot be deleted")

    def clean(self):
        if self.verdict_id is not None and self.verdict.claim_id != self.claim_id:
            raise ValidationError("a publication names a verdict of its own claim")


class NotAClaimAction(models.TextChoices):
    MARKED = "marked", "Marked not a claim"
    RESTORED = "restored", "Restored as a claim"


class NotAClaim(models.Model):
    """An editor setting a sentence aside as not a claim worth checking, or taking
    that back. Append-only like verdicts: the newest row for a claim decides, and
    Claim.not_a_claim mirrors it so the queue and the counts can leave it out."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="not_a_claim_record")
    action = models.CharField(max_length=20, choices=NotAClaimAction)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="not_a_claim_record"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        verbose_name = "not-a-claim decision"
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=NotAClaimAction.values), name="not_a_claim_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.editor} on {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("not-a-claim decisions are append-only; record a new one")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("not-a-claim decisions are append-only and cannot be deleted")


class RemovedClaim(models.Model):
    """A claim re-analysis removed because its sentence left the article (only ever a
    claim nobody had decided). Kept under the claim's old id, so a bookmarked or shared
    link to it can say what happened instead of "not found"."""

    id = models.PositiveBigIntegerField(primary_key=True, help_text="The removed claim's id.")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="removed_claims")
    text = models.TextField()
    removed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-removed_at", "-id"]

    def __str__(self) -> str:
        return f"Removed claim {self.pk}: {self.text[:60]}"
