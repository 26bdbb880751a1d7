"""The suite runs on whichever database DATABASE_URL names (SQLite by default)."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_suite_uses_the_database_the_environment_names():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
