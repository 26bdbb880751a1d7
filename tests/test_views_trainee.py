"""The trainee flow through Django's test client: full pages, htmx fragments, PRG."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape

from ruptures.forms import MAX_DRAFT
from ruptures.library import load_file
from ruptures.models import (
    Attempt,
    AttemptStatus,
    Scenario,
    StepDraft,
    StepResponse,
    StepResult,
)
from ruptures.rubric import STEPS
from ruptures.services import rubrics
from ruptures.services.attempts import attempt_recognise, attempt_start
from ruptures.services.library import library_load
from ruptures.services.reviews import StepInput, review_request_create, review_save
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


def _card(title, html):
    """Whether the practice list shows a card titled `title`."""
    return re.search(f'<h[34] class="card-title">{re.escape(title)}</h[34]>', html)


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
    assert response.text.lstrip().startswith('<div id="scenario_list"')
    listed = {title for title in ("An easy one", "A hard one") if _card(title, response.text)}
    assert listed == shown


@pytest.mark.parametrize(
    "q, shown",
    [
        ("harbour", {"The harbour office"}),  # in the title
        ("RETIRED", {"A quiet Tuesday"}),  # in the client's summary, any case
        ("couples", {"The harbour office"}),  # the setting
        ("withdrawal", set()),  # never the rupture type
        ("", {"The harbour office", "A quiet Tuesday"}),
    ],
)
def test_practice_search_looks_at_what_the_cards_show(client, trainee, q, shown):
    make_scenario(title="The harbour office", setting="couples", rupture_type="withdrawal")
    make_scenario(title="A quiet Tuesday", client_summary="A retired teacher, 70.")
    client.force_login(trainee)
    for headers in (HTMX, {}):
        html = client.get(reverse("ruptures:practice_home"), {"q": q}, **headers).text
        listed = {t for t in ("The harbour office", "A quiet Tuesday") if _card(t, html)}
        assert listed == shown
    if not shown:
        assert "No vignettes match this search." in html
    assert f'value="{q}"' in html if q else 'name="q"' in html


def test_a_search_with_a_null_character_filters_nothing_and_never_fails(client, trainee):
    make_scenario(title="The harbour office")
    client.force_login(trainee)
    for headers in (HTMX, {}):
        response = client.get(reverse("ruptures:practice_home"), {"q": "har\x00bour"}, **headers)
        assert response.status_code == 200
        assert _card("The harbour office", response.text)


def test_practice_list_is_in_sections_in_progress_new_then_done(client, trainee):
    done = make_scenario(title="Finished before")
    make_attempt(trainee=trainee, scenario=done, status="done", total_score=80)
    going = make_scenario(title="Half way")
    make_attempt(trainee=trainee, scenario=going, said_rupture=True, said_type="withdrawal")
    make_scenario(title="Never opened")
    client.force_login(trainee)
    html = client.get(reverse("ruptures:practice_home")).text
    sections = re.findall(r'data-section="([a-z-]+)">\s*<h2 id="[^"]+">([^<]+) <', html)
    assert sections == [("in-progress", "In progress"), ("new", "New"), ("done", "Done")]
    in_progress, new, finished = html.split('data-section="')[1:]
    assert "Half way" in in_progress and "Never opened" in new and "Finished before" in finished
    assert "Best so far: level 3" in finished


def test_new_vignettes_come_in_groups_by_difficulty_easiest_first(client, trainee):
    for title, difficulty in [("Hard", "advanced"), ("Easy", "beginner"), ("Mid", "intermediate")]:
        make_scenario(title=title, difficulty=difficulty)
    client.force_login(trainee)
    html = client.get(reverse("ruptures:practice_home")).text
    groups = re.findall(r'<h3 class="practice-group">(\w+)</h3>', html)
    assert groups == ["Beginner", "Intermediate", "Advanced"]
    assert html.index(">Easy<") < html.index(">Mid<") < html.index(">Hard<")


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


def test_starting_twice_before_answering_keeps_one_attempt(client, trainee, rupture):
    client.force_login(trainee)
    url = reverse("ruptures:attempt_start", args=[rupture[0].slug])
    first, second = client.post(url), client.post(url)  # a double click
    attempt = Attempt.objects.get(trainee=trainee)
    assert first["Location"] == second["Location"] == attempt.get_absolute_url()


def test_starting_again_after_answering_begins_a_new_attempt(client, trainee, repairing):
    client.force_login(trainee)
    client.post(reverse("ruptures:attempt_start", args=[repairing.version.scenario.slug]))
    assert Attempt.objects.filter(trainee=trainee).count() == 2


def test_the_database_refuses_a_second_unanswered_attempt_on_a_version(trainee, rupture):
    from django.db import IntegrityError, transaction

    make_attempt(trainee=trainee, scenario=rupture[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        make_attempt(trainee=trainee, scenario=rupture[0])
    make_attempt(trainee=make_user(), scenario=rupture[0])  # another trainee's is theirs
    make_attempt(trainee=trainee, scenario=rupture[0], status="repairing")


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


def test_recognition_lists_every_marker_with_its_definition_and_no_kind_headings(
    client, trainee, rupture
):
    from ruptures.library import default_catalogue

    attempt = attempt_start(trainee=trainee, scenario=rupture[0])
    client.force_login(trainee)
    html = client.get(attempt.get_absolute_url()).text.replace("&#x27;", "'")
    assert "Withdrawal markers" not in html and "Confrontation markers" not in html
    markers = default_catalogue().markers
    positions = {m.code: html.index(f'value="{m.code}"') for m in markers}
    # One list by label: the kinds are mixed, so the order gives nothing away.
    assert sorted(positions, key=positions.get) == [
        m.code for m in sorted(markers, key=lambda m: m.label.lower())
    ]
    for n, marker in enumerate(sorted(markers, key=lambda m: m.label.lower())):
        box = re.search(f'<input[^>]*value="{marker.code}"[^>]*>', html).group()
        assert f'aria-describedby="id_markers_{n}-definition"' in box
        definition = escape(marker.description).replace("&#x27;", "'")
        assert f'id="id_markers_{n}-definition">{definition}</span>' in html


def test_a_wrongly_ticked_marker_says_why_it_does_not_fit(client, trainee, rupture):
    scenario, spec = rupture
    attempt = attempt_start(trainee=trainee, scenario=scenario)
    client.force_login(trainee)
    data = {"rupture": "yes", "rupture_type": spec.rupture_type, "markers": ["ultimatum"]}
    html = client.post(_recognition_url(attempt), data, **HTMX).text
    assert "! Not in this vignette: Ultimatum" in html
    assert "It belongs to a confrontation rupture" in html


def test_a_foil_answered_as_a_rupture_says_why_each_ticked_marker_does_not_fit(
    client, trainee, foil
):
    attempt = attempt_start(trainee=trainee, scenario=foil[0])
    client.force_login(trainee)
    data = {"rupture": "yes", "rupture_type": "withdrawal", "markers": ["denial"]}
    html = client.post(_recognition_url(attempt), data, follow=True).text
    assert "! Not in this vignette: Denial" in html
    assert "Nothing ruptured in this vignette" in html


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
    # The page after the redirect opens at the feedback.
    assert response["Location"] == _step_url(repairing) + "#feedback"
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


def test_a_resent_stale_form_does_not_store_its_try_twice(client, trainee, repairing):
    client.force_login(trainee)
    client.post(_step_url(repairing), {"text": GOOD_NOTICE, "try_number": 1})
    stale = {"text": "Something else entirely.", "try_number": 1}
    client.post(_step_url(repairing), stale)  # a second tab: kept as try 2
    response = client.post(_step_url(repairing), stale, **HTMX)  # that tab resends it
    assert response.status_code == 200 and 'data-testid="feedback"' in response.text
    assert list(StepResponse.objects.values_list("try_number", "text")) == [
        (1, GOOD_NOTICE),
        (2, "Something else entirely."),
    ]


def test_the_same_text_as_a_new_try_is_a_new_try(client, trainee, repairing):
    client.force_login(trainee)
    for try_number in (1, 2):
        client.post(_step_url(repairing), {"text": GOOD_NOTICE, "try_number": try_number})
    assert list(StepResponse.objects.values_list("try_number", flat=True)) == [1, 2]


@pytest.mark.parametrize("try_number", ["999", "3", "0", "-1", "abc", "", None])
def test_a_try_number_the_page_never_offered_is_refused_and_the_words_stay(
    client, trainee, repairing, try_number
):
    client.force_login(trainee)
    client.post(_step_url(repairing), {"text": GOOD_NOTICE, "try_number": 1})
    data = {"text": "My words, typed with care."}
    if try_number is not None:
        data["try_number"] = try_number
    for headers in (HTMX, {}):
        response = client.post(_step_url(repairing), data, **headers)
        assert response.status_code == 200
        assert "This page was out of date, so your answer was not sent." in response.text
        assert "My words, typed with care.</textarea>" in response.text
        # The form now offers the right try, so submitting again works.
        assert '<input type="hidden" name="try_number" value="2">' in response.text
    assert list(StepResponse.objects.values_list("try_number", flat=True)) == [1]
    assert not StepDraft.objects.exists()


@pytest.mark.parametrize("text", ["I notice\x00 you went quiet.", "\x00"])
def test_an_answer_with_a_null_character_is_refused_clearly_and_nothing_is_stored(
    client, trainee, repairing, text
):
    client.force_login(trainee)
    for headers in (HTMX, {}):
        response = client.post(_step_url(repairing), {"text": text, "try_number": 1}, **headers)
        assert response.status_code == 200
        assert "holds a character that cannot be saved" in response.text
        # The box keeps the words, the null shown as a visible mark to delete.
        assert text.replace("\x00", "\ufffd") + "</textarea>" in response.text
        assert "\x00" not in response.text
    assert not StepResponse.objects.exists()
    assert not StepDraft.objects.exists()


def test_a_draft_with_a_null_character_is_refused_clearly_and_nothing_is_stored(
    client, trainee, repairing
):
    client.force_login(trainee)
    data = {"text": "I notice\x00 you", "try_number": 1}
    response = client.post(_draft_url(repairing), data, **HTMX)
    assert response.status_code == 200
    assert "Not saved: the text holds a character that cannot be saved" in response.text
    # Without JavaScript the page comes back with the words, not a redirect that drops them.
    response = client.post(_draft_url(repairing), data)
    assert response.status_code == 200
    assert "I notice\ufffd you</textarea>" in response.text
    assert "Not saved: the text holds a character" in response.text
    assert not StepDraft.objects.exists()


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


@pytest.mark.parametrize("validate_level", [0, 2])
def test_an_adequate_total_over_a_harmful_step_says_so(client, trainee, repairing, validate_level):
    for step in STEPS:
        level = validate_level if step == "validate" else 3
        make_response(repairing, step, level=level, score={0: 10, 2: 60, 3: 90}[level])
    Attempt.objects.filter(pk=repairing.pk).update(status=AttemptStatus.DONE, total_score=74)
    client.force_login(trainee)
    html = client.get(reverse("ruptures:attempt_summary", args=[repairing.pk])).text
    if validate_level == 0:
        assert "(level 2 of 3, adequate on average)" in html
        assert "But your best try at Validate is harmful." in html
    else:
        assert "(level 2 of 3, adequate)" in html
        assert 'data-testid="harmful-steps"' not in html


def test_a_reflection_saves_without_a_difficulty_rating(client, trainee, repairing):
    client.force_login(trainee)
    _finish(client, repairing)
    url = reverse("ruptures:attempt_summary", args=[repairing.pk])
    response = client.post(url, {"journal": "I wanted to fix it fast."}, **HTMX)
    assert "Reflection saved" in response.text
    repairing.refresh_from_db()
    assert (repairing.difficulty_rating, repairing.journal) == ("", "I wanted to fix it fast.")
    client.post(url, {"difficulty_rating": "too_hard", "journal": "Rated."})
    client.post(url, {"journal": "Changed my mind about the words only."})
    repairing.refresh_from_db()
    assert repairing.difficulty_rating == "too_hard"


def test_a_reflection_with_a_null_character_is_refused_clearly(client, trainee, repairing):
    client.force_login(trainee)
    _finish(client, repairing)
    url = reverse("ruptures:attempt_summary", args=[repairing.pk])
    response = client.post(url, {"journal": "I froze\x00."}, **HTMX)
    assert "holds a character that cannot be saved" in response.text
    assert "I froze\ufffd.</textarea>" in response.text
    repairing.refresh_from_db()
    assert repairing.journal == ""


def test_recommended_card_starts_the_recommended_scenario(client, trainee, rupture, foil):
    client.force_login(trainee)
    page = client.get(reverse("ruptures:practice_home")).text
    assert 'data-testid="recommended-next"' in page
    slug = page.split('data-testid="recommended-next"')[1].split("/practice/")[1].split("/")[0]
    assert slug in {rupture[0].slug, foil[0].slug}
    response = client.post(reverse("ruptures:attempt_start", args=[slug]))
    assert response.status_code == 302
    assert Attempt.objects.get(trainee=trainee).version.scenario.slug == slug


def test_a_new_trainees_first_recommendation_is_a_beginner_rupture(client, trainee):
    from ruptures.library import load_paths

    library_load(specs=load_paths([LIBRARY]).scenarios)
    client.force_login(trainee)
    page = client.get(reverse("ruptures:practice_home")).text
    slug = page.split('data-testid="recommended-next"')[1].split("/practice/")[1].split("/")[0]
    scenario = Scenario.objects.get(slug=slug)
    assert (scenario.difficulty, scenario.rupture_type != "none") == ("beginner", True)


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
def test_step_page_costs_five_queries(client, trainee, rupture, django_assert_num_queries, much):
    attempt = _repairing_with_history(trainee, rupture, much=much)
    client.force_login(trainee)
    # The attempt with the step (and whether anyone reviewed it or was asked
    # to), every try, the draft of the coming try. Nobody was: no review is read.
    with django_assert_num_queries(2 + 3):
        assert client.get(_step_url(attempt)).status_code == 200


def _warm(client, attempt, step="invite"):
    """Warm the engine's caches of the version's rubric and of the current rubric's data.

    Each costs a query when cold. The try goes to another step than the one measured.
    """
    tries = attempt.responses.filter(step__name=step).count()
    client.post(_step_url(attempt, step), {"text": GOOD_NOTICE, "try_number": tries + 1}, **HTMX)


@LITTLE_AND_MUCH
def test_step_submit_costs_eight_queries(
    client, trainee, rupture, django_assert_num_queries, much
):
    attempt = _repairing_with_history(trainee, rupture, much=much)
    client.force_login(trainee)
    _warm(client, attempt)
    tries = attempt.responses.filter(step__name="notice").count()
    result = StepResult.objects.get(attempt=attempt, step__name="notice")
    total = Attempt.objects.get(pk=attempt.pk).total_score
    # The attempt with the step (and its review flags, and the current rubric
    # version's hash); in one transaction (a savepoint here): the lock, every
    # try so far (the panel's too) with the step's recorded result, the
    # answer; this weaker try changes neither what the step counts with nor
    # the totals, so neither is written.
    with django_assert_num_queries(2 + 1 + 1 + 3 + 1):
        response = client.post(
            _step_url(attempt), {"text": "What was it like?", "try_number": tries + 1}, **HTMX
        )
    assert 'data-testid="feedback"' in response.text
    assert StepResponse.objects.filter(attempt=attempt, step__name="notice").count() == tries + 1
    assert StepResult.objects.get(pk=result.pk).response_id == result.response_id
    assert Attempt.objects.get(pk=attempt.pk).total_score == total


@LITTLE_AND_MUCH
def test_a_new_best_try_costs_ten_queries(
    client, trainee, rupture, django_assert_num_queries, much
):
    attempt = _repairing_with_history(trainee, rupture, much=much)
    # Every try so far scored nothing: the next one is the step's best.
    attempt.responses.update(level=0, score=0)
    StepResult.objects.filter(attempt=attempt).update(level=0, score=0)
    client.force_login(trainee)
    _warm(client, attempt)
    tries = attempt.responses.filter(step__name="notice").count()
    # As a weaker try (whose read of the step's tries has the step's best so
    # far too), and: the new best in its place, the totals.
    with django_assert_num_queries(2 + 1 + 1 + 5 + 1):
        client.post(_step_url(attempt), {"text": GOOD_NOTICE, "try_number": tries + 1}, **HTMX)
    best = StepResponse.objects.get(attempt=attempt, step__name="notice", try_number=tries + 1)
    assert best.score > 0
    assert StepResult.objects.get(attempt=attempt, step__name="notice").response == best
    assert Attempt.objects.get(pk=attempt.pk).total_score > 0


def test_a_try_is_scored_with_the_rubric_version_saved_just_before(
    client, trainee, rupture, program_admin
):
    attempt = _repairing_with_history(trainee, rupture, much=False)
    client.force_login(trainee)
    _warm(client, attempt)  # the rubric of the time parsed and kept
    data = rubrics.rubric_current_version().data
    data["pitfalls"]["defensive"]["label"] = "Guarding yourself"
    saved = rubrics.rubric_save(data=data, author=program_admin, base=1)
    client.post(_step_url(attempt), {"text": GOOD_NOTICE, "try_number": 2}, **HTMX)
    newest = StepResponse.objects.get(attempt=attempt, step__name="notice", try_number=2)
    assert newest.rubric_version.partition("+")[0] == saved.version


def test_a_reviewed_step_with_a_request_costs_two_queries_more(
    client, trainee, supervisor, rupture, django_assert_num_queries
):
    attempt = _repairing_with_history(trainee, rupture, much=False)
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    notice = attempt.version.steps.get(name="notice")
    review_request_create(attempt=attempt, step=notice, reason="")
    review_save(attempt=attempt, reviewer=supervisor, steps={"notice": StepInput(3, "Good.", 0)})
    client.force_login(trainee)
    client.get(_step_url(attempt))  # reads the review: marks it seen
    _warm(client, attempt)
    # ... the step's review and the latest request for one.
    with django_assert_num_queries(2 + 3 + 2):
        page = client.get(_step_url(attempt))
    assert 'data-testid="supervisor-review"' in page.text
    assert 'data-testid="review-request-state"' in page.text
    tries = attempt.responses.filter(step__name="notice").count()
    with django_assert_num_queries(2 + 1 + 1 + 3 + 1 + 2):
        response = client.post(
            _step_url(attempt), {"text": "What was it like?", "try_number": tries + 1}, **HTMX
        )
    assert 'data-testid="supervisor-review"' in response.text
    assert 'data-testid="review-request-state"' in response.text


@LITTLE_AND_MUCH
def test_draft_autosave_costs_four_queries(
    client, trainee, rupture, django_assert_num_queries, much
):
    attempt = _repairing_with_history(trainee, rupture, much=much)
    client.force_login(trainee)
    for text in ("I notice", "I notice you"):  # the first inserts, the second updates
        with django_assert_num_queries(2 + 1 + 1):  # the attempt with the step; one upsert
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
