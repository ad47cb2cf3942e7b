"""How well the importer reads saved pages, against hand-checked text (no database).

Scores a folder of pages against a ground-truth file in the shape of the public
article-extraction benchmark (github.com/scrapinghub/article-extraction-benchmark):
{"<page id>": {"articleBody": "...", "url": "...", "headline"?: "...", "outlet"?: "..."}},
pages saved as <page id>.html (or .html.gz, as the benchmark stores them).

    body token F1     words of the body against the hand-checked text, page by page,
                      averaged over every page (a refused page scores 0)
    shingle F1        the benchmark's own measure (4-word shingles), for comparison
    headline right    equal to the page's own headline: og:title, JSON-LD headline or h1,
                      with or without a site-name part; or to the truth's "headline"
    outlet right      the outlet the article is filed under has one of the names the
                      truth (or the outlets file) accepts for the page
    stored as markup  bodies that are mostly tags, style sheets or script
    cut short         pages where a "more stories" cut took away hand-checked text
                      (5% of its words or more)
"""

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from .ingest import IngestError, ParsedArticle, read_article
from .ingest.furniture import is_code
from .ingest.outlets import guessed_outlet, outlet_key, stated_outlet

TOKEN = re.compile(r"\w+")
CUT_SHORT = 0.05  # of the hand-checked words, lost to a "more stories" cut


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def token_f1(truth: str, found: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the body's words against the hand-checked words."""
    true, guess = Counter(tokens(truth)), Counter(tokens(found))
    if not true and not guess:
        return 1.0, 1.0, 1.0
    shared = sum((true & guess).values())
    if not shared:
        return 0.0, 0.0, 0.0
    precision, recall = shared / sum(guess.values()), shared / sum(true.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def shingles(text: str, size: int = 4) -> Counter:
    words = tokens(text)
    return Counter(tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))


def shingle_counts(truth: str, found: str) -> tuple[float, float, float]:
    """The benchmark's (tp, fp, fn) over 4-word shingles, normalised to sum to 1."""
    true, guess = shingles(truth), shingles(found)
    tp = sum((true & guess).values())
    fp = sum((guess - true).values())
    fn = sum((true - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_f1(counts: list[tuple[float, float, float]]) -> float:
    """The benchmark's F1: of the mean precision and the mean recall over pages."""

    def ratio(part: float, other: float) -> float:
        return 1.0 if part + other == 0 else part / (part + other)

    precision = statistics.mean(ratio(tp, fp) for tp, fp, fn in counts if tp + fp > 0)
    recall = statistics.mean(ratio(tp, fn) for tp, fp, fn in counts if tp + fn > 0)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- the page's own headline, read independently of the importer ----------------------------

SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")


def normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold().strip(" .")


def squashed(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold()).removeprefix("the")


def page_headlines(page: str, *, site_names: list[str], url: str = "") -> set[str]:
    """The page's own headline in every form it gives it: og:title, JSON-LD headline, h1;
    a part of it that is the site's name (by its site-name tag, its outlet's accepted
    names or its web address) set apart by " | ", " - " and the like is not the headline."""
    try:
        tree = lxml.html.document_fromstring(re.sub(r"\A[\s\ufeff]*<\?xml[^>]*\?>", "", page))
    except (etree.ParserError, ValueError):
        return set()
    titles = list(tree.xpath('//meta[@property="og:title"]/@content'))
    titles += [h1.text_content() for h1 in tree.xpath("//h1")]
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            stack = [json.loads(script.text_content() or "", strict=False)]
        except ValueError:
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("headline"), str):
                    titles.append(item["headline"])
                if "@graph" in item:
                    stack.append(item["@graph"])
    names = [*site_names, *tree.xpath('//meta[@property="og:site_name"]/@content')]
    host = (re.match(r"https?://(?:www\.)?([^/:]+)", url) or [None, ""])[1]
    sites = {squashed(name) for name in names if squashed(name)}
    sites |= {squashed(host), squashed(host.split(".")[0])} - {""}
    forms = set()
    for title in titles:
        parts = SEPARATORS.split(" ".join(title.split()))
        separators = SEPARATORS.findall(" ".join(title.split()))
        while len(parts) > 1 and squashed(parts[-1]) in sites:
            parts.pop()
            separators.pop()
        while len(parts) > 1 and squashed(parts[0]) in sites:
            parts.pop(0)
            separators.pop(0)
        text = parts[0] + "".join(
            sep + part for sep, part in zip(separators, parts[1:], strict=True)
        )
        forms.add(normal(text))
    return {form for form in forms if form}


# --- one page ----------------------------------------------------------------------------


@dataclass
class PageScore:
    page: str
    url: str
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    shingles: tuple[float, float, float] = (0.0, 0.0, 1.0)
    refused: str = ""
    markup: bool = False
    cut_short: bool = False
    headline: str = ""
    headline_right: bool | None = None
    outlet: str = ""
    outlet_right: bool | None = None
    removed_truth: dict[str, float] = field(default_factory=dict)  # kind -> share of truth words


def filed_outlet(article: ParsedArticle) -> str:
    """The outlet an empty newsroom would file the article under (no known domains yet)."""
    return stated_outlet(article.outlet_cues) or guessed_outlet(article.outlet_cues)


def stored_as_markup(body: str) -> bool:
    paragraphs = [paragraph for paragraph in body.split("\n\n") if paragraph.strip()]
    code = sum(1 for paragraph in paragraphs if is_code(paragraph))
    return bool(paragraphs) and (
        code * 5 >= len(paragraphs) or bool(re.search(r"</?(?:div|p|span|script|style)\b", body))
    )


def score_page(
    page_id: str,
    data: bytes,
    truth: dict,
    *,
    outlets: list[str],
    read: Callable[[bytes, str], ParsedArticle],
) -> PageScore:
    score = PageScore(page=page_id, url=truth.get("url", ""))
    expected = truth.get("articleBody", "")
    try:
        article = read(data, f"{page_id}.html")
    except IngestError as error:
        score.refused = str(error)
        score.shingles = shingle_counts(expected, "")
        score.headline_right = False
        score.outlet_right = False if outlets else None
        return score
    score.precision, score.recall, score.f1 = token_f1(expected, article.body)
    score.shingles = shingle_counts(expected, article.body)
    score.markup = stored_as_markup(article.body)
    truth_words = Counter(tokens(expected))
    total = sum(truth_words.values()) or 1
    in_body = Counter(tokens(article.body))
    for removed in article.boilerplate:
        words = Counter(tokens(removed.text))
        lost = sum(((truth_words - in_body) & words).values()) / total
        if lost > 0:
            score.removed_truth[removed.kind] = score.removed_truth.get(removed.kind, 0.0) + lost
    score.cut_short = score.removed_truth.get("more stories block", 0.0) >= CUT_SHORT
    score.headline = article.headline
    text = data.decode("utf-8", "replace")
    expected_headlines = (
        {normal(truth["headline"])}
        if truth.get("headline")
        else page_headlines(text, site_names=outlets, url=score.url)
    )
    if expected_headlines:
        score.headline_right = normal(article.headline) in expected_headlines
    score.outlet = filed_outlet(article)
    if outlets:
        score.outlet_right = bool(score.outlet) and outlet_key(score.outlet) in {
            outlet_key(name) for name in outlets
        }
    return score


def page_bytes(folder: Path, page_id: str) -> bytes | None:
    for name in (f"{page_id}.html", f"{page_id}.htm"):
        if (folder / name).is_file():
            return (folder / name).read_bytes()
    if (folder / f"{page_id}.html.gz").is_file():
        return gzip.decompress((folder / f"{page_id}.html.gz").read_bytes())
    return None


def accepted_outlets(page_id: str, truth: dict, outlet_truth: dict) -> list[str]:
    value = truth.get("outlet") or outlet_truth.get(page_id) or []
    return [value] if isinstance(value, str) else list(value)


def importer(max_bytes: int) -> Callable[[bytes, str], ParsedArticle]:
    return lambda data, name: read_article(data, name=name, max_bytes=max_bytes)


def plain_trafilatura(data: bytes, name: str) -> ParsedArticle:
    """The baseline: trafilatura's own text, title and site name, nothing of ours."""
    import trafilatura

    from .ingest.parsed import STATED, OutletCue

    document = trafilatura.bare_extraction(
        data.decode("utf-8", "replace"), with_metadata=True, include_comments=False
    )
    if document is None or not (document.text or "").strip():
        raise IngestError("trafilatura found no text")
    site = document.sitename or ""
    return ParsedArticle(
        body=document.text,
        raw_text="",
        headline=document.title or "",
        outlet_cues=(OutletCue(site, "", STATED),) if site else (),
    )


@dataclass
class Report:
    pages: list[PageScore]

    def figures(self) -> dict[str, float | int]:
        pages = self.pages
        headlines = [page.headline_right for page in pages if page.headline_right is not None]
        outlets = [page.outlet_right for page in pages if page.outlet_right is not None]
        accepted = [page for page in pages if not page.refused]
        return {
            "pages": len(pages),
            "refused": sum(1 for page in pages if page.refused),
            "body token F1": statistics.mean(page.f1 for page in pages),
            "body token precision": statistics.mean(page.precision for page in pages),
            "body token recall": statistics.mean(page.recall for page in pages),
            "body token F1 of pages read": statistics.mean(page.f1 for page in accepted)
            if accepted
            else 0.0,
            "shingle F1 (the benchmark's measure)": shingle_f1([page.shingles for page in pages]),
            "pages stored as markup": sum(1 for page in pages if page.markup),
            "pages cut short by our rules": sum(1 for page in pages if page.cut_short),
            "headline right": statistics.mean(map(float, headlines)) if headlines else float("nan"),
            "headlines judged": len(headlines),
            "outlet name right": statistics.mean(map(float, outlets)) if outlets else float("nan"),
            "outlets judged": len(outlets),
        }

    def removed_truth_by_kind(self) -> dict[str, tuple[int, float]]:
        """kind -> (pages where it took hand-checked words, mean share on those pages)."""
        shares: dict[str, list[float]] = {}
        for page in self.pages:
            for kind, share in page.removed_truth.items():
                shares.setdefault(kind, []).append(share)
        return {
            kind: (len(values), statistics.mean(values)) for kind, values in sorted(shares.items())
        }


def evaluate_folder(
    folder: Path,
    truth: dict,
    *,
    outlet_truth: dict,
    read: Callable[[bytes, str], ParsedArticle],
    missing: Callable[[str], None] = lambda page_id: None,
) -> Report:
    scores = []
    for page_id in sorted(truth):
        data = page_bytes(folder, page_id)
        if data is None:
            missing(page_id)
            continue
        scores.append(
            score_page(
                page_id,
                data,
                truth[page_id],
                outlets=accepted_outlets(page_id, truth[page_id], outlet_truth),
                read=read,
            )
        )
    return Report(scores)
