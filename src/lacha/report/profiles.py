"""``lacha profiles`` (the list) and ``lacha profiles --show ID`` (criteria and parameters with sources)."""

from typing import Iterable, Mapping

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from lacha.report.labels import parameter_label, roster_label
from lacha.rules.model import READING, UNVERIFIED, Parameter, Profile

LEVEL = {"commune": "xã, phường", "hamlet": "thôn, tổ dân phố"}


def print_profiles(console: Console, profiles: Iterable[Profile], default: str) -> None:
    table = Table(title="Các bộ tiêu chí", show_lines=True)
    for name in ("Mã", "Tên", "Văn bản gốc", "Cấp", "Số tiêu chí"):
        table.add_column(name)
    for profile in profiles:
        mark = " (mặc định)" if profile.id == default else ""
        origin = f"\n(tệp {profile.origin})" if profile.origin else ""
        table.add_row(profile.id + mark + origin, profile.title, profile.source, LEVEL[profile.level],
                      str(len(profile.criteria)))
    console.print(table)
    console.print("Xem tiêu chí và tham số của một bộ: lacha profiles --show MÃ")


def print_profile(console: Console, profile: Profile) -> None:
    console.print(Text(f"{profile.id} — {profile.title}", style="bold"))
    console.print(f"Nguồn: {profile.source}")
    if profile.origin:
        console.print(f"Tệp tiêu chí: {profile.origin}")
    console.print(f"Cấp đánh giá: {LEVEL[profile.level]}. {profile.description}")
    table = Table(title="Tiêu chí", show_lines=True, expand=False)
    for name, width in (("Mã", None), ("Nội dung (nguyên văn)", 60), ("Nguồn", 36), ("Danh sách đọc", 24),
                        ("Tham số", 24)):
        table.add_column(name, max_width=width)
    for c in profile.criteria:
        title = c.title + ("" if c.verified else "\n[nội dung chưa đối chiếu văn bản gốc]")
        rosters = "; ".join(roster_label(r) for r in c.reads)
        uses = "; ".join(parameter_label(u, profile.parameters) for u in c.uses) or "—"
        table.add_row(c.id, escape(title), escape(c.source), escape(rosters), escape(uses))
    console.print(table)
    print_parameters(console, profile.parameters, "Tham số")


def print_parameters(console: Console, parameters: Mapping[str, Parameter], title: str) -> None:
    if not parameters:
        console.print("Bộ tiêu chí này không có tham số.")
        return
    table = Table(title=title, show_lines=True, expand=False)
    for name, width in (("Ý nghĩa", 40), ("Giá trị", 30), ("Nguồn", 50), ("Đã đối chiếu", None),
                        ("Tên trong tệp .toml", None)):
        table.add_column(name, max_width=width, overflow="fold")
    for p in parameters.values():
        checked = Text("có", style="green") if p.verified else Text("cách đọc của lacha", style="yellow") \
            if p.source.startswith(READING) else Text(f"CHƯA — {UNVERIFIED}", style="yellow")
        table.add_row(escape(p.description or p.name), escape(p.shown()), escape(p.source), checked, p.name)
    console.print(table)
