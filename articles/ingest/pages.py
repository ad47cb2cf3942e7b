"""HTML pages saved from news sites: the article's paragraphs and what the page says about it.

trafilatura (a maintained extractor) finds the article's text; we walk the structure it
keeps (headings, paragraphs, list items, table cells) so that a table layout reads as
paragraphs and a "Most read" heading is known to be a heading. The metadata comes from
what the page states for itself: its schema.org JSON-LD (with @graph), its Open Graph and
article tags, its <title>; the publication date is the article's own, never a claim's,
a revision's or a sidebar item's.
"""

import html
import json
import re
from dataclasses import dataclass, field
from datetime import date

import lxml.html
import trafilatura
from lxml import etree

from .dates import parse_date
from .furniture import Block, word_count
from .outlets import (
    NAME_SEPARATORS,
    NameSource,
    agencies_in_byline,
    domain_label,
    outlet_key,
    site_name,
    spells,
    web_domain,
    wire_agency,
)

HTML_ELEMENTS = (
    "!doctype html|html|head|body|meta|title|link|style|script|noscript|base|article|main|"
    "section|header|footer|nav|aside|div|span|p|h[1-6]|table|center|font|form|iframe|img|a|br|"
    "ul|ol|figure|template|svg|picture|button|input|b|i|strong|em"
)
HTML_START = re.compile(
    rf"""\A(?:[\s\ufeff]|<!--.*?-->|<\?xml[^>]*>)*<(?:{HTML_ELEMENTS})(?:[\s/>]|\Z)""",
    re.IGNORECASE | re.DOTALL,
)
HTML_INSIDE = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
ANY_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?>")


def looks_like_html(text: str) -> bool:
    """An HTML page, or a piece of one: it opens with a tag (a <style> or <script> too),
    has the <html>/<body> of a page near its top, or is mostly tags."""
    if HTML_START.match(text) or HTML_INSIDE.search(text[:16384]):
        return True
    tags = ANY_TAG.findall(text[:65536])
    return len(tags) >= 20 and sum(map(len, tags)) * 5 >= min(len(text), 65536)


# --- the article's paragraphs ---------------------------------------------------------------

BLOCK_TAGS = {"p", "head", "list", "item", "quote", "table", "row", "cell", "code", "div", "body"}
BLOCK_KINDS = {
    "head": "heading",
    "p": "paragraph",
    "item": "list item",
    "quote": "quote",
    "cell": "cell",
}


def inline_text(element) -> str:
    """An inline element's text, with a newline where the page broke the line (<br>)."""
    if element.tag == "lb":
        return "\n" + (element.tail or "")
    if element.tag == "graphic":
        return element.tail or ""
    inner = (element.text or "") + "".join(inline_text(child) for child in element)
    return inner + (element.tail or "")


def body_blocks(body) -> list[Block]:
    """The paragraphs of trafilatura's XML body, in order, each with what it is."""
    blocks: list[Block] = []

    def add(text: str, kind: str) -> None:
        for line in text.split("\n"):
            if line := " ".join(line.split()):
                blocks.append(Block(line, kind))

    def visit(element, kind: str) -> None:
        if not isinstance(element.tag, str) or element.tag == "graphic":
            return
        kind = BLOCK_KINDS.get(element.tag, kind)
        if element.tag == "code":
            if text := "".join(element.itertext()).strip():
                blocks.append(Block(text, "code"))
            return
        run = element.text or ""
        for child in element:
            if child.tag in BLOCK_TAGS:
                add(run, kind)
                visit(child, kind)
                run = child.tail or ""
            else:
                run += inline_text(child)
        add(run, kind)

    visit(body, "paragraph")
    return blocks


def extract_blocks(page: str, *, favor_precision: bool) -> list[Block]:
    document = trafilatura.bare_extraction(
        page,
        include_comments=False,
        favor_precision=favor_precision,
        with_metadata=False,
    )
    if document is None or document.body is None:
        return []
    return body_blocks(document.body)


TOO_SHORT_FOR_AN_ARTICLE = 50  # words


