"""The periodic situation report (``lacha report --from DATE --to DATE``; criteria.md, "Periodic report").

What officers send up by a deadline, e.g. the Biên Hòa plan 8681/KH-UBND for
the action month 01/6–30/6/2024: the situation at the end of the period, and
what changed within it, per thôn / tổ dân phố and per ward. Both ends of the
period are included. The situation is read from the ward's snapshot on the
last day (``--to``); what changed compares it with the snapshot of the day
before the first (``--from`` − 1), and uses the dates the rosters carry
(Ngày lập hồ sơ, Ngày ký, Ngày phát hiện, Ngày triệt xóa, Ngày thành lập,
Ngày hoàn thành cai nghiện). A value the rosters cannot give (a roster never
imported) is None, shown as "—", never 0.
"""

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy.engine import Engine

from lacha.errors import UsageError
from lacha.rules.checks import hotspot_active, model_effective, on_territory
from lacha.snapshot import WardInfo, WardSnapshot, list_wards, load_snapshot, pick_ward

UNKNOWN_HAMLET = "Không rõ thôn, tổ"


# --- Age bands (data with their legal source: age_bands.toml) ----------------------

@dataclass(frozen=True)
class AgeBand:
    id: str
    label: str
    description: str
    source: str
    quote: str
    verified: bool
    min_age: int | None = None
    max_age: int | None = None

    def contains(self, age: int | None) -> bool:
        if age is None:
            return False
        return (self.min_age is None or age >= self.min_age) and (self.max_age is None or age <= self.max_age)

    @property
    def text(self) -> str:
        """'Người chưa thành niên (dưới 18 tuổi) — Bộ luật Dân sự 2015 …: “…”'"""
        quote = f": “{self.quote}”" if self.quote else ""
        unverified = "" if self.verified else " (chưa đối chiếu văn bản gốc)"
        return f"{self.label} ({self.description}) — {self.source}{quote}{unverified}"


def load_age_bands(path: Path | None = None) -> dict[str, AgeBand]:
    path = path or Path(__file__).with_name("age_bands.toml")
    with path.open("rb") as handle:
        tables = tomllib.load(handle)
    return {band_id: AgeBand(id=band_id, **values) for band_id, values in tables.items()}


AGE_BANDS = load_age_bands()


def age_on(person, day: dt.date) -> int | None:
    """Full years on ``day``; with only a birth year, the year of ``day`` minus it (tuổi tính theo năm)."""
    born = getattr(person, "birth_date", None)
    if born is not None:
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    year = getattr(person, "birth_year", None)
    return day.year - year if year is not None else None


# --- What is counted -----------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __contains__(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    @property
    def before(self) -> dt.date:
        return self.start - dt.timedelta(days=1)


@dataclass(frozen=True)
class Counting:
    """The two snapshots a metric compares: the day before the period, and its last day."""

    before: WardSnapshot
    after: WardSnapshot
    period: Period

    def earlier(self, roster: str) -> dict:
        return {r.key: r for r in getattr(self.before, roster)}


def _young(p, day: dt.date) -> bool:
    return AGE_BANDS["young"].contains(age_on(p, day))


def _minor(p, day: dt.date) -> bool:
    return AGE_BANDS["minor"].contains(age_on(p, day))


def post_rehab_managed(p, day: dt.date) -> bool:
    """Under post-rehab management on ``day``: on the territory, done with rehab, management not ended."""
    return (on_territory(p) and (p.rehab_completed_on is None or p.rehab_completed_on <= day)
            and (p.managed_until is None or p.managed_until >= day))


def signed_by(h, day: dt.date) -> bool:
    return bool(h.signed) and (h.signed_on is None or h.signed_on <= day)


def _people(roster: str, test: Callable = lambda p, day: True) -> Callable[[Counting], list]:
    def items(c: Counting) -> list:
        return [p.hamlet_code for p in getattr(c.after, roster) if on_territory(p) and test(p, c.period.end)]
    return items


def _post_rehab(c: Counting, test=lambda p, day: True) -> list:
    return [p.hamlet_code for p in c.after.post_rehab if post_rehab_managed(p, c.period.end) and test(p, c.period.end)]


def _post_rehab_new(c: Counting) -> list:
    before = c.earlier("post_rehab")
    return [p.hamlet_code for p in c.after.post_rehab if post_rehab_managed(p, c.period.end)
            and not (p.key in before and post_rehab_managed(before[p.key], c.period.before))]


