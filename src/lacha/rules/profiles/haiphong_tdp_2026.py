"""``haiphong-tdp-2026`` — "Tổ dân phố không ma túy", phường Thủy Nguyên, TP Hải Phòng.

Source: Kế hoạch triển khai xây dựng mô hình “Tổ dân phố không ma túy” trên
địa bàn phường Thủy Nguyên (UBND phường Thủy Nguyên, 2026), mục II.2 "Tiêu chí
thực hiện" (three criteria), mục II.1.2 and II.4 (roadmap). Seed
004_e05f409f95897f50.txt.

Scored per thôn / tổ dân phố (``level = "hamlet"``): assess runs each check on
one hamlet's records (rules/scope.py). Exemptions, the violation window, the
hotspot types and the roadmap are parameters in haiphong_tdp_2026.toml.
"""

from lacha.rules import checks
from lacha.rules.citation import DocumentRef
from lacha.rules.model import Criterion, Outcome, Profile, Status, Values
from lacha.rules.params import load_parameters
from lacha.rules.roadmap import validate
from lacha.rules.scope import scoped_hamlet
from lacha.snapshot import WardSnapshot

PLAN = "Kế hoạch xây dựng mô hình “Tổ dân phố không ma túy” phường Thủy Nguyên, TP Hải Phòng (2026)"
SECTION = f"{PLAN}, mục II.2"
PARAMETERS = load_parameters(__file__)
validate(PARAMETERS["roadmap"].value, "haiphong_tdp_2026.toml [roadmap]")


def no_resident_addicts_or_users(s: WardSnapshot, v: Values) -> Outcome:
    exempt = tuple(v["exempt_rehab_forms"])
    # "Không có người hiện đang cư trú trên địa bàn nghiện ma túy, sử dụng trái phép chất ma túy,"
    # "trừ người đang tham gia điều trị nghiện ma túy bằng thuốc thay thế, người đang cai nghiện tại gia đình,
    # cộng đồng" — present addicts whose Hình thức cai nghiện is one of ``exempt``; every present user counts.
    found = checks.present_not_exempt(s, exempt)
    # "… và người đang bị quản lý sau cai nghiện ma túy" — the post-rehab roster is not read at all.
    outcome = checks.none_found(s, ("addicts", "users"), found,
                                "người nghiện, người sử dụng trái phép đang cư trú (ngoài diện được trừ)")
    spared = sum(1 for p in s.addicts if checks.present(p) and p.rehab_form in exempt)
    if spared:
        outcome = Outcome(outcome.status, outcome.numerator, outcome.denominator, outcome.failing,
                          outcome.note + f" Được trừ: {spared} người nghiện có mặt đang điều trị thay thế hoặc cai "
                          "nghiện tại gia đình, cộng đồng.")
    return outcome


def no_violators(s: WardSnapshot, v: Values) -> Outcome:
    months = v["violation_window_months"]
    # "Không có người hiện đang cư trú trên địa bàn vi phạm pháp luật về ma túy trên địa bàn,"
    # "không có đối tượng bị truy nã do phạm tội về ma túy lẫn trốn trên địa bàn"
    found = checks.resident_violators(s, months)
    outcome = checks.none_found(s, ("violations",), found, "người cư trú vi phạm hoặc đối tượng truy nã lẩn trốn")
    return Outcome(outcome.status, outcome.numerator, outcome.denominator, outcome.failing,
                   f"{outcome.note} Thời gian xét vi phạm: {checks.window_text(s.as_of, months)}.")


def no_use_venues(s: WardSnapshot, v: Values) -> Outcome:
    # "Không có điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy."
    found, unplaced = checks.placed_hotspots(s, frozenset(v["hotspot_types"]), scoped_hamlet(s))
    outcome = checks.none_found(s, ("hotspots",), found, "điểm tổ chức, chứa chấp sử dụng đang hoạt động")
    if outcome.status is Status.PASS and unplaced:
        return Outcome(Status.INSUFFICIENT, 0, None, tuple(unplaced),
                       f"Có {len(unplaced)} điểm đang hoạt động chưa ghi Thôn/Tổ — không biết có thuộc tổ này "
                       "không; ghi cột Thôn/Tổ trong sheet DiemTuDiem.")
    return outcome


PROFILE = Profile(
    id="haiphong-tdp-2026",
    title="Tổ dân phố không ma túy — phường Thủy Nguyên, TP Hải Phòng (2026)",
    source=SECTION,
    # the copy lacha has (seed 004) leaves the number and date blank: "Số: /KH-UBND", "ngày tháng năm 2026"
    document=DocumentRef("Kế hoạch", "Ủy ban nhân dân phường Thủy Nguyên",
                         "về triển khai xây dựng mô hình “Tổ dân phố không ma túy” trên địa bàn phường Thủy Nguyên"),
    level="hamlet",
    description="Ba tiêu chí “Tổ dân phố không ma túy”, chấm riêng từng thôn, tổ dân phố; "
                "so với lộ trình 2026 – 2035 của kế hoạch.",
    parameters=PARAMETERS,
    criteria=(
        Criterion("1", "Không có người hiện đang cư trú trên địa bàn nghiện ma túy, sử dụng trái phép chất ma túy, trừ "
                       "người đang tham gia điều trị nghiện ma túy bằng thuốc thay thế, người đang cai nghiện tại gia "
                       "đình, cộng đồng và người đang bị quản lý sau cai nghiện ma túy.",
                  "Không có người nghiện, người sử dụng đang cư trú (trừ diện được trừ)", f"{SECTION}, tiêu chí 1",
                  ("addicts", "users"), no_resident_addicts_or_users,
                  "Vận động, đưa người được nêu đi cai nghiện (tại gia đình, cộng đồng, điều trị thay thế) hoặc "
                  "lập hồ sơ cai nghiện bắt buộc; cập nhật Hình thức cai nghiện và Tình trạng trong sheet "
                  "NguoiNghien, NguoiSuDung.", uses=("exempt_rehab_forms",)),
        Criterion("2", "Không có người hiện đang cư trú trên địa bàn vi phạm pháp luật về ma túy trên địa bàn, không có "
                       "đối tượng bị truy nã do phạm tội về ma túy lẫn trốn trên địa bàn.",
                  "Không có người vi phạm, đối tượng truy nã lẩn trốn", f"{SECTION}, tiêu chí 2", ("violations",),
                  no_violators,
                  "Xác minh từng trường hợp trong sheet ViPham (Ngày phát hiện, Tình trạng xử lý); phối hợp truy "
                  "bắt đối tượng truy nã.", uses=("violation_window_months",)),
        Criterion("3", "Không có điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy.",
                  "Không có điểm tổ chức, chứa chấp sử dụng", f"{SECTION}, tiêu chí 3", ("hotspots",), no_use_venues,
                  "Triệt xóa các điểm còn hoạt động; ghi Ngày triệt xóa và Thôn/Tổ trong sheet DiemTuDiem.",
                  uses=("hotspot_types",)),
    ),
)
