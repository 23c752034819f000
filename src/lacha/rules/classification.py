"""Trọng điểm phức tạp về ma túy, loại I / II / III or none — Quyết định 28/2025/QĐ-TTg (national-2025.md).

Five criteria, measured on the ward's snapshot; thresholds per class are
parameters in classification.toml beside this file:
  (a) addicts + illegal users with a management file, on the territory, against the population;
  (b) active places organising or harbouring drug use (hotspot type "Điểm tổ chức, chứa chấp sử dụng");
  (c) people arrested for drug crimes (ViPham, Bị bắt giữ) in the window, against the population;
  (d) drug plants found and destroyed in the window (CayMaTuy: Số cây, Diện tích);
  (đ) on a drug route (DiaBan) and meeting at least 2 of (a) – (d) at loại III or above.
Loại I: at least 3 criteria at the loại I thresholds; loại II: at least 3 at loại II or above; loại III:
at least 1. A class is *confirmed* only when the verdict does not hang on a threshold that is not
confirmed from the official text (``verified = false``); otherwise every output says
"ngưỡng chưa đối chiếu văn bản gốc". Bands are minimums: meeting loại I implies meeting II and III.
"""

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

from lacha.errors import InputError
from lacha.rules import checks
from lacha.rules.model import UNVERIFIED, Parameter
from lacha.rules.params import load_parameters
from lacha.snapshot import WardSnapshot
from lacha.vocab import HotspotType

CLASSES = ("I", "II", "III")
DECISION = "Quyết định 28/2025/QĐ-TTg ngày 24/8/2025"
PARAMETERS = load_parameters(__file__)
TITLES = {
    "a": "Tỉ lệ người nghiện, người sử dụng trái phép chất ma túy có hồ sơ quản lý trên dân số hiện đang cư trú",
    "b": "Số điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy",
    "c": "Tỉ lệ người phạm tội về ma túy bị bắt giữ trên dân số hiện đang cư trú",
    "d": "Cây có chứa chất ma túy được phát hiện, triệt phá (số cây hoặc diện tích)",
    "đ": "Có từ 02 tiêu chí của xã trọng điểm loại III trở lên và nằm trên tuyến trọng điểm về ma túy",
}


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    value: float | int | None  # ratio for (a) and (c); count for (b), (d) plants and (đ)
    unit: str  # 'ratio', 'places', 'plants', 'criteria'
    shown: str  # the measured value as an officer reads it
    thresholds: tuple[tuple[str, str, bool], ...]  # (class, '≥ 0,5%', verified)
    met_for: tuple[str, ...]
    certain: tuple[str, ...]  # classes for which met / not met does not hang on an unconfirmed threshold
    note: str = ""
    extra: Mapping = None  # (d): {'area_m2': …}

    @property
    def verified(self) -> bool:
        return set(self.certain) == set(CLASSES)


@dataclass(frozen=True)
class Classification:
    ward: object
    as_of: object
    cls: str | None
    verified: bool  # the verdict does not hang on an unconfirmed threshold
    measures: tuple[Measure, ...]
    population: int | None
    note: str
    parameters: Mapping[str, Parameter]


def validate(parameters: Mapping[str, Parameter]) -> None:
    """Bands must not rise from loại I to loại III (a lower class has a lower or equal threshold)."""
    for key in ("a_percent", "b_places", "c_percent", "d_plants", "d_area"):
        values = [parameters[f"{key}_{c}"].value for c in CLASSES]
        if not values[0] >= values[1] >= values[2] > 0:
            raise InputError(f"Ngưỡng {key}: loại I ≥ loại II ≥ loại III > 0 (đang là {values}) — sửa giá trị.")


validate(PARAMETERS)


def _pct(value: Fraction) -> str:
    return f"{float(value * 100):.3f}".rstrip("0").rstrip(",.").replace(".", ",") + "%"


def _num(n) -> str:
    text = f"{n:,.2f}".rstrip("0").rstrip(".") if isinstance(n, float) else f"{n:,}"
    return text.replace(",", "·").replace(".", ",").replace("·", ".")


