"""The needs-attention rules, on plain data: each reason in words, the most pressing first."""

from datetime import UTC, datetime, timedelta

from ruptures.attention import AttentionFacts, attention_reasons
from ruptures.coaching import KindAccuracy

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _facts(**kwargs):
    kwargs.setdefault("joined", NOW - timedelta(days=100))
    kwargs.setdefault("last_active", NOW - timedelta(days=1))
    kwargs.setdefault("withdrawal", KindAccuracy("withdrawal", 0, 0))
    kwargs.setdefault("harmful_unreviewed", 0)
    kwargs.setdefault("open_requests", 0)
    kwargs.setdefault("recent_pitfalls", ())
    return AttentionFacts(**kwargs)


def test_a_trainee_doing_fine_needs_no_attention():
    assert attention_reasons(_facts(), now=NOW) == ()


def test_the_same_pitfall_three_attempts_running_is_named():
    runs = (frozenset({"advice", "pushing"}), frozenset({"advice"}), frozenset({"advice", "x"}))
    assert attention_reasons(_facts(recent_pitfalls=runs), now=NOW) == (
        "Giving advice in each of the last 3 attempts",
    )


def test_a_pitfall_missing_from_one_of_the_three_breaks_the_run():
    runs = (frozenset({"advice"}), frozenset(), frozenset({"advice"}))
    assert attention_reasons(_facts(recent_pitfalls=runs), now=NOW) == ()
    assert attention_reasons(_facts(recent_pitfalls=runs[:1] * 2), now=NOW) == ()  # only two


def test_missed_withdrawal_ruptures_flag_once_there_are_two_to_judge_by():
    missed = KindAccuracy("withdrawal", 1, 3)
    assert attention_reasons(_facts(withdrawal=missed), now=NOW) == (
        "Missed 2 of 3 withdrawal ruptures",
    )
    assert attention_reasons(_facts(withdrawal=KindAccuracy("withdrawal", 0, 1)), now=NOW) == ()
    assert attention_reasons(_facts(withdrawal=KindAccuracy("withdrawal", 1, 2)), now=NOW) == ()


def test_two_weeks_without_practice_flags_and_so_does_never_starting():
    assert attention_reasons(_facts(last_active=NOW - timedelta(days=13)), now=NOW) == ()
    assert attention_reasons(_facts(last_active=NOW - timedelta(days=15)), now=NOW) == (
        "No practice for 15 days",
    )
    assert attention_reasons(_facts(last_active=None), now=NOW) == (
        "No practice since joining, 100 days ago",
    )
    fresh = _facts(last_active=None, joined=NOW - timedelta(days=3))
    assert attention_reasons(fresh, now=NOW) == ()


def test_requests_come_first_then_harmful_answers():
    facts = _facts(open_requests=2, harmful_unreviewed=1, last_active=NOW - timedelta(days=20))
    assert attention_reasons(facts, now=NOW) == (
        "Asked for a human review (2 open requests)",
        "1 harmful answer not yet reviewed",
        "No practice for 20 days",
    )
