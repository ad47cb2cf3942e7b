"""JSON as newsrooms export it: our shape, schema.org NewsArticle (alone, listed or in an
@graph), the common aliases, lists of authors, ISO and RFC 2822 dates; and an error that
names the field for anything else (pure Python, no database)."""

import json
from datetime import date

import pytest

from articles.ingest import IngestError, read_article
from articles.ingest.parsed import STATED

BODY = "The council voted on Tuesday to close the pool.\n\nIt opens again in May."

NEWS_ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Council closes the pool",
    "articleBody": BODY,
    "datePublished": "2025-04-02T21:15:00-06:00",
    "dateModified": "2025-04-03T08:00:00-06:00",
    "author": [
        {"@type": "Person", "name": "Dmitri Halvorsen"},
        {"@type": "Person", "name": "Ana Ruiz"},
    ],
    "publisher": {"@type": "NewsMediaOrganization", "name": "Juniper Valley Record"},
    "url": "https://www.juniperrecord.example/local/pool",
}


def read(value) -> object:
    text = value if isinstance(value, str) else json.dumps(value)
    return read_article(text.encode(), name="article.json", max_bytes=100_000)


def refusal(value) -> str:
    with pytest.raises(IngestError) as refused:
        read(value)
    return str(refused.value)


class TestSchemaOrg:
    def test_a_news_article(self):
        article = read(NEWS_ARTICLE)
        assert article.headline == "Council closes the pool"
        assert article.body == BODY
        assert article.published == date(2025, 4, 2)  # as written, not the update
        assert article.author == "Dmitri Halvorsen, Ana Ruiz"
        assert article.url == "https://www.juniperrecord.example/local/pool"
        assert article.outlet_cues[0].name == "Juniper Valley Record"
        assert article.outlet_cues[0].strength == STATED

    def test_in_a_graph_beside_the_web_page(self):
        graph = {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebPage", "name": "Council closes the pool - Record"},
                {key: value for key, value in NEWS_ARTICLE.items() if key != "@context"},
            ],
        }
        assert read(graph).headline == "Council closes the pool"

    def test_in_a_list(self):
        assert read([NEWS_ARTICLE]).body == BODY

    def test_wire_copy_credited_to_an_agency_on_a_newspapers_export(self):
        wire = {
            **NEWS_ARTICLE,
            "author": {"@type": "Organization", "name": "Associated Press"},
            "publisher": {"@type": "Organization", "name": "Times Union"},
        }
        article = read(wire)
        assert (article.outlet_cues[0].name, article.via) == ("Associated Press", "Times Union")
        assert article.author == ""


class TestAliases:
    def test_title_source_date_and_link(self):
        article = read(
            {
                "title": "Council closes the pool",
                "content": BODY,
                "source": {"id": None, "name": "Milltown Courier"},
                "date": "Tue, 01 Apr 2025 22:05:00 GMT",
                "authors": ["Sam Lee", "Jo Park"],
                "link": "https://milltowncourier.example/pool",
            }
        )
        assert article.headline == "Council closes the pool"
        assert article.body == BODY
        assert article.outlet_cues[0].name == "Milltown Courier"
        assert article.published == date(2025, 4, 1)
        assert article.author == "Sam Lee, Jo Park"
        assert article.url == "https://milltowncourier.example/pool"

    def test_our_outlet_field_with_the_site_that_carried_it(self):
        article = read({"body": BODY, "outlet": "Associated Press, via Times Union"})
        assert (article.outlet_cues[0].name, article.via) == ("Associated Press", "Times Union")

    def test_our_outlet_field_is_final_even_for_wire_copy(self):
        text = "SALEM, Ore. (AP) — The council voted on Tuesday to close the pool."
        assert read({"body": text, "outlet": "Salem Reporter"}).outlet_cues[0].name == (
            "Salem Reporter"
        )

    @pytest.mark.parametrize(
        "outlet", ["https://www.juniperrecord.example", "Copyright 2024", '=HYPERLINK("x")']
    )
    def test_an_outlet_field_that_is_no_name_names_no_outlet(self, outlet):
        article = read({"body": BODY, "outlet": outlet})
        assert [cue.name for cue in article.outlet_cues if cue.name] == []

    @pytest.mark.parametrize(
        ("value", "published"),
        [
            ("2025-04-02", date(2025, 4, 2)),
            ("2025-04-02T23:30:00-07:00", date(2025, 4, 2)),
            ("2025-04-02T23:30:00Z", date(2025, 4, 2)),
            ("Wed, 02 Apr 2025 23:30:00 -0700", date(2025, 4, 2)),
            ("April 2, 2025", date(2025, 4, 2)),
        ],
    )
    def test_dates(self, value, published):
        assert read({"body": BODY, "published": value}).published == published


class TestRefusals:
    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (
                {"@type": "Recipe", "name": "Pool cake", "text": "Mix the flour."},
                """the JSON "@type" is 'Recipe', not a news article (NewsArticle, Article)""",
            ),
            (
                {"body": BODY, "date": "yesterday"},
                'the JSON "date" is not a date (YYYY-MM-DD, an ISO 8601 time or an RFC 2822 '
                """date such as "Tue, 05 Mar 2024 14:30:00 GMT"): 'yesterday'""",
            ),
            ({"body": BODY, "source": 5}, 'the JSON "source" must be a string, not a number'),
            ({"articleBody": ["a", "b"]}, 'the JSON "articleBody" must be a string, not an array'),
            (
                {"body": BODY, "authors": [{"@type": "Person"}]},
                'the JSON "authors" must be a name, a list of names or schema.org Person '
                "objects, not an object in a list",
            ),
            (
                {"@graph": [NEWS_ARTICLE, NEWS_ARTICLE]},
                'the JSON "@graph" holds several articles; import one article a file',
            ),
            (
                [NEWS_ARTICLE, NEWS_ARTICLE],
                'a JSON article is one object with a "body", not an array (several articles '
                "in it); import one article a file",
            ),
            (
                {"headline": "Council closes the pool"},
                'the JSON has no article text: none of "body", "text", "articleBody" is there',
            ),
        ],
    )
    def test_the_message_names_the_field(self, value, message):
        assert refusal(value) == message
