"""Recognising sheets and header rows, and parsing data rows (roster-format.md, Tolerance 1–4).

A sheet is recognised by its name (canonical or Vietnamese title, folded) or,
failing that, by a header row matching one kind's required columns and made
mostly of that kind's columns. The header row is the first of the first 15 rows
that holds every required column; a two-row header with merged group cells
("Hồ sơ" over "Quản lý" / "Cai nghiện") is read as one ("Hồ sơ quản lý").
Below the header, blank rows, totals ("Tổng …", "Cộng …") and the row of column
numbers official forms carry ("(1) (2) (3) …") are skipped, and a data cell
merged down over several rows (one Thôn/Tổ for a group of people) applies to
each of them.
"""

import re
from dataclasses import dataclass, field
from operator import itemgetter

from lacha.importing.cells import CellError, parse_cell, parse_column, positions
from lacha.importing.issues import Issue
from lacha.importing.kinds import ROSTER_KINDS, WARD_FIELDS, WARD_SHEET, WARD_TITLES
from lacha.importing.schema import CellType, Column, RosterKind
from lacha.importing.workbook import SheetData
from lacha.text import fold, fold_tight

HEADER_SEARCH_ROWS = 15
MIN_HEADER_MATCH = 2  # columns a header must match for a sheet to be recognised by it
IGNORED_SHEETS = {fold_tight(n) for n in ("HuongDan", "Hướng dẫn", "_DanhMuc", "Danh mục")}
ROW_NUMBER_HEADERS = {"stt", "tt", "sott", "sothutu"}
WARD_NAMES = {fold_tight(n) for n in (WARD_SHEET, *WARD_TITLES)}


@dataclass
class ParsedSheet:
    """A roster sheet's rows, parsed; held a column at a time: ``values`` maps each field to its value in every
    row (a roster's 100,000 rows are never 100,000 dicts)."""

    kind: RosterKind
    sheet: str
    header_row: int  # Excel row of the (last) header row
    columns: dict[int, Column]
    labels: dict[int, str]  # the header as written, per column index
    excel_rows: list[int] = field(default_factory=list)  # the Excel row of each parsed row
    values: dict[str, list] = field(default_factory=dict)  # field → its value in each row, in row order
    keys: list[str] = field(default_factory=list)  # each row's key, once assign_keys has run
    attested_none: bool = False  # the first data row says «Không có» (evidence.md rule 2): reviewed, no record

    def row(self, i: int) -> dict:
        """The values of row ``i`` by field."""
        return {name: column[i] for name, column in self.values.items()}

    def label(self, field_name: str) -> tuple[str, int | None]:
        for index, column in self.columns.items():
            if column.field == field_name:
                return self.labels[index], index
        return self.kind.column(field_name).header, None


def _lookup(kind: RosterKind) -> dict[str, Column]:
    table: dict[str, Column] = {}
    for column in kind.columns:
        for name in column.folded_names:
            table.setdefault(name, column)
    return table


_LOOKUPS = {kind.kind: _lookup(kind) for kind in ROSTER_KINDS}


def _merged_groups(sheet: SheetData, r: int) -> dict[int, tuple[int, str]]:
    """Columns covered by a horizontal merge that starts on row r: col → (first col, group label)."""
    groups = {}
    row = sheet.rows[r]
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 == r and c1 > c0 and c0 < len(row) and row[c0] is not None:
            for c in range(c0, c1 + 1):
                groups[c] = (c0, str(row[c0]))
    return groups


def header_labels(sheet: SheetData, r: int) -> tuple[dict[int, list[str]], bool]:
    """Candidate labels per column for a header starting at row r, and whether row r+1 is a sub-header."""
    row = sheet.rows[r]
    sub = sheet.rows[r + 1] if r + 1 < len(sheet.rows) else []
    groups = _merged_groups(sheet, r)
    # Without merge information, a blank header cell right of a group takes the group's label
    # when the row below has sub-labels under both.
    last_label = None
    for c in range(len(row)):
        if row[c] is not None:
            last_label = (c, str(row[c]))
        elif c not in groups and last_label and c < len(sub) and sub[c] is not None \
                and last_label[0] < len(sub) and sub[last_label[0]] is not None:
            groups[c] = groups[last_label[0]] = last_label
    sub_cells = [(c, v) for c, v in enumerate(sub) if v is not None]
    two_rows = bool(sub_cells) and all(isinstance(v, str) and (c in groups or c >= len(row) or row[c] is None)
                                       for c, v in sub_cells) and any(c in groups for c, _ in sub_cells)
    labels: dict[int, list[str]] = {}
    for c in range(max(len(row), len(sub) if two_rows else 0)):
        top = groups[c][1] if c in groups else (str(row[c]) if c < len(row) and row[c] is not None else None)
        below = str(sub[c]) if two_rows and c < len(sub) and sub[c] is not None else None
        options = [f"{top} {below}", below, top] if top and below else [below or top]
        labels[c] = [o for o in options if o]
    return labels, two_rows


