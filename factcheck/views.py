"""The editors' workbench.

Every GET view renders its page, or only the fragment HTMX asked for (a named
partial of the same template), and says so with Vary: HX-Request. Every screen
works with JavaScript off: links and plain forms sit next to the hx-* attributes.
"""

from dataclasses import dataclass
from functools import wraps
from itertools import groupby
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url, replace_url

from articles.models import Article, Story

from . import exports, lookups, overviews, services
from .filters import CONTRADICTED_FIRST, QUEUE_ORDER, ClaimFilter
from .forms import PublicationForm, VerdictForm
from .highlights import claim_segments, paragraph_around, passage_html
from .matrix import coverage_page
from .models import (
    Claim,
    Evidence,
    NotAClaimAction,
    Publication,
    PublicationAction,
    RemovedClaim,
    Status,
    Verdict,
)
from .public import FactCheck
from .report import report_context
from .summaries import (
    OutletPassages,
    ReviewProgress,
    ShownPassage,
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


def without_empty(params: QueryDict) -> QueryDict:
    """The query without the parameters a form left blank: a URL worth sharing."""
    kept = QueryDict(mutable=True)
    for key, values in params.lists():
        if filled := [value for value in values if value.strip()]:
            kept.setlist(key, filled)
    return kept


def with_query(path: str, params: QueryDict) -> str:
    return f"{path}?{params.urlencode()}" if params else path


def page_params(request: HttpRequest) -> QueryDict:
    """The query of the page the editor is on: the request's own, or for an HTMX call
    (a verdict posted from the queue) the one of the page that made it."""
    if request.htmx and request.htmx.current_url:
        return QueryDict(urlsplit(request.htmx.current_url).query)
    return request.GET


def on_page(request: HttpRequest, name: str) -> bool:
    """Whether an HTMX call came from the page with this URL name."""
    current = request.htmx.current_url_abs_path if request.htmx else None
    return bool(current) and urlsplit(current).path == reverse(name)


# --- Claims whose sentence is gone ------------------------------------------------------


class ClaimGone(Exception):
    """Re-analysis removed the claim: its sentence left the article."""

    def __init__(self, removed: RemovedClaim):
        super().__init__(f"claim {removed.pk} was removed")
        self.removed = removed


def claim_or_gone(claims, claim_id: int) -> Claim:
    """The claim from the queryset; ClaimGone if re-analysis removed it; else 404."""
    if claim := claims.filter(pk=claim_id).first():
        return claim
    removed = RemovedClaim.objects.select_related("article__outlet").filter(pk=claim_id).first()
    if removed is None:
        raise Http404("no such claim")
    raise ClaimGone(removed)


def says_when_a_claim_is_gone(view):
    """A link to a removed claim is answered 410 Gone with a page saying what became of
    it and linking its article, not a bare 404."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ClaimGone as gone:
            context = {"gone": gone.removed}
            return page_or_fragment(request, "factcheck/gone.html", "gone", context, status=410)

    return answer


# --- Stories and articles ---------------------------------------------------------


@require_safe
@login_required
@vary_on_headers("HX-Request")
def story_list(request: HttpRequest) -> TemplateResponse:
    """A page of stories, newest activity first (?page=N), and a page of the articles
    in no story (?unassigned=N)."""
    stories = overviews.page_of(
        overviews.stories_by_activity(), overviews.STORIES_PER_PAGE, request.GET.get("page")
    )
    unassigned = overviews.page_of(
        overviews.unassigned_articles(),
        overviews.UNASSIGNED_PER_PAGE,
        request.GET.get("unassigned"),
    )
    context = {
        "overviews": overviews.story_overviews(stories, unassigned),
        "stories_page": stories,
        "unassigned_page": unassigned,
    }
    return page_or_fragment(request, "factcheck/story_list.html", "stories", context)


# --- Article reader -----------------------------------------------------------------


@require_safe
@login_required
@vary_on_headers("HX-Request")
def article_reader(request: HttpRequest, article_id: int) -> TemplateResponse:
    """The clean text with every claim in place, contradicted ones marked; ?claim=N
    opens that claim's panel; ?order=contradicted makes j/k visit contradicted first."""
    article = get_object_or_404(Article.objects.select_related("outlet", "story"), pk=article_id)
    claims = list(Claim.objects.filter(article=article).for_reader())
    in_text = [claim for claim in claims if not claim.is_missing]
    order = request.GET.get("order", "")
    number_for_navigation(in_text, contradicted_first=order == CONTRADICTED_FIRST)
    context = {
        "article": article,
        "segments": claim_segments(article.body, in_text),
        "missing": [claim for claim in claims if claim.is_missing],
        "progress": ReviewProgress.of_claims(in_text),
        "order": order if order == CONTRADICTED_FIRST else "",
        "can_decide": request.user.has_perm(DECIDE),
    }
    if article.story_id:
        context |= neighbouring_articles(article)
    opened = request.GET.get("claim", "")
    if opened.isdigit() and any(claim.pk == int(opened) for claim in claims):
        claim = Claim.objects.for_panel().get(pk=opened)
        context |= panel_context(request, claim)
    elif opened.isdigit():
        context["gone"] = RemovedClaim.objects.filter(pk=opened, article=article).first()
    return page_or_fragment(request, "factcheck/reader.html", "text", context)


def number_for_navigation(claims: list[Claim], *, contradicted_first: bool) -> None:
    """The order j/k visits an article's claims (nav_rank): reading order, or the
    contradicted ones first. Sentences marked not a claim are skipped (None)."""
    visited = [claim for claim in claims if not claim.not_a_claim]
    if contradicted_first:
        visited.sort(key=lambda claim: not claim.has_contradiction)  # stable: reading order
    ranks = {claim.pk: rank for rank, claim in enumerate(visited)}
    for claim in claims:
        claim.nav_rank = ranks.get(claim.pk)


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
    ("suggested", "Suggested"),
    ("status", "Status"),
    ("evidence", "Evidence"),
    ("decided", "Decided"),
]
ORDERS = [("", "Outlet"), (CONTRADICTED_FIRST, "Contradicted first"), ("kind", "Kind")]


