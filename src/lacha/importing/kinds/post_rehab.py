"""Sheet SauCai — người sau cai nghiện, người bị quản lý sau cai."""

from lacha.importing.schema import (BIRTH, GENDER, HAMLET, MANAGEMENT_FILE, MANAGEMENT_FILE_ON, NOTE, PERSON_ID,
                                    PERSON_NAME, STATUS, CellType, Column, RosterKind, complete_person,
                                    person_key)

POST_REHAB = RosterKind(
    kind="post_rehab",
    sheet="SauCai",
    label="Người sau cai nghiện",
    titles=("Người sau cai", "Quản lý sau cai", "Người sau cai nghiện", "Danh sách người sau cai"),
    columns=(
        PERSON_ID, PERSON_NAME, BIRTH, GENDER, HAMLET, STATUS, MANAGEMENT_FILE, MANAGEMENT_FILE_ON,
        Column("rehab_completed_on", "Ngày hoàn thành cai nghiện", CellType.DATE,
               ("Ngày chấp hành xong", "Ngày hoàn thành")),
        Column("has_post_rehab_file", "Hồ sơ quản lý sau cai", CellType.YESNO,
               ("Đã lập hồ sơ quản lý sau cai", "Có hồ sơ quản lý sau cai")),
        Column("managed_until", "Quản lý đến ngày", CellType.DATE, ("Thời hạn quản lý",)),
        NOTE,
    ),
    key_field="key",
    derive_key=person_key,
    record_label="người",
    complete=complete_person,
)
