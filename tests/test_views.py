"""The editors' workbench, screen by screen, as a newsroom would use it.

Data: a fictional story three outlets covered (tests/fictional_story.py). An
HTMX request asks for a fragment (no <html>); a plain request gets the page.
"""

import logging
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article, Outlet
from factcheck.models import Citation, ClaimStatus, NotAClaim, Relation, Status, Verdict
from factcheck.services import mark_not_a_claim, record_verdict

from .factories import (
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    EvidenceFactory,
    OutletFactory,
    StoryFactory,
)
from .fictional_story import article_with_many_claims, build_fictional_story

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


# --- Reading the pages --------------------------------------------------------------


class TableReader(HTMLParser):
    """Rows of every table as lists of whitespace-normalised cell texts."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def rows(response) -> list[list[str]]:
    reader = TableReader()
    reader.feed(response.content.decode())
    return reader.rows


def row_with(response, text: str) -> list[str]:
    (row,) = [row for row in rows(response) if any(text in cell for cell in row)]
    return row


def html(response) -> str:
    return response.content.decode()


def is_full_page(response) -> bool:
    return "<html" in html(response)


# --- Fixtures -----------------------------------------------------------------------


@pytest.fixture
def newsroom():
    return build_fictional_story()


def page_url(name: str, newsroom) -> str:
    cost = newsroom.claims["cost"]
    return {
        "story_list": reverse("story_list"),
        "article_reader": reverse("article_reader", args=[cost.article_id]),
        "claim_queue": reverse("claim_queue"),
        "claim_panel": reverse("claim_panel", args=[cost.pk]),
        "claim_history": reverse("claim_history", args=[cost.pk]),
        "story_coverage": reverse("story_coverage", args=[newsroom.story.pk]),
    }[name]


# The region each page's HTMX fragment replaces.
FRAGMENTS = {
    "story_list": 'id="stories"',
    "article_reader": 'id="article-text"',
    "claim_queue": 'id="queue-results"',
    "claim_panel": 'class="claim-panel"',
    "claim_history": 'class="history"',
    "story_coverage": 'id="matrix"',
}
PAGES = list(FRAGMENTS)


def verdict_url(claim) -> str:
    return reverse("record_verdict", args=[claim.pk])


def panel_of(claim, client) -> str:
    return html(client.get(reverse("claim_panel", args=[claim.pk]), headers=HTMX))


def text_of(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def conflict_sides(page: str) -> list[str]:
    """The two sides of a 409: the colleague's recorded verdict and the editor's unsaved one."""
    sides = re.findall(r'<section class="conflict-side[^"]*"[^>]*>(.*?)</section>', page, re.S)
    return [text_of(side) for side in sides]


def announced(body: str) -> str:
    """What the page's status region is told (an out-of-band swap of #announcer)."""
    match = re.search(r'<div id="announcer"[^>]*hx-swap-oob="innerHTML">(.*?)</div>', body, re.S)
    return text_of(match[1]) if match else ""


