"""Where one step submit's time goes: a breakdown measured in-process.

    .venv/bin/python bench/profile_submit.py [--requests 200] [--warmup 20] [--cprofile 25]

Sends htmx step submits, as `bench/http_bench.py` does (five steps, two
tries each per attempt, the same answer, urlencoded), through Django's test
Client and the whole middleware stack, against DATABASE_URL (default: a
`ruptures_perf_bench` database on the local PostgreSQL, prepared like the
HTTP bench's; a `sqlite:///...` URL works too). Each request's wall-clock
time is split by timers that nest, each section counting only its own time:

- middleware, test client: the request outside the view (session, auth,
  CSRF, headers) and the test client's own work;
- view: the view's own Python, ORM query building included;
- form: the answer form's validation;
- engine: `assess`, as the service calls it;
- render: the template, less the queries it runs;
- db: time inside `cursor.execute` (driver, round trip, server), split by
  the section that ran it, with the number of queries per request.

It prints a table of wall-clock and CPU milliseconds per request with their
shares (CPU time is the steadier figure on a shared machine; the gap between
the two is mostly waiting for PostgreSQL), and with `--cprofile N` the N
functions with the most cumulative CPU time (PROFILE_SORT=tottime to sort by
own time, PROFILE_FILTER=ruptures/ to list only our own code).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
import urllib.parse
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_bench import ANSWER, STEPS, TRIES_PER_ATTEMPT, ensure_database, prepare  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ruptures_perf_bench"


def clocks() -> tuple[float, float]:
    """Wall-clock and this process's CPU time, in seconds."""
    return time.perf_counter(), time.process_time()


