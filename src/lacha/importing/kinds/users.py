"""Sheet NguoiSuDung — người sử dụng trái phép chất ma túy."""

from lacha.importing.schema import (BIRTH, GENDER, HAMLET, MANAGEMENT_FILE, MANAGEMENT_FILE_ON, NOTE, PERSON_ID,
                                    PERSON_NAME, STATUS, CellType, Column, RosterKind, complete_person,
                                    person_key)

USERS = RosterKind(
    kind="users",
    sheet="NguoiSuDung",
    label="Người sử dụng trái phép chất ma túy",
    titles=("Người sử dụng trái phép", "Người SDTP", "Người sử dụng trái phép chất ma túy", "Người sử dụng"),
    columns=(
        PERSON_ID, PERSON_NAME, BIRTH, GENDER, HAMLET, STATUS, MANAGEMENT_FILE, MANAGEMENT_FILE_ON,
        Column("decision_number", "Số quyết định quản lý", CellType.IDENTIFIER, ("Số quyết định", "Số QĐ")),
        Column("decision_on", "Ngày quyết định", CellType.DATE, ("Ngày QĐ",)),
        Column("managed_until", "Quản lý đến ngày", CellType.DATE, ("Thời hạn quản lý",)),
        NOTE,
    ),
    key_field="key",
    derive_key=person_key,
    record_label="người",
    complete=complete_person,
)
