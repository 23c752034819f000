"""Checks a workbook passes before calamine reads it: hostile or broken files get a
Vietnamese message, never a traceback, a crash or unbounded memory.

- What the file really is (``sniff``): an .xls, .csv, .docx, HTML page or PDF
  renamed to .xlsx, a password-protected workbook (an encrypted OLE container),
  an empty or truncated file — each named for what it is, with the fix.
- The zip package (``open_package``): readable, holding a workbook; no XML part
  declares a DTD (Excel never writes one; a "billion laughs" file does); no part
  inflates beyond ``MAX_PART_BYTES``.
- Each worksheet (``scan_sheet``, streamed in 1 MB chunks, bounded memory):
  calamine holds a sheet as a dense grid from its first to its last used cell,
  so a 2 kB file with one value in A1 and one in XFD1048576 would ask for 550 GB
  and abort the process. Sheets reaching past ``MAX_ROWS`` rows or
  ``MAX_CELLS`` cells are refused before calamine sees them, naming the far cell.
  Formulas with no cached value and cached formula errors (#REF!, #DIV/0!…),
  which calamine returns as blank cells, are found here too.
"""

import re
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lacha.errors import InputError
from lacha.importing.xlsx_parts import CellWalker, PartError, SheetPart, column_index, sheet_parts

