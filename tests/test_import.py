"""python manage.py import_articles: seeds, idempotency, bad input, atomicity."""

import io
import os
import shutil
import signal
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from articles.models import Article, Outlet

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


def run_import(*paths, outlet=""):
    """Run the command; return (stdout, stderr, error or None)."""
    out, err = io.StringIO(), io.StringIO()
    args = [str(path) for path in paths] + (["--outlet", outlet] if outlet else [])
    try:
        call_command("import_articles", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def database_rows() -> tuple:
    return (
        sorted(Article.objects.values_list("content_hash", "outlet__name", "body")),
        sorted(Outlet.objects.values_list("name", flat=True)),
    )


class TestSeeds:
    def test_every_seed_is_imported_with_outlet_date_and_dateline(self, seed_files):
        out, _, error = run_import(seed_files[0].parent)
        assert error is None
        assert "imported 5, unchanged 0, failed 0" in out
        found = {
            article.source: (article.outlet.name, article.published, article.dateline)
            for article in Article.objects.select_related("outlet")
        }
        assert found == {
            "000_921e098517894b9e.txt": ("ABC7 News", date(2023, 10, 4), "WALNUT CREEK, Calif."),
            "001_48d556192f35b1e5.txt": ("ABC News", date(2023, 10, 4), "NEW YORK"),
            "002_683dffec59696a88.txt": ("Unknown outlet", date(2023, 10, 4), ""),
            # It names only its web address ("stories at Scrippsnews.com"): an address is
            # no outlet's name, so it waits for an outlet that has that domain.
            "003_439701b41b7789d8.txt": ("Unknown outlet", None, ""),
            "004_0ca62b3a39868fcc.txt": ("Unknown outlet", None, "SAN FRANCISCO"),
        }

    def test_raw_text_is_kept_exactly_and_boilerplate_only_there(self, seed_files):
        run_import(*seed_files)
        for path in seed_files:
            article = Article.objects.get(source=path.name)
            assert article.raw_text == path.read_text(encoding="utf-8")
            for removed in article.boilerplate:
                assert removed["text"] not in article.body
        abc7 = Article.objects.get(source="000_921e098517894b9e.txt")
        assert "RELATED:" not in abc7.body and "RELATED:" in abc7.raw_text
        assert "ABC7 News app" not in abc7.body

    def test_unknown_outlet_is_one_row_an_admin_can_correct(self, seed_files):
        run_import(*seed_files)
        unknown = Outlet.objects.get(is_unknown=True)
        assert unknown.articles.count() == 3

    def test_reimport_changes_nothing(self, seed_files):
        run_import(*seed_files)
        before = database_rows()
        out, _, error = run_import(*seed_files)
        assert error is None
        assert "imported 0, unchanged 5, failed 0" in out
        assert database_rows() == before

    def test_outlet_option_overrides_the_text(self, seed_files):
        run_import(seed_files[2], outlet="Axios Denver")
        assert Article.objects.get().outlet.name == "Axios Denver"

    def test_many_files_show_progress(self, seed_files):
        out, _, _ = run_import(*seed_files)
        assert "[" in out and "] 5/5 004_0ca62b3a39868fcc.txt: imported" in out

    def test_known_outlet_is_reused_by_domain(self, seed_files):
        Outlet.objects.create(name="Scripps News", slug="scripps-news").domains.create(
            domain="scrippsnews.com"
        )
        run_import(seed_files[3])
        assert Article.objects.get().outlet.name == "Scripps News"


class TestHtmlAndJson:
    @pytest.fixture
    def folder(self, tmp_path) -> Path:
        for name in ("lantern-ferry-ramp.html", "juniper-library-levy.json"):
            shutil.copy(ARTICLES / name, tmp_path / name)
        return tmp_path

    def test_a_folder_of_pages_and_json_is_imported_with_its_metadata(self, folder):
        out, _, error = run_import(folder)
        assert error is None
        assert "imported 2, unchanged 0, failed 0" in out
        found = {
            article.source: (
                article.outlet.name,
                list(article.outlet.domains.values_list("domain", flat=True)),
                article.headline,
                article.published,
                article.author,
                article.dateline,
            )
            for article in Article.objects.select_related("outlet")
        }
        assert found == {
            "lantern-ferry-ramp.html": (
                "The Alder Bay Lantern",
                ["alderbaylantern.example"],
                "Storm damage shuts Alder Bay ferry ramp for eight weeks",
                date(2025, 3, 18),
                "Priya Castellanos",
                "ALDER BAY, Ore.",
            ),
            "juniper-library-levy.json": (
                "Juniper Valley Record",
                ["juniperrecord.example"],
                "Voters back a bigger library levy in Cedar Forks",
                date(2025, 4, 2),
                "Dmitri Halvorsen",
                "CEDAR FORKS, Mont.",
            ),
        }

    def test_the_page_is_kept_as_received_and_its_furniture_only_there(self, folder):
        run_import(folder)
        article = Article.objects.get(source="lantern-ferry-ramp.html")
        assert article.raw_text == (folder / "lantern-ferry-ramp.html").read_text("utf-8")
        assert "<p>" not in article.body and "Related stories" not in article.body
        assert article.boilerplate and all(
            removed["text"] not in article.body for removed in article.boilerplate
        )

    def test_reimport_changes_nothing(self, folder):
        run_import(folder)
        before = database_rows()
        out, _, error = run_import(folder)
        assert error is None
        assert "imported 0, unchanged 2, failed 0" in out
        assert database_rows() == before

    def test_a_known_outlet_is_found_by_the_page_domain(self, folder):
        Outlet.objects.create(name="Lantern", slug="lantern").domains.create(
            domain="alderbaylantern.example"
        )
        page = (folder / "lantern-ferry-ramp.html").read_text()
        nameless = folder / "nameless.html"  # the same page without the name it gives itself
        nameless.write_text(
            page.replace('<meta property="og:site_name" content="The Alder Bay Lantern">', "")
            .replace(
                '"publisher": {"@type": "NewsMediaOrganization", "name": "The Alder Bay Lantern"}',
                '"x": 1',
            )
            .replace(" | The Alder Bay Lantern</title>", "</title>")
        )
        run_import(nameless)
        assert Article.objects.get().outlet.name == "Lantern"

    @pytest.mark.parametrize(
        ("name", "reason"),
        [
            ("broken.json", "not valid JSON: Expecting ',' delimiter at line 4, column 3"),
            ("bad-date.json", 'the JSON "published" is not a date'),
            ("lantern-section-front.html", "no article text found in the HTML"),
        ],
    )
    def test_a_bad_file_is_named_with_its_reason(self, name, reason):
        out, err, error = run_import(ARTICLES / name)
        assert error is not None
        (line,) = err.splitlines()
        assert line.startswith(f"error: {ARTICLES / name}: {reason}")
        assert "imported 0, unchanged 0, failed 1" in out
        assert database_rows() == ([], [])


class TestBadInput:
    @pytest.mark.parametrize(
        ("filename", "data", "reason"),
        [
            ("empty.txt", b"", "file is empty"),
            ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
            ("latin1.txt", "Zürich".encode("latin-1"), "not valid UTF-8"),
            ("big.txt", b"a" * 2048, "too large"),
        ],
    )
    def test_bad_file_is_named_and_nothing_is_written(
        self, tmp_path, settings, filename, data, reason
    ):
        settings.ARTICLE_MAX_BYTES = 1024
        path = tmp_path / filename
        path.write_bytes(data)
        out, err, error = run_import(path)
        assert error is not None
        (line,) = err.splitlines()
        assert line.startswith(f"error: {path}: ")
        assert reason in line
        assert "imported 0, unchanged 0, failed 1" in out
        assert database_rows() == ([], [])

    def test_a_byte_order_mark_alone_is_an_empty_file(self, tmp_path):
        path = tmp_path / "bom.txt"
        path.write_bytes(b"\xef\xbb\xbf")
        _, err, error = run_import(path)
        assert error is not None
        assert f"error: {path}: file is empty (it holds only a byte-order mark)" in err
        assert database_rows() == ([], [])

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
    @pytest.mark.parametrize("given", ["the pipe", "its folder"])
    def test_a_named_pipe_is_refused_without_waiting_for_it(self, tmp_path, seed_files, given):
        pipe = tmp_path / "story.txt"
        os.mkfifo(pipe)
        shutil.copy(seed_files[0], tmp_path / seed_files[0].name)
        paths = [pipe, seed_files[0]] if given == "the pipe" else [tmp_path]

        def blocked(signum, frame):
            raise TimeoutError("the importer waited on a named pipe")

        previous = signal.signal(signal.SIGALRM, blocked)
        signal.alarm(30)
        try:
            out, err, error = run_import(*paths)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        assert error is not None
        assert f"error: {pipe}: not a regular file (a named pipe, socket or device)" in err
        assert "imported 1, unchanged 0, failed 1" in out

    def test_missing_path(self, tmp_path):
        _, err, error = run_import(tmp_path / "nope.txt")
        assert error is not None
        assert f"error: {tmp_path / 'nope.txt'}: no such file or folder" in err

    def test_folder_with_nothing_to_import(self, tmp_path):
        (tmp_path / "notes.md").write_text("hello")
        _, err, error = run_import(tmp_path)
        assert error is not None
        assert f"error: {tmp_path}: folder has no files to import" in err

    def test_good_files_are_kept_when_another_fails(self, tmp_path, seed_files):
        bad = tmp_path / "bad.txt"
        bad.write_bytes(b"")
        out, err, error = run_import(seed_files[0], bad)
        assert error is not None
        assert f"error: {bad}: file is empty" in err
        assert "imported 1, unchanged 0, failed 1" in out
        assert Article.objects.count() == 1

    def test_a_failure_while_writing_leaves_no_half_written_rows(self, seed_files):
        with mock.patch.object(Article.objects, "create", side_effect=DatabaseError("disk full")):
            _, err, error = run_import(seed_files[0])
        assert error is not None
        assert "disk full" in err
        assert database_rows() == ([], [])  # the new outlet was rolled back too
