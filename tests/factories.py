"""Factories shared by the suite, in the style of djangoproject.com's tests.

Plain functions with `kwargs.setdefault`, imported as `tests.factories` (never
from a conftest, which pytest may import a second time under another name).
Groups are fetched with get_or_create: transactional tests (live_server)
flush the tables, so data created by migrations cannot be relied on.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import Group
from django.utils import timezone

from ruptures.models import (
    SUPERVISOR,
    TRAINEE,
    Attempt,
    Cohort,
    Scenario,
    ScenarioVersion,
    Step,
    StepResponse,
    StepResult,
    User,
)
from ruptures.rubric import default_rubric
from ruptures.rubric.types import STEPS

PASSWORD = "a-test-password-123"
LIBRARY = Path(__file__).resolve().parent.parent / "scenarios"
_counter = itertools.count(1)


def make_user(role: str | None = TRAINEE, **kwargs: object) -> User:
    n = next(_counter)
    kwargs.setdefault("username", f"user{n}")
    password = kwargs.pop("password", PASSWORD)
    user = User.objects.create_user(password=password, **kwargs)
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def make_scenario(*, steps: bool = True, **kwargs: object) -> Scenario:
    """A published scenario with one version and (unless a foil) five steps."""
    n = next(_counter)
    kwargs.setdefault("slug", f"scenario-{n}")
    kwargs.setdefault("title", f"Scenario {n}")
    kwargs.setdefault("rupture_type", "withdrawal")
    kwargs.setdefault("difficulty", "beginner")
    kwargs.setdefault("setting", "individual")
    scenario = Scenario.objects.create(**kwargs)
    version = make_version(scenario, steps=steps and scenario.rupture_type != "none")
    scenario.current_version = version
    scenario.save(update_fields=["current_version"])
    return scenario


def make_library_scenario(kind: str = "withdrawal", index: int = 0) -> Scenario:
    """A scenario of the real library (scenarios/<kind>/), loaded as `load_scenarios` would."""
    from ruptures.library import load_file
    from ruptures.services.library import library_load

    spec = load_file(sorted((LIBRARY / kind).glob("*.yaml"))[index])
    library_load(specs=[spec])
    return Scenario.objects.get(slug=spec.slug)


def make_finished_attempt(
    trainee: User, scenario: Scenario, *, level: int = 2, **kwargs: object
) -> Attempt:
    """A finished attempt, recognition answered right, one try at every step at `level`."""
    from ruptures.services.attempts import attempt_update_totals

    kwargs.setdefault("said_rupture", True)
    kwargs.setdefault("said_type", scenario.rupture_type)
    kwargs.setdefault("said_markers", list(scenario.current_version.markers))
    kwargs.setdefault("recognition_score", 100)
    attempt = make_attempt(trainee=trainee, scenario=scenario, status="done", **kwargs)
    for step in STEPS:
        make_response(attempt, step, level=level)
    attempt_update_totals(attempt)
    return attempt


def make_version(scenario: Scenario, *, steps: bool = True, **kwargs: object) -> ScenarioVersion:
    number = scenario.versions.count() + 1
    kwargs.setdefault("number", number)
    kwargs.setdefault("content_hash", f"hash-{scenario.slug}-{number}")
    kwargs.setdefault("spec", {"slug": scenario.slug})
    kwargs.setdefault("markers", ["minimal_response"])
    for field in ("title", "rupture_type", "difficulty", "setting"):
        kwargs.setdefault(field, getattr(scenario, field))
    version = ScenarioVersion.objects.create(scenario=scenario, **kwargs)
    if steps:
        Step.objects.bulk_create(
            Step(version=version, name=name, order=i, prompt=f"What would you say to {name}?")
            for i, name in enumerate(STEPS, start=1)
        )
    return version


def make_cohort(*, supervisor: User | None = None, **kwargs: object) -> Cohort:
    kwargs.setdefault("name", f"Cohort {next(_counter)}")
    return Cohort.objects.create(supervisor=supervisor or make_user(SUPERVISOR), **kwargs)


def make_attempt(*, trainee: User, scenario: Scenario | None = None, **kwargs: object) -> Attempt:
    """An attempt on the scenario's current version; a "done" one also gets finished_at.

    An attempt whose recognition is answered is repairing unless told: only
    one unanswered attempt per trainee and version may exist.
    """
    scenario = scenario or make_scenario()
    kwargs.setdefault("version", scenario.current_version)
    if kwargs.get("said_rupture") is not None:
        kwargs.setdefault("status", "repairing")
    # Set from Python, not the DB default, so finished_at can be placed after it.
    started_at = kwargs.setdefault("started_at", timezone.now())
    if kwargs.get("status") == "done":
        kwargs.setdefault("finished_at", started_at + timedelta(minutes=10))
    return Attempt.objects.create(trainee=trainee, **kwargs)


def repairing_attempt(trainee: User, scenario: Scenario | None = None) -> Attempt:
    """An attempt at a library rupture, started and recognised through the services as a
    trainee would: its step pages are open."""
    from ruptures.services.attempts import attempt_recognise, attempt_start

    scenario = scenario or make_library_scenario()
    attempt = attempt_start(trainee=trainee, scenario=scenario)
    attempt_recognise(
        attempt=attempt, said_rupture=True, said_type=scenario.rupture_type, said_markers=[]
    )
    return attempt


def make_response(attempt: Attempt, step: str = "notice", **kwargs: object) -> StepResponse:
    """A scored try at one step of the attempt's version (level 2 unless told)."""
    step_obj = attempt.version.steps.get(name=step)
    kwargs.setdefault("try_number", attempt.responses.filter(step=step_obj).count() + 1)
    kwargs.setdefault("text", f"My answer to {step}.")
    kwargs.setdefault("level", 2)
    kwargs.setdefault("score", 25 * kwargs["level"] + 10)
    kwargs.setdefault("engine_version", "test")
    kwargs.setdefault("rubric_version", default_rubric().version)  # as scored with version 1
    response = StepResponse.objects.create(attempt=attempt, step=step_obj, **kwargs)
    # What services.attempts does with every try: the step's best counts.
    StepResult.objects.record_try(response)
    return response


