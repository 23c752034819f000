"""What the officer reads when something unexpected stops a command.

``officer_errors`` (cli.py) turns every LachaError into its message; anything
else reaches ``describe_failure``, which names what happened in Vietnamese —
a full disk, a read-only or damaged database, too little memory, or an
internal error — without a traceback, local variables or any value from the
data (a driver's message may quote a row: it is never shown). ``LACHA_DEBUG=1``
shows the full traceback instead, for developers.
"""

import errno
import os

DEBUG_ENV = "LACHA_DEBUG"
NOTHING_WRITTEN = "Lệnh chưa ghi thay đổi nào vào cơ sở dữ liệu (mỗi lần ghi là một giao dịch trọn vẹn)."
DEBUG_HINT = (f"Nếu lỗi lặp lại, chạy lại với {DEBUG_ENV}=1 để xem chi tiết kỹ thuật và gửi cho người hỗ trợ "
              "(chi tiết có thể chứa dữ liệu cá nhân: không gửi công khai).")


def debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _chain(error: BaseException):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__ or getattr(error, "orig", None)


_SQLITE_TEXTS = (
    (("database or disk is full", "disk is full"), "disk"),
    (("readonly database", "read-only", "readonly"), "readonly"),
    (("disk i/o error",), "io"),
    (("malformed", "not a database", "file is encrypted"), "damaged"),
    (("unable to open database file",), "cannot_open"),
)

MESSAGES = {
    "disk": "Ổ đĩa đã đầy (hoặc tệp vượt giới hạn dung lượng) nên không ghi được. " + NOTHING_WRITTEN +
            " Giải phóng chỗ trống trên ổ đĩa rồi chạy lại lệnh.",
    "readonly": "Cơ sở dữ liệu chỉ cho đọc, không ghi được (tệp hoặc thư mục không có quyền ghi, hoặc ở trên ổ "
                "chỉ đọc). " + NOTHING_WRITTEN + " Dùng tệp cơ sở dữ liệu mà tài khoản này được ghi, hoặc nhờ "
                "người quản trị cấp quyền.",
    "io": "Không đọc/ghi được ổ đĩa chứa cơ sở dữ liệu (ổ đĩa đầy hoặc tệp vượt giới hạn dung lượng, ổ đĩa hỏng, "
          "USB bị rút, ổ mạng mất kết nối). " + NOTHING_WRITTEN + " Giải phóng chỗ trống, kiểm tra ổ đĩa rồi chạy "
          "lại lệnh.",
    "damaged": "Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu của lacha. Khôi phục từ bản sao lưu "
               "(lacha restore) hoặc dùng --db chỉ tới đúng tệp.",
    "cannot_open": "Không mở được tệp cơ sở dữ liệu (thư mục không tồn tại hoặc không có quyền ghi vào thư mục). "
                   "Kiểm tra đường dẫn --db và quyền của thư mục.",
    "memory": "Máy không đủ bộ nhớ để làm xong lệnh này. " + NOTHING_WRITTEN +
              " Đóng bớt chương trình khác, hoặc tách tệp thành nhiều tệp nhỏ hơn rồi nhập lần lượt.",
    "internal": "lacha gặp lỗi nội bộ ({name}). " + NOTHING_WRITTEN + " " + DEBUG_HINT,
}


def failure_kind(error: BaseException) -> str:
    for link in _chain(error):
        if isinstance(link, MemoryError):
            return "memory"
        if isinstance(link, OSError) and link.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return "disk"
        if isinstance(link, OSError) and link.errno == errno.EROFS:
            return "readonly"
        text = str(link).lower() if link.__class__.__name__ in ("OperationalError", "DatabaseError") else ""
        for needles, kind in _SQLITE_TEXTS:
            if any(needle in text for needle in needles):
                return kind
    return "internal"


def describe_failure(error: BaseException) -> str:
    """A short Vietnamese message for an unexpected exception: no traceback, no data from the file."""
    return MESSAGES[failure_kind(error)].format(name=error.__class__.__name__)
