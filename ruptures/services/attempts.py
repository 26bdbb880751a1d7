"""Writes of the trainee's practice: starting, recognising, answering steps, drafts, reflection."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from ruptures.models import Attempt, AttemptStatus, Scenario, Step, StepDraft, StepResponse, User
from ruptures.rubric import STEPS, Assessment, CriterionResult, assess
from ruptures.services.library import version_rubric


def attempt_start(*, trainee: User, scenario: Scenario) -> Attempt:
    """Start an attempt on the scenario's current version (pinned from now on)."""
    return Attempt.objects.create(trainee=trainee, version=scenario.current_version)


@transaction.atomic
def attempt_recognise(
    *, attempt: Attempt, said_rupture: bool, said_type: str, said_markers: list[str]
) -> Attempt:
    """Score and store the recognition answer; a foil attempt ends here.

    Returns the attempt as stored: on a double submit the first answer stands.
    """
    attempt = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("version")
        .get(pk=attempt.pk)
    )
    if attempt.status != AttemptStatus.RECOGNISING:
        return attempt
    attempt.said_rupture = said_rupture
    attempt.said_type = said_type if said_rupture else ""
    attempt.said_markers = sorted(set(said_markers)) if said_rupture else []
    attempt.recognition_score = attempt.recognition().score
    if attempt.version.rupture_type == "none":
        attempt.status = AttemptStatus.DONE
        attempt.finished_at = timezone.now()
    else:
        attempt.status = AttemptStatus.REPAIRING
    attempt.save()
    return attempt


def attempt_submit_step(
    *, attempt: Attempt, step: Step, text: str, try_number: int
) -> StepResponse:
    """Score one try at a step and store it, at most once per try.

    A second submit of the same try (a double click, a resent form) finds the
    first one through the unique constraint and returns it. A different text
    sent with a stale try number is stored as the next try, so nothing typed
    is lost.
    """
    assessment = assess(step.name, text, scenario=version_rubric(attempt.version))
    fields = {
        "text": text,
        "score": assessment.score,
        "level": assessment.level,
        "pitfalls": sorted(assessment.pitfalls),
        "criteria": [_criterion_json(c) for c in assessment.criteria],
        "feedback": _feedback_json(assessment),
        "engine_version": assessment.engine_version,
        "rubric_version": assessment.rubric_version,
    }
    # Only the INSERT needs a savepoint (a failed statement must not poison an
    # outer transaction); the attempt's totals are one statement of their own.
    for _ in range(3):
        try:
            with transaction.atomic():
                response = StepResponse.objects.create(
                    attempt=attempt, step=step, try_number=try_number, **fields
                )
        except IntegrityError:
            existing = StepResponse.objects.filter(
                attempt=attempt, step=step, try_number=try_number
            ).first()
            if existing is not None and existing.text == text:
                return existing
            try_number = _next_try(attempt=attempt, step=step)
            continue
        _attempt_update_totals(attempt)
        return response
    raise RuntimeError("could not store the response after three tries")


def _next_try(*, attempt: Attempt, step: Step) -> int:
    last = attempt.responses.filter(step=step).aggregate(n=Max("try_number"))["n"]
    return (last or 0) + 1


# One UPDATE computes the total from every step's best score and finishes the
# attempt once all five steps are answered. Doing it in the database makes two
# concurrent submits (two tabs) agree, where read-then-write could lose one.
# Plain SQL (UPDATE ... FROM, PostgreSQL and SQLite >= 3.33): the ORM cannot
# join an aggregate into an UPDATE and would run the count subquery twice.
_UPDATE_TOTALS = f"""
UPDATE {Attempt._meta.db_table}
SET total_score = ROUND(agg.total / {float(len(STEPS))}),
    status = CASE WHEN agg.n = {len(STEPS)} THEN %s ELSE status END,
    finished_at = CASE WHEN agg.n = {len(STEPS)} AND finished_at IS NULL THEN %s
                       ELSE finished_at END
FROM (
    SELECT COUNT(*) AS n, COALESCE(SUM(best), 0) AS total FROM (
        SELECT MAX(score) AS best FROM {StepResponse._meta.db_table}
        WHERE attempt_id = %s GROUP BY step_id
    ) AS per_step
) AS agg
WHERE id = %s
"""


def _attempt_update_totals(attempt: Attempt) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            _UPDATE_TOTALS, [AttemptStatus.DONE.value, timezone.now(), attempt.pk, attempt.pk]
        )


def _criterion_json(criterion: CriterionResult) -> dict[str, object]:
    return {
        "name": criterion.name,
        "description": criterion.description,
        "met": criterion.met,
        "weight": criterion.weight,
        "evidence": [list(span) for span in criterion.evidence],
        "feedback": criterion.feedback,
        "source": criterion.source,
    }


def _feedback_json(assessment: Assessment) -> dict[str, object]:
    return {
        "point": assessment.feedback.point,
        "alternative": assessment.feedback.alternative,
        "pitfalls": [
            {
                "name": hit.name,
                "spans": [list(s) for s in hit.spans],
                "explanation": hit.explanation,
            }
            for hit in assessment.pitfall_hits
        ],
    }


def draft_save(*, attempt: Attempt, step: Step, text: str, try_number: int) -> StepDraft:
    """Keep what the trainee is typing for try `try_number` of the step.

    A draft belongs to one try: once that try is submitted the draft is simply
    outdated, so submitting never has to clear it.
    """
    draft, _ = StepDraft.objects.update_or_create(
        attempt=attempt, step=step, defaults={"text": text, "try_number": try_number}
    )
    return draft


def attempt_reflect(*, attempt: Attempt, difficulty_rating: str, journal: str) -> Attempt:
    """Store the end-of-attempt self-rating and journal."""
    attempt.difficulty_rating = difficulty_rating
    attempt.journal = journal
    attempt.save(update_fields=["difficulty_rating", "journal"])
    return attempt
