"""Trọng điểm phức tạp về ma túy, loại I / II / III or none — QĐ 28/2025/QĐ-TTg, Điều 4 (qd28-2025.md).

Measured on one ward's snapshot for one kỳ đánh giá (rules/period.py):
  (a) addicts + illegal users with a management file, on the territory, against the population;
  (b) Điều 2.1 venues (điểm tổ chức, chứa chấp sử dụng — suspected or proven, active on the date);
  (c) people arrested for drug crimes (ViPham, Bị bắt giữ) in the period, against the population;
  (d) drug plants found and destroyed in the period (CayMaTuy: Số cây, Diện tích);
  (đ) on a route, with at least 2 of (a) – (d): for loại I at the loại II band or above, for loại II
      above zero (b: ≥ 1 venue). đ never counts itself.
Each of (a) – (d) reaches a *level*: "I" (loại I band), "II" (loại II band), "III" (above zero; not for b,
loại III has no venue criterion) or none. A level meets its loại and every lower one (qd28-2025.md).
Loại I: ≥ 3 criteria at loại I; loại II: ≥ 3 at loại II or above; loại III: ≥ 1 of a, c, d above zero.
A measure resting on an unreviewed list (or a review older than the period's start) is unknown ("—"):
the class is then not determinable (``cls`` None, ``determinable`` False, ``missing`` names the sheets).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Mapping

from lacha.errors import InputError
from lacha.rules import checks
from lacha.rules.model import Parameter
from lacha.rules.params import load_parameters
from lacha.rules.period import Period, period_holding
from lacha.snapshot import WardSnapshot

CLASSES = ("I", "II", "III")
DECISION = "Quyết định 28/2025/QĐ-TTg ngày 24/8/2025"
LAW = "QĐ 28/2025/QĐ-TTg"
PARAMETERS = load_parameters(__file__)
SHEETS = {"addicts": "NguoiNghien", "users": "NguoiSuDung", "violations": "ViPham", "hotspots": "DiemTuDiem",
          "plants": "CayMaTuy", "ward": "DiaBan"}
TITLES = {
    "a": "Tỷ lệ người nghiện và người sử dụng trái phép chất ma túy có hồ sơ quản lý so với số nhân khẩu "
         "hiện đang cư trú trên địa bàn",
    "b": "Số điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy (Điều 2 khoản 1)",
    "c": "Tỷ lệ đối tượng phạm tội về ma túy bị bắt giữ trên địa bàn so với số nhân khẩu hiện đang cư trú",
    "d": "Số cây có chứa chất ma túy hoặc diện tích trồng cây có chứa chất ma túy bị phát hiện, triệt phá",
    "đ": "Có từ 2 tiêu chí nêu trên và nằm trên tuyến trọng điểm phức tạp về ma túy nội tỉnh hoặc liên tỉnh",
}
# The point of Điều 4 each criterion is, per loại (loại III: a → a, c → b, d → c; no b, no đ).
POINTS = {"I": {"a": "a", "b": "b", "c": "c", "d": "d", "đ": "đ"},
          "II": {"a": "a", "b": "b", "c": "c", "d": "d", "đ": "đ"},
          "III": {"a": "a", "c": "b", "d": "c"}}
CLAUSE = {"I": 1, "II": 2, "III": 3}
READING_BANDS = ("Tiêu chí đạt ở mức loại cao hơn thì cũng đạt tiêu chí tương ứng của loại thấp hơn (Điều 4 khoản 1 "
                 "điểm đ và khoản 2 điểm đ tính “loại II trở lên”, “loại III trở lên”).")
READING_III = ("Loại III (Điều 4 khoản 3): lacha đọc “dưới 0,1%”, “dưới 0,05%”, “dưới 500 cây … dưới 125 m2” là "
               "có số liệu lớn hơn 0 ở bất kỳ mức nào; số liệu bằng 0 không thuộc loại III; loại III không có "
               "tiêu chí về điểm tổ chức, chứa chấp.")
READING_DD = ("Điểm đ: loại I cần từ 2 tiêu chí (a) – (d) đạt từ mức loại II trở lên (b: từ 1 điểm), loại II cần "
              "từ 2 tiêu chí (a) – (d) có số liệu lớn hơn 0 (b: từ 1 điểm), cùng với nằm trên tuyến trọng điểm; "
              "điểm đ không tự tính mình.")
GAP = "không thuộc loại I/II/III theo Điều 4, nhưng chưa đạt tiêu chí không ma túy (Điều 6 khoản 3)"
BOTH = "đồng thời thuộc loại {cls} (Điều 4) và đạt tiêu chí không ma túy (Điều 6) — đề nghị UBND tỉnh xem xét"


def citation(cls: str, mid: str | None = None) -> str:
    base = f"{LAW}, Điều 4 khoản {CLAUSE[cls]}"
    return f"{base} điểm {POINTS[cls][mid]}" if mid else base


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    value: float | int | None  # ratio for (a) and (c); count for (b), (d) plants and (đ); None: unknown
    unit: str  # 'ratio', 'places', 'plants', 'criteria'
    shown: str  # the measured value as an officer reads it ("—" when unknown)
    thresholds: tuple[tuple[str, str, bool], ...]  # (class, '≥ 0,5%', verified)
    met_for: tuple[str, ...]
    known: bool = True
    missing: tuple[str, ...] = ()  # sheets whose list is not evidence
    note: str = ""
    extra: Mapping = field(default_factory=dict)  # (d): {'area_m2': …}
    verified: bool = True  # every threshold it is compared with is confirmed text

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(citation(c, self.id) for c in self.met_for if self.id in POINTS[c])


@dataclass(frozen=True)
class Classification:
    ward: object
    as_of: dt.date
    cls: str | None  # None: no loại — or, when not determinable, "chưa xác định"
    verified: bool  # every threshold used is confirmed text
    measures: tuple[Measure, ...]
    population: int | None
    note: str
    parameters: Mapping[str, Parameter]
    period: Period | None = None
    determinable: bool = True
    missing: tuple[str, ...] = ()
    readings: tuple[str, ...] = ()
    citation: str = ""
    gap: bool = False  # only one venue: no loại, yet fails Điều 6 khoản 3
    khong_ma_tuy: bool | None = None  # Điều 6, computed apart (classify.with_dieu_6); None: not known
    both_note: str = ""  # qd28-2025.md: a loại of Điều 4 and Điều 6 met together

    @property
    def criteria(self) -> tuple[Measure, ...]:
        return self.measures


def validate(parameters: Mapping[str, Parameter]) -> None:
    """The loại I band lies above the loại II band, and both above zero."""
    for key in ("a_percent", "b_places", "c_percent", "d_plants", "d_area"):
        values = [parameters[f"{key}_{c}"].value for c in ("I", "II")]
        if not values[0] > values[1] > 0:
            raise InputError(f"Ngưỡng {key}: loại I > loại II > 0 (đang là {values}) — sửa giá trị.")


validate(PARAMETERS)


def _pct(value: Fraction) -> str:
    return f"{float(value * 100):.3f}".rstrip("0").rstrip(",.").replace(".", ",") + "%"


def _num(n) -> str:
    text = f"{n:,.2f}".rstrip("0").rstrip(".") if isinstance(n, float) else f"{n:,}"
    return text.replace(",", "·").replace(".", ",").replace("·", ".")


def _level(value: Fraction | None, low_i: Fraction, low_ii: Fraction, iii: bool = True) -> str | None:
    if value is None or value <= 0:
        return None
    if value >= low_i:
        return "I"
    if value >= low_ii:
        return "II"
    return "III" if iii else None


def _met_for(level: str | None, iii: bool = True) -> tuple[str, ...]:
    if level is None:
        return ()
    met = CLASSES[CLASSES.index(level):]
    return met if iii else tuple(c for c in met if c != "III")


def _higher(a: str | None, b: str | None) -> str | None:
    for c in CLASSES:
        if c in (a, b):
            return c
    return None


def _lim(p: Mapping[str, Parameter], key: str, c: str, scale: int = 1) -> Fraction:
    return Fraction(str(p[f"{key}_{c}"].value)) / scale


def _verified(p: Mapping[str, Parameter], *keys: str) -> bool:
    return all(p[k].verified for k in keys)


def _fresh(s: WardSnapshot, kinds: list[str], period: Period) -> tuple[list[str], str]:
    """Sheets of ``kinds`` that are not evidence for the period: unreviewed, or reviewed before it began."""
    missing, notes = [], []
    for kind in checks.unreviewed(s, kinds):
        missing.append(SHEETS[kind])
        notes.append(f"Danh sách {checks.ROSTER_NAMES[kind]} chưa được rà soát (sheet trống hoặc chưa nhập) — "
                     f"ghi danh sách, hoặc ghi “Không có” nếu không có ai.")
    for kind in kinds:
        review = s.review(kind)
        if SHEETS[kind] in missing or review is None or review.reviewed_on is None:
            continue
        if review.reviewed_on < period.start:
            missing.append(SHEETS[kind])
            notes.append(f"Danh sách {checks.ROSTER_NAMES[kind]} rà soát ngày {review.reviewed_on:%d/%m/%Y}, "
                         f"trước {period.text()} — rà soát lại trong kỳ.")
    return missing, " ".join(notes)


def _population(s: WardSnapshot) -> tuple[int | None, str]:
    if s.ward.population:
        return s.ward.population, ""
    total = sum(h.population or 0 for h in s.hamlets)
    if total:
        return total, "Dân số lấy theo tổng Dân số các thôn, tổ (sheet ThonTo) vì sheet DiaBan chưa ghi."
    return None, "Chưa có Dân số (sheet DiaBan) — không tính được tỉ lệ."


def classify(s: WardSnapshot, p: Mapping[str, Parameter] = PARAMETERS, period: Period | None = None) \
        -> Classification:
    """One ward's loại under Điều 4, counted in ``period`` (default: the kỳ đánh giá holding the as-of date)."""
    period = period or period_holding(s.as_of)
    as_of = period.as_of
    population, pop_note = _population(s)
    pct = lambda v: _pct(Fraction(str(v)) / 100)  # noqa: E731
    in_period = f"Trong {period.text()}."
    measures: list[Measure] = []

    # (a)
    missing, note = _fresh(s, ["addicts", "users"], period)
    if population is None:
        missing.append(SHEETS["ward"])
    managed = sum(1 for r in ("addicts", "users") for x in getattr(s, r)
                  if checks.on_territory(x) and checks.managed(x, as_of))
    ratio = Fraction(managed, population) if population and not missing else None
    level = _level(ratio, _lim(p, "a_percent", "I", 100), _lim(p, "a_percent", "II", 100))
    measures.append(Measure(
        "a", TITLES["a"], None if ratio is None else float(ratio), "ratio",
        f"{_pct(ratio)} ({_num(managed)}/{_num(population)} người)" if ratio is not None else "—",
        (("I", f"≥ {pct(p['a_percent_I'].value)}", p["a_percent_I"].verified),
         ("II", f"{pct(p['a_percent_II'].value)} – < {pct(p['a_percent_I'].value)}", p["a_percent_II"].verified),
         ("III", "> 0", True)),
        _met_for(level), ratio is not None, tuple(missing), " ".join(x for x in (pop_note, note) if x),
        verified=_verified(p, "a_percent_I", "a_percent_II")))

    # (b)
    missing, note = _fresh(s, ["hotspots"], period)
    places = sum(1 for h in s.hotspots if checks.use_venue(h, as_of))
    known = not missing
    level = _level(Fraction(places) if known else None, _lim(p, "b_places", "I"), _lim(p, "b_places", "II"),
                   iii=False)
    measures.append(Measure(
        "b", TITLES["b"], places if known else None, "places", f"{places} điểm" if known else "—",
        (("I", f"≥ {p['b_places_I'].value} điểm", p["b_places_I"].verified),
         ("II", f"{p['b_places_II'].value} điểm", p["b_places_II"].verified),
         ("III", "không có tiêu chí này", True)),
        _met_for(level, iii=False), known, tuple(missing), note,
        verified=_verified(p, "b_places_I", "b_places_II")))

    # (c)
    missing, note = _fresh(s, ["violations"], period)
    if population is None:
        missing.append(SHEETS["ward"])
    arrested = sum(1 for v in s.violations if v.arrested and period.contains(v.found_on))
    ratio = Fraction(arrested, population) if population and not missing else None
    level = _level(ratio, _lim(p, "c_percent", "I", 100), _lim(p, "c_percent", "II", 100))
    measures.append(Measure(
        "c", TITLES["c"], None if ratio is None else float(ratio), "ratio",
        f"{_pct(ratio)} ({_num(arrested)}/{_num(population)} người)" if ratio is not None else "—",
        (("I", f"≥ {pct(p['c_percent_I'].value)}", p["c_percent_I"].verified),
         ("II", f"{pct(p['c_percent_II'].value)} – < {pct(p['c_percent_I'].value)}", p["c_percent_II"].verified),
         ("III", "> 0", True)),
        _met_for(level), ratio is not None, tuple(missing), " ".join(x for x in (pop_note, note, in_period) if x),
        verified=_verified(p, "c_percent_I", "c_percent_II")))

    # (d)
    missing, note = _fresh(s, ["plants"], period)
    found = [x for x in s.plants if period.contains(x.found_on)]
    count, area = sum(x.plant_count or 0 for x in found), sum(x.area_m2 or 0 for x in found)
    known = not missing
    level = None
    if known:
        level = _higher(_level(Fraction(count), _lim(p, "d_plants", "I"), _lim(p, "d_plants", "II")),
                        _level(Fraction(str(area)), _lim(p, "d_area", "I"), _lim(p, "d_area", "II")))
    measures.append(Measure(
        "d", TITLES["d"], count if known else None, "plants",
        f"{_num(count)} cây; {_num(float(area))} m²" if known else "—",
        (("I", f"≥ {_num(p['d_plants_I'].value)} cây hoặc ≥ {_num(p['d_area_I'].value)} m²",
          _verified(p, "d_plants_I", "d_area_I")),
         ("II", (f"{_num(p['d_plants_II'].value)} – < {_num(p['d_plants_I'].value)} cây hoặc "
                 f"{_num(p['d_area_II'].value)} – < {_num(p['d_area_I'].value)} m²"),
          _verified(p, "d_plants_II", "d_area_II")),
         ("III", "> 0 cây hoặc > 0 m²", True)),
        _met_for(level), known, tuple(missing), " ".join(x for x in (note, in_period) if x),
        {"area_m2": float(area) if known else None},
        verified=_verified(p, "d_plants_I", "d_area_I", "d_plants_II", "d_area_II")))

    measures.append(_route(s, p, measures))
    return _verdict(s, p, population, measures, period)


