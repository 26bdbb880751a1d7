"""Writes to the scenario library: loading specs, saving versions, a version's rubric."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from ruptures.library import ScenarioSpec, parse_scenario
from ruptures.library.model import criterion_to_dict
from ruptures.models import Scenario, ScenarioVersion, Step, User
from ruptures.rubric import ScenarioRubric


@dataclass
class LibraryChanges:
    """What loading the library did (or, in a dry run, would do), by slug."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    restatused: list[str] = field(default_factory=list)  # same content, published or withdrawn
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        status = f"{len(self.restatused)} status changes, " if self.restatused else ""
        return (
            f"{len(self.created)} new, {len(self.updated)} new versions, "
            f"{status}{len(self.unchanged)} unchanged"
        )

    def kind_of(self, slug: str) -> str:
        """'new', 'changed', 'status' or 'unchanged': what loading does to `slug`."""
        for kind, slugs in (
            ("new", self.created),
            ("changed", self.updated),
            ("status", self.restatused),
        ):
            if slug in slugs:
                return kind
        return "unchanged"


@transaction.atomic
def library_load(
    *, specs: Iterable[ScenarioSpec], author: User | None = None, dry_run: bool = False
) -> LibraryChanges:
    """Bring the database in line with validated scenario specs, idempotently by slug.

    A changed scenario gets a new version and becomes current; attempts keep
    the version they started on. Each spec's status (published unless its file
    says draft) becomes the scenario's. With `dry_run` nothing is written.
    """
    specs = list(specs)
    scenarios = Scenario.objects.select_related("current_version").defer("current_version__spec")
    if not dry_run:
        # Two loads of the same scenario take turns rather than collide on a version number.
        scenarios = scenarios.select_for_update(of=("self",), no_key=True)
    existing = {s.slug: s for s in scenarios.filter(slug__in=[spec.slug for spec in specs])}
    changes = LibraryChanges()
    for spec in specs:
        scenario = existing.get(spec.slug)
        current = scenario.current_version if scenario else None
        if scenario is None:
            changes.created.append(spec.slug)
        elif current is None or current.content_hash != spec.content_hash():
            changes.updated.append(spec.slug)
        elif scenario.status != spec.status:
            changes.restatused.append(spec.slug)
        else:
            changes.unchanged.append(spec.slug)
            continue
        if not dry_run:
            scenario_save_version(scenario=scenario, spec=spec, author=author)
    return changes


def client_summary(spec: ScenarioSpec) -> str:
    """'Rosa, 38: Panic attacks since a job change.' — the card text of the practice list."""
    client = spec.client
    text = f"{client.name}, {client.age}: {client.presenting_concern}"
    return text if len(text) <= 250 else text[:249] + "…"


@transaction.atomic
def scenario_save_version(
    *,
    scenario: Scenario | None,
    spec: ScenarioSpec,
    author: User | None = None,
    restored_from: int | None = None,
) -> ScenarioVersion:
    """Make `spec` the current content of its scenario and its status the scenario's.

    New content becomes a new version, numbered after the newest, even when an
    older version held the same words: the history reads in the order things
    happened. Content equal to the current version's makes no version.
    """
    if scenario is None:
        scenario = Scenario(slug=spec.slug, author=author)
    digest = spec.content_hash()
    version = scenario.current_version if scenario.pk else None
    if version is not None and version.content_hash != digest:
        version = None
    scenario.status = spec.status
    scenario.title = spec.title
    scenario.rupture_type = spec.rupture_type
    scenario.difficulty = spec.difficulty
    scenario.setting = spec.setting
    scenario.client_summary = client_summary(spec)
    scenario.save()
    if version is None:
        version = _version_create(
            scenario=scenario, spec=spec, digest=digest, author=author, restored_from=restored_from
        )
        scenario.current_version = version
        scenario.save(update_fields=["current_version", "updated_at"])
    return version


def _version_create(
    *,
    scenario: Scenario,
    spec: ScenarioSpec,
    digest: str,
    author: User | None,
    restored_from: int | None,
) -> ScenarioVersion:
    latest = scenario.versions.order_by("-number").values_list("number", flat=True).first()
    version = ScenarioVersion.objects.create(
        scenario=scenario,
        number=(latest or 0) + 1,
        author=author,
        restored_from=restored_from,
        content_hash=digest,
        spec=spec.to_dict(),
        title=spec.title,
        rupture_type=spec.rupture_type,
        markers=list(spec.markers),
        difficulty=spec.difficulty,
        setting=spec.setting,
    )
    Step.objects.bulk_create(
        Step(
            version=version,
            name=step.name,
            order=order,
            prompt=step.prompt,
            exemplars=list(step.exemplars),
            counterexamples=[c.to_dict() for c in step.counterexamples],
            criteria=[criterion_to_dict(c) for c in step.criteria],
        )
        for order, step in enumerate(spec.steps, start=1)
    )
    return version


_RUBRIC_CACHE_SIZE = 256
_rubrics: OrderedDict[str, ScenarioRubric] = OrderedDict()


def version_rubric(version: ScenarioVersion) -> ScenarioRubric:
    """The engine's view of a scenario version.

    Cached by content hash: a version's content never changes, so the cache
    can never serve stale data and holds no user data.
    """
    key = version.content_hash
    rubric = _rubrics.get(key)
    if rubric is None:
        rubric = parse_scenario(version.spec, source=f"db:{version.pk}").rubric()
        _rubrics[key] = rubric
        if len(_rubrics) > _RUBRIC_CACHE_SIZE:
            _rubrics.popitem(last=False)
    return rubric
