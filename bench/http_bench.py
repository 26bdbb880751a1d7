"""Step submit vs a bare one-insert view, through gunicorn and PostgreSQL.

    .venv/bin/python bench/http_bench.py [--requests 400] [--concurrency 4]

Starts gunicorn on a loopback port against DATABASE_URL (default: a
`ruptures_bench` database on the local PostgreSQL, created if missing), logs in
a trainee, and alternates phases of POSTs to the two endpoints through the
same middleware stack. It prints latency and throughput for each, the CPU
time the gunicorn workers and the PostgreSQL backends spent per request
(read from /proc before and after each phase, logins excluded), and the
ratios (target: step submit costs at most 2x the bare insert). CPU time is
the steadier figure on a shared machine: latency grows with whatever else
runs. Bounded: a fixed number of requests, and every request times out.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ruptures_bench"
STEPS = ("notice", "invite", "validate", "explore", "negotiate")
TRIES_PER_ATTEMPT = 2 * len(STEPS)
ANSWER = (
    "I notice that since I brought up the homework you have gone quieter, and I may be "
    "wrong about this, but it seems something shifted between us. I wonder what it was "
    "like for you to hear me suggest it last week, and whether it felt like too much too "
    "soon. I would really like to understand it from your side before we decide anything."
)


def ensure_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin = url.replace(f"/{name}", "/postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def bench_env(url: str) -> dict[str, str]:
    """The environment of manage.py and gunicorn: production-like bench settings on `url`."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-" + "k" * 40,
    }


def start_gunicorn(
    env: dict[str, str], port: int, workers: int, threads: int = 1, *extra: str
) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:`port` (gthread workers when `threads` > 1), once it answers.

    `extra` goes on gunicorn's command line (`-c bench/gunicorn_warm.py`, say).
    """
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "bench.wsgi",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            *extra,
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(300):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
            break
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited with {server.returncode}") from None
            time.sleep(0.1)
    return server


def prepare(env: dict[str, str], attempts: int) -> dict[str, object]:
    """Migrate, load one scenario, make a trainee with recognised attempts."""
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*manage, "load_scenarios", "-v0", "scenarios/withdrawal"], cwd=ROOT, env=env, check=True
    )
    script = f"""
from django.contrib.auth.models import Group
from ruptures.models import Scenario, User, Attempt
from ruptures.services.attempts import attempt_start, attempt_recognise
user, _ = User.objects.get_or_create(username="bench-trainee")
user.set_password("bench-password-1"); user.save()
user.groups.add(Group.objects.get(name="Trainee"))
scenario = Scenario.objects.order_by("slug").first()
Attempt.objects.filter(trainee=user).delete()
ids = []
for _ in range({attempts}):
    a = attempt_start(trainee=user, scenario=scenario)
    attempt_recognise(attempt=a, said_rupture=True, said_type="withdrawal", said_markers=[])
    ids.append(a.pk)
