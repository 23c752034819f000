"""LibreOffice / OpenOffice spreadsheets (.ods), read with python-calamine (issue 15, item 10).

Before calamine sees the file, the same limits as for .xlsx (safety.py): a zip whose parts do not
inflate past MAX_PART_BYTES and declare no DTD; no encrypted (password) part; every table's used
area — up to its last cell holding a value, repeats (table:number-rows-repeated /
number-columns-repeated) counted — at most MAX_ROWS rows and MAX_CELLS cells. The trailing empty
repeats LibreOffice writes to the sheet's end hold no value and do not count. The sheets then go
through the very same row checks and messages as an .xlsx; TCVN3 / VNI text is converted with
--encoding (an .ods keeps no font per cell that lacha would read).
"""

import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from lacha.errors import InputError
from lacha.importing.safety import MAX_CELLS, MAX_ROWS, broken, check_parts

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
RESAVE = "mở bằng LibreOffice Calc hoặc Excel và lưu lại dạng .xlsx"


def check_ods(path: Path) -> None:
    """Raise InputError for an .ods lacha must not read: not a spreadsheet, password, too large."""
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise broken(path, " (không mở được phần nén)") from None
    with book:
        names = set(book.namelist())
        if "content.xml" not in names:
            raise InputError(f"Tệp {path.name} không phải bảng tính .ods hợp lệ (thiếu phần nội dung) — {RESAVE}.")
        check_parts(path, book)
        if "META-INF/manifest.xml" in names and _encrypted(book):
            raise InputError(f"Tệp {path.name} được đặt mật khẩu nên lacha không đọc được — mở bằng LibreOffice Calc, "
                             "nhập mật khẩu, lưu lại không đặt mật khẩu (bỏ chọn “Lưu với mật khẩu”) rồi nhập lại.")
        with book.open("content.xml") as content:
            _check_areas(path, content)


def _encrypted(book: zipfile.ZipFile) -> bool:
    with book.open("META-INF/manifest.xml") as manifest:
        return any(element.tag == f"{_MANIFEST}encryption-data" for _, element in iterparse(manifest))


def _check_areas(path: Path, content) -> None:
    table, row, col, max_row, max_col, row_repeat, row_has = "", 0, 0, 0, 0, 1, False
    try:
        for event, element in iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_TABLE}table":
                    table, row, max_row, max_col = element.get(f"{_TABLE}name", ""), 0, 0, 0
                elif tag == f"{_TABLE}table-row":
                    col, row_has = 0, False
                    row_repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                continue
            if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
                if element.get(f"{_OFFICE}value-type") or any(child.tag == f"{_TEXT}p" for child in element):
                    max_col, row_has = max(max_col, col + repeat), True
                col += repeat
                element.clear()
            elif tag == f"{_TABLE}table-row":
                row += row_repeat
                if row_has:
                    max_row = row
                    _check_area(path, table, max_row, max_col)
                element.clear()
            elif tag == f"{_TABLE}table":
                element.clear()
    except InputError:
        raise
    except (ParseError, ValueError, OSError, zipfile.BadZipFile, EOFError):  # malformed XML, a bad repeat count
        raise broken(path, " (nội dung bảng tính không đọc được)") from None


def _check_area(path: Path, table: str, rows: int, cols: int) -> None:
    if rows > MAX_ROWS:
        raise InputError(f"Sheet {table} của tệp {path.name} có dữ liệu quá dòng {MAX_ROWS:,}".replace(",", ".") +
                         f" — lacha nhận tối đa {MAX_ROWS:,} dòng mỗi sheet".replace(",", ".") +
                         ". Xóa các dòng thừa ở cuối sheet hoặc tách danh sách thành nhiều tệp.")
    if rows * max(cols, 1) > MAX_CELLS:
        raise InputError(f"Sheet {table} của tệp {path.name} trải tới cột thứ {cols:,}".replace(",", ".") +
                         " — vùng dữ liệu quá rộng để đọc. Xóa các ô thừa ở bên phải và bên dưới danh sách rồi lưu lại.")
