"""Writing roster workbooks in the canonical form (roster-format.md).

One code path writes both the blank template (`lacha template`) and a workbook
holding data (sample data, export): ``write_template`` is ``write_workbook``
with every sheet present and empty, plus the ``HuongDan`` instructions sheet.

Layout: ``HuongDan`` (template only) · ``DiaBan`` (column A = field header,
B = value, C = help; no header row) · one sheet per roster kind, in
``ROSTER_KINDS`` order, with the canonical headers in row 1 · ``_DanhMuc``
(hidden; only when a drop-down list cannot be written inline).
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import Enum
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from lacha.importing.kinds import BY_KIND, ROSTER_KINDS, WARD_FIELDS, WARD_SHEET
from lacha.importing.schema import CellType, Column, RosterKind

INSTRUCTIONS_SHEET = "HuongDan"
LISTS_SHEET = "_DanhMuc"
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
YES, NO = "Có", "Không"
REQUIRED_NOTE = "Bắt buộc"
VALIDATED_ROWS = 2000  # drop-downs cover rows 2..2000 (more if there are more rows)
MAX_INLINE_LIST = 255  # Excel's limit on a literal list in a data validation
MAX_TITLE, MAX_MESSAGE = 32, 255  # … and on its error title and message

_TEXT_CELLS = (CellType.IDENTIFIER, CellType.PERSON_ID)
_FORMULA_START = ("=", "+", "-", "@")

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_HEADER_FONT = Font(bold=True)
_REQUIRED_FONT = Font(bold=True, color="C00000")
_HELP_FONT = Font(italic=True, color="595959")
_TITLE_FONT = Font(bold=True, size=14)
_SECTION_FONT = Font(bold=True, size=12)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")

_DEFAULT_WIDTH = {
    CellType.TEXT: 18, CellType.IDENTIFIER: 12, CellType.PERSON_ID: 16, CellType.DATE: 13,
    CellType.BIRTH: 12, CellType.YESNO: 10, CellType.CHOICE: 16, CellType.COUNT: 10,
    CellType.AREA: 12, CellType.HAMLET: 14,
}
_WIDE_FIELDS = {"name": 26, "head": 26, "address": 28, "note": 28, "act": 28}
_MAX_WIDTH = 45


# ── public API ──────────────────────────────────────────────────────────────

def write_template(path: str | Path) -> None:
    """The blank canonical workbook: instructions, DiaBan with empty values and
    every roster sheet with its headers and drop-downs, no data rows."""
    workbook = _build({}, {kind.kind: [] for kind in ROSTER_KINDS}, instructions=True)
    workbook.save(path)


NONE_ROW = "Không có"  # evidence.md: the first row of a list reviewed and found empty
NONE_HINT = "Nếu không có ai / không có điểm nào, ghi «Không có» ở dòng đầu (sheet để trống là chưa rà soát)."


def write_workbook(path: str | Path, ward: Mapping | None, rows: Mapping[str, list[dict]],
                   none_rows: Iterable[str] = ()) -> None:
    """A canonical workbook with data.

    ``ward`` maps ``WARD_FIELDS`` field names to values (``None``: no DiaBan
    sheet). ``rows`` maps a ``RosterKind.kind`` to its rows, each a dict keyed
    by ``Column.field`` with typed values (str, int, float, bool, date, Enum or
    None). Kinds missing from ``rows`` get no sheet; an empty list gets a
    header-only sheet; a kind in ``none_rows`` with no rows gets the «Không có» row (a list reviewed and
    found empty, evidence.md). Unknown kinds or fields raise ``ValueError``.
    """
    _check_names(ward, rows)
    _build(ward, rows, instructions=False, none_rows=frozenset(none_rows)).save(path)


# ── building ────────────────────────────────────────────────────────────────

def _check_names(ward: Mapping | None, rows: Mapping[str, list[dict]]) -> None:
    unknown_kinds = set(rows) - set(BY_KIND)
    if unknown_kinds:
        raise ValueError(f"unknown roster kinds: {sorted(unknown_kinds)}")
    unknown = set(ward or {}) - {f.field for f in WARD_FIELDS}
    if unknown:
        raise ValueError(f"unknown ward fields: {sorted(unknown)}")
    for kind_id, kind_rows in rows.items():
        known = {c.field for c in BY_KIND[kind_id].columns}
        for number, row in enumerate(kind_rows, start=1):
            extra = set(row) - known
            if extra:
                raise ValueError(f"{kind_id} row {number}: unknown fields {sorted(extra)}")


def _build(ward: Mapping | None, rows: Mapping[str, list[dict]], *, instructions: bool,
           none_rows: frozenset[str] = frozenset()) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "lacha"
    lists = _ListSheet(workbook)
    if instructions:
        _write_instructions(workbook.create_sheet(INSTRUCTIONS_SHEET))
    if ward is not None:
        _write_ward(workbook.create_sheet(WARD_SHEET), ward, lists)
    for kind in ROSTER_KINDS:
        if kind.kind in rows:
            _write_roster(workbook.create_sheet(kind.sheet), kind, rows[kind.kind], lists,
                          none_row=kind.kind in none_rows and not rows[kind.kind], hint=instructions)
    lists.move_last()
    workbook.active = 0
    return workbook


def _write_ward(ws: Worksheet, ward: Mapping, lists: "_ListSheet") -> None:
    for row, column in enumerate(WARD_FIELDS, start=1):
        key = ws.cell(row, 1, column.header)
        key.font, key.fill, key.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        value = ws.cell(row, 2)
        value.border = _BORDER
        if column.cell in _TEXT_CELLS:
            value.number_format = TEXT_FORMAT
        write_value(value, column, ward.get(column.field))
        help_cell = ws.cell(row, 3, _ward_help(column))
        help_cell.font, help_cell.alignment = _HELP_FONT, _WRAP
        options = _options(column)
        if options:
            lists.validate(ws, f"B{row}", options, column.header)
    for letter, width in (("A", 28), ("B", 45), ("C", 70)):
        ws.column_dimensions[letter].width = width


def _ward_help(column: Column) -> str:
    if column.help:
        return column.help
    options = _options(column)
    return " / ".join(options) if options else ""


def _write_roster(ws: Worksheet, kind: RosterKind, rows: list[dict], lists: "_ListSheet", *,
                  none_row: bool = False, hint: bool = False) -> None:
    for index, column in enumerate(kind.columns, start=1):
        _write_header(ws.cell(1, index), column, NONE_HINT if hint and index == 1 else "")
    if none_row:
        ws.cell(2, 1, NONE_ROW)
    for row_number, row in enumerate(rows, start=2):
        for index, column in enumerate(kind.columns, start=1):
            write_value(ws.cell(row_number, index), column, row.get(column.field))
    last_row = max(VALIDATED_ROWS, len(rows) + 1)
    for index, column in enumerate(kind.columns, start=1):
        letter = get_column_letter(index)
        _format_column(ws, letter, column, rows)
        options = _options(column)
        if options:
            lists.validate(ws, f"{letter}2:{letter}{last_row}", options, column.header)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32


def _write_header(cell: Cell, column: Column, extra: str = "") -> None:
    cell.value = column.header
    cell.font = _REQUIRED_FONT if column.required else _HEADER_FONT
    cell.fill, cell.border, cell.alignment = _HEADER_FILL, _BORDER, _HEADER_ALIGN
    note = "\n".join(t for t in (REQUIRED_NOTE if column.required else "", column.help, extra) if t)
    if note:
        cell.comment = Comment(note, "lacha", width=260, height=90)


def _format_column(ws: Worksheet, letter: str, column: Column, rows: list[dict]) -> None:
    """Width, and a column style so that cells typed later get the right format."""
    dimension = ws.column_dimensions[letter]
    dimension.width = _width(column, rows)
    if column.cell == CellType.DATE:
        dimension.number_format = DATE_FORMAT
    elif column.cell in _TEXT_CELLS:
        dimension.number_format = TEXT_FORMAT


def _width(column: Column, rows: list[dict]) -> float:
    width = max(_WIDE_FIELDS.get(column.field, 0), _DEFAULT_WIDTH[column.cell], len(column.header) + 4)
    if column.choices is not None:
        width = max(width, max(len(m.value) for m in column.choices) + 3)
    longest = max((len(_display(row.get(column.field))) for row in rows), default=0)
    return min(max(width, longest + 2), _MAX_WIDTH)


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return "00/00/0000"
    return str(value.value if isinstance(value, Enum) else value)


def _options(column: Column) -> list[str]:
    if column.cell == CellType.YESNO:
        return [YES, NO]
    if column.cell == CellType.CHOICE and column.choices is not None:
        return [member.value for member in column.choices]
    return []


# ── cell values ─────────────────────────────────────────────────────────────

def write_value(cell: Cell, column: Column | None, value: object) -> None:
    """Put one typed value in a cell: booleans as Có/Không, dates as real Excel
    dates shown DD/MM/YYYY, identifiers and person ids as text, text as text."""
    if value is None:
        return
    if isinstance(value, Enum):
        value = value.value
    cell_type = column.cell if column is not None else CellType.TEXT
    if isinstance(value, bool):
        set_text(cell, YES if value else NO)
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif cell_type in _TEXT_CELLS:
        set_text(cell, _identifier_text(value))
        cell.number_format = TEXT_FORMAT
    elif isinstance(value, (int, float)):
        cell.value = value
        if cell_type == CellType.BIRTH:
            cell.number_format = "0"  # a bare year, never shown as a date
    else:
        set_text(cell, str(value))


def set_text(cell: Cell, text: str) -> None:
    """Write ``text`` as a string cell, whatever it starts with.

    openpyxl turns any str starting with "=" into a formula (data_type 'f'),
    and Excel re-parses "+", "-", "@" when the cell is edited. Setting
    ``data_type = 's'`` after the value makes openpyxl write an inline string,
    which Excel and calamine read back as the same text and never evaluate;
    ``quotePrefix`` is Excel's own mark (the leading apostrophe it shows) that
    keeps the cell text when an officer edits it. A leading "'" in the value
    itself would be kept literally, so it is not used.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True


