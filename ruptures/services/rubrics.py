"""Rubric versions: the one that applies now, saving a new one, restoring an old one.

The newest `RubricVersion` scores every new try. Number 1 is the packaged
`default_rubric.yaml`, stored the first time anything asks for the current
rubric. Parsed rubrics are cached per process by the hash of their data: a
version's data never changes, so the cache cannot serve a stale rubric, and
the current one costs one small query (its hash) per scored try.

`rubric_of(digest)` reads the same cache for showing a score: the labels and
bands of the version the score was made with, never the newest.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, connection, transaction

from ruptures.models import RubricVersion, User
from ruptures.models.results import UNREAD
from ruptures.rubric import Rubric, default_rubric, parse_rubric_data

_CACHE_SIZE = 16
_parsed: OrderedDict[str, Rubric] = OrderedDict()


class StaleRubric(Exception):
    """Someone saved a newer version since the editor was opened."""

    def __init__(self, current: RubricVersion) -> None:
        self.current = current
        super().__init__(f"rubric version {current.number} was saved meanwhile")


def rubric_first() -> RubricVersion:
    """Version 1, the packaged rubric: stored on first use, once even when two ask at once."""
    rubric = default_rubric()
    version, _ = RubricVersion.objects.get_or_create(
        number=1, defaults={"version": rubric.version, "data": rubric.to_data()}
    )
    return version


def rubric_current_version() -> RubricVersion:
    """The newest stored version, with its data."""
    return RubricVersion.objects.newest_first().first() or rubric_first()


# The current version's hash, read for every scored try: plain SQL, which
# costs a fraction of the CPU of the ORM's newest_first().values_list().first().
# The step pages' read has it as a subquery (access.attempt_step_for_trainee).
CURRENT_DIGEST = f"SELECT version FROM {RubricVersion._meta.db_table} ORDER BY number DESC LIMIT 1"


def rubric_current(digest: str | None | object = UNREAD) -> Rubric:
    """The parsed rubric that applies to a try scored now.

    `digest` is the newest stored version's hash (CURRENT_DIGEST; None when
    no version is stored yet) if the caller has just read it; by default it
    is read here.
    """
    if digest is UNREAD:
        with connection.cursor() as cursor:
            cursor.execute(CURRENT_DIGEST)
            row = cursor.fetchone()
        digest = row[0] if row else None
    if digest is None:
        return _parse(rubric_first())
    rubric = _parsed.get(digest)
    if rubric is None:
        return _parse(RubricVersion.objects.newest_first().first())
    _parsed.move_to_end(digest)
    return rubric


def rubric_of(digest: str | None) -> Rubric:
    """The rubric a score was made with, from the `rubric_version` it stores.

    `digest` is the rubric's hash, with "+<scenario version>" when the
    scenario had criteria of its own. A page pays one query per version it
    is the first in this process to show, never one per row: the packaged
    rubric costs none, and a version's data never changes, so the cache can
    keep it. A hash no stored version has (a try scored before versions were
    stored) reads as the packaged rubric.
    """
    packaged = default_rubric()
    base = (digest or "").partition("+")[0]
    if not base or base == packaged.version:  # none recorded: the packaged rubric's
        return packaged
    rubric = _parsed.get(base)
    if rubric is not None:
        _parsed.move_to_end(base)
        return rubric
    data = RubricVersion.objects.filter(version=base).values_list("data", flat=True).first()
    return _remember(base, packaged if data is None else parse_rubric_data(data))


def _parse(version: RubricVersion) -> Rubric:
    return _remember(version.version, parse_rubric_data(version.data))


def _remember(digest: str, rubric: Rubric) -> Rubric:
    _parsed[digest] = rubric
    while len(_parsed) > _CACHE_SIZE:
        _parsed.popitem(last=False)
    return rubric


@transaction.atomic
def rubric_save(
    *,
    data: Mapping[str, Any],
    author: User,
    base: int,
    restored_from: int | None = None,
) -> RubricVersion:
    """Store `data` as the newest rubric version; new tries are scored with it from now on.

    `base` is the number of the version the editor started from: when another
    version was saved since, StaleRubric is raised and nothing is written.
    Data equal to the current version's is no change and returns it. Raises
    RubricError (naming the field) when the data is not a valid rubric.
    """
    rubric = parse_rubric_data(data)
    current = rubric_current_version()
    if current.number != base:
        raise StaleRubric(current)
    if current.version == rubric.version:
        return current
    try:
        # A savepoint: two admins saving on the same base collide on the number.
        with transaction.atomic():
            return RubricVersion.objects.create(
                number=current.number + 1,
                version=rubric.version,
                data=rubric.to_data(),
                author=author,
                restored_from=restored_from,
            )
    except IntegrityError:
        raise StaleRubric(rubric_current_version()) from None


def rubric_restore(*, version: RubricVersion, author: User) -> RubricVersion:
    """Make an old version's data the newest version again (a new number, like any save)."""
    current = rubric_current_version()
    return rubric_save(
        data=version.data, author=author, base=current.number, restored_from=version.number
    )
