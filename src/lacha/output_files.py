"""Where a command may write, and how a write that fails reaches the officer (issues 15 and 17).

Every writer (template, export, dossier, report, backup) calls ``check_output`` before it
writes and wraps the write in ``writing``:

- ``check_output`` refuses a target that is a directory, whose folder does not exist, or that is
  the database in use or one of the command's input files (resolved, same inode): writing there
  would destroy the data the command reads.
- ``writing`` turns an ``OSError`` (permission, a file open in Excel or Word, a read-only disk,
  a path under /proc …) into a Vietnamese message, exit status 2.

``mask_url`` hides the password of a database address in any message.

Never lose a file (issue 15 item 2): ``check_output(out, force=…)`` asks before an existing ``out`` is
replaced (on a terminal; with no terminal it refuses, naming ``--force``), and ``writing`` yields a
temporary file in the same folder which, once complete, is renamed over ``out`` — the old file kept as
``out.bak``, the new one 0600 on POSIX when it holds personal data. A write that fails leaves ``out`` as it was.
"""

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from lacha.errors import InputError, UsageError

ForceOption = Annotated[bool, typer.Option(
    "--force", help="Ghi đè tệp --out đã có mà không hỏi; tệp cũ được giữ lại thành TỆP.bak.")]

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


def check_output(out: Path, *, db: str | None = None, use_db: bool = True, inputs: Iterable[Path] = (),
                 force: bool | None = None) -> Path:
    """``out`` if a command may write there; otherwise UsageError (exit 2) and nothing written.

    ``force`` (the command's --force; None: not asked here): an existing ``out`` is replaced only with
    --force or when the officer says so on a terminal (``may_replace``)."""
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
    if force is not None:
        may_replace(out, force)
    return out


def backup_name(out: Path) -> Path:
    """Where the file an overwrite replaces is kept: ``ho-so.docx`` → ``ho-so.docx.bak``."""
    return out.with_name(out.name + ".bak")


def _interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def may_replace(out: Path, force: bool) -> None:
    """Return when writing ``out`` loses nothing unasked: it does not exist, --force, or the officer said yes.

    A target that cannot be written (read-only, locked) is an InputError (exit 2) before any work;
    with no terminal to ask on, a UsageError naming --force (exit 2); a "no" ends the command (exit 1)."""
    out = Path(out)
    if not out.exists():
        return
    if not os.access(out, os.W_OK):
        raise InputError(f"Tệp {out} chỉ cho đọc hoặc không được phép ghi — bỏ thuộc tính chỉ đọc, hoặc chọn nơi "
                         "ghi khác cho --out. Chưa ghi gì.")
    if force:
        return
    kept = backup_name(out)
    if not _interactive():
        raise UsageError(f"Tệp {out} đã có. Muốn ghi đè thì thêm --force (tệp cũ được giữ lại thành {kept.name}), "
                         "hoặc chọn tên khác cho --out. Chưa ghi gì.")
    from lacha.frame_vi import confirm

    if not confirm(f"Tệp {out} đã có. Ghi đè (tệp cũ được giữ lại thành {kept.name})?", default=False):
        typer.echo(f"Đã hủy — tệp {out} giữ nguyên, chưa ghi gì.", err=True)
        raise typer.Exit(1)


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
def writing(out: Path, *, personal: bool = True) -> Iterator[Path]:
    """Write ``out`` through the temporary file this yields (same folder, same suffix).

    When the block ends without error, an existing ``out`` is kept as ``out.bak`` and the temporary file
    renamed over ``out`` (0600 on POSIX when ``personal``); on any error the temporary file is removed and
    ``out`` is left as it was. An OSError becomes ``write_failure`` (exit 2)."""
    out = Path(out)
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=f".tmp{out.suffix}", dir=out.parent)
        os.close(handle)
        temporary = Path(name)
        yield temporary
        _set_mode(temporary, personal)
        if out.exists():
            os.replace(out, backup_name(out))
        os.replace(temporary, out)
    except OSError as error:
        raise write_failure(out, error) from None
    finally:
        if temporary is not None and temporary.exists():
            temporary.unlink()


def _set_mode(path: Path, personal: bool) -> None:
    """0600 for a file holding personal data; otherwise what the umask gives a new file (POSIX)."""
    if os.name != "posix":
        return
    if personal:
        os.chmod(path, 0o600)
        return
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
