"""The Rich table of a hamlet-level profile (haiphong-tdp-2026): one row per thôn / tổ dân phố,
one column per criterion with the failing people named in the cell, then the ward summary
against the plan's roadmap."""

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from lacha.assess import Assessment
from lacha.report.console import STYLE, parameter_lines, print_header, vn_number
from lacha.rules.model import Outcome, Status

NAMES_SHOWN = 6


def _cell(o: Outcome) -> Text:
    text = Text(f"{o.status.mark} {o.status.label}", style=STYLE[o.status])
    for f in o.failing[:NAMES_SHOWN]:
        text.append(f"\n• {f.name} ({f.key}): {f.reason}", style="default")
    if len(o.failing) > NAMES_SHOWN:
        text.append(f"\n… và {vn_number(len(o.failing) - NAMES_SHOWN)} người/điểm khác "
                    "(toàn bộ: lacha assess --out viec-can-lam.xlsx)", style="dim")
    if o.status is Status.INSUFFICIENT and not o.failing and o.note:
        text.append("\n" + o.note, style="dim")
    return text


def print_hamlet_assessment(console: Console, a: Assessment) -> None:
    print_header(console, a)
    criteria = a.profile.criteria
    console.print("Tiêu chí (chấm riêng từng thôn, tổ dân phố):")
    for result in a.results:
        c = result.criterion
        console.print(Text.assemble((f"  ({c.id}) ", "bold"), c.title))
        for line in parameter_lines(result):
            console.print(Text("      ") + line)
    table = Table(show_lines=True, expand=False, title="Kết quả từng thôn, tổ dân phố")
    table.add_column("Thôn, tổ dân phố")
    for c in criteria:
        table.add_column(f"({c.id}) {c.short}", max_width=44)
    table.add_column("Đạt cả", no_wrap=True)
    for h in a.hamlets:
        overall = Text("✓ Đạt", style="green") if h.passed else Text("✗ Chưa", style="red")
        table.add_row(Text(f"{h.name}\n{h.code}"), *[_cell(r.outcome) for r in h.results], overall)
    if a.hamlets:
        table.add_row(Text("Cả địa bàn", style="bold"),
                      *[Text(f"{r.outcome.numerator}/{r.outcome.denominator} tổ đạt", style=STYLE[r.outcome.status])
                        for r in a.results],
                      Text(f"{a.summary.passed}/{a.summary.hamlets}", style="bold"))
        console.print(table)
    else:
        console.print(Text(a.results[0].outcome.note, style="yellow"))
    print_roadmap(console, a)


def print_roadmap(console: Console, a: Assessment) -> None:
    s = a.summary
    if s is None:
        return
    console.print(Text(s.note, style="bold green" if s.current and s.passed >= s.current.hamlets else "bold"))
    if not s.targets:
        return
    roadmap = a.profile.parameters.get("roadmap")
    table = Table(title="Lộ trình (quy đổi theo số thôn, tổ của địa bàn)", expand=False)
    for name, justify in (("Đến hết năm", "left"), ("Chỉ tiêu", "right"), ("Hiện đạt", "right"),
                          ("", "left"), ("Theo kế hoạch", "left")):
        table.add_column(name, justify=justify)
    for t in s.targets:
        mark = Text("✓", style="green") if s.passed >= t.hamlets else Text("✗", style="red")
        table.add_row(str(t.year), f"{t.hamlets}/{s.hamlets}", str(s.passed), mark, escape(t.text))
    console.print(table)
    if roadmap is not None:
        console.print(Text(f"Nguồn lộ trình: {roadmap.source}", style="dim"))
    verdict = "ĐẠT" if a.passed else "CHƯA ĐẠT"
    console.print(Text(f"{a.ward.name}: {verdict} — {s.passed}/{s.hamlets} thôn, tổ dân phố đạt mọi tiêu chí.",
                       style="bold green" if a.passed else "bold red"))
