"""A story of any size: its coverage matrix and its report come a page at a time, in
the same number of queries, and stay right as the story changes.

Pages are made small here (a few facts, claims and outlets a page) so that small
stories span several of them.
"""

import re
from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.urls import reverse

from articles.models import Outlet
from factcheck import matrix, report
from factcheck.coverage import Link, group_claim_ids
from factcheck.matrix import FactRow, SourceColumn
from factcheck.models import Claim, Evidence, Relation, Status
from factcheck.report import ReportPage, report_pages
from factcheck.services import mark_not_a_claim, record_verdict

from .factories import ArticleFactory, EditorFactory, OutletFactory, StoryFactory
from .test_views import HTMX, TableReader, html

pytestmark = pytest.mark.django_db


def sentences(count: int) -> list[str]:
    return [f"Claim number {number:05d} says {number} buses ran." for number in range(count)]


def big_story(articles: int, claims_each: int, *, title: str = "Bus strike"):
    """articles articles, each from an outlet of its own (every fifth from the unknown
    outlet), each stating claims_each facts in the same words; each claim is backed by
    the next article's claim of the same fact, except that the first article's first
    claim is contradicted by the second's."""
    story = StoryFactory(title=title)
    body = " ".join(sentences(claims_each))
    made = []
    for number in range(articles):
        outlet = Outlet.unknown() if number % 5 == 4 else OutletFactory(name=f"Wire {number:03d}")
        article = ArticleFactory(
            story=story,
            outlet=outlet,
            body=body,
            headline=f"Report {number}",
            published=date(2024, 3, 1) + timedelta(days=number),
        )
        made.append(
            Claim.objects.bulk_create(
                Claim(
                    article=article,
                    text=s,
                    start=body.index(s),
                    end=body.index(s) + len(s),
                    kind="quantity",
                )
                for s in sentences(claims_each)
            )
        )
    Evidence.objects.bulk_create(
        Evidence(
            claim=claim,
            article=following.article,
            text=following.text,
            start=following.start,
            end=following.end,
            relation=Relation.CONTRADICTS if (k, i) == (0, 0) else Relation.SUPPORTS,
            score=0.5,
        )
        for k, (claims, next_claims) in enumerate(pairwise(made))
        for i, (claim, following) in enumerate(zip(claims, next_claims, strict=True))
    )
    return story, made


def table(page: str) -> list[list[str]]:
    reader = TableReader()
    reader.feed(re.search(r'<table class="matrix">.*?</table>', page, re.S)[0])
    return reader.rows


def coverage(client, story, **params) -> str:
    response = client.get(reverse("story_coverage", args=[story.pk]), params)
    assert response.status_code == 200
    return html(response)


def report_page(client, story, **params) -> str:
    response = client.get(reverse("story_report", args=[story.pk]), params)
    assert response.status_code == 200
    return html(response)


def listed_claims(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'aria-labelledby="report-claim-(\d+)"', page)]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(matrix, "FACTS_A_PAGE", 4)
    monkeypatch.setattr(matrix, "OUTLETS_A_PAGE", 3)
    monkeypatch.setattr(report, "OUTLETS_A_PAGE", 3)
    monkeypatch.setattr(report, "CLAIMS_A_PAGE", 5)


# --- The coverage matrix ----------------------------------------------------------------


