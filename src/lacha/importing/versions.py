"""Correct past dates: each record's earlier versions, dated by the imports' effective dates (issue 5).

Every import carries an effective date (``lacha import --effective``, ngày số
liệu: the date the workbook's data describes; default the day of import). An
import *states*, for each record it lists, what the record was from that date
on; with ``--replace`` it also states that the records it does not list were
gone from that date. The statements are rows of ``record_version`` (one per
change, not per row imported). The rules:

1. The version holding on a date is the latest statement dated on or before
   it; among statements of the same date, the one imported last.
2. The first known version of a record holds from the beginning (we know
   nothing earlier) — when it comes from the first roster of its kind (the
   one with the earliest effective date). A record first listed by a roster
   dated later than an earlier roster of its kind did not exist before that
   date: the earlier roster did not list it.
3. Out-of-order imports (an older effective date imported after a newer one)
   fill in the past only: a statement holds until the next later-dated
   statement of the same record, and never overrides it. The current tables
   always hold each record's latest-dated version, so an import dated before
   what is already known leaves the current data as the later import left it
   (its summary still counts the rows it differed in).
4. A roster counts as imported on every date once it has been imported (rule
   2 for rosters: its first import stands for the time before it).

Storage is lazy: a record whose values never changed has no statements (its
current row holds from the beginning), and neither has a record of the first
roster of its kind until it changes; the first change stores the version it
replaces as a statement "from the beginning" (``stated_on`` NULL) together
with the new one. ``data`` NULL means "not on the roster" (removed, or not yet
listed). The ward's own values (DiaBan) are versioned the same way, as kind
``"ward"`` keyed by its slug.

``record_versions`` is called by the importer after each upsert, inside the
import's transaction; ``attach_import_run`` links the statements to the
import's record; ``state_on`` is what ``load_snapshot`` reads for a past date.
"""

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from lacha.db.history_models import RecordVersion
from lacha.db.models import ROSTER_TABLES, ImportRun, ImportSheet, Ward

WARD_KIND = "ward"
_VERSIONS = RecordVersion.__table__
_SKIP = ("id", "ward_id")
_CHUNK = 500
_PENDING = 1 << 62  # order of statements not yet inserted: after every stored one of the same date


# --- rows as stored statements ---------------------------------------------------

def _table(kind: str):
    return Ward.__table__ if kind == WARD_KIND else ROSTER_TABLES[kind].__table__


def _key_column(kind: str):
    return _table(kind).c.slug if kind == WARD_KIND else _table(kind).c.key


def _of_ward(kind: str, ward_id: int):
    table = _table(kind)
    return table.c.id == ward_id if kind == WARD_KIND else table.c.ward_id == ward_id


