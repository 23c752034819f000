"""The dossier's Phụ lục: one list per roster, declared once.

``APPENDICES`` declares each list (title, columns with their width, how a
record becomes a row); ``build_appendices`` fills them for the context, and
templates/build_docx_template.py builds the Word tables from the same
declaration. Personal data goes through ``Privacy``: CCCD masked to its last 4
digits unless ``full_ids``, names reduced to initials when ``anonymous``.
"""

from dataclasses import dataclass
from typing import Any, Callable

from lacha.assess import Assessment
from lacha.dates import short_date
from lacha.report.console import vn_number
from lacha.rules.checks import hotspot_active, on_or_before

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
VISIBLE_DIGITS = 4


@dataclass(frozen=True)
class Privacy:
    full_ids: bool = False
    anonymous: bool = False

    def identifier(self, key: str | None) -> str:
        """A CCCD/CMND as shown: '********1234', in full with full_ids; '' for a key lacha derived."""
        key = (key or "").strip()
        if not key.isdigit():
            return ""  # no Số định danh: the key was made from the name, never shown
        if self.full_ids:
            return key
        return "*" * max(len(key) - VISIBLE_DIGITS, 0) + key[-VISIBLE_DIGITS:]

    def name(self, name: str | None) -> str:
        """'Nguyễn Văn An' → 'N.V.A.' when anonymous."""
        name = name or ""
        if not self.anonymous:
            return name
        return "".join(word[0].upper() + "." for word in name.split())


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    weight: float  # relative width (the weights of a list sum to 16.5)


@dataclass(frozen=True)
class AppendixSpec:
    id: str
    title: str
    columns: tuple[Column, ...]
    rows: Callable[[Assessment, Privacy], list[dict[str, str]]]
    noun: str  # what one row is, for "Tổng số: 6 người"
    source: str = ""  # the roster it lists, when not its id (households_detail lists households)

    @property
    def roster(self) -> str:
        return self.source or self.id

    @property
    def has_ids(self) -> bool:
        return any(c.key == "id_number" for c in self.columns)

    @property
    def has_people(self) -> bool:
        return any(c.key in ("name", "head") for c in self.columns) and self.id not in ("hotspots", "models",
                                                                                       "hamlets")


def yes_no(value: bool | None) -> str:
    return "Có" if value else "Không"


def file_status(has: bool | None, made_on=None) -> str:
    """'Có (12/03/2024)', 'Có' or 'Chưa có' — a hồ sơ and when it was made."""
    if not has:
        return "Chưa có"
    return f"Có ({short_date(made_on)})" if made_on else "Có"


def birth(person) -> str:
    """The date of birth as imported: '05/03/1990', or the year alone when only the year was given."""
    if person.birth_date:
        return short_date(person.birth_date)
    return str(person.birth_year) if person.birth_year else ""


def person_cells(a: Assessment, p, privacy: Privacy) -> dict[str, str]:
    number = getattr(p, "person_id", None) or p.key  # violations: the key is person + date + act
    return {"name": privacy.name(p.name), "id_number": privacy.identifier(number), "birth": birth(p),
            "gender": getattr(p, "gender", None) or "", "note": getattr(p, "note", None) or "",
            "hamlet": a.snapshot.hamlet_name(p.hamlet_code), "status": p.status or "",
            "management_file": file_status(p.has_management_file, p.management_file_on)}


# --- Rows of each list ------------------------------------------------------

def hamlet_rows(a: Assessment, privacy: Privacy) -> list[dict]:
    return [{"code": h.key, "name": h.name,
             "households": vn_number(h.households_declared) if h.households_declared is not None else "",
             "mailbox": yes_no(h.mailbox), "hotline_board": yes_no(h.hotline_board)} for h in a.snapshot.hamlets]


def household_rows(a: Assessment, privacy: Privacy) -> list[dict]:
    """Households counted by hamlet; the unsigned ones (or signed after the as-of date) named."""
    s = a.snapshot
    by_hamlet: dict[str, list] = {}  # one pass over the households, not one per hamlet
    for household in s.households:
        by_hamlet.setdefault(household.hamlet_code, []).append(household)
    hamlets = {h.key: h for h in s.hamlets}
    codes = list(dict.fromkeys([*hamlets, *by_hamlet]))
    rows, totals = [], [0, 0, 0]
    for code in codes:
        listed = by_hamlet.get(code, [])
        signed = [h for h in listed if h.signed and on_or_before(h.signed_on, a.as_of)]
        hamlet = hamlets.get(code)
        declared = hamlet.households_declared if hamlet and hamlet.households_declared else 0
        signed_keys = {h.key for h in signed}
        unsigned = [h for h in listed if h.key not in signed_keys]  # not `h not in signed`: quadratic
        names = [f"{h.key} {privacy.name(h.head)}".strip() for h in unsigned]
        if declared > len(listed):
            names.append(f"{vn_number(declared - len(listed))} hộ chưa có trong danh sách")
        counted = max(declared, len(listed))
        totals = [totals[0] + counted, totals[1] + len(listed), totals[2] + len(signed)]
        rows.append({"hamlet": s.hamlet_name(code), "declared": vn_number(counted), "listed": vn_number(len(listed)),
                     "signed": vn_number(len(signed)), "unsigned": vn_number(counted - len(signed)),
                     "unsigned_names": "; ".join(names)})
    if rows:
        rows.append({"hamlet": "Cộng", "declared": vn_number(totals[0]), "listed": vn_number(totals[1]),
                     "signed": vn_number(totals[2]), "unsigned": vn_number(totals[0] - totals[2]),
                     "unsigned_names": "", "total": True})
    return rows


