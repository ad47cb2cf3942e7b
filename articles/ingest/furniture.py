"""Page furniture: the lines around an article that are not its text.

Promo lines, photo credits and captions, app and newsletter prompts, wire footers and
contribution lines, copyright and reprint notices, "follow our coverage" links, tweet
signatures, bylines, timestamps, leftover page code and "more stories" blocks. Each rule
describes how news pages are built, not any one outlet, and each is written so that it
never takes a sentence of the story's running text: a credit counts only where captions
put it (alone, or closing the line), a prompt only when it asks the reader to do
something with the page, and a "more stories" heading ends the article only when no more
of the story follows it.
"""

import re
from dataclasses import dataclass

from .dates import MONTH, WEEKDAY
from .outlets import wire_agency

SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*$")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?…。！？])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Þ])")
# Languages written without spaces between words (Chinese, Japanese, Thai...).
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def word_count(text: str) -> int:
    """Words, counting each character of unspaced scripts as one (in Japanese, 2 make a word)."""
    unspaced = len(UNSPACED.findall(text))
    return len(text.split()) + unspaced // 2


def sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_SPLIT.split(text) if part.strip()]


@dataclass(frozen=True)
class Block:
    """One paragraph of text and what the page made it: a paragraph, heading, list item..."""

    text: str
    kind: str = "paragraph"  # "heading", "list item", "quote", "cell", "code"


# --- promo lines --------------------------------------------------------------------

PROMO_LABELS = (
    "related", "related stories", "related story", "related content", "related coverage",
    "related article", "related articles", "more", "see more", "read more", "see also",
    "also read", "read also", "also see", "watch", "watch live", "watch more", "listen",
    "must read", "don't miss", "more coverage", "recommended", "trending", "latest",
    "more from", "read next", "up next", "top stories", "more news", "in other news",
)  # fmt: skip
PROMO = re.compile(
    r"^(?:" + "|".join(re.escape(label) for label in PROMO_LABELS) + r")\s*[:|>»]\s*\S",
    re.IGNORECASE,
)

# --- photo credits and captions ---------------------------------------------------------

CREDIT_WORDS = {
    "for", "of", "the", "and", "via", "&", "de", "van", "von", "la", "le", "da", "du", "staff",
    "file", "courtesy", "photo", "photos", "images", "handout", "pool", "in", "at", "contributed",
    "photographer", "illustration", "provided", "submitted",
}  # fmt: skip
CREDIT_LABEL = re.compile(
    r"""^(?:(?:AP|AFP|EPA|Reuters|Pool|File|Staff|Getty|Handout)\s+)?
        (?:Photo(?:graph)?s?|Pictures?|Images?|Illustrations?|Videos?|Graphics?|Footage|Credit)
        \s*(?:by\b|courtesy\s+of\b|credit\b:?|:|/)\s*(?P<who>.*)$""",
    re.VERBOSE | re.IGNORECASE,
)
COURTESY = re.compile(r"^(?:Photos?\s+|Images?\s+|Video\s+)?[Cc]ourtesy(?:\s+of)?\s+(?P<who>.+)$")
AGENCY_CREDIT = re.compile(
    r"^(?P<who>[\w.'’ -]{1,40}?)\s*/\s*(?P<agency>[\w.'’& -]{1,40}?)(?:\s+via\s+[\w ]{1,30})?$"
)
CAPTION_LABEL = re.compile(
    r"^(?:Photo|Image|Caption|Pictured|Above|Top|Below|Video|Graphic|Illustration)\s*:\s*\S"
    r"|^FILE\s+[-–—]\s+",
    re.IGNORECASE,
)
TRAILING_PARENTHESES = re.compile(r"\((?P<inside>[^()]{1,100})\)\s*$")


