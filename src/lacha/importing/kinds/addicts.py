"""Sheet NguoiNghien — người nghiện ma túy."""

from lacha.importing.schema import (BIRTH, GENDER, HAMLET, MANAGEMENT_FILE, MANAGEMENT_FILE_ON, NOTE, PERSON_ID,
                                    PERSON_NAME, STATUS, CellType, Column, RosterKind, complete_person,
                                    person_key)
from lacha.vocab import RehabForm

ADDICTS = RosterKind(
    kind="addicts",
    sheet="NguoiNghien",
    label="Người nghiện ma túy",
    titles=("Người nghiện", "Danh sách người nghiện", "Người nghiện ma túy"),
    columns=(
        PERSON_ID, PERSON_NAME, BIRTH, GENDER, HAMLET, STATUS, MANAGEMENT_FILE, MANAGEMENT_FILE_ON,
        Column("rehab_form", "Hình thức cai nghiện", CellType.CHOICE, ("Hình thức cai", "Hình thức điều trị"),
               choices=RehabForm),
        Column("has_rehab_file", "Hồ sơ cai nghiện", CellType.YESNO,
               ("Hồ sơ áp dụng hình thức cai nghiện", "Đã lập hồ sơ cai nghiện", "Lập hồ sơ cai nghiện")),
        Column("psychosis", "Loạn thần", CellType.YESNO, ("Biểu hiện loạn thần", "Ngáo đá", "Loạn thần, ngáo đá")),
        NOTE,
    ),
    key_field="key",
    derive_key=person_key,
    record_label="người",
    complete=complete_person,
)
