"""Requests that race each other, each thread with its own database connection.

Row locks and constraints decide these races, so they are tested where they
hold: on PostgreSQL. SQLite runs one writer at a time and has no row locks;
there a race either serialises or fails with "database is locked", which
says nothing about production.
"""

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from ruptures.library import load_file
from ruptures.models import Attempt, Scenario, StepResponse
from ruptures.services.attempts import attempt_recognise, attempt_start
from ruptures.services.library import library_load

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="races are decided by PostgreSQL's row locks; SQLite has none to test",
    ),
]

LIBRARY = Path(__file__).resolve().parent.parent / "scenarios"
SCENARIO = sorted((LIBRARY / "withdrawal").glob("*.yaml"))[0]
RACERS = 6


def _race(request: Callable[[Client], int], users: list) -> list[int]:
    """Run `request` once per user, all released together; the statuses they got."""
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    start = threading.Barrier(len(clients))
    statuses: list[int] = []

    def run(client: Client) -> None:
        try:
            start.wait()
            statuses.append(request(client))
        finally:
            connections.close_all()  # this thread's connection, before the test's flush

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


@pytest.fixture
def scenario(db):
    library_load(specs=[load_file(SCENARIO)])
    return Scenario.objects.get()


def test_different_answers_sent_at_once_for_one_try_are_each_kept_as_a_try(trainee, scenario):
    attempt = attempt_start(trainee=trainee, scenario=scenario)
    attempt_recognise(attempt=attempt, said_rupture=True, said_type="withdrawal", said_markers=[])
    url = reverse("ruptures:attempt_step", args=[attempt.pk, "notice"])
    texts = iter(f"I notice you went quiet, answer number {n}." for n in range(RACERS))
    lock = threading.Lock()

    def submit(client: Client) -> int:
        with lock:
            text = next(texts)
        response = client.post(url, {"text": text, "try_number": 1}, HTTP_HX_REQUEST="true")
        return response.status_code

    statuses = _race(submit, [trainee] * RACERS)

    assert statuses == [200] * RACERS
    stored = StepResponse.objects.filter(attempt=attempt).values_list("try_number", "text")
    assert sorted(n for n, _ in stored) == list(range(1, RACERS + 1))
    assert sorted(t for _, t in stored) == sorted(
        f"I notice you went quiet, answer number {n}." for n in range(RACERS)
    )


def test_the_same_answer_sent_at_once_is_stored_once(trainee, scenario):
    attempt = attempt_start(trainee=trainee, scenario=scenario)
    attempt_recognise(attempt=attempt, said_rupture=True, said_type="withdrawal", said_markers=[])
    url = reverse("ruptures:attempt_step", args=[attempt.pk, "notice"])
    data = {"text": "I notice you went quiet just now.", "try_number": 1}

    statuses = _race(lambda client: client.post(url, data).status_code, [trainee] * RACERS)

    assert statuses == [302] * RACERS
    assert StepResponse.objects.filter(attempt=attempt).count() == 1


def test_start_clicked_many_times_at_once_makes_one_attempt(trainee, scenario):
    url = reverse("ruptures:attempt_start", args=[scenario.slug])

    statuses = _race(lambda client: client.post(url).status_code, [trainee] * RACERS)

    assert statuses == [302] * RACERS
    assert Attempt.objects.filter(trainee=trainee).count() == 1
