"""What the officer does next, printed after ``import``, ``assess`` and ``classify`` (issue 15, item 9);
and the import's --effective date, which cannot lie in the future."""

import datetime as dt

from rich.text import Text

from lacha.errors import UsageError


def check_effective(day: dt.date | None, today: dt.date | None = None) -> None:
    """A file's data cannot be dated after today: that day has not happened (exit 2, nothing imported)."""
    today = today or dt.date.today()
    if day is not None and day > today:
        raise UsageError(f"--effective {day.strftime('%d/%m/%Y')} là ngày trong tương lai (hôm nay "
                         f"{today.strftime('%d/%m/%Y')}): ngày số liệu của tệp phải là hôm nay hoặc trước đó. "
                         "Chưa nhập gì.")


def _line(console, text: str) -> None:
    console.print(Text("Bước tiếp theo: " + text, style="cyan"))


def _ward(slug: str, several: bool) -> str:
    return f" --ward {slug}" if several else ""


def after_import(console, summary, several_wards: bool = True) -> None:
    if summary.dry_run:
        _line(console, f"nhập thật (bỏ --dry-run): lacha import {summary.file}")
    elif summary.written or summary.sheets:
        _line(console, f"chấm tiêu chí: lacha assess{_ward(summary.ward_slug, several_wards)}")


def after_assess(console, assessment) -> None:
    ward = f" --ward {assessment.ward.slug}"
    if assessment.passed:
        _line(console, f"lập hồ sơ đề nghị công nhận: lacha dossier{ward} --out ho-so.docx")
    else:
        _line(console, f"ghi danh sách việc cần làm ra Excel: lacha assess{ward} --out viec-can-lam.xlsx; "
                       "làm xong, nhập lại danh sách và chấm lại")


def after_classify(console, result) -> None:
    _line(console, f"chấm tiêu chí xã, phường không ma túy: lacha assess --ward {result.ward.slug} "
                   "--profile national-2025")
