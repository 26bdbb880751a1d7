"""The trainee flow through Django's test client: full pages, htmx fragments, PRG."""

from pathlib import Path

import pytest
from django.urls import reverse

from ruptures.forms import MAX_DRAFT
from ruptures.library import load_file
from ruptures.models import Attempt, AttemptStatus, Scenario, StepDraft, StepResponse
from ruptures.rubric import STEPS
from ruptures.services.attempts import attempt_recognise, attempt_start
from ruptures.services.library import library_load
from tests.factories import (
    make_attempt,
    make_cohort,
    make_response,
    make_scenario,
    make_user,
    practise,
)

pytestmark = pytest.mark.django_db

LIBRARY = Path(__file__).resolve().parent.parent / "scenarios"
HTMX = {"HTTP_HX_REQUEST": "true"}
GOOD_NOTICE = "I notice you've gone quiet since I mentioned it, and I may be wrong about that."


def _load(folder: str, index: int = 0):
    spec = load_file(sorted((LIBRARY / folder).glob("*.yaml"))[index])
    library_load(specs=[spec])
    from ruptures.models import Scenario

    return Scenario.objects.get(slug=spec.slug), spec


@pytest.fixture
def rupture(db):
    return _load("withdrawal")


@pytest.fixture
def foil(db):
    return _load("none")


@pytest.fixture
def repairing(trainee, rupture):
    """An attempt whose recognition is answered, ready for the steps."""
    scenario, spec = rupture
    attempt = attempt_start(trainee=trainee, scenario=scenario)
    attempt_recognise(
        attempt=attempt, said_rupture=True, said_type=spec.rupture_type, said_markers=[]
    )
    attempt.refresh_from_db()
    return attempt


def _step_url(attempt, step="notice"):
    return reverse("ruptures:attempt_step", args=[attempt.pk, step])


# --- practice home ------------------------------------------------------------


def test_practice_home_lists_published_scenarios_without_their_rupture_type(
    client, trainee, rupture, foil
):
    client.force_login(trainee)
    response = client.get(reverse("ruptures:practice_home"))
    assert response.status_code == 200
    assert rupture[1].title in response.text and foil[1].title in response.text
    assert rupture[1].client.presenting_concern[:30] in response.text.replace("&#x27;", "'")
    for word in ("withdrawal", "confrontation", "No rupture"):
        assert word not in response.text.replace(rupture[1].title, "").replace(foil[1].title, "")


@pytest.mark.parametrize(
    "filters, shown",
    [
        ({"difficulty": "advanced"}, {"A hard one"}),
        ({"setting": "individual"}, {"An easy one"}),
        ({"difficulty": "advanced", "setting": "individual"}, set()),
        ({"difficulty": "impossible"}, {"An easy one", "A hard one"}),  # unknown: no filter
        ({}, {"An easy one", "A hard one"}),
    ],
)
def test_practice_home_filters_as_htmx_return_only_the_matching_list(
    client, trainee, filters, shown
):
    make_scenario(title="An easy one", difficulty="beginner", setting="individual")
    make_scenario(title="A hard one", difficulty="advanced", setting="couples")
    client.force_login(trainee)
    response = client.get(reverse("ruptures:practice_home"), filters, **HTMX)
    assert "<html" not in response.text
    assert response.text.lstrip().startswith('<section id="scenario_list"')
    listed = {
        title for title in ("An easy one", "A hard one") if f"<h2>{title}</h2>" in response.text
    }
    assert listed == shown


def test_practice_home_keeps_the_chosen_filters_selected(client, trainee):
    make_scenario(difficulty="advanced", setting="couples")
    client.force_login(trainee)
    html = client.get(reverse("ruptures:practice_home"), {"difficulty": "advanced"}).text
    assert '<option value="advanced" selected>Advanced</option>' in html
    assert '<option value="couples">Couples</option>' in html


def test_practice_home_shows_only_cohort_assignments_when_there_are_some(
    client, trainee, rupture, foil
):
    cohort = make_cohort()
    cohort.trainees.add(trainee)
    cohort.scenarios.add(rupture[0])
    client.force_login(trainee)
    text = client.get(reverse("ruptures:practice_home")).text
    assert rupture[1].title in text
    assert foil[1].title not in text


