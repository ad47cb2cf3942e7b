"""The editors' workbench.

Every GET view renders its page, or only the fragment HTMX asked for (a named
partial of the same template), and says so with Vary: HX-Request. Every screen
works with JavaScript off: links and plain forms sit next to the hx-* attributes.
"""

from dataclasses import dataclass
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from articles.models import Article, Story

from . import exports, services
from .filters import ClaimFilter
from .forms import PublicationForm, VerdictForm
from .highlights import claim_segments, paragraph_around, passage_html
from .models import Claim, Evidence, Publication, Verdict
from .public import FactCheck
from .summaries import (
    OutletPassages,
    ReportedArticle,
    ReportedClaim,
    ReviewProgress,
    ShownPassage,
    StoryOverview,
    claim_counts,
    coverage_context,
    outlet_counts,
)

DECIDE = "factcheck.add_verdict"
PUBLISH = "factcheck.add_publication"
CLAIMS_PER_PAGE = 50


def wants_fragment(request: HttpRequest) -> bool:
    """An HTMX request for part of a page (a history restore wants the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def page_or_fragment(
    request: HttpRequest, template: str, fragment: str, context: dict, status: int = 200
) -> TemplateResponse:
    name = f"{template}#{fragment}" if wants_fragment(request) else template
    return TemplateResponse(request, name, context, status=status)


# --- Stories and articles ---------------------------------------------------------


@require_safe
@login_required
@vary_on_headers("HX-Request")
def story_list(request: HttpRequest) -> TemplateResponse:
    articles = (
        Article.objects.select_related("outlet")
        .annotate(**claim_counts())
        .order_by("published", "outlet__name", "pk")
    )
    stories = Story.objects.prefetch_related(Prefetch("articles", queryset=articles))
    overviews = [StoryOverview(story, list(story.articles.all())) for story in stories]
    unassigned = list(articles.filter(story=None))
    if unassigned:
        overviews.append(StoryOverview(None, unassigned))
    return page_or_fragment(
        request, "factcheck/story_list.html", "stories", {"overviews": overviews}
    )


# --- Article reader -----------------------------------------------------------------


@require_safe
@login_required
@vary_on_headers("HX-Request")
def article_reader(request: HttpRequest, article_id: int) -> TemplateResponse:
    """The clean text with every claim in place; ?claim=N opens that claim's panel."""
    article = get_object_or_404(Article.objects.select_related("outlet", "story"), pk=article_id)
    claims = list(Claim.objects.filter(article=article).for_reader())
    context = {
        "article": article,
        "segments": claim_segments(article.body, claims),
        "progress": ReviewProgress.of_claims(claims),
        "can_decide": request.user.has_perm(DECIDE),
    }
    if article.story_id:
        context |= neighbouring_articles(article)
    opened = request.GET.get("claim", "")
    if opened.isdigit() and any(claim.pk == int(opened) for claim in claims):
        claim = Claim.objects.for_panel().get(pk=opened)
        context |= panel_context(request, claim)
    return page_or_fragment(request, "factcheck/reader.html", "text", context)


def neighbouring_articles(article: Article) -> dict:
    """The story's articles before and after this one, in the story list's order."""
    story = list(
        Article.objects.filter(story_id=article.story_id)
        .select_related("outlet")
        .only("published", "outlet__name")
        .order_by("published", "outlet__name", "pk")
    )
    index = story.index(article)
    return {
        "previous_article": story[index - 1] if index > 0 else None,
        "next_article": story[index + 1] if index + 1 < len(story) else None,
    }


# --- Claim queue --------------------------------------------------------------------

SORTABLE = [
    ("claim", "Claim"),
    ("outlet", "Outlet"),
    ("kind", "Kind"),
    ("suggested", "Suggested"),
    ("status", "Status"),
    ("evidence", "Evidence"),
    ("decided", "Decided"),
]


@dataclass(frozen=True)
class SortHeader:
    label: str
    url: str
    state: str  # aria-sort: ascending, descending or none


def sort_headers(request: HttpRequest) -> list[SortHeader]:
    """Column headers that sort by their column, or reverse it when it is the current one."""
    current = request.GET.get("o", "")
    headers = []
    for key, label in SORTABLE:
        params = request.GET.copy()
        params.pop("page", None)
        if current == key:
            params["o"], state = f"-{key}", "ascending"
        elif current == f"-{key}":
            params["o"], state = key, "descending"
        else:
            params["o"], state = key, "none"
        headers.append(SortHeader(label, f"?{params.urlencode()}", state))
    return headers


