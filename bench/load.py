"""Load and fault run: N trainees practise at once; every acknowledged answer must be stored once.

    .venv/bin/python bench/load.py --trainees 10 --seconds 60
    .venv/bin/python bench/load.py --trainees 10 --seconds 60 --restart-db-at 20

Starts a throwaway PostgreSQL cluster (bench/pgcluster.py: a temp dir, a free
port, fsync on; `--database-url` uses an existing server instead, never with
`--restart-db-at`), migrates it, loads the scenario library, makes N trainees
with their own logins and starts gunicorn on loopback. Each simulated trainee
(a thread, http.client, every request with a timeout) logs in once, then loops
until the time is up: open practice, start a rupture vignette, open it,
recognise, and for each of the five steps open the page, autosave drafts and
submit (htmx or a plain form, varied texts; sometimes the same form is sent
twice, as after a timeout, and sometimes a second try follows), then open the
summary. A request answered 5xx or not at all is sent again later, as a user
would; a submit sent again must not be stored twice.

Afterwards the database is read: every submit answered as stored must be there
exactly once (lost = acknowledged but absent; duplicated = a text stored more
often than it was typed, once however often it was sent). It prints requests
per second, p50/p95/p99 per kind of request, errors by status, and with
`--restart-db-at T` (PostgreSQL restarted with `pg_ctl restart -m fast` T
seconds in; `--restart-mode immediate` for a crash) how long errors lasted,
which statuses they had, and whether the app recovered by itself. The last
line is `lost=N duplicated=N`; the exit code is 1 when either is non-zero.

The clock starts once every trainee has logged in: a login is one deliberately
slow password check (PBKDF2), so they go a few at a time, before the run.
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.http_bench import ROOT, STEPS, Client, bench_env, ensure_database, start_gunicorn

USERNAME = "load-trainee-{}"
PASSWORD = "load-password-1"
DATABASE = "ruptures_load"
REQUEST_TIMEOUT = 30.0  # seconds; gunicorn's own worker timeout is 30 s too
LOGIN_TIMEOUT = 300.0  # seconds: logins happen before the measured run, a few at a time
RETRY_PAUSE = 1.0  # seconds before a failed request is sent again (Retry-After wins)
KINDS = (
    "login",
    "practice",
    "start",
    "attempt",
    "recognise",
    "step page",
    "draft",
    "submit",
    "summary",
)
KEEPALIVE_REUSE = 1.0  # seconds idle after which a connection is not reused (gunicorn: 2 s)
GRACE = 20.0  # seconds after the end a pending submit may still be retried

# -- what the trainees type ---------------------------------------------------------

PHRASES = {
    "notice": [
        "I notice you went quiet when I mentioned the homework.",
        "It seems something shifted between us just now.",
        "I see you looking away since I asked about your week.",
        "You sounded flat when you said it was fine.",
    ],
    "invite": [
        "Could we pause and look at what just happened between us?",
        "I wonder if you would tell me what that was like for you.",
        "Would you be willing to say more about how this session feels?",
        "I'd like to hear what went through your mind when I said that.",
    ],
    "validate": [
        "It makes sense that you felt pushed, given how fast I moved.",
        "You have every reason to be frustrated with how this has gone.",
        "I can see why that landed badly; it was a lot to ask.",
        "That sounds really hard, and it matters that you told me.",
    ],
    "explore": [
        "What was it like to hear me suggest it last week?",
        "Can you help me understand what felt most off about it?",
        "When did you first notice this feeling in our sessions?",
        "What would it have been like if I had asked you first?",
    ],
    "negotiate": [
        "Could we decide together how to go on from here?",
        "Would it help if we slowed down and chose the next step together?",
        "Let's agree on what to try, and check in next week about it.",
        "What would you like us to change so this works better for you?",
    ],
}


def answer_text(rng: random.Random, step: str, tag: str) -> str:
    """Two or three of the step's phrases in random order, with a tag that makes it unique."""
    phrases = rng.sample(PHRASES[step], rng.randint(2, 3))
    return f"{' '.join(phrases)} ({tag})"


