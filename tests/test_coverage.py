"""Grouping claims into facts through their evidence, and the coverage matrix."""

import pytest

from factcheck.coverage import (
    CONTRADICTS,
    SUPPORTS,
    Cell,
    ClaimSpan,
    Passage,
    coverage_matrix,
    group_claims,
)
from factcheck.models import Relation

A, B, C = "Outlet A", "Outlet B", "Outlet C"
RELATED = "related"


def span(claim_id, article_id, outlet, start, end):
    return ClaimSpan(claim_id, article_id, outlet, start, end)


def ids(groups):
    return [[claim.claim_id for claim in group] for group in groups]


def test_relation_names_match_the_models():
    assert tuple(Relation.values) == (SUPPORTS, CONTRADICTS, RELATED)


def test_claims_without_evidence_are_each_their_own_fact():
    claims = [span(1, 10, A, 0, 20), span(2, 20, B, 0, 20)]
    assert ids(group_claims(claims, [])) == [[1], [2]]


def test_a_passage_overlapping_another_claims_span_joins_the_two():
    claims = [span(1, 10, A, 0, 20), span(2, 20, B, 30, 60)]
    passages = [Passage(1, 20, B, 50, 80, SUPPORTS)]
    assert ids(group_claims(claims, passages)) == [[1, 2]]


def test_a_passage_that_only_touches_a_span_does_not_join():
    claims = [span(1, 10, A, 0, 20), span(2, 20, B, 30, 60)]
    passages = [Passage(1, 20, B, 60, 90, SUPPORTS), Passage(1, 20, B, 0, 30, SUPPORTS)]
    assert ids(group_claims(claims, passages)) == [[1], [2]]


def test_a_passage_in_the_same_place_of_another_article_does_not_join():
    claims = [span(1, 10, A, 0, 20), span(2, 20, B, 0, 20)]
    passages = [Passage(1, 30, C, 0, 20, SUPPORTS)]
    assert ids(group_claims(claims, passages)) == [[1], [2]]


def test_grouping_is_transitive_through_the_evidence_graph():
    claims = [
        span(1, 10, A, 0, 20),
        span(2, 20, B, 0, 20),
        span(3, 30, C, 0, 20),
        span(4, 30, C, 40, 60),
    ]
    passages = [Passage(1, 20, B, 5, 15, SUPPORTS), Passage(2, 30, C, 10, 30, SUPPORTS)]
    assert ids(group_claims(claims, passages)) == [[1, 2, 3], [4]]


def test_a_contradicting_passage_never_joins_two_claims():
    claims = [span(1, 10, A, 0, 20), span(2, 20, B, 0, 20)]
    passages = [Passage(1, 20, B, 0, 20, CONTRADICTS, score=0.9)]
    assert ids(group_claims(claims, passages)) == [[1], [2]]


def test_opposing_claims_stay_apart_even_through_a_claim_both_agree_with():
    # A union says 4,200 (1); the employer says 3,900 (2); a wire (3) is backed by both.
    claims = [span(1, 10, A, 0, 20), span(2, 20, B, 0, 20), span(3, 30, C, 0, 20)]
    passages = [
        Passage(1, 20, B, 0, 20, CONTRADICTS),
        Passage(1, 30, C, 0, 20, SUPPORTS, score=0.9),
        Passage(2, 30, C, 0, 20, SUPPORTS, score=0.5),
    ]
    assert ids(group_claims(claims, passages)) == [[1, 3], [2]]


def test_a_related_passage_is_about_the_topic_and_does_not_join():
    claims = [span(1, 10, A, 0, 20), span(2, 20, B, 0, 20)]
    passages = [Passage(1, 20, B, 0, 20, RELATED, score=0.9)]
    assert ids(group_claims(claims, passages)) == [[1], [2]]


def test_a_fact_never_holds_two_claims_of_one_article_and_the_stronger_link_wins():
    # B's article has two claims; A's claim matches both, the second more closely.
    claims = [span(1, 10, A, 0, 20), span(2, 20, B, 0, 20), span(3, 20, B, 30, 50)]
    passages = [
        Passage(1, 20, B, 0, 20, SUPPORTS, score=0.4),
        Passage(1, 20, B, 30, 50, SUPPORTS, score=0.8),
    ]
    assert ids(group_claims(claims, passages)) == [[1, 3], [2]]


