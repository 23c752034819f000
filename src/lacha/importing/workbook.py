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
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

from lacha.bulk import cycle_collector_paused
from lacha.errors import InputError
from lacha.importing.safety import (
    MAX_TEXT,
    SheetScan,
    broken,
    inspect,
    open_checked,
    scan_sheets,
)
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


CONTROL = ("chứa ký tự điều khiển {code} (không phải chữ, không hiện ra được; có thể xóa màn hình hoặc giả đường "
           "dẫn khi in ra) — tệp bất thường hoặc đã bị sửa; gõ lại nội dung ô này")
# C0 controls but tab, line feed, vertical tab, form feed and carriage return (white space, which ``clean`` turns
# into one space: a line break typed in a note is kept as a space), DEL and every C1 control. Excel's escape
# _x0000_ … _x001F_ reaches here already decoded by calamine.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

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
        control = _CONTROL.search(value)
        if control:
            shown = clean(_CONTROL.sub("\N{REPLACEMENT CHARACTER}", value[:60]))
            return UnreadableCell(shown, CONTROL.format(code=f"U+{ord(control.group()):04X}"))
        text = clean(value)
        return text or None
    if isinstance(value, dt.time):  # a bare time in a date column is nothing an officer meant
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


_AS_READ = frozenset((str, *_PLAIN))  # what calamine returns for almost every cell


def normalise_column(values) -> list:
    """``normalise`` of every cell of one column. The usual column (text already in NFC with single spaces,
    numbers, dates) is checked as a whole and only its empty cells change; any other goes cell by cell."""
    if set(map(type, values)) <= _AS_READ and _tidy([v for v in values if v.__class__ is str]):
        return [None if v == "" else v for v in values]
    return [normalise(v) for v in values]


def _tidy(texts: list[str]) -> bool:
    """Whether ``clean`` leaves each of ``texts`` as it is, and none is too long for a cell.

    Checked on the texts joined rather than text by text (100,000 calls). Joined by NUL, the checks are exact:
    NUL is a starter that composes with nothing (NFC of the whole is NFC of each piece) and is not a space.
    Joined by nothing, ``isprintable`` is False when any text holds white space other than " "."""
    if not texts:
        return True
    if max(map(len, texts)) > MAX_TEXT:
        return False
    joined = "\x00".join(texts)
    if not joined.isascii() and not unicodedata.is_normalized("NFC", joined):
        return False
    if "  " in joined or "\x00 " in joined or " \x00" in joined or joined[:1] == " " or joined[-1:] == " ":
        return False
    return "".join(texts).isprintable()


def _check_path(path: Path) -> None:
    if not path.exists():
        raise InputError(f"Không tìm thấy tệp {path}.")
    if path.is_dir():
        raise InputError(f"{path} là một thư mục, không phải tệp Excel.")
    if not path.is_file():  # a FIFO, a device, a socket: reading it could wait forever
        raise InputError(f"{path} không phải tệp thường (ống dẫn, thiết bị…) — lacha chỉ đọc tệp Excel .xlsx "
                         "lưu trên đĩa.")
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".ods"):
        from lacha.importing.other_formats import not_xlsx

        raise InputError(not_xlsx(path))


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
    if path.suffix.lower() == ".ods":
        return _read_ods(path, encoding)
    return _read_checked(path, inspect(path), encoding)


def _read_ods(path: Path, encoding: str | None, checked: bool = False) -> list[SheetData]:
    """An .ods: checked by importing/ods.py, then read like an .xlsx; legacy text converted with --encoding."""
    from lacha.importing.legacy_encoding import convert_legacy_text
    from lacha.importing.ods import check_ods

    if not checked:
        check_ods(path)
    with cycle_collector_paused():
        sheets = _read_with_calamine(path)
    if encoding is not None:
        convert_legacy_text(None, [], sheets, encoding)  # type: ignore[arg-type]  # forced: no package read
    return sheets


def _read_checked(path: Path, checked, encoding: str | None, ahead: "_SheetOnThread | None" = None
                  ) -> list[SheetData]:
    """The sheets of ``path`` once ``checked`` (safety.inspect); ``ahead``: one of them being read already."""
    package, parts, scans = checked
    with package, cycle_collector_paused():
        sheets = _read_with_calamine(path, ahead)
        for sheet in sheets:
            scan = scans.get(sheet.name)
            if scan is not None and not sheet.hidden:
                _mark_formula_problems(sheet, scan)
        from lacha.importing.legacy_encoding import convert_legacy_text

        convert_legacy_text(package, parts, sheets, encoding)
    return sheets


