"""What the fuzzing found, each pinned by a test of its own.

A NUL character (PostgreSQL's text and jsonb cannot hold it) in any field of
the scenario editor, the rubric editors or an imported scenario file gave a
500 on PostgreSQL. Each is now refused with a message beside the field and
nothing is written, on every database.
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from ruptures.models import ImportBatch, RubricVersion, ScenarioVersion
from tests.factories import LIBRARY
from tests.fuzz.forms import form_data

pytestmark = pytest.mark.django_db

SAID = "holds a character that cannot be saved"


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.admin)
    client.world = world
    return client


def _form(client, url: str, page: str | None = None) -> dict[str, list[str]]:
    return form_data(client.get(page or url).text, url)


def _assert_nul_refused_beside_its_field(client, url: str, field: str, versions) -> None:
    """`field` of the page's own form, ending in a NUL: refused beside it, no version made."""
    data = _form(client, url)
    data[field] = [data[field][0] + "\x00"]
    count = versions.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200
    assert SAID in response.text
    assert 'aria-invalid="true"' in response.text
    assert versions.objects.count() == count


@pytest.mark.parametrize("field", ["title", "transcript[0].text", "steps.invite.exemplars"])
def test_a_scenario_field_holding_nul_is_refused_beside_it_and_nothing_is_saved(
    admin_client, field
):
    url = reverse("ruptures:scenario_edit", args=[admin_client.world.scenario.slug])
    _assert_nul_refused_beside_its_field(admin_client, url, field, ScenarioVersion)


def test_a_new_scenario_holding_nul_is_refused_and_nothing_is_saved(admin_client):
    edit = reverse("ruptures:scenario_edit", args=[admin_client.world.scenario.slug])
    data = _form(admin_client, edit)
    data.update(slug=["brand-new"], title=["New\x00"])
    versions = ScenarioVersion.objects.count()
    response = admin_client.post(reverse("ruptures:scenario_create"), data)
    assert response.status_code == 200
    assert SAID in response.text
    assert ScenarioVersion.objects.count() == versions


def test_an_uploaded_file_spelling_a_nul_is_refused_and_nothing_is_staged(admin_client):
    text = sorted((LIBRARY / "withdrawal").glob("*.yaml"))[1].read_bytes()
    upload = io.BytesIO(text.replace(b"title: ", b'title: "two\\0parts" #', 1))
    upload.name = "scenario.yaml"
    ImportBatch.objects.all().delete()
    response = admin_client.post(reverse("ruptures:import_upload"), {"file": upload})
    assert response.status_code == 200
    assert SAID in response.text
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    "field", ["steps.invite.praise", "steps.invite.criteria[1].feedback", "steps.invite.exemplars"]
)
def test_a_rubric_step_field_holding_nul_is_refused_beside_it(admin_client, field):
    url = reverse("ruptures:rubric_step", args=["invite"])
    _assert_nul_refused_beside_its_field(admin_client, url, field, RubricVersion)


def test_a_pitfall_label_holding_nul_is_refused_beside_it(admin_client):
    url = reverse("ruptures:rubric_pitfalls")
    data = _form(admin_client, url)
    data["pitfalls.advice.label"] = ["Advice\x00"]
    versions = RubricVersion.objects.count()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert SAID in response.text
    assert 'aria-invalid="true"' in response.text
    assert RubricVersion.objects.count() == versions


# "²".isdigit() is true, but int("²") fails, and so does int() of 4,301 digits or more:
# a cohort chosen as either gave a 500.
@pytest.mark.parametrize(
    "chosen", ["²", "١٢", "9" * 4301, "99999999999999999999", "9223372036854775808", "-1", "\x00"]
)
@pytest.mark.parametrize("url_name", ["ruptures:cohort_home", "ruptures:agreement"])
def test_a_cohort_chosen_by_a_number_no_cohort_has_is_a_404_never_a_500(
    client, world, url_name, chosen
):
    client.force_login(world.supervisor)
    response = client.get(reverse(url_name), {"cohort": chosen})
    assert response.status_code in {200, 404}


def test_the_dashboard_reads_a_cohort_number_written_in_ascii_digits_only(client, world):
    client.force_login(world.supervisor)
    page = client.get(reverse("ruptures:cohort_home"), {"cohort": "²"})
    assert page.status_code == 200  # "²" names no cohort: the whole dashboard, unfiltered
    mine = client.get(reverse("ruptures:cohort_home"), {"cohort": str(world.cohort.pk)})
    assert mine.status_code == 200
