"""What lacha says about a file it does not read, by its name (issue 15, item 10).

lacha reads .xlsx / .xlsm and .ods (importing/ods.py): the hostile-file checks (importing/safety.py)
are written for those packages. An .xls, .xlsb or .csv file is refused before anything is read,
with the way to re-save it that the officer's program offers.
"""

from pathlib import Path

EXCEL_RESAVE = "mở bằng Excel, chọn Tệp › Lưu thành › “Excel Workbook (*.xlsx)” rồi nhập tệp .xlsx đó"

_KNOWN = {
    ".xls": f"là tệp Excel 97–2003 (.xls), không phải Excel .xlsx mà lacha đọc — {EXCEL_RESAVE}",
    ".xlsb": f"là tệp Excel nhị phân (.xlsb), không phải Excel .xlsx mà lacha đọc — {EXCEL_RESAVE}",
    ".csv": f"là tệp văn bản CSV, không phải Excel .xlsx (không giữ được kiểu ô và nhiều sheet) — {EXCEL_RESAVE}",
    ".xltx": f"là tệp mẫu Excel (.xltx), không phải Excel .xlsx — {EXCEL_RESAVE}",
}


def not_xlsx(path: Path) -> str:
    """The refusal for ``path``, whose name does not end in .xlsx / .xlsm."""
    what = _KNOWN.get(path.suffix.lower())
    if what:
        return f"Tệp {path.name} {what}. Chưa nhập gì."
    return f"Tệp {path.name} không phải Excel .xlsx — {EXCEL_RESAVE}. Chưa nhập gì."
