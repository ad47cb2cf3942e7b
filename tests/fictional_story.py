"""A fictional story three outlets covered, with claims and evidence as the engine
would leave them: agreement on the closure and the traffic, a contradiction on
the cost, and two claims nobody else backs."""

from dataclasses import dataclass, field
from datetime import date

from articles.models import Article, Outlet, Story
from factcheck.models import Citation, Claim, Evidence, Kind, Relation, Status, Verdict

from .factories import (
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    EvidenceFactory,
    OutletFactory,
    StoryFactory,
)

GAZETTE_BODY = (
    "PORT ALDER -- The Harbor Bridge will close for 18 months starting March 3, "
    "the transit authority said on Tuesday. About 40,000 vehicles cross the bridge every day."
    "\n\n"
    "Repairs will cost $120 million, according to the authority. "
    "It is the largest repair project in the county's history."
)
RADIO_BODY = (
    "PORT ALDER -- Officials said the Harbor Bridge will close for 18 months from March 3. "
    "Roughly 40,000 vehicles use the bridge daily."
    "\n\n"
    "The repairs are expected to cost $95 million, a spokesperson said."
)
WIRE_BODY = (
    "PORT ALDER (Valley Wire) -- The Harbor Bridge, which carries about 40,000 vehicles a day, "
    "is set to close in March for repairs."
    "\n\n"
    '"We have no choice," said Mayor Ines Calder.'
)


@dataclass
class FictionalStory:
    story: Story
    outlets: dict[str, Outlet]
    articles: dict[str, Article]
    claims: dict[str, Claim]
    evidence: dict[str, Evidence] = field(default_factory=dict)


def claim(article: Article, sentence: str, kind: str, suggested: str, **extra) -> Claim:
    return ClaimFactory(
        article=article,
        sentence=sentence,
        kind=kind,
        suggested_status=suggested,
        facts={},
        attribution=extra.pop("attribution", ""),
        reasons=extra.pop("reasons", []),
        **extra,
    )


def passage(
    for_claim: Claim, article: Article, sentence: str, relation: str, matches: list[str], **extra
) -> Evidence:
    """Evidence whose highlights are the given words' ranges within the sentence."""
    highlights = [[sentence.index(word), sentence.index(word) + len(word)] for word in matches]
    return EvidenceFactory(
        claim=for_claim,
        article=article,
        sentence=sentence,
        relation=relation,
        highlights=highlights,
        score=extra.pop("score", 0.8),
        reasons=extra.pop("reasons", []),
        **extra,
    )


