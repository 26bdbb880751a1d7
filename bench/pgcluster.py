"""A throwaway PostgreSQL 15 cluster for the load and fault runs.

    with PgCluster() as cluster:          # initdb in a temp dir, start on a free port
        url = cluster.url("ruptures_load")
        cluster.restart()                 # pg_ctl restart -m fast: what the fault run does
    # stopped and deleted here (and at exit, should the process end another way)

Trust auth on 127.0.0.1 only, fsync on (the load run measures durability).
Never the shared server on 5432: other work runs on it. As root, initdb
refuses to run, so every command runs as the `postgres` OS user in a
directory it owns.

    .venv/bin/python bench/pgcluster.py    # start one, print its URL, wait for Ctrl+C
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
OS_USER = "postgres"
SHARED_PORT = 5432


def free_port(preferred: int = 5499, tries: int = 50) -> int:
    """The first port from `preferred` on that nothing listens on (never 5432)."""
    for port in range(preferred, preferred + tries):
        if port == SHARED_PORT:
            continue
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {preferred}..{preferred + tries - 1}")


class PgCluster:
    """initdb, start, stop, restart and delete one private cluster."""

    def __init__(self, port: int | None = None, *, log_level: str = "warning") -> None:
        self.port = port if port is not None else free_port()
        if self.port == SHARED_PORT:
            raise ValueError("5432 is the shared server: pick another port")
        self.log_level = log_level
        self.as_root = os.geteuid() == 0
        self.base = Path(tempfile.mkdtemp(prefix="ruptures-pg-"))
        self.data = self.base / "data"
        self.sockets = self.base / "sockets"
        self.logfile = self.base / "server.log"
        self.sockets.mkdir()
        if self.as_root:
            entry = pwd.getpwnam(OS_USER)
            for path in (self.base, self.sockets):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._initialised = False
        self._running = False
        atexit.register(self.cleanup)

    # -- commands -----------------------------------------------------------------

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(a) for a in args]
        if self.as_root:
            command = ["runuser", "-u", OS_USER, "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def _pg_ctl(self, action: str, *extra: str, check: bool = True) -> subprocess.CompletedProcess:
        return self._run(
            BIN / "pg_ctl",
            action,
            "-D",
            self.data,
            "-l",
            self.logfile,
            "-w",
            "-t",
            "60",
            *extra,
            check=check,
        )

    def init(self) -> None:
        if self._initialised:
            return
        self._run(
            BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        settings = {
            "port": self.port,
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.sockets}'",
            # Durability is what the load run measures: never trade it for speed.
            "fsync": "on",
            "synchronous_commit": "on",
            "full_page_writes": "on",
            "max_connections": 200,
            "log_min_messages": self.log_level,
        }
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write("\n# bench/pgcluster.py\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        self._initialised = True

    def start(self) -> None:
        self.init()
        self._pg_ctl("start")
        self._running = True

    def stop(self, mode: str = "fast") -> None:
        if self._running:
            self._pg_ctl("stop", "-m", mode, check=False)
            self._running = False

    def restart(self, mode: str = "fast") -> float:
        """Restart the server (open connections are cut); the seconds it took."""
        started = time.monotonic()
        self._pg_ctl("restart", "-m", mode)
        self._running = True
        return time.monotonic() - started

    def cleanup(self) -> None:
        """Stop the server and delete its files; safe to call more than once."""
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    # -- connecting ---------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def is_ready(self) -> bool:
        result = subprocess.run(
            [BIN / "pg_isready", "-h", "127.0.0.1", "-p", str(self.port), "-q"], check=False
        )
        return result.returncode == 0

    def __enter__(self) -> PgCluster:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


if __name__ == "__main__":
    with PgCluster() as cluster:
        print(cluster.url(), "(Ctrl+C stops and deletes it)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