def _identifier_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ── drop-down lists ─────────────────────────────────────────────────────────

class _ListSheet:
    """Data validations; lists that cannot be inline go on the hidden ``_DanhMuc``.

    A literal list is comma separated and at most 255 characters, so a list
    that is longer, or has a value containing a comma ("Điểm tổ chức, chứa chấp
    sử dụng"), is written as a column of ``_DanhMuc`` and referenced by range.
    """

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.sheet: Worksheet | None = None
        self.ranges: dict[tuple[str, ...], str] = {}
        self.by_sheet: dict[tuple[str, str], DataValidation] = {}

    def validate(self, ws: Worksheet, sqref: str, options: list[str], label: str) -> None:
        formula = self._formula(options, label)
        key = (ws.title, formula)
        if key not in self.by_sheet:
            self.by_sheet[key] = _validation(formula, options)
            ws.add_data_validation(self.by_sheet[key])
        self.by_sheet[key].add(sqref)

    def _formula(self, options: list[str], label: str) -> str:
        inline = ",".join(options)
        if len(inline) <= MAX_INLINE_LIST and not any("," in o or '"' in o for o in options):
            return f'"{inline}"'
        key = tuple(options)
        if key not in self.ranges:
            self.ranges[key] = self._write_list(options, label)
        return self.ranges[key]

    def _write_list(self, options: Iterable[str], label: str) -> str:
        if self.sheet is None:
            self.sheet = self.workbook.create_sheet(LISTS_SHEET)
            self.sheet.sheet_state = "hidden"
        column = len(self.ranges) + 1
        self.sheet.cell(1, column, label)
        options = list(options)
        for row, option in enumerate(options, start=2):
            set_text(self.sheet.cell(row, column), option)
        letter = get_column_letter(column)
        return f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(options) + 1}"

    def move_last(self) -> None:
        if self.sheet is not None:
            sheets = self.workbook.sheetnames
            self.workbook.move_sheet(self.sheet, offset=len(sheets) - 1 - sheets.index(LISTS_SHEET))


