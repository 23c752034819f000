"""``lacha export``: one ward's data back out in the canonical roster workbook.

The workbook is written by ``lacha.workbook_writer.write_workbook`` (the same
code as ``lacha template``), so every text cell is a plain string, never a
formula. Round trip: importing the file into a fresh database gives the same
``assess`` result, and importing it into the database it came from changes
nothing. For that:

- only the rosters that were imported get a sheet (an empty roster that was
  imported gets a header-only sheet; one never imported gets none, so it
  stays "never imported" — never "imported and empty");
- rows keep their order of entry (a derived key ``…#2`` depends on it);
- a key is written where the roster has a key column: Mã hộ, Mã, and Số định
  danh when the key is one (a person listed without it is keyed again from
  name, birth and hamlet, as on the first import).
"""

import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from lacha.db.models import ROSTER_TABLES, ImportSheet
from lacha.importing.kinds import ROSTER_KINDS, WARD_FIELDS
from lacha.importing.schema import CellType, RosterKind
from lacha.snapshot import WardInfo, pick_ward

_PERSON_ID = re.compile(r"\d{9}|\d{12}")


@dataclass
class ExportSummary:
    ward_slug: str
    ward_name: str
    counts: dict[str, int] = field(default_factory=dict)  # roster kind → rows written

    def describe(self) -> str:
        labels = {k.kind: k.label for k in ROSTER_KINDS}
        parts = [f"{labels[kind].lower()} {count}" for kind, count in self.counts.items()]
        return "; ".join(parts) if parts else "chỉ có thông tin địa bàn"


def ward_values(ward: WardInfo) -> dict:
    return {column.field: getattr(ward, column.field) for column in WARD_FIELDS}


def _key_cell(kind: RosterKind, row: Mapping) -> str | None:
    """What goes in the roster's own key column: the key, except a person's key derived from name, birth and
    hamlet (no Số định danh), left blank so that the import derives it again."""
    key = row["key"]
    if kind.column("key").cell is CellType.PERSON_ID:
        return key if _PERSON_ID.fullmatch(key) else None
    return key


def export_row(kind: RosterKind, row: Mapping) -> dict:
    """A database row as ``write_workbook`` takes it: keyed by the roster's column fields."""
    values = {}
    for column in kind.columns:
        if column.field == "key":
            values["key"] = _key_cell(kind, row)
        elif column.field == "birth":
            values["birth"] = row["birth_date"] or row["birth_year"]
        else:
            values[column.field] = row[column.field]
    return values


def ward_workbook_rows(conn, ward: WardInfo) -> dict[str, list[dict]]:
    """Every roster of the ward that was ever imported, rows in their order of entry."""
    sheets = ImportSheet.__table__
    imported = set(conn.execute(select(sheets.c.kind).where(sheets.c.ward_id == ward.id).distinct()).scalars())
    rows_by_kind: dict[str, list[dict]] = {}
    for kind in ROSTER_KINDS:
        table = ROSTER_TABLES[kind.kind].__table__
        rows = conn.execute(select(table).where(table.c.ward_id == ward.id).order_by(table.c.id)).mappings().all()
        if rows or kind.kind in imported:
            rows_by_kind[kind.kind] = [export_row(kind, row) for row in rows]
    return rows_by_kind


def export_ward(engine: Engine, out: Path, ward: str | None = None) -> ExportSummary:
    """Write the ward (named, or the only one) to ``out``; the file appears only when complete."""
    from lacha.workbook_writer import write_workbook

    out = Path(out)
    with engine.connect() as conn:
        info = pick_ward(conn, ward)
        rows_by_kind = ward_workbook_rows(conn, info)
        from lacha.snapshot import load_reviews
        import datetime as _dt
        reviews = load_reviews(conn, [info.id], _dt.date.max).get(info.id, {})
    # a list last reviewed and found empty keeps its «Không có» row (evidence.md), so a round trip keeps it
    none_rows = [kind for kind, review in reviews.items() if review.attested_none and not rows_by_kind.get(kind)]
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", prefix=".lacha-export-", dir=out.parent)
    os.close(handle)
    try:
        write_workbook(temporary, ward_values(info), rows_by_kind, none_rows=none_rows)
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return ExportSummary(info.slug, info.name, {kind: len(rows) for kind, rows in rows_by_kind.items()})
