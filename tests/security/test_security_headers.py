"""Cookies, headers and scripts: what production sends, and what no template may hold.

The suite runs on tests/settings.py, which turns the cookies' Secure flag off
for the plain-HTTP test client. So production's cookie settings are read from
`ruptures.settings` with DEBUG off in a fresh interpreter, then applied to a
real sign-in here, and the Set-Cookie headers are read back. Every response
of the URL walk is checked for the CSP and the other headers
(`test_security_urls.py`); the checkers themselves are tested here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD, make_user
from tests.security.checks import (
    assert_security_headers,
    assert_strict_csp,
    inline_scripts,
    inline_scripts_in_source,
)

ROOT = Path(__file__).resolve().parents[2]
COOKIE_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
]


@pytest.fixture(scope="module")
def production() -> dict[str, object]:
    """The cookie settings `ruptures.settings` gives with DEBUG off, as a deployment has them."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "ruptures.settings",
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-" + "q3Zp8" * 10,
        "ALLOWED_HOSTS": "studio.example.org",
        "DATABASE_URL": "sqlite://:memory:",
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {COOKIE_SETTINGS + ['DEBUG']!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values.pop("DEBUG") is False
    return values


def test_production_cookies_are_secure_and_the_session_is_out_of_scripts_reach(production):
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert production["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")


@pytest.mark.django_db
def test_signing_in_with_production_settings_sets_flagged_cookies(production):
    user = make_user()
    client = Client(enforce_csrf_checks=True)
    with override_settings(**production):
        page = client.get(reverse("login"))
        csrf = page.cookies["csrftoken"]
        assert csrf["secure"] and csrf["samesite"] == production["CSRF_COOKIE_SAMESITE"]
        form = {"username": user.username, "password": PASSWORD}
        form["csrfmiddlewaretoken"] = csrf.value
        response = client.post(reverse("login"), form)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == production["SESSION_COOKIE_SAMESITE"]


@pytest.mark.django_db
def test_the_sign_in_page_and_a_refusal_carry_the_headers(client):
    # Pages the walk reaches too; here without any world, as a visitor first sees them.
    for response in (client.get(reverse("login")), client.get("/no-such-page/")):
        assert_security_headers(response)
        assert "Content-Security-Policy" in response


def test_no_template_holds_an_inline_script_or_handler():
    templates = sorted((ROOT / "templates").rglob("*.html"))
    assert len(templates) > 40
    found = {
        str(path.relative_to(ROOT)): problems
        for path in templates
        if (problems := inline_scripts_in_source(path.read_text()))
    }
    assert found == {}


# --- The checkers catch what they are for ----------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script src="/static/x.js">alert(1)</script>',
        "<script nonce=abc></script>",
        '<button onclick="go()">Go</button>',
        '<form hx-on:submit="go()"></form>',
        '<a href="javascript:go()">Go</a>',
        "<body onload=go()>",
    ],
)
def test_the_page_checker_finds_inline_script(html):
    assert inline_scripts(html) != []


def test_the_page_checker_lets_external_scripts_and_data_attributes_be():
    html = '<script src="/static/js/app.js" defer></script><div data-once="1" hx-get="/x"></div>'
    assert inline_scripts(html) == []


def test_the_template_checker_finds_a_handler_inside_a_template_tag():
    source = '<input name="x" {% if y %}onfocus="go()"{% endif %}>'
    assert inline_scripts_in_source(source) != []


@pytest.mark.parametrize(
    "header",
    [
        "default-src 'self'; script-src 'self' 'unsafe-inline'",
        "default-src 'self'; script-src 'self' 'unsafe-eval'",
        "default-src 'self'; script-src 'self' https://cdn.example.org",
        "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'",
        "default-src *; script-src 'self'",
        "script-src 'self'",
    ],
)
def test_the_csp_checker_refuses_a_lax_policy(header):
    with pytest.raises(AssertionError):
        assert_strict_csp(header)
