"""The scenario library and editor: list, create, edit, rows, live preview, exemplar check."""

import copy
from pathlib import Path

import pytest
from django.urls import reverse

from ruptures.library import load_file
from ruptures.models import Scenario, ScenarioStatus, ScenarioVersion
from ruptures.services.library import library_load
from ruptures.services.rubrics import rubric_current
from tests.factories import editor_post, make_scenario, make_version

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = load_file(ROOT / "scenarios" / "withdrawal" / "fine-just-tired.yaml")
HTMX = {"HTTP_HX_REQUEST": "true"}
HOME = reverse("ruptures:authoring_home")
CREATE = reverse("ruptures:scenario_create")
EDIT = reverse("ruptures:scenario_edit", args=[SAMPLE.slug])
LITTLE_AND_MUCH = pytest.mark.parametrize("much", [False, True], ids=["little", "much"])


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


@pytest.fixture
def sample(db):
    library_load(specs=[SAMPLE])
    return Scenario.objects.get(slug=SAMPLE.slug)


def _new_data(slug="a-new-one", title="A new one"):
    data = copy.deepcopy(SAMPLE.to_dict())
    data.update(slug=slug, title=title)
    return data


# --- The library list ---------------------------------------------------------------


def test_the_library_lists_every_scenario_with_its_current_version(admin_client):
    published = make_scenario(title="Camera off at lunchtime")
    published.current_version = make_version(published)
    published.save()
    make_scenario(title="Half-written", status=ScenarioStatus.DRAFT)

    html = admin_client.get(HOME).text

    assert ">Camera off at lunchtime</a></td>" in html and "<td>2</td>" in html
    assert ">Half-written</a></td>" in html and "<td>Draft</td>" in html


def test_the_library_filters_by_words_type_and_status_and_its_fragment_is_the_table(admin_client):
    make_scenario(title="The fee letter", rupture_type="confrontation")
    make_scenario(title="Fine, just tired", status=ScenarioStatus.DRAFT)
    make_scenario(title="A letter from school")

    page = admin_client.get(HOME, {"q": "letter", "rupture_type": "confrontation"}).text
    fragment = admin_client.get(HOME, {"status": "draft"}, **HTMX).text

    assert "The fee letter" in page and "A letter from school" not in page
    assert fragment.lstrip().startswith('<section id="scenario_table"')
    assert "Fine, just tired" in fragment and "The fee letter" not in fragment
    assert "<h1" not in fragment


@LITTLE_AND_MUCH
def test_authoring_home_costs_three_queries_and_its_fragment_as_many(
    admin_client, django_assert_num_queries, much
):
    for _ in range(20 if much else 1):
        make_scenario()
    # The session, the user; the scenarios with their current versions' numbers.
    with django_assert_num_queries(2 + 1):
        assert admin_client.get(HOME).status_code == 200
    with django_assert_num_queries(2 + 1):
        assert admin_client.get(HOME, {"difficulty": "beginner"}, **HTMX).status_code == 200


# --- Creating ---------------------------------------------------------------------


def test_a_complete_new_scenario_is_saved_as_a_draft_trainees_do_not_see(admin_client, trainee):
    response = admin_client.post(CREATE, editor_post(_new_data(), save="draft"))

    scenario = Scenario.objects.select_related("current_version").get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ruptures:scenario_edit", args=["a-new-one"])
    assert scenario.status == ScenarioStatus.DRAFT and scenario.current_version.number == 1
    assert scenario.current_version.spec["title"] == "A new one"
    assert not Scenario.objects.for_trainee(trainee).exists()


def test_save_and_publish_makes_it_visible_to_trainees(admin_client, trainee):
    admin_client.post(CREATE, editor_post(_new_data(), save="publish"))
    assert Scenario.objects.for_trainee(trainee).get().slug == "a-new-one"


def test_an_invalid_scenario_shows_each_error_beside_its_field_and_writes_nothing(admin_client):
    data = _new_data()
    post = editor_post(data, **{"client.age": "fourteen", "title": "", "save": "publish"})
    post["steps.invite.exemplars"] = "Only one exemplar."

    response = admin_client.post(CREATE, post)

    html = response.text
    assert response.status_code == 200
    assert not Scenario.objects.exists()
    assert "Nothing was saved: 3 problems to fix." in html
    assert 'id="f-client-age-errors"><li>must be a whole number from 5 to 110' in html
    assert 'id="f-title-errors"><li>must not be empty</li>' in html
    assert 'id="f-steps-invite-exemplars-errors"><li>at least 2 required, found 1' in html
    assert 'value="fourteen"' in html  # what was typed is still there


def test_a_taken_slug_is_refused_beside_the_slug(admin_client, sample):
    response = admin_client.post(CREATE, editor_post(_new_data(slug=SAMPLE.slug), save="draft"))
    assert "is taken by another scenario" in response.text
    assert Scenario.objects.count() == 1


