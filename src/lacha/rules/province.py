"""The province level of QĐ 28/2025/QĐ-TTg: Điều 5 (tỉnh trọng điểm) and the province's Điều 6 (qd28-2025.md,
"Province level"). Pure: no database; lacha.province_classify feeds it the communes' figures.

Names. A province is compared folded and without its prefix (Tỉnh, Thành phố, TP.). The 34 units after the
2025 rearrangement and the units each absorbed are data (provinces_2025.toml beside this file): for a period
ending after 1/7/2025 an absorbed name resolves to its successor, with a warning.

Điều 5: trọng điểm when at least 4 of its 6 criteria are met. A figure summed over communes is "met" once the
communes whose lists are known already reach the threshold (a list not yet reviewed can only add to it);
"not met" only when every commune's figure is known; otherwise unknown. The verdict is "trọng điểm" with ≥ 4
met, "không trọng điểm" when even every unknown met leaves it < 4, else "chưa xác định" (None).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from lacha.rules.period import Period
from lacha.text import fold

LAW = "QĐ 28/2025/QĐ-TTg"
DATA_FILE = Path(__file__).with_name("provinces_2025.toml")
PREFIXES = ("tinh ", "thanh pho ", "tp ")
MIN_MET = 4  # Điều 5: "có ít nhất 4 trong các tiêu chí"

# Điều 5, clause by clause: (id, title, threshold as printed)
CRITERIA = (
    ("1", ("Tỷ lệ người nghiện, người sử dụng trái phép chất ma túy có hồ sơ quản lý so với số nhân khẩu hiện "
           "đang cư trú trên địa bàn cấp tỉnh"), "≥ 0,2%"),
    ("2", "Số điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy (Điều 2 khoản 1)", "≥ 5 điểm"),
    ("3", "Tỷ lệ đối tượng phạm tội về ma túy bị bắt giữ so với số nhân khẩu cấp tỉnh", "≥ 0,05%"),
    ("4", ("Tỷ lệ số xã, phường, đặc khu trọng điểm phức tạp về ma túy loại I, II so với tổng số xã, phường, "
           "đặc khu trên địa bàn"), "≥ 3%"),
    ("5", "Số cây có chứa chất ma túy hoặc diện tích trồng cây có chứa chất ma túy bị phát hiện, triệt phá",
     "≥ 8.000 cây hoặc ≥ 2.000 m²"),
    ("6", "Nằm trên tuyến trọng điểm phức tạp về ma túy liên tỉnh", "có"),
)
RATE_1 = Fraction(2, 1000)  # 0,2%
VENUES_2 = 5
RATE_3 = Fraction(5, 10000)  # 0,05%
SHARE_4 = Fraction(3, 100)  # 3%
PLANTS_5, AREA_5 = 8000, 2000
READING_BOUND = ("Tiêu chí cộng từ các xã: đạt khi số liệu các xã đã có đã đủ ngưỡng (danh sách chưa rà soát chỉ có "
                 "thể làm số liệu tăng thêm); chưa đạt chỉ khi mọi xã đều có số liệu; còn lại là chưa xác định.")
READING_VERDICT = ("Tỉnh trọng điểm khi đạt từ 4 tiêu chí (Điều 5); không trọng điểm khi kể cả các tiêu chí chưa xác "
                   "định đều đạt vẫn dưới 4; còn lại là chưa xác định.")
READING_DIEU_6 = ("Tỉnh đạt tiêu chí không ma túy (Điều 6) khi mọi xã, phường, đặc khu của tỉnh đều đạt Điều 6 và "
                  "danh sách của mọi xã đã được rà soát; một xã chưa đạt thì tỉnh chưa đạt.")


def citation(clause: str | int) -> str:
    return f"{LAW}, Điều 5 khoản {clause}"


# ── the 34 provinces ────────────────────────────────────────────────────────

def key(name: object) -> str:
    """'Tỉnh Hòa Bình', 'Hoà Bình', 'TP. Hồ Chí Minh' → 'hoa binh', 'hoa binh', 'ho chi minh'."""
    folded = fold(name)
    for prefix in PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            return folded[len(prefix):]
    return folded


@dataclass(frozen=True)
class Unit:
    name: str  # the successor as written officially
    absorbed: tuple[str, ...] = ()
    former: tuple[str, ...] = ()


@dataclass(frozen=True)
class Provinces:
    source: str
    effective: dt.date
    units: tuple[Unit, ...]
    successor_of: dict[str, Unit] = field(default_factory=dict)  # key of any name → its unit after the merger
    old_name: dict[str, str] = field(default_factory=dict)  # key of an old name → that name as written

    def successor(self, name: object) -> Unit | None:
        return self.successor_of.get(key(name))

    def absorbed(self, name: object) -> bool:
        """The name is not its unit's own name after the merger (absorbed or renamed)."""
        unit = self.successor(name)
        return unit is not None and key(unit.name) != key(name)


