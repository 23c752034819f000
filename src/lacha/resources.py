"""Files shipped with lacha: templates/ and sample_data/.

In a wheel they live inside the package (lacha/_data/…); in a source checkout
(editable install, tests) they are at the repository root.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"lacha: không tìm thấy thư mục {name} đi kèm chương trình (cài đặt bị thiếu tệp).")


def sample_workbook(name: str = "nguyen-trai.xlsx") -> Path:
    return data_dir("sample_data") / name


def templates_dir() -> Path:
    return data_dir("templates")
