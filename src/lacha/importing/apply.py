"""Importing one workbook: every check first, then ONE transaction (roster-format.md,
"Errors, and nothing lost").

``import_workbook`` reads and validates the whole file, collecting every error;
on any error nothing is written and ``WorkbookRejected`` carries them all. A
dry run is the same transaction rolled back. Writes are SQLAlchemy Core bulk
statements: rows are upserted by (ward, key), with added / changed / unchanged
/ missing counts per sheet; ``replace`` deletes the missing ones.
"""

import datetime as dt
import getpass
import hashlib
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Callable

from sqlalchemy import Date, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine

from lacha.bulk import cycle_collector_paused
from lacha.db.engine import lock_ward
from lacha.db.models import ROSTER_TABLES, ImportRun, ImportSheet, Ward
from lacha.errors import InputError, UsageError, WorkbookRejected
from lacha.importing.hamlet_index import HamletIndex
from lacha.importing.issues import Issue
from lacha.importing.kinds import HAMLETS, ROSTER_KINDS, WARD_SHEET
from lacha.importing.schema import CellType
from lacha.importing.sheets import ParsedSheet, assign_keys, identify, parse_roster_sheet, parse_ward_sheet
from lacha.importing.legacy_encoding import conversion_notes
from lacha.importing.versions import WARD_KIND, attach_import_run, record_versions
from lacha.importing.workbook import ReadAhead, SheetData, read_sheets
from lacha.text import slug_from_name, slugify, ward_slug

Progress = Callable[[str, int, int], None]
MISSING_LISTED = 50


@dataclass
class SheetSummary:
    kind: str
    label: str
    sheet: str
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    missing: list[tuple[str, str]] = field(default_factory=list)  # (key, name) in the database, not in the sheet
    attested_none: bool = False  # the sheet's first row said «Không có» (evidence.md)

    @property
    def reviewed(self) -> bool:
        """evidence.md: rows, or «Không có»; a blank sheet is not a review."""
        return self.rows > 0 or self.attested_none


@dataclass
class ImportSummary:
    file: str
    sha256: str
    ward_slug: str
    ward_name: str
    ward_created: bool = False
    ward_changed: bool = False
    sheets: list[SheetSummary] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)
    dry_run: bool = False
    replace: bool = False
    written: bool = False
    import_run_id: int | None = None
    converted: list = field(default_factory=list)  # legacy_encoding.Conversion: TCVN3/VNI text turned Unicode

    @property
    def changes(self) -> int:
        return sum(s.added + s.changed + s.removed for s in self.sheets) + self.ward_created + self.ward_changed


@dataclass
class WorkbookContent:
    ward: dict = field(default_factory=dict)
    sheets: list[ParsedSheet] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    converted: list = field(default_factory=list)  # legacy_encoding.Conversion, every sheet
    order: list[str] = field(default_factory=list)  # every sheet name, in workbook order (to sort messages)
    ward_sheets: list[str] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_workbook(path: Path, issues: list[Issue], progress: Progress | None = None,
                  encoding: str | None = None, read_ahead: ReadAhead | None = None) -> WorkbookContent:
    """Parse every sheet; problems go to ``issues``. ``encoding`` forces TCVN3/VNI conversion (legacy_encoding.py);
    ``read_ahead``: the file's sheets, being read already."""
    sheets = read_ahead.sheets() if read_ahead else read_sheets(path, encoding)
    content = WorkbookContent(order=[sheet.name for sheet in sheets],
                              converted=[c for sheet in sheets for c in sheet.converted])
    issues.extend(conversion_notes(sheets))
    for number, sheet in enumerate(sheets, 1):
        if progress:
            progress(f"Đọc sheet {sheet.name}", number, len(sheets))
        _read_sheet(sheet, content, issues)
    _check_one_sheet_per_kind(content, issues)
    return content


