"""Who may reach what: the role check and the fetch-and-check helpers every view uses.

A view never looks an object up by id itself. It asks a helper here, which
fetches the object *and* checks that this user may see it, through the role
scope on the QuerySet (`Attempt.objects.visible_to(user)`, `for_trainee(user)`).
An object outside the scope raises Http404 exactly like a missing one, so a
foreign id reveals nothing. Roles are Django groups, checked by `role_required`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, wraps

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Exists, OuterRef, Value
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from ruptures.models import (
    Attempt,
    Cohort,
    ImportBatch,
    Review,
    ReviewRequest,
    RubricVersion,
    Scenario,
    ScenarioVersion,
    Step,
    StepName,
    User,
)
from ruptures.models.practice import AttemptQuerySet
from ruptures.models.rows import Columns
from ruptures.services.rubrics import CURRENT_DIGEST

View = Callable[..., HttpResponse]


def role_required(*roles: str) -> Callable[[View], View]:
    """Allow the view only to users in one of `roles`; others get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not any(request.user.has_role(role) for role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def attempt_for_user(user: User, pk: int, *, vignette: bool = True) -> Attempt:
    """The attempt `pk` if any of `user`'s roles may see it, else Http404.

    Trainees reach their own attempts, supervisors their cohorts' trainees',
    program admins all (see `AttemptQuerySet.visible_to`). Without `vignette`
    the version's content (a sizeable JSON document) stays in the database.
    """
    return _attempt(Attempt.objects.visible_to(user), pk, vignette=vignette)


def attempt_for_trainee(trainee: User, pk: int, *, vignette: bool = True) -> Attempt:
    """The trainee's own attempt `pk`, else Http404: the practice flow touches no other.

    Narrower than `attempt_for_user` on purpose: someone who is a trainee and
    also a supervisor practises in their own attempts only.
    """
    return _attempt(Attempt.objects.for_trainee(trainee), pk, vignette=vignette)


# The step pages' read, one plain SQL statement: the trainee's attempt, its
# version, the step asked for (NULLs when the version has no such step),
# whether a supervisor reviewed the attempt or was asked to (so that a step
# page skips reading a review and a request that do not exist: most attempts
# have neither), and the current rubric version's hash (so that a submit
# skips a statement of its own for it: see services.rubrics.rubric_current).
# Through the ORM this took two queries and, on a step submit, more CPU than
# the database spent on the whole request (see models/rows.py).
_ATTEMPT = Columns(Attempt, "a")
_VERSION = {
    vignette: Columns(ScenarioVersion, "v", defer=() if vignette else ("spec",))
    for vignette in (True, False)
}
_STEP = Columns(Step, "s")
_ATTEMPT_STEP = """
SELECT {attempt}, {version}, {step},
       EXISTS (SELECT 1 FROM {review} WHERE attempt_id = a.id),
       EXISTS (SELECT 1 FROM {request} WHERE attempt_id = a.id),
       ({digest})
FROM {attempts} a
JOIN {versions} v ON v.id = a.version_id
LEFT JOIN {steps} s ON s.version_id = a.version_id AND s.name = %s
WHERE a.id = %s AND a.trainee_id = %s
"""


@cache
def _attempt_step_sql(vendor: str, vignette: bool) -> str:
    return _ATTEMPT_STEP.format(
        attempt=_ATTEMPT.sql(connection),
        version=_VERSION[vignette].sql(connection),
        step=_STEP.sql(connection),
        review=Review._meta.db_table,
        request=ReviewRequest._meta.db_table,
        digest=CURRENT_DIGEST,
        attempts=Attempt._meta.db_table,
        versions=ScenarioVersion._meta.db_table,
        steps=Step._meta.db_table,
    )


def attempt_step_for_trainee(
    trainee: User, pk: int, name: str, *, vignette: bool = True
) -> tuple[Attempt, Step | None]:
    """The trainee's own attempt `pk` (else Http404) and its step `name` (None: no such step).

    As `attempt_for_trainee` then `step_for_attempt`, in one query, with the
    attempt's `has_review` and `has_review_request` (see
    `review_page.step_review_state`) and `rubric_digest`, the current rubric
    version's hash (see `services.attempts.attempt_submit_step`). A missing
    step is the caller's 404 to raise: a trainee who has not answered the
    recognition question yet is sent there instead.
    """
    version = _VERSION[vignette]
    with connection.cursor() as cursor:
        cursor.execute(_attempt_step_sql(connection.vendor, vignette), [name, pk, trainee.pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    attempt = _ATTEMPT.instance(row, 0, connection)
    attempt.version = version.instance(row, len(_ATTEMPT), connection)
    start = len(_ATTEMPT) + len(version)
    step = None
    if row[start] is not None:
        step = _STEP.instance(row, start, connection)
        step.version = attempt.version
    attempt.has_review, attempt.has_review_request = (bool(flag) for flag in row[-3:-1])
    attempt.rubric_digest = row[-1]
    return attempt, step


def attempt_for_reviewer(user: User, pk: int) -> Attempt:
    """An attempt `user` may review, else Http404: one of their cohorts' trainees'.

    Program admins reach every attempt here too, to read the reviews behind
    the engine's disagreements; whether they may also write is the view's call.
    """
    supervised = Attempt.objects.for_supervisor(user)
    attempts = Attempt.objects.all() if user.is_program_admin else supervised
    # `reviewable`: whether `user` may write the review (their own cohort's trainee).
    reviewable = (
        Exists(supervised.filter(pk=OuterRef("pk"))) if user.is_supervisor else Value(False)
    )
    attempts = attempts.select_related("trainee").annotate(reviewable=reviewable)
    return _attempt(attempts, pk, vignette=True)


def trainee_for_supervisor(supervisor: User, pk: int) -> User:
    """A trainee in one of `supervisor`'s cohorts, else Http404."""
    return get_object_or_404(Cohort.objects.for_supervisor(supervisor).trainees(), pk=pk)


def cohort_for_user(user: User, pk: int) -> Cohort:
    """A cohort `user` supervises (program admins: any cohort), else Http404."""
    cohorts = Cohort.objects.all()
    if not user.is_program_admin:
        cohorts = cohorts.for_supervisor(user)
    return get_object_or_404(cohorts, pk=pk)


def _attempt(attempts: AttemptQuerySet, pk: int, *, vignette: bool) -> Attempt:
    attempts = attempts.select_related("version")
    if not vignette:
        attempts = attempts.defer("version__spec")
    return get_object_or_404(attempts, pk=pk)


def step_for_attempt(attempt: Attempt, name: str) -> Step:
    """The step `name` of the attempt's version, else Http404 (unknown name, or a foil).

    Only the step's existence is checked here: whether the trainee may work
    on it yet (recognition comes first) is the view's decision.
    """
    if name not in StepName.values:
        raise Http404
    return get_object_or_404(Step.objects.filter(version_id=attempt.version_id), name=name)


def scenario_for_trainee(trainee: User, slug: str) -> Scenario:
    """A published scenario on the trainee's practice list, else Http404."""
    return get_object_or_404(Scenario.objects.for_trainee(trainee), slug=slug)


# --- Authoring: program admins reach the library, the rubric and other people -----


def _program_admin(user: User) -> None:
    # Belt and braces: the views' role_required already let only program admins in.
    if not user.is_program_admin:
        raise Http404


def scenario_for_admin(user: User, slug: str) -> Scenario:
    """Any scenario, draft or published, with its current version's number, for editing."""
    _program_admin(user)
    return get_object_or_404(Scenario.objects.select_related("current_version"), slug=slug)


def version_for_admin(user: User, scenario: Scenario, number: int) -> ScenarioVersion:
    """Version `number` of the scenario, else Http404."""
    _program_admin(user)
    return get_object_or_404(scenario.versions.select_related("author"), number=number)


def rubric_version_for_admin(user: User, number: int) -> RubricVersion:
    """Rubric version `number`, else Http404."""
    _program_admin(user)
    return get_object_or_404(RubricVersion.objects.select_related("author"), number=number)


def import_for_admin(user: User, pk: object) -> ImportBatch | None:
    """The user's own upload awaiting confirmation; None once confirmed (or another's)."""
    _program_admin(user)
    return ImportBatch.objects.for_author(user).filter(pk=pk).first()


def cohort_for_admin(user: User, pk: int) -> Cohort:
    """Any cohort, for a program admin to edit."""
    _program_admin(user)
    return get_object_or_404(Cohort.objects.select_related("supervisor"), pk=pk)


def person_for_admin(user: User, pk: int) -> User:
    """A person a program admin may manage: anyone but a superuser, else Http404.

    The admin's own account is found too (to show it); the views refuse to
    change it.
    """
    _program_admin(user)
    return get_object_or_404(User.objects.manageable().with_roles(), pk=pk)