class ReadAhead:
    """``read_sheets`` begun now; ``sheets()`` finishes it and returns its result (or raises its error).

    ``lacha import`` begins it before loading the database layer. The largest sheet (a commune's households:
    nearly all of the file) passes the checks of safety.py first and goes to calamine on a thread of its own;
    calamine releases the GIL while it parses, so the half second the caller then spends importing SQLAlchemy
    and SQLModel, and the reading of the other sheets in ``sheets()``, overlap it. The other sheets are checked
    before the caller goes on. On any problem ``sheets()`` does the plain ``read_sheets``, which raises the
    error it always raises."""

    def __init__(self, path: Path, encoding: str | None = None):
        self.path, self.encoding = Path(path), encoding
        self._checked = None
        self._ods_checked = False
        self._ahead: _SheetOnThread | None = None
        self.problem: InputError | None = None  # the file refused outright: ``lacha import`` says so first
        try:
            _check_path(self.path)
            if self.path.suffix.lower() == ".ods":
                from lacha.importing.ods import check_ods

                check_ods(self.path)  # refused before the database is opened; sheets() reads it whole
                self._ods_checked = True
                return
            book, parts = open_checked(self.path)
        except Exception as error:  # whatever it is, sheets() meets it again in read_sheets, in its usual place
            self.problem = error if isinstance(error, InputError) else None
            return
        present = [sheet for sheet in parts if sheet.part in book.namelist()]
        if not present:
            book.close()
            return
        largest = max(present, key=lambda sheet: book.getinfo(sheet.part).file_size)
        try:
            scans = scan_sheets(self.path, book, [largest])  # checked before calamine sees it
            self._ahead = _SheetOnThread(self.path, largest.name)
            scans.update(scan_sheets(self.path, book, [sheet for sheet in present if sheet is not largest]))
        except Exception:  # as above: sheets() does the plain read_sheets
            return
        self._checked = (book, parts, scans)

    def sheets(self) -> list[SheetData]:
        if self._ods_checked:
            return _read_ods(self.path, self.encoding, checked=True)
        if self._checked is None:
            return read_sheets(self.path, self.encoding)
        return _read_checked(self.path, self._checked, self.encoding, self._ahead)


class _SheetOnThread:
    """One sheet of ``path`` read with calamine (and normalised) on a thread of its own."""

    def __init__(self, path: Path, name: str):
        self.path, self.name = path, name
        self._sheet: SheetData | None = None
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._read, name="lacha-read-ahead", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            with cycle_collector_paused():
                book = open_workbook(self.path)
                try:
                    self._sheet = _sheet_data(book, self.name, self.path, self.name in _hidden_names(book))
                finally:
                    book.close()
        except Exception as error:  # raised by result(), in the caller's thread
            self._error = error

    def result(self) -> SheetData:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._sheet


def _read_with_calamine(path: Path, ahead: _SheetOnThread | None = None) -> list[SheetData]:
    """Every sheet, in order. ``ahead``: one of them being read on a thread; the others are read meanwhile.
    A sheet calamine cannot read raises InputError: the first such sheet in the workbook's order."""
    book = open_workbook(path)
    read: dict[str, SheetData] = {}
    failed: dict[int, InputError] = {}  # by position in the workbook
    try:
        hidden = _hidden_names(book)
        for n, name in enumerate(book.sheet_names):
            if ahead is not None and name == ahead.name:
                continue
            try:
                read[name] = _sheet_data(book, name, path, name in hidden)
            except InputError as error:
                failed[n] = error
                break  # any later sheet's error comes after this one
        if ahead is not None and ahead.name in book.sheet_names:
            try:
                read[ahead.name] = ahead.result()
            except InputError as error:
                failed[book.sheet_names.index(ahead.name)] = error
        if failed:
            raise failed[min(failed)]
        return [read[name] for name in book.sheet_names]
    finally:
        book.close()


def _hidden_names(book) -> set[str]:
    return {m.name for m in book.sheets_metadata if str(m.visible).rsplit(".", 1)[-1] != "Visible"}


def _sheet_data(book, name: str, path: Path, hidden: bool) -> SheetData:
    try:
        sheet = book.get_sheet_by_name(name)
        rows = _rows(sheet)
        merged = list(sheet.merged_cell_ranges or [])
    except Exception as exc:
        raise InputError(f"Không đọc được sheet {name} của tệp {path.name} ({exc.__class__.__name__}) — "
                         "mở bằng Excel và lưu lại.") from None
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    return SheetData(clean(name), rows, merged, hidden)


def _rows(sheet) -> list[list]:
    """Normalised rows from A1. Calamine's grid is normalised a column at a time (see normalise_column),
    then turned back into rows."""
    start_row, start_col = sheet.start or (0, 0)
    end_row = sheet.end[0] if sheet.end else -1
    grid = list(sheet.iter_rows())
    columns = [normalise_column(column) for column in zip_longest(*grid, fillvalue="")]
    rows = list(map(list, zip(*columns))) if columns else [[] for _ in grid]
    if start_col:
        rows = [[None] * start_col + cells for cells in rows]
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
