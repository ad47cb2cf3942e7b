"""python manage.py evaluate_engine [--gold FILE] [--articles FOLDER] [--misses]"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.ingest import IngestError, read_article
from factcheck.engine.analysis import ArticleText, analyze_story
from factcheck.engine.baseline import baseline_story
from factcheck.engine.evaluation import evaluate

# Floors on the seeds' gold: nothing may fall below what the engine before frames scored
# on the same gold (re-annotated with the compound rule, see tests/data/gold.json):
# evidence recall 0.929, suggestion accuracy 0.843.
TARGETS = {
    "extraction recall": 0.95,
    "evidence recall (first two passages an outlet)": 0.92,
    "contradiction precision": 0.8,
    "contradiction recall": 0.8,
    "suggestion accuracy": 0.84,
}


class Command(BaseCommand):
    help = "Score the claim engine against the hand-annotated gold set of the seed articles."

    def add_arguments(self, parser):
        parser.add_argument("--gold", default=str(settings.BASE_DIR / "tests/data/gold.json"))
        parser.add_argument("--articles", default=str(settings.BASE_DIR / "seeds"))
        parser.add_argument("--misses", action="store_true", help="list every miss")
        parser.add_argument(
            "--baseline",
            action="store_true",
            help="score a plain TF-IDF nearest-neighbour baseline instead (best threshold)",
        )

    def handle(self, *args, gold, articles, misses, baseline, **options):
        try:
            annotation = json.loads(Path(gold).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read the gold set {gold}: {error}") from None
        if baseline:
            scores = max(
                (score_against(annotation, Path(articles), baseline=t) for t in THRESHOLDS),
                key=lambda scores: scores.figures()["suggestion accuracy"] or 0,
            )
        else:
            scores = score_against(annotation, Path(articles))
        for name, value in scores.figures().items():
            self.stdout.write(f"{name:48} {shown(value)}{against_target(name, value)}")
        if misses:
            self.stdout.write("")
            for line in scores.misses:
                self.stdout.write(line)


def shown(value) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def against_target(name: str, value) -> str:
    target = TARGETS.get(name)
    if target is None:
        return ""
    met = value is not None and value >= target
    return f"   (target {target:.2f}: {'met' if met else 'NOT MET'})"


THRESHOLDS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]


def score_against(annotation: dict, folder: Path, *, baseline: float | None = None):
    """Run the engine (or the baseline at a threshold) over the annotated articles,
    each its own outlet, and score it."""
    names = sorted({claim["article"] for claim in annotation["claims"]})
    bodies, boilerplate, published = {}, {}, {}
    for name in names:
        try:
            parsed = read_article((folder / name).read_bytes(), name=name, max_bytes=10**7)
        except (OSError, IngestError) as error:
            raise CommandError(f"{folder / name}: {error}") from None
        bodies[name] = parsed.body
        published[name] = parsed.published
        boilerplate[name] = [removed.text for removed in parsed.boilerplate]
    texts = [ArticleText(name, name, bodies[name], published[name]) for name in names]
    if baseline is None:
        analyses = analyze_story(texts)
    else:
        analyses = baseline_story(texts, threshold=baseline)
    return evaluate(bodies, boilerplate, annotation, analyses)