def _read_sheet(sheet: SheetData, content: WorkbookContent, issues: list[Issue]) -> None:
    if not sheet.rows:
        content.skipped.append(f"{sheet.name} (sheet trống)")
        return
    kind = identify(sheet)
    if kind == "ignore":
        return
    if sheet.hidden:  # only what the officer sees is imported
        content.skipped.append(f"{sheet.name} (sheet đang ẩn — bỏ ẩn sheet nếu cần nhập)")
        return
    if kind == "ward":
        content.ward_sheets.append(sheet.name)
        content.ward.update(parse_ward_sheet(sheet, issues))
    elif kind is None:
        content.skipped.append(f"{sheet.name} (không nhận ra là danh sách nào — đặt tên sheet theo mẫu, "
                               "ví dụ NguoiNghien, HoGiaDinh)")
    else:
        parsed = parse_roster_sheet(sheet, kind, issues)
        if parsed is not None:
            content.sheets.append(parsed)


def _check_one_sheet_per_kind(content: WorkbookContent, issues: list[Issue]) -> None:
    if len(content.ward_sheets) > 1:
        issues.append(Issue(content.ward_sheets[1], None, None, None, None,
                            f"tệp có hai sheet thông tin địa bàn ({', '.join(content.ward_sheets)}) — "
                            f"giữ một sheet {WARD_SHEET}."))
    by_kind: dict[str, list[str]] = {}
    for sheet in content.sheets:
        by_kind.setdefault(sheet.kind.kind, []).append(sheet.sheet)
    for names in by_kind.values():
        for name in names[1:]:
            issues.append(Issue(name, None, None, None, None,
                                f"cùng là một loại danh sách với sheet {names[0]} — gộp vào một sheet."))


def _ward_identity(content: WorkbookContent, ward_option: str | None, conn: Connection) -> tuple[str, str | None]:
    """The ward named by DiaBan (Mã địa bàn, else derived from Tên), else by --ward, else the only ward."""
    values = content.ward
    slug = slugify(values["slug"]) if values.get("slug") else None  # 'Nguyễn Trãi' → 'nguyen-trai'
    slug = slug or (slug_from_name(values["name"]) if values.get("name") else None)
    ward_option = ward_slug(ward_option) if ward_option else None
    if slug and ward_option and slug != ward_option:
        raise UsageError(f"Tệp ghi địa bàn '{slug}' (sheet {WARD_SHEET}) nhưng lệnh ghi --ward {ward_option} — "
                         "bỏ --ward hoặc sửa Mã địa bàn trong tệp.")
    slug = slug or ward_option
    if not slug:
        slugs = conn.execute(select(Ward.slug)).scalars().all()
        if len(slugs) == 1:
            return slugs[0], None
        if content.ward_sheets:
            raise UsageError(f"Sheet {content.ward_sheets[0]} (thông tin địa bàn) còn trống: điền dòng “Tên địa bàn” "
                             "(ví dụ Phường Nguyễn Trãi) và “Mã địa bàn” nếu có, hoặc ghi --ward MÃ_ĐỊA_BÀN"
                             + (f" (đang có: {', '.join(slugs)})." if slugs else "."))
        raise UsageError("Tệp không có sheet DiaBan (thông tin địa bàn): ghi --ward MÃ_ĐỊA_BÀN để chọn địa bàn "
                         "nhập vào" + (f" (đang có: {', '.join(slugs)})." if slugs else "."))
    return slug, values.get("name")


def _hamlet_index(content: WorkbookContent, ward_id: int | None, conn: Connection) -> HamletIndex:
    table = ROSTER_TABLES["hamlets"].__table__
    known: dict[str, str] = {}
    if ward_id is not None:
        known.update(conn.execute(select(table.c.key, table.c.name).where(table.c.ward_id == ward_id)).all())
    for sheet in content.sheets:
        if sheet.kind is HAMLETS:
            known.update(zip(sheet.keys, sheet.values["name"]))
    return HamletIndex(known)


