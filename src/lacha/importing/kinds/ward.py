"""Sheet DiaBan — Thông tin địa bàn: key / value pairs about the commune."""

from lacha.importing.schema import CellType, Column
from lacha.vocab import WardType

WARD_SHEET = "DiaBan"
WARD_TITLES = ("Thông tin địa bàn", "Địa bàn", "Thông tin chung")

WARD_FIELDS = (
    Column("slug", "Mã địa bàn", CellType.IDENTIFIER, ("Mã xã", "Mã phường"),
           help="Viết liền không dấu, ví dụ nguyen-trai; để trống thì lấy từ Tên địa bàn."),
    Column("name", "Tên địa bàn", CellType.TEXT, ("Tên xã", "Tên phường", "Tên xã, phường", "Tên"),
           help="Ví dụ: Phường Nguyễn Trãi."),
    Column("kind", "Loại", CellType.CHOICE, ("Loại địa bàn", "Cấp"), choices=WardType),
    Column("province", "Tỉnh/Thành phố", CellType.TEXT, ("Tỉnh", "Thành phố", "Tỉnh, thành phố")),
    Column("parent", "Cấp trên trực tiếp", CellType.TEXT, ("Cấp trên",)),
    Column("population", "Dân số", CellType.COUNT, ("Số nhân khẩu", "Dân số hiện cư trú"),
           help="Số người hiện đang cư trú trên địa bàn."),
    Column("households_declared", "Số hộ", CellType.COUNT, ("Tổng số hộ", "Số hộ gia đình")),
    Column("on_route", "Nằm trên tuyến trọng điểm", CellType.YESNO,
           ("Tuyến trọng điểm", "Nằm trên tuyến ma túy"), help="Có / Không."),
    Column("profile", "Tiêu chí", CellType.TEXT, ("Bộ tiêu chí", "Mã tiêu chí"),
           help="Mã bộ tiêu chí (xem lacha profiles); để trống là national-2025 (QĐ 28/2025/QĐ-TTg), ví dụ kontum-2024."),
    Column("signer", "Người ký", CellType.TEXT, ("Họ tên người ký",)),
    Column("signer_title", "Chức vụ người ký", CellType.TEXT, ("Chức vụ",)),
    Column("doc_number", "Số văn bản", CellType.TEXT, ("Số tờ trình",),
           help="Số của Tờ trình, ví dụ 07/TTr-UBND."),
    Column("report_number", "Số báo cáo", CellType.TEXT, ("Số báo cáo kết quả",),
           help="Số của Báo cáo kết quả, ví dụ 08/BC-UBND."),
    Column("minutes_number", "Số biên bản", CellType.TEXT, ("Số biên bản họp",),
           help="Số của Biên bản họp tự đánh giá, ví dụ 03/BB-UBND."),
    Column("addressees", "Kính gửi", CellType.TEXT, ("Nơi kính gửi",),
           help="Cơ quan nhận Tờ trình, Báo cáo; nhiều nơi cách nhau bằng dấu chấm phẩy."),
    Column("recipients", "Nơi nhận", CellType.TEXT, (),
           help="Nơi nhận để biết, lưu (ngoài Kính gửi), ví dụ Công an tỉnh; Lưu: VT."),
)
