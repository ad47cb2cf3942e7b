"""Reading saved HTML pages and JSON articles along the plain-text path (no database)."""

from datetime import date
from pathlib import Path

import pytest

from articles.ingest import SUPPORTED_SUFFIXES, IngestError, OutletCue, read_article
from articles.ingest.parsed import SELF_NAMED, STATED

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


def read(data: str | bytes, name: str):
    data = data.encode() if isinstance(data, str) else data
    return read_article(data, name=name, max_bytes=100_000)


def read_fixture(name: str, *, as_name: str = ""):
    return read((ARTICLES / name).read_bytes(), as_name or name)


def refusal(data: str | bytes, name: str) -> str:
    with pytest.raises(IngestError) as refused:
        read(data, name)
    message = str(refused.value)
    assert "\n" not in message
    return message


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


@pytest.fixture(scope="module")
def news_page():
    return read_fixture("lantern-ferry-ramp.html")


@pytest.fixture(scope="module")
def json_article():
    return read_fixture("juniper-library-levy.json")


STORY = (
    "<article><p>The council voted on Tuesday to close the pool for the summer.</p>"
    "<p>It opens again in May, the clerk said after the meeting.</p></article>"
)


class TestNewsPage:
    def test_body_is_the_article_paragraphs(self, news_page):
        paragraphs = news_page.body.split("\n\n")
        assert paragraphs[0].startswith("ALDER BAY, Ore. — The north ramp")
        assert "two cracked support beams" in paragraphs[1]
        assert paragraphs[2].endswith('"Eight weeks is the honest number."')
        assert (
            paragraphs[-1] == "Walk-on passengers and cyclists are not affected, the operator said."
        )
        assert len(paragraphs) == 6

    @pytest.mark.parametrize(
        "furniture",
        [
            "Obituaries",  # navigation
            "Tide tables",
            "Subscribe today",
            "Crews inspect the buckled north ramp",  # caption
            "Owen Reyes",
            "Related stories",  # aside
            "Gull Island school gets a new roof",
            "All rights reserved",  # footer
            "Privacy policy",
            "By Priya Castellanos",  # byline
            "Storm damage shuts",  # the headline is not body text
        ],
    )
    def test_page_furniture_is_not_in_the_body(self, news_page, furniture):
        assert furniture not in news_page.body

    def test_metadata(self, news_page):
        assert news_page.headline == "Storm damage shuts Alder Bay ferry ramp for eight weeks"
        assert news_page.published == date(2025, 3, 18)  # published, not the next day's update
        assert news_page.author == "Priya Castellanos"
        assert (
            news_page.url == "https://www.alderbaylantern.example/news/2025/03/18/ferry-ramp-closed"
        )
        assert news_page.dateline == "ALDER BAY, Ore."

    def test_site_name_at_its_domain_is_the_strongest_outlet_cue(self, news_page):
        assert news_page.outlet_cues[0] == OutletCue(
            name="The Alder Bay Lantern", domain="alderbaylantern.example", strength=STATED
        )

    def test_furniture_inside_the_article_goes_through_the_plain_text_rules(self, news_page):
        removed = {(item.kind, item.text) for item in news_page.boilerplate}
        assert ("promo", "READ MORE: Harbor board weighs higher summer fares") in removed
        assert (
            "app prompt",
            "Sign up for our morning tide report newsletter to get sailing alerts.",
        ) in removed
        assert "READ MORE" not in news_page.body
        assert "newsletter" not in news_page.body

    def test_raw_text_is_the_html_as_received(self, news_page):
        assert news_page.raw_text == (ARTICLES / "lantern-ferry-ramp.html").read_text("utf-8")


