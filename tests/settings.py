"""Settings for the test suite: production settings plus what tests need.

pyproject.toml points pytest-django here. The environment defaults are set
before `ruptures.settings` reads them, so a developer's own variables (for
example DATABASE_URL) still win; the overrides below make plain-HTTP test
clients, source-folder static files and fast password hashing work.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-never-used-in-any-deployment")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from ruptures.settings import *  # noqa: E402, F403

# The test client and the live server speak plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# No collectstatic before a test run: serve static files from the source folders.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Every factory user gets a password; the default hasher is slow on purpose.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
