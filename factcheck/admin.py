from django.contrib import admin
from django.db import transaction
from django.db.models import Count

from articles.admin import ArticleAdmin, ReadOnlyAdmin, ReadOnlyInline
from articles.models import Article

from .models import Claim, Evidence, NotAClaim, Publication, RemovedClaim, Verdict
from .tasks import analyze_articles


class ClaimInline(ReadOnlyInline):
    model = Claim
    fields = ["text", "kind", "suggested_status", "status"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fk_name = "claim"
    fields = ["article", "text", "relation", "score", "reasons", "rank"]
    raw_id_fields = ["article"]
    extra = 0


class VerdictInline(ReadOnlyInline):
    model = Verdict
    fields = ["created_at", "reviewer", "previous_status", "status", "note", "note_is_internal"]
    readonly_fields = fields
    ordering = ["-created_at", "-id"]


admin.site.unregister(Article)


@admin.register(Article)
class ArticleWithClaimsAdmin(ArticleAdmin):
    inlines = [ClaimInline]
    actions = ["analyze_again"]

    @admin.action(description="Re-run analysis on the selected articles' stories")
    def analyze_again(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        analyze_articles.enqueue(article_ids=ids)
        self.message_user(request, f"Analysis queued for {len(ids)} article(s) and their stories.")

    def save_model(self, request, obj, form, change):
        """Moving an article to another story re-analyses both stories; editing its
        body re-analyses its story (claims keep their ids where their sentence stays)."""
        moved = change and "story" in form.changed_data
        edited = change and "body" in form.changed_data
        earlier = Article.objects.filter(story_id=form.initial.get("story")) if moved else None
        super().save_model(request, obj, form, change)
        if moved or edited:
            ids = [obj.pk]
            if moved:
                ids += earlier.exclude(pk=obj.pk).values_list("pk", flat=True)
            transaction.on_commit(lambda: analyze_articles.enqueue(article_ids=ids))


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "kind", "suggested_status", "status", "evidence_count"]
    list_filter = ["status", "suggested_status", "kind", "article__outlet", "article__story"]
    list_select_related = ["article__outlet"]
    search_fields = ["text", "attribution", "article__headline"]
    raw_id_fields = ["article"]
    readonly_fields = ["status"]
    inlines = [EvidenceInline, VerdictInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_count=Count("evidence"))

    @admin.display(ordering="article__outlet__name")
    def outlet(self, claim):
        return claim.article.outlet

    @admin.display(description="evidence", ordering="evidence_count")
    def evidence_count(self, claim):
        return claim.evidence_count


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "claim", "article", "relation", "score", "rank"]
    list_filter = ["relation", "article__outlet"]
    list_select_related = ["claim", "article__outlet"]
    search_fields = ["text", "claim__text"]
    raw_id_fields = ["claim", "article"]


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyAdmin):
    """Verdicts are append-only: admins read the record; editors add to it."""

    list_display = ["claim", "status", "previous_status", "reviewer", "created_at"]
    list_filter = ["status", "reviewer", "created_at"]
    list_select_related = ["claim", "reviewer"]
    search_fields = ["claim__text", "note", "reviewer__username"]
    date_hierarchy = "created_at"


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    """Publishing is append-only too: editors publish and withdraw from the claim panel."""

    list_display = ["claim", "action", "verdict", "editor", "created_at"]
    list_filter = ["action", "editor", "created_at"]
    list_select_related = ["claim", "verdict__reviewer", "editor"]
    search_fields = ["claim__text", "editor__username"]
    date_hierarchy = "created_at"


@admin.register(NotAClaim)
class NotAClaimAdmin(ReadOnlyAdmin):
    """Append-only: editors mark and restore from the claim panel."""

    list_display = ["claim", "action", "editor", "created_at"]
    list_filter = ["action", "editor", "created_at"]
    list_select_related = ["claim", "editor"]
    search_fields = ["claim__text", "editor__username"]
    date_hierarchy = "created_at"


@admin.register(RemovedClaim)
class RemovedClaimAdmin(ReadOnlyAdmin):
    """Claims re-analysis removed (their sentence left the article), kept so links say so."""

    list_display = ["id", "text", "article", "removed_at"]
    list_select_related = ["article__outlet"]
    search_fields = ["text"]
    date_hierarchy = "removed_at"