def test_practice_home_shows_status_of_the_trainees_own_attempts(client, trainee, rupture):
    attempt_start(trainee=make_user(), scenario=rupture[0])  # someone else's
    client.force_login(trainee)
    assert "In progress" not in client.get(reverse("ruptures:practice_home")).text
    attempt_start(trainee=trainee, scenario=rupture[0])
    assert "In progress" in client.get(reverse("ruptures:practice_home")).text


# --- starting and scoping -------------------------------------------------------


def test_starting_pins_the_attempt_to_the_current_version(client, trainee, rupture):
    client.force_login(trainee)
    response = client.post(reverse("ruptures:attempt_start", args=[rupture[0].slug]))
    attempt = Attempt.objects.get(trainee=trainee)
    assert response.status_code == 302
    assert response["Location"] == attempt.get_absolute_url()
    assert attempt.version == rupture[0].current_version


def test_start_needs_a_post(client, trainee, rupture):
    client.force_login(trainee)
    assert client.get(reverse("ruptures:attempt_start", args=[rupture[0].slug])).status_code == 405


def test_trainee_cannot_open_another_trainees_attempt(client, trainee, repairing):
    other = make_user()
    client.force_login(other)
    for url in (
        repairing.get_absolute_url(),
        _step_url(repairing),
        reverse("ruptures:attempt_summary", args=[repairing.pk]),
    ):
        assert client.get(url).status_code == 404
    response = client.post(_step_url(repairing), {"text": "hello there", "try_number": 1})
    assert response.status_code == 404
    assert not StepResponse.objects.exists()


def test_supervisor_cannot_use_the_practice_flow(client, supervisor, repairing):
    client.force_login(supervisor)
    assert client.get(repairing.get_absolute_url()).status_code == 403


# --- recognition ------------------------------------------------------------------


def _recognition_url(attempt):
    return reverse("ruptures:attempt_recognise", args=[attempt.pk])


def test_recognition_full_page_shows_the_form_and_the_vignette(client, trainee, rupture):
    attempt = attempt_start(trainee=trainee, scenario=rupture[0])
    client.force_login(trainee)
    response = client.get(attempt.get_absolute_url())
    assert 'data-testid="recognition-form"' in response.text
    assert rupture[1].transcript[0].text[:40] in response.text.replace("&#x27;", "'")
    assert "turn-marked" not in response.text  # markers stay hidden until answered
    # Each radio group is one fieldset whose legend is the question.
    assert "<legend>Has the alliance ruptured here?</legend>" in response.text
    assert '<legend>Which kind? <span class="hint">(if you see a rupture)</span></legend>' in (
        response.text
    )


def test_recognition_without_htmx_redirects_and_reveals_the_markers(client, trainee, rupture):
    scenario, spec = rupture
    attempt = attempt_start(trainee=trainee, scenario=scenario)
    client.force_login(trainee)
    data = {"rupture": "yes", "rupture_type": spec.rupture_type, "markers": list(spec.markers)}
    response = client.post(_recognition_url(attempt), data)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.REPAIRING
    assert attempt.recognition_score == 100
    page = client.get(attempt.get_absolute_url()).text
    assert "turn-marked" in page
    assert 'data-correct="true"' in page


def test_recognition_with_htmx_swaps_the_result_and_the_transcript(client, trainee, rupture):
    scenario, spec = rupture
    attempt = attempt_start(trainee=trainee, scenario=scenario)
    client.force_login(trainee)
    other = "confrontation" if spec.rupture_type == "withdrawal" else "withdrawal"
    data = {"rupture": "yes", "rupture_type": other, "markers": ["ultimatum"]}
    response = client.post(_recognition_url(attempt), data, **HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'data-correct="false"' in response.text
    assert 'id="transcript" class="transcript" hx-swap-oob="true"' in response.text
    attempt.refresh_from_db()
    assert attempt.recognition_score < 50


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Say whether you see a rupture"),
        ({"rupture": "yes"}, "Choose the kind of rupture"),
        ({"rupture": "no", "markers": ["denial"]}, "You said nothing ruptured"),
        ({"rupture": "yes", "rupture_type": "withdrawal", "markers": ["made_up"]}, "valid choice"),
    ],
)
def test_bad_recognition_answers_are_explained_and_change_nothing(
    client, trainee, rupture, data, message
):
    attempt = attempt_start(trainee=trainee, scenario=rupture[0])
    client.force_login(trainee)
    response = client.post(_recognition_url(attempt), data, **HTMX)
    assert response.status_code == 200
    assert message in response.text
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.RECOGNISING
    assert attempt.said_rupture is None


