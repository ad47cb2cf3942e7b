"""The story report: one printable, internal page that hands a story on.

Data: the fictional Harbor Bridge story, with two verdicts on the cost claim (an
internal note, then a public one citing the radio's figure) and one on the quote.
"""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from factcheck.models import Status
from factcheck.services import mark_not_a_claim, publish_claim, record_verdict, withdraw_claim

from .factories import EditorFactory, StoryFactory, ViewerFactory
from .fictional_story import article_with_many_claims, build_fictional_story
from .test_views import TableReader

pytestmark = pytest.mark.django_db

INTERNAL = "Spokesperson unreachable; do not quote yet (zq-internal)"
PUBLIC = "Coastline Radio gives $95 million, citing a spokesperson."


@pytest.fixture
def newsroom():
    news = build_fictional_story()
    sam, erin = EditorFactory(username="sam"), EditorFactory(username="erin")
    cost = news.claims["cost"]
    first = record_verdict(
        claim=cost, status=Status.UNSOURCED, reviewer=sam, note=INTERNAL, note_is_internal=True
    )
    second = record_verdict(
        claim=cost,
        status=Status.DISPUTED,
        reviewer=erin,
        note=PUBLIC,
        note_is_internal=False,
        cited_evidence=[news.evidence["cost_radio"]],
        seen_verdict_id=first.pk,
    )
    publish_claim(claim=cost, editor=erin, verdict_id=second.pk)
    quote = record_verdict(
        claim=news.claims["quote"], status=Status.CONFIRMED, reviewer=sam, note=""
    )
    publish_claim(claim=news.claims["quote"], editor=erin, verdict_id=quote.pk)
    withdraw_claim(claim=news.claims["quote"], editor=sam)
    return news


def report_url(story) -> str:
    return reverse("story_report", args=[story.pk])


def report_of(story, client) -> str:
    response = client.get(report_url(story))
    assert response.status_code == 200
    return response.content.decode()


def report_of_decided(story, client) -> str:
    response = client.get(report_url(story), {"decided": "only"})
    assert response.status_code == 200
    return response.content.decode()


def claim_entry(page: str, claim) -> str:
    """The report's entry for one claim, tags removed and spaces normalised."""
    entry = re.search(
        rf'<article class="report-claim" aria-labelledby="report-claim-{claim.pk}">(.*?)</article>',
        page,
        re.S,
    )[1]
    return " ".join(re.sub(r"<[^>]+>", " ", entry).split())


def table(page: str, css_class: str) -> list[list[str]]:
    reader = TableReader()
    reader.feed(re.search(rf'<table class="{css_class}\b[^"]*">.*?</table>', page, re.S)[0])
    return reader.rows


