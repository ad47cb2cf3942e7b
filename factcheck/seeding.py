"""A busy workbench in a minute: stories, articles, claims, evidence and verdicts,
written with bulk inserts, for load tests (`manage.py seed_load`, `factcheck.loadtest`).

The articles are the synthetic corpus of factcheck.benchmark (the seeds' sentences
recombined into many made-up stories). Nothing goes through the engine: each
sentence of an article is a claim, the same sentence in another outlet's article
of its story backs it, other sentences of the story are related, and a few
contradict. The shapes are the ones a desk sees: about 60 outlets, six articles a
story, 13 claims an article, 8 passages a claim, some claims decided by one editor
or two, a few published, a few set aside as not a claim.
"""

import hashlib
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import batched, groupby
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from articles.ingest.outlets import outlet_key
from articles.models import Article, Outlet, Story

from .benchmark import SyntheticArticle, invented_word, synthetic_corpus
from .models import (
    Claim,
    Kind,
    NotAClaim,
    NotAClaimAction,
    Publication,
    PublicationAction,
    Relation,
    Status,
    Verdict,
)
from .services import insert_evidence_values

OUTLETS = 60
ARTICLES_A_STORY = 6
CLAIMS_AN_ARTICLE = 13
PASSAGES_A_CLAIM = 8
DECIDED = 0.12  # claims with a verdict
DECIDED_TWICE = 0.25  # of those, a second editor's verdict after the first
PUBLISHED = 0.10  # of the decided claims
SET_ASIDE = 0.005  # pending claims marked not a claim
CONTRADICTED = 0.04  # claims with a passage that contradicts them
STORIES_A_TRANSACTION = 100
OUTLET_KINDS = ["News", "Post", "Times", "Herald", "Daily", "Tribune", "Courier", "Gazette"]
HEADER = re.compile(r"\A\s*date (\d{4}-\d{2}-\d{2})\s*")
QUOTE = re.compile(r"[“”\"]")
DIGIT = re.compile(r"\d")


class DatabaseNotEmpty(Exception):
    """Seeding would mix made-up articles with the ones already here."""


@dataclass
class SeededWorkbench:
    """What seed_workbench wrote."""

    outlets: int = 0
    stories: int = 0
    articles: int = 0
    claims: int = 0
    evidence: int = 0
    verdicts: int = 0
    published: int = 0
    set_aside: int = 0
    editors: list[str] = field(default_factory=list)


def seed_workbench(
    *,
    articles: int,
    editors: int,
    password: str,
    seed: int = 1,
    folder: Path | None = None,
    into_non_empty: bool = False,
) -> SeededWorkbench:
    """Fill the database with `articles` made-up articles in stories, their claims,
    evidence and verdicts, and `editors` Editors (editor01, editor02 ...) who log in
    with `password`. Refuses (DatabaseNotEmpty) a database that holds articles, unless
    into_non_empty."""
    if articles < 1 or editors < 1:
        raise ValueError("seed at least one article and one editor")
    if Article.objects.exists() and not into_non_empty:
        raise DatabaseNotEmpty(
            f"the database already holds {Article.objects.count()} articles; seed an empty "
            "one, so made-up articles never mix with real ones"
        )
    rng = random.Random(seed)
    seeded = SeededWorkbench()
    reviewers = seed_editors(editors, password)
    seeded.editors = [user.username for user in reviewers]
    outlets = seed_outlets(rng, OUTLETS)
    seeded.outlets = len(outlets)
    corpus = synthetic_corpus(
        folder or settings.BASE_DIR / "seeds", articles, per_story=ARTICLES_A_STORY, seed=seed
    )
    stories = (list(told) for _, told in groupby(corpus, key=lambda item: item.story))
    for chunk in batched(stories, STORIES_A_TRANSACTION):
        with transaction.atomic():
            seed_stories(chunk, outlets=outlets, reviewers=reviewers, rng=rng, seeded=seeded)
    if connection.vendor == "postgresql":
        # The statistics autovacuum would gather within minutes of a bulk load: without
        # them the planner guesses, and a load test would measure its guesses.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return seeded


def seed_editors(count: int, password: str) -> list:
    """editor01 ... in the Editors group, all with this password (hashed once)."""
    User = get_user_model()
    hashed = make_password(password)
    users = []
    for number in range(1, count + 1):
        user, _ = User.objects.update_or_create(
            username=f"editor{number:02d}", defaults={"password": hashed}
        )
        users.append(user)
    Group.objects.get(name="Editors").user_set.add(*users)
    return users


