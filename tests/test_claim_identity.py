"""A claim keeps its id while its sentence is in the article: re-analysis updates it in
place when line endings change, the text around it moves or (undecided) it is lightly
edited; a verdict is never lost; a link to a claim whose sentence is gone says so."""

import pytest
from django.urls import reverse

from articles.models import Article
from factcheck.models import Claim, Evidence, RemovedClaim, Status
from factcheck.services import (
    analyze_story,
    mark_not_a_claim,
    pair_by_sentence,
    record_verdict,
    sentence_key,
)

from .factories import ArticleFactory, EditorFactory, OutletFactory, StoryFactory

pytestmark = pytest.mark.django_db

STRIKE = "About 4,200 bus drivers walked off the job on Monday, the union said."
LARGEST = "The strike is the largest in the city's history, according to the transit agency."
RESUME = "Service will resume on March 3, officials said."
GAZETTE = f"RIVERTON, Ore. -- {STRIKE}\n\n{LARGEST}\n\n{RESUME}"
WIRE = (
    "RIVERTON (Wire) -- Some 3,900 drivers went on strike Monday, the transit agency said.\n\n"
    "Officials said service would resume on March 3.\n\n"
    "It is the largest strike in the city's history."
)


@pytest.fixture
def story():
    story = StoryFactory(title="Bus strike")
    ArticleFactory(story=story, outlet=OutletFactory(name="Gazette"), body=GAZETTE)
    ArticleFactory(story=story, outlet=OutletFactory(name="Wire"), body=WIRE)
    analyze_story(story_id=story.pk)
    return story


def gazette() -> Article:
    return Article.objects.get(outlet__name="Gazette")


def claim_of(sentence: str) -> Claim:
    return Claim.objects.get(article=gazette(), text__contains=sentence[:30])


def rewrite(body: str) -> None:
    """An article's body changed, then its story analysed again."""
    article = gazette()
    Article.objects.filter(pk=article.pk).update(body=body)
    analyze_story(story_id=article.story_id)


def ids_by_sentence() -> dict[str, int]:
    return {sentence_key(c.text): c.pk for c in Claim.objects.filter(article=gazette())}


def assert_spans_point_into_the_text():
    for claim in Claim.objects.in_text().select_related("article"):
        assert claim.article.body[claim.start : claim.end] == claim.text
    for passage in Evidence.objects.select_related("article"):
        assert passage.article.body[passage.start : passage.end] == passage.text


class TestReanalysis:
    def test_windows_line_endings_keep_every_claim_and_passage_once(self, story):
        decided = claim_of(LARGEST)
        passages = decided.evidence.count()
        record_verdict(claim=decided, status=Status.CONFIRMED, reviewer=EditorFactory(),
                       cited_evidence=[decided.evidence.first()])  # fmt: skip
        before = ids_by_sentence()

        rewrite(GAZETTE.replace("\n", "\r\n"))

        assert ids_by_sentence() == before
        assert decided.evidence.count() == passages  # not a second copy at the new span
        assert_spans_point_into_the_text()

    def test_text_inserted_above_moves_the_spans_not_the_ids(self, story):
        before = ids_by_sentence()
        rewrite(GAZETTE.replace("RIVERTON, Ore. -- ", "RIVERTON, Ore. -- Updated at noon.\n\n"))
        assert ids_by_sentence() == before
        assert claim_of(STRIKE).start > GAZETTE.index(STRIKE)
        assert_spans_point_into_the_text()

    def test_two_sentences_that_swap_places_keep_their_ids(self, story):
        before = ids_by_sentence()
        rewrite(f"RIVERTON, Ore. -- {LARGEST}\n\n{STRIKE}\n\n{RESUME}")
        assert ids_by_sentence() == before
        assert_spans_point_into_the_text()

    def test_sentences_of_one_length_that_swap_places_trade_spans_without_a_clash(self):
        first = "About 4,200 drivers walked out on Monday, the union said."
        second = "About 3,900 nurses walked out on Friday, the agency said."
        article = ArticleFactory(body=f"RIVERTON -- {first}\n\n{second}")
        analyze_story(story_id=article.story_id)
        ids = {claim.text: (claim.pk, claim.start) for claim in article.claims.all()}
        assert len(ids) == 2

        Article.objects.filter(pk=article.pk).update(body=f"RIVERTON -- {second}\n\n{first}")
        analyze_story(story_id=article.story_id)

        after = {claim.text: (claim.pk, claim.start) for claim in article.claims.all()}
        assert after == {
            first: (ids[first][0], ids[second][1]),
            second: (ids[second][0], ids[first][1]),
        }

    def test_a_corrected_figure_keeps_an_undecided_claims_id(self, story):
        strike = claim_of(STRIKE)
        rewrite(GAZETTE.replace("4,200", "4,300"))
        strike.refresh_from_db()
        assert strike.text == STRIKE.replace("4,200", "4,300")
        assert_spans_point_into_the_text()

    def test_a_decided_claim_is_not_moved_onto_different_words(self, story):
        strike = claim_of(STRIKE)
        record_verdict(claim=strike, status=Status.DISPUTED, reviewer=EditorFactory())
        rewrite(GAZETTE.replace("4,200", "4,300"))
        strike.refresh_from_db()
        assert strike.text == STRIKE  # the verdict was on these words
        assert strike.missing_since is not None
        assert Claim.objects.filter(article=gazette(), text__contains="4,300").exists()

    def test_a_gone_sentence_keeps_its_verdict_and_comes_back_with_its_id(self, story):
        resume = claim_of(RESUME)
        record_verdict(claim=resume, status=Status.CONFIRMED, reviewer=EditorFactory())

        rewrite(GAZETTE.replace(f"\n\n{RESUME}", ""))
        resume.refresh_from_db()
        assert resume.missing_since is not None
        assert resume.status == Status.CONFIRMED
        assert resume not in Claim.objects.in_text()

        rewrite(GAZETTE)
        resume.refresh_from_db()
        assert resume.missing_since is None
        assert_spans_point_into_the_text()

    def test_an_undecided_claim_whose_sentence_is_gone_is_remembered(self, story):
        resume = claim_of(RESUME)
        rewrite(GAZETTE.replace(f"\n\n{RESUME}", ""))
        assert not Claim.objects.filter(pk=resume.pk).exists()
        removed = RemovedClaim.objects.get(pk=resume.pk)
        assert (removed.text, removed.article) == (RESUME, gazette())

    def test_a_sentence_set_aside_as_not_a_claim_is_kept(self, story):
        resume = claim_of(RESUME)
        mark_not_a_claim(claim=resume, editor=EditorFactory())
        rewrite(GAZETTE.replace(f"\n\n{RESUME}", ""))
        resume.refresh_from_db()
        assert resume.not_a_claim and resume.missing_since is not None

    def test_running_twice_changes_nothing(self, story):
        rewrite(GAZETTE.replace("\n", "\r\n"))
        snapshot = list(Claim.objects.values_list("pk", "start", "end", "text"))
        passages = list(Evidence.objects.values_list("pk", "start", "end"))
        summary = analyze_story(story_id=story.pk)
        assert (summary.claims_created, summary.claims_updated, summary.evidence_created) == (
            0, 0, 0,
        )  # fmt: skip
        assert list(Claim.objects.values_list("pk", "start", "end", "text")) == snapshot
        assert list(Evidence.objects.values_list("pk", "start", "end")) == passages


