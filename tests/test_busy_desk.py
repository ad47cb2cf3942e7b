"""Editors keep working while an analysis runs: on SQLite, where one writer holds the
whole database, a verdict or a login during an analysis waits well under a second.

The analysis runs in a thread with its own connection, as the worker would, on the
tests' database file. Its engine is held at a gate (a fake around the real one), so
the requests are certain to arrive while it runs, and again between two of its write
transactions: what is measured is how long they wait for the database, not how fast
anything is.
"""

import threading
import time
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connections, transaction
from django.urls import reverse

from articles.models import Article
from factcheck import services
from factcheck.benchmark import WriterWaits
from factcheck.models import Claim, Verdict

from .factories import EditorFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"  # UserFactory's
WAIT = 30  # seconds a gate waits before the test gives up on the other side
QUICK = 1.0  # seconds: the most a request may wait for the analysis


class Gate:
    """Where the analysis stops until the test has made its requests."""

    def __init__(self):
        self.reached, self.passed = threading.Event(), threading.Event()

    def stop_here(self):
        self.reached.set()
        assert self.passed.wait(WAIT), "the test never let the analysis go on"

    def wait_for_analysis(self):
        assert self.reached.wait(WAIT), "the analysis never got here"


def timed(request) -> tuple[object, float]:
    started = time.perf_counter()
    response = request()
    return response, time.perf_counter() - started


@pytest.fixture(autouse=True)
def newsroom_roles():
    """Tests that commit start from emptied tables: put back what the migrations made."""
    import_module("factcheck.migrations.0002_newsroom_groups").create_groups(apps, None)


@pytest.fixture
def analysed_story(seed_files):
    call_command("import_articles", *seed_files, verbosity=0)
    assert Article.objects.filter(analyzed_at__isnull=False).count() == len(seed_files)
    return Article.objects.first().story_id


@pytest.fixture
def desk(client):
    """An editor at work (already logged in) and a colleague who is about to log in."""
    editor = EditorFactory(username="erin")
    UserFactory(username="colleague")
    client.force_login(editor)
    return client


def run_in_thread(work) -> tuple[threading.Thread, list]:
    errors = []

    def run():
        try:
            work()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def work_at_the_desk(client, claim: Claim) -> list[tuple[str, int, float]]:
    """Record a verdict, and log a colleague in: (what, status, seconds) of each."""
    newest = claim.verdicts.order_by("-created_at", "-id").first()
    verdict, verdict_took = timed(
        lambda: client.post(
            reverse("record_verdict", args=[claim.pk]),
            {"status": "disputed", "seen_verdict": newest.pk if newest else ""},
        )
    )
    other = type(client)()
    login, login_took = timed(
        lambda: other.post(reverse("login"), {"username": "colleague", "password": PASSWORD})
    )
    assert "_auth_user_id" in other.session
    return [
        ("verdict", verdict.status_code, verdict_took),
        ("login", login.status_code, login_took),
    ]


def work_at_the_desk_during_analysis(story_id: int, gate: Gate, desk, claim) -> list:
    """Analyse the story in a thread; once it reaches the gate, record a verdict and log
    in, then let it finish. It must finish without an error."""
    thread, errors = run_in_thread(lambda: services.analyze_story(story_id=story_id))
    try:
        gate.wait_for_analysis()
        done = work_at_the_desk(desk, claim)
    finally:
        gate.passed.set()
        thread.join(WAIT)
    assert errors == []
    return done


def test_a_verdict_and_a_login_while_the_engine_runs(analysed_story, desk, monkeypatch):
    gate, engine_analyze_story = Gate(), services.engine.analyze_story

    def slow_engine(articles):
        gate.stop_here()
        return engine_analyze_story(articles)

    monkeypatch.setattr(services.engine, "analyze_story", slow_engine)
    claim = Claim.objects.filter(article__story_id=analysed_story).first()
    done = work_at_the_desk_during_analysis(analysed_story, gate, desk, claim)
    assert [(what, status) for what, status, _ in done] == [("verdict", 302), ("login", 302)]
    assert all(took < QUICK for _, _, took in done), done
    assert Verdict.objects.filter(claim=claim).count() == 1


def test_a_verdict_and_a_login_between_two_writes_of_the_analysis(
    analysed_story, desk, monkeypatch
):
    """Each write transaction is short, and the analysis holds no lock between them."""
    gate, store_analysis = Gate(), services.store_analysis
    monkeypatch.setattr(services, "ROWS_PER_TRANSACTION", 1)  # one article a transaction
    written = []

    def store_and_pause(found, **kwargs):
        summary = store_analysis(found, **kwargs)
        written.append(list(found))
        if len(written) == 1:
            services.transaction.on_commit(gate.stop_here)  # once this batch is committed
        return summary

    monkeypatch.setattr(services, "store_analysis", store_and_pause)
    claim = Claim.objects.filter(article__story_id=analysed_story).last()
    done = work_at_the_desk_during_analysis(analysed_story, gate, desk, claim)
    assert len(written) == Article.objects.filter(story_id=analysed_story).count() > 1
    assert [(what, status) for what, status, _ in done] == [("verdict", 302), ("login", 302)]
    assert all(took < QUICK for _, _, took in done), done
    # The verdict recorded between two writes stands, and the claim kept its id.
    assert Claim.objects.get(pk=claim.pk).status == "disputed"