def build_fictional_story(title: str = "Harbor Bridge closes for repairs") -> FictionalStory:
    story = StoryFactory(title=title)
    outlets = {
        "gazette": OutletFactory(name="Alder Gazette"),
        "radio": OutletFactory(name="Coastline Radio"),
        "wire": OutletFactory(name="Valley Wire"),
    }
    articles = {
        "gazette": ArticleFactory(
            outlet=outlets["gazette"],
            story=story,
            headline="Harbor Bridge to close for 18 months",
            dateline="PORT ALDER",
            published=date(2025, 3, 1),
            body=GAZETTE_BODY,
            boilerplate=[{"kind": "promo", "text": "Subscribe to the Gazette for $1 a week"}],
        ),
        "radio": ArticleFactory(
            outlet=outlets["radio"],
            story=story,
            headline="Bridge repairs: what commuters need to know",
            dateline="PORT ALDER",
            published=date(2025, 3, 1),
            body=RADIO_BODY,
        ),
        "wire": ArticleFactory(
            outlet=outlets["wire"],
            story=story,
            headline="Port Alder bridge to shut in March",
            dateline="PORT ALDER (Valley Wire)",
            published=date(2025, 3, 2),
            body=WIRE_BODY,
        ),
    }
    gazette, radio, wire = articles["gazette"], articles["radio"], articles["wire"]
    claims = {
        "closure": claim(
            gazette,
            "The Harbor Bridge will close for 18 months starting March 3, "
            "the transit authority said on Tuesday.",
            Kind.DATE,
            Status.CONFIRMED,
            attribution="the transit authority",
            reasons=["Coastline Radio gives the same dates"],
        ),
        "traffic": claim(
            gazette,
            "About 40,000 vehicles cross the bridge every day.",
            Kind.QUANTITY,
            Status.CONFIRMED,
            reasons=["two other outlets give 40,000 vehicles"],
        ),
        "cost": claim(
            gazette,
            "Repairs will cost $120 million, according to the authority.",
            Kind.QUANTITY,
            Status.DISPUTED,
            attribution="the authority",
            reasons=["Coastline Radio gives $95 million"],
        ),
        "largest": claim(
            gazette,
            "It is the largest repair project in the county's history.",
            Kind.SUPERLATIVE,
            Status.UNSOURCED,
            reasons=["no other outlet says so"],
        ),
        "radio_closure": claim(
            radio,
            "Officials said the Harbor Bridge will close for 18 months from March 3.",
            Kind.DATE,
            Status.CONFIRMED,
            attribution="officials",
        ),
        "radio_traffic": claim(
            radio, "Roughly 40,000 vehicles use the bridge daily.", Kind.QUANTITY, Status.CONFIRMED
        ),
        "radio_cost": claim(
            radio,
            "The repairs are expected to cost $95 million, a spokesperson said.",
            Kind.QUANTITY,
            Status.DISPUTED,
            attribution="a spokesperson",
            reasons=["Alder Gazette gives $120 million"],
        ),
        "wire_traffic": claim(
            wire,
            "The Harbor Bridge, which carries about 40,000 vehicles a day, "
            "is set to close in March for repairs.",
            Kind.QUANTITY,
            Status.CONFIRMED,
        ),
        "quote": claim(
            wire,
            '"We have no choice," said Mayor Ines Calder.',
            Kind.QUOTE,
            Status.UNSOURCED,
            attribution="Mayor Ines Calder",
        ),
    }
    c = claims
    evidence = {
        "closure_radio": passage(
            c["closure"],
            radio,
            c["radio_closure"].text,
            Relation.SUPPORTS,
            ["18 months", "March 3"],
            reasons=["same duration", "same start date"],
        ),
        "traffic_radio": passage(
            c["traffic"],
            radio,
            c["radio_traffic"].text,
            Relation.SUPPORTS,
            ["40,000 vehicles"],
            reasons=["both give 40,000 vehicles a day"],
        ),
        "traffic_wire": passage(
            c["traffic"],
            wire,
            c["wire_traffic"].text,
            Relation.SUPPORTS,
            ["40,000 vehicles"],
            score=0.7,
            reasons=["both give 40,000 vehicles a day"],
        ),
        "cost_radio": passage(
            c["cost"],
            radio,
            c["radio_cost"].text,
            Relation.CONTRADICTS,
            ["cost $95 million"],
            score=0.75,
            reasons=["$95 million against $120 million"],
        ),
        "radio_cost_gazette": passage(
            c["radio_cost"],
            gazette,
            c["cost"].text,
            Relation.CONTRADICTS,
            ["cost $120 million"],
            score=0.75,
            reasons=["$120 million against $95 million"],
        ),
        "radio_closure_gazette": passage(
            c["radio_closure"],
            gazette,
            c["closure"].text,
            Relation.SUPPORTS,
            ["18 months", "March 3"],
        ),
    }
    return FictionalStory(story, outlets, articles, claims, evidence)


def article_with_many_claims(count: int, *, story=None) -> Article:
    """An article with count claims, each with a passage in a second article (every
    third one contradicting) and, for every other claim, a verdict citing it."""
    sentences = [f"Claim number {number:05d} says {number} buses ran." for number in range(count)]
    body = " ".join(sentences)
    story = story or StoryFactory()
    article = ArticleFactory(body=body, story=story)
    other = ArticleFactory(body=body, story=story)
    claims = Claim.objects.bulk_create(
        Claim(
            article=article,
            text=sentence,
            start=body.index(sentence),
            end=body.index(sentence) + len(sentence),
            kind="quantity",
        )
        for sentence in sentences
    )
    passages = Evidence.objects.bulk_create(
        Evidence(
            claim=claim,
            article=other,
            text=claim.text,
            start=claim.start,
            end=claim.end,
            relation=Relation.CONTRADICTS if number % 3 == 0 else Relation.SUPPORTS,
            score=0.5,
            highlights=[[0, 5]],
        )
        for number, claim in enumerate(claims)
    )
    reviewer = EditorFactory()
    verdicts = Verdict.objects.bulk_create(
        Verdict(claim=claim, status="confirmed", reviewer=reviewer) for claim in claims[::2]
    )
    Citation.objects.bulk_create(
        Citation(verdict=verdict, evidence=passage)
        for verdict, passage in zip(verdicts, passages[::2], strict=True)
    )
    Claim.objects.filter(verdicts__isnull=False).update(status="confirmed")
    return article
