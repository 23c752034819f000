"""What a province states about itself (qd28-2025.md, "Province level"): today, whether it lies on an
inter-provincial drug route (Điều 5 khoản 6). One row per statement; the latest one for a province holds
until the province states otherwise (earlier rows are kept as its history).

Registered by the last lines of ``lacha.db.models`` so that ``create_all`` sees it.
"""

import datetime as dt

from sqlmodel import Field, SQLModel


class ProvinceRecord(SQLModel, table=True):
    __tablename__ = "province_record"
    id: int | None = Field(default=None, primary_key=True)
    province: str = Field(index=True)  # lacha.rules.province.key of the province's name
    name: str  # the province's name as shown
    inter_provincial_route: bool
    stated_at: dt.datetime  # UTC, as AuditEntry.at
    os_user: str | None = None
    host: str | None = None
