import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from articles.ids import IdField
from articles.models import Article, Outlet, Story

from .models import Claim, ClaimStatus, Evidence, Kind, Relation, Status, Verdict

YES_NO = [("yes", "Yes"), ("no", "No")]
# The queue's usual order, and what any other order falls back on for ties.
QUEUE_ORDER = ("article__outlet__name", "article__published", "article_id", "start")
CONTRADICTED_FIRST = "contradicted"
# A search is a few words, each matched anywhere in four columns of every claim:
# bounded so that one query string cannot make the database scan for thousands.
SEARCH_MAX_WORDS = 8
SEARCH_MAX_LENGTH = 200
SEARCH_TOO_LONG = (
    f"Search at most {SEARCH_MAX_WORDS} words and {SEARCH_MAX_LENGTH} characters: "
    "every word must appear in the claim, its attribution, headline or outlet, "
    "so a few distinctive words find it."
)


def bounded_search(value: str) -> None:
    if len(value) > SEARCH_MAX_LENGTH or len(value.split()) > SEARCH_MAX_WORDS:
        raise forms.ValidationError(SEARCH_TOO_LONG, code="search_too_long")


class RowIdField(IdField):
    """A row named by its id in the URL (?article=12): the row, or a clear error when
    it is no id or no such row. Nothing lists every row, as a <select> would: the
    queue's template suggests ids by name as the editor types (views.find_rows)."""

    def __init__(self, *, queryset, noun: str, **kwargs):
        self.queryset, self.noun = queryset, noun
        messages = {"invalid": f"Give the {noun}'s id, a whole number (pick one by name)."}
        super().__init__(error_messages=messages, widget=forms.TextInput, **kwargs)

    def clean(self, value):
        number = super().clean(value)
        if number is None:
            return None
        if row := self.queryset.filter(pk=number).first():
            return row
        raise forms.ValidationError(f"There is no {self.noun} with id {number}.", code="unknown")


class RowIdFilter(django_filters.Filter):
    field_class = RowIdField


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

    q = django_filters.CharFilter(method="search", label="Search", validators=[bounded_search])
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
    story = RowIdFilter(
        label="Story",
        field_name="article__story",
        queryset=Story.objects.only("title"),
        noun="story",
    )
    article = RowIdFilter(
        label="Article",
        queryset=Article.objects.select_related("outlet").defer("raw_text", "boilerplate"),
        noun="article",
    )
    kind = django_filters.ChoiceFilter(choices=Kind.choices, empty_label="Any")
    has_contradiction = django_filters.ChoiceFilter(
        label="Contradicted", choices=YES_NO, empty_label="Any", method="contradicted"
    )
    # The newsroom's people who have recorded a verdict: a short list however many
    # claims there are, asked of each user through the index on Verdict.reviewer.
    reviewer = django_filters.ModelChoiceFilter(
        label="Reviewed by",
        queryset=get_user_model().objects.filter(
            Exists(Verdict.objects.filter(reviewer=OuterRef("pk")))
        ),
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
