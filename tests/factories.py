"""factory-boy factories: ClaimFactory() builds its article and outlet too."""

import hashlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import Article, Outlet, Story
from factcheck.models import Claim, Evidence, Kind, Relation, Status, Verdict

BODY = (
    "RIVERTON, Ore. -- About 4,200 bus drivers walked off the job on Monday, the union said. "
    "The strike is the largest in the city's history.\n\n"
    '"We will stay out until we get a fair deal," said Dana Ortiz, a driver.'
)


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ["name"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.LazyAttribute(lambda outlet: outlet.name.lower().replace(" ", "-"))
    homepage = factory.LazyAttribute(lambda outlet: f"https://{outlet.slug}.example/")

    @factory.post_generation
    def domains(outlet, create, extracted, **kwargs):
        """Its web domains: OutletFactory(domains=["a.example"]); by default its slug's."""
        if create:
            for domain in extracted if extracted is not None else [f"{outlet.slug}.example"]:
                outlet.domains.get_or_create(domain=domain)


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    title = factory.Sequence(lambda n: f"Story {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    outlet = factory.SubFactory(OutletFactory)
    story = factory.SubFactory(StoryFactory)
    dateline = "RIVERTON, Ore."
    published = factory.Faker("date_this_decade")
    body = BODY
    raw_text = factory.LazyAttribute(lambda article: f"date {article.published}\n{article.body}")
    source = factory.Sequence(lambda n: f"article_{n}.txt")
    content_hash = factory.Sequence(lambda n: hashlib.sha256(f"article {n}".encode()).hexdigest())


def span_of(body: str, text: str) -> dict:
    start = body.index(text)
    return {"start": start, "end": start + len(text), "text": text}


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim
        exclude = ["sentence"]

    article = factory.SubFactory(ArticleFactory)
    sentence = "About 4,200 bus drivers walked off the job on Monday, the union said."
    text = factory.LazyAttribute(lambda claim: claim.sentence)
    start = factory.LazyAttribute(lambda claim: claim.article.body.index(claim.sentence))
    end = factory.LazyAttribute(lambda claim: claim.start + len(claim.sentence))
    kind = Kind.QUANTITY
    facts = factory.LazyFunction(
        lambda: {"quantities": [{"value": 4200, "unit": "drivers", "qualifier": "about"}]}
    )
    attribution = "the union"
    suggested_status = Status.CONFIRMED
    reasons = factory.LazyFunction(lambda: ["another outlet gives the same figure"])


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence
        exclude = ["sentence"]

    claim = factory.SubFactory(ClaimFactory)
    article = factory.SubFactory(
        ArticleFactory, story=factory.SelfAttribute("..claim.article.story")
    )
    sentence = "The strike is the largest in the city's history."
    text = factory.LazyAttribute(lambda evidence: evidence.sentence)
    start = factory.LazyAttribute(lambda evidence: evidence.article.body.index(evidence.sentence))
    end = factory.LazyAttribute(lambda evidence: evidence.start + len(evidence.sentence))
    relation = Relation.SUPPORTS
    score = 0.8
    reasons = factory.LazyFunction(lambda: ["both give 4,200 drivers"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class EditorFactory(UserFactory):
    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name="Editors"))


class ViewerFactory(UserFactory):
    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name="Viewers"))


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    status = Status.CONFIRMED
    reviewer = factory.SubFactory(EditorFactory)
    note = "Checked against two outlets."
