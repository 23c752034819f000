"""Where a command may write, and how a write that fails reaches the officer (issues 15 and 17).

Every writer (template, export, dossier, report, backup) calls ``check_output`` before it
writes and wraps the write in ``writing``:

- ``check_output`` refuses a target that is a directory, whose folder does not exist, or that is
  the database in use or one of the command's input files (resolved, same inode): writing there
  would destroy the data the command reads.
- ``writing`` turns an ``OSError`` (permission, a file open in Excel or Word, a read-only disk,
  a path under /proc …) into a Vietnamese message, exit status 2.

``mask_url`` hides the password of a database address in any message.
"""

import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from lacha.errors import InputError, UsageError

_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]*:)(?P<password>[^@\s]*)(?P<at>@)")


def mask_url(text: str) -> str:
    """``text`` with the password of every ``scheme://user:password@host`` replaced by ``***``."""
    return _URL_PASSWORD.sub(lambda m: f"{m['head']}***{m['at']}", text)


def database_file(db: str | None) -> Path | None:
    """The SQLite file behind --db / LACHA_DB / the default, or None for a server database."""
    from lacha.db.engine import ENV_VAR, default_db_path

    target = db or os.environ.get(ENV_VAR) or str(default_db_path())
    if "://" in target:
        if not target.startswith("sqlite:"):
            return None
        from sqlalchemy.engine import make_url

        name = make_url(target).database
        return Path(name).expanduser() if name and name != ":memory:" else None
    return Path(target).expanduser()


def _same(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(out: Path, *, db: str | None = None, use_db: bool = True, inputs: Iterable[Path] = ()) -> Path:
    """``out`` if a command may write there; otherwise UsageError (exit 2) and nothing written."""
    out = Path(out)
    if out.is_dir():
        raise UsageError(f"{out} là một thư mục — ghi tên tệp cho --out.")
    parent = out.parent
    if not parent.is_dir():
        raise UsageError(f"Thư mục {parent} không tồn tại — tạo thư mục trước hoặc chọn nơi ghi khác cho --out.")
    if use_db:
        database = database_file(db)
        if database is not None and _same(out, database):
            raise UsageError(f"--out {out} chính là cơ sở dữ liệu đang dùng — ghi ra đó sẽ xóa dữ liệu; "
                             "chọn một tệp khác. Chưa ghi gì.")
    for source in inputs:
        if source is not None and _same(out, Path(source)):
            raise UsageError(f"--out {out} chính là tệp đầu vào {source} của lệnh này — chọn một tệp khác. "
                             "Chưa ghi gì.")
    if out.exists() and not out.is_file():
        raise UsageError(f"{out} không phải tệp thường — chọn một tệp khác cho --out.")
    return out


def write_failure(out: Path, error: OSError) -> InputError:
    """The Vietnamese message for a write to ``out`` that the system refused."""
    if isinstance(error, IsADirectoryError):
        return InputError(f"{out} là một thư mục — ghi tên tệp cho --out.")
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return InputError(f"Không ghi được {out}: thư mục chứa tệp không tồn tại — tạo thư mục trước hoặc chọn "
                          "nơi ghi khác cho --out.")
    if isinstance(error, PermissionError):
        return InputError(f"Tệp {out} đang mở hoặc không được phép ghi: đóng tệp rồi chạy lại, hoặc chọn nơi ghi "
                          "khác cho --out.")
    import errno

    if error.errno == errno.ENOSPC:
        return InputError(f"Không ghi được {out}: ổ đĩa đã đầy — giải phóng chỗ trống rồi chạy lại.")
    if error.errno == errno.EROFS:
        return InputError(f"Không ghi được {out}: ổ đĩa chỉ cho đọc — chọn nơi ghi khác cho --out.")
    return InputError(f"Không ghi được {out} (hệ thống báo: {error.strerror or error.__class__.__name__}) — "
                      "chọn nơi ghi khác cho --out.")


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """Run a write to ``out``; an OSError becomes ``write_failure`` (exit 2)."""
    try:
        yield
    except OSError as error:
        raise write_failure(Path(out), error) from None
