"""Progress arithmetic and the deliberate-practice recommendation rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ruptures.coaching import (
    AttemptSummary,
    Candidate,
    KindAccuracy,
    TraineeStats,
    d_prime,
    recommend,
    weakest_kind,
)
from ruptures.rubric import default_rubric, level_for_score

ROOT = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
RUPTURE_WORDS = ("withdraw", "confront", "foil", "rupture", "no rupture")


def attempt(
    difficulty: str = "beginner",
    *,
    rating: str = "",
    level: int | None = 2,
    kind: str = "withdrawal",
    finished: bool = True,
    n: int = 0,
) -> AttemptSummary:
    started = T0 + timedelta(days=n)
    return AttemptSummary(
        started_at=started,
        finished_at=started + timedelta(minutes=20) if finished else None,
        difficulty=difficulty,
        rupture_type=kind,
        rating=rating,
        level=level,
        recognised=True,
    )


def stats(
    *recent: AttemptSummary,
    withdrawal: tuple[int, int] = (0, 0),
    confrontation: tuple[int, int] = (0, 0),
    foils: tuple[int, int] = (0, 0),
    step_levels: dict[str, float] | None = None,
) -> TraineeStats:
    """Stats from (correct, total) per kind and (false alarms, correct rejections) on foils."""
    levels = step_levels or {}
    steps = ("notice", "invite", "validate", "explore", "negotiate")
    hits = withdrawal[0] + confrontation[0]
    return TraineeStats(
        attempts_total=len(recent),
        step_levels=tuple((step, levels.get(step)) for step in steps),
        recognition=(
            KindAccuracy("withdrawal", *withdrawal),
            KindAccuracy("confrontation", *confrontation),
        ),
        hits=hits,
        misses=withdrawal[1] + confrontation[1] - hits,
        false_alarms=foils[0],
        correct_rejections=foils[1],
        pitfalls=(),
        recent=tuple(recent),
    )


def candidate(slug: str, difficulty: str, kind: str = "withdrawal", done: int = 0) -> Candidate:
    return Candidate(slug, slug.replace("-", " ").title(), difficulty, kind, done)


ALL_LEVELS = [
    candidate("b-w", "beginner"),
    candidate("b-c", "beginner", "confrontation"),
    candidate("i-w", "intermediate"),
    candidate("i-c", "intermediate", "confrontation"),
    candidate("a-w", "advanced"),
    candidate("a-n", "advanced", "none"),
]


@pytest.mark.parametrize(
    "score, level", [(0, 0), (24, 0), (25, 1), (49, 1), (50, 2), (74, 2), (75, 3), (100, 3)]
)
def test_level_for_score_follows_the_engine_bands(score, level):
    assert default_rubric().scoring["bands"] == [25, 50, 75]
    assert level_for_score(score) == level


def test_d_prime_matches_hand_computed_values():
    # HR = 3.5/5 = .7, FAR = 1.5/5 = .3, so d' = 2 * z(.7) = 2 * 0.5244005.
    assert d_prime(3, 1, 1, 3) == pytest.approx(1.0488010, abs=1e-6)
    # HR = 4.5/5 = .9, FAR = .5/3: z(.9) = 1.2815516, z(1/6) = -0.9674216.
    assert d_prime(4, 0, 0, 2) == pytest.approx(2.2489732, abs=1e-6)


def test_d_prime_is_zero_when_the_trainee_says_rupture_to_everything():
    # Same hit and false-alarm rates: no sensitivity at all, however eager.
    assert d_prime(4, 0, 4, 0) == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("cells", [(2, 0, 1, 1), (1, 1, 0, 5), (5, 0, 1, 0), (9, 0, 0, 0)])
def test_d_prime_needs_three_rupture_trials_and_two_foils(cells):
    assert d_prime(*cells) is None


def test_rates_and_focus_step_come_from_the_counts():
    s = stats(
        withdrawal=(2, 4),
        confrontation=(3, 4),
        foils=(1, 3),
        step_levels={"notice": 2.5, "invite": 1.2, "validate": 1.2, "explore": 3.0},
    )
    assert s.false_alarm_rate == 1 / 4
    assert s.recognition[0].rate == 0.5
    # invite and validate tie; the earlier step in the sequence is the focus.
    assert s.focus_step == "invite"


def test_focus_step_is_none_without_answers():
    assert stats().focus_step is None


def test_a_newcomer_gets_a_beginner_vignette():
    rec = recommend(stats(), ALL_LEVELS)
    assert rec.difficulty == "beginner"
    assert rec.focus_step is None
    assert rec.focus_note == ""


def test_a_newcomers_first_vignette_is_a_beginner_rupture_not_a_foil():
    # The foil would win otherwise: its title comes first and no kind is weak yet.
    pool = [
        candidate("a-foil", "beginner", "none"),
        candidate("b-rupture", "beginner", "confrontation"),
        candidate("an-easy-foil", "intermediate", "none"),
    ]
    rec = recommend(stats(), pool)
    assert (rec.slug, rec.difficulty) == ("b-rupture", "beginner")
    # Still a newcomer with an attempt begun but no recognition answered.
    assert recommend(stats(attempt(finished=False)), pool).slug == "b-rupture"


def test_a_newcomer_is_offered_a_foil_only_when_nothing_else_is_there():
    assert recommend(stats(), [candidate("only-foil", "beginner", "none")]).slug == "only-foil"


def test_after_a_first_recognition_answer_foils_are_in_the_pool_again():
    pool = [candidate("a-foil", "beginner", "none"), candidate("b-rupture", "beginner")]
    assert recommend(stats(attempt(), withdrawal=(1, 1)), pool).slug == "a-foil"


def test_steps_down_after_too_hard():
    rec = recommend(stats(attempt("intermediate", rating="too_hard")), ALL_LEVELS)
    assert rec.difficulty == "beginner"
    assert rec.reason == "You rated the last one too hard, so here is a beginner vignette."


def test_steps_up_after_too_easy():
    rec = recommend(stats(attempt("intermediate", rating="too_easy", level=1)), ALL_LEVELS)
    assert rec.difficulty == "advanced"


def test_steps_up_after_two_strong_attempts_at_the_current_difficulty():
    recent = (attempt("beginner", level=3, n=1), attempt("beginner", level=3, n=2))
    assert recommend(stats(*recent), ALL_LEVELS).difficulty == "intermediate"


def test_one_strong_attempt_is_not_enough_to_step_up():
    recent = (attempt("beginner", level=2, n=1), attempt("beginner", level=3, n=2))
    assert recommend(stats(*recent), ALL_LEVELS).difficulty == "beginner"


def test_the_trainees_rating_wins_over_strong_scores():
    recent = (
        attempt("intermediate", level=3, n=1),
        attempt("intermediate", level=3, rating="too_hard", n=2),
    )
    assert recommend(stats(*recent), ALL_LEVELS).difficulty == "beginner"


def test_stays_at_the_latest_finished_difficulty_otherwise():
    recent = (
        attempt("beginner", level=3, n=1),
        attempt("intermediate", level=2, rating="about_right", n=2),
        attempt("advanced", level=0, finished=False, n=3),  # unfinished: ignored
    )
    rec = recommend(stats(*recent), ALL_LEVELS)
    assert rec.difficulty == "intermediate"
    assert "intermediate" in rec.reason


def test_cannot_step_below_beginner_and_says_so():
    rec = recommend(stats(attempt("beginner", rating="too_hard")), ALL_LEVELS)
    assert rec.difficulty == "beginner"
    assert "gentlest" in rec.reason


def test_falls_back_to_the_nearest_difficulty():
    pool = [candidate("b-w", "beginner"), candidate("a-w", "advanced")]
    rec = recommend(stats(attempt("intermediate", rating="too_easy")), pool)
    assert rec.slug == "a-w"
    assert rec.reason == "You rated the last one too easy, so here is an advanced vignette."
    rec = recommend(stats(attempt("beginner", rating="too_easy")), pool)
    assert rec.slug == "b-w"  # equally near: the easier one
    assert "no intermediate vignette is available" in rec.reason


def test_targets_the_kind_recognised_least_accurately():
    weak_at_confrontation = stats(withdrawal=(4, 4), confrontation=(1, 4))
    assert weakest_kind(weak_at_confrontation) == "confrontation"
    assert recommend(weak_at_confrontation, ALL_LEVELS).slug == "b-c"
    weak_at_withdrawal = stats(withdrawal=(1, 4), confrontation=(4, 4))
    assert recommend(weak_at_withdrawal, ALL_LEVELS).slug == "b-w"


def test_targets_foils_when_false_alarms_are_the_weakness():
    s = stats(withdrawal=(4, 4), confrontation=(4, 4), foils=(3, 1))
    assert weakest_kind(s) == "none"
    pool = [candidate("b-w", "beginner"), candidate("b-n", "beginner", "none")]
    assert recommend(s, pool).slug == "b-n"


def test_with_no_misses_the_least_practised_then_title_wins():
    perfect = stats(withdrawal=(3, 3), confrontation=(2, 2))
    assert weakest_kind(perfect) is None
    pool = [
        candidate("zebra", "beginner", "confrontation", done=0),
        candidate("apple", "beginner", "withdrawal", done=2),
        candidate("mango", "beginner", "none", done=0),
    ]
    assert recommend(perfect, pool).slug == "mango"


def test_no_candidates_means_no_recommendation():
    assert recommend(stats(), []) is None


@pytest.mark.parametrize("rating", ["", "too_hard", "about_right", "too_easy"])
@pytest.mark.parametrize("difficulty", ["beginner", "intermediate", "advanced"])
def test_the_reason_never_reveals_the_rupture_type(rating, difficulty):
    weak = stats(attempt(difficulty, rating=rating), withdrawal=(0, 3), foils=(2, 0))
    for pool in (ALL_LEVELS, [candidate("only-foil", "advanced", "none")]):
        reason = recommend(weak, pool).reason.lower()
        assert not [word for word in RUPTURE_WORDS if word in reason], reason


def test_focus_step_is_the_weakest_step():
    s = stats(step_levels={"notice": 2.0, "invite": 2.5, "negotiate": 0.5})
    rec = recommend(s, ALL_LEVELS)
    assert rec.focus_step == "negotiate"
    assert rec.focus_note == "Focus on the negotiate step: it has your lowest average."
