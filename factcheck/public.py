"""What readers see: published fact-checks and their schema.org ClaimReview.

The only pages reachable without logging in. They show what an editor published
and nothing else: the claim, where it appeared, the published verdict (not a
newer one recorded since), its note only when the note is public, and the other
outlets' passages that verdict cites. Never an unpublished or withdrawn claim
(404), an internal note, a reviewer's name (the newsroom signs its fact-checks),
the engine's suggestions or scores.

The rating scale of reviewRating, worst to best:

    1  Disputed    other outlets' reporting contradicts the claim
    2  Unsourced   nothing else backs or contradicts it: it rests on its own source
    3  Confirmed   other outlets' reporting backs the claim

worstRating is 1 and bestRating 3; alternateName carries the verdict in words.
"""

import json
from dataclasses import dataclass
from datetime import datetime

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

CLAIM_REVIEWED_MAX = 300  # characters; a claim is a sentence, rarely longer


@dataclass(frozen=True)
class Rating:
    value: int
    name: str
    explanation: str


RATINGS = {
    Status.DISPUTED: Rating(1, "Disputed", "Other outlets' reporting contradicts the claim."),
    Status.UNSOURCED: Rating(
        2,
        "Unsourced",
        "Nothing else we found backs or contradicts the claim: it rests on its own source.",
    ),
    Status.CONFIRMED: Rating(3, "Confirmed", "Other outlets' reporting backs the claim."),
}
WORST_RATING = min(rating.value for rating in RATINGS.values())
BEST_RATING = max(rating.value for rating in RATINGS.values())


def claim_reviewed(text: str) -> str:
    """The claim on one line, cut at a word boundary past CLAIM_REVIEWED_MAX."""
    text = " ".join(text.split())
    if len(text) <= CLAIM_REVIEWED_MAX:
        return text
    cut = text[: CLAIM_REVIEWED_MAX - 1]
    if " " in cut[CLAIM_REVIEWED_MAX // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


def web_url(url: str) -> str:
    """The URL when it is an http(s) one, else nothing (a file name is not a link)."""
    return url if url.startswith(("https://", "http://")) else ""


def outlet_url(outlet: Outlet) -> str:
    return web_url(outlet.homepage)


def organization(name: str, url: str = "") -> dict:
    return {"@type": "Organization", "name": name, **({"url": url} if url else {})}


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
    def article_url(self) -> str:
        return web_url(self.article.url)

    def claim_review(self) -> dict:
        """schema.org ClaimReview, in the fields Google's fact-check markup reads."""
        article, outlet = self.article, self.article.outlet
        appearance = {
            "@type": "CreativeWork",
            "headline": article.label,
            "publisher": organization(outlet.name, outlet_url(outlet)),
        }
        if self.article_url:
            appearance["url"] = self.article_url
        if article.published:
            appearance["datePublished"] = article.published.isoformat()
        item_reviewed = {
            "@type": "Claim",
            "author": organization(outlet.name, outlet_url(outlet)),
            "appearance": appearance,
        }
        if article.published:
            item_reviewed["datePublished"] = article.published.isoformat()
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": self.url,
            "claimReviewed": claim_reviewed(self.claim.text),
            "author": organization(settings.NEWSROOM_NAME, settings.NEWSROOM_URL),
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": self.rating.value,
                "bestRating": BEST_RATING,
                "worstRating": WORST_RATING,
                "alternateName": self.rating.name,
                "ratingExplanation": self.rating.explanation,
            },
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
        "ratings": sorted(RATINGS.values(), key=lambda rating: -rating.value),
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
