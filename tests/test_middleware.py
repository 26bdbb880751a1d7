"""What every response owes its user: no caching of personal pages, a clear refusal of
a body too large to accept, and error pages that say only what is true; and the
default language active in every request (for speed).
"""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.templatetags.static import static
from django.test import RequestFactory
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from ruptures import urls
from ruptures.models import ImportBatch, StepDraft, StepResponse
from ruptures.views.errors import server_error
from tests.factories import make_cohort, repairing_attempt

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
MB = 1_000_000


@pytest.fixture
def step_url(trainee):
    attempt = repairing_attempt(trainee)
    return reverse("ruptures:attempt_step", args=[attempt.pk, "notice"])


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


# --- Cache-Control --------------------------------------------------------------------


def test_the_login_page_is_never_stored_by_a_browser_or_proxy(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert {"no-store", "private"} <= _cache_control(response)


def test_every_page_a_signed_in_user_gets_is_no_store_private(client, trainee, step_url):
    client.force_login(trainee)
    pages = [
        client.get(reverse("ruptures:practice_home")),
        client.get(step_url),
        client.get(step_url, **HTMX),  # a fragment holds their words too
        client.post(step_url, {"text": "I notice you went quiet.", "try_number": 1}, **HTMX),
        client.get(reverse("ruptures:progress")),
        client.get(reverse("ruptures:journal")),
        client.get("/no-such-page/"),
    ]
    for response in pages:
        assert {"no-store", "private"} <= _cache_control(response), response.request["PATH_INFO"]


def test_a_csv_export_is_no_store_private(client, supervisor, trainee):
    cohort = make_cohort(supervisor=supervisor)
    trainee.cohorts.add(cohort)
    client.force_login(supervisor)
    response = client.get(reverse("ruptures:cohort_export", args=[cohort.pk]))
    assert response.status_code == 200
    assert {"no-store", "private"} <= _cache_control(response)


def test_static_files_keep_their_own_caching(client):
    response = client.get(static("css/app.css"))
    assert response.status_code == 200
    assert "no-store" not in _cache_control(response)


# --- Bodies too large ------------------------------------------------------------------


def test_a_ten_megabyte_multipart_answer_is_refused_with_413_and_nothing_is_stored(
    client, trainee, step_url
):
    client.force_login(trainee)
    big = SimpleUploadedFile("big.bin", b"x" * (10 * MB))
    for headers in ({}, HTMX):
        response = client.post(
            step_url, {"text": "I notice you went quiet.", "try_number": 1, "f": big}, **headers
        )
        big.seek(0)
        assert response.status_code == 413
        assert "too large, and was not saved" in response.text
        assert "at most 2.6 MB" in response.text  # Django's 2.5 MiB, in plain megabytes
        assert {"no-store", "private"} <= _cache_control(response)
    assert not StepResponse.objects.exists()
    assert not StepDraft.objects.exists()


def test_a_body_over_the_limit_is_refused_before_login_too(client):
    response = client.post(
        reverse("login"),
        {"username": "x", "password": "y" * (3 * MB)},
    )
    assert response.status_code == 413


def test_an_answer_at_the_limit_is_read_as_usual(client, trainee, step_url):
    client.force_login(trainee)
    text = "I notice you went quiet. " * 200
    response = client.post(step_url, {"text": text, "try_number": 1})
    assert response.status_code == 302
    assert StepResponse.objects.count() == 1


@pytest.mark.parametrize("limit", [1024 * 1024, 4 * 1024 * 1024])
def test_a_scenario_import_up_to_its_own_limit_reaches_the_import_page(
    client, program_admin, settings, limit
):
    """Over the general limit when the import's is higher: the import view still reads it."""
    settings.AUTHORING_UPLOAD_MAX_BYTES = limit
    client.force_login(program_admin)
    at_limit = SimpleUploadedFile("big.yaml", b"# padding\n" * (limit // 10))
    response = client.post(reverse("ruptures:import_upload"), {"file": at_limit})
    assert response.status_code == 200  # read, and refused in words as no scenario
    assert "Scenario file" in response.text
    assert not ImportBatch.objects.exists()

    over = SimpleUploadedFile("big.yaml", b"x" * (limit + 1024))
    response = client.post(reverse("ruptures:import_upload"), {"file": over})
    assert response.status_code == 200
    assert "uploads are limited to" in response.text

    far_over = SimpleUploadedFile("huge.yaml", b"x" * (limit + 3 * MB))
    response = client.post(reverse("ruptures:import_upload"), {"file": far_over})
    assert response.status_code == 413
    assert not ImportBatch.objects.exists()


# --- Error pages --------------------------------------------------------------------------


def test_the_500_page_promises_nothing_it_cannot_know():
    assert urls.handler500 == "ruptures.views.errors.server_error"
    response = server_error(RequestFactory().post("/attempts/1/steps/notice/"))
    assert response.status_code == 500
    assert "Your saved work is safe" not in response.text
    assert "may not have been saved" in response.text
    assert "<script" not in response.text


# --- The default language -------------------------------------------------------------


def test_a_request_runs_with_the_default_language_activated(client):
    # Not "what get_language() says": without an active language it says the
    # same, slowly. What is checked is that one is active (asgiref's fast path).
    translation.deactivate()
    seen = []

    def active(sender, **kwargs):
        seen.append(getattr(trans_real._active, "value", None))

    template_rendered.connect(active)
    try:
        assert client.get(reverse("login")).status_code == 200
    finally:
        template_rendered.disconnect(active)
    assert seen
    assert all(t is not None and t.to_language() == settings.LANGUAGE_CODE for t in seen)