@dataclass(frozen=True)
class SortHeader:
    key: str
    label: str
    url: str
    state: str  # aria-sort: ascending, descending or none


def reordered_params(request: HttpRequest) -> QueryDict:
    """The queue's filters for a link that orders it anew: from the first page, with no
    claim open."""
    params = without_empty(request.GET)
    params.pop("page", None)
    params.pop("claim", None)
    return params


def sort_headers(request: HttpRequest) -> list[SortHeader]:
    """Column headers that sort by their column, or reverse it when it is the current one."""
    current = request.GET.get("o", "")
    headers = []
    for key, label in SORTABLE:
        params = reordered_params(request)
        if current == key:
            params["o"], state = f"-{key}", "ascending"
        elif current == f"-{key}":
            params["o"], state = key, "descending"
        else:
            params["o"], state = key, "none"
        headers.append(SortHeader(key, label, f"?{params.urlencode()}", state))
    return headers


@dataclass(frozen=True)
class OrderLink:
    label: str
    url: str
    current: bool


def order_links(request: HttpRequest) -> list[OrderLink]:
    """The queue's whole-row orders: by outlet (the usual), contradicted first, by kind."""
    current = request.GET.get("o", "")
    links = []
    for key, label in ORDERS:
        params = reordered_params(request)
        params.pop("o", None)
        if key:
            params["o"] = key
        links.append(OrderLink(label, with_query("", params) or "?", current == key))
    return links


def queue_filter(request: HttpRequest) -> ClaimFilter:
    """The queue's claims under the filters and sort order in the query string."""
    queue = Claim.objects.for_queue().order_by(*QUEUE_ORDER)
    return ClaimFilter(request.GET, queryset=queue, request=request)


