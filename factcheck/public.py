"""What readers see: published fact-checks and their schema.org ClaimReview.

The only pages reachable without logging in. They show what an editor published
and nothing else: the claim, where it appeared, the published verdict (not a
newer one recorded since), its note only when the note is public, and the other
outlets' passages that verdict cites. Never an unpublished or withdrawn claim
(404), an internal note, a reviewer's name (the newsroom signs its fact-checks),
the engine's suggestions or scores.

The rating scale of reviewRating. Only two verdicts sit on a scale of truth:

    1  Disputed    other outlets' reporting contradicts the claim   (worstRating 1)
    2  Confirmed   other outlets' reporting backs the claim         (bestRating 2)
    -  Unsourced   nothing else backs or contradicts it: unproven either way, so it
                   has no number, only alternateName "Unproven" and its explanation

A number between the two would say "half true"; an unsourced claim is not that.

The claim (itemReviewed) names who makes it: the person or organisation the
article quotes (Claim.attribution) as its author, or the outlet when the article
says it in its own voice; the article where it appeared (appearance); and the
earliest article, by date then id, that made it (firstAppearance): the claim's
own or one of the other outlets' passages that support it. claimReviewed is the
claim's words without the attribution clause ("..., the union said"), at most
CLAIM_REVIEWED_MAX characters, cut at a clause or a word.
"""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from articles.models import Article, Outlet

from .models import Claim, Evidence, Publication, Status, Verdict

CLAIM_REVIEWED_MAX = 150  # characters: fact-check consumers want the claim, short


@dataclass(frozen=True)
class Rating:
    value: int | None  # None: off the scale of truth (unproven)
    name: str  # the verdict, as the newsroom says it
    alternate_name: str  # ClaimReview's alternateName, what search results show
    explanation: str


RATINGS = {
    Status.DISPUTED: Rating(
        1, "Disputed", "Disputed", "Other outlets' reporting contradicts the claim."
    ),
    Status.CONFIRMED: Rating(
        2, "Confirmed", "Confirmed", "Other outlets' reporting backs the claim."
    ),
    Status.UNSOURCED: Rating(
        None,
        "Unsourced",
        "Unproven",
        "Nothing else we found backs or contradicts the claim: it rests on its own source, "
        "so it is unproven either way.",
    ),
}
WORST_RATING = min(r.value for r in RATINGS.values() if r.value is not None)
BEST_RATING = max(r.value for r in RATINGS.values() if r.value is not None)

REPORTING = (
    r"(?:said|says|say|told|tells|reported|reports|announced|announces|added|adds|stated"
    r"|states|noted|notes|wrote|writes|claimed|claims|estimated|estimates|confirmed"
    r"|confirms|insisted|insists|warned|warns|explained|explains|argued|argues)"
)
# A few words after "said": "on Tuesday", "in a statement".
WHEN = r"(?:\s+(?:on|in|at|last|this|early|late)?\s*[\w.,-]+){0,6}?"


def claim_reviewed(text: str, attribution: str = "") -> str:
    """The claim's words on one line, without the clause that says who makes it, at most
    CLAIM_REVIEWED_MAX characters (cut at a clause, else a word, and marked …)."""
    text = " ".join(text.split())
    words = without_attribution(text, " ".join(attribution.split()))
    return shortened(words, CLAIM_REVIEWED_MAX)


def without_attribution(text: str, attribution: str) -> str:
    """The claim without its attribution clause, at the end ("..., according to the
    authority.", "..., the union said on Monday.", '"...," said Mayor Calder.') or at the
    start ("Officials said the bridge will close." gives "The bridge will close."); the
    text as it is when the attribution is not where such a clause would be."""
    if not attribution:
        return text
    source = rf"(?:(?:the|a|an)\s+)?{re.escape(attribution)}"
    end = r"(?P<end>[.!?]?)[\"”’']?\s*$"
    patterns = [
        rf",?\s+according\s+to\s+{source}{WHEN}\s*{end}",
        rf",\s*{source}(?:,[^,]{{1,90}},)?\s+(?:has\s+|had\s+|also\s+)?{REPORTING}{WHEN}\s*{end}",
        rf"(?<=[,\"”])\s*{REPORTING}\s+{source}(?:,[^,]{{1,90}})?{WHEN}\s*{end}",
        rf"(?<=[,\"”])\s*{source}(?:,[^,]{{1,90}},)?\s+{REPORTING}{WHEN}\s*{end}",
    ]
    for pattern in patterns:
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if match and match.start() >= 20:
            kept = text[: match.start()].rstrip(" ,")
            return tidy_quotation(kept) or text
    leading = [
        rf"^according\s+to\s+{source},\s*",
        rf"^{source}(?:,[^,]{{1,90}},)?\s+(?:has\s+|had\s+|also\s+)?{REPORTING}(?:\s+that)?\s+",
    ]
    for pattern in leading:
        match = re.match(pattern, text, flags=re.IGNORECASE)
        if match and len(text) - match.end() >= 20:
            rest = text[match.end() :]
            return rest[:1].upper() + rest[1:]
    return text