# -- the bookkeeping ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Sent:
    """One submit as sent: whose, where, what; `acknowledged` when answered as stored."""

    user: str
    attempt: int
    step: str
    text: str
    acknowledged: bool


@dataclasses.dataclass
class Verdict:
    lost: list[tuple[str, int, str, str]]
    duplicated: list[tuple[tuple[str, int, str, str], int, int]]  # key, stored, typed

    def line(self) -> str:
        return f"lost={len(self.lost)} duplicated={sum(n - t for _, n, t in self.duplicated)}"


def check(sent: Iterable[Sent], stored: Counter) -> Verdict:
    """Compare the submits with the rows stored, keyed by (user, attempt, step, text).

    A text typed once counts once however often its form was sent (a resend
    or a retry after an error must not add a try). Lost: acknowledged at least
    once, stored never. Duplicated: each row beyond the number of times the
    text was typed, including rows of texts never sent at all.
    """
    typed: Counter = Counter()
    acknowledged: set[tuple[str, int, str, str]] = set()
    for s in sent:
        key = (s.user, s.attempt, s.step, s.text)
        typed[key] = 1  # the same text is one try, however often it is sent
        if s.acknowledged:
            acknowledged.add(key)
    lost = sorted(key for key in acknowledged if stored.get(key, 0) == 0)
    duplicated = sorted(
        (key, count, typed.get(key, 0))
        for key, count in stored.items()
        if count > typed.get(key, 0)
    )
    return Verdict(lost=lost, duplicated=duplicated)


def stored_rows(url: str, usernames: Iterable[str]) -> Counter:
    """How often each (user, attempt, step, text) is stored among these users' responses."""
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            """
            SELECT u.username, r.attempt_id, s.name, r.text, COUNT(*)
            FROM ruptures_stepresponse r
            JOIN ruptures_step s ON s.id = r.step_id
            JOIN ruptures_attempt a ON a.id = r.attempt_id
            JOIN ruptures_user u ON u.id = a.trainee_id
            WHERE u.username = ANY(%s)
            GROUP BY 1, 2, 3, 4
            """,
            [list(usernames)],
        ).fetchall()
    return Counter({(u, a, s, t): n for u, a, s, t, n in rows})