def _problem(message: str) -> ValueError:
    return ValueError(f"{DATA_FILE.name}: {message}")


@lru_cache(maxsize=1)
def provinces() -> Provinces:
    """The dataset, loaded and checked once (34 units; 63 old units = absorbed + unchanged; no name twice)."""
    data = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    units = tuple(Unit(u["name"], tuple(u.get("absorbed", ())), tuple(u.get("former", ()))) for u in data["province"])
    if len(units) != 34:
        raise _problem(f"{len(units)} units, expected 34")
    successor_of: dict[str, Unit] = {}
    old_name: dict[str, str] = {}
    old_units = 0
    for unit in units:
        names = (unit.name, *unit.absorbed, *unit.former)
        old_units += len(unit.absorbed) or 1
        for name in dict.fromkeys(names):
            k = key(name)
            if k in successor_of and successor_of[k] is not unit:
                raise _problem(f"'{name}' belongs to two units")
            successor_of[k] = unit
            old_name.setdefault(k, name)
    if old_units != 63:
        raise _problem(f"{old_units} old units, expected 63")
    return Provinces(data["source"], data["effective"], units, successor_of, old_name)


def merged_for(period_end: dt.date) -> bool:
    """A period ending after 1/7/2025 counts the provinces as rearranged."""
    return period_end > provinces().effective


def canonical(name: object, period_end: dt.date) -> str:
    """The key a commune's "Tỉnh/Thành phố" is grouped under for a period: the successor after the merger (an
    earlier name of the same unit too), the name itself before it."""
    unit = provinces().successor(name)
    if unit is None:
        return key(name)
    if merged_for(period_end) or key(name) in {key(f) for f in unit.former}:
        return key(unit.name)
    return key(name)


def display(name_key: str, fallback: str) -> str:
    """The official name for a key, else ``fallback`` (a name the dataset does not know)."""
    data = provinces()
    unit = data.successor_of.get(name_key)
    if unit is not None and key(unit.name) == name_key:
        return unit.name
    return data.old_name.get(name_key, fallback)


def successor_warning(name: object, period_end: dt.date) -> str | None:
    """'Tỉnh Kon Tum đã nhập vào Tỉnh Quảng Ngãi từ 01/07/2025 …' for an absorbed name, after the merger."""
    data = provinces()
    unit = data.successor(name)
    if unit is None or not data.absorbed(name) or not merged_for(period_end):
        return None
    written = data.old_name.get(key(name), str(name))
    how = "đổi tên thành" if key(name) in {key(f) for f in unit.former} else "sáp nhập vào"
    return (f"{written} đã {how} {unit.name} từ ngày {data.effective:%d/%m/%Y} ({data.source}): lacha tính theo "
            f"{unit.name}, gồm các xã ghi tên tỉnh cũ.")


# ── Điều 5 ──────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class CommuneFigures:
    """One commune's share of the province's figures; a field None when its list is not evidence."""

    slug: str
    name: str
    population: int | None
    managed: int | None  # addicts + users with a management file, on the territory
    venues: int | None  # Điều 2.1 venues active on the date
    arrested: int | None  # arrested in the period
    plants: int | None
    area_m2: float | None
    cls: str | None
    determinable: bool
    khong_ma_tuy: bool | None
    missing: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    threshold: str
    met: bool | None
    shown: str
    value: float | int | None
    citation: str
    note: str = ""


@dataclass(frozen=True)
class ProvinceResult:
    province: str
    period: Period
    criteria: tuple[Criterion, ...]
    communes: tuple[CommuneFigures, ...]
    trong_diem: bool | None
    khong_ma_tuy: bool | None
    missing_communes: tuple[tuple[str, str], ...] = ()  # (code, name) listed but not in the database
    unlisted: tuple[str, ...] = ()  # slugs of the province in the database but not in --communes
    warnings: tuple[str, ...] = ()
    route_source: str = ""
    verified: bool = True  # Điều 5 is confirmed text; False when a commune's thresholds were overridden
    readings: tuple[str, ...] = (READING_BOUND, READING_VERDICT, READING_DIEU_6)

    @property
    def met(self) -> int:
        return sum(c.met is True for c in self.criteria)

    @property
    def unknown(self) -> int:
        return sum(c.met is None for c in self.criteria)

    @property
    def verdict(self) -> str:
        if self.trong_diem is None:
            return "chưa xác định"
        return "trọng điểm phức tạp về ma túy" if self.trong_diem else "không thuộc địa bàn trọng điểm phức tạp về ma túy"


def _pct(value: Fraction) -> str:
    return f"{float(value * 100):.3f}".rstrip("0").rstrip(",.").replace(".", ",") + "%"


def _num(n: float) -> str:
    text = f"{n:,.2f}".rstrip("0").rstrip(".") if isinstance(n, float) else f"{n:,}"
    return text.replace(",", "·").replace(".", ",").replace("·", ".")


