"""The claim engine, in plain Python, on stories it has never seen."""

from datetime import date

import pytest

from factcheck.engine import ArticleText, analyze_story
from factcheck.engine.claims import extract_claims
from factcheck.engine.facts import extract_facts
from factcheck.engine.stories import ArticleProfile, group_into_stories
from factcheck.engine.text import split_sentences

WEDNESDAY = date(2023, 10, 4)
FRIDAY = date(2023, 10, 6)

COURIER = (
    "MILLBROOK, Ore. -- More than 1,200 commuters were stranded Tuesday after the Harlow "
    "River bridge closed at 7 a.m., county officials said.\n\n"
    "The closure is the longest in the bridge's history, according to the county.\n\n"
    '"We will reopen it within three days," said county engineer Dana Ortiz. "Crews are '
    'already on site. Nobody was hurt."\n\n'
    "Is the ferry an option? Riders can call (503) 555-0134 for ferry times."
)
LEDGER = (
    "Nearly 1,200 commuters were stranded when the Harlow River bridge closed Tuesday at "
    "10 a.m. ET, the county said.\n\n"
    'County engineer Dana Ortiz said: "We will reopen it within three days."\n\n'
    "About 300 commuters from the east side took the ferry instead.\n\n"
    "The bridge, built in 1962, carries 40,000 cars a day."
)
GAZETTE = (
    "The Harlow River bridge shut Tuesday, stranding more than 1,200 commuters, in what the "
    "county called the longest closure in the bridge's history.\n\n"
    "The bridge carries 25,000 cars a day, according to state figures."
)


def story():
    return analyze_story(
        [
            ArticleText(1, "courier", COURIER, WEDNESDAY),
            ArticleText(2, "ledger", LEDGER, WEDNESDAY),
            ArticleText(3, "gazette", GAZETTE, WEDNESDAY),
        ]
    )


def claim_with(claims, words: str):
    (found,) = [item for item in claims if words in item.claim.text]
    return found


def two_outlets(first: str, second: str, published=FRIDAY):
    """The first outlet's one claim, checked against a second outlet's article."""
    analysed = analyze_story(
        [ArticleText(1, "first", first, published), ArticleText(2, "second", second, published)]
    )
    (claim,) = analysed[1]
    return claim


def relations(claim) -> list[str]:
    return [link.relation for link in claim.evidence]


def reasons(claim) -> list[str]:
    return [reason for link in claim.evidence for reason in link.reasons]


class TestSentences:
    def test_abbreviations_initials_and_datelines_do_not_split(self):
        body = (
            "WASHINGTON, D.C. -- Gov. Ann B. Reyes of Calif. spoke at 9 a.m. Sept. 4 in the "
            "U.S. Capitol. She left at noon."
        )
        sentences = [sentence.text for sentence in split_sentences(body)]
        assert sentences == [
            "Gov. Ann B. Reyes of Calif. spoke at 9 a.m. Sept. 4 in the U.S. Capitol.",
            "She left at noon.",
        ]

    def test_a_quotation_running_over_sentences_keeps_its_speaker(self):
        (crews,) = [claim for claim in extract_claims(COURIER) if "Crews are" in claim.text]
        assert crews.kind == "quote"
        assert crews.attribution == "county engineer Dana Ortiz"

    def test_every_claim_carries_its_exact_span(self):
        for claim in extract_claims(COURIER):
            assert COURIER[claim.start : claim.end] == claim.text


class TestCheckWorthiness:
    def test_questions_and_service_information_are_skipped(self):
        texts = [claim.text for claim in extract_claims(COURIER)]
        assert not any("ferry an option" in text for text in texts)
        assert not any("555-0134" in text for text in texts)

    def test_figures_superlatives_and_quotes_are_kept_with_their_kind(self):
        kinds = {claim.text[:20]: claim.kind for claim in extract_claims(COURIER)}
        assert kinds["More than 1,200 comm"] == "quantity"
        assert kinds["The closure is the l"] == "superlative"
        assert kinds['"We will reopen it w'] == "quantity"  # "three days" is a figure

    def test_attribution(self):
        claims = {claim.text[:20]: claim.attribution for claim in extract_claims(COURIER)}
        assert claims["More than 1,200 comm"] == "county officials"
        assert claims["The closure is the l"] == "the county"


