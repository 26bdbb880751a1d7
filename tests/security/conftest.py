"""One world per test module, rolled back when the module ends.

Building the world (two library scenarios, eight people, a reviewed attempt)
costs far more than the few requests each test makes, and the suite makes
hundreds of them. So the world is written once inside an outer transaction;
each test's own transaction is a savepoint within it (pytest-django's `db`),
so whatever a test writes is undone, and the outer one is rolled back at the
end of the module, leaving the test database as it found it.
"""

import pytest
from django.db import transaction

from tests.security.world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
