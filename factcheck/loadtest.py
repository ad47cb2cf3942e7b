"""Twenty editors on a busy workbench, served by gunicorn; prints what they waited.

    .venv/bin/python -m factcheck.loadtest [--articles 10000] [--editors 20]
        [--database sqlite|postgres] [--duration 60] [--workers 4] [--think 0]
        [--alone 3] [--during-analysis [--analysis-articles 1000]]

`make loadtest` runs it. It makes a throwaway database (a SQLite file in a
temporary folder, or a PostgreSQL database on the local server, dropped at the
end), migrates it, fills it (factcheck.seeding), starts gunicorn with DEBUG off on
a free port, logs every editor in, and lets each editor, a thread with its own
session, work for DURATION seconds through the desk's pages in the proportions of
editor_day(). Then it prints, per page, how many requests, their 50th and 95th
percentile and longest time, the failures (a 5xx or no answer) and the 409s (a
colleague decided first: an answer, not a failure), and the peak memory of every
gunicorn worker. With --during-analysis a task worker imports and analyses a batch
of the benchmark's synthetic articles meanwhile.

The figures are measured, never asserted: README quotes them.
"""

import argparse
import math
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parent.parent
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
SEEN_VERDICT = re.compile(
    r'name="seen_verdict"[^>]*?value="(\d+)"|value="(\d+)"[^>]*name="seen_verdict"'
)


# --- Figures -------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One request: what page, how long it took, and its status (0: no answer)."""

    page: str
    seconds: float
    status: int

    @property
    def failed(self) -> bool:
        return self.status == 0 or self.status >= 500


def percentile(values: Sequence[float], percent: float) -> float:
    """The nearest-rank percentile: the smallest value at least `percent` % of the
    values do not exceed (the 95th of 20 values is the 19th smallest)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class PageFigures:
    page: str
    requests: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    failures: int
    conflicts: int  # 409: a colleague decided first
    refused: int  # any other 4xx: the load test asked for something wrong


def page_figures(samples: Sequence[Sample]) -> list[PageFigures]:
    """Figures per page, in the order pages first appear among the samples."""
    by_page: dict[str, list[Sample]] = {}
    for sample in samples:
        by_page.setdefault(sample.page, []).append(sample)
    figures = []
    for page, taken in by_page.items():
        times = [1000 * sample.seconds for sample in taken]
        figures.append(
            PageFigures(
                page=page,
                requests=len(taken),
                p50_ms=percentile(times, 50),
                p95_ms=percentile(times, 95),
                max_ms=max(times),
                failures=sum(sample.failed for sample in taken),
                conflicts=sum(sample.status == 409 for sample in taken),
                refused=sum(
                    400 <= sample.status < 500 and sample.status != 409 for sample in taken
                ),
            )
        )
    return figures


def figures_table(figures: Sequence[PageFigures]) -> str:
    """A Markdown table, as README quotes it."""
    lines = [
        "| page | requests | p50 ms | p95 ms | max ms | failed | 409 | other 4xx |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {f.page} | {f.requests} | {f.p50_ms:.0f} | {f.p95_ms:.0f} | {f.max_ms:.0f} | "
            f"{f.failures} | {f.conflicts} | {f.refused} |"
        )
    total = [f.requests for f in figures]
    lines.append(
        f"| all | {sum(total)} | | | | {sum(f.failures for f in figures)} | "
        f"{sum(f.conflicts for f in figures)} | {sum(f.refused for f in figures)} |"
    )
    return "\n".join(lines)


# --- The throwaway database and the server ------------------------------------------


@contextmanager
def throwaway_database(kind: str, postgres_server: str) -> Iterator[str]:
    """A DATABASE_URL for an empty database that is removed afterwards."""
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="loadtest-")
        try:
            yield f"sqlite:///{folder}/loadtest.sqlite3"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    import psycopg

    name = f"loadtest_{os.getpid()}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{postgres_server}/{name}"
    finally:
        with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_environment(database_url: str) -> dict[str, str]:
    """The environment of a production server, speaking plain HTTP on 127.0.0.1."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn serving factcheck.wsgi, and the peak memory (VmHWM) of its workers,
    sampled every second so a worker that is replaced is still counted."""

    def __init__(self, env: dict[str, str], workers: int, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "gunicorn", "factcheck.wsgi:application",
                   "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
                   "--timeout", "60"]  # fmt: skip
        self.log = log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 (our own command)
            command, cwd=BASE_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        self.peak_kib: dict[int, int] = {}
        self.stopped = threading.Event()
        self.watcher = threading.Thread(target=self.watch_memory, daemon=True)

    def __enter__(self) -> "Gunicorn":
        try:
            self.wait_until_it_answers()
        except BaseException:
            self.__exit__()
            raise
        self.watcher.start()
        return self

    def wait_until_it_answers(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {self.log.name}")
            try:
                requests.get(f"{self.url}/login/", timeout=10)
                return
            except requests.RequestException:
                time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer within a minute; see {self.log.name}")

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()
        if self.watcher.is_alive():
            self.watcher.join()
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def watch_memory(self) -> None:
        while True:
            for pid in self.workers():
                if (peak := peak_memory_kib(pid)) is not None:
                    self.peak_kib[pid] = max(peak, self.peak_kib.get(pid, 0))
            if self.stopped.wait(1):
                return


def peak_memory_kib(pid: int) -> int | None:
    """The process's peak resident memory (VmHWM) in KiB; None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match[1]) if match else None