class FormReader(HTMLParser):
    """The fields a browser would post for a form (by id), pressing one button."""

    def __init__(self, form_id: str, button: str):
        super().__init__()
        self.form_id, self.button = form_id, button
        self.inside, self.data = False, {}
        self.textarea, self.in_button, self.button_attrs = None, False, {}

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        owned = self.inside or attrs.get("form") == self.form_id
        if not owned or "name" not in attrs:
            if tag == "button" and attrs.get("form") == self.form_id:
                self.in_button, self.button_attrs = True, attrs
            return
        if tag == "input" and attrs.get("type") == "checkbox":
            if "checked" in attrs:
                self.add(attrs["name"], attrs.get("value", "on"))
        elif tag == "input":
            self.add(attrs["name"], attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.add(self.textarea, "")
        elif tag == "button":
            self.in_button, self.button_attrs = True, attrs

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data
        if self.in_button and data.strip() and self.button in data:
            self.add(self.button_attrs["name"], self.button_attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        if tag == "textarea" and self.textarea:
            self.data[self.textarea][-1] = self.data[self.textarea][-1].removeprefix("\n")
            self.textarea = None
        if tag == "button":
            self.in_button = False


def form_as_rendered(page: str, button: str) -> dict[str, list[str]]:
    form_id = re.search(r'<form id="(verdict-form-\d+)"', page)[1]
    reader = FormReader(form_id, button)
    reader.feed(page)
    assert "status" in reader.data, f"no button {button!r}"
    return reader.data


# --- Every page ---------------------------------------------------------------------


class TestEveryPage:
    @pytest.mark.parametrize("name", PAGES)
    def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(self, client, newsroom, name):
        url = page_url(name, newsroom)
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"

    @pytest.mark.parametrize("name", PAGES)
    def test_a_plain_request_gets_the_whole_page(self, editor_client, newsroom, name):
        response = editor_client.get(page_url(name, newsroom))
        assert response.status_code == 200
        assert is_full_page(response)
        assert FRAGMENTS[name] in html(response)
        assert "HX-Request" in response["Vary"]

    @pytest.mark.parametrize("name", PAGES)
    def test_an_htmx_request_gets_only_the_fragment(self, editor_client, newsroom, name):
        response = editor_client.get(page_url(name, newsroom), headers=HTMX)
        assert response.status_code == 200
        assert not is_full_page(response)
        assert html(response).lstrip().startswith("<")
        assert FRAGMENTS[name] in html(response)
        assert "HX-Request" in response["Vary"]

    @pytest.mark.parametrize("name", PAGES)
    def test_restoring_browser_history_gets_the_whole_page(self, editor_client, newsroom, name):
        headers = {**HTMX, "HX-History-Restore-Request": "true"}
        response = editor_client.get(page_url(name, newsroom), headers=headers)
        assert is_full_page(response)

    @pytest.mark.parametrize("name", PAGES)
    def test_no_inline_styles_or_scripts_for_the_content_security_policy(
        self, editor_client, newsroom, name
    ):
        record_verdict(
            claim=newsroom.claims["cost"], status=Status.DISPUTED, reviewer=EditorFactory()
        )
        page = html(editor_client.get(page_url(name, newsroom)))
        assert not re.search(r"\sstyle=", page)
        assert "<style" not in page
        assert "{#" not in page
        assert "{%" not in page
        assert not re.search(r"\son[a-z]+=", page)
        assert "javascript:" not in page
        scripts = re.findall(r"<script[^>]*>", page)
        assert scripts and all("src=" in tag for tag in scripts)

    @pytest.mark.parametrize("name", PAGES)
    def test_viewers_read_every_page(self, viewer_client, newsroom, name):
        assert viewer_client.get(page_url(name, newsroom)).status_code == 200

    def test_unknown_ids_are_not_found(self, editor_client):
        for name in ["article_reader", "claim_panel", "claim_history", "story_coverage"]:
            assert editor_client.get(reverse(name, args=[999_999])).status_code == 404


# --- Stories and articles -------------------------------------------------------------


class TestStoryList:
    def test_each_story_shows_its_outlets_articles_dates_and_claim_counts(
        self, editor_client, newsroom
    ):
        response = editor_client.get(reverse("story_list"))
        page = html(response)

        assert "Harbor Bridge closes for repairs" in page
        assert "Alder Gazette, Coastline Radio, Valley Wire" in page
        assert "1 Mar 2025 – 2 Mar 2025" in page
        assert row_with(response, "Harbor Bridge to close for 18 months") == [
            "Alder Gazette",
            "1 Mar 2025",
            "PORT ALDER",
            "Harbor Bridge to close for 18 months",
            "4",
            "1",
            "0 0 of 4",
        ]
        reader = reverse("article_reader", args=[newsroom.articles["gazette"].pk])
        assert f'href="{reader}"' in page
        assert reverse("story_coverage", args=[newsroom.story.pk]) in page

    def test_review_progress_counts_claims_with_a_verdict_by_status(
        self, editor_client, newsroom, editor
    ):
        record_verdict(claim=newsroom.claims["cost"], status=Status.DISPUTED, reviewer=editor)
        record_verdict(claim=newsroom.claims["traffic"], status=Status.CONFIRMED, reviewer=editor)
        record_verdict(claim=newsroom.claims["quote"], status=Status.CONFIRMED, reviewer=editor)

        page = html(editor_client.get(reverse("story_list")))

        assert "3 of 9 claims decided" in page
        assert "2 confirmed" in page
        assert "1 disputed" in page
        assert "6 pending" in page
        # The bar is an SVG drawn with attributes: 2/9 confirmed, then 1/9 disputed.
        assert 'class="bar-confirmed" x="0.00" y="0" width="22.22"' in page
        assert 'class="bar-disputed" x="22.22" y="0" width="11.11"' in page

    def test_articles_without_a_story_are_unassigned(self, editor_client, newsroom):
        ArticleFactory(story=None, headline="A stray article", outlet=OutletFactory(name="Tribune"))
        response = editor_client.get(reverse("story_list"))
        assert "Unassigned" in html(response)
        assert row_with(response, "A stray article")[0] == "Tribune"

    def test_a_story_without_claims_says_so(self, editor_client):
        ArticleFactory(story=StoryFactory(title="Quiet news"))
        assert "No claims found yet" in html(editor_client.get(reverse("story_list")))

    def test_an_empty_newsroom_explains_how_to_import(self, editor_client):
        assert "import_articles" in html(editor_client.get(reverse("story_list")))


# --- Article reader -----------------------------------------------------------------


class TestReader:
    def url(self, article, claim=None):
        url = reverse("article_reader", args=[article.pk])
        return f"{url}?claim={claim.pk}" if claim else url

    def test_every_claim_is_highlighted_in_place_with_its_status_in_words(
        self, editor_client, newsroom, editor
    ):
        record_verdict(claim=newsroom.claims["cost"], status=Status.DISPUTED, reviewer=editor)
        gazette = newsroom.articles["gazette"]

        page = html(editor_client.get(self.url(gazette)))

        for key in ["closure", "traffic", "cost", "largest"]:
            claim = newsroom.claims[key]
            mark = re.search(rf'<a id="claim-mark-{claim.pk}" class="([^"]+)"[^>]*>(.*?)</a>', page)
            assert mark, key
            status = "disputed" if key == "cost" else "pending"
            assert f"status-{status}" in mark[1]
            assert f">{status.capitalize()}<" in mark[2]
        assert "PORT ALDER -- <a" in page  # the text around the claims is kept

    def test_the_text_stays_exactly_as_written_around_the_marks(self, editor_client, newsroom):
        gazette = newsroom.articles["gazette"]
        page = html(editor_client.get(self.url(gazette)))
        text = re.search(r'<div id="article-text"[^>]*>(.*?)</div>', page, re.S)[1]
        text = re.sub(r'<span class="claim-status">.*?</span></span>', "", text)
        text = re.sub(r"<[^>]+>", "", text).replace("&#x27;", "'")
        assert text == gazette.body

    def test_article_text_is_escaped(self, editor_client):
        body = "Officials said <script>alert('x')</script> & <b>4,200</b> drivers walked out."
        claim = ClaimFactory(
            article=ArticleFactory(body=body), sentence="<b>4,200</b> drivers walked out."
        )
        page = html(editor_client.get(self.url(claim.article)))
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; " in page
        assert "&lt;b&gt;4,200&lt;/b&gt; drivers walked out." in page

    def test_removed_boilerplate_is_folded_away(self, editor_client, newsroom):
        page = html(editor_client.get(self.url(newsroom.articles["gazette"])))
        details = re.search(r"<details.*?</details>", page, re.S)[0]
        assert "Subscribe to the Gazette for $1 a week" in details
        assert "<details open" not in page

    def test_a_claim_links_to_its_panel_with_and_without_javascript(self, editor_client, newsroom):
        cost = newsroom.claims["cost"]
        page = html(editor_client.get(self.url(cost.article)))
        mark = re.search(rf'<a id="claim-mark-{cost.pk}"[^>]*>', page)[0]
        assert f'href="{self.url(cost.article, cost)}"' in mark
        assert f'hx-get="{reverse("claim_panel", args=[cost.pk])}"' in mark
        assert 'hx-target="#panel"' in mark

    def test_naming_a_claim_opens_its_panel_beside_the_text(self, editor_client, newsroom):
        cost = newsroom.claims["cost"]
        page = html(editor_client.get(self.url(cost.article, cost)))
        panel = page[page.index('<aside id="panel"') :]
        assert f'data-claim="{cost.pk}"' in panel
        assert "Coastline Radio" in panel

    def test_it_links_to_the_storys_previous_and_next_articles(self, editor_client, newsroom):
        radio = html(editor_client.get(self.url(newsroom.articles["radio"])))
        gazette, wire = newsroom.articles["gazette"], newsroom.articles["wire"]
        previous = f'<a href="{self.url(gazette)}" rel="prev" data-claims-page>← Alder Gazette</a>'
        following = f'<a href="{self.url(wire)}" rel="next" data-claims-page>Valley Wire →</a>'
        assert previous in radio
        assert following in radio
        first = html(editor_client.get(self.url(gazette)))
        assert 'rel="prev"' not in first
        assert 'rel="next"' in first

    def test_a_claim_of_another_article_opens_no_panel(self, editor_client, newsroom):
        response = editor_client.get(
            self.url(newsroom.articles["gazette"], newsroom.claims["quote"])
        )
        assert response.status_code == 200
        assert 'class="claim-panel"' not in html(response)


# --- Claim queue ----------------------------------------------------------------------


class TestQueue:
    def claims_listed(self, response) -> list[str]:
        return [unescape(text) for text in re.findall(r"data-claim-open>(.*?)</a>", html(response))]

    def test_all_claims_are_listed_with_outlet_kind_statuses_and_evidence(
        self, editor_client, newsroom, editor
    ):
        record_verdict(claim=newsroom.claims["cost"], status=Status.DISPUTED, reviewer=editor)
        response = editor_client.get(reverse("claim_queue"))

        assert len(self.claims_listed(response)) == 9
        row = row_with(response, "Repairs will cost $120 million")
        assert row[0].endswith(
            "Alder Gazette · Figure · the authority · Harbor Bridge to close for 18 months"
        )
        assert row[1:4] == ["Disputed", "Disputed", "1 1 contradicts"]
        assert row[4].startswith("erin ")

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"status": "disputed"}, ["cost"]),
            ({"suggested_status": "unsourced"}, ["largest", "quote"]),
            ({"kind": "date"}, ["closure", "radio_closure"]),
            ({"has_contradiction": "yes"}, ["cost", "radio_cost"]),
            ({"q": "40,000 vehicles"}, ["traffic", "radio_traffic", "wire_traffic"]),
            ({"q": "spokesperson"}, ["radio_cost"]),
            ({"q": "mayor calder"}, ["quote"]),
        ],
    )
    def test_filters(self, editor_client, newsroom, editor, params, expected):
        record_verdict(claim=newsroom.claims["cost"], status=Status.DISPUTED, reviewer=editor)
        response = editor_client.get(reverse("claim_queue"), params)
        wanted = {newsroom.claims[key].text for key in expected}
        assert set(self.claims_listed(response)) == wanted

    def test_filter_by_outlet_article_and_story(self, editor_client, newsroom):
        other_story = ClaimFactory(article__story=StoryFactory(title="Another story"))
        queue = reverse("claim_queue")
        by_outlet = editor_client.get(queue, {"outlet": newsroom.outlets["wire"].pk})
        assert set(self.claims_listed(by_outlet)) == {
            newsroom.claims["wire_traffic"].text,
            newsroom.claims["quote"].text,
        }
        by_article = editor_client.get(queue, {"article": newsroom.articles["radio"].pk})
        assert len(self.claims_listed(by_article)) == 3
        by_story = editor_client.get(queue, {"story": newsroom.story.pk})
        assert len(self.claims_listed(by_story)) == 9
        assert other_story.text not in html(by_story)

    def test_filter_without_contradiction_and_by_reviewer(self, editor_client, newsroom, editor):
        record_verdict(claim=newsroom.claims["quote"], status=Status.UNSOURCED, reviewer=editor)
        record_verdict(
            claim=newsroom.claims["largest"], status=Status.UNSOURCED, reviewer=EditorFactory()
        )
        queue = reverse("claim_queue")
        assert len(self.claims_listed(editor_client.get(queue, {"has_contradiction": "no"}))) == 7
        by_erin = editor_client.get(queue, {"reviewer": editor.pk})
        assert self.claims_listed(by_erin) == [newsroom.claims["quote"].text]

    def test_sorting_by_a_column_and_back(self, editor_client, newsroom):
        queue = reverse("claim_queue")
        ascending = editor_client.get(queue, {"o": "claim"})
        descending = editor_client.get(queue, {"o": "-claim"})
        texts = sorted(claim.text for claim in newsroom.claims.values())
        assert self.claims_listed(ascending) == texts
        assert self.claims_listed(descending) == texts[::-1]
        assert (
            '<th scope="col" class="column-claim" aria-sort="ascending"><a href="?o=-claim"'
            in html(ascending)
        )

    def test_ordering_by_outlet_or_kind_for_the_whole_row(self, editor_client, newsroom):
        queue = reverse("claim_queue")
        by_outlet = editor_client.get(queue, {"o": "-outlet"})
        assert self.claims_listed(by_outlet)[0] in {
            newsroom.claims["wire_traffic"].text,
            newsroom.claims["quote"].text,
        }
        page = html(editor_client.get(queue, {"kind": "quantity", "o": "kind"}))
        assert '<a href="?kind=quantity&amp;o=contradicted"' in page
        assert '<a href="?kind=quantity&amp;o=kind" hx-get' in page

    def test_contradicted_first_puts_contradicted_claims_on_top_in_the_usual_order(
        self, editor_client, newsroom
    ):
        listed = self.claims_listed(
            editor_client.get(reverse("claim_queue"), {"o": "contradicted"})
        )
        contradicted = [newsroom.claims["cost"].text, newsroom.claims["radio_cost"].text]
        assert listed[:2] == contradicted
        usual = self.claims_listed(editor_client.get(reverse("claim_queue")))
        assert listed[2:] == [text for text in usual if text not in contradicted]

    def test_sort_links_keep_the_filters_and_the_filters_keep_the_sort(
        self, editor_client, newsroom
    ):
        page = html(editor_client.get(reverse("claim_queue"), {"kind": "quantity", "o": "claim"}))
        assert 'href="?kind=quantity&amp;o=-claim"' in page
        assert '<input type="hidden" name="o" value="claim" form="queue-filters">' in page

    def test_fifty_claims_a_page(self, editor_client):
        article = article_with_many_claims(60)
        queue = reverse("claim_queue")
        first = editor_client.get(queue, {"article": article.pk})
        second = editor_client.get(queue, {"article": article.pk, "page": 2})
        assert len(self.claims_listed(first)) == 50
        assert len(self.claims_listed(second)) == 10
        assert "page 1 of 2" in html(first)
        assert f'href="?article={article.pk}&amp;page=2"' in html(first)

    def test_filtering_through_htmx_swaps_the_results_and_pushes_the_url(
        self, editor_client, newsroom
    ):
        page = html(editor_client.get(reverse("claim_queue")))
        form = re.search(r'<form id="queue-filters"[^>]*>', page)[0]
        assert 'hx-target="#queue-results"' in form
        assert 'hx-push-url="true"' in form
        assert 'method="get"' in form

        fragment = editor_client.get(reverse("claim_queue"), {"kind": "quote"}, headers=HTMX)
        assert self.claims_listed(fragment) == [newsroom.claims["quote"].text]
        assert 'id="queue-filters"' not in html(fragment)

    def test_a_filter_it_does_not_understand_is_reported(self, editor_client, newsroom):
        response = editor_client.get(reverse("claim_queue"), {"status": "sideways"})
        assert response.status_code == 400
        assert "sideways is not one of the available choices" in html(response)

    def test_rows_open_the_claim_panel_in_the_queue(self, editor_client, newsroom):
        cost = newsroom.claims["cost"]
        page = html(editor_client.get(reverse("claim_queue"), {"kind": "quantity"}))
        row = re.search(rf'<tr id="claim-row-{cost.pk}".*?</tr>', page, re.S)[0]
        assert f'hx-get="{reverse("claim_panel", args=[cost.pk])}"' in row
        assert f'href="?kind=quantity&amp;claim={cost.pk}"' in row  # without JavaScript

    def test_the_opened_claim_is_in_the_url_and_opens_with_the_page(self, editor_client, newsroom):
        cost = newsroom.claims["cost"]
        queue = reverse("claim_queue")
        page = html(editor_client.get(queue, {"kind": "quantity", "claim": cost.pk}))
        panel = page[page.index('<aside id="panel"') :]
        assert f'<article class="claim-panel" data-claim="{cost.pk}"' in panel
        close = re.search(r'<a class="panel-close" href="([^"]+)"', panel)[1]
        assert unescape(close) == f"{queue}?kind=quantity"

        fragment = editor_client.get(
            reverse("claim_panel", args=[cost.pk]),
            headers={**HTMX, "HX-Current-URL": f"http://testserver{queue}?kind=quantity&page=1"},
        )
        assert fragment["HX-Replace-Url"] == f"{queue}?kind=quantity&page=1&claim={cost.pk}"
        from_reader = editor_client.get(reverse("claim_panel", args=[cost.pk]), headers=HTMX)
        assert "HX-Replace-Url" not in from_reader

    def test_blank_filters_leave_the_url(self, editor_client, newsroom):
        queue = reverse("claim_queue")
        plain = editor_client.get(queue, {"q": "", "status": "", "kind": "quote", "o": ""})
        assert (plain.status_code, plain.url) == (302, f"{queue}?kind=quote")
        htmx = editor_client.get(queue, {"q": "", "kind": "quote"}, headers=HTMX)
        assert htmx.status_code == 200
        assert htmx["HX-Push-Url"] == f"{queue}?kind=quote"


