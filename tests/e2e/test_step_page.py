"""The step page puts the work first, and no page logs an error to the console."""

import re

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


def test_the_answer_box_has_focus_and_ctrl_enter_submits(live_server, page: Page, demo):
    open_notice_step(page, live_server.url, demo["withdrawal"])
    box = page.locator('form[data-step="notice"] textarea[name="text"]')
    expect(box).to_be_focused()
    expect(page.get_by_text("Ctrl+Enter (⌘+Enter on a Mac) submits your answer.")).to_be_visible()

    page.keyboard.type(ANSWERS["notice"])
    page.keyboard.press("Control+Enter")

    expect(page.get_by_test_id("feedback")).to_be_visible()
    page.get_by_role("link", name="Next step →").click()
    expect(page.locator('form[data-step="invite"] textarea[name="text"]')).to_be_focused()
    page.keyboard.type(ANSWERS["invite"])
    page.keyboard.press("Meta+Enter")
    expect(page.get_by_test_id("feedback")).to_contain_text("Feedback on try 1")


def test_answered_recognition_is_one_line_and_the_transcript_is_whole_and_top_aligned(
    live_server, page: Page, demo
):
    page.set_viewport_size({"width": 1280, "height": 600})  # shorter than the vignette
    open_notice_step(page, live_server.url, demo["confrontation"])
    recognition = page.locator("details#recognition")
    expect(recognition).not_to_have_attribute("open", "")
    summary = recognition.locator("summary")
    assert summary.bounding_box()["height"] < 40, "one line"
    expect(summary).to_contain_text(
        re.compile(r"Recognition: (right|not quite) · a confrontation rupture · \d+/100")
    )
    summary.click()
    expect(recognition.locator(".marker-results")).to_be_visible()

    vignette = page.locator("aside.vignette")
    work = page.locator(".work")
    assert abs(vignette.bounding_box()["y"] - work.bounding_box()["y"]) < 1
    # Nothing scrolls inside the vignette: the last client turn is all there.
    overflow = vignette.evaluate("el => el.scrollHeight - el.clientHeight")
    assert overflow <= 1
    last = page.locator("#transcript li").last
    last.scroll_into_view_if_needed()
    expect(last).to_be_in_viewport(ratio=1)
    check_accessibility(page)


def test_without_javascript_the_page_after_a_submit_opens_at_the_feedback(
    live_server, browser: Browser, demo
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_notice_step(page, live_server.url, demo["withdrawal"], "trainee2")
    answer_step(page, "notice", ANSWERS["notice"])
    assert page.url.endswith("/steps/notice/#feedback")
    expect(page.get_by_test_id("feedback")).to_be_in_viewport()
    context.close()


def test_no_page_of_the_practice_flow_logs_a_console_error(live_server, page: Page, demo):
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    spec = demo["withdrawal"]
    page.goto(live_server.url + "/accounts/login/")
    login(page, live_server.url)
    page.get_by_label("Search").fill("ward")  # the list is swapped as you type
    expect(page.get_by_role("status").filter(has_text="match")).to_be_visible()
    page.get_by_label("Search").fill("")
    start(page, spec.title)
    recognise(page, spec, spec.markers)
    page.get_by_role("link", name="Start repairing: Notice →").click()
    for step in STEPS:
        answer_step(page, step, ANSWERS[step])
        if step != "negotiate":
            page.get_by_role("link", name="Next step →").click()
    page.get_by_role("link", name="See the summary →").click()
    page.get_by_label("Your reflection").fill("I rushed.")
    page.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("Reflection saved.")).to_be_visible()
    for path in ("/progress/", "/accounts/password/", "/practice/?q=bus&difficulty=beginner"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert errors == []
