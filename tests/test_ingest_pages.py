"""Real pages in, or a clear refusal: charsets, pages that open with <style>, table layouts,
languages without spaces, page code, the publication date and the site's name
(pure Python, no database; every page is our own)."""

from datetime import date
from pathlib import Path

import pytest

from articles.ingest import IngestError, read_article
from articles.ingest.outlets import NameSource, clean_outlet_name, site_name
from articles.ingest.parsed import STATED

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
STORY = (
    "<p>The council voted on Tuesday to close the pool for the summer.</p>"
    "<p>It opens again in May, the clerk said after the meeting.</p>"
)


def read(data: bytes | str, name: str = "page.html"):
    data = data.encode() if isinstance(data, str) else data
    return read_article(data, name=name, max_bytes=200_000)


def fixture(name: str):
    return read((ARTICLES / name).read_bytes(), name)


def refusal(data: bytes | str, name: str = "page.html") -> str:
    with pytest.raises(IngestError) as refused:
        read(data, name)
    return str(refused.value)


class TestCharsets:
    def test_a_page_that_declares_its_charset_is_read_in_it(self):
        article = fixture("windows-1251.html")
        assert article.headline == "Городской совет закрыл бассейн на лето"
        assert article.body.startswith("Городской совет во вторник проголосовал")

    def test_text_without_a_declaration_is_read_when_the_detector_is_sure(self):
        text = (
            "Le conseil municipal a voté mardi la fermeture de la piscine pour l'été.\n\n"
            "Elle rouvrira en mai, a précisé le greffier après la réunion du conseil."
        )
        article = read(text.encode("cp1252"), "piscine.txt")
        assert article.body == text

    def test_too_little_text_to_tell_its_encoding_is_refused(self):
        message = refusal("Zürich".encode("latin-1"), "short.txt")
        assert message.startswith("file is not valid UTF-8 (bad byte at offset 1)")
        assert "its encoding cannot be told" in message

    def test_utf8_wins_over_a_stale_declaration(self):
        page = f'<html><head><meta charset="windows-1251"></head><body>{STORY}</body></html>'
        article = read(page.replace("pool", "pool café"))
        assert "pool café" in article.body

    @pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])
    def test_a_byte_order_mark_alone_is_an_empty_file(self, data):
        assert refusal(data, "empty.txt") == "file is empty (it holds only a byte-order mark)"

    def test_a_byte_order_mark_and_blanks_are_an_empty_file(self):
        assert refusal(b"\xef\xbb\xbf \n\n", "empty.txt") == "file is empty"

    def test_utf16_with_its_mark_is_read(self):
        article = read("The council voted on Tuesday.".encode("utf-16"), "memo.txt")
        assert article.body == "The council voted on Tuesday."


class TestPageShapes:
    def test_a_page_that_opens_with_a_style_sheet_is_html(self):
        article = fixture("style-first.html")
        assert article.headline == "Library opens on Sundays again"
        assert article.body.startswith("The main branch of the Cedar Forks library")
        assert "{" not in article.body and "font-family" not in article.body
        assert "analytics" not in article.body

    @pytest.mark.parametrize(
        "opening",
        ["<script>var x = 1;</script>", "<noscript>Turn on JavaScript</noscript>", "<link rel=x>"],
    )
    def test_other_openings_of_a_page(self, opening):
        assert read(opening + STORY, "page.txt").body.startswith("The council voted")

    def test_a_table_layout_reads_as_paragraphs(self):
        article = fixture("table-layout.html")
        paragraphs = article.body.split("\n\n")
        assert paragraphs[0].startswith("Dredging of the harbor's north channel will start")
        assert paragraphs[-1].startswith("The $6.4 million project")
        assert len(paragraphs) == 4
        assert article.author == "Ines Moreau"
        assert "Archive" not in article.body  # the left-hand column of links
        assert {item.kind for item in article.boilerplate} == {"byline", "navigation"}

    def test_a_language_written_without_spaces(self):
        article = fixture("japanese.html")
        assert article.headline == "港の橋、来月から補修工事"
        assert article.body.startswith("市は十五日、港にかかる青葉橋の補修工事")
        assert len(article.body.split("\n\n")) == 3
        assert article.outlet_cues[0].name == "みなと日報"

    def test_page_code_in_the_text_is_taken_out_not_stored(self):
        css = ".story p { line-height: 1.6; color: #222; } .nav a { padding: 0 .5rem; }"
        article = read(f"<html><body><p>{css}</p>{STORY}</body></html>")
        assert "{" not in article.body
        assert [(item.kind, item.text) for item in article.boilerplate] == [("page code", css)]

    def test_a_text_file_of_page_code_is_refused_as_such(self):
        css = "body { margin: 0; color: #222; }\n.story p { line-height: 1.6; font-size: 18px; }"
        assert refusal(css, "styles.txt") == (
            "no article text: it is page code (markup, style sheets or script), not an article"
        )


