"""Writes that span several models or call the rubric engine.

Views and management commands call these; they never write models directly
when more than one row must change together.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from ruptures.library import ScenarioSpec, parse_scenario
from ruptures.library.model import criterion_to_dict
from ruptures.models import (
    Attempt,
    AttemptStatus,
    Scenario,
    ScenarioStatus,
    ScenarioVersion,
    Step,
    StepDraft,
    StepResponse,
    User,
)
from ruptures.rubric import STEPS, Assessment, CriterionResult, ScenarioRubric, assess


@dataclass
class LibraryChanges:
    """What loading the library did (or, in a dry run, would do), by slug."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.created)} new, {len(self.updated)} new versions, "
            f"{len(self.unchanged)} unchanged"
        )


@transaction.atomic
def library_load(
    *, specs: Iterable[ScenarioSpec], author: User | None = None, dry_run: bool = False
) -> LibraryChanges:
    """Bring the database in line with validated scenario specs, idempotently by slug.

    A changed scenario gets a new version and becomes current; attempts keep
    the version they started on. With `dry_run` nothing is written.
    """
    specs = list(specs)
    existing = {
        s.slug: s
        for s in Scenario.objects.select_related("current_version").filter(
            slug__in=[spec.slug for spec in specs]
        )
    }
    changes = LibraryChanges()
    for spec in specs:
        scenario = existing.get(spec.slug)
        digest = spec.content_hash()
        if scenario is None:
            changes.created.append(spec.slug)
        elif scenario.current_version and scenario.current_version.content_hash == digest:
            changes.unchanged.append(spec.slug)
            continue
        else:
            changes.updated.append(spec.slug)
        if not dry_run:
            scenario_save_version(scenario=scenario, spec=spec, author=author)
    return changes


def client_summary(spec: ScenarioSpec) -> str:
    """'Rosa, 38: Panic attacks since a job change.' — the card text of the practice list."""
    client = spec.client
    text = f"{client.name}, {client.age}: {client.presenting_concern}"
    return text if len(text) <= 250 else text[:249] + "…"


@transaction.atomic
def scenario_save_version(
    *, scenario: Scenario | None, spec: ScenarioSpec, author: User | None = None
) -> ScenarioVersion:
    """Make `spec` the current version of its scenario, creating what is missing."""
    if scenario is None:
        scenario = Scenario(slug=spec.slug, author=author, status=ScenarioStatus.PUBLISHED)
    digest = spec.content_hash()
    version = None
    if scenario.pk:
        # Content reverted to an earlier version: point back at it, don't duplicate.
        version = scenario.versions.filter(content_hash=digest).first()
    scenario.title = spec.title
    scenario.rupture_type = spec.rupture_type
    scenario.difficulty = spec.difficulty
    scenario.setting = spec.setting
    scenario.client_summary = client_summary(spec)
    scenario.save()
    if version is None:
        version = _version_create(scenario=scenario, spec=spec, digest=digest)
    scenario.current_version = version
    scenario.save(update_fields=["current_version", "updated_at"])
    return version


def _version_create(*, scenario: Scenario, spec: ScenarioSpec, digest: str) -> ScenarioVersion:
    latest = scenario.versions.order_by("-number").values_list("number", flat=True).first()
    version = ScenarioVersion.objects.create(
        scenario=scenario,
        number=(latest or 0) + 1,
        content_hash=digest,
        spec=spec.to_dict(),
        title=spec.title,
        rupture_type=spec.rupture_type,
        markers=list(spec.markers),
        difficulty=spec.difficulty,
        setting=spec.setting,
    )
    Step.objects.bulk_create(
        Step(
            version=version,
            name=step.name,
            order=order,
            prompt=step.prompt,
            exemplars=list(step.exemplars),
            counterexamples=[c.to_dict() for c in step.counterexamples],
            criteria=[criterion_to_dict(c) for c in step.criteria],
        )
        for order, step in enumerate(spec.steps, start=1)
    )
    return version


# --- Trainee practice --------------------------------------------------------

_RUBRIC_CACHE_SIZE = 256
_rubrics: OrderedDict[str, ScenarioRubric] = OrderedDict()


def version_rubric(version: ScenarioVersion) -> ScenarioRubric:
    """The engine's view of a scenario version.

    Cached by content hash: a version's content never changes, so the cache
    can never serve stale data and holds no user data.
    """
    key = version.content_hash
    rubric = _rubrics.get(key)
    if rubric is None:
        rubric = parse_scenario(version.spec, source=f"db:{version.pk}").rubric()
        _rubrics[key] = rubric
        if len(_rubrics) > _RUBRIC_CACHE_SIZE:
            _rubrics.popitem(last=False)
    return rubric


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
