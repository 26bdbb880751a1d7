"""Migrations that change data, run forwards over data written before them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_START_ONCE = [("ruptures", "0006_authoring")]
START_ONCE = [("ruptures", "0007_attempt_start_once")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_start_once_keeps_the_oldest_of_duplicate_unanswered_attempts():
    apps = _migrate(BEFORE_START_ONCE)
    try:
        user = apps.get_model("ruptures", "User").objects.create(username="double-clicker")
        scenario = apps.get_model("ruptures", "Scenario").objects.create(
            slug="s", title="S", rupture_type="withdrawal", difficulty="beginner", setting="x"
        )
        version = apps.get_model("ruptures", "ScenarioVersion").objects.create(
            scenario=scenario,
            number=1,
            content_hash="h",
            spec={},
            title="S",
            rupture_type="withdrawal",
            difficulty="beginner",
            setting="x",
        )
        Attempt = apps.get_model("ruptures", "Attempt")
        kept, extra = (Attempt.objects.create(trainee=user, version=version) for _ in range(2))
        answered = Attempt.objects.create(trainee=user, version=version, status="repairing")

        apps = _migrate(START_ONCE)

        remaining = apps.get_model("ruptures", "Attempt").objects.values_list("pk", flat=True)
        assert sorted(remaining) == [kept.pk, answered.pk]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
