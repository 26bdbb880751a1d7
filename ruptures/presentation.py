"""What pages show alike, whoever is looking: answers, recognition results, labels, charts.

The trainee's pages use these now and the supervisor's review pages will
reuse them, so a try or a recognition answer reads the same to both. Plain
functions over model instances and the engine's stored data: no queries.
Templates reach the per-item helpers through `ruptures_tags` filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ruptures import charts
from ruptures.coaching import TraineeStats
from ruptures.library import default_catalogue
from ruptures.models import RuptureType, Scenario, StepName, StepResponse
from ruptures.recognition import RecognitionResult
from ruptures.rubric import LEVEL_LABELS, level_for_score, pitfall_label

REFLECTION_QUESTIONS = (
    "How did you respond inside when you sensed the disconnection?",
    "What fears came up for you as the therapist in this moment?",
    "Where might your own attachment patterns have shaped what you wanted to say?",
    "What support or practice would help you meet a moment like this next time?",
)

# --- Answers with their evidence ----------------------------------------------------

Segment = tuple[str, str]  # (piece of the text, label); the label is "" outside highlights


def answer_segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Segment]:
    """Split `text` into (piece, label) pairs, label "" outside any highlight.

    Each span widens to whole words, and spans that overlap or touch merge into
    one highlight labelled with every label involved, so the reader sees whole
    phrases and never a character twice (nor a lone "is" cut from a phrase).
    """
    marks: list[tuple[int, int, list[str]]] = []
    for start, end, label in sorted(spans):
        start, end = _whole_words(text, start, end)
        if start >= end:
            continue
        if marks and start <= marks[-1][1]:
            last_start, last_end, labels = marks[-1]
            if label not in labels:
                labels.append(label)
            marks[-1] = (last_start, max(last_end, end), labels)
        else:
            marks.append((start, end, [label]))
    pieces: list[Segment] = []
    cursor = 0
    for start, end, labels in marks:
        if start > cursor:
            pieces.append((text[cursor:start], ""))
        pieces.append((text[start:end], ", ".join(labels)))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], ""))
    return pieces


def _is_word(char: str) -> bool:
    return char.isalnum() or char in "'’"


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span clamped to the text, widened to whole words, trimmed of outer spaces."""
    start, end = max(start, 0), min(end, len(text))
    while 0 < start < end and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    while start < end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while start < end and text[end - 1].isspace():
        end -= 1
    return start, end


def response_segments(response: StepResponse) -> list[Segment]:
    """One try's answer with each pitfall's words highlighted and named."""
    spans = [
        (start, end, pitfall_label(hit["name"]))
        for hit in response.feedback.get("pitfalls", [])
        for start, end in hit["spans"]
    ]
    return answer_segments(response.text, spans)


# --- The vignette and the recognition answer ----------------------------------------


@dataclass(frozen=True)
class TurnView:
    speaker: str
    text: str
    nonverbal: str
    marker_labels: tuple[str, ...]  # empty until the trainee has answered


def transcript_turns(spec: Mapping[str, Any], *, revealed: bool) -> list[TurnView]:
    """The vignette's turns; once `revealed`, each names the markers it carries."""
    labels = default_catalogue().by_code
    return [
        TurnView(
            speaker=turn["speaker"],
            text=turn["text"],
            nonverbal=turn.get("nonverbal", ""),
            marker_labels=tuple(labels[m].label for m in turn.get("markers", ()))
            if revealed
            else (),
        )
        for turn in spec["transcript"]
    ]


@dataclass(frozen=True)
class MarkerRow:
    outcome: str  # hit | miss | false-alarm (also the CSS class)
    verdict: str
    label: str


_MARKER_VERDICTS = {"hit": "✓ Seen", "miss": "✗ Missed", "false-alarm": "! Not in this vignette"}


def marker_rows(result: RecognitionResult | None) -> list[MarkerRow]:
    """The markers seen, missed and wrongly ticked, in that order, by their labels."""
    if result is None:
        return []
    labels = default_catalogue().by_code
    outcomes = (
        ("hit", result.hits),
        ("miss", result.misses),
        ("false-alarm", result.false_alarms),
    )
    return [
        MarkerRow(outcome, _MARKER_VERDICTS[outcome], labels[code].label)
        for outcome, codes in outcomes
        for code in codes
        if code in labels
    ]


# --- Steps and attempts -------------------------------------------------------------


