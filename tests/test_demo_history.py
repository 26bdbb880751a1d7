"""`seed_demo --history`: a first look at the studio shows practice, a review and a request."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ruptures.models import Attempt, AttemptStatus, Review, ReviewRequest, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", "--history", verbosity=0)
    return User.objects.get(username="trainee2")


def test_trainee2_gets_weeks_of_scored_practice_and_trainee_none(seeded):
    made = Attempt.objects.for_trainee(seeded)
    assert made.count() == 6
    assert all(a.status == AttemptStatus.DONE for a in made)
    assert made.filter(total_score__isnull=False).count() == 5  # the foil has no steps
    oldest = made.order_by("started_at").first().started_at
    assert timezone.now() - oldest > timedelta(days=14)
    assert not Attempt.objects.filter(trainee__username="trainee").exists()


def test_the_supervisor_has_a_review_a_request_and_a_shared_journal_to_see(seeded):
    assert Review.objects.filter(attempt__trainee=seeded).count() == 1
    assert ReviewRequest.objects.open().filter(attempt__trainee=seeded).count() == 1
    assert Attempt.objects.for_trainee(seeded).filter(journal_shared=True).count() == 1


def test_seeding_again_adds_nothing(seeded, settings):
    call_command("seed_demo", "--history", verbosity=0)
    assert Attempt.objects.for_trainee(seeded).count() == 6
