"""An editor imports a saved news page in the browser and reads it once it is analysed.

The database task backend, with its worker in a thread of this process, as
`make run` runs `manage.py db_worker` beside the web server.
"""

import re
import threading
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect

from tests.conftest import DATABASE_TASKS, task_worker

pytestmark = pytest.mark.e2e

SAVED_PAGE = Path(__file__).resolve().parents[1] / "data" / "articles" / "lantern-ferry-ramp.html"
HEADLINE = "Storm damage shuts Alder Bay ferry ramp for eight weeks"
NO_RELOAD = "window.importPageNotReloaded"


@pytest.fixture
def worker(settings):
    """A database worker, started on demand in a thread and stopped after the test."""
    settings.TASKS = DATABASE_TASKS
    worker = task_worker(name="browser-test-worker", batch=False, interval=0.2)

    def run():
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name="db_worker", daemon=True)
    yield thread
    worker.running = False
    if thread.is_alive():
        thread.join(timeout=30)
    assert not thread.is_alive()


def test_an_uploaded_page_is_analysed_and_leads_to_its_article(editor_page, worker):
    page = editor_page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    page.get_by_label("Article files").set_input_files(SAVED_PAGE)
    page.get_by_role("button", name="Import files").click()

    expect(page.get_by_role("heading", name=re.compile(r"^Import \d+$"))).to_be_visible()
    files = page.get_by_role("table", name=re.compile("Files of import"))
    expect(files.get_by_role("row").nth(1)).to_contain_text(
        f"{SAVED_PAGE.name} Imported The Alder Bay Lantern {HEADLINE}"
    )
    progress = page.get_by_role("status")
    expect(progress).to_have_text("Queued: waiting for the worker.")
    expect(files.get_by_role("link", name=HEADLINE)).to_have_count(0)
    page.evaluate(f"{NO_RELOAD} = true")

    worker.start()

    expect(progress).to_contain_text("Done: 1 new article analysed.", timeout=30_000)
    assert page.evaluate(NO_RELOAD) is True  # HTMX polling brought the news, not a reload
    files.get_by_role("link", name=HEADLINE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(page.locator(".claim-mark").first).to_be_visible()
