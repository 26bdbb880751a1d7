"""Writes of the people pages: cohorts, new users and their set-password links, leaving.

A program admin manages other people, never their own account nor a
superuser's: nothing here sets staff or superuser status, and the helpers
that fetch a person (`ruptures.access.person_for_admin`) leave superusers out.
A new user gets no password: they choose one through a one-time link
(Django's token generator), sent by email.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ruptures.models import Cohort, Review, Scenario, User


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
def trainee_delete(*, trainee: User) -> None:
    """Delete a trainee and everything they did: attempts, answers, drafts, journal.

    Their attempts' reviews go first: a step's review protects the answer it
    levelled (a review must not lose its answer while the attempt stays), and
    the collector refuses a protected row even when it would cascade away too.
    """
    Review.objects.filter(attempt__trainee=trainee).delete()
    trainee.delete()
