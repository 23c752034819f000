"""Sheet CayMaTuy — cây có chứa chất ma túy phát hiện, triệt phá."""

from lacha.importing.schema import NOTE, CellType, Column, RosterKind, key_from
from lacha.importing.schema import HAMLET

PLANTS = RosterKind(
    kind="plants",
    sheet="CayMaTuy",
    label="Cây có chứa chất ma túy",
    titles=("Cây có chứa chất ma túy", "Trồng cây", "Cây ma túy", "Trồng cây có chứa chất ma túy"),
    columns=(
        Column(HAMLET.field, HAMLET.header, CellType.HAMLET, HAMLET.synonyms, help=HAMLET.help),
        Column("found_on", "Ngày phát hiện", CellType.DATE, (), required=True),
        Column("plant_count", "Số cây", CellType.COUNT, ("Số lượng cây",)),
        Column("area_m2", "Diện tích (m²)", CellType.AREA, ("Diện tích", "Diện tích (m2)")),
        Column("destroyed", "Đã triệt phá", CellType.YESNO, ("Triệt phá",)),
        NOTE,
    ),
    key_field=None,
    derive_key=key_from("hamlet_code", "found_on", "plant_count", "area_m2"),
    record_label="lần phát hiện",
)
