"""Where the database lives, the engine over it, and who may write to a ward when.

``--db`` (or the ``LACHA_DB`` environment variable) takes a file path (SQLite)
or a ``postgresql://`` URL (psycopg 3: ``pip install 'lacha[postgres]'``).
Without either, the database is the SQLite file ``lacha.db`` in the user's data
folder (``typer.get_app_dir('lacha')``: ``~/.config/lacha`` on Linux,
``%APPDATA%\\lacha`` on Windows). The schema is created on first use.

Several officers at once
------------------------
Every write transaction that changes a ward calls ``lock_ward(conn, slug)``
first thing:

- PostgreSQL: ``pg_advisory_xact_lock`` on the ward's slug. Imports into
  different communes run side by side; a second import into the same commune
  waits until the first commits (up to ``LACHA_LOCK_WAIT`` seconds, default
  30), then reads what the first wrote. The lock ends with the transaction.
- SQLite: one writer for the whole file. ``lock_ward`` takes SQLite's write
  lock at once (what ``BEGIN IMMEDIATE`` does), so a second writer waits in
  ``busy_timeout`` instead of failing when it later upgrades a read lock.
  lacha emits ``BEGIN`` itself (the pysqlite recipe of the SQLAlchemy SQLite
  dialect docs), so a transaction's reads are consistent from its start and
  DDL is transactional.

A wait that runs out, or a deadlock the server breaks, reaches the officer as
``DatabaseBusy``: a Vietnamese message, exit status 2, nothing written.
"""

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from lacha.errors import LachaError, UsageError

ENV_VAR = "LACHA_DB"
WAIT_ENV_VAR = "LACHA_LOCK_WAIT"
DEFAULT_WAIT_SECONDS = 30
BEGIN_OPTION = "lacha_sqlite_begin"  # execution option: "IMMEDIATE" makes a SQLite transaction take the write lock
_LOCK_SPACE = 0x6C616368  # 'lach': first key of lacha's PostgreSQL advisory locks
_SCHEMA_LOCK = 0  # second key of the lock held while creating the schema


class DatabaseBusy(LachaError):
    """Another officer is writing the same data; nothing was written by this command."""


def default_db_path() -> Path:
    import typer

    return Path(typer.get_app_dir("lacha")) / "lacha.db"


def resolve_url(db: str | None) -> str:
    """Turn --db / LACHA_DB / the default into a SQLAlchemy URL."""
    target = db or os.environ.get(ENV_VAR) or str(default_db_path())
    if "://" in target:
        if target.startswith(("postgresql://", "postgres://")):
            return "postgresql+psycopg://" + target.split("://", 1)[1]
        if target.startswith(("postgresql+", "sqlite:")):
            return target
        from lacha.output_files import mask_url

        raise UsageError(f"--db: không hiểu địa chỉ cơ sở dữ liệu '{mask_url(target)}' — dùng đường dẫn tệp (SQLite) "
                         "hoặc địa chỉ postgresql://người_dùng@máy_chủ/tên_csdl.")
    path = Path(target).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def is_postgresql(bind: Engine | Connection) -> bool:
    return bind.dialect.name == "postgresql"


def wait_seconds() -> int:
    """How long a command waits for another officer's write (``LACHA_LOCK_WAIT``, seconds)."""
    try:
        return max(0, int(os.environ.get(WAIT_ENV_VAR, DEFAULT_WAIT_SECONDS)))
    except ValueError:
        return DEFAULT_WAIT_SECONDS


# ── SQLite ──────────────────────────────────────────────────────────────────

def _register_sqlite_adapters() -> None:
    """Dates handed to the driver directly (the import's bulk insert) are stored as SQLAlchemy stores a
    Date on SQLite, 'YYYY-MM-DD'; explicit, since Python 3.12 deprecates sqlite3's default adapter."""
    import datetime as dt
    import sqlite3

    sqlite3.register_adapter(dt.date, dt.date.isoformat)


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # lacha emits BEGIN itself (_sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={wait_seconds() * 1000}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(BEGIN_OPTION, "")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


# ── errors the officer can act on ───────────────────────────────────────────

_BUSY_MESSAGE = ("Cơ sở dữ liệu đang bận: một người khác đang ghi dữ liệu và chưa xong sau {wait} giây — "
                 "lệnh này chưa ghi gì. Đợi một lát rồi chạy lại lệnh (đặt {env}=120 để chờ lâu hơn).")


def _busy() -> DatabaseBusy:
    return DatabaseBusy(_BUSY_MESSAGE.format(wait=wait_seconds(), env=WAIT_ENV_VAR))


def _translate_error(context) -> None:
    """A lock wait that ran out, or a deadlock: a Vietnamese message instead of a driver traceback."""
    original = context.original_exception
    sqlstate = getattr(original, "sqlstate", None)  # psycopg 3
    if sqlstate in ("55P03", "40P01"):  # lock_not_available (lock_timeout), deadlock_detected
        raise _busy() from original
    if original.__class__.__name__ == "OperationalError" and "database is locked" in str(original):
        raise _busy() from original


# ── the engine ──────────────────────────────────────────────────────────────

