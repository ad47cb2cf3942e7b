"""An article's paragraphs minus its page furniture, with its headline and dateline."""

import re
from dataclasses import dataclass

from .datelines import Dateline, find_dateline
from .furniture import (
    SENTENCE_END,
    Block,
    byline_names,
    credited_origin,
    furniture_kind,
    is_link_line,
    is_more_stories_heading,
    split_agency_sign_off,
    split_tweet_signature,
    story_continues,
    word_count,
)
from .outlets import wire_agency
from .parsed import IngestError, Removed


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks; a text without blank lines has a paragraph a line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n[ \t]*\n", text):
        blocks = re.split(r"\n[ \t]*\n", text)
        paragraphs = [" ".join(line.strip() for line in block.split("\n")) for block in blocks]
    else:
        paragraphs = text.split("\n")
    return [" ".join(paragraph.split()) for paragraph in paragraphs if paragraph.strip()]


def looks_like_headline(paragraph: str) -> bool:
    return word_count(paragraph) <= 20 and not SENTENCE_END.search(paragraph)


def may_be_headline(block: Block, structured: bool) -> bool:
    return looks_like_headline(block.text) and (block.kind == "heading" or not structured)


@dataclass(frozen=True)
class CleanText:
    body: str
    headline: str
    dateline: Dateline | None
    removed: tuple[Removed, ...]
    bylines: tuple[str, ...]  # "Jane Doe, Reuters"
    credits: tuple[str, ...] = ()  # "PTI" signing off, "originally published by Futurism"


def strip_furniture(
    blocks: list[Block],
) -> tuple[list[Block], list[Removed], list[str], list[str]]:
    """(the article's blocks, what was removed, the bylines among it, the organisations
    credited with the story in its footer lines)."""
    kept: list[Block] = []
    removed: list[Removed] = []
    bylines: list[str] = []
    credits: list[str] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if kept and is_more_stories_heading(block):
            end = next(
                (
                    later
                    for later in range(index + 1, len(blocks))
                    if is_more_stories_heading(blocks[later])
                ),
                len(blocks),
            )
            if story_continues(kept, blocks[index + 1 : end]):
                # A list of other stories in the middle: only the heading and its links go.
                end = index + 1
                while (
                    end < len(blocks)
                    and is_link_line(blocks[end])
                    and not is_more_stories_heading(blocks[end])
                ):
                    end += 1
                removed.append(Removed("more stories block", joined(blocks[index:end])))
                index = end
                continue
            removed.append(Removed("more stories block", joined(blocks[index:])))
            break
        kind = "" if block.kind == "code" else furniture_kind(block.text)
        if not kind and wire_agency(block.text.strip(" ()—–-")) and word_count(block.text) <= 4:
            kind = "wire credit"  # "PTI", "(Reuters)", "— AFP" on a line of its own
        if kind:
            removed.append(Removed(kind, block.text))
            if kind == "byline":
                bylines.append(byline_names(block.text))
            elif kind == "wire credit":
                credits.append(block.text.strip(" ()—–-"))
            elif kind == "wire footer" and (origin := credited_origin(block.text)):
                credits.append(origin)
        else:
            text, signature = split_tweet_signature(block.text)
            if signature:
                removed.append(Removed("tweet signature", signature))
            if text:
                kept.append(Block(text, block.kind))
        index += 1
    if kept:
        text, agency = split_agency_sign_off(kept[-1].text, wire_agency)
        if agency and text:
            kept[-1] = Block(text, kept[-1].kind)
            removed.append(Removed("wire credit", agency))
            credits.append(agency)
    return kept, removed, bylines, credits


def joined(blocks: list[Block]) -> str:
    return " ".join(block.text for block in blocks)


def clean_article_text(
    blocks: list[Block], *, structured: bool = False, stated_headline: str = ""
) -> CleanText:
    """The article's paragraphs once page furniture is out, with its headline and dateline.

    In plain text a short unpunctuated opening line is the headline. In a page's structure
    only a heading can be: a short line of text there is the article's own (a summary,
    a label), and stays. A stated headline that the text repeats is not body text.
    """
    kept, removed, bylines, credits = strip_furniture(blocks)
    if navigation := leading_navigation(kept):
        removed.append(Removed("navigation", joined(navigation)))
        kept = kept[len(navigation) :]
    if stated_headline and kept and repeats_headline(kept[0].text, stated_headline):
        kept = kept[1:]
    dateline, kept, before = split_at_dateline(kept)
    headline = ""
    if before and may_be_headline(before[0], structured):
        headline = before.pop(0).text
    removed.extend(Removed("lead-in before the dateline", block.text) for block in before)
    if not dateline and len(kept) > 1 and may_be_headline(kept[0], structured):
        headline = kept.pop(0).text

    body = "\n\n".join(block.text for block in kept)
    if not body:
        raise IngestError(nothing_left(removed))
    return CleanText(body, headline, dateline, tuple(removed), tuple(bylines), tuple(credits))


def repeats_headline(paragraph: str, headline: str) -> bool:
    """The text repeats the headline: all of it, or all of it after a site name and a colon
    ("The Harbor Ledger: Dredging to start" over "Dredging to start")."""

    def normal(text: str) -> str:
        return " ".join(text.split()).casefold().strip(" .")

    paragraph, headline = normal(paragraph), normal(headline)
    return paragraph == headline or (
        len(paragraph.split()) >= 3 and headline.endswith(": " + paragraph)
    )


def leading_navigation(blocks: list[Block]) -> list[Block]:
    """A run of three or more one-to-three-word links before the story starts ("Home",
    "Archive", "Contact"), as a page laid out in a table leaves them in the text."""
    run = []
    for block in blocks:
        if word_count(block.text) > 3 or SENTENCE_END.search(block.text) or block.kind == "heading":
            break
        run.append(block)
    return run if len(run) >= 3 and len(run) < len(blocks) else []


def nothing_left(removed: list[Removed]) -> str:
    kinds = {item.kind for item in removed}
    if kinds == {"timestamp"}:
        return "no article text: there is only a date line"
    if kinds == {"page code"}:
        return "no article text: it is page code (markup, style sheets or script), not an article"
    return "no article text is left once page furniture is removed"


def split_at_dateline(blocks: list[Block]) -> tuple[Dateline | None, list[Block], list[Block]]:
    """(dateline, blocks from the dateline on, blocks before it).

    The dateline opens the story proper; anything above it in the first few
    paragraphs is page matter (a teaser, a caption) rather than article text.
    """
    for index, block in enumerate(blocks[:4]):
        dateline = find_dateline(block.text)
        if dateline:
            return dateline, blocks[index:], blocks[:index]
    return None, blocks, []
