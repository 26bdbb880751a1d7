"""The trainee's side of reviews: asking for one, reading it, the New marker, the journal."""

import re

import pytest
from django.urls import reverse

from ruptures.models import Attempt, Review, ReviewRequest
from ruptures.services.reviews import CommentInput, StepInput, review_save
from tests.factories import (
    make_attempt,
    make_cohort,
    make_finished_attempt,
    make_library_scenario,
    make_user,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
HOME = reverse("ruptures:practice_home")


@pytest.fixture
def attempt(trainee, supervisor):
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    return make_finished_attempt(trainee, make_library_scenario())


def _step_url(attempt, step="notice"):
    return reverse("ruptures:attempt_step", args=[attempt.pk, step])


def _request_url(attempt, step="notice"):
    return reverse("ruptures:review_request", args=[attempt.pk, step])


# --- asking for a review ---------------------------------------------------------------------


def test_the_step_page_offers_to_ask_for_a_human_review(client, trainee, attempt):
    client.force_login(trainee)
    html = client.get(_step_url(attempt)).text
    assert "Ask your supervisor to look at this score" in html
    assert f'action="{_request_url(attempt)}"' in html


def test_asking_with_htmx_swaps_in_the_requests_state(client, trainee, attempt):
    client.force_login(trainee)

    response = client.post(_request_url(attempt), {"reason": "It felt warmer than 2."}, **HTMX)

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="review_request"')
    assert "It is waiting in their queue." in response.text
    request = ReviewRequest.objects.get()
    assert (request.step.name, request.reason, request.is_open) == (
        "notice",
        "It felt warmer than 2.",
        True,
    )


def test_asking_without_javascript_redirects_to_the_step(client, trainee, attempt):
    client.force_login(trainee)
    response = client.post(_request_url(attempt), {"reason": ""})
    assert response.status_code == 302 and response.url == _step_url(attempt)
    assert "It is waiting in their queue." in client.get(_step_url(attempt)).text


def test_asking_twice_keeps_one_request(client, trainee, attempt):
    client.force_login(trainee)
    client.post(_request_url(attempt), {"reason": "First"}, **HTMX)
    client.post(_request_url(attempt), {"reason": "Second"}, **HTMX)
    assert list(ReviewRequest.objects.values_list("reason", flat=True)) == ["First"]


def test_a_reason_over_the_limit_is_refused_and_kept(client, trainee, attempt):
    client.force_login(trainee)
    reason = "Please look. " * 100  # 1,299 characters once stripped; the limit is 1,000
    htmx = client.post(_request_url(attempt), {"reason": reason}, **HTMX)
    plain = client.post(_request_url(attempt), {"reason": reason})
    for response in (htmx, plain):
        assert response.status_code == 200
        assert "the limit is 1000" in response.text and reason.strip() in response.text
    assert not ReviewRequest.objects.exists()


def test_a_step_not_yet_answered_cannot_be_sent_for_review(client, trainee):
    attempt = make_attempt(trainee=trainee, scenario=make_library_scenario(), said_rupture=True)
    attempt.status = "repairing"
    attempt.save()
    client.force_login(trainee)
    response = client.post(_request_url(attempt), {"reason": "?"})
    assert response.status_code == 302
    assert not ReviewRequest.objects.exists()


def test_nobody_asks_about_someone_elses_attempt(client, attempt):
    client.force_login(make_user())
    assert client.post(_request_url(attempt), {"reason": ""}).status_code == 404
    assert not ReviewRequest.objects.exists()


# --- reading the review ----------------------------------------------------------------------


def _review(attempt, supervisor, **steps):
    return review_save(
        attempt=attempt,
        reviewer=supervisor,
        steps={name: StepInput(level, comment, 0) for name, (level, comment) in steps.items()},
        overall=CommentInput("Steady work overall.", 0),
    )


def test_the_step_shows_the_supervisors_level_beside_the_automated_one(
    client, trainee, supervisor, attempt
):
    _review(attempt, supervisor, notice=(3, "You named the silence gently."))
    client.force_login(trainee)

    html = client.get(_step_url(attempt)).text

    assert "Your supervisor's level: <strong>3 of 3, strong</strong>" in html
    assert "The automated score gave try 1 level 2 (adequate); it stays on record." in html
    assert "You named the silence gently." in html
    assert 'data-testid="feedback" data-level="2"' in html  # the engine's feedback, unchanged


def test_the_summary_shows_the_review_and_the_total_counts_it(
    client, trainee, supervisor, attempt
):
    _review(attempt, supervisor, notice=(3, "Warm."), invite=(0, "This blames her."))
    client.force_login(trainee)

    html = client.get(reverse("ruptures:attempt_summary", args=[attempt.pk])).text

    assert 'data-testid="attempt-review"' in html and "Steady work overall." in html
    assert re.search(r"<td>3 · Strong</td>\s*<td>2 · Adequate</td>\s*<td>Warm.</td>", html)
    assert "This blames her." in html
    # notice 60 -> 75, invite 60 -> 24; the rest stay at 60: (75 + 24 + 3 * 60) / 5 = 56.
    assert "Total: <strong>56/100</strong>" in html


def test_a_new_review_is_marked_at_home_until_the_trainee_reads_it(
    client, trainee, supervisor, attempt
):
    client.force_login(trainee)
    assert 'data-testid="unread-marker"' not in client.get(HOME).text
    _review(attempt, supervisor, notice=(3, ""))

    home = client.get(HOME).text
    assert 'data-testid="unread-marker"' in home
    assert reverse("ruptures:attempt_summary", args=[attempt.pk]) in home

    client.get(reverse("ruptures:attempt_summary", args=[attempt.pk]))
    assert 'data-testid="unread-marker"' not in client.get(HOME).text

    review_save(
        attempt=attempt,
        reviewer=supervisor,
        steps={"notice": StepInput(2, "On second thought.", 1)},
    )
    assert 'data-testid="unread-marker"' in client.get(HOME).text


def test_opening_a_reviewed_step_also_marks_the_review_read(client, trainee, supervisor, attempt):
    _review(attempt, supervisor, invite=(1, ""))
    client.force_login(trainee)
    client.get(_step_url(attempt, "notice"))  # not reviewed: still unread
    assert Review.objects.unread().exists()
    client.get(_step_url(attempt, "invite"))
    assert not Review.objects.unread().exists()


def test_another_trainees_review_never_shows(client, supervisor, attempt):
    _review(attempt, supervisor, notice=(3, "For Tess only."))
    client.force_login(make_user())
    assert 'data-testid="unread-marker"' not in client.get(HOME).text


# --- the journal -----------------------------------------------------------------------------


def test_the_journal_lists_the_trainees_entries_newest_first(client, trainee):
    scenario = make_library_scenario()
    make_finished_attempt(trainee, scenario, journal="An older thought.")
    make_finished_attempt(trainee, scenario, journal="")  # no entry
    make_finished_attempt(trainee, scenario, journal="A newer thought.")
    make_finished_attempt(make_user(), scenario, journal="Someone else's.")
    client.force_login(trainee)

    html = client.get(reverse("ruptures:journal")).text

    assert html.index("A newer thought.") < html.index("An older thought.")
    assert "Someone else" not in html
    assert html.count("Share this entry with my supervisor") == 2
    assert "checked" not in html  # private unless chosen


def test_the_journal_says_so_when_empty(client, trainee):
    client.force_login(trainee)
    assert 'data-testid="journal-empty"' in client.get(reverse("ruptures:journal")).text


def test_sharing_an_entry_with_htmx_swaps_it_and_without_redirects(client, trainee):
    entry = make_finished_attempt(trainee, make_library_scenario(), journal="I froze.")
    url = reverse("ruptures:journal_share", args=[entry.pk])
    client.force_login(trainee)

    response = client.post(url, {"shared": "on"}, **HTMX)

    assert response.text.lstrip().startswith(f'<article id="journal_entry_{entry.pk}"')
    assert "Shared: your supervisor can read this entry." in response.text
    assert Attempt.objects.get(pk=entry.pk).journal_shared

    response = client.post(url, {})  # the box unticked
    assert response.status_code == 302
    assert response.url == reverse("ruptures:journal") + f"#journal_entry_{entry.pk}"
    assert not Attempt.objects.get(pk=entry.pk).journal_shared


def test_nobody_shares_someone_elses_entry(client, trainee):
    entry = make_finished_attempt(make_user(), make_library_scenario(), journal="Mine.")
    client.force_login(trainee)
    url = reverse("ruptures:journal_share", args=[entry.pk])
    assert client.post(url, {"shared": "on"}).status_code == 404
    assert not Attempt.objects.get(pk=entry.pk).journal_shared


@pytest.mark.parametrize("entries", [1, 60])
def test_the_journal_costs_one_query(client, trainee, django_assert_num_queries, entries):
    scenario = make_library_scenario()
    for i in range(entries):
        make_finished_attempt(trainee, scenario, journal=f"Thought {i}.", journal_shared=i % 2)
    client.force_login(trainee)
    with django_assert_num_queries(2 + 1):
        client.get(reverse("ruptures:journal"))
