"""The Import page: an editor pastes or uploads coverage and follows its analysis.

Most tests run analysis on Django's immediate backend (tests/conftest.py). The
ones about the worker use django-tasks-db's database backend and run its worker
here, in this process, as `manage.py db_worker --batch` would.
"""

import io
import re
from datetime import date, timedelta
from html import unescape
from importlib import import_module
from pathlib import Path
from traceback import format_exception
from unittest import mock

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError, connection
from django.tasks.base import TaskError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import services
from articles.models import Article, BatchFile, ImportBatch, failure_reason
from factcheck.models import Claim

from .conftest import DATABASE_TASKS, SEEDS, task_worker
from .factories import EditorFactory, UserFactory, ViewerFactory

DATA = Path(__file__).resolve().parent / "data" / "articles"
SEED = SEEDS / "000_921e098517894b9e.txt"
HTMX = {"HX-Request": "true"}
Outcome = BatchFile.Outcome
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"

PASTED = (
    "RIVERTON, Ore. -- About 4,200 bus drivers walked off the job on Monday, the union said.\n\n"
    "RELATED: How the last strike ended\n\n"
    '"We will stay out until we get a fair deal," said Dana Ortiz, a driver.'
)


def upload(path: Path, name: str = "") -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def text(response) -> str:
    """The response's visible text, tags out and whitespace tidied."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def import_files(client, *files, **headers):
    return client.post(reverse("import_files"), {"files": list(files)}, headers=headers)


def paste(client, **fields):
    data = {
        "text": PASTED,
        "outlet": "Riverton Tribune",
        "published": "2025-05-12",
        "headline": "Bus drivers strike",
        "url": "https://riverton-tribune.example/strike",
    }
    return client.post(reverse("import_pasted"), data | fields)


def latest_batch() -> ImportBatch:
    return ImportBatch.objects.latest("pk")


def outcomes(batch: ImportBatch) -> list[tuple[str, str, str]]:
    return list(batch.files.values_list("name", "outcome", "message"))


def batch_page(client, batch: ImportBatch, **headers):
    return client.get(reverse("import_batch", args=[batch.pk]), headers=headers)


def run_worker() -> None:
    """Run every queued task, then stop: `manage.py db_worker --batch`, in this thread."""
    task_worker(name="test-worker", batch=True, interval=0).run()


@pytest.fixture
def worker_backend(settings):
    """Tasks wait in the database until run_worker() runs them."""
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def newsroom_roles(transactional_db):
    """Tests that commit start from emptied tables: put back what the migrations made."""
    import_module("factcheck.migrations.0002_newsroom_groups").create_groups(apps, None)
    import_module("articles.migrations.0004_editors_may_import").let_editors_import(apps, None)


# --- Who may import -------------------------------------------------------------------


@pytest.mark.django_db
class TestAccess:
    def test_anonymous_visitors_are_sent_to_log_in(self, client):
        response = client.get(reverse("import_page"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    @pytest.mark.parametrize(
        ("method", "name", "args"),
        [
            ("get", "import_page", []),
            ("post", "import_pasted", []),
            ("post", "import_files", []),
            ("get", "import_batch", ["batch"]),
            ("post", "run_batch_analysis", ["batch"]),
        ],
    )
    def test_viewers_are_refused(self, client, method, name, args):
        batch = ImportBatch.objects.create(editor=EditorFactory())
        client.force_login(ViewerFactory())
        url = reverse(name, args=[batch.pk for _ in args])
        response = getattr(client, method)(url, {"text": PASTED})
        assert response.status_code == 403
        assert Article.objects.count() == 0

    def test_a_user_without_a_group_is_refused(self, client):
        client.force_login(UserFactory())
        assert client.get(reverse("import_page")).status_code == 403

    def test_editors_find_the_page_in_the_nav_and_viewers_do_not(self, client, editor_client):
        nav_link = f'href="{reverse("import_page")}"'
        assert nav_link in editor_client.get(reverse("story_list")).content.decode()
        client.force_login(ViewerFactory())
        assert nav_link not in client.get(reverse("story_list")).content.decode()

    def test_a_post_without_the_csrf_token_is_refused(self, editor):
        client = Client(enforce_csrf_checks=True)
        client.force_login(editor)
        response = import_files(client, upload(SEED))
        assert response.status_code == 403
        assert Article.objects.count() == 0

    def test_the_page_carries_the_csrf_token_for_both_forms(self, editor_client):
        page = editor_client.get(reverse("import_page")).content.decode()
        assert page.count('name="csrfmiddlewaretoken"') >= 2  # and the logout form's


# --- Pasting ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestPaste:
    def test_pasted_text_becomes_an_article_with_the_stated_metadata(self, editor_client):
        response = paste(editor_client)

        batch = latest_batch()
        assert response.status_code == 302
        assert response.url == reverse("import_batch", args=[batch.pk])
        article = Article.objects.get()
        assert (article.outlet.name, article.published, article.headline, article.url) == (
            "Riverton Tribune",
            date(2025, 5, 12),
            "Bus drivers strike",
            "https://riverton-tribune.example/strike",
        )
        assert article.dateline == "RIVERTON, Ore."
        assert "RELATED" not in article.body and "RELATED" in article.raw_text
        assert outcomes(batch) == [("Bus drivers strike", Outcome.IMPORTED, "")]

    def test_line_breaks_arrive_as_typed_not_as_the_browser_sends_them(self, editor_client):
        paste(editor_client, text=PASTED.replace("\n", "\r\n"))
        assert "\r" not in Article.objects.get().raw_text

    def test_pasting_the_same_text_again_changes_nothing(self, editor_client):
        paste(editor_client)
        before = list(Article.objects.values_list("pk", "content_hash"))

        response = paste(editor_client, headline="Another headline")

        assert response.status_code == 302
        assert list(Article.objects.values_list("pk", "content_hash")) == before
        assert outcomes(latest_batch()) == [("Another headline", Outcome.UNCHANGED, "")]
        assert "Unchanged" in text(editor_client.get(response.url))

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"outlet": ""}, "This field is required."),
            ({"published": "12 May"}, "Enter a valid date."),
            ({"text": "   "}, "This field is required."),
            ({"url": "ftp://riverton-tribune.example/strike"}, "Enter a valid URL."),
            ({"text": "RELATED: How the last strike ended"}, "no article text is left"),
            ({"text": "Strike\x00news"}, "Null characters are not allowed."),
            ({"text": "date 2025-05-12"}, "no article text: there is only a date line"),
            ({"text": "Monday, May 12, 2025"}, "no article text: there is only a date line"),
        ],
        ids=[
            "no outlet",
            "bad date",
            "no text",
            "not a web address",
            "only furniture",
            "nul",
            "only a date header",
            "only a date line",
        ],
    )
    def test_bad_input_is_a_400_with_the_reason_and_nothing_stored(
        self, editor_client, fields, message
    ):
        response = paste(editor_client, **fields)
        assert response.status_code == 400
        assert message in text(response)
        assert Article.objects.count() == 0
        assert 'name="outlet"' in response.content.decode()  # the form, to correct and resend

    def test_a_text_over_the_size_limit_is_refused(self, editor_client, settings):
        settings.ARTICLE_MAX_BYTES = 100
        response = paste(editor_client)
        assert response.status_code == 400
        assert "the text is too large (the limit is 100 bytes)" in text(response)
        assert Article.objects.count() == 0

    def test_wire_copy_pasted_with_the_site_that_carried_it(self, editor_client):
        paste(editor_client, outlet="Associated Press via Times Union")
        article = Article.objects.get()
        assert (article.outlet.name, article.via) == ("Associated Press", "Times Union")

    def test_what_the_editor_typed_is_shown_escaped(self, editor_client):
        response = paste(editor_client, headline='<img src=x onerror="alert(1)">')
        page = editor_client.get(response.url).content.decode()
        assert "<img src=x" not in page
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


# --- Uploading files ----------------------------------------------------------------------


@pytest.mark.django_db
class TestUpload:
    @pytest.mark.parametrize(
        ("path", "outlet", "headline"),
        [
            (SEED, "ABC7 News", ""),
            (DATA / "lantern-ferry-ramp.html", "The Alder Bay Lantern",
             "Storm damage shuts Alder Bay ferry ramp for eight weeks"),
            (DATA / "juniper-library-levy.json", "Juniper Valley Record",
             "Voters back a bigger library levy in Cedar Forks"),
        ],
        ids=["txt seed", "html page", "json"],
    )  # fmt: skip
    def test_each_kind_of_file_is_imported(self, editor_client, path, outlet, headline):
        response = import_files(editor_client, upload(path))

        assert response.status_code == 302
        article = Article.objects.get()
        assert article.outlet.name == outlet
        assert article.source == path.name
        if headline:
            assert article.headline == headline
        assert outcomes(latest_batch()) == [(path.name, Outcome.IMPORTED, "")]

    def test_several_files_at_once_are_one_batch(self, editor_client, seed_files):
        response = import_files(editor_client, *(upload(path) for path in seed_files))

        batch = latest_batch()
        assert response.url == reverse("import_batch", args=[batch.pk])
        assert [name for name, *_ in outcomes(batch)] == [path.name for path in seed_files]
        assert {outcome for _, outcome, _ in outcomes(batch)} == {Outcome.IMPORTED}
        assert set(batch.articles()) == set(Article.objects.all())
        assert Article.objects.count() == 5

    def test_importing_the_same_files_again_shows_them_unchanged(self, editor_client, seed_files):
        import_files(editor_client, *(upload(path) for path in seed_files))
        before = sorted(Article.objects.values_list("pk", "content_hash"))

        response = import_files(editor_client, *(upload(path) for path in seed_files))

        assert sorted(Article.objects.values_list("pk", "content_hash")) == before
        assert {outcome for _, outcome, _ in outcomes(latest_batch())} == {Outcome.UNCHANGED}
        assert text(editor_client.get(response.url)).count("Unchanged") == 5

    def test_the_content_decides_not_the_name(self, editor_client):
        import_files(editor_client, upload(DATA / "lantern-ferry-ramp.html", "ferry.txt"))
        assert Article.objects.get().outlet.name == "The Alder Bay Lantern"

    @pytest.mark.parametrize(
        ("name", "data", "message"),
        [
            ("ferry.txt", PNG, "ferry.txt: file is binary data (a PNG image), not text"),
            ("empty.txt", b"", "empty.txt: file is empty"),
            ("blank.txt", b" \n\n \t", "blank.txt: file is empty"),
            ("section-front.html", (DATA / "lantern-section-front.html").read_bytes(),
             "section-front.html: no article text found in the HTML"),
            ("broken.json", (DATA / "broken.json").read_bytes(),
             "broken.json: not valid JSON: Expecting ',' delimiter at line 4, column 3"),
            ("report.pdf", b"%PDF-1.7", "report.pdf: unsupported file type '.pdf'"),
            ("latin1.txt", "Économie en grève".encode("latin-1"),
             "latin1.txt: file is not valid UTF-8"),
        ],
        ids=["png behind .txt", "empty", "blank", "html without an article", "invalid json",
             "pdf", "not utf-8"],
    )  # fmt: skip
    def test_a_bad_file_is_a_400_naming_the_file_and_why(self, editor_client, name, data, message):
        response = import_files(editor_client, SimpleUploadedFile(name, data))

        assert response.status_code == 400
        assert message in text(response)
        assert "Traceback" not in text(response)
        assert Article.objects.count() == 0
        assert outcomes(latest_batch())[0][1] == Outcome.FAILED

    def test_an_oversized_file_is_refused(self, editor_client, settings):
        settings.ARTICLE_MAX_BYTES = 1000
        response = import_files(editor_client, SimpleUploadedFile("long.txt", b"x" * 1001))
        assert response.status_code == 400
        assert "long.txt: file is too large (the limit is 1,000 bytes)" in text(response)
        assert Article.objects.count() == 0

    def test_an_oversized_file_is_not_even_read(self, editor, settings):
        class Unreadable(File):
            def read(self, *args):
                raise AssertionError("the file was read")

        settings.ARTICLE_MAX_BYTES = 1000
        big = Unreadable(io.BytesIO(b"x" * 5000), name="long.txt")
        batch = services.import_files(files=[big], editor=editor)
        assert outcomes(batch) == [
            ("long.txt", Outcome.FAILED, "file is too large (the limit is 1,000 bytes)")
        ]

    def test_good_files_go_in_beside_bad_ones(self, editor_client):
        response = import_files(
            editor_client,
            upload(SEED),
            SimpleUploadedFile("photo.txt", PNG),
            upload(DATA / "juniper-library-levy.json"),
        )

        assert response.status_code == 302
        assert [(name, outcome) for name, outcome, _ in outcomes(latest_batch())] == [
            (SEED.name, Outcome.IMPORTED),
            ("photo.txt", Outcome.FAILED),
            ("juniper-library-levy.json", Outcome.IMPORTED),
        ]
        assert Article.objects.count() == 2
        page = text(editor_client.get(response.url))
        assert "photo.txt Failed file is binary data (a PNG image), not text" in page

    def test_too_many_files_are_refused_before_any_is_imported(self, editor_client, settings):
        settings.IMPORT_MAX_FILES = 2
        files = [SimpleUploadedFile(f"{n}.txt", SEED.read_bytes() + b"x" * n) for n in range(3)]

        response = import_files(editor_client, *files)

        assert response.status_code == 400
        assert "3 files is too many at once: import at most 2 at a time." in text(response)
        assert Article.objects.count() == 0
        assert ImportBatch.objects.count() == 0

    def test_no_file_is_a_400(self, editor_client):
        response = editor_client.post(reverse("import_files"), {})
        assert response.status_code == 400
        assert "Choose at least one file to import." in text(response)

    def test_a_file_name_is_shown_escaped(self, editor_client):
        import_files(editor_client, SimpleUploadedFile('<img src=x onerror="alert(1)">.txt', PNG))
        page = batch_page(editor_client, latest_batch()).content.decode()
        assert "<img src=x" not in page
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.txt" in page


# --- The batch page ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestBatchPage:
    @pytest.fixture
    def analysed(self, editor_client, django_capture_on_commit_callbacks):
        """Import files as a batch, analysed as it commits (by the immediate backend)."""

        def import_and_analyse(*files) -> ImportBatch:
            with django_capture_on_commit_callbacks(execute=True):
                import_files(editor_client, *files)
            return latest_batch()

        return import_and_analyse

    def test_a_finished_batch_links_to_its_articles_and_stops_polling(
        self, editor_client, analysed
    ):
        batch = analysed(upload(SEED), upload(DATA / "juniper-library-levy.json"))

        response = batch_page(editor_client, batch)

        page = response.content.decode()
        assert "<html" in page
        assert "Done: 2 new articles analysed." in text(response)
        for article in Article.objects.all():
            assert f'href="{reverse("article_reader", args=[article.pk])}"' in page
        assert "hx-trigger" not in page

    def test_each_file_says_which_story_its_article_joined_and_its_contradictions(
        self, editor_client, analysed, seed_files
    ):
        batch = analysed(*(upload(path) for path in seed_files))
        page = batch_page(editor_client, batch).content.decode()
        story = Article.objects.first().story
        assert page.count(f'<a href="{reverse("story_coverage", args=[story.pk])}">') == 5
        contradicted = {
            article.pk: article.claims.filter(evidence__relation="contradicts").distinct().count()
            for article in Article.objects.all()
        }
        assert any(contradicted.values())  # the seeds disagree somewhere
        for article_id, count in contradicted.items():
            if count:
                reader = reverse("article_reader", args=[article_id])
                assert f'<a href="{reader}?order=contradicted">{count}</a>' in page

    def test_an_unchanged_file_uploaded_again_is_not_reported_as_analysed(
        self, editor_client, analysed
    ):
        analysed(upload(SEED))
        again = analysed(upload(SEED))
        said = text(batch_page(editor_client, again))
        assert "Nothing new: 1 file was imported before, unchanged" in said
        assert "analysed" not in said.split("Nothing new")[1].split(".")[0]

    def test_htmx_gets_only_the_progress_fragment(self, editor_client, analysed):
        response = batch_page(editor_client, analysed(upload(SEED)), **HTMX)
        fragment = response.content.decode()
        assert "<html" not in fragment
        assert fragment.lstrip().startswith('<section id="batch-progress"')
        assert "Done: 1 new article analysed." in text(response)
        assert "HX-Request" in response["Vary"]

    def test_the_page_costs_the_same_for_one_file_or_many(
        self, editor_client, analysed, seed_files
    ):
        def queries(batch: ImportBatch) -> int:
            with CaptureQueriesContext(connection) as captured:
                assert batch_page(editor_client, batch, **HTMX).status_code == 200
            return len(captured)

        one = analysed(upload(seed_files[0]))
        many = analysed(*(upload(path) for path in seed_files[1:]))
        assert queries(one) == queries(many)

    def test_a_batch_where_everything_failed_has_nothing_to_analyse(self, editor_client):
        import_files(editor_client, SimpleUploadedFile("photo.txt", PNG))
        response = batch_page(editor_client, latest_batch())
        assert "Nothing to analyse: no file was imported." in text(response)
        assert "hx-trigger" not in response.content.decode()

    def test_an_unknown_batch_is_a_404(self, editor_client):
        assert editor_client.get(reverse("import_batch", args=[999])).status_code == 404

    def test_recent_imports_are_listed_on_the_import_page(self, editor_client, editor):
        import_files(editor_client, upload(SEED))
        batch = latest_batch()
        page = editor_client.get(reverse("import_page")).content.decode()
        assert f'href="{reverse("import_batch", args=[batch.pk])}"' in page
        assert editor.username in page

    def test_recent_imports_are_the_newest_ten_newest_first(self, editor_client, editor):
        start = timezone.now() - timedelta(days=1)
        batches = [ImportBatch.objects.create(editor=editor) for _ in range(12)]
        # Created in one order, dated in another: the page must go by the date.
        for hours, batch in zip([5, 0, 11, 3, 9, 1, 7, 10, 2, 8, 4, 6], batches, strict=True):
            batch.created_at = start + timedelta(hours=hours)
            batch.save(update_fields=["created_at"])
        newest_first = sorted(
            ImportBatch.objects.all(), key=lambda batch: batch.created_at, reverse=True
        )
        page = editor_client.get(reverse("import_page")).content.decode()
        listed = [int(pk) for pk in re.findall(r'href="/import/batches/(\d+)/"', page)]
        assert listed == [batch.pk for batch in newest_first[:10]]

    def test_the_admin_shows_batches_and_changes_none(self, editor_client, rf):
        import_files(editor_client, upload(SEED))
        batch_admin = admin.site._registry[ImportBatch]
        request = rf.get("/")
        request.user = UserFactory(is_staff=True, is_superuser=True)
        assert batch_admin.has_view_permission(request, latest_batch())
        assert not batch_admin.has_add_permission(request)
        assert not batch_admin.has_change_permission(request, latest_batch())
        assert not batch_admin.has_delete_permission(request, latest_batch())


# --- Analysis in the background: the database backend and its worker -----------------------


def queued_task(batch: ImportBatch) -> DBTaskResult:
    batch.refresh_from_db()
    return DBTaskResult.objects.get(pk=batch.analysis_task_id)


@pytest.mark.django_db
class TestWaitingForTheWorker:
    """Queued tasks, without running them: the test's transaction is never committed."""

    @pytest.fixture
    def queued(self, editor_client, worker_backend, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            import_files(editor_client, upload(SEED))
        return latest_batch()

    def test_a_queued_analysis_is_polled_every_two_seconds(self, editor_client, queued):
        response = batch_page(editor_client, queued, **HTMX)
        fragment = response.content.decode()
        assert 'hx-trigger="every 2s"' in fragment
        assert f'hx-get="{reverse("import_batch", args=[queued.pk])}"' in fragment
        assert "Queued: waiting for the worker." in text(response)
        assert "article_reader" not in fragment and "/articles/" not in fragment
        assert queued_task(queued).status == "READY"

    def test_a_task_nobody_takes_says_to_start_the_worker(self, editor_client, queued):
        DBTaskResult.objects.filter(pk=queued_task(queued).pk).update(
            enqueued_at=timezone.now() - timedelta(minutes=1)
        )
        assert "Is manage.py db_worker running?" in text(batch_page(editor_client, queued))

    def test_a_queued_analysis_cannot_be_queued_twice(self, editor_client, queued):
        task = queued_task(queued)
        response = editor_client.post(reverse("run_batch_analysis", args=[queued.pk]))
        assert response.status_code == 409
        assert "nothing to run again" in text(response)
        assert queued_task(queued) == task
        assert DBTaskResult.objects.count() == 1

    def test_the_import_command_says_the_analysis_is_queued(
        self, seed_files, worker_backend, django_capture_on_commit_callbacks
    ):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_articles", *seed_files, stdout=out)
        assert (
            "analysis of 5 articles queued for the task worker (if none is running: "
            "manage.py db_worker, or manage.py analyze now)"
        ) in out.getvalue()
        assert DBTaskResult.objects.get().status == "READY"
        assert not Article.objects.filter(analyzed_at__isnull=False).exists()


@pytest.mark.usefixtures("newsroom_roles", "worker_backend")
class TestTheWorker:
    """Committed imports and the real worker, run in this thread."""

    def test_the_worker_analyses_an_upload_and_the_page_follows(self, editor_client, seed_files):
        import_files(editor_client, *(upload(path) for path in seed_files))
        batch = latest_batch()
        assert "Queued" in text(batch_page(editor_client, batch, **HTMX))
        assert Claim.objects.count() == 0

        run_worker()

        assert queued_task(batch).status == "SUCCESSFUL"
        assert Claim.objects.count() > 50
        response = batch_page(editor_client, batch, **HTMX)
        assert "Done: 5 new articles analysed." in text(response)
        assert "hx-trigger" not in response.content.decode()
        assert len(re.findall(r'href="/articles/\d+/"', response.content.decode())) == 5

    def test_a_failed_analysis_says_why_and_can_be_retried(self, editor_client):
        import_files(editor_client, upload(SEED))
        batch = latest_batch()
        failure = MemoryError("the claim engine ran out of memory")
        with mock.patch("factcheck.services.analyze_articles", side_effect=failure):
            run_worker()

        response = batch_page(editor_client, batch, **HTMX)
        assert "The analysis failed: the claim engine ran out of memory" in text(response)
        assert "Traceback" not in response.content.decode()
        assert "hx-trigger" not in response.content.decode()
        assert Article.objects.count() == 1
        failed_task = queued_task(batch)

        retried = editor_client.post(reverse("run_batch_analysis", args=[batch.pk]), headers=HTMX)

        assert retried.status_code == 200
        assert "Queued: waiting for the worker." in text(retried)
        assert 'hx-trigger="every 2s"' in retried.content.decode()
        assert queued_task(batch) != failed_task
        run_worker()
        assert "Done: 1 new article analysed." in text(batch_page(editor_client, batch))

    def test_retry_without_javascript_redirects_back_to_the_batch(self, editor_client):
        import_files(editor_client, upload(SEED))
        batch = latest_batch()
        with mock.patch("factcheck.services.analyze_articles", side_effect=RuntimeError("x")):
            run_worker()
        response = editor_client.post(reverse("run_batch_analysis", args=[batch.pk]))
        assert response.status_code == 302
        assert response.url == reverse("import_batch", args=[batch.pk])
        assert "Analysis queued again." in text(editor_client.get(response.url))

    def test_a_worker_killed_mid_task_loses_no_article_and_it_can_run_again(self, editor_client):
        import_files(editor_client, upload(SEED), upload(DATA / "juniper-library-levy.json"))
        batch = latest_batch()
        abandoned = queued_task(batch)
        abandoned.claim("worker-that-died")  # and died before its lease was taken
        DBTaskResult.objects.filter(pk=abandoned.pk).update(
            started_at=timezone.now() - timedelta(minutes=10)
        )

        page = batch_page(editor_client, batch)
        assert "Its worker stopped answering at" in text(page)
        assert "Run analysis again" in text(page)
        assert 'hx-trigger="every 2s"' in page.content.decode()
        assert Article.objects.count() == 2

        rerun = editor_client.post(reverse("run_batch_analysis", args=[batch.pk]))
        assert rerun.status_code == 302
        assert queued_task(batch).status == "READY"
        run_worker()

        assert queued_task(batch) == abandoned  # the same task, taken over; no second one
        assert DBTaskResult.objects.count() == 1
        assert "Done: 2 new articles analysed." in text(batch_page(editor_client, batch))
        assert not Article.objects.filter(analyzed_at=None).exists()

    def test_re_importing_an_article_the_worker_never_reached_queues_it_again(self, editor_client):
        import_files(editor_client, upload(SEED))
        DBTaskResult.objects.all().delete()  # as if the queue had been lost

        import_files(editor_client, upload(SEED))

        assert outcomes(latest_batch())[0][1] == Outcome.UNCHANGED
        run_worker()
        assert Article.objects.get().analyzed_at is not None

    def test_the_import_command_queues_for_the_worker(self, seed_files):
        call_command("import_articles", *seed_files, stdout=io.StringIO())
        assert not Article.objects.filter(analyzed_at__isnull=False).exists()
        run_worker()
        assert not Article.objects.filter(analyzed_at=None).exists()
        assert BatchFile.objects.count() == 0  # the command keeps no batch


class TestFailureReason:
    """A failed task shows its exception's message, never the traceback around it."""

    def traceback_of(self, error: BaseException) -> TaskError:
        try:
            try:
                raise KeyError("story 7")
            except KeyError as cause:
                raise error from cause
        except BaseException as raised:
            path = f"{type(raised).__module__}.{type(raised).__qualname__}"
            return TaskError(exception_class_path=path, traceback="".join(format_exception(raised)))

    def test_a_builtin_exception(self):
        error = self.traceback_of(ValueError("no claims in story 7"))
        assert failure_reason(error) == "no claims in story 7"

    def test_an_exception_from_a_module_with_a_message_over_two_lines(self):
        error = self.traceback_of(OperationalError("database is locked\nwhile saving claims"))
        assert failure_reason(error) == "database is locked\nwhile saving claims"

    def test_an_exception_without_a_message_is_named(self):
        assert failure_reason(self.traceback_of(MemoryError())) == "MemoryError"