def _resolve_hamlets(content: WorkbookContent, index: HamletIndex, issues: list[Issue]) -> None:
    for sheet in content.sheets:
        if not any(c.cell is CellType.HAMLET for c in sheet.columns.values()):
            continue
        texts = sheet.values["hamlet_code"]
        codes = {text: index.resolve(text) for text in set(texts) if text is not None}  # a few hundred, not a row each
        unknown = {text for text, code in codes.items() if code is None}
        if unknown:
            label, col = sheet.label("hamlet_code")
            issues.extend(Issue(sheet.sheet, excel_row, label, col, text,
                                "không phải thôn, tổ nào của địa bàn — " + index.describe())
                          for excel_row, text in zip(sheet.excel_rows, texts) if text in unknown)
        known = {text: code for text, code in codes.items() if code is not None}
        sheet.values["hamlet_code"] = [known.get(text, text) for text in texts]  # unknown ones stay as written


def _db_fields(table, values: dict) -> dict:
    return {k: v for k, v in values.items() if k in table.c and k not in ("id", "ward_id")}


def _upsert_sheet(conn: Connection, ward_id: int, sheet: ParsedSheet, replace: bool,
                  effective: dt.date) -> SheetSummary:
    model = ROSTER_TABLES[sheet.kind.kind]
    table = model.__table__
    summary = SheetSummary(sheet.kind.kind, sheet.kind.label, sheet.sheet, rows=len(sheet.keys),
                           attested_none=sheet.attested_none)
    existing = {row["key"]: row for row in conn.execute(select(table).where(table.c.ward_id == ward_id)).mappings()}
    names = tuple(n for n in sheet.values if n in table.c and n not in ("id", "ward_id", "key"))
    columns = [sheet.keys, *(sheet.values[n] for n in names)]
    if existing:
        new_rows, changed_rows = _compare(existing, names, zip(*columns), summary)
        new_keys, new_columns = [row[0] for row in new_rows], list(zip(*new_rows))
    else:  # the ward's first import of this roster: every row is new
        new_keys, new_columns, changed_rows = sheet.keys, columns, []
    _insert_many(conn, table, ("key", *names), new_columns, ward_id)
    for fields in {tuple(sorted(k for k in r if k != "_id")) for r in changed_rows}:
        group = [r for r in changed_rows if tuple(sorted(k for k in r if k != "_id")) == fields]
        statement = update(table).where(table.c.id == bindparam("_id")).values({f: bindparam(f) for f in fields})
        conn.execute(statement, group)
    seen = set(sheet.keys)
    missing = [(key, old.get("name") or old.get("head") or "") for key, old in existing.items() if key not in seen]
    if replace and missing:
        conn.execute(delete(table).where(table.c.ward_id == ward_id, table.c.key.in_([k for k, _ in missing])))
        summary.removed = len(missing)
    else:
        summary.missing = missing
    touched = [*new_keys, *(r["key"] for r in changed_rows)]
    record_versions(conn, ward_id, sheet.kind.kind, existing, seen, touched,
                    [k for k, _ in missing] if replace else (), effective)  # past dates: versions.py
    summary.added, summary.changed = len(new_keys), len(changed_rows)
    return summary


def _compare(existing: dict, names: tuple[str, ...], rows, summary: SheetSummary) -> tuple[list[tuple], list[dict]]:
    """The rows ``(key, *values of names)`` not in the database yet, and the changed ones as update parameters;
    counts the unchanged ones in ``summary``."""
    new_rows, changed_rows = [], []
    for row in rows:
        old = existing.get(row[0])
        if old is None:
            new_rows.append(row)
        elif any(old[name] != value for name, value in zip(names, row[1:])):
            changed_rows.append({"key": row[0], **dict(zip(names, row[1:])), "_id": old["id"]})
        else:
            summary.unchanged += 1
    return new_rows, changed_rows


