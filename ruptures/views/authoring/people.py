"""People and cohorts: create users with a role, deactivate them, export or delete a trainee's
data on request; create cohorts with a supervisor, trainees and assigned scenarios.

A program admin never changes their own account here (they cannot deactivate,
delete, re-invite themselves or change their own role), never sees a
superuser, and no form has a field for staff or superuser status. Another
person's role changes on their page, logged with who changed it and when.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ruptures.access import cohort_for_admin, person_for_admin, role_required
from ruptures.authoring.exports import trainee_data
from ruptures.authoring.forms import (
    CohortForm,
    DeleteTraineeForm,
    PeopleFilterForm,
    PersonForm,
    RoleForm,
)
from ruptures.http import HtmxHttpRequest
from ruptures.models import PROGRAM_ADMIN, TRAINEE, Cohort, User, role_changes
from ruptures.services import people


@require_GET
@role_required(PROGRAM_ADMIN)
def people_home(request: HtmxHttpRequest) -> HttpResponse:
    filters = PeopleFilterForm(request.GET)
    context = {"filters": filters, "people": User.objects.for_people_page(**filters.filters())}
    if request.htmx:
        return render(request, "ruptures/authoring_people.html#people_table", context)
    return render(request, "ruptures/authoring_people.html", context)


@require_http_methods(["GET", "POST"])
@role_required(PROGRAM_ADMIN)
def person_create(request: HtmxHttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = people.user_invite(
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            role=data["role"],
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(
            request,
            f"{person.username} can sign in once they have chosen a password: the link "
            f"went to {person.email}.",
        )
        return redirect("ruptures:person_detail", pk=person.pk)
    return render(request, "ruptures/authoring_person_new.html", {"form": form})


def _deletable(person: User, admin: User) -> bool:
    """Only a trainee and nothing else, and never oneself, may be deleted here."""
    return person.pk != admin.pk and person.role_names == {TRAINEE} and not person.is_staff


def _person_page(
    request: HtmxHttpRequest, person: User, role_form: RoleForm | None = None
) -> HttpResponse:
    roles = sorted(person.role_names)
    context = {
        "person": person,
        "is_self": person.pk == request.user.pk,
        "deletable": _deletable(person, request.user),
        "cohorts": person.cohorts.all(),
        "supervised": person.supervised_cohorts.all(),
        "role_form": role_form or RoleForm(initial={"role": roles[0] if len(roles) == 1 else ""}),
        "role_changes": role_changes(person),
    }
    return render(request, "ruptures/authoring_person.html", context)


@require_GET
@role_required(PROGRAM_ADMIN)
def person_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, person_for_admin(request.user, pk))


@require_POST
@role_required(PROGRAM_ADMIN)
def person_role(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Give another person one role in place of theirs (see people.user_change_role)."""
    person = person_for_admin(request.user, pk)
    if not _not_yourself(request, person):
        return redirect("ruptures:person_detail", pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _person_page(request, person, form)
    role = form.cleaned_data["role"]
    try:
        changed = people.user_change_role(user=person, role=role, by=request.user)
    except people.RoleChangeRefused as refused:
        form.add_error("role", str(refused))
        return _person_page(request, person, form)
    if changed:
        messages.success(request, f"{person.username} is now a {role.lower()}.")
    else:
        messages.info(request, f"{person.username} is a {role.lower()} already; nothing changed.")
    return redirect("ruptures:person_detail", pk=pk)


def _not_yourself(request: HtmxHttpRequest, person: User) -> bool:
    if person.pk == request.user.pk:
        messages.error(request, "You cannot change your own account here.")
        return False
    return True


@require_POST
@role_required(PROGRAM_ADMIN)
def person_active(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = person_for_admin(request.user, pk)
    if _not_yourself(request, person):
        active = request.POST.get("active") == "1"
        people.user_set_active(user=person, active=active)
        state = "can sign in again" if active else "can no longer sign in; their data stays"
        messages.success(request, f"{person.username} {state}.")
    return redirect("ruptures:person_detail", pk=pk)


@require_POST
@role_required(PROGRAM_ADMIN)
def person_link(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Send a new set-password link (a forgotten password, or a lost first link)."""
    person = person_for_admin(request.user, pk)
    if _not_yourself(request, person):
        if not person.email:
            messages.error(request, f"{person.username} has no email address to send a link to.")
        else:
            people.user_send_password_link(user=person, base_url=request.build_absolute_uri("/"))
            messages.success(request, f"A new link to choose a password went to {person.email}.")
    return redirect("ruptures:person_detail", pk=pk)


@require_GET
@role_required(PROGRAM_ADMIN)
def person_export(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A trainee's data, as JSON, for the trainee who asked for it."""
    person = person_for_admin(request.user, pk)
    if not person.is_trainee:
        raise Http404
    body = json.dumps(trainee_data(person), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{person.username}-data.json"'
    return response


@require_http_methods(["GET", "POST"])
@role_required(PROGRAM_ADMIN)
def person_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = person_for_admin(request.user, pk)
    if not _deletable(person, request.user):
        raise Http404
    form = DeleteTraineeForm(request.POST or None, username=person.username)
    if request.method == "POST" and form.is_valid():
        username = person.username
        people.trainee_delete(trainee=person)
        messages.success(request, f"{username} and all their practice data are deleted.")
        return redirect("ruptures:people_home")
    return render(
        request, "ruptures/authoring_person_delete.html", {"person": person, "form": form}
    )


@require_GET
@role_required(PROGRAM_ADMIN)
def cohorts_home(request: HtmxHttpRequest) -> HttpResponse:
    cohorts = Cohort.objects.for_cohorts_page()
    return render(request, "ruptures/authoring_cohorts.html", {"cohorts": cohorts})


def _cohort_form(request: HtmxHttpRequest, cohort: Cohort | None) -> HttpResponse:
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = people.cohort_save(
            cohort=cohort,
            name=data["name"],
            supervisor=data["supervisor"],
            trainees=data["trainees"],
            scenarios=data["scenarios"],
        )
        messages.success(request, f"Cohort “{saved.name}” saved.")
        return redirect("ruptures:cohorts_home")
    return render(request, "ruptures/authoring_cohort_edit.html", {"form": form, "cohort": cohort})


@require_http_methods(["GET", "POST"])
@role_required(PROGRAM_ADMIN)
def cohort_create(request: HtmxHttpRequest) -> HttpResponse:
    return _cohort_form(request, None)


@require_http_methods(["GET", "POST"])
@role_required(PROGRAM_ADMIN)
def cohort_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _cohort_form(request, cohort_for_admin(request.user, pk))
