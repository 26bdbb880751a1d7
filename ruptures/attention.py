"""When a trainee needs their supervisor's attention, and why, in words.

Pure Python (no Django): `ruptures.dashboard` counts in the database and
fills `AttentionFacts`; the rules live here so that they are tested on plain
data. Each reason is a sentence a supervisor can act on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ruptures.coaching import KindAccuracy
from ruptures.rubric import pitfall_label

QUIET_DAYS = 14  # no practice for this long raises a flag
STREAK = 3  # the same pitfall in this many attempts running
# Withdrawal is the quiet kind, easily missed: below half named right flags it,
# once there are this many answered withdrawal vignettes to judge by.
MIN_WITHDRAWAL_TRIALS = 2


@dataclass(frozen=True)
class AttentionFacts:
    """What the rules look at for one trainee.

    `recent_pitfalls` holds the pitfalls of each of their newest finished
    attempts, newest first, at most STREAK of them.
    """

    joined: datetime
    last_active: datetime | None
    withdrawal: KindAccuracy
    harmful_unreviewed: int
    open_requests: int
    recent_pitfalls: Sequence[frozenset[str]]


def _plural(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def attention_reasons(facts: AttentionFacts, *, now: datetime) -> tuple[str, ...]:
    """Why the trainee needs attention, most pressing first; empty when nothing does."""
    reasons = []
    if facts.open_requests:
        reasons.append(
            f"Asked for a human review ({_plural(facts.open_requests, 'open request')})"
        )
    if facts.harmful_unreviewed:
        answers = _plural(facts.harmful_unreviewed, "harmful answer")
        reasons.append(f"{answers} not yet reviewed")
    if len(facts.recent_pitfalls) >= STREAK:
        for name in sorted(frozenset.intersection(*facts.recent_pitfalls[:STREAK])):
            reasons.append(f"{pitfall_label(name)} in each of the last {STREAK} attempts")
    withdrawal = facts.withdrawal
    if withdrawal.total >= MIN_WITHDRAWAL_TRIALS and withdrawal.correct * 2 < withdrawal.total:
        missed = withdrawal.total - withdrawal.correct
        reasons.append(f"Missed {missed} of {withdrawal.total} withdrawal ruptures")
    quiet = _quiet_days(facts, now)
    if quiet is not None:
        reasons.append(quiet)
    return tuple(reasons)


def _quiet_days(facts: AttentionFacts, now: datetime) -> str | None:
    since = facts.last_active or facts.joined
    days = (now - since) // timedelta(days=1)
    if days < QUIET_DAYS:
        return None
    if facts.last_active is None:
        return f"No practice since joining, {days} days ago"
    return f"No practice for {days} days"
