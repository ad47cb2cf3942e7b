"""The development corpus on disk: events, their articles and annotations.

tests/data/corpus/README.md says what an event folder holds. This module reads
one into plain objects (article bodies cleaned by the importer, exactly as the
product would store them) and says, in one line each, what is wrong with an
annotation. Scoring lives in factcheck.engine.evaluation.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from articles.ingest import IngestError, read_article

MAX_ARTICLE_BYTES = 10**6
TRAP_KINDS = {
    "scope", "other-event-date", "role", "money-kinds", "range", "deadline", "name-number",
    "approximation", "tiers", "phase", "other",
}  # fmt: skip
CONFLICT_KINDS = {
    "figure", "qualifier", "date", "time", "duration", "count-of-things", "exclusion",
    "place-list", "superlative", "attribution", "other",
}  # fmt: skip


class CorpusError(ValueError):
    """An event folder that cannot be scored; the message lists every problem."""


@dataclass(frozen=True)
class CorpusArticle:
    key: str  # "<event>/<file>", unique in the corpus
    outlet: str
    story: str  # "<event>/<story>", unique in the corpus
    body: str
    published: object  # datetime.date or None
    headline: str = ""


@dataclass(frozen=True)
class Mention:
    id: str
    article: str  # CorpusArticle.key
    span: tuple[int, int]  # of the sentence in the article body
    says: tuple[int, int]  # of the words stating the fact, in the body
    fact: str
    vague: bool = False


@dataclass
class Event:
    slug: str
    split: str
    articles: list[CorpusArticle] = field(default_factory=list)
    mentions: dict[str, Mention] = field(default_factory=dict)
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # (a, b, kind)
    traps: list[tuple[str, str, str]] = field(default_factory=list)


def load_manifest(root: Path) -> dict[str, str]:
    """Event slug -> split ("dev" or "heldout")."""
    try:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        return {slug: entry["split"] for slug, entry in manifest["events"].items()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CorpusError(f"{root / 'manifest.json'}: cannot read the manifest ({error})") from None


def load_corpus(root: Path, *, split: str = "all", events: list[str] | None = None) -> list[Event]:
    """Every event of the split whose folder exists, loaded and checked."""
    loaded = []
    for slug, event_split in load_manifest(root).items():
        if split != "all" and event_split != split:
            continue
        if events and slug not in events:
            continue
        if (root / slug / "annotation.json").exists():
            loaded.append(load_event(root / slug, split=event_split))
    return loaded


def load_event(folder: Path, *, split: str = "dev") -> Event:
    problems: list[str] = []
    try:
        annotation = json.loads((folder / "annotation.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CorpusError(f"{folder}/annotation.json: {error}") from None
    event = Event(slug=folder.name, split=split)
    stories = set(annotation.get("stories", {}))
    if "main" not in stories:
        problems.append("stories: there is no 'main' story")
    bodies: dict[str, str] = {}
    outlets: dict[str, str] = {}
    listed = set()
    for entry in annotation.get("articles", []):
        name = entry.get("file", "")
        listed.add(name)
        key = f"{folder.name}/{name}"
        if entry.get("story") not in stories:
            problems.append(f"article {name}: story {entry.get('story')!r} is not in stories")
        if not entry.get("outlet"):
            problems.append(f"article {name}: no outlet")
        try:
            parsed = read_article(
                (folder / name).read_bytes(), name=name, max_bytes=MAX_ARTICLE_BYTES
            )
        except (OSError, IngestError) as error:
            problems.append(f"article {name}: {error}")
            continue
        bodies[name] = parsed.body
        outlets[name] = entry.get("outlet", "")
        event.articles.append(
            CorpusArticle(
                key=key,
                outlet=entry.get("outlet", ""),
                story=f"{folder.name}/{entry.get('story')}",
                body=parsed.body,
                published=parsed.published,
                headline=parsed.headline,
            )
        )
    for path in sorted(folder.glob("*.txt")):
        if path.name not in listed:
            problems.append(f"file {path.name} is not listed in articles")

    fact_story = {}
    for fact in annotation.get("facts", []):
        if fact.get("id") in fact_story:
            problems.append(f"fact {fact.get('id')}: listed twice")
        if fact.get("story") not in stories:
            problems.append(f"fact {fact.get('id')}: story {fact.get('story')!r} unknown")
        fact_story[fact.get("id")] = fact.get("story")
    story_of = {entry.get("file"): entry.get("story") for entry in annotation.get("articles", [])}

    for entry in annotation.get("mentions", []):
        problem = add_mention(event, entry, bodies, fact_story, story_of)
        if problem:
            problems.append(f"mention {entry.get('id')}: {problem}")

    for group, kinds, same_fact in (
        ("conflicts", CONFLICT_KINDS, True),
        ("traps", TRAP_KINDS, False),
    ):
        for number, pair in enumerate(annotation.get(group, []), 1):
            problem = check_pair(event, pair, kinds, same_fact, outlets)
            if problem:
                problems.append(f"{group} #{number} {pair.get('mentions')}: {problem}")
                continue
            first, second = pair["mentions"]
            getattr(event, group).append((first, second, pair["kind"]))

    for entry in annotation.get("skipped", []):
        body = bodies.get(entry.get("article"), "")
        if entry.get("text") and entry["text"] not in body:
            problems.append(f"skipped {entry.get('text', '')[:50]!r}: not in the article body")
    if problems:
        raise CorpusError(f"{folder}:\n  " + "\n  ".join(problems))
    return event


def add_mention(event: Event, entry: dict, bodies, fact_story, story_of) -> str:
    """Add one mention to the event, or say what is wrong with it."""
    mention_id, name = entry.get("id"), entry.get("article")
    if not mention_id or mention_id in event.mentions:
        return "no id, or an id used twice"
    if name not in bodies:
        return f"article {name!r} is not a readable listed article"
    text, says = entry.get("text", ""), entry.get("says", "")
    start = bodies[name].find(text) if text else -1
    if start < 0:
        return f"text not found in the article body: {text[:70]!r}"
    inside = text.find(says) if says else -1
    if inside < 0:
        return f"says {says!r} is not in its text"
    if entry.get("fact") not in fact_story:
        return f"fact {entry.get('fact')!r} is not in facts"
    if fact_story[entry["fact"]] != story_of.get(name):
        return f"fact {entry['fact']!r} belongs to another story than article {name}"
    event.mentions[mention_id] = Mention(
        id=mention_id,
        article=f"{event.slug}/{name}",
        span=(start, start + len(text)),
        says=(start + inside, start + inside + len(says)),
        fact=entry["fact"],
        vague=bool(entry.get("vague")),
    )
    return ""


def check_pair(event: Event, pair: dict, kinds: set[str], same_fact: bool, outlets) -> str:
    ids = pair.get("mentions")
    if not isinstance(ids, list) or len(ids) != 2:
        return "needs exactly two mention ids"
    if pair.get("kind") not in kinds:
        return f"kind {pair.get('kind')!r} is not one of {', '.join(sorted(kinds))}"
    if missing := [mention for mention in ids if mention not in event.mentions]:
        return f"unknown mentions {missing}"
    first, second = (event.mentions[mention] for mention in ids)
    name_of = {first.article: first.article.split("/", 1)[1]}
    name_of[second.article] = second.article.split("/", 1)[1]
    if outlets.get(name_of[first.article]) == outlets.get(name_of[second.article]):
        return "both mentions are in articles of one outlet"
    if same_fact and first.fact != second.fact:
        return "a conflict is between two mentions of the same fact"
    approximation = pair.get("kind") == "approximation"
    if not same_fact and approximation and first.fact != second.fact:
        return "an approximation trap is two consistent mentions of the same fact"
    if not same_fact and not approximation and first.fact == second.fact:
        return "a trap is between mentions of different facts (same fact: is it a conflict?)"
    return ""


def describe(event: Event) -> str:
    """A short inventory for the annotator: what the folder holds."""
    outlets = {article.outlet for article in event.articles}
    stories = {article.story for article in event.articles}
    trap_kinds = sorted({kind for _, _, kind in event.traps})
    conflict_kinds = sorted({kind for _, _, kind in event.conflicts})
    return (
        f"{event.slug}: {len(event.articles)} articles, {len(outlets)} outlets, "
        f"{len(stories)} stories, {len(event.mentions)} mentions, "
        f"{len(event.conflicts)} conflicts ({', '.join(conflict_kinds) or 'none'}), "
        f"{len(event.traps)} traps ({', '.join(trap_kinds) or 'none'})"
    )
