"""``lacha history`` on screen: per profile, each criterion's status on each evaluated date, and the warnings."""

import datetime as dt

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lacha.dates import short_date
from lacha.history import FAIL, INSUFFICIENT, LOSING, PASS, UNPROVEN, ProfileHistory, WardHistory

MARK = {PASS: ("✓", "green"), FAIL: ("✗", "red"), INSUFFICIENT: ("?", "yellow"), None: ("·", "dim")}
LABEL = {PASS: "Đạt", FAIL: "Chưa đạt", INSUFFICIENT: "Chưa đủ dữ liệu", None: "không có trong bộ tiêu chí"}
DATES_SHOWN = 8
RUNS_SHOWN = 15


def local_time(utc: dt.datetime) -> str:
    return utc.astimezone().strftime("%d/%m/%Y %H:%M")


def print_history(console: Console, h: WardHistory) -> None:
    if not h.profiles:
        console.print(f"{escape(h.ward.name)}: chưa có lần đánh giá nào được ghi lại — mỗi lần chạy lacha assess "
                      "hoặc lacha dossier sẽ được ghi vào lịch sử.")
        return
    for profile in h.profiles:
        _print_profile(console, h, profile)


def _print_profile(console: Console, h: WardHistory, p: ProfileHistory) -> None:
    dates = p.dates
    header = Text.assemble((h.ward.name, "bold"), f"  ({h.ward.slug})\n", f"Bộ tiêu chí: {p.title}\n",
                           f"{len(p.runs)} lần đánh giá, cho {len(dates)} ngày đánh giá "
                           f"(từ {short_date(dates[0])} đến {short_date(dates[-1])})")
    console.print(Panel(header, title="lacha — lịch sử đánh giá", expand=False))
    shown = dates[-DATES_SHOWN:]
    table = Table(show_lines=False)
    table.add_column("Tiêu chí", max_width=40)
    for day in shown:
        table.add_column(short_date(day), justify="center", no_wrap=True)
    table.add_column("Diễn biến", max_width=60)
    for c in p.criteria:
        marks = [Text(MARK[pt.status][0], style=MARK[pt.status][1]) for pt in c.points[-DATES_SHOWN:]]
        table.add_row(Text.assemble((f"({c.id}) ", "bold"), c.title), *marks, _moves(c))
    console.print(table)
    if len(dates) > DATES_SHOWN:
        console.print(f"[dim]Bảng chỉ hiện {DATES_SHOWN} ngày đánh giá gần nhất; đầy đủ: lacha history "
                      "--format json.[/dim]")
    console.print("[dim]✓ Đạt · ✗ Chưa đạt · ? Chưa đủ dữ liệu · mỗi cột là một ngày đánh giá (--as-of); "
                  "cùng một ngày chạy nhiều lần thì lấy lần chạy sau cùng.[/dim]")
    for c in p.criteria:
        if c.trend == LOSING:
            console.print(f"[bold red]⚠ ĐANG MẤT DANH HIỆU: tiêu chí ({escape(c.id)}) {escape(c.title)} đạt ngày "
                          f"{short_date(c.last_passed)} nhưng chưa đạt ngày {short_date(c.points[-1].as_of)} — "
                          f"“{escape(p.recognition)}” không còn được giữ vững.[/bold red]")
        elif c.trend == UNPROVEN:
            console.print(f"[yellow]⚠ Tiêu chí ({escape(c.id)}) {escape(c.title)} đạt ngày "
                          f"{short_date(c.last_passed)} nhưng ngày {short_date(c.points[-1].as_of)} chưa đủ dữ liệu "
                          "để chứng minh — nhập lại danh sách liên quan.[/yellow]")
    _print_runs(console, p)


def _moves(c) -> Text:
    changes = c.changes
    if not changes:
        return Text(f"giữ nguyên: {LABEL[c.latest]}", style="dim")
    parts = [f"{LABEL[b.status]} từ {short_date(b.as_of)}" for _, b in changes]
    style = "red" if c.trend == LOSING else "yellow" if c.trend == UNPROVEN else ""
    return Text(f"{LABEL[changes[0][0].status]} → " + " → ".join(parts), style=style)


def _print_runs(console: Console, p: ProfileHistory) -> None:
    table = Table(title="Các lần chạy", title_justify="left", show_lines=False)
    for name in ("Lúc", "Người chạy", "Lệnh", "Ngày đánh giá", "Kết quả"):
        table.add_column(name)
    for run in p.runs[-RUNS_SHOWN:]:
        met = sum(s == PASS for s in run.statuses.values())
        result = Text("Đạt tất cả" if run.passed else f"Đạt {met}/{len(run.statuses)}",
                      style="green" if run.passed else "red")
        table.add_row(local_time(run.run_at), escape(run.os_user or ""), escape(run.command),
                      short_date(run.as_of), result)
    console.print(table)
    if len(p.runs) > RUNS_SHOWN:
        console.print(f"[dim]… và {len(p.runs) - RUNS_SHOWN} lần chạy trước đó (lacha history --format json).[/dim]")
