"""The load bench's own bookkeeping: what it calls lost and duplicated (no server, no database)."""

import random
from collections import Counter

from bench.load import PHRASES, Sent, answer_text, check, percentile

A = ("load-trainee-0", 7, "notice", "I notice you went quiet. (t1)")
B = ("load-trainee-0", 7, "invite", "Could we pause? (t2)")


def sent(key, acknowledged):
    return Sent(*key, acknowledged=acknowledged)


def test_an_acknowledged_submit_stored_once_is_neither_lost_nor_duplicated():
    verdict = check([sent(A, False), sent(A, True)], Counter({A: 1}))
    assert verdict.line() == "lost=0 duplicated=0"


def test_an_acknowledged_submit_missing_from_the_database_is_lost():
    sends = [sent(A, False), sent(A, True), sent(B, False), sent(B, True)]
    verdict = check(sends, Counter({B: 1}))
    assert verdict.lost == [A]
    assert verdict.line() == "lost=1 duplicated=0"


def test_a_submit_never_acknowledged_may_be_stored_or_not():
    # Sent, then no answer (a timeout, a database restart): either outcome is honest.
    assert check([sent(A, False)], Counter()).line() == "lost=0 duplicated=0"
    assert check([sent(A, False)], Counter({A: 1})).line() == "lost=0 duplicated=0"


def test_a_resent_form_stored_twice_is_one_duplicate():
    # The same text sent twice (a retry after a timeout) is one try.
    sends = [sent(A, False), sent(A, True), sent(A, False), sent(A, True)]
    verdict = check(sends, Counter({A: 2}))
    assert verdict.duplicated == [(A, 2, 1)]
    assert verdict.line() == "lost=0 duplicated=1"


def test_rows_nobody_sent_count_as_duplicated():
    verdict = check([sent(A, False), sent(A, True)], Counter({A: 1, B: 3}))
    assert verdict.line() == "lost=0 duplicated=3"


def test_the_same_text_in_another_attempt_or_for_another_user_is_another_key():
    other_attempt = (A[0], 8, *A[2:])
    other_user = ("load-trainee-1", *A[1:])
    verdict = check([sent(A, True)], Counter({A: 1, other_attempt: 1, other_user: 1}))
    assert verdict.line() == "lost=0 duplicated=2"


def test_answer_texts_differ_by_their_tag_and_use_the_steps_phrases():
    rng = random.Random(1)
    first, second = answer_text(rng, "explore", "n1"), answer_text(rng, "explore", "n2")
    assert first != second
    assert first.endswith("(n1)")
    assert any(phrase in first for phrase in PHRASES["explore"])
    assert first == first.strip()  # the form strips answers: what is stored is what was sent


def test_percentile_by_nearest_rank():
    values = sorted(float(n) for n in range(1, 101))
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 99)) == (
        50.0,
        95.0,
        99.0,
    )
    assert percentile([3.0], 99) == 3.0