def queue_filter(request: HttpRequest) -> ClaimFilter:
    """The queue's claims under the filters and sort order in the query string."""
    queue = Claim.objects.for_queue().order_by(
        "article__outlet__name", "article__published", "article_id", "start"
    )
    return ClaimFilter(request.GET, queryset=queue, request=request)


@require_safe
@login_required
@vary_on_headers("HX-Request")
def claim_queue(request: HttpRequest) -> TemplateResponse:
    claims = queue_filter(request)
    filtered = claims.qs
    page = Paginator(filtered.order_by(*filtered.query.order_by, "pk"), CLAIMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"filter": claims, "page": page, "headers": sort_headers(request)}
    status = 200 if claims.form.is_valid() else 400
    return page_or_fragment(request, "factcheck/queue.html", "results", context, status)


# --- Claim panel and verdicts -------------------------------------------------------


def cited_ids(form: VerdictForm) -> set[int]:
    if form.is_bound:
        return {int(value) for value in form.data.getlist("cited_evidence") if value.isdigit()}
    return {evidence.pk for evidence in form.initial.get("cited_evidence", ())}


def panel_context(
    request: HttpRequest,
    claim: Claim,
    *,
    form: VerdictForm | None = None,
    recorded: Verdict | None = None,
    conflict: Verdict | None = None,
    publication: Publication | None = None,
) -> dict:
    """What the claim panel shows; claim comes from Claim.objects.for_panel()."""
    latest = claim.latest_verdict()
    if form is None:
        form = VerdictForm(claim=claim, initial={"seen_verdict": latest.pk if latest else None})
    cited = cited_ids(form)
    passages = [
        ShownPassage(
            evidence, passage_html(evidence.text, evidence.highlights), evidence.pk in cited
        )
        for evidence in claim.evidence.all()
    ]
    by_outlet = [
        OutletPassages(group[0].evidence.article.outlet_label, group)
        for _, shown in groupby(passages, key=lambda shown: shown.evidence.article.source_key)
        for group in [list(shown)]
    ]
    return {
        "claim": claim,
        "paragraph": paragraph_around(claim.article.body, claim.start, claim.end),
        "by_outlet": by_outlet,
        "latest": latest,
        "verdicts": claim.verdicts.all(),
        "form": form,
        "can_decide": request.user.has_perm(DECIDE),
        "can_publish": request.user.has_perm(PUBLISH),
        "recorded": recorded,
        "conflict": conflict,
        "publication": publication,
    }


