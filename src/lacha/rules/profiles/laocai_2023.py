"""``laocai-2023`` — "Xã, phường, thị trấn không có ma túy", tỉnh Lào Cai.

Source: Kế hoạch xây dựng “Xã, phường, thị trấn không có ma túy” trên địa bàn
tỉnh Lào Cai (UBND tỉnh Lào Cai, thực hiện Văn bản số 2975-TB/TU ngày
21/9/2023 của Tỉnh ủy), mục II "Tiêu chí đánh giá, công nhận", tiêu chí 1 – 6.
Seed 002_8945e3077eed11e7.txt. Criteria 1–4 test what kontum-2024's a–d test,
in Lào Cai's own words; criterion 5 joins households and hamlets (both parts
reported); criterion 6 accepts a model of any kind. Thresholds: laocai_2023.toml.
"""

from lacha.rules import checks
from lacha.rules.citation import DocumentRef
from lacha.rules.model import Criterion, Outcome, PartOutcome, Profile, Values
from lacha.rules.params import load_parameters
from lacha.snapshot import WardSnapshot

PLAN = "Kế hoạch xây dựng “Xã, phường, thị trấn không có ma túy” trên địa bàn tỉnh Lào Cai (UBND tỉnh Lào Cai, 2023)"
SECTION = f"{PLAN}, mục II"
PARAMETERS = load_parameters(__file__)


def criterion_1(s: WardSnapshot, v: Values) -> Outcome:
    # "Không có tụ điểm, điểm phức tạp về ma túy, đối tượng bán lẻ trái phép chất ma túy, điểm tổ chức và sử
    # dụng trái phép chất ma túy trên địa bàn"
    return checks.no_hotspots_or_retailers(s)


def criterion_2(s: WardSnapshot, v: Values) -> Outcome:
    # "Không có đối tượng, nhóm, đường dây có biểu hiện nghi vấn liên quan đến hoạt động phạm tội về ma túy"
    return checks.no_suspect_networks(s)


def criterion_3(s: WardSnapshot, v: Values) -> Outcome:
    return checks.all_parts([
        # "100% người nghiện ma túy trên địa bàn có hồ sơ quản lý"
        PartOutcome("3.1", "Người nghiện trên địa bàn có hồ sơ quản lý", checks.addicts_managed(s)),
        # "100% người nghiện ma túy có mặt tại địa bàn được lập hồ sơ áp dụng các hình thức cai nghiện phù hợp"
        PartOutcome("3.2", "Người nghiện có mặt được lập hồ sơ áp dụng hình thức cai nghiện phù hợp",
                    checks.present_addicts_with_rehab_file(s)),
        # "100% người sau cai nghiện được lập hồ sơ quản lý theo quy định"
        PartOutcome("3.3", "Người sau cai nghiện có hồ sơ quản lý sau cai", checks.post_rehab_managed(s)),
    ])


def criterion_4(s: WardSnapshot, v: Values) -> Outcome:
    # "100% người sử dụng trái phép chất ma túy có mặt tại nơi cư trú trên địa bàn được lập hồ sơ quản lý"
    return checks.present_users_managed(s)


def criterion_5(s: WardSnapshot, v: Values) -> Outcome:
    return checks.all_parts([
        # "100% đại diện hộ gia đình trên địa bàn cam kết không phạm tội, không tham gia tệ nạn ma túy …"
        PartOutcome("5.1", "Hộ gia đình ký cam kết", checks.households_signed(s)),
        # "100% thôn, tổ dân phố có hòm thư tố giác tội phạm, có bảng niêm yết công khai số điện thoại đường dây nóng"
        PartOutcome("5.2", "Thôn, tổ dân phố có hòm thư tố giác và bảng niêm yết đường dây nóng",
                    checks.hamlets_equipped(s)),
    ], sum_counts=False)


def criterion_6(s: WardSnapshot, v: Values) -> Outcome:
    # "Xây dựng và duy trì hiệu quả ít nhất 01 mô hình về phòng chống tội phạm, tệ nạn ma túy trên địa bàn"
    return checks.effective_models(s, v["min_models"])


