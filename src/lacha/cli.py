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
from lacha.frame_vi import install as _vietnamese_frame
from lacha.output_files import ForceOption

_vietnamese_frame()  # help, usage, errors and prompts of the Typer/Click frame in Vietnamese (issue 15)


class _CommandLine(typer.Typer):
    """The app, which the ``lacha`` console script and ``python -m lacha`` call: one command, then the process
    ends (lacha.bulk.one_command_process). Tests invoke its command in their own process instead."""

    def __call__(self, *args, **kwargs):
        from lacha.bulk import one_command_process
        from lacha.frame_vi import utf8_console

        utf8_console()  # a cp1252 console or a redirect never crashes on Vietnamese text
        one_command_process()
        return super().__call__(*args, **kwargs)


app = _CommandLine(
    name="lacha",
    help="lacha — chấm tiêu chí xã, phường “sạch ma túy / không ma túy” từ các danh sách Excel "
         "và lập hồ sơ công nhận.",
    no_args_is_help=True,
    add_completion=True,
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
YearOption = Annotated[int | None, typer.Option(
    "--year", help="Kỳ đánh giá năm N: từ 15/12 năm N−1 đến 14/12 năm N (QĐ 28/2025/QĐ-TTg, Điều 7 khoản 1).")]


DEFAULT_PROFILE_ID = "national-2025"  # = lacha.rules.profiles.DEFAULT_PROFILE (a test keeps them equal)


def _period(year: int | None, as_of: str | None, national: bool = True):
    """The kỳ đánh giá for --year / --as-of (rules/period.py); the default-period note goes to the terminal."""
    from lacha.errors import UsageError
    from lacha.rules.period import PeriodError, default_note, resolve

    today = dt.date.today()
    day = _parse_date(as_of)
    try:
        # --year alone: the period's own default day (its end, or today while it runs), whatever the profile
        period = resolve(year, day, today) if national or year is not None else resolve(year, day or today, today)
    except PeriodError as error:
        raise UsageError(str(error)) from None
    if national and year is None and day is None and (note := default_note(today)):
        _console(stderr=True).print(note)
    return period


ProfileOption = Annotated[Optional[str], typer.Option(
    "--profile", help="Bộ tiêu chí (xem: lacha profiles); mặc định theo sheet DiaBan, hoặc national-2025 (QĐ 28/2025/QĐ-TTg).")]


def _console(stderr: bool = False):
    from lacha.terminal import SafeConsole

    # no control character from the data reaches the terminal (issue 17)
    return SafeConsole(stderr=stderr, highlight=False)


def officer_errors(command):
    """Turn a LachaError into its Vietnamese message and exit code; nothing else prints a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except LachaError as error:
            from lacha.errors import WorkbookRejected
            from lacha.output_files import mask_url

            error.message = mask_url(error.message)  # a database address never shows its password
            console = _console(stderr=True)
            if isinstance(error, WorkbookRejected):
                from lacha.report.console import print_rejection

                print_rejection(console, error.message, error.issues)
            else:
                from rich.markup import escape

                console.print(f"[bold red]Lỗi:[/bold red] {escape(error.message)}")
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            _console(stderr=True).print(f"Đã dừng theo yêu cầu (Ctrl-C). {_interrupted_note(command.__name__)}",
                                        markup=False)
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, typer.TyperException, SystemExit):
            raise
        except Exception as error:  # never a traceback, locals or a value from the data (LACHA_DEBUG=1 shows it)
            from lacha.failures import debugging, describe_failure

            if debugging():
                raise
            from lacha.output_files import mask_url

            _console(stderr=True).print(f"[bold red]Lỗi:[/bold red] {mask_url(describe_failure(error))}", markup=True)
            raise typer.Exit(2) from None

    return wrapper


def _interrupted_note(command_name: str) -> str:
    """What a Ctrl-C left behind: every database write is one transaction, so nothing half-written."""
    if command_name in ("import_command", "demo_command", "restore_command"):
        return "Tệp chưa được nhập: cơ sở dữ liệu giữ nguyên như trước lệnh (mỗi lần ghi là một giao dịch trọn vẹn)."
    if command_name in ("dossier_command", "export_command", "report_command", "template_command", "backup_command"):
        return "Tệp kết quả chưa được ghi; tệp cũ cùng tên (nếu có) giữ nguyên."  # written to a temporary file, renamed
    return "Cơ sở dữ liệu không thay đổi."


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("lacha")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            number = "chưa cài đặt"
        typer.echo(f"lacha phiên bản {number}")
        raise typer.Exit(0)


@app.callback()
def _main(
    show_version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="In phiên bản của lacha rồi thoát.")] = False,
) -> None:
    """lacha — chấm tiêu chí xã, phường “sạch ma túy / không ma túy” từ các danh sách Excel và lập hồ sơ công nhận."""


def _engine(db: Optional[str], may_create: bool = False):
    """The database of --db / LACHA_DB; only import, restore and demo may create it (lacha.db.existence)."""
    from lacha.db.engine import get_engine
    from lacha.db.existence import require_database

    require_database(db, may_create, _console(stderr=True))
    return get_engine(db)


@app.command("import")
@officer_errors
def import_command(
    file: Annotated[Path, typer.Argument(help="Tệp Excel .xlsx (hoặc bảng tính LibreOffice .ods) chứa các danh sách.")],
    ward: WardOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Kiểm tra và in tóm tắt, không ghi gì.")] = False,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Mỗi sheet là danh sách đầy đủ: xóa bản ghi không còn trong tệp.")] = False,
    effective: Annotated[Optional[str], typer.Option(
        "--effective", help="Ngày số liệu của tệp (mặc định hôm nay).")] = None,
    encoding: Annotated[Optional[str], typer.Option(
        "--encoding", help="Chữ trong tệp gõ bằng mã cũ: tcvn3 (phông .VnTime) hoặc vni (phông VNI-Times); mặc định "
                           "lacha tự nhận ra theo phông chữ của ô.")] = None,
    new_ward: Annotated[bool, typer.Option(
        "--new-ward", help="--ward là địa bàn mới, chưa có trong cơ sở dữ liệu (tệp không có sheet DiaBan).")]
    = False,
    db: DbOption = None,
):
    """Nhập một tệp danh sách Excel vào cơ sở dữ liệu (mọi lỗi được liệt kê, có lỗi thì không ghi gì)."""
    from lacha.importing.workbook import ReadAhead

    read_ahead = ReadAhead(file, encoding)  # the file is read while the database layer loads below
    from lacha.audit import record_audit
    from lacha.importing.apply import import_workbook
    from lacha.report.console import print_import_summary

    from lacha import next_step

    effective_day = _parse_date(effective)
    next_step.check_effective(effective_day)
    if read_ahead.problem is not None:  # a file refused outright: before a new database is created for it
        raise read_ahead.problem
    engine = _engine(db, may_create=True)
    console = _console()
    summary = _with_progress(console, file, lambda progress: import_workbook(
        engine, file, ward=ward, dry_run=dry_run, replace=replace, effective=effective_day,
        progress=progress, encoding=encoding, read_ahead=read_ahead, new_ward=new_ward))
    print_import_summary(console, summary)
    from lacha.importing.safety import MACRO_NOTE, has_macros

    if has_macros(file):  # issue 17: an .xlsm is named, its macros never run
        console.print(f"Lưu ý: {file.name}: {MACRO_NOTE}.", markup=False, style="yellow")
    next_step.after_import(console, summary)
    if summary.written:  # a dry run, or a file already imported, writes nothing — not even the audit log
        record_audit(engine, "import", summary.ward_slug, file.name)


LARGE_FILE = 200_000  # bytes (about 4.000 rows): above this an import on a terminal shows a progress bar


def _with_progress(console, file: Path, run):
    if not file.is_file() or file.stat().st_size < LARGE_FILE or not console.is_terminal:
        return run(None)
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("Đang nhập…", total=None)

        def progress(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total)

        return run(progress)


ProfileFileOption = Annotated[Optional[Path], typer.Option(
    "--profile-file", help="Tệp .toml: ghi đè tham số của một bộ tiêu chí, hoặc bộ tiêu chí riêng của tỉnh "
                           "(xem docs/profile-file.md).")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="table: bảng trên màn hình; json: cho máy đọc.")]


def _profile_file(path: Optional[Path], profile_id: Optional[str] = None, need_profile: bool = True):
    """The profile file given with --profile-file (None without one); a usage error when it does not fit."""
    if path is None:
        return None
    from lacha.errors import UsageError
    from lacha.rules.profile_file import load_profile_file

    loaded = load_profile_file(path)
    if need_profile and loaded.profile is None:
        raise UsageError(f"Tệp {path.name} không có bảng [profile] — thêm [profile] (xem docs/profile-file.md).")
    if profile_id and loaded.profile is not None and profile_id != loaded.profile.id:
        raise UsageError(f"--profile {profile_id} khác bộ tiêu chí trong tệp {path.name} ({loaded.profile.id}) — "
                         "bỏ --profile hoặc sửa tệp.")
    return loaded


@app.command("assess")
@officer_errors
def assess_command(
    ward: WardOption = None,
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    year: YearOption = None,
    output: FormatOption = OutputFormat.table,
    all_wards: Annotated[bool, typer.Option("--all", help="Mọi xã, phường trong cơ sở dữ liệu: mỗi xã một dòng, "
                                                          "có tổng và so với chỉ tiêu toàn quốc.")] = False,
    province: Annotated[Optional[str], typer.Option(
        "--province", help="Cùng --all: chỉ các xã, phường của một tỉnh, thành phố (tên sau sáp nhập 2025; tên "
                           "tỉnh cũ được tính vào tỉnh mới).")] = None,
    profile_file: ProfileFileOption = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Ghi Phiếu việc cần làm (.xlsx): mọi bản ghi chưa đạt, mỗi tiêu chí một sheet, có lọc.")] = None,
    full_ids: Annotated[bool, typer.Option(
        "--full-ids", help="Hiện đầy đủ số định danh (mặc định chỉ hiện 4 chữ số cuối).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp --out đã có (tệp cũ giữ lại thành .bak).")]
    = False,
    db: DbOption = None,
):
    """Chấm từng tiêu chí của bộ tiêu chí vào một ngày; liệt kê bản ghi chưa đạt. Thoát 0 khi đạt hết, 1 khi chưa."""
    from lacha.errors import UsageError

    if all_wards and ward:
        raise UsageError("Dùng --ward hoặc --all, không dùng cả hai.")
    if province is not None and ward:
        raise UsageError("--province chọn cả một tỉnh: dùng --province TÊN (cùng --all), không dùng cùng --ward.")
    all_wards = all_wards or province is not None
    if out is not None:
        if all_wards:
            raise UsageError("--out ghi Phiếu việc cần làm cho một xã, phường: dùng --ward thay cho --all.")
        from lacha import assess_out

        assess_out.prepare(out, db, force)
    from lacha.report.ids import masked, masked_review

    loaded = _profile_file(profile_file, profile)
    chosen = loaded.profile if loaded else None
    day = _period(year, as_of, national=(chosen.id if chosen else profile or DEFAULT_PROFILE_ID) == "national-2025").as_of
    engine = _engine(db)
    from lacha.history import record_assessment, record_assessments

    if all_wards:
        from lacha.assess import assess_all

        warnings: list[str] = []
        review = assess_all(engine, profile, day, chosen, province=province, warnings=warnings)
        for warning in warnings:
            _console(stderr=True).print(f"Lưu ý: {warning}")
        record_assessments(engine, review.assessments, "assess --all")
        _audit_view(engine, "assess", "*", output)
        review = masked_review(review, full_ids)
        if output is OutputFormat.json:
            from lacha.report.json_out import review_json

            sys.stdout.write(review_json(review) + "\n")
        else:
            from lacha.report.review import print_review

            print_review(_console(), review)
        raise typer.Exit(0 if review.passed == len(review.assessments) else 1)
    from lacha.assess import assess_ward

    assessment = assess_ward(engine, ward, profile, day, chosen)
    record_assessment(engine, assessment, "assess")
    _audit_view(engine, "assess", assessment.ward.slug, output)
    if output is OutputFormat.json:
        from lacha.report.json_out import assessment_json

        sys.stdout.write(assessment_json(masked(assessment, full_ids)) + "\n")
    else:
        from lacha.report.console import print_assessment

        print_assessment(_console(), masked(assessment, full_ids))
        if assessment.profile.id == "national-2025":
            _print_trong_diem(assessment)
        if out is None:
            from lacha.next_step import after_assess

            after_assess(_console(), assessment)
    if out is not None:
        assess_out.write(assessment, out, full_ids, _console(stderr=output is OutputFormat.json))
    raise typer.Exit(0 if assessment.passed else 1)


def _audit_view(engine, action: str, ward_slug: str, output: "OutputFormat") -> None:
    """assess and classify show personal data: each showing is in the audit log (issue 17, item 5)."""
    from lacha.audit import record_audit

    record_audit(engine, action, ward_slug, "JSON" if output is OutputFormat.json else "màn hình")


def _print_trong_diem(assessment) -> None:
    """Beside Điều 6, the Điều 4 verdict computed apart (qd28-2025.md: both verdicts, independently)."""
    from lacha.report.classification import class_label
    from lacha.rules import classification

    c = classification.classify(assessment.snapshot)
    passed = assessment.passed
    line = (f"Phân loại địa bàn trọng điểm (QĐ 28/2025/QĐ-TTg, Điều 4, xét riêng): "
            f"{class_label(c.cls, c.determinable, c.gap)} — {c.citation}; số liệu trong {c.period.text()}.")
    _console().print(line, markup=False)
    if passed and c.cls:
        _console().print(f"{assessment.ward.name} {classification.BOTH.format(cls=c.cls)}.", markup=False,
                         style="bold yellow")


@app.command("profiles")
@officer_errors
def profiles_command(
    show: Annotated[Optional[str], typer.Option("--show", help="In tiêu chí và tham số (kèm nguồn) của bộ này.")]
    = None,
    profile_file: ProfileFileOption = None,
):
    """Liệt kê các bộ tiêu chí: mã, tên, văn bản gốc, cấp đánh giá; --show MÃ in tiêu chí và tham số kèm nguồn."""
    from lacha.report.profiles import print_parameters, print_profile, print_profiles
    from lacha.rules.profiles import DEFAULT_PROFILE, PROFILES, get_profile

    loaded = _profile_file(profile_file, need_profile=False)
    profiles = dict(PROFILES)
    if loaded and loaded.profile:
        profiles[loaded.profile.id] = loaded.profile
    console = _console()
    if show is None:
        print_profiles(console, profiles.values(), DEFAULT_PROFILE)
        return
    print_profile(console, profiles[show] if show in profiles else get_profile(show))
    if show == "national-2025":
        from lacha.classify import with_overrides

        thresholds = with_overrides(loaded.classification if loaded else {}, str(profile_file))
        print_parameters(console, thresholds, "Ngưỡng phân loại địa bàn trọng điểm (lacha classify)")


@app.command("classify")
@officer_errors
def classify_command(
    ward: WardOption = None,
    all_wards: Annotated[bool, typer.Option("--all", help="Mọi xã, phường trong cơ sở dữ liệu, có tổng theo loại.")]
    = False,
    as_of: AsOfOption = None,
    year: YearOption = None,
    output: FormatOption = OutputFormat.table,
    profile_file: ProfileFileOption = None,
    db: DbOption = None,
    province: Annotated[Optional[str], typer.Option(
        "--province", help="Tỉnh, thành phố: Điều 5 (tỉnh trọng điểm) và Điều 6 cấp tỉnh, từ các xã trong cơ sở dữ "
                           "liệu.")] = None,
    communes: Annotated[Optional[Path], typer.Option(
        "--communes", help="Với --province: danh sách xã của tỉnh (.xlsx, cột Mã đơn vị hành chính, Tên) — mẫu số "
                           "tiêu chí 4, và các xã còn thiếu tệp.")] = None,
    route: Annotated[Optional[str], typer.Option(
        "--inter-provincial-route", help="Với --province: tỉnh nằm trên tuyến trọng điểm liên tỉnh (có|không); "
                                         "lưu lại đến khi đổi (Điều 5 khoản 6).")] = None,
):
    """Phân loại địa bàn trọng điểm phức tạp về ma túy loại I / II / III (QĐ 28/2025/QĐ-TTg), in từng số đo."""
    from lacha.classify import classify_all, classify_ward, with_overrides
    from lacha.errors import UsageError

    if all_wards and ward:
        raise UsageError("Dùng --ward hoặc --all, không dùng cả hai.")
    if (communes or route is not None) and not province:
        raise UsageError("--communes và --inter-provincial-route dùng cùng --province TÊN_TỈNH.")
    if province and (ward or all_wards):
        raise UsageError("Dùng --province, --ward hoặc --all, không dùng cùng lúc.")
    loaded = _profile_file(profile_file, need_profile=False)
    thresholds = with_overrides(loaded.classification, profile_file.name) if loaded else None
    period = _period(year, as_of)
    day = period.as_of
    engine = _engine(db)
    if province:
        from lacha.province_classify import run_province

        run_province(engine, province, period, thresholds, communes, route, loaded, output.value, _console())
        _audit_view(engine, "classify", "*", output)
        return
    if all_wards:
        review = classify_all(engine, day, thresholds, period)
        _audit_view(engine, "classify", "*", output)
        if output is OutputFormat.json:
            from lacha.report.json_out import class_review_json

            sys.stdout.write(class_review_json(review) + "\n")
        else:
            from lacha.report.review import print_class_review

            print_class_review(_console(), review)
        return
    result = classify_ward(engine, ward, day, thresholds, period)
    _audit_view(engine, "classify", getattr(result.ward, "slug", None), output)
    if output is OutputFormat.json:
        from lacha.report.json_out import classification_json

        sys.stdout.write(classification_json(result) + "\n")
    else:
        from lacha.next_step import after_classify
        from lacha.report.classification import print_classification

        print_classification(_console(), result)
        after_classify(_console(), result)


@app.command("template")
@officer_errors
def template_command(
    out: Annotated[Path, typer.Option("--out", help="Tệp .xlsx sẽ ghi ra.")] = Path("mau-danh-sach.xlsx"),
    force: ForceOption = False,
):
    """Ghi một tệp Excel mẫu trống: mỗi danh sách một sheet, tiêu đề cột chuẩn, danh sách chọn sẵn."""
    from lacha.errors import UsageError
    from lacha.workbook_writer import write_template

    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"--out phải là tệp .xlsx (đang là {out.name}).")
    from lacha.output_files import check_output, writing

    check_output(out, force=force)  # never onto the database of LACHA_DB or the default one, nor a filled roster
    with writing(out, personal=False) as target:
        write_template(target)
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

    if db and "://" in db:
        target = db  # a server database (postgresql://…) is used as it is: Path() would turn it into a file name
    else:
        target = Path(db) if db else default_db_path().with_name("demo.db")
        if target.exists():
            target.unlink()
    engine = _engine(str(target), may_create=True)
    console = _console()
    sample = sample_workbook()
    print_import_summary(console, import_workbook(engine, sample))
    from lacha.report.ids import masked

    print_assessment(console, masked(assess_ward(engine, None, None, _parse_date(as_of))))  # IDs as in the dossier
    console.print(f"\nCơ sở dữ liệu chạy thử: {target}. Xem lại: lacha assess --db {target} --as-of {as_of}")


@app.command("dossier")
@officer_errors
def dossier_command(
    out: Annotated[Path, typer.Option("--out", help="Tệp hồ sơ sẽ ghi: .docx (Word) hoặc .html (in từ trình duyệt).")],
    ward: WardOption = None,
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    year: YearOption = None,
    draft: Annotated[bool, typer.Option(
        "--draft", help="Bản nháp: cho phép để trống người ký, số văn bản; mọi trang ghi DỰ THẢO.")] = False,
    full_ids: Annotated[bool, typer.Option(
        "--full-ids", help="Ghi đầy đủ số định danh (mặc định chỉ hiện 4 chữ số cuối).")] = False,
    anonymous: Annotated[bool, typer.Option(
        "--anonymous", help="Chỉ ghi chữ cái đầu của họ tên (Nguyễn Văn An → N.V.A.).")] = False,
    template: Annotated[Optional[Path], typer.Option(
        "--template", help="Thư mục mẫu riêng (dossier.docx, dossier.html.j2); mặc định mẫu của lacha.")] = None,
    number: Annotated[Optional[str], typer.Option(
        "--number", help="Số tờ trình, ví dụ 07/TTr-UBND hoặc 7 (mặc định dòng “Số văn bản” của sheet DiaBan).")]
    = None,
    report_number: Annotated[str | None, typer.Option(
        "--report-number", help="Số báo cáo, ví dụ 08/BC-UBND (mặc định dòng “Số báo cáo” của sheet DiaBan).")]
    = None,
    minutes_number: Annotated[str | None, typer.Option(
        "--minutes-number", help="Số biên bản họp tự đánh giá, ví dụ 03/BB-UBND (mặc định dòng “Số biên bản”).")]
    = None,
    recipient: Annotated[list[str] | None, typer.Option(
        "--recipient", help="Kính gửi: cơ quan nhận Tờ trình, Báo cáo; ghi nhiều lần nếu nhiều nơi (mặc định dòng "
                            "“Kính gửi” của sheet DiaBan, hoặc “Cấp trên trực tiếp”).")] = None,
    copy_to: Annotated[list[str] | None, typer.Option(
        "--copy-to", help="Nơi nhận (để biết, lưu), ghi nhiều lần nếu nhiều nơi; “Như trên” và “Lưu: VT” lacha tự "
                          "thêm (mặc định dòng “Nơi nhận” của sheet DiaBan).")] = None,
    pdf: Annotated[bool, typer.Option(
        "--pdf", help="Ghi thêm bản PDF bên cạnh .docx (cần LibreOffice).")] = False,
    profile_file: ProfileFileOption = None,
    signer: Annotated[Optional[str], typer.Option(
        "--signer", help="Họ tên người ký (mặc định dòng “Người ký” của sheet DiaBan).")] = None,
    signer_title: Annotated[Optional[str], typer.Option(
        "--signer-title", help="Chức vụ người ký: Chủ tịch, Phó Chủ tịch… (mặc định theo DiaBan, hoặc Chủ tịch).")]
    = None,
    force: ForceOption = False,
    db: DbOption = None,
):
    """Lập hồ sơ, mỗi văn bản riêng: Tờ trình đề nghị công nhận (chỉ khi đạt mọi tiêu chí), Báo cáo, Biên bản họp
    tự đánh giá, Bảng tổng hợp và Phụ lục; .docx, .html, .pdf, hoặc một thư mục (mỗi văn bản một tệp .docx)."""
    from lacha.dossier import check_target, is_folder, print_result, write_dossier

    from lacha.output_files import writing

    loaded = _profile_file(profile_file, profile)
    chosen = loaded.profile if loaded else None
    day = _period(year, as_of, national=(chosen.id if chosen else profile or DEFAULT_PROFILE_ID) == "national-2025").as_of
    check_target(out, db, force)
    options = dict(ward=ward, profile_id=profile, as_of=day, draft=draft, full_ids=full_ids, anonymous=anonymous,
                   template_dir=template, number=number, signer=signer, signer_title=signer_title,
                   numbers={"bao_cao": report_number, "bien_ban": minutes_number},
                   recipients=recipient, copy_to=copy_to, pdf=pdf, profile=chosen)
    if is_folder(Path(out)) or pdf or Path(out).suffix.lower() == ".pdf":
        result = write_dossier(_engine(db), out, **options)  # several files: each written in place
    else:
        with writing(out) as target:  # one file: a temporary file renamed over it, the old one kept as .bak
            result = write_dossier(_engine(db), target, shown_as=out, **options)
    print_result(_console(), _console(stderr=True), result)


def main() -> None:  # pragma: no cover - console entry for `python -m lacha`
    app()


from lacha import commands_over_time  # noqa: E402,F401  (registers report, history, export, backup, restore)
from lacha import commands_trust  # noqa: E402,F401  (registers audit)
