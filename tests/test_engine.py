"""The claim engine, in plain Python, on stories it has never seen."""

import pytest

from factcheck.engine import ArticleText, analyze_story
from factcheck.engine.claims import extract_claims
from factcheck.engine.facts import extract_facts
from factcheck.engine.stories import ArticleProfile, group_into_stories
from factcheck.engine.text import split_sentences

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
    articles = [
        ArticleText(1, "Courier", "courier", COURIER),
        ArticleText(2, "Ledger", "ledger", LEDGER),
        ArticleText(3, "Gazette", "gazette", GAZETTE),
    ]
    return analyze_story(articles)


def claim_with(claims, words: str):
    (found,) = [item for item in claims if words in item.claim.text]
    return found


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


class TestFacts:
    @pytest.mark.parametrize(
        ("text", "value", "unit", "qualifier"),
        [
            ("Nearly 75,000 nurses walked out.", 75_000, "nurs", "below"),
            ("More than 85,000 members voted.", 85_000, "member", "above"),
            ("The city spent $3 billion on roads.", 3_000_000_000, "dollar", ""),
            ("Roughly 19,000 Bay Area drivers joined.", 19_000, "driver", "approx"),
            ("Twelve inspectors visited the site.", 12, "inspector", ""),
        ],
    )
    def test_quantities_are_normalised(self, text, value, unit, qualifier):
        (quantity,) = extract_facts(text).quantities
        assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier)

    def test_ranges_percentages_and_durations(self):
        facts = extract_facts("Fares rise between 10 and 14 percent over a three-day trial.")
        (fares,) = facts.quantities
        assert (fares.value, fares.high, fares.unit) == (10, 14, "percent")
        (trial,) = facts.durations
        assert (trial.amount, trial.unit) == (3, "day")

    def test_each_figure_keeps_its_own_place(self):
        first, second = extract_facts(
            "About 3,000 workers in Colorado and 75,000 nationwide walked out."
        ).quantities
        assert first.scope == ("Colorado",)
        assert second.scope == ("nationwide",)

    def test_times_with_zones_and_roles_and_dates(self):
        facts = extract_facts("The strike began at 6 a.m. ET on Sept. 30 and ends Saturday.")
        (time,) = facts.times
        assert (time.minutes, time.zone, time.role) == (360, "ET", "start")
        assert [(d.month, d.day) for d in facts.dates if d.month] == [(9, 30)]

    def test_phone_numbers_years_and_labels_are_not_figures(self):
        facts = extract_facts("Call (866) 454-8855 about Local 20, founded in 1998.")
        assert facts.quantities == []


