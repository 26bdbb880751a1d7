"""Browser tests: Playwright's sync API driving Debian's Chromium.

`playwright install` cannot download browsers here, so the launch points at
the system Chromium. The sync API runs an event loop in the test thread,
which Django's ORM refuses unless told it is safe: these tests are single
threaded on our side, so it is.
"""

import os
import shutil

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread

from ruptures.library import load_paths
from tests.e2e.flow import ROOT

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


class SerialWSGIServer(WSGIServer):
    """The live server answering one request at a time.

    On the in-memory SQLite test database every request thread of Django's
    threaded live server shares the test's one connection, and SQLite fails
    ("bad parameter or other API misuse") when two threads use it at once, as
    an autosave and a page reload can. PostgreSQL gives each thread its own.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server_on_sqlite():
    if connection.vendor == "sqlite":
        LiveServerThread.server_class = SerialWSGIServer


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def demo(settings):
    """The demo users and library; the library's last scenario of each kind, by kind."""
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    return {s.rupture_type: s for s in reversed(load_paths([ROOT / "scenarios"]).scenarios)}
