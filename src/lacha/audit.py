"""Recording and reading the audit log (``lacha audit``).

Every command that reads personal data out of the database, or writes it in,
calls ``record_audit`` once it has done its work:

    record_audit(engine, "import", summary.ward_slug, file.name)
    record_audit(engine, "export", ward_slug, out.name)
    record_audit(engine, "report", ward_slug or "*", out.name if out else "màn hình")
    record_audit(engine, "dossier", ward_slug, out.name)
    record_audit(engine, "assess", ward_slug, "màn hình")  # assess and classify show personal data too

``detail`` names files and counts, never a person's name or identifier. The account is the one the process
runs as (``pwd.getpwuid(os.geteuid())``; on Windows the API's user name), never USER or LOGNAME, which anyone
can set.
"""

import datetime as dt
import getpass
import os
import socket
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

ACTIONS = {
    "import": "nhập dữ liệu",
    "assess": "xem kết quả đánh giá",
    "classify": "xem phân loại địa bàn",
    "export": "xuất dữ liệu",
    "report": "lập báo cáo",
    "dossier": "lập hồ sơ",
    "print": "in",
    "backup": "sao lưu",
    "restore": "khôi phục",
}


@dataclass(frozen=True)
class AuditRecord:
    at: dt.datetime
    os_user: str | None
    host: str | None
    action: str
    ward_slug: str | None
    detail: str | None

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)


def os_user() -> str | None:
    """The account the process runs as, from the operating system (not from environment variables)."""
    if os.name == "posix":
        import pwd

        uid = os.geteuid()
        try:
            return pwd.getpwuid(uid).pw_name
        except KeyError:  # an account with no passwd entry (a container): its number
            return f"uid {uid}"
    windows = _windows_user()
    if windows:
        return windows
    try:  # pragma: no cover - neither POSIX nor the Windows API
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def _windows_user() -> str | None:  # pragma: no cover - Windows only
    try:
        import ctypes

        size = ctypes.c_ulong(257)
        buffer = ctypes.create_unicode_buffer(size.value)
        if ctypes.windll.advapi32.GetUserNameW(buffer, ctypes.byref(size)):  # type: ignore[attr-defined]
            return buffer.value or None
    except (AttributeError, OSError, ImportError):
        return None
    return None


def record_audit(engine: Engine, action: str, ward_slug: str | None, detail: str | None = None) -> None:
    """Add one line to the audit log, in its own short transaction."""
    from lacha.db.audit_models import AuditEntry

    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    row = dict(at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0), os_user=os_user(),
               host=socket.gethostname() or None, action=action, ward_slug=ward_slug, detail=detail)
    with engine.begin() as conn:
        conn.execute(insert(AuditEntry.__table__).values(**row))


def read_audit(engine: Engine, ward_slug: str | None = None, limit: int = 100) -> list[AuditRecord]:
    """The latest ``limit`` entries, newest first; only ``ward_slug``'s when given."""
    from lacha.db.audit_models import AuditEntry

    table = AuditEntry.__table__
    query = select(table).order_by(table.c.at.desc(), table.c.id.desc()).limit(limit)
    if ward_slug:
        query = query.where(table.c.ward_slug == ward_slug)
    with engine.connect() as conn:
        return [AuditRecord(r.at, r.os_user, r.host, r.action, r.ward_slug, r.detail) for r in conn.execute(query)]