def _post_rehab_gone(c: Counting) -> list:
    after = {p.key: p for p in c.after.post_rehab}
    return [p.hamlet_code for p in c.before.post_rehab if post_rehab_managed(p, c.period.before)
            and not (p.key in after and post_rehab_managed(after[p.key], c.period.end))]


def _management_files(c: Counting) -> list:
    """Hồ sơ quản lý made in the period: dated in it; or undated, and not there the day before."""
    found = []
    for roster in ("addicts", "users", "post_rehab"):
        before = c.earlier(roster)
        for p in getattr(c.after, roster):
            old = before.get(p.key)
            undated_new = p.management_file_on is None and not (old is not None and old.has_management_file)
            if p.has_management_file and (p.management_file_on in c.period or undated_new):
                found.append(p.hamlet_code)
    return found


def _rehab_files(c: Counting) -> list:
    """Hồ sơ cai nghiện has no date in the rosters: counted when it appears between the two snapshots."""
    before = c.earlier("addicts")
    return [p.hamlet_code for p in c.after.addicts if p.has_rehab_file
            and not (p.key in before and before[p.key].has_rehab_file)]


def _hotspots_cleared(c: Counting) -> list:
    before = c.earlier("hotspots")
    found = []
    for h in c.after.hotspots:
        old = before.get(h.key)
        undated = (h.cleared_on is None and not hotspot_active(h, c.period.end)
                   and old is not None and hotspot_active(old, c.period.before))
        if h.cleared_on in c.period or undated:
            found.append(h.hamlet_code)
    return found


def _households_signed(c: Counting) -> list:
    before = c.earlier("households")
    found = []
    for h in c.after.households:
        old = before.get(h.key)
        undated_new = h.signed_on is None and not (old is not None and signed_by(old, c.period.before))
        if h.signed and (h.signed_on in c.period or undated_new):
            found.append(h.hamlet_code)
    return found


@dataclass(frozen=True)
class Metric:
    id: str
    section: str  # "situation" (at the end of the period) or "changes" (within it)
    group: str
    label: str
    needs: tuple[str, ...]  # the rosters it reads: None when none of them was ever imported
    items: Callable[[Counting], list]  # one hamlet code per counted record
    definition: str
    per_hamlet: bool = True


