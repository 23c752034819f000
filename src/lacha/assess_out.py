"""``lacha assess --out viec-can-lam.xlsx``: where the Phiếu việc cần làm goes (issue 15, item 8).

The target is checked like every --out (output_files.check_output). An existing file is never
replaced silently: on a terminal lacha asks; without one it refuses (exit 2) and names --force;
with --force the old file is kept beside it as ``<tên>.bak``.
"""

from pathlib import Path

from lacha.errors import UsageError


def prepare(out: Path, db: str | None, force: bool) -> Path:
    """``out`` when the Phiếu may be written there (before anything is assessed); UsageError otherwise."""
    from lacha.output_files import check_output

    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"--out phải là tệp Excel .xlsx (đang là {out.name}), ví dụ: --out viec-can-lam.xlsx.")
    check_output(out, db=db, force=force)  # the one overwrite rule: ask, --force, .bak
    return out


def write(assessment, out: Path, full_ids: bool, console) -> None:
    """Write the Phiếu (the old file, if any, kept as .bak) and tell the officer."""
    from lacha.output_files import writing
    from lacha.report.console import vn_number
    from lacha.report.worklist import write_worklist

    with writing(out, personal=True) as target:  # temporary file, renamed; an old file kept as .bak
        count = write_worklist(assessment, target, full_ids)
    ids = "số định danh ghi đầy đủ" if full_ids else "số định danh chỉ hiện 4 chữ số cuối (--full-ids để ghi đủ)"
    console.print(f"Đã ghi Phiếu việc cần làm {out}: {vn_number(count)} bản ghi chưa đạt, mỗi tiêu chí một sheet; "
                  f"{ids}.", markup=False)