@require_safe
@login_required
@vary_on_headers("HX-Request")
def claim_panel(request: HttpRequest, claim_id: int) -> TemplateResponse:
    claim = get_object_or_404(Claim.objects.for_panel(), pk=claim_id)
    return page_or_fragment(request, "factcheck/claim.html", "panel", panel_context(request, claim))


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
def record_verdict(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Record an editor's verdict from the claim panel.

    With HTMX the answer is the new panel plus out-of-band copies of the claim's
    queue row and highlight (those the page says it shows, in on_page). Without,
    a redirect back to the reader. A verdict recorded by someone else since the
    form was shown is never overwritten: HTTP 409 and that verdict, or a message.
    """
    claim = get_object_or_404(Claim.objects.for_panel(), pk=claim_id)
    form = VerdictForm(request.POST, claim=claim)
    if form.is_valid():
        try:
            verdict = services.record_verdict(
                claim=claim, reviewer=request.user, **form.verdict_arguments()
            )
        except services.VerdictConflict as conflict:
            return decided_meanwhile(request, claim, form, conflict.verdict)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            if wants_fragment(request):
                return panel_with_updates(request, claim.pk, recorded=verdict)
            messages.success(
                request, f"Recorded {verdict.get_status_display()}: “{Truncator(claim).chars(80)}”"
            )
            return redirect(claim.get_absolute_url())
    context = panel_context(request, claim, form=form)
    return page_or_fragment(request, "factcheck/claim.html", "panel", context, status=400)


def decided_meanwhile(
    request: HttpRequest, claim: Claim, form: VerdictForm, newer: Verdict
) -> HttpResponse:
    if wants_fragment(request):
        # Keep what the editor typed and ticked; only what they saw is brought up to date.
        initial = {**form.cleaned_data, "seen_verdict": newer.pk}
        return panel_with_updates(request, claim.pk, conflict=newer, initial=initial, status=409)
    text = (
        f"{newer.reviewer} decided this claim meanwhile: {newer.get_status_display()}. "
        "Your decision was not saved; review their verdict and decide again."
    )
    if note := form.cleaned_data["note"]:
        text += f" Your note was: “{note}”"
    messages.warning(request, text)
    return redirect(claim.get_absolute_url())


def panel_with_updates(
    request: HttpRequest, claim_id: int, *, initial: dict | None = None, status: int = 200, **shown
) -> HttpResponse:
    claim = Claim.objects.for_panel().get(pk=claim_id)
    form = VerdictForm(claim=claim, initial=initial) if initial else None
    parts = [
        render_to_string(
            "factcheck/claim.html#panel",
            panel_context(request, claim, form=form, **shown),
            request=request,
        )
    ]
    on_page = request.POST.getlist("on_page")
    if "row" in on_page:
        row = Claim.objects.for_queue().get(pk=claim_id)
        context = {"claim": row, "oob": True}
        parts.append(render_to_string("factcheck/queue.html#row", context, request=request))
    if "mark" in on_page:
        neighbours = list(Claim.objects.filter(article_id=claim.article_id).for_reader())
        segments = claim_segments(claim.article.body, neighbours)
        segment = next(segment for segment in segments if segment.claim == claim)
        context = {"claim": segment.claim, "segment": segment, "oob": True}
        parts.append(render_to_string("factcheck/reader.html#mark", context, request=request))
        context = {"progress": ReviewProgress.of_claims(neighbours), "oob": True}
        parts.append(render_to_string("factcheck/reader.html#progress", context, request=request))
    return HttpResponse("".join(parts), status=status)


# --- History --------------------------------------------------------------------------


@require_safe
@login_required
@vary_on_headers("HX-Request")
def claim_history(request: HttpRequest, claim_id: int) -> TemplateResponse:
    claim = get_object_or_404(Claim.objects.with_history(), pk=claim_id)
    context = {"claim": claim, "verdicts": claim.verdicts.all()}
    return page_or_fragment(request, "factcheck/history.html", "history", context)


# --- Coverage matrix ------------------------------------------------------------------


@require_safe
@login_required
@vary_on_headers("HX-Request")
def story_coverage(request: HttpRequest, story_id: int) -> TemplateResponse:
    story = get_object_or_404(Story, pk=story_id)
    articles = list(story.articles.select_related("outlet").order_by("published", "pk"))
    claims = list(
        Claim.objects.for_story(story)
        .select_related("article__outlet")
        .order_by("article__published", "article_id", "start", "pk")
    )
    passages = list(
        Evidence.objects.filter(claim__article__story=story).select_related("article__outlet")
    )
    context = coverage_context(story, articles, claims, passages)
    return page_or_fragment(request, "factcheck/coverage.html", "matrix", context)


# --- Story report -----------------------------------------------------------------------


@require_safe
@login_required
def story_report(request: HttpRequest, story_id: int) -> TemplateResponse:
    """One printable page for a story: every claim with its verdicts and notes (internal
    ones included, and marked), the passages cited, the coverage matrix and counts."""
    story = get_object_or_404(Story, pk=story_id)
    articles = list(
        story.articles.select_related("outlet").order_by("published", "outlet__name", "pk")
    )
    claims = list(Claim.objects.for_story(story).for_report())
    passages = [passage for claim in claims for passage in claim.evidence.all()]
    by_article: dict[int, list[ReportedClaim]] = {article.pk: [] for article in articles}
    for claim in claims:
        url = (
            request.build_absolute_uri(reverse("public_claim", args=[claim.pk]))
            if claim.is_published
            else ""
        )
        by_article[claim.article_id].append(ReportedClaim(claim, url))
    context = coverage_context(story, articles, claims, passages) | {
        "articles": [ReportedArticle(a, by_article[a.pk]) for a in articles],
        "progress": ReviewProgress.of_claims(claims),
        "by_outlet": outlet_counts(articles, claims),
        "published": sum(claim.is_published for claim in claims),
        "generated_at": timezone.now(),
    }
    return TemplateResponse(request, "factcheck/report.html", context)


# --- Publishing -------------------------------------------------------------------------


def publication_context(
    request: HttpRequest, claim: Claim, *, error: str = "", conflict: Verdict | None = None
) -> dict:
    """The publication page: claim comes from Claim.objects.for_panel()."""
    latest = claim.latest_verdict()
    published = claim.published_verdict()
    return {
        "claim": claim,
        "latest": latest,
        "published": published,
        "preview": FactCheck(claim=claim, verdict=latest) if latest else None,
        "public": FactCheck(claim=claim, verdict=published) if published else None,
        "can_publish": request.user.has_perm(PUBLISH),
        "may_publish": latest is not None and not claim.published_verdict_is_newest,
        "publications": claim.publications.select_related("editor", "verdict"),
        "error": error,
        "conflict": conflict,
    }


@require_safe
@login_required
@vary_on_headers("HX-Request")
def claim_publication(request: HttpRequest, claim_id: int) -> TemplateResponse:
    """What readers see of a claim, its publication record, and for editors the
    confirmation step of publishing or withdrawing it."""
    claim = get_object_or_404(Claim.objects.for_panel(), pk=claim_id)
    context = publication_context(request, claim)
    return page_or_fragment(request, "factcheck/publication.html", "publication", context)


@require_POST
@login_required
@permission_required(PUBLISH, raise_exception=True)
def publish_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Publish the verdict the editor confirmed; a newer one recorded meanwhile is 409."""
    claim = get_object_or_404(Claim.objects.for_panel(), pk=claim_id)
    form = PublicationForm(request.POST)
    if not form.is_valid():
        return refused(request, claim, error="Say which verdict to publish.")
    try:
        publication = services.publish_claim(
            claim=claim, editor=request.user, verdict_id=form.cleaned_data["verdict"]
        )
    except services.PublicationConflict as conflict:
        return refused(request, claim, conflict=conflict.verdict, status=409)
    except ValueError as error:
        return refused(request, claim, error=as_sentence(error))
    return published_or_withdrawn(request, claim.pk, publication)


@require_POST
@login_required
@permission_required(PUBLISH, raise_exception=True)
def withdraw_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.for_panel(), pk=claim_id)
    try:
        publication = services.withdraw_claim(claim=claim, editor=request.user)
    except ValueError as error:
        return refused(request, claim, error=as_sentence(error))
    return published_or_withdrawn(request, claim.pk, publication)