print(scenario.current_version_id, *ids)
"""
    out = (
        subprocess.run(
            [*manage, "shell", "-c", script],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
        .split()
    )
    return {"version": int(out[0]), "attempts": [int(x) for x in out[1:]]}


class Client:
    """One keep-alive connection with a logged-in session.

    `headers` holds the last response's headers (lower-case names). A failed
    request (timeout, refused, reset) closes the connection, so the next one
    opens a fresh one, as a browser would.
    """

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, headers=None):
        data = urllib.parse.urlencode(body or {}, doseq=True)
        all_headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            all_headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            all_headers["Referer"] = "http://127.0.0.1/"
        all_headers.update(headers or {})
        try:
            self.conn.request(
                method, path, body=data if body is not None else None, headers=all_headers
            )
            response = self.conn.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise
        self.headers = {name.lower(): value for name, value in response.getheaders()}
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, payload

    def login(self, username: str = "bench-trainee", password: str = "bench-password-1") -> None:
        _, page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token.decode(), "username": username, "password": password},
        )
        assert status == 302, f"login failed: {status}"


def run_phase(clients: list[Client], per_client, make_request) -> list[float]:
    """Each logged-in client sends its requests in turn, all clients at once."""
    latencies: list[float] = []
    lock = threading.Lock()
    errors: list[str] = []

    def worker(index: int) -> None:
        client = clients[index]
        local = []
        for n in range(per_client):
            started = time.perf_counter()
            status, _ = make_request(client, index, n)
            local.append(time.perf_counter() - started)
            if status not in (200, 302):
                errors.append(str(status))
        with lock:
            latencies.extend(local)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, e.g. HTTP {errors[0]}")
    return latencies


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one process so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def worker_pids(master: int) -> list[int]:
    """The gunicorn master and its worker processes."""
    pids = [master]
    for task in Path(f"/proc/{master}/task").iterdir():
        pids += [int(p) for p in (task / "children").read_text().split()]
    return pids


def backend_pids(url: str) -> list[int]:
    """The PostgreSQL server processes serving the bench database."""
    import psycopg

    name = urllib.parse.urlparse(url).path.lstrip("/")
    with psycopg.connect(url.replace(f"/{name}", "/postgres"), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchall()
    return [pid for (pid,) in rows]


class CpuMeter:
    """CPU seconds the app's workers and the database's backends spent in a phase.

    Read from /proc before and after: unlike latency, it does not grow when
    other processes on the machine take the cores. PostgreSQL's backends
    count only when the server runs on this machine (it is read by pid).
    """

    def __init__(self, master: int, url: str) -> None:
        self.master, self.url = master, url
        self.app = self.db = 0.0

    def __enter__(self) -> CpuMeter:
        self.app_start = {pid: cpu_seconds(pid) for pid in worker_pids(self.master)}
        self.db_start = {pid: cpu_seconds(pid) for pid in backend_pids(self.url)}
        return self

    def __exit__(self, *exc) -> None:
        for pid in worker_pids(self.master):
            self.app += cpu_seconds(pid) - self.app_start.get(pid, 0.0)
        for pid in backend_pids(self.url):
            self.db += cpu_seconds(pid) - self.db_start.get(pid, 0.0)


def describe(name: str, latencies: list[float], wall: float, cpu: dict[str, float]) -> None:
    n = len(latencies)
    mean = statistics.fmean(latencies)
    p95 = statistics.quantiles(latencies, n=20)[18]
    print(
        f"{name:<14} {n:>5} req  mean {mean * 1000:6.2f} ms  "
        f"p95 {p95 * 1000:6.2f} ms  {n / wall:7.1f} req/s  "
        f"CPU/req app {cpu['app'] / n * 1000:5.2f} ms  db {cpu['db'] / n * 1000:5.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="per endpoint per round")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_DB)
    ensure_database(url)
    env = bench_env(url)
    per_client = max(1, args.requests // args.concurrency)
    # A realistic trainee tries each step once or twice: every attempt takes
    # TRIES_PER_ATTEMPT requests (five steps, two tries each), then the next.
    per_client_attempts = -(-per_client // TRIES_PER_ATTEMPT)
    attempts_needed = args.concurrency * args.rounds * per_client_attempts
    data = prepare(env, attempts_needed)
    server = start_gunicorn(env, args.port, args.workers)
    try:
        attempts = data["attempts"]
        names = ("bare insert", "step submit")
        results: dict[str, list[float]] = {name: [] for name in names}
        walls = dict.fromkeys(names, 0.0)
        cpu = {name: {"app": 0.0, "db": 0.0} for name in names}

        def bare(client, index, n):
            return client.request("POST", "/bench/insert/", {"version": data["version"]})

        for round_no in range(args.rounds):

            def submit(client, index, n, round_no=round_no):
                slot = (round_no * args.concurrency + index) * per_client_attempts
                attempt = attempts[slot + n // TRIES_PER_ATTEMPT]
                step = STEPS[n % len(STEPS)]
                try_number = (n % TRIES_PER_ATTEMPT) // len(STEPS) + 1
                return client.request(
                    "POST",
                    f"/attempts/{attempt}/steps/{step}/",
                    {"text": f"{ANSWER} ({n})", "try_number": try_number},
                    headers={"HX-Request": "true"},
                )

            for name, fn in zip(names, (bare, submit), strict=True):
                clients = [Client(args.port) for _ in range(args.concurrency)]
                for client in clients:
                    client.login()
                with CpuMeter(server.pid, url) as meter:
                    started = time.perf_counter()
                    results[name] += run_phase(clients, per_client, fn)
                    walls[name] += time.perf_counter() - started
                cpu[name]["app"] += meter.app
                cpu[name]["db"] += meter.db
        print(
            f"gunicorn workers={args.workers}, concurrency={args.concurrency}, "
            f"rounds={args.rounds}, database={urllib.parse.urlparse(url).scheme}"
        )
        for name in names:
            describe(name, results[name], walls[name], cpu[name])
        bare, submit = (statistics.fmean(results[name]) for name in names)
        bare_cpu, submit_cpu = (cpu[name]["app"] / len(results[name]) for name in names)
        print(
            f"ratio step submit / bare insert: mean latency {submit / bare:.2f}x, "
            f"app CPU per request {submit_cpu / bare_cpu:.2f}x  (target <= 2.00x)"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