def article_blocks(page: str, tree=None) -> list[Block]:
    """The article's paragraphs: trafilatura's careful reading (it favours precision), or
    its fuller one when the careful one is too short to be an article and the fuller one
    finds several times more (a teaser kept, the story lost). Then the rest of a story
    whose page splits it into several containers around its advertisements."""
    careful = extract_blocks(page, favor_precision=True)
    words = sum(word_count(block.text) for block in careful)
    blocks = careful
    if words < TOO_SHORT_FOR_AN_ARTICLE:
        fuller = extract_blocks(page, favor_precision=False)
        if sum(word_count(block.text) for block in fuller) >= 3 * max(words, 1):
            blocks = fuller
    if blocks and tree is not None:
        blocks = blocks + continued_blocks(tree, blocks)
    return blocks


CONTENT_CLASS = re.compile(r"body|content|article|story|text|chunk|entry|post", re.IGNORECASE)


def paragraph_text(element) -> str:
    return " ".join(element.text_content().split())


def continued_blocks(tree, blocks: list[Block]) -> list[Block]:
    """Paragraphs of the same story in the containers that follow the one it ends in.

    Some pages cut an article's body into several containers of one kind (same tag,
    same class) with advertisements and asides between them; an extractor keeps the
    first. Only containers of that very kind, later in the page, are read.
    """
    last = blocks[-1].text
    found = [p for p in tree.iter("p") if paragraph_text(p) == last]
    if not found:
        return []
    container = found[-1].getparent()
    while container is not None and not CONTENT_CLASS.search(container.get("class") or ""):
        container = container.getparent()
        if container is None or container.tag in ("body", "html"):
            return []
    kind = (container.tag, container.get("class"))
    later = False
    seen = {block.text for block in blocks}
    extra: list[Block] = []
    for element in tree.iter(container.tag):
        if element is container:
            later = True
            continue
        if later and (element.tag, element.get("class")) == kind:
            for p in element.iter("p"):
                if (text := paragraph_text(p)) and text not in seen:
                    seen.add(text)
                    extra.append(Block(text))
    return extra if any(word_count(block.text) >= 20 for block in extra) else []


# --- what the page says about itself ---------------------------------------------------------

ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "satiricalarticle",
    "blogposting", "liveblogposting", "socialmediaposting", "report", "techarticle",
    "scholarlyarticle", "claimreview", "review", "discussionforumposting", "webpage",
}  # fmt: skip


def schema_types(item: dict) -> set[str]:
    value = item.get("@type", "")
    values = value if isinstance(value, list) else [value]
    return {str(name).rsplit("/", 1)[-1].casefold() for name in values if name}


def structured_data(tree) -> list[dict]:
    """Every JSON-LD object of the page, @graph and lists unrolled."""
    found: list[dict] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            value = json.loads(script.text_content() or "", strict=False)
        except (ValueError, RecursionError):
            continue
        found.extend(json_ld_objects(value))
    return found


def json_ld_objects(value, depth: int = 0) -> list[dict]:
    """The objects of a JSON-LD document: itself, its list members, its @graph."""
    if depth > 4:
        return []
    if isinstance(value, list):
        return [item for member in value for item in json_ld_objects(member, depth + 1)]
    if not isinstance(value, dict):
        return []
    graph = value.get("@graph")
    return [value, *json_ld_objects(graph, depth + 1)] if graph else [value]


def main_object(objects: list[dict]) -> dict:
    """The article the page is: a news or blog article first, a ClaimReview or web page after."""

    def rank(item: dict) -> int:
        types = schema_types(item)
        if types & (ARTICLE_TYPES - {"webpage", "claimreview", "review"}):
            return 0 if item.get("headline") or item.get("articleBody") else 1
        if types & {"claimreview", "review"}:
            return 2
        if "webpage" in types:
            return 3
        return 9

    ranked = sorted((rank(item), index) for index, item in enumerate(objects))
    return objects[ranked[0][1]] if ranked and ranked[0][0] < 9 else {}