def _validation(formula: str, options: list[str]) -> DataValidation:
    # "warning", not "stop": the importer also accepts aliases (x, Đã, Điều trị thay thế…).
    # Excel refuses the file if the title exceeds 32 characters or the message 255.
    message = "Nên chọn một giá trị trong danh sách: " + " · ".join(options) + "."
    if len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE - 1] + "…"
    return DataValidation(
        type="list", formula1=formula, allow_blank=True, showDropDown=False,
        showErrorMessage=True, errorStyle="warning",
        errorTitle="Giá trị không có trong danh sách"[:MAX_TITLE], error=message,
    )


# ── HuongDan ────────────────────────────────────────────────────────────────

_GENERAL_RULES = (
    "Nếu không có ai / không có điểm nào, ghi «Không có» ở dòng đầu (ngay dưới dòng tiêu đề); sheet để trống "
    "là chưa rà soát: các tiêu chí dựa vào danh sách đó là chưa đủ dữ liệu.",
    "Mỗi sheet là một danh sách; tên sheet giữ nguyên như mẫu (hoặc đặt theo tên tiếng Việt, ví dụ «Người nghiện»). "
    "Có thể xóa những sheet không dùng.",
    "Dòng 1 của mỗi sheet là dòng tiêu đề cột. Tiêu đề chữ đỏ là cột bắt buộc (ghi chú «Bắt buộc» ở ô tiêu đề); "
    "dòng có tên mà thiếu cột bắt buộc sẽ bị báo lỗi.",
    "Cột được nhận theo tên tiêu đề, không theo vị trí: được đổi thứ tự cột, thêm cột STT, thêm các dòng tiêu đề "
    "(tên danh sách, ngày cập nhật, dòng trống) phía trên dòng tiêu đề cột và dòng «Tổng cộng» ở cuối.",
    "Ô Có/Không: ghi «Có» hoặc «Không» (chọn trong danh sách thả xuống). Cũng được nhận: x, ✓, 1, Đã, Rồi, TRUE "
    "là Có; Chưa, 0, FALSE hoặc để trống là Không. Giá trị khác sẽ bị báo lỗi.",
    "Ngày tháng ghi theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 14/12/2024; ngày luôn đứng trước tháng. "
    "Ngày không có thật (31/02/2024) sẽ bị báo lỗi. Ngày sinh có thể chỉ ghi năm sinh, ví dụ 1990.",
    "Cột Thôn/Tổ phải ghi đúng mã hoặc tên một dòng của sheet ThonTo (hoặc thôn, tổ đã nhập từ trước). "
    "Thôn, tổ chưa có thì thêm vào sheet ThonTo trước.",
    "Số định danh (CCCD 12 số, CMND 9 số) và các cột mã đã định dạng văn bản (@) để giữ số 0 ở đầu; "
    "khi dán từ tệp khác, dùng «Dán giá trị» và kiểm tra lại số 0 ở đầu.",
    "Cột Tình trạng để trống được hiểu là «Có mặt».",
    "Các cột có danh sách thả xuống nhận giá trị không phân biệt chữ hoa, chữ thường, có dấu hay không dấu.",
    "Sheet DiaBan: mỗi dòng một thông tin của xã, phường; ghi giá trị vào cột B, cột C là hướng dẫn.",
    "Sheet HuongDan này và sheet ẩn _DanhMuc (danh sách cho ô thả xuống) không phải danh sách, không cần sửa.",
)

