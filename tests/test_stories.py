"""Stories: one event is one story across its follow-ups, in any arrival order; another
event of the same actors stays apart; stories an article shows to be one are merged."""

import io
import itertools
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.ingest import read_article
from articles.models import Article, Story
from factcheck.engine.stories import (
    ArticleProfile,
    StoryProfile,
    day_near,
    group_into_stories,
    named_days,
    story_terms,
)
from factcheck.models import Evidence
from factcheck.services import analyze_articles
from factcheck.services import group_into_stories as file_into_stories

from .factories import ArticleFactory, OutletFactory

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# An invented ferry strike told over three weeks, from the threat to the deal.
PREVIEW = (
    "Deckhands at Marlow Sound Ferries could walk off the job Thursday if no contract deal "
    "is reached, Deckhands Guild Local 14 said Monday. The union represents about 640 "
    "deckhands and ticket agents on the Pellham to Orrin Island routes. Marlow Sound Ferries "
    "said it would run a reduced schedule with managers if a strike began."
)
DAY_OF = (
    "About 640 deckhands walked off the job Thursday, halting most Marlow Sound Ferries "
    "sailings between Pellham and Orrin Island. Local 14 president Rosa Delacroix said the "
    "union asked for a 6% raise each year; the company offered 3%. Commuters on Orrin Island "
    "lined up for the one sailing managers ran."
)
DAY_TWO = (
    "The Marlow Sound Ferries strike entered its second day Friday with no talks scheduled. "
    "Rosa Delacroix of Deckhands Guild Local 14 said the 640 strikers would stay out until "
    "the company improved its 3% offer. Orrin Island businesses said the strike had cut "
    "their trade by half."
)
DEAL = (
    "Marlow Sound Ferries and Deckhands Guild Local 14 reached a deal ending the 19-day "
    "strike, and full service between Pellham and Orrin Island resumes Wednesday. The 640 "
    "deckhands will get raises of 4.5% a year over three years, Rosa Delacroix said. "
    "Members ratify the contract next week."
)
# The same company and union, three years earlier: another event.
EARLIER_WALKOUT = (
    "Deckhands at Marlow Sound Ferries staged a one-day walkout Tuesday over a new shift "
    "schedule, Deckhands Guild Local 14 said. About 580 deckhands took part and most "
    "sailings between Pellham and Orrin Island were cancelled. The company said the schedule "
    "change would go ahead in July."
)
# Another event of the same days, with other actors.
BUDGET_VOTE = (
    "The Brennick City Council approved a $412 million budget Thursday by a 6-3 vote, "
    "adding 18 police officers and closing two branch libraries. Mayor Tomas Whitfield "
    "called the budget balanced. Library supporters packed the council chamber and vowed "
    "to bring a ballot measure in November."
)

STRIKE = {
    "preview": (PREVIEW, date(2026, 3, 2)),
    "day of": (DAY_OF, date(2026, 3, 5)),
    "day two": (DAY_TWO, date(2026, 3, 6)),
    "deal": (DEAL, date(2026, 3, 24)),
}


def profiles(articles: dict[str, tuple[str, date | None]]) -> list[ArticleProfile]:
    return [ArticleProfile.of(key, published, body) for key, (body, published) in articles.items()]


def one_at_a_time(items: list[ArticleProfile]) -> list[list]:
    """Group articles as they arrive, one call each; the stories' articles, sorted."""
    pool: dict[int, StoryProfile] = {}
    for article in items:
        grouping = group_into_stories([article], list(pool.values()))
        for merge in grouping.merges:
            del pool[merge.absorbed.id]
        for story in grouping.stories:
            if story.id is None:
                story.id = max(pool, default=0) + 1
            pool[story.id] = story
    return sorted(sorted(map(str, story.articles)) for story in pool.values())


class TestOneEventIsOneStory:
    def test_follow_ups_over_weeks_join_in_every_arrival_order(self):
        articles = profiles(STRIKE)
        for order in itertools.permutations(articles):
            assert one_at_a_time(list(order)) == [sorted(STRIKE)], [a.id for a in order]

    def test_another_event_of_the_same_actors_years_before_stays_apart(self):
        articles = profiles({**STRIKE, "2023 walkout": (EARLIER_WALKOUT, date(2023, 5, 16))})
        for order in itertools.permutations(articles):
            assert one_at_a_time(list(order)) == [["2023 walkout"], sorted(STRIKE)]

    def test_another_event_of_the_same_days_stays_apart(self):
        grouping = group_into_stories(
            profiles({**STRIKE, "budget": (BUDGET_VOTE, date(2026, 3, 5))}), []
        )
        assert sorted(sorted(story.articles) for story in grouping.stories) == [
            ["budget"],
            sorted(STRIKE),
        ]

    def test_the_seeds_are_one_story_in_every_arrival_order(self):
        seeds = []
        for path in sorted(SEEDS.glob("*.txt")):
            parsed = read_article(path.read_bytes(), name=path.name, max_bytes=10**7)
            seeds.append(ArticleProfile.of(path.name, parsed.published, parsed.body))
        for order in itertools.permutations(seeds):
            assert len(one_at_a_time(list(order))) == 1


