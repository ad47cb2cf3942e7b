"""Analysis stored as rows: after import, on demand, idempotent, verdicts respected."""

import csv
import io
import json
from unittest import mock

import pytest
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article, Outlet, Story
from articles.services import import_article
from factcheck import services
from factcheck.benchmark import synthetic_corpus
from factcheck.management.commands.evaluate_engine import TARGETS, THRESHOLDS, score_against
from factcheck.models import Claim, Evidence, Relation, Status, Verdict
from factcheck.services import analyze_articles, record_verdict

from .factories import EditorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seed_files, django_capture_on_commit_callbacks):
    """The seeds imported; the import itself queues their analysis."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", *seed_files, stdout=io.StringIO())
    return Article.objects.all()


def snapshot() -> tuple:
    return (
        sorted(Claim.objects.values_list("article_id", "start", "end", "suggested_status")),
        sorted(Evidence.objects.values_list("claim_id", "article_id", "start", "relation")),
    )


def test_import_analyses_the_seeds_into_one_story(seeded):
    assert Story.objects.count() == 1
    assert set(Article.objects.values_list("story", flat=True)) == {Story.objects.get().pk}
    assert Claim.objects.count() > 50
    assert all(article.analyzed_at for article in Article.objects.all())
    assert Claim.objects.filter(suggested_status=Status.DISPUTED).exists()
    assert Evidence.objects.filter(relation=Relation.CONTRADICTS).exists()


def test_evidence_never_comes_from_the_claims_own_outlet(seeded):
    for evidence in Evidence.objects.select_related("claim__article", "article"):
        assert evidence.article_id != evidence.claim.article_id
        known = not evidence.article.outlet.is_unknown
        if known:
            assert evidence.article.outlet_id != evidence.claim.article.outlet_id


def test_unknown_outlet_articles_still_back_each_other(seeded):
    unknown = list(Outlet.objects.get(is_unknown=True).articles.all())
    assert len(unknown) == 3  # two name no outlet; one names only a web domain
    assert Evidence.objects.filter(claim__article__in=unknown, article__in=unknown).exists()


def test_rerunning_changes_nothing(seeded):
    before = snapshot()
    summary = analyze_articles(article_ids=Article.objects.values_list("pk", flat=True))
    assert (summary.claims_created, summary.claims_updated, summary.evidence_created) == (0, 0, 0)
    assert snapshot() == before


def test_a_decided_claim_is_never_changed_by_reanalysis(seeded):
    claim = Claim.objects.filter(evidence__isnull=False).first()
    cited = claim.evidence.first()
    record_verdict(claim=claim, status=Status.DISPUTED, reviewer=EditorFactory(),
                   cited_evidence=[cited])  # fmt: skip
    Claim.objects.filter(pk=claim.pk).update(suggested_status="unsourced", reasons=["as decided"])

    analyze_articles(article_ids=[claim.article_id])

    claim.refresh_from_db()
    assert (claim.status, claim.suggested_status, claim.reasons) == (
        Status.DISPUTED, "unsourced", ["as decided"]
    )  # fmt: skip
    assert Verdict.objects.get().cited_evidence.get() == cited


def test_claims_the_engine_no_longer_finds_go_unless_decided(seeded):
    article = Article.objects.get(source="000_921e098517894b9e.txt")
    start = article.body.index("Robinson says")  # a sentence the engine skips
    text = article.body[start : start + len("Robinson says")]
    undecided = Claim.objects.create(article=article, text=text, start=start,
                                     end=start + len(text), kind="statement")  # fmt: skip
    decided = Claim.objects.create(article=article, text=text[:8], start=start,
                                   end=start + 8, kind="statement")  # fmt: skip
    record_verdict(claim=decided, status=Status.UNSOURCED, reviewer=EditorFactory())

    analyze_articles(article_ids=[article.pk])

    assert not Claim.objects.filter(pk=undecided.pk).exists()
    assert Claim.objects.filter(pk=decided.pk).exists()


def test_the_same_text_again_is_not_a_second_story(seeded, seed_files):
    call_command("import_articles", *seed_files, stdout=io.StringIO())
    assert Story.objects.count() == 1


def findings_by_place() -> tuple:
    """Claims and evidence by where they are, not by id."""
    return (
        sorted(Claim.objects.values_list("article_id", "start", "end", "suggested_status")),
        sorted(
            Evidence.objects.values_list(
                "claim__article_id", "claim__start", "article_id", "start", "relation"
            )
        ),
    )


def import_stories(settings, count: int) -> list[int]:
    """`count` synthetic stories of two articles each, imported without analysis."""
    corpus = synthetic_corpus(settings.BASE_DIR / "seeds", 2 * count, per_story=2)
    return [
        import_article(
            data=item.text.encode(), source=item.name, outlet_name=item.outlet
        ).article.pk
        for item in corpus
    ]


def test_many_stories_are_read_in_worker_processes_with_the_same_findings(settings):
    ids = import_stories(settings, services.PARALLEL_FROM_STORIES)
    settings.ANALYSIS_PROCESSES = 1
    alone = analyze_articles(article_ids=ids)
    findings = findings_by_place()
    Claim.objects.all().delete()

    settings.ANALYSIS_PROCESSES = 2
    with mock.patch.object(
        services, "ProcessPoolExecutor", wraps=services.ProcessPoolExecutor
    ) as pool:
        shared = analyze_articles(article_ids=ids)
    pool.assert_called_once()
    assert findings_by_place() == findings
    assert (shared.stories, shared.articles, shared.claims_created) == (
        alone.stories,
        alone.articles,
        alone.claims_created,
    )


def test_a_few_stories_are_read_in_this_process(settings):
    ids = import_stories(settings, services.PARALLEL_FROM_STORIES - 1)
    settings.ANALYSIS_PROCESSES = 2
    with mock.patch.object(services, "ProcessPoolExecutor") as pool:
        summary = analyze_articles(article_ids=ids)
    pool.assert_not_called()
    assert summary.stories == services.PARALLEL_FROM_STORIES - 1


def test_a_big_import_is_grouped_a_batch_at_a_time_into_the_same_story(seed_files, monkeypatch):
    """The grouping of each batch is written in its own short transaction."""
    monkeypatch.setattr(services, "GROUPING_BATCH", 2)
    call_command("import_articles", *seed_files, stdout=io.StringIO())  # analysis not run
    grouped = mock.patch.object(services, "group_into_stories", wraps=services.group_into_stories)
    with grouped as group:
        summary = analyze_articles(article_ids=Article.objects.values_list("pk", flat=True))
    assert group.call_count == 3  # 5 articles, 2 at a time
    assert Story.objects.count() == 1 and summary.stories == 1
    assert summary.articles == 5


class TestAnalyzeCommand:
    def test_reports_what_it_did(self, seeded):
        out = io.StringIO()
        call_command("analyze", stdout=out)
        assert "analysed 5 articles in 1 stories: 0 claims new, 0 updated" in out.getvalue()

    def test_one_article(self, seeded):
        out = io.StringIO()
        call_command("analyze", "--article", str(Article.objects.first().pk), stdout=out)
        assert "analysed 5 articles in 1 stories" in out.getvalue()

    def test_unknown_article_is_an_error(self, seeded):
        with pytest.raises(CommandError, match="no article with id 999"):
            call_command("analyze", "--article", "999")

    def test_nothing_to_analyse_is_an_error(self):
        with pytest.raises(CommandError, match="no articles yet"):
            call_command("analyze")


class TestExport:
    def test_json_has_the_documented_shape(self, seeded, tmp_path):
        path = tmp_path / "claims.json"
        call_command("export_claims", "--format", "json", "--output", str(path),
                     stderr=io.StringIO())  # fmt: skip
        data = json.loads(path.read_text())
        assert {a["source_file"] for a in data["articles"]} == set(
            Article.objects.values_list("source", flat=True)
        )
        article = data["articles"][0]
        assert set(article) == {
            "id", "outlet", "source_file", "published", "headline", "url", "story",
        }  # fmt: skip
        claim = next(c for c in data["claims"] if c["evidence"])
        assert set(claim) == {
            "id", "article", "text", "start", "end", "kind", "facts", "attribution",
            "suggested_status", "status", "reasons", "not_a_claim", "verdict", "publication",
            "evidence",
        }  # fmt: skip
        assert claim["verdict"] is None  # nobody has decided anything yet
        assert claim["publication"] == {"state": "not published", "at": None, "url": None}
        assert set(claim["evidence"][0]) == {
            "article",
            "text",
            "start",
            "end",
            "relation",
            "score",
            "reasons",
        }
        scores = [passage["score"] for passage in claim["evidence"]]
        assert scores == sorted(scores, reverse=True)
        assert len(data["claims"]) == Claim.objects.count()

    def test_csv_has_a_row_per_claim(self, seeded, tmp_path):
        path = tmp_path / "claims.csv"
        call_command("export_claims", "--format", "csv", "--output", str(path),
                     stderr=io.StringIO())  # fmt: skip
        rows = list(csv.reader(path.open(newline="")))
        assert rows[0][:9] == [
            "id",
            "article",
            "outlet",
            "headline",
            "url",
            "source_file",
            "published",
            "story",
            "text",
        ]
        assert len(rows) == Claim.objects.count() + 1

    def test_unwritable_output_is_a_clear_error(self, seeded):
        with pytest.raises(CommandError, match=r"cannot write /nonexistent/claims\.json"):
            call_command("export_claims", "--output", "/nonexistent/claims.json")


def test_admin_action_reruns_analysis(seeded, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    Claim.objects.all().delete()
    article = Article.objects.first()
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "analyze_again", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302
    assert Claim.objects.filter(article__story=article.story).exists()
    assert admin.site.is_registered(Article)


def test_the_engine_meets_its_targets_on_the_gold_set(settings):
    gold = json.loads((settings.BASE_DIR / "tests/data/gold.json").read_text())
    figures = score_against(gold, settings.BASE_DIR / "seeds").figures()
    for name, target in TARGETS.items():
        assert figures[name] >= target, (name, figures[name])
    assert figures["boilerplate claims"] == 0


def test_the_engine_clearly_beats_a_plain_tfidf_baseline(settings):
    gold = json.loads((settings.BASE_DIR / "tests/data/gold.json").read_text())
    seeds = settings.BASE_DIR / "seeds"
    engine = score_against(gold, seeds).figures()
    baseline = max(
        (score_against(gold, seeds, baseline=threshold).figures() for threshold in THRESHOLDS),
        key=lambda figures: figures["suggestion accuracy"],
    )
    evidence = "evidence recall (first two passages an outlet)"
    assert engine[evidence] >= baseline[evidence] + 0.1
    assert engine["suggestion accuracy"] >= baseline["suggestion accuracy"] + 0.1
    assert baseline["contradiction recall"] == 0 < engine["contradiction recall"]