def _bands(value: Fraction | None, limits: dict[str, tuple[Fraction, bool]]) -> tuple[dict, dict]:
    """met[c] and known[c] for one measured value against each class's minimum."""
    met = {c: value is not None and value > 0 and value >= limits[c][0] for c in CLASSES}
    known = {c: value is not None and (value == 0 or limits[c][1]) for c in CLASSES}
    return met, known


def _combine(alternatives: list[tuple[dict, dict]]) -> tuple[dict, dict]:
    """Met when any alternative is met (number of plants OR area); then bands are monotone."""
    met = {c: any(m[c] for m, _ in alternatives) for c in CLASSES}
    known = {c: any(m[c] and k[c] for m, k in alternatives) or all(k[c] for _, k in alternatives) for c in CLASSES}
    for i, c in enumerate(CLASSES):
        if not known[c] and any(met[h] and known[h] for h in CLASSES[:i]):
            met[c] = known[c] = True
        elif not known[c] and any(not met[low] and known[low] for low in CLASSES[i + 1:]):
            met[c], known[c] = False, True
    return met, known


def _limits(p: Mapping[str, Parameter], key: str, scale: int = 1) -> dict[str, tuple[Fraction, bool]]:
    return {c: (Fraction(str(p[f"{key}_{c}"].value)) / scale, p[f"{key}_{c}"].verified) for c in CLASSES}


def _shown_limits(p: Mapping[str, Parameter], key: str, fmt) -> list[tuple[str, str, bool]]:
    return [(c, "≥ " + fmt(p[f"{key}_{c}"].value), p[f"{key}_{c}"].verified) for c in CLASSES]


def _measure(mid, value, unit, shown, thresholds, met_known, note="", extra=None) -> Measure:
    met, known = met_known
    return Measure(mid, TITLES[mid], value, unit, shown, tuple(thresholds), tuple(c for c in CLASSES if met[c]),
                   tuple(c for c in CLASSES if known[c]), note, extra or {})


def _population(s: WardSnapshot) -> tuple[int | None, str]:
    if s.ward.population:
        return s.ward.population, ""
    total = sum(h.population or 0 for h in s.hamlets)
    if total:
        return total, "Dân số lấy theo tổng Dân số các thôn, tổ (sheet ThonTo) vì sheet DiaBan chưa ghi."
    return None, "Chưa có Dân số (sheet DiaBan) — không tính được tỉ lệ."


def classify(s: WardSnapshot, p: Mapping[str, Parameter] = PARAMETERS) -> "Classification":
    as_of, months = s.as_of, p["window_months"].value
    population, pop_note = _population(s)
    pct = lambda v: _pct(Fraction(str(v)) / 100)  # noqa: E731
    measures = []

    managed = sum(1 for r in ("addicts", "users") for x in getattr(s, r)
                  if checks.on_territory(x) and checks.managed(x, as_of))
    ratio = Fraction(managed, population) if population and {"addicts", "users"} <= s.imported else None
    note = pop_note or ("" if ratio is not None else checks.missing_note(["addicts", "users"]))
    measures.append(_measure("a", None if ratio is None else float(ratio), "ratio",
                             f"{_pct(ratio)} ({_num(managed)}/{_num(population)} người)" if ratio is not None else "—",
                             _shown_limits(p, "a_percent", pct),
                             _combine([_bands(ratio, _limits(p, "a_percent", 100))]), note))

    places = sum(1 for h in s.hotspots if h.type == HotspotType.USE_VENUE.value and checks.hotspot_active(h, as_of))
    places_v = places if "hotspots" in s.imported else None
    measures.append(_measure("b", places_v, "places", f"{places} điểm" if places_v is not None else "—",
                             _shown_limits(p, "b_places", lambda v: f"{v} điểm"),
                             _combine([_bands(None if places_v is None else Fraction(places), _limits(p, "b_places"))]),
                             "" if places_v is not None else checks.missing_note(["hotspots"])))

    arrested = sum(1 for v in s.violations if v.arrested and checks.in_window(v.found_on, as_of, months))
    ratio = Fraction(arrested, population) if population and "violations" in s.imported else None
    note = pop_note or ("" if ratio is not None else checks.missing_note(["violations"]))
    measures.append(_measure("c", None if ratio is None else float(ratio), "ratio",
                             f"{_pct(ratio)} ({_num(arrested)}/{_num(population)} người)" if ratio is not None else "—",
                             _shown_limits(p, "c_percent", pct),
                             _combine([_bands(ratio, _limits(p, "c_percent", 100))]),
                             (note + f" Thời gian xét: {checks.window_text(as_of, months)}.").strip()))

    found = [x for x in s.plants if checks.in_window(x.found_on, as_of, months)]
    count, area = sum(x.plant_count or 0 for x in found), sum(x.area_m2 or 0 for x in found)
    known = "plants" in s.imported
    measures.append(_measure(
        "d", count if known else None, "plants", f"{_num(count)} cây; {_num(float(area))} m²" if known else "—",
        [(c, f"≥ {_num(p[f'd_plants_{c}'].value)} cây hoặc ≥ {_num(p[f'd_area_{c}'].value)} m²",
          p[f"d_plants_{c}"].verified and p[f"d_area_{c}"].verified) for c in CLASSES],
        _combine([_bands(Fraction(count) if known else None, _limits(p, "d_plants")),
                  _bands(Fraction(str(area)) if known else None, _limits(p, "d_area"))]),
        (("" if known else checks.missing_note(["plants"])) + f" Thời gian xét: {checks.window_text(as_of, months)}.")
        .strip(), {"area_m2": float(area) if known else None}))

    measures.append(_route(s, p, measures))
    return _verdict(s, p, population, measures)


