"""The editors' workbench in real Chromium: filter, open, decide, see it in place.

"No navigation" is proven with a marker set on window before acting: a page load
would wipe it. Any console error (a CSP violation included) fails the test.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from factcheck.models import ClaimStatus, Verdict
from tests.e2e.conftest import screenshot
from tests.factories import StoryFactory
from tests.fictional_story import article_with_many_claims, build_fictional_story

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MARKER = "window.workbenchMarker"


@pytest.fixture
def newsroom(newsroom_roles):
    return build_fictional_story()


def set_marker(page: Page) -> None:
    page.evaluate(f"{MARKER} = 'no reload'")


def assert_not_reloaded(page: Page) -> None:
    assert page.evaluate(MARKER) == "no reload"


def claim_panel(page: Page):
    return page.get_by_role("complementary", name="Claim panel")


def expect_result(page: Page, text: str) -> None:
    """What an action did: announced by the page's status region, and shown at the top
    of the panel, on screen."""
    expect(page.locator("#announcer")).to_have_text(text)
    result = claim_panel(page).locator("[data-result]")
    expect(result).to_have_text(text)
    expect(result).to_be_in_viewport()


def status_cell(page: Page, claim_text: str):
    row = page.get_by_role("row").filter(has_text=claim_text)
    return row.locator("td.status-cell")


def test_stories_and_the_coverage_matrix(editor_page, newsroom):
    page = editor_page
    page.goto("/")
    story = page.get_by_role("region", name="Harbor Bridge closes for repairs")
    expect(story).to_contain_text("Alder Gazette, Coastline Radio, Valley Wire")
    expect(story).to_contain_text("0 of 9 claims decided")
    expect(story.get_by_role("row")).to_have_count(4)  # header + three articles
    screenshot(page, "stories")

    story.get_by_role("link", name="Coverage matrix").click()
    expect(page.get_by_role("heading", name="Coverage: Harbor Bridge closes")).to_be_visible()
    cost = page.get_by_role("row").filter(has_text="Repairs will cost $120 million")
    expect(cost.get_by_role("cell")).to_have_text([re.compile("Reports"), "Contradicts", "Silent"])
    traffic = page.get_by_role("row").filter(has_text="About 40,000 vehicles")
    expect(traffic.get_by_role("cell").nth(2)).to_contain_text("Reports")
    screenshot(page, "coverage")


def test_the_coverage_matrix_turns_its_pages_of_facts_in_place(editor_page):
    page = editor_page
    article = article_with_many_claims(60)  # 60 facts, one a claim: two pages
    page.goto(f"/stories/{article.story_id}/coverage/")
    matrix = page.locator("#matrix")
    expect(matrix.get_by_role("row")).to_have_count(1 + 50)
    expect(matrix).to_contain_text("Facts 1–50 of 60 · page 1 of 2")
    set_marker(page)
    matrix.get_by_role("link", name="Next facts").first.click()
    expect(matrix.get_by_role("row")).to_have_count(1 + 10)
    expect(matrix).to_contain_text("Facts 51–60 of 60 · page 2 of 2")
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    assert_not_reloaded(page)
    page.go_back()
    expect(page.locator("#matrix").get_by_role("row")).to_have_count(1 + 50)


def test_editor_filters_the_queue_and_decides_a_claim_in_place(editor_page, newsroom):
    page = editor_page
    gazette = newsroom.articles["gazette"]
    cost = newsroom.claims["cost"]
    page.goto("/claims/")
    expect(page.get_by_role("row")).to_have_count(1 + 9)
    set_marker(page)

    page.get_by_label("Outlet").select_option(label="Alder Gazette")
    expect(page).to_have_url(re.compile(rf"[?&]outlet={gazette.outlet_id}(&|$)"))
    expect(page.get_by_role("row")).to_have_count(1 + 4)
    page.get_by_label("Contradicted").select_option(label="Yes")
    expect(page).to_have_url(re.compile(r"[?&]has_contradiction=yes(&|$)"))
    expect(page.get_by_role("row")).to_have_count(1 + 1)
    assert_not_reloaded(page)

    page.get_by_role("link", name=cost.text).click()
    panel = claim_panel(page)
    expect(panel.get_by_role("heading", name="Claim")).to_contain_text("Pending")
    radio = panel.get_by_role("region", name="Coastline Radio")
    expect(radio).to_contain_text("Contradicts")
    expect(radio.locator("mark")).to_have_text("cost $95 million")
    expect(panel).to_contain_text("Suggested: Disputed")
    expect(panel.get_by_label("Note is internal")).to_be_checked()
    screenshot(page, "queue")

    panel.get_by_label("Note", exact=True).fill("Radio has $95 million from a spokesperson.")
    panel.get_by_label("Cite this passage from Coastline Radio").check()
    panel.get_by_role("button", name="Disputed").click()

    expect_result(page, "Recorded: Disputed.")
    expect(status_cell(page, cost.text)).to_have_text("Disputed")
    history = panel.get_by_role("region", name="History")
    expect(history).to_contain_text("editor")
    expect(history).to_contain_text("Pending → to Disputed")
    expect(history).to_contain_text("Radio has $95 million from a spokesperson.")
    expect(history).to_contain_text("Internal note")
    expect(history).to_contain_text("Cites: Coastline Radio")
    assert_not_reloaded(page)

    verdict = Verdict.objects.get()
    assert (verdict.status, verdict.reviewer.username) == ("disputed", "editor")
    assert [evidence.article.outlet.name for evidence in verdict.cited_evidence.all()] == [
        "Coastline Radio"
    ]

    # The filtered queue is a bookmark: reloading it shows the same rows, decided.
    page.reload()
    expect(page.get_by_label("Outlet", exact=True)).to_have_value(str(gazette.outlet_id))
    expect(claim_panel(page).locator(".claim-panel")).to_have_attribute("data-claim", str(cost.pk))
    expect(page.get_by_role("row")).to_have_count(1 + 1)
    expect(status_cell(page, cost.text)).to_have_text("Disputed")


def test_the_highlight_changes_in_place_and_the_history_keeps_the_verdict(editor_page, newsroom):
    page = editor_page
    gazette = newsroom.articles["gazette"]
    cost = newsroom.claims["cost"]
    page.goto(f"/articles/{gazette.pk}/")
    mark = page.locator(f"#claim-mark-{cost.pk}")
    expect(mark).to_contain_text("Pending")
    expect(page.locator("details.boilerplate")).not_to_have_attribute("open", "")
    set_marker(page)

    mark.click()
    expect(page).to_have_url(re.compile(rf"/articles/{gazette.pk}/\?claim={cost.pk}$"))
    panel = claim_panel(page)
    expect(panel.locator(".paragraph mark")).to_have_text(cost.text)
    panel.get_by_label("Note", exact=True).fill("Gazette's $120m is not backed elsewhere.")
    panel.get_by_label("Note is internal").uncheck()
    panel.get_by_label("Cite this passage from Coastline Radio").check()
    panel.get_by_role("button", name="Disputed").click()

    expect(mark).to_have_class(re.compile(r"\bstatus-disputed\b"))
    expect(mark.locator(".claim-status")).to_have_text("(Disputed · contradicted)")
    expect_result(page, "Recorded: Disputed.")
    expect(page.locator("#reader-progress")).to_contain_text("1 of 4 claims decided")
    assert_not_reloaded(page)
    screenshot(page, "reader")

    panel.get_by_role("link", name="Open the history page").click()
    expect(page.get_by_role("heading", name="History of a claim")).to_be_visible()
    entry = page.locator(".verdict").first
    expect(entry).to_contain_text("editor")
    expect(entry).to_contain_text("from Pending → to Disputed")
    expect(entry).to_contain_text("Gazette's $120m is not backed elsewhere.")
    expect(entry).to_contain_text("Public note")
    screenshot(page, "history")

    page.goto(f"/articles/{gazette.pk}/?claim={cost.pk}")
    expect(page.locator(f"#claim-mark-{cost.pk}")).to_have_class(re.compile("status-disputed"))
    expect(claim_panel(page).get_by_role("heading", name="Claim")).to_contain_text("Disputed")


def test_every_claim_of_a_story_can_be_marked_with_the_keyboard_alone(editor_page, newsroom):
    page = editor_page
    page.goto(f"/claims/?story={newsroom.story.pk}")
    expect(page.get_by_role("row")).to_have_count(1 + 9)

    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_be_visible()
    expect(help_dialog).to_contain_text("Mark the current claim Disputed")
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()

    page.keyboard.press("/")
    expect(page.get_by_label("Search")).to_be_focused()
    # The search box refreshes the queue 400 ms after typing stops; let that land
    # first, or it would replace the rows with ones drawn before the verdicts below.
    with page.expect_response(lambda response: "/claims/?" in response.url):
        page.keyboard.type("c")  # typing in a field is not a shortcut
        expect(page.get_by_label("Search")).to_have_value("c")
        page.keyboard.press("Backspace")
        page.keyboard.press("Escape")
    expect(page.get_by_label("Search")).not_to_be_focused()
    expect(page).to_have_url(re.compile(rf"/claims/\?story={newsroom.story.pk}$"))  # no q=

    rows = page.locator("tr.claim-row")
    keys = {"c": "Confirmed", "d": "Disputed", "u": "Unsourced"}
    for number in range(9):
        key = "cdu"[number % 3]
        page.keyboard.press("j")
        page.keyboard.press(key)
        expect(rows.nth(number).locator("td.status-cell")).to_have_text(keys[key])
        expect(rows.nth(number)).to_have_class(re.compile(r"\bis-current\b"))

    assert not newsroom.story.articles.filter(claims__status=ClaimStatus.PENDING).exists()
    assert Verdict.objects.count() == 9

    page.keyboard.press("k")
    expect(rows.nth(7)).to_have_class(re.compile(r"\bis-current\b"))
    second_to_last = rows.nth(7).get_attribute("data-claim")
    expect(
        claim_panel(page).locator(f'.claim-panel[data-claim="{second_to_last}"]')
    ).to_be_visible()


def test_keyboard_in_the_reader_moves_through_the_highlights(editor_page, newsroom):
    page = editor_page
    gazette = newsroom.articles["gazette"]
    page.goto(f"/articles/{gazette.pk}/")
    marks = page.locator(".claim-mark")
    expect(marks).to_have_count(4)

    page.keyboard.press("j")
    page.keyboard.press("j")
    second = newsroom.claims["traffic"]
    expect(page).to_have_url(re.compile(rf"\?claim={second.pk}$"))
    page.keyboard.press("c")
    expect(marks.nth(1)).to_have_class(re.compile(r"\bstatus-confirmed\b"))
    page.keyboard.press("k")
    expect(page).to_have_url(re.compile(rf"\?claim={newsroom.claims['closure'].pk}$"))
    expect(marks.nth(0)).to_be_focused()


def test_editor_finds_a_story_by_name_for_the_queue_filter(editor_page, newsroom):
    """The story filter takes an id; typing words suggests stories by title, and
    picking one filters in place and names it. An unknown id is refused with a reason."""
    page = editor_page
    StoryFactory(title="Budget vote delayed")
    story = newsroom.story
    page.goto("/claims/")
    set_marker(page)
    field = page.get_by_label("Story", exact=True)
    field.press_sequentially("harbor bridge")
    option = page.locator("#story-matches option")
    expect(option).to_have_count(1)
    expect(option).to_have_attribute("value", str(story.pk))
    expect(option).to_have_text(story.title)

    # What the browser does when the editor picks the suggestion from the list.
    field.evaluate(
        """(input, value) => {
            input.value = value;
            input.dispatchEvent(
                new InputEvent("input", {bubbles: true, inputType: "insertReplacementText"})
            );
        }""",
        str(story.pk),
    )
    expect(page).to_have_url(re.compile(rf"[?&]story={story.pk}(&|$)"))
    expect(page.locator("#story-chosen")).to_have_text(story.title)
    expect(page.get_by_role("row")).to_have_count(1 + 9)
    assert_not_reloaded(page)

    field.fill("999999")
    field.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Story: There is no story with id 999999.")
    expect(page.locator("#story-chosen")).to_have_text("")
    assert_not_reloaded(page)


def test_the_keyboard_turns_the_queue_page_at_either_end(editor_page, newsroom):
    page = editor_page
    article = article_with_many_claims(52, story=newsroom.story)
    page.goto(f"/claims/?article={article.pk}")
    rows = page.locator("tr.claim-row")
    expect(rows).to_have_count(50)
    rows.nth(49).get_by_role("link").click()
    expect(claim_panel(page).locator(".claim-panel")).to_have_attribute(
        "data-claim", rows.nth(49).get_attribute("data-claim")
    )
    set_marker(page)

    page.keyboard.press("j")
    expect(page).to_have_url(re.compile(r"[?&]page=2(&|$)"))
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_class(re.compile(r"\bis-current\b"))
    first_of_page_two = rows.nth(0).get_attribute("data-claim")
    expect(claim_panel(page).locator(".claim-panel")).to_have_attribute(
        "data-claim", first_of_page_two
    )

    page.keyboard.press("k")
    expect(page).to_have_url(re.compile(r"[?&]page=1(&|$)"))
    expect(rows).to_have_count(50)
    expect(rows.nth(49)).to_have_class(re.compile(r"\bis-current\b"))
    assert_not_reloaded(page)


def test_the_keyboard_goes_on_to_the_storys_next_article_and_back(editor_page, newsroom):
    page = editor_page
    gazette, radio = newsroom.articles["gazette"], newsroom.articles["radio"]
    page.goto(f"/articles/{gazette.pk}/")
    for _ in range(4):
        page.keyboard.press("j")
    largest = newsroom.claims["largest"]
    expect(page).to_have_url(re.compile(rf"\?claim={largest.pk}$"))

    page.keyboard.press("j")
    expect(page).to_have_url(re.compile(rf"/articles/{radio.pk}/$"))
    page.wait_for_load_state()  # the keyboard script runs once the new page has loaded
    page.keyboard.press("j")
    expect(page).to_have_url(re.compile(rf"\?claim={newsroom.claims['radio_closure'].pk}$"))

    page.keyboard.press("k")
    expect(page).to_have_url(re.compile(rf"/articles/{gazette.pk}/"))
    expect(page.locator(f"#claim-mark-{largest.pk}")).to_have_class(re.compile(r"\bis-current\b"))
    expect(claim_panel(page).locator(".claim-panel")).to_have_attribute(
        "data-claim", str(largest.pk)
    )


def test_a_viewer_reads_everything_but_sees_no_buttons(viewer_page, newsroom):
    page = viewer_page
    cost = newsroom.claims["cost"]
    page.goto(f"/articles/{cost.article_id}/?claim={cost.pk}")
    panel = claim_panel(page)
    expect(panel.get_by_role("region", name="Coastline Radio")).to_contain_text("Contradicts")
    expect(panel).to_contain_text("only editors record verdicts")
    expect(page.get_by_role("button", name="Disputed")).to_have_count(0)
    expect(page.get_by_role("checkbox")).to_have_count(0)

    page.keyboard.press("d")
    page.goto("/claims/")
    expect(page.get_by_role("button", name="Confirmed")).to_have_count(0)
    assert not Verdict.objects.exists()
