"""What pages show alike: highlighted answers, marker rows, step progress, words for numbers."""

import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.template.defaultfilters import truncatechars
from hypothesis import given, settings
from hypothesis import strategies as st

from ruptures.presentation import (
    answer_preview,
    answer_segments,
    change_text,
    duration_text,
    harmful_steps,
    marker_rows,
    progress_charts,
    response_segments,
    step_progress,
)
from ruptures.recognition import score_recognition
from ruptures.rubric import pitfall_label

TEXT = "I was only trying to help you, that is my job."


@settings(max_examples=300)
@given(
    text=st.text(alphabet=st.sampled_from("ab .é\u0301\u00e9\u2019"), max_size=160)
    | st.text(max_size=160),
    length=st.integers(min_value=-1, max_value=150),
)
def test_an_answer_preview_is_cut_as_truncatechars_cuts_it(text, length):
    assert answer_preview(text, length) == truncatechars(text, length)


def test_a_long_ascii_answer_preview_ends_in_an_ellipsis():
    assert answer_preview("x" * 141, 140) == "x" * 139 + "…"
    assert answer_preview("x" * 140, 140) == "x" * 140


def test_text_outside_every_span_is_unlabelled():
    assert answer_segments("Hello there.", []) == [("Hello there.", "")]


def test_a_span_is_widened_to_whole_words():
    # "as only tryi" starts and ends inside words.
    assert answer_segments(TEXT, [(3, 15, "Defensive")]) == [
        ("I ", ""),
        ("was only trying", "Defensive"),
        (" to help you, that is my job.", ""),
    ]


def test_overlapping_spans_merge_into_one_phrase_with_every_label():
    # "I was only trying", "I was only trying to help", "elp you"
    spans = [(0, 17, "Defensive"), (0, 25, "Defensive"), (22, 29, "Blaming")]
    assert answer_segments(TEXT, spans) == [
        ("I was only trying to help you", "Defensive, Blaming"),
        (", that is my job.", ""),
    ]


def test_a_span_inside_another_adds_no_lone_word():
    # The engine may find "is" inside a longer hit: it must not stand alone.
    spans = [(31, 46, "Defensive"), (36, 38, "Minimizing")]
    segments = answer_segments(TEXT, spans)
    assert ("is", "Minimizing") not in segments
    assert segments[-1] == ("that is my job.", "Defensive, Minimizing")


def test_touching_spans_merge_but_separate_words_stay_apart():
    assert answer_segments("sorry sorry", [(0, 5, "A"), (6, 11, "A")]) == [
        ("sorry", "A"),
        (" ", ""),
        ("sorry", "A"),
    ]
    assert answer_segments("abcdef", [(0, 3, "A"), (3, 6, "B")]) == [("abcdef", "A, B")]


def test_spans_beyond_the_text_are_clamped_and_empty_ones_dropped():
    assert answer_segments("Fine. Yes.", [(2, 99, "A"), (4, 4, "B"), (-3, 0, "C")]) == [
        ("Fine. Yes.", "A"),
    ]
    assert answer_segments("Fine. Yes.", [(4, 4, "B"), (-3, 0, "C")]) == [("Fine. Yes.", "")]


spans = st.lists(
    st.tuples(st.integers(-5, 60), st.integers(-5, 60), st.sampled_from(["A", "B", "C"])),
    max_size=8,
)


@settings(deadline=None)
@given(text=st.text(alphabet="ab ,.'", max_size=50), spans=spans)
def test_segments_show_every_character_once_and_never_two_highlights_side_by_side(text, spans):
    segments = answer_segments(text, spans)
    assert "".join(piece for piece, _ in segments) == text
    assert all(piece for piece, _ in segments)
    for (_, before), (_, after) in zip(segments, segments[1:], strict=False):
        assert not (before and after), "adjacent highlights must have merged"


def _response(text, pitfalls):
    return SimpleNamespace(
        text=text,
        feedback={"pitfalls": [{"name": n, "spans": s, "explanation": ""} for n, s in pitfalls]},
    )


def test_a_responses_pitfalls_are_highlighted_under_their_display_labels():
    response = _response(TEXT, [("premature_apology", [[2, 5]])])
    assert ("was", pitfall_label("premature_apology")) in response_segments(response)
    assert pitfall_label("premature_apology") == "Premature apology"


def test_a_response_without_pitfalls_is_one_plain_piece():
    assert response_segments(_response(TEXT, [])) == [(TEXT, "")]


def _rows_for(truth, said_markers, markers=("denial",)):
    said_type = truth if truth != "none" else "withdrawal"
    result = score_recognition(
        truth=truth,
        markers=markers if truth != "none" else (),
        said_rupture=True,
        said_type=said_type,
        said_markers=said_markers,
    )
    return {row.label: row for row in marker_rows(result)}


def test_a_wrongly_ticked_marker_of_the_other_kind_names_both_kinds():
    note = _rows_for("withdrawal", ["ultimatum"])["Ultimatum"].note
    assert note == (
        "It belongs to a confrontation rupture, where the client moves against you or the "
        "work. Here the rupture is a withdrawal: the client moves away from you or the work."
    )


def test_a_wrongly_ticked_marker_of_the_right_kind_says_what_it_means_and_that_no_turn_shows_it():
    note = _rows_for("withdrawal", ["topic_shift"])["Abrupt topic shift"].note
    assert note.startswith("It means: Steers away from a subject")
    assert "no turn here shows it" in note