# --- What the desk has, and what an editor does -------------------------------------


@dataclass(frozen=True)
class Desk:
    """Ids and words the editors pick from, read from the seeded database."""

    stories: list[int]
    articles: list[int]
    claims: list[int]  # claims worth checking (not set aside)
    contested: list[int]  # a few claims every editor keeps deciding: 409s expected
    outlets: list[int]
    words: list[str]
    queue_pages: int

    @classmethod
    def read(cls, rng: random.Random) -> "Desk":
        from articles.models import Article, Outlet, Story
        from factcheck.models import Claim
        from factcheck.views import CLAIMS_PER_PAGE

        claims = list(Claim.objects.filter(not_a_claim=False).values_list("pk", flat=True))
        names = Outlet.objects.values_list("name", flat=True)
        return cls(
            stories=list(Story.objects.values_list("pk", flat=True)),
            articles=list(Article.objects.values_list("pk", flat=True)),
            claims=claims,
            contested=rng.sample(claims, min(len(claims), 30)),
            outlets=list(Outlet.objects.values_list("pk", flat=True)),
            words=sorted({name.split()[0] for name in names}),
            queue_pages=math.ceil(len(claims) / CLAIMS_PER_PAGE),
        )


class Editor:
    """One editor's session; each request is timed into `samples`."""

    def __init__(
        self, name: str, base_url: str, desk: Desk, samples: list[Sample], rng: random.Random
    ):
        self.name, self.base_url, self.desk, self.samples, self.rng = (
            name, base_url, desk, samples, rng,
        )  # fmt: skip
        self.session = requests.Session()
        self.opened: tuple[int, int | None] | None = None  # (claim, newest verdict seen)

    def request(self, page: str, method: str, path: str, **kwargs) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = self.session.request(
                method, self.base_url + path, timeout=120, allow_redirects=False, **kwargs
            )
            response.content  # noqa: B018 (an export streams: read it all)
        except requests.RequestException:
            self.samples.append(Sample(page, time.perf_counter() - started, 0))
            return None
        self.samples.append(Sample(page, time.perf_counter() - started, response.status_code))
        return response

    def log_in(self, password: str) -> None:
        self.request("login page", "GET", "/login/")
        form = {"username": self.name, "password": password, **self.csrf_field()}
        answer = self.request("login", "POST", "/login/", data=form)
        if answer is None or answer.status_code != 302:
            raise RuntimeError(f"{self.name} could not log in")

    def csrf_field(self) -> dict:
        return {"csrfmiddlewaretoken": self.session.cookies.get("csrftoken", "")}

    # The desk's pages: each picks what a working editor would.

    def stories(self) -> None:
        self.request("stories", "GET", "/")

    def queue(self) -> None:
        desk, rng = self.desk, self.rng
        filters = rng.choice([
            {}, {"status": "pending"}, {"has_contradiction": "yes"}, {"o": "contradicted"},
            {"outlet": rng.choice(desk.outlets)}, {"story": rng.choice(desk.stories)},
            {"kind": "quantity", "status": "pending"}, {"q": rng.choice(desk.words)},
            {"suggested_status": "disputed", "o": "-evidence"},
        ])  # fmt: skip
        self.request("queue", "GET", "/claims/", params=filters)

    def queue_deep(self) -> None:
        page = self.rng.randint(2, max(2, self.desk.queue_pages))
        filters = self.rng.choice([{}, {"status": "pending"}, {"o": "claim"}])
        self.request("queue, deep page", "GET", "/claims/", params={**filters, "page": page})

    def panel(self) -> None:
        desk = self.desk
        claim = self.rng.choice(desk.contested if self.rng.random() < 0.3 else desk.claims)
        answer = self.request("claim panel", "GET", f"/claims/{claim}/")
        if answer is not None and answer.status_code == 200:
            found = SEEN_VERDICT.search(answer.text)
            seen = next((int(group) for group in found.groups() if group), None) if found else None
            self.opened = (claim, seen)

    def reader(self) -> None:
        self.request("reader", "GET", f"/articles/{self.rng.choice(self.desk.articles)}/")

    def coverage(self) -> None:
        self.request("coverage", "GET", f"/stories/{self.rng.choice(self.desk.stories)}/coverage/")

    def report(self) -> None:
        self.request("report", "GET", f"/stories/{self.rng.choice(self.desk.stories)}/report/")

    def export(self) -> None:
        story = self.rng.choice(self.desk.stories)
        self.request("export (a story)", "GET", "/claims/export.csv", params={"story": story})

    def verdict(self) -> None:
        """Decide the claim opened last in the panel (opening one if none is): on a
        contested claim a colleague has often decided meanwhile, and the answer is 409."""
        if self.opened is None:
            self.panel()
        if self.opened is None:
            return
        claim, seen = self.opened
        self.opened = None
        form = {
            "status": self.rng.choice(["confirmed", "disputed", "unsourced"]),
            "note": f"Checked by {self.name} in the load test.",
            "note_is_internal": "on",
            "seen_verdict": "" if seen is None else str(seen),
            **self.csrf_field(),
        }
        self.request("verdict POST", "POST", f"/claims/{claim}/verdicts/", data=form,
                     headers={"HX-Request": "true"})  # fmt: skip

    def work(self, until: float, think: float = 0) -> None:
        """Pages in editor_day()'s proportions until `until`, pausing about `think`
        seconds (0 to twice that) after each."""
        pages, weights = zip(*editor_day(self), strict=True)
        while time.monotonic() < until:
            self.rng.choices(pages, weights)[0]()
            if think:
                time.sleep(self.rng.uniform(0, 2 * think))

    def every_page(self, rounds: int) -> None:
        """Each page `rounds` times, one request at a time."""
        for _ in range(rounds):
            for page, _weight in editor_day(self):
                page()