def match_header(sheet: SheetData, r: int, kind: RosterKind):
    """(columns, labels, ignored, duplicates, two_rows) of row r read as kind's header."""
    lookup = _LOOKUPS[kind.kind]
    labels, two_rows = header_labels(sheet, r)
    columns: dict[int, Column] = {}
    written: dict[int, str] = {}
    ignored, duplicates = [], []
    seen: dict[str, int] = {}
    for c, options in labels.items():
        if not options:
            continue
        column = next((lookup[fold_tight(o)] for o in options if fold_tight(o) in lookup), None)
        if column is None:
            if fold_tight(options[-1]) not in ROW_NUMBER_HEADERS:
                ignored.append((c, options[0]))
            continue
        if column.field in seen:
            duplicates.append((c, options[0], seen[column.field]))
            continue
        seen[column.field] = c
        columns[c] = column
        written[c] = options[0]
    return columns, written, ignored, duplicates, two_rows


def find_header(sheet: SheetData, kind: RosterKind):
    """The first row (0-based) within the first 15 holding every required column, or None."""
    required = {c.field for c in kind.required}
    for r in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        if sum(v is not None for v in sheet.rows[r]) < 2:  # blank, or a title in one cell
            continue
        match = match_header(sheet, r, kind)
        if required <= {c.field for c in match[0].values()}:
            return r, match
    return None


def identify(sheet: SheetData) -> RosterKind | str | None:
    """The roster kind of a sheet, 'ward' for DiaBan, 'ignore' for instruction sheets, or None."""
    name = fold_tight(sheet.name)
    if name in WARD_NAMES:
        return "ward"
    if name in IGNORED_SHEETS:
        return "ignore"
    for kind in ROSTER_KINDS:
        if name in kind.folded_sheet_names:
            return kind
    return _identify_by_header(sheet)


def _header_score(sheet: SheetData, kind: RosterKind) -> int:
    """How many of kind's columns the sheet's header holds; 0 unless the header is mostly kind's columns
    (a payroll sheet with a 'Họ tên' column is not a roster of đối tượng)."""
    found = find_header(sheet, kind)
    if not found:
        return 0
    columns, _, ignored, _, _ = found[1]
    return len(columns) if len(columns) >= MIN_HEADER_MATCH and len(columns) >= len(ignored) else 0


def _identify_by_header(sheet: SheetData) -> RosterKind | None:
    """The kind whose columns the header matches best; None when none does, or two do equally."""
    scores = sorted(((_header_score(sheet, kind), n) for n, kind in enumerate(ROSTER_KINDS)), reverse=True)
    (best, n), (second, _) = scores[0], scores[1]
    return ROSTER_KINDS[n] if best and best > second else None


def _row_is_total(cells: list) -> bool:
    first = cells[0] if cells and cells[0] is not None else next((v for v in cells if v is not None), None)
    return isinstance(first, str) and first.lower().startswith(("tổng", "cộng"))


def parse_roster_sheet(sheet: SheetData, kind: RosterKind, issues: list[Issue]) -> ParsedSheet | None:
    """Parse every data row of a roster sheet; errors and warnings go to ``issues``."""
    found = find_header(sheet, kind)
    if found is None:
        needed = ", ".join(c.header for c in kind.required)
        issues.append(Issue(sheet.name, None, None, None, None,
                            f"không tìm thấy dòng tiêu đề cột trong {HEADER_SEARCH_ROWS} dòng đầu — sheet "
                            f"{kind.label} cần các cột: {needed} (xem mẫu: lacha template)."))
        return None
    r, (columns, labels, ignored, duplicates, two_rows) = found
    header_row = r + (2 if two_rows else 1)
    for c, label, first in duplicates:
        issues.append(Issue(sheet.name, header_row, label, c, None,
                            f"trùng ý nghĩa với cột {labels[first]} — giữ một cột, xóa hoặc đổi tên cột kia."))
    for c, label in ignored:
        issues.append(Issue(sheet.name, header_row, label, c, None, "không dùng đến — bỏ qua cột này.", error=False))
    parsed = ParsedSheet(kind, sheet.name, header_row, columns, labels)
    data = _data_rows(sheet, header_row)
    if data and is_attestation(data[0][1]):
        parsed.attested_none = True
        for excel_row, _ in data[1:]:
            issues.append(Issue(sheet.name, excel_row, None, None, None,
                                f"dòng {data[0][0]} ghi «Không có» nhưng sheet vẫn còn dòng dữ liệu — nếu có "
                                "người / điểm thì xóa dòng «Không có»; nếu không có thì xóa các dòng còn lại."))
        data = []
    _parse_rows(parsed, data, issues)
    return parsed


