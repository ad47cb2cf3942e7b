from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django_tasks_db.management.commands.db_worker import Worker

from tests.factories import EditorFactory, ViewerFactory

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def task_worker(*, name: str, batch: bool, interval: float) -> Worker:
    """django-tasks-db's worker, in this process: `manage.py db_worker` without the command."""
    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=name,
        excluded_queue_names=[],
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts as a fresh server would, with nothing cached (the coverage
    matrix keeps a story's grouping into facts there)."""
    cache.clear()


def pytest_configure(config):
    # Before any live server starts (its middleware reads settings once): tests
    # speak plain HTTP, and fast hashing keeps user fixtures cheap.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Analysis runs the moment it is queued, so a test that imports sees it done;
    # tests of the worker switch to the database backend and run the worker themselves.
    override_settings(TASKS=IMMEDIATE_TASKS).enable()


@pytest.fixture
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def editor():
    return EditorFactory(username="erin")


@pytest.fixture
def editor_client(client, editor) -> Client:
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(client) -> Client:
    client.force_login(ViewerFactory(username="vic"))
    return client
