"""The audit log: who (OS user) imported, exported, reported or printed which ward, and when.

Registered by the last line of ``lacha.db.models`` so that ``create_all`` sees it.
``detail`` names files and counts, never a person's data.
"""

import datetime as dt

from sqlmodel import Field, SQLModel


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_log"
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(index=True)  # UTC, as ImportRun.imported_at
    os_user: str | None = None
    host: str | None = None
    action: str  # lacha.audit.ACTIONS
    ward_slug: str | None = Field(default=None, index=True)
    detail: str | None = None