def _insert_many(conn: Connection, table, fields: tuple[str, ...], columns: list, ward_id: int) -> None:
    """INSERT the rows whose values of ``fields`` are ``columns`` (one list per field) into the ward. On SQLite
    straight to the driver's executemany: at 100,000 rows SQLAlchemy's per-row parameter handling costs more
    than SQLite's insert. Dates are stored as SQLAlchemy stores a Date on SQLite ('YYYY-MM-DD'), turned to text
    a column at a time rather than one by one by the driver's adapter (lacha.db.engine registers the same)."""
    if not columns or not columns[0]:
        return
    defaults = [c for c in table.columns if c.name not in fields and c.name != "ward_id" and c.default is not None]
    if conn.dialect.name != "sqlite" or any(not c.default.is_scalar for c in defaults):
        rows = [{**dict(zip(fields, row)), "ward_id": ward_id} for row in zip(*columns)]
        conn.execute(insert(table), rows)  # PostgreSQL: batched by SQLAlchemy's insertmanyvalues
        return
    columns = list(columns)
    for i, name in enumerate(fields):
        if isinstance(table.c[name].type, Date):
            columns[i] = [None if day is None else day.isoformat() for day in columns[i]]
    tail = (ward_id, *(c.default.arg for c in defaults))  # the model's defaults for the columns the sheet lacks
    names = ", ".join(f'"{name}"' for name in (*fields, "ward_id", *(c.name for c in defaults)))
    marks = ", ".join("?" * (len(fields) + len(tail)))
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})',
                         list(zip(*columns, *map(repeat, tail))))


def _upsert_ward(conn: Connection, slug: str, name: str | None, values: dict,
                 effective: dt.date) -> tuple[int, bool, bool, str]:
    table = Ward.__table__
    fields = {k: v for k, v in values.items() if k != "slug"}
    row = conn.execute(select(table).where(table.c.slug == slug)).mappings().first()
    if row is None:
        fields.setdefault("name", name or slug)
        ward_id = conn.execute(insert(table).values(slug=slug, **fields)).inserted_primary_key[0]
        record_versions(conn, ward_id, WARD_KIND, {}, [slug] if values else [], [slug], (), effective)
        return ward_id, True, False, fields["name"]
    changed = {k: v for k, v in fields.items() if row[k] != v}
    if changed:
        conn.execute(update(table).where(table.c.id == row["id"]).values(**changed))
    record_versions(conn, row["id"], WARD_KIND, {slug: row}, [slug] if values else [], [slug] if changed else [], (),
                    effective)
    return row["id"], False, bool(changed), changed.get("name", row["name"])


def _already_recorded(conn: Connection, ward_id: int, sha256: str, kinds: set[str]) -> bool:
    """This very file was imported into the ward before, and every roster kind it holds is on record."""
    runs, sheets = ImportRun.__table__, ImportSheet.__table__
    same_file = conn.execute(select(runs.c.id).where(runs.c.ward_id == ward_id, runs.c.sha256 == sha256)).first()
    recorded = set(conn.execute(select(sheets.c.kind).where(sheets.c.ward_id == ward_id).distinct()).scalars())
    return same_file is not None and kinds <= recorded


def _reject_if_errors(path: Path, issues: list[Issue], order: list[str]) -> None:
    """Raise WorkbookRejected with every error, sorted as the officer reads the file: sheet, row, column."""
    position = {name: n for n, name in enumerate(order)}
    errors = sorted((i for i in issues if i.error),
                    key=lambda i: (position.get(i.sheet, len(order)), i.row or 0, i.column_index or 0))
    if errors:
        raise WorkbookRejected(f"Tệp {path.name} có {len(errors)} lỗi — chưa nhập gì vào cơ sở dữ liệu. "
                               "Sửa các ô dưới đây rồi nhập lại.", errors)


def import_workbook(engine: Engine, path: Path, *, ward: str | None = None, dry_run: bool = False,
                    replace: bool = False, effective: dt.date | None = None,
                    progress: Progress | None = None, encoding: str | None = None,
                    read_ahead: ReadAhead | None = None) -> ImportSummary:
    """Import ``path`` into the database: all or nothing. Raises WorkbookRejected with every error.

    ``dry_run`` and ``replace`` are modes of the same transaction: a dry run is rolled back at the end.
    ``read_ahead``: the reading of ``path`` (with ``encoding``), when the caller started it already."""
    with cycle_collector_paused():  # a large ward's rows: see lacha.bulk
        return _import(engine, Path(path), ward, dry_run, replace, effective, progress, encoding, read_ahead)


