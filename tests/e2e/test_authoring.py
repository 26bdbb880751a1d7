"""A program admin authors in real Chromium: the editor with its live preview, and imports.

Each test ends with a trainee, in a browser of their own, seeing and starting
what the admin made.
"""

import copy
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ruptures.library import load_file
from ruptures.models import PROGRAM_ADMIN, TRAINEE
from tests.e2e.test_practice_flow import check_accessibility
from tests.factories import PASSWORD, editor_post, make_user

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = load_file(ROOT / "scenarios" / "withdrawal" / "fine-just-tired.yaml")
TITLE = "Quiet after the phone call"
SAMPLE_ANSWER = "What was it like for you when I started with your mom's call?"


@pytest.fixture
def people(db):
    return make_user(PROGRAM_ADMIN, username="ada"), make_user(TRAINEE, username="tess")


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    return errors


def trainee_starts(browser: Browser, base: str, title: str) -> None:
    """The trainee, in a browser of their own, finds the scenario and starts it."""
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, base, "tess")
    card = page.locator(".scenario-card", has_text=title)
    expect(card).to_be_visible()
    card.get_by_role("button", name="Start").click()
    expect(page.get_by_test_id("recognition-form")).to_be_visible()
    context.close()


def trainee_does_not_see(browser: Browser, base: str, title: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, base, "tess")
    expect(page.get_by_test_id("practice-home")).to_be_visible()
    expect(page.locator(".scenario-card", has_text=title)).to_have_count(0)
    context.close()


def scenario_data() -> dict:
    """The sample cut to what a blank editor holds: four turns, one row of each list."""
    data = copy.deepcopy(SAMPLE.to_dict())
    data.update(slug="quiet-after-the-phone-call", title=TITLE)
    turns = data["transcript"]
    data["transcript"] = [turns[0], turns[1], turns[2], turns[7]]
    for step in data["steps"].values():
        step["counterexamples"] = step["counterexamples"][:1]
        step["criteria"] = step["criteria"][:1]
    return data


def fill_editor(page: Page, data: dict) -> None:
    """Type every field as a person would: text into boxes, choices from lists and ticks."""
    for name, value in editor_post(data).items():
        field = page.locator(f'[name="{name}"]')
        if name == "markers":
            for code in value:
                page.locator(f'input[name="markers"][value="{code}"]').check()
        elif field.first.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value if isinstance(value, list) else [value])
        else:
            field.fill(value)


def test_an_admin_writes_previews_and_publishes_a_scenario_a_trainee_then_starts(
    live_server, page: Page, browser: Browser, people
):
    errors = console_errors(page)
    sign_in(page, live_server.url, "ada")
    expect(page.get_by_test_id("authoring-home")).to_be_visible()
    page.get_by_role("link", name="New scenario").click()
    expect(page.get_by_test_id("scenario-editor")).to_be_visible()
    check_accessibility(page)

    # htmx adds and removes a turn in place: the title typed before stays.
    page.locator('[name="title"]').fill(TITLE)
    page.get_by_role("button", name="Add a turn").click()
    expect(page.locator("#transcript_editor .row")).to_have_count(5)
    page.get_by_role("button", name="Remove turn 5").click()
    expect(page.locator("#transcript_editor .row")).to_have_count(4)
    expect(page.locator('[name="title"]')).to_have_value(TITLE)

    fill_editor(page, scenario_data())

    # The live preview scores as the admin types, before anything is saved.
    page.get_by_label("Step", exact=True).select_option("invite")
    page.get_by_test_id("preview-input").press_sequentially(SAMPLE_ANSWER, delay=5)
    result = page.get_by_test_id("preview-result")
    expect(result).to_have_attribute("data-level", re.compile(r"^[0-3]$"))
    expect(result).to_contain_text("Opens space for Mateo")  # the scenario's own criterion
    page.get_by_role("button", name="Check exemplars").click()
    expect(page.locator("#example_check")).to_contain_text("Exemplar check")
    check_accessibility(page)

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("saved as a draft")).to_be_visible()
    trainee_does_not_see(browser, live_server.url, TITLE)

    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("is published: trainees see it now")).to_be_visible()
    trainee_starts(browser, live_server.url, TITLE)
    assert errors == []


def test_an_admin_imports_a_scenario_file_a_trainee_then_starts(
    live_server, page: Page, browser: Browser, people, tmp_path
):
    errors = console_errors(page)
    upload = tmp_path / "fine-just-tired.yaml"
    upload.write_text(
        (ROOT / "scenarios/withdrawal/fine-just-tired.yaml")
        .read_text()
        .replace("title:", "status: published\ntitle:", 1)
    )
    sign_in(page, live_server.url, "ada")
    page.get_by_role("link", name="Import files").click()
    expect(page.get_by_test_id("import-page")).to_be_visible()
    check_accessibility(page)
    page.locator('input[type="file"]').set_input_files(upload)
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_test_id("import-preview")).to_contain_text("New scenario")
    check_accessibility(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("1 new, 0 new versions, 0 unchanged")).to_be_visible()
    trainee_starts(browser, live_server.url, SAMPLE.title)
    assert errors == []


@pytest.mark.parametrize(
    "path, heading",
    [
        ("/authoring/rubric/invite/", "rubric-step"),
        ("/authoring/rubric/", "rubric-home"),
        ("/authoring/rubric/scoring/", "rubric-scoring"),
        ("/authoring/people/", "people-home"),
        ("/authoring/people/new/", "person-new"),
        ("/authoring/cohorts/new/", "cohort-edit"),
    ],
)
def test_the_other_authoring_pages_are_accessible(live_server, page: Page, people, path, heading):
    errors = console_errors(page)
    sign_in(page, live_server.url, "ada")
    page.goto(live_server.url + path)
    expect(page.get_by_test_id(heading)).to_be_visible()
    check_accessibility(page)
    if heading == "rubric-step":
        page.get_by_test_id("preview-input").press_sequentially("What was that like for you?")
        expect(page.get_by_test_id("preview-result")).to_have_attribute(
            "data-level", re.compile(r"^[0-3]$")
        )
        check_accessibility(page)
    assert errors == []


def test_an_admin_changes_a_trainees_role_on_their_page(live_server, page: Page, people):
    errors = console_errors(page)
    _, tess = people
    sign_in(page, live_server.url, "ada")
    page.goto(f"{live_server.url}/authoring/people/{tess.pk}/")
    expect(page.get_by_test_id("person-detail")).to_be_visible()
    check_accessibility(page)
    form = page.get_by_test_id("role-form")
    expect(form.get_by_label("Trainee")).to_be_checked()
    form.get_by_label("Supervisor").check()
    form.get_by_role("button", name="Change role").click()
    expect(page.get_by_text("tess is now a supervisor.")).to_be_visible()
    expect(page.get_by_test_id("role-changes")).to_contain_text(
        "Role changed from Trainee to Supervisor. By ada"
    )
    check_accessibility(page)
    assert errors == []
