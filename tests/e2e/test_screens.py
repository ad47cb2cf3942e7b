"""Any screen from 360 px up, in real Chromium: no page scrolls sideways, the claim panel
is a drawer over the page on a phone, and whatever an action did is in view, a
colleague's verdict included. Any console error (a CSP violation included) fails.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from factcheck.models import ClaimStatus, NotAClaim, Verdict
from factcheck.services import publish_claim, record_verdict
from tests.e2e.conftest import screenshot
from tests.factories import EditorFactory
from tests.fictional_story import build_fictional_story

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}
TABLET = {"width": 800, "height": 1000}
DESKTOP = {"width": 1400, "height": 900}


@pytest.fixture
def newsroom(newsroom_roles):
    news = build_fictional_story()
    decided = record_verdict(
        claim=news.claims["traffic"],
        status="confirmed",
        reviewer=EditorFactory(username="sam"),
        note="Three outlets agree.",
        note_is_internal=False,
        cited_evidence=[news.evidence["traffic_radio"]],
    )
    publish_claim(claim=news.claims["traffic"], editor=decided.reviewer, verdict_id=decided.pk)
    return news


def claim_panel(page: Page):
    return page.get_by_role("complementary", name="Claim panel")


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def screens(news) -> list[str]:
    cost, traffic = news.claims["cost"], news.claims["traffic"]
    gazette, story = news.articles["gazette"], news.story
    return [
        "/",
        f"/articles/{gazette.pk}/",
        f"/articles/{gazette.pk}/?claim={cost.pk}",
        "/claims/",
        f"/claims/?story={story.pk}&claim={cost.pk}",
        f"/claims/{cost.pk}/",
        f"/claims/{cost.pk}/history/",
        f"/claims/{traffic.pk}/publication/",
        f"/stories/{story.pk}/coverage/",
        f"/stories/{story.pk}/report/",
        "/import/",
    ]


@pytest.mark.parametrize(
    "size", [SMALL_PHONE, PHONE, TABLET, DESKTOP], ids=lambda s: f"{s['width']}px"
)
def test_no_screen_scrolls_sideways(editor_page, newsroom, size):
    page = editor_page
    page.set_viewport_size(size)
    for url in screens(newsroom):
        page.goto(url)
        assert not scrolls_sideways(page), url
    # The public fact-check, as a reader on a phone sees it.
    page.goto(f"/fact-checks/{newsroom.claims['traffic'].pk}/")
    assert not scrolls_sideways(page)


def test_on_a_phone_the_claim_panel_is_a_drawer_over_the_text(editor_page, newsroom):
    page = editor_page
    page.set_viewport_size(PHONE)
    gazette, cost = newsroom.articles["gazette"], newsroom.claims["cost"]
    page.goto(f"/articles/{gazette.pk}/")
    panel = claim_panel(page)
    expect(panel).to_be_hidden()  # nothing open: no panel under the text

    page.locator(f"#claim-mark-{cost.pk}").click()
    expect(panel.locator(".claim-panel")).to_have_attribute("data-claim", str(cost.pk))
    expect(panel).to_be_in_viewport()
    assert panel.evaluate("element => getComputedStyle(element).position") == "fixed"
    expect(panel.get_by_role("link", name="Close the claim panel")).to_be_in_viewport()
    screenshot(page, "reader-phone")

    panel.get_by_role("button", name="Disputed").click()
    result = panel.locator("[data-result]")
    expect(result).to_have_text("Recorded: Disputed.")
    expect(result).to_be_in_viewport()
    expect(page.locator(f"#claim-mark-{cost.pk}")).to_have_class(re.compile("status-disputed"))

    panel.get_by_role("link", name="Close the claim panel").click()
    expect(panel).to_be_hidden()
    expect(page).to_have_url(re.compile(rf"/articles/{gazette.pk}/$"))

    # On the claim's own page, Close leads to its article.
    page.goto(f"/claims/{cost.pk}/")
    page.get_by_role("link", name="Close the claim panel").click()
    expect(page).to_have_url(re.compile(rf"/articles/{gazette.pk}/$"))
    expect(page.get_by_role("heading", name=gazette.headline)).to_be_visible()


@pytest.mark.parametrize("size", [PHONE, TABLET], ids=lambda s: f"{s['width']}px")
def test_a_claim_opened_from_the_queue_is_in_view_and_in_the_url(editor_page, newsroom, size):
    page = editor_page
    page.set_viewport_size(size)
    cost = newsroom.claims["cost"]
    page.goto(f"/claims/?story={newsroom.story.pk}")
    page.get_by_role("link", name=cost.text).click()
    panel = claim_panel(page)
    expect(panel.locator(".claim-panel")).to_have_attribute("data-claim", str(cost.pk))
    expect(panel.get_by_role("heading", name="Claim")).to_be_in_viewport()
    expect(page).to_have_url(re.compile(rf"/claims/\?story={newsroom.story.pk}&claim={cost.pk}$"))


def test_the_coverage_matrix_fits_a_phone_as_one_card_a_fact(editor_page, newsroom):
    page = editor_page
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"/stories/{newsroom.story.pk}/coverage/")
    row = page.get_by_role("row").filter(has_text="Repairs will cost $120 million")
    radio = row.locator("td").nth(1)
    expect(radio).to_have_text(re.compile("Contradicts"))
    named = radio.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert named == '"Coastline Radio: "'  # each cell says its outlet on a phone
    assert row.locator("th").evaluate("cell => cell.getBoundingClientRect().width") > 300
    assert not scrolls_sideways(page)


def test_queue_rows_are_dense(editor_page, newsroom):
    page = editor_page
    page.goto(f"/claims/?story={newsroom.story.pk}")
    page.get_by_role("link", name=newsroom.claims["cost"].text).click()  # the panel takes room
    expect(claim_panel(page).locator(".claim-panel")).to_be_visible()
    heights = page.locator("tr.claim-row").evaluate_all(
        "rows => rows.map(row => row.getBoundingClientRect().height)"
    )
    assert len(heights) == 9
    assert max(heights) <= 90, heights  # two lines of claim, one of source


def test_a_colleagues_verdict_is_shown_beside_mine_and_one_click_records_mine(
    editor_page, newsroom
):
    page = editor_page
    cost = newsroom.claims["cost"]
    page.goto(f"/claims/?story={newsroom.story.pk}&claim={cost.pk}")
    panel = claim_panel(page)
    panel.get_by_label("Note", exact=True).fill("Gazette's $120m is not backed elsewhere.")
    record_verdict(
        claim=cost, status="confirmed", reviewer=EditorFactory(username="ruth"), note="Fine."
    )  # a colleague, a moment earlier

    panel.get_by_role("button", name="Disputed").click()

    conflict = panel.locator(".conflict")
    expect(conflict).to_be_in_viewport()
    expect(conflict).to_contain_text("ruth decided this claim meanwhile: Confirmed")
    expect(conflict).to_contain_text("Your decision was not saved.")
    sides = conflict.locator(".conflict-side")
    expect(sides.nth(0)).to_contain_text("Recorded by ruth")
    expect(sides.nth(0)).to_contain_text("Confirmed")
    expect(sides.nth(1)).to_contain_text("Your choice, not saved")
    expect(sides.nth(1)).to_contain_text("Disputed")
    expect(sides.nth(1)).to_contain_text("Gazette's $120m is not backed elsewhere.")
    expect(page.locator("#announcer")).to_have_text("Not saved: ruth decided this claim meanwhile.")
    expect(panel.locator("p.notice-success")).to_have_count(0)  # no "Recorded" to mislead
    screenshot(page, "conflict")
    assert Verdict.objects.filter(claim=cost).count() == 1

    conflict.get_by_role("button", name="Record Disputed instead").click()

    expect(panel.locator("[data-result]")).to_have_text("Recorded: Disputed.")
    newest = Verdict.objects.filter(claim=cost).latest()
    assert (newest.status, newest.reviewer.username, newest.previous_status) == (
        "disputed", "editor", "confirmed",
    )  # fmt: skip
    assert newest.note == "Gazette's $120m is not backed elsewhere."


def test_not_a_claim_is_set_aside_and_taken_back_from_the_reader(editor_page, newsroom):
    page = editor_page
    gazette, largest = newsroom.articles["gazette"], newsroom.claims["largest"]
    page.goto(f"/articles/{gazette.pk}/")
    mark = page.locator(f"#claim-mark-{largest.pk}")
    progress = page.locator("#reader-progress")
    expect(progress).to_contain_text("of 4 claims decided")

    mark.click()
    claim_panel(page).get_by_role("button", name="Not a claim").click()
    expect(claim_panel(page).locator("[data-result]")).to_have_text(
        "Marked not a claim: it has left the queue and the counts."
    )
    expect(mark).to_have_class(re.compile(r"\bnot-a-claim\b"))
    expect(mark.locator(".claim-status")).to_have_text("(Not a claim)")
    expect(progress).to_contain_text("of 3 claims decided")
    assert NotAClaim.objects.get().editor.username == "editor"

    claim_panel(page).get_by_role("button", name="Restore as a claim").click()
    expect(claim_panel(page).locator("[data-result]")).to_have_text(
        "Restored as a claim: it is pending again."
    )
    expect(mark).not_to_have_class(re.compile(r"\bnot-a-claim\b"))
    expect(progress).to_contain_text("of 4 claims decided")
    largest.refresh_from_db()
    assert (largest.not_a_claim, largest.status) == (False, ClaimStatus.PENDING)


def test_from_the_stories_straight_to_the_contradictions_and_decide_them_by_keyboard(
    editor_page, newsroom
):
    page = editor_page
    page.goto("/")
    page.get_by_role("link", name="2 contradicted claims: review first").click()
    rows = page.locator("tr.claim-row")
    expect(rows).to_have_count(2)
    page.keyboard.press("j")
    page.keyboard.press("d")
    expect(rows.nth(0).locator("td.status-cell")).to_have_text("Disputed")
    page.keyboard.press("j")
    page.keyboard.press("d")
    expect(rows.nth(1).locator("td.status-cell")).to_have_text("Disputed")
    contradicted = [newsroom.claims["cost"], newsroom.claims["radio_cost"]]
    assert {claim.verdicts.get().status for claim in contradicted} == {"disputed"}


def test_in_the_reader_j_can_go_to_the_contradicted_claims_first(editor_page, newsroom):
    page = editor_page
    gazette, cost = newsroom.articles["gazette"], newsroom.claims["cost"]
    page.goto(f"/articles/{gazette.pk}/")
    page.get_by_role("link", name="Contradicted first").click()
    expect(page).to_have_url(re.compile(r"\?order=contradicted$"))
    page.wait_for_load_state()
    page.keyboard.press("j")
    expect(page.locator(f"#claim-mark-{cost.pk}")).to_have_class(re.compile(r"\bis-current\b"))
    expect(claim_panel(page).locator(".claim-panel")).to_have_attribute("data-claim", str(cost.pk))
    page.keyboard.press("j")  # then the others, in reading order
    closure = newsroom.claims["closure"]
    expect(claim_panel(page).locator(".claim-panel")).to_have_attribute(
        "data-claim", str(closure.pk)
    )
