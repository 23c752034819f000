"""Sheet DiemTuDiem — tụ điểm, điểm phức tạp; điểm bán lẻ; điểm tổ chức, chứa chấp sử dụng."""

from lacha.importing.schema import HAMLET, NOTE, CellType, Column, RosterKind, key_from
from lacha.vocab import HotspotStatus, HotspotType



def complete_hotspot(row: dict) -> list[tuple[str, str]]:
    """A blank Tình trạng follows Ngày triệt xóa; a contradiction is an error, not a guess."""
    cleared_on, found_on = row.get("cleared_on"), row.get("found_on")
    if row.get("status") is None:
        row["status"] = (HotspotStatus.CLEARED if cleared_on else HotspotStatus.ACTIVE).value
    problems = []
    if row["status"] == HotspotStatus.ACTIVE.value and cleared_on:
        problems.append(("status", "là Đang hoạt động nhưng dòng này có Ngày triệt xóa — sửa Tình trạng thành "
                                   "Đã triệt xóa hoặc xóa Ngày triệt xóa."))
    if cleared_on and found_on and cleared_on < found_on:
        problems.append(("cleared_on", "sớm hơn Ngày phát hiện — kiểm tra lại hai ngày."))
    return problems


HOTSPOTS = RosterKind(
    kind="hotspots",
    sheet="DiemTuDiem",
    label="Điểm, tụ điểm",
    titles=("Điểm, tụ điểm", "Tụ điểm", "Điểm tụ điểm", "Điểm, tụ điểm phức tạp"),
    columns=(
        Column("key", "Mã", CellType.IDENTIFIER, ("Mã điểm",), help="Để trống thì lấy từ tên và thôn, tổ."),
        Column("name", "Tên/địa điểm", CellType.TEXT, ("Địa điểm", "Tên điểm", "Tên địa điểm", "Tên"), required=True),
        Column("type", "Loại", CellType.CHOICE, ("Loại điểm",), choices=HotspotType),
        Column(HAMLET.field, HAMLET.header, CellType.HAMLET, HAMLET.synonyms, help=HAMLET.help),
        Column("found_on", "Ngày phát hiện", CellType.DATE),
        Column("status", "Tình trạng", CellType.CHOICE, (), choices=HotspotStatus, help="Để trống là Đang hoạt động."),
        Column("cleared_on", "Ngày triệt xóa", CellType.DATE, ("Ngày triệt phá",)),
        NOTE,
    ),
    key_field="key",
    derive_key=key_from("name", "hamlet_code"),
    record_label="điểm",
    complete=complete_hotspot,
)
