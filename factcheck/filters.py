import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from articles.models import Article, Outlet, Story

from .models import Claim, ClaimStatus, Evidence, Kind, Relation, Status, Verdict

YES_NO = [("yes", "Yes"), ("no", "No")]
# The queue's usual order, and what any other order falls back on for ties.
QUEUE_ORDER = ("article__outlet__name", "article__published", "article_id", "start")
CONTRADICTED_FIRST = "contradicted"


class QueueOrdering(django_filters.OrderingFilter):
    """A column's order (its name, or -name reversed), or "contradicted": the claims
    other outlets contradict most first. Ties keep the queue's usual order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra["choices"] = [*self.extra["choices"], (CONTRADICTED_FIRST, "Contradicted first")]

    def get_ordering_value(self, param):
        if param == CONTRADICTED_FIRST:
            return "-contradiction_count"
        return super().get_ordering_value(param)

    def filter(self, qs, value):
        ordered = super().filter(qs, value)
        return ordered.order_by(*ordered.query.order_by, *QUEUE_ORDER) if value else ordered


class ClaimFilter(django_filters.FilterSet):
    """The claim queue's filters; every value lives in the URL so a queue can be shared."""

    q = django_filters.CharFilter(method="search", label="Search")
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices, empty_label="Any")
    suggested_status = django_filters.ChoiceFilter(
        label="Suggested", choices=Status.choices, empty_label="Any"
    )
    outlet = django_filters.ModelChoiceFilter(
        label="Outlet",
        field_name="article__outlet",
        queryset=Outlet.objects.all(),
        empty_label="Any",
    )
    story = django_filters.ModelChoiceFilter(
        label="Story", field_name="article__story", queryset=Story.objects.all(), empty_label="Any"
    )
    article = django_filters.ModelChoiceFilter(
        queryset=Article.objects.select_related("outlet"), empty_label="Any"
    )
    kind = django_filters.ChoiceFilter(choices=Kind.choices, empty_label="Any")
    has_contradiction = django_filters.ChoiceFilter(
        label="Contradicted", choices=YES_NO, empty_label="Any", method="contradicted"
    )
    reviewer = django_filters.ModelChoiceFilter(
        label="Reviewed by",
        queryset=get_user_model().objects.filter(verdicts__isnull=False).distinct(),
        empty_label="Anyone",
        method="reviewed_by",
    )
    not_a_claim = django_filters.ChoiceFilter(
        label="Not a claim",
        choices=[("yes", "Only these")],
        empty_label="Hidden",
        method="set_aside",
    )
    o = QueueOrdering(
        fields=[
            ("text", "claim"),
            ("article__outlet__name", "outlet"),
            ("kind", "kind"),
            ("suggested_status", "suggested"),
            ("status", "status"),
            ("evidence_count", "evidence"),
            ("decided_at", "decided"),
        ]
    )

    class Meta:
        model = Claim
        fields = []

    def filter_queryset(self, queryset):
        """Sentences an editor marked "not a claim" stay out unless asked for."""
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("not_a_claim") != "yes":
            queryset = queryset.filter(not_a_claim=False)
        return queryset

    def set_aside(self, queryset, name, value):
        return queryset.filter(not_a_claim=True)

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(text__icontains=word)
                | Q(attribution__icontains=word)
                | Q(article__headline__icontains=word)
                | Q(article__outlet__name__icontains=word)
            )
        return queryset

    def contradicted(self, queryset, name, value):
        contradiction = Exists(
            Evidence.objects.filter(claim=OuterRef("pk"), relation=Relation.CONTRADICTS)
        )
        return queryset.filter(contradiction if value == "yes" else ~contradiction)

    def reviewed_by(self, queryset, name, value):
        return queryset.filter(Exists(Verdict.objects.filter(claim=OuterRef("pk"), reviewer=value)))
