"""Opening a workbook and turning its sheets into plain rows of normalised cells.

Reading is done with python-calamine (about 6x faster than openpyxl). Cells
come back normalised: ``None`` for empty, ``str`` in NFC with spaces trimmed
(Tolerance 7), numbers, booleans, dates. Row numbers are kept as Excel shows
them, so every message can name the row an officer will look at.

Before calamine sees the file, ``safety.inspect`` makes sure it is a workbook
calamine can read in bounded memory (see safety.py). A cell whose value cannot
be known — a formula never calculated, a formula error such as ``#REF!``, text
longer than Excel allows — is kept as an ``UnreadableCell``: it is an error if
the importer uses it, and nothing if it sits in a column or row it skips.
Text typed in a legacy Vietnamese encoding (TCVN3, VNI) is converted to
Unicode (legacy_encoding.py) and each conversion is listed in ``converted``.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from lacha.errors import InputError
from lacha.importing.safety import MAX_TEXT, SheetScan, broken, inspect
from lacha.text import clean


@dataclass
class SheetData:
    name: str
    rows: list[list]  # rows[i] is Excel row i + 1
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)  # 0-based, inclusive
    hidden: bool = False
    converted: list = field(default_factory=list)  # legacy_encoding.Conversion, one per converted cell


class UnreadableCell(str):
    """What the officer sees in a cell whose value lacha cannot know; ``reason`` says why, and the fix."""

    reason: str

    def __new__(cls, shown: str, reason: str):
        cell = super().__new__(cls, shown)
        cell.reason = reason
        return cell


NO_CACHED_VALUE = ("là công thức chưa được tính giá trị (tệp do chương trình khác Excel ghi ra) — mở tệp bằng Excel, "
                   "nhấn Ctrl+Alt+F9 để tính lại rồi lưu, hoặc chép rồi dán dạng giá trị (Paste Values)")
FORMULA_ERROR = "là lỗi của công thức trong ô — sửa công thức hoặc ghi thẳng giá trị vào ô"
TOO_LONG = ("có {n} ký tự, quá giới hạn {limit} ký tự một ô của Excel — tệp bất thường; kiểm tra lại ô này, "
            "ghi nội dung ngắn hơn")


_PLAIN = frozenset((int, float, bool, dt.date, dt.datetime))


def normalise(value):
    kind = value.__class__
    if kind in _PLAIN or value is None:
        return value
    if value == "":
        return None
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            return UnreadableCell(clean(value[:60]) + "…", TOO_LONG.format(n=f"{len(value):,}".replace(",", "."),
                                                                            limit="32.767"))
        text = clean(value)
        return text or None
    if isinstance(value, dt.time):  # a bare time in a date column is nothing an officer meant
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


def _check_path(path: Path) -> None:
    if not path.exists():
        raise InputError(f"Không tìm thấy tệp {path}.")
    if path.is_dir():
        raise InputError(f"{path} là một thư mục, không phải tệp Excel.")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(f"Tệp {path.name} không phải Excel .xlsx — mở bằng Excel và lưu lại dạng "
                         "“Excel Workbook (*.xlsx)”.")


def open_workbook(path: Path):
    """Open ``path`` with calamine, or raise InputError in Vietnamese."""
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for corrupt archives
        raise broken(path, f" ({exc.__class__.__name__})") from None


def read_sheets(path: Path, encoding: str | None = None) -> list[SheetData]:
    """Every worksheet of the workbook, in order, as normalised rows.

    ``encoding`` ('tcvn3' or 'vni') forces legacy conversion of every text cell; without it, cells set in a
    TCVN3 or VNI font (or sheets whose text reads as one) are converted."""
    path = Path(path)
    _check_path(path)
    package, parts, scans = inspect(path)
    with package:
        sheets = _read_with_calamine(path)
        for sheet in sheets:
            scan = scans.get(sheet.name)
            if scan is not None and not sheet.hidden:
                _mark_formula_problems(sheet, scan)
        from lacha.importing.legacy_encoding import convert_legacy_text

        convert_legacy_text(package, parts, sheets, encoding)
    return sheets


def _read_with_calamine(path: Path) -> list[SheetData]:
    book = open_workbook(path)
    sheets = []
    try:
        hidden = {m.name for m in book.sheets_metadata if str(m.visible).rsplit(".", 1)[-1] != "Visible"}
        for name in book.sheet_names:
            try:
                sheet = book.get_sheet_by_name(name)
                rows = _rows(sheet)
                merged = list(sheet.merged_cell_ranges or [])
            except Exception as exc:
                raise InputError(f"Không đọc được sheet {name} của tệp {path.name} ({exc.__class__.__name__}) — "
                                 "mở bằng Excel và lưu lại.") from None
            while rows and not any(v is not None for v in rows[-1]):
                rows.pop()
            sheets.append(SheetData(clean(name), rows, merged, name in hidden))
    finally:
        book.close()
    return sheets


def _rows(sheet) -> list[list]:
    """Normalised rows from A1, one calamine row at a time (never two copies of the sheet in memory)."""
    start_row, start_col = sheet.start or (0, 0)
    end_row = sheet.end[0] if sheet.end else -1
    padding = [None] * start_col
    rows = [padding + [normalise(v) for v in row] for row in sheet.iter_rows()]
    missing_above = end_row + 1 - len(rows)  # iter_rows begins at row 1 in calamine 0.9; older ones at start_row
    if 0 < missing_above <= start_row:
        rows[:0] = [[] for _ in range(missing_above)]
    return rows


def _mark_formula_problems(sheet: SheetData, scan: SheetScan) -> None:
    from lacha.importing.xlsx_parts import split_ref

    marks = [(ref, UnreadableCell("(công thức chưa tính)", NO_CACHED_VALUE)) for ref in scan.formulas_without_value]
    marks += [(ref, UnreadableCell(shown, FORMULA_ERROR)) for ref, shown in scan.formula_errors]
    for ref, mark in marks:
        place = split_ref(ref)
        if place is None:
            continue
        row, col = place
        while len(sheet.rows) <= row:
            sheet.rows.append([])
        cells = sheet.rows[row]
        cells.extend([None] * (col + 1 - len(cells)))
        cells[col] = mark
