"""Opening a workbook and turning its sheets into plain rows of normalised cells.

Reading is done with python-calamine (about 6x faster than openpyxl). Cells
come back normalised: ``None`` for empty, ``str`` in NFC with spaces trimmed
(Tolerance 7), numbers, booleans, dates. Row numbers are kept as Excel shows
them, so every message can name the row an officer will look at.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from lacha.errors import InputError
from lacha.text import clean


@dataclass
class SheetData:
    name: str
    rows: list[list]  # rows[i] is Excel row i + 1
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)  # 0-based, inclusive
    hidden: bool = False


def normalise(value):
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = clean(value)
        return text or None
    if isinstance(value, dt.time):  # a bare time in a date column is nothing an officer meant
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


def open_workbook(path: Path):
    """Open ``path`` with calamine, or raise InputError in Vietnamese."""
    import python_calamine

    if not path.exists():
        raise InputError(f"Không tìm thấy tệp {path}.")
    if path.is_dir():
        raise InputError(f"{path} là một thư mục, không phải tệp Excel.")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(f"Tệp {path.name} không phải Excel .xlsx — mở bằng Excel và lưu lại dạng "
                         "“Excel Workbook (*.xlsx)”.")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic != b"PK\x03\x04":
        raise InputError(f"Tệp {path.name} không phải tệp Excel .xlsx hợp lệ (có thể là .xls, .csv hoặc tệp "
                         "bị hỏng, bị đặt mật khẩu) — mở bằng Excel và lưu lại dạng .xlsx, không đặt mật khẩu.")
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for corrupt archives
        raise InputError(f"Không đọc được tệp {path.name}: tệp bị hỏng hoặc không phải .xlsx "
                         f"({exc.__class__.__name__}) — mở bằng Excel và lưu lại.") from None


def read_sheets(path: Path) -> list[SheetData]:
    """Every worksheet of the workbook, in order, as normalised rows."""
    book = open_workbook(path)
    sheets = []
    try:
        hidden = {m.name for m in book.sheets_metadata if str(m.visible).rsplit(".", 1)[-1] != "Visible"}
        for name in book.sheet_names:
            try:
                sheet = book.get_sheet_by_name(name)
                raw = sheet.to_python(skip_empty_area=False)
                merged = list(sheet.merged_cell_ranges or [])
            except Exception as exc:
                raise InputError(f"Không đọc được sheet {name} của tệp {path.name} ({exc.__class__.__name__}) — "
                                 "mở bằng Excel và lưu lại.") from None
            rows = [[normalise(v) for v in row] for row in raw]
            while rows and not any(v is not None for v in rows[-1]):
                rows.pop()
            sheets.append(SheetData(clean(name), rows, merged, name in hidden))
    finally:
        book.close()
    return sheets
