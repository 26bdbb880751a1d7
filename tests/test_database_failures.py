"""When the database fails: a 503 that says the answer was not saved, recovery without a
restart, and no half-written answer.

The outage is real: PostgreSQL ends the request's connection
(pg_terminate_backend), before the view (while the session is read) and in
the middle of the submit's transaction (while it waits for the attempt's row
lock). Each thread of these tests has its own connection, so they run with
transactions committed, on PostgreSQL. A write refused by the database
itself (a trigger) shows the answer and the attempt's totals commit together.
"""

import threading
import time

import psycopg
import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse

from ruptures.models import Attempt, StepDraft, StepResponse, StepResult
from tests.factories import repairing_attempt

HTMX = {"HTTP_HX_REQUEST": "true"}
ANSWER = "I notice you went quiet when I mentioned your sister."

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the outage is a PostgreSQL backend being terminated",
)


@pytest.fixture
def attempt(trainee):
    return repairing_attempt(trainee)


@pytest.fixture
def signed_in(trainee):
    client = Client(raise_request_exception=False)  # a server answers; it does not raise
    client.force_login(trainee)
    return client


def _step_url(attempt) -> str:
    return reverse("ruptures:attempt_step", args=[attempt.pk, "notice"])


def _other_connection(dbname: str | None = None) -> psycopg.Connection:
    """A connection of its own, as an administrator (or a crash) would use."""
    params = connection.settings_dict
    return psycopg.connect(
        dbname=dbname or params["NAME"],
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        autocommit=True,
    )


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _terminate(pid: int) -> None:
    with _other_connection() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def _assert_not_saved_page(response, *, fragment: bool) -> None:
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert {"no-store", "private"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    if fragment:
        assert "data-not-saved" in response.text
        assert "Not saved:" in response.text
        assert "nothing you sent was stored" in response.text
        assert "<html" not in response.text
    else:
        assert "Your answer was not saved" in response.text
        assert "your words are still in the box" in response.text


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_a_connection_lost_before_the_view_gives_503_and_the_next_request_reconnects(
    signed_in, attempt, headers
):
    assert signed_in.get(_step_url(attempt)).status_code == 200  # the connection is open
    _terminate(_backend_pid())

    response = signed_in.post(_step_url(attempt), {"text": ANSWER, "try_number": 1}, **headers)

    _assert_not_saved_page(response, fragment=bool(headers))
    assert not StepResponse.objects.exists()
    # The app recovered by itself: the same answer, sent again, is stored.
    response = signed_in.post(_step_url(attempt), {"text": ANSWER, "try_number": 1}, **headers)
    assert response.status_code == (200 if headers else 302)
    assert list(StepResponse.objects.values_list("text", flat=True)) == [ANSWER]


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_a_connection_lost_inside_the_submit_gives_503_and_writes_nothing(
    signed_in, attempt, headers
):
    assert signed_in.get(_step_url(attempt)).status_code == 200
    pid = _backend_pid()
    # Another transaction holds the attempt's row, so the submit waits at its lock,
    # inside its transaction; then the database ends the submit's connection.
    locker = _other_connection()
    locker.autocommit = False
    locker.execute(
        f"SELECT 1 FROM {Attempt._meta.db_table} WHERE id = %s FOR UPDATE", [attempt.pk]
    )

    def terminate_once_waiting() -> None:
        with _other_connection() as watcher:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                waiting = watcher.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE pid = %s AND wait_event_type = 'Lock'",
                    [pid],
                ).fetchone()
                if waiting:
                    watcher.execute("SELECT pg_terminate_backend(%s)", [pid])
                    return
                time.sleep(0.02)

    killer = threading.Thread(target=terminate_once_waiting)
    killer.start()
    try:
        response = signed_in.post(_step_url(attempt), {"text": ANSWER, "try_number": 1}, **headers)
    finally:
        killer.join()
        locker.rollback()
        locker.close()

    _assert_not_saved_page(response, fragment=bool(headers))
    assert not StepResponse.objects.exists()
    assert not StepDraft.objects.exists()
    attempt.refresh_from_db()
    assert attempt.total_score is None
    # Recovered without a restart.
    response = signed_in.post(_step_url(attempt), {"text": ANSWER, "try_number": 1}, **headers)
    assert response.status_code == (200 if headers else 302)
    assert StepResponse.objects.count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_while_the_database_refuses_connections_every_request_is_a_503_until_it_is_back(
    signed_in, attempt
):
    """The database is down: its connections are ended and new ones refused."""
    assert signed_in.get(_step_url(attempt)).status_code == 200
    name = connection.settings_dict["NAME"]
    with _other_connection("postgres") as admin:
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
        try:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                [name],
            )
            for headers in ({}, HTMX):
                response = signed_in.post(
                    _step_url(attempt), {"text": ANSWER, "try_number": 1}, **headers
                )
                _assert_not_saved_page(response, fragment=bool(headers))
            assert signed_in.get(reverse("ruptures:progress")).status_code == 503
        finally:
            admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')

    # Back: the app reconnects by itself, and nothing was stored meanwhile.
    assert not StepResponse.objects.exists()
    response = signed_in.post(_step_url(attempt), {"text": ANSWER, "try_number": 1})
    assert response.status_code == 302
    assert StepResponse.objects.count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_page_read_during_an_outage_says_nothing_was_changed(signed_in, attempt):
    assert signed_in.get(_step_url(attempt)).status_code == 200
    _terminate(_backend_pid())

    response = signed_in.get(reverse("ruptures:practice_home"))

    assert response.status_code == 503
    assert "Nothing was changed" in response.text
    assert "reload the page" in response.text
    assert signed_in.get(reverse("ruptures:practice_home")).status_code == 200


@pytest.fixture
def totals_refused():
    """The database refuses any change of an attempt's total, as a failing disk or a
    constraint would: the submit's last write fails after its answer was inserted."""
    table = Attempt._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_totals() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'totals refused'; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER refuse_totals BEFORE UPDATE OF total_score ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION refuse_totals()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER refuse_totals BEFORE UPDATE OF total_score ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'totals refused'); END"
            )


@pytest.mark.django_db
def test_the_answer_and_the_attempts_totals_are_written_in_one_transaction(
    client, trainee, attempt, totals_refused
):
    client.force_login(trainee)
    with pytest.raises(DatabaseError, match="totals refused"):
        client.post(_step_url(attempt), {"text": ANSWER, "try_number": 1})

    # The insert went with the failed update: no answer without its totals.
    assert not StepResponse.objects.exists()
    assert not StepResult.objects.exists()
