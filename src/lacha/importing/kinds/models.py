"""Sheet MoHinh — mô hình toàn dân tham gia phòng, chống ma túy."""

from lacha.importing.schema import NOTE, CellType, Column, RosterKind, key_from
from lacha.vocab import ModelStatus

MODELS = RosterKind(
    kind="models",
    sheet="MoHinh",
    label="Mô hình phòng, chống ma túy",
    titles=("Mô hình", "Mô hình phòng chống ma túy", "Mô hình phòng, chống ma túy"),
    columns=(
        Column("name", "Tên mô hình", CellType.TEXT, ("Tên mô hình phòng, chống ma túy",), required=True),
        Column("type", "Loại", CellType.TEXT, ("Loại mô hình",)),
        Column("founded_on", "Ngày thành lập", CellType.DATE, ("Ngày ra mắt",)),
        Column("status", "Tình trạng", CellType.CHOICE, ("Đánh giá", "Kết quả đánh giá"), choices=ModelStatus),
        Column("evaluated_on", "Ngày đánh giá", CellType.DATE),
        NOTE,
    ),
    key_field=None,  # the name is the key
    derive_key=key_from("name"),
    record_label="mô hình",
)
