"""The cohort dashboard: one row per trainee in a supervisor's cohorts, flags first.

`reads` counts in the database (a fixed number of queries whatever the
cohort's size); `rows` holds what a row shows and how rows sort.
"""

from __future__ import annotations

from collections.abc import Mapping

from ruptures.dashboard.reads import trainee_rows
from ruptures.dashboard.rows import SORT_KEYS, DashboardTable, TraineeRow, sort_rows
from ruptures.http import query_id
from ruptures.models import Cohort, User

__all__ = ["DashboardTable", "TraineeRow", "cohort_table", "sort_rows"]


def cohort_table(supervisor: User, params: Mapping[str, str]) -> DashboardTable:
    """The dashboard rows for `supervisor`'s cohorts (one cohort with `?cohort=`), sorted."""
    cohorts = Cohort.objects.for_supervisor(supervisor)
    cohort_id = query_id(params.get("cohort"))
    if cohort_id is not None:
        cohorts = cohorts.filter(pk=cohort_id)
    sort = params.get("sort", "")
    if sort not in SORT_KEYS:
        sort = "name"
    descending = params.get("dir") == "desc"
    rows = trainee_rows(cohorts.trainees())
    return DashboardTable(
        sort_rows(rows, sort, descending=descending), sort, descending, cohort_id
    )
