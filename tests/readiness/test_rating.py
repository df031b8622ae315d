"""The suggested red / amber / green rule on its edge cases, and the override rule."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from learning.readiness.rating import EvidenceFact, Rag, check_override, suggest_rating

TODAY = date(2026, 6, 1)


def suggest(required=("insurance",), evidence=(), level=3, threshold=3):
    return suggest_rating(
        required_types=list(required), evidence=list(evidence), agreed_level=level, threshold=threshold, today=TODAY
    )


def test_missing_required_evidence_is_red():
    result = suggest(evidence=[EvidenceFact("constitution")])
    assert result.rating == Rag.RED
    assert result.missing == ("insurance",)


def test_expired_required_evidence_is_red():
    result = suggest(evidence=[EvidenceFact("insurance", date(2026, 5, 31))])
    assert result.rating == Rag.RED
    assert result.expired == ("insurance",) and result.missing == ()


def test_evidence_valid_until_today_still_counts():
    assert suggest(evidence=[EvidenceFact("insurance", TODAY)]).rating == Rag.GREEN


def test_one_current_item_is_enough_even_beside_an_expired_one():
    evidence = [EvidenceFact("insurance", date(2025, 1, 1)), EvidenceFact("insurance", None)]
    assert suggest(evidence=evidence).rating == Rag.GREEN


def test_red_wins_over_a_low_level():
    result = suggest(evidence=[], level=1)
    assert result.rating == Rag.RED and result.below_threshold


def test_below_threshold_is_amber():
    result = suggest(evidence=[EvidenceFact("insurance")], level=2, threshold=3)
    assert result.rating == Rag.AMBER and result.below_threshold


def test_at_threshold_is_green():
    assert suggest(evidence=[EvidenceFact("insurance")], level=3, threshold=3).rating == Rag.GREEN


def test_above_threshold_is_green():
    assert suggest(evidence=[EvidenceFact("insurance")], level=4, threshold=3).rating == Rag.GREEN


def test_no_agreed_level_counts_as_below_a_threshold():
    assert suggest(evidence=[EvidenceFact("insurance")], level=None, threshold=1).rating == Rag.AMBER


def test_no_threshold_and_no_requirements_is_green_even_unassessed():
    assert suggest(required=(), level=None, threshold=None).rating == Rag.GREEN


def test_several_requirements_report_each_gap():
    result = suggest(
        required=("insurance", "safeguarding_policy", "constitution", "insurance"),
        evidence=[EvidenceFact("safeguarding_policy", date(2020, 1, 1)), EvidenceFact("constitution")],
    )
    assert result.rating == Rag.RED
    assert result.missing == ("insurance",)
    assert result.expired == ("safeguarding_policy",)


def test_override_with_a_reason_is_accepted():
    check_override(suggested=Rag.RED, final=Rag.GREEN, reason="Insurance renewal seen at our visit.")


def test_override_without_a_reason_is_refused():
    for reason in ("", "   ", None):
        with pytest.raises(ValidationError):
            check_override(suggested=Rag.AMBER, final=Rag.GREEN, reason=reason)


def test_agreeing_with_the_suggestion_needs_no_reason():
    check_override(suggested=Rag.AMBER, final=Rag.AMBER, reason="")