class TestEvidence:
    def test_a_clashing_qualifier_on_the_same_figure_is_a_contradiction(self):
        claims = story()
        stranded = claim_with(claims[2], "Nearly 1,200")
        contradicting = [link for link in stranded.evidence if link.relation == "contradicts"]
        assert {link.article_id for link in contradicting} == {1, 3}
        assert "qualifier differs: 'nearly' vs 'more than' 1,200" in contradicting[0].reasons
        assert stranded.suggestion.status == "disputed"

    def test_a_time_that_differs_only_by_time_zone_is_not_a_contradiction(self):
        claims = story()
        stranded = claim_with(claims[2], "Nearly 1,200")
        from_courier = next(link for link in stranded.evidence if link.article_id == 1)
        assert not any("time differs" in reason for reason in from_courier.reasons)
        assert "time 10 a.m. ET vs 7 a.m.: may be the same moment in different time zones" in (
            from_courier.reasons
        )

    def test_a_different_figure_for_the_same_thing_is_a_contradiction(self):
        claims = story()
        cars = claim_with(claims[2], "40,000 cars")
        (link,) = [link for link in cars.evidence if link.relation == "contradicts"]
        assert link.article_id == 3
        assert "figure differs: 40,000 cars vs 25,000 cars" in link.reasons

    def test_a_different_figure_for_a_different_group_is_not(self):
        claims = story()
        east_side = claim_with(claims[2], "About 300 commuters")
        assert all(link.relation != "contradicts" for link in east_side.evidence)
        assert east_side.suggestion.status == "unsourced"

    def test_the_same_quotation_backs_a_quote(self):
        claims = story()
        quote = claim_with(claims[2], "We will reopen it")
        (link,) = [link for link in quote.evidence if link.article_id == 1][:1]
        assert link.relation == "supports"
        assert "repeats the same quotation" in link.reasons
        assert quote.suggestion.status == "confirmed"

    def test_a_superlative_backed_elsewhere(self):
        claims = story()
        longest = claim_with(claims[1], "longest in the bridge's history")
        assert longest.suggestion.status == "confirmed"
        assert any(
            "both call it the longest" in reason
            for link in longest.evidence
            for reason in link.reasons
        )

    def test_backing_from_one_source_only_is_said(self):
        claims = story()
        longest = claim_with(claims[1], "longest in the bridge's history")
        assert any(
            "all backing traces to one source (county)" in r for r in longest.suggestion.reasons
        )

    def test_a_denial_of_what_another_outlet_affirms_is_flagged_not_counted(self):
        articles = [
            ArticleText(1, "Courier", "courier", "The strike does not involve the nurses' union."),
            ArticleText(2, "Ledger", "ledger", "The strike includes nurses and X-ray technicians."),
        ]
        (claim,) = analyze_story(articles)[1]
        (link,) = claim.evidence
        assert link.relation == "related"
        assert "negation: 'not involve the nurses' union' vs an affirmative mention of nurses" in (
            link.reasons
        )

    def test_never_evidence_from_the_same_outlet(self):
        articles = [
            ArticleText(1, "Courier", "courier", COURIER),
            ArticleText(2, "Courier", "courier", LEDGER),
        ]
        for claims in analyze_story(articles).values():
            assert all(not claim.evidence for claim in claims)

    def test_passages_are_ranked_best_first_and_highlight_what_matches(self):
        claims = story()
        for item in (claim for claims_ in claims.values() for claim in claims_):
            scores = [link.score for link in item.evidence]
            assert scores == sorted(scores, reverse=True)
            for link in item.evidence:
                assert all(0 <= start < end <= len(link.text) for start, end in link.highlights)


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
        from datetime import date

        profiles = [
            ArticleProfile.of(1, date(2024, 1, 2), COURIER),
            ArticleProfile.of(2, date(2024, 6, 2), LEDGER),
        ]
        assert len(group_into_stories(profiles, []).stories) == 2


WILDFIRE = {
    "Valley Record": (
        "REDDING, Calif. -- The Carr Ridge fire has burned more than 42,000 acres and destroyed "
        "310 homes since it started Saturday afternoon, Cal Fire said Tuesday.\n\n"
        "The fire was 15% contained as of Tuesday morning, officials said.\n\n"
        "Two firefighters were injured Monday, but none of the injuries are life-threatening."
    ),
    "North State Post": (
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
            ArticleText(number, outlet, outlet, body)
            for number, (outlet, body) in enumerate(WILDFIRE.items(), start=1)
        ]
        return analyze_story(articles)

    def contradiction(self, claims, words):
        item = claim_with(claims[1], words)
        return [reason for link in item.evidence if link.relation == "contradicts"
                for reason in link.reasons[:1]]  # fmt: skip

    def test_a_place_elsewhere_in_the_sentence_is_not_the_figures_scope(self, claims):
        assert self.contradiction(claims, "42,000 acres") == [
            "qualifier differs: 'more than' vs 'nearly' 42,000"
        ]

    def test_a_compatible_figure_backs_even_in_a_disputed_sentence(self, claims):
        fire = claim_with(claims[1], "42,000 acres")
        assert any("both give 310 homes" in r for link in fire.evidence for r in link.reasons)

    def test_the_same_noun_counted_differently(self, claims):
        assert self.contradiction(claims, "Two firefighters") == [
            "figure differs: 2 firefighters vs 3 firefighters"
        ]

    def test_percentages_of_the_same_thing(self, claims):
        assert self.contradiction(claims, "15% contained") == [
            "figure differs: 15 percent vs 25 percent"
        ]

    def test_attribution_with_a_day_after_the_verb(self, claims):
        assert claim_with(claims[1], "42,000 acres").claim.attribution == "Cal Fire"


def test_the_engine_is_plain_python():
    from pathlib import Path

    engine = Path(__file__).resolve().parent.parent / "factcheck" / "engine"
    for module in engine.glob("*.py"):
        source = module.read_text()
        assert "from django" not in source and "import django" not in source, module.name
