"""Importing in the browser: paste an article or upload files, then follow the batch.

Plain forms that work without JavaScript; HTMX only polls a batch's analysis
progress (the batch page's "progress" partial) and posts Retry in place.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from . import services
from .forms import (
    ArticleFilesForm,
    OutletMergeForm,
    OutletRenameForm,
    OutletSearchForm,
    PastedArticleForm,
)
from .models import BatchFile, ImportBatch, Outlet

IMPORT = "articles.add_article"
MANAGE_OUTLETS = "articles.change_outlet"
RECENT_BATCHES = 10
OUTLETS_A_PAGE = 50
RECENT_ARTICLES = 10


def wants_fragment(request: HttpRequest) -> bool:
    """An HTMX request for part of a page (a history restore wants the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_safe
@login_required
@permission_required(IMPORT, raise_exception=True)
def import_page(request: HttpRequest) -> TemplateResponse:
    return import_page_response(request)


def import_page_response(
    request: HttpRequest,
    *,
    paste_form: PastedArticleForm | None = None,
    files_form: ArticleFilesForm | None = None,
    status: int = 200,
) -> TemplateResponse:
    # Meta.ordering does not apply to a query with an aggregate: say it again here.
    recent = (
        ImportBatch.objects.select_related("editor")
        .annotate(file_count=Count("files"))
        .order_by("-created_at", "-id")
    )
    context = {
        "paste_form": paste_form or PastedArticleForm(),
        "files_form": files_form or ArticleFilesForm(),
        "recent_batches": recent[:RECENT_BATCHES],
        "max_files": settings.IMPORT_MAX_FILES,
        "max_bytes": settings.ARTICLE_MAX_BYTES,
    }
    return TemplateResponse(request, "articles/import.html", context, status=status)


@require_POST
@login_required
@permission_required(IMPORT, raise_exception=True)
def import_pasted(request: HttpRequest) -> HttpResponse:
    form = PastedArticleForm(request.POST)
    if not form.is_valid():
        return import_page_response(request, paste_form=form, status=400)
    batch = services.import_pasted_text(editor=request.user, **form.article_arguments())
    if batch.nothing_imported:
        form.add_error("text", batch.files.get().message)
        return import_page_response(request, paste_form=form, status=400)
    return redirect(batch)


@require_POST
@login_required
@permission_required(IMPORT, raise_exception=True)
def import_files(request: HttpRequest) -> HttpResponse:
    """Every file is imported or refused on its own; only when none made it is it a 400."""
    form = ArticleFilesForm(request.POST, request.FILES)
    if not form.is_valid():
        return import_page_response(request, files_form=form, status=400)
    batch = services.import_files(files=form.cleaned_data["files"], editor=request.user)
    if batch.nothing_imported:
        for file in batch.files.all():
            form.add_error("files", f"{file.name}: {file.message}")
        return import_page_response(request, files_form=form, status=400)
    return redirect(batch)


def batch_context(batch: ImportBatch, **extra) -> dict:
    files = list(batch.files.select_related("article__outlet", "article__story"))
    return {
        "batch": batch,
        "files": files,
        "new_articles": sum(file.outcome == BatchFile.Outcome.IMPORTED for file in files),
        "unchanged": sum(file.outcome == BatchFile.Outcome.UNCHANGED for file in files),
        "progress": batch.analysis(),
        **extra,
    }


@require_safe
@login_required
@permission_required(IMPORT, raise_exception=True)
@vary_on_headers("HX-Request")
def import_batch(request: HttpRequest, batch_id: int) -> TemplateResponse:
    """What became of each file, and the analysis: polled by HTMX until it ends."""
    batch = get_object_or_404(ImportBatch.objects.select_related("editor"), pk=batch_id)
    return batch_response(request, batch_context(batch))


def batch_response(request: HttpRequest, context: dict, status: int = 200) -> TemplateResponse:
    template = "articles/batch.html#progress" if wants_fragment(request) else "articles/batch.html"
    return TemplateResponse(request, template, context, status=status)


@require_POST
@login_required
@permission_required(IMPORT, raise_exception=True)
def run_analysis_again(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Queue the batch's analysis again after it failed or lost its worker."""
    batch = get_object_or_404(ImportBatch.objects.select_related("editor"), pk=batch_id)
    if not services.run_analysis_again(batch=batch):
        notice = "The analysis is queued, running or done: there is nothing to run again."
        return batch_response(request, batch_context(batch, notice=notice), status=409)
    batch.refresh_from_db()
    if wants_fragment(request):
        return batch_response(request, batch_context(batch))
    messages.success(request, "Analysis queued again.")
    return redirect(batch)


# --- Outlets: one name, its domains and aliases; renamed and merged by editors ----------


@require_safe
@login_required
@permission_required(MANAGE_OUTLETS, raise_exception=True)
def outlet_list(request: HttpRequest) -> TemplateResponse:
    search = OutletSearchForm(request.GET)
    outlets = Outlet.objects.annotate(article_count=Count("articles", distinct=True))
    if search.is_valid() and (words := search.cleaned_data["q"].split()):
        for word in words[:10]:
            outlets = outlets.filter(
                Q(name__icontains=word)
                | Q(aliases__name__icontains=word)
                | Q(domains__domain__icontains=word)
            )
        outlets = outlets.distinct()
    outlets = outlets.prefetch_related("domains", "aliases").order_by("-is_unknown", "name")
    page = Paginator(outlets, OUTLETS_A_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "search": search, "query": request.GET.get("q", "")[:200]}
    return TemplateResponse(request, "articles/outlets.html", context)


def outlet_response(
    request: HttpRequest,
    outlet: Outlet,
    *,
    rename_form: OutletRenameForm | None = None,
    merge_form: OutletMergeForm | None = None,
    status: int = 200,
) -> TemplateResponse:
    context = {
        "outlet": outlet,
        "article_count": outlet.articles.count(),
        "articles": outlet.articles.select_related("outlet").order_by("-imported_at", "-pk")[
            :RECENT_ARTICLES
        ],
        "rename_form": rename_form or OutletRenameForm(initial={"name": outlet.name}),
        "merge_form": merge_form or OutletMergeForm(),
    }
    return TemplateResponse(request, "articles/outlet.html", context, status=status)


@require_safe
@login_required
@permission_required(MANAGE_OUTLETS, raise_exception=True)
def outlet_detail(request: HttpRequest, outlet_id: int) -> TemplateResponse:
    outlet = get_object_or_404(Outlet.objects.prefetch_related("domains", "aliases"), pk=outlet_id)
    return outlet_response(request, outlet)


@require_POST
@login_required
@permission_required(MANAGE_OUTLETS, raise_exception=True)
def rename_outlet(request: HttpRequest, outlet_id: int) -> HttpResponse:
    outlet = get_object_or_404(Outlet, pk=outlet_id)
    form = OutletRenameForm(request.POST)
    if form.is_valid():
        old = outlet.name
        try:
            services.rename_outlet(outlet=outlet, name=form.cleaned_data["name"])
        except services.OutletChangeRefused as refused:
            form.add_error("name", str(refused))
        else:
            messages.success(request, f"“{old}” is now “{outlet.name}”.")
            return redirect(outlet)
    outlet.refresh_from_db()
    return outlet_response(request, outlet, rename_form=form, status=400)


@require_POST
@login_required
@permission_required(MANAGE_OUTLETS, raise_exception=True)
def merge_outlet(request: HttpRequest, outlet_id: int) -> HttpResponse:
    outlet = get_object_or_404(Outlet, pk=outlet_id)
    form = OutletMergeForm(request.POST)
    if form.is_valid():
        into = form.cleaned_data["into"]
        if into.pk == outlet.pk:
            form.add_error("into", "That is this outlet: name another one.")
        else:
            try:
                services.merge_outlets(into=into, outlets=[outlet])
            except services.OutletChangeRefused as refused:
                form.add_error("into", str(refused))
            else:
                messages.success(request, f"“{outlet.name}” is merged into “{into.name}”.")
                return redirect(into)
    return outlet_response(request, outlet, merge_form=form, status=400)