def _import(engine: Engine, path: Path, ward: str | None, dry_run: bool, replace: bool, effective: dt.date | None,
            progress: Progress | None, encoding: str | None, read_ahead: ReadAhead | None) -> ImportSummary:
    issues: list[Issue] = []
    content = read_workbook(path, issues, progress, encoding, read_ahead)
    if not content.sheets and not content.ward:
        _reject_if_errors(path, issues, content.order)  # a roster sheet whose header was not found is named
        raise InputError(f"Tệp {path.name} không có sheet nào lacha nhận ra (" +
                         "; ".join(content.skipped or ["không có sheet"]) + ") — xem mẫu: lacha template.")
    summary = ImportSummary(file=path.name, sha256=sha256_of(path), ward_slug="", ward_name="",
                            dry_run=dry_run, replace=replace, skipped_sheets=content.skipped,
                            converted=content.converted)
    with engine.connect() as conn:
        with conn.begin() as transaction:
            slug, name = _validate(conn, path, content, ward, issues)
            summary.warnings = issues
            effective = effective or dt.date.today()
            ward_id = _write(conn, content, summary, slug, name, progress, effective)
            kinds = {s.kind for s in summary.sheets}
            if summary.changes == 0 and _already_recorded(conn, ward_id, summary.sha256, kinds):
                transaction.rollback()  # the same file again: nothing to write, nothing to record
                return summary
            summary.import_run_id = _record_run(conn, ward_id, summary, effective)
            attach_import_run(conn, ward_id, summary.import_run_id)
            if dry_run:
                transaction.rollback()
                summary.import_run_id = None
                return summary
        summary.written = True
    return summary


def _validate(conn: Connection, path: Path, content: WorkbookContent, ward_option: str | None,
              issues: list[Issue]) -> tuple[str, str | None]:
    """The ward's slug and name; every row keyed and its hamlet resolved, or WorkbookRejected."""
    slug, name = _ward_identity(content, ward_option, conn)
    lock_ward(conn, slug)  # another officer importing this ward: wait for them (lacha.db.engine)
    ward_id = conn.execute(select(Ward.__table__.c.id).where(Ward.__table__.c.slug == slug)).scalar()
    for sheet in content.sheets:  # hamlets first: derived keys of the others use the hamlet code
        if sheet.kind is HAMLETS:
            assign_keys(sheet, issues)
    _resolve_hamlets(content, _hamlet_index(content, ward_id, conn), issues)
    for sheet in content.sheets:
        if sheet.kind is not HAMLETS:
            assign_keys(sheet, issues)
    _reject_if_errors(path, issues, content.order)
    return slug, name


def _write(conn: Connection, content: WorkbookContent, summary: ImportSummary, slug: str, name: str | None,
           progress: Progress | None, effective: dt.date) -> int:
    """Upsert the ward and every sheet (hamlets first); fills ``summary``; returns the ward id."""
    ward_id, summary.ward_created, summary.ward_changed, summary.ward_name = _upsert_ward(
        conn, slug, name, content.ward, effective)
    summary.ward_slug = slug
    order = {kind.kind: n for n, kind in enumerate(ROSTER_KINDS)}
    for number, sheet in enumerate(sorted(content.sheets, key=lambda s: order[s.kind.kind]), 1):
        if progress:
            progress(f"Ghi {sheet.kind.label}", number, len(content.sheets))
        summary.sheets.append(_upsert_sheet(conn, ward_id, sheet, summary.replace, effective))
    return ward_id


def _record_run(conn: Connection, ward_id: int, summary: ImportSummary, effective: dt.date) -> int:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = None
    run_id = conn.execute(insert(ImportRun.__table__).values(
        ward_id=ward_id, file_name=summary.file, sha256=summary.sha256,
        imported_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0), effective_on=effective, os_user=user,
        replace=summary.replace)).inserted_primary_key[0]
    rows = [dict(import_run_id=run_id, ward_id=ward_id, kind=s.kind, sheet_name=s.sheet, rows=s.rows,
                 added=s.added, changed=s.changed, unchanged=s.unchanged, missing=len(s.missing), removed=s.removed,
                 attested_none=s.attested_none)
            for s in summary.sheets]
    if rows:
        conn.execute(insert(ImportSheet.__table__), rows)
    return run_id
