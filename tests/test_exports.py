"""Exports of the claim queue: the rows the queue shows under its filters and sort
order, as CSV or JSON, streamed a chunk of claims at a time."""

import csv
import gc
import hashlib
import io
import json
import re
import tracemalloc
from html import unescape

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from factcheck import exports
from factcheck.models import Claim, Evidence, Publication, Relation, Status
from factcheck.services import publish_claim, record_verdict

from .factories import ClaimFactory, EditorFactory, OutletFactory, StoryFactory, ViewerFactory
from .fictional_story import build_fictional_story

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
CSV_URL, JSON_URL = reverse("export_claims_csv"), reverse("export_claims_json")
INTERNAL_CSV_URL = reverse("export_internal_csv")
INTERNAL_JSON_URL = reverse("export_internal_json")
INTERNAL_NOTE = "Desk only: the press officer is unreliable (zq-internal)"
PUBLIC_NOTE = "Coastline Radio gives $95 million, quoting a spokesperson."


@pytest.fixture
def newsroom():
    news = build_fictional_story()
    editor = EditorFactory(username="erin")
    record_verdict(claim=news.claims["cost"], status=Status.DISPUTED, reviewer=editor)
    record_verdict(claim=news.claims["quote"], status=Status.UNSOURCED, reviewer=editor)
    return news


def body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response))))


def queue_ids(client, params) -> list[int]:
    """The claims the queue lists for these filters, in its order."""
    page = client.get(reverse("claim_queue"), params).content.decode()
    return [int(claim) for claim in re.findall(r'<tr id="claim-row-(\d+)"', page)]


FILTERS = [
    {},
    {"status": "disputed"},
    {"kind": "quantity"},
    {"has_contradiction": "yes"},
    {"q": "40,000 vehicles"},
    {"suggested_status": "unsourced", "o": "-claim"},
    {"kind": "quantity", "o": "-evidence"},
    {"o": "outlet"},
    {"o": "-decided"},
]


class TestFilteredExports:
    @pytest.mark.parametrize("params", FILTERS, ids=lambda params: repr(params) or "all")
    def test_csv_rows_are_the_queues_rows_in_the_queues_order(
        self, editor_client, newsroom, params
    ):
        expected = queue_ids(editor_client, params)
        assert expected  # every filter here matches something
        rows = csv_rows(editor_client.get(CSV_URL, params))
        assert [int(row["id"]) for row in rows] == expected

    @pytest.mark.parametrize("params", FILTERS, ids=lambda params: repr(params) or "all")
    def test_json_claims_are_the_queues_rows_in_the_queues_order(
        self, editor_client, newsroom, params
    ):
        expected = queue_ids(editor_client, params)
        document = json.loads(body(editor_client.get(JSON_URL, params)))
        assert [claim["id"] for claim in document["claims"]] == expected
        claimed_articles = {claim["article"] for claim in document["claims"]}
        assert {article["id"] for article in document["articles"]} == claimed_articles

    def test_a_csv_row_carries_the_claim_and_what_other_outlets_say(self, editor_client, newsroom):
        (row,) = csv_rows(editor_client.get(CSV_URL, {"status": "disputed"}))
        cost = newsroom.claims["cost"]
        verdict = cost.verdicts.get()
        assert row == {
            "id": str(cost.pk),
            "article": str(cost.article_id),
            "outlet": "Alder Gazette",
            "headline": "Harbor Bridge to close for 18 months",
            "url": "",
            "source_file": cost.article.source,
            "published": "2025-03-01",
            "story": str(newsroom.story.pk),
            "text": "Repairs will cost $120 million, according to the authority.",
            "start": str(cost.start),
            "end": str(cost.end),
            "kind": "quantity",
            "attribution": "the authority",
            "suggested_status": "disputed",
            "status": "disputed",
            "verdict": "Disputed",
            "reviewer": "erin",
            "decided_at": verdict.created_at.isoformat(),
            "public_note": "",
            "cited_passages": "",
            "publication": "not published",
            "published_at": "",
            "public_url": "",
            "not_a_claim": "",
            "reasons": "Coastline Radio gives $95 million",
            "supports": "0",
            "contradicts": "1",
            "related": "0",
            "contradicted_by": "Coastline Radio",
        }

    def test_a_json_claim_carries_its_passages_best_first(self, editor_client, newsroom):
        document = json.loads(body(editor_client.get(JSON_URL, {"q": "every day"})))
        (claim,) = document["claims"]
        assert claim["text"] == newsroom.claims["traffic"].text
        assert [(p["article"], p["relation"], p["score"]) for p in claim["evidence"]] == [
            (newsroom.articles["radio"].pk, "supports", 0.8),
            (newsroom.articles["wire"].pk, "supports", 0.7),
        ]
        (article,) = document["articles"]
        assert article["headline"] == "Harbor Bridge to close for 18 months"

    def test_filters_that_match_nothing_give_an_empty_export(self, editor_client, newsroom):
        assert csv_rows(editor_client.get(CSV_URL, {"q": "zebra"})) == []
        assert json.loads(body(editor_client.get(JSON_URL, {"q": "zebra"}))) == {
            "articles": [],
            "claims": [],
        }

    def test_the_page_number_is_not_a_filter(self, editor_client, newsroom):
        rows = csv_rows(editor_client.get(CSV_URL, {"kind": "quantity", "page": 2}))
        assert len(rows) == len(queue_ids(editor_client, {"kind": "quantity"})) == 5