def test_a_verdict_recorded_while_the_engine_ran_keeps_its_claim(analysed_story, desk, monkeypatch):
    """The analysis reads verdicts when it writes, not when it started: a claim decided
    meanwhile keeps its words, even if the engine now reads its sentence otherwise."""
    gate, engine_analyze_story = Gate(), services.engine.analyze_story
    claim = Claim.objects.filter(article__story_id=analysed_story).first()

    def engine_that_drops_the_claim(articles):
        gate.stop_here()
        result = engine_analyze_story(articles)
        result[claim.article_id] = [
            found for found in result[claim.article_id] if found.claim.start != claim.start
        ]
        return result

    monkeypatch.setattr(services.engine, "analyze_story", engine_that_drops_the_claim)
    thread, errors = run_in_thread(lambda: services.analyze_story(story_id=analysed_story))
    try:
        gate.wait_for_analysis()
        work_at_the_desk(desk, claim)
    finally:
        gate.passed.set()
        thread.join(WAIT)
    assert errors == []
    kept = Claim.objects.get(pk=claim.pk)  # decided, so kept though the engine dropped it
    assert kept.status == "disputed"
    assert kept.missing_since is not None


def test_a_story_that_changes_during_its_analysis_is_analysed_again(analysed_story, monkeypatch):
    calls, engine_analyze_story = [], services.engine.analyze_story
    moved = Article.objects.filter(story_id=analysed_story).last()

    def engine_while_an_article_leaves(articles):
        calls.append(sorted(article.id for article in articles))
        if len(calls) == 1:  # an editor moves an article out meanwhile
            Article.objects.filter(pk=moved.pk).update(story=None)
        return engine_analyze_story(articles)

    monkeypatch.setattr(services.engine, "analyze_story", engine_while_an_article_leaves)
    summary = services.analyze_story(story_id=analysed_story)
    assert len(calls) == 2
    assert moved.pk in calls[0] and moved.pk not in calls[1]
    assert summary.articles == len(calls[1])
    evidence_from_moved = Claim.objects.filter(
        article__story_id=analysed_story, evidence__article_id=moved.pk
    )
    assert not evidence_from_moved.exists()
    # Nothing was written for the article that left: its new story's analysis will.
    assert Article.objects.get(pk=moved.pk).analyzed_at == moved.analyzed_at


@pytest.mark.skipif(
    connections["default"].vendor != "sqlite", reason="PostgreSQL locks rows, not the database"
)
def test_the_benchmark_measures_how_long_a_writer_waits():
    """make bench's probe: a write transaction held elsewhere shows as a wait."""
    held, release = threading.Event(), threading.Event()

    def hold_the_write_lock():
        with transaction.atomic():
            UserFactory(username="holder")
            held.set()
            release.wait(WAIT)

    thread, errors = run_in_thread(hold_the_write_lock)
    with WriterWaits() as writers:
        assert held.wait(WAIT)
        time.sleep(0.3)
        release.set()
        thread.join(WAIT)
        time.sleep(0.1)
    assert errors == [] and writers.failures == 0
    assert writers.longest_ms >= 250


class FakeClock:
    def __init__(self):
        self.now, self.slept = 0.0, []

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


@pytest.mark.skipif(
    connections["default"].vendor != "sqlite", reason="PostgreSQL locks rows, not the database"
)
def test_analysis_writing_transaction_after_transaction_leaves_the_lock_free_now_and_then(
    monkeypatch,
):
    """A writer waiting on SQLite tries again only every 100 ms: back-to-back
    transactions would shut it out, so the analysis pauses after a spell of writing."""
    clock = FakeClock()
    monkeypatch.setattr(services, "time", clock)
    pace = services.WritePace()
    for _ in range(10):  # transactions of 0.1 s, one right after the other
        with pace.turn():
            clock.now += 0.1
    assert clock.slept and all(pause >= 0.1 for pause in clock.slept)
    assert len(clock.slept) >= 10 * 0.1 / (services.WRITE_SPELL + 0.1) - 1

    clock.slept.clear()
    pace = services.WritePace()
    for _ in range(10):  # transactions with the lock free between them anyway
        with pace.turn():
            clock.now += 0.1
        clock.now += services.WRITE_PAUSE + 0.01
    assert clock.slept == []