def is_attestation(cells: list) -> bool:
    """The «Không có» row of evidence.md rule 2: one non-empty cell (an STT number before it is allowed) that
    folded is 'khong co', begins with 'khong co ', or is 'khong'."""
    values = [v for v in cells if v is not None and str(v).strip() != ""]
    if len(values) == 2 and _is_number(values[0]):
        values = values[1:]
    if len(values) != 1 or not isinstance(values[0], str):
        return False
    text = fold(values[0])
    return text in ("khong co", "khong") or text.startswith("khong co ")


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and value.strip().rstrip(".").isdigit()


def _data_rows(sheet: SheetData, header_row: int) -> list[tuple[int, list]]:
    """(Excel row, cells) of each row below the header that may hold data: blank rows, totals and the
    row of column numbers under the header are left out."""
    rows = _filled_down(sheet, header_row)
    data = []
    for index in range(header_row, len(rows)):
        cells = rows[index]
        if cells.count(None) == len(cells) or _row_is_total(cells) or (not data and _is_column_numbering(cells)):
            continue
        data.append((index + 1, cells))
    return data


def _filled_down(sheet: SheetData, header_row: int) -> list[list]:
    """The sheet's rows with each vertically merged data cell (one Thôn/Tổ cell over all its people)
    repeated on every row it covers, as the officer sees it."""
    if not any(r1 > r0 and r0 >= header_row for (r0, _), (r1, _) in sheet.merged):
        return sheet.rows  # nothing merged down below the header: the rows as they are
    rows = [list(cells) for cells in sheet.rows]
    for (r0, c0), (r1, _) in sheet.merged:
        if r0 < header_row or r1 <= r0 or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            if c0 < len(rows[r]) and rows[r][c0] is None:
                rows[r][c0] = rows[r0][c0]
    return rows


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")


def _is_column_numbering(cells: list) -> bool:
    """The row of column numbers — 1 2 3 … or (1) (2) (3) … — that official forms put under the header."""
    numbers = []
    for value in (v for v in cells if v is not None):
        whole = isinstance(value, float) and value.is_integer()
        match = None if isinstance(value, bool) else _COLUMN_NUMBER.match(str(int(value)) if whole else str(value))
        if not match:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and all(a < b for a, b in zip(numbers, numbers[1:]))


def _parse_rows(parsed: ParsedSheet, data: list[tuple[int, list]], issues: list[Issue]) -> None:
    """Parse the data rows ``(Excel row, cells)`` into ``parsed``, a column at a time (cells.parse_column).
    Each row's problems go to ``issues``, row by row and in column order; a row with an error is left out."""
    rows = [cells for _, cells in data]
    cells = {c: _column_cells(rows, c) for c in parsed.columns}
    values, problems = {}, {}
    for c, column in parsed.columns.items():
        values[c], found = parse_column(column, cells[c])
        for position, (error, message) in found.items():
            problems.setdefault(position, []).append((c, error, message))
    left_out = _report_rows(parsed, data, cells, problems, issues)
    kept = [p for p in range(len(data)) if p not in left_out] if left_out else range(len(data))
    parsed.excel_rows = [data[p][0] for p in kept]
    parsed.values = {column.field: [values[c][p] for p in kept] if left_out else values[c]
                     for c, column in parsed.columns.items()}
    _split_birth(parsed)
    if parsed.kind.complete:
        _complete(parsed, issues)


def _column_cells(rows: list[list], c: int) -> list:
    """Column ``c`` of ``rows``; ``None`` where a row stops short of it."""
    if min(map(len, rows), default=0) > c:
        return list(map(itemgetter(c), rows))
    return [cells[c] if c < len(cells) else None for cells in rows]


def _report_rows(parsed: ParsedSheet, data: list[tuple[int, list]], cells: dict[int, list],
                 problems: dict[int, list], issues: list[Issue]) -> set[int]:
    """Add the problems ``(column, is an error, message)`` of each row, and a note for each row skipped because
    its required cells are all empty, to ``issues``; returns the positions of the rows left out."""
    required = [c for c, column in parsed.columns.items() if column.required]
    blank = _blank_rows(cells, required)
    left_out = set()
    for position in sorted(blank | problems.keys()):
        excel_row = data[position][0]
        if position in blank:
            left_out.add(position)
            if any(column[position] is not None for column in cells.values()):
                issues.append(Issue(parsed.sheet, excel_row, None, None, None,
                                    "bỏ qua dòng vì để trống mọi cột bắt buộc (" +
                                    ", ".join(parsed.labels[c] for c in required) + ").", error=False))
            continue
        for c, error, message in problems[position]:
            issues.append(Issue(parsed.sheet, excel_row, parsed.labels[c], c, cells[c][position], message,
                                error=error))
            if error:
                left_out.add(position)
    return left_out