def name_like(text: str, *, lenient: bool = False) -> bool:
    """Who a credit names: names, agencies, 'for The Courier', 'via Getty Images'."""
    words = re.findall(r"[^\s/|,;]+", text.strip(" .;"))
    if not words or len(words) > 9:
        return False
    if SENTENCE_END.search(text.strip()) and not re.search(
        r"\b[A-Z]\.$|\b(?:Inc|Ltd|Jr|Sr)\.$", text.strip()
    ):
        return False
    lower = [word for word in words if word[:1].islower() and word.lower() not in CREDIT_WORDS]
    return len(lower) <= (2 if lenient else 0)


def is_credit(text: str, *, in_parentheses: bool = False) -> bool:
    """'Photo by Sam Lee for The Courier', 'AP Photo/Jo Smith', 'pablohart/Getty Images'."""
    text = " ".join(text.split()).strip()
    if match := CREDIT_LABEL.match(text):
        return name_like(match["who"], lenient=in_parentheses) if match["who"] else True
    if match := COURTESY.match(text):
        return name_like(match["who"], lenient=in_parentheses)
    if (match := AGENCY_CREDIT.match(text)) and len(text.split()) <= 8:
        if re.search(r"\d|\w\.\w", text):  # "9.30 A.M. / 7.00 P.M.", "pic.twitter.com/x"
            return False
        return name_like(match["who"], lenient=True) and name_like(match["agency"], lenient=True)
    return bool(
        re.fullmatch(r"(?:[\w.'’ -]{1,40}\s+)?(?:via\s+)?Getty\s+Images", text)
    ) and name_like(text)


def caption_kind(paragraph: str) -> str:
    """ "photo credit" for a credit alone, "photo caption" for a caption that ends with one."""
    words = word_count(paragraph)
    if words <= 12 and is_credit(paragraph):
        return "photo credit"
    if words > 70:
        return ""
    if CAPTION_LABEL.match(paragraph):
        return "photo caption"
    trailing = TRAILING_PARENTHESES.search(paragraph)
    if trailing and is_credit(trailing["inside"], in_parentheses=True):
        return "photo caption"
    # "... in Denver. Photo: Chet Strange/Bloomberg via Getty Images"
    parts = sentences(paragraph)
    if len(parts) > 1 and is_credit(parts[-1]):
        return "photo caption"
    tail = re.split(r"\s+[|•]\s+", paragraph)
    if len(tail) > 1 and is_credit(tail[-1]):
        return "photo caption"
    return ""


# --- prompts to do something with the page --------------------------------------------

ASIDE = r"(?:(?:if|when)\s+you(?:'|’)re\b[^,]{1,60},\s*|(?:to|for)\b[^,]{1,60},\s*)?(?:please\s+)?"
PAGE_ACTIONS = (
    r"watch|listen|stream|see\ more|read\ more"
    r"|view\ (?:the\ |our\ )?(?:video|gallery|photos|slideshow)"
    r"|download|subscribe|sign\ up|get\ (?:the|our)\b|follow|join|register|continue\ reading"
    r"|see\ the\ (?:video|gallery|photos)|vote|comment|share|play|donate|support\ (?:us|our)"
)
PROMPTS = [
    # "Click here to watch live"; "If you're on the ABC7 News app, click here..."
    re.compile(
        rf"^{ASIDE}(?:click|tap|press|swipe)\s+(?:here|this\s+link|the\s+link(?:\s+below)?|below)"
        rf"(?:\s*[.!]?$|\s+(?:to|for|and)\s+(?:{PAGE_ACTIONS})\b)",
        re.IGNORECASE | re.VERBOSE,
    ),
    re.compile(rf"^{ASIDE}(?:download|get|install)\s+(?:the|our)\b.{{0,50}}\bapps?\b", re.I),
    re.compile(
        rf"^{ASIDE}(?:sign\s+up|subscribe|register|join|opt\s+in)\b.{{0,80}}"
        r"\b(?:newsletters?|alerts?|updates|e-?mails?|inbox|digest|briefing|podcast|channel|"
        r"membership|today|now|here|free)\b",
        re.I,
    ),
    re.compile(r"^(?:sign\s+up|subscribe)\s+(?:for|to)\s+(?:our|the)\b", re.I),
    re.compile(r"^(?:follow|like|find)\s+us\s+on\b", re.I),
    re.compile(r"^get\s+(?:the\s+latest|breaking\s+news|our\b|the\s+[\w' ]{1,30}newsletter)", re.I),
    re.compile(r"^(?:watch|listen)(?:\s+live)?\s*(?::\s*$|\s+(?:now|here|live)\b)", re.I),
    re.compile(r"^(?:enable|turn\s+on|allow)\s+(?:push\s+)?notifications\b", re.I),
    re.compile(
        r"\b(?:newsletters?|news\s+alerts?)\b.{0,60}\b(?:sign\s+up|subscribe|inbox)\b", re.I
    ),
    re.compile(
        r"\b(?:sign\s+up|subscribe)\b.{0,60}\b(?:newsletters?|news\s+alerts?|inbox)\b", re.I
    ),
    re.compile(r"^(?:have|got)\s+a\s+(?:news\s+)?tip\b", re.I),
    re.compile(
        r"^(?:(?:if|when)\s+you(?:'|’)re|read|watch|listen)\b.{0,60}\bon\s+the\s+.{1,40}\bapp\b",
        re.I,
    ),
]


