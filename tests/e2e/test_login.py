"""A demo trainee logs in through a real browser and reaches practice."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.flow import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_trainee_logs_in_and_sees_practice_home(live_server, page: Page, demo):
    page.goto(live_server.url + "/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    page.get_by_label("Username").fill("trainee")
    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{live_server.url}/practice/")
    expect(page.get_by_test_id("practice-home")).to_have_text("Practice")
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Practice")


def test_wrong_password_is_refused_in_the_browser(live_server, page: Page, demo):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("trainee")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")


def test_five_wrong_passwords_pause_logins_with_a_page_in_words(live_server, page: Page, demo):
    for attempt in range(5):
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Username").fill("trainee")
        page.get_by_label("Password").fill(f"guess-{attempt}")
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Too many login attempts")).to_be_visible()

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("trainee")
    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Too many login attempts")).to_be_visible()
    expect(page.locator("main")).to_contain_text("even the right password is refused")
    check_accessibility(page)
