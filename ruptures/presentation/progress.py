"""The progress page's charts, drawn from a trainee's statistics."""

from __future__ import annotations

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ruptures import charts
from ruptures.coaching import TraineeStats
from ruptures.models import RuptureType, StepName
from ruptures.rubric import LEVEL_LABELS, pitfall_label

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