METRICS: tuple[Metric, ...] = (
    Metric("addicts", "situation", "Người nghiện ma túy", "Tổng số", ("addicts",), _people("addicts"),
           "người nghiện trên địa bàn (trừ người đã chuyển đi, đã chết)"),
    Metric("addicts_psychosis", "situation", "Người nghiện ma túy", "Loạn thần",
           ("addicts",), _people("addicts", lambda p, day: p.psychosis),
           "người nghiện có biểu hiện loạn thần, “ngáo đá” (cột Loạn thần)"),
    Metric("addicts_young", "situation", "Người nghiện ma túy", "Thanh, thiếu niên",
           ("addicts",), _people("addicts", _young), "người nghiện từ 30 tuổi trở xuống"),
    Metric("addicts_minor", "situation", "Người nghiện ma túy", "Chưa thành niên",
           ("addicts",), _people("addicts", _minor), "người nghiện dưới 18 tuổi"),
    Metric("users", "situation", "Người sử dụng trái phép", "Tổng số", ("users",), _people("users"),
           "người sử dụng trái phép chất ma túy trên địa bàn"),
    Metric("users_young", "situation", "Người sử dụng trái phép", "Thanh, thiếu niên",
           ("users",), _people("users", _young), "người sử dụng trái phép từ 30 tuổi trở xuống"),
    Metric("users_minor", "situation", "Người sử dụng trái phép", "Chưa thành niên",
           ("users",), _people("users", _minor), "người sử dụng trái phép dưới 18 tuổi"),
    Metric("post_rehab", "situation", "Người sau cai nghiện", "Đang quản lý", ("post_rehab",), _post_rehab,
           "người sau cai nghiện trên địa bàn đang trong thời hạn quản lý (Quản lý đến ngày chưa qua)"),
    Metric("post_rehab_young", "situation", "Người sau cai nghiện", "Thanh, thiếu niên",
           ("post_rehab",), lambda c: _post_rehab(c, _young), "người sau cai nghiện từ 30 tuổi trở xuống"),
    Metric("hotspots_active", "situation", "Điểm, tụ điểm", "Còn hoạt động", ("hotspots",),
           lambda c: [h.hamlet_code for h in c.after.hotspots if hotspot_active(h, c.period.end)],
           "điểm, tụ điểm chưa triệt xóa vào ngày cuối kỳ"),
    Metric("households", "situation", "Hộ gia đình", "Số hộ", ("households",), lambda c: [],
           "số hộ: số hộ trong danh sách, hoặc số hộ khai ở ThonTo / DiaBan nếu lớn hơn"),
    Metric("households_signed_total", "situation", "Hộ gia đình", "Đã ký cam kết", ("households",),
           lambda c: [h.hamlet_code for h in c.after.households if signed_by(h, c.period.end)],
           "hộ đã ký cam kết tính đến ngày cuối kỳ"),
    Metric("models", "situation", "Mô hình", "Hiệu quả", ("models",),
           lambda c: [None for m in c.after.models if model_effective(m, c.period.end)],
           "mô hình phòng, chống ma túy đang duy trì hiệu quả", per_hamlet=False),
    Metric("post_rehab_new", "changes", "Người sau cai nghiện", "Mới", ("post_rehab",), _post_rehab_new,
           "người bắt đầu bị quản lý sau cai nghiện trong kỳ"),
    Metric("post_rehab_gone", "changes", "Người sau cai nghiện", "Thôi quản lý", ("post_rehab",), _post_rehab_gone,
           "người hết thời hạn quản lý sau cai, chuyển đi, chết hoặc ra khỏi danh sách trong kỳ"),
    Metric("management_files", "changes", "Hồ sơ lập trong kỳ", "Quản lý", ("addicts", "users", "post_rehab"),
           _management_files, "hồ sơ quản lý người nghiện, người sử dụng, người sau cai lập trong kỳ "
                              "(theo Ngày lập hồ sơ)"),
    Metric("rehab_files", "changes", "Hồ sơ lập trong kỳ", "Cai nghiện", ("addicts",), _rehab_files,
           "hồ sơ áp dụng hình thức cai nghiện: danh sách không ghi ngày lập, nên tính theo các lần nhập "
           "có ngày số liệu (--effective) trước và trong kỳ"),
    Metric("hotspots_found", "changes", "Điểm, tụ điểm", "Phát hiện", ("hotspots",),
           lambda c: [h.hamlet_code for h in c.after.hotspots if h.found_on in c.period],
           "điểm, tụ điểm phát hiện trong kỳ (theo Ngày phát hiện)"),
    Metric("hotspots_cleared", "changes", "Điểm, tụ điểm", "Triệt xóa", ("hotspots",), _hotspots_cleared,
           "điểm, tụ điểm triệt xóa trong kỳ (theo Ngày triệt xóa)"),
    Metric("households_signed", "changes", "Hộ gia đình", "Ký cam kết", ("households",), _households_signed,
           "hộ ký cam kết trong kỳ (theo Ngày ký)"),
    Metric("models_new", "changes", "Mô hình", "Thành lập", ("models",),
           lambda c: [None for m in c.after.models if m.founded_on in c.period],
           "mô hình thành lập trong kỳ (theo Ngày thành lập)", per_hamlet=False),
)
BY_ID = {m.id: m for m in METRICS}
SECTIONS = {"situation": "Tình hình cuối kỳ", "changes": "Kết quả trong kỳ"}


# --- The report --------------------------------------------------------------------

@dataclass
class Row:
    code: str  # hamlet code, ward slug, or "" for a total
    name: str
    values: dict[str, int | None]
    total: bool = False


@dataclass
class WardSituation:
    ward: WardInfo
    rows: list[Row]  # one per hamlet (and "Không rõ thôn, tổ" when needed)
    total: Row
    missing: list[str]  # rosters never imported
    unknown_age: int = 0  # people counted without a birth date or year
    households_by_hamlet: int | None = None  # set when the total Số hộ is the ward's declared figure, larger

    def declared_note(self) -> str:
        """Why the total Số hộ is more than its rows: it is the figure the ward declared (issue 15, item 9)."""
        if self.households_by_hamlet is None:
            return ""
        from lacha.report.console import vn_number

        return (f"Số hộ ở dòng tổng ({vn_number(self.total.values['households'])}) là số hộ địa bàn khai báo, "
                f"lớn hơn tổng số hộ theo từng thôn, tổ ({vn_number(self.households_by_hamlet)}).")


