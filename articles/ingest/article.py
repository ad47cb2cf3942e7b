"""One article from its cleaned text and what its file (or the editor) states about it,
including who wrote it: the outlet, and the site that carried it when that is another."""

import re
from dataclasses import dataclass
from datetime import date

from .cleaning import CleanText, clean_article_text
from .furniture import Block, byline_outlet
from .outlets import (
    NEWS_ORGANISATION,
    clean_outlet_name,
    domain_label,
    find_outlet_cues,
    outlet_key,
    spells,
    split_via,
    web_domain,
    wire_agency,
)
from .parsed import LIKELY, SELF_NAMED, STATED, OutletCue, ParsedArticle, Removed


@dataclass(frozen=True)
class Stated:
    """What a file (or the editor) says about the article, beside its text."""

    headline: str = ""
    dateline: str = ""
    published: date | None = None
    author: str = ""
    url: str = ""
    outlet: str = ""  # the outlet, as the editor or the file names it; final
    site: str = ""  # the site that published it: its own name, unless the copy is another's
    via: str = ""
    credits: tuple[str, ...] = ()  # organisations the file credits with the article


def build_article(
    blocks: list[Block], *, raw_text: str, stated: Stated, structured: bool = False
) -> ParsedArticle:
    """The article from its paragraphs and whatever metadata its file states.

    Every format ends here. Stated metadata wins over what the text suggests; a
    headline the text repeats is not body text, and a different heading the
    text opens with is recorded as removed rather than silently dropped.
    """
    article = clean_article_text(blocks, structured=structured, stated_headline=stated.headline)
    removed = article.removed
    body = article.body
    if stated.headline and article.headline:
        if structured and not similar(article.headline, stated.headline):
            body = f"{article.headline}\n\n{body}"  # a page's own heading: the article's
        else:
            removed += (Removed("heading above the text", article.headline),)
    published = stated.published
    if published is None and article.dateline:
        published = article.dateline.date()
    author = stated.author or byline_author(article.bylines)
    cues, via = outlet_cues(stated, article, raw_text)
    return ParsedArticle(
        body=body,
        raw_text=raw_text,
        headline=stated.headline or article.headline,
        dateline=stated.dateline or (article.dateline.place if article.dateline else ""),
        published=published,
        author=author,
        url=stated.url,
        outlet_cues=cues,
        via=via,
        boilerplate=removed,
    )


def similar(first: str, second: str) -> bool:
    """Two headings that are mostly the same words (a headline and its variant on the page)."""
    words = [set(re.findall(r"\w+", text.casefold())) for text in (first, second)]
    shared = len(words[0] & words[1])
    return shared * 2 >= max(len(words[0]), len(words[1]), 1)


def byline_author(bylines: tuple[str, ...]) -> str:
    for names in bylines:
        organisation = byline_outlet(names)
        person = re.split(r"\s*[,|/]\s*|\s+[-–—]\s+", names)[0].strip()
        if person and person != organisation:
            return person
    return ""


def outlet_cues(
    stated: Stated, article: CleanText, raw_text: str
) -> tuple[tuple[OutletCue, ...], str]:
    """(the outlet cues, strongest first; the site the article came through, if another's).

    The editor's or the file's outlet is final. Otherwise wire copy is the agency's: a
    dateline agency, a byline or a credit naming a news organisation other than the site
    makes that organisation the outlet and the site its carrier. Otherwise the site's own
    name, then what the text says of itself.
    """
    domain = web_domain(stated.url)
    cues: list[OutletCue] = []
    via = stated.via
    if stated.outlet:
        outlet, stated_via = split_via(stated.outlet)
        via = via or stated_via
        cues.append(
            OutletCue(outlet, domain if owns_domain(outlet, domain) and not via else "", STATED)
        )
    site = stated.site
    writer, own_site = wire_writer(stated, article, site, domain)
    if writer and not stated.outlet:
        # The agency's own site (its domain spells the agency, not the name the page
        # gives itself) carries no one else's copy.
        cues.append(OutletCue(writer, domain if own_site else "", STATED))
        if not own_site:
            via = via or site or domain
    if site:
        strength = STATED if not writer else LIKELY
        cues.append(OutletCue(site, domain if owns_domain(site, domain) else "", strength))
    if domain:
        cues.append(OutletCue("", domain, SELF_NAMED))
    cues.extend(find_outlet_cues(raw_text if len(raw_text) < 200_000 else article.body))
    cues.sort(key=lambda cue: -cue.strength)
    return tuple(dict.fromkeys(cues)), via


def owns_domain(name: str, domain: str) -> bool:
    """Does the name belong at the domain (so that later pages there may be told by it)?"""
    return bool(domain) and spells(domain_label(domain), name) >= 1


def same_outlet(first: str, second: str) -> bool:
    if not first or not second:
        return False
    if outlet_key(first) == outlet_key(second):
        return True
    return bool(wire_agency(first)) and wire_agency(first) == wire_agency(second)


def wire_writer(stated: Stated, article: CleanText, site: str, domain: str) -> tuple[str, bool]:
    """(the news organisation whose copy this is, whether the page is on its own site);
    ("", False) when it is the site's own copy."""
    candidates: list[str] = []
    if article.dateline and article.dateline.agency:
        candidates.append(article.dateline.agency)
    for names in article.bylines:
        organisation = byline_outlet(names)
        if organisation and (wire_agency(organisation) or NEWS_ORGANISATION.search(organisation)):
            candidates.append(organisation)
    candidates.extend(stated.credits)
    candidates.extend(article.credits)
    label = domain_label(domain)
    for candidate in candidates:
        name = wire_agency(candidate) or clean_outlet_name(candidate)
        if not name:
            continue
        if same_outlet(name, site):
            return "", False  # the site's own copy
        if label and spells(label, name) >= 2:
            if site and spells(label, site) >= 2:
                return "", False
            return name, True
        return name, False
    return "", False
