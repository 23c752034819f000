"""``lacha report --out FILE.xlsx``: the situation report as a formatted workbook (openpyxl, no formulas).

Sheets: ``BaoCao`` (one ward: a row per thôn / tổ and the ward total; with
--all: a row per ward and the grand total), with --all one more sheet per ward
(named by its slug), and ``GhiChu`` (what each column counts, the age bands
and their legal source). Every text cell goes through ``set_text`` (never a
formula, whatever it starts with); totals are computed here, not by Excel.
"""

import datetime as dt
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lacha.dates import short_date
from lacha.report.situation_console import MISSING
from lacha.situation import SECTIONS, Row, SituationReport, WardSituation
from lacha.workbook_writer import set_text

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_TOTAL_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ROW = 5  # three header rows: section, group, label
FIRST_METRIC_COLUMN = 3


def write_situation_xlsx(report: SituationReport, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "BaoCao"
    if report.all_wards:
        _table(sheet, report, f"Mọi địa bàn trong cơ sở dữ liệu ({len(report.wards)} địa bàn)", "Địa bàn",
               [w.total for w in report.wards] + [report.total])
        for w in report.wards:
            _ward_sheet(book.create_sheet(w.ward.slug[:31]), report, w)
    else:
        _ward_sheet(sheet, report, report.wards[0])
    _notes(book.create_sheet("GhiChu"), report)
    book.properties.creator = "lacha"
    buffer = io.BytesIO()
    book.save(buffer)  # all in memory first: an error leaves no half-written file
    Path(path).write_bytes(buffer.getvalue())


def _ward_sheet(sheet: Worksheet, report: SituationReport, w: WardSituation) -> None:
    _table(sheet, report, w.ward.name, "Thôn, tổ dân phố", w.rows + [w.total])


def _text(sheet: Worksheet, row: int, column: int, text: str, font: Font | None = None, fill=None,
          align: Alignment | None = None, border: bool = False):
    cell = sheet.cell(row, column)
    set_text(cell, text)
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if align:
        cell.alignment = align
    if border:
        cell.border = _BORDER
    return cell


def _table(sheet: Worksheet, report: SituationReport, unit: str, unit_header: str, rows: list[Row]) -> None:
    metrics = list(report.metrics)
    last = FIRST_METRIC_COLUMN + len(metrics) - 1
    p = report.period
    _text(sheet, 1, 1, "BÁO CÁO TÌNH HÌNH, KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MA TÚY", _TITLE)
    _text(sheet, 2, 1, f"Kỳ báo cáo: từ ngày {short_date(p.start)} đến ngày {short_date(p.end)} (tính cả hai ngày). "
                       f"Tình hình tính đến ngày {short_date(p.end)}.")
    _text(sheet, 3, 1, f"Địa bàn: {unit}. Lập ngày {short_date(dt.date.today())} bằng lacha. "
                       f"Ô “{MISSING}”: chưa nhập danh sách tương ứng. Cách tính: sheet GhiChu.")
    for column, title in ((1, "STT"), (2, unit_header)):
        _text(sheet, HEADER_ROW, column, title, _BOLD, _FILL, _CENTER, True)
        sheet.merge_cells(start_row=HEADER_ROW, start_column=column, end_row=HEADER_ROW + 2, end_column=column)
    _header_groups(sheet, metrics, HEADER_ROW, lambda m: SECTIONS[m.section])
    _header_groups(sheet, metrics, HEADER_ROW + 1, lambda m: m.group, key=lambda m: (m.section, m.group))
    for n, m in enumerate(metrics):
        _text(sheet, HEADER_ROW + 2, FIRST_METRIC_COLUMN + n, m.label, _BOLD, _FILL, _CENTER, True)
    number = 0
    for offset, row in enumerate(rows):
        r = HEADER_ROW + 3 + offset
        fill = _TOTAL_FILL if row.total else None
        if not row.total:
            number += 1
            sheet.cell(r, 1, number).border = _BORDER
        else:
            _text(sheet, r, 1, "", fill=fill, border=True)
        _text(sheet, r, 2, row.name, _BOLD if row.total else None, fill, _WRAP, True)
        for n, m in enumerate(metrics):
            cell = sheet.cell(r, FIRST_METRIC_COLUMN + n)
            value = row.values.get(m.id)
            if value is not None:
                cell.value = value
            elif m.per_hamlet or row.total:
                set_text(cell, MISSING)
            cell.alignment = Alignment(horizontal="right")
            cell.border = _BORDER
            if row.total:
                cell.font, cell.fill = _BOLD, fill
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 28
    for n in range(len(metrics)):
        sheet.column_dimensions[get_column_letter(FIRST_METRIC_COLUMN + n)].width = 12
    sheet.row_dimensions[HEADER_ROW + 2].height = 32
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 3, FIRST_METRIC_COLUMN)
    for r in (1, 2, 3):
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)


def _header_groups(sheet: Worksheet, metrics: list, row: int, label, key=None) -> None:
    """One merged cell over each run of consecutive metrics with the same key."""
    key = key or label
    start = 0
    for n in range(1, len(metrics) + 1):
        if n == len(metrics) or key(metrics[n]) != key(metrics[start]):
            first, last = FIRST_METRIC_COLUMN + start, FIRST_METRIC_COLUMN + n - 1
            _text(sheet, row, first, label(metrics[start]), _BOLD, _FILL, _CENTER, True)
            for column in range(first + 1, last + 1):
                sheet.cell(row, column).border = _BORDER
            if last > first:
                sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
            start = n


def _notes(sheet: Worksheet, report: SituationReport) -> None:
    lines: list[tuple[str, str]] = [("CÁCH TÍNH", "")]
    lines += [(f"{SECTIONS[m.section]} — {m.group}: {m.label}", m.definition) for m in report.metrics]
    lines += [("", ""), ("NHÓM TUỔI", "Tuổi tính vào ngày cuối kỳ; người chỉ có năm sinh: năm cuối kỳ − năm sinh.")]
    lines += [(band.label, band.text) for band in report.bands.values()]
    lines += [("", ""), ("GHI CHÚ", "")]
    for w in report.wards:
        if w.missing:
            from lacha.importing.kinds import BY_KIND

            lines.append((w.ward.name, "Chưa nhập danh sách: " + ", ".join(BY_KIND[r].label for r in w.missing)
                          + f" — các ô tương ứng ghi “{MISSING}”."))
        if w.unknown_age:
            lines.append((w.ward.name, f"{w.unknown_age} người không có ngày/năm sinh, không tính được tuổi."))
        if w.declared_note():
            lines.append((w.ward.name, w.declared_note()))
    lines.append(("Kỳ báo cáo", "Tính cả ngày đầu kỳ và ngày cuối kỳ. “Trong kỳ” so danh sách vào ngày trước "
                                "ngày đầu kỳ với danh sách vào ngày cuối kỳ, và theo các cột ngày của danh sách."))
    for r, (label, text) in enumerate(lines, start=1):
        _text(sheet, r, 1, label, _BOLD if not text or label.isupper() else None, align=_WRAP)
        _text(sheet, r, 2, text, align=_WRAP)
    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].width = 100
