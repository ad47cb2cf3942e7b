"""Publishing: an editor's deliberate, recorded, reversible act, and the public pages
and ClaimReview it puts before readers.

Data: the fictional Harbor Bridge story (tests/fictional_story.py). The internal
note and the reviewer's name are distinctive strings, so "never shown" can be
checked by searching every public byte for them.
"""

import json
import re
from datetime import datetime

import extruct
import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from articles.models import Article
from factcheck.models import Claim, Publication, PublicationAction, Relation, Status, Verdict
from factcheck.public import BEST_RATING, CLAIM_REVIEWED_MAX, WORST_RATING
from factcheck.services import (
    PublicationConflict,
    publish_claim,
    record_verdict,
    withdraw_claim,
)

from .factories import ArticleFactory, ClaimFactory, EditorFactory, EvidenceFactory
from .fictional_story import build_fictional_story

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
INTERNAL_NOTE = "Desk only: the authority's press officer is unreliable (zq-internal)"
PUBLIC_NOTE = "Coastline Radio gives $95 million, quoting a spokesperson."
REVIEWER = "ruth-reviewer"


# --- Fixtures and helpers ------------------------------------------------------------------


@pytest.fixture
def newsroom():
    return build_fictional_story()


@pytest.fixture
def reviewer():
    return EditorFactory(username=REVIEWER)


@pytest.fixture
def reader() -> Client:
    """A reader: nobody logged in."""
    return Client()


def decide(claim, reviewer, status=Status.DISPUTED, note=PUBLIC_NOTE, internal=False, cite=()):
    return record_verdict(
        claim=claim,
        status=status,
        reviewer=reviewer,
        note=note,
        note_is_internal=internal,
        cited_evidence=cite,
        seen_verdict_id=getattr(claim.latest_verdict(), "pk", None),
    )


def publish(claim, editor) -> Publication:
    return publish_claim(claim=claim, editor=editor, verdict_id=claim.latest_verdict().pk)


@pytest.fixture
def published_cost(newsroom, reviewer, editor) -> Claim:
    """The $120 million claim, disputed citing the radio's $95 million, and published."""
    cost = newsroom.claims["cost"]
    decide(cost, reviewer, cite=[newsroom.evidence["cost_radio"]])
    publish(cost, editor)
    return cost


def html(response) -> str:
    return response.content.decode()


def public_url(claim) -> str:
    return reverse("public_claim", args=[claim.pk])


def feed_url(story) -> str:
    return reverse("story_claim_reviews", args=[story.pk])


def panel_of(claim, client) -> str:
    return html(client.get(reverse("claim_panel", args=[claim.pk]), headers=HTMX))


def claim_reviews(page: str, url: str) -> list[dict]:
    """The ClaimReview objects a structured-data consumer finds in the page."""
    data = extruct.extract(page, base_url=url, syntaxes=["json-ld"], uniform=True)
    return [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]


def claim_review_of(claim, reader) -> dict:
    url = public_url(claim)
    (review,) = claim_reviews(html(reader.get(url)), f"http://testserver{url}")
    return review


def parse_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, value
    return moment


# --- The record -----------------------------------------------------------------------------


