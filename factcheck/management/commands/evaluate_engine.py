"""python manage.py evaluate_engine [--gold FILE] [--articles FOLDER] [--misses]"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.ingest import IngestError, read_article
from factcheck.engine.analysis import ArticleText, analyze_story
from factcheck.engine.evaluation import evaluate

TARGETS = {
    "extraction recall": 0.95,
    "evidence recall (first two passages an outlet)": 0.9,
    "contradiction precision": 0.8,
    "contradiction recall": 0.8,
    "suggestion accuracy": 0.85,
}


class Command(BaseCommand):
    help = "Score the claim engine against the hand-annotated gold set of the seed articles."

    def add_arguments(self, parser):
        parser.add_argument("--gold", default=str(settings.BASE_DIR / "tests/data/gold.json"))
        parser.add_argument("--articles", default=str(settings.BASE_DIR / "seeds"))
        parser.add_argument("--misses", action="store_true", help="list every miss")

    def handle(self, *args, gold, articles, misses, **options):
        try:
            annotation = json.loads(Path(gold).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read the gold set {gold}: {error}") from None
        scores = score_against(annotation, Path(articles))
        for name, value in scores.figures().items():
            target = TARGETS.get(name)
            mark = (
                ""
                if target is None
                else f"   (target {target:.2f}: " + ("met)" if value >= target else "NOT MET)")
            )
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            self.stdout.write(f"{name:48} {shown}{mark}")
        if misses:
            self.stdout.write("")
            for line in scores.misses:
                self.stdout.write(line)


def score_against(annotation: dict, folder: Path):
    """Run the engine over the annotated articles, each its own outlet, and score it."""
    names = sorted({claim["article"] for claim in annotation["claims"]})
    bodies, boilerplate = {}, {}
    for name in names:
        try:
            parsed = read_article((folder / name).read_bytes(), name=name, max_bytes=10**7)
        except (OSError, IngestError) as error:
            raise CommandError(f"{folder / name}: {error}") from None
        bodies[name] = parsed.body
        boilerplate[name] = [removed.text for removed in parsed.boilerplate]
    analyses = analyze_story([ArticleText(name, name, name, bodies[name]) for name in names])
    return evaluate(bodies, boilerplate, annotation, analyses)
