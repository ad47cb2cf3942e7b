"""python manage.py evaluate_corpus [--split dev|heldout|all] [--event SLUG ...] [--misses]
python manage.py evaluate_corpus --check FOLDER [FOLDER ...]"""

import random
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from factcheck.corpus import CorpusError, describe, load_corpus, load_event, load_manifest

CORPUS = settings.BASE_DIR / "tests/data/corpus"
TARGETS = {
    "contradiction precision": 0.85,
    "conflict recall": 0.7,
    "agreement recall (first two passages an outlet)": 0.8,
    "story pairwise F1": 0.9,
    "reasons grounded": 1.0,
    "highlights quoted by a reason": 1.0,
}
ORDERS = 5  # shuffled arrival orders the story grouping is scored over


class Command(BaseCommand):
    help = (
        "Score the claim engine on the development corpus (tests/data/corpus), "
        "each split apart, or check event folders."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder")
        parser.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
        parser.add_argument("--event", nargs="+", metavar="SLUG", help="only these events")
        parser.add_argument(
            "--misses",
            action="store_true",
            help="list every miss of the dev split (held-out misses are never listed)",
        )
        parser.add_argument(
            "--check",
            nargs="+",
            metavar="FOLDER",
            help="only check these event folders' annotations and say what they hold",
        )

    def handle(self, *args, corpus, split, event, misses, check, **options):
        if check:
            for folder in check:
                self.stdout.write(describe(load_or_fail(Path(folder))))
            return
        try:
            known = load_manifest(corpus)
        except CorpusError as error:
            raise CommandError(str(error)) from None
        if unknown := sorted(set(event or ()) - set(known)):
            raise CommandError(f"not in the corpus manifest: {', '.join(unknown)}")
        splits = ["dev", "heldout"] if split == "all" else [split]
        for name in splits:
            try:
                events = load_corpus(corpus, split=name, events=event)
            except CorpusError as error:
                raise CommandError(str(error)) from None
            if not events:
                continue
            scores = score_split(events)
            articles = sum(len(item.articles) for item in events)
            self.stdout.write(f"== {name}: {len(events)} events, {articles} articles")
            for figure, value in scores.figures().items():
                self.stdout.write(f"{figure:50} {shown(value)}{against_target(figure, value)}")
            if misses and name == "dev":
                self.stdout.write("")
                for line in scores.misses:
                    self.stdout.write(line)
            self.stdout.write("")


def load_or_fail(folder: Path):
    try:
        return load_event(folder)
    except CorpusError as error:
        raise CommandError(str(error)) from None


def score_split(events):
    from factcheck.engine.analysis import ArticleText, analyze_story
    from factcheck.engine.evaluation import CorpusScores, score_event

    scores = CorpusScores()
    for event in events:
        by_story = defaultdict(list)
        for article in event.articles:
            by_story[article.story].append(article)
        analyses = {}
        for articles in by_story.values():
            analyses.update(
                analyze_story([ArticleText(a.key, a.outlet, a.body, a.published) for a in articles])
            )
        score_event(scores, event, analyses)
    articles = [article for event in events for article in event.articles]
    scores.story_f1 = sum(story_f1(articles, seed) for seed in range(ORDERS)) / ORDERS
    return scores


def story_f1(articles, seed: int) -> float:
    """Group the articles into stories as they would arrive, one at a time, in a shuffled
    order, and score the grouping against the annotated stories."""
    from factcheck.engine.evaluation import pairwise_f1

    order = list(articles)
    random.Random(seed).shuffle(order)
    story_of = group_in_order(order)
    return pairwise_f1({article.key: article.story for article in articles}, story_of)


def group_in_order(order) -> dict[str, int]:
    """Article key -> story number, the articles grouped one at a time as they come:
    new stories are numbered, and a merge folds one story into another."""
    from factcheck.engine.stories import ArticleProfile, group_into_stories

    pool: dict[int, object] = {}
    for article in order:
        profile = ArticleProfile.of(article.key, article.published, article.body, article.headline)
        grouping = group_into_stories([profile], list(pool.values()))
        for merge in grouping.merges:
            pool.pop(merge.absorbed.id, None)
        for story in grouping.stories:
            if story.id is None:
                story.id = max(pool, default=0) + 1
            pool[story.id] = story
    return {key: story.id for story in pool.values() for key in story.articles}


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