# --- Claim panel ----------------------------------------------------------------------


class TestClaimPanel:
    def test_the_claim_in_its_paragraph_and_what_each_other_outlet_says(
        self, editor_client, newsroom
    ):
        panel = panel_of(newsroom.claims["traffic"], editor_client)

        assert (
            "<p>PORT ALDER -- The Harbor Bridge will close for 18 months starting March 3, the "
            'transit authority said on Tuesday. <mark class="claim-in-paragraph status-pending">'
            "About 40,000 vehicles cross the bridge every day.</mark></p>"
        ) in panel
        columns = re.findall(r'<section class="outlet-column[^"]*" aria-label="([^"]+)"', panel)
        assert columns == ["Coastline Radio", "Valley Wire"]
        assert "Roughly <mark>40,000 vehicles</mark> use the bridge daily." in panel
        assert "both give 40,000 vehicles a day" in panel
        assert '<span class="badge relation-supports">Supports</span>' in panel

    def test_a_contradiction_and_the_suggested_status_with_its_reasons(
        self, editor_client, newsroom
    ):
        panel = panel_of(newsroom.claims["cost"], editor_client)
        assert '<span class="badge relation-contradicts">Contradicts</span>' in panel
        assert "The repairs are expected to <mark>cost $95 million</mark>" in panel
        assert "$95 million against $120 million" in panel
        assert 'Suggested: <span class="badge status-disputed">Disputed</span>' in panel
        assert "Coastline Radio gives $95 million" in panel

    def test_evidence_text_is_escaped_around_and_inside_the_highlights(self, editor_client):
        body = 'Police said "<i>3,900</i>" drivers & staff struck.'
        evidence = EvidenceFactory(
            article__body=body,
            sentence='"<i>3,900</i>" drivers & staff struck.',
            highlights=[[1, 13], [15, 22]],
            relation=Relation.CONTRADICTS,
        )
        panel = panel_of(evidence.claim, editor_client)
        assert (
            "&quot;<mark>&lt;i&gt;3,900&lt;/i&gt;</mark>&quot; <mark>drivers</mark> &amp; staff"
        ) in panel
        assert "<i>3,900" not in panel

    def test_editors_get_the_verdict_form(self, editor_client, newsroom):
        claim = newsroom.claims["cost"]
        panel = panel_of(claim, editor_client)
        for label in ["Confirmed", "Disputed", "Unsourced"]:
            assert f'name="status" value="{label.lower()}"' in panel
            assert f">{label} <kbd" in panel
        assert '<textarea name="note"' in panel
        assert re.search(r'<input type="checkbox" name="note_is_internal"[^>]* checked>', panel)
        cite = newsroom.evidence["cost_radio"].pk
        assert f'name="cited_evidence" value="{cite}" form="verdict-form-{claim.pk}"' in panel
        assert f'hx-post="{verdict_url(claim)}"' in panel
        assert f'action="{verdict_url(claim)}"' in panel
        assert 'name="seen_verdict"' in panel

    def test_viewers_see_no_buttons_and_no_form(self, viewer_client, newsroom):
        panel = panel_of(newsroom.claims["cost"], viewer_client)
        assert "Coastline Radio" in panel
        assert "<form" not in panel
        assert "<button" not in panel
        assert 'name="cited_evidence"' not in panel
        assert "only editors record verdicts" in panel

    def test_a_claim_nobody_else_reports(self, editor_client, newsroom):
        panel = panel_of(newsroom.claims["largest"], editor_client)
        assert "No other outlet has a passage on this claim." in panel


