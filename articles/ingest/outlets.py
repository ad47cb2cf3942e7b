"""Which outlet published an article: names that are names, and who wrote versus who carried it.

An outlet's name is a publication's name, not a handle ("NYTimes"), a tagline ("Nigeria's
popular news platform"), a copyright notice ("Copyright 2014"), a web address or a sentence
fragment ("Reuters. All"). A page usually names its site several times over (the site-name
tag, its structured data, the end of its <title>); the name those sources agree on, and that
its web domain spells, is the site's name. Wire copy is the agency's: "LONDON (Reuters) -"
on a newspaper's site makes Reuters the outlet and the newspaper the site it came through.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from .parsed import LIKELY, SELF_NAMED, STATED, OutletCue

# The wire agencies a newsroom meets every day, by the short names datelines and credits
# use. Any other "(Agency)" in a dateline is still read as an agency, under its own name.
WIRE_AGENCIES = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "Agence France-Presse",
    "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse",
    "upi": "United Press International",
    "united press international": "United Press International",
    "dpa": "Deutsche Presse-Agentur",
    "deutsche presse-agentur": "Deutsche Presse-Agentur",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "pa": "PA Media",
    "pa media": "PA Media",
    "press association": "PA Media",
    "cp": "The Canadian Press",
    "canadian press": "The Canadian Press",
    "aap": "Australian Associated Press",
    "australian associated press": "Australian Associated Press",
    "pti": "Press Trust of India",
    "press trust of india": "Press Trust of India",
    "ians": "IANS",
    "ani": "ANI",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News",
    "yonhap": "Yonhap",
    "efe": "EFE",
    "ansa": "ANSA",
    "tass": "TASS",
    "interfax": "Interfax",
}

CONNECTORS = {
    "of", "the", "and", "for", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des",
    "la", "le", "les", "el", "los", "las", "y", "e", "et", "und", "van", "von", "der", "den",
    "al", "on", "in", "at", "a", "an", "&", "и", "в", "на",
}  # fmt: skip
COPYRIGHT_WORDS = re.compile(
    r"©|\(c\)|\bcopyright\b|\ball rights reserved\b|\brights reserved\b", re.IGNORECASE
)
COMPANY_SUFFIX = re.compile(
    r"[,\s]+(?:Inc|LLC|Ltd|Limited|Corp|Corporation|Co|GmbH|S\.?A|PLC|LLP|L\.?P)\.?$", re.IGNORECASE
)
NAME_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|:|::|·|•|«|»|/)\s+")
SENTENCE_BREAK = re.compile(r"[.!?;]\s+\S")


def fold(text: str) -> str:
    """Lower case without accents: what two spellings of one name share."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def outlet_key(name: str) -> str:
    """What makes two spellings one outlet: 'The Hill', 'the hill', 'THE HILL' -> 'hill'.

    Letters and digits only, without a leading "The" and a trailing web suffix
    ('Spokesman.com' -> 'spokesman').
    """
    name = re.sub(r"^(?:[Tt]he\s+|THE\s+|The(?=[A-Z]))", "", name.strip())  # "TheHill" too
    folded = fold(name).strip()
    folded = re.sub(r"\.(?:com|net|org|co\.uk|co|info|news|tv)\b\s*$", "", folded)
    return re.sub(r"[\W_]+", "", folded)


def key_variants(name: str) -> set[str]:
    """The keys under which a name may have been stored: 'TheHill' is also 'The Hill'."""
    key = outlet_key(name)
    variants = {key, f"the{key}"}
    if key.startswith("the") and len(key) > 5:
        variants.add(key[3:])
    return {variant for variant in variants if variant}


def web_domain(url: str) -> str:
    """'https://www.example.com/a' -> 'example.com'; "" for anything but an http(s) address."""
    try:
        address = urlsplit(url.strip())
        host = address.hostname
    except ValueError:
        return ""
    if address.scheme not in ("http", "https") or not host or "." not in host:
        return ""
    return host.removeprefix("www.")


def wire_agency(name: str) -> str:
    """The agency's full name when the name is one of the wire agencies, else ""."""
    return WIRE_AGENCIES.get(fold(" ".join(name.split())).removeprefix("the "), "")


LONG_AGENCY_NAMES = re.compile(
    r"\b(?:" + "|".join(re.escape(name) for name in WIRE_AGENCIES if len(name) >= 5) + r")\b",
    re.IGNORECASE,
)