class TestPairing:
    def pair(self, old, new, may_drift=lambda text: True):
        same = {"old_text": str, "new_text": str, "may_drift": may_drift}
        return pair_by_sentence(old, new, **same)

    def test_repeated_sentences_pair_in_reading_order(self):
        pairs, left, new = self.pair(["A b.", "A b.", "C d."], ["A  b.", "C\r\nd.", "A b."])
        assert pairs == [("A b.", "A  b."), ("C d.", "C\r\nd."), ("A b.", "A b.")]
        assert (left, new) == ([], [])

    def test_a_different_sentence_is_not_the_same_claim(self):
        pairs, left, new = self.pair(["The bridge will close."], ["Officials met on Friday."])
        assert (pairs, left, new) == ([], ["The bridge will close."], ["Officials met on Friday."])

    def test_only_rows_allowed_to_drift_match_an_edited_sentence(self):
        old = ["About 4,200 bus drivers walked off the job on Monday, the union said."]
        new = ["About 4,300 bus drivers walked off the job on Monday, the union said."]
        assert self.pair(old, new)[0] == [(old[0], new[0])]
        assert self.pair(old, new, may_drift=lambda text: False)[0] == []


class TestLinks:
    def test_a_link_to_a_removed_claim_says_the_sentence_is_gone(self, story, editor_client):
        resume = claim_of(RESUME)
        rewrite(GAZETTE.replace(f"\n\n{RESUME}", ""))

        for name in ["claim_panel", "claim_history", "claim_publication"]:
            response = editor_client.get(reverse(name, args=[resume.pk]))
            assert response.status_code == 410, name
            page = response.content.decode()
            assert "no longer in the article" in page
            assert "Service will resume on March 3, officials said." in page
            assert reverse("article_reader", args=[gazette().pk]) in page

        reader = editor_client.get(resume.get_absolute_url())
        assert reader.status_code == 200
        assert "no longer in the article" in reader.content.decode()

    def test_a_claim_that_never_existed_is_still_not_found(self, editor_client):
        assert editor_client.get(reverse("claim_panel", args=[999_999])).status_code == 404

    def test_a_kept_claim_whose_sentence_is_gone_says_so_in_its_panel(self, story, editor_client):
        resume = claim_of(RESUME)
        record_verdict(claim=resume, status=Status.CONFIRMED, reviewer=EditorFactory())
        rewrite(GAZETTE.replace(f"\n\n{RESUME}", ""))

        page = editor_client.get(resume.get_absolute_url()).content.decode()

        assert f'id="claim-mark-{resume.pk}"' not in page  # not highlighted where it was
        panel = page[page.index('<aside id="panel"') :]
        assert "This sentence is no longer in the article" in panel
        assert "Confirmed" in panel
