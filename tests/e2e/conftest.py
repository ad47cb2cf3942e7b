"""Playwright in Debian's Chromium against Django's live server.

The browser is never downloaded: CHROMIUM (default /usr/bin/chromium) names the
executable. A missing browser fails the run loudly rather than skipping.
"""

import os
import re
import shutil
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import Page, sync_playwright

from tests.factories import EditorFactory, ViewerFactory

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in
# the test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct horse battery staple"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            f"Chromium not found at {path}: install it (apt-get install -y chromium) "
            "or point CHROMIUM at a Chromium executable.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1400, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: is_error(message) and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    # A CSP violation or a script error is a failure even if the page looked right.
    assert errors == [], errors


# Answers the workbench shows in place (htmx swaps them): a form with errors, a verdict
# a colleague recorded first, a claim whose sentence is gone; and the page of a login
# locked out after too many failures (429). Chromium still notes each in the console
# as a resource that "failed to load"; that note is not a page error.
SHOWN_ANSWERS = re.compile(r"^Failed to load resource: .* status of (400|409|410|429) ")


def is_error(message) -> bool:
    return message.type == "error" and not SHOWN_ANSWERS.match(message.text)


ROLE_MIGRATIONS = [
    ("factcheck.migrations.0002_newsroom_groups", "create_groups"),
    ("articles.migrations.0004_editors_may_import", "let_editors_import"),
    ("factcheck.migrations.0004_editors_publish", "grant_publishing"),
]


@pytest.fixture
def newsroom_roles(transactional_db):
    """Live-server tests start from emptied tables: put back the groups and the
    permissions the migrations gave them, as a migrated database has them."""
    for module, grant in ROLE_MIGRATIONS:
        getattr(import_module(module), grant)(apps, None)


def log_in(page: Page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.fixture
def editor_page(page, newsroom_roles) -> Page:
    EditorFactory(username="editor", password=PASSWORD)
    log_in(page, "editor")
    return page


@pytest.fixture
def viewer_page(page, newsroom_roles) -> Page:
    ViewerFactory(username="viewer", password=PASSWORD)
    log_in(page, "viewer")
    return page


def screenshot(page: Page, name: str) -> None:
    """Capture a main screen; with SAVE_SCREENSHOTS=1 (make screenshots) keep it in docs/."""
    image = page.screenshot(full_page=False, caret="initial")
    assert image.startswith(b"\x89PNG")
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / f"{name}.png").write_bytes(image)
