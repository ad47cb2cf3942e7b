"""The load test's parts: seeding a busy workbench, and the figures it prints.

The load test itself (gunicorn, editors, timings) runs as `make loadtest`, never here.
"""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from articles.models import Article, Outlet, Story
from factcheck.loadtest import Sample, figures_table, page_figures, percentile
from factcheck.models import Claim, ClaimStatus, Evidence, Publication, Relation, Verdict
from factcheck.seeding import DatabaseNotEmpty, seed_workbench
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    return seed_workbench(articles=20, editors=3, password="a long load-test password")


class TestSeeding:
    def test_writes_stories_of_six_articles_with_their_claims_and_evidence(self, seeded):
        assert Article.objects.count() == seeded.articles == 20
        assert Story.objects.count() == seeded.stories == 4  # 6 + 6 + 6 + 2
        for story in Story.objects.all():
            days = [article.published for article in story.articles.all()]
            assert (story.first_published, story.last_published) == (min(days), max(days))
        assert Outlet.objects.count() == seeded.outlets == 60
        assert Claim.objects.count() == seeded.claims == 20 * 13
        assert Evidence.objects.count() == seeded.evidence
        per_claim = Claim.objects.annotate(n=Count("evidence")).values_list("n", flat=True)
        assert set(per_claim) <= set(range(1, 9)) and 8 in set(per_claim)

    def test_spans_are_the_articles_own_words(self, seeded):
        for claim in Claim.objects.select_related("article"):
            assert claim.article.body[claim.start : claim.end] == claim.text
        for passage in Evidence.objects.select_related("article", "claim__article"):
            assert passage.article.body[passage.start : passage.end] == passage.text
            assert passage.article_id != passage.claim.article_id
            assert passage.article.story_id == passage.claim.article.story_id
            assert passage.article.outlet_id != passage.claim.article.outlet_id

    def test_the_same_sentence_in_another_outlet_backs_a_claim(self, seeded):
        supporting = Evidence.objects.filter(relation=Relation.SUPPORTS).select_related("claim")
        assert supporting.exists()
        for passage in supporting:
            assert passage.text == passage.claim.text
            assert passage.highlights == [[0, len(passage.text)]]
            assert passage.reasons == [f"{{article:{passage.article_id}}} supports it"]

    def test_a_claims_status_is_its_newest_verdicts(self, seeded):
        decided = Claim.objects.exclude(status=ClaimStatus.PENDING)
        assert decided.exists() and Verdict.objects.count() == seeded.verdicts
        for claim in decided:
            assert claim.latest_verdict().status == claim.status
        assert not Claim.objects.filter(status=ClaimStatus.PENDING, verdicts__isnull=False)
        assert Publication.objects.count() == seeded.published

    def test_editors_log_in_with_the_password_and_may_decide(self, seeded, client):
        assert seeded.editors == ["editor01", "editor02", "editor03"]
        form = {"username": "editor02", "password": "a long load-test password"}
        assert client.post(reverse("login"), form).status_code == 302  # logged in
        assert User.objects.get(username="editor03").has_perm("factcheck.add_verdict")

    def test_refuses_a_database_that_holds_articles(self):
        ArticleFactory()
        with pytest.raises(DatabaseNotEmpty, match="already holds 1 articles"):
            seed_workbench(articles=20, editors=1, password="a long load-test password")
        assert Article.objects.count() == 1

    def test_seeds_a_database_that_holds_articles_when_told(self):
        ArticleFactory()
        seed_workbench(articles=6, editors=1, password="pw for tests", into_non_empty=True)
        assert Article.objects.count() == 7

    def test_the_command_says_why_it_refuses(self):
        ArticleFactory()
        with pytest.raises(CommandError, match="seed an empty one"):
            call_command("seed_load", "20", "--editors", "1")


class TestFigures:
    def test_percentiles_by_nearest_rank(self):
        values = list(range(1, 21))  # 1 .. 20
        assert percentile(values, 50) == 10
        assert percentile(values, 95) == 19
        assert percentile(values, 100) == 20
        assert percentile(list(reversed(values)), 95) == 19
        assert percentile([7.0], 95) == 7.0
        with pytest.raises(ValueError, match="no values"):
            percentile([], 50)

    def test_failures_are_5xx_and_no_answer_and_409s_are_counted_apart(self):
        samples = [
            Sample("queue", 0.010, 200),
            Sample("queue", 0.030, 500),
            Sample("queue", 0.020, 0),
            Sample("queue", 0.040, 404),
            Sample("verdict POST", 0.005, 409),
            Sample("verdict POST", 0.015, 200),
        ]
        queue, verdict = page_figures(samples)
        assert (queue.page, queue.requests, queue.failures, queue.conflicts, queue.refused) == (
            "queue", 4, 2, 0, 1,
        )  # fmt: skip
        assert (queue.p50_ms, queue.p95_ms, queue.max_ms) == pytest.approx((20, 40, 40))
        assert (verdict.requests, verdict.failures, verdict.conflicts) == (2, 0, 1)
        assert verdict.p95_ms == pytest.approx(15)

    def test_the_table_has_a_row_a_page_and_the_totals(self):
        table = figures_table(page_figures([Sample("reader", 0.1234, 200)] * 3))
        assert "| reader | 3 | 123 | 123 | 123 | 0 | 0 | 0 |" in table.splitlines()
        assert table.splitlines()[-1] == "| all | 3 | | | | 0 | 0 | 0 |"


def test_seeding_the_same_articles_twice_is_refused_with_a_reason(seeded):
    with pytest.raises(CommandError, match="pass another --seed"):
        call_command("seed_load", "6", "--editors", "1", "--into-non-empty")