@require_safe
@login_required
@vary_on_headers("HX-Request")
def claim_queue(request: HttpRequest) -> HttpResponse:
    """The claims under the filters in the URL; ?claim=N opens that claim's panel.

    A URL with blank filters (a plain form submitted without JavaScript) is redirected
    to the same queue without them; with HTMX the clean URL is the one pushed."""
    clean = with_query(request.path, without_empty(request.GET))
    if not request.htmx and clean != request.get_full_path():
        return redirect(clean)
    claims = queue_filter(request)
    page = queue_page(claims.qs, request.GET.get("page"))
    chosen = claims.form.cleaned_data
    context = {
        "filter": claims,
        "page": page,
        "chosen_article": chosen.get("article"),
        "chosen_story": chosen.get("story"),
        "fragment": wants_fragment(request),
        "headers": sort_headers(request),
        "orders": order_links(request),
        "params": page_params(request),
    }
    opened = request.GET.get("claim", "")
    if opened.isdigit() and not wants_fragment(request):
        if claim := Claim.objects.for_panel().filter(pk=opened).first():
            context |= panel_context(request, claim)
        else:
            context["gone"] = RemovedClaim.objects.filter(pk=opened).first()
    status = 200 if claims.form.is_valid() else 400
    response = page_or_fragment(request, "factcheck/queue.html", "results", context, status)
    if wants_fragment(request):
        push_url(response, clean)
    return response


def queue_page(filtered: QuerySet[Claim], number: str | None) -> Page:
    """A page of the queue, in two steps: the database sorts and slices the claims'
    ids alone (with only the columns the order needs), then loads the page's fifty
    claims with their verdicts and evidence counts. So the counts are computed for
    fifty rows, not for every claim the sort passes over."""
    ids = filtered.order_by(*filtered.query.order_by, "pk").values_list("pk", flat=True)
    page = Paginator(ids, CLAIMS_PER_PAGE).get_page(number)
    wanted = list(page.object_list)
    loaded = Claim.objects.for_queue().filter(pk__in=wanted).order_by()
    rows = {claim.pk: claim for claim in loaded}
    page.object_list = [rows[pk] for pk in wanted if pk in rows]
    return page


@require_safe
@login_required
def find_rows(request: HttpRequest, noun: str) -> TemplateResponse:
    """The queue's suggestions for its article or story filter: at most
    lookups.MATCHES_SHOWN rows whose id, or headline, outlet or title, is what was
    typed, as <option>s for the filter's <datalist>."""
    typed = request.GET.get(noun, "")
    find = lookups.articles_matching if noun == "article" else lookups.stories_matching
    context = {"matches": find(typed), "noun": noun}
    return TemplateResponse(request, "factcheck/queue.html#matches", context)


# --- Claim panel and verdicts -------------------------------------------------------


def cited_ids(form: VerdictForm) -> set[int]:
    if form.is_bound:
        return {int(value) for value in form.data.getlist("cited_evidence") if value.isdigit()}
    return {evidence.pk for evidence in form.initial.get("cited_evidence", ())}


@dataclass(frozen=True)
class UnsavedChoice:
    """What an editor asked for when a colleague's verdict got in first: kept to show
    beside theirs, and to send again with one click."""

    status: str
    label: str
    note: str
    note_is_internal: bool
    cited: list[Evidence]


def panel_context(
    request: HttpRequest,
    claim: Claim,
    *,
    form: VerdictForm | None = None,
    recorded: Verdict | None = None,
    conflict: Verdict | None = None,
    unsaved: UnsavedChoice | None = None,
    publication: Publication | None = None,
    set_aside: str = "",
    error: str = "",
) -> dict:
    """What the claim panel shows; claim comes from Claim.objects.for_panel().

    recorded, publication and set_aside say what the editor's action just did; the
    panel shows it at its top and the page announces it (the status region)."""
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
    # A claim whose sentence left the text has no paragraph around it any more.
    paragraph = (
        None if claim.is_missing else paragraph_around(claim.article.body, claim.start, claim.end)
    )
    return {
        "claim": claim,
        "paragraph": paragraph,
        "by_outlet": by_outlet,
        "latest": latest,
        "verdicts": claim.verdicts.all(),
        "decision": claim.not_a_claim_decision(),
        "decisions": claim.not_a_claim_record.all(),
        "form": form,
        "can_decide": request.user.has_perm(DECIDE),
        "can_publish": request.user.has_perm(PUBLISH),
        "recorded": recorded,
        "conflict": conflict,
        "unsaved": unsaved,
        "publication": publication,
        "set_aside": set_aside,
        "error": error,
        "result": result_text(recorded, publication, set_aside),
        **panel_urls(request, claim),
    }


