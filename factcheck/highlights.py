"""Cut untrusted article text into pieces the templates mark up.

Nothing here trusts the text: the reader and the paragraph come back as plain
pieces for the template to escape, and passage_html escapes every piece itself.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString


def merged_ranges(ranges: Iterable[Sequence[int]], length: int) -> list[tuple[int, int]]:
    """Ranges clipped to 0..length, empty ones dropped, overlapping ones merged."""
    clipped = sorted(
        (max(0, int(item[0])), min(length, int(item[1])))
        for item in ranges
        if isinstance(item, list | tuple) and len(item) == 2
    )
    merged: list[tuple[int, int]] = []
    for start, end in clipped:
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def passage_html(text: str, ranges: Iterable[Sequence[int]]) -> SafeString:
    """The passage escaped, with each matching range wrapped in <mark>."""
    pieces: list[SafeString] = []
    position = 0
    for start, end in merged_ranges(ranges, len(text)):
        pieces.append(escape(text[position:start]))
        pieces.append(format_html("<mark>{}</mark>", text[start:end]))
        position = end
    pieces.append(escape(text[position:]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


@dataclass(frozen=True)
class Segment:
    """A stretch of the article body, with the claim it belongs to (or None)."""

    text: str
    claim: Any = None
    nested: bool = False  # the claim lies inside another; shown as a marker after it


def claim_segments(body: str, claims: Iterable[Any]) -> list[Segment]:
    """The body cut at claim boundaries, for highlighting every claim in place.

    claims have start and end offsets into body. A claim overlapping one already
    placed is shown from where that one ends; a claim wholly inside another
    becomes a marker right after it, so every claim has exactly one element.
    """
    segments: list[Segment] = []
    position = 0
    for claim in sorted(claims, key=lambda claim: (claim.start, -claim.end)):
        start = max(claim.start, position)
        end = min(claim.end, len(body))
        if start >= end:
            segments.append(Segment("", claim, nested=True))
            continue
        if start > position:
            segments.append(Segment(body[position:start]))
        segments.append(Segment(body[start:end], claim))
        position = end
    if position < len(body):
        segments.append(Segment(body[position:]))
    return segments


@dataclass(frozen=True)
class Paragraph:
    before: str
    claim: str
    after: str


def paragraph_around(body: str, start: int, end: int) -> Paragraph:
    """The paragraph (blank-line separated) holding body[start:end], cut around it."""
    opening = body.rfind("\n\n", 0, start)
    opening = 0 if opening == -1 else opening + 2
    closing = body.find("\n\n", end)
    closing = len(body) if closing == -1 else closing
    return Paragraph(body[opening:start].lstrip(), body[start:end], body[end:closing].rstrip())