def _create(url: str) -> Engine:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    if not url.startswith("postgresql"):
        _register_sqlite_adapters()
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    from sqlalchemy.pool import NullPool

    query = make_url(url).query
    connect_args = {}
    if "options" not in query:
        connect_args["options"] = "-c TimeZone=UTC"  # timestamps stored as on SQLite: UTC, without zone
    if "application_name" not in query:
        connect_args["application_name"] = "lacha"
    if "connect_timeout" not in query:
        connect_args["connect_timeout"] = 10
    try:
        # One command is one short process: no idle connections left open on a shared server.
        return create_engine(url, poolclass=NullPool, connect_args=connect_args)
    except ModuleNotFoundError:
        raise UsageError("Dùng PostgreSQL cần gói psycopg: pip install 'lacha[postgres]' "
                         "(hoặc pip install 'psycopg[binary]').") from None


def get_engine(db: str | None = None) -> Engine:
    """An engine with the schema in place."""
    url = resolve_url(db)
    from lacha.db.permissions import protect_database_file  # issue 7: a new SQLite file is 0600; warn when wider
    protect_database_file(url)
    engine = _create(url)
    event.listen(engine, "handle_error", _translate_error)
    try:
        create_schema(engine)
    except LachaError:
        raise
    except Exception as exc:  # the driver's own error says what is wrong with the target
        raise UsageError(f"Không mở được cơ sở dữ liệu {url.split('@')[-1]}: {exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else ''}") from None
    return engine


def create_schema(engine: Engine) -> None:
    """Create the missing tables, one process at a time (two first commands at once must not collide)."""
    from sqlalchemy import inspect, text
    from sqlmodel import SQLModel

    import lacha.db.models  # noqa: F401  (registers the tables)

    wanted = set(SQLModel.metadata.tables)
    with engine.connect() as conn:
        if not is_postgresql(conn):
            _refuse_planted_code(conn, engine.url.database)
        if wanted <= set(inspect(conn).get_table_names()) and not _missing_columns(conn):
            return
    with engine.connect() as conn:
        conn.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
        with conn.begin():
            if is_postgresql(conn):
                conn.execute(text("SELECT pg_advisory_xact_lock(:space, :key)"),
                             {"space": _LOCK_SPACE, "key": _SCHEMA_LOCK})
            SQLModel.metadata.create_all(conn)  # checks again, under the lock
            for table, column, ddl in _missing_columns(conn):
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))


# Columns added after a table was first created: (table, column, DDL). Each is added once, at engine open,
# to a database an older lacha made (SQLite and PostgreSQL both take ADD COLUMN with a default).
_ADDED_COLUMNS = (
    ("import_sheet", "attested_none", "BOOLEAN NOT NULL DEFAULT FALSE"),  # issue 12: the «Không có» row
    ("ward", "addressees", "VARCHAR"),  # issue 14: DiaBan «Kính gửi», apart from «Nơi nhận»
    ("ward", "report_number", "VARCHAR"),  # issue 14: «Số báo cáo»
    ("ward", "minutes_number", "VARCHAR"),  # issue 14: «Số biên bản»
)


def _missing_columns(conn: Connection) -> list[tuple[str, str, str]]:
    from sqlalchemy import inspect

    inspector = inspect(conn)
    tables = set(inspector.get_table_names())
    missing = []
    for table, column, ddl in _ADDED_COLUMNS:
        if table in tables and column not in {c["name"] for c in inspector.get_columns(table)}:
            missing.append((table, column, ddl))
    return missing


def _refuse_planted_code(conn: Connection, where: str | None) -> None:
    """A SQLite file with a trigger or a view is not lacha's: either could delete or rewrite data on every write
    (issue 17). lacha never creates one; refuse the file, naming what was found."""
    from sqlalchemy import text

    found = conn.execute(text("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') "
                              "ORDER BY type, name")).all()
    if found:
        names = "; ".join(f"{kind} {name}" for kind, name in found)
        raise UsageError(f"Cơ sở dữ liệu {where} chứa thành phần lacha không tạo ra ({names}) — các thành phần này "
                         "có thể xóa hoặc sửa dữ liệu nên lacha không dùng tệp này. Khôi phục từ một bản sao lưu "
                         "sạch (lacha restore) hoặc nhờ cán bộ kỹ thuật kiểm tra tệp.")


# ── one writer per ward ─────────────────────────────────────────────────────

def lock_ward(conn: Connection, slug: str | None) -> None:
    """Hold the right to write ward ``slug`` until the current transaction ends.

    Call it inside the write transaction, before reading what it will change
    (on SQLite: as its first statement). It waits for another officer's
    transaction on the same ward to end — on SQLite, on any ward — and raises
    ``DatabaseBusy`` after ``LACHA_LOCK_WAIT`` seconds.
    """
    from sqlalchemy import text

    if is_postgresql(conn):
        key = {"space": _LOCK_SPACE, "slug": slug or ""}
        if wait_seconds() == 0:  # do not wait (lock_timeout 0 would mean: wait for ever)
            if not conn.execute(text("SELECT pg_try_advisory_xact_lock(:space, hashtext(:slug))"), key).scalar():
                raise _busy()
            return
        conn.execute(text(f"SET LOCAL lock_timeout = '{wait_seconds()}s'"))
        conn.execute(text("SELECT pg_advisory_xact_lock(:space, hashtext(:slug))"), key)
    else:
        # A write that changes nothing takes SQLite's write lock now (as BEGIN IMMEDIATE would),
        # waiting up to busy_timeout for another writer to commit.
        conn.execute(text("UPDATE ward SET id = id WHERE 0 = 1"))
