"""The Rich table of ``lacha classify`` for one ward: every measured value next to its thresholds (Điều 4)."""

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lacha.dates import short_date
from lacha.rules.classification import DECISION, GAP, Classification

CLASS_LABEL = {"I": "Loại I", "II": "Loại II", "III": "Loại III", None: "Không thuộc địa bàn trọng điểm"}


def class_label(cls: str | None, determinable: bool = True, gap: bool = False) -> str:
    if not determinable:
        return "Chưa xác định"
    if gap:
        return GAP[0].upper() + GAP[1:]
    return CLASS_LABEL[cls]


def print_classification(console: Console, c: Classification) -> None:
    header = Text.assemble((c.ward.name, "bold"), f"  ({c.ward.slug})\n",
                           f"Phân loại địa bàn trọng điểm phức tạp về ma túy theo {DECISION}, Điều 4\n",
                           f"Xét vào ngày {short_date(c.as_of)}"
                           + (f"; số liệu trong {c.period.text()}" if c.period else ""))
    console.print(Panel(header, title="lacha — phân loại địa bàn", expand=False))
    table = Table(show_lines=True, expand=False)
    table.add_column("Tiêu chí", max_width=48)
    table.add_column("Số đo", max_width=30)
    table.add_column("Mức theo Điều 4", max_width=40)
    table.add_column("Đạt tiêu chí loại", no_wrap=True)
    for m in c.measures:
        limits = "\n".join(f"{cls}: {text}" for cls, text, _ in m.thresholds)
        body = Text.assemble((f"({m.id}) ", "bold"), m.title)
        if m.note:
            body.append("\n" + m.note, style="dim")
        met = ", ".join(m.met_for) or ("?" if not m.known else "—")
        table.add_row(body, escape(m.shown), limits, Text(met, style="bold" if m.met_for else "dim"))
    console.print(table)
    style = "bold red" if c.cls in ("I", "II") else "bold yellow" if c.cls == "III" or not c.determinable \
        else "bold green"
    console.print(Text(f"{c.ward.name}: {class_label(c.cls, c.determinable, c.gap)} — {c.citation}.", style=style))
    kmt = {True: "đạt", False: "chưa đạt", None: "chưa xác định (thiếu số liệu)"}[c.khong_ma_tuy]
    console.print(Text(f"Tiêu chí địa bàn không ma túy (QĐ 28/2025/QĐ-TTg, Điều 6, xét riêng): {kmt} — "
                       "chi tiết: lacha assess --profile national-2025.", style="bold"))
    if c.both_note:
        console.print(Text(f"{c.ward.name} {c.both_note}.", style="bold yellow"))
    if not c.determinable:
        console.print(Text("Chưa xác định được loại: thiếu danh sách đã rà soát trong kỳ ở sheet "
                           + ", ".join(c.missing) + ".", style="yellow"))
    console.print(Text("Cách đọc văn bản lacha áp dụng cho kết luận này:", style="dim"))
    for reading in c.readings:
        console.print(Text("• " + reading, style="dim"))