class TestPublishingRecord:
    def test_publishing_appends_a_row_naming_the_newest_verdict_the_editor_and_the_time(
        self, newsroom, reviewer, editor
    ):
        cost = newsroom.claims["cost"]
        verdict = decide(cost, reviewer)

        publication = publish_claim(claim=cost, editor=editor, verdict_id=verdict.pk)

        row = Publication.objects.get()
        assert row == publication
        assert (row.claim, row.action, row.verdict, row.editor) == (
            cost,
            PublicationAction.PUBLISHED,
            verdict,
            editor,
        )
        assert row.created_at is not None
        assert list(Claim.objects.published()) == [cost]

    def test_a_claim_without_a_verdict_cannot_be_published(self, newsroom, editor):
        with pytest.raises(ValueError, match="only a claim with a verdict can be published"):
            publish_claim(claim=newsroom.claims["cost"], editor=editor, verdict_id=1)
        assert not Publication.objects.exists()

    def test_the_database_itself_refuses_a_publication_without_a_verdict(self, newsroom, editor):
        with pytest.raises(IntegrityError), transaction.atomic():
            Publication.objects.bulk_create(
                [Publication(claim=newsroom.claims["cost"], action="published", editor=editor)]
            )

    def test_the_database_refuses_an_action_other_than_published_or_withdrawn(
        self, published_cost, editor
    ):
        verdict = published_cost.latest_verdict()
        with pytest.raises(IntegrityError), transaction.atomic():
            Publication.objects.bulk_create(
                [Publication(claim=published_cost, action="hidden", verdict=verdict, editor=editor)]
            )

    def test_the_same_verdict_is_not_published_twice(self, published_cost, editor):
        with pytest.raises(ValueError, match="already published"):
            publish(published_cost, editor)
        assert Publication.objects.count() == 1

    def test_a_verdict_recorded_after_the_editor_confirmed_is_a_conflict(
        self, newsroom, reviewer, editor
    ):
        cost = newsroom.claims["cost"]
        seen = decide(cost, reviewer)
        newer = decide(cost, EditorFactory(username="sam"), status=Status.CONFIRMED)

        with pytest.raises(PublicationConflict) as conflict:
            publish_claim(claim=cost, editor=editor, verdict_id=seen.pk)

        assert conflict.value.verdict == newer
        assert not Publication.objects.exists()

    def test_a_verdict_of_another_claim_is_refused(self, newsroom, reviewer, editor):
        cost, traffic = newsroom.claims["cost"], newsroom.claims["traffic"]
        decide(cost, reviewer)
        other = decide(traffic, reviewer, status=Status.CONFIRMED)
        with pytest.raises(ValueError, match="not a verdict of claim"):
            publish_claim(claim=cost, editor=editor, verdict_id=other.pk)
        assert not Publication.objects.exists()

    def test_withdrawing_appends_a_row_and_the_newest_row_decides(self, published_cost, editor):
        withdrawn = withdraw_claim(claim=published_cost, editor=editor)

        assert withdrawn.action == PublicationAction.WITHDRAWN
        assert withdrawn.verdict == published_cost.latest_verdict()  # what was taken down
        assert Publication.objects.count() == 2
        assert not Claim.objects.published().exists()

        publish(published_cost, editor)  # and back again
        assert list(Claim.objects.published()) == [published_cost]
        assert Publication.objects.count() == 3

    def test_only_a_published_claim_can_be_withdrawn(self, newsroom, reviewer, editor):
        cost = newsroom.claims["cost"]
        with pytest.raises(ValueError, match="not published"):
            withdraw_claim(claim=cost, editor=editor)
        decide(cost, reviewer)
        publish(cost, editor)
        withdraw_claim(claim=cost, editor=editor)
        with pytest.raises(ValueError, match="not published"):
            withdraw_claim(claim=cost, editor=editor)
        assert Publication.objects.count() == 2

    def test_rows_are_append_only(self, published_cost):
        row = Publication.objects.get()
        with pytest.raises(Exception, match="append-only"):
            row.save()
        with pytest.raises(Exception, match="append-only"):
            row.delete()
        assert Publication.objects.count() == 1

    def test_a_published_verdict_cannot_be_deleted(self, published_cost):
        with pytest.raises(Exception, match="append-only"):
            published_cost.latest_verdict().delete()


# --- The claim panel and the confirmation step ----------------------------------------------