def is_prompt(paragraph: str) -> bool:
    """A call to the reader to do something with the page or app, with no news in it.

    "Click here to watch live" is one; "Click here to read the full court ruling, which
    runs to 212 pages." is not: it points to a document, not to the page.
    """
    if word_count(paragraph) > 40:
        return False
    return any(
        prompt.search(sentence)
        for sentence in [paragraph, *sentences(paragraph)]
        for prompt in PROMPTS
    )


# --- wire footers, contribution lines, copyright and reprint lines ---------------------

CREDITS_LINE = re.compile(
    r"^\(?(?:additional\s+|contributing\s+)?(?:reporting|writing|editing|compiled|produced|"
    r"edited)\s+by\s+(?P<rest>.+?)\)?$",
    re.IGNORECASE,
)
CONTRIBUTED = re.compile(
    r"\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story|article)\b[^.]{0,20}\.?\)?$"
    r"|^contributing\s*:",
    re.IGNORECASE,
)
REPRINT_NOTE = re.compile(
    r"""^this\s+(?:article|story|report)\s+(?:was|has\s+been|is)\s+(?:originally\s+)?
        (?:published|reprinted|republished|syndicated|produced)\b.{0,80}$
      | ^originally\s+published\s+(?:on|by|in|at)\b""",
    re.VERBOSE | re.IGNORECASE,
)


def is_wire_footer(paragraph: str) -> bool:
    """'Reporting by Jo Park; Editing by Sam Lee', '(Reporting by Jo Park)', 'The Associated
    Press contributed to this report.', 'This story was originally published by ...'.

    "Reporting by the Courier found that..." is a sentence, not a credits line: the names
    of a credits line are names, or come in the wire's "...; Editing by ..." form.
    """
    words = word_count(paragraph)
    if match := CREDITS_LINE.match(paragraph.strip()):
        rest = match["rest"]
        return words <= 60 and (
            ";" in rest
            or re.search(r"\b(?:editing|writing)\s+by\b", rest, re.IGNORECASE) is not None
            or paragraph.strip().startswith("(")
            or name_like(rest.rstrip(" ."))
        )
    if words <= 25 and CONTRIBUTED.search(paragraph):
        return True
    return words <= 40 and bool(REPRINT_NOTE.search(paragraph))