def _route(s: WardSnapshot, p: Mapping[str, Parameter], measures: list[Measure]) -> Measure:
    need = p["dd_criteria"].value
    sure = sum(1 for m in measures if "III" in m.met_for and "III" in m.certain)
    possible = sum(1 for m in measures if "III" in m.met_for or "III" not in m.certain)
    at_iii = sum(1 for m in measures if "III" in m.met_for)
    thresholds = [(c, f"trên tuyến và ≥ {need} tiêu chí từ loại III", p["dd_criteria"].verified) for c in CLASSES]
    if s.ward.on_route is None:  # unknown route: (đ) is still surely unmet when too few of (a) – (d) can be met
        return _measure("đ", None, "criteria", "chưa ghi", thresholds, ({c: False for c in CLASSES},
                        {c: possible < need for c in CLASSES}), "Sheet DiaBan chưa ghi “Nằm trên tuyến trọng điểm”.")
    met = bool(s.ward.on_route) and at_iii >= need
    known = (not s.ward.on_route) or sure >= need or possible < need
    where = "nằm trên tuyến trọng điểm" if s.ward.on_route else "không nằm trên tuyến trọng điểm"
    return _measure("đ", at_iii, "criteria", f"{where}; {at_iii} tiêu chí (a) – (d) từ loại III", thresholds,
                    ({c: met for c in CLASSES}, {c: known for c in CLASSES}))


def _verdict(s, p, population, measures: list[Measure]) -> Classification:
    verdict, above_ruled_out, confirmed = None, True, False
    for c in CLASSES:
        need = p[f"min_met_{c}"].value
        met = sum(1 for m in measures if c in m.met_for)
        sure = sum(1 for m in measures if c in m.met_for and c in m.certain)
        possible = sum(1 for m in measures if c in m.met_for or c not in m.certain)
        if met >= need:
            verdict, confirmed = c, above_ruled_out and sure >= need
            break
        above_ruled_out = above_ruled_out and possible < need
    if verdict is None:
        confirmed = above_ruled_out
    label = f"trọng điểm phức tạp về ma túy loại {verdict}" if verdict else "không thuộc địa bàn trọng điểm"
    note = f"Phân loại theo {DECISION}: {label}."
    if not confirmed:
        note += f" Lưu ý: kết luận phụ thuộc {UNVERIFIED} (xem các ngưỡng đánh dấu *)."
    return Classification(s.ward, s.as_of, verdict, confirmed, tuple(measures), population, note, p)