def test_a_foil_ends_after_recognition_with_the_reason(client, trainee, foil):
    scenario, spec = foil
    attempt = attempt_start(trainee=trainee, scenario=scenario)
    client.force_login(trainee)
    response = client.post(_recognition_url(attempt), {"rupture": "no"}, follow=True)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.DONE
    assert attempt.recognition_score == 100
    assert spec.why_no_rupture[:60] in response.text.replace("&#x27;", "'")
    assert client.get(_step_url(attempt)).status_code == 404


def test_a_second_recognition_answer_does_not_overwrite_the_first(client, trainee, repairing):
    client.force_login(trainee)
    before = repairing.recognition_score
    client.post(_recognition_url(repairing), {"rupture": "no"})
    repairing.refresh_from_db()
    assert repairing.said_rupture is True
    assert repairing.recognition_score == before


# --- steps ---------------------------------------------------------------------------


def test_a_step_before_recognition_leads_to_recognition_with_a_reason(client, trainee, rupture):
    attempt = attempt_start(trainee=trainee, scenario=rupture[0])
    client.force_login(trainee)
    response = client.get(_step_url(attempt), follow=True)
    assert response.redirect_chain == [(attempt.get_absolute_url(), 302)]
    assert "First say what you see" in response.text
    assert 'data-testid="recognition-form"' in response.text


def test_a_step_before_recognition_stores_nothing(client, trainee, rupture):
    attempt = attempt_start(trainee=trainee, scenario=rupture[0])
    client.force_login(trainee)
    response = client.post(_step_url(attempt), {"text": GOOD_NOTICE, "try_number": 1}, **HTMX)
    assert response["HX-Redirect"] == attempt.get_absolute_url()
    client.post(_draft_url(attempt), {"text": GOOD_NOTICE, "try_number": 1})
    assert not StepResponse.objects.exists() and not StepDraft.objects.exists()


def test_step_page_shows_the_form_and_hides_exemplars_before_a_try(client, trainee, repairing):
    client.force_login(trainee)
    response = client.get(_step_url(repairing))
    assert response.status_code == 200
    assert 'data-step="notice"' in response.text and 'name="text"' in response.text
    assert f'maxlength="{MAX_DRAFT}"' in response.text  # the form's limit, not a copy of it
    exemplar = repairing.version.steps.get(name="notice").exemplars[0]
    assert exemplar[:40] not in response.text.replace("&#x27;", "'")
    assert 'data-testid="feedback"' not in response.text


def test_step_submit_without_htmx_redirects_and_shows_feedback(client, trainee, repairing):
    client.force_login(trainee)
    response = client.post(_step_url(repairing), {"text": GOOD_NOTICE, "try_number": 1})
    assert response.status_code == 302
    assert response["Location"] == _step_url(repairing)
    stored = StepResponse.objects.get()
    assert stored.text == GOOD_NOTICE and stored.engine_version and stored.rubric_version
    page = client.get(_step_url(repairing)).text
    assert f'data-level="{stored.level}"' in page
    exemplar = repairing.version.steps.get(name="notice").exemplars[0]
    assert exemplar[:40] in page.replace("&#x27;", "'")