def editor_day(editor: Editor) -> list[tuple[Callable[[], None], float]]:
    """What an editor does, and how often, relative to the other pages."""
    return [
        (editor.stories, 1),
        (editor.queue, 4),
        (editor.queue_deep, 1),
        (editor.panel, 4),
        (editor.reader, 3),
        (editor.coverage, 1),
        (editor.report, 1),
        (editor.export, 0.5),
        (editor.verdict, 3),
    ]


# The order of the pages in the figures.
PAGES = ["stories", "queue", "queue, deep page", "claim panel", "reader", "coverage", "report",
         "export (a story)", "verdict POST"]  # fmt: skip


# --- An analysis meanwhile -----------------------------------------------------------


class AnalysisMeanwhile:
    """A task worker analysing an import of `articles` synthetic articles while the
    editors work: the editors come in once the import is done and its analysis runs."""

    def __init__(self, env: dict[str, str], articles: int, folder: Path):
        from factcheck.benchmark import synthetic_corpus

        self.env, self.folder, self.articles = env, folder, articles
        folder.mkdir()
        for item in synthetic_corpus(BASE_DIR / "seeds", articles, seed=2):
            (folder / item.name).write_text(item.text, encoding="utf-8")
        self.imported_in = 0.0

    def __enter__(self) -> "AnalysisMeanwhile":
        from articles.models import Article

        self.seeded_up_to = Article.objects.order_by("-pk").values_list("pk", flat=True)[0]
        manage = [sys.executable, str(BASE_DIR / "manage.py")]
        self.worker = subprocess.Popen(  # noqa: S603 (our own command)
            [*manage, "db_worker", "--no-reload", "--no-startup-delay"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        started = time.monotonic()
        subprocess.run(  # noqa: S603 (our own command)
            [*manage, "import_articles", str(self.folder)],
            env=self.env, stdout=subprocess.DEVNULL, check=True,
        )  # fmt: skip
        self.imported_in = time.monotonic() - started
        while self.task_status() in ("READY", None) and time.monotonic() - started < 600:
            time.sleep(0.5)
        return self

    def __exit__(self, *exc_info) -> None:
        from articles.models import Article

        self.final_status = self.task_status()
        batch = Article.objects.filter(pk__gt=self.seeded_up_to)
        self.analysed = batch.filter(analyzed_at__isnull=False).count()
        self.worker.kill()  # the run is over; its analysis need not finish
        self.worker.wait()

    def task_status(self) -> str | None:
        """The import's analysis task: READY (queued), RUNNING, SUCCESSFUL or FAILED."""
        from django.db import connections
        from django_tasks_db.models import DBTaskResult

        newest = DBTaskResult.objects.order_by("-enqueued_at").values_list("status", flat=True)
        status = newest.first()
        connections.close_all()
        return status

    def summary(self) -> str:
        return (
            f"Analysis meanwhile: {self.articles} articles imported in {self.imported_in:.0f} s "
            f"before the editors came in; at the end of the run its task was "
            f"{self.final_status} and {self.analysed} of the articles were analysed."
        )


# --- The run --------------------------------------------------------------------------


def run(args: argparse.Namespace) -> str:
    with (
        throwaway_database(args.database, args.postgres) as database_url,
        tempfile.TemporaryDirectory(prefix="loadtest-files-") as scratch,
    ):
        env = server_environment(database_url)
        password = secrets.token_urlsafe(12)
        seeded, desk = seed(env, args, password)
        alone: list[Sample] = []
        crowd: list[Sample] = []
        with Gunicorn(env, args.workers, Path(scratch) / "gunicorn.log") as server:
            rng = random.Random(args.seed)
            if args.alone:
                print(f"Each page {args.alone} times, one request at a time ...", flush=True)
                editor = Editor(seeded.editors[0], server.url, desk, alone, rng)
                editor.log_in(password)
                editor.every_page(args.alone)
            editors = [
                Editor(name, server.url, desk, crowd, random.Random(rng.random()))
                for name in seeded.editors
            ]
            for editor in editors:
                editor.log_in(password)
            analysis = (
                AnalysisMeanwhile(env, args.analysis_articles, Path(scratch) / "batch")
                if args.during_analysis
                else nullcontext()
            )
            print(f"{len(editors)} editors at work for {args.duration} s ...", flush=True)
            with analysis:
                until = time.monotonic() + args.duration
                threads = [
                    threading.Thread(target=editor.work, args=(until, args.think))
                    for editor in editors
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            peaks = sorted(server.peak_kib.values(), reverse=True)
        report = [
            f"{args.database}, {seeded.articles} articles, {len(editors)} editors "
            f"(thinking {args.think} s on average), {args.duration} s, gunicorn with "
            f"{args.workers} workers"
            + (
                f", analysing {args.analysis_articles} articles meanwhile"
                if args.during_analysis
                else ""
            ),
            figures_table(page_figures(in_page_order(crowd))),
            f"Requests a second: {len(in_page_order(crowd)) / args.duration:.1f}",
            "Peak memory of each gunicorn worker (VmHWM): "
            + ", ".join(f"{kib / 1024:.0f} MiB" for kib in peaks),
        ]
        if args.during_analysis:
            report.append(analysis.summary())
        if alone:
            report += ["One request at a time, before the editors came in:",
                       figures_table(page_figures(in_page_order(alone)))]  # fmt: skip
        return "\n".join(report)


def seed(env: dict[str, str], args: argparse.Namespace, password: str):
    """Migrate the throwaway database and fill it; what the editors will pick from."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from factcheck.seeding import seed_workbench

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    seeded = seed_workbench(articles=args.articles, editors=args.editors, password=password)
    print(
        f"Seeded {seeded.articles} articles from {seeded.outlets} outlets in {seeded.stories} "
        f"stories, {seeded.claims} claims, {seeded.evidence} passages, {seeded.verdicts} "
        f"verdicts ({seeded.published} published) in {time.perf_counter() - started:.0f} s "
        "(migrations included).",
        flush=True,
    )
    desk = Desk.read(random.Random(args.seed))
    connections.close_all()
    return seeded, desk


def in_page_order(samples: list[Sample]) -> list[Sample]:
    """The samples of the desk's pages (not the logins), in PAGES' order."""
    return sorted((s for s in samples if s.page in PAGES), key=lambda s: PAGES.index(s.page))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres", default=POSTGRES_SERVER, help="the PostgreSQL server")
    parser.add_argument("--duration", type=int, default=60, help="seconds of work")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--during-analysis", action="store_true")
    parser.add_argument("--analysis-articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--think", type=float, default=0, help="an editor's average pause between pages, seconds"
    )
    parser.add_argument(
        "--alone", type=int, default=3, help="first, each page this many times on its own"
    )
    args = parser.parse_args(argv)
    print(run(args))


if __name__ == "__main__":
    main()