def practise(trainee: User, count: int, *, scenario=None, pitfalls=("advice",)) -> None:
    """`count` finished attempts, a day apart, each with one level-2 try at every step."""
    scenario = scenario or make_scenario()
    start = timezone.now() - timedelta(days=count)
    for i in range(count):
        attempt = make_attempt(
            trainee=trainee,
            scenario=scenario,
            status="done",
            said_rupture=True,
            said_type="withdrawal",
            total_score=60,
            started_at=start + timedelta(days=i),
        )
        for step in STEPS:
            make_response(attempt, step, level=2, pitfalls=list(pitfalls))


def editor_post(data: dict, **fields: object) -> dict[str, object]:
    """What the scenario editor posts for scenario `data` (`ScenarioSpec.to_dict()`), as typed.

    `fields` override or add inputs by name (`title="..."`, `action="add:transcript"`).
    """
    from ruptures.authoring.scenario_editor import ScenarioEditor

    view = ScenarioEditor.from_data(data, slug=data.get("slug", "")).view
    inputs = [view[key] for key in ("slug", "title", "rupture_type", "difficulty", "setting")]
    inputs += [view["themes"], view["markers"], view["context"], view["why_no_rupture"]]
    inputs += view["client"]
    inputs += [f for row in view["transcript"].rows for f in row.fields]
    for step in view["steps"]:
        inputs += [step.prompt, step.exemplars]
        for rows in (step.counterexamples, step.criteria):
            inputs += [f for row in rows.rows for f in row.fields]
    post: dict[str, object] = {field.name: field.value for field in inputs}
    post.update(fields)
    return post