def agencies_in_byline(text: str) -> list[str]:
    """Wire agencies a byline credits: 'By Jane Doe, Associated Press' -> ['Associated Press'];
    a short name ('AP') only when it is the whole byline."""
    text = " ".join(text.split())
    found = [WIRE_AGENCIES[fold(match.group(0))] for match in LONG_AGENCY_NAMES.finditer(text)]
    if short := wire_agency(re.sub(r"^(?:by|from)\s+", "", text, flags=re.IGNORECASE).strip(" .,")):
        found.append(short)
    return list(dict.fromkeys(found))


def looks_like_web_address(text: str) -> bool:
    """An address rather than a name: 'https://www.x.in', 'www.x.com', '@handle', 'x.com/news'.

    A brand spelled as its domain ('cleveland.com', 'Phys.org') is still a name.
    """
    return bool(re.search(r"://|^www\.|^@|\S@\S|\w\.[a-z]{2,}/", text, re.IGNORECASE))


def clean_outlet_name(text: str, *, domain: str = "") -> str:
    """The name in a site-name or credit string, or "" when there is no name in it.

    'Copyright 2024 Reuters. All rights reserved.' -> 'Reuters'; 'Copyright 2014' -> '';
    'https://www.newsnation.in' -> ''; '@nytimes' -> ''.
    """
    text = " ".join(text.replace("\u00a0", " ").split()).strip(" ,;:|-–—·•\"'“”‘’")
    if COPYRIGHT_WORDS.search(text):
        text = COPYRIGHT_WORDS.sub(" ", text)
        text = re.sub(r"\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)?\d{2,4})?", " ", text)
        text = " ".join(text.split()).strip(" .,;:|-–—")
    if match := SENTENCE_BREAK.search(text):  # "Reuters. All" -> "Reuters"
        text = text[: match.start()].strip()
    text = COMPANY_SUFFIX.sub("", text).strip(" ,")
    if text.endswith(".") and not re.search(r"\b\w\.\w\.$", text):  # keep "U.S."
        text = text[:-1]
    label = domain_label(domain)
    spelled = bool(domain) and spells(label, text) >= 2
    if text.islower() and " " not in text and "." not in text:
        spelled = outlet_key(text) == label  # a slug only when it is the domain itself
    if not is_outlet_name(text, spelled_by_domain=spelled):
        return ""
    return text


def is_outlet_name(text: str, *, spelled_by_domain: bool = False) -> bool:
    """A publication's name: short, capitalised like a name, not an address or a slogan.

    Lower-case words mark a slogan ("Nigeria's popular news platform"), unless the site's
    domain spells the name ("pv magazine International" at pv-magazine.com).
    """
    words = text.split()
    if not words or len(words) > 7 or len(text) > 60:
        return False
    if looks_like_web_address(text) or COPYRIGHT_WORDS.search(text):
        return False
    if not any(char.isalpha() for char in text) or not text[0].isalnum():
        return False  # "=HYPERLINK(...)", "@handle", "#tag" name nothing
    if re.search(r"[,;!?]|\.\s", text):  # lists and sentences are taglines
        return False
    if fold(text) in {"home", "homepage", "news", "blog", "menu", "search"}:
        return False
    if len(words) == 1 and text.islower():
        # "cleveland.com" is a brand; "nj", "usatoday" are slugs, unless the site has no
        # other name for itself ("my6sense" at my6sense.com)
        return "." in text or spelled_by_domain
    if spelled_by_domain:
        return True
    lower = [word for word in words if word[:1].islower() and fold(word) not in CONNECTORS]
    return len(lower) <= (1 if len(words) >= 3 else 0)


# --- which name a page gives itself ----------------------------------------------------


@dataclass(frozen=True)
class NameSource:
    """A place a page states its site's name, and how much it is trusted.

    A source that may also hold other text (a logo's alt text, the start of a title)
    only counts when the domain spells the name it gives.
    """

    name: str
    weight: int
    only_if_spelled: bool = False


def domain_label(domain: str) -> str:
    """The part of a domain that spells the site: 'www.nypost.com' -> 'nypost'."""
    parts = [part for part in domain.lower().split(".") if part not in ("www", "m", "amp")]
    if len(parts) > 1:
        parts.pop()  # the top-level domain
    if len(parts) > 1 and parts[-1] in ("co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"):
        parts.pop()  # ".co.uk", ".com.br"
    return re.sub(r"[^a-z0-9]", "", parts[-1]) if parts else ""


