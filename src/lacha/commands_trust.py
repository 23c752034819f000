"""``lacha audit``: who imported, exported, reported or printed which ward, and when.

Registered on the app of ``lacha.cli`` by the import at the end of that module.
"""

from typing import Annotated, Optional

import typer

from lacha.cli import DbOption, OutputFormat, _console, _engine, app, officer_errors


@app.command("audit")
@officer_errors
def audit_command(
    ward: Annotated[Optional[str], typer.Option("--ward", help="Chỉ xem nhật ký của địa bàn này.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Số dòng mới nhất sẽ in.")] = 100,
    output: Annotated[OutputFormat, typer.Option("--format", help="table: bảng trên màn hình; json: cho máy đọc.")]
    = OutputFormat.table,
    db: DbOption = None,
):
    """Nhật ký truy cập dữ liệu cá nhân: ai (tài khoản máy) đã nhập, xuất, lập báo cáo, in hồ sơ của địa bàn nào,
    khi nào."""
    from lacha.audit import read_audit
    from lacha.text import ward_slug

    records = read_audit(_engine(db), ward_slug(ward) if ward else None, limit)
    if output is OutputFormat.json:
        import json
        import sys

        rows = [{"at": _utc(r.at).isoformat(), "os_user": r.os_user, "host": r.host, "action": r.action,
                 "ward": r.ward_slug, "detail": r.detail} for r in records]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    _print_audit(records)


def _print_audit(records) -> None:
    from rich.table import Table

    console = _console()
    if not records:
        console.print("Nhật ký trống: chưa có lần nhập, xuất, báo cáo hay in nào được ghi lại.")
        return
    table = Table(show_header=True, title="Nhật ký truy cập dữ liệu")
    for name in ("Thời điểm", "Tài khoản", "Máy", "Việc", "Địa bàn", "Chi tiết"):
        table.add_column(name)
    for r in records:
        when = _utc(r.at).astimezone().strftime("%d/%m/%Y %H:%M")
        table.add_row(when, r.os_user or "?", r.host or "", r.action_label, r.ward_slug or "", r.detail or "")
    console.print(table)


def _utc(at):
    """Stored in UTC; SQLite may hand it back without its zone."""
    import datetime as dt

    return at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)
