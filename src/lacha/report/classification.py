"""The Rich table of ``lacha classify`` for one ward: every measured value next to its thresholds."""

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lacha.dates import short_date
from lacha.rules.classification import DECISION, Classification
from lacha.rules.model import UNVERIFIED

CLASS_LABEL = {"I": "Loại I", "II": "Loại II", "III": "Loại III", None: "Không thuộc địa bàn trọng điểm"}


def class_label(cls: str | None) -> str:
    return CLASS_LABEL[cls]


def print_classification(console: Console, c: Classification) -> None:
    header = Text.assemble((c.ward.name, "bold"), f"  ({c.ward.slug})\n",
                           f"Phân loại địa bàn trọng điểm phức tạp về ma túy theo {DECISION}\n",
                           f"Xét vào ngày {short_date(c.as_of)}")
    console.print(Panel(header, title="lacha — phân loại địa bàn", expand=False))
    table = Table(show_lines=True, expand=False)
    table.add_column("Tiêu chí", max_width=48)
    table.add_column("Số đo", max_width=30)
    table.add_column("Ngưỡng (* = chưa đối chiếu văn bản gốc)", max_width=40)
    table.add_column("Đạt ngưỡng loại", no_wrap=True)
    for m in c.measures:
        limits = "\n".join(f"{cls}: {text}{'' if ok else ' *'}" for cls, text, ok in m.thresholds)
        body = Text.assemble((f"({m.id}) ", "bold"), m.title)
        if m.note:
            body.append("\n" + m.note, style="dim")
        met = ", ".join(m.met_for) or "—"
        table.add_row(body, escape(m.shown), limits, Text(met + ("" if m.verified else " *"),
                                                          style="bold" if m.met_for else "dim"))
    console.print(table)
    style = "bold red" if c.cls in ("I", "II") else "bold yellow" if c.cls == "III" else "bold green"
    console.print(Text(f"{c.ward.name}: {class_label(c.cls)}.", style=style))
    if not c.verified:
        console.print(Text(f"Lưu ý: kết luận này phụ thuộc {UNVERIFIED} (các ngưỡng có dấu *); xem ngưỡng và nguồn: "
                           "lacha profiles --show national-2025.", style="yellow"))