class TestFigures:
    """A figure is a value or an interval, with what it counts, where and in what role."""

    @pytest.mark.parametrize(
        ("text", "value", "unit", "qualifier"),
        [
            ("Nearly 75,000 nurses walked out.", 75_000, "nurs", "below"),
            ("More than 85,000 members voted.", 85_000, "member", "above"),
            ("Roughly 19,000 Bay Area drivers joined.", 19_000, "driver", "approx"),
            ("Twelve inspectors visited the site.", 12, "inspector", ""),
        ],
    )
    def test_counts_are_normalised(self, text, value, unit, qualifier):
        (quantity,) = extract_facts(text).quantities
        assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier)

    def test_sums_and_percentages_are_their_own_kinds(self):
        (sum_,) = extract_facts("The city spent $3 billion on roads.").quantities
        assert (sum_.kind, sum_.value, sum_.currency) == ("money", 3_000_000_000, "dollar")
        (share,) = extract_facts("Fares rise between 10 and 14 percent.").quantities
        assert (share.kind, share.value, share.high) == ("percent", 10, 14)

    def test_each_figure_keeps_its_own_place(self):
        first, second = extract_facts(
            "About 3,000 workers in Colorado and 75,000 nationwide walked out."
        ).quantities
        assert [words.text for words in first.scope] == ["Colorado"]
        assert second.overall.text == "nationwide"
        assert second.unit == "worker"  # counted like the figure before it

    def test_roles_say_what_a_figure_did(self):
        asked, offered = extract_facts(
            "The union is asking for a 25% raise, while the company has offered 12%."
        ).quantities
        assert (asked.role, offered.role) == ("ask", "offer")

    @pytest.mark.parametrize(
        "text",
        [
            "Members of Local 105 joined the picket line.",
            "SEIU 1199NW organised the march.",
            "Flight 2113 was the last to leave.",
            "Traffic on Route 9 was backed up for hours.",
            "Call (866) 454-8855 about the union, founded in 1998.",
        ],
    )
    def test_numbers_inside_names_are_not_figures(self, text):
        assert extract_facts(text).quantities == []

    def test_a_range_of_days_is_not_a_count(self):
        facts = extract_facts("Pickets run Oct. 4 to 6 at the plant.", WEDNESDAY)
        assert facts.quantities == []
        (days,) = facts.dates
        assert (days.first, days.last) == (date(2023, 10, 4), date(2023, 10, 6))

    def test_a_reading_on_a_scale_is_a_figure(self):
        (magnitude,) = extract_facts("A magnitude 7.1 earthquake struck at dawn.").quantities
        assert (magnitude.value, magnitude.unit) == (7.1, "magnitude")


class TestDaysAndTimes:
    def test_a_weekday_is_read_against_the_articles_date(self):
        (day,) = extract_facts("The strike began Wednesday.", FRIDAY).dates
        assert (day.first, day.role) == (date(2023, 10, 4), "begin")

    def test_an_undated_article_reads_month_and_day_in_its_storys_year(self):
        (day,) = extract_facts("The strike began Oct. 4.", None, around=FRIDAY).dates
        assert day.first == date(2023, 10, 4)

    def test_times_with_zones_and_roles(self):
        facts = extract_facts("The strike began at 6 a.m. ET on Sept. 30 and ends Saturday.")
        (time,) = facts.times
        assert (time.minutes, time.zone, time.role) == (360, "ET", "begin")

    def test_a_deadline_is_not_a_start(self):
        (deadline,) = extract_facts("Workers will strike if there is no deal by Saturday.").dates
        assert deadline.role == "deadline"


