"""What pages show alike, whoever is looking: answers, recognition results, labels, charts.

The trainee's pages use these now and the supervisor's review pages will
reuse them, so a try or a recognition answer reads the same to both. Plain
functions over model instances and the engine's stored data: no queries.
Templates reach the per-item helpers through `ruptures_tags` filters. One
module per subject; everything is importable from here.
"""

from ruptures.presentation.answers import (
    STRONG,
    CriteriaGroups,
    Segment,
    answer_preview,
    answer_segments,
    criteria_groups,
    response_segments,
)
from ruptures.presentation.attempts import (
    REFLECTION_QUESTIONS,
    StepProgress,
    change_text,
    duration_text,
    harmful_steps,
    newest_rubric_version,
    step_progress,
)
from ruptures.presentation.practice_list import (
    PracticeSection,
    ScenarioCard,
    practice_cards,
    practice_sections,
)
from ruptures.presentation.progress import PITFALLS_CHARTED, progress_charts
from ruptures.presentation.vignette import MarkerRow, TurnView, marker_rows, transcript_turns

__all__ = [
    "PITFALLS_CHARTED",
    "STRONG",
    "CriteriaGroups",
    "REFLECTION_QUESTIONS",
    "MarkerRow",
    "PracticeSection",
    "ScenarioCard",
    "Segment",
    "StepProgress",
    "TurnView",
    "answer_preview",
    "answer_segments",
    "change_text",
    "criteria_groups",
    "duration_text",
    "harmful_steps",
    "newest_rubric_version",
    "marker_rows",
    "practice_cards",
    "practice_sections",
    "progress_charts",
    "response_segments",
    "step_progress",
    "transcript_turns",
]
