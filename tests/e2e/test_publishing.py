"""From a verdict to readers, in real Chromium: publish from the claim panel after a
confirmation, read the public page as a reader who is not logged in, withdraw it;
and the story report as it prints to PDF.

Any console error on any of these pages, a Content Security Policy violation
included, fails the test.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from factcheck.models import Publication, Status
from factcheck.services import record_verdict
from tests.factories import EditorFactory
from tests.fictional_story import build_fictional_story

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MARKER = "window.workbenchMarker"


@pytest.fixture
def newsroom(newsroom_roles):
    """The fictional story with the cost claim disputed."""
    news = build_fictional_story()
    record_verdict(
        claim=news.claims["cost"],
        status=Status.DISPUTED,
        reviewer=EditorFactory(username="ruth"),
        note="Coastline Radio gives $95 million.",
        note_is_internal=False,
        cited_evidence=[news.evidence["cost_radio"]],
    )
    return news


@pytest.fixture
def reader_page(browser, live_server):
    """A second browser with nobody logged in, failing on any console error too."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def test_an_editor_publishes_from_the_panel_and_a_reader_sees_it(
    editor_page, reader_page, newsroom
):
    page = editor_page
    cost = newsroom.claims["cost"]
    page.goto(f"/claims/?story={newsroom.story.pk}")
    page.evaluate(f"{MARKER} = 'no reload'")
    page.get_by_role("link", name=cost.text).click()
    panel = page.get_by_role("complementary", name="Claim panel")
    publication = panel.get_by_role("region", name="Publication")
    expect(publication).to_contain_text("Not published: readers see nothing.")

    publication.get_by_role("link", name="Publish…").click()
    confirm = panel.get_by_role("region", name="Publish this fact-check?")
    expect(confirm).to_contain_text("Coastline Radio gives $95 million.")
    expect(confirm).to_contain_text("Disputed")
    assert not Publication.objects.exists()  # asking is not publishing
    confirm.get_by_role("button", name="Publish").click()

    published = "Published: readers now see the Disputed verdict."
    expect(page.locator("#announcer")).to_have_text(published)
    result = panel.locator("[data-result]")
    expect(result).to_have_text(published)
    expect(result).to_be_in_viewport()
    assert page.evaluate(MARKER) == "no reload"
    row = Publication.objects.get()
    assert (row.action, row.editor.username) == ("published", "editor")

    reader, errors = reader_page
    reader.goto(f"/fact-checks/{cost.pk}/")
    expect(reader.get_by_role("heading", name="Fact check", exact=True)).to_be_visible()
    expect(reader.locator(".fact-check")).to_contain_text(cost.text)
    expect(reader.locator(".rating")).to_contain_text("Disputed")
    expect(reader.locator("header.top")).to_have_count(0)  # none of the workbench
    (json_ld,) = reader.locator('script[type="application/ld+json"]').all_text_contents()
    assert json.loads(json_ld)["reviewRating"]["alternateName"] == "Disputed"
    assert "ruth" not in reader.content()
    assert errors == [], errors

    # Withdrawn, the reader's next visit finds nothing.
    panel.get_by_role("link", name="Withdraw…").click()
    panel.get_by_role("region", name="Withdraw this fact-check?").get_by_role(
        "button", name="Withdraw"
    ).click()
    withdrawn = "Withdrawn: readers no longer see this claim."
    expect(page.locator("#announcer")).to_have_text(withdrawn)
    expect(panel.locator("[data-result]")).to_have_text(withdrawn)
    expect(panel.locator("[data-result]")).to_be_in_viewport()
    assert reader.goto(f"/fact-checks/{cost.pk}/").status == 404


def test_the_story_report_prints_without_the_workbench_around_it(editor_page, newsroom):
    page = editor_page
    page.goto("/")
    story = page.get_by_role("region", name="Harbor Bridge closes for repairs")
    story.get_by_role("link", name="Report").click()
    expect(page.get_by_role("heading", name="Harbor Bridge closes for repairs")).to_be_visible()
    expect(page.locator("header.top")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator(".report-actions")).to_be_hidden()
    expect(page.locator(".breadcrumbs")).to_be_hidden()
    expect(page.locator(".report-claim").first).to_be_visible()
    expect(page.locator("table.matrix")).to_be_visible()
    expect(page.locator(".note-kind").first).to_have_text("Public note")

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 3  # counts, the matrix and the claims each start a page
