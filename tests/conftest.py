"""Fixtures shared by the suite; the factories they use live in tests/factories.py."""

import pytest

from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, TRAINEE, User
from tests.factories import make_user


@pytest.fixture
def trainee(db) -> User:
    return make_user(TRAINEE)


@pytest.fixture
def supervisor(db) -> User:
    return make_user(SUPERVISOR)


@pytest.fixture
def program_admin(db) -> User:
    return make_user(PROGRAM_ADMIN)
