"""Loading specs into the library: status from the file, versions in the order they happen."""

import dataclasses
from pathlib import Path

import pytest

from ruptures.library import load_file
from ruptures.models import Scenario, ScenarioStatus
from ruptures.services.library import library_load, scenario_save_version

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parent.parent / "scenarios" / "withdrawal" / "fine-just-tired.yaml"
)


@pytest.fixture
def spec():
    return load_file(SAMPLE)


def _reworded(spec, words=" Take your time."):
    first, *rest = spec.steps
    first = dataclasses.replace(first, prompt=first.prompt + words)
    return dataclasses.replace(spec, steps=(first, *rest))


def test_a_file_without_a_status_loads_published_and_one_saying_draft_as_a_draft(spec):
    library_load(specs=[spec, dataclasses.replace(spec, slug="other", status="draft")])
    statuses = dict(Scenario.objects.values_list("slug", "status"))
    assert statuses == {spec.slug: "published", "other": "draft"}


def test_a_status_change_alone_makes_no_version(spec):
    library_load(specs=[spec])
    changes = library_load(specs=[dataclasses.replace(spec, status="draft")])
    scenario = Scenario.objects.get()
    assert (changes.restatused, changes.updated) == ([spec.slug], [])
    assert scenario.status == ScenarioStatus.DRAFT and scenario.versions.count() == 1
    assert changes.kind_of(spec.slug) == "status"


def test_changed_content_is_a_new_version_by_its_author(spec, program_admin):
    library_load(specs=[spec])
    changes = library_load(specs=[_reworded(spec)], author=program_admin)
    scenario = Scenario.objects.select_related("current_version").get()
    assert changes.kind_of(spec.slug) == "changed"
    assert scenario.current_version.number == 2
    assert scenario.current_version.author == program_admin


def test_going_back_to_earlier_content_is_a_new_newest_version(spec):
    library_load(specs=[spec])
    library_load(specs=[_reworded(spec)])
    library_load(specs=[spec])
    scenario = Scenario.objects.select_related("current_version").get()
    assert list(scenario.versions.values_list("number", flat=True).order_by("number")) == [1, 2, 3]
    assert scenario.current_version.number == 3
    assert scenario.current_version.content_hash == spec.content_hash()


def test_a_restored_version_records_which_one_it_restores(spec, program_admin):
    version = scenario_save_version(scenario=None, spec=spec)
    scenario = version.scenario
    scenario_save_version(scenario=scenario, spec=_reworded(spec))
    restored = scenario_save_version(
        scenario=scenario, spec=spec, author=program_admin, restored_from=1
    )
    assert (restored.number, restored.restored_from, restored.author) == (3, 1, program_admin)
