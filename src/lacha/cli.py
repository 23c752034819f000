"""The `lacha` command line: parses arguments, calls one library function, prints, picks the exit code.

Exit status (cli.md): 0 = done (for assess: every criterion met); 1 = assess
found a criterion not met or not provable; 2 = bad usage or bad input, nothing
written. Heavy modules are imported inside the commands so `lacha --help`
stays fast.
"""

import datetime as dt
import functools
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from lacha.errors import LachaError

app = typer.Typer(
    name="lacha",
    help="lacha — chấm tiêu chí xã, phường “sạch ma túy / không ma túy” từ các danh sách Excel "
         "và lập hồ sơ công nhận.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


def _parse_date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    from lacha.dates import DateParseError, parse_cli_date

    try:
        return parse_cli_date(value)
    except DateParseError:
        raise typer.BadParameter(f"'{value}' không phải ngày — ghi 2024-12-14 hoặc 14/12/2024.") from None


DbOption = Annotated[Optional[str], typer.Option(
    "--db", envvar="LACHA_DB", show_envvar=True,
    help="Cơ sở dữ liệu: đường dẫn tệp SQLite hoặc địa chỉ postgresql://…; mặc định ~/.config/lacha/lacha.db.")]
WardOption = Annotated[Optional[str], typer.Option(
    "--ward", help="Mã địa bàn (ví dụ nguyen-trai); bỏ qua được khi cơ sở dữ liệu chỉ có một địa bàn.")]
AsOfOption = Annotated[Optional[str], typer.Option(
    "--as-of", help="Đánh giá vào ngày này (2024-12-14 hoặc 14/12/2024); mặc định hôm nay.")]
ProfileOption = Annotated[Optional[str], typer.Option(
    "--profile", help="Bộ tiêu chí (xem: lacha profiles); mặc định theo sheet DiaBan, hoặc kontum-2024.")]


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def officer_errors(command):
    """Turn a LachaError into its Vietnamese message and exit code; nothing else prints a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except LachaError as error:
            from lacha.errors import WorkbookRejected

            console = _console(stderr=True)
            if isinstance(error, WorkbookRejected):
                from lacha.report.console import print_rejection

                print_rejection(console, error.message, error.issues)
            else:
                from rich.markup import escape

                console.print(f"[bold red]Lỗi:[/bold red] {escape(error.message)}")
            raise typer.Exit(error.exit_code) from None

    return wrapper


def _engine(db: Optional[str]):
    from lacha.db.engine import get_engine

    return get_engine(db)


@app.command("import")
@officer_errors
def import_command(
    file: Annotated[Path, typer.Argument(help="Tệp Excel .xlsx chứa các danh sách.")],
    ward: WardOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Kiểm tra và in tóm tắt, không ghi gì.")] = False,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Mỗi sheet là danh sách đầy đủ: xóa bản ghi không còn trong tệp.")] = False,
    effective: Annotated[Optional[str], typer.Option(
        "--effective", help="Ngày số liệu của tệp (mặc định hôm nay).")] = None,
    db: DbOption = None,
):
    """Nhập một tệp danh sách Excel vào cơ sở dữ liệu (mọi lỗi được liệt kê, có lỗi thì không ghi gì)."""
    from lacha.importing.apply import import_workbook
    from lacha.report.console import print_import_summary

    engine = _engine(db)
    console = _console()
    summary = _with_progress(console, file, lambda progress: import_workbook(
        engine, file, ward=ward, dry_run=dry_run, replace=replace, effective=_parse_date(effective),
        progress=progress))
    print_import_summary(console, summary)


LARGE_FILE = 1_000_000  # bytes: above this an import shows a progress bar


def _with_progress(console, file: Path, run):
    if not file.is_file() or file.stat().st_size < LARGE_FILE or not console.is_terminal:
        return run(None)
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("Đang nhập…", total=None)

        def progress(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total)

        return run(progress)


@app.command("assess")
@officer_errors
def assess_command(
    ward: WardOption = None,
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="table: bảng trên màn hình; json: cho máy đọc.")]
    = OutputFormat.table,
    db: DbOption = None,
):
    """Chấm từng tiêu chí của bộ tiêu chí vào một ngày; liệt kê bản ghi chưa đạt. Thoát 0 khi đạt hết, 1 khi chưa."""
    from lacha.assess import assess_ward

    assessment = assess_ward(_engine(db), ward, profile, _parse_date(as_of) or dt.date.today())
    if output is OutputFormat.json:
        from lacha.report.json_out import assessment_json

        sys.stdout.write(assessment_json(assessment) + "\n")
    else:
        from lacha.report.console import print_assessment

        print_assessment(_console(), assessment)
    raise typer.Exit(0 if assessment.passed else 1)


@app.command("profiles")
def profiles_command():
    """Liệt kê các bộ tiêu chí: mã, tên, văn bản gốc, cấp đánh giá."""
    from rich.table import Table

    from lacha.rules.profiles import DEFAULT_PROFILE, PROFILES

    table = Table(title="Các bộ tiêu chí", show_lines=True)
    for name in ("Mã", "Tên", "Văn bản gốc", "Cấp", "Số tiêu chí"):
        table.add_column(name)
    for profile in PROFILES.values():
        level = "xã, phường" if profile.level == "commune" else "thôn, tổ dân phố"
        mark = " (mặc định)" if profile.id == DEFAULT_PROFILE else ""
        table.add_row(profile.id + mark, profile.title, profile.source, level, str(len(profile.criteria)))
    _console().print(table)


@app.command("template")
@officer_errors
def template_command(
    out: Annotated[Path, typer.Option("--out", help="Tệp .xlsx sẽ ghi ra.")] = Path("mau-danh-sach.xlsx"),
):
    """Ghi một tệp Excel mẫu trống: mỗi danh sách một sheet, tiêu đề cột chuẩn, danh sách chọn sẵn."""
    from lacha.errors import UsageError
    from lacha.workbook_writer import write_template

    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"--out phải là tệp .xlsx (đang là {out.name}).")
    write_template(out)
    _console().print(f"Đã ghi tệp mẫu {out} — điền danh sách rồi nhập: lacha import {out}")


DEMO_AS_OF = "2024-12-14"


@app.command("demo")
@officer_errors
def demo_command(
    db: Annotated[Optional[str], typer.Option(
        "--db", help="Cơ sở dữ liệu cho bản chạy thử (mặc định một tệp demo.db riêng, tạo mới mỗi lần).")] = None,
    as_of: Annotated[str, typer.Option("--as-of", help="Ngày đánh giá của bản chạy thử.")] = DEMO_AS_OF,
):
    """Chạy thử: nạp địa bàn mẫu (phường Nguyễn Trãi, dữ liệu hư cấu) vào cơ sở dữ liệu mới rồi đánh giá."""
    from lacha.assess import assess_ward
    from lacha.db.engine import default_db_path
    from lacha.importing.apply import import_workbook
    from lacha.report.console import print_assessment, print_import_summary
    from lacha.resources import sample_workbook

    target = Path(db) if db else default_db_path().with_name("demo.db")
    if target.exists():
        target.unlink()
    engine = _engine(str(target))
    console = _console()
    sample = sample_workbook()
    print_import_summary(console, import_workbook(engine, sample))
    print_assessment(console, assess_ward(engine, None, None, _parse_date(as_of)))
    console.print(f"\nCơ sở dữ liệu chạy thử: {target}. Xem lại: lacha assess --db {target} --as-of {as_of}")


def main() -> None:  # pragma: no cover - console entry for `python -m lacha`
    app()