@dataclass(frozen=True)
class StepProgress:
    """One repair step of an attempt and every try at it, oldest first."""

    name: str
    label: str
    tries: tuple[StepResponse, ...]

    @property
    def latest(self) -> StepResponse | None:
        return self.tries[-1] if self.tries else None

    @property
    def own_tries(self) -> tuple[StepResponse, ...]:
        """The tries in the trainee's own words; a copied exemplar is not theirs."""
        return tuple(r for r in self.tries if not r.copy_of)

    @property
    def best(self) -> StepResponse | None:
        """The highest-scoring own try; of equal scores, the later one."""
        return max(self.own_tries, key=lambda r: (r.score, r.try_number), default=None)

    @property
    def best_level(self) -> int | None:
        return max((r.level for r in self.own_tries), default=None)


def step_progress(responses: Iterable[StepResponse]) -> list[StepProgress]:
    """Each of the five steps with its tries, from responses annotated with `step_name`.

    Pass `attempt.responses.for_attempt_page()`: one query for every step.
    """
    by_step: dict[str, list[StepResponse]] = {name: [] for name in StepName.values}
    for response in responses:
        by_step[response.step_name].append(response)
    return [
        StepProgress(name, label, tuple(sorted(by_step[name], key=lambda r: r.try_number)))
        for name, label in StepName.choices
    ]


def duration_text(started_at, finished_at) -> str:
    """How long an attempt took, "" while unfinished: "12 min 5 s", "1 h 3 min"."""
    if not finished_at:
        return ""
    taken: timedelta = finished_at - started_at
    minutes, seconds = divmod(int(taken.total_seconds()), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def change_text(now: int | None, then: int | None) -> str:
    """This total against an earlier one, in words; "" when either is missing."""
    if now is None or then is None:
        return ""
    if now == then:
        return "the same total"
    return f"{abs(now - then)} points {'higher' if now > then else 'lower'}"


# --- The practice list --------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioCard:
    """A scenario on a trainee's practice list, with their progress on it."""

    slug: str
    title: str
    difficulty_label: str
    setting: str
    client_summary: str
    attempted: bool
    best_level: int | None
    open_attempt: int | None

    @property
    def status_label(self) -> str:
        if self.open_attempt:
            return "In progress"
        return "Done" if self.attempted else "New"


def practice_cards(
    scenarios: Iterable[Scenario], progress: Iterable[Mapping[str, Any]]
) -> list[ScenarioCard]:
    """Cards for `scenarios` from `Attempt.objects.for_trainee(u).for_practice_home()` rows."""
    rows = {row["version__scenario"]: row for row in progress}
    cards = []
    for scenario in scenarios:
        row = rows.get(scenario.pk, {})
        best = row.get("best")
        cards.append(
            ScenarioCard(
                slug=scenario.slug,
                title=scenario.title,
                difficulty_label=scenario.get_difficulty_display(),
                setting=scenario.setting,
                client_summary=scenario.client_summary,
                attempted=bool(row),
                best_level=None if best is None else level_for_score(best),
                open_attempt=row.get("open_attempt"),
            )
        )
    return cards


# --- Progress charts ----------------------------------------------------------------

# The pitfall chart keeps to the most frequent few; the table beside it lists them all.
PITFALLS_CHARTED = 8


def progress_charts(stats: TraineeStats) -> dict[str, SafeString]:
    """The progress page's four SVG charts, keyed levels, steps, recognition, pitfalls."""
    points = [(f"{timezone.localtime(a.started_at):%d %b}", a.level) for a in stats.level_points]
    steps = [
        (StepName(step).label, level) for step, level in stats.step_levels if level is not None
    ]
    recognition = [
        (RuptureType(acc.kind).label, acc.rate) for acc in stats.recognition if acc.total
    ]
    if stats.false_alarm_rate is not None:
        recognition.append(("False alarms", stats.false_alarm_rate))
    pitfalls = [(pitfall_label(name), n) for name, n in stats.pitfalls[:PITFALLS_CHARTED]]
    built = {
        "levels": charts.line_chart(
            points, y_max=3, title="Level over time", y_labels=list(LEVEL_LABELS.values())
        ),
        "steps": charts.bar_chart(
            steps, max_value=3, title="Average level per step", value_format="{:.1f}"
        ),
        "recognition": charts.bar_chart(
            recognition, max_value=1, title="Recognition", value_format="{:.0%}"
        ),
        "pitfalls": charts.bar_chart(
            pitfalls, max_value=max((n for _, n in pitfalls), default=1), title="Pitfalls"
        ),
    }
    # Safe: charts.py escapes every label and title it is given; the rest of
    # its markup is fixed text and numbers it formats itself.
    return {name: mark_safe(svg) for name, svg in built.items()}