class TestPageShapes:
    def test_meta_tags_without_structured_data(self):
        article = read(
            page(
                STORY,
                head="<title>Pool to close for summer</title>"
                '<meta property="og:site_name" content="Milltown Courier">'
                '<meta property="og:url" content="http://milltowncourier.example/pool">'
                '<meta name="author" content="Sam Lee">'
                '<meta property="article:published_time" content="2024-05-01T09:00:00Z">',
            ),
            "pool.html",
        )
        assert article.headline == "Pool to close for summer"
        assert article.author == "Sam Lee"
        assert article.published == date(2024, 5, 1)
        assert article.url == "http://milltowncourier.example/pool"
        assert article.outlet_cues[0] == OutletCue(
            name="Milltown Courier", domain="milltowncourier.example", strength=STATED
        )

    def test_a_page_that_states_no_date_gets_none(self):
        footer = "<footer><p>© 2023 Milltown Courier. All rights reserved.</p></footer>"
        assert read(page(STORY + footer), "pool.html").published is None

    def test_a_page_without_site_name_or_address_has_no_metadata_cue(self):
        assert read(page(STORY), "pool.html").outlet_cues == ()

    def test_a_question_headline_the_page_repeats_is_not_body_text(self):
        article = read(
            page(
                STORY.replace("<article>", "<article><h1>Will the pool open in May?</h1>"),
                "<title>Will the pool open in May?</title>",
            ),
            "pool.html",
        )
        assert article.headline == "Will the pool open in May?"
        assert article.body.startswith("The council voted")

    def test_dateline_is_found_in_page_text(self):
        article = read(
            page(STORY.replace("<p>The council", "<p>MILLTOWN, Vt. — The council")),
            "pool.htm",
        )
        assert article.dateline == "MILLTOWN, Vt."


class TestJsonArticle:
    def test_metadata(self, json_article):
        assert json_article.headline == "Voters back a bigger library levy in Cedar Forks"
        assert json_article.published == date(2025, 4, 2)  # the date as written, not in UTC
        assert json_article.author == "Dmitri Halvorsen"
        assert json_article.url == "https://www.juniperrecord.example/local/2025/04/02/library-levy"
        assert json_article.dateline == "CEDAR FORKS, Mont."

    def test_outlet_is_stated_at_the_url_domain(self, json_article):
        assert json_article.outlet_cues == (
            OutletCue(
                name="Juniper Valley Record", domain="juniperrecord.example", strength=STATED
            ),
            OutletCue(domain="juniperrecord.example", strength=SELF_NAMED),
        )

    def test_body_goes_through_the_furniture_rules(self, json_article):
        assert json_article.body.split("\n\n") == [
            "CEDAR FORKS, Mont. — Voters in Cedar Forks approved a larger library levy on "
            "Tuesday, giving the county's three branches their first budget increase in a decade.",
            "The measure passed with 58 percent of the vote, according to unofficial results "
            "posted by the county clerk.",
            "Library director Anneliese Okonjo said the money would restore Sunday hours at the "
            "main branch and pay for a second bookmobile.",
            '"People told us they wanted the doors open when they are not at work," Okonjo said.',
        ]
        assert [item.kind for item in json_article.boilerplate] == ["photo caption", "promo"]

    def test_raw_text_is_the_json_as_received(self, json_article):
        assert json_article.raw_text == (ARTICLES / "juniper-library-levy.json").read_text("utf-8")

    def test_text_instead_of_body_and_a_plain_date(self):
        json = '{"text": "The council voted on Tuesday.", "published": "2024-05-01"}'
        article = read(json, "pool.json")
        assert article.body == "The council voted on Tuesday."
        assert article.published == date(2024, 5, 1)

    def test_a_stated_dateline_wins_and_null_fields_are_absent(self):
        article = read(
            '{"body": "The council voted on Tuesday.", "dateline": "MILLTOWN, Vt.",'
            ' "author": null, "outlet": null, "published": null}',
            "pool.json",
        )
        assert article.dateline == "MILLTOWN, Vt."
        assert (article.author, article.outlet_cues, article.published) == ("", (), None)

    def test_a_heading_above_the_text_is_recorded_when_the_headline_is_stated(self):
        json = (
            '{"headline": "Council closes the pool", "body": "Pool vote\\n\\nThe council voted."}'
        )
        article = read(json, "pool.json")
        assert (article.headline, article.body) == ("Council closes the pool", "The council voted.")
        assert [(item.kind, item.text) for item in article.boilerplate] == [
            ("heading above the text", "Pool vote")
        ]


