"""Column declarations: one declaration drives the parser, `lacha template` and the docs.

A roster kind (``RosterKind``) is a sheet: its canonical name, the titles
officers give it, and its columns. A column (``Column``) has its canonical
Vietnamese header, the synonyms accepted for it (roster-format.md, "Columns"),
the type of its cells and, for closed vocabularies, the enum of its values.
"""

from dataclasses import dataclass
from enum import Enum
from typing import Callable

from lacha.text import fold, fold_tight
from lacha.vocab import Gender, PersonStatus


class CellType(str, Enum):
    TEXT = "text"
    IDENTIFIER = "identifier"  # Mã hộ, Mã …: text, leading zeros kept, 123.0 → "123"
    PERSON_ID = "person_id"  # Số định danh: 12 digits (CCCD) or 9 (CMND)
    DATE = "date"
    BIRTH = "birth"  # a date, or a bare year
    YESNO = "yesno"
    CHOICE = "choice"
    COUNT = "count"  # whole number ≥ 0
    AREA = "area"  # number ≥ 0
    HAMLET = "hamlet"  # a thôn / tổ of the ward, by code or name


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    cell: CellType = CellType.TEXT
    synonyms: tuple[str, ...] = ()
    required: bool = False
    choices: type[Enum] | None = None
    help: str = ""

    @property
    def folded_names(self) -> tuple[str, ...]:
        return tuple(fold_tight(h) for h in (self.header, *self.synonyms))


@dataclass(frozen=True)
class RosterKind:
    kind: str  # English id: 'addicts'
    sheet: str  # canonical sheet name: 'NguoiNghien'
    label: str  # Vietnamese: 'Người nghiện ma túy'
    titles: tuple[str, ...]
    columns: tuple[Column, ...]
    key_field: str | None  # the column that is the row's key, when it has one
    derive_key: Callable[[dict], str]  # key for a row whose key cell is blank
    record_label: str = "bản ghi"  # how one row is named in messages: 'người', 'hộ'
    help: str = ""
    # Fills values implied by others and returns contradictions as (field, reason).
    complete: Callable[[dict], list[tuple[str, str]]] | None = None

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    @property
    def folded_sheet_names(self) -> tuple[str, ...]:
        return tuple(fold_tight(n) for n in (self.sheet, *self.titles))

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)


def key_from(*fields: str) -> Callable[[dict], str]:
    """A derived key: the values of ``fields``, folded, joined by '/' ('bai-dat-trong/T2')."""

    def derive(row: dict) -> str:
        parts = []
        for name in fields:
            value = row.get(name)
            if value is None or value == "":
                continue
            if hasattr(value, "isoformat"):
                parts.append(value.isoformat())
            elif isinstance(value, float) and value.is_integer():
                parts.append(str(int(value)))
            else:
                parts.append(fold(value).replace(" ", "-") if name != "hamlet_code" else str(value))
        return "/".join(parts)

    return derive


# Columns shared by the person rosters (addicts, users, post_rehab, violations).
PERSON_ID = Column("key", "Số định danh", CellType.PERSON_ID,
                   ("Số CCCD", "CCCD", "CMND/CCCD", "Số định danh cá nhân", "Mã định danh", "CMND", "Số CMND"),
                   help="12 số (CCCD) hoặc 9 số (CMND cũ); giữ nguyên số 0 ở đầu.")
PERSON_NAME = Column("name", "Họ và tên", CellType.TEXT, ("Họ tên", "Họ, tên", "Tên đối tượng"), required=True)
BIRTH = Column("birth", "Ngày sinh", CellType.BIRTH, ("Năm sinh", "Sinh ngày"),
               help="Ngày/tháng/năm, hoặc chỉ năm sinh.")
GENDER = Column("gender", "Giới tính", CellType.CHOICE, ("Nam/Nữ",), choices=Gender)
STATUS = Column("status", "Tình trạng", CellType.CHOICE, ("Tình trạng hiện tại", "Có mặt/vắng mặt", "Có mặt/Vắng mặt"),
                choices=PersonStatus, help="Để trống là Có mặt.")
MANAGEMENT_FILE = Column("has_management_file", "Hồ sơ quản lý", CellType.YESNO,
                         ("Có hồ sơ quản lý", "Đã lập hồ sơ quản lý", "Lập hồ sơ quản lý"))
MANAGEMENT_FILE_ON = Column("management_file_on", "Ngày lập hồ sơ", CellType.DATE, ("Ngày lập hồ sơ quản lý",))


def complete_person(row: dict) -> list[tuple[str, str]]:
    """A blank Tình trạng means Có mặt (roster-format.md)."""
    if row.get("status") is None and "status" in row:
        row["status"] = PersonStatus.PRESENT.value
    return []


def person_key(row: dict) -> str:
    """A person with no Số định danh is keyed by name, birth and hamlet."""
    return key_from("name", "birth", "hamlet_code")(row)
HAMLET = Column("hamlet_code", "Thôn/Tổ", CellType.HAMLET,
                ("Thôn, tổ dân phố", "Tổ dân phố", "Thôn", "Nơi cư trú (tổ/thôn)", "Thôn/Tổ dân phố", "Tổ", "Thôn tổ"),
                required=True, help="Mã hoặc tên thôn, tổ dân phố đã có trong sheet ThonTo.")
NOTE = Column("note", "Ghi chú", CellType.TEXT, ("Ghi chu",))
