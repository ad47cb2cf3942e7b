"""Reading received files into clean articles (pure Python, no database)."""

import subprocess
import sys
from datetime import date

import pytest

from articles.ingest import IngestError, find_outlet_cues, read_article


def parse(text: str | bytes, name: str = "story.txt"):
    data = text.encode() if isinstance(text, str) else text
    return read_article(data, name=name, max_bytes=100_000)


class TestSeeds:
    @pytest.mark.parametrize(
        ("name", "published", "dateline"),
        [
            ("000_921e098517894b9e.txt", date(2023, 10, 4), "WALNUT CREEK, Calif."),
            ("001_48d556192f35b1e5.txt", date(2023, 10, 4), "NEW YORK"),
            ("002_683dffec59696a88.txt", date(2023, 10, 4), ""),
            ("003_439701b41b7789d8.txt", None, ""),
            ("004_0ca62b3a39868fcc.txt", None, "SAN FRANCISCO"),
        ],
    )
    def test_date_and_dateline(self, seed_files, name, published, dateline):
        (path,) = [path for path in seed_files if path.name == name]
        article = read_article(path.read_bytes(), name=name, max_bytes=100_000)
        assert article.published == published
        assert article.dateline == dateline
        assert article.raw_text == path.read_text(encoding="utf-8")

    @pytest.mark.parametrize(
        ("name", "furniture", "kind"),
        [
            ("000_921e098517894b9e.txt", "RELATED: Kaiser strike", "promo"),
            ("000_921e098517894b9e.txt", "MORE: Gov. Newsom", "promo"),
            ("000_921e098517894b9e.txt", "click here to watch live", "app prompt"),
            ("000_921e098517894b9e.txt", "but it wasn't enough to stop what's now the biggest",
             "lead-in before the dateline"),
            ("001_48d556192f35b1e5.txt", "pablohart/Getty Images", "photo credit"),
            ("002_683dffec59696a88.txt", "Photo: Chet Strange", "photo caption"),
            ("003_439701b41b7789d8.txt", "SEE MORE: SAG-AFTRA", "promo"),
            ("003_439701b41b7789d8.txt", "Trending stories at", "more stories block"),
            ("003_439701b41b7789d8.txt", "Baltimore police report", "more stories block"),
        ],
    )  # fmt: skip
    def test_furniture_leaves_the_body_but_stays_in_the_raw_text(
        self, seed_files, name, furniture, kind
    ):
        (path,) = [path for path in seed_files if path.name == name]
        article = read_article(path.read_bytes(), name=name, max_bytes=100_000)
        assert furniture not in article.body
        assert furniture in article.raw_text
        assert any(item.kind == kind and furniture in item.text for item in article.boilerplate)

    def test_date_header_is_not_body_text(self, seed_files):
        for path in seed_files:
            article = read_article(path.read_bytes(), name=path.name, max_bytes=100_000)
            assert not article.body.lstrip().startswith("date ")

    def test_article_text_survives(self, seed_files):
        bodies = {
            path.name: read_article(path.read_bytes(), name=path.name, max_bytes=100_000).body
            for path in seed_files
        }
        assert (
            "People are encouraged to schedule appointments online"
            in bodies["004_0ca62b3a39868fcc.txt"]
        )  # mentions an app, but is article text
        assert bodies["002_683dffec59696a88.txt"].startswith("Thousands of Kaiser Permanente")
        assert bodies["003_439701b41b7789d8.txt"].endswith("may close.")