@dataclass
class SituationReport:
    period: Period
    wards: list[WardSituation]
    all_wards: bool
    total: Row | None = None  # with --all: every ward together
    bands: dict[str, AgeBand] = field(default_factory=lambda: AGE_BANDS)
    metrics: tuple[Metric, ...] = METRICS


def ward_situation(before: WardSnapshot, after: WardSnapshot, period: Period) -> WardSituation:
    counting = Counting(before, after, period)
    hamlets = [(h.key, h.name) for h in after.hamlets]
    known = {code for code, _ in hamlets}
    counted = {m.id: m.items(counting) for m in METRICS}
    if any(code not in known for m in METRICS if m.per_hamlet for code in counted[m.id]):
        hamlets.append(("", UNKNOWN_HAMLET))
    rows = [Row(code, name, {}) for code, name in hamlets]
    total = Row(after.ward.slug, after.ward.name, {}, total=True)
    for m in METRICS:
        available = any(r in after.imported for r in m.needs)
        codes = [x if x in known else "" for x in counted[m.id]]
        for row in rows:
            row.values[m.id] = codes.count(row.code) if available and m.per_hamlet else None
        total.values[m.id] = len(counted[m.id]) if available else None
    by_hamlet = _household_counts(after, rows, total)
    people = [p for roster in ("addicts", "users", "post_rehab") for p in getattr(after, roster)]
    unknown_age = sum(age_on(p, period.end) is None for p in people if on_territory(p))
    missing = sorted({r for m in METRICS for r in m.needs if r not in after.imported})
    return WardSituation(after.ward, rows, total, missing, unknown_age, by_hamlet)


def _household_counts(after: WardSnapshot, rows: list[Row], total: Row) -> int | None:
    """Số hộ: listed households, or the count ThonTo / DiaBan declares when larger (cli.md's denominator).
    Returns the sum over the rows when the total is instead the ward's declared figure (None otherwise)."""
    if "households" not in after.imported:
        return None
    declared = {h.key: h.households_declared or 0 for h in after.hamlets}
    for row in rows:
        listed = sum(h.hamlet_code == row.code for h in after.households)
        row.values["households"] = max(listed, declared.get(row.code, 0))
    counted = max(sum(r.values["households"] for r in rows), len(after.households))
    total.values["households"] = max(counted, after.ward.households_declared or 0)
    return counted if total.values["households"] > counted else None


def sum_rows(rows: list[Row], name: str) -> Row:
    values = {}
    for m in METRICS:
        known = [r.values[m.id] for r in rows if r.values.get(m.id) is not None]
        values[m.id] = sum(known) if known else None
    return Row("", name, values, total=True)


def check_period(start: dt.date | None, end: dt.date | None) -> Period:
    if start is None or end is None:
        raise UsageError("Cần ghi kỳ báo cáo: --from NGÀY --to NGÀY, ví dụ --from 01/06/2024 --to 30/06/2024 "
                         "(cả hai ngày đều được tính).")
    if start > end:
        raise UsageError(f"--from ({start.strftime('%d/%m/%Y')}) sau --to ({end.strftime('%d/%m/%Y')}) — "
                         "ngày đầu kỳ phải trước hoặc bằng ngày cuối kỳ.")
    return Period(start, end)


def situation_report(engine: Engine, start: dt.date | None, end: dt.date | None, ward: str | None = None,
                     all_wards: bool = False) -> SituationReport:
    """The report for one ward (named, or the only one) or, with ``all_wards``, every ward of the database."""
    if ward and all_wards:
        raise UsageError("Dùng --ward hoặc --all, không dùng cả hai.")
    period = check_period(start, end)
    with engine.connect() as conn:
        if all_wards:
            wards = list_wards(conn)
            if not wards:
                raise UsageError("Cơ sở dữ liệu chưa có địa bàn nào — nhập danh sách trước: lacha import TỆP.xlsx.")
        else:
            wards = [pick_ward(conn, ward)]
        pairs = [(load_snapshot(conn, w, period.before), load_snapshot(conn, w, period.end)) for w in wards]
    situations = [ward_situation(before, after, period) for before, after in pairs]
    total = sum_rows([s.total for s in situations], "Tổng cộng") if all_wards else None
    return SituationReport(period, situations, all_wards, total)
