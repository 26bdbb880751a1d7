"""The review loop in real Chromium: a supervisor reviews, a trainee reads and asks again."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from ruptures.models import Scenario, User
from tests.factories import make_finished_attempt

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def demo(settings):
    """The demo cohort, and two finished attempts by its trainee Tess: the older first."""
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    tess = User.objects.get(username="trainee")
    first, second = Scenario.objects.filter(rupture_type="withdrawal").order_by("slug")[:2]
    now = timezone.now()
    return [
        make_finished_attempt(tess, scenario, started_at=now - timedelta(days=days))
        for scenario, days in ((first, 3), (second, 2))
    ]


def login(page: Page, base: str, username: str, landing: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id(landing)).to_be_visible()


def check_accessibility(page: Page) -> None:
    """axe-core finds no serious or critical violations on the current page."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    assert violations == [], violations


def queue_rows(page: Page):
    return page.get_by_test_id("queue-row")


def test_a_supervisor_reviews_with_and_without_javascript_and_the_trainee_reads_both(
    live_server, page: Page, browser: Browser, demo
):
    console_errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    older, newer = demo
    base = live_server.url

    # With JavaScript: the dashboard, the queue, then one step saved in place.
    login(page, base, "supervisor", "cohort-home")
    expect(page.get_by_test_id("dashboard-row")).to_have_count(2)  # Tess and Ravi
    check_accessibility(page)
    page.get_by_role("link", name="Tess Lindqvist").click()
    expect(page.get_by_test_id("trainee-page")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Review").first.click()
    expect(queue_rows(page)).to_have_count(2)
    expect(queue_rows(page).first).to_have_attribute("data-attempt", str(older.pk))
    check_accessibility(page)
    queue_rows(page).first.get_by_role("link").click()
    form = page.get_by_test_id("review-form")
    expect(form).to_be_visible()
    check_accessibility(page)
    review_url = page.url
    form.locator('input[name="level_notice"][value="3"]').check()
    form.get_by_label("Your comment on Notice").fill("You named the silence without blame.")
    form.get_by_role("button", name="Save Notice").click()
    expect(page.locator("#review_step_notice")).to_contain_text("Saved: the Notice step")
    assert page.url == review_url  # swapped in place, not reloaded
    expect(page.locator("#review_history")).to_contain_text("Revision 1")
    page.get_by_role("link", name="Engine agreement").click()
    expect(page.get_by_test_id("not-meaningful")).to_contain_text("1 reviewed step so far")
    check_accessibility(page)
    assert console_errors == []

    # Without JavaScript: the other attempt, the whole form at once.
    plain = browser.new_context(java_script_enabled=False)
    other = plain.new_page()
    login(other, base, "supervisor", "cohort-home")
    other.get_by_role("navigation", name="Main").get_by_role("link", name="Review").first.click()
    expect(queue_rows(other)).to_have_count(1)
    queue_rows(other).first.get_by_role("link").click()
    form = other.get_by_test_id("review-form")
    form.locator('input[name="level_invite"][value="1"]').check()
    form.get_by_label("Overall comment").fill("Slow down at the invite step.")
    form.get_by_role("button", name="Save the whole review").click()
    expect(other.get_by_text("Review saved.")).to_be_visible()
    other.goto(base + "/review/")
    expect(other.get_by_test_id("queue-empty")).to_be_visible()
    plain.close()

    # The trainee sees both reviews, and the New marker until each is read.
    page.context.clear_cookies()
    login(page, base, "trainee", "practice-home")
    marker = page.get_by_test_id("new-reviews")
    expect(page.get_by_test_id("unread-marker")).to_be_visible()
    expect(marker.get_by_role("link")).to_have_count(2)
    check_accessibility(page)
    marker.get_by_role("link", name=older.version.title).click()
    review = page.get_by_test_id("attempt-review")
    expect(review).to_contain_text("You named the silence without blame.")
    expect(review).to_contain_text("3 · Strong")
    check_accessibility(page)
    page.get_by_role("link", name="Practice").first.click()
    expect(page.get_by_test_id("new-reviews").get_by_role("link")).to_have_count(1)
    page.get_by_test_id("new-reviews").get_by_role("link", name=newer.version.title).click()
    expect(page.get_by_test_id("attempt-review")).to_contain_text("Slow down at the invite step.")
    page.get_by_role("link", name="Practice").first.click()
    expect(page.get_by_test_id("practice-home")).to_be_visible()
    expect(page.get_by_test_id("unread-marker")).to_have_count(0)
    assert console_errors == []


def test_a_trainee_asks_for_a_human_review_and_it_tops_the_queue(
    live_server, page: Page, browser: Browser, demo
):
    console_errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    older, newer = demo
    base = live_server.url

    login(page, base, "trainee", "practice-home")
    page.goto(f"{base}/attempts/{newer.pk}/steps/validate/")
    page.get_by_text("Ask your supervisor to look at this score").click()
    page.get_by_label("What should your supervisor look at?").fill("I think this was warmer.")
    page.get_by_role("button", name="Ask for a human review").click()
    state = page.get_by_test_id("review-request-state")
    expect(state).to_contain_text("It is waiting in their queue.")
    expect(state).to_be_focused()
    check_accessibility(page)
    page.get_by_role("link", name="Journal").click()
    expect(page.get_by_test_id("journal-page")).to_be_visible()
    check_accessibility(page)
    assert console_errors == []

    supervisor = browser.new_context().new_page()
    login(supervisor, base, "supervisor", "cohort-home")
    row = supervisor.get_by_test_id("dashboard-row").filter(has_text="Tess Lindqvist")
    expect(row).to_contain_text("Asked for a human review (1 open request)")
    supervisor.get_by_role("link", name="Review").first.click()
    expect(queue_rows(supervisor)).to_have_count(2)
    top = queue_rows(supervisor).first
    expect(top).to_have_attribute("data-attempt", str(newer.pk))  # newer, yet first
    expect(top).to_contain_text("Asked")
    top.get_by_role("link").click()
    expect(supervisor.get_by_test_id("step-request")).to_contain_text("I think this was warmer.")
    supervisor.context.close()