def names_in(value) -> list[str]:
    """Names in a schema.org author/publisher value: a string, an object, or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return names_in(name) if name else []
    if isinstance(value, list):
        return [name for item in value for name in names_in(item)]
    return []


ORGANISATION_TYPES = {"organization", "newsmediaorganization"}


def organisations_in(value) -> list[str]:
    """Organisations (not people) named in a schema.org author value."""
    items = value if isinstance(value, list) else [value]
    return [
        name
        for item in items
        if isinstance(item, dict) and schema_types(item) & ORGANISATION_TYPES
        for name in names_in(item)
    ]


def people_in(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    people = []
    for item in items:
        if isinstance(item, str):
            people.append(item)
        elif isinstance(item, dict) and not schema_types(item) & ORGANISATION_TYPES:
            people.extend(names_in(item))
    return people


def plain(text) -> str:
    return " ".join(html.unescape(str(text)).split()) if text else ""


@dataclass
class PageMetadata:
    headline: str = ""
    published: date | None = None
    author: str = ""
    url: str = ""
    site_name: str = ""
    domain: str = ""
    credits: list[str] = field(default_factory=list)  # organisations credited with the article


def meta_content(tree, *names: str) -> str:
    for name in names:
        for attribute in ("property", "name", "itemprop"):
            for value in tree.xpath(f'//meta[@{attribute}="{name}"]/@content'):
                if value.strip():
                    return plain(value)
    return ""


PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "datePublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "date", "DC.date.issued",
    "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
    "article_date_original", "original-publish-date",
)  # fmt: skip


SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(?P<url>\S+?)\s*-->", re.IGNORECASE)


def saved_from(page: str) -> str:
    """The address a browser notes when it saves a page: <!-- saved from url=(0030)... -->."""
    match = SAVED_FROM.search(page[:4096])
    return match["url"] if match and web_domain(match["url"]) else ""


def page_metadata(tree, page: str = "") -> PageMetadata:
    """What the page states about its article, in its structured data and head."""
    objects = structured_data(tree)
    main = main_object(objects)
    metadata = PageMetadata()

    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    candidates = [*canonical, meta_content(tree, "og:url"), plain(main.get("url", ""))]
    candidates += [*tree.xpath("//base/@href"), saved_from(page)]
    for candidate in candidates:
        if web_domain(candidate):
            metadata.url = candidate.strip()
            break
    metadata.domain = web_domain(metadata.url)
    metadata.site_name = site_name_of(tree, main, objects, metadata.domain)
    metadata.published = published_of(tree, main)
    metadata.headline = headline_of(tree, main, metadata.site_name, metadata.domain)
    metadata.author = author_of(tree, main)
    metadata.credits = credited_organisations(tree, main)
    return metadata


def published_of(tree, main: dict) -> date | None:
    """The article's own publication date: its JSON-LD datePublished, else the page's
    publication tags. Never dateModified, a reviewed claim's date or a sidebar's <time>."""
    if main and (found := parse_date(plain(main.get("datePublished", "")))):
        return found
    if found := parse_date(meta_content(tree, *PUBLISHED_META)):
        return found
    for value in tree.xpath(
        '//*[@itemprop="datePublished"]/@datetime | //*[@itemprop="datePublished"]/@content'
    ):
        if found := parse_date(value):
            return found
    return None


def author_of(tree, main: dict) -> str:
    people = [plain(name) for name in people_in(main.get("author"))] if main else []
    people = [
        name
        for name in people
        if name and not web_domain(name) and len(name.split()) <= 6 and not wire_agency(name)
    ]
    if not people:
        author = meta_content(tree, "author", "byl", "sailthru.author", "parsely-author")
        author = re.sub(r"^[Bb]y\s+", "", author)
        if author and not web_domain(author) and "/" not in author and len(author.split()) <= 6:
            people = [author]
    return ", ".join(dict.fromkeys(people))


def title_parts(title: str) -> list[str]:
    return [part.strip() for part in NAME_SEPARATORS.split(" ".join(title.split())) if part.strip()]


STAFF = re.compile(
    r"^(?:by\s+)?(?P<name>.+?)\s+(?:editorial\s+)?staff(?:\s+reports?)?$", re.IGNORECASE
)
LOGO_WORDS = re.compile(r"\s*\b(?:logo|brand|home(?:page)?)\b\s*", re.IGNORECASE)


def site_name_of(tree, main: dict, objects: list[dict], domain: str) -> str:
    """The site's name, from every place the page states it (see outlets.site_name)."""
    sources: list[NameSource] = []
    if value := meta_content(tree, "og:site_name"):
        sources.append(NameSource(value, 3))
    publishers = names_in(main.get("publisher")) if main else []
    if not publishers:
        publishers = [
            name
            for item in objects
            if schema_types(item) & (ORGANISATION_TYPES | {"website"})
            for name in names_in(item)
        ][:1]
    sources.extend(NameSource(plain(name), 3) for name in publishers[:1])
    for name, weight in (("application-name", 2), ("apple-mobile-web-app-title", 1)):
        if value := meta_content(tree, name):
            sources.append(NameSource(value, weight))
    titles = tree.xpath("//title")
    if titles:
        title = " ".join(titles[0].text_content().split())
        parts = title_parts(title)
        if len(parts) > 1:
            sources.append(NameSource(parts[-1].removeprefix("www."), 2))
            sources.append(NameSource(parts[0], 1, only_if_spelled=True))
        if ": " in title:  # "The Space Review: Seeking a bigger role..."
            sources.append(NameSource(title.split(": ", 1)[0], 2, only_if_spelled=True))
    for logo in tree.xpath('//img[contains(@class, "logo") or contains(@src, "logo")]/@alt')[:3]:
        sources.append(NameSource(LOGO_WORDS.sub(" ", logo), 1, only_if_spelled=True))
    for author in [meta_content(tree, "author"), *(names_in(main.get("author")) if main else [])]:
        if match := STAFF.match(plain(author)):  # "Practical Horseman Editorial Staff"
            sources.append(NameSource(match["name"], 1, only_if_spelled=True))
    return site_name(sources, domain)


