"""``lacha backup`` and ``lacha restore``: a consistent copy of the SQLite database, and putting one back.

Both use SQLite's online backup API (``sqlite3.Connection.backup``): the copy
is of committed data only, taken page by page under SQLite's own locks, so it
is consistent even while other officers read or write (a write in progress
makes the copy wait and retry, never copy half of it). The copy is written to
a temporary file beside the target and renamed into place when complete.

``restore`` accepts only a lacha SQLite database (checked: SQLite header,
lacha's tables, integrity), asks before replacing (``--yes`` skips the
question), and keeps the data it replaces in a dated copy beside the database.

PostgreSQL has its own tools: lacha says so (pg_dump / pg_restore) and stops.
"""

import datetime as dt
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lacha.errors import InputError, UsageError

SQLITE_HEADER = b"SQLite format 3\x00"
LACHA_TABLES = frozenset({"ward", "import_run", "import_sheet", "hamlet", "household", "addict"})
_PG_BACKUP = ("Cơ sở dữ liệu đang dùng là PostgreSQL ({where}): lacha backup chỉ sao lưu tệp SQLite. Với PostgreSQL "
              "hãy dùng công cụ của PostgreSQL: pg_dump -Fc -f lacha-sao-luu.dump \"postgresql://…\" (khôi phục: "
              "pg_restore -d \"postgresql://…\" lacha-sao-luu.dump). Chưa ghi gì.")
_PG_RESTORE = ("Cơ sở dữ liệu đang dùng là PostgreSQL ({where}): lacha restore chỉ khôi phục tệp SQLite. Với "
               "PostgreSQL hãy dùng pg_restore -d \"postgresql://…\" TỆP.dump (tệp do pg_dump ghi). Chưa thay đổi gì.")


@dataclass(frozen=True)
class DatabaseInfo:
    path: Path
    wards: tuple[str, ...]
    imports: int
    last_import: dt.datetime | None
    size: int

    def describe(self) -> str:
        wards = f"{len(self.wards)} địa bàn" + (f": {', '.join(self.wards[:5])}" if self.wards else "")
        if len(self.wards) > 5:
            wards += ", …"
        last = f", lần nhập gần nhất {self.last_import:%d/%m/%Y %H:%M} (UTC)" if self.last_import else ""
        return f"{wards}; {self.imports} lần nhập{last}; {self.size / 1_048_576:.1f} MB"


def _target(db: str | None, pg_message: str) -> Path:
    """The SQLite file behind --db / LACHA_DB / the default; PostgreSQL is refused with ``pg_message``."""
    from sqlalchemy.engine import make_url

    from lacha.db.engine import resolve_url

    url = make_url(resolve_url(db))
    if url.get_backend_name() == "postgresql":
        where = f"{url.host or 'localhost'}/{url.database or ''}"
        raise UsageError(pg_message.format(where=where))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise UsageError(f"--db: không phải tệp cơ sở dữ liệu SQLite ({url.render_as_string(hide_password=True)}).")
    return Path(url.database).expanduser()


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)


def inspect_database(path: Path, what: str) -> DatabaseInfo:
    """The lacha database at ``path``, or InputError saying why it is not one."""
    if not path.is_file():
        raise InputError(f"Không tìm thấy {what} {path}.")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise InputError(f"Tệp {path} không phải cơ sở dữ liệu SQLite của lacha — chọn tệp do lacha backup ghi ra.")
    conn = _read_only(path)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not LACHA_TABLES <= tables:
            raise InputError(f"Tệp {path} là cơ sở dữ liệu SQLite nhưng không phải của lacha (thiếu bảng "
                             f"{', '.join(sorted(LACHA_TABLES - tables))}) — chọn tệp do lacha backup ghi ra.")
        foreign = _foreign_objects(conn)
        if foreign:
            raise InputError(f"Tệp {path} chứa thành phần không thuộc cơ sở dữ liệu của lacha ({'; '.join(foreign)}) "
                             "— lacha không dùng tệp này vì các thành phần đó có thể xóa hoặc sửa dữ liệu. "
                             "Chọn tệp do lacha backup ghi ra.")
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise InputError(f"Tệp {path} bị hỏng (SQLite integrity_check: {check}) — dùng một bản sao lưu khác.")
        wards = tuple(r[0] for r in conn.execute("SELECT slug FROM ward ORDER BY slug"))
        imports, last = conn.execute("SELECT count(*), max(imported_at) FROM import_run").fetchone()
    except sqlite3.DatabaseError as error:
        raise InputError(f"Tệp {path} không đọc được như cơ sở dữ liệu SQLite ({error}) — chọn tệp do lacha backup "
                         "ghi ra.") from None
    finally:
        conn.close()
    last_import = dt.datetime.fromisoformat(str(last)) if last else None
    return DatabaseInfo(path, wards, imports, last_import, path.stat().st_size)