class TestPublishingFromThePanel:
    def test_a_pending_claim_offers_nothing_to_publish(self, editor_client, newsroom):
        panel = panel_of(newsroom.claims["cost"], editor_client)
        assert "Not published. Only a claim with a verdict can be published." in panel
        assert reverse("claim_publication", args=[newsroom.claims["cost"].pk]) not in panel

    def test_a_decided_claim_offers_editors_to_publish(self, editor_client, newsroom, reviewer):
        cost = newsroom.claims["cost"]
        decide(cost, reviewer)
        panel = panel_of(cost, editor_client)
        confirm = reverse("claim_publication", args=[cost.pk])
        assert "Not published: readers see nothing." in panel
        link = re.search(
            r'<a class="button" href="([^"]+)" hx-get="([^"]+)"[^>]*>Publish…</a>', panel
        )
        assert link and link[1] == link[2] == confirm  # a confirmation step, not a POST

    def test_viewers_see_no_publishing_controls(self, viewer_client, newsroom, reviewer):
        cost = newsroom.claims["cost"]
        decide(cost, reviewer)
        panel = panel_of(cost, viewer_client)
        assert "Not published" in panel
        assert "Publish…" not in panel
        assert "<form" not in panel and "<button" not in panel

        page = html(viewer_client.get(reverse("claim_publication", args=[cost.pk])))
        assert reverse("publish_claim", args=[cost.pk]) not in page
        assert reverse("withdraw_claim", args=[cost.pk]) not in page

    def test_the_confirmation_shows_what_readers_will_see(self, editor_client, newsroom, reviewer):
        cost = newsroom.claims["cost"]
        verdict = decide(cost, reviewer, note=INTERNAL_NOTE, internal=True)

        page = html(editor_client.get(reverse("claim_publication", args=[cost.pk])))

        assert "Publish this fact-check?" in page
        start = page.index('<div class="preview">')
        preview = page[start : page.index("</form>", start)]
        assert "Repairs will cost $120 million, according to the authority." in preview
        assert '<span class="badge status-disputed">Disputed</span>' in preview
        assert INTERNAL_NOTE not in preview
        assert "The verdict’s note is internal: readers will not see it." in preview
        assert f'<input type="hidden" name="verdict" value="{verdict.pk}">' in preview
        assert f'action="{reverse("publish_claim", args=[cost.pk])}"' in preview
        assert 'name="csrfmiddlewaretoken"' in preview

    def test_publishing_with_htmx_returns_the_panel_saying_so(
        self, editor_client, newsroom, reviewer, editor
    ):
        cost = newsroom.claims["cost"]
        verdict = decide(cost, reviewer)

        response = editor_client.post(
            reverse("publish_claim", args=[cost.pk]), {"verdict": verdict.pk}, headers=HTMX
        )

        assert response.status_code == 200
        body = html(response)
        assert body.lstrip().startswith('<article class="claim-panel"')
        assert "Published: readers now see the Disputed verdict." in body
        assert f'href="{public_url(cost)}"' in body
        assert "Withdraw…" in body
        assert "Publish…" not in body
        row = Publication.objects.get()
        assert (row.action, row.verdict, row.editor) == ("published", verdict, editor)

    def test_publishing_without_javascript_redirects_to_the_reader_with_a_message(
        self, editor_client, newsroom, reviewer
    ):
        cost = newsroom.claims["cost"]
        verdict = decide(cost, reviewer)
        response = editor_client.post(
            reverse("publish_claim", args=[cost.pk]), {"verdict": verdict.pk}
        )
        assert response.status_code == 302
        assert response.url == cost.get_absolute_url()
        page = html(editor_client.get(response.url))
        assert "Published: “Repairs will cost $120 million" in page

    def test_withdrawing_is_confirmed_then_recorded(self, editor_client, published_cost, editor):
        page = html(editor_client.get(reverse("claim_publication", args=[published_cost.pk])))
        assert "Withdraw this fact-check?" in page
        assert f'action="{reverse("withdraw_claim", args=[published_cost.pk])}"' in page

        response = editor_client.post(
            reverse("withdraw_claim", args=[published_cost.pk]), headers=HTMX
        )

        assert response.status_code == 200
        assert "Withdrawn: readers no longer see this claim." in html(response)
        assert "Publish…" in html(response)  # and it can be published again
        latest = Publication.objects.latest()
        assert (latest.action, latest.editor) == ("withdrawn", editor)
        assert Publication.objects.count() == 2

    def test_the_record_lists_every_publication_newest_first(
        self, editor_client, published_cost, editor
    ):
        withdraw_claim(claim=published_cost, editor=EditorFactory(username="sam"))
        page = html(editor_client.get(reverse("claim_publication", args=[published_cost.pk])))
        record = page[page.index('id="record-title"') :]
        lines = [
            " ".join(re.sub(r"<[^>]+>", " ", line).split())
            for line in re.findall(r'<p class="verdict-line">(.*?)</p>', record, re.S)
        ]
        assert [line.split(" ")[:3] for line in lines] == [
            ["Withdrawn", "by", "sam"],
            ["Published", "by", "erin"],
        ]
        assert all(line.endswith("verdict Disputed") for line in lines)

    def test_a_viewers_forged_posts_are_forbidden(self, viewer_client, newsroom, published_cost):
        traffic = newsroom.claims["traffic"]
        verdict = decide(traffic, EditorFactory())
        publish_response = viewer_client.post(
            reverse("publish_claim", args=[traffic.pk]), {"verdict": verdict.pk}
        )
        withdraw_response = viewer_client.post(reverse("withdraw_claim", args=[published_cost.pk]))
        assert publish_response.status_code == withdraw_response.status_code == 403
        assert Publication.objects.count() == 1  # only the fixture's
        assert list(Claim.objects.published()) == [published_cost]

    def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(self, reader, published_cost):
        for name in ["publish_claim", "withdraw_claim"]:
            response = reader.post(reverse(name, args=[published_cost.pk]), {"verdict": 1})
            assert response.status_code == 302
            assert response.url.startswith(reverse("login"))
        response = reader.get(reverse("claim_publication", args=[published_cost.pk]))
        assert response.url.startswith(reverse("login"))
        assert Publication.objects.count() == 1

    def test_publish_and_withdraw_need_the_csrf_token(self, editor, newsroom, reviewer):
        cost = newsroom.claims["cost"]
        verdict = decide(cost, reviewer)
        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        url = reverse("publish_claim", args=[cost.pk])

        assert client.post(url, {"verdict": verdict.pk}).status_code == 403
        assert not Publication.objects.exists()

        page = html(client.get(reverse("claim_publication", args=[cost.pk])))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        response = client.post(url, {"verdict": verdict.pk, "csrfmiddlewaretoken": token})
        assert response.status_code == 302  # the same post with the page's token goes through
        assert Publication.objects.count() == 1

        withdraw = reverse("withdraw_claim", args=[cost.pk])
        assert client.post(withdraw).status_code == 403
        assert Publication.objects.count() == 1

    def test_only_post_changes_anything(self, editor_client, published_cost):
        for name in ["publish_claim", "withdraw_claim"]:
            assert editor_client.get(reverse(name, args=[published_cost.pk])).status_code == 405
        assert Publication.objects.count() == 1

    def test_posting_for_a_pending_claim_is_refused(self, editor_client, newsroom):
        cost = newsroom.claims["cost"]
        response = editor_client.post(
            reverse("publish_claim", args=[cost.pk]), {"verdict": 1}, headers=HTMX
        )
        assert response.status_code == 400
        assert "Nothing was changed." in html(response)
        assert "Only a claim with a verdict can be published." in html(response)
        assert not Publication.objects.exists()

    def test_a_post_that_does_not_say_which_verdict_is_refused(
        self, editor_client, newsroom, reviewer
    ):
        cost = newsroom.claims["cost"]
        decide(cost, reviewer)
        response = editor_client.post(reverse("publish_claim", args=[cost.pk]), headers=HTMX)
        assert response.status_code == 400
        assert "Say which verdict to publish." in html(response)
        assert not Publication.objects.exists()

    def test_a_verdict_recorded_since_the_confirmation_is_shown_not_published(
        self, editor_client, newsroom, reviewer
    ):
        cost = newsroom.claims["cost"]
        seen = decide(cost, reviewer)
        newer = decide(cost, EditorFactory(username="sam"), status=Status.CONFIRMED)

        response = editor_client.post(
            reverse("publish_claim", args=[cost.pk]), {"verdict": seen.pk}, headers=HTMX
        )

        assert response.status_code == 409
        body = html(response)
        assert "sam recorded a newer verdict meanwhile: Confirmed" in body
        assert "Nothing was published." in body
        assert f'<input type="hidden" name="verdict" value="{newer.pk}">' in body
        assert not Publication.objects.exists()

    def test_publishing_again_is_refused(self, editor_client, published_cost):
        verdict = published_cost.latest_verdict()
        response = editor_client.post(
            reverse("publish_claim", args=[published_cost.pk]), {"verdict": verdict.pk}
        )
        assert response.status_code == 400
        assert "This verdict is already published." in html(response)
        assert Publication.objects.count() == 1

    def test_withdrawing_an_unpublished_claim_is_refused(self, editor_client, newsroom):
        response = editor_client.post(reverse("withdraw_claim", args=[newsroom.claims["cost"].pk]))
        assert response.status_code == 400
        assert "This claim is not published." in html(response)
        assert not Publication.objects.exists()

    def test_unknown_claims_are_not_found(self, editor_client):
        assert editor_client.get(reverse("claim_publication", args=[999_999])).status_code == 404
        response = editor_client.post(reverse("publish_claim", args=[999_999]), {"verdict": 1})
        assert response.status_code == 404