BYLINE_ELEMENTS = (
    '//*[@rel="author" or @itemprop="author" or contains(@class, "byline")'
    ' or contains(@class, "author") or contains(@class, "attribution")]'
)


def credited_organisations(tree, main: dict) -> list[str]:
    """Wire agencies the page credits with its article: in its structured data (author,
    creator, source or publisher) or in its byline. Any other organisation there may be
    the site's owner or its own news service, so it says nothing of syndication."""
    names = [
        plain(name)
        for key in ("author", "creator", "sourceOrganization", "provider", "publisher")
        for name in names_in(main.get(key) if main else None)
    ]
    agencies = [wire_agency(name) for name in names if wire_agency(name)]
    for element in tree.xpath(BYLINE_ELEMENTS)[:20]:
        text = plain(element.text_content())
        if 0 < len(text) <= 120:
            agencies.extend(agencies_in_byline(text))
    return list(dict.fromkeys(agencies))


def headline_of(tree, main: dict, site: str, domain: str) -> str:
    """The page's own headline: JSON-LD headline, og:title, the h1 or the <title>,
    without the site's name beside it."""
    candidates = []
    if main:
        candidates.append(plain(main.get("headline", "")))
    candidates.append(meta_content(tree, "og:title", "twitter:title"))
    candidates.extend(plain(h1.text_content()) for h1 in tree.xpath("//h1")[:1])
    titles = tree.xpath("//title")
    if titles:
        candidates.append(plain(titles[0].text_content()))
    names = [site, meta_content(tree, "og:site_name"), meta_content(tree, "application-name")]
    names += names_in(main.get("publisher")) if main else []
    for candidate in candidates:
        headline = without_site_name(candidate, [plain(name) for name in names if name], domain)
        if headline and outlet_key(headline) != outlet_key(site or "-"):
            return headline
    return ""


def without_site_name(title: str, sites: list[str], domain: str) -> str:
    """'Pool to close | Milltown Courier' -> 'Pool to close'."""
    parts = NAME_SEPARATORS.split(title)
    if len(parts) < 2:
        return title.strip()
    separators = NAME_SEPARATORS.findall(title)
    label = domain_label(domain)

    keys = {outlet_key(site) for site in sites} - {""}

    def is_site(part: str) -> bool:
        part = part.strip()
        if outlet_key(part) in keys:
            return True
        return len(part.split()) <= 4 and spells(label, part) >= 2

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
        separators.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
        separators.pop(0)
    rebuilt = parts[0]
    for separator, part in zip(separators, parts[1:], strict=True):
        rebuilt += separator + part
    return rebuilt.strip()


XML_DECLARATION = re.compile(r"\A[\s\ufeff]*<\?xml[^>]*\?>", re.IGNORECASE)


def parse_tree(page: str):
    """The page's element tree (lxml refuses text that still declares an encoding)."""
    try:
        return lxml.html.document_fromstring(XML_DECLARATION.sub("", page))
    except (etree.ParserError, ValueError):
        return None
