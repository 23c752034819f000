"""The built-in checks a province's profile file may compose (``check = "…"`` in ``[[criteria]]``).

Each entry names one reusable check of rules/checks.py (the same ones the
built-in profiles use), what it tests in Vietnamese, the rosters it reads and
its parameters with their defaults. A default is a built-in profile's own
parameter, with that parameter's source and ``verified`` flag.
"""

from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping

from lacha.rules import checks
from lacha.rules.model import Outcome, Parameter, PartOutcome
from lacha.rules.profiles import haiphong_tdp_2026 as haiphong
from lacha.rules.profiles import kontum_2024 as kontum
from lacha.rules.scope import scoped_hamlet
from lacha.snapshot import WardSnapshot
from lacha.vocab import HotspotType, SuspectType

ALL_HOTSPOTS = tuple(t.value for t in HotspotType)
SUSPECT_GROUPS = (SuspectType.PERSON.value, SuspectType.GROUP.value, SuspectType.NETWORK.value)


@dataclass(frozen=True)
class CheckSpec:
    name: str
    description: str
    reads: tuple[str, ...]
    run: Callable[[WardSnapshot, Mapping[str, Any]], Outcome]
    params: Mapping[str, Parameter]


def _param(name: str, value, description: str, choices: tuple[str, ...] = (), unit: str = "",
           source: str = "mặc định của lacha", verified: bool = True) -> Parameter:
    return Parameter(name, value, source, verified, description, unit, choices)


def _from(profile_params: Mapping[str, Parameter], name: str, description: str) -> Parameter:
    """A built-in profile's parameter (its value, source, verified flag) as a check's default."""
    return replace(profile_params[name], description=description)


def _hotspots_or_retailers(s, v):
    found, _ = checks.placed_hotspots(s, frozenset(v["hotspot_types"]), scoped_hamlet(s))
    found += checks.active_suspects(s, frozenset({SuspectType.RETAILER.value}))
    return checks.none_found(s, ("hotspots", "suspects"), found, "điểm, tụ điểm hoặc đối tượng bán lẻ đang hoạt động")


def _suspects(s, v):
    return checks.none_found(s, ("suspects",), checks.active_suspects(s, frozenset(v["suspect_types"])),
                             "đối tượng, ổ nhóm, đường dây nghi vấn đang theo dõi")


def _addict_files(s, v):
    return checks.all_parts([
        PartOutcome("1", "Người nghiện trên địa bàn có hồ sơ quản lý", checks.addicts_managed(s)),
        PartOutcome("2", "Người nghiện có mặt được lập hồ sơ cai nghiện", checks.present_addicts_with_rehab_file(s)),
        PartOutcome("3", "Người sau cai nghiện có hồ sơ quản lý sau cai", checks.post_rehab_managed(s)),
    ])


def _households_and_hamlets(s, v):
    return checks.all_parts([
        PartOutcome("1", "Hộ gia đình ký cam kết", checks.households_signed(s)),
        PartOutcome("2", "Thôn, tổ dân phố có hòm thư tố giác và bảng niêm yết đường dây nóng",
                    checks.hamlets_equipped(s)),
    ], sum_counts=False)


def _plants(s, v):
    months = v["plant_window_months"]
    outcome = checks.none_found(s, ("plants",), checks.plant_findings(s, months),
                                "lần phát hiện cây có chứa chất ma túy")
    return replace(outcome, note=f"{outcome.note} Thời gian xét: {checks.window_text(s.as_of, months)}.")


_HOTSPOT_TYPES = _param("hotspot_types", ALL_HOTSPOTS, "Loại điểm đang hoạt động làm tiêu chí chưa đạt",
                        tuple(t.value for t in HotspotType))