def household_detail_rows(a: Assessment, privacy: Privacy) -> list[dict]:
    """Every household, by hamlet (the hamlets' order), with its commitment as on the as-of date."""
    s = a.snapshot
    order = {h.key: i for i, h in enumerate(s.hamlets)}
    rows = []
    for h in sorted(s.households, key=lambda h: (order.get(h.hamlet_code, len(order)), h.hamlet_code, h.key)):
        signed = bool(h.signed and on_or_before(h.signed_on, a.as_of))
        rows.append({"hamlet": s.hamlet_name(h.hamlet_code), "code": h.key, "head": privacy.name(h.head),
                     "address": h.address or "", "signed": "Đã ký" if signed else "Chưa ký",
                     "signed_on": short_date(h.signed_on) if signed else "", "note": h.note or ""})
    return rows


def addict_rows(a: Assessment, privacy: Privacy) -> list[dict]:
    return [{**person_cells(a, p, privacy), "rehab_file": file_status(p.has_rehab_file),
             "rehab_form": p.rehab_form or ""} for p in a.snapshot.addicts]


def user_rows(a: Assessment, privacy: Privacy) -> list[dict]:
    return [{**person_cells(a, p, privacy),
             "decision": ", ".join(x for x in (p.decision_number or "", short_date(p.decision_on)) if x),
             "managed_until": short_date(p.managed_until)} for p in a.snapshot.users]


def post_rehab_rows(a: Assessment, privacy: Privacy) -> list[dict]:
    return [{**person_cells(a, p, privacy), "completed": short_date(p.rehab_completed_on),
             "post_rehab_file": file_status(p.has_post_rehab_file), "managed_until": short_date(p.managed_until)}
            for p in a.snapshot.post_rehab]


def violation_rows(a: Assessment, privacy: Privacy) -> list[dict]:
    return [{**person_cells(a, p, privacy), "act": p.act or "", "found_on": short_date(p.found_on),
             "arrested": yes_no(p.arrested), "wanted": yes_no(p.wanted), "handling": p.handling_status or ""}
            for p in a.snapshot.violations]


def hotspot_state(h, as_of) -> str:
    """The hotspot on the as-of date, as the criteria read it."""
    if hotspot_active(h, as_of):
        return "Đang hoạt động"
    if h.found_on is not None and h.found_on > as_of:
        return f"Phát hiện sau ngày {short_date(as_of)}"
    return "Đã triệt xóa"


def hotspot_rows(a: Assessment, privacy: Privacy) -> list[dict]:
    return [{"name": h.name, "type": h.type or "", "hamlet": a.snapshot.hamlet_name(h.hamlet_code),
             "found_on": short_date(h.found_on), "state": hotspot_state(h, a.as_of),
             "cleared_on": short_date(h.cleared_on)} for h in a.snapshot.hotspots]


def suspect_rows(a: Assessment, privacy: Privacy) -> list[dict]:
    return [{"name": privacy.name(x.name), "type": x.type or "", "hamlet": a.snapshot.hamlet_name(x.hamlet_code),
             "status": x.status or "", "updated_on": short_date(x.updated_on)} for x in a.snapshot.suspects]


def model_rows(a: Assessment, privacy: Privacy) -> list[dict]:
    return [{"name": m.name, "type": m.type or "", "founded_on": short_date(m.founded_on), "status": m.status or "",
             "evaluated_on": short_date(m.evaluated_on)} for m in a.snapshot.models]


def plant_rows(a: Assessment, privacy: Privacy) -> list[dict]:
    def area(value) -> str:
        return "" if value is None else f"{value:g}".replace(".", ",")

    return [{"hamlet": a.snapshot.hamlet_name(p.hamlet_code), "found_on": short_date(p.found_on),
             "plants": vn_number(p.plant_count) if p.plant_count is not None else "", "area": area(p.area_m2),
             "destroyed": yes_no(p.destroyed)} for p in a.snapshot.plants]


