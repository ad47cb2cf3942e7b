"""A story's articles in, each article's claims with evidence and a suggested
status out. Plain dataclasses both ways; the Django layer stores the result."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .claims import Passage, read_passages, source_family
from .evidence import Indexed, Link, StoryIndex, find_evidence
from .stance import checkable_facts, quoted


@dataclass(frozen=True)
class ArticleText:
    id: int | str
    source: str  # articles with the same source never back each other
    body: str
    published: date | None = None  # relative dates ("Wednesday") are read against it


@dataclass(frozen=True)
class Suggestion:
    status: str  # confirmed, disputed or unsourced
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class AnalyzedClaim:
    claim: Passage
    evidence: tuple[Link, ...]
    suggestion: Suggestion


def analyze_story(articles: Sequence[ArticleText]) -> dict[int | str, list[AnalyzedClaim]]:
    """Claims of every article, each checked against the story's other outlets."""
    around = story_date(articles)
    index = StoryIndex(
        [
            Indexed.of(article.id, article.source, passage)
            for article in articles
            for passage in read_passages(article.body, article.published, around)
        ]
    )
    result: dict[int | str, list[AnalyzedClaim]] = {article.id: [] for article in articles}
    for item in index.items:
        if item.passage.check_worthy:
            evidence = tuple(find_evidence(item, index))
            suggestion = suggest(item.passage, evidence)
            result[item.article_id].append(AnalyzedClaim(item.passage, evidence, suggestion))
    return result


def story_date(articles: Sequence[ArticleText]) -> date | None:
    """The middle of the days a story's dated articles were published: an undated
    article's "Aug. 2" is read in that year."""
    days = sorted(article.published for article in articles if article.published)
    return days[len(days) // 2] if days else None


def outlet(article_id) -> str:
    """A reference to an article's outlet, named when shown: an outlet renamed later is
    shown by its new name (see factcheck.reasons)."""
    return f"{{article:{article_id}}}"


def suggest(claim: Passage, evidence: Sequence[Link]) -> Suggestion:
    """Disputed when another outlet contradicts it; confirmed when other outlets back
    every one of its checkable facts; unsourced otherwise, naming what nobody backs."""
    contradicting = [link for link in evidence if link.relation == "contradicts"]
    backing = [link for link in evidence if link.relation == "supports"]
    if contradicting:
        reasons = [f"{outlet(link.article_id)}: {link.reasons[0]}" for link in contradicting]
        if backing:
            reasons.append(f"backed by {names(backing)}")
        return Suggestion("disputed", tuple(dict.fromkeys(reasons)))
    facts = [fact.text for fact in checkable_facts(claim.facts)]
    backed = {fact for link in backing for fact in link.backs}
    unbacked = [fact for fact in facts if fact not in backed]
    if backing and not unbacked:
        reasons = [f"backed by {names(backing)}"]
        reasons += [f"{outlet(link.article_id)}: {link.reasons[0]}" for link in backing[:3]]
        if note := single_source_note(claim, backing):
            reasons.append(note)
        return Suggestion("confirmed", tuple(dict.fromkeys(reasons)))
    if backing:
        missing = ", ".join(quoted(fact) for fact in unbacked)
        reasons = [f"no other outlet backs {missing}", f"backed in part by {names(backing)}"]
        reasons += [f"{outlet(link.article_id)}: {link.reasons[0]}" for link in backing[:2]]
        return Suggestion("unsourced", tuple(dict.fromkeys(reasons)))
    reasons = ["no other outlet backs it"]
    if evidence:
        reasons.append(f"related coverage only, in {names(evidence)}")
    return Suggestion("unsourced", tuple(reasons))


def names(links: Sequence[Link]) -> str:
    """Each outlet once: the first of its articles stands for it."""
    first_of_source = {}
    for link in links:
        first_of_source.setdefault(link.source, link.article_id)
    return ", ".join(outlet(article_id) for article_id in first_of_source.values())


def single_source_note(claim: Passage, backing: Sequence[Link]) -> str:
    families = {source_family(claim.attribution)} | {
        source_family(link.attribution) for link in backing
    }
    if len(families) == 1 and "" not in families:
        return (
            "all backing traces to one source (the claim's own): "
            "several outlets repeating it is not independent confirmation"
        )
    return ""
