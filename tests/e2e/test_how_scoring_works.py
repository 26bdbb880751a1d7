"""The "How scoring works" page in real Chromium: readable, accessible, no console errors."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.flow import check_accessibility, login

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_trainee_reads_how_scoring_works(live_server, page: Page, demo):
    console_errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    login(page, live_server.url)

    page.goto(live_server.url + "/how-scoring-works/")

    expect(page.get_by_test_id("how-scoring-works")).to_be_visible()
    # the writer sets never trained on (the newest first: one today), CV, the holdout
    rows = page.get_by_test_id("agreement-table").locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("after this version")
    check_accessibility(page)
    assert console_errors == []