# --- The declaration --------------------------------------------------------

STT = Column("stt", "STT", 1.1)
ID = Column("id_number", "Số định danh", 2.6)
HAMLET = Column("hamlet", "Thôn, tổ", 2.0)
FILE = Column("management_file", "Hồ sơ quản lý", 2.0)

def columns(*specs: tuple[str, str, float] | Column) -> tuple[Column, ...]:
    return tuple(spec if isinstance(spec, Column) else Column(*spec) for spec in specs)


APPENDICES: tuple[AppendixSpec, ...] = (
    AppendixSpec("hamlets", "Danh sách thôn, tổ dân phố: hòm thư tố giác và bảng niêm yết đường dây nóng", columns(
        STT, ("code", "Mã", 2.0), ("name", "Tên thôn, tổ dân phố", 5.4), ("households", "Số hộ", 2.0),
        ("mailbox", "Hòm thư tố giác", 3.0), ("hotline_board", "Bảng niêm yết đường dây nóng", 3.0)),
        hamlet_rows, "thôn, tổ dân phố"),
    AppendixSpec("households", "Tổng hợp hộ gia đình ký cam kết theo thôn, tổ dân phố", columns(
        STT, ("hamlet", "Thôn, tổ dân phố", 3.0), ("declared", "Số hộ", 1.7), ("listed", "Có trong danh sách", 2.0),
        ("signed", "Đã ký cam kết", 1.9), ("unsigned", "Chưa ký", 1.6),
        ("unsigned_names", "Hộ chưa ký (mã hộ, chủ hộ)", 5.2)),
        household_rows, "thôn, tổ dân phố"),
    AppendixSpec("households_detail", "Danh sách hộ gia đình ký cam kết, theo thôn, tổ dân phố", columns(
        STT, ("hamlet", "Thôn, tổ dân phố", 2.6), ("code", "Mã hộ", 1.8), ("head", "Chủ hộ", 3.2),
        ("address", "Địa chỉ", 3.0), ("signed", "Cam kết", 1.4), ("signed_on", "Ngày ký", 1.6),
        ("note", "Ghi chú", 1.8)),
        household_detail_rows, "hộ", source="households"),
    AppendixSpec("addicts", "Danh sách người nghiện ma túy", columns(
        STT, ("name", "Họ và tên", 2.5), ("id_number", "Số định danh", 2.2), ("gender", "Giới tính", 1.0),
        ("birth", "Ngày sinh", 1.4), ("hamlet", "Thôn, tổ", 1.3), ("status", "Tình trạng", 1.5),
        ("management_file", "Hồ sơ quản lý", 1.6), ("rehab_file", "Hồ sơ cai nghiện", 1.3),
        ("rehab_form", "Hình thức cai nghiện", 1.4), ("note", "Ghi chú", 1.2)),
        addict_rows, "người"),
    AppendixSpec("users", "Danh sách người sử dụng trái phép chất ma túy", columns(
        STT, ("name", "Họ và tên", 2.4), ("id_number", "Số định danh", 2.2), ("gender", "Giới tính", 1.0),
        ("birth", "Ngày sinh", 1.4), ("hamlet", "Thôn, tổ", 1.3), ("status", "Tình trạng", 1.5),
        ("management_file", "Hồ sơ quản lý", 1.6), ("decision", "Quyết định quản lý", 1.5),
        ("managed_until", "Quản lý đến ngày", 1.4), ("note", "Ghi chú", 1.1)),
        user_rows, "người"),
    AppendixSpec("post_rehab", "Danh sách người sau cai nghiện ma túy", columns(
        STT, ("name", "Họ và tên", 2.4), ("id_number", "Số định danh", 2.2), ("gender", "Giới tính", 1.0),
        ("birth", "Ngày sinh", 1.4), ("hamlet", "Thôn, tổ", 1.3), ("status", "Tình trạng", 1.5),
        ("completed", "Hoàn thành cai nghiện", 1.5), ("post_rehab_file", "Hồ sơ quản lý sau cai", 1.6),
        ("managed_until", "Quản lý đến ngày", 1.4), ("note", "Ghi chú", 1.1)),
        post_rehab_rows, "người"),
    AppendixSpec("violations", "Danh sách người vi phạm pháp luật về ma túy", columns(
        STT, ("name", "Họ và tên", 2.5), ("id_number", "Số định danh", 2.2), ("gender", "Giới tính", 1.0),
        ("birth", "Ngày sinh", 1.4), ("hamlet", "Thôn, tổ", 1.3), ("act", "Hành vi", 2.0),
        ("found_on", "Ngày phát hiện", 1.4), ("arrested", "Bị bắt giữ", 1.0), ("wanted", "Truy nã", 0.9),
        ("handling", "Tình trạng xử lý", 1.3), ("note", "Ghi chú", 1.0)),
        violation_rows, "người"),
    AppendixSpec("hotspots", "Danh sách điểm, tụ điểm phức tạp về ma túy và ngày triệt xóa", columns(
        STT, ("name", "Tên, địa điểm", 4.0), ("type", "Loại", 2.8), HAMLET, ("found_on", "Ngày phát hiện", 2.0),
        ("state", "Tình trạng", 2.4), ("cleared_on", "Ngày triệt xóa", 2.2)),
        hotspot_rows, "điểm"),
    AppendixSpec("suspects", "Danh sách đối tượng, ổ nhóm, đường dây nghi vấn", columns(
        STT, ("name", "Tên đối tượng, ổ nhóm, đường dây", 4.6), ("type", "Loại", 2.6), HAMLET,
        ("status", "Tình trạng", 3.8), ("updated_on", "Ngày cập nhật", 2.4)),
        suspect_rows, "đối tượng"),
    AppendixSpec("models", "Danh sách mô hình toàn dân tham gia phòng, chống ma túy", columns(
        STT, ("name", "Tên mô hình", 5.0), ("type", "Loại", 2.8), ("founded_on", "Ngày thành lập", 2.2),
        ("status", "Tình trạng", 3.2), ("evaluated_on", "Ngày đánh giá", 2.2)),
        model_rows, "mô hình"),
    AppendixSpec("plants", "Danh sách phát hiện, triệt phá cây có chứa chất ma túy", columns(
        STT, ("hamlet", "Thôn, tổ", 3.4), ("found_on", "Ngày phát hiện", 3.0), ("plants", "Số cây", 2.5),
        ("area", "Diện tích (m²)", 3.0), ("destroyed", "Đã triệt phá", 3.5)),
        plant_rows, "vụ"),
)


