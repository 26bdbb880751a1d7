"""The trainee's progress page: charts of their own practice and what to do next."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from ruptures import charts
from ruptures.coaching import TraineeStats
from ruptures.models import TRAINEE
from ruptures.permissions import role_required
from ruptures.rubric.types import LEVEL_LABELS
from ruptures.stats import recommended_next, trainee_stats

# The chart keeps to the most frequent few; the table below it lists them all.
PITFALLS_CHARTED = 8


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _progress_charts(stats: TraineeStats) -> dict[str, SafeString]:
    points = [(f"{timezone.localtime(a.started_at):%d %b}", a.level) for a in stats.level_points]
    steps = [(_label(step), level) for step, level in stats.step_levels if level is not None]
    recognition = [(_label(acc.kind), acc.rate) for acc in stats.recognition if acc.total]
    if stats.false_alarm_rate is not None:
        recognition.append(("False alarms", stats.false_alarm_rate))
    pitfalls = [(_label(name), n) for name, n in stats.pitfalls[:PITFALLS_CHARTED]]
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


@require_GET
@role_required(TRAINEE)
def progress_page(request: HttpRequest) -> HttpResponse:
    """The signed-in trainee's own progress; nobody else's attempts are read."""
    stats = trainee_stats(request.user)
    context = {
        "stats": stats,
        "charts": _progress_charts(stats) if stats.has_data else {},
        "pitfalls": [(_label(name), n) for name, n in stats.pitfalls],
        "recommendation": recommended_next(request.user, stats=stats),
    }
    return render(request, "ruptures/progress.html", context)