def as_sentence(error: Exception) -> str:
    text = str(error)
    return f"{text[:1].upper()}{text[1:]}."


def refused(
    request: HttpRequest,
    claim: Claim,
    *,
    error: str = "",
    conflict: Verdict | None = None,
    status: int = 400,
) -> TemplateResponse:
    context = publication_context(request, claim, error=error, conflict=conflict)
    return page_or_fragment(
        request, "factcheck/publication.html", "publication", context, status=status
    )


def published_or_withdrawn(
    request: HttpRequest, claim_id: int, publication: Publication
) -> HttpResponse:
    """With HTMX the claim panel, saying what happened; without, back to the reader."""
    claim = Claim.objects.for_panel().get(pk=claim_id)
    if wants_fragment(request):
        context = panel_context(request, claim, publication=publication)
        return TemplateResponse(request, "factcheck/claim.html#panel", context)
    messages.success(request, f"{publication.get_action_display()}: “{Truncator(claim).chars(80)}”")
    return redirect(claim.get_absolute_url())


# --- Exports ----------------------------------------------------------------------------

EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@require_safe
@login_required
def export_claims(request: HttpRequest, format: str) -> HttpResponse:
    """The queue's claims, under its filters and in its order, as CSV or JSON.

    Streamed from database iterators a chunk at a time, so the export of a
    hundred thousand claims holds a chunk in memory, never all of them. A filter
    the queue does not understand is refused (400) rather than ignored: an export
    must not quietly hold more than was asked for.
    """
    claims = queue_filter(request)
    if not claims.form.is_valid():
        problems = "; ".join(
            f"{claims.form[name].label}: {' '.join(errors)}"
            for name, errors in claims.form.errors.items()
        )
        return HttpResponseBadRequest(
            f"Nothing was exported: some filters were not understood. {problems}\n",
            content_type="text/plain; charset=utf-8",
        )
    filtered = claims.qs
    ordering = (*filtered.query.order_by, "pk")
    write = exports.csv_lines if format == "csv" else exports.json_document
    response = StreamingHttpResponse(write(filtered, ordering), content_type=EXPORT_TYPES[format])
    filename = f"claims-{timezone.localtime():%Y-%m-%d-%H%M}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
