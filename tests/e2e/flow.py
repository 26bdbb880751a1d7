"""What the browser tests share: a trainee's moves through the flow, and the checks."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STEPS = ("notice", "invite", "validate", "explore", "negotiate")
ANSWERS = {
    "notice": "I notice something shifted just now. I may be wrong, but you seem further away.",
    "invite": "What was it like for you just now, sitting here with me?",
    "validate": "It makes sense that you'd feel wary after what happened between us last time.",
    "explore": "I'm curious what it was like when I said that. What happened inside for you?",
    "negotiate": "I moved too fast there, that's on me. How would you like us to go from here?",
}


def login(page: Page, base: str, username: str = "trainee") -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("practice-home")).to_be_visible()


def check_accessibility(page: Page) -> None:
    """axe-core finds no serious or critical violations on the current page."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    # evaluate() is not subject to the page's CSP, so no inline script is needed.
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    assert violations == [], violations


def start(page: Page, title: str) -> None:
    card = page.locator(".scenario-card", has_text=title)
    card.get_by_role("button", name="Start").click()
    expect(page.get_by_test_id("recognition-form")).to_be_visible()


KIND_LABELS = {
    "withdrawal": "Withdrawal: the client moves away from you or the work",
    "confrontation": "Confrontation: the client moves against you or the work",
}


def recognise(page: Page, spec, markers) -> None:
    """Answer the recognition form: a rupture of the scenario's kind with `markers`."""
    form = page.get_by_test_id("recognition-form")
    form.get_by_label("Yes, something ruptured").check()
    form.get_by_label(KIND_LABELS[spec.rupture_type]).check()
    for code in markers:
        form.locator(f'input[name="markers"][value="{code}"]').check()
    form.get_by_role("button", name="Check my answer").click()


def open_notice_step(page: Page, base: str, spec, username: str = "trainee") -> None:
    """Log in, start the vignette, answer recognition and open the first repair step."""
    login(page, base, username)
    start(page, spec.title)
    recognise(page, spec, spec.markers[:1])
    expect(page.get_by_test_id("recognition-feedback")).to_be_visible()
    page.get_by_role("link", name="Start repairing: Notice →").click()


def answer_step(page: Page, step: str, text: str) -> str:
    form = page.locator(f'form[data-step="{step}"]')
    textarea = form.locator('textarea[name="text"]')
    textarea.fill("")
    textarea.press_sequentially(text, delay=2)
    form.get_by_role("button", name="Submit for feedback").click()
    feedback = page.get_by_test_id("feedback")
    expect(feedback).to_be_visible()
    return feedback.get_attribute("data-level")
