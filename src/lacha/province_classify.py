"""``lacha classify --province NAME``: the province's Điều 5 (tỉnh trọng điểm) and Điều 6 (không ma túy) from its
communes in the database (qd28-2025.md, "Province level"). The rules are lacha.rules.province; this module reads
the database, the ``--communes`` list and the province's statement of the inter-provincial route, and prints.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from lacha.errors import InputError, UsageError
from lacha.rules import checks, classification
from lacha.rules import province as rules
from lacha.rules.model import Parameter
from lacha.rules.period import Period
from lacha.snapshot import list_wards
from lacha.text import clean, fold, slug_from_name, slugify

CODE_HEADER, NAME_HEADER = "Mã đơn vị hành chính", "Tên"
CODE_ALIASES = {fold(CODE_HEADER), "ma don vi", "ma dvhc", "ma xa", "ma", "ma dia ban"}
NAME_ALIASES = {fold(NAME_HEADER), "ten don vi", "ten xa", "ten don vi hanh chinh", "ten dia ban"}
YES, NO = {"co", "c", "yes", "true", "1"}, {"khong", "k", "no", "false", "0"}


# ── the inter-provincial route (Điều 5 khoản 6): a fact the province states ──────────────────────────────

def parse_route(value: str | None) -> bool | None:
    if value is None:
        return None
    folded = fold(value)
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise UsageError(f"--inter-provincial-route: '{value}' không hiểu được — ghi “có” hoặc “không”.")


@dataclass(frozen=True)
class RouteStatement:
    value: bool | None
    source: str  # how it was stated, in Vietnamese ("" when not stated)


def latest_route(conn, province_key: str) -> Any:
    from lacha.db.province_models import ProvinceRecord

    table = ProvinceRecord.__table__
    return conn.execute(select(table).where(table.c.province == province_key)
                        .order_by(table.c.stated_at.desc(), table.c.id.desc()).limit(1)).mappings().first()


def state_route(engine: Engine, province_key: str, name: str, value: bool) -> bool:
    """Keep the province's statement (with date and OS account) unless it says what the last one said.
    True when a new record was written."""
    from lacha.audit import os_user
    from lacha.db.engine import lock_ward
    from lacha.db.province_models import ProvinceRecord

    with engine.begin() as conn:
        lock_ward(conn, f"tinh:{province_key}")
        last = latest_route(conn, province_key)
        if last is not None and bool(last["inter_provincial_route"]) == value:
            return False
        try:
            host = socket.gethostname()
        except OSError:
            host = None
        conn.execute(insert(ProvinceRecord.__table__).values(
            province=province_key, name=name, inter_provincial_route=value,
            stated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            os_user=os_user(), host=host))
    return True


def _yes_no(value: bool) -> str:
    return "có" if value else "không"


def route_from_file(table: Mapping[str, Any], where: str, name: str) -> bool | None:
    """A profile file's ``[province]`` table: ``name`` (optional, must be this province) and
    ``inter_provincial_route`` (true / false)."""
    unknown = sorted(set(table) - {"name", "inter_provincial_route"})
    if unknown:
        raise InputError(f"Tệp tiêu chí {where}: [province] không có khóa '{unknown[0]}' — các khóa: name, "
                         "inter_provincial_route.")
    if "name" in table and rules.key(table["name"]) != rules.key(name) and \
            rules.provinces().successor(table["name"]) != rules.provinces().successor(name):
        raise InputError(f"Tệp tiêu chí {where}: [province] name = \"{table['name']}\" khác tỉnh đang xét ({name}) — "
                         "sửa tệp hoặc --province.")
    value = table.get("inter_provincial_route")
    if value is None:
        return None
    if not isinstance(value, bool):
        raise InputError(f"Tệp tiêu chí {where}: [province] inter_provincial_route = {value!r} — ghi true (nằm trên "
                         "tuyến trọng điểm liên tỉnh) hoặc false.")
    return value


# ── --communes FILE.xlsx ────────────────────────────────────────────────────

def read_communes(path: Path) -> list[tuple[str, str]]:
    """(code, name) of every commune of the list: the first sheet with the columns Mã đơn vị hành chính, Tên."""
    from python_calamine import (
        CalamineError,
        CalamineWorkbook,
        PasswordError,
        XmlError,
        ZipError,
    )

    if not path.exists():
        raise InputError(f"--communes: không có tệp {path}.")
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"--communes: {path.name} không phải tệp .xlsx — lưu danh sách xã dạng Excel .xlsx.")
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [(name, book.get_sheet_by_name(name).to_python()) for name in book.sheet_names]
    except (CalamineError, PasswordError, XmlError, ZipError, OSError, ValueError) as error:
        raise InputError(f"--communes: không đọc được tệp {path.name} ({error}) — lưu lại dạng Excel .xlsx.") from None
    for sheet, rows in sheets:
        for r, row in enumerate(rows[:10]):
            headers = [fold(v) for v in row]
            code_col = next((i for i, h in enumerate(headers) if h in CODE_ALIASES), None)
            name_col = next((i for i, h in enumerate(headers) if h in NAME_ALIASES), None)
            if code_col is not None and name_col is not None:
                return _commune_rows(path, sheet, rows[r + 1:], r + 2, code_col, name_col)
    raise InputError(f"--communes: tệp {path.name} không có sheet nào có hai cột “{CODE_HEADER}” và “{NAME_HEADER}” "
                     f"(sheet: {', '.join(s for s, _ in sheets) or 'không có'}) — thêm dòng tiêu đề với hai cột này.")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value))


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else f"{i + 1}"


def _commune_rows(path: Path, sheet: str, rows, first: int, code_col: int, name_col: int) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for n, row in enumerate(rows, first):
        code = _cell(row[code_col]) if code_col < len(row) else ""
        name = _cell(row[name_col]) if name_col < len(row) else ""
        if not code and not name:
            continue
        if not name:
            raise InputError(f"--communes: tệp {path.name}, sheet {sheet}, dòng {n}, cột {_letter(name_col)} "
                             f"(“{NAME_HEADER}”): trống, mã “{code}” — ghi tên xã, phường, đặc khu.")
        if not code:
            raise InputError(f"--communes: tệp {path.name}, sheet {sheet}, dòng {n}, cột {_letter(code_col)} "
                             f"(“{CODE_HEADER}”): trống, tên “{name}” — ghi mã đơn vị hành chính.")
        if code in seen:
            raise InputError(f"--communes: tệp {path.name}, sheet {sheet}, dòng {n}, cột {_letter(code_col)} "
                             f"(“{CODE_HEADER}”): mã “{code}” trùng với dòng {seen[code]} — mỗi xã một dòng.")
        seen[code] = n
        found.append((code, name))
    if not found:
        raise InputError(f"--communes: tệp {path.name}, sheet {sheet}: không có xã nào dưới dòng tiêu đề — ghi mỗi "
                         "xã một dòng.")
    return found


def _match(listed: list[tuple[str, str]], wards: list[Any]) -> tuple[list[Any], list[tuple[str, str]]]:
    """The wards the list names (by Mã địa bàn = code, else by name) and the listed communes with no file."""
    by_slug = {w.slug: w for w in wards}
    by_name: dict[str, Any] = {}
    for w in wards:
        by_name.setdefault(slug_from_name(w.name), w)
    chosen: dict[int, Any] = {}
    missing = []
    for code, name in listed:
        ward = by_slug.get(slugify(code)) or by_name.get(slug_from_name(name))
        if ward is None or ward.id in chosen:
            missing.append((code, name))
        else:
            chosen[ward.id] = ward
    return list(chosen.values()), missing


# ── the province ────────────────────────────────────────────────────────────

def _groups(wards: list[Any], period_end: dt.date) -> dict[str, list[Any]]:
    groups: dict[str, list[Any]] = {}
    for w in wards:
        if w.province:
            groups.setdefault(rules.canonical(w.province, period_end), []).append(w)
    return groups


def _unknown_province(name: str, groups: dict[str, list[Any]]) -> UsageError:
    if not groups:
        return UsageError(f"Không có tỉnh, thành phố '{name}' trong cơ sở dữ liệu: chưa xã nào ghi “Tỉnh/Thành phố” "
                          "(sheet DiaBan) — ghi tên tỉnh vào sheet DiaBan rồi nhập lại.")
    known = sorted((rules.display(k, ws[0].province) for k, ws in groups.items()), key=rules.key)
    return UsageError(f"Không có tỉnh, thành phố '{name}' trong cơ sở dữ liệu (có: {', '.join(known)}).")


def _figures(snapshot, c: classification.Classification, period: Period, met6: bool | None) -> rules.CommuneFigures:
    m = {x.id: x for x in c.measures}
    as_of = period.as_of
    lists_a = not (set(m["a"].missing) - {"DiaBan"})
    lists_c = not (set(m["c"].missing) - {"DiaBan"})
    managed = sum(1 for kind in ("addicts", "users") for x in getattr(snapshot, kind)
                  if checks.on_territory(x) and checks.managed(x, as_of)) if lists_a else None
    arrested = sum(1 for v in snapshot.violations if v.arrested and period.contains(v.found_on)) if lists_c else None
    return rules.CommuneFigures(
        slug=snapshot.ward.slug, name=snapshot.ward.name, population=c.population, managed=managed,
        venues=int(m["b"].value or 0) if m["b"].known else None, arrested=arrested,
        plants=int(m["d"].value or 0) if m["d"].known else None,
        area_m2=m["d"].extra.get("area_m2") if m["d"].known else None,
        cls=c.cls, determinable=c.determinable, khong_ma_tuy=met6, missing=c.missing,
        note=classification.GAP if c.gap else (c.both_note or ""))


def classify_province(engine: Engine, name: str, period: Period,
                      parameters: Mapping[str, Parameter] | None = None, communes_file: Path | None = None,
                      route: bool | None = None, file_province: Mapping[str, Any] | None = None,
                      file_name: str = "") -> rules.ProvinceResult:
    """Điều 5 and Điều 6 for the province ``name`` in ``period``; ``route`` (--inter-provincial-route) is kept as
    the province's statement before anything is computed."""
    from lacha.assess import load_snapshots
    from lacha.classify import khong_ma_tuy

    end = period.end
    warnings: list[str] = []
    with engine.connect() as conn:
        wards = list_wards(conn)
    groups = _groups(wards, end)
    wanted = rules.canonical(name, end)
    if wanted not in groups:
        raise _unknown_province(name, groups)
    mine = groups[wanted]
    shown = rules.display(wanted, mine[0].province)
    if warning := rules.successor_warning(name, end):
        warnings.append(warning)
    for old in sorted({w.province for w in mine if rules.key(w.province) != wanted}, key=str):
        count = sum(1 for w in mine if w.province == old)
        warnings.append(f"{count} xã, phường ghi “{old}” (sheet DiaBan): tính vào {shown} "
                        f"({rules.provinces().source}, từ ngày {rules.provinces().effective:%d/%m/%Y}).")

    listed: list[tuple[str, str]] | None = read_communes(communes_file) if communes_file else None
    from_file = route_from_file(file_province, file_name, shown) if file_province else None
    if route is not None:  # stated now: kept before computing (every check of the input has passed)
        state_route(engine, wanted, shown, route)

    missing: list[tuple[str, str]] = []
    unlisted: list[str] = []
    if listed is not None:
        no_province = [w for w in wards if not w.province]
        chosen, missing = _match(listed, mine + no_province)
        unlisted = [w.name for w in mine if w.id not in {c.id for c in chosen}]
        if unlisted:
            warnings.append(f"{len(unlisted)} xã có trong cơ sở dữ liệu nhưng không có trong danh sách "
                            f"{communes_file.name if communes_file else ''} (không tính): {', '.join(unlisted)}.")
        mine = chosen
    total = len(listed) if listed is not None else len(mine)

    with engine.connect() as conn:
        snapshots = load_snapshots(conn, mine, period.as_of) if mine else []
        record = latest_route(conn, wanted)
    p = parameters or classification.PARAMETERS
    figures = []
    verified = True
    for s in snapshots:
        c = classification.classify(s, p, period)
        met6 = khong_ma_tuy(s)
        verified = verified and c.verified
        figures.append(_figures(s, classification.with_dieu_6(c, met6), period, met6))
    communes = tuple(sorted(figures, key=lambda f: f.slug))

    if route is not None:
        value, source = route, "vừa ghi bằng --inter-provincial-route"
    elif from_file is not None:
        value, source = from_file, f"theo tệp tiêu chí {file_name}"
    elif record is not None:
        value = bool(record["inter_provincial_route"])
        source = (f"tỉnh đã ghi ngày {record['stated_at']:%d/%m/%Y %H:%M} (UTC)"
                  + (f", tài khoản {record['os_user']}" if record["os_user"] else ""))
    else:
        value, source = None, ""
    route_note = (f"Tỉnh ghi: {_yes_no(value)} ({source})." if value is not None else
                  "Tỉnh chưa ghi có nằm trên tuyến trọng điểm liên tỉnh hay không.")
    if value is None:
        warnings.append("Tiêu chí 6 (Điều 5 khoản 6) chưa xác định: ghi bằng lacha classify --province "
                        f"\"{shown}\" --inter-provincial-route có|không (lưu lại đến khi đổi).")
    criteria = rules.dieu_5(communes, total, len(missing), value, period.text(), route_note)
    return rules.ProvinceResult(
        province=shown, period=period, criteria=criteria, communes=communes, trong_diem=rules.verdict(criteria),
        khong_ma_tuy=rules.dieu_6(communes, len(missing)), missing_communes=tuple(missing),
        unlisted=tuple(unlisted), warnings=tuple(warnings), route_source=source,
        verified=verified)


