"""The program admin's library page: every scenario, drafts too, at a fixed cost."""

import pytest
from django.urls import reverse

from ruptures.models import ScenarioStatus
from tests.factories import make_scenario, make_version

pytestmark = pytest.mark.django_db

URL = reverse("ruptures:authoring_home")


def test_the_library_lists_every_scenario_with_its_current_version(client, program_admin):
    published = make_scenario(title="Camera off at lunchtime")
    published.current_version = make_version(published)
    published.save()
    make_scenario(title="Half-written", status=ScenarioStatus.DRAFT)
    client.force_login(program_admin)

    html = client.get(URL).text

    assert "<td>Camera off at lunchtime</td>" in html and "<td>2</td>" in html
    assert "<td>Half-written</td>" in html and "<td>Draft</td>" in html


@pytest.mark.parametrize("scenarios", [1, 20])
def test_authoring_home_costs_three_queries(
    client, program_admin, django_assert_num_queries, scenarios
):
    for _ in range(scenarios):
        make_scenario()
    client.force_login(program_admin)
    # The session, the user; the scenarios with their current versions.
    with django_assert_num_queries(2 + 1):
        assert client.get(URL).status_code == 200
