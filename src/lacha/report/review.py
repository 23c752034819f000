"""Province-wide review tables: ``lacha assess --all`` and ``lacha classify --all``.

One row per commune, a column per criterion (or classification criterion), a
totals row, and the share of communes that pass set against the national
targets (Kết luận 132-KL/TW, Nghị quyết 163/2024/QH15).
"""

import math

from rich.console import Console
from rich.table import Table
from rich.text import Text

from lacha.assess import Review
from lacha.classify import ClassReview
from lacha.dates import short_date
from lacha.report.classification import class_label
from lacha.report.console import STYLE
from lacha.rules.classification import CLASSES
from lacha.rules.model import UNVERIFIED, Status


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%" if whole else "—"


def print_review(console: Console, r: Review) -> None:
    console.print(Text(f"Đánh giá toàn bộ {len(r.assessments)} xã, phường, đặc khu — ngày {short_date(r.as_of)}",
                       style="bold"))
    for profile in r.profiles():
        rows = [a for a in r.assessments if a.profile.id == profile.id]
        hamlet = profile.level == "hamlet"
        table = Table(title=f"{profile.title}\n{profile.source}", show_lines=False, expand=False)
        table.add_column("Xã, phường")
        for c in profile.criteria:
            table.add_column(f"({c.id})", justify="center", no_wrap=True)
        if hamlet:
            table.add_column("Tổ đạt cả", justify="right", no_wrap=True)
        table.add_column("Kết quả", no_wrap=True)
        for a in rows:
            cells = []
            for result in a.results:
                o = result.outcome
                text = o.status.mark + (f" {o.numerator}/{o.denominator}" if hamlet and o.denominator else "")
                cells.append(Text(text, style=STYLE[o.status]))
            if hamlet:
                cells.append(f"{a.summary.passed}/{a.summary.hamlets}" if a.summary else "—")
            verdict = Text("Đạt", style="green") if a.passed else Text("Chưa đạt", style="red")
            table.add_row(f"{a.ward.name} ({a.ward.slug})", *cells, verdict)
        totals = [f"{sum(a.results[i].outcome.status is Status.PASS for a in rows)}/{len(rows)}"
                  for i in range(len(profile.criteria))]
        passed = sum(a.passed for a in rows)
        table.add_section()
        table.add_row(Text("Số xã đạt", style="bold"), *totals, *([""] if hamlet else []),
                      Text(f"{passed}/{len(rows)}", style="bold"))
        console.print(table)
        unverified = [c.id for c in profile.criteria if any(x.startswith("Lưu ý") for x in profile.caveats(c))]
        if unverified:
            console.print(Text(f"Lưu ý: tiêu chí {', '.join(unverified)} dựa vào {UNVERIFIED} hoặc nội dung chưa đối "
                               "chiếu — xem lacha profiles --show " + profile.id, style="yellow"))
    print_targets(console, r)


def print_targets(console: Console, r: Review) -> None:
    total = len(r.assessments)
    console.print(Text(f"Tổng: {r.passed}/{total} xã, phường đạt mọi tiêu chí ({_percent(r.passed, total)}).",
                       style="bold"))
    table = Table(title="So với chỉ tiêu toàn quốc", expand=False)
    for name in ("Năm", "Chỉ tiêu", "Hiện đạt", "", "Cần thêm"):
        table.add_column(name)
    for t in r.targets:
        needed = math.ceil(t["percent"] * total / 100)  # communes needed to reach the share
        ok = r.meets(t["percent"])
        table.add_row(str(t["year"]), f"≥ {t['percent']}% ({needed}/{total} xã)", _percent(r.passed, total),
                      Text("✓" if ok else "✗", style="green" if ok else "red"),
                      "—" if ok else f"{needed - r.passed} xã")
    console.print(table)
    console.print(Text(f"Nguồn chỉ tiêu: {r.targets_source}", style="dim"))


def print_class_review(console: Console, r: ClassReview) -> None:
    console.print(Text(f"Phân loại toàn bộ {len(r.results)} xã, phường, đặc khu — ngày {short_date(r.as_of)} "
                       "(QĐ 28/2025/QĐ-TTg)", style="bold"))
    table = Table(expand=False, caption="* kết luận phụ thuộc " + UNVERIFIED)
    table.add_column("Xã, phường")
    ids = [m.id for m in r.results[0].measures] if r.results else []
    for mid in ids:
        table.add_column(f"({mid})")
    table.add_column("Loại", no_wrap=True)
    for c in r.results:
        cells = [Text(m.shown.split(" (")[0] + (f" [{','.join(m.met_for)}]" if m.met_for else ""),
                      style="bold" if m.met_for else "dim") for m in c.measures]
        style = "red" if c.cls in ("I", "II") else "yellow" if c.cls == "III" else "green"
        table.add_row(f"{c.ward.name} ({c.ward.slug})", *cells,
                      Text(class_label(c.cls, c.determinable, c.gap) + ("" if c.verified else " *"), style=style))
    console.print(table)
    totals = r.totals()
    parts = [f"loại {cls}: {totals[cls]}" for cls in CLASSES] + [f"không thuộc: {totals['none']}"]
    console.print(Text(f"Tổng {len(r.results)} xã — " + "; ".join(parts) + ".", style="bold"))
    if r.unconfirmed:
        console.print(Text(f"Lưu ý: {r.unconfirmed} xã có kết luận phụ thuộc {UNVERIFIED} (đánh dấu *).",
                           style="yellow"))