def seed_outlets(rng: random.Random, count: int) -> list[Outlet]:
    """`count` made-up outlets; those already here (seeded before) are reused."""
    names: set[str] = set()
    while len(names) < count:
        names.add(f"{invented_word(rng)} {rng.choice(OUTLET_KINDS)}")
    keys = {outlet_key(name): name for name in sorted(names)}
    here = list(Outlet.objects.filter(key__in=keys))
    made = [
        Outlet(name=name, slug=slugify(name), key=key)
        for key, name in keys.items()
        if key not in {outlet.key for outlet in here}
    ]
    return here + Outlet.objects.bulk_create(made)


@dataclass
class Sentence:
    """A paragraph of a seeded article (each is one sentence) and where it stands."""

    text: str
    start: int


@dataclass
class SeededArticle:
    article: Article
    sentences: list[Sentence]


def seeded_article(item: SyntheticArticle, outlet: Outlet, story: Story) -> SeededArticle:
    match = HEADER.match(item.text)
    body = item.text[match.end() :].rstrip() if match else item.text.strip()
    sentences, start = [], 0
    for paragraph in body.split("\n\n"):
        sentences.append(Sentence(paragraph, start))
        start += len(paragraph) + 2
    article = Article(
        outlet=outlet,
        story=story,
        headline=Truncator(sentences[0].text.rstrip(".")).words(10),
        published=date.fromisoformat(match[1]) if match else None,
        body=body,
        raw_text=item.text,
        source=item.name,
        content_hash=hashlib.sha256(item.text.encode()).hexdigest(),
        analyzed_at=timezone.now(),
    )
    return SeededArticle(article, sentences)


def seed_stories(
    stories: Iterable[list[SyntheticArticle]],
    *,
    outlets: list[Outlet],
    reviewers: list,
    rng: random.Random,
    seeded: SeededWorkbench,
) -> None:
    """One transaction's stories: the rows of each table in one bulk insert."""
    told = []
    for items in stories:
        story = Story(title=Truncator(HEADER.sub("", items[0].text)).words(9))
        chosen = rng.sample(outlets, len(items))
        articles = [seeded_article(item, o, story) for item, o in zip(items, chosen, strict=True)]
        days = [a.article.published for a in articles if a.article.published]
        story.first_published, story.last_published = (
            min(days, default=None),
            max(days, default=None),
        )
        told.append(articles)
    Story.objects.bulk_create(articles[0].article.story for articles in told)
    Article.objects.bulk_create(a.article for articles in told for a in articles)

    claims = [claim for articles in told for claim in story_claims(articles, rng)]
    found = {id(claim): claim_evidence(claim, candidates, rng) for claim, candidates in claims}
    verdicts = decide(claims, reviewers, rng)
    Claim.objects.bulk_create(claim for claim, _ in claims)
    now = timezone.now()
    passages = [passage.row(claim.pk, now) for claim, _ in claims for passage in found[id(claim)]]
    insert_evidence_values(passages)
    record_decisions(claims, verdicts, reviewers, rng, seeded)

    seeded.stories += len(told)
    seeded.articles += sum(len(articles) for articles in told)
    seeded.claims += len(claims)
    seeded.evidence += len(passages)


def claim_kind(text: str) -> str:
    if QUOTE.search(text):
        return Kind.QUOTE
    if DIGIT.search(text):
        return Kind.QUANTITY
    return Kind.STATEMENT


def story_claims(
    articles: list[SeededArticle], rng: random.Random
) -> Iterator[tuple[Claim, list[tuple[Article, Sentence]]]]:
    """Each article's claims, with the other articles' sentences they may be compared to."""
    for seeded_one in articles:
        others = [(o.article, s) for o in articles if o is not seeded_one for s in o.sentences]
        count = min(CLAIMS_AN_ARTICLE, len(seeded_one.sentences))
        for sentence in sorted(rng.sample(seeded_one.sentences, count), key=lambda s: s.start):
            claim = Claim(
                article=seeded_one.article,
                text=sentence.text,
                start=sentence.start,
                end=sentence.start + len(sentence.text),
                kind=claim_kind(sentence.text),
            )
            yield claim, others