# --- Recording a verdict ----------------------------------------------------------------


class TestRecordVerdict:
    def test_with_htmx_the_panel_row_and_highlight_come_back_updated(
        self, editor_client, newsroom, editor
    ):
        cost = newsroom.claims["cost"]
        cited = newsroom.evidence["cost_radio"]

        response = editor_client.post(
            verdict_url(cost),
            {
                "status": "disputed",
                "note": "Radio has $95m from the spokesperson.",
                "note_is_internal": "on",
                "cited_evidence": [cited.pk],
                "on_page": ["row", "mark"],
            },
            headers=HTMX,
        )

        assert response.status_code == 200
        body = html(response)
        assert not is_full_page(response)
        assert body.startswith(f'\n<article class="claim-panel" data-claim="{cost.pk}"')
        assert "Recorded: Disputed." in body
        assert f'<template><tr id="claim-row-{cost.pk}"' in body
        row = re.search(rf'<tr id="claim-row-{cost.pk}"[^>]*>', body)[0]
        assert 'hx-swap-oob="true"' in row
        mark = re.search(rf'<a id="claim-mark-{cost.pk}"[^>]*>(.*?)</a>', body)
        assert 'hx-swap-oob="true"' in mark[0]
        assert "status-disputed" in mark[0]
        assert mark[1].startswith("Repairs will cost $120 million, according to the authority.")
        assert ">Disputed<" in mark[1]
        progress = body[body.index('<div id="reader-progress" hx-swap-oob="true">') :]
        assert "1 of 4 claims decided" in progress

        verdict = Verdict.objects.get()
        assert (verdict.claim, verdict.status, verdict.reviewer) == (cost, "disputed", editor)
        assert verdict.note == "Radio has $95m from the spokesperson."
        assert verdict.note_is_internal
        assert list(verdict.cited_evidence.all()) == [cited]
        cost.refresh_from_db()
        assert cost.status == ClaimStatus.DISPUTED

    def test_the_new_panel_shows_the_verdict_in_its_history_and_expects_it_next(
        self, editor_client, newsroom
    ):
        cost = newsroom.claims["cost"]
        response = editor_client.post(verdict_url(cost), {"status": "confirmed"}, headers=HTMX)
        verdict = Verdict.objects.get()
        assert f'name="seen_verdict" value="{verdict.pk}"' in html(response)
        assert "<strong>erin</strong>" in html(response)

    def test_only_the_copies_the_page_shows_are_sent(self, editor_client, newsroom):
        response = editor_client.post(
            verdict_url(newsroom.claims["cost"]), {"status": "confirmed"}, headers=HTMX
        )
        swapped = re.findall(r'<[^>]+hx-swap-oob="[^"]+"[^>]*>', html(response))
        assert [re.search(r'id="([^"]+)"', tag)[1] for tag in swapped] == ["announcer"]

    def test_without_javascript_it_redirects_to_the_reader_with_a_message(
        self, editor_client, newsroom
    ):
        cost = newsroom.claims["cost"]
        response = editor_client.post(
            verdict_url(cost), {"status": "unsourced", "note": "Nobody else has the figure."}
        )
        assert response.status_code == 302
        assert response.url == cost.get_absolute_url()

        page = html(editor_client.get(response.url))
        assert "Recorded Unsourced: “Repairs will cost $120 million" in page
        assert re.search(
            rf'<a id="claim-mark-{cost.pk}" class="claim-mark status-unsourced\b', page
        )
        assert Verdict.objects.get().note_is_internal is False  # unticked box: not internal

    def test_a_viewer_cannot_record_a_verdict(self, viewer_client, newsroom):
        cost = newsroom.claims["cost"]
        response = viewer_client.post(verdict_url(cost), {"status": "confirmed"}, headers=HTMX)
        assert response.status_code == 403
        assert not Verdict.objects.exists()
        cost.refresh_from_db()
        assert cost.status == ClaimStatus.PENDING

    def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(self, client, newsroom):
        response = client.post(verdict_url(newsroom.claims["cost"]), {"status": "confirmed"})
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
        assert not Verdict.objects.exists()

    def test_only_post_is_allowed(self, editor_client, newsroom):
        assert editor_client.get(verdict_url(newsroom.claims["cost"])).status_code == 405

    def test_an_unknown_claim_is_not_found(self, editor_client):
        response = editor_client.post(
            reverse("record_verdict", args=[999_999]), {"status": "confirmed"}
        )
        assert response.status_code == 404

    def test_every_post_needs_the_csrf_token(self, editor, newsroom):
        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        response = client.post(verdict_url(newsroom.claims["cost"]), {"status": "confirmed"})
        assert response.status_code == 403
        assert not Verdict.objects.exists()

    def test_the_token_is_on_the_body_for_htmx(self, editor_client, newsroom):
        page = html(editor_client.get(reverse("claim_queue")))
        assert re.search(r"<body hx-headers='\{\"x-csrftoken\": \"\w+\"\}'>", page)

    @pytest.mark.parametrize("status", ["", "pending", "maybe"])
    def test_a_status_outside_the_three_is_refused(self, editor_client, newsroom, status):
        response = editor_client.post(
            verdict_url(newsroom.claims["cost"]), {"status": status}, headers=HTMX
        )
        assert response.status_code == 400
        assert "Nothing was saved" in html(response)
        assert "Choose Confirmed, Disputed or Unsourced." in html(response)
        assert not Verdict.objects.exists()

    def test_a_note_over_2000_characters_is_refused_and_kept(self, editor_client, newsroom):
        response = editor_client.post(
            verdict_url(newsroom.claims["cost"]),
            {"status": "confirmed", "note": "x" * 2001},
            headers=HTMX,
        )
        assert response.status_code == 400
        assert "at most 2000 characters (it has 2001)" in html(response)
        assert "x" * 2001 in html(response)
        assert not Verdict.objects.exists()

    def test_a_note_of_2000_characters_with_line_breaks_is_accepted(self, editor_client, newsroom):
        note = "\r\n".join(["y" * 99] * 20) + "y"  # 2000 characters once CRLF counts as one
        response = editor_client.post(
            verdict_url(newsroom.claims["cost"]), {"status": "confirmed", "note": note}
        )
        assert response.status_code == 302
        assert Verdict.objects.get().note == note.replace("\r\n", "\n")

    @pytest.mark.parametrize("which", ["another claim's", "unknown", "not a number"])
    def test_evidence_that_is_not_this_claims_is_refused(self, editor_client, newsroom, which):
        value = {
            "another claim's": newsroom.evidence["traffic_radio"].pk,
            "unknown": 999_999,
            "not a number": "abc",
        }[which]
        response = editor_client.post(
            verdict_url(newsroom.claims["cost"]),
            {"status": "disputed", "cited_evidence": [newsroom.evidence["cost_radio"].pk, value]},
            headers=HTMX,
        )
        assert response.status_code == 400
        assert "Cited evidence must be passages shown for this claim." in html(response)
        assert not Verdict.objects.exists()
        assert not Citation.objects.exists()

    def test_bad_input_without_javascript_gets_the_page_with_the_message(
        self, editor_client, newsroom
    ):
        response = editor_client.post(verdict_url(newsroom.claims["cost"]), {"status": "maybe"})
        assert response.status_code == 400
        assert is_full_page(response)
        assert "Choose Confirmed, Disputed or Unsourced." in html(response)