class TestMerges:
    def story(self, story_id: int, *keys: str, locked: bool = False) -> StoryProfile:
        story = StoryProfile(story_id, None, None, locked=locked)
        for article in profiles({key: STRIKE[key] for key in keys}):
            story.take(article)
        story.articles.clear()  # as stored: the grouping only reports articles it placed
        return story

    def test_an_article_of_two_stories_merges_the_smaller_into_the_larger(self):
        larger, smaller = self.story(1, "preview", "day of"), self.story(2, "deal")
        (day_two,) = profiles({"day two": STRIKE["day two"]})

        grouping = group_into_stories([day_two], [smaller, larger])

        assert [(merge.kept.id, merge.absorbed.id) for merge in grouping.merges] == [(1, 2)]
        (story,) = grouping.stories
        assert (story.id, story.size, story.articles) == (1, 4, ["day two"])
        assert (story.first, story.last) == (date(2026, 3, 2), date(2026, 3, 24))

    def test_a_story_holding_an_editors_choice_is_never_merged_away(self):
        larger, smaller = self.story(1, "preview", "day of"), self.story(2, "deal", locked=True)
        (day_two,) = profiles({"day two": STRIKE["day two"]})

        grouping = group_into_stories([day_two], [smaller, larger])

        assert grouping.merges == ()
        assert [story.id for story in grouping.stories] == [1]

    def test_the_larger_story_absorbs_even_when_it_holds_an_editors_choice(self):
        larger, smaller = self.story(1, "preview", "day of", locked=True), self.story(2, "deal")
        (day_two,) = profiles({"day two": STRIKE["day two"]})

        grouping = group_into_stories([day_two], [smaller, larger])

        assert [(merge.kept.id, merge.absorbed.id) for merge in grouping.merges] == [(1, 2)]

    def test_an_article_without_a_date_merges_nothing(self):
        larger, smaller = self.story(1, "preview", "day of"), self.story(2, "deal")
        (undated,) = profiles({"day two": (DAY_TWO, None)})

        grouping = group_into_stories([undated], [smaller, larger])

        assert grouping.merges == ()
        assert len(grouping.stories) == 1


class TestArticlesWithoutADate:
    def test_one_joins_the_story_its_text_matches(self):
        stories = [
            StoryProfile(1, None, None),
            StoryProfile(2, None, None),
        ]
        for story, articles in zip(
            stories,
            (
                {"2023 walkout": (EARLIER_WALKOUT, date(2023, 5, 16))},
                {key: STRIKE[key] for key in ("preview", "day of")},
            ),
            strict=True,
        ):
            for article in profiles(articles):
                story.take(article)
        (undated,) = profiles({"undated": (DEAL, None)})

        (story,) = group_into_stories([undated], stories).stories

        assert story.id == 2

    def test_a_day_named_with_its_weekday_tells_the_year(self):
        # The same text could be either year's walkout; Tuesday, May 16 fits only 2023.
        text = EARLIER_WALKOUT.replace("Tuesday", "Tuesday, May 16")
        this_year, that_year = StoryProfile(1, None, None), StoryProfile(2, None, None)
        this_year.take(ArticleProfile.of("2026", date(2026, 5, 19), EARLIER_WALKOUT))
        this_year.take(ArticleProfile.of("2026 more", date(2026, 5, 20), EARLIER_WALKOUT))
        that_year.take(ArticleProfile.of("2023", date(2023, 5, 17), EARLIER_WALKOUT))

        (story,) = group_into_stories(
            [ArticleProfile.of("undated", None, text)], [this_year, that_year]
        ).stories

        assert story.id == 2

    @pytest.mark.parametrize("published, fitting", [(date(2023, 5, 17), 1), (date(2026, 5, 20), 2)])
    def test_a_dated_article_joins_the_undated_story_whose_named_weekday_fits(
        self, published, fitting
    ):
        stories = []
        for number, day in enumerate(("Tuesday, May 16", "Tuesday, May 19"), 1):
            story = StoryProfile(number, None, None)
            story.take(ArticleProfile.of(day, None, EARLIER_WALKOUT.replace("Tuesday", day)))
            stories.append(story)
        walkout = ArticleProfile.of("dated", published, EARLIER_WALKOUT)

        grouping = group_into_stories([walkout], stories)

        assert [story.id for story in grouping.stories] == [fitting]

    def test_named_days_and_the_dates_they_can_be(self):
        words = story_terms("The strike began on Saturday, Sept. 27 and ended Friday, Oct. 10.")
        assert sorted(named_days(words)) == [(9, 27, 5), (10, 10, 4)]
        assert day_near([(9, 27, 5)], date(2025, 9, 1), date(2025, 9, 30)) == date(2025, 9, 27)
        assert day_near([(9, 27, 5)], date(2021, 9, 1), date(2021, 9, 30)) is None
        assert day_near([(2, 29, 3)], date(2024, 2, 1), date(2024, 3, 1)) == date(2024, 2, 29)


