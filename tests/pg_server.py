"""A throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder.

``PgServer.start()`` makes a cluster in a fresh temporary folder, listening on
127.0.0.1 on a free port (and a Unix socket in the same folder, never the
system's), with trust authentication and durability switched off (fsync,
full_page_writes: a crash loses nothing we need). ``stop()`` kills it and
removes the folder. Each test gets its own database (``create_database``), a
copy of template1 made in a few milliseconds.

Where the server comes from:
- ``LACHA_TEST_PG_URL=postgresql://user@host:port/db``: an existing server whose
  user may CREATE DATABASE; nothing is started.
- otherwise the PostgreSQL binaries (``initdb``, ``pg_ctl`` on PATH, or Debian's
  ``/usr/lib/postgresql/<version>/bin``). PostgreSQL refuses to run as root:
  as root, the cluster belongs to the ``postgres`` user (created by Debian's
  package) and the commands run through ``runuser``.
``LACHA_TEST_PG=1`` makes a missing server an error instead of a skip (CI);
``LACHA_TEST_PG=0`` skips the PostgreSQL runs.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ENV_SWITCH = "LACHA_TEST_PG"
ENV_URL = "LACHA_TEST_PG_URL"
SUPERUSER = "lacha_test"
_SETTINGS = {
    "fsync": "off",
    "full_page_writes": "off",
    "synchronous_commit": "off",
    "max_connections": "200",
    "shared_buffers": "64MB",
    "log_min_messages": "warning",
    "timezone": "Asia/Ho_Chi_Minh",  # a server that is not on UTC, like a province's
}


class PgUnavailable(RuntimeError):
    """No PostgreSQL server could be had: the reason says why."""


def wanted() -> bool | None:
    """True: required (LACHA_TEST_PG=1); False: switched off (=0); None: when available."""
    value = os.environ.get(ENV_SWITCH, "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    return None


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    on_path = shutil.which("initdb"), shutil.which("pg_ctl")
    if all(on_path):
        return Path(os.path.realpath(on_path[0])).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PgServer:
    """One server; ``url(name)`` is a SQLAlchemy/lacha URL of database ``name`` on it."""

    def __init__(self, base_url: str, workdir: Path | None = None, stop_command: list[str] | None = None):
        self.base_url = base_url.rstrip("/")  # postgresql://user@host:port (no database)
        self.workdir = workdir
        self._stop_command = stop_command
        self._names = itertools.count(1)
        self.admin_database = "postgres"

    # ── starting and stopping ──
    @classmethod
    def from_env_url(cls, url: str) -> "PgServer":
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        server = cls(urlunsplit(("postgresql", parts.netloc, "", "", "")))
        server.admin_database = parts.path.strip("/") or "postgres"
        server.admin_execute("SELECT 1")
        return server

    @classmethod
    def start(cls) -> "PgServer":
        bindir = find_bindir()
        if bindir is None:
            raise PgUnavailable("PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql")
        run_as: list[str] = []
        owner = None
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise PgUnavailable("running as root and there is no 'postgres' user to own the cluster") from None
            run_as = ["runuser", "-u", "postgres", "--"]
        workdir = Path(tempfile.mkdtemp(prefix="lacha-pg-"))
        if owner is not None:
            os.chown(workdir, owner.pw_uid, owner.pw_gid)
        data = workdir / "data"
        log = workdir / "server.log"
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC"}
        try:
            subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                           check=True, capture_output=True, env=env, cwd=workdir, timeout=120)
            last_error = ""
            for _attempt in range(3):  # the free port may be taken between probing and binding
                port = _free_port()
                options = f"-k {workdir} -h 127.0.0.1 -p {port} " + " ".join(
                    f"-c {name}={value}" for name, value in _SETTINGS.items())
                started = subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log),
                                          "-w", "-t", "60", "-o", options, "start"],
                                         capture_output=True, text=True, env=env, cwd=workdir, timeout=90)
                if started.returncode == 0:
                    stop = [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
                    server = cls(f"postgresql://{SUPERUSER}@127.0.0.1:{port}", workdir, stop)
                    server._wait_ready()
                    return server
                last_error = started.stderr + (log.read_text(errors="replace")[-2000:] if log.exists() else "")
            raise PgUnavailable("pg_ctl start failed: " + last_error.strip())
        except subprocess.CalledProcessError as error:
            shutil.rmtree(workdir, ignore_errors=True)
            raise PgUnavailable(f"initdb failed: {error.stderr.decode(errors='replace').strip()}") from None
        except BaseException:
            shutil.rmtree(workdir, ignore_errors=True)
            raise

    def _wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.admin_execute("SELECT 1")
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        if self._stop_command:
            subprocess.run(self._stop_command, capture_output=True, cwd=self.workdir, timeout=60)
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    # ── databases ──
    def url(self, database: str) -> str:
        return f"{self.base_url}/{database}"

    def admin_execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(self.admin_database), autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)

    def create_database(self, prefix: str = "lacha_t", template: str | None = None) -> str:
        """A new database (empty, or a copy of database ``template``); returns its URL (what `lacha --db` takes)."""
        name = f"{prefix}{os.getpid()}_{next(self._names)}"
        self.admin_execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def get_server() -> PgServer:
    """The server the environment asks for; raises PgUnavailable with the reason."""
    if wanted() is False:
        raise PgUnavailable(f"{ENV_SWITCH}=0")
    try:
        import psycopg  # noqa: F401
    except ModuleNotFoundError:
        raise PgUnavailable("psycopg is not installed: pip install -e '.[postgres]'") from None
    if os.environ.get(ENV_URL):
        return PgServer.from_env_url(os.environ[ENV_URL])
    return PgServer.start()


if __name__ == "__main__":  # python tests/pg_server.py: start one, print its URL, wait for Ctrl-C
    server = get_server()
    print(server.create_database("lacha"), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
