"""What the importer hands back: a parsed article, or an error an editor can act on."""

from dataclasses import dataclass, field
from datetime import date


class IngestError(ValueError):
    """The file cannot become an article; the message says why in one line."""


@dataclass(frozen=True)
class Removed:
    """A passage taken out of the body (it stays in the raw text), and what kind it is."""

    kind: str
    text: str


# How sure a cue is about the outlet.
STATED = 3  # the file's metadata or the editor says so (JSON outlet, the page's site name)
SELF_NAMED = 2  # the text names its own outlet (copyright line, app prompt, wire dateline)
LIKELY = 1  # a guess ("told Milltown News")


@dataclass(frozen=True)
class OutletCue:
    """Something that tells which outlet published the article."""

    name: str = ""
    domain: str = ""  # the web domain the name goes with, when both are known
    strength: int = LIKELY


@dataclass(frozen=True)
class ParsedArticle:
    body: str
    raw_text: str
    headline: str = ""
    dateline: str = ""
    published: date | None = None
    author: str = ""
    url: str = ""
    outlet_cues: tuple[OutletCue, ...] = ()  # strongest first
    via: str = ""  # the site that carried another outlet's article (syndication)
    boilerplate: tuple[Removed, ...] = field(default_factory=tuple)
