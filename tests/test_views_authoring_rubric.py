"""The rubric pages: versions, a step's editor with live preview and check, the pitfalls."""

from pathlib import Path

import pytest
from django.urls import reverse

from ruptures.authoring.rubric_editor import StepRubricEditor
from ruptures.library import load_file
from ruptures.models import RubricVersion
from ruptures.rubric import default_rubric
from ruptures.services import rubrics
from ruptures.services.library import library_load

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
HTMX = {"HTTP_HX_REQUEST": "true"}
STEP = reverse("ruptures:rubric_step", args=["invite"])
OPEN = "What was that like for you, just now, when I said it?"


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


def step_post(step="invite", **fields):
    """What the step's editor posts for the current rubric, as drawn."""
    editor = StepRubricEditor.from_data(step, rubrics.rubric_current_version().data)
    view = editor.view
    inputs = (
        [f for _, _, row, _ in view["criteria"] for f in row] + view["texts"] + view["pitfalls"]
    )
    post = {field.name: field.value for field in inputs}
    post["base_version"] = rubrics.rubric_current_version().number
    post.update(fields)
    return post


def test_the_rubric_home_lists_versions_and_the_one_in_use(admin_client):
    html = admin_client.get(reverse("ruptures:rubric_home")).text
    assert 'Version 1</a> (in use) <span class="hint">the packaged rubric</span>' in html


def test_saving_a_step_makes_a_new_version_that_scores_new_tries(admin_client, program_admin):
    post = step_post(**{"steps.invite.criteria[0].weight": "40", "save": "save"})
    response = admin_client.post(STEP, post)
    assert response.status_code == 302 and response["Location"] == STEP
    saved = RubricVersion.objects.newest_first().first()
    assert (saved.number, saved.author) == (2, program_admin)
    assert rubrics.rubric_current().steps["invite"].criteria[0].weight == 40


def test_saving_without_a_change_makes_no_version(admin_client):
    admin_client.post(STEP, step_post(save="save"))
    assert RubricVersion.objects.count() == 1


def test_an_invalid_weight_is_shown_beside_it_and_nothing_is_saved(admin_client):
    response = admin_client.post(STEP, step_post(**{"steps.invite.criteria[1].weight": "99"}))
    assert response.status_code == 200
    assert 'id="f-steps-invite-criteria-1-weight-errors"><li>must be 1..50</li>' in response.text
    assert 'value="99"' in response.text
    assert RubricVersion.objects.count() == 1


def test_a_save_with_several_problems_shows_each_beside_its_field(admin_client):
    post = step_post(
        **{
            "steps.invite.criteria[0].name": "",
            "steps.invite.criteria[1].weight": "99",
            "steps.invite.praise": "",
            "pitfalls.advice.steps.invite": "catastrophic",
            "save": "save",
        }
    )
    response = admin_client.post(STEP, post)
    assert response.status_code == 200
    for field, message in (
        ("criteria-0-name", "must be a non-empty text"),
        ("criteria-1-weight", "must be 1..50"),
        ("praise", "must be a non-empty text"),
    ):
        assert f'id="f-steps-invite-{field}-errors"><li>{message}</li>' in response.text
    assert (
        'id="f-pitfalls-advice-steps-invite-errors"><li>unknown severity &#x27;catastrophic&#x27;'
        in response.text
    )
    assert 'value="99"' in response.text
    assert RubricVersion.objects.count() == 1


def test_the_pitfalls_page_shows_every_problem_at_once(admin_client):
    page = reverse("ruptures:rubric_pitfalls")
    post = {
        f"pitfalls.{name}.{key}": value
        for name, pitfall in rubrics.rubric_current_version().data["pitfalls"].items()
        for key, value in pitfall.items()
        if key != "steps"
    }
    post.update({"pitfalls.advice.label": "", "pitfalls.blaming.feedback": " "})
    response = admin_client.post(page, {**post, "base_version": 1})
    assert response.status_code == 200
    assert 'id="f-pitfalls-advice-label-errors"><li>must be a non-empty text</li>' in response.text
    assert 'id="f-pitfalls-blaming-feedback-errors"><li>must be a non-empty text</li>' in (
        response.text
    )
    assert RubricVersion.objects.count() == 1