class TestTwoEditorsAtOnce:
    """Both open the panel of a pending claim; Erin decides first, then Sam."""

    @pytest.fixture
    def sam(self, newsroom) -> Client:
        client = Client()
        client.force_login(EditorFactory(username="sam"))
        return client

    def erin_confirms(self, editor_client, claim):
        editor_client.post(
            verdict_url(claim), {"status": "confirmed", "note": "Matches the radio."}, headers=HTMX
        )
        return Verdict.objects.get()

    def test_with_htmx_the_second_is_shown_the_first_verdict_and_nothing_is_overwritten(
        self, editor_client, sam, newsroom
    ):
        cost = newsroom.claims["cost"]
        seen_by_sam = re.search(r'name="seen_verdict"( value="\d+")?', panel_of(cost, sam))
        assert seen_by_sam[1] is None  # Sam saw no verdict
        erins = self.erin_confirms(editor_client, cost)

        response = sam.post(
            verdict_url(cost),
            {"status": "disputed", "note": "Gazette says $120m.", "on_page": ["row"]},
            headers=HTMX,
        )

        assert response.status_code == 409
        body = html(response)
        assert "erin decided this claim meanwhile: Confirmed" in body
        assert "Their note: “Matches the radio.”" in body
        assert "Your decision was not saved" in body
        assert ">\nGazette says $120m.</textarea>" in body  # what Sam typed is kept
        assert f'name="seen_verdict" value="{erins.pk}"' in body
        assert f'<template><tr id="claim-row-{cost.pk}"' in body  # the row shows Erin's verdict
        theirs, mine = conflict_sides(body)
        assert theirs.startswith("Recorded by erin Confirmed")
        assert mine == "Your choice, not saved Disputed Your note: “Gazette says $120m.”"
        assert (
            f'<button type="submit" form="verdict-form-{cost.pk}" name="status" value="disputed"'
        ) in body
        assert "Not saved: erin decided this claim meanwhile." in announced(body)
        assert "Recorded:" not in body
        assert list(Verdict.objects.all()) == [erins]
        cost.refresh_from_db()
        assert cost.status == ClaimStatus.CONFIRMED

    def test_having_seen_it_the_second_may_then_decide_otherwise(
        self, editor_client, sam, newsroom
    ):
        cost = newsroom.claims["cost"]
        erins = self.erin_confirms(editor_client, cost)
        response = sam.post(
            verdict_url(cost), {"status": "disputed", "seen_verdict": erins.pk}, headers=HTMX
        )
        assert response.status_code == 200
        sams = Verdict.objects.latest()
        assert (sams.previous_status, sams.status) == ("confirmed", "disputed")

    def test_without_javascript_the_page_shows_both_and_one_click_decides_again(
        self, editor_client, sam, newsroom
    ):
        cost = newsroom.claims["cost"]
        erins = self.erin_confirms(editor_client, cost)
        cite = newsroom.evidence["cost_radio"].pk
        posted = {"status": "disputed", "note": "Gazette: $120m.", "cited_evidence": [cite]}

        response = sam.post(verdict_url(cost), posted)

        assert response.status_code == 409
        assert is_full_page(response)
        theirs, mine = conflict_sides(html(response))
        assert theirs.startswith("Recorded by erin Confirmed")
        assert "Their note: “Matches the radio.”" in theirs
        assert mine == (
            "Your choice, not saved Disputed Your note: “Gazette: $120m.” You cite: Coastline Radio"
        )
        assert Verdict.objects.count() == 1

        again = form_as_rendered(html(response), "Record Disputed instead")
        assert again["seen_verdict"] == [str(erins.pk)]
        assert sam.post(verdict_url(cost), again).status_code == 302
        sams = Verdict.objects.latest()
        assert (sams.status, sams.note, sams.reviewer.username) == (
            "disputed",
            "Gazette: $120m.",
            "sam",
        )
        assert [evidence.pk for evidence in sams.cited_evidence.all()] == [cite]