def test_a_marker_ticked_on_a_foil_says_nothing_ruptured():
    note = _rows_for("none", ["denial"])["Denial"].note
    assert note.startswith("It means: Says nothing is wrong")
    assert "Nothing ruptured in this vignette" in note


def test_a_missed_marker_says_what_it_means_and_a_seen_one_needs_no_note():
    rows = _rows_for("withdrawal", ["minimal_response"], markers=("denial", "minimal_response"))
    assert rows["Denial"].note.startswith("Says nothing is wrong")
    assert rows["Minimal response"].note == ""


def test_marker_rows_list_hits_misses_then_false_alarms_by_label():
    result = score_recognition(
        truth="withdrawal",
        markers=["denial", "minimal_response"],
        said_rupture=True,
        said_type="withdrawal",
        said_markers=["denial", "ultimatum"],
    )
    rows = [(row.outcome, row.verdict, row.label) for row in marker_rows(result)]
    assert rows == [
        ("hit", "✓ Seen", "Denial"),
        ("miss", "✗ Missed", "Minimal response"),
        ("false-alarm", "! Not in this vignette", "Ultimatum"),
    ]
    assert marker_rows(None) == []


def _try(step, n, score, level, copy_of=""):
    return SimpleNamespace(step_name=step, try_number=n, score=score, level=level, copy_of=copy_of)


def test_step_progress_groups_tries_by_step_in_step_order():
    steps = step_progress(
        [_try("invite", 1, 40, 1), _try("notice", 2, 80, 3), _try("notice", 1, 80, 2)]
    )
    assert [s.name for s in steps] == ["notice", "invite", "validate", "explore", "negotiate"]
    notice, invite, validate = steps[:3]
    assert [t.try_number for t in notice.tries] == [1, 2]
    assert notice.latest.try_number == 2
    assert notice.best.try_number == 2  # equal scores: the later try
    assert (notice.best_level, invite.best_level, validate.best_level) == (3, 1, None)
    assert validate.tries == () and validate.best is None and validate.latest is None


def test_a_copied_try_is_shown_but_never_the_steps_best():
    (notice, *_) = step_progress(
        [_try("notice", 1, 30, 1), _try("notice", 2, 95, 3, copy_of="An exemplar.")]
    )
    assert notice.latest.try_number == 2
    assert notice.best.try_number == 1 and notice.best_level == 1


def test_the_step_navigation_says_each_steps_best_level_and_its_tries():
    notice, invite, validate, *_ = step_progress(
        [
            _try("notice", 1, 40, 1),
            _try("notice", 2, 80, 3),
            _try("invite", 1, 95, 3, copy_of="An exemplar."),
        ]
    )
    assert notice.state == "level 3 best · 2 tries"
    assert invite.state == "no try in your own words yet · 1 try"
    assert validate.state == "not yet"


def test_harmful_steps_are_those_whose_best_own_try_is_harmful():
    steps = step_progress(
        [
            _try("notice", 1, 10, 0),  # harmful, then mended
            _try("notice", 2, 80, 3),
            _try("invite", 1, 10, 0),  # still harmful
            SimpleNamespace(step_name="validate", try_number=1, score=90, level=0, copy_of="x"),
        ]
    )
    assert harmful_steps(steps) == ["Invite"]  # a copy is nobody's best


T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "taken, text",
    [
        (timedelta(seconds=42), "42 s"),
        (timedelta(minutes=12, seconds=5), "12 min 5 s"),
        (timedelta(hours=1, minutes=3, seconds=9), "1 h 3 min"),
    ],
)
def test_duration_in_words(taken, text):
    assert duration_text(T0, T0 + taken) == text


def test_an_unfinished_attempt_has_no_duration():
    assert duration_text(T0, None) == ""


@pytest.mark.parametrize(
    "now, then, text",
    [(70, 60, "10 points higher"), (55, 60, "5 points lower"), (60, 60, "the same total")],
)
def test_change_in_words(now, then, text):
    assert change_text(now, then) == text


def test_no_change_without_both_totals():
    assert change_text(None, 60) == change_text(60, None) == ""


def _stats_started(*days):
    from ruptures.coaching import AttemptSummary, TraineeStats

    recent = tuple(AttemptSummary(day, day, "beginner", "withdrawal", "", 2, True) for day in days)
    return TraineeStats(
        attempts_total=len(days),
        step_levels=(),
        recognition=(),
        hits=0,
        misses=0,
        false_alarms=0,
        correct_rejections=0,
        pitfalls=(),
        recent=recent,
    )


def _date_labels(svg):
    return re.findall(r'class="chart-axis" [^>]*text-anchor="middle">([^<]+)</text>', svg)


def test_the_level_chart_dates_read_day_and_month_without_a_leading_zero():
    charts = progress_charts(_stats_started(T0 + timedelta(days=2), T0 + timedelta(days=30)))
    assert _date_labels(charts["levels"]) == ["3 Mar", "31 Mar"]


def test_the_level_chart_dates_name_the_year_when_they_span_two():
    charts = progress_charts(_stats_started(T0, T0 + timedelta(days=320)))
    assert _date_labels(charts["levels"]) == ["1 Mar 2026", "15 Jan 2027"]