def result_text(recorded: Verdict | None, publication: Publication | None, set_aside: str) -> str:
    """The outcome of the editor's action in one sentence, for the panel and the page's
    status region."""
    if recorded:
        return f"Recorded: {recorded.get_status_display()}."
    if publication and publication.action == PublicationAction.PUBLISHED:
        return f"Published: readers now see the {publication.verdict.get_status_display()} verdict."
    if publication:
        return "Withdrawn: readers no longer see this claim."
    if set_aside == NotAClaimAction.MARKED:
        return "Marked not a claim: it has left the queue and the counts."
    if set_aside == NotAClaimAction.RESTORED:
        return "Restored as a claim: it is pending again."
    return ""


def panel_urls(request: HttpRequest, claim: Claim) -> dict:
    """Where the panel sits: the page with the claim open (next_url, where a plain form
    returns to) and without it (close_url), in the queue or in the article reader."""
    params = without_empty(page_params(request))
    params.pop("claim", None)
    if on_page(request, "claim_queue") or request.resolver_match.url_name == "claim_queue":
        page = reverse("claim_queue")
    else:
        page = reverse("article_reader", args=[claim.article_id])
        order = params.get("order")
        params = QueryDict(mutable=True)
        if order == CONTRADICTED_FIRST:
            params["order"] = order
    opened = params.copy()
    opened["claim"] = str(claim.pk)
    return {"close_url": with_query(page, params), "next_url": with_query(page, opened)}