def test_a_save_on_an_outdated_page_is_refused_and_keeps_the_typing(admin_client):
    admin_client.post(STEP, step_post(**{"steps.invite.praise": "First."}))
    stale = step_post(**{"steps.invite.praise": "Second.", "base_version": 1})
    html = admin_client.post(STEP, stale).text
    assert "saved rubric version 2" in html and "Second.</textarea>" in html
    assert rubrics.rubric_current().steps["invite"].praise == "First."


def test_a_criterion_row_edit_swaps_the_criteria_only(admin_client):
    html = admin_client.post(STEP, step_post(action="add:steps.invite.criteria"), **HTMX).text
    assert html.lstrip().startswith('<section id="criteria_editor"')
    count = len(default_rubric().steps["invite"].criteria)
    assert html.count("<legend>Criterion ") == count + 1
    full = admin_client.post(STEP, step_post(action="remove:steps.invite.criteria[0]")).text
    assert "<h1" in full and full.count("<legend>Criterion ") == count - 1
    assert RubricVersion.objects.count() == 1


def test_the_preview_scores_under_the_rubric_as_typed_before_it_is_saved(admin_client):
    url = reverse("ruptures:rubric_step_preview", args=["invite"])
    as_is = admin_client.post(url, step_post(preview_text=OPEN), **HTMX).text
    edited = step_post(preview_text=OPEN)
    edited["steps.invite.criteria[0].detector"] = ["apology"]
    changed = admin_client.post(url, edited, **HTMX).text
    assert as_is.lstrip().startswith('<div id="preview_result"')
    assert "✓ Met: Opens space with an open question" in as_is
    assert "✗ Missed: Opens space with an open question" in changed
    assert RubricVersion.objects.count() == 1


def test_without_javascript_the_preview_returns_the_page_and_a_broken_rubric_says_so(
    admin_client,
):
    url = reverse("ruptures:rubric_step_preview", args=["invite"])
    broken = step_post(preview_text=OPEN, **{"steps.invite.criteria[0].weight": "0"})
    html = admin_client.post(url, broken).text
    assert "<h1" in html and "The rubric as typed has a problem" in html
    assert "must be 1..50" in html


def test_the_check_runs_the_published_librarys_examples_for_the_step(admin_client):
    library_load(specs=[load_file(ROOT / "scenarios" / "withdrawal" / "fine-just-tired.yaml")])
    url = reverse("ruptures:rubric_step_check", args=["invite"])
    html = admin_client.post(url, step_post(), **HTMX).text
    assert html.lstrip().startswith('<div id="example_check"')
    assert "All 3 scored as labelled" in html


def test_the_pitfalls_page_saves_a_new_label(admin_client):
    url = reverse("ruptures:rubric_pitfalls")
    page = admin_client.get(url).text
    assert 'name="pitfalls.blaming.label" id="f-pitfalls-blaming-label" value="Blaming"' in page
    post = {
        f"pitfalls.{name}.{key}": getattr(pitfall, key) if key != "severity" else ""
        for name, pitfall in default_rubric().pitfalls.items()
        for key in ("label", "explanation", "feedback", "severity")
    }
    data = rubrics.rubric_current_version().data
    post.update({f"pitfalls.{p}.severity": v["severity"] for p, v in data["pitfalls"].items()})
    post.update({"pitfalls.blaming.label": "Blaming the client", "base_version": 1})
    assert admin_client.post(url, post).status_code == 302
    assert rubrics.rubric_current().pitfalls["blaming"].label == "Blaming the client"


SCORING = reverse("ruptures:rubric_scoring")


def _bands(*bands, base=1):
    return {**{f"scoring.bands[{i}]": b for i, b in enumerate(bands)}, "base_version": base}