def route_met(on_route: bool, measures: list[Measure], need: int) -> tuple[str, ...]:
    """Điểm đ: loại I with ≥ need of (a) – (d) at the loại II band or above; loại II with ≥ need above zero."""
    if not on_route:
        return ()
    at_ii = sum(1 for m in measures if _at_least_ii(m))
    above_zero = sum(1 for m in measures if m.met_for)
    return tuple(c for c, n in (("I", at_ii), ("II", above_zero)) if n >= need)


def _at_least_ii(m: Measure) -> bool:
    # (b) meets loại II with 1 venue; (a), (c), (d) meet loại II at the loại II band or above.
    return "II" in m.met_for


def _route(s: WardSnapshot, p: Mapping[str, Parameter], measures: list[Measure]) -> Measure:
    need = p["dd_criteria"].value
    ok = p["dd_criteria"].verified
    thresholds = (("I", f"trên tuyến và ≥ {need} tiêu chí (a) – (d) từ mức loại II", ok),
                  ("II", f"trên tuyến và ≥ {need} tiêu chí (a) – (d) có số liệu", ok),
                  ("III", "không có tiêu chí này", True))
    at_ii = sum(1 for m in measures if _at_least_ii(m))
    above = sum(1 for m in measures if m.met_for)
    counted = f"{at_ii} tiêu chí từ mức loại II, {above} tiêu chí có số liệu"
    if s.ward.on_route is None:
        return Measure("đ", TITLES["đ"], None, "criteria", f"chưa ghi tuyến; {counted}", thresholds, (), False,
                       ("DiaBan",), "Sheet DiaBan chưa ghi “Nằm trên tuyến trọng điểm”.", verified=ok)
    where = "nằm trên tuyến trọng điểm" if s.ward.on_route else "không nằm trên tuyến trọng điểm"
    return Measure("đ", TITLES["đ"], above, "criteria", f"{where}; {counted}", thresholds,
                   route_met(bool(s.ward.on_route), measures, need), True, (), READING_DD, verified=ok)


