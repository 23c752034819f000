"""Trọng điểm classification (QĐ 28/2025/QĐ-TTg): every threshold at, just below and just above its
value; the class logic; and that a verdict resting on an unconfirmed threshold is flagged."""

import datetime as dt

import pytest

from lacha.classify import with_overrides
from lacha.errors import InputError
from lacha.rules.classification import PARAMETERS, classify

from .helpers import make_snapshot

AS_OF = dt.date(2025, 12, 31)
POPULATION = 10_000


def snapshot(managed=0, places=0, arrested=0, plants=0, area=0.0, on_route=False, population=POPULATION,
             imported=None, **extra):
    data = {
        "addicts": [{"key": f"A{i}", "hamlet_code": "T1", "has_management_file": True} for i in range(managed)],
        "hotspots": [{"key": f"D{i}", "type": "Điểm tổ chức, chứa chấp sử dụng"} for i in range(places)],
        "violations": [{"key": f"V{i}", "hamlet_code": "T1", "arrested": True, "found_on": dt.date(2025, 6, 1)}
                       for i in range(arrested)],
        "plants": [{"key": "P1", "plant_count": plants, "area_m2": area, "found_on": dt.date(2025, 3, 1)}]
        if plants or area else [],
    }
    for kind, rows in extra.items():
        data[kind] = rows
    return make_snapshot(data, AS_OF, imported, {"population": population, "on_route": on_route})


def measure(result, mid):
    return next(m for m in result.measures if m.id == mid)


# --- (a) 0.5% of residents: at, just below, just above --------------------------------------------------------
@pytest.mark.parametrize("managed, met_i", [(50, True), (49, False), (51, True)])
def test_a_loai_i_threshold_is_half_a_percent_inclusive(managed, met_i):
    m = measure(classify(snapshot(managed=managed)), "a")
    assert ("I" in m.met_for) is met_i
    assert "I" in m.certain  # the loại I threshold is confirmed
    assert m.value == pytest.approx(managed / POPULATION)


def test_a_counts_users_with_a_management_file_and_skips_people_moved_away():
    s = snapshot(managed=0, users=[{"key": f"U{i}", "hamlet_code": "T1", "has_management_file": True}
                                   for i in range(30)] + [{"key": "U99", "hamlet_code": "T1"}],
                 addicts=[{"key": f"A{i}", "hamlet_code": "T1", "has_management_file": True} for i in range(20)]
                 + [{"key": "A99", "hamlet_code": "T1", "has_management_file": True, "status": "Chuyển đi"}])
    m = measure(classify(s), "a")
    assert m.value == pytest.approx(50 / POPULATION) and "I" in m.met_for


def test_a_without_population_is_not_measured_and_not_confirmed():
    result = classify(snapshot(managed=50, population=None))
    m = measure(result, "a")
    assert m.value is None and m.met_for == () and not m.verified
    assert "Dân số" in m.note
    assert not result.verified


def test_a_population_falls_back_to_the_hamlets_total():
    s = snapshot(managed=50, population=None, hamlets=[{"key": "T1", "population": 6000},
                                                       {"key": "T2", "population": 4000}])
    m = measure(classify(s), "a")
    assert "I" in m.met_for and "ThonTo" in m.note


# --- (b) places organising or harbouring drug use -------------------------------------------------------------
@pytest.mark.parametrize("places, met_for", [(2, ("I", "II", "III")), (1, ("II", "III")), (3, ("I", "II", "III")),
                                             (0, ())])
def test_b_two_places_is_loai_i_one_place_is_loai_ii(places, met_for):
    m = measure(classify(snapshot(places=places)), "b")
    assert m.met_for == met_for and m.verified


def test_b_counts_only_active_places_of_the_organising_type():
    s = snapshot(hotspots=[{"key": "D1", "type": "Điểm tổ chức, chứa chấp sử dụng", "status": "Đã triệt xóa",
                            "cleared_on": dt.date(2025, 12, 31)},
                           {"key": "D2", "type": "Điểm bán lẻ"},
                           {"key": "D3", "type": "Điểm tổ chức, chứa chấp sử dụng", "found_on": dt.date(2026, 1, 1)}])
    assert measure(classify(s), "b").value == 0


# --- (c) arrests 0.1% (loại I), 0.05% (loại II) --------------------------------------------------------------
@pytest.mark.parametrize("arrested, met_i, met_ii", [(10, True, True), (9, False, True), (11, True, True),
                                                     (5, False, True), (4, False, False), (6, False, True)])
def test_c_arrest_thresholds_at_just_below_and_just_above(arrested, met_i, met_ii):
    m = measure(classify(snapshot(arrested=arrested)), "c")
    assert ("I" in m.met_for, "II" in m.met_for) == (met_i, met_ii)
    assert {"I", "II"} <= set(m.certain)


