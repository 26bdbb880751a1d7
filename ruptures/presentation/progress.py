"""The progress page's charts, drawn from a trainee's statistics."""

from __future__ import annotations

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ruptures import charts
from ruptures.coaching import TraineeStats
from ruptures.models import RuptureType, StepName
from ruptures.rubric import LEVEL_LABELS

FALSE_ALARMS = "False alarms"  # the recognition chart's bar of foils called a rupture

# The pitfall chart keeps to the most frequent few; the table beside it lists them all.
PITFALLS_CHARTED = 8


def progress_charts(stats: TraineeStats) -> dict[str, SafeString]:
    """The progress page's four SVG charts, keyed levels, steps, recognition, pitfalls."""
    started = [timezone.localtime(a.started_at) for a in stats.level_points]
    # "3 Mar", and "3 Mar 2026" once the points span more than one year.
    year = "" if len({d.year for d in started}) <= 1 else " %Y"
    points = [
        (f"{d.day} {d.strftime('%b' + year)}", a.level)
        for d, a in zip(started, stats.level_points, strict=True)
    ]
    steps = [
        (StepName(step).label, level) for step, level in stats.step_levels if level is not None
    ]
    recognition = [
        (RuptureType(acc.kind).label, acc.rate) for acc in stats.recognition if acc.total
    ]
    if stats.false_alarm_rate is not None:
        recognition.append((FALSE_ALARMS, stats.false_alarm_rate))
    pitfalls = list(stats.labelled_pitfalls[:PITFALLS_CHARTED])
    built = {
        "levels": charts.line_chart(
            points,
            y_max=3,
            title="Level over time",
            y_labels=list(LEVEL_LABELS.values()),
            x_title="Each attempt by the day it began, oldest first",
        ),
        "steps": charts.bar_chart(
            steps, max_value=3, title="Average level per step", value_format="{:.1f}"
        ),
        "recognition": charts.bar_chart(
            recognition,
            max_value=1,
            title="Recognition",
            value_format="{:.0%}",
            lower_is_better={FALSE_ALARMS},
        ),
        "pitfalls": charts.bar_chart(
            pitfalls, max_value=max((n for _, n in pitfalls), default=1), title="Pitfalls"
        ),
    }
    # Safe: charts.py escapes every label and title it is given; the rest of
    # its markup is fixed text and numbers it formats itself.
    return {name: mark_safe(svg) for name, svg in built.items()}
