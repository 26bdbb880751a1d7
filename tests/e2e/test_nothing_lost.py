"""Nothing a trainee types is lost: offline, on a failed submit, across a reload.

The browser keeps a copy of the answer box until the server confirms a
submit; the draft status never says "saved" for words the server lacks; a
failed request says in place, in words, what happened and how to retry.
"""

import re

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import Page, Route, expect

from tests.e2e.flow import check_accessibility, open_notice_step

pytestmark = pytest.mark.django_db(transaction=True)

STEP_POST = re.compile(r"/attempts/\d+/steps/notice/$")
DRAFT_POST = re.compile(r"/attempts/\d+/steps/notice/draft/$")
LOCAL_COPY = "Object.keys(localStorage).filter(k => k.startsWith('ruptures-draft:'))"


def answer_box(page: Page):
    return page.locator('form[data-step="notice"] textarea[name="text"]')


def request_error(page: Page):
    return page.locator('form[data-step="notice"] .request-error')


def local_copies(page: Page) -> list[str]:
    return page.evaluate(f"{LOCAL_COPY}.map(k => JSON.parse(localStorage.getItem(k)).text)")


def test_typing_offline_is_not_reported_as_saved_and_an_offline_submit_keeps_the_words(
    live_server, page: Page, demo
):
    open_notice_step(page, live_server.url, demo["withdrawal"])
    status = page.locator("#draft_status")
    answer_box(page).press_sequentially("I notice you went quiet", delay=5)
    expect(status).to_have_text("Draft saved")

    page.context.set_offline(True)
    answer_box(page).press_sequentially(" when I mentioned your sister.", delay=5)
    typed = "I notice you went quiet when I mentioned your sister."
    expect(status).to_contain_text("Not saved: you are offline.")
    page.wait_for_timeout(900)  # the autosave fires and fails
    expect(status).to_contain_text("Not saved: you are offline.")
    expect(status).not_to_contain_text("Draft saved")

    page.get_by_role("button", name="Submit for feedback").click()
    expect(request_error(page)).to_have_text(
        "Your answer was not sent: you seem to be offline. Your words are still in the box. "
        "To retry, once you are back online, press “Submit for feedback” again."
    )
    expect(answer_box(page)).to_have_value(typed)
    assert local_copies(page) == [typed]

    # Back online, the words reach the server without a keystroke; a reload shows them.
    page.context.set_offline(False)
    expect(status).to_have_text("Draft saved")
    page.reload()
    expect(answer_box(page)).to_have_value(typed)


def test_words_typed_while_the_server_was_unreachable_are_offered_back_after_a_reload(
    live_server, page: Page, demo
):
    open_notice_step(page, live_server.url, demo["confrontation"])
    answer_box(page).press_sequentially("I can hear", delay=5)
    expect(page.locator("#draft_status")).to_have_text("Draft saved")
    page.route(DRAFT_POST, lambda route: route.abort())
    answer_box(page).press_sequentially(" how let down you feel.", delay=5)
    expect(page.locator("#draft_status")).to_contain_text("the server could not be reached")

    page.reload()  # the server's draft has the first words only
    expect(answer_box(page)).to_have_value("I can hear")
    page.get_by_role("button", name="Put those words in the box").click()
    expect(answer_box(page)).to_have_value("I can hear how let down you feel.")
    check_accessibility(page)


def _fulfil_submit(outcome: str):
    def handle(route: Route) -> None:
        if route.request.method != "POST":
            route.continue_()
        elif outcome == "timeout":
            pass  # never answered
        else:
            route.fulfill(status=int(outcome), body="Something went wrong")

    return handle