def test_c_arrests_outside_the_window_are_not_counted():
    s = snapshot(violations=[{"key": "V1", "hamlet_code": "T1", "arrested": True, "found_on": dt.date(2024, 12, 31)},
                             {"key": "V2", "hamlet_code": "T1", "arrested": True, "found_on": dt.date(2025, 1, 1)},
                             {"key": "V3", "hamlet_code": "T1", "arrested": False, "found_on": dt.date(2025, 5, 1)}])
    m = measure(classify(s), "c")
    assert m.value == pytest.approx(1 / POPULATION) and "12 tháng" in m.note


# --- (d) plants: 3,000 plants or 750 m² -------------------------------------------------------------------------
@pytest.mark.parametrize("plants, area, met_i", [(3000, 0, True), (2999, 0, False), (3001, 0, True),
                                                 (0, 750.0, True), (0, 749.99, False), (0, 750.01, True)])
def test_d_plant_thresholds_at_just_below_and_just_above(plants, area, met_i):
    m = measure(classify(snapshot(plants=plants, area=area)), "d")
    assert ("I" in m.met_for) is met_i
    assert "I" in m.certain


def test_d_lower_band_is_flagged_as_unconfirmed():
    m = measure(classify(snapshot(area=200.0)), "d")
    assert "II" in m.met_for and "II" not in m.certain and not m.verified


def test_d_without_the_plant_roster_is_not_measured():
    m = measure(classify(snapshot(imported={"addicts", "users", "hotspots", "violations"})), "d")
    assert m.value is None and "CayMaTuy" in m.note


# --- (đ) route ---------------------------------------------------------------------------------------------
def test_route_with_two_criteria_from_loai_iii_meets_dd():
    m = measure(classify(snapshot(places=1, arrested=5, on_route=True)), "đ")
    assert m.met_for == ("I", "II", "III") and m.verified


def test_not_on_route_never_meets_dd():
    m = measure(classify(snapshot(places=2, arrested=10, on_route=False)), "đ")
    assert m.met_for == () and m.verified


def test_route_unknown_is_not_confirmed_when_two_criteria_could_be_met():
    m = measure(classify(snapshot(places=1, arrested=5, on_route=None)), "đ")
    assert m.value is None and m.met_for == () and not m.verified and "DiaBan" in m.note


def test_route_unknown_does_not_matter_when_nothing_else_is_met():
    result = classify(snapshot(on_route=None))
    assert measure(result, "đ").verified and result.cls is None and result.verified


# --- the class -------------------------------------------------------------------------------------------------
def test_three_confirmed_loai_i_criteria_make_a_confirmed_loai_i():
    result = classify(snapshot(managed=50, places=2, arrested=10))
    assert result.cls == "I" and result.verified


def test_two_loai_i_criteria_without_the_route_are_only_loai_iii():
    result = classify(snapshot(managed=0, places=2, arrested=10))
    assert result.cls == "III"  # 2 criteria: not the 3 of loại I or II; at least 1 makes loại III


def test_confirmed_loai_ii_from_places_arrests_and_route():
    result = classify(snapshot(places=1, arrested=6, on_route=True))
    assert result.cls == "II" and result.verified


def test_loai_ii_resting_on_an_unconfirmed_band_is_flagged():
    result = classify(snapshot(managed=30, places=1, arrested=5))
    assert result.cls == "II" and not result.verified
    assert "ngưỡng chưa đối chiếu văn bản gốc" in result.note


def test_one_small_criterion_is_loai_iii_and_flagged():
    result = classify(snapshot(arrested=1))
    assert result.cls == "III" and not result.verified


def test_nothing_measured_above_zero_is_not_trong_diem_and_confirmed():
    result = classify(snapshot())
    assert result.cls is None and result.verified


# --- thresholds as data ------------------------------------------------------------------------------------
def test_every_threshold_has_a_source_and_a_verified_flag():
    for p in PARAMETERS.values():
        assert p.source and isinstance(p.verified, bool)
    assert PARAMETERS["a_percent_I"].value == 0.5 and PARAMETERS["a_percent_I"].verified
    assert not PARAMETERS["a_percent_III"].verified and not PARAMETERS["window_months"].verified


def test_an_override_can_confirm_a_threshold():
    params = with_overrides({"a_percent_II": {"value": 0.25, "source": "QĐ 28/2025 (đã đối chiếu)",
                                              "verified": True}}, "tinh.toml")
    m = measure(classify(snapshot(managed=25, places=1), params), "a")
    assert "II" in m.met_for and "II" in m.certain


def test_an_override_that_breaks_the_order_of_bands_is_refused():
    with pytest.raises(InputError, match="loại I ≥ loại II"):
        with_overrides({"a_percent_II": 0.9}, "tinh.toml")


def test_an_unknown_threshold_is_refused_listing_the_valid_ones():
    with pytest.raises(InputError, match="a_percent_I"):
        with_overrides({"a_percent_IV": 1}, "tinh.toml")