def appendix_included(spec: AppendixSpec, a: Assessment) -> bool:
    """A roster is listed when it was imported or a criterion of the profile reads it."""
    read = {roster for c in a.profile.criteria for roster in c.reads}
    return spec.roster in a.snapshot.imported or spec.roster in read


def count_line(spec: AppendixSpec, a: Assessment, rows: list[dict]) -> str:
    if spec.roster not in a.snapshot.imported:
        return "Chưa nhập danh sách này — các tiêu chí dựa vào danh sách này được đánh giá “Chưa đủ dữ liệu”."
    if not rows:
        return "Danh sách đã nhập, không có trường hợp nào."
    if spec.id == "households":
        total = rows[-1]
        return f"Tổng số: {total['declared']} hộ; đã ký cam kết {total['signed']} hộ; chưa ký {total['unsigned']} hộ."
    if spec.id == "households_detail":
        signed = sum(1 for row in rows if row["signed"] == "Đã ký")
        return f"Tổng số: {vn_number(len(rows))} hộ trong danh sách; đã ký cam kết {vn_number(signed)} hộ."
    return f"Tổng số: {vn_number(len(rows))} {spec.noun}."


def privacy_note(spec: AppendixSpec, privacy: Privacy) -> str:
    """The masking footnote, only under a table that shows what was masked (issue 14)."""
    notes = []
    if spec.has_ids:
        notes.append("Số định danh ghi đầy đủ." if privacy.full_ids else "Số định danh chỉ hiện 4 chữ số cuối.")
    if privacy.anonymous and spec.has_people:
        notes.append("Họ tên chỉ ghi chữ cái đầu.")
    return " ".join(notes)


def build_appendices(a: Assessment, privacy: Privacy) -> list[dict[str, Any]]:
    out = []
    for spec in (s for s in APPENDICES if appendix_included(s, a)):
        rows = spec.rows(a, privacy)
        numbered = [{**row, "stt": "" if row.get("total") else str(i), "total": bool(row.get("total"))}
                    for i, row in enumerate(rows, start=1)]
        total_width = sum(c.weight for c in spec.columns)
        out.append({
            "id": spec.id, "number": ROMAN[len(out)], "title": spec.title,
            "heading": f"PHỤ LỤC {ROMAN[len(out)]}",
            "columns": [{"key": c.key, "label": c.label, "weight": c.weight,
                         "width_pct": round(100 * c.weight / total_width, 1)} for c in spec.columns],
            "rows": numbered, "imported": spec.roster in a.snapshot.imported, "first": not out,
            "has_ids": spec.has_ids, "privacy_note": privacy_note(spec, privacy) if rows else "",
            "count_line": count_line(spec, a, rows), "empty": not rows,
        })
    return out
