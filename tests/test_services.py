"""record_verdict: the one way a verdict is written."""

import pytest

from factcheck.models import Citation, ClaimStatus, Status, Verdict
from factcheck.services import VerdictConflict, record_verdict

from .factories import ClaimFactory, EditorFactory, EvidenceFactory, VerdictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return ClaimFactory()


def test_a_verdict_is_appended_and_becomes_the_claims_status(claim, editor):
    verdict = record_verdict(
        claim=claim,
        status=Status.DISPUTED,
        reviewer=editor,
        note="The union's own release says 3,900.",
        note_is_internal=False,
    )

    assert verdict.pk is not None
    assert (verdict.status, verdict.previous_status) == (Status.DISPUTED, ClaimStatus.PENDING)
    assert (verdict.reviewer, verdict.note, verdict.note_is_internal) == (
        editor,
        "The union's own release says 3,900.",
        False,
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISPUTED


def test_the_callers_claim_shows_the_new_status_too(claim, editor):
    record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=editor)
    assert claim.status == ClaimStatus.CONFIRMED


def test_notes_are_internal_unless_said_otherwise(claim, editor):
    assert record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=editor).note_is_internal


def test_a_later_verdict_remembers_the_status_it_replaced(claim, editor):
    first = record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=editor)
    second = record_verdict(
        claim=claim, status=Status.UNSOURCED, reviewer=editor, seen_verdict_id=first.pk
    )

    assert second.previous_status == ClaimStatus.CONFIRMED
    assert list(claim.verdicts.order_by("id")) == [first, second]


def test_cited_evidence_is_recorded_once_each(claim, editor):
    supporting = EvidenceFactory(claim=claim)
    other = EvidenceFactory(claim=claim, sentence='"We will stay out until we get a fair deal,"')

    verdict = record_verdict(
        claim=claim,
        status=Status.CONFIRMED,
        reviewer=editor,
        cited_evidence=[supporting, other, supporting],
    )

    assert set(verdict.cited_evidence.all()) == {supporting, other}
    assert Citation.objects.count() == 2


def test_a_verdict_recorded_meanwhile_is_a_conflict_and_nothing_is_written(claim, editor):
    theirs = VerdictFactory(claim=claim, status=Status.CONFIRMED)
    claim.status = Status.CONFIRMED
    claim.save()

    with pytest.raises(VerdictConflict) as raised:
        record_verdict(claim=claim, status=Status.DISPUTED, reviewer=editor, seen_verdict_id=None)

    assert raised.value.verdict == theirs
    assert list(Verdict.objects.all()) == [theirs]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED


def test_a_stale_seen_verdict_is_a_conflict_carrying_the_newest(claim, editor):
    first = record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=editor)
    newest = record_verdict(
        claim=claim, status=Status.DISPUTED, reviewer=EditorFactory(), seen_verdict_id=first.pk
    )

    with pytest.raises(VerdictConflict) as raised:
        record_verdict(
            claim=claim, status=Status.UNSOURCED, reviewer=editor, seen_verdict_id=first.pk
        )

    assert raised.value.verdict == newest
    assert Verdict.objects.count() == 2


@pytest.mark.parametrize("status", ["pending", "maybe", ""])
def test_a_status_outside_the_three_is_refused(claim, editor, status):
    with pytest.raises(ValueError, match="status must be one of"):
        record_verdict(claim=claim, status=status, reviewer=editor)
    assert not Verdict.objects.exists()


def test_an_overlong_note_is_refused(claim, editor):
    with pytest.raises(ValueError, match="at most 2000"):
        record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=editor, note="x" * 2001)
    assert not Verdict.objects.exists()


def test_evidence_of_another_claim_is_refused(claim, editor):
    elsewhere = EvidenceFactory()
    with pytest.raises(ValueError, match="cited evidence"):
        record_verdict(
            claim=claim, status=Status.CONFIRMED, reviewer=editor, cited_evidence=[elsewhere]
        )
    assert not Verdict.objects.exists()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING


def test_a_seen_verdict_on_an_undecided_claim_is_refused(claim, editor):
    with pytest.raises(ValueError, match="not a verdict of claim"):
        record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=editor, seen_verdict_id=7)
    assert not Verdict.objects.exists()


def test_arguments_are_keyword_only(claim, editor):
    with pytest.raises(TypeError):
        record_verdict(claim, Status.CONFIRMED, editor)  # type: ignore[misc]
