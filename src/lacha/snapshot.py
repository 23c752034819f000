"""One ward's records as on a date: frozen plain objects the rules read (no ORM).

``load_snapshot`` is the only place that reads the database for the rules.
Each roster becomes a tuple of frozen records whose attributes are the table's
columns (``addict.status``, ``household.signed`` …); ``imported`` names the
rosters that were ever imported for the ward, so that a rule can tell "there
is none" from "we were never told". A past ``as_of`` sees the records as the
imports dated on or before it described them (lacha.importing.versions).
"""

import datetime as dt
from collections import namedtuple
from dataclasses import dataclass, make_dataclass
from functools import cached_property, partial

from sqlalchemy import select
from sqlalchemy.engine import Connection

from lacha.bulk import cycle_collector_paused
from lacha.db.models import ROSTER_TABLES, ImportSheet, Ward
from lacha.errors import UsageError
from lacha.text import ward_slug

_SKIP = {"id", "ward_id"}


def _record_type(kind: str, table):
    """The record of one roster: the table's columns (but id and ward_id) as attributes, immutable.

    A named tuple, so that a large ward's 100,000 households are built from the database rows in C
    (``_records``: 0.03 s, where a frozen dataclass's ``__init__`` takes 0.1 s). It also carries the fields of
    the frozen dataclass it stands for, so the dataclasses module (``fields``, ``replace``, ``asdict``) takes
    it for one. Its repr and hash are that dataclass's; it equals a record with the same values, as the
    dataclass did (and also a plain tuple of them, which no rule compares it with)."""
    name = f"{kind.title().replace('_', '')}Record"
    names = [c.name for c in table.columns if c.name not in _SKIP]
    twin = make_dataclass(name, [(n, object) for n in names], frozen=True)
    record = namedtuple(name, names)
    record.__dataclass_fields__ = twin.__dataclass_fields__
    record.__dataclass_params__ = twin.__dataclass_params__
    return record


def _records(record, rows) -> tuple:
    """``record`` of each row (a sequence of its fields' values, in order): by tuple.__new__, in C."""
    return tuple(map(partial(tuple.__new__, record), rows))


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
        return self._hamlet_names.get(code, code)

    @cached_property
    def _hamlet_names(self) -> dict[str, str]:
        """code → name of the first hamlet with that code (asked once per record listed: not a scan each)."""
        names: dict[str, str] = {}
        for h in self.hamlets:
            names.setdefault(h.key, h.name)
        return names


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
    with cycle_collector_paused():  # 100,000 household records: see lacha.bulk
        return _load_snapshot(conn, ward, as_of)


def _load_snapshot(conn: Connection, ward: WardInfo, as_of: dt.date) -> WardSnapshot:
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
        rows = conn.execute(select(*columns).where(table.c.ward_id == ward.id).order_by(table.c.key)).all()
        rosters[kind] = _records(record, rows)  # positional: no mapping per row
    return WardSnapshot(ward=ward, as_of=as_of, imported=imported, **rosters)
