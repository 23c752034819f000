"""Test helpers: ward snapshots built directly from small record dicts, and tiny .xlsx workbooks.

``make_snapshot({"addicts": [{"key": "A1", "status": "Vắng mặt"}]})`` fills every field a
record does not give with the column's default ("Có mặt", "Đang hoạt động", False) or None,
and a name from the key, so a case states only what it is about. All data is fictional.
"""

import datetime as dt
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import yaml

from lacha.db.models import ROSTER_TABLES
from lacha.snapshot import RECORD_TYPES, ListReview, WardInfo, WardSnapshot

ALL_ROSTERS = frozenset(ROSTER_TABLES)
CASES_DIR = Path(__file__).parent / "cases"
NAME_FIELD = {"households": "head"}


def _defaults(kind: str) -> dict:
    result = {}
    for column in ROSTER_TABLES[kind].__table__.columns:
        if column.name in ("id", "ward_id"):
            continue
        result[column.name] = column.default.arg if column.default is not None else None
    return result


DEFAULTS = {kind: _defaults(kind) for kind in ROSTER_TABLES}


def record(kind: str, **fields):
    values = dict(DEFAULTS[kind])
    unknown = set(fields) - set(values)
    assert not unknown, f"{kind} has no field {unknown}"
    values.update(fields)
    name_field = NAME_FIELD.get(kind, "name")
    if name_field in values and values[name_field] is None:
        values[name_field] = f"Người {values['key']}" if kind != "hamlets" else f"Tổ {values['key']}"
    if kind == "plants" and values["found_on"] is None:
        values["found_on"] = dt.date(2024, 1, 1)
    return RECORD_TYPES[kind](**values)


def ward(**fields) -> WardInfo:
    values = {name: None for name in WardInfo.__dataclass_fields__}
    values.update(id=1, slug="thu-nghiem", name="Phường Thử Nghiệm")
    values.update(fields)
    return WardInfo(**values)


def make_snapshot(data: Mapping[str, Sequence[Mapping]] | None = None, as_of: dt.date = dt.date(2024, 12, 14),
                  imported: Iterable[str] | None = None, ward_fields: Mapping | None = None,
                  record_defaults: Mapping[str, Mapping] | None = None,
                  unreviewed: Iterable[str] = ()) -> WardSnapshot:
    """A snapshot of the given records; every roster counts as imported unless ``imported`` says otherwise, and
    every imported roster as reviewed (its rows, else «Không có») unless named in ``unreviewed`` (a blank sheet)."""
    data = data or {}
    unknown = set(data) - ALL_ROSTERS
    assert not unknown, f"no roster {unknown}"
    rosters = {kind: tuple(record(kind, **{**(record_defaults or {}).get(kind, {}), **row}) for row in rows)
               for kind, rows in data.items()}
    imported = frozenset(ALL_ROSTERS if imported is None else imported)
    blank = set(unreviewed)
    reviews = {kind: ListReview(kind, kind, as_of, 0 if kind in blank else len(rosters.get(kind, ())),
                                attested_none=kind not in blank and not rosters.get(kind))
               for kind in imported}
    return WardSnapshot(ward=ward(**(ward_fields or {})), as_of=as_of, imported=imported, reviews=reviews,
                        **rosters)


def load_cases(name: str) -> dict:
    with (CASES_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def build_workbook(path: Path, sheets: Mapping[str, Sequence[Sequence]]) -> Path:
    """Write ``sheets`` (name → rows of cells, row 1 the header) to an .xlsx with openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


HEADERS = {
    "ThonTo": ["Mã", "Tên", "Số hộ", "Dân số", "Hòm thư tố giác", "Bảng niêm yết đường dây nóng"],
    "HoGiaDinh": ["Mã hộ", "Chủ hộ", "Thôn/Tổ", "Đã ký cam kết", "Ngày ký"],
    "NguoiNghien": ["Số định danh", "Họ và tên", "Thôn/Tổ", "Tình trạng", "Hồ sơ quản lý", "Hồ sơ cai nghiện",
                    "Hình thức cai nghiện"],
    "NguoiSuDung": ["Số định danh", "Họ và tên", "Thôn/Tổ", "Tình trạng", "Hồ sơ quản lý"],
    "SauCai": ["Số định danh", "Họ và tên", "Thôn/Tổ", "Hồ sơ quản lý sau cai"],
    "DiemTuDiem": ["Tên/địa điểm", "Loại", "Thôn/Tổ", "Ngày phát hiện", "Tình trạng", "Ngày triệt xóa"],
    "DoiTuong": ["Tên", "Loại", "Thôn/Tổ", "Tình trạng"],
    "ViPham": ["Số định danh", "Họ và tên", "Thôn/Tổ", "Hành vi", "Ngày phát hiện", "Bị bắt giữ", "Truy nã",
               "Tình trạng xử lý"],
    "MoHinh": ["Tên mô hình", "Loại", "Ngày thành lập", "Tình trạng"],
    "CayMaTuy": ["Thôn/Tổ", "Ngày phát hiện", "Số cây", "Diện tích (m²)"],
}


def ward_sheets(slug: str, name: str, households: int = 4, extra: Mapping[str, Sequence[Sequence]] | None = None,
                ward_rows: Mapping[str, object] | None = None) -> dict:
    """A fictional ward that meets every kontum-2024 criterion, two hamlets, plus ``extra`` rows per sheet."""
    diaban = {"Mã địa bàn": slug, "Tên địa bàn": name, "Loại": "Phường", "Dân số": 10000, "Số hộ": households,
              "Nằm trên tuyến trọng điểm": "Không", **(ward_rows or {})}
    half = households // 2
    sheets = {
        "DiaBan": [[k, v] for k, v in diaban.items()],
        "ThonTo": [HEADERS["ThonTo"], ["T1", "Tổ 1", half, 5000, "Có", "Có"],
                   ["T2", "Tổ 2", households - half, 5000, "Có", "Có"]],
        "HoGiaDinh": [HEADERS["HoGiaDinh"]] + [[f"H{i:04d}", f"Chủ hộ {i}", "T1" if i < half else "T2", "Có",
                                                  "01/03/2024"] for i in range(households)],
        "MoHinh": [HEADERS["MoHinh"], ["Tổ dân phố không ma túy", "Toàn dân tham gia", "01/01/2023",
                                        "Đang duy trì hiệu quả"]],
    }
    for sheet in ("NguoiNghien", "NguoiSuDung", "SauCai", "DiemTuDiem", "DoiTuong", "ViPham", "CayMaTuy"):
        sheets[sheet] = [HEADERS[sheet]]
    for sheet, rows in (extra or {}).items():
        sheets[sheet] = sheets.get(sheet, [HEADERS[sheet]]) + [list(r) for r in rows]
    for sheet, rows in sheets.items():  # a list reviewed and found empty says so (evidence.md)
        if sheet != "DiaBan" and len(rows) == 1:
            rows.append(["Không có"])
    return sheets


def import_ward(cli, db: Path, tmp: Path, slug: str, name: str, **kwargs) -> None:
    """Build the ward's workbook and import it with the real ``lacha import``."""
    book = build_workbook(tmp / f"{slug}.xlsx", ward_sheets(slug, name, **kwargs))
    result = cli("import", str(book), "--db", str(db))
    assert result.exit_code == 0, result.output
