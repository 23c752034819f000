"""No silent creation of a database (issue 15, item 4).

A mistyped ``--db`` / ``LACHA_DB`` path used to create an empty database, and "chưa có địa bàn
nào" then looked like data loss. Only ``import``, ``restore`` and ``demo`` may create a SQLite
file, and they say so ("Tạo cơ sở dữ liệu mới tại …"); every other command refuses a path
where there is no database (exit 2). A server database (postgresql://…) is not a file: the
server says whether it exists.
"""

from lacha.errors import UsageError


def require_database(db: str | None, may_create: bool, console=None) -> None:
    """Refuse (UsageError) a SQLite path without a database, unless ``may_create``; then announce it."""
    from lacha.output_files import database_file

    path = database_file(db)
    if path is None or path.exists():
        return
    if not may_create:
        raise UsageError(f"Không có cơ sở dữ liệu tại {path} — kiểm tra lại --db hoặc biến LACHA_DB (gõ đúng đường "
                         "dẫn chưa?). Chưa có dữ liệu thì nhập danh sách trước: lacha import TỆP.xlsx")
    if console is not None:
        console.print(f"Tạo cơ sở dữ liệu mới tại {path}.", markup=False)
