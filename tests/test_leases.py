"""Task leases: a killed worker's task is taken over (or failed, saying why), and a live
analysis, however long it runs, is never offered to a second worker.

Workers run in this process: django-tasks-db's Worker (tests/conftest.py) in a
thread, or the db_worker command itself. Tests that commit use their own emptied
tables (transactional_db), with the newsroom's groups put back.
"""

import io
import re
import signal
import threading
import time
from datetime import timedelta
from html import unescape
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command, get_commands
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article, ImportBatch
from leases import heartbeats, services
from leases.models import TaskLease

from .conftest import DATABASE_TASKS, IMMEDIATE_TASKS, SEEDS, task_worker
from .factories import EditorFactory

SEED = SEEDS / "000_921e098517894b9e.txt"
WAIT = 30  # seconds before a test gives up waiting for the other thread
LEASE = timedelta(seconds=0.4)  # renewed every 0.1 s in these tests

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def workbench(settings):
    """Tasks wait in the database; the groups the migrations made are put back."""
    settings.TASKS = DATABASE_TASKS
    settings.TASK_LEASE = LEASE
    import_module("factcheck.migrations.0002_newsroom_groups").create_groups(apps, None)
    import_module("articles.migrations.0004_editors_may_import").let_editors_import(apps, None)


@pytest.fixture
def editor_client(client):
    client.force_login(EditorFactory(username="erin"))
    return client


@pytest.fixture
def batch(editor_client) -> ImportBatch:
    upload = SimpleUploadedFile(SEED.name, SEED.read_bytes())
    editor_client.post(reverse("import_files"), {"files": [upload]})
    return ImportBatch.objects.latest("pk")


def task_of(batch: ImportBatch) -> DBTaskResult:
    batch.refresh_from_db()
    return DBTaskResult.objects.get(pk=batch.analysis_task_id)


def page_text(client, batch: ImportBatch) -> str:
    html = client.get(reverse("import_batch", args=[batch.pk])).content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def started_by(task: DBTaskResult, *workers: str, ago: timedelta) -> DBTaskResult:
    """As if these workers had each taken the task in turn, the last one `ago`."""
    for worker in workers:
        task.claim(worker)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - ago)
    task.refresh_from_db()
    return task


def lease(task: DBTaskResult, worker: str, *, expires_in: timedelta) -> TaskLease:
    held = services.take_lease(task_id=str(task.pk), worker_id=worker)
    held.expires_at = timezone.now() + expires_in
    held.save(update_fields=["expires_at"])
    return held


def eventually(check, what: str):
    deadline = time.monotonic() + WAIT
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.02)


class Gate:
    def __init__(self):
        self.reached, self.passed = threading.Event(), threading.Event()


@pytest.fixture
def slow_analysis(monkeypatch):
    """The analysis task waits at a gate until the test lets it finish."""
    from factcheck import services as analysis

    gate, analyze_articles = Gate(), analysis.analyze_articles

    def wait_then_analyse(*, article_ids):
        gate.reached.set()
        assert gate.passed.wait(WAIT)
        return analyze_articles(article_ids=article_ids)

    monkeypatch.setattr(analysis, "analyze_articles", wait_then_analyse)
    return gate


def worker_in_a_thread(name: str) -> threading.Thread:
    def run():
        try:
            task_worker(name=name, batch=True, interval=0).run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.fixture
def own_signal_handlers():
    """db_worker sets SIGINT and SIGTERM handlers for itself: give pytest back its own."""
    kept = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in kept.items():
        signal.signal(sig, handler)


def db_worker() -> str:
    out = io.StringIO()
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", stdout=out
    )
    return out.getvalue()


# --- A live task keeps its lease ------------------------------------------------------


class TestALiveTask:
    def test_its_worker_holds_a_lease_renewed_while_it_runs_and_given_back_after(
        self, editor_client, batch, slow_analysis
    ):
        thread = worker_in_a_thread("worker-one")
        try:
            assert slow_analysis.reached.wait(WAIT)
            held = TaskLease.objects.get(task_id=task_of(batch).pk)
            assert held.worker_id == "worker-one"
            first = held.expires_at
            eventually(lambda: TaskLease.objects.get(pk=held.pk).expires_at > first, "a renewal")
            # Several leases' lengths later it is still running, and still its own.
            time.sleep(3 * LEASE.total_seconds())
            assert services.reap_abandoned_tasks() == []
            assert TaskLease.objects.get(pk=held.pk).expires_at > timezone.now()
            assert task_of(batch).status == "RUNNING"
            text = page_text(editor_client, batch)
            assert "Analysing: 0 of 1 article done." in text
            assert "Run analysis again" not in text and "stopped answering" not in text
        finally:
            slow_analysis.passed.set()
            thread.join(WAIT)
        assert task_of(batch).status == "SUCCESSFUL"
        assert not TaskLease.objects.exists()
        assert Article.objects.get().analyzed_at is not None

    def test_an_analysis_running_for_an_hour_is_not_offered_again(self, editor_client, batch):
        task = started_by(task_of(batch), "worker-one", ago=timedelta(hours=1))
        lease(task, "worker-one", expires_in=timedelta(minutes=1))
        text = page_text(editor_client, batch)
        assert "Analysing: 0 of 1 article done." in text
        assert "Run analysis again" not in text
        response = editor_client.post(reverse("run_batch_analysis", args=[batch.pk]))
        assert response.status_code == 409
        assert services.reap_abandoned_tasks() == []
        assert DBTaskResult.objects.get().status == "RUNNING"
        assert DBTaskResult.objects.count() == 1

    def test_tasks_run_at_once_take_no_lease(self, client, settings):
        settings.TASKS = IMMEDIATE_TASKS
        client.force_login(EditorFactory(username="erin"))
        upload = SimpleUploadedFile(SEED.name, SEED.read_bytes())
        client.post(reverse("import_files"), {"files": [upload]})
        assert Article.objects.get().analyzed_at is not None
        assert not TaskLease.objects.exists()