def percentile(sorted_values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by the nearest-rank method."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * q // 100))
    return sorted_values[int(rank) - 1]


# -- the run --------------------------------------------------------------------------


@dataclasses.dataclass
class Record:
    kind: str
    started: float  # seconds since the run began
    seconds: float
    status: str  # "200", "302", "503", "timeout", "refused", ...
    retry_after: str | None = None

    @property
    def ok(self) -> bool:
        return self.status[0] in "23"


class Journal:
    """What every trainee did, shared between the threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.records: list[Record] = []
        self.sent: list[Sent] = []
        self.anomalies: Counter = Counter()

    def add(self, record: Record) -> None:
        with self.lock:
            self.records.append(record)

    def submit(self, sent: Sent) -> None:
        with self.lock:
            self.sent.append(sent)

    def anomaly(self, what: str) -> None:
        with self.lock:
            self.anomalies[what] += 1


class Stop(Exception):
    """The time is up (or a request kept failing past the grace period)."""


class Trainee:
    def __init__(self, n, port, journal, clock, slugs, rng) -> None:
        self.n = n
        self.user = USERNAME.format(n)
        self.client = Client(port, timeout=REQUEST_TIMEOUT)
        self.journal = journal
        self.clock = clock
        self.slugs = slugs
        self.rng = rng
        self.nonce = 0

    # one request, sent again while it fails with a 5xx or no answer
    def call(
        self, kind, method, path, body=None, htmx=False, *, retry=True, grace=False, client=None
    ):
        client = client or self.client
        headers = {"HX-Request": "true"} if htmx else None
        while True:
            now = time.monotonic()
            if now > self.clock.deadline + (GRACE if grace else 0):
                raise Stop
            if now - getattr(client, "idle_since", now) > KEEPALIVE_REUSE:
                # gunicorn closes a keep-alive connection idle for 2 s: a request sent just
                # then meets a closed socket. Like browsers' pools, reconnect before that.
                client.conn.close()
            try:
                status, payload = client.request(method, path, body, headers=headers)
                label = str(status)
            except TimeoutError:
                status, payload, label = 0, b"", "timeout"
            except ConnectionRefusedError:
                status, payload, label = 0, b"", "refused"
            except (OSError, http.client.HTTPException) as exc:
                status, payload, label = 0, b"", type(exc).__name__
            client.idle_since = time.monotonic()
            record = Record(kind, now - self.clock.t0, client.idle_since - now, label)
            if status == 503:
                record.retry_after = client.headers.get("retry-after")
            self.journal.add(record)
            if record.ok or not retry or (400 <= status < 500):
                return status, payload
            pause = RETRY_PAUSE
            if record.retry_after and record.retry_after.isdigit():
                pause = min(float(record.retry_after), 5.0)
            time.sleep(pause * (0.5 + self.rng.random()))

    def think(self) -> None:
        time.sleep(self.rng.uniform(0.0, 0.2))

    def run(self) -> None:
        """Log in, wait until every trainee has, then practise until the time is up."""
        # A few logins at a time, each given long enough: a login is one slow password
        # check, and a client that gave up would leave the server hashing for nobody.
        self.client.conn.timeout = LOGIN_TIMEOUT
        try:
            with self.clock.logins:
                logged_in = self.login()
        except Stop:
            logged_in = False
        try:
            self.clock.barrier.wait()
        except threading.BrokenBarrierError:
            return
        # gunicorn closed the idle keep-alive connection while the others logged in:
        # start afresh, as a browser would, rather than count that as an error.
        self.client.conn.close()
        self.client.conn.timeout = REQUEST_TIMEOUT
        try:
            while logged_in and time.monotonic() < self.clock.deadline:
                self.attempt()
        except Stop:
            pass

    def login(self) -> bool:
        """Log in once with the right password (never enough failures to be throttled)."""
        _, page = self.call("login", "GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        body = {"username": self.user, "password": PASSWORD}
        if token:
            body["csrfmiddlewaretoken"] = token.group(1).decode()
        status, _ = self.call("login", "POST", "/accounts/login/", body)
        if status != 302:
            self.journal.anomaly(f"login answered {status}")
        return status == 302

    def attempt(self) -> None:
        self.call("practice", "GET", "/practice/")
        self.think()
        slug = self.rng.choice(self.slugs)
        status, _ = self.call("start", "POST", f"/practice/{slug}/start/", {})
        location = self.client.headers.get("location", "")
        match = re.search(r"/attempts/(\d+)/", location)
        if status != 302 or not match:
            self.journal.anomaly(f"start answered {status} {location!r}")
            return
        pk = int(match.group(1))
        _, page = self.call("attempt", "GET", f"/attempts/{pk}/")
        markers = re.findall(rb'name="markers" value="([^"]+)"', page)
        self.think()
        if markers:
            chosen = self.rng.sample(markers, min(len(markers), self.rng.randint(1, 3)))
            body = {
                "rupture": "yes",
                "rupture_type": self.rng.choice(["withdrawal", "confrontation"]),
                "markers": [m.decode() for m in chosen],
            }
            self.call("recognise", "POST", f"/attempts/{pk}/recognise/", body, self.coin())
        for step in STEPS:
            if not self.step(pk, step):
                return
        status, _ = self.call("summary", "GET", f"/attempts/{pk}/summary/")
        if status != 200:
            self.journal.anomaly(f"summary answered {status}")
        self.think()

    def coin(self, p: float = 0.5) -> bool:
        return self.rng.random() < p

    def step(self, pk: int, step: str) -> bool:
        """Open the step, autosave, submit (maybe twice, maybe a second try); False to give up."""
        url = f"/attempts/{pk}/steps/{step}/"
        status, page = self.call("step page", "GET", url)
        tries = 2 if self.coin(0.2) else 1
        for _ in range(tries):
            match = re.search(rb'name="try_number" value="(\d+)"', page)
            if status != 200 or not match:
                self.journal.anomaly(f"step page answered {status} without a form")
                return False
            try_number = int(match.group(1))
            self.nonce += 1
            text = answer_text(self.rng, step, f"u{self.n} a{pk} {step} n{self.nonce}")
            for cut in sorted(self.rng.sample(range(10, len(text)), self.rng.randint(1, 3))):
                body = {"text": text[:cut], "try_number": try_number}
                self.call("draft", "POST", f"{url}draft/", body, htmx=True, retry=False)
                self.think()
            htmx = self.coin()
            if self.coin(0.1):
                # A double click: the same form again before the first is answered,
                # on a second connection with the same session.
                twin = Client(self.client.conn.port, timeout=REQUEST_TIMEOUT)
                twin.cookies = dict(self.client.cookies)
                other = threading.Thread(
                    target=self.send, args=(pk, step, text, try_number, htmx, twin)
                )
                other.start()
                status, page = self.send(pk, step, text, try_number, htmx)
                other.join()
            else:
                # Now and then the same form again once answered: a retry after a timeout.
                for _ in range(2 if self.coin(0.1) else 1):
                    status, page = self.send(pk, step, text, try_number, htmx)
            if not htmx:
                status, page = self.call("step page", "GET", url)
        return True

    def send(self, pk: int, step: str, text: str, try_number: int, htmx: bool, client=None):
        """Submit, and again after a 5xx or no answer; record whether it was acknowledged."""
        client = client or self.client
        url = f"/attempts/{pk}/steps/{step}/"
        # Typed and sent, whatever comes back: a submit stored but never answered is no duplicate.
        self.journal.submit(Sent(self.user, pk, step, text, acknowledged=False))
        status, page = self.call(
            "submit",
            "POST",
            url,
            {"text": text, "try_number": try_number},
            htmx,
            grace=True,
            client=client,
        )
        if htmx:
            acknowledged = status == 200 and b"data-submitted" in page
        else:
            acknowledged = status == 302 and client.headers.get("location", "").endswith(
                f"{url}#feedback"
            )
        if not acknowledged:
            self.journal.anomaly(f"submit refused ({status})")
        else:
            self.journal.submit(Sent(self.user, pk, step, text, acknowledged=True))
        return status, page


def prepare(env: dict[str, str], trainees: int) -> list[str]:
    """Migrate, load the library, make the trainees; the slugs of the rupture vignettes."""
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_scenarios", "-v0"], cwd=ROOT, env=env, check=True)
    script = f"""
import json
from django.contrib.auth.models import Group
from ruptures.models import RuptureType, Scenario, User
probe = User(username="probe"); probe.set_password({PASSWORD!r})
group = Group.objects.get(name="Trainee")
for n in range({trainees}):
    user, _ = User.objects.update_or_create(
        username={USERNAME!r}.format(n), defaults={{"password": probe.password}}
    )
    user.groups.add(group)
slugs = Scenario.objects.exclude(rupture_type=RuptureType.NONE).values_list("slug", flat=True)
print(json.dumps(sorted(slugs)))
"""
    result = subprocess.run(
        [*manage, "shell", "-c", script], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


def report(journal: Journal, wall: float) -> None:
    # Requests per second over the measured run: the logins before it are left out.
    records = [r for r in journal.records if r.kind != "login" and 0 <= r.started <= wall]
    ok = [r for r in records if r.ok]
    print(
        f"\n{len(records)} requests in {wall:.1f} s: {len(records) / wall:.1f} req/s "
        f"({len(ok) / wall:.1f} req/s answered 2xx/3xx)"
    )
    by_kind: dict[str, list[float]] = defaultdict(list)
    for r in journal.records:
        if not r.ok:
            continue
        by_kind[r.kind].append(r.seconds * 1000)
    print(f"{'kind':<10} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind in KINDS:
        values = sorted(by_kind.get(kind, []))
        if values:
            print(
                f"{kind:<10} {len(values):>6} {percentile(values, 50):>8.0f} "
                f"{percentile(values, 95):>8.0f} {percentile(values, 99):>8.0f} "
                f"{values[-1]:>8.0f}"
            )
    slowest = sorted(records, key=lambda r: r.seconds, reverse=True)[:5]
    print(
        "slowest:", ", ".join(f"{r.kind} at {r.started:.1f} s: {r.seconds:.1f} s" for r in slowest)
    )
    errors = Counter(r.status for r in journal.records if not r.ok)
    by_kind_errors = Counter((r.status, r.kind) for r in journal.records if not r.ok)
    print("errors by status:", dict(errors) or "none")
    if by_kind_errors:
        print("  by status and kind:", {f"{s} {k}": n for (s, k), n in by_kind_errors.items()})
    if journal.anomalies:
        print("anomalies:", dict(journal.anomalies))
    sends = [s for s in journal.sent if not s.acknowledged]  # one such record per form sent
    acknowledged = sum(s.acknowledged for s in journal.sent)
    distinct = len({(s.user, s.attempt, s.step, s.text) for s in sends})
    print(
        f"submits: {len(sends)} forms sent ({distinct} distinct texts, the rest resent), "
        f"{acknowledged} acknowledged"
    )


def report_restart(journal: Journal, restart_at: float, took: float | None, mode: str) -> None:
    if took is None:
        print("restart: did not happen (the run ended first, or pg_ctl failed)")
        return
    restarted = restart_at + took
    around = [r for r in journal.records if r.started + r.seconds >= restart_at - 1]
    errors = [r for r in around if not r.ok]
    print(f"restart: pg_ctl restart -m {mode} at {restart_at:.1f} s took {took:.2f} s")
    if errors:
        first = min(r.started for r in errors)
        last = max(r.started + r.seconds for r in errors)
        retry_after = Counter(r.retry_after for r in errors if r.status == "503")
        print(
            f"  errors from {first:.2f} s to {last:.2f} s ({last - first:.2f} s): "
            f"{dict(Counter(r.status for r in errors))}"
        )
        if retry_after:
            print(f"  503 Retry-After values: {dict(retry_after)}")
    else:
        print("  no request failed around the restart")
    after = [r for r in journal.records if r.ok and r.started >= restarted]
    submits = [r for r in after if r.kind == "submit"]
    if after:
        first_ok = min(r.started + r.seconds for r in after)
        print(
            f"  recovered by itself: yes (gunicorn not restarted): first success "
            f"{first_ok - restart_at:.2f} s after the restart began; {len(after)} successful "
            f"requests after it, {len(submits)} of them submits"
        )
    else:
        print("  recovered by itself: NO (no successful request after the restart)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--restart-db-at", type=float, default=None, metavar="T")
    parser.add_argument(
        "--restart-mode",
        choices=["fast", "immediate"],
        default="fast",
        help="pg_ctl's shutdown mode: fast (clean), immediate (as in a crash: recovery on start)",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (gthread)")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--database-url", help="an existing server instead of a throwaway one")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    if args.restart_db_at is not None and args.database_url:
        parser.error("--restart-db-at restarts PostgreSQL: only the throwaway cluster")

    # A plain `kill` still stops gunicorn and deletes the throwaway cluster (finally: below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cluster = None
    if args.database_url:
        url = args.database_url
    else:
        from bench.pgcluster import PgCluster

        cluster = PgCluster()
        cluster.start()
        url = cluster.url(DATABASE)
    try:
        ensure_database(url)
        # No collectstatic for a bench run: whitenoise's warning about it is noise here.
        env = {**bench_env(url), "PYTHONWARNINGS": "ignore:No directory at:UserWarning"}
        where = urllib.parse.urlparse(url)
        kind = " (throwaway cluster, fsync on)" if cluster else ""
        print(f"database {where.netloc}{where.path}{kind}; preparing...", flush=True)
        slugs = prepare(env, args.trainees)
        server = start_gunicorn(
            env, args.port, args.workers, args.threads, "-c", "bench/gunicorn_warm.py"
        )
        try:
            return drive(args, url, slugs, cluster)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=30)
    finally:
        if cluster is not None:
            cluster.cleanup()


class Clock:
    """The measured run starts once every trainee has logged in (one PBKDF2 check each).

    Logins are slow on purpose (about 2 s of CPU each here): a burst of fifty
    would fill the first minute on two cores, so they happen before the clock.
    """

    def __init__(self, trainees: int, seconds: float, concurrent_logins: int) -> None:
        self.seconds = seconds
        self.logins = threading.Semaphore(concurrent_logins)
        self.t0 = time.monotonic()
        self.deadline = float("inf")
        self.barrier = threading.Barrier(trainees + 1, action=self.start)

    def start(self) -> None:
        self.t0 = time.monotonic()
        self.deadline = self.t0 + self.seconds


def drive(args, url: str, slugs: list[str], cluster) -> int:
    journal = Journal()
    clock = Clock(args.trainees, args.seconds, args.workers)
    rng = random.Random(args.seed)
    trainees = [
        Trainee(n, args.port, journal, clock, slugs, random.Random(rng.random()))
        for n in range(args.trainees)
    ]
    threads = [threading.Thread(target=t.run, daemon=True) for t in trainees]
    logins_began = time.monotonic()
    for thread in threads:
        thread.start()
    clock.barrier.wait(timeout=900)
    took = time.monotonic() - logins_began
    print(f"{args.trainees} trainees logged in ({took:.1f} s); running {args.seconds:.0f} s")
    load_before = os.getloadavg()[0]
    t0, deadline = clock.t0, clock.deadline
    restart_took: list[float] = []
    if args.restart_db_at is not None:
        pause = t0 + args.restart_db_at - time.monotonic()
        if pause > 0 and args.restart_db_at < args.seconds:
            time.sleep(pause)
            restart_took.append(cluster.restart(args.restart_mode))
    for thread in threads:
        thread.join(timeout=max(0.0, deadline + GRACE + REQUEST_TIMEOUT + 5 - time.monotonic()))
    stuck = sum(t.is_alive() for t in threads)
    print(
        f"gunicorn {args.workers} workers x {args.threads} threads, {args.trainees} trainees, "
        f"{args.seconds:.0f} s{f', {stuck} trainees still stuck' if stuck else ''}; "
        f"machine load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the "
        f"end ({os.cpu_count()} cores)"
    )
    report(journal, args.seconds)
    if args.restart_db_at is not None:
        took = restart_took[0] if restart_took else None
        report_restart(journal, args.restart_db_at, took, args.restart_mode)
    with journal.lock:
        sent = list(journal.sent)
    verdict = check(sent, stored_rows(url, [t.user for t in trainees]))
    for key in verdict.lost[:10]:
        print("  lost:", key)
    for key, count, typed in verdict.duplicated[:10]:
        print(f"  duplicated ({count} stored, typed {typed}):", key)
    print(verdict.line())
    return 1 if verdict.lost or verdict.duplicated else 0


if __name__ == "__main__":
    sys.exit(main())
