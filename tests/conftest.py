"""Shared fixtures: a fresh database per test, and a small workbook builder.

``build_workbook(path, {"Sheet": [[row 1 cells], [row 2 cells], ...]}, merges={"Sheet": ["B1:C1"]})``
writes an .xlsx with openpyxl: each inner list is one Excel row starting at
column A, ``None`` is an empty cell, and cells keep their Python type (a ``str``
stays text, an ``int``/``float`` is a number cell, a ``date`` is a date cell).
All sample data in the tests is fictional.
"""

import datetime as dt
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pytest

# A small fictional ward, reused by the import tests.
WARD_ROWS = [
    ["Mã địa bàn", "nguyen-trai"],
    ["Tên địa bàn", "Phường Nguyễn Trãi"],
    ["Loại", "Phường"],
    ["Tỉnh/Thành phố", "Kon Tum"],
    ["Dân số", 12000],
    ["Số hộ", 3000],
]
HAMLET_ROWS = [
    ["Mã", "Tên", "Số hộ", "Dân số", "Hòm thư tố giác", "Bảng niêm yết đường dây nóng"],
    ["T1", "Tổ 1", 400, 1600, "Có", "Có"],
    ["T2", "Tổ 2", 350, 1400, "Có", "Không"],
    ["T3", "Tổ dân phố Hòa Bình", 300, 1200, "x", ""],
]
ADDICT_HEADER = ["STT", "Số định danh", "Họ và tên", "Ngày sinh", "Giới tính", "Thôn/Tổ", "Tình trạng",
                 "Hồ sơ quản lý", "Ghi chú"]


def build_workbook(path: Path | str, sheets: Mapping[str, Sequence[Sequence]],
                   merges: Mapping[str, Iterable[str]] | None = None) -> Path:
    """Write ``sheets`` (name → rows of cells) to ``path``; ``merges`` maps a sheet to ranges like 'B1:C1'."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    cell = sheet.cell(row=r, column=c, value=value)
                    if isinstance(value, dt.date):
                        cell.number_format = "dd/mm/yyyy"
        for cell_range in (merges or {}).get(name, ()):
            sheet.merge_cells(cell_range)
    path = Path(path)
    book.save(path)
    return path


def ward_workbook(path: Path | str, extra: Mapping[str, Sequence[Sequence]] | None = None,
                  merges: Mapping[str, Iterable[str]] | None = None) -> Path:
    """The fictional ward (DiaBan + ThonTo) plus ``extra`` sheets."""
    return build_workbook(path, {"DiaBan": WARD_ROWS, "ThonTo": HAMLET_ROWS, **(extra or {})}, merges)


def table_contents(engine) -> dict[str, list[tuple]]:
    """Every row of every table, ordered: compare before/after to prove nothing was written."""
    from sqlalchemy import select
    from sqlmodel import SQLModel

    with engine.connect() as conn:
        return {name: conn.execute(select(table).order_by(*table.primary_key.columns)).all()
                for name, table in sorted(SQLModel.metadata.tables.items())}


def file_bytes(db: Path | str) -> bytes | None:
    """The SQLite file's bytes (to prove a refused import wrote nothing at all); None for a PostgreSQL URL,
    where the table contents are the proof."""
    return None if "://" in str(db) else Path(db).read_bytes()


def fetch(db: Path | str, model, order_by: str = "key") -> list[dict]:
    """Every row of ``model``'s table in the database at ``db``, as dicts ordered by ``order_by``."""
    from sqlalchemy import select

    from lacha.db.engine import get_engine

    engine = get_engine(str(db))
    table = model.__table__
    try:
        with engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(table).order_by(table.c[order_by])).mappings()]
    finally:
        engine.dispose()


# Every test that takes ``db`` runs twice: on SQLite and on PostgreSQL (tests/db_backends.py).
pytest_plugins = ["db_backends"]


@pytest.fixture
def db(db_url) -> str:
    """A fresh database: a SQLite file path (the file does not exist yet) or a new PostgreSQL database's URL."""
    return db_url


@pytest.fixture
def engine(db):
    from lacha.db.engine import get_engine

    engine = get_engine(str(db))
    yield engine
    engine.dispose()


@pytest.fixture
def workbook():
    """The ``build_workbook`` helper, as a fixture."""
    return build_workbook


@pytest.fixture
def cli(db):
    """``cli(*args)`` runs lacha in process and returns the result (exit_code, output, stdout, stderr).

    LACHA_DB points at the test's ``db``, so a command run without --db never touches the user's database."""
    from typer.testing import CliRunner

    from lacha.cli import app

    runner = CliRunner(env={"COLUMNS": "400", "LACHA_DB": str(db)})  # wide, so Rich does not wrap messages

    def invoke(*args):
        return runner.invoke(app, [str(a) for a in args])

    return invoke