def _class_of(measures: list[Measure], p: Mapping[str, Parameter]) -> str | None:
    for c in CLASSES:
        if sum(1 for m in measures if c in m.met_for) >= p[f"min_met_{c}"].value:
            return c
    return None


def _verdict(s, p, population, measures: list[Measure], period: Period) -> Classification:
    missing = tuple(dict.fromkeys(sheet for m in measures if not m.known for sheet in m.missing))
    list_missing = any(not m.known for m in measures if m.id != "đ")
    cls: str | None
    if list_missing:
        cls, determinable = None, False
    elif not measures[-1].known:  # only the route is unstated: determinable when it does not matter
        base = measures[:-1]
        options = {_class_of(base + [replace(measures[-1], met_for=route_met(r, base, p["dd_criteria"].value),
                                             known=True)], p) for r in (True, False)}
        determinable = len(options) == 1
        cls = options.pop() if determinable else None
    else:
        cls, determinable = _class_of(measures, p), True
    verified = all(m.verified for m in measures) and all(x.verified for x in p.values())
    gap = bool(determinable and cls is None and any(m.id == "b" and m.met_for for m in measures))
    readings = (READING_BANDS, READING_III, READING_DD)
    if not determinable:
        label = "chưa xác định loại (thiếu số liệu: " + ", ".join(missing) + ")"
        cite = citation("I").rsplit(" khoản", 1)[0]
    elif cls is None:
        label = GAP if gap else "không thuộc địa bàn trọng điểm phức tạp về ma túy"
        cite = f"{LAW}, Điều 4" + (", Điều 6 khoản 3" if gap else "")
    else:
        label = f"trọng điểm phức tạp về ma túy loại {cls}"
        points = [POINTS[cls][m.id] for m in measures if cls in m.met_for and m.id in POINTS[cls]]
        cite = citation(cls) + (" điểm " + ", ".join(points) if points else "")
    note = f"Phân loại theo {DECISION}: {label} — {cite}; số liệu trong {period.text()}."
    return Classification(s.ward, period.as_of, cls, verified, tuple(measures), population, note, p, period,
                          determinable, missing, readings, cite, gap)


def with_dieu_6(c: Classification, met: bool | None) -> Classification:
    """The classification with the không ma túy verdict of Điều 6 beside it (computed independently)."""
    both = BOTH.format(cls=c.cls) if met and c.cls else ""
    return replace(c, khong_ma_tuy=met, both_note=both)


def venue_shown(s: WardSnapshot, as_of: dt.date) -> list:
    """The Điều 2.1 venues active on the date (shared by classify and the national profile's criterion 3)."""
    return [h for h in s.hotspots if checks.use_venue(h, as_of)]