class TestCoveragePages:
    def test_a_page_holds_a_page_of_facts_and_links_to_the_next(self, editor_client, small_pages):
        story, _ = big_story(articles=2, claims_each=10)  # 10 facts, plus the contradicted one
        first = coverage(editor_client, story)
        assert len(table(first)) == 1 + 4
        assert "11 facts across 2 outlets" in first  # the counts are the whole story's
        assert "Facts 1–4 of 11 · page 1 of 3" in first
        assert 'href="?page=2" hx-get="?page=2"' in first
        last = coverage(editor_client, story, page="3")
        assert len(table(last)) == 1 + 3
        assert 'href="?page=2"' in last and "?page=4" not in last

    def test_the_pages_together_hold_every_fact_once(self, editor_client, small_pages):
        story, _ = big_story(articles=2, claims_each=10)
        facts = [
            link
            for number in "123"
            for link in re.findall(
                r'<th scope="row" class="fact">\s*<a href="([^"]+)"',
                coverage(editor_client, story, page=number),
            )
        ]
        assert len(facts) == len(set(facts)) == 11

    @pytest.mark.parametrize("number", ["99", "0", "-1", "two", "", "9" * 5000])
    def test_a_page_that_does_not_exist_shows_the_first_or_the_last(
        self, editor_client, small_pages, number
    ):
        story, _ = big_story(articles=2, claims_each=10)
        page = coverage(editor_client, story, page=number)
        shown = "page 3 of 3" if number == "99" else "page 1 of 3"
        assert shown in page

    def test_outlets_come_a_page_of_columns_at_a_time(self, editor_client, small_pages):
        story, _ = big_story(articles=5, claims_each=2)  # Wire 000-003 and one unknown outlet
        first = coverage(editor_client, story)
        assert table(first)[0] == ["Fact", "Unknown outlet (Report 4)", "Wire 000", "Wire 001"]
        assert "Outlets 1–3 of 5, alphabetically" in first
        second = coverage(editor_client, story, outlets="2", page="1")
        assert table(second)[0] == ["Fact", "Wire 002", "Wire 003"]
        # Paging outlets keeps the page of facts, and the other way round.
        assert 'href="?outlets=1&amp;page=1"' in second

    def test_a_fact_contradicted_by_an_outlet_on_another_page_of_columns_is_still_marked(
        self, editor_client, small_pages
    ):
        story, made = big_story(articles=5, claims_each=2)
        page = coverage(editor_client, story, outlets="2")  # Wire 000 and 001 not shown
        contradicted = re.search(r"<tr class=\"fact-disputed\">.*?</tr>", page, re.S)[0]
        assert made[0][0].text in contradicted

    def test_the_htmx_fragment_is_the_page_of_the_matrix_asked_for(
        self, editor_client, small_pages
    ):
        story, _ = big_story(articles=2, claims_each=10)
        url = reverse("story_coverage", args=[story.pk])
        fragment = html(editor_client.get(url, {"page": "2"}, headers=HTMX))
        assert "<html" not in fragment and "Facts 5–8 of 11 · page 2 of 3" in fragment


class TestCoverageStaysRight:
    """The grouping into facts is cached: whatever changes it shows on the next view."""

    def test_a_sentence_set_aside_leaves_the_matrix_at_once(self, editor_client):
        story, made = big_story(articles=2, claims_each=3)
        assert "4 facts" in coverage(editor_client, story)
        mark_not_a_claim(claim=made[0][2], editor=EditorFactory())
        page = coverage(editor_client, story)
        assert "4 facts" in page  # the other outlet's claim of that fact stays
        assert f'?claim={made[0][2].pk}"' not in page

    def test_a_new_contradiction_splits_a_fact_at_once(self, editor_client):
        story, made = big_story(articles=2, claims_each=3)
        assert "4 facts across 2 outlets: 1 contradicted" in coverage(editor_client, story)
        other = made[1][1]  # the second outlet's claim of the fact the first one states
        Evidence.objects.create(
            claim=made[0][1], article=other.article, text=other.text[:-1], start=other.start,
            end=other.end - 1, relation=Relation.CONTRADICTS, score=0.9,
        )  # fmt: skip
        assert "5 facts across 2 outlets: 2 contradicted" in coverage(editor_client, story)

    def test_a_verdict_shows_at_once(self, editor_client):
        story, made = big_story(articles=2, claims_each=3)
        coverage(editor_client, story)
        record_verdict(claim=made[0][1], status=Status.DISPUTED, reviewer=EditorFactory())
        assert "Disputed" in coverage(editor_client, story)


class TestQueriesDoNotGrow:
    @pytest.mark.parametrize("name", ["story_coverage", "story_report"])
    def test_a_story_of_many_articles_and_outlets_costs_no_more_queries_than_a_small_one(
        self, editor_client, django_assert_max_num_queries, name
    ):
        small, _ = big_story(articles=2, claims_each=3, title="Small")
        big, _ = big_story(articles=40, claims_each=30, title="Big")
        limit = {"story_coverage": 12, "story_report": 18}[name]
        for story in [small, big]:
            with django_assert_max_num_queries(limit):
                response = editor_client.get(reverse(name, args=[story.pk]))
            assert response.status_code == 200