def _plain(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def to_data(kind: str, row: Mapping) -> str:
    """The row as canonical JSON: every column but id and ward_id."""
    values = {c.name: _plain(row[c.name]) for c in _table(kind).columns if c.name not in _SKIP}
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def from_data(kind: str, data: str) -> dict:
    """Typed column values back from ``to_data``; a column added since the version was stored is None."""
    stored = json.loads(data)
    values = {}
    for column in _table(kind).columns:
        if column.name in _SKIP:
            continue
        value = stored.get(column.name)
        if value is not None and column.type.python_type in (dt.date, dt.datetime):
            value = column.type.python_type.fromisoformat(value)
        values[column.name] = value
    return values


@dataclass(frozen=True)
class Statement:
    id: int
    stated_on: dt.date | None  # None: from the beginning
    data: str | None  # None: not on the roster

    @property
    def order(self) -> tuple:
        return (self.stated_on or dt.date.min, self.id)


def holding(statements: list[Statement], day: dt.date) -> Statement | None:
    """The statement in force on ``day`` (``statements`` in order), or None before the first one."""
    found = None
    for s in statements:
        if s.stated_on is None or s.stated_on <= day:
            found = s
    return found


# --- writing: called by the importer ---------------------------------------------

def _statements(conn: Connection, ward_id: int, kind: str) -> dict[str, list[Statement]]:
    rows = conn.execute(select(_VERSIONS.c.id, _VERSIONS.c.key, _VERSIONS.c.stated_on, _VERSIONS.c.data)
                        .where(_VERSIONS.c.ward_id == ward_id, _VERSIONS.c.kind == kind))
    found: dict[str, list[Statement]] = {}
    for row in rows:
        found.setdefault(row.key, []).append(Statement(row.id, row.stated_on, row.data))
    for statements in found.values():
        statements.sort(key=lambda s: s.order)
    return found


def _roster_dates(conn: Connection, ward_id: int, kind: str) -> list[dt.date]:
    """Effective dates of the imports of ``kind`` already recorded (this import is not yet), in order."""
    runs, sheets = ImportRun.__table__, ImportSheet.__table__
    query = select(runs.c.effective_on).where(runs.c.ward_id == ward_id).distinct()
    if kind != WARD_KIND:
        query = query.where(runs.c.id.in_(select(sheets.c.import_run_id).where(sheets.c.ward_id == ward_id,
                                                                                sheets.c.kind == kind)))
    return sorted(conn.execute(query).scalars())


def _rows(conn: Connection, ward_id: int, kind: str, keys: list[str]) -> dict[str, Mapping]:
    table, key_column, found = _table(kind), _key_column(kind), {}
    if len(keys) > _CHUNK * 4:  # many: one pass over the ward's rows
        wanted = set(keys)
        rows = conn.execute(select(table).where(_of_ward(kind, ward_id))).mappings()
        return {row[key_column.name]: row for row in rows if row[key_column.name] in wanted}
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start:start + _CHUNK]
        query = select(table).where(_of_ward(kind, ward_id), key_column.in_(chunk))
        found.update({row[key_column.name]: row for row in conn.execute(query).mappings()})
    return found


def record_versions(conn: Connection, ward_id: int, kind: str, existing: Mapping[str, Mapping],
                    seen: Iterable[str], touched: Iterable[str], removed: Iterable[str],
                    effective: dt.date) -> None:
    """Store what one import said about one roster (or the ward) and keep the current rows latest-dated.

    Call after the upsert, in its transaction. ``existing``: the rows (by key)
    before the upsert; ``seen``: every key the sheet lists; ``touched``: the
    keys it added or changed; ``removed``: the keys ``--replace`` deleted.
    """
    statements = _statements(conn, ward_id, kind)
    removed = set(removed)
    dates = _roster_dates(conn, ward_id, kind)
    earliest = dates[0] if dates else None
    following = next((d for d in dates if d > effective), None)  # the next roster after this one, if older
    first_roster = earliest is None or effective <= earliest
    if first_roster and not existing and not statements:  # (a ward's first import: no key to look at below)
        return
    candidates = set(touched) | removed | (set(seen) & set(statements))
    if first_roster:  # new records of the earliest roster need no statement
        candidates = {k for k in candidates if k in existing or k in statements}
    if not candidates:
        return
    after = _rows(conn, ward_id, kind, sorted(candidates - removed))
    new_rows: list[dict] = []
    for key in sorted(candidates):
        value = to_data(kind, after[key]) if key in after else None
        timeline = statements.get(key, [])
        baseline = Statement(0, None, to_data(kind, existing[key])) if not timeline and key in existing else None
        added = _statements_for(value, timeline, baseline, earliest, following, effective)
        new_rows += [dict(ward_id=ward_id, kind=kind, key=key, stated_on=day, data=data) for day, data in added]
        pending = [Statement(_PENDING + n, day, data) for n, (day, data) in enumerate(added)]
        if not timeline and not pending:
            continue  # unchanged, or new in the earliest roster: its current row holds from the beginning
        latest = max(timeline + pending, key=lambda s: s.order).data
        if latest != value:  # a later-dated import said otherwise: it stays the current data
            _restore(conn, ward_id, kind, key, latest, key in after)
    if new_rows:
        conn.execute(insert(_VERSIONS), new_rows)


