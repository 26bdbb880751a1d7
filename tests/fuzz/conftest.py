"""The studio the fuzz tests share: built once per module, rolled back after it.

Each test still runs in its own transaction (pytest-django's `db`), a
savepoint inside this one, so a test's writes never reach the next.
"""

import pytest
from django.db import transaction

from tests.fuzz.world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
