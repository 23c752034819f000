"""Where the database lives, and the engine over it.

``--db`` (or the ``LACHA_DB`` environment variable) takes a file path (SQLite)
or a ``postgresql://`` URL. Without either, the database is the SQLite file
``lacha.db`` in the user's data folder (``typer.get_app_dir('lacha')``:
``~/.config/lacha`` on Linux, ``%APPDATA%\\lacha`` on Windows). The schema is
created on first use.
"""

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

from lacha.errors import UsageError

ENV_VAR = "LACHA_DB"


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
        raise UsageError(f"--db: không hiểu địa chỉ cơ sở dữ liệu '{target}' — dùng đường dẫn tệp (SQLite) "
                         "hoặc địa chỉ postgresql://người_dùng@máy_chủ/tên_csdl.")
    path = Path(target).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def get_engine(db: str | None = None) -> Engine:
    """An engine with the schema in place."""
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    import lacha.db.models  # noqa: F401  (registers the tables)

    url = resolve_url(db)
    engine = create_engine(url)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        SQLModel.metadata.create_all(engine)
    except Exception as exc:  # the driver's own error says what is wrong with the target
        raise UsageError(f"Không mở được cơ sở dữ liệu {url.split('@')[-1]}: {exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0]}") from None
    return engine