def _blank_rows(cells: dict[int, list], required: list[int]) -> set[int]:
    """Positions of the rows whose required cells are all empty."""
    blank = None
    for c in required:
        empty = set(positions(cells[c], None))
        blank = empty if blank is None else blank & empty
    return blank or set()


def _split_birth(parsed: ParsedSheet) -> None:
    """A birth cell (a date, or a bare year) becomes birth_date and birth_year, and the one written."""
    birth = next((c.field for c in parsed.columns.values() if c.cell is CellType.BIRTH), None)
    if birth is None:
        return
    pairs = parsed.values[birth]
    parsed.values["birth_date"] = [day for day, _ in pairs]
    parsed.values["birth_year"] = [year for _, year in pairs]
    parsed.values[birth] = [day or year for day, year in pairs]


def _complete(parsed: ParsedSheet, issues: list[Issue]) -> None:
    """The kind's implied values filled in, row by row; a row it finds a contradiction in is left out, and the
    contradictions go to ``issues``."""
    names = list(parsed.values)
    rows = [dict(zip(names, values)) for values in zip(*parsed.values.values())]
    kept = []
    for excel_row, row in zip(parsed.excel_rows, rows):
        contradictions = parsed.kind.complete(row)
        for field_name, reason in contradictions:
            label, index = parsed.label(field_name)
            issues.append(Issue(parsed.sheet, excel_row, label, index, row.get(field_name), reason))
        if not contradictions:
            kept.append((excel_row, row))
    if rows:  # complete may add a field to every row (a blank Tình trạng)
        parsed.excel_rows = [excel_row for excel_row, _ in kept]
        parsed.values = {name: [row[name] for _, row in kept] for name in rows[0]}


def assign_keys(parsed: ParsedSheet, issues: list[Issue]) -> None:
    """Give every row its key (after hamlets are resolved: derived keys use the hamlet code);
    two rows with the same explicit key are an error."""
    kind = parsed.kind
    written = parsed.values.get(kind.key_field) if kind.key_field else None
    if written is not None and all(written) and len(set(written)) == len(written):
        parsed.keys = list(written)  # the usual roster: every row has its own key, each written once
        return
    seen: dict[str, int] = {}
    keys = []
    for i, excel_row in enumerate(parsed.excel_rows):
        explicit = written[i] if written is not None else None
        key = explicit or kind.derive_key(parsed.row(i))
        if key in seen:
            key = _repeated_key(parsed, excel_row, key, explicit, seen, issues)
        seen[key] = excel_row
        keys.append(key)
    parsed.keys = keys


def _repeated_key(parsed: ParsedSheet, excel_row: int, key: str, explicit, seen: dict[str, int],
                  issues: list[Issue]) -> str:
    """A key met before: an error when the sheet wrote it; a derived one gets a number ('…#2')."""
    kind = parsed.kind
    if explicit:
        label, index = parsed.label(kind.key_field)
        issues.append(Issue(parsed.sheet, excel_row, label, index, explicit,
                            f"trùng với dòng {seen[key]} — mỗi {kind.record_label} chỉ ghi một dòng; "
                            "gộp hai dòng hoặc sửa lại mã."))
        return key
    n = 2
    while f"{key}#{n}" in seen:
        n += 1
    return f"{key}#{n}"


WARD_LOOKUP = {name: column for column in WARD_FIELDS for name in column.folded_names}


def parse_ward_sheet(sheet: SheetData, issues: list[Issue]) -> dict:
    """DiaBan: label in column A, value in column B."""
    values: dict = {}
    for index, cells in enumerate(sheet.rows):
        label = cells[0] if cells else None
        if label is None:
            continue
        column = WARD_LOOKUP.get(fold_tight(label))
        value = cells[1] if len(cells) > 1 else None
        if column is None:
            if value is not None:
                issues.append(Issue(sheet.name, index + 1, str(label), 0, None,
                                    "không phải thông tin lacha dùng — bỏ qua.", error=False))
            continue
        if value is None:  # a blank value says nothing: it neither clears nor sets the field
            continue
        try:
            parsed, _ = parse_cell(column, value)
        except CellError as exc:
            issues.append(Issue(sheet.name, index + 1, str(label), 1, value, str(exc)))
            continue
        if parsed is not None:
            values[column.field] = parsed
    return values
