"""Production settings: deploy checks and refusing to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    # pytest-django exports tests.settings; the commands must see production's.
    "DJANGO_SETTINGS_MODULE": "ruptures.settings",
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Kq2" * 10,
    "ALLOWED_HOSTS": "studio.example.org",
    "DATABASE_URL": "sqlite://:memory:",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_seed_demo_refuses_to_run_without_debug():
    result = _manage("seed_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_hashes_new_passwords_with_argon2_and_still_reads_pbkdf2():
    script = (
        "from django.contrib.auth.hashers import check_password, make_password;"
        "from django.contrib.auth.hashers import PBKDF2PasswordHasher as P;"
        "old = P().encode('s3cret-words', P().salt());"
        "print(make_password('s3cret-words').split('$')[0], check_password('s3cret-words', old))"
    )
    result = _manage("shell", "--no-imports", "-c", script, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["argon2", "True"]
