"""Importing scenario files: every error listed and nothing written, or a preview then a commit."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ruptures.library import load_file
from ruptures.models import ImportBatch, Scenario, ScenarioStatus, ScenarioVersion
from ruptures.services.library import library_load
from tests.factories import make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
FINE = ROOT / "scenarios" / "withdrawal" / "fine-just-tired.yaml"
FEE = ROOT / "scenarios" / "confrontation" / "the-fee-letter.yaml"
FOIL = ROOT / "scenarios" / "none" / "did-both.yaml"
UPLOAD = reverse("ruptures:import_upload")


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


def _file(name, content):
    data = content if isinstance(content, bytes) else content.encode()
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _zip(*paths, extra=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in paths:
            archive.writestr(f"{path.parent.name}/{path.name}", path.read_text())
        for name, text in (extra or {}).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _upload(client, name, content):
    return client.post(UPLOAD, {"file": _file(name, content)})


def _three_errors():
    text = FINE.read_text()
    text = text.replace("difficulty: beginner", "difficulty: impossible")
    text = text.replace("attachment_style: avoidant", "attachment_style: clingy")
    return text.replace("    pitfall: blaming", "    pitfall: sulking")


def test_a_file_with_three_errors_reports_all_three_and_writes_nothing(admin_client):
    response = _upload(admin_client, "fine.yaml", _three_errors())
    html = response.text
    assert response.status_code == 200
    assert "Nothing was imported from fine.yaml" in html
    assert "<code>difficulty</code>: &#x27;impossible&#x27; is not allowed" in html
    assert "<code>client.attachment_style</code>: &#x27;clingy&#x27; is not allowed" in html
    assert "<code>steps.notice.counterexamples[0].pitfall</code>: &#x27;sulking&#x27;" in html
    assert html.count("<li><code>") == 3
    assert not Scenario.objects.exists() and not ImportBatch.objects.exists()


def test_one_bad_file_in_a_zip_means_nothing_of_it_is_imported(admin_client):
    raw = _zip(FEE, extra={"withdrawal/fine-just-tired.yaml": _three_errors()})
    html = _upload(admin_client, "library.zip", raw).text
    assert "<h3>withdrawal/fine-just-tired.yaml</h3>" in html
    assert not Scenario.objects.exists() and not ImportBatch.objects.exists()


def test_a_clean_zip_is_previewed_then_confirmed_in_one_go(admin_client, program_admin):
    library_load(specs=[load_file(FOIL)])  # already in the library, unchanged
    changed = FEE.read_text().replace("title: The new fee letter", "title: The fee letter", 1)
    library_load(specs=[load_file(FEE)])
    raw = _zip(FINE, FOIL, extra={"confrontation/the-fee-letter.yaml": changed})

    response = _upload(admin_client, "library.zip", raw)
    batch = ImportBatch.objects.get()
    preview = admin_client.get(response["Location"]).text
    assert response["Location"] == reverse("ruptures:import_batch", args=[batch.pk])
    assert "1 new, 1 new versions, 1 unchanged" in preview
    assert ">New scenario<" in preview and ">New version<" in preview and ">Unchanged<" in preview
    assert Scenario.objects.count() == 2  # nothing written before confirming

    confirmed = admin_client.post(response["Location"], {"confirm": "1"})
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse(
        "ruptures:authoring_home"
    )
    assert Scenario.objects.count() == 3 and not ImportBatch.objects.exists()
    fee = Scenario.objects.select_related("current_version").get(slug="the-fee-letter")
    assert fee.current_version.number == 2 and fee.current_version.author == program_admin


def test_a_file_saying_status_published_is_published_and_draft_stays_a_draft(
    admin_client, trainee
):
    published = FINE.read_text().replace("title:", "status: published\ntitle:", 1)
    draft = FEE.read_text().replace("title:", "status: draft\ntitle:", 1)
    raw = _zip(extra={"withdrawal/fine.yaml": published, "confrontation/fee.yaml": draft})
    location = _upload(admin_client, "two.zip", raw)["Location"]
    admin_client.post(location, {"confirm": "1"})
    assert dict(Scenario.objects.values_list("slug", "status")) == {
        "fine-just-tired": ScenarioStatus.PUBLISHED,
        "the-fee-letter": ScenarioStatus.DRAFT,
    }
    assert [s.slug for s in Scenario.objects.for_trainee(trainee)] == ["fine-just-tired"]


def test_confirming_twice_imports_once(admin_client):
    location = _upload(admin_client, "fine.yaml", FINE.read_text())["Location"]
    admin_client.post(location, {"confirm": "1"})
    again = admin_client.post(location, {"confirm": "1"}, follow=True)
    assert "already imported, discarded or has expired" in again.text
    assert ScenarioVersion.objects.count() == 1


def test_discarding_writes_nothing(admin_client):
    location = _upload(admin_client, "fine.yaml", FINE.read_text())["Location"]
    admin_client.post(location, {"discard": "1"})
    assert not ImportBatch.objects.exists() and not Scenario.objects.exists()


def test_nobody_confirms_another_admins_upload(admin_client, client):
    location = _upload(admin_client, "fine.yaml", FINE.read_text())["Location"]
    client.force_login(make_user("Program admin"))
    response = client.post(location, {"confirm": "1"})
    assert response.status_code == 302 and not Scenario.objects.exists()
    assert ImportBatch.objects.exists()


def test_an_upload_over_the_limit_is_refused_before_it_is_read(admin_client, settings):
    settings.AUTHORING_UPLOAD_MAX_BYTES = 100
    response = _upload(admin_client, "fine.yaml", FINE.read_text())
    assert "uploads are limited to 100 bytes" in response.text
    assert not ImportBatch.objects.exists()


def test_a_zip_climbing_out_of_itself_is_refused(admin_client):
    raw = _zip(extra={"../../etc/fine.yaml": FINE.read_text()})
    html = _upload(admin_client, "evil.zip", raw).text
    assert "climbs out of the archive" in html and not ImportBatch.objects.exists()


def test_the_import_page_has_one_file_input_and_an_import_button(admin_client):
    html = admin_client.get(UPLOAD).text
    assert html.count('type="file"') == 1
    assert '<button type="submit">Import</button>' in html
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.parametrize("much", [False, True], ids=["little", "much"])
def test_the_import_preview_costs_four_queries(admin_client, django_assert_num_queries, much):
    paths = [FINE, FEE, FOIL] if much else [FINE]
    library_load(specs=[load_file(path) for path in paths])
    location = _upload(admin_client, "library.zip", _zip(*paths))["Location"]
    # The session, the user, the upload; the scenarios it names (in a dry run's transaction).
    with django_assert_num_queries(2 + 1 + 3):
        assert admin_client.get(location).status_code == 200