def spells(label: str, name: str) -> int:
    """How well a domain label spells a name: 3 exactly, 2 by the words' beginnings, 1 in
    part, 0 not.

    'wsj' spells 'Wall Street Journal', 'nypost' 'New York Post', 'chron' 'Houston
    Chronicle', 'timesunion' 'Times Union'; 'mysanantonio' spells 'San Antonio
    Express-News' in part.
    """
    if not label:
        return 0
    words = [fold(word) for word in re.findall(r"[^\W_]+", name)]
    words = [re.sub(r"[^a-z0-9]", "", word) for word in words]
    words = [word for word in words if word]
    if not words:
        return 0
    squashed = "".join(words)
    if label == squashed or label == squashed.removeprefix("the"):
        return 3
    if prefix_spelling(label, words):
        return 2
    long_words = [word for word in words if len(word) >= 4 and word not in CONNECTORS]
    if any(word in label for word in long_words) or (len(squashed) >= 5 and squashed in label):
        return 1
    return 0


def prefix_spelling(label: str, words: list[str]) -> bool:
    """Can the label be written as beginnings of the words, in order, some words skipped?"""

    def walk(position: int, index: int) -> bool:
        if position == len(label):
            return True
        if len(label) - position <= 3 and position >= 6:
            return True  # a short ending the name has not: "practicalhorseman|mag"
        for next_index in range(index, len(words)):
            word = words[next_index]
            for length in range(min(len(word), len(label) - position), 0, -1):
                if label[position : position + length] == word[:length] and walk(
                    position + length, next_index + 1
                ):
                    return True
        return False

    return len(label) >= 2 and walk(0, 0)


def name_parts(text: str) -> list[str]:
    """'LinkNaija | Nigeria's popular news platform' -> ['LinkNaija', "Nigeria's ..."]."""
    text = " ".join(text.split())
    parts = [part for part in NAME_SEPARATORS.split(text) if part.strip()]
    return parts if len(parts) > 1 else [text]


def display_preference(name: str) -> tuple:
    """Among spellings of one name: words over a run-together handle, capitals over a slug."""
    return (
        len(name.split()),
        not name.islower(),
        "." not in name,
        sum(not char.isalnum() for char in name),
        len(name),
    )


SPELLING_SUPPORT = {0: 0, 1: 3, 2: 6, 3: 7}  # what the domain's spelling adds to a name


def site_name(sources: list[NameSource], domain: str) -> str:
    """The name the sources agree on and the domain spells best; "" if none is a name.

    Names that are one another's initials ('WSJ', 'Wall Street Journal') count as one.
    """
    label = domain_label(domain)
    support: dict[str, int] = defaultdict(int)
    spellings: dict[str, list[str]] = defaultdict(list)
    spelling_weight: dict[str, int] = defaultdict(int)
    for source in sources:
        for part in name_parts(source.name):
            name = clean_outlet_name(part, domain=domain)
            if not name or (source.only_if_spelled and not spells(label, name)):
                continue
            key = outlet_key(name)
            support[key] += source.weight
            spellings[key].append(name)
            spelling_weight[name] += source.weight
    if not support:
        return ""
    for key in list(
        spellings
    ):  # 'WSJ', 'NYTimes' back 'The Wall Street Journal', 'The New York Times'
        for other, other_names in spellings.items():
            if other != key and abbreviates(key, other_names[0]):
                support[other] += support[key]
    spelled = {key: max(spells(label, name) for name in names) for key, names in spellings.items()}
    for key in spellings:
        support[key] += SPELLING_SUPPORT[spelled[key]]
    best = max(
        support,
        key=lambda key: (support[key], spelled[key], max(map(display_preference, spellings[key]))),
    )
    # Between spellings of the name from trusted places (not only a logo or a byline),
    # words over a run-together handle ("The Hill" over "TheHill"), never a bare slug.
    spellings_of_best = spellings[best]
    trusted = [name for name in spellings_of_best if spelling_weight[name] >= 2]
    return max(
        trusted or spellings_of_best,
        key=lambda name: (not is_slug(name), display_preference(name), spelling_weight[name]),
    )


