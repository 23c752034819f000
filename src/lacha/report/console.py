"""The Rich checklist of ``lacha assess`` and the import summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lacha.dates import short_date
from lacha.rules.model import READING, UNVERIFIED, UNVERIFIED_WORDING, Outcome, Status

if TYPE_CHECKING:  # for annotations only: `lacha import` need not load the rules, nor `assess` the importer
    from lacha.assess import Assessment, CriterionResult
    from lacha.importing.apply import ImportSummary

STYLE = {Status.PASS: "green", Status.FAIL: "red", Status.INSUFFICIENT: "yellow"}
FAILING_SHOWN = 15


def vn_number(n: int) -> str:
    """1240 → '1.240' (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


def measured(outcome: Outcome) -> str:
    if outcome.denominator is not None:
        return f"{vn_number(outcome.numerator or 0)}/{vn_number(outcome.denominator)}"
    if outcome.numerator is not None:
        return vn_number(outcome.numerator)
    return "—"


def print_assessment(console: Console, a: Assessment) -> None:
    if a.profile.level == "hamlet":
        from lacha.report.hamlets import print_hamlet_assessment

        print_hamlet_assessment(console, a)
        return
    print_header(console, a)
    table = Table(show_lines=True, expand=False)
    table.add_column("", width=1)
    table.add_column("Tiêu chí", max_width=70)
    table.add_column("Số liệu", justify="right", no_wrap=True)
    table.add_column("Kết quả", no_wrap=True)
    for result in a.results:
        c, o = result.criterion, result.outcome
        style = STYLE[o.status]
        body = [Text.assemble((f"({c.id}) ", "bold"), c.short)]
        note = plain_note(result)
        if note:
            body.append(Text(note, style="dim"))
        for part in o.parts:
            body.append(Text(f"  {part.outcome.status.mark} {part.title}: {measured(part.outcome)}",
                             style=STYLE[part.outcome.status]))
        body += parameter_lines(result)
        if o.failing:
            body.append(_failing_table(o))
        if o.status is not Status.PASS and c.hint:
            body.append(Text("→ " + c.hint, style="cyan"))
        table.add_row(Text(o.status.mark, style=style), Group(*body), measured(o), Text(o.status.label, style=style))
    console.print(table)
    from lacha.rules.checks import evidence, evidence_line
    used = [roster for r in a.results for roster in (getattr(r.criterion, "reads", ()) or ())]
    for item in evidence(a.snapshot, used):  # evidence.md: one line per list a criterion used
        console.print(Text(evidence_line(item), style="dim" if item["reviewed_on"] else "yellow"))
    verdict = "ĐẠT tất cả tiêu chí" if a.passed else \
        f"CHƯA ĐẠT: {a.count(Status.FAIL)} tiêu chí chưa đạt, {a.count(Status.INSUFFICIENT)} tiêu chí chưa đủ dữ liệu"
    console.print(Text(f"{a.ward.name}: {verdict}.", style="bold green" if a.passed else "bold red"))


def print_header(console: Console, a: Assessment) -> None:
    origin = f"\nTệp tiêu chí: {a.profile.origin}" if a.profile.origin else ""
    header = Text.assemble((a.ward.name, "bold"), f"  ({a.ward.slug})\n",
                           f"Bộ tiêu chí: {a.profile.title} ({a.profile.id})\n", f"Nguồn: {a.profile.source}{origin}\n",
                           f"Đánh giá vào ngày {short_date(a.as_of)}")
    console.print(Panel(header, title="lacha — đánh giá tiêu chí", expand=False))


def plain_note(result: CriterionResult) -> str:
    """The outcome's note; the caveats are shown by ``parameter_lines`` beside each parameter."""
    return result.outcome.note


def parameter_lines(result: CriterionResult) -> list[Text]:
    """Each parameter the criterion used, its value and source; what is not confirmed, in yellow."""
    lines = [Text(f"Tham số: {p.description or p.name} = {p.shown()} — nguồn: {p.source}"
                  + ("" if p.verified or p.source.startswith(READING) else f" ({UNVERIFIED})"),
                  style="dim" if p.verified or p.source.startswith(READING) else "yellow")
             for p in result.parameters]
    if not result.criterion.verified:
        lines.append(Text(f"Lưu ý: {UNVERIFIED_WORDING}.", style="yellow"))
    return lines


def _failing_table(o: Outcome) -> Table:
    table = Table(box=None, show_header=True, padding=(0, 1), header_style="dim")
    for name in ("Mã", "Họ tên / tên", "Thôn, tổ", "Lý do"):
        table.add_column(name)
    for f in o.failing[:FAILING_SHOWN]:
        table.add_row(escape(f.key), escape(f.name), escape(f.hamlet), escape(f.reason))
    if len(o.failing) > FAILING_SHOWN:
        table.add_row("…", f"và {len(o.failing) - FAILING_SHOWN} bản ghi khác (xem --format json)", "", "")
    return table


def print_import_summary(console: Console, s: ImportSummary) -> None:
    mode = " (chạy thử — chưa ghi gì)" if s.dry_run else ""
    console.print(Text.assemble("Nhập tệp ", (s.file, "bold"), " vào ", (f"{s.ward_name} ({s.ward_slug})", "bold"),
                                mode))
    table = Table(show_header=True)
    for name, justify in (("Sheet", "left"), ("Danh sách", "left"), ("Dòng", "right"), ("Mới", "right"),
                          ("Sửa", "right"), ("Giữ nguyên", "right"), ("Không còn", "right")):
        table.add_column(name, justify=justify)
    for sheet in s.sheets:
        gone = f"{len(sheet.missing)}" if not s.replace else f"đã xóa {sheet.removed}"
        rows = "«Không có»" if sheet.attested_none else vn_number(sheet.rows)
        table.add_row(escape(sheet.sheet), sheet.label, rows, vn_number(sheet.added),
                      vn_number(sheet.changed), vn_number(sheet.unchanged), gone)
    console.print(table)
    for sheet in s.sheets:
        if sheet.missing:
            names = "; ".join(f"{escape(k)} {escape(n)}" for k, n in sheet.missing[:10])
            more = f" và {len(sheet.missing) - 10} khác" if len(sheet.missing) > 10 else ""
            console.print(f"[yellow]• {sheet.label}: {len(sheet.missing)} bản ghi có trong cơ sở dữ liệu nhưng không "
                          f"có trong tệp (vẫn giữ lại): {names}{more}. Nếu sheet là danh sách đầy đủ, nhập lại với "
                          "--replace để xóa.[/yellow]")
    for sheet in s.sheets:
        if not sheet.reviewed:  # evidence.md: a blank sheet is not a review
            console.print(f"[yellow]• Sheet {escape(sheet.sheet)} trống: chưa coi là đã rà soát; nếu không có ai, "
                          "ghi «Không có» ở dòng đầu.[/yellow]")
    for name in s.skipped_sheets:
        console.print(f"[yellow]• Bỏ qua sheet {escape(name)}[/yellow]")
    for warning in s.warnings:
        console.print(f"[yellow]• {escape(str(warning))}[/yellow]")
    if s.dry_run:
        console.print("[cyan]Chạy thử: mọi kiểm tra đã xong, chưa ghi gì vào cơ sở dữ liệu.[/cyan]")
    elif not s.written:
        console.print("[green]Dữ liệu trong tệp giống hệt cơ sở dữ liệu — không có gì thay đổi.[/green]")
    else:
        console.print(f"[green]Đã nhập xong: {s.changes} thay đổi.[/green]")


def print_rejection(console: Console, message: str, issues: list) -> None:
    console.print(f"[bold red]{escape(message)}[/bold red]")
    for issue in issues:
        console.print(f"[red]• {escape(str(issue))}[/red]")