def test_chains_stop_where_they_would_repeat_an_article():
    # 1 (A) ~ 2 (B) ~ 3 (A again): 3 cannot join the fact that already has 1.
    claims = [span(1, 10, A, 0, 20), span(2, 20, B, 0, 20), span(3, 10, A, 40, 60)]
    passages = [
        Passage(1, 20, B, 0, 20, SUPPORTS, score=0.9),
        Passage(2, 10, A, 40, 60, SUPPORTS, score=0.5),
    ]
    assert ids(group_claims(claims, passages)) == [[1, 2], [3]]


def test_groups_and_their_members_keep_the_input_order():
    claims = [span(5, 10, A, 0, 10), span(3, 20, B, 0, 10), span(9, 30, C, 0, 10)]
    passages = [Passage(9, 10, A, 0, 10, SUPPORTS)]
    assert ids(group_claims(claims, passages)) == [[5, 9], [3]]


def test_passages_for_unknown_claims_are_ignored():
    claims = [span(1, 10, A, 0, 20)]
    assert ids(group_claims(claims, [Passage(99, 10, A, 0, 20, SUPPORTS)])) == [[1]]


def story():
    """A says 4,200 drivers; B says 3,900 (contradiction both ways, so two facts); C
    backs A without a claim of its own; A alone says it is the largest strike."""
    claims = [
        span(1, 10, A, 0, 30),  # 4,200 drivers
        span(2, 10, A, 40, 80),  # largest strike
        span(3, 20, B, 0, 30),  # 3,900 drivers
    ]
    passages = [
        Passage(1, 20, B, 0, 30, CONTRADICTS),
        Passage(3, 10, A, 0, 30, CONTRADICTS),
        Passage(1, 30, C, 100, 130, SUPPORTS),  # C has no claim there
    ]
    return claims, passages


def test_each_cell_tells_whether_the_outlet_reports_backs_contradicts_or_is_silent():
    claims, passages = story()
    a_drivers, largest, b_drivers = coverage_matrix(claims, passages, [A, B, C])

    a, b, c = a_drivers.cells
    assert (a.reports, a.backs, a.contradicts) == (True, False, False)
    assert (b.reports, b.backs, b.contradicts) == (False, False, True)
    assert (c.reports, c.backs, c.contradicts) == (False, True, False)
    assert [claim.claim_id for claim in a.claims] == [1]
    assert [cell.silent for cell in largest.cells] == [False, True, True]
    assert [claim.claim_id for claim in b_drivers.claims] == [3]


def test_one_label_a_cell_the_strongest_signal():
    claims, passages = story()
    a_drivers, largest, b_drivers = coverage_matrix(claims, passages, [A, B, C])

    assert [cell.label for cell in a_drivers.cells] == ["Reports", "Contradicts", "Backs"]
    assert [cell.label for cell in b_drivers.cells] == ["Contradicts", "Reports", "Silent"]
    assert [cell.label for cell in largest.cells] == ["Reports", "Silent", "Silent"]
    assert [cell.state for cell in largest.cells] == ["reports", "silent", "silent"]


def test_a_fact_with_a_contradiction_is_disputed():
    claims, passages = story()
    a_drivers, largest, b_drivers = coverage_matrix(claims, passages, [A, B, C])
    assert a_drivers.disputed and b_drivers.disputed
    assert not largest.disputed


def test_columns_follow_the_outlets_given_and_ignore_others():
    claims, passages = story()
    (a_drivers, *_) = coverage_matrix(claims, passages, [C, A])
    assert [cell.outlet for cell in a_drivers.cells] == [C, A]


@pytest.mark.parametrize(
    ("reports", "backs", "contradicts", "label"),
    [
        (True, True, False, "Reports"),
        (True, True, True, "Contradicts"),
        (False, True, True, "Contradicts"),
        (False, True, False, "Backs"),
        (False, False, False, "Silent"),
    ],
)
def test_a_mixed_cell_still_has_one_label(reports, backs, contradicts, label):
    claims = (span(1, 10, A, 0, 5),) if reports else ()
    cell = Cell(outlet=A, claims=claims, backs=backs, contradicts=contradicts)
    assert (cell.label, cell.state) == (label, label.lower())
