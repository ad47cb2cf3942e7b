"""record_verdict: the one way a verdict is written; and "not a claim", recorded."""

import pytest
from django.core.exceptions import ValidationError

from factcheck.models import Citation, ClaimStatus, NotAClaim, NotAClaimAction, Status, Verdict
from factcheck.services import (
    VerdictConflict,
    mark_not_a_claim,
    record_verdict,
    restore_claim,
)

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


# --- Not a claim ------------------------------------------------------------------------


def test_marking_not_a_claim_is_recorded_and_can_be_taken_back(claim, editor):
    marked = mark_not_a_claim(claim=claim, editor=editor)
    claim.refresh_from_db()
    assert claim.not_a_claim
    assert (marked.action, marked.editor) == (NotAClaimAction.MARKED, editor)

    restored = restore_claim(claim=claim, editor=EditorFactory(username="sam"))
    claim.refresh_from_db()
    assert not claim.not_a_claim
    assert restored.action == NotAClaimAction.RESTORED
    assert [row.action for row in NotAClaim.objects.order_by("created_at", "id")] == [
        "marked", "restored",
    ]  # fmt: skip


def test_not_a_claim_decisions_are_append_only(claim, editor):
    marked = mark_not_a_claim(claim=claim, editor=editor)
    with pytest.raises(ValidationError):
        marked.save()
    with pytest.raises(ValidationError):
        marked.delete()


def test_a_sentence_already_set_aside_or_never_set_aside_is_refused(claim, editor):
    with pytest.raises(ValueError, match="not marked not a claim"):
        restore_claim(claim=claim, editor=editor)
    mark_not_a_claim(claim=claim, editor=editor)
    with pytest.raises(ValueError, match="already marked"):
        mark_not_a_claim(claim=claim, editor=editor)
    assert NotAClaim.objects.count() == 1


def test_a_decided_claim_is_not_set_aside(claim, editor):
    record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=editor)
    with pytest.raises(ValueError, match="with a verdict"):
        mark_not_a_claim(claim=claim, editor=editor)
    claim.refresh_from_db()
    assert not claim.not_a_claim


def test_a_sentence_set_aside_gets_no_verdict_until_restored(claim, editor):
    mark_not_a_claim(claim=claim, editor=editor)
    with pytest.raises(ValueError, match="restore it before deciding"):
        record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=editor)
    restore_claim(claim=claim, editor=editor)
    assert record_verdict(claim=claim, status=Status.CONFIRMED, reviewer=editor).pk