# --- A new verdict after publishing ----------------------------------------------------------


class TestANewVerdictAfterPublishing:
    """Readers keep the published verdict until an editor publishes the new one."""

    @pytest.fixture
    def reconsidered(self, published_cost, reviewer) -> Verdict:
        return decide(
            published_cost, reviewer, status=Status.UNSOURCED, note="Newer: zq-not-yet-public"
        )

    def test_the_public_page_does_not_change(self, reader, published_cost, reconsidered):
        page = html(reader.get(public_url(published_cost)))
        assert '<span class="badge status-disputed">Disputed</span>' in page
        assert "Unsourced</span> Nothing else" not in page
        assert "zq-not-yet-public" not in page
        assert PUBLIC_NOTE in page
        assert claim_review_of(published_cost, reader)["reviewRating"]["alternateName"] == (
            "Disputed"
        )

    def test_the_panel_says_the_newer_verdict_is_not_public(
        self, editor_client, published_cost, reconsidered
    ):
        panel = panel_of(published_cost, editor_client)
        assert "The newest verdict, Unsourced, is not public" in panel
        assert "readers see" in panel and "Disputed" in panel
        assert "Publish the newer verdict…" in panel
        assert "Withdraw…" in panel

    def test_publishing_the_newer_verdict_updates_the_page_and_keeps_the_first_date(
        self, reader, published_cost, reconsidered, editor
    ):
        before = claim_review_of(published_cost, reader)
        publish(published_cost, editor)

        after = claim_review_of(published_cost, reader)

        assert after["reviewRating"]["alternateName"] == "Unproven"
        assert "ratingValue" not in after["reviewRating"]
        assert after["reviewBody"] == "Newer: zq-not-yet-public"
        assert after["datePublished"] == before["datePublished"]
        first, second = Publication.objects.order_by("created_at", "id")
        assert parse_time(after["datePublished"]) == first.created_at.replace(microsecond=0)
        assert parse_time(after["dateModified"]) == second.created_at.replace(microsecond=0)
        assert "dateModified" not in before


# --- Public pages ----------------------------------------------------------------------------


