"""Users, their roles and the cohorts supervisors run."""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as BaseUserManager
from django.db import models
from django.db.models import Count, Q, StringAgg, Value
from django.utils.functional import cached_property

from ruptures.models.choices import PROGRAM_ADMIN, SUPERVISOR, TRAINEE


class UserQuerySet(models.QuerySet):
    def manageable(self) -> UserQuerySet:
        """The people a program admin manages: everyone but superusers (data repair only)."""
        return self.filter(is_superuser=False)

    def in_role(self, role: str) -> UserQuerySet:
        return self.filter(groups__name=role)

    def with_roles(self) -> UserQuerySet:
        """Each user with `group_names` loaded, so `role_names` asks nothing more."""
        return self.annotate(group_names=StringAgg("groups__name", Value("\n"), default=Value("")))

    def for_people_page(
        self, *, role: str = "", active: str = "", query: str = ""
    ) -> UserQuerySet:
        """The people list: roles loaded, filtered by role, active or not, and name."""
        people = self.manageable()
        if role:
            people = people.filter(pk__in=User.objects.in_role(role).values("pk"))
        if active:
            people = people.filter(is_active=active == "yes")
        if query:
            people = people.filter(
                Q(username__icontains=query)
                | Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(email__icontains=query)
            )
        return people.with_roles().order_by("username")


# How a role change begins in the admin log (services.people.user_change_role).
ROLE_CHANGE = "Role changed"


def role_changes(user: User) -> models.QuerySet[LogEntry]:
    """The changes of `user`'s role, newest first, each with who made it and when."""
    return (
        LogEntry.objects.filter(
            # Joined by name, not ContentType.objects.get_for_model: its
            # cache would make the first page of a process cost one more query.
            content_type__app_label=User._meta.app_label,
            content_type__model=User._meta.model_name,
            object_id=str(user.pk),
            change_message__startswith=ROLE_CHANGE,
            user__is_superuser=False,  # a program admin's pages never show a superuser
        )
        .select_related("user")
        .order_by("-action_time", "-pk")
    )


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person using the studio; the role is the Django group they belong to."""

    objects = UserManager()

    @cached_property
    def role_names(self) -> frozenset[str]:
        # ruptures.auth.RoleAwareBackend loads the names with the user; any
        # other User instance asks the database once.
        loaded = getattr(self, "group_names", None)
        if loaded is not None:
            return frozenset(name for name in loaded.split("\n") if name)
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    @property
    def is_trainee(self) -> bool:
        return self.has_role(TRAINEE)

    @property
    def is_supervisor(self) -> bool:
        return self.has_role(SUPERVISOR)

    @property
    def is_program_admin(self) -> bool:
        return self.has_role(PROGRAM_ADMIN)


class CohortQuerySet(models.QuerySet):
    def for_supervisor(self, user: User) -> CohortQuerySet:
        """The cohorts `user` supervises: the only ones their pages show."""
        return self.filter(supervisor=user)

    def for_cohort_home(self) -> CohortQuerySet:
        return self.prefetch_related("trainees")

    def for_cohorts_page(self) -> CohortQuerySet:
        """Every cohort with its supervisor and how many trainees and scenarios it has."""
        return self.select_related("supervisor").annotate(
            trainee_count=Count("trainees", distinct=True),
            scenario_count=Count("scenarios", distinct=True),
        )

    def trainees(self) -> models.QuerySet[User]:
        """The trainees in these cohorts, each once however many of them they share."""
        # A subquery, not a join: a trainee in two cohorts would appear twice.
        members = Cohort.trainees.through.objects.filter(cohort__in=self.values("pk"))
        return User.objects.filter(pk__in=members.values("user"))


class Cohort(models.Model):
    """A supervisor's group of trainees and the scenarios assigned to it."""

    name = models.CharField(max_length=120)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervised_cohorts"
    )
    trainees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="cohorts", blank=True)
    scenarios = models.ManyToManyField("ruptures.Scenario", related_name="cohorts", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["supervisor", "name"], name="cohort_name_unique")
        ]

    def __str__(self) -> str:
        return self.name
