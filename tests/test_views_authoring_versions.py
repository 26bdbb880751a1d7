"""After saving: publish and withdraw, history, a version's changes, restore, downloads; and
trainees' attempts pinned to the version they started, whatever is edited meanwhile."""

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from django.test import Client
from django.urls import reverse

from ruptures.library import load_file
from ruptures.models import AttemptStatus, Scenario, ScenarioStatus, StepResponse
from ruptures.services.attempts import attempt_recognise, attempt_start
from ruptures.services.library import library_load
from tests.factories import editor_post, make_attempt

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = load_file(ROOT / "scenarios" / "withdrawal" / "fine-just-tired.yaml")
SLUG = SAMPLE.slug
EDIT = reverse("ruptures:scenario_edit", args=[SLUG])
NEW_PROMPT = "Name, gently, the change you saw after the phone call came up."
LITTLE_AND_MUCH = pytest.mark.parametrize("much", [False, True], ids=["little", "much"])


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


@pytest.fixture
def trainee_client(trainee):
    """A second browser, signed in as the trainee, beside the admin's."""
    browser = Client()
    browser.force_login(trainee)
    return browser


@pytest.fixture
def sample(db):
    library_load(specs=[SAMPLE])
    return Scenario.objects.get(slug=SLUG)


def _save_edit(client, base, **fields):
    post = editor_post(SAMPLE.to_dict(), base_version=base, save="save", **fields)
    response = client.post(EDIT, post)
    assert response.status_code == 302, response.text[:300]


def _url(name, *args):
    return reverse(f"ruptures:{name}", args=[SLUG, *args])


# --- Publish and withdraw ----------------------------------------------------------


def test_withdrawing_hides_the_scenario_and_publishing_shows_it_again(
    admin_client, sample, trainee
):
    response = admin_client.post(_url("scenario_status"), {"status": "draft"})
    assert response.status_code == 302 and response["Location"] == EDIT
    assert not Scenario.objects.for_trainee(trainee).exists()
    admin_client.post(_url("scenario_status"), {"status": "published"})
    assert Scenario.objects.for_trainee(trainee).get() == sample


def test_an_unknown_status_changes_nothing(admin_client, sample):
    admin_client.post(_url("scenario_status"), {"status": "archived"})
    assert Scenario.objects.get().status == ScenarioStatus.PUBLISHED


# --- History, a version's changes, restore --------------------------------------------


def test_the_history_lists_versions_with_who_saved_them_and_their_attempts(
    admin_client, sample, program_admin, trainee
):
    make_attempt(trainee=trainee, scenario=sample)
    _save_edit(admin_client, 1, **{"steps.notice.prompt": NEW_PROMPT})
    html = admin_client.get(_url("scenario_history")).text
    assert "Version 2</a> (newest)" in html and program_admin.username in html
    assert "<td>1</td>" in html  # version 1 has the attempt
    assert "a file load" in html  # version 1 came from a file


def test_a_version_page_shows_what_changed_word_by_word(admin_client, sample):
    _save_edit(admin_client, 1, **{"steps.notice.prompt": NEW_PROMPT})
    html = admin_client.get(_url("scenario_version", 2)).text
    assert "1 change since version 1" in html
    assert "Steps › Notice › Prompt" in html
    assert '<ins><span class="visually-hidden">[added] </span>' in html
    assert "The first version" in admin_client.get(_url("scenario_version", 1)).text


def test_restoring_version_one_makes_it_the_newest_and_trainees_start_on_it(
    admin_client, sample, trainee
):
    _save_edit(admin_client, 1, **{"steps.notice.prompt": NEW_PROMPT})
    response = admin_client.post(_url("scenario_restore", 1))
    sample.refresh_from_db()
    assert response.status_code == 302
    assert (sample.current_version.number, sample.current_version.restored_from) == (3, 1)
    attempt = attempt_start(trainee=trainee, scenario=sample)
    assert attempt.version.steps.get(name="notice").prompt == SAMPLE.step("notice").prompt


def test_an_unknown_version_is_a_404(admin_client, sample):
    assert admin_client.get(_url("scenario_version", 9)).status_code == 404
    assert admin_client.post(_url("scenario_restore", 9)).status_code == 404


