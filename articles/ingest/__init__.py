"""Turn a received file into a clean article: body text plus metadata.

Pure Python, no Django: bytes in, a ParsedArticle (or an IngestError whose message an
editor can act on) out. A file is plain text, an HTML page saved from a news site or a
JSON article, told apart by its content. The raw text is kept exactly as received; the
body is the article's text minus page furniture, each removal recorded with its kind so
the reader can show what was taken out. Every format goes through the same rules.

The rules describe how news pages are built, not any one outlet or story: the same
importer meets outlets it has never seen.

    decoding      bytes -> text (declared charset, detector, refusals)
    pages         HTML -> paragraphs (trafilatura) and the page's own metadata
    json_articles JSON -> fields (our shape, schema.org NewsArticle, common aliases)
    furniture     what is not article text, paragraph by paragraph
    cleaning      paragraphs -> body, headline, dateline, what was removed
    article       body + what the file states -> ParsedArticle, with its outlet
    datelines     "LONDON (Reuters) -" and its kin
    dates         publication dates as written
    outlets       outlet names that are names, site names, wire agencies
"""

import re
from dataclasses import replace
from datetime import date

import htmldate

from .article import Stated, build_article
from .cleaning import split_paragraphs
from .dates import written_date
from .decoding import check_size, decode_text
from .furniture import SENTENCE_END, Block, word_count
from .json_articles import parses_as_json, read_json_article
from .outlets import find_outlet_cues, web_domain
from .pages import article_blocks, looks_like_html, page_metadata, parse_tree
from .parsed import IngestError, OutletCue, ParsedArticle, Removed

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "OutletCue",
    "ParsedArticle",
    "Removed",
    "check_size",
    "find_outlet_cues",
    "read_article",
    "read_pasted_article",
    "web_domain",
]

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".json")


# --- plain text in the seeds' shape -------------------------------------------------------

DATE_HEADER = re.compile(r"\A\s*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*")
WRITTEN_DATE_HEADER = re.compile(
    r"\A\s*date[ \t:]+(?P<date>[^\n]{4,40}?)[ \t]*(?:\n|\Z)", re.IGNORECASE
)


def parse_plain_text(text: str, stated: Stated | None = None) -> ParsedArticle:
    stated = stated or Stated()
    header = DATE_HEADER.match(text)
    if header:
        try:
            published = date.fromisoformat(header["date"])
        except ValueError:
            raise IngestError(f"the date header {header['date']!r} is not a real date") from None
        text_after = text[header.end() :]
    else:
        published, text_after = None, text
        if written := WRITTEN_DATE_HEADER.match(text):  # "date 25/03/2024", "Date: March 5, 2024"
            published = written_date(written["date"], whole=True)
    blocks = [Block(paragraph) for paragraph in split_paragraphs(text_after)]
    if header and not blocks:
        raise IngestError("no article text: there is only a date line")
    return build_article(
        blocks, raw_text=text, stated=replace(stated, published=stated.published or published)
    )


# --- HTML saved from a news site -----------------------------------------------------------


def parse_html(page: str) -> ParsedArticle:
    """The article in a saved page, found by trafilatura, then cleaned like any text."""
    tree = parse_tree(page)
    if tree is None:
        raise IngestError("no article text found in the HTML")
    blocks = article_blocks(page, tree)
    if not has_sentences(blocks):
        raise IngestError(refusal_for_page(tree))
    metadata = page_metadata(tree, page)
    published = metadata.published or page_date(page)
    return build_article(
        blocks,
        raw_text=page,
        structured=True,
        stated=Stated(
            headline=metadata.headline,
            published=published,
            author=metadata.author,
            url=metadata.url,
            site=metadata.site_name,
            credits=tuple(metadata.credits),
        ),
    )


def page_date(page: str) -> date | None:
    """The date htmldate reads in a page that states none in its metadata: the original
    date, not the last update, and never one guessed from a copyright year."""
    try:
        found = htmldate.find_date(page, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None
    return date.fromisoformat(found) if found else None


def has_sentences(blocks: list[Block]) -> bool:
    """Article text reads in sentences, or at least in lines of several words (a results
    table, a calendar); a menu or a search form is a list of one- and two-word links."""
    if any(word_count(block.text) >= 4 and SENTENCE_END.search(block.text) for block in blocks):
        return True
    lines = [block for block in blocks if word_count(block.text) >= 4]
    return len(lines) >= 5 and sum(word_count(block.text) for block in lines) >= 40


def refusal_for_page(tree) -> str:
    """Why a page gives no article: nothing readable at all, or text that is not an article."""
    for element in tree.xpath("//script | //style | //noscript | //template"):
        element.drop_tree()
    words = len(re.findall(r"[^\W\d_]+", tree.text_content()))
    if words == 0:
        return "no article text found in the HTML: the page is empty"
    return (
        f"no article text found in the HTML: its {words} word{'s' if words != 1 else ''} are "
        "menus, links and labels, not an article (no paragraph of sentences)"
    )


# --- JSON ------------------------------------------------------------------------------------


def parse_json(text: str) -> ParsedArticle:
    fields = read_json_article(text)
    return build_article(
        [Block(paragraph) for paragraph in split_paragraphs(fields.body)],
        raw_text=text,
        stated=Stated(
            headline=fields.headline,
            dateline=fields.dateline,
            published=fields.published,
            author=fields.author,
            url=fields.url,
            outlet=fields.outlet,
            site=fields.site,
            via=fields.via,
            credits=fields.credits,
        ),
    )


# --- entry points -----------------------------------------------------------------------------


def read_article(data: bytes, *, name: str, max_bytes: int) -> ParsedArticle:
    """Parse one received file. Raises IngestError with a one-line reason.

    The content decides the format, not the name: a page saved as .txt is read
    as HTML. Only a .json name insists, so a broken JSON file says where it broke.
    """
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        raise IngestError(f"unsupported file type {suffix or '(none)'!r}; import {supported}")
    text = decode_text(data, max_bytes=max_bytes)
    if suffix == ".json" or parses_as_json(text):
        return parse_json(text)
    if looks_like_html(text):
        return parse_html(text)
    return parse_plain_text(text)


def read_pasted_article(
    text: str,
    *,
    outlet: str,
    published: date | None,
    headline: str = "",
    url: str = "",
    max_bytes: int,
) -> ParsedArticle:
    """Article text an editor pasted, with the metadata they typed beside it.

    The same size limit as a file, and the same cleaning: what the editor
    states wins over what the text suggests, as with a JSON article's fields.
    """
    check_size(len(text.encode("utf-8")), max_bytes=max_bytes, what="the text")
    if not text.strip():
        raise IngestError("the text is empty")
    headline, url = " ".join(headline.split()), url.strip()
    if url and not web_domain(url):
        raise IngestError(f"the URL is not a web address (http or https): {url!r}")
    return parse_plain_text(
        text,
        Stated(headline=headline, published=published, url=url, outlet=" ".join(outlet.split())),
    )