@require_safe
@login_required
@vary_on_headers("HX-Request")
@says_when_a_claim_is_gone
def claim_panel(request: HttpRequest, claim_id: int) -> TemplateResponse:
    """The claim's panel. Opened from the queue with HTMX, the queue's URL then names
    the claim (?claim=N), so it can be bookmarked and shared."""
    claim = claim_or_gone(Claim.objects.for_panel(), claim_id)
    response = page_or_fragment(
        request, "factcheck/claim.html", "panel", panel_context(request, claim)
    )
    if wants_fragment(request) and on_page(request, "claim_queue"):
        params = without_empty(page_params(request))
        params["claim"] = str(claim.pk)
        replace_url(response, with_query(reverse("claim_queue"), params))
    return response


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
@says_when_a_claim_is_gone
def record_verdict(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Record an editor's verdict from the claim panel.

    With HTMX the answer is the new panel plus out-of-band copies of the claim's
    queue row and highlight (those the page says it shows, in on_page). Without,
    a redirect back to the claim. A verdict recorded by someone else since the form
    was shown is never overwritten: HTTP 409, with their verdict beside the editor's
    unsaved choice and a button to record it after all.
    """
    claim = claim_or_gone(Claim.objects.for_panel(), claim_id)
    form = VerdictForm(request.POST, claim=claim)
    if form.is_valid():
        try:
            verdict = services.record_verdict(
                claim=claim, reviewer=request.user, **form.verdict_arguments()
            )
        except services.VerdictConflict as conflict:
            return decided_meanwhile(request, claim, form, conflict.verdict)
        except ValueError as error:
            form.add_error(None, as_sentence(error))
        else:
            if wants_fragment(request):
                return panel_with_updates(request, claim.pk, recorded=verdict)
            messages.success(
                request, f"Recorded {verdict.get_status_display()}: “{Truncator(claim).chars(80)}”"
            )
            return redirect(back_to(request, claim))
    context = panel_context(request, claim, form=form)
    return page_or_fragment(request, "factcheck/claim.html", "panel", context, status=400)


def back_to(request: HttpRequest, claim: Claim) -> str:
    """After a plain (no JavaScript) post: the page it was posted from (next), with the
    claim open; the article reader if next is missing or leads elsewhere."""
    wanted = request.POST.get("next", "")
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return claim.get_absolute_url()


def decided_meanwhile(
    request: HttpRequest, claim: Claim, form: VerdictForm, newer: Verdict
) -> HttpResponse:
    """409: the colleague's verdict beside the editor's unsaved choice. The form keeps
    what they typed and ticked, now expecting the colleague's verdict, so one click on
    "Record … instead" decides again."""
    data = form.cleaned_data
    unsaved = UnsavedChoice(
        status=data["status"],
        label=Status(data["status"]).label,
        note=data["note"],
        note_is_internal=data["note_is_internal"],
        cited=list(data["cited_evidence"]),
    )
    initial = {**data, "seen_verdict": newer.pk}
    if wants_fragment(request):
        return panel_with_updates(
            request, claim.pk, conflict=newer, unsaved=unsaved, initial=initial, status=409
        )
    claim = Claim.objects.for_panel().get(pk=claim.pk)
    form = VerdictForm(claim=claim, initial=initial)
    context = panel_context(request, claim, form=form, conflict=newer, unsaved=unsaved)
    return TemplateResponse(request, "factcheck/claim.html", context, status=409)


def panel_with_updates(
    request: HttpRequest, claim_id: int, *, initial: dict | None = None, status: int = 200, **shown
) -> HttpResponse:
    """The panel after an action, with out-of-band copies of what else the page shows of
    the claim (its queue row, its highlight and the article's progress) and the outcome
    for the page's status region."""
    claim = Claim.objects.for_panel().get(pk=claim_id)
    form = VerdictForm(claim=claim, initial=initial) if initial else None
    context = panel_context(request, claim, form=form, **shown)
    parts = [render_to_string("factcheck/claim.html#panel", context, request=request)]
    on_page = request.POST.getlist("on_page")
    if "row" in on_page:
        row = Claim.objects.for_queue().get(pk=claim_id)
        context = {"claim": row, "oob": True, "params": page_params(request)}
        parts.append(render_to_string("factcheck/queue.html#row", context, request=request))
    if "mark" in on_page:
        neighbours = list(Claim.objects.filter(article_id=claim.article_id).for_reader())
        in_text = [neighbour for neighbour in neighbours if not neighbour.is_missing]
        order = page_params(request).get("order")
        number_for_navigation(in_text, contradicted_first=order == CONTRADICTED_FIRST)
        segments = claim_segments(claim.article.body, in_text)
        if segment := next((s for s in segments if s.claim and s.claim.pk == claim_id), None):
            context = {"claim": segment.claim, "segment": segment, "oob": True}
            parts.append(render_to_string("factcheck/reader.html#mark", context, request=request))
        context = {"progress": ReviewProgress.of_claims(in_text), "oob": True}
        parts.append(render_to_string("factcheck/reader.html#progress", context, request=request))
    announcement = result_text(
        shown.get("recorded"), shown.get("publication"), shown.get("set_aside", "")
    )
    if shown.get("conflict"):
        announcement = f"Not saved: {shown['conflict'].reviewer} decided this claim meanwhile."
    if announcement:
        parts.append(
            render_to_string(
                "factcheck/components.html#announcement",
                {"announcement": announcement, "oob": True},
            )
        )
    return HttpResponse("".join(parts), status=status)


# --- Not a claim ----------------------------------------------------------------------


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
@says_when_a_claim_is_gone
def mark_not_a_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Set the sentence aside as not a claim: it leaves the queue and the counts."""
    return not_a_claim_decision(request, claim_id, services.mark_not_a_claim)


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
@says_when_a_claim_is_gone
def restore_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Take "not a claim" back: the sentence is a pending claim again."""
    return not_a_claim_decision(request, claim_id, services.restore_claim)


def not_a_claim_decision(request: HttpRequest, claim_id: int, decide) -> HttpResponse:
    claim = claim_or_gone(Claim.objects.for_panel(), claim_id)
    try:
        decision = decide(claim=claim, editor=request.user)
    except ValueError as error:
        context = panel_context(request, claim, error=as_sentence(error))
        return page_or_fragment(request, "factcheck/claim.html", "panel", context, status=400)
    if wants_fragment(request):
        return panel_with_updates(request, claim.pk, set_aside=decision.action)
    messages.success(request, f"{decision.get_action_display()}: “{Truncator(claim).chars(80)}”")
    return redirect(back_to(request, claim))


# --- History --------------------------------------------------------------------------


@require_safe
@login_required
@vary_on_headers("HX-Request")
@says_when_a_claim_is_gone
def claim_history(request: HttpRequest, claim_id: int) -> TemplateResponse:
    claim = claim_or_gone(Claim.objects.with_history(), claim_id)
    context = {
        "claim": claim,
        "verdicts": claim.verdicts.all(),
        "decisions": claim.not_a_claim_record.all(),
    }
    return page_or_fragment(request, "factcheck/history.html", "history", context)


# --- Coverage matrix ------------------------------------------------------------------


@require_safe
@login_required
@vary_on_headers("HX-Request")
def story_coverage(request: HttpRequest, story_id: int) -> TemplateResponse:
    """A page of the story's facts (?page=) against a page of its outlets (?outlets=);
    a page number that is no page's shows the first or the last."""
    story = get_object_or_404(Story, pk=story_id)
    context = coverage_page(story, page=request.GET.get("page"), outlets=request.GET.get("outlets"))
    return page_or_fragment(request, "factcheck/coverage.html", "matrix", context)


# --- Story report -----------------------------------------------------------------------


@require_safe
@login_required
def story_report(request: HttpRequest, story_id: int) -> TemplateResponse:
    """The printable story report, a page of claims at a time (?page=; see report.py):
    each claim with its verdicts and notes (internal ones included, and marked), the
    passages cited, the facts they state, and the whole story's counts. ?decided=only
    lists only decided claims (the counts stay whole). Sentences marked not a claim
    are left out."""
    story = get_object_or_404(Story, pk=story_id)
    context = report_context(
        story,
        decided_only=request.GET.get("decided") == "only",
        page=request.GET.get("page"),
        outlets=request.GET.get("outlets"),
        public_url=lambda claim: request.build_absolute_uri(
            reverse("public_claim", args=[claim.pk])
        ),
    )
    context["generated_at"] = timezone.now()
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
@says_when_a_claim_is_gone
def claim_publication(request: HttpRequest, claim_id: int) -> TemplateResponse:
    """What readers see of a claim, its publication record, and for editors the
    confirmation step of publishing or withdrawing it."""
    claim = claim_or_gone(Claim.objects.for_panel(), claim_id)
    context = publication_context(request, claim)
    return page_or_fragment(request, "factcheck/publication.html", "publication", context)


@require_POST
@login_required
@permission_required(PUBLISH, raise_exception=True)
@says_when_a_claim_is_gone
def publish_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Publish the verdict the editor confirmed; a newer one recorded meanwhile is 409."""
    claim = claim_or_gone(Claim.objects.for_panel(), claim_id)
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
@says_when_a_claim_is_gone
def withdraw_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = claim_or_gone(Claim.objects.for_panel(), claim_id)
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
    """With HTMX the claim panel, saying what happened at its top (and to the page's
    status region); without, back to the claim with a message."""
    if wants_fragment(request):
        return panel_with_updates(request, claim_id, publication=publication)
    claim = Claim.objects.get(pk=claim_id)
    messages.success(request, f"{publication.get_action_display()}: “{Truncator(claim).chars(80)}”")
    return redirect(back_to(request, claim))


# --- Exports ----------------------------------------------------------------------------

EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@require_safe
@login_required
def export_claims(request: HttpRequest, format: str, internal: bool = False) -> HttpResponse:
    """The queue's claims, under its filters and in its order, as CSV or JSON; the
    internal export adds internal notes (the desk export carries public notes only).

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
    base_url = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        write(filtered, ordering, internal=internal, base_url=base_url),
        content_type=EXPORT_TYPES[format],
    )
    kind = "claims-internal" if internal else "claims"
    filename = f"{kind}-{timezone.localtime():%Y-%m-%d-%H%M}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