COPYRIGHT_LINE = re.compile(
    r"""^(?:©|\(c\)|copyright\b)\s*(?:©|\(c\))?\s*(?:\d{4}|(?-i:[A-Z"“]))  # not "Copyright law"
      | \ball\s+rights\s+reserved\b
      | \bmay\s+not\s+be\s+(?:published|reproduced|republished|redistributed|broadcast)
      | \b(?:reprinted|republished|used)\s+with\s+permission\b
      | ^for\s+reprint\s+(?:rights|permission)""",
    re.VERBOSE | re.IGNORECASE,
)
COVERAGE_LINK = re.compile(
    r"""^(?:follow|find|see|read|get|for)\b.{0,80}\b(?:coverage|updates|stories|news|reports?)\b
        .{0,60}\b(?:at|on|in)\s+(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)+\S*)\s*\.?$
      | ^follow\s+[\w .'’@-]{1,40}\s+on\s+
        (?:twitter|x|facebook|instagram|threads|bluesky|linkedin)\b
        .{0,60}$""",
    re.VERBOSE | re.IGNORECASE,
)
TWEET_SIGNATURE = re.compile(
    rf"(?:^|\s)(?P<signature>[—–-]{{1,2}}\s*[^—–()@]{{1,60}}?\s*\(@\w{{1,30}}\)\s+"
    rf"{MONTH}\s+\d{{1,2}},\s+\d{{4}})\s*$"
)

ORIGINALLY_PUBLISHED = re.compile(
    r"\boriginally\s+(?:published|appeared|ran)\s+(?:by|on|in|at)\s+(?P<name>[^.;:(]{2,60}?)\s*(?:[.;:(]|$)",
    re.IGNORECASE,
)
AGENCY_SIGN_OFF = re.compile(
    r"(?<=[.!?\"”’])\s+(?:[—–-]\s*)?\(?(?P<agency>[A-Z][A-Za-z]{1,9})\)?\s*$"
)


def credited_origin(paragraph: str) -> str:
    """'This article was originally published by Futurism.' -> 'Futurism'."""
    match = ORIGINALLY_PUBLISHED.search(paragraph)
    return match["name"].strip() if match else ""


def split_agency_sign_off(paragraph: str, is_agency) -> tuple[str, str]:
    """(the text, the agency) when a story ends by signing off with a wire agency: '... PTI'."""
    match = AGENCY_SIGN_OFF.search(paragraph)
    if not match or not is_agency(match["agency"]):
        return paragraph, ""
    return paragraph[: match.start()].rstrip(), match["agency"]


# --- bylines and timestamps -----------------------------------------------------------

JOB_WORDS = re.compile(
    r"\b(?:staff|writer|writers|reporter|reporters|correspondent|correspondents|editor|editors|"
    r"contributor|columnist|producer|special\s+to|senior|chief|intern|bureau|desk|analyst)\b",
    re.IGNORECASE,
)
BYLINE = re.compile(
    r"^(?:by|written\s+by|story\s+by|words\s+by|posted\s+by|von|por|par)\s+(?P<names>.+)$",
    re.IGNORECASE,
)
BYLINE_WORDS = CREDIT_WORDS | {"with", "to", "special", "|", "updated", "published", "on"}
TIME = r"\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?"
TIMESTAMP_TOKENS = re.compile(
    rf"""\b(?:{MONTH}|{WEEKDAY}|today|yesterday|updated?|published|posted|modified|last|
        date[ds]?|on|at|as\s+of|first|edt|est|et|cdt|cst|ct|mdt|mst|mt|pdt|pst|pt|gmt|utc|bst|cet|
        ist|aest|hrs?|ago|mins?|minutes?|hours?|days?|am|pm)\b
      | {TIME} | \d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:.+Z-]*)? | \d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}
      | \b\d{{1,4}}(?:st|nd|rd|th)?\b""",
    re.VERBOSE | re.IGNORECASE,
)


DATE_OR_TIME = re.compile(
    rf"""\b{MONTH}\b|\b{WEEKDAY}\b|\b(?:{TIME})|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}
      |\b\d+\s+(?:min(?:ute)?s?|hours?|hrs?|days?)\s+ago\b""",
    re.VERBOSE | re.IGNORECASE,
)


