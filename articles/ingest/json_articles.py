"""JSON articles as newsrooms export them.

Three shapes are read: our own ({"body", "headline", "outlet", "published", "author", "url",
"dateline"}), schema.org NewsArticle as JSON-LD (alone, in a list or in an @graph:
"articleBody", "headline", "datePublished", "author", "publisher"), and the common aliases
CMS and news APIs use ("title", "text", "content", "source", "date", "pubDate", "link").
Authors may be a name, a list of names, or schema.org Person objects; dates ISO 8601 or
RFC 2822. Anything else gets an error that names the field.
"""

import json
from dataclasses import dataclass

from .dates import parse_date
from .outlets import NEWS_ORGANISATION, clean_outlet_name, split_via, web_domain, wire_agency
from .pages import ARTICLE_TYPES, json_ld_objects, organisations_in, schema_types
from .parsed import IngestError

JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true/false",
    type(None): "null",
}

# Each field of an article, and the names exports give it, in order of preference.
BODY_FIELDS = ("body", "text", "articleBody", "content", "article_body", "body_text")
HEADLINE_FIELDS = ("headline", "title", "name", "alternativeHeadline")
PUBLISHED_FIELDS = (
    "published", "datePublished", "date", "pubDate", "publishedAt", "published_at",
    "publication_date", "pub_date", "dateCreated",
)  # fmt: skip
AUTHOR_FIELDS = ("author", "authors", "byline", "creator")
URL_FIELDS = ("url", "link", "canonical_url", "mainEntityOfPage")
OUTLET_FIELDS = ("outlet", "publisher", "source", "site_name", "siteName", "source_name")


@dataclass(frozen=True)
class JsonArticle:
    body: str
    headline: str = ""
    dateline: str = ""
    published: object = None
    author: str = ""
    url: str = ""
    outlet: str = ""  # stated as the outlet itself ("outlet")
    site: str = (
        ""  # stated as who published it ("publisher", "source"): wire copy may say otherwise
    )
    via: str = ""
    credits: tuple[str, ...] = ()  # organisations credited as author


def parses_as_json(text: str) -> bool:
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def read_json_article(text: str) -> JsonArticle:
    fields = article_object(load(text))
    body, _ = first_field(fields, BODY_FIELDS, required=True)
    url, url_field = first_field(fields, URL_FIELDS)
    if url and not web_domain(url):
        raise IngestError(f'the JSON "{url_field}" is not a web address (http or https): {url!r}')
    published, published_field = first_field(fields, PUBLISHED_FIELDS)
    date = parse_date(published) if published else None
    if published and date is None:
        raise IngestError(
            f'the JSON "{published_field}" is not a date (YYYY-MM-DD, an ISO 8601 time or '
            f'an RFC 2822 date such as "Tue, 05 Mar 2024 14:30:00 GMT"): {published!r}'
        )
    outlet, outlet_field = first_field(fields, OUTLET_FIELDS)
    outlet, via = split_via(outlet)
    outlet = clean_outlet_name(outlet)  # an address or a copyright notice names no outlet
    authors = author_names(fields)
    return JsonArticle(
        body=body,
        headline=first_field(fields, HEADLINE_FIELDS)[0],
        dateline=first_field(fields, ("dateline",))[0],
        published=date,
        author=", ".join(authors),
        url=url,
        outlet=outlet if outlet_field == "outlet" else "",
        site=outlet if outlet_field != "outlet" else "",
        via=via,
        credits=tuple(
            name
            for name in organisations_in(fields.get("author"))
            if wire_agency(name) or NEWS_ORGANISATION.search(name)
        ),
    )


def load(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise IngestError(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise IngestError("not a JSON article: it is nested too deeply") from None


def article_object(value) -> dict:
    """The one article in the document: an object, or the article of a JSON-LD list or graph."""
    if isinstance(value, dict) and not value.get("@graph"):
        check_schema_type(value)
        return value
    if not isinstance(value, dict | list):
        raise IngestError(
            f'a JSON article is one object with a "body", not {JSON_TYPES[type(value)]}'
        )
    articles = [
        item
        for item in json_ld_objects(value)
        if schema_types(item) & ARTICLE_TYPES and any(name in item for name in BODY_FIELDS)
    ]
    if len(articles) == 1:
        return articles[0]
    if isinstance(value, list):
        what = "several articles" if articles else "no article with its text"
        raise IngestError(
            f'a JSON article is one object with a "body", not an array ({what} in it); '
            "import one article a file"
        )
    raise IngestError(
        'the JSON "@graph" holds '
        + ("several articles" if articles else 'no article with an "articleBody"')
        + "; import one article a file"
    )


def check_schema_type(fields: dict) -> None:
    types = schema_types(fields)
    if types and not types & ARTICLE_TYPES:
        raise IngestError(
            f'the JSON "@type" is {fields["@type"]!r}, not a news article (NewsArticle, Article)'
        )


def first_field(fields: dict, names: tuple[str, ...], *, required: bool = False) -> tuple[str, str]:
    """(the text of the first of these fields the object has, its name); null counts as absent."""
    for name in names:
        value = fields.get(name)
        if value is None:
            continue
        text = field_text(name, value)
        if name in BODY_FIELDS:
            if not text.strip():
                if required and not any(fields.get(other) for other in names if other != name):
                    raise IngestError(f'the JSON "{name}" is empty')
                continue
            return text, name
        return " ".join(text.split()), name
    if required:
        listed = ", ".join(f'"{name}"' for name in names[:3])
        raise IngestError(f"the JSON has no article text: none of {listed} is there")
    return "", ""


def field_text(name: str, value) -> str:
    """A field's text: a string, or the name/@id/url of an object (publisher, source, page)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and name in OUTLET_FIELDS + URL_FIELDS:
        for key in ("name", "@id", "url"):
            if isinstance(value.get(key), str):
                return value[key]
    raise IngestError(f'the JSON "{name}" must be a string, not {JSON_TYPES[type(value)]}')


def author_names(fields: dict) -> list[str]:
    """'Sam Lee', ['Sam Lee', 'Jo Park'], {"@type": "Person", "name": ...} or a list of those."""
    for name in AUTHOR_FIELDS:
        value = fields.get(name)
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        names = []
        for item in items:
            if isinstance(item, str):
                names.append(" ".join(item.split()))
            elif isinstance(item, dict) and isinstance(item.get("name"), str):
                if not schema_types(item) & {"organization", "newsmediaorganization"}:
                    names.append(" ".join(item["name"].split()))
            else:
                raise IngestError(
                    f'the JSON "{name}" must be a name, a list of names or schema.org Person '
                    f"objects, not {JSON_TYPES[type(item)]}"
                    + (" in a list" if isinstance(value, list) else "")
                )
        return [name for name in names if name]
    return []
