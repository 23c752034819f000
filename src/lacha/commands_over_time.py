"""Commands about time and safekeeping: ``report``, ``history``, ``export``, ``backup``, ``restore`` (issue 5).

Registered on the app of ``lacha.cli`` by the import at the end of that
module. Like every command, each one parses its options, calls one library
function, prints, and picks the exit code; heavy modules are imported inside
the functions so that ``lacha --help`` stays fast.
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from lacha.cli import DbOption, FormatOption, OutputFormat, WardOption, _console, _engine, _parse_date, app, \
    officer_errors, YearOption, _period
from lacha.output_files import ForceOption

REPORT_SUFFIXES = (".xlsx", ".docx", ".html", ".htm")


@app.command("report")
@officer_errors
def report_command(
    start: Annotated[Optional[str], typer.Option(
        "--from", help="Ngày đầu kỳ báo cáo (01/06/2024 hoặc 2024-06-01), được tính vào kỳ.")] = None,
    end: Annotated[Optional[str], typer.Option(
        "--to", help="Ngày cuối kỳ báo cáo, được tính vào kỳ; tình hình tính đến ngày này.")] = None,
    ward: WardOption = None,
    all_wards: Annotated[bool, typer.Option("--all", help="Mọi xã, phường trong cơ sở dữ liệu, có tổng cộng.")]
    = False,
    out: Annotated[Optional[Path], typer.Option(
        "--out", help="Ghi ra tệp: .xlsx (Excel), .docx (Word) hoặc .html; bỏ trống thì in bảng ra màn hình.")]
    = None,
    year: YearOption = None,
    force: ForceOption = False,
    db: DbOption = None,
):
    """Báo cáo định kỳ: tình hình cuối kỳ và kết quả trong kỳ theo từng thôn, tổ và từng xã, phường."""
    from lacha.situation import check_period, situation_report

    first, last = _parse_date(start), _parse_date(end)
    if year is not None:  # --year N: kỳ đánh giá 15/12/(N−1) – 14/12/N (Điều 7 khoản 1), unless --from/--to say
        kept = _period(year, None)
        first, last = first or kept.start, last or kept.as_of
    period = check_period(first, last)  # before anything is opened or written
    suffix = _output_suffix(out, REPORT_SUFFIXES, "--out phải là tệp .xlsx (Excel), .docx (Word) hoặc .html, "
                                                  "ví dụ --out bao-cao-thang-6.xlsx")
    if out is not None:
        from lacha.output_files import check_output

        check_output(out, db=db, force=force)
    engine = _engine(db)
    report = situation_report(engine, period.start, period.end, ward, all_wards)
    from lacha.audit import record_audit

    record_audit(engine, "report", "*" if all_wards else ", ".join(w.ward.slug for w in report.wards),
                 out.name if out else "màn hình")
    if out is None:
        from lacha.report.situation_console import print_situation

        print_situation(_console(), report)
        return
    from lacha.output_files import writing

    with writing(out) as target:
        if suffix == ".xlsx":
            from lacha.report.situation_xlsx import write_situation_xlsx

            write_situation_xlsx(report, target)
        else:
            from lacha.report.situation_doc import write_situation_document

            write_situation_document(report, target, ".html" if suffix == ".htm" else suffix)
    from lacha.dates import short_date

    _console().print(f"Đã ghi báo cáo {out} (kỳ {short_date(period.start)} – {short_date(period.end)}).", markup=False)


def _output_suffix(out: Optional[Path], suffixes: tuple[str, ...], wrong: str) -> str | None:
    """The output file's suffix, checked before anything is computed; its folder must exist."""
    from lacha.errors import UsageError

    if out is None:
        return None
    suffix = out.suffix.lower()
    if suffix not in suffixes:
        raise UsageError(f"{wrong} (đang là {out.name}).")
    if not out.parent.is_dir():
        raise UsageError(f"Thư mục {out.parent} không tồn tại — tạo thư mục trước hoặc chọn nơi ghi khác cho --out.")
    if out.is_dir():
        raise UsageError(f"{out} là một thư mục — ghi tên tệp cho --out.")
    return suffix