class TestWhatADeskHandsOn:
    """Who decided what and when, the public note, the cited passages, the publication,
    the headline and URL; internal notes only in the internal export."""

    @pytest.fixture
    def decided(self, newsroom):
        traffic = newsroom.claims["traffic"]
        traffic.article.url = "https://alder-gazette.example/bridge"
        traffic.article.save()
        sam = EditorFactory(username="sam")
        first = record_verdict(claim=traffic, status=Status.UNSOURCED, reviewer=sam,
                               note=INTERNAL_NOTE, note_is_internal=True)  # fmt: skip
        record_verdict(
            claim=traffic,
            status=Status.CONFIRMED,
            reviewer=sam,
            note=PUBLIC_NOTE,
            note_is_internal=False,
            cited_evidence=[newsroom.evidence["traffic_radio"], newsroom.evidence["traffic_wire"]],
            seen_verdict_id=first.pk,
        )
        publish_claim(claim=traffic, editor=sam, verdict_id=traffic.latest_verdict().pk)
        quote = newsroom.claims["quote"]
        record_verdict(claim=quote, status=Status.DISPUTED, reviewer=sam, note=INTERNAL_NOTE,
                       seen_verdict_id=quote.latest_verdict().pk)  # fmt: skip
        return newsroom

    def test_a_csv_row_says_who_decided_what_and_where_it_is_published(
        self, editor_client, decided
    ):
        traffic = decided.claims["traffic"]
        (row,) = csv_rows(editor_client.get(CSV_URL, {"q": "every day"}))
        newest = traffic.verdicts.order_by("-created_at", "-id").first()
        publication = Publication.objects.get(claim=traffic)
        assert (row["verdict"], row["reviewer"]) == ("Confirmed", "sam")
        assert row["decided_at"] == newest.created_at.isoformat()
        assert row["public_note"] == PUBLIC_NOTE
        assert row["cited_passages"] == (
            "Coastline Radio: “Roughly 40,000 vehicles use the bridge daily.” | Valley Wire: "
            "“The Harbor Bridge, which carries about 40,000 vehicles a day, is set to close in "
            "March for repairs.”"
        )
        assert (row["publication"], row["published_at"]) == (
            "published", publication.created_at.isoformat(),
        )  # fmt: skip
        assert row["public_url"] == f"http://testserver/fact-checks/{traffic.pk}/"
        assert (row["headline"], row["url"]) == (
            "Harbor Bridge to close for 18 months", "https://alder-gazette.example/bridge",
        )  # fmt: skip

    def test_the_json_says_the_same(self, editor_client, decided):
        traffic = decided.claims["traffic"]
        document = json.loads(body(editor_client.get(JSON_URL, {"q": "every day"})))
        (claim,) = document["claims"]
        verdict = claim["verdict"]
        assert (verdict["status"], verdict["reviewer"], verdict["public_note"]) == (
            "confirmed", "sam", PUBLIC_NOTE,
        )  # fmt: skip
        assert "internal_note" not in verdict
        assert [(c["outlet"], c["relation"], c["text"][:18]) for c in verdict["cited"]] == [
            ("Coastline Radio", "supports", "Roughly 40,000 veh"),
            ("Valley Wire", "supports", "The Harbor Bridge,"),
        ]
        assert claim["publication"]["state"] == "published"
        assert claim["publication"]["url"] == f"http://testserver/fact-checks/{traffic.pk}/"
        (article,) = document["articles"]
        assert article["url"] == "https://alder-gazette.example/bridge"

    @pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
    def test_an_internal_note_never_leaves_in_the_desk_export(self, editor_client, decided, url):
        exported = body(editor_client.get(url))
        assert "zq-internal" not in exported
        assert PUBLIC_NOTE in exported

    def test_the_internal_export_carries_internal_notes_in_their_own_column(
        self, editor_client, decided
    ):
        rows = {row["text"][:20]: row for row in csv_rows(editor_client.get(INTERNAL_CSV_URL))}
        quote = rows[decided.claims["quote"].text[:20]]
        assert (quote["internal_note"], quote["public_note"]) == (INTERNAL_NOTE, "")
        traffic = rows[decided.claims["traffic"].text[:20]]
        assert (traffic["internal_note"], traffic["public_note"]) == ("", PUBLIC_NOTE)
        document = json.loads(body(editor_client.get(INTERNAL_JSON_URL, {"q": "no choice"})))
        assert document["claims"][0]["verdict"]["internal_note"] == INTERNAL_NOTE
        response = editor_client.get(INTERNAL_CSV_URL)
        assert "claims-internal-" in response["Content-Disposition"]

    def test_the_command_writes_internal_notes_only_when_asked(self, decided, tmp_path):
        from django.core.management import call_command

        desk, internal = tmp_path / "desk.csv", tmp_path / "internal.csv"
        call_command(
            "export_claims", "--format", "csv", "--output", str(desk), stderr=io.StringIO()
        )
        call_command("export_claims", "--format", "csv", "--internal", "--output", str(internal),
                     stderr=io.StringIO())  # fmt: skip
        assert "zq-internal" not in desk.read_text()
        assert "zq-internal" in internal.read_text()


