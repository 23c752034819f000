"""Sheet DoiTuong — đối tượng, ổ nhóm, đường dây nghi vấn; đối tượng bán lẻ."""

from lacha.importing.schema import HAMLET, NOTE, CellType, Column, RosterKind, key_from
from lacha.vocab import SuspectStatus, SuspectType



def complete_suspect(row: dict) -> list[tuple[str, str]]:
    if row.get("status") is None:
        row["status"] = SuspectStatus.WATCHED.value
    return []


SUSPECTS = RosterKind(
    kind="suspects",
    sheet="DoiTuong",
    label="Đối tượng nghi vấn",
    titles=("Đối tượng nghi vấn", "Ổ nhóm, đường dây", "Đối tượng", "Ổ nhóm đường dây"),
    columns=(
        Column("key", "Mã", CellType.IDENTIFIER, ("Mã đối tượng",)),
        Column("name", "Tên", CellType.TEXT,
               ("Họ tên", "Họ và tên", "Tên ổ nhóm, đường dây", "Họ tên / tên ổ nhóm, đường dây"), required=True),
        Column("type", "Loại", CellType.CHOICE, (), choices=SuspectType),
        Column(HAMLET.field, HAMLET.header, CellType.HAMLET, HAMLET.synonyms, help=HAMLET.help),
        Column("status", "Tình trạng", CellType.CHOICE, (), choices=SuspectStatus, help="Để trống là Đang theo dõi."),
        Column("updated_on", "Ngày cập nhật", CellType.DATE),
        NOTE,
    ),
    key_field="key",
    derive_key=key_from("name", "hamlet_code"),
    record_label="đối tượng",
    complete=complete_suspect,
)