# ── output ──────────────────────────────────────────────────────────────────

def class_label(f: rules.CommuneFigures) -> str:
    if not f.determinable:
        return "chưa xác định (thiếu số liệu: " + ", ".join(f.missing) + ")"
    if f.cls:
        return f"loại {f.cls}"
    return "không thuộc loại I/II/III" + (" (chưa đạt Điều 6 khoản 3)" if f.note == classification.GAP else "")


def _tri(value: bool | None, yes: str = "đạt", no: str = "chưa đạt", unknown: str = "chưa xác định") -> str:
    return {True: yes, False: no, None: unknown}[value]


def province_dict(r: rules.ProvinceResult) -> dict:
    period = r.period
    return {
        "province": r.province,
        "period": {"year": period.year, "start": period.start.isoformat(), "end": period.end.isoformat(),
                   "as_of": period.as_of.isoformat(), "text": period.text()},
        "citation": f"{rules.LAW}, Điều 5",
        "trong_diem": r.trong_diem,
        "verdict": r.verdict,
        "met": r.met,
        "unknown": r.unknown,
        "khong_ma_tuy": r.khong_ma_tuy,
        "khong_ma_tuy_citation": f"{rules.LAW}, Điều 6",
        "verified": r.verified,
        "criteria": [{"id": c.id, "title": c.title, "threshold": c.threshold, "met": c.met, "shown": c.shown,
                      "value": c.value, "citation": c.citation, "verified": True, "note": c.note}
                     for c in r.criteria],
        "communes": [{"slug": f.slug, "name": f.name, "class": f.cls, "determinable": f.determinable,
                      "label": class_label(f), "khong_ma_tuy": f.khong_ma_tuy, "population": f.population,
                      "missing": list(f.missing), "note": f.note} for f in r.communes],
        "total_communes": len(r.communes) + len(r.missing_communes),
        "missing_communes": [{"code": code, "name": name} for code, name in r.missing_communes],
        "unlisted": list(r.unlisted),
        "route": {"inter_provincial": r.criteria[5].met, "source": r.route_source},
        "readings": list(r.readings),
        "warnings": list(r.warnings),
    }


