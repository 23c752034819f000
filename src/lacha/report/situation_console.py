"""``lacha report`` without --out: the situation report as Rich tables (a row per count, a column per unit)."""

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lacha.dates import short_date
from lacha.report.console import vn_number
from lacha.situation import SECTIONS, Row, SituationReport, WardSituation

MISSING = "—"


def cell(value: int | None) -> str:
    return MISSING if value is None else vn_number(value)


def units(report: SituationReport) -> list[tuple[str, list[tuple[str, Row]]]]:
    """(title, [(column heading, row)]): a table per ward with a column per hamlet (by its code) and the
    ward total; with --all one table with a column per ward (by its slug) and the grand total."""
    if report.all_wards:
        return [("Mọi địa bàn", [(w.ward.slug, w.total) for w in report.wards] + [("Tổng cộng", report.total)])]
    return [(w.ward.name, [(r.code or "?", r) for r in w.rows] + [("Cộng", w.total)]) for w in report.wards]


def print_situation(console: Console, report: SituationReport) -> None:
    p = report.period
    title = Text.assemble(("BÁO CÁO TÌNH HÌNH, KẾT QUẢ PHÒNG, CHỐNG MA TÚY\n", "bold"),
                          f"Kỳ báo cáo: từ {short_date(p.start)} đến {short_date(p.end)} (tính cả hai ngày)\n",
                          "Tình hình tính đến ngày cuối kỳ; kết quả là những gì thay đổi trong kỳ.")
    console.print(Panel(title, title="lacha report", expand=False))
    for name, columns in units(report):
        table = Table(title=escape(name), title_justify="left", show_lines=False)
        table.add_column("Chỉ tiêu", min_width=20)
        for heading, row in columns:
            table.add_column(escape(heading), justify="right", style="bold" if row.total else None)
        for section, section_title in SECTIONS.items():
            table.add_row(Text(section_title.upper(), style="bold cyan"), *[""] * len(columns))
            for m in (m for m in report.metrics if m.section == section):
                table.add_row(f"{m.group}: {m.label}",
                              *[("" if not m.per_hamlet and not row.total else cell(row.values.get(m.id)))
                                for _, row in columns])
        console.print(table)
        names = "; ".join(f"{heading}: {row.name}" for heading, row in columns[:-1])
        console.print(f"[dim]{escape(names)}[/dim]")
    for w in report.wards:
        _print_notes(console, w)
    console.print("[dim]Nhóm tuổi (tính vào ngày cuối kỳ):[/dim]")
    for band in report.bands.values():
        console.print(f"[dim]• {escape(band.text)}[/dim]")
    console.print("[dim]Ghi ra tệp: --out bao-cao.xlsx (Excel), .docx (Word) hoặc .html (in từ trình duyệt).[/dim]")


def _print_notes(console: Console, w: WardSituation) -> None:
    if w.missing:
        from lacha.importing.kinds import BY_KIND

        names = ", ".join(BY_KIND[r].label for r in w.missing)
        console.print(f"[yellow]• {escape(w.ward.name)}: “{MISSING}” là chưa có số liệu — chưa nhập danh sách "
                      f"{escape(names)}.[/yellow]")
    if w.unknown_age:
        console.print(f"[yellow]• {escape(w.ward.name)}: {w.unknown_age} người không có ngày/năm sinh, không "
                      "tính được tuổi.[/yellow]")
    if w.declared_note():
        console.print(f"[yellow]• {escape(w.ward.name)}: {escape(w.declared_note())}[/yellow]")