class TestStoryTerms:
    def test_names_figures_and_days_are_terms_of_their_own(self):
        terms = story_terms(
            "Workers at Brightline Foods walked out Sept. 27, and 1,200 joined Local 7 pickets."
        )
        assert {"Brightline", "Foods", "Brightline Foods", "@9-27", "#1200", "Local 7"} <= set(
            terms
        )

    def test_a_capitalised_first_word_is_a_name_only_if_capitalised_elsewhere(self):
        terms = story_terms("Pickets formed at dawn. Crews from Halvard joined. Halvard said no.")
        assert "Pickets" not in terms and "picket" in terms
        assert terms.count("Halvard") == 2

    def test_a_title_case_headline_adds_only_names_the_body_confirms(self):
        terms = story_terms("Crews from Halvard joined the pickets.", "Halvard Crews Join Pickets")
        assert terms.count("Halvard") == 2
        assert "Pickets" not in terms and "Join" not in terms


# --- in the database ---------------------------------------------------------------


def article(body: str, published: date | None, **fields) -> Article:
    return ArticleFactory(body=body, published=published, story=None, **fields)


def story_of(*articles: Article) -> Story:
    """A story as an earlier grouping would have left it, holding these articles."""
    words = Counter()
    for item in articles:
        words.update(ArticleProfile.of(item.pk, item.published, item.body).words)
    dates = [item.published for item in articles if item.published]
    story = Story.objects.create(
        title=articles[0].body[:40],
        first_published=min(dates, default=None),
        last_published=max(dates, default=None),
        profile=dict(words),
    )
    Article.objects.filter(pk__in=[item.pk for item in articles]).update(story=story)
    return story


@pytest.mark.django_db
class TestFilingIntoStories:
    def test_an_article_of_two_stories_merges_the_smaller_into_the_larger(self):
        larger = story_of(*(article(*STRIKE[key]) for key in ("preview", "day of")))
        smaller = story_of(article(*STRIKE["deal"]))
        day_two = article(*STRIKE["day two"])

        assert file_into_stories(article_ids=[day_two.pk]) == {larger.pk}

        assert set(Article.objects.values_list("story", flat=True)) == {larger.pk}
        assert list(Story.objects.all()) == [larger]
        larger.refresh_from_db()
        assert (larger.first_published, larger.last_published) == (
            date(2026, 3, 2),
            date(2026, 3, 24),
        )
        assert not Story.objects.filter(pk=smaller.pk).exists()

    def test_a_story_holding_an_article_an_editor_placed_is_not_merged_away(self):
        larger = story_of(*(article(*STRIKE[key]) for key in ("preview", "day of")))
        placed = article(*STRIKE["deal"])
        smaller = story_of(placed)
        Article.objects.filter(pk=placed.pk).update(story_locked=True)
        day_two = article(*STRIKE["day two"])

        assert file_into_stories(article_ids=[day_two.pk]) == {larger.pk}

        placed.refresh_from_db()
        assert placed.story_id == smaller.pk
        assert Story.objects.count() == 2

    def test_articles_an_editor_placed_stay_when_their_story_absorbs_another(self):
        placed = article(*STRIKE["preview"])
        larger = story_of(placed, article(*STRIKE["day of"]))
        Article.objects.filter(pk=placed.pk).update(story_locked=True)
        smaller = story_of(article(*STRIKE["deal"]))
        day_two = article(*STRIKE["day two"])

        file_into_stories(article_ids=[day_two.pk])

        assert set(Article.objects.values_list("story", flat=True)) == {larger.pk}
        assert not Story.objects.filter(pk=smaller.pk).exists()

    def test_the_merged_story_is_analysed_as_one(self):
        ledger, radio = OutletFactory(name="Sound Ledger"), OutletFactory(name="Island Radio")
        preview = article(PREVIEW, date(2026, 3, 2), outlet=ledger)
        story_of(preview, article(DAY_OF, date(2026, 3, 5), outlet=ledger))
        deal = article(DEAL, date(2026, 3, 24), outlet=radio)
        story_of(deal)
        day_two = article(DAY_TWO, date(2026, 3, 6), outlet=radio)

        summary = analyze_articles(article_ids=[day_two.pk])

        assert (summary.stories, summary.articles) == (1, 4)
        deal_backs_preview = Evidence.objects.filter(claim__article=preview, article=deal)
        assert deal_backs_preview.exists()

    def test_an_article_without_a_date_joins_the_story_of_its_event(self):
        earlier = story_of(article(EARLIER_WALKOUT, date(2023, 5, 16)))
        strike = story_of(*(article(*STRIKE[key]) for key in ("preview", "day of")))
        undated = article(DEAL, None)

        assert file_into_stories(article_ids=[undated.pk]) == {strike.pk}
        assert Story.objects.count() == 2
        assert earlier.articles.count() == 1

    def test_importing_the_seeds_makes_one_story(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_articles", *sorted(SEEDS.glob("*.txt")), stdout=io.StringIO())
        assert Story.objects.count() == 1
        assert Article.objects.filter(story=Story.objects.get()).count() == 5
