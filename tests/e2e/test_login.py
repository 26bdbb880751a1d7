"""A demo trainee logs in through a real browser and reaches practice."""

import pytest
from playwright.sync_api import Page, expect

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