class TestReport:
    def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(self, client, newsroom):
        url = report_url(newsroom.story)
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"

    def test_viewers_read_it_too(self, client, newsroom):
        client.force_login(ViewerFactory())
        assert "Harbor Bridge closes for repairs" in report_of(newsroom.story, client)

    def test_an_unknown_story_is_not_found(self, editor_client):
        assert editor_client.get(reverse("story_report", args=[999_999])).status_code == 404

    def test_it_says_it_is_internal_and_how_much_is_public(self, editor_client, newsroom):
        page = report_of(newsroom.story, editor_client)
        assert '<h1 id="report-title">Harbor Bridge closes for repairs</h1>' in page
        assert "Internal: this report includes internal notes" in page
        assert "Readers see only what an editor published: 1 of this story’s claims." in page
        assert "3 outlets, 3 articles" in page

    def test_each_claim_with_its_verdict_reviewer_note_and_cited_passages(
        self, editor_client, newsroom
    ):
        page = report_of(newsroom.story, editor_client)
        cost = claim_entry(page, newsroom.claims["cost"])

        assert cost.startswith("Disputed Figure · attributed to the authority")
        assert "Repairs will cost $120 million, according to the authority." in cost
        assert re.search(r"Verdict: Disputed by erin , \d+ \w+ \d{4}, \d\d:\d\d", cost)
        assert f"{PUBLIC} Public note" in cost
        assert (
            "Cited passages "
            "The repairs are expected to cost $95 million, a spokesperson said. "
            "Contradicts Coastline Radio, “Bridge repairs: what commuters need to know”"
        ) in cost
        assert (
            "Other outlets on this fact: Contradicts: Coastline Radio; Silent: Valley Wire." in cost
        )

    def test_earlier_verdicts_keep_their_notes_and_internal_ones_are_marked(
        self, editor_client, newsroom
    ):
        page = report_of(newsroom.story, editor_client)
        cost = claim_entry(page, newsroom.claims["cost"])
        assert re.search(
            rf"Earlier verdicts Unsourced by sam, \d+ \w+ \d{{4}}, \d\d:\d\d: "
            rf"“{re.escape(INTERNAL)}” \(Internal note\)",
            cost.replace("&#x27;", "'"),
        )
        assert page.count("Internal note") == 1 + 1  # the banner's explanation and the note

    def test_what_was_published_withdrawn_or_never_published(self, editor_client, newsroom):
        page = report_of(newsroom.story, editor_client)
        cost = claim_entry(page, newsroom.claims["cost"])
        public_url = (
            f"http://testserver{reverse('public_claim', args=[newsroom.claims['cost'].pk])}"
        )
        assert re.search(rf"Published by erin, [^:]+\d\d:\d\d: {re.escape(public_url)} ", cost)
        assert "Withdrawn by sam" in claim_entry(page, newsroom.claims["quote"])
        assert claim_entry(page, newsroom.claims["traffic"]).endswith("Not published.")

    def test_a_pending_claim_shows_the_suggestion(self, editor_client, newsroom):
        entry = claim_entry(report_of(newsroom.story, editor_client), newsroom.claims["largest"])
        assert "No verdict yet; suggested: Unsourced." in entry
        assert "Other outlets on this fact: Silent: Coastline Radio, Valley Wire." in entry

    def test_claims_are_grouped_by_article_in_reading_order(self, editor_client, newsroom):
        page = report_of(newsroom.story, editor_client)
        headings = re.findall(r'<h3 id="report-article-\d+">(.*?)</h3>', page)
        assert headings == [
            "Alder Gazette: Harbor Bridge to close for 18 months",
            "Coastline Radio: Bridge repairs: what commuters need to know",
            "Valley Wire: Port Alder bridge to shut in March",
        ]
        order = [int(pk) for pk in re.findall(r'aria-labelledby="report-claim-(\d+)"', page)]
        claims = newsroom.claims
        assert order == [
            claims[key].pk
            for key in [
                "closure", "traffic", "cost", "largest", "radio_closure", "radio_traffic",
                "radio_cost", "wire_traffic", "quote",
            ]
        ]  # fmt: skip

    def test_counts_by_outlet_and_status(self, editor_client, newsroom):
        rows = table(report_of(newsroom.story, editor_client), "report-counts")
        assert rows == [
            ["Outlet", "Articles", "Claims", "Confirmed", "Disputed", "Unsourced", "Pending",
             "Published"],
            ["Alder Gazette", "1", "4", "0", "1", "0", "3", "1"],
            ["Coastline Radio", "1", "3", "0", "0", "0", "3", "0"],
            ["Valley Wire", "1", "2", "1", "0", "0", "1", "0"],
            ["All outlets", "3", "9", "1", "1", "0", "7", "1"],
        ]  # fmt: skip
        page = report_of(newsroom.story, editor_client)
        assert "2 of 9 claims decided" in page

    def test_the_coverage_matrix(self, editor_client, newsroom):
        page = report_of(newsroom.story, editor_client)
        rows = table(page, "matrix")
        assert rows[0] == ["Fact", "Alder Gazette", "Coastline Radio", "Valley Wire"]
        assert len(rows) == 1 + 6
        assert "6 facts across 3 outlets: 2 contradicted, 4 reported by one outlet only." in page

    def test_a_fact_has_the_same_label_for_an_outlet_in_the_matrix_and_beside_each_claim(
        self, editor_client, newsroom
    ):
        page = report_of(newsroom.story, editor_client)
        matrix = table(page, "matrix")
        outlets = matrix[0][1:]
        checked = 0
        for claim in newsroom.claims.values():
            entry = claim_entry(page, claim)
            said = re.search(r"Other outlets on this fact: (.*?)\.(?: |$)", entry)[1]
            labels = {
                name: label
                for part in said.split("; ")
                for label, names in [part.split(": ")]
                for name in names.split(", ")
            }
            (row,) = [
                row for row in matrix[1:] if row[0][:40] in claim.text or claim.text[:40] in row[0]
            ] or [None]
            if row is None:
                continue  # the row names the fact by another of its claims
            for outlet, cell in zip(outlets, row[1:], strict=True):
                if outlet in labels:
                    assert cell.split()[0] == labels[outlet], (claim.text, outlet)
                    checked += 1
        assert checked >= 10

    def test_decided_only_lists_the_decided_claims_and_their_facts(self, editor_client, newsroom):
        page = report_of_decided(newsroom.story, editor_client)
        listed = [int(pk) for pk in re.findall(r'aria-labelledby="report-claim-(\d+)"', page)]
        assert listed == [newsroom.claims["cost"].pk, newsroom.claims["quote"].pk]
        rows = table(page, "matrix")
        assert [row[0][:30] for row in rows[1:]] == [
            newsroom.claims["cost"].text[:30], newsroom.claims["quote"].text[:30],
        ]  # fmt: skip
        assert "Decided claims only: 2 of 9" in page
        assert table(page, "report-counts")[-1][2] == "9"  # the counts stay whole
        headings = re.findall(r'<h3 id="report-article-\d+">(.*?)</h3>', page)
        assert headings == [
            "Alder Gazette: Harbor Bridge to close for 18 months",
            "Valley Wire: Port Alder bridge to shut in March",
        ]  # the radio's article has nothing decided
        whole = report_of(newsroom.story, editor_client)
        assert f'href="{report_url(newsroom.story)}?decided=only"' in whole

    def test_sentences_marked_not_a_claim_are_left_out(self, editor_client, newsroom):
        mark_not_a_claim(claim=newsroom.claims["largest"], editor=EditorFactory())
        page = report_of(newsroom.story, editor_client)
        assert f'report-claim-{newsroom.claims["largest"].pk}"' not in page
        assert "1 sentence marked “not a claim” is left out." in page
        assert table(page, "report-counts")[-1][2] == "8"

    def test_text_and_notes_are_escaped(self, editor_client, newsroom):
        record_verdict(
            claim=newsroom.claims["largest"],
            status=Status.UNSOURCED,
            reviewer=EditorFactory(),
            note="<img src=x onerror=alert(1)>",
        )
        page = report_of(newsroom.story, editor_client)
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "<img src=x" not in page

    def test_a_story_without_articles(self, editor_client):
        page = report_of(StoryFactory(title="Quiet news"), editor_client)
        assert "No articles in this story." in page

    def test_the_stories_screen_and_the_coverage_page_link_to_it(self, editor_client, newsroom):
        link = f'href="{report_url(newsroom.story)}"'
        assert link in editor_client.get(reverse("story_list")).content.decode()
        coverage = reverse("story_coverage", args=[newsroom.story.pk])
        assert link in editor_client.get(coverage).content.decode()


