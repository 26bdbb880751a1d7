"""Reads behind the trainee's pages: what each page shows, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import F, Max, Q

from ruptures.forms import AnswerForm
from ruptures.library import default_catalogue
from ruptures.models import (
    Attempt,
    AttemptStatus,
    Difficulty,
    Scenario,
    Step,
    StepDraft,
    StepName,
    StepResponse,
    User,
)
from ruptures.rubric import level_for_score
from ruptures.rubric.types import LEVEL_LABELS
from ruptures.stats import recommended_next

REFLECTION_QUESTIONS = (
    "How did you respond inside when you sensed the disconnection?",
    "What fears came up for you as the therapist in this moment?",
    "Where might your own attachment patterns have shaped what you wanted to say?",
    "What support or practice would help you meet a moment like this next time?",
)


@dataclass(frozen=True)
class ScenarioCard:
    slug: str
    title: str
    difficulty: str
    difficulty_label: str
    setting: str
    client_summary: str
    status: str  # new | in_progress | done
    best_level: int | None
    open_attempt: int | None


def home_context(user: User, params: Mapping[str, str]) -> dict[str, object]:
    scenarios = Scenario.objects.for_trainee(user)
    settings_available = sorted(set(scenarios.values_list("setting", flat=True)))
    difficulty = params.get("difficulty", "")
    setting = params.get("setting", "")
    if difficulty in Difficulty.values:
        scenarios = scenarios.filter(difficulty=difficulty)
    if setting in settings_available:
        scenarios = scenarios.filter(setting=setting)
    scenarios = scenarios.only("slug", "title", "difficulty", "setting", "client_summary")
    progress = {
        row["version__scenario"]: row
        for row in Attempt.objects.for_trainee(user)
        .values("version__scenario")
        .annotate(
            best=Max("total_score", filter=Q(status=AttemptStatus.DONE)),
            open_attempt=Max("id", filter=~Q(status=AttemptStatus.DONE)),
        )
    }
    cards = [_card(scenario, progress.get(scenario.pk)) for scenario in scenarios]
    return {
        "cards": cards,
        "difficulties": Difficulty.choices,
        "settings_available": settings_available,
        "selected_difficulty": difficulty,
        "selected_setting": setting,
        "recommendation": recommended_next(user),
    }


def _card(scenario: Scenario, row: Mapping[str, int] | None) -> ScenarioCard:
    status, best, open_attempt = "new", None, None
    if row:
        open_attempt = row["open_attempt"]
        status = "in_progress" if open_attempt else "done"
        if row["best"] is not None:
            best = level_for_score(row["best"])
    return ScenarioCard(
        slug=scenario.slug,
        title=scenario.title,
        difficulty=scenario.difficulty,
        difficulty_label=scenario.get_difficulty_display(),
        setting=scenario.setting,
        client_summary=scenario.client_summary,
        status=status,
        best_level=best,
        open_attempt=open_attempt,
    )


@dataclass(frozen=True)
class TurnView:
    speaker: str
    text: str
    nonverbal: str
    marker_labels: tuple[str, ...]  # empty until the trainee has answered


def attempt_context(attempt: Attempt) -> dict[str, object]:
    """The vignette, the recognition answer and the steps' progress."""
    spec = attempt.version.spec
    revealed = attempt.said_rupture is not None
    labels = default_catalogue().by_code
    turns = [
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
    result = attempt.recognition()
    marker_rows = []
    if result:
        for outcome, codes in (
            ("hit", result.hits),
            ("miss", result.misses),
            ("false-alarm", result.false_alarms),
        ):
            marker_rows += [(outcome, labels[code].label) for code in codes if code in labels]
    return {
        "spec": spec,
        "turns": turns,
        "recognition": result,
        "marker_rows": marker_rows,
        **progress_context(attempt),
    }


def progress_context(attempt: Attempt) -> dict[str, object]:
    """The attempt's tries and each step's state: all that the step partials need."""
    # Every try of every step in one query: the step panel and the step
    # navigation are both drawn from it.
    responses = list(attempt.responses.annotate(step_name=F("step__name")).order_by("try_number"))
    return {
        "attempt": attempt,
        "responses": responses,
        "steps": step_statuses(attempt, responses),
    }


@dataclass(frozen=True)
class StepStatus:
    name: str
    label: str
    tries: int
    best_level: int | None


def step_statuses(attempt: Attempt, responses: list[StepResponse]) -> list[StepStatus]:
    if attempt.version.is_foil:
        return []
    statuses = []
    for name, label in StepName.choices:
        levels = [r.level for r in responses if r.step_name == name]
        statuses.append(StepStatus(name, label, len(levels), max(levels, default=None)))
    return statuses


def step_context(
    attempt: Attempt,
    step: Step,
    *,
    form: AnswerForm | None,
    restore_draft: bool = True,
    partial: bool = False,
) -> dict[str, object]:
    """Everything the step panel shows: the prompt, the tries, the feedback, the form.

    Right after a submit there is no draft of the coming try to restore, so
    the caller can skip looking for one; a `partial` render skips the vignette.
    """
    context = progress_context(attempt) if partial else attempt_context(attempt)
    tries = [r for r in context["responses"] if r.step_name == step.name]
    latest = tries[-1] if tries else None
    best = max(tries, key=lambda r: (r.score, r.try_number)) if tries else None
    if form is None:
        text = _draft_text(attempt, step, len(tries) + 1) if restore_draft else ""
        # A retry starts from the last answer: revising beats retyping.
        form = AnswerForm(
            initial={"text": text or (latest.text if latest else ""), "try_number": len(tries) + 1}
        )
    names = list(StepName.values)
    index = names.index(step.name)
    context.update(
        step=step,
        form=form,
        tries=tries,
        latest=latest,
        best=best,
        latest_segments=segments(latest.text, _pitfall_spans(latest)) if latest else [],
        next_step=names[index + 1] if index + 1 < len(names) else None,
        previous_step=names[index - 1] if index else None,
    )
    return context


def _draft_text(attempt: Attempt, step: Step, try_number: int) -> str:
    """The autosaved text of the coming try; a draft of a submitted try is spent."""
    draft = (
        StepDraft.objects.filter(attempt=attempt, step=step, try_number__gte=try_number)
        .values_list("text", flat=True)
        .first()
    )
    return draft or ""


def _pitfall_spans(response) -> list[tuple[int, int, str]]:
    return [
        (start, end, hit["name"].replace("_", " "))
        for hit in response.feedback.get("pitfalls", [])
        for start, end in hit["spans"]
    ]


def segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """Split `text` into (piece, label) pairs; label is '' outside any span.

    Overlapping spans merge into the first one's label, so no character is
    shown twice.
    """
    pieces: list[tuple[str, str]] = []
    cursor = 0
    for start, end, label in sorted(spans):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        if start > cursor:
            pieces.append((text[cursor:start], ""))
        pieces.append((text[start:end], label))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], ""))
    return pieces


