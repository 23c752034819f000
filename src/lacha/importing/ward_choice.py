"""``lacha import --ward``: a typo must not create a second commune (issue 15, item 4).

A file without DiaBan names its ward only by --ward. When the database has no ward of that
code, the import is refused with the close matches ("tan-lap?"); ``--new-ward`` says the new
ward is meant.
"""

import difflib

from lacha.errors import UsageError


def check_known_ward(slug: str, known: list[str]) -> None:
    if slug in known:
        return
    close = difflib.get_close_matches(slug, known, n=3, cutoff=0.6)
    guess = f" Có phải: {', '.join(c + '?' for c in close)}" if close else ""
    have = f" Đang có: {', '.join(sorted(known))}." if known else " Cơ sở dữ liệu chưa có địa bàn nào."
    raise UsageError(f"Chưa có địa bàn '{slug}' trong cơ sở dữ liệu.{guess}{have} Sửa --ward, hoặc nếu đúng là "
                     f"địa bàn mới thì nhập lại với --new-ward (tốt hơn: thêm sheet DiaBan vào tệp). Chưa ghi gì.")