class TestPublicPage:
    def test_a_reader_needs_no_login_and_sees_the_published_fact_check(
        self, reader, newsroom, published_cost
    ):
        response = reader.get(public_url(published_cost))

        assert response.status_code == 200
        page = html(response)
        assert "<h1>Fact check</h1>" in page
        assert "Repairs will cost $120 million, according to the authority." in page
        assert "Attributed to the authority, in\n    Alder Gazette:" in page
        assert "“Harbor Bridge to close for 18 months”, 1 March 2025" in page
        assert '<span class="badge status-disputed">Disputed</span>' in page
        assert "Other outlets&#x27; reporting contradicts the claim." in page
        assert PUBLIC_NOTE in page
        assert "The repairs are expected to cost $95 million, a spokesperson said." in page
        assert "Coastline Radio, “Bridge repairs: what commuters need to know”" in page
        assert f'<link rel="canonical" href="http://testserver{public_url(published_cost)}">' in (
            page
        )
        feed = feed_url(newsroom.story)
        assert re.search(
            rf'<link rel="alternate" type="application/json"[^>]* href="{feed}">', page
        )

    def test_only_the_passages_the_published_verdict_cites_are_shown(
        self, reader, newsroom, reviewer, editor
    ):
        traffic = newsroom.claims["traffic"]
        decide(
            traffic, reviewer, status=Status.CONFIRMED, cite=[newsroom.evidence["traffic_radio"]]
        )
        publish(traffic, editor)
        page = html(reader.get(public_url(traffic)))
        assert newsroom.evidence["traffic_radio"].text in page
        assert newsroom.evidence["traffic_wire"].text not in page

    @pytest.mark.parametrize("state", ["pending", "decided", "withdrawn", "unknown"])
    def test_a_claim_that_is_not_published_is_not_found(
        self, reader, newsroom, reviewer, editor, state
    ):
        cost = newsroom.claims["cost"]
        if state in ("decided", "withdrawn"):
            decide(cost, reviewer)
        if state == "withdrawn":
            publish(cost, editor)
            withdraw_claim(claim=cost, editor=editor)
        url = reverse("public_claim", args=[999_999]) if state == "unknown" else public_url(cost)
        response = reader.get(url)
        assert response.status_code == 404
        assert "Repairs will cost" not in html(response)

    def test_an_internal_note_is_never_shown(self, reader, newsroom, reviewer, editor):
        cost = newsroom.claims["cost"]
        decide(cost, reviewer, note=INTERNAL_NOTE, internal=True)
        publish(cost, editor)

        page = html(reader.get(public_url(cost)))
        feed = html(reader.get(feed_url(newsroom.story)))

        assert "Repairs will cost" in page and "Repairs will cost" in feed
        for public in (page, feed):
            assert "zq-internal" not in public
            assert "press officer" not in public
        assert "Our note" not in page
        assert "reviewBody" not in feed

    def test_no_reviewer_or_editor_name_is_shown(self, reader, published_cost, newsroom):
        page = html(reader.get(public_url(published_cost)))
        feed = html(reader.get(feed_url(newsroom.story)))
        for public in (page, feed):
            assert REVIEWER not in public
            assert "erin" not in public

    def test_the_page_is_plain_html_for_the_content_security_policy(self, reader, published_cost):
        response = reader.get(public_url(published_cost))
        page = html(response)
        assert "Content-Security-Policy" in response
        assert not re.search(r"\sstyle=", page)
        assert "<style" not in page
        assert not re.search(r"\son[a-z]+=", page)
        assert re.findall(r"<script[^>]*>", page) == ['<script type="application/ld+json">']
        assert "{%" not in page and "{#" not in page

    def test_article_text_cannot_break_out_of_the_json_ld(self, reader, reviewer, editor):
        body = "Officials said </script><script>alert('x')</script> & <!-- 4,200 --> walked out."
        claim = ClaimFactory(article=ArticleFactory(body=body), sentence=body)
        decide(claim, reviewer)
        publish(claim, editor)

        page = html(reader.get(public_url(claim)))

        json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
        assert "<" not in json_ld and ">" not in json_ld
        assert "alert(" in json_ld  # the text is there, escaped
        assert page.count("</script>") == 1
        assert claim_review_of(claim, reader)["claimReviewed"] == body  # and reads back whole

    def test_a_reader_gets_no_cookie_and_no_session(self, reader, published_cost):
        response = reader.get(public_url(published_cost))
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")

    def test_only_get_and_head(self, reader, published_cost):
        assert reader.post(public_url(published_cost)).status_code == 405
        assert reader.head(public_url(published_cost)).status_code == 200

    def test_a_fixed_number_of_queries(self, reader, newsroom, reviewer, editor):
        def queries() -> int:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                assert reader.get(public_url(newsroom.claims["cost"])).status_code == 200
            return len(captured)

        cost = newsroom.claims["cost"]
        decide(cost, reviewer)
        publish(cost, editor)
        few = queries()
        for number in range(5):  # more verdicts, republications and citations
            decide(
                cost,
                reviewer,
                status=[Status.CONFIRMED, Status.DISPUTED][number % 2],
                cite=[newsroom.evidence["cost_radio"]],
            )
            publish(cost, editor)
        # The publication with its claim, the cited passages, the supporting passages.
        assert queries() == few == 3


# --- ClaimReview -----------------------------------------------------------------------------


