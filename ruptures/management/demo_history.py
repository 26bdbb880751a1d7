"""A few weeks of practice for one demo trainee, so a first look at the studio has data.

`seed_demo --history` calls `history_seed`. Everything goes through the same
services as the pages (the real engine scores every answer), then the times
are spread over the last three weeks so that charts and the dashboard show a
trend. The answers are written for the demo and fit any vignette loosely.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ruptures.models import Attempt, AttemptStatus, RuptureType, Scenario, StepResponse, User
from ruptures.rubric import STEPS
from ruptures.services import attempts, reviews

# Per step, answers from weak to strong; an attempt's "skill" picks among them.
ANSWERS = {
    "notice": (
        "Let's just get back to the plan for today.",
        "You seem a bit different today.",
        "Something shifted between us a moment ago, and I may be reading it wrong. "
        "Your answers got shorter right after I said that.",
    ),
    "invite": (
        "Are you upset with me?",
        "Can you tell me what's going on for you right now?",
        "Would you be willing to tell me how that last thing I said landed for you? "
        "Even if it was something critical of me, I'd like to hear it.",
    ),
    "validate": (
        "Everyone feels like that sometimes, it's really no big deal.",
        "That sounds hard.",
        "Given what happened last time, it makes sense that you'd feel let down by me. "
        "I'd probably feel the same in your place.",
    ),
    "explore": (
        "I think this is really about how your father treated you.",
        "What do you think that was about?",
        "What was it like for you, sitting here when I said that? "
        "What went through your mind in that moment?",
    ),
    "negotiate": (
        "You should try the exercise again this week and tell me how it goes.",
        "Maybe we could do things a bit differently from now on.",
        "I moved too quickly there, and that's on me. How would you like us to go on "
        "from here, so it works better for you?",
    ),
}

# (skill per step 0-2, days ago, asks for a human review on a step)
PLAN = (
    ((1, 0, 1, 0, 1), 20, None),
    ((1, 1, 0, 1, 1), 16, None),
    ((2, 1, 1, 1, 2), 11, "validate"),
    ((2, 2, 1, 2, 2), 6, None),
    ((0, 2, 2, 1, 2), 2, None),  # a harmful notice nobody has levelled yet
)
JOURNAL = (
    "I noticed I wanted to rush to fix it. Next time I want to stay with the "
    "silence a little longer before I say anything."
)


@transaction.atomic
def history_seed(*, trainee: User, supervisor: User) -> int:
    """Give `trainee` finished attempts, a journal entry, a review and a request; once only.

    Returns how many attempts were made (0 when the trainee had some already).
    """
    if Attempt.objects.for_trainee(trainee).exists():
        return 0
    ruptures = list(
        Scenario.objects.published()
        .exclude(rupture_type=RuptureType.NONE)
        .order_by("difficulty", "slug")[: len(PLAN)]
    )
    made = []
    for scenario, (skills, days_ago, request_step) in zip(ruptures, PLAN, strict=False):
        attempt = _practise(trainee, scenario, skills)
        if request_step:
            reviews.review_request_create(
                attempt=attempt,
                step=attempt.version.steps.get(name=request_step),
                reason="I think this answer was better than the score says.",
            )
        made.append((attempt, days_ago))
    foil = Scenario.objects.published().filter(rupture_type=RuptureType.NONE).first()
    if foil is not None:
        attempt = attempts.attempt_start(trainee=trainee, scenario=foil)
        attempts.attempt_recognise(
            attempt=attempt, said_rupture=True, said_type="withdrawal", said_markers=[]
        )
        made.append((attempt, 9))
    if len(made) > 1:
        first = made[1][0]
        reviews.review_save(
            attempt=first,
            reviewer=supervisor,
            steps={"invite": reviews.StepInput(level=2, comment=_COMMENT, version=0)},
        )
        attempts.attempt_reflect(attempt=first, difficulty_rating="about_right", journal=JOURNAL)
        reviews.journal_share(attempt=first, shared=True)
    _spread_over_time(made)
    return len(made)


_COMMENT = (
    "Open and warm. Next time tie it to what just happened between you, "
    "so the client knows which moment you mean."
)


def _practise(trainee: User, scenario: Scenario, skills: tuple[int, ...]) -> Attempt:
    attempt = attempts.attempt_start(trainee=trainee, scenario=scenario)
    attempt = attempts.attempt_recognise(
        attempt=attempt,
        said_rupture=True,
        said_type=scenario.rupture_type,
        said_markers=list(scenario.current_version.markers[:1]),
    )
    steps = {step.name: step for step in attempt.version.steps.all()}
    for name, skill in zip(STEPS, skills, strict=True):
        attempts.attempt_submit_step(
            attempt=attempt, step=steps[name], text=ANSWERS[name][skill], try_number=1
        )
    return attempt


def _spread_over_time(made: list[tuple[Attempt, int]]) -> None:
    """Move each attempt (and its answers) back `days_ago`, as if practised then."""
    now = timezone.now()
    for attempt, days_ago in made:
        started = now - timedelta(days=days_ago, minutes=30)
        finished = started + timedelta(minutes=18)
        Attempt.objects.filter(pk=attempt.pk).update(
            started_at=started,
            finished_at=finished if attempt.status == AttemptStatus.DONE else None,
        )
        StepResponse.objects.filter(attempt=attempt).update(submitted_at=finished)
