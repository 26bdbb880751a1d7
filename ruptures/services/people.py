"""Writes of the people pages: cohorts, new users and their set-password links, leaving.

A program admin manages other people, never their own account nor a
superuser's: nothing here sets staff or superuser status, and the helpers
that fetch a person (`ruptures.access.person_for_admin`) leave superusers out.
A new user gets no password: they choose one through a one-time link
(Django's token generator), sent by email.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ruptures.models import (
    PROGRAM_ADMIN,
    ROLE_CHANGE,
    SUPERVISOR,
    TRAINEE,
    Cohort,
    Review,
    Scenario,
    User,
)

ROLES = (TRAINEE, SUPERVISOR, PROGRAM_ADMIN)


class RoleChangeRefused(Exception):
    """The role change breaks a rule; the message says which, and nothing was changed."""


@transaction.atomic
def cohort_save(
    *,
    cohort: Cohort | None,
    name: str,
    supervisor: User,
    trainees: Iterable[User],
    scenarios: Iterable[Scenario],
) -> Cohort:
    """Create or update a cohort with its supervisor, trainees and assigned scenarios."""
    cohort = cohort or Cohort()
    cohort.name, cohort.supervisor = name, supervisor
    cohort.save()
    cohort.trainees.set(trainees)
    cohort.scenarios.set(scenarios)
    return cohort


@transaction.atomic
def user_invite(
    *, username: str, first_name: str, last_name: str, email: str, role: str, base_url: str
) -> User:
    """Create a user in one role, with no usable password, and email them a set-password link.

    The email leaves once the user is stored (on commit): never a link to a
    user who does not exist.
    """
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    transaction.on_commit(lambda: user_send_password_link(user=user, base_url=base_url))
    return user


def password_link(user: User, base_url: str) -> str:
    """The one-time link: void once a password is set, or after PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path


def user_send_password_link(*, user: User, base_url: str) -> None:
    """Email `user` a fresh set-password link (earlier links stay valid until one is used)."""
    context = {"user": user, "link": password_link(user, base_url)}
    subject = render_to_string("registration/set_password_subject.txt", context).strip()
    body = render_to_string("registration/set_password_email.txt", context)
    send_mail(subject, body, None, [user.email])


def user_set_active(*, user: User, active: bool) -> User:
    """Let a user sign in again, or stop them (their data stays)."""
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_change_role(*, user: User, role: str, by: User) -> bool:
    """Give `user` the one role `role` in place of theirs; False when it is theirs already.

    Nobody changes their own role, and a superuser's is not changed here; staff
    and superuser status are never touched. A trainee who takes another role
    leaves every cohort's trainee list (their practice stays on record, out of
    any supervisor's sight); a supervisor who still supervises a cohort keeps
    the role until the cohort has another supervisor. The change is logged
    with who made it and when (Django's admin log, which superusers read too).
    Raises RoleChangeRefused and changes nothing when a rule says no.
    """
    if user.pk == by.pk:
        raise RoleChangeRefused("You cannot change your own role.")
    if role not in ROLES:
        raise RoleChangeRefused("Choose trainee, supervisor or program admin.")
    # Locked, so that two admins changing one person's role take turns.
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_superuser:
        raise RoleChangeRefused("A superuser's role is not changed here.")
    before = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    if before == {role}:
        return False
    if role != SUPERVISOR:
        supervised = list(user.supervised_cohorts.values_list("name", flat=True))
        if supervised:
            raise RoleChangeRefused(
                f"{user.username} supervises {', '.join(supervised)}: give "
                f"{'that cohort' if len(supervised) == 1 else 'those cohorts'} another "
                "supervisor first."
            )
    if role != TRAINEE:
        Cohort.trainees.through.objects.filter(user=user).delete()
    user.groups.remove(*Group.objects.filter(name__in=ROLES))
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    was = " and ".join(sorted(before)) or "no role"
    LogEntry.objects.log_actions(
        by.pk, [user], CHANGE, change_message=f"{ROLE_CHANGE} from {was} to {role}."
    )
    return True


@transaction.atomic
def trainee_delete(*, trainee: User) -> None:
    """Delete a trainee and everything they did: attempts, answers, drafts, journal.

    Their attempts' reviews go first: a step's review protects the answer it
    levelled (a review must not lose its answer while the attempt stays), and
    the collector refuses a protected row even when it would cascade away too.
    """
    Review.objects.filter(attempt__trainee=trainee).delete()
    trainee.delete()
