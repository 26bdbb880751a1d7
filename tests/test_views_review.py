"""The review page: a step at a time with htmx, the whole form without; bad input saves nothing."""

import re

import pytest
from django.urls import reverse

from ruptures.models import (
    SUPERVISOR,
    Review,
    ReviewRequest,
    ReviewRevision,
    StepResult,
    StepReview,
)
from ruptures.rubric import STEPS
from ruptures.services.reviews import StepInput, review_save
from tests.factories import (
    make_attempt,
    make_cohort,
    make_finished_attempt,
    make_library_scenario,
    make_response,
    make_user,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def attempt(trainee, supervisor):
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    return make_finished_attempt(trainee, make_library_scenario())


def _url(attempt):
    return reverse("ruptures:review_attempt", args=[attempt.pk])


def _step_url(attempt, step="notice"):
    return reverse("ruptures:review_step", args=[attempt.pk, step])


def _form(attempt, **overrides):
    """What the unchanged review page posts: every step's fields, empty, at version 0."""
    data = {"comment_overall": "", "version_overall": "0"}
    for step in STEPS:
        data |= {f"comment_{step}": "", f"version_{step}": "0"}
    return data | overrides


def _nothing_saved():
    return not Review.objects.exists() and not StepReview.objects.exists()


def test_the_review_page_shows_the_vignette_the_answers_and_a_level_field_per_step(
    client, supervisor, attempt
):
    make_response(attempt, "notice", level=1, score=40, text="Why are you so quiet today?")
    client.force_login(supervisor)

    html = client.get(_url(attempt)).text

    assert 'data-testid="review-form"' in html
    assert attempt.version.spec["client"]["name"] in html
    assert attempt.version.spec["transcript"][0]["text"][:40].replace("'", "&#x27;") in html
    assert "This is a <strong>withdrawal</strong> rupture." in html  # the recognition result
    assert "Latest try" in html and "Best try in the trainee's own words" in html
    assert "Why are you so quiet today?" in html
    for step in STEPS:
        values = re.findall(rf'name="level_{step}" value="(\d)"', html)
        assert values == ["0", "1", "2", "3"]


def test_saving_a_step_with_htmx_swaps_its_section_and_the_history(client, supervisor, attempt):
    client.force_login(supervisor)
    data = _form(attempt, level_notice="3", comment_notice="Warm, and it names the silence.")

    response = client.post(_step_url(attempt), data, **HTMX)

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="review_step_notice"')
    assert "Saved: the Notice step" in response.text
    assert 'hx-swap-oob="true"' in response.text and "Revision 1" in response.text
    assert "<html" not in response.text
    step_review = StepReview.objects.get()
    assert (step_review.level, step_review.comment) == (3, "Warm, and it names the silence.")
    assert StepResult.objects.get(attempt=attempt, step__name="notice").level == 3


def test_saving_a_step_without_javascript_redirects_back_to_it(client, supervisor, attempt):
    client.force_login(supervisor)
    data = _form(attempt, level_notice="1", comment_invite="Not saved: another step.")

    response = client.post(_step_url(attempt), data)

    assert response.status_code == 302
    assert response.url == _url(attempt) + "#review_step_notice"
    assert list(StepReview.objects.values_list("step__name", "level", "comment")) == [
        ("notice", 1, "")
    ]


def test_saving_the_whole_form_writes_every_step_and_the_comment_as_one_revision(
    client, supervisor, attempt
):
    client.force_login(supervisor)
    levels = {f"level_{step}": str(i % 4) for i, step in enumerate(STEPS)}
    data = _form(attempt, **levels, comment_overall="A careful attempt.")

    response = client.post(_url(attempt), data)

    assert response.status_code == 302 and response.url == _url(attempt)
    review = Review.objects.get()
    assert (review.comment, review.version) == ("A careful attempt.", 1)
    assert dict(review.steps.values_list("step__name", "level")) == {
        step: i % 4 for i, step in enumerate(STEPS)
    }
    assert ReviewRevision.objects.count() == 1
    page = client.get(_url(attempt)).text
    assert "Review saved." in page
    assert 'name="level_explore" value="3" required' not in page  # a level is never forced
    assert re.search(r'name="level_explore" value="3"[^>]*checked', page)


def test_saving_answers_the_trainees_request_and_it_leaves_the_queue(client, supervisor, attempt):
    step = attempt.version.steps.get(name="validate")
    ReviewRequest.objects.create(attempt=attempt, step=step, reason="Why weak?")
    client.force_login(supervisor)
    queue = reverse("ruptures:review_queue")
    assert f'data-attempt="{attempt.pk}"' in client.get(queue).text

    client.post(_step_url(attempt, "validate"), _form(attempt, level_validate="2"), **HTMX)

    assert not ReviewRequest.objects.get().is_open
    assert f'data-attempt="{attempt.pk}"' not in client.get(queue).text


@pytest.mark.parametrize("level", ["7", "-1", "two", "3.5"])
def test_a_level_outside_0_to_3_is_refused_with_a_message(client, supervisor, attempt, level):
    client.force_login(supervisor)

    step_response = client.post(
        _step_url(attempt), _form(attempt, level_notice=level, comment_notice="Kept."), **HTMX
    )
    whole_response = client.post(_url(attempt), _form(attempt, level_notice=level))

    for response in (step_response, whole_response):
        assert response.status_code == 200
        assert "Choose a level from 0 (harmful) to 3 (strong)." in response.text
    assert ">Kept.</textarea>" in step_response.text
    assert _nothing_saved()


def test_a_comment_over_the_limit_is_refused_and_kept_in_the_box(client, supervisor, attempt):
    client.force_login(supervisor)
    too_long = "Fine work. " * 200  # 2,199 characters once stripped; the limit is 2,000

    response = client.post(_step_url(attempt), _form(attempt, comment_notice=too_long), **HTMX)

    assert response.status_code == 200
    assert "This comment is 2199 characters long; the limit is 2000." in response.text
    assert too_long.strip() in response.text
    overall = client.post(_url(attempt), _form(attempt, comment_overall="x" * 4001))
    assert "the limit is 4000" in overall.text
    assert _nothing_saved()


@pytest.mark.parametrize("version", [None, "", "x", "-1"])
def test_a_form_without_a_readable_version_asks_for_a_reload(client, supervisor, attempt, version):
    data = _form(attempt, level_notice="2")
    if version is None:
        del data["version_notice"]
    else:
        data["version_notice"] = version
    client.force_login(supervisor)
    for response in (
        client.post(_step_url(attempt), data, **HTMX),
        client.post(_url(attempt), data),
    ):
        assert response.status_code == 200
        assert "This form is out of date or incomplete: reload the page" in response.text
    assert _nothing_saved()


def test_a_stale_form_says_who_saved_meanwhile_and_changes_nothing(client, supervisor, attempt):
    colleague = make_user(SUPERVISOR, first_name="Noor", last_name="Haddad")
    review_save(
        attempt=attempt,
        reviewer=colleague,
        steps={"notice": StepInput(level=1, comment="Too quick.", version=0)},
    )
    client.force_login(supervisor)
    mine = _form(attempt, level_notice="3", comment_notice="I see warmth here.")

    response = client.post(_step_url(attempt), mine, **HTMX)  # drawn before Noor saved

    assert response.status_code == 200
    assert "Noor Haddad saved this step on" in response.text
    assert "Theirs is level 1 (weak) and the comment “Too quick.”" in response.text
    assert ">I see warmth here.</textarea>" in response.text
    step_review = StepReview.objects.get()
    assert (step_review.level, step_review.updated_by) == (1, colleague)
    # The form now carries the stored version: saving again replaces Noor's on purpose.
    assert 'name="version_notice" value="1"' in response.text
    client.post(_step_url(attempt), mine | {"version_notice": "1"}, **HTMX)
    step_review.refresh_from_db()
    assert (step_review.level, step_review.updated_by) == (3, supervisor)


def test_a_stale_whole_form_keeps_every_word_and_saves_no_part(client, supervisor, attempt):
    colleague = make_user(SUPERVISOR)
    review_save(
        attempt=attempt,
        reviewer=colleague,
        steps={"explore": StepInput(level=2, comment="", version=0)},
    )
    client.force_login(supervisor)
    data = _form(attempt, level_notice="3", level_explore="0", comment_overall="My summary.")

    response = client.post(_url(attempt), data)

    assert response.status_code == 200
    assert "so yours was not saved" in response.text
    assert ">My summary.</textarea>" in response.text
    assert list(StepReview.objects.values_list("step__name", "level")) == [("explore", 2)]
    assert Review.objects.get().comment == ""


def test_a_step_with_only_pasted_model_answers_takes_a_comment_but_no_level(
    client, supervisor, trainee
):
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    attempt = make_attempt(trainee=trainee, scenario=make_library_scenario(), said_rupture=True)
    make_response(attempt, "notice", level=0, score=0, copy_of="A model answer.")
    client.force_login(supervisor)

    html = client.get(_url(attempt)).text

    assert 'name="level_notice"' not in html and 'name="comment_notice"' in html
    assert "nothing to level" in html
    client.post(_step_url(attempt), _form(attempt, comment_notice="Your own words, please."))
    assert StepReview.objects.get().comment == "Your own words, please."


def test_a_program_admin_reads_a_review_but_cannot_write_it(client, program_admin, attempt):
    client.force_login(program_admin)

    html = client.get(_url(attempt)).text

    assert 'data-testid="review-page"' in html and 'name="level_notice"' not in html
    assert client.post(_url(attempt), _form(attempt, level_notice="2")).status_code == 403
    assert client.post(_step_url(attempt), _form(attempt, level_notice="2")).status_code == 403
    assert _nothing_saved()


def test_an_empty_first_save_keeps_nothing_and_says_so(client, supervisor, attempt):
    client.force_login(supervisor)
    step = client.post(_step_url(attempt), _form(attempt), **HTMX)
    whole = client.post(_url(attempt), _form(attempt))
    for response in (step, whole):
        assert response.status_code == 200
        assert "Nothing to save yet: choose a level or write a comment." in response.text
    assert _nothing_saved()
    assert f'data-attempt="{attempt.pk}"' in client.get(reverse("ruptures:review_queue")).text


def test_a_foils_review_page_has_no_steps_but_takes_an_overall_comment(
    client, supervisor, trainee
):
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    foil = make_library_scenario("none")
    attempt = make_attempt(trainee=trainee, scenario=foil, status="done", said_rupture=True)
    client.force_login(supervisor)

    html = client.get(_url(attempt)).text

    assert "there are no repair steps" in html and "review_step_notice" not in html
    response = client.post(_url(attempt), {"comment_overall": "Look again.", "version_overall": 0})
    assert response.status_code == 302
    assert Review.objects.get().comment == "Look again."


def test_an_unknown_step_is_a_404(client, supervisor, attempt):
    client.force_login(supervisor)
    response = client.post(_step_url(attempt, "apologise"), _form(attempt))
    assert response.status_code == 404


def test_the_trainees_journal_shows_on_the_review_only_when_shared_with_the_supervisor(
    client, supervisor, program_admin, attempt
):
    attempt.journal = "I froze when he went quiet."
    attempt.save()
    client.force_login(supervisor)
    assert "I froze" not in client.get(_url(attempt)).text
    attempt.journal_shared = True
    attempt.save()
    assert "I froze" in client.get(_url(attempt)).text
    client.force_login(program_admin)  # shared with the supervisor, not with everyone
    assert "I froze" not in client.get(_url(attempt)).text


# --- what it costs ---------------------------------------------------------------------------


def _reviewed_attempt(trainee, supervisor, scenario, *, much):
    attempt = make_finished_attempt(trainee, scenario)
    for _ in range(40 if much else 0):
        make_response(attempt, "notice", level=1)
    revisions = 20 if much else 1
    for version in range(revisions):
        review_save(
            attempt=attempt,
            reviewer=supervisor,
            steps={step: StepInput(version % 4, comment="", version=version) for step in STEPS},
        )
    for step in attempt.version.steps.all()[: 5 if much else 1]:
        ReviewRequest.objects.create(attempt=attempt, step=step)
    return attempt


@pytest.mark.parametrize("much", [False, True], ids=["little", "much"])
def test_the_review_page_costs_nine_queries(
    client, supervisor, trainee, django_assert_num_queries, much
):
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    scenario = make_library_scenario()
    attempt = _reviewed_attempt(trainee, supervisor, scenario, much=much)
    for _ in range(100 if much else 1):  # more attempts: the queue count in the navigation
        make_finished_attempt(trainee, scenario)
    client.force_login(supervisor)
    # The attempt with its version and trainee; the review, its steps, every try,
    # the requests, the revisions; the queue count in the navigation.
    with django_assert_num_queries(2 + 1 + 5 + 1):
        assert client.get(_url(attempt)).status_code == 200


@pytest.mark.parametrize("much", [False, True], ids=["little", "much"])
def test_an_htmx_step_save_costs_the_same_whatever_the_review_holds(
    client, supervisor, trainee, django_assert_num_queries, much
):
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    attempt = _reviewed_attempt(trainee, supervisor, make_library_scenario(), much=much)
    version = StepReview.objects.get(review__attempt=attempt, step__name="notice").version
    client.force_login(supervisor)
    data = _form(attempt, level_notice="1", version_notice=str(version))  # stored: 0 or 3
    # The attempt, the step; the page read (5); the save: savepoint, lock, review,
    # its steps, the review row, the step, its result, the step review, the result,
    # the totals, the revision, the requests, release; the page read again (5).
    with django_assert_num_queries(2 + 2 + 5 + 13 + 5):
        assert client.post(_step_url(attempt), data, **HTMX).status_code == 200