@pytest.mark.parametrize(
    "outcome, said",
    [
        (
            "500",
            "the server had a problem (error 500). Your words are still in the box. "
            "To retry, press “Submit for feedback” again in a moment.",
        ),
        ("503", "the server is busy for a moment (error 503)"),
        ("403", "the server refused it (error 403); you may have been signed out"),
        ("timeout", "the server did not answer in time"),
    ],
)
def test_a_failed_submit_leaves_the_words_in_the_box_and_says_so(
    live_server, page: Page, demo, outcome, said
):
    open_notice_step(page, live_server.url, demo["withdrawal"])
    if outcome == "timeout":
        page.wait_for_function("() => window.htmx !== undefined")
        page.evaluate("htmx.config.timeout = 500")
    typed = "I notice you went quiet just now. What was that like?"
    answer_box(page).fill(typed)
    answer_box(page).press("End")  # an input event: the browser's copy is written
    page.route(STEP_POST, _fulfil_submit(outcome))

    page.get_by_role("button", name="Submit for feedback").click()

    expect(request_error(page)).to_contain_text("Your answer was not sent: " + said)
    expect(answer_box(page)).to_have_value(typed)
    expect(page.get_by_role("button", name="Submit for feedback")).to_be_enabled()
    assert local_copies(page) == [typed]  # kept: the server never confirmed
    check_accessibility(page)

    # Once the server answers, the answer is stored and the browser's copy goes.
    page.unroute(STEP_POST)
    page.get_by_role("button", name="Submit for feedback").click()
    expect(page.get_by_test_id("feedback")).to_be_visible()
    expect(request_error(page)).to_have_count(0)
    assert local_copies(page) == []


def test_during_a_database_outage_the_box_keeps_the_words_and_says_they_were_not_saved(
    live_server, page: Page, demo
):
    """The 503 the server sends in an outage (ruptures.views.errors) is said in its words."""
    open_notice_step(page, live_server.url, demo["withdrawal"])
    typed = "I notice you went quiet just now."
    answer_box(page).fill(typed)
    answer_box(page).press("End")
    outage = render_to_string("_503_fragment.html")
    page.route(
        STEP_POST,
        lambda route: route.fulfill(status=503, body=outage, headers={"Retry-After": "30"}),
    )

    page.get_by_role("button", name="Submit for feedback").click()

    expect(request_error(page)).to_have_text(
        "Not saved: the studio's database is not answering for a moment, so nothing you sent "
        "was stored. Your words are still in the box. To retry, wait a minute, then press "
        "“Submit for feedback” again."
    )
    expect(answer_box(page)).to_have_value(typed)
    assert local_copies(page) == [typed]
    check_accessibility(page)


def test_a_submit_after_the_session_ended_keeps_the_words_and_never_shows_the_login_form(
    live_server, page: Page, demo
):
    open_notice_step(page, live_server.url, demo["withdrawal"])
    typed = "I notice you went quiet just now."
    answer_box(page).fill(typed)
    page.context.clear_cookies(name="sessionid")  # signed out elsewhere, or expired

    page.get_by_role("button", name="Submit for feedback").click()

    expect(request_error(page)).to_contain_text(
        "Your answer was not sent: you have been signed out. Your words are still in the box."
    )
    expect(answer_box(page)).to_have_value(typed)
    expect(page.get_by_label("Password")).to_have_count(0)  # no login page swapped in


def test_draft_saved_is_said_only_of_the_words_the_server_has(live_server, page: Page, demo):
    open_notice_step(page, live_server.url, demo["withdrawal"])
    held: list[Route] = []
    page.route(DRAFT_POST, lambda route: held.append(route))  # held until released below
    status = page.locator("#draft_status")
    answer_box(page).press_sequentially("I notice", delay=5)
    page.wait_for_timeout(900)  # the autosave of "I notice" is sent and held
    answer_box(page).press_sequentially(" you went quiet", delay=5)

    held.pop(0).continue_()  # the server saves "I notice" and says so
    page.wait_for_timeout(300)
    expect(status).to_have_text("Not saved yet…")

    page.wait_for_timeout(900)  # the autosave of the whole text is sent and held
    held.pop(0).continue_()
    expect(status).to_have_text("Draft saved")