class TestWhatIsNotAContradiction:
    """Figures that look alike but are about different things: related, with the reason."""

    def test_a_national_total_and_one_states_count(self):
        claim = two_outlets(
            "About 75,000 workers walked out nationwide on Wednesday.",
            "About 3,000 workers walked out in Colorado on Wednesday.",
        )
        assert "contradicts" not in relations(claim)
        assert any("different scope" in reason for reason in reasons(claim))

    def test_the_dates_of_two_happenings(self):
        claim = two_outlets(
            "The contracts expired on Sept. 30, the union said.",
            "The strike began on Oct. 4, the union said.",
        )
        assert "contradicts" not in relations(claim)
        assert any("different happenings" in reason for reason in reasons(claim))

    def test_what_one_side_asks_and_the_other_offers(self):
        claim = two_outlets(
            "The union is asking for a 25% raise over four years.",
            "The company has offered a 12% raise over four years.",
        )
        assert "contradicts" not in relations(claim)

    def test_an_hourly_wage_and_a_one_off_bonus(self):
        claim = two_outlets(
            "Workers will get a $3,000 bonus under the deal.",
            "Workers will earn $25 an hour under the deal.",
        )
        assert "contradicts" not in relations(claim)
        assert any("different terms" in reason for reason in reasons(claim))

    def test_a_deadline_and_a_start(self):
        claim = two_outlets(
            "The union said it would strike if there was no deal by 11:59 p.m. Saturday.",
            "The strike began at 6 a.m. Sunday, the union said.",
        )
        assert "contradicts" not in relations(claim)
        assert any("a deadline is not a start" in reason for reason in reasons(claim))

    def test_consistent_approximations(self):
        claim = two_outlets(
            "Nearly 13,000 residents were evacuated on Monday.",
            "More than 12,400 residents were evacuated on Monday.",
        )
        assert relations(claim)[0] == "supports"

    def test_tiers_of_one_figure(self):
        claim = two_outlets(
            "Workers will earn $25 an hour in California and $23 elsewhere.",
            "Workers will earn $25 an hour in California.",
        )
        assert "contradicts" not in relations(claim)

    def test_members_and_strikers(self):
        claim = two_outlets(
            "The union has 85,000 members across the country.",
            "About 75,000 union members walked out on Wednesday.",
        )
        assert "contradicts" not in relations(claim)

    def test_last_years_strike_backs_nothing_of_this_one(self):
        claim = two_outlets(
            "Workers in the western states will strike for three days.",
            "Last year, about 15,000 nurses went on strike for three days.",
        )
        assert "supports" not in relations(claim)


class TestWhatIsAContradiction:
    """The same thing, the same role and moment, values that cannot both be true; the
    reason quotes both texts and the highlight marks the other outlet's words."""

    def test_a_different_count(self):
        claim = two_outlets(
            "Two firefighters were injured Monday.", "Three firefighters were injured Monday."
        )
        (link,) = claim.evidence
        assert link.relation == "contradicts"
        assert link.reasons[0] == "figure differs: “Two firefighters” vs “Three firefighters”"
        start, end = link.highlights[0]
        assert link.text[start:end] == "Three firefighters"
        assert claim.suggestion.status == "disputed"

    def test_qualifiers_that_cannot_both_hold(self):
        claims = story()
        stranded = claim_with(claims[2], "Nearly 1,200")
        contradicting = [link for link in stranded.evidence if link.relation == "contradicts"]
        assert {link.article_id for link in contradicting} == {1}
        assert contradicting[0].reasons[0] == (
            "qualifiers clash: “Nearly 1,200” vs “More than 1,200”"
        )
        assert stranded.suggestion.status == "disputed"

    def test_a_different_day_for_one_happening(self):
        claim = two_outlets(
            "The strike began on Wednesday, Oct. 4.", "The strike began on Thursday, Oct. 5."
        )
        assert claim.evidence[0].relation == "contradicts"
        assert claim.evidence[0].reasons[0] == (
            "begin date differs: “Wednesday, Oct. 4” vs “Thursday, Oct. 5”"
        )

    def test_a_different_count_of_places(self):
        claim = two_outlets(
            "The walkout covers four cities: Boston, Providence, Baltimore and Philadelphia.",
            "Workers in five cities walked out.",
        )
        assert claim.evidence[0].reasons[0] == "figure differs: “four cities” vs “five cities”"

    def test_an_outlet_that_gives_both_figures_is_not_disputing(self):
        claim = two_outlets(
            "The fire was 35% contained on Thursday.",
            "The fire was 48% contained as of Friday morning, up from 35% on Thursday.",
        )
        assert "contradicts" not in relations(claim)