def _lacha_tables() -> set[str]:
    from sqlmodel import SQLModel

    import lacha.db.models  # noqa: F401  (registers the tables)

    return set(SQLModel.metadata.tables)


def _foreign_objects(conn: sqlite3.Connection) -> list[str]:
    """Triggers, views and tables that lacha's schema does not have, named by kind ("trigger: x")."""
    kinds = {"trigger": "trigger (lệnh tự chạy)", "view": "view (khung nhìn)", "table": "bảng lạ"}
    known = _lacha_tables()
    found: dict[str, list[str]] = {}
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master ORDER BY type, name"):
        if kind in ("trigger", "view") or (kind == "table" and name not in known and not name.startswith("sqlite_")):
            found.setdefault(kinds[kind], []).append(str(name))
    return [f"{kind}: {', '.join(names)}" for kind, names in found.items()]


def _copy(source: Path, target: Path) -> None:
    """Online backup of ``source`` into a temporary file beside ``target``, renamed into place when complete."""
    handle, temporary = tempfile.mkstemp(suffix=".db", prefix=".lacha-backup-", dir=target.parent)
    os.close(handle)
    try:
        src, dst = _read_only(source), sqlite3.connect(temporary)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _same_file(a: Path, b: Path) -> bool:
    return a.exists() and b.exists() and os.path.samefile(a, b)


def backup_source(db: str | None) -> Path:
    """The SQLite file a backup copies; UsageError for PostgreSQL (its own tools) before anything else."""
    return _target(db, _PG_BACKUP)


def backup_database(db: str | None, out: Path) -> DatabaseInfo:
    """Copy the database to ``out``; returns what was copied."""
    source = _target(db, _PG_BACKUP)
    out = Path(out)
    info = inspect_database(source, "cơ sở dữ liệu")
    if _same_file(source, out):
        raise UsageError(f"--out {out} chính là cơ sở dữ liệu đang dùng — chọn một tệp khác để ghi bản sao lưu.")
    if not out.parent.is_dir():
        raise UsageError(f"Thư mục {out.parent} không tồn tại — tạo thư mục trước hoặc chọn nơi ghi khác cho --out.")
    _copy(source, out)
    inspect_database(out, "bản sao lưu")
    return info


@dataclass(frozen=True)
class RestorePlan:
    file: DatabaseInfo
    target: Path
    current: DatabaseInfo | None  # None: no database there yet
    keep: Path | None  # where the replaced data is kept

    def question(self) -> str:
        incoming = f"Bản sao lưu {self.file.path}: {self.file.describe()}."
        if self.current is None:
            return f"{incoming}\nChưa có cơ sở dữ liệu tại {self.target}: sẽ tạo mới từ bản sao lưu."
        return (f"{incoming}\nKHÔI PHỤC SẼ THAY TOÀN BỘ dữ liệu hiện có trong {self.target} "
                f"({self.current.describe()}).\nDữ liệu hiện tại được giữ lại ở {self.keep}.")


def check_restore(db: str | None, file: Path) -> RestorePlan:
    """Every check before the question: nothing is changed here."""
    target = _target(db, _PG_RESTORE)
    info = inspect_database(Path(file), "tệp sao lưu")
    if _same_file(target, Path(file)):
        raise UsageError(f"Tệp {file} chính là cơ sở dữ liệu đang dùng — chọn tệp sao lưu khác.")
    current = None
    if target.exists():
        current = inspect_database(target, "cơ sở dữ liệu")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    keep = target.with_name(f"{target.name}.truoc-khoi-phuc-{stamp}") if current else None
    return RestorePlan(info, target, current, keep)


def restore_database(plan: RestorePlan) -> str:
    """Replace the database with the backup's content (online backup API into the live file)."""
    from lacha.db.engine import get_engine

    if plan.keep is not None:
        _copy(plan.target, plan.keep)
    src = _read_only(plan.file.path)
    dst = sqlite3.connect(plan.target, timeout=30)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    get_engine(str(plan.target)).dispose()  # tables newer than the backup are created empty
    kept = f" Dữ liệu trước khi khôi phục: {plan.keep}." if plan.keep else ""
    return f"Đã khôi phục {plan.target} từ {plan.file.path} ({plan.file.describe()}).{kept}"