class TestClaimReview:
    """Read back from the rendered page by extruct, as a search engine or another
    fact-checker's tool would, and checked field by field."""

    @pytest.fixture
    def newsroom_settings(self, settings):
        settings.NEWSROOM_NAME = "Port Alder Fact Desk"
        settings.NEWSROOM_URL = "https://factdesk.example/"

    def test_every_field(self, reader, newsroom, published_cost, newsroom_settings):
        gazette = newsroom.articles["gazette"]
        gazette.url = "https://alder-gazette.example/2025/03/01/harbor-bridge"
        gazette.save()
        publication = Publication.objects.get()

        review = claim_review_of(published_cost, reader)

        assert review["@context"] in ("https://schema.org", "http://schema.org")
        assert review["@type"] == "ClaimReview"
        assert review["url"] == f"http://testserver{public_url(published_cost)}"
        assert review["claimReviewed"] == "Repairs will cost $120 million."
        assert review["author"] == {
            "@type": "Organization",
            "name": "Port Alder Fact Desk",
            "url": "https://factdesk.example/",
        }
        assert parse_time(review["datePublished"]) == publication.created_at.replace(microsecond=0)
        assert "dateModified" not in review
        assert review["reviewRating"] == {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 2,
            "worstRating": 1,
            "alternateName": "Disputed",
            "ratingExplanation": "Other outlets' reporting contradicts the claim.",
        }
        assert review["reviewBody"] == PUBLIC_NOTE
        outlet = {
            "@type": "Organization",
            "name": "Alder Gazette",
            "url": "https://alder-gazette.example/",
        }
        appearance = {
            "@type": "CreativeWork",
            "url": "https://alder-gazette.example/2025/03/01/harbor-bridge",
            "headline": "Harbor Bridge to close for 18 months",
            "datePublished": "2025-03-01",
            "publisher": outlet,
        }
        assert review["itemReviewed"] == {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "the authority"},  # who the article quotes
            "datePublished": "2025-03-01",
            "appearance": appearance,
            "firstAppearance": appearance,  # no other outlet backs the $120 million
        }
        assert set(review) == {
            "@context", "@type", "url", "claimReviewed", "author", "datePublished",
            "reviewRating", "itemReviewed", "reviewBody",
        }  # fmt: skip

    @pytest.mark.parametrize(
        ("status", "value", "words"),
        [(Status.DISPUTED, 1, "Disputed"), (Status.CONFIRMED, 2, "Confirmed")],
    )
    def test_the_rating_scale(self, reader, newsroom, reviewer, editor, status, value, words):
        claim = newsroom.claims["largest"]
        decide(claim, reviewer, status=status)
        publish(claim, editor)
        rating = claim_review_of(claim, reader)["reviewRating"]
        assert (rating["ratingValue"], rating["alternateName"]) == (value, words)
        assert (rating["worstRating"], rating["bestRating"]) == (WORST_RATING, BEST_RATING)
        assert WORST_RATING <= rating["ratingValue"] <= BEST_RATING

    def test_unsourced_is_unproven_not_half_true(self, reader, newsroom, reviewer, editor):
        claim = newsroom.claims["largest"]
        decide(claim, reviewer, status=Status.UNSOURCED)
        publish(claim, editor)
        rating = claim_review_of(claim, reader)["reviewRating"]
        assert rating["alternateName"] == "Unproven"
        assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)  # not on the scale
        assert rating["ratingExplanation"].startswith("Nothing else we found backs or contradicts")

    @pytest.mark.parametrize(
        ("attribution", "author"),
        [
            (
                "SEIU President David Huerta",
                {"@type": "Person", "name": "David Huerta", "jobTitle": "SEIU President"},
            ),
            ("Mayor Ines Calder", {"@type": "Person", "name": "Ines Calder", "jobTitle": "Mayor"}),
            ("Julian Robinson", {"@type": "Person", "name": "Julian Robinson"}),
            ("a spokesperson", {"@type": "Person", "name": "a spokesperson"}),
            ("the transit authority", {"@type": "Organization", "name": "the transit authority"}),
            ("Cal Fire", {"@type": "Organization", "name": "Cal Fire"}),
            ("Kaiser officials", {"@type": "Organization", "name": "Kaiser officials"}),
        ],
    )
    def test_the_claim_is_authored_by_who_the_article_quotes(
        self, reader, reviewer, editor, attribution, author
    ):
        claim = ClaimFactory(attribution=attribution)
        decide(claim, reviewer)
        publish(claim, editor)
        item = claim_review_of(claim, reader)["itemReviewed"]
        assert item["author"] == author
        assert item["appearance"]["publisher"]["name"] == claim.article.outlet.name

    def test_a_claim_in_the_articles_own_voice_is_the_outlets(
        self, reader, newsroom, reviewer, editor
    ):
        traffic = newsroom.claims["traffic"]  # no attribution
        decide(traffic, reviewer, status=Status.CONFIRMED)
        publish(traffic, editor)
        author = claim_review_of(traffic, reader)["itemReviewed"]["author"]
        assert author == {
            "@type": "Organization", "name": "Alder Gazette", "url": "https://alder-gazette.example/",
        }  # fmt: skip

    def test_the_first_appearance_is_the_earliest_article_that_made_it(
        self, reader, newsroom, reviewer, editor
    ):
        """The wire's traffic claim (2 March) is backed by a radio passage (1 March): the
        radio made it first. A passage that contradicts a claim is not it appearing."""
        wire, radio = newsroom.articles["wire"], newsroom.articles["radio"]
        EvidenceFactory(
            claim=newsroom.claims["wire_traffic"], article=radio,
            sentence=newsroom.claims["radio_traffic"].text, relation=Relation.SUPPORTS,
        )  # fmt: skip
        claim = newsroom.claims["wire_traffic"]
        decide(claim, reviewer, status=Status.CONFIRMED)
        publish(claim, editor)

        item = claim_review_of(claim, reader)["itemReviewed"]

        assert item["appearance"]["headline"] == wire.headline
        assert item["firstAppearance"]["headline"] == radio.headline  # 1 March, before the wire
        assert item["firstAppearance"]["publisher"]["name"] == "Coastline Radio"
        assert item["datePublished"] == "2025-03-01"
        # The radio's $95 million, now dated after the gazette's contradicting $120 million.
        cost = newsroom.claims["radio_cost"]
        Article.objects.filter(pk=radio.pk).update(published="2025-03-05")
        decide(cost, reviewer)
        publish(cost, editor)
        assert claim_review_of(cost, reader)["itemReviewed"]["firstAppearance"]["headline"] == (
            radio.headline
        )

    @pytest.mark.parametrize(
        ("text", "attribution", "reviewed"),
        [
            ("Repairs will cost $120 million, according to the authority.", "the authority",
             "Repairs will cost $120 million."),
            ("The bridge will close for 18 months, the transit authority said on Tuesday.",
             "the transit authority", "The bridge will close for 18 months."),
            ("Officials said the Harbor Bridge will close for 18 months from March 3.",
             "Officials", "The Harbor Bridge will close for 18 months from March 3."),
            ('"We have no choice but to close the bridge," said Mayor Ines Calder.',
             "Mayor Ines Calder", "We have no choice but to close the bridge"),
            ("About 40,000 vehicles cross the bridge every day.", "",
             "About 40,000 vehicles cross the bridge every day."),
            ("The bridge, officials said, will close in March for repairs.", "officials",
             "The bridge, officials said, will close in March for repairs."),
        ],
    )  # fmt: skip
    def test_claim_reviewed_is_the_claim_without_who_says_it(
        self, reader, reviewer, editor, text, attribution, reviewed
    ):
        claim = ClaimFactory(article=ArticleFactory(body=text), sentence=text,
                             attribution=attribution)  # fmt: skip
        decide(claim, reviewer)
        publish(claim, editor)
        assert claim_review_of(claim, reader)["claimReviewed"] == reviewed

    def test_without_a_url_the_appearance_names_the_outlet_and_headline(
        self, reader, newsroom, published_cost
    ):
        appearance = claim_review_of(published_cost, reader)["itemReviewed"]["appearance"]
        assert "url" not in appearance
        assert appearance["headline"] == "Harbor Bridge to close for 18 months"
        assert appearance["publisher"]["name"] == "Alder Gazette"

    def test_an_article_without_a_date_or_headline(self, reader, reviewer, editor):
        claim = ClaimFactory(article__published=None, article__headline="")
        decide(claim, reviewer)
        publish(claim, editor)
        item = claim_review_of(claim, reader)["itemReviewed"]
        assert "datePublished" not in item
        assert "datePublished" not in item["appearance"]
        assert item["appearance"]["headline"] == claim.article.label  # its opening words
        assert item["appearance"]["headline"].startswith("About 4,200 bus drivers")

    def test_the_newsroom_without_a_url_is_named_only(self, reader, published_cost, settings):
        settings.NEWSROOM_NAME = "Fact-check desk"
        settings.NEWSROOM_URL = ""
        author = claim_review_of(published_cost, reader)["author"]
        assert author == {"@type": "Organization", "name": "Fact-check desk"}

    def test_an_internal_note_is_no_review_body(self, reader, newsroom, reviewer, editor):
        cost = newsroom.claims["cost"]
        decide(cost, reviewer, note=INTERNAL_NOTE, internal=True)
        publish(cost, editor)
        assert "reviewBody" not in claim_review_of(cost, reader)

    def test_a_long_claim_is_trimmed_at_a_word_boundary(self, reader, reviewer, editor):
        sentence = " ".join(f"word{number}" for number in range(120)) + "."
        claim = ClaimFactory(article=ArticleFactory(body=sentence), sentence=sentence)
        decide(claim, reviewer)
        publish(claim, editor)

        reviewed = claim_review_of(claim, reader)["claimReviewed"]

        assert len(reviewed) <= CLAIM_REVIEWED_MAX
        assert reviewed.endswith("…")
        assert sentence.startswith(reviewed[:-1])
        assert sentence[len(reviewed) - 1] == " "  # cut between words
        assert len(reviewed) > CLAIM_REVIEWED_MAX - 20

    def test_line_breaks_in_a_claim_become_spaces(self, reader, reviewer, editor):
        body = "The union said\n  4,200 drivers\twalked out."
        claim = ClaimFactory(article=ArticleFactory(body=body), sentence=body, attribution="")
        decide(claim, reviewer)
        publish(claim, editor)
        assert claim_review_of(claim, reader)["claimReviewed"] == (
            "The union said 4,200 drivers walked out."
        )