def test_the_editor_pages_cost_two_and_three_queries(
    admin_client, sample, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the session, the user
        assert admin_client.get(CREATE).status_code == 200
    with django_assert_num_queries(2 + 1):  # the scenario with its current version
        assert admin_client.get(EDIT).status_code == 200


# --- Rows: add, move, remove, three ways --------------------------------------------


def test_adding_a_turn_with_htmx_swaps_the_transcript_only_keeping_what_was_typed(admin_client):
    post = editor_post(_new_data(), action="add:transcript", title="Typed but not saved")
    html = admin_client.post(CREATE, post, **HTMX).text
    assert html.lstrip().startswith('<section id="transcript_editor"')
    assert html.count("<legend>Turn ") == len(SAMPLE.transcript) + 1
    assert not Scenario.objects.exists()


def test_without_javascript_a_row_button_returns_the_whole_page_with_the_change(admin_client):
    post = editor_post(_new_data(), action="up:transcript[1]", title="Typed but not saved")
    response = admin_client.post(CREATE, post)
    html = response.text
    assert response.status_code == 200 and "<h1" in html
    assert 'value="Typed but not saved"' in html
    first, second = SAMPLE.transcript[0].text, SAMPLE.transcript[1].text
    assert html.index(second.replace("'", "&#x27;")) < html.index(first.replace("'", "&#x27;"))
    assert not Scenario.objects.exists()


def test_a_criterion_button_swaps_the_steps_section(admin_client, sample):
    post = editor_post(SAMPLE.to_dict(), action="remove:steps.notice.criteria[0]")
    html = admin_client.post(EDIT, post, **HTMX).text
    assert html.lstrip().startswith('<section id="steps_editor"')
    assert "links_shift_to_call" not in html and "describes_what_changed" in html
    assert ScenarioVersion.objects.count() == 1


# --- Editing ------------------------------------------------------------------------


def test_saving_an_edit_of_a_published_scenario_makes_a_new_version(
    admin_client, sample, program_admin
):
    post = editor_post(SAMPLE.to_dict(), title="Fine. Just tired, again.", base_version=1)
    response = admin_client.post(EDIT, {**post, "save": "save"})
    sample.refresh_from_db()
    assert response.status_code == 302
    assert sample.current_version.number == 2 and sample.current_version.author == program_admin
    assert sample.status == ScenarioStatus.PUBLISHED


def test_saving_without_a_change_makes_no_version(admin_client, sample):
    admin_client.post(EDIT, editor_post(SAMPLE.to_dict(), base_version=1, save="save"))
    assert ScenarioVersion.objects.count() == 1


def test_a_save_from_an_outdated_page_keeps_the_typing_and_explains(admin_client, sample):
    admin_client.post(EDIT, editor_post(SAMPLE.to_dict(), title="First", base_version=1))
    response = admin_client.post(
        EDIT, editor_post(SAMPLE.to_dict(), title="Second", base_version=1, save="save")
    )
    html = response.text
    assert response.status_code == 200
    assert "saved version 2" in html and 'value="Second"' in html
    assert 'name="base_version" value="2"' in html  # saving again now goes through
    assert Scenario.objects.get().title == "First"


# --- Live preview and exemplar check -------------------------------------------------


def _preview_post(**fields):
    sample = {
        "preview_step": "invite",
        "preview_text": "What was it like when I brought up your mom's call?",
    }
    return editor_post(_new_data(), **{**sample, **fields})


def test_the_preview_fragment_scores_the_sample_under_the_scenario_as_typed(admin_client):
    url = reverse("ruptures:scenario_create_preview")
    post = _preview_post()
    post["steps.invite.criteria[0].indicators"] = "brought up"
    html = admin_client.post(url, post, **HTMX).text
    assert html.lstrip().startswith('<div id="preview_result"')
    assert 'data-testid="preview-result" data-level="' in html
    assert "✓ Met: Opens space for Mateo" in html  # the scenario's own criterion, as typed
    post["steps.invite.criteria[0].indicators"] = "nothing like it"
    assert "✗ Missed: Opens space for Mateo" in admin_client.post(url, post, **HTMX).text
    assert not Scenario.objects.exists()


def test_without_javascript_the_preview_returns_the_editor_with_the_result(admin_client, sample):
    url = reverse("ruptures:scenario_preview", args=[SAMPLE.slug])
    response = admin_client.post(url, _preview_post(title="Kept"))
    assert response.status_code == 200 and "<h1" in response.text
    assert 'data-level="' in response.text and 'value="Kept"' in response.text
    assert "brought up your mom&#x27;s call?</textarea>" in response.text


def test_an_empty_sample_shows_the_invitation_to_type(admin_client):
    url = reverse("ruptures:scenario_create_preview")
    html = admin_client.post(url, _preview_post(preview_text=" "), **HTMX).text
    assert "data-level" not in html and "Type a sample answer" in html


@pytest.mark.parametrize("much", [False, True], ids=["little", "much"])
def test_the_preview_costs_two_queries_and_one_for_the_rubric(
    admin_client, django_assert_num_queries, much
):
    rubric_current()
    for _ in range(10 if much else 0):
        make_scenario()
    url = reverse("ruptures:scenario_create_preview")
    with django_assert_num_queries(2 + 1):  # the session, the user; the rubric's hash
        assert admin_client.post(url, _preview_post(), **HTMX).status_code == 200


def test_check_exemplars_lists_those_scored_against_their_label(admin_client):
    url = reverse("ruptures:scenario_create_check")
    post = editor_post(_new_data())
    post["steps.invite.exemplars"] += "\nok"
    html = admin_client.post(url, post, **HTMX).text
    assert html.lstrip().startswith('<div id="example_check"')
    assert "“ok” — labelled strong, scored" in html
    total = sum(len(s.exemplars) + len(s.counterexamples) for s in SAMPLE.steps) + 1
    assert f"of {total} scored against their label" in html


def test_without_javascript_the_check_returns_the_editor_with_its_findings(admin_client):
    url = reverse("ruptures:scenario_create_check")
    response = admin_client.post(url, editor_post(_new_data(), title="Kept while checking"))
    assert response.status_code == 200 and "<h1" in response.text
    assert "<h3>Exemplar check</h3>" in response.text
    assert 'value="Kept while checking"' in response.text
    assert not Scenario.objects.exists()