class TestPublicationDate:
    def test_the_fact_checks_own_date_not_the_claims_nor_the_revision_nor_a_sidebar(self):
        assert fixture("fact-check-dates.html").published == date(2025, 5, 14)

    def test_the_publication_date_not_the_revision(self):
        assert fixture("wire-copy-on-newspaper.html").published == date(2025, 6, 11)

    def test_publication_tags_win_over_a_sidebar_time(self):
        page = (
            '<html><head><meta property="article:published_time" content="2024-06-02">'
            "</head><body><aside><time datetime='2023-01-09'>Jan 9</time></aside>"
            f"<article>{STORY}</article></body></html>"
        )
        assert read(page).published == date(2024, 6, 2)


class TestHeadlineAndSite:
    def test_the_headline_without_the_sites_name(self):
        page = (
            "<html><head><title>Pool to close for summer | Milltown Courier</title>"
            '<meta property="og:site_name" content="Milltown Courier"></head>'
            f"<body>{STORY}</body></html>"
        )
        article = read(page)
        assert article.headline == "Pool to close for summer"
        assert article.outlet_cues[0] == type(article.outlet_cues[0])(
            "Milltown Courier", "", STATED
        )

    def test_json_ld_in_a_graph_names_the_publisher(self):
        article = fixture("wire-copy-on-newspaper.html")
        assert article.headline == "Ferry union votes to strike at three ports"
        assert article.url == "https://www.rivertontribune.example/news/ferry-union-strike"

    def test_wire_copy_is_the_agencys_and_the_site_is_where_it_ran(self):
        article = fixture("wire-copy-on-newspaper.html")
        assert article.outlet_cues[0].name == "Associated Press"
        assert article.via == "Riverton Tribune"
        kinds = {item.kind for item in article.boilerplate}
        assert {"wire footer", "coverage link", "copyright line"} <= kinds
        assert "contributed to this report" not in article.body
        assert "may not be published" not in article.body
        assert article.body.startswith("SALEM, Ore. (AP) — Deckhands")

    def test_the_agencys_own_site_carries_no_one_elses_copy(self):
        page = (
            '<html><head><meta property="og:site_name" content="Hosted">'
            '<link rel="canonical" href="https://hosted.ap.example/story"></head><body>'
            "<p>WASHINGTON (AP) — The Senate voted on Tuesday to keep the pool open.</p>"
            "<p>It opens again in May, the clerk said after the meeting.</p></body></html>"
        )
        article = read(page)
        assert (article.outlet_cues[0].name, article.via) == ("Associated Press", "")

    def test_a_site_that_states_its_own_name_is_not_syndicated(self):
        article = fixture("lantern-ferry-ramp.html")
        assert (article.outlet_cues[0].name, article.via) == ("The Alder Bay Lantern", "")


class TestMoreStoriesInAPage:
    def test_a_most_read_list_mid_article_does_not_end_it(self):
        article = fixture("mid-article-most-read.html")
        assert "Dana Kovac said crews and four helicopters" in article.body
        assert article.body.endswith(
            "Click here to read the full evacuation order, which lists every property by address."
        )
        assert "Rail strike talks resume" not in article.body
        assert "bakery" not in article.body
        assert [item.kind for item in article.boilerplate] == ["more stories block"] * 2


class TestOutletNames:
    @pytest.mark.parametrize(
        ("text", "name"),
        [
            ("Copyright 2024 Reuters. All rights reserved.", "Reuters"),
            ("Reuters. All", "Reuters"),
            ("Copyright 2014", ""),
            ("https://www.newsnation.in", ""),
            ("@nytimes", ""),
            ("nj", ""),
            ("LinkNaija | Nigeria's popular news platform", ""),
            ("News, sport and opinion from the Guardian's US edition", ""),
            ("NYP Holdings, Inc.", "NYP Holdings"),
            ("cleveland.com", "cleveland.com"),
        ],
    )
    def test_names_that_are_names(self, text, name):
        assert clean_outlet_name(text) == name

    @pytest.mark.parametrize(
        ("sources", "domain", "name"),
        [
            ([("WSJ", 3), ("Wall Street Journal", 3)], "wsj.com", "Wall Street Journal"),
            ([("NYTimes", 2), ("The New York Times", 2)], "nytimes.com", "The New York Times"),
            ([("TheHill", 3), ("The Hill", 3)], "thehill.com", "The Hill"),
            ([("usatoday", 3), ("USA TODAY", 3)], "usatoday.com", "USA TODAY"),
            ([("U.S.", 3), ("Reuters", 2)], "reuters.com", "Reuters"),
            ([("LinkNaija | Nigeria's popular news platform", 3)], "linknaija.com", "LinkNaija"),
            ([("my6sense", 3)], "my6sense.com", "my6sense"),
            ([("nj", 3)], "example.com", ""),
        ],
    )  # fmt: skip
    def test_the_name_the_page_gives_itself(self, sources, domain, name):
        assert site_name([NameSource(text, weight) for text, weight in sources], domain) == name

    def test_a_slogan_loses_to_a_name_the_domain_spells(self):
        sources = [
            NameSource("Expert how-to for English Riders", 3),
            NameSource("Practical Horseman", 1, only_if_spelled=True),
        ]
        assert site_name(sources, "practicalhorsemanmag.com") == "Practical Horseman"