# --- A task whose worker died -----------------------------------------------------------


class TestAnAbandonedTask:
    def test_a_restarted_worker_takes_it_over(self, editor_client, batch, own_signal_handlers):
        task = started_by(task_of(batch), "worker-killed", ago=timedelta(minutes=10))
        lease(task, "worker-killed", expires_in=-timedelta(minutes=9))
        assert "Its worker stopped answering at" in page_text(editor_client, batch)

        said = db_worker()

        assert "1 task(s) had lost their worker" in said
        task.refresh_from_db()
        assert task.status == "SUCCESSFUL"
        assert task.worker_ids[0] == "worker-killed" and len(task.worker_ids) == 2
        assert DBTaskResult.objects.count() == 1
        assert "Done: 1 new article analysed." in page_text(editor_client, batch)

    def test_one_killed_before_it_took_its_lease_is_taken_over_too(self, batch):
        task = started_by(task_of(batch), "worker-killed", ago=LEASE * 2)
        assert services.reap_abandoned_tasks() == [task.pk]
        assert DBTaskResult.objects.get().status == "READY"

    def test_a_running_worker_watches_for_it(self, batch):
        task = started_by(task_of(batch), "worker-killed", ago=timedelta(minutes=1))
        lease(task, "worker-killed", expires_in=timedelta(seconds=0.3))
        watch = heartbeats.Watch()
        watch.start()
        try:
            eventually(lambda: DBTaskResult.objects.get().status == "READY", "a takeover")
        finally:
            watch.stop()
            watch.join(WAIT)
        assert not TaskLease.objects.exists()

    def test_the_page_says_it_is_queued_again(self, editor_client, batch):
        task = started_by(task_of(batch), "worker-killed", ago=timedelta(minutes=10))
        services.reap_abandoned_tasks()
        assert DBTaskResult.objects.get(pk=task.pk).status == "READY"
        text = page_text(editor_client, batch)
        assert "Queued again: the worker analysing it stopped" in text
        assert "Run analysis again" not in text

    def test_an_editor_runs_it_again_as_it_is(self, editor_client, batch):
        task = started_by(task_of(batch), "worker-killed", ago=timedelta(minutes=10))
        lease(task, "worker-killed", expires_in=-timedelta(minutes=1))
        response = editor_client.post(
            reverse("run_batch_analysis", args=[batch.pk]), headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        assert DBTaskResult.objects.count() == 1  # the same task, not a second one
        assert DBTaskResult.objects.get().status == "READY"
        again = editor_client.post(reverse("run_batch_analysis", args=[batch.pk]))
        assert again.status_code == 409

    def test_after_losing_too_many_workers_it_fails_saying_why(self, editor_client, batch):
        task = started_by(task_of(batch), "one", "two", "three", ago=timedelta(minutes=10))
        lease(task, "three", expires_in=-timedelta(minutes=9))

        assert services.reap_abandoned_tasks() == [task.pk]

        task.refresh_from_db()
        assert task.status == "FAILED"
        text = page_text(editor_client, batch)
        assert "The analysis failed: its worker stopped while running it, 3 times" in text
        assert "Traceback" not in text
        retried = editor_client.post(reverse("run_batch_analysis", args=[batch.pk]))
        assert retried.status_code == 302
        assert DBTaskResult.objects.count() == 2  # Retry queued a new task

    def test_a_worker_that_comes_back_finds_its_lease_gone(self, batch):
        task = started_by(task_of(batch), "worker-frozen", ago=timedelta(minutes=10))
        lease(task, "worker-frozen", expires_in=-timedelta(seconds=1))
        services.reap_abandoned_tasks()
        assert not services.renew_lease(task_id=str(task.pk), worker_id="worker-frozen")
        assert not heartbeats.Heartbeat(str(task.pk), "worker-frozen").beat()

    def test_two_watches_take_it_over_once(self, batch):
        task = started_by(task_of(batch), "worker-killed", ago=timedelta(minutes=10))
        assert services.requeue_abandoned(task)
        assert not services.requeue_abandoned(task)


def test_manage_py_db_worker_is_the_one_that_keeps_leases():
    assert get_commands()["db_worker"] == "leases"