# --- The story report -----------------------------------------------------------------


class TestReportPages:
    def test_a_page_lists_a_page_of_claims_and_links_to_the_next(self, editor_client, small_pages):
        story, made = big_story(articles=2, claims_each=4)
        first = report_page(editor_client, story)
        assert listed_claims(first) == [c.pk for c in made[0]] + [made[1][0].pk]
        assert "Page 1 of 2</strong>: claims 1–5 of 8" in first
        assert '<a class="button" href="?page=2" rel="next">Next page</a>' in first
        second = report_page(editor_client, story, page="2")
        assert listed_claims(second) == [c.pk for c in made[1][1:]]
        assert "Page 2 of 2</strong>: claims 6–8 of 8" in second

    def test_an_article_longer_than_a_page_goes_on_over_the_next(self, editor_client, small_pages):
        story, _ = big_story(articles=2, claims_each=4)
        second = report_page(editor_client, story, page="2")
        headings = re.findall(r'<h3 id="report-article-\d+">(.*?)</h3>', second)
        assert headings == ["Wire 001: Report 1 (continued)"]

    def test_the_counts_are_the_whole_storys_on_every_page(self, editor_client, small_pages):
        story, _ = big_story(articles=2, claims_each=4)
        for number in "12":
            assert "0 of 8 claims decided" in report_page(editor_client, story, page=number)
        assert 'class="report-counts' in report_page(editor_client, story)
        assert 'class="report-counts' not in report_page(editor_client, story, page="2")

    def test_the_matrix_of_a_page_holds_the_facts_its_claims_state(
        self, editor_client, small_pages
    ):
        story, made = big_story(articles=2, claims_each=8)
        second = report_page(editor_client, story, page="2")
        facts = [row[0] for row in table(second)[1:]]
        assert len(facts) == 5 and all("Claim number 0000" in fact for fact in facts)
        assert made[0][5].text in " ".join(facts)

    @pytest.mark.parametrize("number", ["99", "0", "x"])
    def test_a_page_that_does_not_exist_shows_the_first_or_the_last(
        self, editor_client, small_pages, number
    ):
        story, _ = big_story(articles=2, claims_each=4)
        page = report_page(editor_client, story, page=number)
        assert ("Page 2 of 2" if number == "99" else "Page 1 of 2") in page

    def test_decided_only_pages_the_decided_claims(self, editor_client, small_pages):
        story, made = big_story(articles=3, claims_each=4)
        decided = [made[0][0], *made[2]]
        for claim in decided:
            record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=EditorFactory())
        first = report_page(editor_client, story, decided="only")
        assert listed_claims(first) == [c.pk for c in decided]
        assert "Page" not in re.search(r'<header class="report-head">.*?</header>', first, re.S)[0]

    def test_a_story_with_one_page_says_nothing_of_pages(self, editor_client):
        story, _ = big_story(articles=2, claims_each=4)
        page = report_page(editor_client, story)
        assert "Page 1 of" not in page and "Next page" not in page


def test_report_pages_cut_articles_into_pages_of_claims():
    # Articles 1 (3 claims), 2 (none), 3 (6 claims), 4 (1 claim), 4 claims a page.
    assert report_pages([(1, 3), (2, 0), (3, 6), (4, 1)], 4) == [
        ReportPage(0, 3, (1, 2)),  # an article without claims takes one place
        ReportPage(3, 7, (3,)),
        ReportPage(7, 10, (3, 4), continued=True),
    ]
    assert report_pages([], 4) == []


def test_grouping_reads_plain_tuples_as_links():
    claims = [(1, 10), (2, 20), (3, 30)]
    links = [(1, 2, "supports", 0.5), Link(2, 3, "contradicts"), (1, 3, "supports", 0.9)]
    assert group_claim_ids(claims, links) == [[1, 3], [2]]


def test_a_claim_names_at_most_ten_outlets_a_label_and_counts_the_rest():
    columns = [SourceColumn(f"outlet {n}", f"Wire {n:02d}") for n in range(14)]
    row = FactRow(matrix.Fact(claims=(), cells=()), [], columns, range(3))
    assert row.others_than("outlet 0") == [
        ("Silent", ", ".join(f"Wire {n:02d}" for n in range(1, 11)) + " and 3 more")
    ]
