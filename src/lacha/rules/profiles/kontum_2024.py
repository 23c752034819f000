"""``kontum-2024`` — "Phường sạch ma túy", phường Nguyễn Trãi, thành phố Kon Tum.

Source: Kế hoạch xây dựng mô hình “Phường sạch ma túy” trên địa bàn phường
Nguyễn Trãi (UBND phường Nguyễn Trãi, 2024), mục II.2 "Tiêu chí đánh giá,
công nhận phường sạch về ma túy", điểm a) – g). Seed 000_2a95b2f2f6937f07.txt.
Each criterion below quotes the plan; each sub-condition is quoted above the
line that checks it.
"""

from lacha.rules import checks
from lacha.rules.citation import DocumentRef
from lacha.rules.model import Criterion, Outcome, PartOutcome, Profile, Values
from lacha.rules.params import load_parameters
from lacha.snapshot import WardSnapshot

PLAN = "Kế hoạch xây dựng mô hình “Phường sạch ma túy” phường Nguyễn Trãi, TP Kon Tum (2024)"
SECTION = f"{PLAN}, mục II.2"

# Thresholds live in kontum_2024.toml beside this file (min_models: "ít nhất 01 mô hình", criterion g).
PARAMETERS = load_parameters(__file__)


def criterion_a(s: WardSnapshot, v: Values) -> Outcome:
    # "Không có tụ điểm, điểm phức tạp về ma túy, đối tượng bán lẻ trái phép chất ma túy, điểm tổ chức sử dụng
    # trái phép về ma túy trên địa bàn"
    return checks.no_hotspots_or_retailers(s)


def criterion_b(s: WardSnapshot, v: Values) -> Outcome:
    # "Không có đối tượng, ổ nhóm, đường dây có biểu hiện nghi vấn liên quan đến hoạt động phạm tội về ma túy"
    return checks.no_suspect_networks(s)


def criterion_c(s: WardSnapshot, v: Values) -> Outcome:
    return checks.all_parts([
        # "100% người nghiện ma túy trên địa bàn có hồ sơ quản lý"
        PartOutcome("c1", "Người nghiện trên địa bàn có hồ sơ quản lý", checks.addicts_managed(s)),
        # "100% người nghiện ma túy có mặt tại địa bàn được lập hồ sơ áp dụng các hình thức cai nghiện"
        PartOutcome("c2", "Người nghiện có mặt được lập hồ sơ cai nghiện", checks.present_addicts_with_rehab_file(s)),
        # "100% người sau cai nghiện được lập hồ sơ quản lý theo quy định"
        PartOutcome("c3", "Người sau cai nghiện có hồ sơ quản lý sau cai", checks.post_rehab_managed(s)),
    ])


def criterion_d(s: WardSnapshot, v: Values) -> Outcome:
    # "100% người sử dụng trái phép chất ma túy có mặt tại địa bàn được lập hồ sơ quản lý"
    return checks.present_users_managed(s)


def criterion_e(s: WardSnapshot, v: Values) -> Outcome:
    # "100% đại diện hộ gia đình trên địa bàn cam kết …"
    return checks.households_signed(s)


def criterion_f(s: WardSnapshot, v: Values) -> Outcome:
    # "100% thôn, làng, tổ dân phố có hòm thư tố giác tội phạm, có bảng niêm yết công khai số điện thoại
    # đường dây nóng"
    return checks.hamlets_equipped(s)


def criterion_g(s: WardSnapshot, v: Values) -> Outcome:
    # "Xây dựng và duy trì hiệu quả ít nhất 01 mô hình về toàn dân tham gia phòng, chống tội phạm và tệ nạn ma túy"
    return checks.effective_models(s, v["min_models"])