# --- History ----------------------------------------------------------------------------


class TestHistory:
    def test_every_verdict_who_when_from_what_to_what_with_the_note(
        self, editor_client, newsroom, editor
    ):
        cost = newsroom.claims["cost"]
        first = record_verdict(
            claim=cost,
            status=Status.CONFIRMED,
            reviewer=EditorFactory(username="sam"),
            note="Looks right.",
        )
        record_verdict(
            claim=cost,
            status=Status.DISPUTED,
            reviewer=editor,
            note="Radio: $95m.\nGazette: $120m.",
            note_is_internal=False,
            cited_evidence=[newsroom.evidence["cost_radio"]],
            seen_verdict_id=first.pk,
        )

        page = html(editor_client.get(reverse("claim_history", args=[cost.pk])))

        lines = [
            " ".join(re.sub(r"<[^>]+>", " ", line).split())
            for line in re.findall(r'<p class="verdict-line">(.*?)</p>', page, re.S)
        ]
        assert len(lines) == 2
        assert re.fullmatch(r"erin \d+ \w+ \d{4}, \d\d:\d\d from Confirmed → to Disputed", lines[0])
        assert re.fullmatch(r"sam \d+ \w+ \d{4}, \d\d:\d\d from Pending → to Confirmed", lines[1])
        assert "Radio: $95m.<br>Gazette: $120m." in page
        assert "Public note" in page
        assert "Internal note" in page
        assert 'Cites: <span class="cited">Coastline Radio: “The repairs are expected' in page

    def test_a_pending_claim_has_no_history_yet(self, editor_client, newsroom):
        url = reverse("claim_history", args=[newsroom.claims["quote"].pk])
        assert "No verdict yet" in html(editor_client.get(url))

    def test_notes_are_escaped(self, editor_client, newsroom, editor):
        cost = newsroom.claims["cost"]
        record_verdict(claim=cost, status=Status.DISPUTED, reviewer=editor, note="<img src=x>")
        page = html(editor_client.get(reverse("claim_history", args=[cost.pk])))
        assert "&lt;img src=x&gt;" in page
        assert "<img src=x>" not in page


# --- Coverage matrix ----------------------------------------------------------------------


class TestCoverage:
    def test_claims_grouped_by_fact_against_outlets(self, editor_client, newsroom):
        response = editor_client.get(reverse("story_coverage", args=[newsroom.story.pk]))
        table = rows(response)
        assert table[0] == ["Fact", "Alder Gazette", "Coastline Radio", "Valley Wire"]

        def cells(text):
            return [" ".join(cell.split()) for cell in row_with(response, text)[1:]]

        assert cells("The Harbor Bridge will close for 18 months") == [
            "Reports Alder Gazette’s claim: Pending",
            "Reports Coastline Radio’s claim: Pending",
            "Silent",
        ]
        assert cells("About 40,000 vehicles") == [
            "Reports Alder Gazette’s claim: Pending",
            "Reports Coastline Radio’s claim: Pending",
            "Reports Valley Wire’s claim: Pending",
        ]
        # The $120 million and the $95 million contradict each other: two rows, never one.
        assert cells("Repairs will cost $120 million") == [
            "Reports Alder Gazette’s claim: Pending",
            "Contradicts",
            "Silent",
        ]
        assert cells("expected to cost $95 million") == [
            "Contradicts",
            "Reports Coastline Radio’s claim: Pending",
            "Silent",
        ]
        assert cells("largest repair project")[1:] == ["Silent", "Silent"]
        assert cells("We have no choice")[:2] == ["Silent", "Silent"]
        assert len(table) == 1 + 6
        page = html(response)
        assert "6 facts across 3 outlets: 2 contradicted, 4 reported by one outlet only." in page

    def test_cells_carry_state_classes_and_link_to_the_claims(self, editor_client, newsroom):
        page = html(editor_client.get(reverse("story_coverage", args=[newsroom.story.pk])))
        assert page.count('class="cell cell-contradicts"') == 2
        assert f'href="{newsroom.claims["radio_cost"].get_absolute_url()}"' in page

    def test_each_article_of_the_unknown_outlet_is_its_own_column_and_panel_group(
        self, editor_client
    ):
        story = StoryFactory(title="Two unsigned reports")
        unknown = Outlet.unknown()
        first = ArticleFactory(
            story=story, outlet=unknown, source="first.txt", headline="Drivers walk out"
        )
        second = ArticleFactory(story=story, outlet=unknown, source="second.txt", headline="")
        claim = ClaimFactory(article=first)
        EvidenceFactory(claim=claim, article=second)

        coverage = editor_client.get(reverse("story_coverage", args=[story.pk]))
        # Told apart by headline, or opening words past the dateline; never by file name.
        assert rows(coverage)[0] == [
            "Fact",
            "Unknown outlet (About 4,200 bus drivers walked off the job…)",
            "Unknown outlet (Drivers walk out)",
        ]
        panel = html(editor_client.get(reverse("claim_panel", args=[claim.pk])))
        assert "<h4>Unknown outlet (About 4,200 bus drivers walked off the job…)</h4>" in panel

    def test_a_story_without_claims(self, editor_client):
        story = StoryFactory(title="Quiet news")
        ArticleFactory(story=story)
        page = html(editor_client.get(reverse("story_coverage", args=[story.pk])))
        assert "No claims in this story yet." in page