# --- The story's feed ----------------------------------------------------------------------


class TestStoryFeed:
    def test_the_feed_holds_the_same_claim_reviews_as_the_pages(
        self, reader, newsroom, published_cost, reviewer, editor
    ):
        traffic = newsroom.claims["traffic"]
        decide(traffic, reviewer, status=Status.CONFIRMED)
        publish(traffic, editor)

        response = reader.get(feed_url(newsroom.story))

        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["Access-Control-Allow-Origin"] == "*"
        feed = json.loads(response.content)
        assert sorted(review["url"] for review in feed) == sorted(
            f"http://testserver{public_url(claim)}" for claim in (published_cost, traffic)
        )
        for review in feed:
            mine = review["url"].endswith(public_url(published_cost))
            assert review == claim_review_of(published_cost if mine else traffic, reader)

    def test_the_feed_is_in_reading_order(self, reader, newsroom, reviewer, editor):
        for key in ["quote", "cost", "closure"]:  # published out of order
            decide(newsroom.claims[key], reviewer)
            publish(newsroom.claims[key], editor)
        feed = json.loads(reader.get(feed_url(newsroom.story)).content)
        assert [review["url"] for review in feed] == [
            f"http://testserver{public_url(newsroom.claims[key])}"
            for key in ["closure", "cost", "quote"]  # the wire's article is a day later
        ]

    def test_only_this_storys_published_claims(self, reader, newsroom, published_cost, reviewer):
        decide(newsroom.claims["traffic"], reviewer)  # decided, never published
        elsewhere = build_fictional_story("Another story")
        decide(elsewhere.claims["cost"], reviewer)
        publish(elsewhere.claims["cost"], EditorFactory())

        feed = json.loads(reader.get(feed_url(newsroom.story)).content)

        assert [review["url"] for review in feed] == [
            f"http://testserver{public_url(published_cost)}"
        ]

    def test_a_story_nothing_was_published_from_has_no_feed(self, reader, newsroom, reviewer):
        decide(newsroom.claims["cost"], reviewer)
        assert reader.get(feed_url(newsroom.story)).status_code == 404
        assert reader.get(reverse("story_claim_reviews", args=[999_999])).status_code == 404

    def test_once_everything_is_withdrawn_the_feed_is_empty(
        self, reader, newsroom, published_cost, editor
    ):
        withdraw_claim(claim=published_cost, editor=editor)
        response = reader.get(feed_url(newsroom.story))
        assert response.status_code == 200
        assert json.loads(response.content) == []

    def test_a_fixed_number_of_queries(self, reader, newsroom, reviewer, editor):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert reader.get(feed_url(newsroom.story)).status_code == 200
            return len(captured)

        decide(newsroom.claims["cost"], reviewer, cite=[newsroom.evidence["cost_radio"]])
        publish(newsroom.claims["cost"], editor)
        one = queries()
        for key in ["closure", "traffic", "radio_cost", "quote"]:
            claim = newsroom.claims[key]
            decide(claim, reviewer, cite=list(claim.evidence.all()))
            publish(claim, editor)
        # Has anything been published, the claims, the citations, the supporting passages.
        assert queries() == one == 4


