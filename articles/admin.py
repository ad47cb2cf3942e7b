from django.contrib import admin
from django.db.models import Count

from .forms import ArticleAdminForm
from .models import Article, BatchFile, ImportBatch, Outlet, Story


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "article_count", "is_unknown"]
    list_filter = ["is_unknown"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, outlet):
        return outlet.article_count


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record of what happened: shown, never edited."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """Rows listed under their parent, changed only on their own pages (if at all)."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StoryArticleInline(ReadOnlyInline):
    model = Article
    fields = ["outlet", "published", "headline", "source"]
    readonly_fields = fields


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "article_count", "created_at"]
    search_fields = ["title"]
    inlines = [StoryArticleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, story):
        return story.article_count


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm  # saving unchanged text rewrites nothing (no CRLF line breaks)
    list_display = ["label", "outlet", "published", "dateline", "story", "source", "imported_at"]
    list_filter = ["outlet", "story", "published", "imported_at"]
    list_select_related = ["outlet", "story"]
    search_fields = ["headline", "body", "source", "dateline"]
    date_hierarchy = "imported_at"
    autocomplete_fields = ["outlet", "story"]
    readonly_fields = ["raw_text", "boilerplate", "content_hash", "imported_at", "analyzed_at"]
    fieldsets = [
        (None, {"fields": ["outlet", "story", "story_locked", "headline", "dateline"]}),
        ("Publication", {"fields": ["published", "author", "url", "source"]}),
        ("Text", {"fields": ["body", "raw_text", "boilerplate"]}),
        ("Provenance", {"fields": ["content_hash", "imported_at", "analyzed_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        if "story" in form.changed_data:
            obj.story_locked = True  # an editor's grouping outranks the automatic one
        super().save_model(request, obj, form, change)


class BatchFileInline(ReadOnlyInline):
    model = BatchFile
    fields = ["position", "name", "outcome", "message", "article"]
    readonly_fields = fields
    show_change_link = False


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "editor", "created_at", "file_count", "analysis_task_id"]
    list_filter = ["created_at"]
    list_select_related = ["editor"]
    date_hierarchy = "created_at"
    fields = ["editor", "created_at", "analysis_task_id", "analysis_backend"]
    readonly_fields = fields
    inlines = [BatchFileInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(file_count=Count("files"))

    @admin.display(description="files", ordering="file_count")
    def file_count(self, batch):
        return batch.file_count
