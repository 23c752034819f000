"""``national-2025`` — "Địa bàn không ma túy" at commune level, Quyết định 28/2025/QĐ-TTg (24/8/2025).

NOT CONFIRMED: the exact wording of QĐ 28/2025's *địa bàn không ma túy*
criteria has not been checked against the official text (national-2025.md).
The closest text we hold is the Hải Phòng plan of 2026 (seed
004_e05f409f95897f50.txt, written after QĐ 28), so this profile applies those
three criteria, with the same checks, to the whole commune. Every criterion is
``verified=False`` and so are its parameters (national_2025.toml): every output
says "chưa đối chiếu văn bản gốc". The trọng điểm classification of the same
decision is rules/classification.py (``lacha classify``).
"""

from lacha.rules.model import Criterion, Profile
from lacha.rules.params import load_parameters
from lacha.rules.profiles.haiphong_tdp_2026 import no_resident_addicts_or_users, no_use_venues, no_violators

DECISION = "Quyết định 28/2025/QĐ-TTg ngày 24/8/2025 của Thủ tướng Chính phủ"
SOURCE = (f"{DECISION} — tiêu chí địa bàn không ma túy (chưa đối chiếu văn bản gốc; nội dung tạm theo KH "
          "“Tổ dân phố không ma túy” phường Thủy Nguyên, Hải Phòng 2026, mục II.2)")
PARAMETERS = load_parameters(__file__)

PROFILE = Profile(
    id="national-2025",
    title="Địa bàn cấp xã không ma túy — QĐ 28/2025/QĐ-TTg (chưa đối chiếu văn bản gốc)",
    source=SOURCE,
    level="commune",
    description="Nội dung tiêu chí QĐ 28/2025/QĐ-TTg chưa đối chiếu văn bản gốc; tạm dùng cách viết của KH Thủy "
                "Nguyên (Hải Phòng) 2026 ở cấp xã",
    parameters=PARAMETERS,
    criteria=(
        # "Không có người hiện đang cư trú trên địa bàn nghiện ma túy, sử dụng trái phép chất ma túy, trừ …"
        Criterion("1", "Không có người hiện đang cư trú trên địa bàn nghiện ma túy, sử dụng trái phép chất ma túy, trừ "
                       "người đang tham gia điều trị nghiện ma túy bằng thuốc thay thế, người đang cai nghiện tại gia "
                       "đình, cộng đồng và người đang bị quản lý sau cai nghiện ma túy.",
                  "Không có người nghiện, người sử dụng đang cư trú (trừ diện được trừ)", f"{SOURCE}, tiêu chí 1",
                  ("addicts", "users"), no_resident_addicts_or_users,
                  "Vận động, đưa người được nêu đi cai nghiện hoặc điều trị thay thế; cập nhật Hình thức cai nghiện "
                  "và Tình trạng trong sheet NguoiNghien, NguoiSuDung.",
                  uses=("exempt_rehab_forms",), verified=False),
        # "Không có người hiện đang cư trú trên địa bàn vi phạm pháp luật về ma túy …, không có đối tượng bị truy nã …"
        Criterion("2", "Không có người hiện đang cư trú trên địa bàn vi phạm pháp luật về ma túy trên địa bàn, không có "
                       "đối tượng bị truy nã do phạm tội về ma túy lẫn trốn trên địa bàn.",
                  "Không có người vi phạm, đối tượng truy nã lẩn trốn", f"{SOURCE}, tiêu chí 2", ("violations",),
                  no_violators,
                  "Xác minh từng trường hợp trong sheet ViPham (Ngày phát hiện, Tình trạng xử lý).",
                  uses=("violation_window_months",), verified=False),
        # "Không có điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy."
        Criterion("3", "Không có điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy.",
                  "Không có điểm tổ chức, chứa chấp sử dụng", f"{SOURCE}, tiêu chí 3", ("hotspots",), no_use_venues,
                  "Triệt xóa các điểm còn hoạt động; ghi Ngày triệt xóa trong sheet DiemTuDiem.",
                  uses=("hotspot_types",), verified=False),
    ),
)