class TestEvidence:
    def test_a_time_that_differs_only_by_time_zone_is_not_a_contradiction(self):
        stranded = claim_with(story()[2], "Nearly 1,200")
        from_courier = next(link for link in stranded.evidence if link.article_id == 1)
        assert not any("time differs" in reason for reason in from_courier.reasons)
        assert (
            "close time “10 a.m. ET” vs “7 a.m.”: may be the same moment in different time "
            "zones" in from_courier.reasons
        )

    def test_a_different_figure_for_a_different_group_is_not(self):
        east_side = claim_with(story()[2], "About 300 commuters")
        assert all(link.relation != "contradicts" for link in east_side.evidence)
        assert east_side.suggestion.status == "unsourced"

    def test_the_same_quotation_backs_a_quote(self):
        quote = claim_with(story()[2], "We will reopen it")
        (link,) = [link for link in quote.evidence if link.article_id == 1][:1]
        assert link.relation == "supports"
        assert link.reasons[0] == "repeats the same words: “We will reopen it within three days”"
        assert quote.suggestion.status == "confirmed"

    def test_a_superlative_backed_elsewhere(self):
        longest = claim_with(story()[1], "longest in the bridge's history")
        assert longest.suggestion.status == "confirmed"
        assert any(
            reason.startswith("both call it the “longest")
            for link in longest.evidence
            for reason in link.reasons
        )

    def test_backing_from_one_source_only_is_said(self):
        longest = claim_with(story()[1], "longest in the bridge's history")
        assert any("all backing traces to one source" in r for r in longest.suggestion.reasons)

    def test_never_evidence_from_the_same_outlet(self):
        articles = [
            ArticleText(1, "courier", COURIER, WEDNESDAY),
            ArticleText(2, "courier", LEDGER, WEDNESDAY),
        ]
        for claims in analyze_story(articles).values():
            assert all(not claim.evidence for claim in claims)

    def test_passages_are_ranked_best_first_and_highlight_what_matches(self):
        for claims in story().values():
            for item in claims:
                for link in item.evidence:
                    assert all(0 <= start < end <= len(link.text) for start, end in link.highlights)

    def test_a_syndicated_copy_is_one_passage_shown_with_where_else_it_ran(self):
        wire = "The strike began on Wednesday, Oct. 4, at 6 a.m., the union said."
        articles = [
            ArticleText(1, "first", "The strike began on Wednesday, Oct. 4.", FRIDAY),
            ArticleText(2, "second", wire, FRIDAY),
            ArticleText(3, "third", wire, FRIDAY),
        ]
        (claim,) = analyze_story(articles)[1]
        (link,) = claim.evidence
        assert (link.article_id, link.also_in) == (2, (3,))


class TestSuggestions:
    def test_a_claim_of_several_facts_is_confirmed_only_when_each_is_backed(self):
        claim = two_outlets(
            "The fire had burned 12,000 acres and destroyed 40 homes by Monday.",
            "The fire had burned 12,000 acres by Monday, officials said.",
        )
        assert claim.suggestion.status == "unsourced"
        assert claim.suggestion.reasons[0] == "no other outlet backs “40”"

    def test_every_fact_backed_is_confirmed(self):
        claim = two_outlets(
            "The fire had burned 12,000 acres and destroyed 40 homes by Monday.",
            "By Monday the fire had burned 12,000 acres and destroyed 40 homes.",
        )
        assert claim.suggestion.status == "confirmed"

    def test_reasons_name_outlets_by_reference_not_by_a_name_that_may_change(self):
        claim = two_outlets(
            "Two firefighters were injured Monday.", "Three firefighters were injured Monday."
        )
        assert claim.suggestion.reasons[0].startswith("{article:2}: figure differs")