def test_step_submit_with_htmx_returns_the_feedback_fragment(client, trainee, repairing):
    client.force_login(trainee)
    response = client.post(
        _step_url(repairing),
        {"text": "I was only trying to help you, that is my job.", "try_number": 1},
        **HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'data-testid="feedback"' in response.text
    assert "<mark" in response.text  # the defensive words are highlighted
    full = client.get(_step_url(repairing))
    assert len(response.content) < len(full.content) * 0.7


def test_empty_answer_is_refused_and_nothing_is_stored(client, trainee, repairing):
    client.force_login(trainee)
    response = client.post(_step_url(repairing), {"text": "   ", "try_number": 1}, **HTMX)
    assert response.status_code == 200
    assert "Write your answer before submitting" in response.text
    assert not StepResponse.objects.exists()


def test_overlong_answer_is_refused_with_the_count_and_kept_as_draft(client, trainee, repairing):
    client.force_login(trainee)
    text = "word " * 1200
    response = client.post(_step_url(repairing), {"text": text, "try_number": 1}, **HTMX)
    assert "5,999 characters long; the limit is 5,000" in response.text
    assert not StepResponse.objects.exists()
    assert StepDraft.objects.get().text.strip() == text.strip()
    assert text.strip()[:100] in response.text


def test_double_submit_of_the_same_try_stores_one_response(client, trainee, repairing):
    client.force_login(trainee)
    for _ in range(2):
        client.post(_step_url(repairing), {"text": GOOD_NOTICE, "try_number": 1}, **HTMX)
    assert StepResponse.objects.count() == 1


def test_a_stale_try_number_with_new_text_is_kept_as_the_next_try(client, trainee, repairing):
    client.force_login(trainee)
    client.post(_step_url(repairing), {"text": GOOD_NOTICE, "try_number": 1})
    client.post(_step_url(repairing), {"text": "Something else entirely.", "try_number": 1})
    assert list(StepResponse.objects.values_list("try_number", "text")) == [
        (1, GOOD_NOTICE),
        (2, "Something else entirely."),
    ]


def test_retry_keeps_every_try_and_shows_the_best(client, trainee, repairing):
    client.force_login(trainee)
    client.post(_step_url(repairing), {"text": GOOD_NOTICE, "try_number": 1})
    client.post(_step_url(repairing), {"text": "Let's move on.", "try_number": 2})
    page = client.get(_step_url(repairing)).text
    assert StepResponse.objects.count() == 2
    assert "Your best so far is try 1" in page
    assert "All your tries at this step" in page


def test_stale_form_after_republishing_scores_against_the_started_version(
    client, trainee, repairing
):
    from ruptures.models import ScenarioVersion

    scenario = repairing.version.scenario
    old = repairing.version
    new = ScenarioVersion.objects.create(
        scenario=scenario,
        number=2,
        content_hash="republished",
        spec=old.spec,
        title=old.title,
        rupture_type=old.rupture_type,
        markers=old.markers,
        difficulty=old.difficulty,
        setting=old.setting,
    )
    scenario.current_version = new
    scenario.save()
    client.force_login(trainee)
    client.post(_step_url(repairing), {"text": GOOD_NOTICE, "try_number": 1})
    assert StepResponse.objects.get().step.version == old


def test_unknown_step_name_is_404(client, trainee, repairing):
    client.force_login(trainee)
    assert client.get(_step_url(repairing, "apologise")).status_code == 404


# --- drafts --------------------------------------------------------------------------


def _draft_url(attempt, step="notice"):
    return reverse("ruptures:attempt_step_draft", args=[attempt.pk, step])


def test_draft_autosave_returns_a_status_fragment_and_restores_on_reload(
    client, trainee, repairing
):
    client.force_login(trainee)
    response = client.post(
        _draft_url(repairing), {"text": "I notice you", "try_number": 1}, **HTMX
    )
    assert response.status_code == 200
    assert "Draft saved" in response.text and "<html" not in response.text
    assert "I notice you</textarea>" in client.get(_step_url(repairing)).text


def test_draft_without_htmx_redirects_back_to_the_step(client, trainee, repairing):
    client.force_login(trainee)
    response = client.post(_draft_url(repairing), {"text": "half a thought", "try_number": 1})
    assert response.status_code == 302
    assert response["Location"] == _step_url(repairing)
    assert StepDraft.objects.get().text == "half a thought"


def test_a_submitted_tries_draft_is_not_offered_again(client, trainee, repairing):
    client.force_login(trainee)
    client.post(_draft_url(repairing), {"text": "first thoughts", "try_number": 1})
    client.post(_step_url(repairing), {"text": GOOD_NOTICE, "try_number": 1})
    page = client.get(_step_url(repairing)).text.replace("&#x27;", "'")
    assert "first thoughts</textarea>" not in page
    assert f"{GOOD_NOTICE}</textarea>" in page  # the retry starts from the last answer
    client.post(_draft_url(repairing), {"text": "second thoughts", "try_number": 2})
    assert "second thoughts</textarea>" in client.get(_step_url(repairing)).text


def test_a_draft_from_a_stale_page_is_refused_with_a_reason(client, trainee, repairing):
    client.force_login(trainee)
    response = client.post(_draft_url(repairing), {"text": "typed text"}, **HTMX)
    assert "out of date" in response.text
    assert not StepDraft.objects.exists()


def test_draft_of_another_trainees_attempt_is_404(client, repairing):
    client.force_login(make_user())
    assert client.post(_draft_url(repairing), {"text": "x", "try_number": 1}).status_code == 404
    assert not StepDraft.objects.exists()


# --- summary ---------------------------------------------------------------------------


def _finish(client, attempt):
    for step in ("notice", "invite", "validate", "explore", "negotiate"):
        client.post(_step_url(attempt, step), {"text": GOOD_NOTICE, "try_number": 1})


def test_summary_waits_until_every_step_is_answered(client, trainee, repairing):
    client.force_login(trainee)
    url = reverse("ruptures:attempt_summary", args=[repairing.pk])
    assert client.get(url).status_code == 302
    _finish(client, repairing)
    repairing.refresh_from_db()
    assert repairing.status == AttemptStatus.DONE and repairing.total_score is not None
    response = client.get(url)
    assert 'data-testid="attempt-summary"' in response.text
    assert "What fears came up" in response.text


def test_reflection_saves_three_ways(client, trainee, repairing):
    client.force_login(trainee)
    _finish(client, repairing)
    url = reverse("ruptures:attempt_summary", args=[repairing.pk])
    response = client.post(url, {"difficulty_rating": "too_hard", "journal": "I froze."})
    assert response.status_code == 302
    response = client.post(url, {"difficulty_rating": "too_easy", "journal": "Better."}, **HTMX)
    assert "Reflection saved" in response.text and "<html" not in response.text
    repairing.refresh_from_db()
    assert (repairing.difficulty_rating, repairing.journal) == ("too_easy", "Better.")
    response = client.post(url, {"difficulty_rating": "impossible"}, **HTMX)
    assert "valid choice" in response.text
    repairing.refresh_from_db()
    assert repairing.difficulty_rating == "too_easy"


def test_recommended_card_starts_the_recommended_scenario(client, trainee, rupture, foil):
    client.force_login(trainee)
    page = client.get(reverse("ruptures:practice_home")).text
    assert 'data-testid="recommended-next"' in page
    slug = page.split('data-testid="recommended-next"')[1].split("/practice/")[1].split("/")[0]
    assert slug in {rupture[0].slug, foil[0].slug}
    response = client.post(reverse("ruptures:attempt_start", args=[slug]))
    assert response.status_code == 302
    assert Attempt.objects.get(trainee=trainee).version.scenario.slug == slug


# --- what each page costs ----------------------------------------------------------------
# Queries are counted exactly, and must be the same with little data and much:
# the session and the user (with their roles) come first, then the page's reads.
# In tests every transaction is a savepoint, so a write adds SAVEPOINT/RELEASE.

LITTLE_AND_MUCH = pytest.mark.parametrize("much", [False, True], ids=["little", "much"])


@LITTLE_AND_MUCH
def test_practice_home_costs_eleven_queries_and_its_filtered_list_five(
    client, trainee, django_assert_num_queries, much
):
    practise(trainee, 10 if much else 1)
    for _ in range(12 if much else 1):
        make_attempt(trainee=trainee, scenario=make_scenario(difficulty="advanced"))
    if much:
        cohort = make_cohort()
        cohort.trainees.add(trainee)
        cohort.scenarios.add(*Scenario.objects.all()[:6])
    client.force_login(trainee)
    url = reverse("ruptures:practice_home")
    # Settings in use, the list, the trainee's progress on it; the recommendation:
    # four queries of statistics and one of candidates; unread reviews.
    with django_assert_num_queries(2 + 3 + 5 + 1):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(2 + 3):
        assert client.get(url, {"difficulty": "advanced"}, **HTMX).status_code == 200


def _repairing_with_history(trainee, rupture, *, much):
    """A recognised attempt with one try at notice; with `much`, many more tries and attempts."""
    scenario, spec = rupture
    attempts = []
    for _ in range(6 if much else 1):
        attempt = attempt_start(trainee=trainee, scenario=scenario)
        attempt_recognise(
            attempt=attempt, said_rupture=True, said_type=spec.rupture_type, said_markers=[]
        )
        attempts.append(attempt)
    for attempt in attempts:
        steps = STEPS if much else ("notice",)
        for step in steps:
            for _ in range(4 if much else 1):
                make_response(attempt, step, pitfalls=["advice"])
    return attempts[-1]


@LITTLE_AND_MUCH
def test_attempt_page_costs_four_queries(
    client, trainee, rupture, django_assert_num_queries, much
):
    attempt = _repairing_with_history(trainee, rupture, much=much)
    client.force_login(trainee)
    with django_assert_num_queries(2 + 2):  # the attempt with its version; every try
        assert client.get(attempt.get_absolute_url()).status_code == 200


@LITTLE_AND_MUCH
def test_step_page_costs_eight_queries(client, trainee, rupture, django_assert_num_queries, much):
    attempt = _repairing_with_history(trainee, rupture, much=much)
    client.force_login(trainee)
    # The attempt, the step, every try, the draft of the coming try; the
    # step's human review and the trainee's latest request for one.
    with django_assert_num_queries(2 + 4 + 2):
        assert client.get(_step_url(attempt)).status_code == 200


@LITTLE_AND_MUCH
def test_step_submit_costs_fifteen_queries(
    client, trainee, rupture, django_assert_num_queries, much
):
    attempt = _repairing_with_history(trainee, rupture, much=much)
    client.force_login(trainee)
    tries = attempt.responses.filter(step__name="notice").count()
    # Warm the engine's cache of this version's rubric, which costs one query cold.
    client.post(_step_url(attempt), {"text": GOOD_NOTICE, "try_number": tries + 1}, **HTMX)
    # The attempt, the step; in one transaction (two savepoints here): the
    # lock, the answer, the step's best so far (this weaker try does not
    # replace it), the totals; then every try for the swapped panel, the
    # step's human review and the latest request for one.
    with django_assert_num_queries(2 + 2 + 2 + 1 + 4 + 1 + 1 + 2):
        response = client.post(
            _step_url(attempt), {"text": "What was it like?", "try_number": tries + 2}, **HTMX
        )
    assert 'data-testid="feedback"' in response.text


@LITTLE_AND_MUCH
def test_draft_autosave_costs_five_queries(
    client, trainee, rupture, django_assert_num_queries, much
):
    attempt = _repairing_with_history(trainee, rupture, much=much)
    client.force_login(trainee)
    for text in ("I notice", "I notice you"):  # the first inserts, the second updates
        with django_assert_num_queries(2 + 2 + 1):  # the attempt, the step; one upsert
            client.post(_draft_url(attempt), {"text": text, "try_number": 9}, **HTMX)
    assert StepDraft.objects.get().text == "I notice you"


@LITTLE_AND_MUCH
def test_recognition_answer_costs_eight_queries(
    client, trainee, rupture, django_assert_num_queries, much
):
    scenario, spec = rupture
    if much:
        _repairing_with_history(trainee, rupture, much=True)
    attempt = attempt_start(trainee=trainee, scenario=scenario)
    client.force_login(trainee)
    data = {"rupture": "yes", "rupture_type": spec.rupture_type, "markers": list(spec.markers)}
    # The attempt; in one transaction: the locked re-read, the answer; every try.
    with django_assert_num_queries(2 + 1 + 4 + 1):
        assert client.post(_recognition_url(attempt), data, **HTMX).status_code == 200


@LITTLE_AND_MUCH
def test_summary_costs_six_queries(client, trainee, rupture, django_assert_num_queries, much):
    attempt = _repairing_with_history(trainee, rupture, much=much)
    Attempt.objects.filter(trainee=trainee).update(status=AttemptStatus.DONE, total_score=60)
    client.force_login(trainee)
    # The attempt, every try, the earlier attempts at the vignette; the review.
    with django_assert_num_queries(2 + 3 + 1):
        response = client.get(reverse("ruptures:attempt_summary", args=[attempt.pk]))
    assert response.text.count("total 60/100") == (5 if much else 0)