class TestSpreadsheetSafety:
    """A cell starting with =, +, -, @ (or a tab or return) would run as a formula in a
    spreadsheet: it is written as text, with a leading apostrophe."""

    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
    def test_formula_like_cells_are_neutralised(self, editor_client, start):
        text = f'{start}HYPERLINK("http://evil.example","4,200 drivers walked out")'
        claim = ClaimFactory(
            article__body=f"Intro. {text}", sentence=text, attribution=f"{start}cmd|' /C calc'!A0"
        )
        record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=EditorFactory(),
                       note=f"{start}1+1", note_is_internal=False)  # fmt: skip
        (row,) = csv_rows(editor_client.get(CSV_URL))
        assert row["text"] == f"'{text}"
        assert row["attribution"] == f"'{start}cmd|' /C calc'!A0"
        assert row["public_note"] == f"'{start}1+1"

    def test_ordinary_text_and_numbers_are_left_alone(self, editor_client, newsroom):
        rows = csv_rows(editor_client.get(CSV_URL))
        assert not any(value.startswith("'") for row in rows for value in row.values())

    def test_json_is_left_as_it_is(self, editor_client):
        text = "=SUM(A1:A2) drivers walked out."
        ClaimFactory(article__body=f"Intro. {text}", sentence=text)
        document = json.loads(body(editor_client.get(JSON_URL)))
        assert document["claims"][0]["text"] == text


class TestDownloads:
    def test_downloads_are_streamed_attachments(self, editor_client, newsroom):
        for url, kind, extension in [
            (CSV_URL, "text/csv; charset=utf-8", "csv"),
            (JSON_URL, "application/json", "json"),
        ]:
            response = editor_client.get(url)
            assert response.status_code == 200
            assert response.streaming
            assert response["Content-Type"] == kind
            assert re.fullmatch(
                rf'attachment; filename="claims-\d{{4}}-\d\d-\d\d-\d{{4}}\.{extension}"',
                response["Content-Disposition"],
            )

    @pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
    def test_a_filter_it_does_not_understand_is_a_400_with_a_message(
        self, editor_client, newsroom, url
    ):
        response = editor_client.get(url, {"status": "sideways", "kind": "quantity"})
        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        text = response.content.decode()
        assert text.startswith("Nothing was exported: some filters were not understood.")
        assert "Status: Select a valid choice. sideways is not one of the available choices." in (
            text
        )

    @pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
    def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(self, client, newsroom, url):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"

    def test_viewers_may_export(self, client, newsroom):
        client.force_login(ViewerFactory())
        assert len(csv_rows(client.get(CSV_URL))) == 9

    def test_only_get_and_head(self, editor_client, newsroom):
        assert editor_client.post(CSV_URL).status_code == 405


