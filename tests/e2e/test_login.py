"""The browser path from day one: log in and see the imported articles."""

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import EditorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_anonymous_visitor_is_sent_to_login(page, live_server):
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()


def test_wrong_password_is_refused(page, newsroom_roles):
    EditorFactory(username="editor", password="something else entirely")
    log_in(page, "editor")
    expect(page.get_by_role("alert")).to_contain_text("did not match")


def test_editor_logs_in_and_sees_the_seeded_articles(editor_page, seed_files):
    call_command("import_articles", *seed_files, verbosity=0)
    editor_page.goto("/")
    rows = editor_page.get_by_role("row")
    expect(rows).to_have_count(6)  # header + five articles
    for outlet in ["ABC7 News", "ABC News"]:
        expect(editor_page.get_by_role("cell", name=outlet, exact=True)).to_be_visible()
    # three name no outlet (one names only its web address, which is not a name)
    expect(editor_page.get_by_role("cell", name="Unknown outlet", exact=True)).to_have_count(3)
    expect(editor_page.get_by_role("cell", name="WALNUT CREEK, Calif.", exact=True)).to_be_visible()


def test_repeated_wrong_passwords_lock_the_login_and_say_for_how_long(page, newsroom_roles):
    EditorFactory(username="editor", password="something else entirely")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(page, "editor")
        expect(page.get_by_role("alert")).to_contain_text("did not match")
    log_in(page, "editor")
    expect(page.get_by_role("heading", name="Too many failed logins")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("locked for 15 minutes: try again at")
    page.get_by_role("link", name="Back to the login page").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
