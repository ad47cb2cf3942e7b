"""Django admin: every model's list and change page loads for a superuser."""

import pytest
from django.contrib import admin
from django.urls import reverse

from articles.models import Article, Outlet, Story
from factcheck.models import Claim, Evidence, NotAClaim, RemovedClaim, Verdict

from .factories import EvidenceFactory, UserFactory, VerdictFactory

pytestmark = pytest.mark.django_db

MODELS = [Outlet, Story, Article, Claim, Evidence, Verdict]


@pytest.fixture
def admin_client(client):
    user = UserFactory(username="boss", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.fixture
def data():
    evidence = EvidenceFactory()
    VerdictFactory(claim=evidence.claim)
    return evidence


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_is_registered():
    assert all(admin.site.is_registered(model) for model in [*MODELS, NotAClaim, RemovedClaim])


@pytest.mark.parametrize("model", [NotAClaim, RemovedClaim])
def test_records_of_decisions_and_removals_are_read_only(admin_client, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 403


@pytest.mark.parametrize("model", MODELS)
def test_changelist_loads(admin_client, data, model):
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count() > 0


@pytest.mark.parametrize("model", MODELS)
def test_change_page_loads(admin_client, data, model):
    response = admin_client.get(admin_url(model, "change", model.objects.first().pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_changelist_search(admin_client, data, model):
    response = admin_client.get(admin_url(model, "changelist"), {"q": "strike"})
    assert response.status_code == 200


def test_raw_text_is_read_only(admin_client, data):
    response = admin_client.get(admin_url(Article, "change", data.claim.article.pk))
    assert "raw_text" not in response.context["adminform"].form.fields
    assert "RIVERTON, Ore. -- About 4,200" in response.text


def test_claim_page_shows_evidence_and_verdict_history(admin_client, data):
    response = admin_client.get(admin_url(Claim, "change", data.claim.pk))
    inlines = {formset.opts.model for formset in response.context["inline_admin_formsets"]}
    assert inlines == {Evidence, Verdict}
    assert "Checked against two outlets." in response.text


def test_article_page_lists_its_claims(admin_client, data):
    response = admin_client.get(admin_url(Article, "change", data.claim.article.pk))
    assert data.claim.text in response.text


def test_verdicts_cannot_be_edited_or_deleted_in_admin(admin_client, data):
    verdict = Verdict.objects.get()
    response = admin_client.post(admin_url(Verdict, "delete", verdict.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Verdict.objects.filter(pk=verdict.pk).exists()


def test_moving_an_article_to_another_story_locks_it_there(admin_client, data):
    article = data.claim.article
    other = Story.objects.create(title="Another event")
    response = admin_client.post(
        admin_url(Article, "change", article.pk),
        {
            "outlet": article.outlet.pk, "story": other.pk, "headline": "", "dateline": "",
            "published": "", "author": "", "url": "", "source": article.source,
            "body": article.body,
            "claims-TOTAL_FORMS": "1", "claims-INITIAL_FORMS": "1",
            "claims-MIN_NUM_FORMS": "0", "claims-MAX_NUM_FORMS": "1000",
            "claims-0-id": data.claim.pk, "claims-0-article": article.pk,
        },
    )  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert (article.story, article.story_locked) == (other, True)


def article_form(article, **changes) -> dict:
    """The article's change form as a browser posts it: a textarea's line breaks as CRLF."""
    return {
        "outlet": article.outlet.pk, "story": article.story.pk, "headline": article.headline,
        "dateline": article.dateline, "published": "", "author": "", "url": "",
        "source": article.source, "body": article.body.replace("\n", "\r\n"),
        "claims-TOTAL_FORMS": "0", "claims-INITIAL_FORMS": "0",
        "claims-MIN_NUM_FORMS": "0", "claims-MAX_NUM_FORMS": "1000",
    } | changes  # fmt: skip


def test_saving_other_fields_never_rewrites_the_text(
    admin_client, data, django_capture_on_commit_callbacks
):
    article = data.claim.article
    body = article.body
    assert "\n" in body
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = admin_client.post(
            admin_url(Article, "change", article.pk), article_form(article, headline="New")
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert (article.body, article.headline) == (body, "New")  # no CRLF crept in
    assert queued == []  # nothing to analyse again


def test_editing_the_text_analyses_the_story_again_and_claims_keep_their_ids(
    admin_client, data, django_capture_on_commit_callbacks
):
    article = data.claim.article
    edited = "Updated on Tuesday.\r\n\r\n" + article.body.replace("\n", "\r\n")
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = admin_client.post(
            admin_url(Article, "change", article.pk), article_form(article, body=edited)
        )
    assert response.status_code == 302
    assert len(queued) == 1
    article.refresh_from_db()
    assert article.body == edited.replace("\r\n", "\n")
    assert article.analyzed_at is not None
    claim = Claim.objects.get(pk=data.claim.pk)  # decided: kept, and moved with its sentence
    assert article.body[claim.start : claim.end] == claim.text