class TestUnseenShapes:
    def test_wire_dateline_names_the_agency(self):
        article = parse("LONDON (Reuters) - Ministers met on Tuesday.\n\nThey agreed.")
        assert article.dateline == "LONDON"
        assert article.outlet_cues[0].name == "Reuters"

    def test_hard_wrapped_paragraphs_are_joined(self):
        article = parse(
            "The council voted 7-2\non Tuesday to close the pool.\n\nIt opens again in May."
        )
        assert (
            article.body
            == "The council voted 7-2 on Tuesday to close the pool.\n\nIt opens again in May."
        )

    def test_a_short_unpunctuated_opening_line_is_the_headline(self):
        article = parse("Council votes to close the pool\nThe council voted 7-2 on Tuesday.")
        assert article.headline == "Council votes to close the pool"
        assert article.body == "The council voted 7-2 on Tuesday."

    def test_headline_above_a_dateline(self):
        article = parse("Pool to close\n\nMILLTOWN, Vt. — The council voted on Tuesday.")
        assert article.headline == "Pool to close"
        assert article.dateline == "MILLTOWN, Vt."
        assert article.body.startswith("MILLTOWN, Vt. — The council")

    def test_capitalised_words_before_a_dash_are_not_a_dateline(self):
        article = parse("Kaiser - the largest provider - said on Tuesday it would close.")
        assert article.dateline == ""

    @pytest.mark.parametrize(
        "furniture",
        [
            "READ MORE: Ten things to know about the vote",
            "Related: How the council got here",
            "Photo by Sam Lee for The Courier",
            "(AP Photo/Jo Smith)",
            "Download the Courier app for breaking news alerts",
            "Sign up for our morning newsletter",
        ],
    )
    def test_page_furniture_is_removed(self, furniture):
        article = parse(f"The council voted on Tuesday.\n\n{furniture}\n\nIt opens in May.")
        assert furniture not in article.body
        assert article.body == "The council voted on Tuesday.\n\nIt opens in May."

    def test_copyright_line_names_the_outlet(self):
        article = parse("The council voted on Tuesday.\n\n© 2024 Milltown Courier")
        assert "Milltown Courier" in [cue.name for cue in article.outlet_cues]

    def test_a_statement_given_to_a_newsroom_is_a_weaker_cue(self):
        (cue,) = find_outlet_cues(
            "The mayor said in a statement to Milltown News that it was fine."
        )
        assert (cue.name, cue.strength) == ("Milltown News", 1)

    def test_telling_people_who_are_not_newsrooms_is_no_cue(self):
        assert find_outlet_cues("She told Congress and told reporters it was fine.") == ()

    def test_crlf_line_endings(self):
        article = parse(b"date 2024-05-01\r\nThe council voted.\r\n\r\nIt opens in May.\r\n")
        assert article.published == date(2024, 5, 1)
        assert article.body == "The council voted.\n\nIt opens in May."


class TestBadInput:
    @pytest.mark.parametrize(
        ("data", "name", "message"),
        [
            (b"", "empty.txt", "file is empty"),
            (b"  \n\n\t ", "blank.txt", "file is empty"),
            (b"\x89PNG\r\n\x1a\n\x00\x00", "picture.txt", "binary data (a PNG image)"),
            (b"%PDF-1.7 ...", "report.txt", "binary data (a PDF document)"),
            (b"text\x00with\x00nul", "odd.txt", "binary data (it contains NUL bytes)"),
            ("café".encode("latin-1"), "latin.txt", "not valid UTF-8 (bad byte at offset 3)"),
            (b"x" * 100_001, "huge.txt", "too large"),
            (b"date 2023-02-30 The council voted.", "bad-date.txt", "not a real date"),
            (b"The council voted.", "story.pdf", "unsupported file type '.pdf'"),
            (b"The council voted.", "README", "unsupported file type '(none)'"),
            (b"RELATED: Something else\n\nPhoto by Sam Lee", "furniture.txt", "no article text"),
        ],
    )
    def test_refused_with_a_reason(self, data, name, message):
        with pytest.raises(IngestError, match=message.replace("(", r"\(").replace(")", r"\)")):
            parse(data, name)

    def test_utf8_byte_order_mark_is_accepted(self):
        assert parse(b"\xef\xbb\xbfThe council voted.").body == "The council voted."


def test_the_importer_is_plain_python():
    """articles.ingest reads files without Django, so it can be tested and reused alone."""
    check = "import sys, articles.ingest; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