def _unknown_note(names: list[str]) -> str:
    return "Chưa có số liệu của: " + ", ".join(names) + "." if names else ""


def _rate(communes, attr: str, threshold: Fraction, cid: str, title: str, limit: str, extra_note: str = "") \
        -> Criterion:
    population_unknown = [c.name for c in communes if c.population is None]
    unknown = [c.name for c in communes if getattr(c, attr) is None]
    known = sum(getattr(c, attr) or 0 for c in communes)
    note = " ".join(x for x in (_unknown_note(sorted(set(population_unknown + unknown))), extra_note) if x)
    if population_unknown or not communes:
        return Criterion(cid, title, limit, None, "—", None, citation(cid), note)
    population = sum(c.population for c in communes)
    ratio = Fraction(known, population) if population else Fraction(0)
    met = True if ratio >= threshold else (None if unknown else False)
    shown = f"{_pct(ratio)} ({_num(known)}/{_num(population)} người)" + (" — chưa đủ các xã" if unknown else "")
    return Criterion(cid, title, limit, met, shown, float(ratio) if not unknown or met else None, citation(cid), note)


def dieu_5(communes: tuple[CommuneFigures, ...], total_communes: int, missing_files: int,
           inter_provincial_route: bool | None, period_text: str, route_note: str = "") -> tuple[Criterion, ...]:
    """The six criteria of Điều 5 over the province's communes (``total_communes``: the denominator of 4)."""
    titles = {cid: (title, limit) for cid, title, limit in CRITERIA}
    in_period = f"Trong {period_text}."
    out = [_rate(communes, "managed", RATE_1, "1", *titles["1"])]

    unknown = [c.name for c in communes if c.venues is None]
    venues = sum(c.venues or 0 for c in communes)
    met = True if venues >= VENUES_2 else (None if unknown or missing_files else False)
    out.append(Criterion("2", *titles["2"], met, f"{venues} điểm" + (" — chưa đủ các xã" if met is None else ""),
                         venues if met is not None else None, citation(2), _unknown_note(unknown)))

    out.append(_rate(communes, "arrested", RATE_3, "3", *titles["3"], extra_note=in_period))

    undetermined = [c.name for c in communes if not c.determinable]
    heavy = sum(1 for c in communes if c.determinable and c.cls in ("I", "II"))
    share = Fraction(heavy, total_communes) if total_communes else Fraction(0)
    # qd28-2025.md, province level: "every commune must be classifiable, else the criterion is unknown"
    met = None if undetermined or missing_files or not total_communes else share >= SHARE_4
    note = " ".join(x for x in (
        ("Chưa xác định được loại của: " + ", ".join(undetermined) + ".") if undetermined else "",
        f"Thiếu tệp của {missing_files} xã trong danh sách." if missing_files else "") if x)
    out.append(Criterion("4", *titles["4"], met,
                         f"{_pct(share)} ({heavy}/{total_communes} xã loại I, II)" if total_communes else "—",
                         float(share) if met is not None else None, citation(4), note))

    unknown = [c.name for c in communes if c.plants is None]
    plants = sum(c.plants or 0 for c in communes)
    area = sum(c.area_m2 or 0 for c in communes)
    met = True if plants >= PLANTS_5 or area >= AREA_5 else (None if unknown or missing_files else False)
    out.append(Criterion("5", *titles["5"], met, f"{_num(plants)} cây; {_num(float(area))} m²"
                         + (" — chưa đủ các xã" if met is None else ""), plants if met is not None else None,
                         citation(5), " ".join(x for x in (_unknown_note(unknown), in_period) if x)))

    shown = {True: "có", False: "không", None: "chưa ghi"}[inter_provincial_route]
    out.append(Criterion("6", *titles["6"], inter_provincial_route, shown, inter_provincial_route, citation(6),
                         route_note))
    if missing_files:  # a commune without its file: its population is unknown, so is either rate
        out = [_unsure(c) if c.id in ("1", "3") else c for c in out]
    return tuple(out)


def _unsure(c: Criterion) -> Criterion:
    return Criterion(c.id, c.title, c.threshold, None, c.shown + " — thiếu tệp của xã", None, c.citation, c.note)


def verdict(criteria: tuple[Criterion, ...]) -> bool | None:
    met = sum(c.met is True for c in criteria)
    unknown = sum(c.met is None for c in criteria)
    if met >= MIN_MET:
        return True
    if met + unknown < MIN_MET:
        return False
    return None


def dieu_6(communes: tuple[CommuneFigures, ...], missing_files: int) -> bool | None:
    """The province's không ma túy: False when any commune fails Điều 6, True when every one meets it."""
    if any(c.khong_ma_tuy is False for c in communes):
        return False
    if missing_files or not communes or any(c.khong_ma_tuy is None for c in communes):
        return None
    return True