def province_json(r: rules.ProvinceResult) -> str:
    return json.dumps(province_dict(r), ensure_ascii=False, indent=2)


def print_province(console, r: rules.ProvinceResult) -> None:
    from rich.markup import escape
    from rich.table import Table

    console.print(f"[bold]{escape(r.province)}[/bold] — {escape(r.period.text())}")
    console.print(f"Điều 5 ({rules.LAW}): [bold]{escape(r.verdict)}[/bold] — đạt {r.met}/6 tiêu chí, "
                  f"{r.unknown} tiêu chí chưa xác định (cần từ {rules.MIN_MET}).")
    console.print(f"Điều 6 ({rules.LAW}): không ma túy cấp tỉnh — [bold]{_tri(r.khong_ma_tuy)}[/bold].")
    table = Table(show_lines=False)
    for header in ("Tiêu chí", "Nội dung", "Ngưỡng", "Số liệu", "Kết quả", "Căn cứ"):
        table.add_column(header)
    for c in r.criteria:
        table.add_row(c.id, escape(c.title), escape(c.threshold), escape(c.shown), _tri(c.met), escape(c.citation))
    console.print(table)
    for c in r.criteria:
        if c.note:
            console.print(f"  Tiêu chí {c.id}: {escape(c.note)}")
    communes = Table(title=f"Các xã, phường, đặc khu ({len(r.communes)} có tệp"
                           + (f", {len(r.missing_communes)} thiếu tệp" if r.missing_communes else "") + ")")
    for header in ("Mã địa bàn", "Tên", "Loại (Điều 4)", "Không ma túy (Điều 6)"):
        communes.add_column(header)
    for f in r.communes:
        communes.add_row(escape(f.slug), escape(f.name), escape(class_label(f)),
                         _tri(f.khong_ma_tuy, unknown="chưa đủ dữ liệu"))
    for code, name in r.missing_communes:
        communes.add_row(escape(code), escape(name), "thiếu tệp", "chưa đủ dữ liệu")
    console.print(communes)
    console.print("Cách đọc:")
    for reading in r.readings:
        console.print(f"  - {escape(reading)}")
    for warning in r.warnings:
        console.print(f"[yellow]Lưu ý:[/yellow] {escape(warning)}")


def run_province(engine: Engine, name: str, period: Period, parameters, communes_file: Path | None,
                 route: str | None, loaded, output: str, console) -> None:
    """The classify command's --province branch: compute, then print a table or JSON."""
    import sys

    result = classify_province(engine, name, period, parameters, communes_file, parse_route(route),
                               loaded.province if loaded else None, loaded.path.name if loaded else "")
    if output == "json":
        sys.stdout.write(province_json(result) + "\n")
    else:
        print_province(console, result)
