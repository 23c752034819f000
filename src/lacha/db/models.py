"""Database tables (SQLModel over SQLite or PostgreSQL).

One table per roster kind of roster-format.md. Every roster row belongs to a
ward and carries ``key``: the roster's own identifier (Số định danh, Mã hộ,
Mã …) or one derived from its content; (ward_id, key) is unique. Hamlets are
referenced by their code (``hamlet_code``), never by position.
"""

import datetime as dt

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class Ward(SQLModel, table=True):
    """Địa bàn: a xã / phường / thị trấn / đặc khu (sheet DiaBan)."""

    __tablename__ = "ward"
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True)
    name: str
    kind: str | None = None
    province: str | None = None
    parent: str | None = None
    population: int | None = None
    households_declared: int | None = None
    on_route: bool | None = None
    profile: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    doc_number: str | None = None  # the Tờ trình's number
    recipients: str | None = None  # Nơi nhận (distribution)
    addressees: str | None = None  # Kính gửi
    report_number: str | None = None  # the Báo cáo's number
    minutes_number: str | None = None  # the Biên bản's number
    note: str | None = None


class RosterRow(SQLModel):
    """Columns every roster table has."""

    id: int | None = Field(default=None, primary_key=True)
    ward_id: int = Field(foreign_key="ward.id", index=True)
    key: str
    note: str | None = None


class Hamlet(RosterRow, table=True):
    """Thôn / tổ dân phố / bản / ấp (sheet ThonTo)."""

    __tablename__ = "hamlet"
    __table_args__ = (UniqueConstraint("ward_id", "key"),)
    name: str
    households_declared: int | None = None
    population: int | None = None
    mailbox: bool = False
    hotline_board: bool = False


class Household(RosterRow, table=True):
    """Hộ gia đình and its signed commitment (sheet HoGiaDinh)."""

    __tablename__ = "household"
    __table_args__ = (UniqueConstraint("ward_id", "key"),)
    head: str
    hamlet_code: str
    address: str | None = None
    signed: bool = False
    signed_on: dt.date | None = None


class PersonRow(RosterRow):
    """Columns common to the person rosters."""

    name: str
    birth_date: dt.date | None = None
    birth_year: int | None = None
    gender: str | None = None
    hamlet_code: str
    status: str = "Có mặt"
    has_management_file: bool = False
    management_file_on: dt.date | None = None


class Addict(PersonRow, table=True):
    """Người nghiện ma túy (sheet NguoiNghien)."""

    __tablename__ = "addict"
    __table_args__ = (UniqueConstraint("ward_id", "key"),)
    rehab_form: str | None = None
    has_rehab_file: bool = False
    psychosis: bool = False


class DrugUser(PersonRow, table=True):
    """Người sử dụng trái phép chất ma túy (sheet NguoiSuDung)."""

    __tablename__ = "drug_user"
    __table_args__ = (UniqueConstraint("ward_id", "key"),)
    decision_number: str | None = None
    decision_on: dt.date | None = None
    managed_until: dt.date | None = None


class PostRehabPerson(PersonRow, table=True):
    """Người sau cai nghiện / bị quản lý sau cai (sheet SauCai)."""

    __tablename__ = "post_rehab_person"
    __table_args__ = (UniqueConstraint("ward_id", "key"),)
    rehab_completed_on: dt.date | None = None
    has_post_rehab_file: bool = False
    managed_until: dt.date | None = None


class Violation(PersonRow, table=True):
    """Người vi phạm pháp luật về ma túy, đối tượng truy nã (sheet ViPham)."""

    __tablename__ = "violation"
    __table_args__ = (UniqueConstraint("ward_id", "key"),)
    person_id: str | None = None  # Số định danh; the key is person + date + act (one person, several acts)
    act: str | None = None
    found_on: dt.date | None = None
    arrested: bool = False
    wanted: bool = False
    handling_status: str | None = None


class Hotspot(RosterRow, table=True):
    """Điểm, tụ điểm phức tạp; điểm bán lẻ; điểm tổ chức, chứa chấp sử dụng (sheet DiemTuDiem)."""

    __tablename__ = "hotspot"
    __table_args__ = (UniqueConstraint("ward_id", "key"),)
    name: str
    type: str | None = None
    hamlet_code: str | None = None
    found_on: dt.date | None = None
    status: str = "Đang hoạt động"
    cleared_on: dt.date | None = None


class Suspect(RosterRow, table=True):
    """Đối tượng, ổ nhóm, đường dây nghi vấn; đối tượng bán lẻ (sheet DoiTuong)."""

    __tablename__ = "suspect"
    __table_args__ = (UniqueConstraint("ward_id", "key"),)
    name: str
    type: str | None = None
    hamlet_code: str | None = None
    status: str = "Đang theo dõi"
    updated_on: dt.date | None = None


class PreventionModel(RosterRow, table=True):
    """Mô hình toàn dân tham gia phòng, chống ma túy (sheet MoHinh)."""

    __tablename__ = "prevention_model"
    __table_args__ = (UniqueConstraint("ward_id", "key"),)
    name: str
    type: str | None = None
    founded_on: dt.date | None = None
    status: str | None = None
    evaluated_on: dt.date | None = None


class DrugPlantFinding(RosterRow, table=True):
    """Cây có chứa chất ma túy phát hiện, triệt phá (sheet CayMaTuy)."""

    __tablename__ = "drug_plant_finding"
    __table_args__ = (UniqueConstraint("ward_id", "key"),)
    hamlet_code: str | None = None
    found_on: dt.date
    plant_count: int | None = None
    area_m2: float | None = None
    destroyed: bool = False


class ImportRun(SQLModel, table=True):
    """One workbook imported into one ward (file name, SHA-256, time, who)."""

    __tablename__ = "import_run"
    id: int | None = Field(default=None, primary_key=True)
    ward_id: int = Field(foreign_key="ward.id", index=True)
    file_name: str
    sha256: str = Field(index=True)
    imported_at: dt.datetime
    effective_on: dt.date
    os_user: str | None = None
    replace: bool = False


class ImportSheet(SQLModel, table=True):
    """Per-sheet counts of an import; also how lacha knows a roster was ever imported."""

    __tablename__ = "import_sheet"
    id: int | None = Field(default=None, primary_key=True)
    import_run_id: int = Field(foreign_key="import_run.id", index=True)
    ward_id: int = Field(foreign_key="ward.id", index=True)
    kind: str
    sheet_name: str
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    missing: int = 0
    removed: int = 0
    attested_none: bool = False  # the sheet's first row said «Không có» (evidence.md): reviewed with no record


ROSTER_TABLES: dict[str, type[RosterRow]] = {
    "hamlets": Hamlet,
    "households": Household,
    "addicts": Addict,
    "users": DrugUser,
    "post_rehab": PostRehabPerson,
    "violations": Violation,
    "hotspots": Hotspot,
    "suspects": Suspect,
    "models": PreventionModel,
    "plants": DrugPlantFinding,
}

from lacha.db import history_models  # noqa: E402,F401  (assessment history and record versions: issue 5)
from lacha.db import audit_models  # noqa: E402,F401  (audit log: issue 7)
from lacha.db import province_models  # noqa: E402,F401  (province statements: issue 12)