PROFILE = Profile(
    id="laocai-2023",
    title="Xã, phường, thị trấn không có ma túy — tỉnh Lào Cai (2023)",
    source=SECTION,
    # the copy lacha has (seed 002) shows neither number nor date
    document=DocumentRef("Kế hoạch", "Ủy ban nhân dân tỉnh Lào Cai",
                         "về xây dựng “Xã, phường, thị trấn không có ma túy” trên địa bàn tỉnh Lào Cai"),
    level="commune",
    description="Sáu tiêu chí đánh giá, công nhận “Xã, phường, thị trấn không có ma túy”.",
    parameters=PARAMETERS,
    criteria=(
        Criterion("1", "Không có tụ điểm, điểm phức tạp về ma túy, đối tượng bán lẻ trái phép chất ma túy, điểm tổ "
                       "chức và sử dụng trái phép chất ma túy trên địa bàn.",
                  "Không có tụ điểm, điểm bán lẻ, điểm tổ chức và sử dụng", f"{SECTION}, tiêu chí 1",
                  ("hotspots", "suspects"), criterion_1,
                  "Triệt xóa các điểm còn hoạt động; ghi Ngày triệt xóa vào sheet DiemTuDiem và cập nhật "
                  "Tình trạng đối tượng bán lẻ trong sheet DoiTuong."),
        Criterion("2", "Không có đối tượng, nhóm, đường dây có biểu hiện nghi vấn liên quan đến hoạt động phạm tội về "
                       "ma túy trên địa bàn.",
                  "Không có đối tượng, nhóm, đường dây nghi vấn", f"{SECTION}, tiêu chí 2", ("suspects",), criterion_2,
                  "Xác minh, xử lý hoặc loại khỏi diện nghi vấn; cập nhật Tình trạng và Ngày cập nhật trong sheet "
                  "DoiTuong."),
        Criterion("3", "100% người nghiện ma túy trên địa bàn có hồ sơ quản lý; 100% người nghiện ma túy có mặt tại "
                       "địa bàn được lập hồ sơ áp dụng các hình thức cai nghiện phù hợp và 100% người sau cai nghiện "
                       "được lập hồ sơ quản lý theo quy định.",
                  "Hồ sơ quản lý, cai nghiện, quản lý sau cai", f"{SECTION}, tiêu chí 3", ("addicts", "post_rehab"),
                  criterion_3,
                  "Lập hồ sơ quản lý, hồ sơ áp dụng hình thức cai nghiện, hồ sơ quản lý sau cai cho những người "
                  "được nêu; ghi Có vào cột tương ứng."),
        Criterion("4", "100% người sử dụng trái phép chất ma túy có mặt tại nơi cư trú trên địa bàn được lập hồ sơ "
                       "quản lý, theo dõi, giám sát chặt chẽ theo quy định pháp luật.",
                  "Hồ sơ quản lý người sử dụng trái phép", f"{SECTION}, tiêu chí 4", ("users",), criterion_4,
                  "Lập hồ sơ quản lý cho người sử dụng trái phép có mặt; ghi Có và Ngày lập hồ sơ trong sheet "
                  "NguoiSuDung."),
        Criterion("5", "100% đại diện hộ gia đình trên địa bàn cam kết không phạm tội, không tham gia tệ nạn ma túy và "
                       "tự nguyện hợp tác với các lực lượng chức năng trong công tác phòng, chống ma túy; 100% thôn, "
                       "tổ dân phố có hòm thư tố giác tội phạm, có bảng niêm yết công khai số điện thoại đường dây "
                       "nóng của lực lượng chức năng trong phòng, chống tội phạm ma túy.",
                  "Hộ ký cam kết; hòm thư, bảng đường dây nóng", f"{SECTION}, tiêu chí 5", ("households", "hamlets"),
                  criterion_5,
                  "Vận động các hộ còn lại ký cam kết (sheet HoGiaDinh); lắp hòm thư tố giác, bảng niêm yết đường "
                  "dây nóng ở các thôn, tổ được nêu (sheet ThonTo)."),
        Criterion("6", "Xây dựng và duy trì hiệu quả ít nhất 01 mô hình về phòng chống tội phạm, tệ nạn ma túy trên "
                       "địa bàn.",
                  "Ít nhất 01 mô hình duy trì hiệu quả", f"{SECTION}, tiêu chí 6", ("models",), criterion_6,
                  "Xây dựng hoặc củng cố mô hình; ghi Tình trạng “Đang duy trì hiệu quả” trong sheet MoHinh.",
                  uses=("min_models",)),
    ),
)
