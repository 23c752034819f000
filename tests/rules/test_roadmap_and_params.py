"""The Hải Phòng roadmap scaled to a ward's hamlets; parameters as data (every profile's TOML file)."""

import datetime as dt

import pytest

from lacha.assess import evaluate
from lacha.errors import InputError
from lacha.rules import roadmap
from lacha.rules.params import override
from lacha.rules.profiles import PROFILES

from .helpers import make_snapshot

STEPS = PROFILES["haiphong-tdp-2026"].parameters["roadmap"].value


def test_the_plan_roadmap_for_its_own_56_hamlets():
    targets = roadmap.scaled(STEPS, 56)
    assert [(t.year, t.hamlets) for t in targets] == [(2026, 23), (2027, 27), (2030, 32), (2035, 56)]


@pytest.mark.parametrize("hamlets, expected", [(10, [5, 6, 7, 10]), (1, [1, 1, 1, 1]), (0, [0, 0, 0, 0]),
                                               (112, [46, 53, 62, 112])])
def test_the_roadmap_is_scaled_to_the_ward_and_rounded_up(hamlets, expected):
    assert [t.hamlets for t in roadmap.scaled(STEPS, hamlets)] == expected


def test_the_current_target_is_the_first_not_yet_past():
    targets = roadmap.scaled(STEPS, 56)
    assert roadmap.current(targets, 2026).year == 2026
    assert roadmap.current(targets, 2028).year == 2030
    assert roadmap.current(targets, 2036) is None


def test_a_malformed_roadmap_step_is_refused():
    with pytest.raises(InputError, match="count \\+ of"):
        roadmap.validate([{"year": 2026, "count": 3}])


def _haiphong_ward(passing: int, total: int, as_of=dt.date(2026, 12, 31)):
    hamlets = [{"key": f"T{i}"} for i in range(total)]
    addicts = [{"key": f"A{i}", "hamlet_code": f"T{i}"} for i in range(passing, total)]
    return evaluate(PROFILES["haiphong-tdp-2026"], make_snapshot({"hamlets": hamlets, "addicts": addicts}, as_of))


def test_summary_counts_hamlets_meeting_every_criterion_against_the_scaled_target():
    a = _haiphong_ward(passing=5, total=10)
    assert (a.summary.hamlets, a.summary.passed) == (10, 5)
    assert a.summary.current.year == 2026 and a.summary.current.hamlets == 5
    assert "đã đạt" in a.summary.note and "quy đổi cho 10" in a.summary.note
    assert not a.passed  # not every hamlet passes


def test_summary_says_how_many_hamlets_are_still_missing():
    a = _haiphong_ward(passing=2, total=10)
    assert "còn thiếu 3" in a.summary.note


@pytest.mark.parametrize("profile_id", list(PROFILES))
def test_every_parameter_has_a_source_and_a_verified_flag(profile_id):
    for p in PROFILES[profile_id].parameters.values():
        assert p.source.strip() and isinstance(p.verified, bool) and p.description
    for c in PROFILES[profile_id].criteria:
        assert set(c.uses) <= set(PROFILES[profile_id].parameters), c.id


def test_exemptions_are_exactly_methadone_home_and_community():
    exempt = PROFILES["haiphong-tdp-2026"].parameters["exempt_rehab_forms"]
    assert set(exempt.value) == {"Methadone", "Tự nguyện tại gia đình", "Tự nguyện tại cộng đồng"}


def test_an_override_accepts_the_officers_spelling_of_a_rehab_form():
    exempt = PROFILES["haiphong-tdp-2026"].parameters["exempt_rehab_forms"]
    changed = override(exempt, ["Điều trị thay thế", "tu nguyen tai gia dinh"], "tệp x.toml")
    assert changed.value == ("Methadone", "Tự nguyện tại gia đình") and changed.source == "tệp x.toml"


def test_an_override_of_the_wrong_shape_is_refused():
    window = PROFILES["haiphong-tdp-2026"].parameters["violation_window_months"]
    with pytest.raises(InputError, match="violation_window_months"):
        override(window, "mười hai", "tệp x.toml")
    with pytest.raises(InputError, match="không phải giá trị hợp lệ"):
        override(PROFILES["haiphong-tdp-2026"].parameters["exempt_rehab_forms"], ["Bắt buộc", "Tại chùa"], "x")


def test_national_criteria_are_confirmed_text_citing_dieu_6_with_no_caveat():
    profile = PROFILES["national-2025"]
    a = evaluate(profile, make_snapshot({}, dt.date(2025, 12, 14)))
    for r in a.results:
        assert "chưa đối chiếu" not in r.note and not r.caveats
        assert r.criterion.source == f"QĐ 28/2025/QĐ-TTg, Điều 6 khoản {r.criterion.id}" and r.criterion.verified
    assert "chưa đối chiếu" not in profile.title + profile.source + profile.description
    assert "Hải Phòng" not in profile.title + profile.source + profile.description
