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
from dataclasses import dataclass, field, make_dataclass
from functools import cached_property, partial
from typing import Mapping

from sqlalchemy import select
from sqlalchemy.engine import Connection

from lacha.bulk import cycle_collector_paused
from lacha.db.models import ROSTER_TABLES, ImportRun, ImportSheet, Ward
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
class ListReview:
    """What one roster's last import showed (evidence.md): the list was reviewed (rà soát) when its sheet had
    data rows or said "Không có" (an attestation, never a record).

    ``reviewed_on``: the effective date of the import that last showed the sheet (``--effective``, else the
    import date); ``rows``: its data rows (an attestation row is not one); ``attested_none``: it said
    "Không có"."""

    kind: str
    sheet: str
    reviewed_on: dt.date | None
    rows: int
    attested_none: bool

    @property
    def reviewed(self) -> bool:
        return self.rows > 0 or self.attested_none


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
    reviews: Mapping[str, ListReview] = field(default_factory=dict)  # roster kind → its last import's evidence

    def review(self, kind: str) -> ListReview | None:
        return self.reviews.get(kind)

    def reviewed(self, kind: str) -> bool:
        """The roster was reviewed (rà soát): its list may be read as "none" when it holds no record."""
        review = self.reviews.get(kind)
        return review is not None and review.reviewed

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


def load_reviews(conn: Connection, ward_ids: list[int] | None, as_of: dt.date) -> dict[int, dict[str, ListReview]]:
    """ward id → roster kind → the evidence of the last import (effective on or before ``as_of``, else the
    first one) that showed that roster's sheet (evidence.md): its data rows, or its «Không có» row; the date is
    that import's effective date. ``ward_ids`` None: every ward."""
    runs, sheets = ImportRun.__table__, ImportSheet.__table__
    query = (select(sheets.c.ward_id, sheets.c.kind, sheets.c.sheet_name, sheets.c.rows, sheets.c.attested_none,
                    runs.c.effective_on, runs.c.imported_at, runs.c.id)
             .join(runs, runs.c.id == sheets.c.import_run_id)
             .order_by(sheets.c.ward_id, runs.c.effective_on, runs.c.id))
    if ward_ids is not None:
        query = query.where(sheets.c.ward_id.in_(ward_ids))
    found: dict[int, dict[str, ListReview]] = {}
    for ward_id, kind, sheet, rows, attested_none, effective_on, imported_at, _ in conn.execute(query):
        by_kind = found.setdefault(ward_id, {})
        if kind in by_kind and effective_on > as_of:
            continue  # a later import does not speak for an earlier date; the first one stands in for it
        reviewed_on = effective_on or (imported_at.date() if imported_at else None)
        by_kind[kind] = ListReview(kind, sheet, reviewed_on, rows, attested_none=bool(attested_none))
    return found


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
        return WardSnapshot(ward=WardInfo(**{**ward_row, "id": ward.id}), as_of=as_of, imported=imported,
                            reviews=load_reviews(conn, [ward.id], as_of).get(ward.id, {}), **rosters)
    rosters = {}
    for kind, model in ROSTER_TABLES.items():
        table = model.__table__
        record = RECORD_TYPES[kind]
        columns = [c for c in table.columns if c.name not in _SKIP]  # the record's fields, in order
        rows = conn.execute(select(*columns).where(table.c.ward_id == ward.id).order_by(table.c.key)).all()
        rosters[kind] = _records(record, rows)  # positional: no mapping per row
    return WardSnapshot(ward=ward, as_of=as_of, imported=imported,
                        reviews=load_reviews(conn, [ward.id], as_of).get(ward.id, {}), **rosters)