@app.command("history")
@officer_errors
def history_command(
    ward: WardOption = None,
    profile: Annotated[Optional[str], typer.Option("--profile", help="Chỉ xem lịch sử của bộ tiêu chí này.")] = None,
    output: FormatOption = OutputFormat.table,
    db: DbOption = None,
):
    """Lịch sử đánh giá: mỗi tiêu chí đạt / chưa đạt qua các lần assess, dossier; cảnh báo tiêu chí đang mất."""
    from lacha.history import history_dict, ward_history

    history = ward_history(_engine(db), ward, profile)
    if output is OutputFormat.json:
        import json
        import sys

        sys.stdout.write(json.dumps(history_dict(history), ensure_ascii=False, indent=2) + "\n")
        return
    from lacha.report.history_console import print_history

    print_history(_console(), history)


@app.command("export")
@officer_errors
def export_command(
    out: Annotated[Optional[Path], typer.Option("--out", help="Tệp .xlsx sẽ ghi (dạng danh sách chuẩn).")] = None,
    ward: WardOption = None,
    force: ForceOption = False,
    db: DbOption = None,
):
    """Xuất dữ liệu một xã, phường ra tệp Excel dạng chuẩn; nhập lại tệp này không thay đổi gì."""
    from lacha.errors import UsageError
    from lacha.export import export_ward

    if out is None:
        raise UsageError("Cần ghi --out TỆP.xlsx, ví dụ: lacha export --out du-lieu.xlsx")
    from lacha.output_files import check_output, writing

    _output_suffix(out, (".xlsx",), "--out phải là tệp .xlsx")
    check_output(out, db=db, force=force)
    engine = _engine(db)
    with writing(out) as target:
        summary = export_ward(engine, target, ward)
    from lacha.audit import record_audit

    record_audit(engine, "export", summary.ward_slug, out.name)
    _console().print(f"Đã xuất {summary.ward_name} ({summary.ward_slug}) ra {out}: {summary.describe()}. "
                     f"Nhập lại: lacha import {out}", markup=False)


@app.command("backup")
@officer_errors
def backup_command(
    out: Annotated[Optional[Path], typer.Option("--out", help="Tệp sao lưu sẽ ghi, ví dụ lacha-2024-06-30.db.")]
    = None,
    force: ForceOption = False,
    db: DbOption = None,
):
    """Sao lưu cơ sở dữ liệu (SQLite) ra một tệp — an toàn cả khi người khác đang dùng."""
    from lacha.backup import backup_database, backup_source
    from lacha.errors import UsageError

    if out is None:
        raise UsageError("Cần ghi --out TỆP, ví dụ: lacha backup --out lacha-sao-luu.db")
    from lacha.output_files import check_output, writing

    backup_source(db)  # PostgreSQL is sent to pg_dump before --out is looked at
    check_output(out, db=db, force=force)
    with writing(out) as target:
        info = backup_database(db, target)
    _audit_backup(db, out)
    _console().print(f"Đã sao lưu {info.path} ra {out} ({info.describe()}). Khôi phục: lacha restore {out}",
                     markup=False)


def _audit_backup(db: Optional[str], out: Path) -> None:
    """A backup is taken while others may be writing; if the log cannot be written now, say so, keep the copy."""
    from lacha.audit import record_audit
    from lacha.errors import LachaError

    try:
        record_audit(_engine(db), "backup", None, out.name)
    except LachaError:
        _console(stderr=True).print("Chưa ghi được nhật ký truy cập cho lần sao lưu này (cơ sở dữ liệu đang bận); "
                                    "bản sao lưu vẫn đầy đủ.", style="yellow", markup=False)


@app.command("restore")
@officer_errors
def restore_command(
    file: Annotated[Path, typer.Argument(help="Tệp sao lưu (do lacha backup ghi).")],
    yes: Annotated[bool, typer.Option("--yes", help="Không hỏi lại trước khi thay dữ liệu.")] = False,
    db: DbOption = None,
):
    """Khôi phục cơ sở dữ liệu từ tệp sao lưu: thay toàn bộ dữ liệu hiện có (hỏi lại trước khi làm)."""
    from lacha.backup import check_restore, restore_database

    plan = check_restore(db, file)
    console = _console()
    if not yes:
        console.print(plan.question(), markup=False)
        from lacha.frame_vi import confirm

        if not confirm("Tiếp tục?", default=False):
            console.print("Đã hủy — cơ sở dữ liệu không thay đổi.")
            raise typer.Exit(1)
    if not plan.target.exists():
        console.print(f"Tạo cơ sở dữ liệu mới tại {plan.target}.", markup=False)
    done = restore_database(plan)
    from lacha.audit import record_audit

    record_audit(_engine(db), "restore", None, file.name)
    console.print(done, markup=False)