def test_the_score_bands_save_as_a_new_version_that_scores_new_tries(admin_client, program_admin):
    page = admin_client.get(SCORING).text
    for i, value in enumerate(default_rubric().bands):
        assert f'name="scoring.bands[{i}]"' in page and f'value="{value}"' in page
    response = admin_client.post(SCORING, _bands("10", "20", "30"))
    assert response.status_code == 302 and response["Location"] == SCORING
    saved = RubricVersion.objects.newest_first().first()
    assert (saved.number, saved.author) == (2, program_admin)
    assert rubrics.rubric_current().bands == (10, 20, 30)


@pytest.mark.parametrize("bands", [("50", "25", "75"), ("25", "fifty", "75"), ("0", "50", "75")])
def test_bands_out_of_order_or_unreadable_are_refused_and_nothing_is_saved(admin_client, bands):
    response = admin_client.post(SCORING, _bands(*bands))
    assert response.status_code == 200
    assert "must be three increasing scores in 1..100" in response.text
    for value in bands:
        assert f'value="{value}"' in response.text  # the typing stays
    assert RubricVersion.objects.count() == 1


def test_bands_saved_on_an_outdated_page_are_refused(admin_client):
    admin_client.post(SCORING, _bands("10", "20", "30"))
    response = admin_client.post(SCORING, _bands("20", "40", "60", base=1))
    assert response.status_code == 200
    assert "saved rubric version 2" in response.text
    assert RubricVersion.objects.count() == 2


def test_a_version_page_shows_the_changes_and_restoring_makes_it_newest(admin_client):
    admin_client.post(STEP, step_post(**{"steps.invite.praise": "Well opened."}))
    html = admin_client.get(reverse("ruptures:rubric_version", args=[2])).text
    assert "Steps › Invite › Praise" in html and "1 change since version 1" in html
    response = admin_client.post(reverse("ruptures:rubric_restore", args=[1]))
    assert response.status_code == 302
    current = rubrics.rubric_current_version()
    assert (current.number, current.restored_from) == (3, 1)
    assert current.version == default_rubric().version


def test_an_unknown_step_or_version_is_a_404(admin_client):
    assert admin_client.get(reverse("ruptures:rubric_step", args=["apologise"])).status_code == 404
    assert admin_client.get(reverse("ruptures:rubric_version", args=[7])).status_code == 404


@pytest.mark.parametrize("much", [False, True], ids=["little", "much"])
def test_rubric_pages_cost_a_fixed_number_of_queries(
    admin_client, django_assert_num_queries, much
):
    for n in range(8 if much else 0):
        admin_client.post(STEP, step_post(**{"steps.invite.praise": f"Praise {n}."}))
    newest = rubrics.rubric_current_version().number
    # The session, the user; the current version; the versions' list.
    with django_assert_num_queries(2 + 1 + 1):
        assert admin_client.get(reverse("ruptures:rubric_home")).status_code == 200
    with django_assert_num_queries(2 + 1):  # ... the current version
        assert admin_client.get(STEP).status_code == 200
    # ... the version, the one before, whether a newer one exists.
    with django_assert_num_queries(2 + 3):
        url = reverse("ruptures:rubric_version", args=[newest])
        assert admin_client.get(url).status_code == 200


def test_without_javascript_the_check_returns_the_page_with_its_findings(admin_client):
    url = reverse("ruptures:rubric_step_check", args=["invite"])
    html = admin_client.post(url, step_post(**{"steps.invite.praise": "Kept."})).text
    assert "<h1" in html and "<h3>Exemplar check</h3>" in html
    assert "There are no exemplars or counterexamples to check yet." in html  # no library
    assert "Kept.</textarea>" in html


@pytest.mark.parametrize("much", [False, True], ids=["little", "much"])
def test_the_rubric_preview_costs_three_queries(admin_client, django_assert_num_queries, much):
    for n in range(5 if much else 0):
        admin_client.post(STEP, step_post(**{"steps.invite.praise": f"Praise {n}."}))
    url = reverse("ruptures:rubric_step_preview", args=["invite"])
    post = step_post(preview_text=OPEN)
    with django_assert_num_queries(2 + 1):  # the session, the user; the current version
        assert admin_client.post(url, post, **HTMX).status_code == 200