class TestPrinting:
    """Printed to PDF: no navigation or buttons, claims not split across pages, and
    the addresses of links that matter on paper written out."""

    @pytest.fixture
    def print_rules(self) -> str:
        css = Path(finders.find("css/workbench.css")).read_text()
        blocks = []
        for match in re.finditer(r"@media print\s*\{", css):
            depth, end = 1, match.end()
            while depth:
                depth += {"{": 1, "}": -1}.get(css[end], 0)
                end += 1
            blocks.append(css[match.end() : end - 1])
        return " ".join(re.sub(r"/\*.*?\*/", "", " ".join(blocks), flags=re.S).split())

    def rule_for(self, rules: str, selector: str) -> str:
        for selectors, declarations in re.findall(r"([^{}]+)\{([^{}]*)\}", rules):
            if selector in [name.strip() for name in selectors.split(",")]:
                return declarations
        raise AssertionError(f"no print rule for {selector}")

    def test_the_report_links_the_stylesheet_with_the_print_rules(self, editor_client, newsroom):
        page = report_of(newsroom.story, editor_client)
        assert '<link rel="stylesheet" href="/static/css/workbench.css">' in page

    @pytest.mark.parametrize(
        "selector", [".top", ".report-actions", ".button", ".breadcrumbs", ".screen-only"]
    )
    def test_navigation_and_buttons_are_not_printed(self, print_rules, selector):
        assert "display: none" in self.rule_for(print_rules, selector)

    @pytest.mark.parametrize("selector", [".report-claim", ".passage", "tr"])
    def test_page_breaks_fall_between_claims_not_inside_them(self, print_rules, selector):
        assert "break-inside: avoid" in self.rule_for(print_rules, selector)

    def test_each_section_starts_a_page_and_headings_stay_with_their_text(self, print_rules):
        assert "break-before: page" in self.rule_for(print_rules, ".report-section")
        assert "break-after: avoid" in self.rule_for(print_rules, "h2")
        assert "display: table-header-group" in self.rule_for(print_rules, "thead")

    def test_article_links_print_their_address(self, print_rules, editor_client, newsroom):
        assert 'content: " <" attr(href) ">"' in self.rule_for(print_rules, "a.print-href::after")
        gazette = newsroom.articles["gazette"]
        gazette.url = "https://alder-gazette.example/bridge"
        gazette.save()
        page = report_of(newsroom.story, editor_client)
        assert (
            '<a class="print-href" href="https://alder-gazette.example/bridge" '
            'rel="noopener noreferrer">original</a>'
        ) in page

    def test_the_fact_column_keeps_its_width_and_outlet_headings_wrap(self, print_rules):
        assert "table-layout: fixed" in self.rule_for(print_rules, ".matrix")
        assert re.search(r"width: (3\d|4\d)%", self.rule_for(print_rules, ".matrix th.fact"))
        assert "overflow-wrap: anywhere" in self.rule_for(print_rules, ".matrix thead th")

    def test_the_things_a_printout_must_not_lose_are_not_screen_only(self, editor_client, newsroom):
        page = report_of(newsroom.story, editor_client)
        for kept in ["report-counts", "matrix", "report-claim", "note-kind"]:
            fragment = re.search(rf'class="[^"]*\b{kept}\b[^"]*"', page)[0]
            assert "screen-only" not in fragment and "report-actions" not in fragment


def test_the_report_costs_the_same_queries_for_20_and_2000_claims(editor_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(story) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(report_url(story)).status_code == 200
        return len(captured)

    # The session, the user, the nav's two permission lookups, the story, its articles
    # (without their bodies), its claims' ids, a count of its passages, the links
    # between claims and the contradicted ones (the grouping into facts, not cached
    # yet), the counts by article, the page's articles and claims, their verdicts,
    # the passages these cite and those passages' articles, then the page's facts:
    # their claims and who backs or contradicts them (one query each).
    few, many = article_with_many_claims(20), article_with_many_claims(2000)
    assert queries(few.story) == queries(many.story) == 18