class TestTypeByContent:
    def test_suffixes_the_importer_searches_for(self):
        assert set(SUPPORTED_SUFFIXES) == {".txt", ".html", ".htm", ".json"}

    def test_a_page_saved_as_txt_is_read_as_html(self):
        article = read_fixture("lantern-ferry-ramp.html", as_name="ferry.txt")
        assert article.headline == "Storm damage shuts Alder Bay ferry ramp for eight weeks"
        assert "<p>" not in article.body and "Obituaries" not in article.body

    def test_a_page_behind_a_byte_order_mark_and_comments(self):
        html = "\ufeff\n<!-- saved from url=(0030)http://example.com/ -->\n" + page(STORY)
        assert read(html, "pool.htm").body.startswith("The council voted")

    def test_an_xhtml_page_with_an_xml_declaration(self):
        html = '<?xml version="1.0" encoding="utf-8"?>\n' + page(STORY)
        assert read(html, "pool.html").body.startswith("The council voted")

    def test_json_saved_as_txt_is_read_as_json(self):
        article = read('{"body": "The council voted on Tuesday.", "author": "Sam Lee"}', "a.txt")
        assert (article.body, article.author) == ("The council voted on Tuesday.", "Sam Lee")

    def test_plain_text_saved_as_html_is_read_as_text(self):
        article = read("date 2024-05-01\nThe council voted on Tuesday.", "pool.html")
        assert (article.body, article.published) == (
            "The council voted on Tuesday.",
            date(2024, 5, 1),
        )

    def test_text_that_opens_with_a_brace_is_text_unless_it_is_json(self):
        article = read("{Updated} The council voted on Tuesday.", "pool.txt")
        assert article.body == "{Updated} The council voted on Tuesday."

    @pytest.mark.parametrize("name", ["photo.html", "photo.json", "photo.htm"])
    def test_binary_data_is_refused_whatever_its_name(self, name):
        with pytest.raises(IngestError, match="binary data"):
            read(b"\x89PNG\r\n\x1a\n\x00\x00", name)

    def test_other_suffixes_are_still_refused(self):
        with pytest.raises(IngestError, match=r"unsupported file type '\.xml'"):
            read(page(STORY), "pool.xml")


class TestRefused:
    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("broken.json", "not valid JSON: Expecting ',' delimiter at line 4, column 3"),
            (
                "bad-date.json",
                'the JSON "published" is not a date (YYYY-MM-DD, an ISO 8601 time or an '
                """RFC 2822 date such as "Tue, 05 Mar 2024 14:30:00 GMT"): 'last Tuesday'""",
            ),
            (
                "lantern-section-front.html",
                "no article text found in the HTML: its 27 words are menus, links and labels, "
                "not an article (no paragraph of sentences)",
            ),  # a section front: headlines, links and labels, and 27 words of them
        ],
    )
    def test_fixtures(self, name, message):
        assert refusal((ARTICLES / name).read_bytes(), name) == message

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ('[{"body": "Voted."}]', 'a JSON article is one object with a "body", not an array'),
            ('"Voted."', 'a JSON article is one object with a "body", not a string'),
            (
                '{"headline": "Pool to close"}',
                'the JSON has no article text: none of "body", "text", "articleBody" is there',
            ),
            ('{"body": " \\n "}', 'the JSON "body" is empty'),
            ('{"text": 42}', 'the JSON "text" must be a string, not a number'),
            (
                '{"body": "Voted.", "author": ["Sam Lee", 7]}',
                'the JSON "author" must be a name, a list of names or schema.org Person objects, '
                "not a number in a list",
            ),
            ('{"body": "Voted.", "headline": true}', '"headline" must be a string, not true/false'),
            ('{"body": "Voted.", "published": "2025-02-30"}', '"published" is not a date'),
            ('{"body": "Voted.", "published": "2025-04"}', '"published" is not a date'),
            ('{"body": "Voted.", "published": "04/02/2025"}', '"published" is not a date'),
            ('{"body": "Voted.", "url": "ftp://example.com/a"}', '"url" is not a web address'),
            ('{"body": "Voted.", "url": "www.example.com/a"}', '"url" is not a web address'),
            ("[" * 100_000, "nested too deeply"),
            ("<!doctype html><p>Voted.</p>", "not valid JSON: Expecting value at line 1, column 1"),
        ],
    )
    def test_json(self, data, message):
        assert message in refusal(data, "article.json")

    @pytest.mark.parametrize(
        "html",
        [
            page(""),
            page("<script>var story = 'The council voted on Tuesday.';</script>"),
            page("<style>p { color: red; }</style>"),
            "<html><<<>>>&&&",
        ],
    )
    def test_a_page_with_no_text_is_refused_as_empty(self, html):
        assert refusal(html, "page.html") == "no article text found in the HTML: the page is empty"

    def test_a_page_of_links_is_refused_as_not_an_article(self):
        html = page("<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>")
        assert refusal(html, "page.html") == (
            "no article text found in the HTML: its 2 words are menus, links and labels, "
            "not an article (no paragraph of sentences)"
        )
