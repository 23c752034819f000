"""Sheet HoGiaDinh — hộ gia đình and the commitment its representative signed (ký cam kết)."""

from lacha.importing.schema import HAMLET, NOTE, CellType, Column, RosterKind, key_from

HOUSEHOLDS = RosterKind(
    kind="households",
    sheet="HoGiaDinh",
    label="Hộ gia đình",
    titles=("Hộ gia đình", "Cam kết hộ gia đình", "Danh sách hộ gia đình", "Hộ gia đình ký cam kết"),
    columns=(
        Column("key", "Mã hộ", CellType.IDENTIFIER, ("Số hộ khẩu", "Mã số hộ"), required=True),
        Column("head", "Chủ hộ", CellType.TEXT, ("Họ tên chủ hộ", "Đại diện hộ", "Họ và tên chủ hộ"), required=True),
        HAMLET,
        Column("address", "Địa chỉ", CellType.TEXT, ("Số nhà", "Nơi ở")),
        Column("signed", "Đã ký cam kết", CellType.YESNO, ("Ký cam kết", "Cam kết")),
        Column("signed_on", "Ngày ký", CellType.DATE, ("Ngày ký cam kết",)),
        NOTE,
    ),
    key_field="key",
    derive_key=key_from("head", "hamlet_code"),
    record_label="hộ",
)