def summary_context(attempt: Attempt) -> dict[str, object]:
    context = attempt_context(attempt)
    best_by_step: dict[str, object] = {}
    for response in attempt.responses.select_related("step").order_by("step__order", "-score"):
        best_by_step.setdefault(response.step.name, response)
    earlier = (
        Attempt.objects.filter(
            trainee=attempt.trainee,
            version__scenario=attempt.version.scenario_id,
            status=AttemptStatus.DONE,
        )
        .exclude(pk=attempt.pk)
        .order_by("-started_at")
        .only("pk", "started_at", "total_score", "recognition_score")[:10]
    )
    total_level = None if attempt.total_score is None else level_for_score(attempt.total_score)
    context.update(
        best_by_step=[best_by_step[name] for name in StepName.values if name in best_by_step],
        earlier=[(a, _change(attempt.total_score, a.total_score)) for a in earlier],
        time_taken=_duration(attempt),
        total_level=total_level,
        total_label=LEVEL_LABELS.get(total_level, ""),
        questions=REFLECTION_QUESTIONS,
    )
    return context


def _change(now: int | None, then: int | None) -> str:
    if now is None or then is None:
        return ""
    if now == then:
        return "the same total"
    return f"{abs(now - then)} points {'higher' if now > then else 'lower'}"


def _duration(attempt: Attempt) -> str:
    if not attempt.finished_at:
        return ""
    minutes, seconds = divmod(int((attempt.finished_at - attempt.started_at).total_seconds()), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
