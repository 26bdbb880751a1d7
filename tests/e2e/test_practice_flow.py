"""A trainee works through vignettes in real Chromium, typing like a person."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.flow import (
    ANSWERS,
    STEPS,
    answer_step,
    check_accessibility,
    login,
    open_notice_step,
    recognise,
    start,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_full_attempt_typed_like_a_person(live_server, page: Page, demo):
    # The content security policy forbids inline scripts and styles: any page
    # (or htmx) breaking that shows up as a console error.
    console_errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    spec = demo["withdrawal"]
    login(page, live_server.url)
    check_accessibility(page)
    start(page, spec.title)
    check_accessibility(page)

    recognise(page, spec, spec.markers)
    expect(page.get_by_test_id("recognition-feedback")).to_have_attribute("data-correct", "true")
    expect(page.get_by_test_id("recognition-feedback")).to_be_focused()
    expect(page.locator(".turn-marked").first).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Start repairing: Notice →").click()
    for i, step in enumerate(STEPS):
        expect(page.locator(f'form[data-step="{step}"]')).to_be_visible()
        level = answer_step(page, step, ANSWERS[step])
        assert level in {"0", "1", "2", "3"}
        # Keyboard and screen-reader users land on the feedback after the swap.
        expect(page.get_by_test_id("feedback")).to_be_focused()
        if i == 0:
            check_accessibility(page)
            # One retry: every try is kept, and the feedback follows the latest.
            answer_step(page, step, "Let's just get back to the plan for today.")
            expect(page.get_by_test_id("feedback")).to_contain_text("try 2")
            expect(page.get_by_text("All your tries at this step")).to_be_visible()
        if step != "negotiate":
            page.get_by_role("link", name="Next step →").click()
    page.get_by_role("link", name="See the summary →").click()

    summary = page.get_by_test_id("attempt-summary")
    expect(summary).to_contain_text("Repair steps")
    check_accessibility(page)
    page.get_by_label("About right").check()
    page.get_by_label("Your reflection").fill("I wanted to rush to fix it.")
    page.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("Reflection saved.")).to_be_visible()

    page.get_by_role("link", name="See your progress").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("progress", ignore_case=True)
    check_accessibility(page)
    assert console_errors == []


def test_foil_attempt_ends_after_recognition(live_server, page: Page, demo):
    spec = demo["none"]
    login(page, live_server.url)
    start(page, spec.title)
    page.get_by_label("No, nothing ruptured").check()
    page.get_by_role("button", name="Check my answer").click()
    feedback = page.get_by_test_id("recognition-feedback")
    expect(feedback).to_have_attribute("data-correct", "true")
    expect(feedback).to_contain_text("Nothing ruptured here")
    page.get_by_role("link", name="See the summary").click()
    expect(page.get_by_test_id("attempt-summary")).to_contain_text(spec.why_no_rupture[:40])


def test_reload_mid_step_restores_the_draft(live_server, page: Page, demo):
    console_errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    open_notice_step(page, live_server.url, demo["confrontation"])

    draft = "I can hear how frustrated you are with me right now"
    page.locator('form[data-step="notice"] textarea[name="text"]').press_sequentially(draft)
    expect(page.locator("#draft_status")).to_have_text("Draft saved")
    assert console_errors == []  # e.g. an hx-disabled-elt the textarea inherits and cannot use
    # Clear the browser's own copy so that the restored text can only come from the server.
    page.evaluate("window.localStorage.clear()")
    page.reload()
    expect(page.locator('form[data-step="notice"] textarea[name="text"]')).to_have_value(draft)


def test_the_same_flow_works_without_javascript(live_server, browser: Browser, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_notice_step(page, live_server.url, demo["withdrawal"], "trainee2")
    for step in STEPS:
        answer_step(page, step, ANSWERS[step])
        if step != "negotiate":
            page.get_by_role("link", name="Next step →").click()
    page.get_by_role("link", name="See the summary →").click()
    expect(page.get_by_test_id("attempt-summary")).to_be_visible()
    page.get_by_label("Too hard").check()
    page.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("Reflection saved.")).to_be_visible()
    context.close()


def test_typing_survives_a_lost_connection(live_server, page: Page, demo):
    open_notice_step(page, live_server.url, demo["withdrawal"])
    page.context.set_offline(True)
    typed = "I may be wrong, but something seemed to change when I mentioned it"
    page.locator('form[data-step="notice"] textarea[name="text"]').press_sequentially(typed)
    page.wait_for_timeout(800)  # the autosave fires and fails
    page.context.set_offline(False)
    page.reload()
    expect(page.locator('form[data-step="notice"] textarea[name="text"]')).to_have_value(typed)


@pytest.mark.parametrize(
    "username, heading", [("supervisor", "cohort-home"), ("admin", "authoring-home")]
)
def test_login_and_other_role_homes_are_accessible(
    live_server, page: Page, demo, username, heading
):
    page.goto(live_server.url + "/accounts/login/")
    check_accessibility(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id(heading)).to_be_visible()
    check_accessibility(page)