def test_admins_read_the_record_and_cannot_change_it(client, published_cost):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("boss", password="x" * 12))
    changelist = client.get(reverse("admin:factcheck_publication_changelist"))
    assert changelist.status_code == 200
    assert "Repairs will cost $120 million" in changelist.content.decode()
    row = Publication.objects.get()
    change = client.get(reverse("admin:factcheck_publication_change", args=[row.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()  # read-only
    assert client.get(reverse("admin:factcheck_publication_add")).status_code == 403
    assert client.post(
        reverse("admin:factcheck_publication_delete", args=[row.pk])
    ).status_code == (403)
    assert Publication.objects.count() == 1


def test_the_newsroom_that_signs_comes_from_the_environment():
    from .test_settings import read_setting

    signed = read_setting(
        "(s.NEWSROOM_NAME, s.NEWSROOM_URL)",
        NEWSROOM_NAME="Port Alder Fact Desk",
        NEWSROOM_URL="https://factdesk.example/",
    )
    assert signed == "('Port Alder Fact Desk', 'https://factdesk.example/')"
    unset = {"NEWSROOM_NAME": "", "NEWSROOM_URL": ""}
    assert read_setting("(s.NEWSROOM_NAME, s.NEWSROOM_URL)", **unset) == "('Fact-check desk', '')"