# --- Query counts stay flat -----------------------------------------------------------------


def count_queries(client, url, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(queries)


# Measured and pinned, (whole page, HTMX fragment): the session, the user, the user's
# two permission lookups where the page shows or hides editors' controls, the queue
# form's two lists of choices (outlets, reviewers: the article and story filters take an
# id and list nothing), then the page's own reads (the queue's: its count, the page's
# ids, then those claims; the stories page's: stories counted and paged, articles in no
# story counted and paged, the page's first articles of each story, their claim counts,
# then each story's claim counts, outlets, and article count and dates; the reader's
# include its story's other articles, for the previous / next links; a claim's history
# includes its not-a-claim decisions). A count that grows with the data would be an
# N+1 query.
# Whole pages include the nav's "may this user import?" (two permission queries,
# cached for the request, so free where the view asks about permissions itself).
# The coverage matrix reads the story, its articles, its claims' ids, a count of its
# passages, then (the grouping not yet cached) the links between claims and the
# contradicted claims, then the page's claims and their passages' signals.
QUERIES = {
    "claim_queue": (9, 5),
    "article_reader": (12, 12),
    "claim_panel": (9, 9),
    "story_list": (12, 10),
    "claim_history": (8, 6),
    "story_coverage": (12, 10),
}


class TestQueryCounts:
    @pytest.fixture(params=[20, 2000], ids=["20 claims", "2000 claims"])
    def article(self, request) -> Article:
        return article_with_many_claims(request.param)

    def urls(self, article) -> dict[str, str]:
        claim = article.claims.order_by("pk").first()
        return {
            "claim_queue": reverse("claim_queue"),
            "article_reader": f"{reverse('article_reader', args=[article.pk])}?claim={claim.pk}",
            "claim_panel": reverse("claim_panel", args=[claim.pk]),
            "story_list": reverse("story_list"),
            "claim_history": reverse("claim_history", args=[claim.pk]),
            "story_coverage": reverse("story_coverage", args=[article.story_id]),
        }

    @pytest.mark.parametrize("name", list(QUERIES))
    @pytest.mark.parametrize("htmx", [False, True], ids=["page", "fragment"])
    def test_each_view_uses_a_fixed_number_of_queries(
        self, editor_client, article, django_assert_num_queries, name, htmx
    ):
        url = self.urls(article)[name]
        with django_assert_num_queries(QUERIES[name][htmx]):
            response = editor_client.get(url, headers=HTMX if htmx else {})
        assert response.status_code == 200

    def test_a_filtered_sorted_queue_page_costs_the_same_as_the_first(self, editor_client, article):
        queue = reverse("claim_queue")
        filtered = {
            "status": "confirmed",
            "has_contradiction": "yes",
            "q": "buses",
            "o": "-evidence",
        }
        assert count_queries(editor_client, queue, data={**filtered, "page": 2}) == count_queries(
            editor_client, queue
        )

    def test_a_panel_with_many_passages_and_verdicts_costs_the_same_as_one_with_few(
        self, editor_client
    ):
        few, many = article_with_many_claims(3), article_with_many_claims(3)
        busy = many.claims.order_by("pk").first()
        for number in range(40):
            sentence = f"Claim number {number:05d} says {number} buses ran."
            other = ArticleFactory(body=sentence, story=many.story)
            EvidenceFactory(claim=busy, article=other, sentence=sentence)
        for _ in range(30):
            record_verdict(
                claim=busy,
                status=Status.DISPUTED,
                reviewer=EditorFactory(),
                cited_evidence=busy.evidence.all()[:3],
                seen_verdict_id=getattr(busy.latest_verdict(), "pk", None),
            )
        quiet = few.claims.order_by("pk").first()
        for name in ["claim_panel", "claim_history"]:
            assert count_queries(editor_client, reverse(name, args=[busy.pk])) == count_queries(
                editor_client, reverse(name, args=[quiet.pk])
            )


# --- Triage ---------------------------------------------------------------------------------


class TestTriage:
    def test_stories_say_how_many_claims_are_contradicted_and_lead_to_them(
        self, editor_client, newsroom
    ):
        response = editor_client.get(reverse("story_list"))
        page = html(response)
        queue = reverse("claim_queue")
        link = re.search(r'<a class="contradictions-link" href="([^"]+)">([^<]+)</a>', page)
        assert unescape(link[1]) == (
            f"{queue}?story={newsroom.story.pk}&has_contradiction=yes&o=contradicted"
        )
        assert link[2] == "2 contradicted claims: review first"
        contradicted = {row[3]: row[5] for row in rows(response)[1:]}
        assert contradicted == {
            "Harbor Bridge to close for 18 months": "1",
            "Bridge repairs: what commuters need to know": "1",
            "Port Alder bridge to shut in March": "0",
        }

    def test_contradicted_claims_are_marked_in_the_readers_text(self, editor_client, newsroom):
        gazette = newsroom.articles["gazette"]
        page = html(editor_client.get(reverse("article_reader", args=[gazette.pk])))
        marks = dict(re.findall(r'<a id="claim-mark-(\d+)" class="([^"]+)"', page))
        assert {int(pk) for pk, classes in marks.items() if "contradicted" in classes} == {
            newsroom.claims["cost"].pk
        }
        cost = re.search(rf'<a id="claim-mark-{newsroom.claims["cost"].pk}".*?</a>', page)[0]
        assert '<span class="contradiction-tag"> · contradicted</span>' in cost
        assert "1 contradicted by another outlet" in page

    def test_j_and_k_can_visit_the_contradicted_claims_first(self, editor_client, newsroom):
        gazette = newsroom.articles["gazette"]
        url = reverse("article_reader", args=[gazette.pk])

        def ranks(params):
            page = html(editor_client.get(url, params))
            found = re.findall(r'<a id="claim-mark-(\d+)"[^>]*data-nav-rank="(\d+)"', page)
            return [int(pk) for pk, _ in sorted(found, key=lambda item: int(item[1]))]

        claims = newsroom.claims
        reading = [claims[key].pk for key in ["closure", "traffic", "cost", "largest"]]
        assert ranks({}) == reading
        assert ranks({"order": "contradicted"}) == [
            claims["cost"].pk, claims["closure"].pk, claims["traffic"].pk, claims["largest"].pk,
        ]  # fmt: skip
        page = html(editor_client.get(url, {"order": "contradicted"}))
        radio = reverse("article_reader", args=[newsroom.articles["radio"].pk])
        assert f'href="{radio}?order=contradicted" rel="next"' in page


# --- Not a claim ----------------------------------------------------------------------------


def not_a_claim_url(claim) -> str:
    return reverse("mark_not_a_claim", args=[claim.pk])


def restore_url(claim) -> str:
    return reverse("restore_claim", args=[claim.pk])


class TestNotAClaim:
    def test_editors_may_set_a_pending_claim_aside_from_its_panel(self, editor_client, newsroom):
        largest = newsroom.claims["largest"]
        panel = panel_of(largest, editor_client)
        form = re.search(r'<form class="not-a-claim-form"[^>]*>', panel)[0]
        assert f'action="{not_a_claim_url(largest)}"' in form
        assert f'hx-post="{not_a_claim_url(largest)}"' in form
        assert "Not a claim</button>" in panel

    def test_a_decided_claim_offers_no_such_button(self, editor_client, newsroom, editor):
        record_verdict(claim=newsroom.claims["cost"], status=Status.DISPUTED, reviewer=editor)
        assert "not-a-claim-form" not in panel_of(newsroom.claims["cost"], editor_client)

    def test_viewers_see_no_button_and_may_not_post(self, viewer_client, newsroom):
        largest = newsroom.claims["largest"]
        assert "not-a-claim-form" not in panel_of(largest, viewer_client)
        for url in [not_a_claim_url(largest), restore_url(largest)]:
            assert viewer_client.post(url, headers=HTMX).status_code == 403
        largest.refresh_from_db()
        assert not largest.not_a_claim
        assert not NotAClaim.objects.exists()

    def test_posts_need_login_the_csrf_token_and_post(self, client, editor, newsroom):
        largest = newsroom.claims["largest"]
        response = client.post(not_a_claim_url(largest))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(editor)
        assert strict.post(not_a_claim_url(largest)).status_code == 403
        client.force_login(editor)
        assert client.get(not_a_claim_url(largest)).status_code == 405
        assert not NotAClaim.objects.exists()

    def test_with_htmx_the_panel_row_highlight_and_counts_follow(self, editor_client, newsroom):
        largest = newsroom.claims["largest"]
        response = editor_client.post(
            not_a_claim_url(largest), {"on_page": ["row", "mark"]}, headers=HTMX
        )
        assert response.status_code == 200
        body = html(response)
        result = re.search(r'<p class="notice notice-success" data-result>(.*?)</p>', body)[1]
        assert result == "Marked not a claim: it has left the queue and the counts."
        assert announced(body) == result
        assert "Restore as a claim</button>" in body
        assert re.search(rf'<tr id="claim-row-{largest.pk}" class="[^"]*not-a-claim', body)
        mark = re.search(rf'<a id="claim-mark-{largest.pk}"[^>]*>', body)[0]
        assert "not-a-claim" in mark and "data-claim-nav" not in mark
        assert "0 of 3 claims decided" in body  # the gazette had four
        decision = NotAClaim.objects.get()
        assert (decision.claim, decision.action, decision.editor.username) == (
            largest, "marked", "erin",
        )  # fmt: skip

    def test_it_leaves_the_queue_the_counts_and_the_matrix_until_restored(
        self, editor_client, newsroom, editor
    ):
        largest = newsroom.claims["largest"]
        shown = escape(largest.text)
        queue = reverse("claim_queue")
        assert shown in html(editor_client.get(queue))
        mark_not_a_claim(claim=largest, editor=editor)
        assert shown not in html(editor_client.get(queue))
        only = html(editor_client.get(queue, {"not_a_claim": "yes"}))
        assert re.findall(r"data-claim-open>(.*?)</a>", only) == [shown]
        assert "8 of 9" not in html(editor_client.get(reverse("story_list")))
        assert "0 of 8 claims decided" in html(editor_client.get(reverse("story_list")))
        coverage = html(editor_client.get(reverse("story_coverage", args=[newsroom.story.pk])))
        assert "largest repair project" not in coverage
        history = html(editor_client.get(reverse("claim_history", args=[largest.pk])))
        assert re.search(
            r"<strong>erin</strong> <time[^>]*>[^<]+</time> Marked not a claim", history
        )

        response = editor_client.post(restore_url(largest), headers=HTMX)
        assert "Restored as a claim: it is pending again." in html(response)
        assert shown in html(editor_client.get(queue))
        assert "0 of 9 claims decided" in html(editor_client.get(reverse("story_list")))
        assert [row.action for row in NotAClaim.objects.order_by("created_at", "id")] == [
            "marked", "restored",
        ]  # fmt: skip

    def test_without_javascript_it_returns_to_the_page_it_came_from(self, editor_client, newsroom):
        largest = newsroom.claims["largest"]
        back = f"{reverse('claim_queue')}?kind=superlative&claim={largest.pk}"
        response = editor_client.post(not_a_claim_url(largest), {"next": back})
        assert (response.status_code, response.url) == (302, back)
        assert "Marked not a claim: “It is the largest" in html(editor_client.get(back))
        elsewhere = editor_client.post(restore_url(largest), {"next": "https://evil.example/"})
        assert elsewhere.url == largest.get_absolute_url()

    def test_marking_twice_is_refused_with_a_message(self, editor_client, newsroom, editor):
        largest = newsroom.claims["largest"]
        mark_not_a_claim(claim=largest, editor=editor)
        response = editor_client.post(not_a_claim_url(largest), headers=HTMX)
        assert response.status_code == 400
        assert "Nothing was changed.</strong> This sentence is already marked not a claim." in (
            html(response)
        )


# --- What happened is where the editor looks --------------------------------------------------


class TestResultsInView:
    def test_the_outcome_opens_the_panel_and_is_announced(self, editor_client, newsroom):
        response = editor_client.post(
            verdict_url(newsroom.claims["cost"]), {"status": "disputed"}, headers=HTMX
        )
        body = html(response)
        head = body[: body.index("</header>")]
        assert '<p class="notice notice-success" data-result>Recorded: Disputed.</p>' in head
        assert announced(body) == "Recorded: Disputed."

    def test_the_verdict_buttons_come_before_the_passages(self, editor_client, newsroom):
        panel = panel_of(newsroom.claims["cost"], editor_client)
        assert panel.index('name="status" value="disputed"') < panel.index('class="evidence"')


def test_an_expected_403_is_logged_on_one_line_without_a_traceback(viewer_client, newsroom):
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = viewer_client.post(verdict_url(newsroom.claims["cost"]), {"status": "disputed"})
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 403
    (record,) = records
    assert record.getMessage().startswith("Forbidden (Permission denied): /claims/")
    assert record.exc_info is None


def test_server_errors_keep_their_traceback():
    from factcheck.log_filters import ClientErrorsWithoutTraceback

    error = (ValueError, ValueError("boom"), None)
    for status, kept in [(403, False), (404, False), (500, True)]:
        record = logging.makeLogRecord({"status_code": status, "exc_info": error})
        assert ClientErrorsWithoutTraceback().filter(record)
        assert (record.exc_info is not None) == kept