class Passage(NamedTuple):
    """An evidence row but its claim (not yet written) and its time, cheaper to build by
    the million than an Evidence instance."""

    article_id: int
    start: int
    end: int
    text: str
    relation: str
    score: float
    reasons: str  # JSON
    highlights: str  # JSON
    rank: int

    def row(self, claim_id: int, found_at) -> tuple:
        """The values in services.INSERT_COLUMNS' order."""
        return (claim_id, *self[:3], self.text, self.relation, self.score, self.reasons,
                self.highlights, self.rank, found_at)  # fmt: skip


def claim_evidence(
    claim: Claim, candidates: list[tuple[Article, Sentence]], rng: random.Random
) -> list[Passage]:
    """Up to eight passages: the same sentence in other outlets backs the claim, the
    rest are related, and now and then one contradicts it. Sets the claim's suggestion."""
    same = [(a, s) for a, s in candidates if s.text == claim.text]
    different = [(a, s) for a, s in candidates if s.text != claim.text]
    chosen = same[:PASSAGES_A_CLAIM]
    chosen += rng.sample(different, min(len(different), PASSAGES_A_CLAIM - len(chosen)))
    contradicted = bool(different) and rng.random() < CONTRADICTED
    passages = []
    for rank, (article, sentence) in enumerate(chosen):
        backs = sentence.text == claim.text
        relation = Relation.SUPPORTS if backs else Relation.RELATED
        if contradicted and not backs:
            relation, contradicted = Relation.CONTRADICTS, False
        score = round(rng.uniform(0.8, 1.0) if backs else rng.uniform(0.2, 0.6), 3)
        end = sentence.start + len(sentence.text)
        # JSON written by hand: a million json.dumps calls cost a tenth of the seeding.
        reasons = f'["{{article:{article.pk}}} {relation.label.lower()} it"]'
        highlights = f"[[0, {len(sentence.text)}]]" if backs else "[]"
        passages.append(
            Passage(article.pk, sentence.start, end, sentence.text, relation.value, score,
                    reasons, highlights, rank)
        )  # fmt: skip
    suggest(claim, [passage.relation for passage in passages])
    return passages


def suggest(claim: Claim, relations: list[str]) -> None:
    """The claim's suggested status and reasons, from its passages' relations."""
    if Relation.CONTRADICTS in relations:
        claim.suggested_status = Status.DISPUTED
        claim.reasons = ["another outlet contradicts it"]
    elif relations.count(Relation.SUPPORTS) >= 2:
        claim.suggested_status = Status.CONFIRMED
        claim.reasons = ["other outlets back every one of its facts"]
    else:
        claim.suggested_status = Status.UNSOURCED
        claim.reasons = ["no other outlet backs it"]


def decide(claims: list[tuple[Claim, list]], reviewers: list, rng: random.Random) -> list[Verdict]:
    """Verdicts on some claims (one editor's, or two editors' in turn), each claim's
    status its newest verdict's; a few pending claims set aside as not a claim."""
    verdicts = []
    for claim, _ in claims:
        if rng.random() < DECIDED:
            twice = rng.random() < DECIDED_TWICE
            for editor in rng.sample(reviewers, min(len(reviewers), 2 if twice else 1)):
                status = rng.choice(Status.values)
                verdicts.append(
                    Verdict(claim=claim, status=status, previous_status=claim.status,
                            reviewer=editor, note=f"Checked by {editor.username}.")
                )  # fmt: skip
                claim.status = status
        elif rng.random() < SET_ASIDE:
            claim.not_a_claim = True
    return verdicts


def record_decisions(
    claims: list[tuple[Claim, list]],
    verdicts: list[Verdict],
    reviewers: list,
    rng: random.Random,
    seeded: SeededWorkbench,
) -> None:
    """The verdicts, publications of some decided claims, and not-a-claim records."""
    Verdict.objects.bulk_create(verdicts)
    newest = {verdict.claim_id: verdict for verdict in verdicts}
    published = [
        Publication(
            claim_id=claim_id,
            action=PublicationAction.PUBLISHED,
            verdict=verdict,
            editor=verdict.reviewer,
        )
        for claim_id, verdict in newest.items()
        if rng.random() < PUBLISHED
    ]
    Publication.objects.bulk_create(published)
    set_aside = [
        NotAClaim(claim=claim, action=NotAClaimAction.MARKED, editor=rng.choice(reviewers))
        for claim, _ in claims
        if claim.not_a_claim
    ]
    NotAClaim.objects.bulk_create(set_aside)
    seeded.verdicts += len(verdicts)
    seeded.published += len(published)
    seeded.set_aside += len(set_aside)
