"""Sheet ViPham — người cư trú vi phạm pháp luật về ma túy; đối tượng truy nã."""

from dataclasses import replace

from lacha.importing.schema import (BIRTH, GENDER, HAMLET, MANAGEMENT_FILE, MANAGEMENT_FILE_ON, NOTE, PERSON_ID,
                                    PERSON_NAME, STATUS, CellType, Column, RosterKind, complete_person,
                                    key_from)
from lacha.vocab import HandlingStatus

VIOLATIONS = RosterKind(
    kind="violations",
    sheet="ViPham",
    label="Vi phạm pháp luật về ma túy",
    titles=("Vi phạm pháp luật về ma túy", "Vi phạm", "Người vi phạm", "Truy nã"),
    columns=(
        replace(PERSON_ID, field="person_id"), PERSON_NAME, BIRTH, GENDER, HAMLET, STATUS, MANAGEMENT_FILE,
        MANAGEMENT_FILE_ON,
        Column("act", "Hành vi", CellType.TEXT, ("Hành vi vi phạm", "Tội danh")),
        Column("found_on", "Ngày phát hiện", CellType.DATE, ("Ngày vi phạm", "Ngày bắt")),
        Column("arrested", "Bị bắt giữ", CellType.YESNO, ("Bắt giữ", "Đã bắt giữ")),
        Column("wanted", "Truy nã", CellType.YESNO, ("Đối tượng truy nã", "Bị truy nã")),
        Column("handling_status", "Tình trạng xử lý", CellType.CHOICE, ("Kết quả xử lý",), choices=HandlingStatus),
        NOTE,
    ),
    key_field=None,  # one person may have several violations: the key is person + date + act
    derive_key=key_from("person_id", "name", "found_on", "act"),
    record_label="vụ việc",
    complete=complete_person,
)