class TestExportLinks:
    def export_links(self, page: str) -> dict[str, str]:
        links = re.findall(r'<a href="([^"]+)" download>((?:Export|Internal) \w+)</a>', page)
        return {label: unescape(href) for href, label in links}

    def test_the_queue_links_carry_its_filters_and_sort_but_not_its_page(
        self, editor_client, newsroom
    ):
        page = editor_client.get(
            reverse("claim_queue"), {"kind": "quantity", "o": "-evidence", "page": 1}
        ).content.decode()
        assert self.export_links(page) == {
            "Export CSV": f"{CSV_URL}?kind=quantity&o=-evidence",
            "Export JSON": f"{JSON_URL}?kind=quantity&o=-evidence",
            "Internal CSV": f"{INTERNAL_CSV_URL}?kind=quantity&o=-evidence",
            "Internal JSON": f"{INTERNAL_JSON_URL}?kind=quantity&o=-evidence",
        }

    def test_filtering_with_htmx_brings_updated_links(self, editor_client, newsroom):
        fragment = editor_client.get(
            reverse("claim_queue"), {"status": "disputed"}, headers=HTMX
        ).content.decode()
        assert self.export_links(fragment)["Export CSV"] == f"{CSV_URL}?status=disputed"

    def test_an_unfiltered_queue_exports_everything(self, editor_client, newsroom):
        page = editor_client.get(reverse("claim_queue")).content.decode()
        assert self.export_links(page)["Export JSON"] == f"{JSON_URL}?"

    def test_no_links_while_a_filter_is_not_understood(self, editor_client, newsroom):
        page = editor_client.get(reverse("claim_queue"), {"status": "sideways"}).content.decode()
        assert self.export_links(page) == {}
        assert "Exports need filters it understands." in page


# --- Many claims ---------------------------------------------------------------------------


SENTENCE = "Claim {number:06d} says {number} buses ran on route {route}."


def story_with_claims(count: int, per_article: int = 100):
    """A story of count claims, per_article to an article of ordinary length, each
    with a passage in the story's next article (every third contradicting)."""
    story = StoryFactory()
    outlet = OutletFactory()
    articles, texts = [], []
    for first in range(0, count, per_article):
        sentences = [
            SENTENCE.format(number=n, route=n % 40) for n in range(first, first + per_article)
        ]
        text = " ".join(sentences)
        digest = hashlib.sha256(f"{story.pk} {first}".encode()).hexdigest()
        articles.append(
            Article(
                outlet=outlet,
                story=story,
                body=text,
                raw_text=text,
                source=f"{digest}.txt",
                content_hash=digest,
            )
        )
        texts.append(sentences)
    articles = Article.objects.bulk_create(articles)
    claims = Claim.objects.bulk_create(
        (
            Claim(
                article=article,
                text=sentence,
                start=article.body.index(sentence),
                end=article.body.index(sentence) + len(sentence),
                kind="quantity",
            )
            for article, sentences in zip(articles, texts, strict=True)
            for sentence in sentences
        ),
        batch_size=2000,
    )
    Evidence.objects.bulk_create(
        (
            Evidence(
                claim=claim,
                article=articles[(index // per_article + 1) % len(articles)],
                text=claim.text[:5],
                start=0,
                end=5,
                relation=Relation.CONTRADICTS if index % 3 == 0 else Relation.SUPPORTS,
                score=0.5,
            )
            for index, claim in enumerate(claims)
        ),
        batch_size=2000,
    )
    return story


def peak_while_exporting(client, url: str, params: dict) -> tuple[int, int]:
    """(peak bytes allocated, bytes exported) while the whole download is read."""
    gc.collect()
    tracemalloc.start()
    try:
        exported = sum(len(piece) for piece in client.get(url, params).streaming_content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, exported


class TestManyClaims:
    @pytest.mark.parametrize("url", [CSV_URL, JSON_URL], ids=["csv", "json"])
    def test_memory_stays_flat_as_the_export_grows_four_times(self, editor_client, url):
        """Peak memory is a chunk's worth, not the export's: 20,000 claims cost about
        what 5,000 do. (Measured: about 9 MB for either, exporting 0.9 to 7 MB.)"""
        small, large = story_with_claims(5_000), story_with_claims(20_000)

        small_peak, small_size = peak_while_exporting(editor_client, url, {"story": small.pk})
        large_peak, large_size = peak_while_exporting(editor_client, url, {"story": large.pk})

        assert large_size > 3.9 * small_size  # four times the rows, four times the bytes
        assert large_peak < 1.25 * small_peak, (small_peak, large_peak)

    def test_queries_grow_by_three_a_chunk_not_one_a_claim(self, editor_client, monkeypatch):
        monkeypatch.setattr(exports, "CHUNK", 10)
        few, many = story_with_claims(5, per_article=5), story_with_claims(35, per_article=5)
        reviewer = EditorFactory()
        for claim in Claim.objects.all():  # every claim decided, citing its passage
            record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=reviewer,
                           cited_evidence=list(claim.evidence.all()))  # fmt: skip

        def queries(story) -> int:
            with CaptureQueriesContext(connection) as captured:
                rows = csv_rows(editor_client.get(CSV_URL, {"story": story.pk}))
            assert len(rows) == Claim.objects.for_story(story).count()
            return len(captured)

        # Chunks of 10: 1 against 4; each chunk reads its passages, verdicts and citations.
        assert queries(many) - queries(few) == 3 * 3
