"""The scenario editor's writes: create, save (stale or not), publish, withdraw, restore."""

import dataclasses
from pathlib import Path

import pytest

from ruptures.library import load_file
from ruptures.models import Scenario, ScenarioStatus, ScenarioVersion
from ruptures.services import authoring

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parent.parent / "scenarios" / "withdrawal" / "fine-just-tired.yaml"
)


@pytest.fixture
def spec():
    return dataclasses.replace(load_file(SAMPLE), status="draft")


def _retitled(spec, title):
    return dataclasses.replace(spec, title=title)


def test_a_new_scenario_is_stored_with_its_first_version_and_author(spec, program_admin):
    version = authoring.scenario_create(spec=spec, author=program_admin)
    scenario = Scenario.objects.get()
    assert scenario.current_version == version and version.number == 1
    assert (scenario.status, scenario.author, version.author) == (
        "draft",
        program_admin,
        program_admin,
    )


def test_a_taken_slug_is_refused_and_nothing_changes(spec, program_admin):
    authoring.scenario_create(spec=spec, author=program_admin)
    with pytest.raises(authoring.SlugTaken):
        authoring.scenario_create(spec=_retitled(spec, "Another"), author=program_admin)
    assert Scenario.objects.get().title == spec.title


def test_saving_changed_content_makes_a_version_and_a_double_save_makes_one(spec, program_admin):
    scenario = authoring.scenario_create(spec=spec, author=program_admin).scenario
    changed = _retitled(spec, "Fine, just tired (revised)")
    first = authoring.scenario_save(scenario=scenario, spec=changed, author=program_admin, base=1)
    again = authoring.scenario_save(scenario=scenario, spec=changed, author=program_admin, base=1)
    assert first == again and first.number == 2
    assert ScenarioVersion.objects.count() == 2


def test_a_save_from_an_outdated_editor_is_refused(spec, program_admin, supervisor):
    scenario = authoring.scenario_create(spec=spec, author=program_admin).scenario
    authoring.scenario_save(
        scenario=scenario, spec=_retitled(spec, "Theirs"), author=program_admin, base=1
    )
    with pytest.raises(authoring.StaleScenario) as stale:
        authoring.scenario_save(
            scenario=scenario, spec=_retitled(spec, "Mine"), author=program_admin, base=1
        )
    assert stale.value.current.number == 2
    assert Scenario.objects.get().title == "Theirs"


def test_publishing_and_withdrawing_change_the_status_only(spec, program_admin):
    scenario = authoring.scenario_create(spec=spec, author=program_admin).scenario
    authoring.scenario_set_status(scenario=scenario, status=ScenarioStatus.PUBLISHED)
    assert Scenario.objects.published().get() == scenario
    authoring.scenario_set_status(scenario=scenario, status=ScenarioStatus.DRAFT)
    assert not Scenario.objects.published().exists()
    assert ScenarioVersion.objects.count() == 1


def test_restoring_makes_the_old_content_the_newest_version_and_keeps_the_status(
    spec, program_admin
):
    scenario = authoring.scenario_create(spec=spec, author=program_admin).scenario
    authoring.scenario_save(
        scenario=scenario, spec=_retitled(spec, "Changed"), author=program_admin, base=1
    )
    first = scenario.versions.get(number=1)
    restored = authoring.scenario_restore(scenario=scenario, version=first, author=program_admin)
    scenario.refresh_from_db()
    assert (restored.number, restored.restored_from) == (3, 1)
    assert restored.content_hash == first.content_hash
    assert (scenario.title, scenario.status) == (spec.title, "draft")
    # Restoring what is already the newest content adds nothing.
    assert (
        authoring.scenario_restore(scenario=scenario, version=first, author=program_admin)
        == restored
    )