MAX_ROWS = 200_000  # rows per sheet: a commune's largest roster (households) is a few tens of thousands
MAX_CELLS = 10_000_000  # cells of a sheet's used area (rows × columns), what calamine allocates
MAX_PART_BYTES = 1 << 30  # one XML part, inflated
# All parts together, inflated (issue 17 item 1): every character of text costs at least one byte of XML, so this
# bounds the text calamine holds, whatever mix of cells × length. The largest real roster (a 111,320-row ward,
# benchmarks/) inflates to 48 MB; this is four times that.
MAX_WORKBOOK_BYTES = 192 << 20
MAX_TEXT = 32_767  # Excel's own limit for the characters in one cell
CHUNK = 1 << 20

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
RESAVE = "mở bằng Excel và lưu lại dạng “Excel Workbook (*.xlsx)”"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(path: Path) -> None:
    """Raise InputError when ``path`` is not a zip package, saying what it is instead."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if not head:
        raise InputError(f"Tệp {path.name} trống (0 byte) — có thể chưa tải về hoặc chép chưa xong; lấy lại tệp gốc.")
    if head.startswith(ZIP_MAGICS):
        return
    if head.startswith(OLE_MAGIC):
        raise InputError(_ole_message(path))
    raise InputError(f"Tệp {path.name} không phải tệp Excel .xlsx hợp lệ: {_what_text_is(head)} — {RESAVE}.")


def _ole_message(path: Path) -> str:
    """An OLE compound file: a password-protected .xlsx (EncryptedPackage stream), an old .xls or .doc."""
    streams = _ole_streams(path)
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        return (f"Tệp {path.name} được đặt mật khẩu (mã hóa) nên lacha không đọc được — mở bằng Excel, nhập mật khẩu, "
                "vào Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu rồi lưu lại.")
    if "WordDocument" in streams:
        return (f"Tệp {path.name} là văn bản Word (.doc), không phải bảng tính — chép bảng sang Excel rồi lưu "
                "dạng .xlsx.")
    if "Workbook" in streams or "Book" in streams:
        return f"Tệp {path.name} là tệp Excel 97–2003 (.xls) được đổi đuôi thành .xlsx — {RESAVE}."
    return (f"Tệp {path.name} là tệp Excel cũ (.xls) hoặc tệp được đặt mật khẩu, không phải .xlsx — {RESAVE}, "
            "không đặt mật khẩu.")


def _ole_streams(path: Path) -> set[str]:
    """Names of the well-known streams present in an OLE file (directory entries are UTF-16 names)."""
    wanted = ("EncryptedPackage", "EncryptionInfo", "WordDocument", "Workbook", "Book")
    found = set()
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            data = tail + chunk
            found.update(name for name in wanted if _utf16(name) + b"\x00\x00" in data)
            tail = data[-64:]
    return found


def _what_text_is(head: bytes) -> str:
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"%pdf"):
        return "đây là tệp PDF"
    if lowered.startswith(b"{\\rtf"):
        return "đây là văn bản RTF"
    if b"urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        return "đây là bảng tính XML 2003"
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or b"<html" in lowered[:512]:
        return "đây là trang web (HTML), thường do phần mềm khác xuất ra và đặt đuôi Excel"
    if _looks_like_text(head):
        return "đây là tệp văn bản (CSV hoặc TXT), có thể bị hỏng hoặc bị đổi đuôi"
    return "có thể là tệp .xls, tệp bị hỏng hoặc bị đặt mật khẩu"


def _looks_like_text(head: bytes) -> bool:
    """Printable text in UTF-8 (with or without BOM) or UTF-16 (Excel's "Unicode Text"), or ASCII/Latin text."""
    for encoding in ("utf-16",) if head[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # not just a character cut at the end of the 4 kB read
                continue
            text = head[:error.start].decode(encoding)
        if text and all(ch.isprintable() or ch in "\r\n\t" for ch in text):
            return True
    return False


# ── the zip package ─────────────────────────────────────────────────────────

_OTHER_PACKAGES = {
    "word/document.xml": "văn bản Word (.docx)",
    "ppt/presentation.xml": "bản trình chiếu PowerPoint (.pptx)",
    "content.xml": "bảng tính LibreOffice (.ods)",
}


def broken(path: Path, detail: str = "") -> InputError:
    return InputError(f"Không đọc được tệp {path.name}: tệp bị hỏng hoặc chưa tải về hết{detail} — lấy lại tệp gốc, "
                      "hoặc mở bằng Excel và lưu lại.")


READ_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error)


def open_package(path: Path) -> zipfile.ZipFile:
    """The file as a zip, checked to be a workbook; InputError otherwise."""
    try:
        book = zipfile.ZipFile(path)
        names = set(book.namelist())
    except READ_ERRORS:
        raise broken(path, " (không mở được phần nén)") from None
    if "xl/workbook.xml" not in names:
        book.close()
        other = next((what for part, what in _OTHER_PACKAGES.items() if part in names), None)
        if other:
            raise InputError(f"Không đọc được tệp {path.name}: đây là {other} được đặt đuôi .xlsx, không phải bảng "
                             f"tính Excel — chép danh sách sang Excel rồi lưu dạng .xlsx.")
        raise InputError(f"Không đọc được tệp {path.name}: đây là tệp nén (.zip) nhưng không chứa bảng tính Excel — "
                         f"{RESAVE}.")
    return book


def _too_much_text(path: Path, size: int) -> InputError:
    return InputError(f"Tệp {path.name} giải nén ra {size // (1 << 20):,} MB dữ liệu".replace(",", ".") +
                      f" — quá giới hạn {MAX_WORKBOOK_BYTES >> 20} MB của lacha cho một tệp (danh sách lớn nhất của "
                      "một phường chỉ khoảng 50 MB); tệp bất thường, có thể là tệp độc hại hoặc có những ô chứa "
                      "văn bản rất dài. Lấy lại tệp gốc, hoặc xóa các ô thừa rồi lưu lại, hoặc tách danh sách "
                      "thành nhiều tệp.")


def _count(path: Path, book: zipfile.ZipFile, size: int) -> None:
    """Add ``size`` inflated bytes to what ``book`` has been read to; refuse past MAX_WORKBOOK_BYTES."""
    total = getattr(book, "_lacha_inflated", 0) + size
    book._lacha_inflated = total  # type: ignore[attr-defined]
    if total > MAX_WORKBOOK_BYTES:
        raise _too_much_text(path, total)


_DTD_ANYWHERE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _dtd_refused(path: Path, part: str) -> InputError:
    return InputError(f"Tệp {path.name} có khai báo DTD/ENTITY trong {part} — Excel không bao giờ "
                      "ghi như vậy; tệp có thể đã bị sửa để tấn công (\"billion laughs\"). Không nhập tệp này; "
                      "lấy lại tệp gốc từ người gửi.")


def check_parts(path: Path, book: zipfile.ZipFile) -> None:
    """No part inflates past MAX_PART_BYTES, nor all of them past MAX_WORKBOOK_BYTES; no XML part declares a DTD
    or entities."""
    declared = sum(info.file_size for info in book.infolist())
    if declared > MAX_WORKBOOK_BYTES:  # the sizes the package states: refused before anything is inflated
        raise _too_much_text(path, declared)
    for info in book.infolist():
        if info.file_size > MAX_PART_BYTES:
            raise InputError(f"Tệp {path.name} có phần dữ liệu {info.filename} quá lớn khi giải nén "
                             f"({info.file_size // (1 << 20)} MB) — tệp bất thường, có thể là tệp độc hại; "
                             f"{RESAVE} hoặc lấy lại tệp gốc.")
        if info.filename == "xl/sharedStrings.xml":
            _check_shared_strings(path, book, info)
        if info.filename.endswith((".xml", ".rels")) and _declares_dtd(book, info):
            raise _dtd_refused(path, info.filename)


def _check_shared_strings(path: Path, book: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """The shared strings (calamine holds all of them) streamed once: the bytes they really inflate to (a header
    may lie) counted into the workbook's budget, and no DTD anywhere in them."""
    size, tail = 0, b""
    with book.open(info) as handle:
        while chunk := handle.read(CHUNK):
            size += len(chunk)
            _count(path, book, len(chunk))
            if size > MAX_PART_BYTES:
                raise InputError(f"Tệp {path.name} có phần dữ liệu {info.filename} quá lớn khi giải nén — tệp bất "
                                 f"thường, có thể là tệp độc hại; {RESAVE} hoặc lấy lại tệp gốc.")
            if b"<!" in tail + chunk and _DTD_ANYWHERE.search(tail + chunk):
                raise _dtd_refused(path, info.filename)
            tail = chunk[-16:]


_WHITE = b" \t\r\n\xef\xbb\xbf"  # and a UTF-8 byte order mark


def _declares_dtd(book: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the prolog (everything before the root element) holds <!DOCTYPE or <!ENTITY. The prolog is
    followed however long it is — a DTD may hide behind megabytes of comments — streaming, in bounded memory.
    A part that cannot be read raises (the broken-file message)."""
    with book.open(info) as handle:
        first = handle.read(CHUNK)
        utf16 = _utf16_codec(first)
        if utf16:
            import codecs

            decoder = codecs.getincrementaldecoder(utf16)("replace")

            def more() -> bytes:
                return decoder.decode(handle.read(CHUNK)).encode()

            buffer = decoder.decode(first).encode()
        else:
            def more() -> bytes:
                return handle.read(CHUNK)

            buffer = first
        at_end = not first
        while True:
            buffer = buffer.lstrip(_WHITE)
            if len(buffer) < 16 and not at_end:  # not enough to tell what comes next
                chunk = more()
                at_end = not chunk
                buffer += chunk
                continue
            if buffer.startswith((b"<?", b"<!--")):
                close = b"?>" if buffer.startswith(b"<?") else b"-->"
                end = buffer.find(close, 2)
                while end < 0 and not at_end:  # a comment or instruction longer than what was read
                    keep = buffer[-2:]
                    chunk = more()
                    at_end = not chunk
                    buffer = keep + chunk
                    end = buffer.find(close)
                if end < 0:
                    return False
                buffer = buffer[end + len(close):]
                continue
            return bool(_DTD_ANYWHERE.match(buffer)) or buffer.startswith(b"<!")


def _utf16_codec(head: bytes) -> str | None:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    if head[:2] == b"<\x00":
        return "utf-16-le"
    if head[:2] == b"\x00<":
        return "utf-16-be"
    return None


# ── one worksheet, streamed ─────────────────────────────────────────────────

@dataclass
class SheetScan:
    """What the stream of one worksheet part showed."""

    name: str
    max_row: int = 0  # 1-based; exact from row 100000 on, below that an upper bound (9999, 99999)
    max_col: int = 0  # 1-based; 0 while no reference goes past column Z (single letters are not followed)
    far_cell: str = ""  # the reference that set max_row or max_col
    formulas_without_value: list[str] = field(default_factory=list)  # cell references
    formula_errors: list[tuple[str, str]] = field(default_factory=list)  # (reference, '#REF!')
    needs_walk: bool = False  # cells without an r="…" reference: placed by CellWalker
    declares_dtd: bool = False  # <!DOCTYPE or <!ENTITY anywhere in the part

    @property
    def area(self) -> int:
        return self.max_row * max(self.max_col, 1)


# Only references past column Z or row 99999 can make a sheet too large: 26 columns × MAX_ROWS rows is within
# MAX_CELLS. So the scan looks for those alone (one quick search per block finds whether there are any) and
# does not follow the single-letter columns of every cell.
assert 26 * MAX_ROWS <= MAX_CELLS
_WIDE_OR_FAR = re.compile(rb' r="(?:[A-Z]{2}|[A-Z]\d{6})')
_WIDE = re.compile(rb' r="([A-Z]{2,3})(\d+)"')
_FAR = re.compile(rb' r="([A-Z]{1,3})(\d{6,})"')
_UNREFERENCED = re.compile(rb'<c(?:>| (?!r="))')  # a cell whose first attribute is not its reference r="…"
_REF = re.compile(rb'\br="([A-Z]{1,3}\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ERROR_CELL = re.compile(rb'<c\b[^>]*\bt="e"[^>]*>')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s>]")


def scan_sheet(book: zipfile.ZipFile, sheet: SheetPart, path: Path | None = None) -> SheetScan:
    """Stream ``sheet``'s part once; stops early once it is over a limit. With ``path``, the bytes read count
    into the workbook's budget (MAX_WORKBOOK_BYTES)."""
    scan = SheetScan(sheet.name)
    tail = b""
    with book.open(sheet.part) as handle:
        read = 0
        while chunk := handle.read(CHUNK):
            read += len(chunk)
            if path is not None:
                _count(path, book, len(chunk))
            if b"<!" in chunk and _DTD_ANYWHERE.search(tail[-16:] + chunk):
                scan.declares_dtd = True
                return scan
            if read > MAX_PART_BYTES:
                scan.max_row = max(scan.max_row, MAX_ROWS + 1)
                return scan
            data = tail + chunk
            cut = data.rfind(b"</row>")  # whole rows only, so a cell is never split between two blocks
            cut = cut + 6 if cut >= 0 else (0 if len(data) < 64 * CHUNK else len(data))
            block, tail = data[:cut], data[cut:]
            _scan_block(block, scan)
            if too_large(scan):
                return scan
    _scan_block(tail, scan)
    return scan


def too_large(scan: SheetScan) -> bool:
    return scan.max_row > MAX_ROWS or scan.area > MAX_CELLS


def _scan_block(block: bytes, scan: SheetScan) -> None:
    if not block:
        return
    # Excel writes r="…" first in each cell; other layouts are walked cell by cell (walk_extent)
    if not scan.needs_walk and _UNREFERENCED.search(block):
        scan.needs_walk = True
    scan.max_row = max(scan.max_row, _row_bound(block))
    if _WIDE_OR_FAR.search(block):
        for pattern in (_WIDE, _FAR):
            for letters, digits in pattern.findall(block):
                _extend(scan, int(digits), column_index(letters.decode()) + 1, letters + digits)
    if _has_formula_tag(block):
        _find_formulas_without_value(block, scan)
    if b't="e"' in block:
        _find_formula_errors(block, scan)


_F_TAG_END = re.compile(rb"f[\s>/]")


def _has_formula_tag(block: bytes) -> bool:
    """Whether ``block`` holds a formula tag, <f…> or <x:f…>. Found by its letter f, rare in cell XML (and
    absent from Vietnamese), then the byte before it: several times quicker than looking for "<f"."""
    return any(block[match.start() - 1] in b"<:" for match in _F_TAG_END.finditer(block, 1))


_ROW_DIGITS = {n: re.compile(rb' r="[A-Z]{1,3}\d{%d}"' % n) for n in range(5, 0, -1)}


def _row_bound(block: bytes) -> int:
    """An upper bound of the rows of cells referenced below row 100000: 10^digits − 1 of the longest.
    (Rows from 100000 on are found exactly by _FAR.)"""
    for digits, pattern in _ROW_DIGITS.items():
        if pattern.search(block):
            return 10 ** digits - 1
    return 0


def _extend(scan: SheetScan, row: int, col: int, ref: bytes) -> None:
    if row > scan.max_row or col > scan.max_col:
        scan.far_cell = ref.decode()
    scan.max_row = max(scan.max_row, row)
    scan.max_col = max(scan.max_col, col)


def _cell_around(block: bytes, position: int) -> tuple[bytes, bytes]:
    """(start tag, whole cell) of the <c> element holding ``position``."""
    start = max((m.start() for m in _CELL_START.finditer(block, max(0, position - 400), position)), default=-1)
    if start < 0:
        return b"", b""
    end = block.find(b"</c>", position)
    end = len(block) if end < 0 else end
    return block[start:block.find(b">", start) + 1], block[start:end]


def _ref_of(start_tag: bytes) -> str:
    match = _REF.search(start_tag)
    return match.group(1).decode() if match else "?"


def _find_formulas_without_value(block: bytes, scan: SheetScan) -> None:
    for match in _FORMULA.finditer(block):
        start_tag, cell = _cell_around(block, match.start())
        if not cell or b't="e"' in start_tag:
            continue
        value = _VALUE.search(cell)
        if value is None or not value.group(1).strip():
            scan.formulas_without_value.append(_ref_of(start_tag))


def _find_formula_errors(block: bytes, scan: SheetScan) -> None:
    for match in _ERROR_CELL.finditer(block):
        end = block.find(b"</c>", match.end())
        value = _VALUE.search(block, match.end(), end if end >= 0 else len(block))
        shown = value.group(1).decode("utf-8", "replace") if value else "#LỖI"
        scan.formula_errors.append((_ref_of(match.group(0)), shown))


def walk_extent(book: zipfile.ZipFile, sheet: SheetPart, scan: SheetScan) -> None:
    """Exact extent of a sheet whose cells lack references (rare writers): every cell placed, one by one."""

    def on_cell(row: int, col: int, _attributes: dict) -> None:
        if row + 1 > scan.max_row or col + 1 > scan.max_col:
            scan.far_cell = f"{_letters(col)}{row + 1}"
        scan.max_row = max(scan.max_row, row + 1)
        scan.max_col = max(scan.max_col, col + 1)
        if too_large(scan):
            raise PartError(sheet.part)

    try:
        CellWalker(on_cell).walk(book, sheet.part, MAX_PART_BYTES)
    except PartError:
        if not too_large(scan):
            raise


def _letters(col: int) -> str:
    from lacha.importing.issues import column_letter

    return column_letter(col)


def inspect(path: Path) -> tuple[zipfile.ZipFile, list[SheetPart], dict[str, SheetScan]]:
    """Sniff, open and scan ``path``: the open zip, its sheets and each visible sheet's scan.

    Raises InputError with a Vietnamese message for anything lacha must not read."""
    book, parts = open_checked(path)
    return book, parts, scan_sheets(path, book, [sheet for sheet in parts if sheet.part in book.namelist()])


def open_checked(path: Path) -> tuple[zipfile.ZipFile, list[SheetPart]]:
    """``inspect`` but the scans of the sheets: the open zip, checked, and its sheets."""
    sniff(path)
    book = open_package(path)
    with _closed_on_error(path, book):
        check_parts(path, book)
        return book, sheet_parts(book)


def scan_sheets(path: Path, book: zipfile.ZipFile, sheets: list[SheetPart]) -> dict[str, SheetScan]:
    """The scans of ``sheets`` (parts of ``book``), in order; the first problem closes ``book`` and is raised."""
    with _closed_on_error(path, book):
        return {sheet.name: _scan_checked(path, book, sheet) for sheet in sheets}


@contextmanager
def _closed_on_error(path: Path, book: zipfile.ZipFile):
    """Close ``book`` on any problem, raised as InputError (a part that cannot be read: the broken-file message)."""
    try:
        yield
    except PartError as error:
        book.close()
        raise broken(path, f" (phần {error.args[0]} không đọc được)") from None
    except READ_ERRORS as error:  # zlib.error: a CRC-damaged or cut part
        book.close()
        raise broken(path, " (dữ liệu nén bị lỗi)" if isinstance(error, zlib.error) else
                     f" ({error.__class__.__name__})") from None
    except InputError:
        book.close()
        raise


def _scan_checked(path: Path, book: zipfile.ZipFile, sheet: SheetPart) -> SheetScan:
    import xml.parsers.expat

    scan = scan_sheet(book, sheet, path)
    if scan.declares_dtd:
        raise _dtd_refused(path, sheet.part)
    if scan.needs_walk and not too_large(scan):
        try:
            walk_extent(book, sheet, scan)
        except xml.parsers.expat.ExpatError:
            raise PartError(sheet.part) from None
    if too_large(scan):
        raise InputError(_too_large_message(path, scan))
    return scan


def _too_large_message(path: Path, scan: SheetScan) -> str:
    where = f" (ô xa nhất có dữ liệu: {scan.far_cell})" if scan.far_cell else ""
    if scan.max_row > MAX_ROWS:
        return (f"Sheet {scan.name} của tệp {path.name} có dữ liệu quá dòng {MAX_ROWS:,}{where}".replace(",", ".") +
                f" — lacha nhận tối đa {MAX_ROWS:,} dòng mỗi sheet".replace(",", ".") +
                ". Xóa các dòng thừa ở cuối sheet (chọn từ dòng cuối danh sách tới hết, bấm Delete) hoặc tách "
                "danh sách thành nhiều tệp.")
    return (f"Sheet {scan.name} của tệp {path.name} trải tới cột thứ {scan.max_col:,}{where}".replace(",", ".") +
            " — vùng dữ liệu quá rộng để đọc. Xóa các ô thừa ở bên phải và bên dưới danh sách rồi lưu lại.")


MACRO_NOTE = "tệp có macro; lacha không chạy macro"


def has_macros(path: Path) -> bool:
    """Whether the workbook carries a VBA project (.xlsm): lacha reads only its cells, never runs it."""
    try:
        with zipfile.ZipFile(path) as book:
            return any(name.lower().endswith("vbaproject.bin") for name in book.namelist())
    except READ_ERRORS:
        return False
