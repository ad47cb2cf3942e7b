"""The stories page and the claim queue stay bounded however large the corpus: pages
of stories, filters that take an id instead of listing every row, suggestions a few
at a time, searches of a few words, and a fixed number of queries a page."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse

from factcheck.filters import SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS
from factcheck.lookups import MATCHES_SHOWN
from factcheck.overviews import ARTICLES_ON_A_CARD, STORIES_PER_PAGE, UNASSIGNED_PER_PAGE

from .factories import ArticleFactory, ClaimFactory, OutletFactory, StoryFactory
from .fictional_story import article_with_many_claims, build_fictional_story
from .test_views import HTMX, count_queries, html, row_with

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def story_titles(response) -> list[str]:
    return [
        unescape(title) for title in re.findall(r'<h2 id="story-\d+">(.*?)</h2>', html(response))
    ]


def stories_published(count: int, *, start: int = 1) -> list:
    """count stories, each with one article published on day start, start + 1, ..."""
    stories = []
    for day in range(start, start + count):
        story = StoryFactory(title=f"Story of day {day:03d}")
        ArticleFactory(story=story, published=date(2025, 1, 1) + timedelta(days=day))
        stories.append(story)
    return stories


# --- The stories page -------------------------------------------------------------------


class TestStoriesPage:
    def test_twenty_stories_a_page_newest_activity_first(self, editor_client):
        stories_published(STORIES_PER_PAGE + 5)
        first = editor_client.get(reverse("story_list"))
        second = editor_client.get(reverse("story_list"), {"page": 2})

        assert story_titles(first)[:2] == ["Story of day 025", "Story of day 024"]
        assert len(story_titles(first)) == STORIES_PER_PAGE
        assert story_titles(second) == [f"Story of day {day:03d}" for day in range(5, 0, -1)]
        assert "25 stories, newest first · page 1 of 2" in html(first)
        assert 'href="?page=2" hx-get="?page=2" hx-target="#stories"' in html(first)
        assert 'rel="prev">Newer stories</a>' in html(second)

    def test_a_story_with_a_newer_article_comes_first(self, editor_client):
        older, newer = stories_published(2)
        ArticleFactory(story=older, published=date(2025, 6, 1))
        assert story_titles(editor_client.get(reverse("story_list")))[:2] == [
            older.title,
            newer.title,
        ]

    @pytest.mark.parametrize("page", ["999", "0", "-1", "two", "1e3", "9" * 30])
    def test_a_page_out_of_range_or_not_a_number_is_the_last_or_the_first(
        self, editor_client, page
    ):
        stories_published(STORIES_PER_PAGE + 1)
        response = editor_client.get(reverse("story_list"), {"page": page})
        assert response.status_code == 200
        assert len(story_titles(response)) in (1, STORIES_PER_PAGE)

    def test_page_links_swap_the_stories_with_htmx(self, editor_client):
        stories_published(STORIES_PER_PAGE + 1)
        fragment = editor_client.get(reverse("story_list"), {"page": 2}, headers=HTMX)
        assert "<html" not in html(fragment)
        assert story_titles(fragment) == ["Story of day 001"]
        assert 'hx-push-url="true" rel="prev"' in html(fragment)

    def test_unassigned_articles_come_a_page_at_a_time_keeping_the_stories_page(
        self, editor_client
    ):
        stories_published(STORIES_PER_PAGE + 1)
        for day in range(1, UNASSIGNED_PER_PAGE + 4):
            ArticleFactory(
                story=None, headline=f"Loose article {day:02d}", published=date(2024, 3, day)
            )
        first = editor_client.get(reverse("story_list"), {"page": 2})
        second = editor_client.get(reverse("story_list"), {"page": 2, "unassigned": 2})

        assert "Loose article 23" in html(first)
        assert "Loose article 03" not in html(first)
        assert "Unassigned" in html(second)
        assert [f"Loose article {day:02d}" in html(second) for day in (1, 2, 3, 4)] == [
            True,
            True,
            True,
            False,
        ]
        assert "23 articles (page 1 of 2, newest first)" in html(first)
        assert 'href="?page=2&amp;unassigned=2"' in html(first)
        assert story_titles(second)[0] == "Story of day 001"

    def test_counts_are_those_of_each_article_and_story(self, editor_client):
        news = build_fictional_story()
        stories_published(3)
        response = editor_client.get(reverse("story_list"))
        assert row_with(response, "Harbor Bridge to close for 18 months")[4:] == [
            "4",
            "1",
            "0 0 of 4",
        ]
        assert news.story.title in story_titles(response)

    def test_a_big_story_lists_its_first_articles_and_counts_them_all(self, editor_client):
        story = StoryFactory(title="A breaking story")
        extra = 5
        for day in range(ARTICLES_ON_A_CARD + extra):
            article = ArticleFactory(
                story=story,
                published=date(2025, 3, 1) + timedelta(days=day),
                headline=f"Day {day:02d} of the story",
            )
            ClaimFactory(article=article)
        response = editor_client.get(reverse("story_list"))
        listed = re.findall(r">Day (\d\d) of the story<", html(response))
        assert listed == [f"{day:02d}" for day in range(ARTICLES_ON_A_CARD)]  # the first
        page = " ".join(unescape(re.sub(r"<[^>]+>", "", html(response))).split())
        assert f"{ARTICLES_ON_A_CARD + extra} articles · 1 Mar 2025 – 15 Mar 2025" in page
        assert f"and {extra} more articles, listed in the report" in page
        assert f"0 of {ARTICLES_ON_A_CARD + extra} claims decided" in page  # all of them

    def test_queries_do_not_grow_with_stories_articles_or_claims(self, editor_client):
        build_fictional_story()
        ArticleFactory(story=None)
        few = count_queries(editor_client, reverse("story_list"))
        for story in stories_published(STORIES_PER_PAGE * 2):
            ClaimFactory.create_batch(3, article__story=story)
        ArticleFactory.create_batch(UNASSIGNED_PER_PAGE * 2, story=None)
        assert count_queries(editor_client, reverse("story_list")) == few
        assert count_queries(editor_client, reverse("story_list"), data={"page": 2}) == few


# --- Finding an article or a story by name -----------------------------------------------


class TestLookup:
    def test_login_required(self, client):
        response = client.get(reverse("find_articles"), {"article": "bridge"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_articles_by_words_of_their_headline_or_outlet_as_options(self, editor_client):
        news = build_fictional_story()
        response = editor_client.get(reverse("find_articles"), {"article": "bridge gazette"})
        gazette = news.articles["gazette"]
        assert html(response) == (
            f'<option value="{gazette.pk}">Alder Gazette: Harbor Bridge to close for 18 months'
            " (1 Mar 2025)</option>"
        )

    def test_an_id_finds_its_article_or_story(self, editor_client):
        news = build_fictional_story()
        radio = news.articles["radio"]
        found = editor_client.get(reverse("find_articles"), {"article": str(radio.pk)})
        assert f'<option value="{radio.pk}">Coastline Radio' in html(found)
        story = editor_client.get(reverse("find_stories"), {"story": str(news.story.pk)})
        assert html(story) == f'<option value="{news.story.pk}">{news.story.title}</option>'

    def test_at_most_twenty_matches_newest_first(self, editor_client):
        for day in range(1, 31):
            ArticleFactory(headline=f"Budget vote {day}", published=date(2025, 1, day))
        response = editor_client.get(reverse("find_articles"), {"article": "budget"})
        options = re.findall(r"<option[^>]*>(.*?)</option>", html(response))
        assert len(options) == MATCHES_SHOWN == 20
        assert "Budget vote 30" in options[0]

    def test_stories_by_words_of_their_title(self, editor_client):
        StoryFactory(title="Harbor strike")
        StoryFactory(title="Harbor bridge closes")
        response = editor_client.get(reverse("find_stories"), {"story": "harbor BRIDGE"})
        assert re.findall(r">(.*?)</option>", html(response)) == ["Harbor bridge closes"]

    def test_hostile_names_are_escaped(self, editor_client):
        ArticleFactory(headline=f"Budget {HOSTILE}", outlet=OutletFactory(name=f"Evil {HOSTILE}"))
        StoryFactory(title=f"Budget {HOSTILE}")
        for name, key in [("find_articles", "article"), ("find_stories", "story")]:
            page = html(editor_client.get(reverse(name), {key: "budget"}))
            assert "<script>" not in page and "<b>" not in page
            assert "&lt;script&gt;" in page

    @pytest.mark.parametrize("typed", ["", "   ", "0", "9" * 40, "no such words", "word " * 500])
    def test_nothing_found_is_an_empty_list(self, editor_client, typed):
        build_fictional_story()
        response = editor_client.get(reverse("find_articles"), {"article": typed})
        assert response.status_code == 200
        assert html(response).strip() == ""

    def test_the_queue_form_fills_a_datalist_as_the_editor_types(self, editor_client):
        page = html(editor_client.get(reverse("claim_queue")))
        field = re.search(r'<input type="text" name="article"[^>]*>', page)[0]
        assert 'list="article-matches"' in field
        assert f'hx-get="{reverse("find_articles")}"' in field
        assert 'hx-target="#article-matches"' in field
        assert '<datalist id="article-matches"></datalist>' in page
        assert '<datalist id="story-matches"></datalist>' in page
        assert "<select" in page and 'name="article"' not in re.sub(r"<input[^>]*>", "", page)


# --- Filters by id ------------------------------------------------------------------------


class TestFiltersById:
    def test_the_chosen_article_and_story_are_named(self, editor_client):
        news = build_fictional_story()
        gazette = news.articles["gazette"]
        page = html(editor_client.get(reverse("claim_queue"), {"article": gazette.pk}))
        assert (
            '<p id="article-chosen" class="chosen muted">Alder Gazette: Harbor Bridge to close '
            "for 18 months (1 Mar 2025)</p>"
        ) in page
        assert f'value="{gazette.pk}"' in page
        page = html(editor_client.get(reverse("claim_queue"), {"story": news.story.pk}))
        assert f'<p id="story-chosen" class="chosen muted">{news.story.title}</p>' in page

    def test_an_htmx_filter_renames_the_chosen_rows_out_of_band(self, editor_client):
        news = build_fictional_story()
        fragment = html(
            editor_client.get(reverse("claim_queue"), {"story": news.story.pk}, headers=HTMX)
        )
        assert (
            f'<p id="story-chosen" class="chosen muted" hx-swap-oob="true">{news.story.title}</p>'
            in fragment
        )
        assert '<p id="article-chosen" class="chosen muted" hx-swap-oob="true"></p>' in fragment

    def test_a_hostile_name_is_escaped(self, editor_client):
        story = StoryFactory(title=HOSTILE)
        page = html(editor_client.get(reverse("claim_queue"), {"story": story.pk}))
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("999999", "There is no article with id 999999."),
            ("0", "That is not an id we use"),
            ("9" * 25, "That is not an id we use"),
            ("bridge", "Give the article&#x27;s id, a whole number (pick one by name)."),
            ("-3", "That is not an id we use"),
        ],
    )
    def test_an_unknown_id_or_not_a_number_is_refused_with_a_400(
        self, editor_client, value, message
    ):
        build_fictional_story()
        for key in ("article", "story"):
            response = editor_client.get(reverse("claim_queue"), {key: value})
            assert response.status_code == 400
            assert message.replace("article", key) in html(response)

    def test_exports_refuse_an_unknown_id(self, editor_client):
        response = editor_client.get(reverse("export_claims_csv"), {"story": 999_999})
        assert response.status_code == 400
        assert "Story: There is no story with id 999999." in html(response)


# --- Search bounds ---------------------------------------------------------------------


class TestSearchBounds:
    def test_up_to_eight_words_search(self, editor_client):
        news = build_fictional_story()
        words = " ".join(["about", "40,000", "vehicles", "cross", "the", "bridge", "every", "day."])
        response = editor_client.get(reverse("claim_queue"), {"q": words})
        assert response.status_code == 200
        assert news.claims["traffic"].text in unescape(html(response))

    @pytest.mark.parametrize(
        "q",
        [
            " ".join(["word"] * (SEARCH_MAX_WORDS + 1)),
            "w" * (SEARCH_MAX_LENGTH + 1),
            "bridge " * 1000,
        ],
        ids=["nine words", "201 characters", "1,000 words"],
    )
    def test_a_longer_search_is_refused_on_the_queue(self, editor_client, q):
        response = editor_client.get(reverse("claim_queue"), {"q": q})
        assert response.status_code == 400
        assert "Search at most 8 words and 200 characters" in html(response)

    @pytest.mark.parametrize("name", ["export_claims_csv", "export_internal_json"])
    def test_a_thousand_word_search_is_refused_by_the_exports_before_streaming(
        self, editor_client, name
    ):
        build_fictional_story()
        response = editor_client.get(reverse(name), {"q": "bridge " * 1000})
        assert response.status_code == 400
        assert not response.streaming
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        body = html(response)
        assert body.startswith("Nothing was exported: some filters were not understood.")
        assert "Search: Search at most 8 words and 200 characters" in body


# --- Queue pages ---------------------------------------------------------------------------


class TestQueuePages:
    def test_a_page_lists_its_claims_in_the_queue_order(self, editor_client):
        news = build_fictional_story()
        response = editor_client.get(reverse("claim_queue"), {"o": "contradicted"})
        listed = [unescape(t) for t in re.findall(r"data-claim-open>(.*?)</a>", html(response))]
        assert listed[:2] == [news.claims["cost"].text, news.claims["radio_cost"].text]
        assert len(listed) == 9

    def test_queries_do_not_grow_with_the_corpus_or_the_page(self, editor_client):
        build_fictional_story()
        queue = reverse("claim_queue")
        few = count_queries(editor_client, queue)
        article = article_with_many_claims(160)
        ArticleFactory.create_batch(30)
        assert count_queries(editor_client, queue) == few
        assert count_queries(editor_client, queue, data={"page": 3}) == few
        by_article = {"article": article.pk, "o": "contradicted"}
        assert count_queries(editor_client, queue, data={**by_article, "page": 3}) == (
            count_queries(editor_client, queue, data=by_article)
        )
