"""Writes of the scenario editor: saving, publishing, withdrawing and restoring scenarios.

Saving content makes a new immutable version (attempts keep the one they
started on); the status says only who sees the current one. Each write locks
the scenario's row, so two admins saving at once take turns, and a save based
on a version that is no longer current is refused with `StaleScenario`
rather than silently undoing the other admin's work.
"""

from __future__ import annotations

import dataclasses

from django.db import IntegrityError, transaction

from ruptures.library import ScenarioSpec, parse_scenario
from ruptures.models import Scenario, ScenarioVersion, User
from ruptures.services.library import scenario_save_version


class StaleScenario(Exception):
    """Another version became current since the editor was opened."""

    def __init__(self, current: ScenarioVersion) -> None:
        self.current = current
        super().__init__(f"version {current.number} was saved meanwhile")


class SlugTaken(Exception):
    """A new scenario's slug belongs to another scenario already."""


@transaction.atomic
def scenario_create(*, spec: ScenarioSpec, author: User) -> ScenarioVersion:
    """Store a new scenario with its first version; SlugTaken if the slug is in use."""
    if Scenario.objects.filter(slug=spec.slug).exists():
        raise SlugTaken(spec.slug)
    try:
        with transaction.atomic():
            return scenario_save_version(scenario=None, spec=spec, author=author)
    except IntegrityError:  # created by someone else between the check and the insert
        raise SlugTaken(spec.slug) from None


@transaction.atomic
def scenario_save(
    *, scenario: Scenario, spec: ScenarioSpec, author: User, base: int
) -> ScenarioVersion:
    """Save edited content (and status) of an existing scenario.

    Content equal to the current version's makes no new version, whatever the
    base (a double submit saves once). Otherwise `base`, the version number
    the editor started from, must still be the current one.
    """
    scenario = _locked(scenario)
    current = scenario.current_version
    changed = current is not None and current.content_hash != spec.content_hash()
    if changed and current.number != base:
        raise StaleScenario(current)
    return scenario_save_version(scenario=scenario, spec=spec, author=author)


@transaction.atomic
def scenario_set_status(*, scenario: Scenario, status: str) -> Scenario:
    """Publish or withdraw the scenario. Attempts already started carry on either way."""
    scenario = _locked(scenario)
    if scenario.status != status:
        scenario.status = status
        scenario.save(update_fields=["status", "updated_at"])
    return scenario


@transaction.atomic
def scenario_restore(
    *, scenario: Scenario, version: ScenarioVersion, author: User
) -> ScenarioVersion:
    """Make an old version's content the newest version (a new number); the status stays."""
    scenario = _locked(scenario)
    spec = parse_scenario(version.spec, source=f"version {version.number}")
    spec = dataclasses.replace(spec, status=scenario.status)
    if scenario.current_version and scenario.current_version.content_hash == spec.content_hash():
        return scenario.current_version
    return scenario_save_version(
        scenario=scenario, spec=spec, author=author, restored_from=version.number
    )


def _locked(scenario: Scenario) -> Scenario:
    """The scenario's row, locked until the transaction ends, with its current version."""
    return (
        Scenario.objects.select_for_update(of=("self",))
        .select_related("current_version")
        .defer("current_version__spec")
        .get(pk=scenario.pk)
    )
