"""Downloads: scenario files that import back unchanged; a trainee's data, journal left out."""

import io
import json
import zipfile
from pathlib import Path

import pytest

from ruptures.authoring.exports import JOURNAL_NOTE, library_zip, scenario_file, trainee_data
from ruptures.authoring.uploads import read_upload
from ruptures.library import load_file
from ruptures.models import Scenario
from ruptures.services.library import library_load
from tests.factories import make_attempt, make_cohort, make_response

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    ROOT / "scenarios" / "withdrawal" / "fine-just-tired.yaml",
    ROOT / "scenarios" / "none" / "did-both.yaml",
]


@pytest.fixture
def scenarios():
    specs = [load_file(path) for path in FILES]
    library_load(specs=specs)
    return specs


def test_a_scenario_file_says_its_status_and_reads_back_as_the_same_content(scenarios):
    Scenario.objects.filter(slug="fine-just-tired").update(status="draft")
    scenario = Scenario.objects.select_related("current_version").get(slug="fine-just-tired")
    name, text = scenario_file(scenario)
    assert name == "withdrawal/fine-just-tired.yaml"
    assert "\nstatus: draft\n" in text
    upload = read_upload(name, text.encode())
    assert upload.specs[0][1].content_hash() == scenarios[0].content_hash()


def test_the_library_zip_is_laid_out_like_scenarios_and_imports_back(scenarios):
    raw = library_zip(Scenario.objects.select_related("current_version"))
    names = sorted(zipfile.ZipFile(io.BytesIO(raw)).namelist())
    assert names == ["none/did-both.yaml", "withdrawal/fine-just-tired.yaml"]
    upload = read_upload("scenarios.zip", raw)
    assert upload.ok
    assert {spec.slug: spec.content_hash() for _, spec in upload.specs} == {
        spec.slug: spec.content_hash() for spec in scenarios
    }


def test_a_trainees_data_holds_attempts_and_answers_but_not_the_journal(trainee):
    make_cohort().trainees.add(trainee)
    attempt = make_attempt(trainee=trainee, journal="Something only I should read.")
    make_response(attempt, "notice", text="I notice you went quiet.")
    make_response(attempt, "notice", text="Second try.")
    data = trainee_data(trainee)
    assert data["user"]["username"] == trainee.username and len(data["user"]["cohorts"]) == 1
    (exported,) = data["attempts"]
    assert exported["scenario"] == attempt.version.scenario.slug
    assert [t["text"] for t in exported["tries"]] == ["I notice you went quiet.", "Second try."]
    text = json.dumps(data)
    assert "Something only I should read." not in text
    assert data["journal"] == JOURNAL_NOTE


@pytest.mark.parametrize("attempts", [1, 5])
def test_a_trainees_data_costs_three_queries(trainee, django_assert_num_queries, attempts):
    for _ in range(attempts):
        make_response(make_attempt(trainee=trainee), "notice")
    with django_assert_num_queries(3):
        trainee_data(trainee)
