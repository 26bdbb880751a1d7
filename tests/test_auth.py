"""The auth backend loads a user's roles in the same query as the user."""

import pytest

from ruptures.auth import RoleAwareBackend
from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, TRAINEE
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_user_and_roles_come_in_one_query(django_assert_num_queries):
    user = make_user(TRAINEE)
    user.groups.add(*make_user(SUPERVISOR).groups.all())
    with django_assert_num_queries(1):
        loaded = RoleAwareBackend().get_user(user.pk)
        assert loaded.role_names == {TRAINEE, SUPERVISOR}
        assert loaded.is_supervisor and not loaded.is_program_admin


def test_a_user_without_roles_has_none():
    loaded = RoleAwareBackend().get_user(make_user(role=None).pk)
    assert loaded.role_names == frozenset()


def test_inactive_users_are_not_loaded():
    user = make_user(PROGRAM_ADMIN, is_active=False)
    assert RoleAwareBackend().get_user(user.pk) is None