@LITTLE_AND_MUCH
def test_history_costs_four_queries_and_a_version_five(
    admin_client, sample, trainee, django_assert_num_queries, much
):
    for n in range(6 if much else 1):
        _save_edit(admin_client, n + 1, **{"steps.notice.prompt": f"{NEW_PROMPT} ({n})"})
        make_attempt(trainee=trainee, scenario=Scenario.objects.get())
    # The session, the user, the scenario; its versions with authors and attempt counts.
    with django_assert_num_queries(2 + 2):
        assert admin_client.get(_url("scenario_history")).status_code == 200
    # ... the scenario, the version, the one before it.
    with django_assert_num_queries(2 + 3):
        assert admin_client.get(_url("scenario_version", 2)).status_code == 200


# --- Downloads --------------------------------------------------------------------------


def test_one_scenario_downloads_as_its_file_with_its_status(admin_client, sample):
    response = admin_client.get(_url("scenario_export"))
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}.yaml"'
    data = yaml.safe_load(response.content)
    assert data["status"] == "published" and data["title"] == SAMPLE.title


def test_the_library_downloads_as_a_zip_of_every_scenario(admin_client, sample):
    response = admin_client.get(reverse("ruptures:library_export"))
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert response["Content-Type"] == "application/zip"
    assert names == [f"withdrawal/{SLUG}.yaml"]


# --- Trainees keep their version ------------------------------------------------------


def _started(trainee, scenario):
    attempt = attempt_start(trainee=trainee, scenario=scenario)
    return attempt_recognise(
        attempt=attempt, said_rupture=True, said_type="withdrawal", said_markers=["denial"]
    )


def test_an_attempt_started_on_version_one_still_shows_version_one_after_version_two(
    admin_client, trainee_client, sample, trainee
):
    client = trainee_client
    attempt = _started(trainee, sample)
    _save_edit(admin_client, 1, **{"steps.notice.prompt": NEW_PROMPT})

    page = client.get(reverse("ruptures:attempt_step", args=[attempt.pk, "notice"])).text
    fresh = _started(trainee, Scenario.objects.get())
    fresh_page = client.get(reverse("ruptures:attempt_step", args=[fresh.pk, "notice"])).text

    assert attempt.version.number == 1 and fresh.version.number == 2
    assert SAMPLE.step("notice").prompt.replace("'", "&#x27;") in page and NEW_PROMPT not in page
    assert NEW_PROMPT in fresh_page


def test_editing_withdrawing_and_restoring_while_a_trainee_practises_breaks_nothing(
    admin_client, trainee_client, sample, trainee
):
    client = trainee_client
    attempt = _started(trainee, sample)
    step_url = reverse("ruptures:attempt_step", args=[attempt.pk, "notice"])
    client.post(
        step_url, {"text": "I notice you went quiet when I mentioned your mom.", "try_number": 1}
    )

    _save_edit(admin_client, 1, **{"steps.notice.prompt": NEW_PROMPT})
    admin_client.post(_url("scenario_status"), {"status": "draft"})
    admin_client.post(_url("scenario_restore", 1))
    _save_edit(admin_client, 3, **{"context": SAMPLE.context + " He is fourteen."})

    draft_url = reverse("ruptures:attempt_step_draft", args=[attempt.pk, "invite"])
    assert client.post(draft_url, {"text": "What was it", "try_number": 1}).status_code == 302
    for n, step in enumerate(("invite", "validate", "explore", "negotiate")):
        url = reverse("ruptures:attempt_step", args=[attempt.pk, step])
        answer = f"What was that like for you, hearing I had talked with your mom? ({n})"
        assert client.post(url, {"text": answer, "try_number": 1}).status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.DONE and attempt.version.number == 1
    assert set(StepResponse.objects.values_list("step__version__number", flat=True)) == {1}
    summary = client.get(reverse("ruptures:attempt_summary", args=[attempt.pk]))
    assert summary.status_code == 200 and SAMPLE.title.replace("'", "&#x27;") in summary.text
    # Withdrawn to a draft: nobody starts it anew.
    assert client.post(reverse("ruptures:attempt_start", args=[SLUG])).status_code == 404
