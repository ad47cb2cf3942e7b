"""Turn a received file into a clean article: body text plus metadata.

Pure Python, no Django: bytes in, a ParsedArticle (or an IngestError whose
message an editor can act on) out. A file is plain text, an HTML page saved
from a news site or a JSON article, told apart by its content. The raw text is
kept exactly as received; the body is the article's text minus page furniture
(promo lines, photo credits and captions, app prompts, "more stories" blocks),
each removal recorded with its kind so the reader can show what was taken out.
Every format goes through the same furniture rules.

The rules describe how news pages are built, not any one outlet or story: the
same importer meets outlets it has never seen.
"""

import json
import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

import trafilatura


class IngestError(ValueError):
    """The file cannot become an article; the message says why in one line."""


@dataclass(frozen=True)
class Removed:
    kind: str
    text: str


@dataclass(frozen=True)
class OutletCue:
    """Something in the text that tells which outlet published it."""

    name: str = ""
    domain: str = ""
    strength: int = 1  # 2: the page names itself (app prompt, copyright); 1: likely


@dataclass(frozen=True)
class ParsedArticle:
    body: str
    raw_text: str
    headline: str = ""
    dateline: str = ""
    published: date | None = None
    author: str = ""
    url: str = ""
    outlet_cues: tuple[OutletCue, ...] = ()
    boilerplate: tuple[Removed, ...] = field(default_factory=tuple)


# --- reading bytes -----------------------------------------------------------

BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"\x7fELF": "a program",
}


def check_size(size: int, *, max_bytes: int, what: str = "file") -> None:
    if size > max_bytes:
        raise IngestError(f"{what} is too large (the limit is {max_bytes:,} bytes)")