def tidy_quotation(kept: str) -> str:
    """A quotation left without its speaker: its words, without the quotation marks
    and the comma that led to "said ..."; other claims get their full stop back."""
    if kept[:1] in '"“' and kept[-1:] in '"”':
        return kept[1:-1].rstrip(" ,")
    if kept[-1:] in '"”' and kept[-2:-1] == ",":
        return kept[:-2] + kept[-1]
    return kept if kept[-1:] in ".!?" else f"{kept}."


def shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    window = text[: limit - 1]
    for boundary in (", ", "; ", " — ", " – ", ": "):
        cut = window.rfind(boundary)
        if cut >= limit // 2:
            return window[:cut].rstrip(" ,;:–—-") + "…"
    if " " in window[limit // 2 :]:
        window = window.rsplit(" ", 1)[0]
    return window.rstrip(" ,;:–—-") + "…"


TITLE_WORDS = {
    "president", "vice", "mayor", "governor", "gov.", "senator", "sen.", "representative",
    "rep.", "chief", "director", "secretary", "minister", "chair", "chairman", "chairwoman",
    "chairperson", "commissioner", "sheriff", "judge", "dr.", "professor", "prof.", "ceo",
    "spokesperson", "spokesman", "spokeswoman", "councilmember", "councilman", "councilwoman",
    "superintendent", "captain", "capt.", "lt.", "sgt.", "officer", "deputy", "manager",
    "executive", "attorney", "treasurer", "speaker", "leader", "founder", "head", "official",
    "analyst", "economist", "researcher", "lawyer", "coach", "general", "gen.", "adm.",
}  # fmt: skip
ORGANISATION_WORDS = {
    "fire", "department", "union", "unions", "association", "inc", "inc.", "corp", "corp.",
    "company", "council", "authority", "agency", "police", "university", "hospital", "bank",
    "group", "party", "news", "service", "services", "board", "commission", "committee",
    "federation", "institute", "center", "centre", "foundation", "office", "ministry", "court",
    "county", "city", "state", "airlines", "airport", "transit", "network", "health",
    "workers", "guild", "league", "club", "coalition", "alliance", "organization",
    "organisation", "society", "press", "administration", "government", "district", "school",
    "schools", "team", "teamsters", "ltd", "llc", "media", "times", "post",
}  # fmt: skip
PERSON_NOUNS = {
    "spokesperson", "spokesman", "spokeswoman", "official", "officer", "resident", "witness",
    "driver", "worker", "nurse", "teacher", "doctor", "lawyer", "attorney", "analyst",
    "expert", "economist", "researcher", "source", "employee", "manager", "executive",
}  # fmt: skip


def person(name: str, job_title: str = "") -> dict:
    return {"@type": "Person", "name": name, **({"jobTitle": job_title} if job_title else {})}


def claimant(attribution: str, outlet: Outlet) -> dict:
    """Who makes the claim, as schema.org: the person or organisation the article says is
    making it, or the outlet itself when the article says it in its own voice.

    A person when a title precedes a name ("Union President Ana Ruiz": Ana Ruiz,
    jobTitle Union President), when the source is a name of capitalised words with no
    organisation's word in it ("Julian Robinson"), or one unnamed person ("a
    spokesperson", "a Northline spokesperson"); otherwise an organisation, named as the
    article names it ("the transit authority"). A company named like a person
    ("Northline Health") is taken for one: the words alone cannot tell.
    """
    words = " ".join(attribution.split()).split()
    if not words:
        return organization(outlet.name, outlet_url(outlet))
    lowered = [word.lower().strip(",") for word in words]
    name: list[str] = []
    for word, low in zip(reversed(words), reversed(lowered), strict=True):
        if low in TITLE_WORDS or not word[:1].isupper() or any(c.isdigit() for c in word):
            break
        name.insert(0, word)
    title = words[: len(words) - len(name)]
    has_title = any(low in TITLE_WORDS for low in lowered[: len(title)])
    organisational = any(low in ORGANISATION_WORDS for low in lowered[len(title) :])
    if name and not organisational and (has_title or (len(name) >= 2 and not title)):
        job_title = " ".join(title)
        job_title = re.sub(r"^(?:the|a|an)\s+", "", job_title, flags=re.IGNORECASE)
        return person(" ".join(name), job_title)
    if lowered[-1] in PERSON_NOUNS:
        return person(" ".join(words))
    return organization(" ".join(words))


def web_url(url: str) -> str:
    """The URL when it is an http(s) one, else nothing (a file name is not a link)."""
    return url if url.startswith(("https://", "http://")) else ""


def outlet_url(outlet: Outlet) -> str:
    return web_url(outlet.homepage)


def organization(name: str, url: str = "") -> dict:
    return {"@type": "Organization", "name": name, **({"url": url} if url else {})}


def creative_work(article: Article) -> dict:
    """An article as where a claim appeared: headline, outlet, date and (web) address."""
    work = {
        "@type": "CreativeWork",
        "headline": article.label,
        "publisher": organization(article.outlet.name, outlet_url(article.outlet)),
    }
    if url := web_url(article.url):
        work["url"] = url
    if article.published:
        work["datePublished"] = article.published.isoformat()
    return work


def timestamp(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FactCheck:
    """One published claim as readers see it (or, unpublished, as they would)."""

    claim: Claim
    verdict: Verdict
    url: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None

    @classmethod
    def of(cls, publication: Publication, request: HttpRequest) -> "FactCheck":
        """From a row of Publication.objects.current().for_public()."""
        first = publication.first_published_at
        return cls(
            claim=publication.claim,
            verdict=publication.verdict,
            url=request.build_absolute_uri(reverse("public_claim", args=[publication.claim_id])),
            published_at=first,
            updated_at=publication.created_at if publication.created_at != first else None,
        )

    @property
    def article(self) -> Article:
        return self.claim.article

    @property
    def rating(self) -> Rating:
        return RATINGS[self.verdict.status]

    @property
    def public_note(self) -> str:
        return "" if self.verdict.note_is_internal else self.verdict.note.strip()

    @property
    def cited(self) -> list[Evidence]:
        return list(self.verdict.cited_evidence.all())

    @property
    def first_appearance(self) -> Article:
        """The earliest article, by date (undated last) then id, that made the claim:
        its own, or one whose passage supports it (needs for_public's "supporting")."""
        articles = [self.article, *(p.article for p in getattr(self.claim, "supporting", []))]
        return min(articles, key=lambda a: (a.published is None, a.published or date.min, a.pk))

    @property
    def article_url(self) -> str:
        return web_url(self.article.url)

    def claim_review(self) -> dict:
        """schema.org ClaimReview, in the fields Google's fact-check markup reads."""
        article = self.article
        first = self.first_appearance
        item_reviewed = {
            "@type": "Claim",
            "author": claimant(self.claim.attribution, article.outlet),
            "appearance": creative_work(article),
            "firstAppearance": creative_work(first),
        }
        if first.published:
            item_reviewed["datePublished"] = first.published.isoformat()
        rating = {"@type": "Rating"}
        if self.rating.value is not None:
            rating |= {
                "ratingValue": self.rating.value,
                "bestRating": BEST_RATING,
                "worstRating": WORST_RATING,
            }
        rating |= {
            "alternateName": self.rating.alternate_name,
            "ratingExplanation": self.rating.explanation,
        }
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": self.url,
            "claimReviewed": claim_reviewed(self.claim.text, self.claim.attribution),
            "author": organization(settings.NEWSROOM_NAME, settings.NEWSROOM_URL),
            "reviewRating": rating,
            "itemReviewed": item_reviewed,
        }
        if self.published_at:
            review["datePublished"] = timestamp(self.published_at)
        if self.updated_at:
            review["dateModified"] = timestamp(self.updated_at)
        if self.public_note:
            review["reviewBody"] = self.public_note
        return review


# Inside <script> only "</" could end the element early; escaping <, > and & (and
# the two line separators old parsers choke on) leaves JSON that parses the same.
SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def json_for_script(data) -> SafeString:
    """JSON safe to place between <script type="application/ld+json"> tags."""
    return SafeString(json.dumps(data, ensure_ascii=False, indent=2).translate(SCRIPT_ESCAPES))


def newsroom() -> dict:
    return {"name": settings.NEWSROOM_NAME, "url": settings.NEWSROOM_URL}


# --- Views: no login -------------------------------------------------------------------


@require_safe
def public_claim(request: HttpRequest, claim_id: int) -> TemplateResponse:
    """A published claim's fact-check, with its ClaimReview as JSON-LD; 404 otherwise."""
    publication = get_object_or_404(Publication.objects.current().for_public(), claim_id=claim_id)
    fact_check = FactCheck.of(publication, request)
    context = {
        "fact_check": fact_check,
        "claim_review": json_for_script(fact_check.claim_review()),
        "newsroom": newsroom(),
        "ratings": [
            RATINGS[status] for status in (Status.CONFIRMED, Status.DISPUTED, Status.UNSOURCED)
        ],
    }
    return TemplateResponse(request, "factcheck/public_claim.html", context)


@require_safe
def story_claim_reviews(request: HttpRequest, story_id: int) -> JsonResponse:
    """The story's published claims as a JSON list of ClaimReview objects.

    404 until something of the story has been published; an empty list once
    everything published has been withdrawn.
    """
    if not Publication.objects.filter(claim__article__story_id=story_id).exists():
        raise Http404("nothing of this story has been published")
    publications = Publication.objects.current().for_public()
    reviews = [
        FactCheck.of(publication, request).claim_review()
        for publication in publications.filter(claim__article__story_id=story_id)
    ]
    response = JsonResponse(
        reviews, safe=False, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Access-Control-Allow-Origin"] = "*"  # public data, for other fact-checkers' tools
    return response