def is_timestamp(paragraph: str) -> bool:
    """'Published 5:04 PM ET Nov 19, 2019', 'Updated: Nov. 19, 2019', 'date 05/03/2024'.

    Nothing but date and time words; a figure alone ("85%", "5040") is a table's, not a time.
    """
    if word_count(paragraph) > 16 or not DATE_OR_TIME.search(paragraph):
        return False
    left = TIMESTAMP_TOKENS.sub(" ", paragraph)
    return not re.search(r"[^\W\d_]", left)


def byline_names(paragraph: str) -> str:
    """The names of a byline ('By Jane Doe, Reuters' -> 'Jane Doe, Reuters'), or ""."""
    if word_count(paragraph) > 16:
        return ""
    match = BYLINE.match(paragraph.strip())
    if not match:
        return ""
    names = (
        TIMESTAMP_TOKENS.sub(" ", match["names"])
        if re.search(r"\d", match["names"])
        else match["names"]
    )
    words = re.findall(r"[^\s,|/;·•]+", names)
    if not words or not words[0][:1].isupper():
        return ""
    if SENTENCE_END.search(names.strip()) and not re.search(r"\b[A-Z]\.$", names.strip()):
        return ""
    lower = [word for word in words if word[:1].islower() and word.lower() not in BYLINE_WORDS]
    if lower and not JOB_WORDS.search(names):
        return ""
    return " ".join(match["names"].split())


def byline_outlet(names: str) -> str:
    """The organisation a byline credits: 'Jane Doe, Reuters' -> 'Reuters';
    'The Associated Press' -> 'The Associated Press'; 'Jane Doe, Staff Writer' -> ''."""
    parts = [part.strip() for part in re.split(r"\s*[,|/]\s*|\s+[-–—]\s+", names) if part.strip()]
    if len(parts) == 1 and re.match(r"(?i)the\s", parts[0]):
        return parts[0]
    if len(parts) == 1:
        return parts[0] if wire_agency(parts[0]) else ""  # "By Reuters"
    last = parts[-1]
    if JOB_WORDS.search(last) or re.search(r"\d", last):
        return ""
    return last


# --- leftover page code ------------------------------------------------------------------

# Tags by their HTML names: "<The Palace: Tale of Jang Noksu>", a title set in angle
# brackets as Korean and Japanese pages do, is text.
TAG = re.compile(
    r"</?(?:a|abbr|b|br|div|span|p|img|script|style|iframe|table|tbody|thead|tr|td|th|ul|ol|li"
    r"|h[1-6]|em|strong|i|u|font|meta|link|input|button|form|section|article|header|footer"
    r"|nav|aside|figure|figcaption|svg|path|noscript|label|select|option|textarea|center|small"
    r"|sup|sub|blockquote|pre|code|hr|html|head|body|title|main|time|picture|source|video)"
    r"(?:\s[^<>]{0,200})?\s*/?>",
    re.IGNORECASE,
)
CSS_RULE = re.compile(r"[\w#.:\[\]=\"'*>~+ -]{1,80}\{[^{}]{0,400}:[^{}]{0,400}\}")
SCRIPT = re.compile(
    r"\bfunction\s*\(|\bvar\s+\w+\s*=|=>\s*\{|\bdocument\.\w|\bwindow\.\w|\}\s*\)\s*;"
)


def is_code(paragraph: str) -> bool:
    """Markup, style sheets or script that a page left in its text."""
    if len(TAG.findall(paragraph)) >= 2:
        return True
    if CSS_RULE.search(paragraph) or SCRIPT.search(paragraph):
        symbols = sum(paragraph.count(char) for char in "{};=<>")
        return symbols >= 4 and symbols * 25 >= len(paragraph)
    return False


# --- "more stories" blocks ---------------------------------------------------------------

