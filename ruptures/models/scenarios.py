"""Scenarios, their immutable versions and the repair steps of each version.

A scenario's content is immutable once saved as a version: an attempt is
pinned to the version it started on, so editing or reloading a scenario never
changes what a trainee was scored against.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, Q

from ruptures.models.choices import Difficulty, RuptureType, ScenarioStatus, StepName, _in
from ruptures.models.people import Cohort

if TYPE_CHECKING:
    from ruptures.models.people import User


class ScenarioQuerySet(models.QuerySet):
    def published(self) -> ScenarioQuerySet:
        return self.filter(status=ScenarioStatus.PUBLISHED, current_version__isnull=False)

    def for_trainee(self, user: User) -> ScenarioQuerySet:
        """Published scenarios assigned to the trainee's cohorts, or all when none are."""
        assignments = Cohort.scenarios.through.objects.filter(cohort__trainees=user)
        # Subqueries, not a join and not a lookup now: a scenario assigned to two
        # of the trainee's cohorts appears once, and whatever is chained on runs
        # as one query.
        return self.published().filter(
            Q(pk__in=assignments.values("scenario")) | ~Exists(assignments)
        )

    def for_practice_list(
        self, *, q: str = "", difficulty: str = "", setting: str = ""
    ) -> ScenarioQuerySet:
        """The practice list's cards, searched by `q` and filtered when asked.

        The search looks at what the card shows (title, client, setting), never
        at the rupture type, so a search cannot give the answer away.
        """
        scenarios = self
        if q:
            scenarios = scenarios.filter(
                Q(title__icontains=q) | Q(client_summary__icontains=q) | Q(setting__icontains=q)
            )
        if difficulty:
            scenarios = scenarios.filter(difficulty=difficulty)
        if setting:
            scenarios = scenarios.filter(setting=setting)
        return scenarios.only("slug", "title", "difficulty", "setting", "client_summary")

    def settings_in_use(self) -> models.QuerySet:
        """The settings these scenarios take place in, each once, alphabetically."""
        return self.order_by("setting").values_list("setting", flat=True).distinct()

    def for_authoring_home(self, **filters: str) -> ScenarioQuerySet:
        """Every scenario with its current version's number (not its content), filtered.

        Filters left empty filter nothing: `q` (in the title or slug),
        `rupture_type`, `difficulty`, `setting`, `status`.
        """
        scenarios = self.select_related("current_version").defer("current_version__spec")
        query = filters.pop("q", "")
        if query:
            scenarios = scenarios.filter(Q(title__icontains=query) | Q(slug__icontains=query))
        return scenarios.filter(**{name: value for name, value in filters.items() if value})


class Scenario(models.Model):
    """The stable identity of a vignette; its content lives in versions."""

    slug = models.SlugField(max_length=80, unique=True)
    status = models.CharField(
        max_length=10, choices=ScenarioStatus, default=ScenarioStatus.PUBLISHED
    )
    current_version = models.OneToOneField(
        "ScenarioVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Copied from the current version so that lists filter without a join.
    title = models.CharField(max_length=200)
    rupture_type = models.CharField(max_length=15, choices=RuptureType)
    difficulty = models.CharField(max_length=15, choices=Difficulty)
    setting = models.CharField(max_length=30)
    # Who the client is, for the practice list; never the rupture type.
    client_summary = models.CharField(max_length=250, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=_in("status", ScenarioStatus), name="scenario_status_valid"
            ),
            models.CheckConstraint(
                condition=_in("rupture_type", RuptureType), name="scenario_rupture_type_valid"
            ),
            models.CheckConstraint(
                condition=_in("difficulty", Difficulty), name="scenario_difficulty_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ScenarioVersionQuerySet(models.QuerySet):
    def for_history(self) -> ScenarioVersionQuerySet:
        """A scenario's versions, newest first, with their authors and attempt counts.

        The content stays in the database: the history lists, the diff page reads.
        """
        return (
            self.order_by("-number")
            .select_related("author")
            .defer("spec")
            .annotate(attempt_count=Count("attempts"))
        )


class ScenarioVersion(models.Model):
    """One immutable snapshot of a scenario's content.

    `spec` holds the validated scenario exactly as `ruptures.library` reads it
    (its `to_dict()` form), so export reproduces the source file; the columns
    beside it are copies for querying.
    """

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)
    spec = models.JSONField()
    title = models.CharField(max_length=200)
    rupture_type = models.CharField(max_length=15, choices=RuptureType)
    markers = models.JSONField(default=list)
    difficulty = models.CharField(max_length=15, choices=Difficulty)
    setting = models.CharField(max_length=30)
    # Who saved this version and, for a restored one, the number it copies.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScenarioVersionQuerySet.as_manager()

    class Meta:
        ordering = ["scenario", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "number"], name="scenario_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="scenario_version_number_gte_1"
            ),
            models.CheckConstraint(
                condition=_in("rupture_type", RuptureType), name="version_rupture_type_valid"
            ),
            models.CheckConstraint(
                condition=_in("difficulty", Difficulty), name="version_difficulty_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scenario.slug} v{self.number}"

    @property
    def is_foil(self) -> bool:
        """Nothing ruptures in a foil: it ends after recognition and has no steps."""
        return self.rupture_type == RuptureType.NONE


class Step(models.Model):
    """One repair step of a scenario version: prompt, exemplars, own criteria."""

    version = models.ForeignKey(ScenarioVersion, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(max_length=10, choices=StepName)
    order = models.PositiveSmallIntegerField()
    prompt = models.TextField()
    exemplars = models.JSONField(default=list)
    counterexamples = models.JSONField(default=list)
    criteria = models.JSONField(default=list)

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="step_name_unique"),
            models.UniqueConstraint(fields=["version", "order"], name="step_order_unique"),
            models.CheckConstraint(condition=_in("name", StepName), name="step_name_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.name}"
