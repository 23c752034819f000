"""Sheet ThonTo — thôn, tổ dân phố, bản, ấp of the commune."""

from lacha.importing.schema import NOTE, CellType, Column, RosterKind, key_from

HAMLETS = RosterKind(
    kind="hamlets",
    sheet="ThonTo",
    label="Thôn, tổ dân phố",
    titles=("Thôn, tổ dân phố", "Thôn tổ", "Tổ dân phố", "Thôn bản", "Thôn", "Danh sách thôn, tổ dân phố"),
    columns=(
        Column("key", "Mã", CellType.IDENTIFIER, ("Mã thôn/tổ", "Mã thôn", "Mã tổ"),
               help="Mã ngắn, ví dụ T1; để trống thì lấy từ tên."),
        Column("name", "Tên", CellType.TEXT, ("Tên thôn, tổ dân phố", "Tên thôn/tổ", "Thôn/Tổ", "Tên thôn", "Tên tổ"),
               required=True),
        Column("households_declared", "Số hộ", CellType.COUNT, ("Tổng số hộ",)),
        Column("population", "Dân số", CellType.COUNT, ("Số nhân khẩu", "Số khẩu")),
        Column("mailbox", "Hòm thư tố giác", CellType.YESNO, ("Hòm thư", "Hòm thư tố giác tội phạm")),
        Column("hotline_board", "Bảng niêm yết đường dây nóng", CellType.YESNO,
               ("Bảng đường dây nóng", "Niêm yết SĐT đường dây nóng", "Bảng niêm yết")),
        NOTE,
    ),
    key_field="key",
    derive_key=key_from("name"),
    record_label="thôn, tổ",
)
