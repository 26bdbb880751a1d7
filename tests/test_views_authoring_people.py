"""People and cohorts: new users choose their password by a one-time link; deactivate, export
and delete on request; cohorts with a supervisor, trainees and scenarios."""

import json
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import authenticate
from django.urls import reverse

from ruptures.models import (
    PROGRAM_ADMIN,
    SUPERVISOR,
    TRAINEE,
    Attempt,
    Cohort,
    Review,
    ReviewRevision,
    StepReview,
    User,
)
from ruptures.services.reviews import StepInput, review_save
from tests.factories import (
    make_attempt,
    make_cohort,
    make_finished_attempt,
    make_library_scenario,
    make_response,
    make_scenario,
    make_user,
)

pytestmark = pytest.mark.django_db

PEOPLE = reverse("ruptures:people_home")
NEW = reverse("ruptures:person_create")
NEW_PERSON = {
    "username": "nadia",
    "first_name": "Nadia",
    "last_name": "Haddad",
    "email": "nadia@example.org",
    "role": TRAINEE,
}


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


@pytest.fixture
def invite(admin_client, django_capture_on_commit_callbacks):
    """Post the new-person form; the email leaves when the transaction commits."""

    def post(data=NEW_PERSON, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return admin_client.post(NEW, data, **kwargs)

    return post


def _link(message) -> str:
    return re.search(r"http://testserver(/accounts/set-password/\S+)", message.body).group(1)


# --- New people and their link --------------------------------------------------------


def test_a_new_user_gets_a_role_no_password_and_an_email_with_a_one_time_link(invite, mailoutbox):
    response = invite()
    nadia = User.objects.get(username="nadia")
    assert response.status_code == 302
    assert response["Location"] == reverse("ruptures:person_detail", args=[nadia.pk])
    assert nadia.role_names == {TRAINEE} and not nadia.is_staff and not nadia.is_superuser
    assert not nadia.has_usable_password()
    (message,) = mailoutbox
    assert message.to == ["nadia@example.org"] and "Your username: nadia" in message.body


def test_the_link_sets_the_password_once_and_then_stops_working(client, invite, mailoutbox):
    invite()
    client.logout()
    link = _link(mailoutbox[0])
    form_url = client.get(link)["Location"]  # Django moves the token into the session
    assert "Choose the password you will sign in with" in client.get(form_url).text
    password = "a-long-and-private-passphrase"
    done = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert done["Location"] == reverse("password_set_done")
    assert authenticate(username="nadia", password=password) is not None
    assert "This link does not work any more" in client.get(link, follow=True).text


def test_no_password_is_shown_or_stored_in_plain_text(invite, mailoutbox):
    page = invite(follow=True).text
    nadia = User.objects.get(username="nadia")
    body = mailoutbox[0].body
    assert "Your username: nadia" in body and "Your password" not in body
    assert nadia.password.startswith("!")  # unusable: nothing to show or to guess
    assert 'type="password"' not in page


def test_a_form_cannot_make_a_user_staff_or_superuser(invite, mailoutbox):
    invite({**NEW_PERSON, "is_superuser": "on", "is_staff": "on"})
    nadia = User.objects.get(username="nadia")
    assert not nadia.is_staff and not nadia.is_superuser


def test_a_taken_username_and_a_missing_email_are_refused(invite, trainee, mailoutbox):
    response = invite({**NEW_PERSON, "username": trainee.username, "email": ""})
    assert response.status_code == 200
    assert "A user with that username already exists." in response.text
    assert "This field is required." in response.text
    assert not mailoutbox and User.objects.count() == 2


def test_a_new_link_can_be_sent_to_someone_else_but_not_to_oneself(
    admin_client, program_admin, mailoutbox
):
    someone = make_user(SUPERVISOR, email="sam@example.org")
    admin_client.post(reverse("ruptures:person_link", args=[someone.pk]))
    admin_client.post(reverse("ruptures:person_link", args=[program_admin.pk]))
    assert [m.to for m in mailoutbox] == [["sam@example.org"]]


# --- Roles: another person's, changed on their page and logged ------------------------


def _role(person: User) -> set[str]:
    return set(User.objects.get(pk=person.pk).groups.values_list("name", flat=True))


def _change_role(client, person, role, **extra):
    return client.post(reverse("ruptures:person_role", args=[person.pk]), {"role": role, **extra})


def test_a_trainee_made_supervisor_leaves_their_cohorts_and_the_change_is_logged(
    admin_client, program_admin, trainee
):
    cohort = make_cohort()
    cohort.trainees.add(trainee, make_user(TRAINEE))
    attempt = make_attempt(trainee=trainee)

    response = _change_role(admin_client, trainee, SUPERVISOR)

    assert response.status_code == 302
    assert _role(trainee) == {SUPERVISOR}
    assert not cohort.trainees.filter(pk=trainee.pk).exists() and cohort.trainees.count() == 1
    assert Attempt.objects.filter(pk=attempt.pk).exists()  # their practice stays on record
    trainee.refresh_from_db()
    assert (trainee.is_staff, trainee.is_superuser) == (False, False)
    page = admin_client.get(response["Location"]).text
    assert f"{trainee.username} is now a supervisor." in page
    history = page[page.index('data-testid="role-changes"') :]
    assert "Role changed from Trainee to Supervisor." in history
    assert f"By {program_admin.username}, " in history
    # The new role is the one their next page reads.
    admin_client.force_login(trainee)
    assert admin_client.get(reverse("ruptures:cohort_home")).status_code == 200
    assert admin_client.get(reverse("ruptures:practice_home")).status_code == 403


def test_a_supervisor_still_supervising_a_cohort_keeps_the_role(admin_client, supervisor):
    cohort = make_cohort(supervisor=supervisor, name="Tuesday group")

    response = _change_role(admin_client, supervisor, TRAINEE)

    assert response.status_code == 200
    assert "supervises Tuesday group: give that cohort another supervisor first." in (
        response.text
    )
    assert _role(supervisor) == {SUPERVISOR}
    assert not LogEntry.objects.exists()
    cohort.supervisor = make_user(SUPERVISOR)
    cohort.save()
    assert _change_role(admin_client, supervisor, TRAINEE).status_code == 302
    assert _role(supervisor) == {TRAINEE}


def test_a_program_admin_may_promote_and_demote_others(admin_client, supervisor):
    _change_role(admin_client, supervisor, PROGRAM_ADMIN)
    assert _role(supervisor) == {PROGRAM_ADMIN}
    _change_role(admin_client, supervisor, TRAINEE)
    assert _role(supervisor) == {TRAINEE}
    assert LogEntry.objects.count() == 2


def test_nobody_changes_their_own_role(admin_client, program_admin):
    response = _change_role(admin_client, program_admin, TRAINEE)
    assert response.status_code == 302
    assert _role(program_admin) == {PROGRAM_ADMIN}
    assert (
        "You cannot change your own account here." in admin_client.get(response["Location"]).text
    )
    page = admin_client.get(reverse("ruptures:person_detail", args=[program_admin.pk])).text
    assert reverse("ruptures:person_role", args=[program_admin.pk]) not in page
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("role", ["Superuser", "staff", ""])
def test_a_role_outside_the_three_is_refused_and_grants_nothing(admin_client, trainee, role):
    response = _change_role(admin_client, trainee, role, is_staff="on", is_superuser="on")
    assert response.status_code == 200
    assert "Choose trainee, supervisor or program admin." in response.text
    trainee.refresh_from_db()
    assert (trainee.is_staff, trainee.is_superuser) == (False, False)
    assert _role(trainee) == {TRAINEE}
    assert not LogEntry.objects.exists()


def test_the_same_role_again_changes_and_logs_nothing(admin_client, trainee):
    response = _change_role(admin_client, trainee, TRAINEE)
    assert response.status_code == 302
    assert "is a trainee already; nothing changed." in admin_client.get(response["Location"]).text
    assert not LogEntry.objects.exists()


def test_a_superusers_role_is_out_of_reach(admin_client):
    root = make_user(TRAINEE, username="root", is_superuser=True, is_staff=True)
    assert _change_role(admin_client, root, PROGRAM_ADMIN).status_code == 404
    assert _role(root) == {TRAINEE}


# --- Accounts: deactivate, and never oneself or a superuser ----------------------------


def test_deactivating_stops_sign_in_and_reactivating_restores_it(admin_client, trainee):
    url = reverse("ruptures:person_active", args=[trainee.pk])
    admin_client.post(url, {"active": "0"})
    trainee.refresh_from_db()
    assert not trainee.is_active
    admin_client.post(url, {"active": "1"})
    trainee.refresh_from_db()
    assert trainee.is_active


def test_an_admin_cannot_deactivate_themselves(admin_client, program_admin):
    response = admin_client.post(
        reverse("ruptures:person_active", args=[program_admin.pk]), {"active": "0"}, follow=True
    )
    program_admin.refresh_from_db()
    assert program_admin.is_active
    assert "You cannot change your own account here." in response.text


def test_superusers_are_neither_listed_nor_reachable(admin_client):
    root = make_user(None, username="root", is_superuser=True, is_staff=True)
    assert "root" not in admin_client.get(PEOPLE).text
    for name in ("person_detail", "person_active", "person_link", "person_delete"):
        url = reverse(f"ruptures:{name}", args=[root.pk])
        response = (
            admin_client.post(url)
            if name in ("person_active", "person_link")
            else admin_client.get(url)
        )
        assert response.status_code == 404, name
    root.refresh_from_db()
    assert root.is_active


def test_people_filter_by_role_and_account_and_the_fragment_is_the_table(admin_client):
    make_user(TRAINEE, username="tess")
    make_user(SUPERVISOR, username="sam", is_active=False)
    page = admin_client.get(PEOPLE, {"role": SUPERVISOR}).text
    fragment = admin_client.get(PEOPLE, {"active": "no"}, HTTP_HX_REQUEST="true").text
    assert ">sam</a>" in page and ">tess</a>" not in page
    assert fragment.lstrip().startswith('<section id="people_table"') and ">sam</a>" in fragment


# --- A trainee's data on request ---------------------------------------------------------


def test_a_trainees_data_downloads_without_their_journal(admin_client, trainee):
    attempt = make_attempt(trainee=trainee, journal="Private thoughts.")
    make_response(attempt, "notice", text="I notice a change.")
    response = admin_client.get(reverse("ruptures:person_export", args=[trainee.pk]))
    data = json.loads(response.content)
    assert response["Content-Disposition"].endswith(f'filename="{trainee.username}-data.json"')
    assert data["attempts"][0]["tries"][0]["text"] == "I notice a change."
    assert b"Private thoughts." not in response.content


def test_deleting_a_trainee_needs_their_username_typed_and_takes_their_data(admin_client, trainee):
    make_response(make_attempt(trainee=trainee), "notice")
    url = reverse("ruptures:person_delete", args=[trainee.pk])
    wrong = admin_client.post(url, {"confirm": "someone"})
    assert wrong.status_code == 200 and "nothing was deleted" in wrong.text
    assert User.objects.filter(pk=trainee.pk).exists()
    assert admin_client.post(url, {"confirm": trainee.username}).status_code == 302
    assert not User.objects.filter(pk=trainee.pk).exists() and not Attempt.objects.exists()


def test_a_trainee_whose_answers_were_reviewed_is_deleted_with_the_reviews(admin_client):
    # Found by tests/security: the review's link to the answer it levelled kept the
    # answer, so the deletion failed with a 500 for any trainee with a review.
    trainee = make_user()
    attempt = make_finished_attempt(trainee, make_library_scenario())
    review_save(
        attempt=attempt, reviewer=make_user(SUPERVISOR), steps={"invite": StepInput(1, "", 0)}
    )
    url = reverse("ruptures:person_delete", args=[trainee.pk])
    assert admin_client.post(url, {"confirm": trainee.username}).status_code == 302
    assert not User.objects.filter(pk=trainee.pk).exists()
    assert not Attempt.objects.exists() and not Review.objects.exists()
    assert not StepReview.objects.exists() and not ReviewRevision.objects.exists()


@pytest.mark.parametrize("role", [SUPERVISOR, PROGRAM_ADMIN])
def test_only_trainees_are_deleted_here(admin_client, role):
    person = make_user(role)
    assert admin_client.get(reverse("ruptures:person_delete", args=[person.pk])).status_code == 404
    assert admin_client.get(reverse("ruptures:person_export", args=[person.pk])).status_code == 404


# --- Cohorts ---------------------------------------------------------------------------


def test_a_cohort_is_created_with_a_supervisor_trainees_and_scenarios(admin_client, trainee):
    supervisor = make_user(SUPERVISOR)
    scenario = make_scenario()
    response = admin_client.post(
        reverse("ruptures:cohort_create"),
        {
            "name": "Spring group",
            "supervisor": supervisor.pk,
            "trainees": [trainee.pk],
            "scenarios": [scenario.pk],
        },
    )
    cohort = Cohort.objects.get()
    assert response.status_code == 302
    assert (cohort.name, cohort.supervisor) == ("Spring group", supervisor)
    assert list(cohort.trainees.all()) == [trainee] and list(cohort.scenarios.all()) == [scenario]


def test_a_cohort_takes_only_supervisors_and_trainees_in_their_places(admin_client, trainee):
    cohort = make_cohort()
    response = admin_client.post(
        reverse("ruptures:cohort_edit", args=[cohort.pk]),
        {"name": "Renamed", "supervisor": trainee.pk, "trainees": [cohort.supervisor.pk]},
    )
    assert response.status_code == 200
    assert response.text.count("Select a valid choice.") == 2
    cohort.refresh_from_db()
    assert cohort.name != "Renamed"


@pytest.mark.parametrize("much", [False, True], ids=["little", "much"])
def test_people_and_cohort_pages_cost_a_fixed_number_of_queries(
    admin_client, django_assert_num_queries, much
):
    trainees = [make_user(TRAINEE) for _ in range(12 if much else 1)]
    cohorts = [make_cohort() for _ in range(5 if much else 1)]
    for cohort in cohorts:
        cohort.trainees.add(*trainees)
        cohort.scenarios.add(make_scenario())
    person = trainees[0]
    with django_assert_num_queries(2 + 1):  # the session, the user; people with their roles
        assert admin_client.get(PEOPLE).status_code == 200
    # ... the person; their cohorts; those they supervise; the changes of their role.
    with django_assert_num_queries(2 + 4):
        assert (
            admin_client.get(reverse("ruptures:person_detail", args=[person.pk])).status_code
            == 200
        )
    with django_assert_num_queries(2 + 1):  # ... the cohorts with their counts
        assert admin_client.get(reverse("ruptures:cohorts_home")).status_code == 200
    # ... the cohort; the supervisors, trainees and scenarios to choose from; its own two lists.
    with django_assert_num_queries(2 + 1 + 3 + 2):
        url = reverse("ruptures:cohort_edit", args=[cohorts[0].pk])
        assert admin_client.get(url).status_code == 200
    # ... the person; their attempts, their answers, their cohorts.
    with django_assert_num_queries(2 + 1 + 3):
        assert (
            admin_client.get(reverse("ruptures:person_export", args=[person.pk])).status_code
            == 200
        )