def decode_text(data: bytes, *, max_bytes: int) -> str:
    """Bytes to text, refusing what is not a reasonably sized UTF-8 text file."""
    check_size(len(data), max_bytes=max_bytes)
    if not data.strip():
        raise IngestError("file is empty")
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise IngestError(f"file is binary data ({what}), not text")
    if b"\x00" in data:
        raise IngestError("file is binary data (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestError(
            f"file is not valid UTF-8 (bad byte at offset {error.start}); "
            "save it as UTF-8 and import it again"
        ) from None
    control = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    if control > max(3, len(text) // 100):
        raise IngestError("file is binary data (too many control characters), not text")
    return text


# --- article text: paragraphs minus page furniture ----------------------------

# "WALNUT CREEK, Calif. --", "SAN FRANCISCO –", "(NEW YORK) —", "LONDON (Reuters) -"
PLACE = r"[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]*)*"
DATELINE = re.compile(
    rf"""^(?:
        \((?P<bracketed>{PLACE}(?:,\ [A-Z][A-Za-z.]+)?)\)
      | (?P<place>{PLACE}(?:,\ [A-Z][A-Za-z.]+(?:\ [A-Z][A-Za-z.]+)?)?)
        (?:\ \((?P<agency>[A-Z][A-Za-z&. ]{{1,30}})\))?
    )\s*(?:--|—|–|-)\s+(?=\S)""",
    re.VERBOSE,
)

PROMO_LABELS = (
    "related", "related stories", "related story", "related content", "related coverage",
    "more", "see more", "read more", "see also", "also read", "read also", "also see",
    "watch", "watch live", "watch more", "listen", "must read", "don't miss", "more coverage",
    "recommended", "trending", "latest", "more from",
)  # fmt: skip
PROMO = re.compile(
    r"^(?:" + "|".join(re.escape(label) for label in PROMO_LABELS) + r")\s*[:|>»]\s*\S",
    re.IGNORECASE,
)

PHOTO_CREDIT = re.compile(
    r"""Getty\ Images|Shutterstock|AP\ Photo|Associated\ Press\ Photo|/AFP\b|AFP\ via|/Reuters\b
      | \b(?:Photo|Photograph|Image|Illustration|Video)s?\ ?(?:by\b|:|credit\b)
      | \bCredit:|\bCourtesy\ of\b|\bPool\ Photo\b|\bFile\ photo\b""",
    re.VERBOSE | re.IGNORECASE,
)
BARE_CREDIT = re.compile(r"^[\w.'’-]+(?: [\w.'’-]+)?/[\w.'’ -]+$")  # "jane doe/Agency"

APP_PROMPT = re.compile(
    r"""\bclick\ here\b|\btap\ here\b|\bon\ the\ [\w&.'’ -]{1,40}\ app\b
      | \bdownload\ (?:the|our)\b.{0,40}\bapp\b|\bsign\ up\ for\ (?:our|the)\b
      | \bsubscribe\ to\ (?:our|the)\b|\bfollow\ us\ on\b|\bget\ the\ latest\b""",
    re.VERBOSE | re.IGNORECASE,
)

MORE_STORIES = re.compile(
    r"""^(?:trending|popular|most\ (?:read|popular|viewed)|top\ stories|more\ stories
      |more\ from|recommended|you\ may\ also\ like|related\ stories|latest\ (?:news|stories)
      |also\ on)\b""",
    re.VERBOSE | re.IGNORECASE,
)

SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")


def word_count(text: str) -> int:
    return len(text.split())


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks; a text without blank lines has a paragraph a line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n[ \t]*\n", text):
        blocks = re.split(r"\n[ \t]*\n", text)
        paragraphs = [" ".join(line.strip() for line in block.split("\n")) for block in blocks]
    else:
        paragraphs = text.split("\n")
    return [" ".join(paragraph.split()) for paragraph in paragraphs if paragraph.strip()]


def furniture_kind(paragraph: str) -> str:
    """The kind of page furniture a paragraph is, or "" for article text."""
    words = word_count(paragraph)
    if PROMO.match(paragraph):
        return "promo"
    if words <= 60 and PHOTO_CREDIT.search(paragraph):
        return "photo caption" if words > 6 else "photo credit"
    if words <= 6 and BARE_CREDIT.match(paragraph):
        return "photo credit"
    if words <= 40 and APP_PROMPT.search(paragraph):
        return "app prompt"
    return ""


def find_dateline(paragraph: str) -> str:
    match = DATELINE.match(paragraph)
    if not match:
        return ""
    place = match["bracketed"] or match["place"]
    letters = [char for char in place if char.isalpha()]
    # A dateline's place is set in capitals: "SAN FRANCISCO", "WALNUT CREEK, Calif."
    head = place.split(",")[0]
    if len(letters) < 3 or not head.replace(" ", "").replace(".", "").isupper():
        return ""
    return match.group(0).strip()


def looks_like_headline(paragraph: str) -> bool:
    return word_count(paragraph) <= 20 and not SENTENCE_END.search(paragraph)


@dataclass(frozen=True)
class CleanText:
    body: str
    headline: str
    dateline: str  # as printed: "LONDON (Reuters) -"
    removed: tuple[Removed, ...]


def clean_article_text(paragraphs: list[str]) -> CleanText:
    """The article's paragraphs once page furniture is out, with its headline and dateline."""
    removed: list[Removed] = []
    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if MORE_STORIES.match(paragraph) and word_count(paragraph) <= 8 and index > 0:
            block = " ".join(paragraphs[index:])
            removed.append(Removed("more stories block", block))
            break
        kind = furniture_kind(paragraph)
        if kind:
            removed.append(Removed(kind, paragraph))
        else:
            kept.append(paragraph)

    dateline, kept, before = split_at_dateline(kept)
    headline = ""
    if before and looks_like_headline(before[0]):
        headline = before.pop(0)
    removed.extend(Removed("lead-in before the dateline", paragraph) for paragraph in before)
    if not dateline and len(kept) > 1 and looks_like_headline(kept[0]):
        headline = kept.pop(0)

    body = "\n\n".join(kept)
    if not body:
        raise IngestError("no article text is left once page furniture is removed")
    return CleanText(body, headline, dateline, tuple(removed))


def build_article(
    text: str,
    *,
    raw_text: str,
    headline: str = "",
    dateline: str = "",
    published: date | None = None,
    author: str = "",
    url: str = "",
    outlet_cues: tuple[OutletCue, ...] = (),
) -> ParsedArticle:
    """The article from its text and whatever metadata its file states.

    Every format ends here. Stated metadata wins over what the text suggests; a
    headline the text repeats is not body text, and a different heading the
    text opens with is recorded as removed rather than silently dropped.
    """
    paragraphs = split_paragraphs(text)
    if headline and paragraphs and paragraphs[0].casefold() == headline.casefold():
        paragraphs.pop(0)
    article = clean_article_text(paragraphs)
    removed = article.removed
    if headline and article.headline:
        removed += (Removed("heading above the text", article.headline),)
    cues = outlet_cues + find_outlet_cues(text, article.dateline)
    return ParsedArticle(
        body=article.body,
        raw_text=raw_text,
        headline=headline or article.headline,
        dateline=dateline or dateline_place(article.dateline),
        published=published,
        author=author,
        url=url,
        outlet_cues=tuple(dict.fromkeys(cues)),
        boilerplate=removed,
    )


def split_at_dateline(paragraphs: list[str]) -> tuple[str, list[str], list[str]]:
    """(dateline, paragraphs from the dateline on, paragraphs before it).

    The dateline opens the story proper; anything above it in the first few
    paragraphs is page matter (a teaser, a caption) rather than article text.
    """
    for index, paragraph in enumerate(paragraphs[:4]):
        dateline = find_dateline(paragraph)
        if dateline:
            return dateline, paragraphs[index:], paragraphs[:index]
    return "", paragraphs, []


def dateline_place(dateline: str) -> str:
    """'WALNUT CREEK, Calif. --' -> 'WALNUT CREEK, Calif.'; '(NEW YORK) —' -> 'NEW YORK'."""
    if not dateline:
        return ""
    match = DATELINE.match(dateline + " x")
    place = match["bracketed"] or match["place"]
    return place.strip()


# --- plain text in the seeds' shape --------------------------------------------

DATE_HEADER = re.compile(r"\A\s*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*")


def parse_plain_text(text: str) -> ParsedArticle:
    header = DATE_HEADER.match(text)
    if not header:
        return build_article(text, raw_text=text)
    try:
        published = date.fromisoformat(header["date"])
    except ValueError:
        raise IngestError(f"the date header {header['date']!r} is not a real date") from None
    return build_article(text[header.end() :], raw_text=text, published=published)


# --- HTML saved from a news site ------------------------------------------------

HTML_PAGE = re.compile(
    r"""\A(?:[\s\ufeff]|<!--.*?-->|<\?xml[^>]*>)*
        <(?:!doctype\s+html|html|head|body|meta|title|link|article|main|section|header|div|p|h[1-6])
        [\s/>]""",
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """An HTML page, or a piece of one: it opens (past comments) with an HTML tag."""
    return bool(HTML_PAGE.match(text))


def parse_html(html: str) -> ParsedArticle:
    """The article in a saved page, found by trafilatura, then cleaned like any text."""
    page = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        # Without a stated date htmldate would guess one from the copyright year.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if page is None or not has_sentences(page.text or ""):
        raise IngestError("no article text found in the HTML")
    url = page.url if web_domain(page.url or "") else ""
    return build_article(
        page.text,
        raw_text=html,
        headline=" ".join((page.title or "").split()),
        published=parse_page_date(page.date or ""),
        author=page.author or "",
        url=url,
        outlet_cues=self_named_outlet(page.sitename or "", url),
    )


def has_sentences(text: str) -> bool:
    """Article text reads in sentences; a menu or a search form does not."""
    return any(
        word_count(paragraph) >= 4 and SENTENCE_END.search(paragraph)
        for paragraph in split_paragraphs(text)
    )


def parse_page_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# --- JSON: one article, one object ------------------------------------------------

JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true/false",
    type(None): "null",
}


def parses_as_json(text: str) -> bool:
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def parse_json(text: str) -> ParsedArticle:
    fields = read_json_object(text)
    body = json_body(fields)
    url = json_string(fields, "url")
    if url and not web_domain(url):
        raise IngestError(f'the JSON "url" is not a web address (http or https): {url!r}')
    return build_article(
        body,
        raw_text=text,
        headline=json_string(fields, "headline"),
        dateline=json_string(fields, "dateline"),
        published=json_date(json_string(fields, "published")),
        author=json_string(fields, "author"),
        url=url,
        outlet_cues=self_named_outlet(json_string(fields, "outlet"), url),
    )


def read_json_object(text: str) -> dict:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise IngestError(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise IngestError("not a JSON article: it is nested too deeply") from None
    if not isinstance(value, dict):
        raise IngestError(
            f'a JSON article is one object with a "body", not {JSON_TYPES[type(value)]}'
        )
    return value


def json_body(fields: dict) -> str:
    name = "body" if "body" in fields else "text"
    body = fields.get(name)
    if body is None:
        raise IngestError('the JSON has no "body" (or "text") holding the article text')
    if not isinstance(body, str):
        raise wrong_type(name, body)
    if not body.strip():
        raise IngestError(f'the JSON "{name}" is empty')
    return body


def json_string(fields: dict, name: str) -> str:
    """An optional text field, whitespace tidied; null counts as absent."""
    value = fields.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise wrong_type(name, value)
    return " ".join(value.split())


def wrong_type(name: str, value: object) -> IngestError:
    return IngestError(f'the JSON "{name}" must be a string, not {JSON_TYPES[type(value)]}')


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?")


def json_date(text: str) -> date | None:
    """'2024-05-01', or the date part of '2024-05-01T23:30:00-07:00' as written."""
    if not text:
        return None
    if ISO_DATE.fullmatch(text):
        with suppress(ValueError):
            return datetime.fromisoformat(text).date()
    raise IngestError(f'the JSON "published" is not a date (YYYY-MM-DD): {text!r}')


# --- which outlet is this? -----------------------------------------------------

NAME = r"[A-Z][\w&.'’-]*(?: [A-Z0-9][\w&.'’-]*){0,4}"
NEWS_WORDS = (
    r"News|Post|Times|Journal|Tribune|Herald|Press|Radio|TV|Television|Daily|Chronicle"
    r"|Gazette|Observer|Guardian|Telegraph|Network|Media|Wire|Today|Report|Star|Sun|Globe"
)
SELF_NAMING = [
    re.compile(rf"\bon the (?P<name>{NAME}) app\b"),
    re.compile(rf"\b(?:[Dd]ownload|[Gg]et) the (?P<name>{NAME}) app\b"),
    re.compile(rf"(?:©|Copyright\s*(?:©|\([Cc]\))?)\s*\d{{4}}\s*,?\s*(?P<name>{NAME})"),
    re.compile(rf"\b[Ff]ollow (?P<name>{NAME}) on (?:Twitter|X|Facebook|Instagram|Threads)\b"),
    re.compile(
        r"\b(?:stories|news|headlines|coverage|more) (?:at|on|from) "
        r"(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|news|co\.uk|[a-z]{2}))\b",
        re.IGNORECASE,
    ),
]
TALKING_TO = re.compile(
    rf"\b(?i:in a statement to|told|in an interview with|speaking to|said to|reached by)"
    rf" (?P<name>(?:[A-Z][\w&.'’-]* ){{0,3}}(?:{NEWS_WORDS}))\b"
)


def find_outlet_cues(text: str, dateline: str = "") -> tuple[OutletCue, ...]:
    """Every place where the article names its own outlet, strongest first."""
    cues: list[OutletCue] = []
    agency = DATELINE.match(dateline + " x") if dateline else None
    if agency and agency["agency"]:
        cues.append(OutletCue(name=agency["agency"].strip(), strength=2))
    for pattern in SELF_NAMING:
        for match in pattern.finditer(text):
            found = match.groupdict()
            if found.get("domain"):
                cues.append(OutletCue(domain=found["domain"].lower(), strength=2))
            elif found.get("name"):
                cues.append(OutletCue(name=found["name"].strip(" .,"), strength=2))
    cues.extend(
        OutletCue(name=match["name"].removeprefix("the ").strip(), strength=1)
        for match in TALKING_TO.finditer(text)
    )
    return tuple(dict.fromkeys(cues))


def self_named_outlet(name: str, url: str) -> tuple[OutletCue, ...]:
    """The outlet a file's metadata names, at the domain of the address it gives."""
    domain = web_domain(url)
    return (OutletCue(name=name, domain=domain, strength=2),) if name or domain else ()


def web_domain(url: str) -> str:
    """'https://www.example.com/a' -> 'example.com'; "" for anything but an http(s) address."""
    try:
        address = urlsplit(url)
        host = address.hostname
    except ValueError:
        return ""
    if address.scheme not in ("http", "https") or not host:
        return ""
    return host.removeprefix("www.")


# --- entry point -----------------------------------------------------------------

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".json")


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
    return build_article(
        text,
        raw_text=text,
        headline=headline,
        published=published,
        url=url,
        outlet_cues=self_named_outlet(" ".join(outlet.split()), url),
    )