PROFILE = Profile(
    id="kontum-2024",
    title="Phường sạch ma túy — phường Nguyễn Trãi, TP Kon Tum (2024)",
    source=SECTION,
    # the copy lacha has (seed 000) leaves the number and date blank: "Số: /KH-UBND", "ngày tháng năm 2024"
    document=DocumentRef("Kế hoạch", "Ủy ban nhân dân phường Nguyễn Trãi",
                         "về xây dựng mô hình “Phường sạch ma túy” trên địa bàn phường Nguyễn Trãi"),
    level="commune",
    description="Bảy tiêu chí a) – g) đánh giá, công nhận “phường sạch về ma túy”.",
    parameters=PARAMETERS,
    criteria=(
        Criterion("a", "Không có tụ điểm, điểm phức tạp về ma túy, đối tượng bán lẻ trái phép chất ma túy, điểm tổ "
                       "chức sử dụng trái phép về ma túy trên địa bàn.",
                  "Không có tụ điểm, điểm bán lẻ, điểm tổ chức sử dụng", f"{SECTION}, điểm a",
                  ("hotspots", "suspects"), criterion_a,
                  "Triệt xóa các điểm còn hoạt động; ghi Ngày triệt xóa vào sheet DiemTuDiem và cập nhật "
                  "Tình trạng đối tượng bán lẻ trong sheet DoiTuong."),
        Criterion("b", "Không có đối tượng, ổ nhóm, đường dây có biểu hiện nghi vấn liên quan đến hoạt động phạm tội "
                       "về ma túy trên địa bàn.",
                  "Không có đối tượng, ổ nhóm, đường dây nghi vấn", f"{SECTION}, điểm b", ("suspects",), criterion_b,
                  "Xác minh, xử lý hoặc loại khỏi diện nghi vấn; cập nhật Tình trạng và Ngày cập nhật trong sheet "
                  "DoiTuong."),
        Criterion("c", "100% người nghiện ma túy trên địa bàn có hồ sơ quản lý; 100% người nghiện ma túy có mặt tại "
                       "địa bàn được lập hồ sơ áp dụng các hình thức cai nghiện và 100% người sau cai nghiện được "
                       "lập hồ sơ quản lý theo quy định.",
                  "Hồ sơ quản lý, cai nghiện, quản lý sau cai", f"{SECTION}, điểm c", ("addicts", "post_rehab"),
                  criterion_c,
                  "Lập hồ sơ quản lý, hồ sơ áp dụng hình thức cai nghiện, hồ sơ quản lý sau cai cho những người "
                  "được nêu; ghi Có vào cột tương ứng."),
        Criterion("d", "100% người sử dụng trái phép chất ma túy có mặt tại địa bàn được lập hồ sơ quản lý, theo "
                       "dõi, giám sát chặt chẽ theo quy định pháp luật.",
                  "Hồ sơ quản lý người sử dụng trái phép", f"{SECTION}, điểm d", ("users",), criterion_d,
                  "Lập hồ sơ quản lý cho người sử dụng trái phép có mặt; ghi Có và Ngày lập hồ sơ trong sheet "
                  "NguoiSuDung."),
        Criterion("e", "100% đại diện hộ gia đình trên địa bàn cam kết không tham gia tội phạm, tệ nạn ma túy và tự "
                       "nguyện hợp tác với các lực lượng chức năng trong công tác phòng, chống ma túy.",
                  "Hộ gia đình ký cam kết", f"{SECTION}, điểm e", ("households", "hamlets"), criterion_e,
                  "Vận động các hộ còn lại ký cam kết; bổ sung hộ còn thiếu vào sheet HoGiaDinh và ghi Ngày ký."),
        Criterion("f", "100% thôn, làng, tổ dân phố có hòm thư tố giác tội phạm, có bảng niêm yết công khai số điện "
                       "thoại đường dây nóng của lực lượng chức năng trong phòng, chống tội phạm ma túy.",
                  "Hòm thư tố giác, bảng đường dây nóng", f"{SECTION}, điểm f", ("hamlets",), criterion_f,
                  "Lắp hòm thư tố giác, bảng niêm yết số điện thoại đường dây nóng ở các thôn, tổ được nêu; cập "
                  "nhật sheet ThonTo."),
        Criterion("g", "Xây dựng và duy trì hiệu quả ít nhất 01 mô hình về toàn dân tham gia phòng, chống tội phạm "
                       "và tệ nạn ma túy trên địa bàn xã, phường.",
                  "Ít nhất 01 mô hình duy trì hiệu quả", f"{SECTION}, điểm g", ("models",), criterion_g,
                  "Xây dựng hoặc củng cố mô hình; ghi Tình trạng “Đang duy trì hiệu quả” và Ngày đánh giá trong "
                  "sheet MoHinh.", uses=("min_models",)),
    ),
)

