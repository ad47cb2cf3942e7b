from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from . import public, views

urlpatterns = [
    path("", views.story_list, name="story_list"),
    path("articles/<id:article_id>/", views.article_reader, name="article_reader"),
    path("claims/", views.claim_queue, name="claim_queue"),
    path("claims/articles/", views.find_rows, {"noun": "article"}, name="find_articles"),
    path("claims/stories/", views.find_rows, {"noun": "story"}, name="find_stories"),
    path("claims/<id:claim_id>/", views.claim_panel, name="claim_panel"),
    path("claims/<id:claim_id>/verdicts/", views.record_verdict, name="record_verdict"),
    path("claims/<id:claim_id>/history/", views.claim_history, name="claim_history"),
    path("claims/<id:claim_id>/not-a-claim/", views.mark_not_a_claim, name="mark_not_a_claim"),
    path("claims/<id:claim_id>/restore/", views.restore_claim, name="restore_claim"),
    path("stories/<id:story_id>/coverage/", views.story_coverage, name="story_coverage"),
    path("stories/<id:story_id>/report/", views.story_report, name="story_report"),
    path("claims/<id:claim_id>/publication/", views.claim_publication, name="claim_publication"),
    path("claims/<id:claim_id>/publish/", views.publish_claim, name="publish_claim"),
    path("claims/<id:claim_id>/withdraw/", views.withdraw_claim, name="withdraw_claim"),
    path("claims/export.csv", views.export_claims, {"format": "csv"}, name="export_claims_csv"),
    path("claims/export.json", views.export_claims, {"format": "json"}, name="export_claims_json"),
    path(
        "claims/export-internal.csv",
        views.export_claims,
        {"format": "csv", "internal": True},
        name="export_internal_csv",
    ),
    path(
        "claims/export-internal.json",
        views.export_claims,
        {"format": "json", "internal": True},
        name="export_internal_json",
    ),
    # Public: the only pages reachable without logging in.
    path("fact-checks/<id:claim_id>/", public.public_claim, name="public_claim"),
    path(
        "stories/<id:story_id>/claimreviews.json",
        public.story_claim_reviews,
        name="story_claim_reviews",
    ),
    path("import/", include("articles.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
]