class TestStories:
    def test_coverage_of_one_event_groups_and_another_event_stays_apart(self):
        other = (
            "The Millbrook school board voted 5-2 on Monday to close two elementary schools. "
            "Parents protested the school closures at the board meeting."
        )
        profiles = [
            ArticleProfile.of(1, None, COURIER),
            ArticleProfile.of(2, None, LEDGER),
            ArticleProfile.of(3, None, GAZETTE),
            ArticleProfile.of(4, None, other),
        ]
        stories = group_into_stories(profiles, []).stories
        assert sorted(sorted(story.articles) for story in stories) == [[1, 2, 3], [4]]

    def test_articles_far_apart_in_time_are_different_stories(self):
        profiles = [
            ArticleProfile.of(1, date(2024, 1, 2), COURIER),
            ArticleProfile.of(2, date(2024, 6, 2), LEDGER),
        ]
        assert len(group_into_stories(profiles, []).stories) == 2


WILDFIRE = {
    "valley-record": (
        "REDDING, Calif. -- The Carr Ridge fire has burned more than 42,000 acres and destroyed "
        "310 homes since it started Saturday afternoon, Cal Fire said Tuesday.\n\n"
        "The fire was 15% contained as of Tuesday morning, officials said.\n\n"
        "Two firefighters were injured Monday, but none of the injuries are life-threatening."
    ),
    "north-state-post": (
        "The Carr Ridge fire in Northern California has scorched nearly 42,000 acres and "
        "destroyed about 300 homes, fire officials said Tuesday.\n\n"
        "Containment stood at 25% on Tuesday, according to Cal Fire.\n\n"
        "Three firefighters have suffered minor injuries."
    ),
}


class TestAnotherKindOfStory:
    """A wildfire told by two outlets, with the slips of a breaking story."""

    @pytest.fixture
    def claims(self):
        articles = [
            ArticleText(number, outlet, body, date(2018, 7, 31))
            for number, (outlet, body) in enumerate(WILDFIRE.items(), start=1)
        ]
        return analyze_story(articles)

    def contradiction(self, claims, words):
        item = claim_with(claims[1], words)
        return [reason for link in item.evidence if link.relation == "contradicts"
                for reason in link.reasons[:1]]  # fmt: skip

    def test_qualifiers_that_cannot_both_hold(self, claims):
        assert self.contradiction(claims, "42,000 acres") == [
            "qualifiers clash: “more than 42,000” vs “nearly 42,000”"
        ]

    def test_a_compatible_figure_backs_even_in_a_disputed_sentence(self, claims):
        fire = claim_with(claims[1], "42,000 acres")
        assert "same figure: “310 homes” and “about 300 homes”" in [
            reason for link in fire.evidence for reason in link.reasons
        ]

    def test_the_same_noun_counted_differently(self, claims):
        assert self.contradiction(claims, "Two firefighters") == [
            "figure differs: “Two firefighters” vs “Three firefighters”"
        ]

    def test_percentages_of_the_same_thing(self, claims):
        assert self.contradiction(claims, "15% contained") == ["figure differs: “15%” vs “25%”"]

    def test_attribution_with_a_day_after_the_verb(self, claims):
        assert claim_with(claims[1], "42,000 acres").claim.attribution == "Cal Fire"


def test_the_engine_is_plain_python():
    from pathlib import Path

    engine = Path(__file__).resolve().parent.parent / "factcheck" / "engine"
    for module in engine.glob("*.py"):
        source = module.read_text()
        assert "from django" not in source and "import django" not in source, module.name
