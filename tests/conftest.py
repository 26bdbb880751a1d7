"""Factories shared by the suite, in the style of djangoproject.com's tests.

Groups are fetched with get_or_create: transactional tests (live_server)
flush the tables, so data created by migrations cannot be relied on.
"""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth.models import Group

from ruptures.models import (
    PROGRAM_ADMIN,
    SUPERVISOR,
    TRAINEE,
    Cohort,
    Scenario,
    ScenarioVersion,
    Step,
    User,
)
from ruptures.rubric.types import STEPS

PASSWORD = "a-test-password-123"
_counter = itertools.count(1)


def make_user(role: str | None = TRAINEE, **kwargs: object) -> User:
    n = next(_counter)
    kwargs.setdefault("username", f"user{n}")
    kwargs.setdefault("is_staff", role == PROGRAM_ADMIN)
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


@pytest.fixture
def trainee(db) -> User:
    return make_user(TRAINEE)


@pytest.fixture
def supervisor(db) -> User:
    return make_user(SUPERVISOR)


@pytest.fixture
def program_admin(db) -> User:
    return make_user(PROGRAM_ADMIN)
