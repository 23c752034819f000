"""The Phiếu việc cần làm (``lacha assess --out viec-can-lam.xlsx``, issue 15 item 8).

Every failing record of the assessment, where an officer can work on it: a first sheet
``TongHop`` lists each criterion with its result and how many records hold it back; then one
sheet per criterion not met, with every failing record (criterion, record, reason, what to do)
and an empty "Kết quả xử lý" column for the officer. Headers are Vietnamese, frozen, with an
autofilter. Số định danh are masked as in the dossier unless ``full_ids`` (report/ids.py).

The file is written to a temporary file in the same folder, made readable by its owner only
(it holds personal data), then renamed onto ``out``: a failed write never leaves half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lacha.dates import short_date
from lacha.report.ids import masked
from lacha.report.labels import record_kind_label
from lacha.rules.model import Failing, Status
from lacha.workbook_writer import set_text

if TYPE_CHECKING:
    from lacha.assess import Assessment, CriterionResult

SUMMARY_SHEET = "TongHop"
COLUMNS = (("STT", 6), ("Tiêu chí", 34), ("Loại bản ghi", 18), ("Mã / Số định danh", 20), ("Họ tên / tên", 26),
           ("Thôn, tổ", 18), ("Lý do chưa đạt", 44), ("Việc cần làm", 44), ("Kết quả xử lý", 24))
SUMMARY_COLUMNS = (("Tiêu chí", 10), ("Nội dung", 50), ("Kết quả", 16), ("Số bản ghi chưa đạt", 14),
                   ("Trang tính", 14), ("Việc cần làm", 60))
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def failing_records(result: CriterionResult) -> list[Failing]:
    """The criterion's failing records, with those of its sub-conditions, each once."""
    seen: dict[tuple[str, str, str], Failing] = {}
    for f in (*result.outcome.failing, *(f for p in result.outcome.parts for f in p.outcome.failing)):
        seen.setdefault((f.kind, f.key, f.reason), f)
    return list(seen.values())


def sheet_name(criterion_id: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", f"TieuChi-{criterion_id}")[:31]
    name, n = base, 2
    while name.lower() in taken or name.lower() == SUMMARY_SHEET.lower():
        suffix = f"-{n}"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def write_worklist(a: Assessment, out: Path, full_ids: bool = False) -> int:
    """Write the Phiếu for ``a`` to ``out``; returns how many failing records it lists."""
    a = masked(a, full_ids)
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    _title(summary, f"PHIẾU VIỆC CẦN LÀM — {a.ward.name}",
           f"Bộ tiêu chí: {a.profile.title}. Đánh giá vào ngày {short_date(a.as_of)}. "
           + ("Số định danh ghi đầy đủ." if full_ids else "Số định danh chỉ hiện 4 chữ số cuối."))
    _header(summary, 3, SUMMARY_COLUMNS)
    taken: set[str] = set()
    total = 0
    row = 4
    for result in a.results:
        c, o = result.criterion, result.outcome
        records = failing_records(result)
        name = sheet_name(c.id, taken) if records else ""
        todo = c.hint if o.status is not Status.PASS else ""
        for column, value in enumerate((c.id, c.short, o.status.label, len(records), name, todo), 1):
            cell = summary.cell(row=row, column=column)
            if isinstance(value, int):
                cell.value = value
            else:
                set_text(cell, str(value))
            cell.alignment = _WRAP
        if o.status is not Status.PASS and o.note:
            row += 1
            set_text(summary.cell(row=row, column=2), o.note)
            summary.cell(row=row, column=2).alignment = _WRAP
            summary.cell(row=row, column=2).font = Font(italic=True, color="595959")
        row += 1
        if records:
            total += len(records)
            _criterion_sheet(book.create_sheet(name), a, result, records)
    summary.auto_filter.ref = f"A3:{get_column_letter(len(SUMMARY_COLUMNS))}{max(row - 1, 3)}"
    summary.freeze_panes = "A4"
    _save(book, Path(out))
    return total


def _criterion_sheet(sheet: Worksheet, a: Assessment, result: CriterionResult, records: list[Failing]) -> None:
    c = result.criterion
    _title(sheet, f"({c.id}) {c.short}", f"{a.ward.name} — đánh giá vào ngày {short_date(a.as_of)}. {c.source}")
    _header(sheet, 3, COLUMNS)
    for n, f in enumerate(records, 1):
        values = (n, f"({c.id}) {c.short}", record_kind_label(f.kind), f.key, f.name, f.hamlet, f.reason, c.hint, "")
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=3 + n, column=column)
            if isinstance(value, int):
                cell.value = value
            else:
                set_text(cell, str(value))
            cell.alignment = _WRAP
    sheet.auto_filter.ref = f"A3:{get_column_letter(len(COLUMNS))}{3 + len(records)}"
    sheet.freeze_panes = "A4"


def _title(sheet: Worksheet, title: str, subtitle: str) -> None:
    set_text(sheet.cell(row=1, column=1), title)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    set_text(sheet.cell(row=2, column=1), subtitle)
    sheet.cell(row=2, column=1).font = Font(italic=True, color="595959")


def _header(sheet: Worksheet, row: int, columns: tuple[tuple[str, int], ...]) -> None:
    for n, (label, width) in enumerate(columns, 1):
        cell = sheet.cell(row=row, column=n, value=label)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(n)].width = width


def _save(book: Workbook, out: Path) -> None:
    """Temp file beside ``out``, owner-only, then renamed: ``out`` is whole or untouched."""
    handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(handle)
    try:
        if os.name != "nt":
            os.chmod(temp, 0o600)
        book.save(temp)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
