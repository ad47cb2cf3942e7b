"""manage.py evaluate_extraction: scores a folder of saved pages against hand-checked text,
on pages of our own (no benchmark page is in the repository)."""

import gzip
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.evaluation import page_headlines, shingle_counts, shingle_f1, token_f1

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


def figures(output: str) -> dict[str, str]:
    return {
        match["name"]: match["value"]
        for match in re.finditer(r"^  (?P<name>[a-z].*?)\s{2,}(?P<value>\S+)", output, re.M)
    }


@pytest.fixture
def folder(tmp_path) -> Path:
    """Three saved pages of ours, one gzipped as the benchmark stores them, with their truth."""
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(ARTICLES / "wire-copy-on-newspaper.html", pages / "wire.html")
    (pages / "lantern.html.gz").write_bytes(
        gzip.compress((ARTICLES / "lantern-ferry-ramp.html").read_bytes())
    )
    shutil.copy(ARTICLES / "lantern-section-front.html", pages / "front.html")
    wire_text = (
        "SALEM, Ore. (AP) — Deckhands and ticket agents on the state's coastal ferries voted "
        "Tuesday to strike at three ports next month unless the operator raises wages, their "
        "union said.\nThe vote was 412 to 37, according to the Inland Boatmen's Union, which "
        "represents about 500 ferry workers. The strike would begin July 8 at Astoria, Newport "
        'and Coos Bay.\n"Our members have worked two summers without a raise while fares went '
        'up twice," said union president Marta Ilves. "They are done waiting."\nThe operator, '
        "Coastal Ferry Lines, said it had offered a 4% raise over two years and would keep "
        "bargaining. It carried 1.9 million passengers last year."
    )
    truth = {
        "wire": {"articleBody": wire_text, "url": "https://www.rivertontribune.example/x"},
        "lantern": {
            "articleBody": "The north ramp of the Alder Bay ferry terminal will stay closed.",
            "url": "https://www.alderbaylantern.example/news/2025/03/18/ferry-ramp-closed",
            "outlet": "The Alder Bay Lantern",
        },
        "front": {"articleBody": "A section front has no article.", "url": ""},
        "absent": {"articleBody": "Not saved.", "url": ""},
    }
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    (tmp_path / "outlets.json").write_text(json.dumps({"wire": ["Associated Press", "AP"]}))
    return tmp_path


def evaluate(*args) -> str:
    out = io.StringIO()
    call_command("evaluate_extraction", *map(str, args), stdout=out)
    return out.getvalue()


class TestCommand:
    def test_figures_for_a_folder(self, folder):
        output = evaluate(
            folder / "pages", "--truth", folder / "truth.json", "--outlets", folder / "outlets.json"
        )
        found = figures(output)
        assert found["pages"] == "3"
        assert found["refused"] == "1"  # the section front, counted as 0
        assert found["outlet name right"] == "1.000"  # AP for the wire copy, the Lantern
        assert found["outlets judged"] == "2"
        assert found["headline right"] == "0.667"  # the refused page has none
        assert found["pages stored as markup"] == "0"
        assert found["pages cut short by our rules"] == "0"
        assert "1 pages of the truth file are not in the folder" in output

    def test_each_page_scored_on_its_own_and_refusals_as_zero(self, folder):
        output = evaluate(folder / "pages", "--truth", folder / "truth.json", "--show", "3")
        scores = dict(re.findall(r"^  (\d\.\d{3}) (\w+) ", output, re.M)[::-1])
        assert scores["1.000"] == "wire"  # its body is exactly the hand-checked text
        assert re.search(r"^  0\.000 front ", output, re.M)
        mean = float(figures(output)["body token F1"])
        assert 1 / 3 < mean < 2 / 3  # one page whole, one refused, one padded

    def test_the_worst_pages_are_listed_on_request(self, folder):
        output = evaluate(folder / "pages", "--truth", folder / "truth.json", "--show", "1")
        assert re.search(r"0\.000 front .*refused: no article text found in the HTML", output)
        assert "wire" not in output.split("body token F1")[-1]

    def test_the_trafilatura_baseline(self, folder):
        output = evaluate(folder / "pages", "--truth", folder / "truth.json", "--baseline")
        assert output.startswith("plain trafilatura")

    @pytest.mark.parametrize(
        ("setup", "message"),
        [
            (lambda tmp: ("nope", tmp / "truth.json"), "nope: no such folder"),
            (lambda tmp: (tmp, tmp / "missing.json"), "missing.json: No such file"),
            (lambda tmp: (tmp, tmp / "bad.json"), "the ground truth is not valid JSON"),
            (lambda tmp: (tmp, tmp / "list.json"), "must be one JSON object keyed by page id"),
            (lambda tmp: (tmp, tmp / "truth.json"), "none of the 1 pages of the truth file"),
        ],
    )
    def test_bad_input_is_a_clear_error(self, tmp_path, setup, message):
        (tmp_path / "bad.json").write_text("{")
        (tmp_path / "list.json").write_text("[]")
        (tmp_path / "truth.json").write_text('{"x": {"articleBody": "text"}}')
        folder, truth = setup(tmp_path)
        with pytest.raises(CommandError, match=re.escape(message)):
            evaluate(folder, "--truth", truth)


class TestMeasures:
    def test_token_f1(self):
        assert token_f1("a b c d", "a b c d") == (1.0, 1.0, 1.0)
        precision, recall, f1 = token_f1("a b c d", "a b x y")
        assert (precision, recall) == (0.5, 0.5) and f1 == 0.5
        assert token_f1("a b", "") == (0.0, 0.0, 0.0)

    def test_the_benchmarks_shingle_f1(self):
        same = shingle_counts("one two three four five", "one two three four five")
        assert shingle_f1([same]) == 1.0
        half = shingle_counts("one two three four five six", "one two three four")
        assert 0 < shingle_f1([half]) < 1

    def test_the_headline_without_the_sites_name_is_the_headline(self):
        page = (
            '<html><head><meta property="og:title" content="Pool closes | Milltown Courier">'
            "</head><body><h1>Pool closes for summer</h1></body></html>"
        )
        forms = page_headlines(page, site_names=["Milltown Courier"], url="")
        assert forms == {"pool closes", "pool closes for summer"}
        assert "pool closes | milltown courier" not in forms
