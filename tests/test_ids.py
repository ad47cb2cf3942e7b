"""Ids in URLs and forms: any number that is no row's id is a 404 or a 400, never a 500.

SQLite's driver cannot send an integer beyond 64 bits, so before these checks
`/fact-checks/9223372036854775808/` and a cited evidence id of that size were
server errors. The URL tests walk the project's URL resolver, so a URL added
later is covered without anyone listing it here.
"""

import re

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from articles.ids import MAX_ID, IdConverter, as_id
from articles.models import Outlet
from factcheck.models import Citation, Claim, Publication, Verdict

from .factories import EvidenceFactory, UserFactory, VerdictFactory

NOT_IDS = [str(MAX_ID + 1), str(2**64), "9" * 19, "9" * 40, "0", "00"]
ID_IN_ROUTE = re.compile(r"<(?:(\w+):)?(\w+)>")


def every_route(patterns=None, prefix: str = ""):
    """(route, pattern) for every URL of the project, includes followed."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from every_route(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def is_admin(route: str) -> bool:
    return route.startswith("admin/")


def takes_an_id(pattern: URLPattern) -> bool:
    converters = getattr(pattern.pattern, "converters", {})
    return any(
        isinstance(converter, IntConverter | IdConverter) or name.endswith("_id") or name == "pk"
        for name, converter in converters.items()
    )


ROUTES_WITH_IDS = [
    route for route, pattern in every_route() if not is_admin(route) and takes_an_id(pattern)
]
ADMIN_ROUTES_WITH_IDS = [
    route for route, pattern in every_route() if is_admin(route) and "<path:object_id>" in route
]


def url_with(route: str, value: str) -> str:
    return "/" + ID_IN_ROUTE.sub(value, route)


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


def test_the_walk_finds_the_urls_that_take_ids():
    assert len(ROUTES_WITH_IDS) >= 15
    assert "fact-checks/<id:claim_id>/" in ROUTES_WITH_IDS
    assert "import/batches/<id:batch_id>/" in ROUTES_WITH_IDS


@pytest.mark.parametrize("route", ROUTES_WITH_IDS)
def test_every_id_in_a_url_is_a_bounded_id(route):
    pattern = dict(every_route())[route]
    assert all(isinstance(c, IdConverter) for c in pattern.pattern.converters.values()), (
        f"{route}: use <id:...> for ids, not <int:...>"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES_WITH_IDS)
@pytest.mark.parametrize("value", NOT_IDS)
def test_a_number_that_is_no_id_is_not_found(superuser_client, route, value):
    url = url_with(route, value)
    assert superuser_client.get(url).status_code == 404
    assert superuser_client.post(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES_WITH_IDS)
@pytest.mark.parametrize("value", [str(MAX_ID), "123456789"])
def test_an_id_of_no_row_is_not_found(superuser_client, route, value):
    url = url_with(route, value)
    response = superuser_client.get(url)
    if response.status_code == 405:  # an action: only POST is allowed
        response = superuser_client.post(url)
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("value", [str(MAX_ID + 1), str(2**64)])
def test_public_pages_answer_404_to_anyone(client, value):
    assert client.get(f"/fact-checks/{value}/").status_code == 404
    assert client.get(f"/stories/{value}/claimreviews.json").status_code == 404


def test_ids_in_urls_are_reversed_only_when_they_are_ids():
    converter = IdConverter()
    assert converter.to_url(42) == "42"
    assert converter.to_python(str(MAX_ID)) == MAX_ID
    for value in [*NOT_IDS, "-1", "1e3", "٣", True]:
        with pytest.raises(ValueError):
            as_id(value)


# --- The admin: Django's own object URLs and the ids it takes in lists and actions ------


@pytest.mark.django_db
@pytest.mark.parametrize("route", ADMIN_ROUTES_WITH_IDS)
def test_the_admin_answers_an_id_of_no_row_without_an_error(superuser_client, route):
    for value in [str(MAX_ID + 1), str(2**64), "0"]:
        response = superuser_client.get(url_with(route, value))
        assert response.status_code in {302, 403, 404}, url_with(route, value)


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model.__name__)
def test_admin_lists_filtered_by_a_number_that_is_no_id_are_empty(superuser_client, model):
    opts = model._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/"
    response = superuser_client.get(url, {"pk__in": f"{MAX_ID + 1},{2**64}"})
    assert response.status_code in {200, 302}  # 302: a lookup the admin does not allow


@pytest.mark.django_db
def test_an_admin_action_on_a_number_that_is_no_id_selects_nothing(superuser_client):
    outlet = Outlet.objects.create(name="Harbor Times", slug="harbor-times")
    response = superuser_client.post(
        "/admin/articles/outlet/",
        {"action": "delete_selected", "_selected_action": [str(2**64), str(outlet.pk)]},
    )
    assert response.status_code == 200  # the confirmation page, for the one outlet
    assert "Harbor Times" in response.content.decode()
    assert Claim.objects.filter(pk__in=[MAX_ID + 1, 2**64]).count() == 0


# --- Ids posted in forms --------------------------------------------------------------


@pytest.mark.django_db
class TestPostedIds:
    @pytest.fixture
    def evidence(self):
        return EvidenceFactory()

    def post_verdict(self, client, claim, **fields):
        return client.post(f"/claims/{claim.pk}/verdicts/", {"status": "confirmed", **fields})

    @pytest.mark.parametrize("value", [str(MAX_ID + 1), str(2**64), "0", "-3", "x"])
    def test_a_cited_passage_that_is_no_id_is_refused(self, editor_client, evidence, value):
        response = self.post_verdict(
            editor_client, evidence.claim, cited_evidence=[str(evidence.pk), value]
        )
        assert response.status_code == 400
        assert "Cited evidence must be passages shown for this claim." in response.text
        assert not Verdict.objects.exists() and not Citation.objects.exists()

    def test_a_cited_passage_of_the_largest_id_is_refused_as_not_shown(
        self, editor_client, evidence
    ):
        response = self.post_verdict(editor_client, evidence.claim, cited_evidence=[str(MAX_ID)])
        assert response.status_code == 400
        assert "Cited evidence must be passages shown for this claim." in response.text

    @pytest.mark.parametrize("value", [str(MAX_ID + 1), str(2**64), "0"])
    def test_a_seen_verdict_that_is_no_id_is_refused(self, editor_client, evidence, value):
        VerdictFactory(claim=evidence.claim)
        response = self.post_verdict(editor_client, evidence.claim, seen_verdict=value)
        assert response.status_code == 400
        assert "That is not an id we use" in response.text
        assert Verdict.objects.count() == 1

    @pytest.mark.parametrize("value", [str(MAX_ID + 1), str(2**64)])
    def test_publishing_a_verdict_that_is_no_id_is_refused(self, editor_client, evidence, value):
        VerdictFactory(claim=evidence.claim)
        response = editor_client.post(f"/claims/{evidence.claim.pk}/publish/", {"verdict": value})
        assert response.status_code == 400
        assert not Publication.objects.exists()

    @pytest.mark.parametrize("name", ["article", "story", "outlet", "reviewer"])
    def test_a_queue_filter_on_a_number_that_is_no_id_is_refused(self, editor_client, name):
        for url in ["/claims/", "/claims/export.csv"]:
            response = editor_client.get(url, {name: str(2**64)})
            assert response.status_code == 400, url
