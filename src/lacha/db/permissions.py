"""The SQLite database file holds sensitive personal data (Nghị định 13/2023/NĐ-CP):
it is created readable and writable by its owner only (0600), and lacha warns
when an existing one is readable by others.

``protect_database_file(url)`` is called by ``get_engine`` before SQLAlchemy
opens the file. SQLite creates its journal (``-journal``, ``-wal``) with the
database file's own permissions, so they follow. Nothing is done for
PostgreSQL (the server's roles govern access) or on Windows (files inherit the
folder's access list; the user's data folder is private by default).
"""

import os
import stat
import sys
from pathlib import Path

OWNER_ONLY = 0o600
_warned: set[str] = set()


def sqlite_path(url: str) -> Path | None:
    """The file behind a ``sqlite:///…`` URL; None for PostgreSQL, in-memory or URI-style databases."""
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    name = url[len("sqlite:///"):]
    return Path(name) if name and name != ":memory:" else None


def protect_database_file(url: str) -> None:
    path = sqlite_path(url)
    if path is None or os.name == "nt":
        return
    if not path.exists():
        _create_private(path)
    else:
        warn_if_shared(path)


def _create_private(path: Path) -> None:
    """An empty file with mode 0600 (SQLite takes an empty file as a new database)."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY)
    except FileExistsError:  # another lacha created it a moment ago
        return
    except OSError:
        return  # SQLite reports the folder problem itself, in its own words
    os.close(descriptor)


def shared_mode(path: Path) -> int | None:
    """The permission bits when group or others may read or write ``path``; None when it is private."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    return mode if mode & 0o077 else None


def warn_if_shared(path: Path) -> None:
    mode = shared_mode(path)
    if mode is None or str(path) in _warned:
        return
    _warned.add(str(path))
    sys.stderr.write(f"Cảnh báo: tệp cơ sở dữ liệu {path} đang để người khác trên máy đọc được (quyền {mode:04o}); "
                     "tệp chứa dữ liệu cá nhân nhạy cảm (Nghị định 13/2023/NĐ-CP). Thu hẹp quyền: "
                     f"chmod 600 {path}\n")