MORE_STORIES = re.compile(
    r"""^(?:trending(?:\ now|\ stories|\ news)?|popular(?:\ now|\ stories|\ news)?
      |most\ (?:read|popular|viewed|shared|watched|commented)(?:\ stories|\ articles|\ news)?
      |top\ stories|top\ news|top\ headlines|more\ stories|more\ news|more\ headlines
      |more\ (?:from|in|on)\ .+|more\ to\ (?:read|explore)|also\ on\ .+
      |recommended(?:\ for\ you|\ stories|\ reading)?|you\ (?:may|might)\ also\ like
      |related\ (?:stories|articles|content|coverage|news|posts)
      |latest\ (?:news|stories|headlines|videos)
      |read\ next|what\ to\ read\ next|editors?['’]?\ picks|around\ the\ web
      |from\ (?:our|the)\ partners?|partner\ (?:news|content)|sponsored(?:\ content|\ stories)?
      |promoted\ stories|don['’]t\ miss|you\ may\ have\ missed|in\ case\ you\ missed\ it
      |story\ timeline|comments?|\d+\ comments?|leave\ a\ (?:comment|reply)
      |join\ the\ (?:discussion|conversation)
      |show\ comments|view\ comments|reader\ comments)
      (?:\ (?:at|on|from|in)\ \S.*)?\s*[:.]?$""",
    re.VERBOSE | re.IGNORECASE,
)
STOPWORDS = set(
    "about above after again against along also although among another because been before "
    "being below between both could does doing down during each even every from further have "
    "having here into just like made make many more most much must never only other over "
    "said same says should since some such than that their them then there these they this "
    "those through under until very were what when where which while will with would your "
    "year years people percent".split()
)


def is_more_stories_heading(block: Block) -> bool:
    text = block.text.strip()
    return (
        word_count(text) <= 8
        and not SENTENCE_END.search(text.rstrip(":"))
        and bool(MORE_STORIES.match(text))
    )


def is_prose(block: Block) -> bool:
    return (
        block.kind not in ("heading", "list item")
        and word_count(block.text) >= 15
        and bool(SENTENCE_END.search(block.text))
    )


def is_link_line(block: Block) -> bool:
    """A headline in a list of stories: a list item, or a short line that is not a sentence."""
    text = block.text.strip()
    if block.kind in ("list item", "heading"):
        return True
    return word_count(text) <= 20 and not SENTENCE_END.search(text)


def salient_words(text: str) -> set[str]:
    words = re.findall(r"[^\W\d_]{4,}", text.casefold())
    return {word for word in words if word not in STOPWORDS}


def story_continues(before: list[Block], after: list[Block]) -> bool:
    """Is there more of the same story after a "more stories" heading?

    It needs prose (paragraphs of sentences, not a list of headlines), and prose about
    the same story: teasers for other stories share few words with the article.
    """
    prose = [block for block in after if is_prose(block)]
    if not prose:
        return False
    article_words = salient_words(" ".join(block.text for block in before))
    if not article_words:
        return len(prose) >= 2
    related = [block for block in prose if len(salient_words(block.text) & article_words) >= 2]
    return len(related) >= 2


# --- one paragraph ----------------------------------------------------------------------


def furniture_kind(paragraph: str) -> str:
    """The kind of page furniture a paragraph is, or "" for article text."""
    if PROMO.match(paragraph):
        return "promo"
    if is_code(paragraph):
        return "page code"
    if kind := caption_kind(paragraph):
        return kind
    if is_prompt(paragraph):
        return "app prompt"
    words = word_count(paragraph)
    if is_wire_footer(paragraph):
        return "wire footer"
    if words <= 50 and COPYRIGHT_LINE.search(paragraph):
        return "copyright line"
    if words <= 40 and COVERAGE_LINK.search(paragraph):
        return "coverage link"
    if TWEET_SIGNATURE.match(paragraph.strip()):  # the signature alone
        return "tweet signature"
    if byline_names(paragraph):
        return "byline"
    if is_timestamp(paragraph):
        return "timestamp"
    return ""


def split_tweet_signature(paragraph: str) -> tuple[str, str]:
    """(the tweet's text, its signature) when a paragraph ends with a tweet's signature."""
    match = TWEET_SIGNATURE.search(paragraph)
    if not match:
        return paragraph, ""
    return paragraph[: match.start("signature")].rstrip(), match["signature"]