def is_slug(name: str) -> bool:
    return name.islower() and " " not in name and "." not in name


def abbreviates(key: str, name: str) -> bool:
    """Is the key a short form of a name of several words, made of their beginnings?
    ('wsj', 'Wall Street Journal'; 'nytimes', 'The New York Times')."""
    words = [word for word in re.findall(r"[^\W_]+", fold(name)) if word not in CONNECTORS]
    if len(words) < 2 or len(key) < 2 or any(word.startswith(key) for word in words):
        return False  # 'Slate' does not abbreviate 'Slate Magazine': it is its first word
    return prefix_spelling(key, words)


# --- outlets named in the text itself -------------------------------------------------

NAME = r"[A-Z][\w&.'’-]*(?: (?:of |the |and |& )?[A-Z0-9][\w&.'’-]*){0,4}"
NEWS_WORDS = (
    r"News|Post|Times|Journal|Tribune|Herald|Press|Radio|TV|Television|Daily|Chronicle"
    r"|Gazette|Observer|Guardian|Telegraph|Network|Media|Wire|Today|Report|Star|Sun|Globe"
)
SELF_NAMING = [
    re.compile(rf"\bon the (?P<name>{NAME}) app\b"),
    re.compile(rf"\b(?:[Dd]ownload|[Gg]et) the (?P<name>{NAME}) app\b"),
    re.compile(
        rf"(?:©|\b[Cc]opyright\b\s*(?:©|\([Cc]\))?)\s*(?:\d{{4}}\s*[-–]\s*)?\d{{4}}\s*,?\s*(?P<name>{NAME})"
    ),
    re.compile(
        rf"\b[Ff]ollow (?P<name>{NAME}) on (?:Twitter|X|Facebook|Instagram|Threads|Bluesky)\b"
    ),
    re.compile(
        r"\b(?:stories|news|headlines|coverage|more) (?:at|on|from) "
        r"(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|news|co\.uk|[a-z]{2}))\b",
        re.IGNORECASE,
    ),
]
NEWS_ORGANISATION = re.compile(rf"\b(?:{NEWS_WORDS}|Agency|Reuters|Bloomberg)\b")
TALKING_TO = re.compile(
    rf"\b(?i:in a statement to|told|in an interview with|speaking to|said to|reached by)"
    rf" (?P<name>(?:[A-Z][\w&.'’-]* ){{0,3}}(?:{NEWS_WORDS}))\b"
)


def find_outlet_cues(text: str) -> tuple[OutletCue, ...]:
    """Every place where the article names its own outlet, strongest first."""
    cues: list[OutletCue] = []
    for pattern in SELF_NAMING:
        for match in pattern.finditer(text):
            found = match.groupdict()
            if found.get("domain"):
                cues.append(OutletCue(domain=found["domain"].lower(), strength=SELF_NAMED))
            elif name := clean_outlet_name(found.get("name") or ""):
                cues.append(OutletCue(name=wire_agency(name) or name, strength=SELF_NAMED))
    for match in TALKING_TO.finditer(text):
        if name := clean_outlet_name(match["name"].removeprefix("the ")):
            cues.append(OutletCue(name=name, strength=LIKELY))
    return tuple(dict.fromkeys(cues))


def stated_outlet(cues: tuple[OutletCue, ...]) -> str:
    """The outlet the editor, the file or the page states: final when there is one."""
    return next((cue.name for cue in cues if cue.strength == STATED and cue.name), "")


def guessed_outlet(cues: tuple[OutletCue, ...]) -> str:
    """The outlet the text names as its own, else the one outlet it is likely to be; or ""."""
    if named := next((cue.name for cue in cues if cue.strength == SELF_NAMED and cue.name), ""):
        return named
    likely = {outlet_key(cue.name): cue.name for cue in cues if cue.strength == LIKELY and cue.name}
    return next(iter(likely.values())) if len(likely) == 1 else ""


def split_via(name: str) -> tuple[str, str]:
    """'Associated Press, via Times Union' -> ('Associated Press', 'Times Union')."""
    parts = re.split(r",?\s+via\s+", " ".join(name.split()), maxsplit=1, flags=re.IGNORECASE)
    if len(parts) == 2 and parts[0] and parts[1]:
        return parts[0].strip(" ,"), parts[1].strip(" ,")
    return " ".join(name.split()), ""