class Timers:
    """Exclusive wall and CPU time per section: a nested section's is not its parent's."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.count: dict[str, int] = defaultdict(int)
        self.stack: list[list] = []  # [name, (wall, cpu) at start, [wall, cpu] in children]

    @contextmanager
    def section(self, name: str):
        frame = [name, clocks(), [0.0, 0.0]]
        self.stack.append(frame)
        try:
            yield
        finally:
            self.stack.pop()
            self.add(name, frame[1], frame[2])

    def add(self, name: str, started: tuple[float, float], children=(0.0, 0.0)) -> None:
        wall, cpu = (now - then for now, then in zip(clocks(), started, strict=True))
        self.wall[name] += wall - children[0]
        self.cpu[name] += cpu - children[1]
        self.count[name] += 1
        if self.stack:
            self.stack[-1][2][0] += wall
            self.stack[-1][2][1] += cpu

    def clear(self) -> None:
        self.wall.clear()
        self.cpu.clear()
        self.count.clear()

    def current(self) -> str:
        return self.stack[-1][0] if self.stack else "outside"


def instrument(timers: Timers) -> None:
    """Wrap the view, the form, the engine call and template rendering in timers."""
    from django.template.backends.django import Template
    from django.urls import get_resolver

    from ruptures import forms as ruptures_forms
    from ruptures.services import attempts as attempt_service

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            with timers.section(name):
                return fn(*args, **kwargs)

        return wrapper

    def find(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                found = find(pattern.url_patterns)
                if found:
                    return found
            elif getattr(pattern, "name", None) == "attempt_step":
                return pattern
        return None

    pattern = find(get_resolver().url_patterns)
    pattern.callback = timed("view", pattern.callback)
    attempt_service.assess = timed("engine", attempt_service.assess)
    ruptures_forms.AnswerForm.full_clean = timed("form", ruptures_forms.AnswerForm.full_clean)
    Template.render = timed("render", Template.render)


PACKAGES = (
    "django/db",
    "django/template",
    "django/forms",
    "django/middleware",
    "django/contrib",
    "django/core",
    "django/utils",
    "django",
    "psycopg",
    "gunicorn",
    "ruptures/rubric",
    "ruptures",
    "bench",
)


def package_of(filename: str) -> str:
    """The part of the code a profiled function belongs to, for the summary by package."""
    for package in PACKAGES:
        if f"/{package}/" in filename:
            return package
    if filename == "~":
        return "builtins (called from anywhere)"
    return "python standard library"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_DB)
    if url.startswith("postgres"):
        ensure_database(url)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-" + "k" * 40),
    }
    total = args.warmup + args.requests
    data = prepare(env, -(-total // TRIES_PER_ATTEMPT))
    os.environ.update(env)

    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from ruptures.models import User

    timers = Timers()
    instrument(timers)

    def db_wrapper(execute, sql, params, many, context):
        section = "db in " + timers.current()
        started = clocks()
        try:
            return execute(sql, params, many, context)
        finally:
            timers.add(section, started)

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="bench-trainee"))

    def submit(n: int) -> None:
        attempt = data["attempts"][n // TRIES_PER_ATTEMPT]
        k = n % TRIES_PER_ATTEMPT
        # Urlencoded, as a browser's form and http_bench.py send it: the test
        # client's default, multipart, costs the parser more.
        response = client.post(
            f"/attempts/{attempt}/steps/{STEPS[k % len(STEPS)]}/",
            urllib.parse.urlencode({"text": f"{ANSWER} ({n})", "try_number": k // len(STEPS) + 1}),
            content_type="application/x-www-form-urlencoded",
            headers={"HX-Request": "true"},
        )
        if response.status_code != 200 or b"feedback" not in response.content:
            raise SystemExit(f"submit {n} failed: HTTP {response.status_code}")
        return len(response.content)

    for n in range(args.warmup):
        submit(n)
    timers.clear()
    sizes = []
    # Profiled by CPU time, so that waiting (for PostgreSQL, for a core) costs nothing.
    profiler = cProfile.Profile(time.process_time) if args.cprofile else None
    with connection.execute_wrapper(db_wrapper):
        if profiler:
            profiler.enable()
        started = clocks()
        for n in range(args.warmup, total):
            with timers.section("middleware, test client"):
                sizes.append(submit(n))
        wall, cpu = (now - then for now, then in zip(clocks(), started, strict=True))
        if profiler:
            profiler.disable()

    per = 1000 / args.requests
    print(
        f"{args.requests} htmx step submits, database={connection.vendor}, "
        f"response {sum(sizes) / len(sizes) / 1024:.1f} KiB"
        + ("  (under cProfile: slower)" if profiler else "")
    )
    print(f"{'section':<40} {'wall ms':>8} {'share':>6} {'CPU ms':>8} {'share':>6}")
    for name in timers.wall:
        label = name
        if name.startswith("db in"):
            label += f" ({timers.count[name] / args.requests:g} queries)"
        w, c = timers.wall[name] * per, timers.cpu[name] * per
        print(f"{label:<40} {w:8.2f} {w / (wall * per):6.1%} {c:8.2f} {c / (cpu * per):6.1%}")
    queries = sum(n for name, n in timers.count.items() if name.startswith("db in"))
    print(
        f"{'total per request':<40} {wall * per:8.2f} {1:6.0%} {cpu * per:8.2f} {1:6.0%}"
        f"   queries {queries / args.requests:g}"
    )
    if profiler:
        stats = pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
        stats.print_stats(os.environ.get("PROFILE_FILTER", ""), args.cprofile)
        by_package: dict[str, float] = defaultdict(float)
        for (filename, _, _), (_, _, own, _, _) in stats.stats.items():
            by_package[package_of(filename)] += own
        spent = sum(by_package.values())
        print("CPU time by where the code lives (own time, under cProfile):")
        for package, own in sorted(by_package.items(), key=lambda item: -item[1]):
            print(f"  {package:<32} {own / spent:6.1%}")
        if os.environ.get("PROFILE_CALLEES"):
            stats.print_callees(os.environ["PROFILE_CALLEES"])


if __name__ == "__main__":
    main()
