"""python manage.py benchmark --articles N [--per-story K]

Imports N synthetic articles through the real ingestion path and analyses them,
then reports throughput, time per article and peak memory. Run it against an
empty, throwaway database (`make bench` does).
"""

import resource
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from articles.services import import_article
from factcheck.benchmark import WriterWaits, synthetic_corpus
from factcheck.services import analyze_articles


class Command(BaseCommand):
    help = "Measure import plus analysis on a synthetic corpus (needs an empty database)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--per-story", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, articles, per_story, seed, **options):
        if articles < 1 or per_story < 2:
            raise CommandError("--articles must be at least 1 and --per-story at least 2")
        if Article.objects.exists():
            raise CommandError(
                "the database already holds articles; run the benchmark on an empty one "
                "(make bench uses a throwaway SQLite file)"
            )
        corpus = list(synthetic_corpus(settings.BASE_DIR / "seeds", articles,
                                       per_story=per_story, seed=seed))  # fmt: skip
        started = time.perf_counter()
        ids = [
            import_article(
                data=item.text.encode(), source=item.name, outlet_name=item.outlet
            ).article.pk
            for item in corpus
        ]
        imported = time.perf_counter()
        with WriterWaits() as writers:
            summary = analyze_articles(article_ids=ids)
        finished = time.perf_counter()

        total = finished - started
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # The engine's worker processes, if it used any: the largest of them.
        worker_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(
            f"{articles} articles in {summary.stories} stories on {engine}, "
            f"the engine in {settings.ANALYSIS_PROCESSES} process(es): "
            f"import {imported - started:.1f} s, analysis {finished - imported:.1f} s, "
            f"total {total:.1f} s\n"
            f"  {articles / total:.1f} articles/s, {1000 * total / articles:.2f} ms an article, "
            f"peak memory {peak_mib:.0f} MiB"
            + (f" (and {worker_mib:.0f} MiB for each engine process)" if worker_mib else "")
            + "\n"
            f"  {summary.claims_created} claims, {summary.evidence_created} passages of evidence\n"
            f"  a writer during the analysis (a verdict, a login) waited at most "
            f"{writers.longest_ms:.0f} ms for the database ({len(writers.waits)} tries, "
            f"{writers.failures} failed)"
        )
