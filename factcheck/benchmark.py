"""A synthetic corpus for measuring speed: many stories made of recombined sentences.

Sentences are taken from a folder of real articles and recombined into
articles of many made-up stories. Each story renames every capitalised word and
scales every figure its own way, so stories differ in the names and numbers
that tell events apart, while the sentences keep the shape of real news copy.
"""

import random
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.db import OperationalError, connections, transaction

from .engine.text import STOPWORDS, split_sentences

SYLLABLES = ["ka", "lo", "ven", "mar", "tis", "or", "bel", "sun", "dra", "mi", "tor", "ple", "qua"]
NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
FIGURE = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{2,}\b")


@dataclass(frozen=True)
class SyntheticArticle:
    name: str
    outlet: str
    text: str  # in the seeds' format: a date header, then paragraphs
    story: int = 0  # which made-up story it tells, numbered from 1


def sentence_pool(folder: Path) -> list[str]:
    sentences = []
    for path in sorted(folder.glob("*.txt")):
        text = re.sub(r"\A\s*date \d{4}-\d{2}-\d{2}", "", path.read_text(encoding="utf-8"))
        sentences += [s.text for s in split_sentences(text) if len(s.text.split()) >= 6]
    if not sentences:
        raise ValueError(f"no sentences to recombine in {folder}")
    return sentences


def invented_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def retell(sentence: str, names: dict[str, str], scale: float, rng: random.Random) -> str:
    """The sentence with this story's names and figures."""

    def rename(match: re.Match) -> str:
        word = match.group()
        if word.lower() in STOPWORDS:
            return word
        return names.setdefault(word, invented_word(rng))

    sentence = NAME.sub(rename, sentence)
    return FIGURE.sub(lambda m: f"{round(int(m.group().replace(',', '')) * scale):,}", sentence)


def synthetic_corpus(
    folder: Path, articles: int, *, per_story: int = 5, seed: int = 1
) -> Iterator[SyntheticArticle]:
    """`articles` articles in stories of about `per_story` outlets each, over a year."""
    rng = random.Random(seed)
    pool = sentence_pool(folder)
    outlets = [f"{invented_word(rng)} {kind}" for kind in ("News", "Post", "Times", "Herald",
               "Daily", "Tribune", "Courier", "Gazette")]  # fmt: skip
    # Stories bigger than that: more made-up outlets ("Kalo News 2"), each one source.
    outlets += [f"{outlets[n % 8]} {n // 8 + 1}" for n in range(8, per_story)]
    made = 0
    story = 0
    while made < articles:
        story += 1
        names: dict[str, str] = {}
        scale = rng.choice([0.5, 0.8, 1.25, 2, 3, 4])
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
        shared = rng.sample(pool, min(len(pool), 12))  # what every outlet reports
        for outlet in rng.sample(outlets, min(per_story, articles - made)):
            own = rng.sample(pool, min(len(pool), 6))
            chosen = rng.sample(shared, 8) + own
            rng.shuffle(chosen)
            paragraphs = [retell(sentence, names, scale, rng) for sentence in chosen]
            published = day + timedelta(days=rng.randint(0, 1))
            text = f"date {published.isoformat()}\n\n" + "\n\n".join(paragraphs) + "\n"
            made += 1
            yield SyntheticArticle(f"story{story:05d}-{made:06d}.txt", outlet, text, story)


class WriterWaits:
    """While an analysis runs, another connection starts an empty write transaction
    every PAUSE seconds and times how long the database makes it wait: what a verdict
    or a login would wait then (on SQLite, for the one write lock; on PostgreSQL,
    which locks rows, next to nothing). Used as a context manager."""

    PAUSE = 0.02

    def __init__(self):
        self.waits: list[float] = []
        self.failures = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.probe, name="writer waits", daemon=True)

    def __enter__(self) -> "WriterWaits":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()
        self.thread.join()

    def probe(self) -> None:
        try:
            while not self.stopped.wait(self.PAUSE):
                started = time.perf_counter()
                try:
                    with transaction.atomic():  # SQLite: BEGIN IMMEDIATE takes the lock
                        pass
                except OperationalError:  # "database is locked": a verdict would fail
                    self.failures += 1
                self.waits.append(time.perf_counter() - started)
        finally:
            connections.close_all()

    @property
    def longest_ms(self) -> float:
        return 1000 * max(self.waits, default=0.0)