CATALOG: dict[str, CheckSpec] = {spec.name: spec for spec in (
    CheckSpec("no_hotspots_or_retailers", "Không có điểm, tụ điểm (các loại đã chọn) đang hoạt động và không có "
              "đối tượng bán lẻ đang theo dõi (như kontum-2024 điểm a)", ("hotspots", "suspects"),
              _hotspots_or_retailers, {"hotspot_types": _HOTSPOT_TYPES}),
    CheckSpec("no_hotspots", "Không có điểm, tụ điểm (các loại đã chọn) đang hoạt động (như haiphong-tdp-2026 "
              "tiêu chí 3)", ("hotspots",), haiphong.no_use_venues, {"hotspot_types": _HOTSPOT_TYPES}),
    CheckSpec("no_suspects", "Không có đối tượng, ổ nhóm, đường dây nghi vấn đang theo dõi (như kontum-2024 điểm b)",
              ("suspects",), _suspects,
              {"suspect_types": _param("suspect_types", SUSPECT_GROUPS, "Loại đối tượng nghi vấn được xét",
                                       tuple(t.value for t in SuspectType))}),
    CheckSpec("addict_files", "100% người nghiện có hồ sơ quản lý, người nghiện có mặt có hồ sơ cai nghiện, người "
              "sau cai có hồ sơ quản lý sau cai (như kontum-2024 điểm c)", ("addicts", "post_rehab"),
              _addict_files, {}),
    CheckSpec("addicts_managed", "100% người nghiện trên địa bàn có hồ sơ quản lý", ("addicts",),
              lambda s, v: checks.addicts_managed(s), {}),
    CheckSpec("present_addicts_rehab_file", "100% người nghiện có mặt được lập hồ sơ áp dụng hình thức cai nghiện",
              ("addicts",), lambda s, v: checks.present_addicts_with_rehab_file(s), {}),
    CheckSpec("post_rehab_managed", "100% người sau cai nghiện có hồ sơ quản lý sau cai", ("post_rehab",),
              lambda s, v: checks.post_rehab_managed(s), {}),
    CheckSpec("present_users_managed", "100% người sử dụng trái phép có mặt được lập hồ sơ quản lý (như kontum-2024 "
              "điểm d)", ("users",), lambda s, v: checks.present_users_managed(s), {}),
    CheckSpec("households_signed", "100% hộ gia đình ký cam kết; mẫu số là số lớn nhất giữa số dòng và Số hộ khai báo",
              ("households", "hamlets"), lambda s, v: checks.households_signed(s), {}),
    CheckSpec("hamlets_equipped", "100% thôn, tổ dân phố có hòm thư tố giác và bảng niêm yết đường dây nóng",
              ("hamlets",), lambda s, v: checks.hamlets_equipped(s), {}),
    CheckSpec("households_and_hamlets", "Cả hai: hộ gia đình ký cam kết và thôn, tổ có hòm thư, bảng đường dây nóng "
              "(như laocai-2023 tiêu chí 5)", ("households", "hamlets"), _households_and_hamlets, {}),
    CheckSpec("effective_models", "Có ít nhất N mô hình phòng, chống ma túy đang duy trì hiệu quả", ("models",),
              lambda s, v: checks.effective_models(s, v["min_models"]),
              {"min_models": _from(kontum.PARAMETERS, "min_models", "Số mô hình tối thiểu đang duy trì hiệu quả")}),
    CheckSpec("no_present_addicts_or_users", "Không có người nghiện, người sử dụng trái phép có mặt, trừ các hình "
              "thức cai nghiện được trừ (như haiphong-tdp-2026 tiêu chí 1)", ("addicts", "users"),
              haiphong.no_resident_addicts_or_users,
              {"exempt_rehab_forms": _from(haiphong.PARAMETERS, "exempt_rehab_forms",
                                           "Hình thức cai nghiện được trừ (người sau cai luôn được trừ)")}),
    CheckSpec("no_violators", "Không có người cư trú vi phạm pháp luật về ma túy trong cửa sổ thời gian, không có "
              "đối tượng truy nã lẩn trốn (như haiphong-tdp-2026 tiêu chí 2)", ("violations",), haiphong.no_violators,
              {"violation_window_months": _from(haiphong.PARAMETERS, "violation_window_months",
                                                "Thời gian xét vi phạm, tính đến ngày đánh giá; 0 = mọi vi phạm")}),
    CheckSpec("no_drug_plants", "Không phát hiện cây có chứa chất ma túy trong cửa sổ thời gian", ("plants",), _plants,
              {"plant_window_months": _param("plant_window_months", 12, "Thời gian xét phát hiện cây có chứa chất "
                                             "ma túy, tính đến ngày đánh giá; 0 = mọi lần phát hiện", unit="tháng",
                                             verified=False)}),
)}


def names() -> str:
    return ", ".join(CATALOG)
