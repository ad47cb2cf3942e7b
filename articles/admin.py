from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse

from . import services
from .forms import ArticleAdminForm
from .models import Article, BatchFile, ImportBatch, Outlet, OutletAlias, OutletDomain, Story


class OutletDomainInline(admin.TabularInline):
    model = OutletDomain
    extra = 1


class OutletAliasInline(admin.TabularInline):
    model = OutletAlias
    extra = 1
    fields = ["name"]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain_list", "article_count", "is_unknown"]
    list_filter = ["is_unknown"]
    search_fields = ["name", "aliases__name", "domains__domain"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OutletDomainInline, OutletAliasInline]
    actions = ["merge_outlets"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("articles", distinct=True))
            .prefetch_related("domains")
        )

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, outlet):
        return outlet.article_count

    @admin.display(description="domains")
    def domain_list(self, outlet):
        return ", ".join(domain.domain for domain in outlet.domains.all())

    def save_model(self, request, obj, form, change):
        """A renamed outlet keeps its old name as an alias (see services.rename_outlet)."""
        if change and "name" in form.changed_data:
            new_name = obj.name
            obj.name = form.initial["name"]
            try:
                services.rename_outlet(outlet=obj, name=new_name)
            except services.OutletChangeRefused as refused:
                obj.name = form.initial["name"]
                self.message_user(request, f"Not renamed: {refused}", messages.ERROR)
            form.changed_data.remove("name")
        super().save_model(request, obj, form, change)

    @admin.action(description="Merge the selected outlets into one", permissions=["change"])
    def merge_outlets(self, request, queryset):
        """Asks which of the selected outlets keeps its name, then folds the others into it."""
        outlets = list(queryset.order_by("name"))
        if len(outlets) < 2:
            self.message_user(request, "Select at least two outlets to merge.", messages.WARNING)
            return None
        chosen = request.POST.get("into")
        if chosen:
            into = next((outlet for outlet in outlets if str(outlet.pk) == chosen), None)
            if into is None:
                self.message_user(request, "Choose one of the selected outlets.", messages.ERROR)
                return None
            try:
                services.merge_outlets(into=into, outlets=outlets)
            except services.OutletChangeRefused as refused:
                self.message_user(request, f"Not merged: {refused}", messages.ERROR)
                return None
            others = ", ".join(outlet.name for outlet in outlets if outlet != into)
            self.message_user(request, f"Merged {others} into {into.name}.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge outlets",
            "outlets": outlets,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/outlet/merge.html", context)


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
    list_display = [
        "label",
        "outlet",
        "via",
        "published",
        "dateline",
        "story",
        "source",
        "imported_at",
    ]
    list_filter = ["outlet", "story", "published", "imported_at"]
    list_select_related = ["outlet", "story"]
    search_fields = ["headline", "body", "source", "dateline"]
    date_hierarchy = "imported_at"
    autocomplete_fields = ["outlet", "story"]
    readonly_fields = ["raw_text", "boilerplate", "content_hash", "imported_at", "analyzed_at"]
    fieldsets = [
        (None, {"fields": ["outlet", "story", "story_locked", "headline", "dateline"]}),
        ("Publication", {"fields": ["published", "author", "url", "via", "source"]}),
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