_TYPE_TEXT = {
    CellType.TEXT: "Chữ",
    CellType.IDENTIFIER: "Mã (dạng văn bản, giữ số 0 ở đầu)",
    CellType.PERSON_ID: "Số định danh: 12 số (CCCD) hoặc 9 số (CMND), dạng văn bản",
    CellType.DATE: "Ngày (dd/mm/yyyy)",
    CellType.BIRTH: "Ngày sinh dd/mm/yyyy hoặc năm sinh",
    CellType.YESNO: "Có / Không",
    CellType.CHOICE: "Chọn trong danh sách",
    CellType.COUNT: "Số nguyên ≥ 0",
    CellType.AREA: "Số ≥ 0",
    CellType.HAMLET: "Mã hoặc tên thôn, tổ (sheet ThonTo)",
}

_TABLE_HEADERS = ("Sheet", "Nội dung", "Cột", "Bắt buộc", "Kiểu dữ liệu", "Ghi chú")


def _write_instructions(ws: Worksheet) -> None:
    ws.append(["HƯỚNG DẪN ĐIỀN DANH SÁCH PHÒNG, CHỐNG MA TÚY CỦA XÃ, PHƯỜNG"])
    ws["A1"].font = _TITLE_FONT
    ws.append(["Tệp mẫu do lacha tạo (lacha template). Điền danh sách rồi nhập bằng lệnh: lacha import TỆP.xlsx"])
    ws.append([])
    _section(ws, "QUY ƯỚC CHUNG")
    for number, rule in enumerate(_GENERAL_RULES, start=1):
        ws.append([f"{number}.", rule])
        ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=6)
        ws.cell(ws.max_row, 2).alignment = _WRAP
        ws.row_dimensions[ws.max_row].height = 32
    ws.append([])
    _section(ws, "CÁC SHEET VÀ CÁC CỘT")
    ws.append(list(_TABLE_HEADERS))
    for cell in ws[ws.max_row]:
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
    _sheet_rows(ws, WARD_SHEET, "Thông tin địa bàn: mỗi dòng một thông tin, giá trị ghi ở cột B", WARD_FIELDS)
    for kind in ROSTER_KINDS:
        _sheet_rows(ws, kind.sheet, f"{kind.label}: mỗi dòng là một {kind.record_label}. {NONE_HINT}",
                    kind.columns)
    for letter, width in zip("ABCDEF", (14, 34, 28, 10, 30, 60)):
        ws.column_dimensions[letter].width = width


def _section(ws: Worksheet, title: str) -> None:
    ws.append([title])
    ws.cell(ws.max_row, 1).font = _SECTION_FONT


def _sheet_rows(ws: Worksheet, sheet: str, description: str, columns: Iterable[Column]) -> None:
    for index, column in enumerate(columns):
        first = index == 0
        ws.append([sheet if first else None, description if first else None, column.header,
                   REQUIRED_NOTE if column.required else None, _TYPE_TEXT[column.cell], _column_note(column)])
        row = ws[ws.max_row]
        for cell in row:
            cell.alignment, cell.border = _WRAP, _BORDER
        if first:
            row[0].font = _HEADER_FONT
        if column.required:
            row[2].font = row[3].font = _REQUIRED_FONT


def _column_note(column: Column) -> str:
    parts = [column.help] if column.help else []
    if column.cell == CellType.CHOICE and column.choices is not None:
        parts.append("Giá trị: " + " · ".join(m.value for m in column.choices) + ".")
    return " ".join(parts)