def _statements_for(value: str | None, timeline: list[Statement], baseline: Statement | None,
                    earliest: dt.date | None, following: dt.date | None, effective: dt.date) -> list[tuple]:
    """The (stated_on, data) rows to add for one record.

    ``baseline``: the record's current row when it has no statements yet (it holds from the beginning).
    An import dated on or before the earliest roster of its kind speaks from the beginning (rule 2); one
    dated before the latest roster holds until the next roster (``following``), where the version that
    roster saw resumes (rule 3: rosters are taken to be full lists of what they show).
    """
    old = timeline or ([baseline] if baseline else [])
    first_roster = earliest is None or effective <= earliest
    if not old:  # a record no roster listed before
        return [] if first_roster else [(None, None), (effective, value)]
    day = None if first_roster else effective
    in_force = holding(old, effective if day else dt.date.min)
    if in_force is not None and in_force.data == value:
        return []
    added = [(None, baseline.data)] if baseline and day is not None else []
    added.append((day, value))
    if following is not None and not any(s.stated_on == following for s in old):
        resumed = holding(old, following)
        if resumed is not None and resumed.data is not None and resumed.data != value:
            added.append((following, resumed.data))
    return added


def _restore(conn: Connection, ward_id: int, kind: str, key: str, data: str | None, present: bool) -> None:
    """Put the record's latest-dated version back in the current table (an older import overwrote it)."""
    table, key_column = _table(kind), _key_column(kind)
    where = (_of_ward(kind, ward_id), key_column == key)
    if data is None:
        conn.execute(table.delete().where(*where))
        return
    values = from_data(kind, data)
    if present:
        conn.execute(update(table).where(*where).values(**values))
    else:
        conn.execute(insert(table).values(ward_id=ward_id, **values))


def attach_import_run(conn: Connection, ward_id: int, import_run_id: int) -> None:
    """Link the statements this import just stored to its ImportRun (recorded after the sheets)."""
    conn.execute(update(_VERSIONS).where(_VERSIONS.c.ward_id == ward_id, _VERSIONS.c.import_run_id.is_(None))
                 .values(import_run_id=import_run_id))


# --- reading: a past date ------------------------------------------------------------

def latest_effective(conn: Connection, ward_id: int) -> dt.date | None:
    runs = ImportRun.__table__
    return conn.execute(select(func.max(runs.c.effective_on)).where(runs.c.ward_id == ward_id)).scalar()


def latest_effective_by_ward(conn: Connection) -> dict[int, dt.date]:
    """Every ward's latest effective date, in one query (for ``assess --all``: a ward whose date is after
    ``as_of`` needs ``load_snapshot``; the others are their current tables)."""
    runs = ImportRun.__table__
    return dict(conn.execute(select(runs.c.ward_id, func.max(runs.c.effective_on)).group_by(runs.c.ward_id)).all())


def is_current(conn: Connection, ward_id: int, as_of: dt.date) -> bool:
    """On or after the latest effective date, the current tables are the answer (the fast path)."""
    latest = latest_effective(conn, ward_id)
    return latest is None or as_of >= latest


def state_on(conn: Connection, ward_id: int, as_of: dt.date) -> dict[str, list[dict]] | None:
    """Every record of the ward as on ``as_of`` (kind → rows, ``"ward"`` → [its row]), or None when the
    current tables already are the answer."""
    if is_current(conn, ward_id, as_of):
        return None
    result: dict[str, list[dict]] = {}
    for kind in (WARD_KIND, *ROSTER_TABLES):
        statements = _statements(conn, ward_id, kind)
        table, key_column = _table(kind), _key_column(kind)
        rows = []
        for row in conn.execute(select(table).where(_of_ward(kind, ward_id))).mappings():
            if row[key_column.name] not in statements:
                rows.append({k: v for k, v in row.items() if k not in _SKIP})
        for key, timeline in statements.items():
            version = holding(timeline, as_of)
            if version is not None and version.data is not None:
                rows.append(from_data(kind, version.data))
        result[kind] = sorted(rows, key=lambda r: r[key_column.name])
    return result
