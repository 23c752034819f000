"""One ward's records as on a date: frozen plain objects the rules read (no ORM).

``load_snapshot`` is the only place that reads the database for the rules.
Each roster becomes a tuple of frozen records whose attributes are the table's
columns (``addict.status``, ``household.signed`` …); ``imported`` names the
rosters that were ever imported for the ward, so that a rule can tell "there
is none" from "we were never told". A past ``as_of`` sees the records as the
imports dated on or before it described them (lacha.importing.versions).
"""

import datetime as dt
from dataclasses import dataclass, make_dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from lacha.db.models import ROSTER_TABLES, ImportSheet, Ward
from lacha.errors import UsageError
from lacha.text import ward_slug

_SKIP = {"id", "ward_id"}


def _record_type(kind: str, table):
    fields = [(c.name, object) for c in table.columns if c.name not in _SKIP]
    return make_dataclass(f"{kind.title().replace('_', '')}Record", fields, frozen=True)


RECORD_TYPES = {kind: _record_type(kind, model.__table__) for kind, model in ROSTER_TABLES.items()}
WardInfo = make_dataclass("WardInfo", [(c.name, object) for c in Ward.__table__.columns], frozen=True)


@dataclass(frozen=True)
class WardSnapshot:
    ward: WardInfo
    as_of: dt.date
    imported: frozenset[str]
    hamlets: tuple = ()
    households: tuple = ()
    addicts: tuple = ()
    users: tuple = ()
    post_rehab: tuple = ()
    violations: tuple = ()
    hotspots: tuple = ()
    suspects: tuple = ()
    models: tuple = ()
    plants: tuple = ()

    def hamlet_name(self, code: str | None) -> str:
        if code is None:
            return ""
        return next((h.name for h in self.hamlets if h.key == code), code)


def list_wards(conn: Connection) -> list[WardInfo]:
    return [WardInfo(**row) for row in conn.execute(select(Ward.__table__).order_by(Ward.__table__.c.slug)).mappings()]


def pick_ward(conn: Connection, slug: str | None) -> WardInfo:
    """The ward named by --ward, or the only ward of the database."""
    wards = list_wards(conn)
    if slug:
        slug = ward_slug(slug)
        match = next((w for w in wards if w.slug == slug), None)
        if match is None:
            known = ", ".join(w.slug for w in wards) or "chưa có địa bàn nào — nhập tệp trước: lacha import TỆP.xlsx"
            raise UsageError(f"Không có địa bàn '{slug}' trong cơ sở dữ liệu (có: {known}).")
        return match
    if not wards:
        raise UsageError("Cơ sở dữ liệu chưa có địa bàn nào — nhập danh sách trước: lacha import TỆP.xlsx "
                         "(hoặc chạy thử: lacha demo).")
    if len(wards) > 1:
        raise UsageError("Cơ sở dữ liệu có nhiều địa bàn — chọn một bằng --ward: " + ", ".join(w.slug for w in wards))
    return wards[0]


def load_snapshot(conn: Connection, ward: WardInfo, as_of: dt.date) -> WardSnapshot:
    """The ward as on ``as_of``: the current tables on or after the latest effective date of its imports, else
    the versions that held that day (lacha.importing.versions). A roster counts as imported on every date once
    it has been imported."""
    from lacha.importing.versions import state_on

    sheets = ImportSheet.__table__
    imported = frozenset(conn.execute(select(sheets.c.kind).where(sheets.c.ward_id == ward.id).distinct()).scalars())
    past = state_on(conn, ward.id, as_of)
    if past is not None:
        [ward_row] = past.pop("ward") or [{**ward.__dict__}]
        rosters = {kind: tuple(RECORD_TYPES[kind](**row) for row in rows) for kind, rows in past.items()}
        return WardSnapshot(ward=WardInfo(**{**ward_row, "id": ward.id}), as_of=as_of, imported=imported, **rosters)
    rosters = {}
    for kind, model in ROSTER_TABLES.items():
        table = model.__table__
        record = RECORD_TYPES[kind]
        columns = [c for c in table.columns if c.name not in _SKIP]  # the record's fields, in order
        rows = conn.execute(select(*columns).where(table.c.ward_id == ward.id).order_by(table.c.key))
        rosters[kind] = tuple(record(*row) for row in rows)  # positional: no mapping per row
    return WardSnapshot(ward=ward, as_of=as_of, imported=imported, **rosters)
