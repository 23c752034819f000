"""Build the sample workbooks in sample_data/ (deterministic: random.Random(2024)).

Run:  python sample_data/build_samples.py      (the files are committed; rerun after a schema change)

Every ward, person, name, CCCD number and document below is invented.

Canonical files (written with lacha.workbook_writer.write_workbook)
------------------------------------------------------------------
nguyen-trai.xlsx — "Phường Nguyễn Trãi", slug nguyen-trai, Tỉnh Kon Tum, profile kontum-2024,
    Dân số 9812, Số hộ 312, not on a drug route; signer invented, Chủ tịch, Số văn bản 125/TTr-UBND.
    ThonTo: 6 tổ dân phố TDP01..TDP06 ("Tổ dân phố 1".."Tổ dân phố 6"), Số hộ 48+55+51+60+46+52 = 312,
        all with Hòm thư tố giác and Bảng niêm yết = Có.
    HoGiaDinh: 312 households HGD-0001..HGD-0312, 309 signed in 2024, exactly 3 unsigned.
    NguoiNghien: 6 addicts (CCCD 062…): 4 Có mặt, 1 Đang cai nghiện tại cơ sở (Bắt buộc), 1 Chuyển đi
        (no management file: off the territory); all on the territory have Hồ sơ quản lý; the present
        one born 1998 has no Hồ sơ cai nghiện; one with Loạn thần; forms Methadone, Tự nguyện tại gia đình,
        Tự nguyện tại cộng đồng, Bắt buộc. Births: dates and bare years.
    NguoiSuDung: 4 users, 3 Có mặt with Hồ sơ quản lý and a decision; 1 Vắng mặt without a file.
    SauCai: 3 people, all with Hồ sơ quản lý and Hồ sơ quản lý sau cai.
    ViPham: 3 violations (one by user no. 2), one Bị bắt giữ = Có (17/09/2024).
    DiemTuDiem: 3 hotspots, all Đã triệt xóa in 2024, last on 12/09/2024.
    DoiTuong: 2 suspects: Đối tượng "Đã loại khỏi diện nghi vấn" (30/07/2024), Ổ nhóm "Đã xử lý" (08/10/2024).
    MoHinh: 1 model "Tổ dân phố không ma túy", founded 26/03/2024, Đang duy trì hiệu quả.
    CayMaTuy: 1 finding (17/04/2024, 12 cây, 3,5 m², destroyed).
    kontum-2024 on --as-of 2024-12-14: a, b, d, f, g pass; c fails (3/4 present addicts have a rehab
    file); e fails (309/312 households signed).
    Like every canonical workbook it also holds the hidden sheet _DanhMuc (drop-down list of hotspot
    types, whose values contain commas): the importer must skip it, like HuongDan in the template.
nguyen-trai-dat.xlsx — the same ward and data, except that every household has signed (312/312) and
    the 1998 addict has a rehab file: every kontum-2024 criterion passes (the "Tờ trình" dossier path).

Messy files in messy/ (written with openpyxl directly: deliberately not canonical)
-------------------------------------------------------------------------------
messy/tieu-de-va-gop-o.xlsx — ward "Phường Thống Nhất", slug thong-nhat. Roster-format Tolerance 1–4:
    Vietnamese sheet titles ("Thông tin địa bàn", "Thôn, tổ dân phố", "Hộ gia đình", "Người nghiện",
    "Người SDTP"); DiaBan keys by synonym (Mã phường, Tên phường, Loại địa bàn = "phường", …);
    title rows + a date line + a blank row above the headers; upper-case / synonym headers
    ("HỌ VÀ TÊN", "SỐ CCCD", "Họ tên chủ hộ", "Ký cam kết", "MÃ TỔ", …); a leading STT column;
    totals rows ("Tổng cộng", "Cộng: 20 hộ"); in "Người nghiện" a two-row header with a merged
    "Hồ sơ" over "Quản lý" / "Cai nghiện" (the other headers merged over both rows);
    hamlets referenced by code or by name. Expected: 3 hamlets, 20 households (19 signed),
    4 addicts (headers on rows 4–5, data rows 6–9), 2 users; no errors.
messy/nfd-va-ngay-thang.xlsx — ward "Xã Hoà Bình", slug hoa-binh (Nằm trên tuyến trọng điểm = "x", i.e.
    yes; profile laocai-2023). Tolerance 5–9: every text cell and sheet title in NFD; ThonTo yes/no
    cells x / ✓ / 1 / Rồi / Đã / "TRUE" (all yes); hamlet "Thôn Hoà Phú" (old-style tone) referenced
    as "Thôn Hòa Phú", others as "thon tan huong" and "  Thôn  Tân   Hương "; HoGiaDinh Ngày ký in every accepted form
    ("05/03/2024", "7/3/2024", "09-03-2024", "11.03.2024", "2024-03-13", a real date 2024-03-15,
    "1/4/2024" = 1 April), Đã ký cam kết as x / ✓ / 1 (number) / Đã / Rồi / "TRUE" / X / có (yes: 8)
    and Chưa / 0 (number) / Không / blank (no: 4); NguoiNghien birth as year numbers (and one real
    date), one CCCD stored as the NUMBER 62089004417 (leading zero lost → "062089004417" with a
    warning), status "VẮNG MẶT", form "dieu tri thay the"; the hotspot sheet titled "Điểm, tụ điểm"
    with statuses "da triet xoa", "ĐÃ TRIỆT XÓA", "Đã triệt xoá" (all three = Đã triệt xóa) and types
    "diem ban le", "ĐIỂM PHỨC TẠP". No errors.
messy/loi-o-du-lieu.xlsx — ward "Xã Tân Lập", slug tan-lap; canonical sheet names, headers in row 1,
    exactly these six planted errors (Excel row numbers; see PLANTED_ERRORS):
      1. HoGiaDinh   row 4, "Ngày ký":        "31/02/2024"   impossible date
      2. HoGiaDinh   row 6, "Đã ký cam kết":  "có lẽ"        not a yes/no value
      3. NguoiNghien row 3, "Thôn/Tổ":        "Tổ 99"        unknown hamlet (known: T1, T2, T3)
      4. NguoiNghien row 5, "Tình trạng":     "đang đi chơi" not a status
      5. NguoiSuDung row 4, "Thôn/Tổ":        blank          required cell empty, "Họ và tên" filled
      6. SauCai      row 4, "Số định danh":   "062087001122" same CCCD as SauCai row 2
    Everything else in the file is valid.
messy/khong-co-diaban.xlsx — no DiaBan sheet: import with `--ward nguyen-trai`. Sheets "Tổ dân phố"
    (the 6 hamlets of nguyen-trai.xlsx, unchanged) and "Danh sách người nghiện" (synonym headers:
    Số CCCD, Họ tên, Năm sinh, …): the 6 addicts of nguyen-trai.xlsx with the 1998 one now having
    Hồ sơ cai nghiện = Có (and Hình thức cai nghiện, no note), plus 1 new addict (born 25/09/2002, TDP04).
    After nguyen-trai.xlsx: hamlets 6 unchanged; addicts 1 added, 1 changed, 5 unchanged; criterion c
    then passes (e still fails).
"""

import datetime as dt
import random
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
try:
    import lacha  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent / "src"))

import python_calamine  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402
from openpyxl.styles import Alignment, Font  # noqa: E402

from lacha.workbook_writer import write_workbook  # noqa: E402

D = dt.date
SEED = 2024
FROZEN_TIME = (2024, 12, 14, 0, 0, 0)

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai", "Tạ", "Cao")
MIDDLE = {"Nam": ("Văn", "Hữu", "Đức", "Quang", "Minh", "Công", "Thanh", "Ngọc", "Xuân", "Đình", "Bá"),
          "Nữ": ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng", "Bích")}
GIVEN = {"Nam": ("Hùng", "Dũng", "Tuấn", "Nam", "Long", "Phúc", "Thắng", "Bình", "Cường", "Hải", "Khánh",
                 "Sơn", "Toàn", "Trung", "Việt", "Hiếu", "Lâm", "Quý", "Tài", "Vinh", "Đạt", "Khoa"),
         "Nữ": ("Lan", "Hương", "Mai", "Hoa", "Hạnh", "Thảo", "Trang", "Nhung", "Yến", "Linh", "Phương",
                "Hà", "Loan", "Oanh", "Tâm", "Nga", "Duyên", "Vân")}
STREETS = ("Trần Hưng Đạo", "Lê Lợi", "Bà Triệu", "Phan Chu Trinh", "Hai Bà Trưng", "Ngô Quyền",
           "Lý Thường Kiệt", "Nguyễn Huệ", "Trần Phú", "Hùng Vương")

# (code, name, households, population): households sum to 312, population to 9812.
NT_HAMLETS = (("TDP01", "Tổ dân phố 1", 48, 1510), ("TDP02", "Tổ dân phố 2", 55, 1725),
              ("TDP03", "Tổ dân phố 3", 51, 1598), ("TDP04", "Tổ dân phố 4", 60, 1890),
              ("TDP05", "Tổ dân phố 5", 46, 1452), ("TDP06", "Tổ dân phố 6", 52, 1637))
NT_UNSIGNED = 3

# loi-o-du-lieu.xlsx: (sheet, Excel row, column header, value) of each planted error.
PLANTED_ERRORS = (
    ("HoGiaDinh", 4, "Ngày ký", "31/02/2024"),
    ("HoGiaDinh", 6, "Đã ký cam kết", "có lẽ"),
    ("NguoiNghien", 3, "Thôn/Tổ", "Tổ 99"),
    ("NguoiNghien", 5, "Tình trạng", "đang đi chơi"),
    ("NguoiSuDung", 4, "Thôn/Tổ", None),
    ("SauCai", 4, "Số định danh", "062087001122"),
)


class People:
    """Invented Vietnamese names and CCCD numbers, never the same twice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.names: set[str] = set()
        self.ids: set[str] = set()

    def name(self, gender: str) -> str:
        while True:
            name = " ".join((self.rng.choice(FAMILY), self.rng.choice(MIDDLE[gender]), self.rng.choice(GIVEN[gender])))
            if name not in self.names:
                self.names.add(name)
                return name

    def cccd(self, birth: dt.date | int, gender: str) -> str:
        """062 (Kon Tum) + century/gender digit + two digits of the birth year + 6 random digits."""
        year = birth if isinstance(birth, int) else birth.year
        century = (0 if year < 2000 else 2) + (1 if gender == "Nữ" else 0)
        while True:
            number = f"062{century}{year % 100:02d}{self.rng.randrange(10**6):06d}"
            if number not in self.ids:
                self.ids.add(number)
                return number


def day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


# ── nguyen-trai ─────────────────────────────────────────────────────────────

def nguyen_trai(all_pass: bool) -> tuple[dict, dict[str, list[dict]]]:
    """The demo ward; ``all_pass`` signs every household and completes the missing rehab file."""
    rng = random.Random(SEED)
    people = People(rng)
    ward = {
        "slug": "nguyen-trai", "name": "Phường Nguyễn Trãi", "kind": "Phường", "province": "Tỉnh Kon Tum",
        "parent": "Ủy ban nhân dân tỉnh Kon Tum", "population": sum(h[3] for h in NT_HAMLETS),
        "households_declared": sum(h[2] for h in NT_HAMLETS), "on_route": False, "profile": "kontum-2024",
        "signer": "Lương Quang Khải", "signer_title": "Chủ tịch", "doc_number": "125/TTr-UBND",
        "recipients": "Ủy ban nhân dân tỉnh Kon Tum; Công an tỉnh Kon Tum",
    }
    hamlets = [{"key": code, "name": name, "households_declared": households, "population": population,
                "mailbox": True, "hotline_board": True} for code, name, households, population in NT_HAMLETS]
    rows = {
        "hamlets": hamlets,
        "households": nt_households(rng, people, all_pass),
        "addicts": nt_addicts(people, all_pass),
        "users": nt_users(people),
        "post_rehab": nt_post_rehab(people),
    }
    rows["violations"] = nt_violations(people, rows["users"][1])
    rows.update(hotspots=NT_HOTSPOTS, suspects=nt_suspects(people), models=NT_MODELS, plants=NT_PLANTS)
    return ward, rows


def nt_households(rng: random.Random, people: People, all_pass: bool) -> list[dict]:
    total = sum(h[2] for h in NT_HAMLETS)
    unsigned = set(rng.sample(range(total), NT_UNSIGNED))
    households = []
    for code, name, count, _ in NT_HAMLETS:
        for _ in range(count):
            index = len(households)
            signed = all_pass or index not in unsigned
            signed_on = day_between(rng, D(2024, 1, 8), D(2024, 11, 29))  # drawn for every row: variants align
            households.append({
                "key": f"HGD-{index + 1:04d}",
                "head": people.name("Nam" if rng.random() < 0.7 else "Nữ"),
                "hamlet_code": code,
                "address": f"{rng.randint(1, 240)} {rng.choice(STREETS)}, {name}",
                "signed": signed,
                "signed_on": signed_on if signed else None,
                "note": None if signed else "Chưa ký, đang vận động",
            })
    return households


def person(people: People, gender: str, birth: dt.date | int, hamlet: str, status: str | None, **fields) -> dict:
    row = {"key": people.cccd(birth, gender), "name": people.name(gender), "birth": birth, "gender": gender,
           "hamlet_code": hamlet, "status": status}
    row.update(fields)
    return row


def nt_addicts(people: People, all_pass: bool) -> list[dict]:
    return [
        person(people, "Nam", D(1989, 4, 12), "TDP02", "Có mặt", has_management_file=True,
               management_file_on=D(2023, 5, 8), rehab_form="Methadone", has_rehab_file=True, psychosis=False,
               note="Điều trị Methadone tại cơ sở điều trị của tỉnh"),
        person(people, "Nam", 1994, "TDP04", "Có mặt", has_management_file=True, management_file_on=D(2023, 9, 20),
               rehab_form="Tự nguyện tại gia đình", has_rehab_file=True, psychosis=True,
               note="Có biểu hiện loạn thần, gia đình phối hợp quản lý"),
        person(people, "Nam", D(1998, 11, 3), "TDP01", "Có mặt", has_management_file=True,
               management_file_on=D(2024, 10, 15), rehab_form="Tự nguyện tại cộng đồng" if all_pass else None,
               has_rehab_file=all_pass, psychosis=False,
               note=None if all_pass else "Mới phát hiện, đang lập hồ sơ cai nghiện"),
        person(people, "Nam", D(1985, 2, 27), "TDP05", "Đang cai nghiện tại cơ sở", has_management_file=True,
               management_file_on=D(2022, 12, 1), rehab_form="Bắt buộc", has_rehab_file=True, psychosis=False,
               note="Cai nghiện bắt buộc tại cơ sở cai nghiện ma túy của tỉnh"),
        person(people, "Nữ", 1992, "TDP03", "Chuyển đi", has_management_file=False, has_rehab_file=False,
               psychosis=False, note="Đã chuyển đi nơi khác từ tháng 6/2024"),
        person(people, "Nam", D(2001, 7, 9), "TDP06", "Có mặt", has_management_file=True,
               management_file_on=D(2024, 3, 14), rehab_form="Tự nguyện tại cộng đồng", has_rehab_file=True,
               psychosis=False),
    ]


def nt_users(people: People) -> list[dict]:
    def decided(number: str, on: dt.date) -> dict:
        return {"has_management_file": True, "management_file_on": on + dt.timedelta(days=1),
                "decision_number": number, "decision_on": on, "managed_until": on.replace(year=on.year + 1)}

    return [
        person(people, "Nam", 1996, "TDP02", "Có mặt", **decided("12/QĐ-UBND", D(2024, 2, 19))),
        person(people, "Nam", D(2003, 5, 30), "TDP03", "Có mặt", **decided("45/QĐ-UBND", D(2024, 6, 10))),
        person(people, "Nữ", 1999, "TDP05", "Có mặt", **decided("61/QĐ-UBND", D(2024, 8, 2))),
        person(people, "Nam", D(2000, 1, 15), "TDP01", "Vắng mặt", has_management_file=False,
               note="Đi làm ăn xa, chưa xác định nơi ở"),
    ]


def nt_post_rehab(people: People) -> list[dict]:
    def managed(completed: dt.date) -> dict:
        return {"has_management_file": True, "management_file_on": completed + dt.timedelta(days=5),
                "rehab_completed_on": completed, "has_post_rehab_file": True,
                "managed_until": completed.replace(year=completed.year + 1)}

    return [
        person(people, "Nam", D(1987, 8, 21), "TDP04", "Có mặt", **managed(D(2024, 1, 10))),
        person(people, "Nam", 1991, "TDP02", "Có mặt", **managed(D(2024, 4, 2))),
        person(people, "Nữ", D(1995, 12, 5), "TDP06", "Có mặt", **managed(D(2024, 7, 18))),
    ]


def nt_violations(people: People, user: dict) -> list[dict]:
    same_user = {f: user[f] for f in ("key", "name", "birth", "gender", "hamlet_code", "status",
                                      "has_management_file", "management_file_on")}
    return [
        dict(same_user, act="Sử dụng trái phép chất ma túy", found_on=D(2024, 6, 3), arrested=False, wanted=False,
             handling_status="Đã xử lý", note="Xử phạt vi phạm hành chính"),
        person(people, "Nam", D(1993, 10, 2), "TDP05", "Vắng mặt", has_management_file=False,
               act="Tàng trữ trái phép chất ma túy", found_on=D(2024, 9, 17), arrested=True, wanted=False,
               handling_status="Đang xử lý", note="Bị bắt giữ, đang bị tạm giam"),
        person(people, "Nam", 1997, "TDP03", "Có mặt", has_management_file=False,
               act="Sử dụng trái phép chất ma túy", found_on=D(2023, 11, 22), arrested=False, wanted=False,
               handling_status="Đã xử lý", note="Xử phạt vi phạm hành chính"),
    ]


NT_HOTSPOTS = [
    {"key": "DTD-01", "name": "Khu nhà trọ bỏ hoang cuối hẻm 25", "type": "Điểm tổ chức, chứa chấp sử dụng",
     "hamlet_code": "TDP03", "found_on": D(2023, 8, 14), "status": "Đã triệt xóa", "cleared_on": D(2024, 2, 6)},
    {"key": "DTD-02", "name": "Quán giải khát ven bờ sông", "type": "Điểm bán lẻ", "hamlet_code": "TDP05",
     "found_on": D(2024, 1, 19), "status": "Đã triệt xóa", "cleared_on": D(2024, 5, 28)},
    {"key": "DTD-03", "name": "Bãi đất trống sau chợ", "type": "Điểm phức tạp", "hamlet_code": "TDP01",
     "found_on": D(2024, 4, 2), "status": "Đã triệt xóa", "cleared_on": D(2024, 9, 12)},
]


def nt_suspects(people: People) -> list[dict]:
    return [
        {"key": "DT-01", "name": people.name("Nam"), "type": "Đối tượng", "hamlet_code": "TDP02",
         "status": "Đã loại khỏi diện nghi vấn", "updated_on": D(2024, 7, 30)},
        {"key": "DT-02", "name": "Nhóm thanh thiếu niên tụ tập khu bờ kè", "type": "Ổ nhóm", "hamlet_code": "TDP06",
         "status": "Đã xử lý", "updated_on": D(2024, 10, 8), "note": "Đã xử lý hành chính 4 đối tượng"},
    ]


NT_MODELS = [
    {"name": "Tổ dân phố không ma túy", "type": "Tự quản phòng, chống ma túy tại cộng đồng",
     "founded_on": D(2024, 3, 26), "status": "Đang duy trì hiệu quả", "evaluated_on": D(2024, 11, 20),
     "note": "Triển khai điểm tại Tổ dân phố 3"},
]
NT_PLANTS = [
    {"hamlet_code": "TDP05", "found_on": D(2024, 4, 17), "plant_count": 12, "area_m2": 3.5, "destroyed": True,
     "note": "Cây cần sa trồng xen trong vườn nhà"},
]


# ── messy files: helpers ────────────────────────────────────────────────────

BOLD = Font(bold=True)


def put(ws, row: int, values: list, *, text_columns: tuple[int, ...] = ()) -> None:
    """Write one row from column 1; dates get DD/MM/YYYY, ``text_columns`` (1-based) the '@' format."""
    for column, value in enumerate(values, start=1):
        if value is None:
            continue
        cell = ws.cell(row, column, value)
        if isinstance(value, dt.date):
            cell.number_format = "DD/MM/YYYY"
        if column in text_columns:
            cell.number_format = "@"


def title(ws, row: int, text: str, last_column: int) -> None:
    ws.cell(row, 1, text).font = BOLD
    ws.cell(row, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)


def yes_no(value: bool) -> str:
    return "Có" if value else "Không"


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


# ── messy/tieu-de-va-gop-o.xlsx ─────────────────────────────────────────────

def build_titles_and_merges(path: Path, rng: random.Random) -> None:
    people = People(rng)
    wb = new_workbook()
    ws = wb.create_sheet("Thông tin địa bàn")
    for row, pair in enumerate((("Mã phường", "thong-nhat"), ("Tên phường", "Phường Thống Nhất"),
                                ("Loại địa bàn", "phường"), ("Tỉnh", "Tỉnh Kon Tum"),
                                ("Cấp trên", "Ủy ban nhân dân tỉnh Kon Tum"), ("Số nhân khẩu", 83),
                                ("Tổng số hộ", 20), ("Tuyến trọng điểm", "Không"), ("Bộ tiêu chí", "kontum-2024")),
                               start=1):
        put(ws, row, list(pair))

    hamlets = (("TDP1", "Tổ dân phố 1", 7, 29), ("TDP2", "Tổ dân phố 2", 6, 25), ("TDP3", "Tổ dân phố 3", 7, 29))
    ws = wb.create_sheet("Thôn, tổ dân phố")
    title(ws, 1, "DANH SÁCH TỔ DÂN PHỐ PHƯỜNG THỐNG NHẤT", 7)
    put(ws, 3, ["STT", "MÃ TỔ", "TÊN THÔN, TỔ DÂN PHỐ", "TỔNG SỐ HỘ", "SỐ NHÂN KHẨU", "HÒM THƯ",
                "BẢNG ĐƯỜNG DÂY NÓNG"])
    for i, (code, name, households, population) in enumerate(hamlets, start=1):
        put(ws, 3 + i, [i, code, name, households, population, "Có", "Có"])
    put(ws, 7, ["Tổng cộng", None, None, 20, 83])

    ws = wb.create_sheet("Hộ gia đình")
    title(ws, 1, "DANH SÁCH HỘ GIA ĐÌNH KÝ CAM KẾT KHÔNG VI PHẠM PHÁP LUẬT VỀ MA TÚY", 7)
    title(ws, 2, "Phường Thống Nhất — cập nhật đến ngày 30/11/2024", 7)
    put(ws, 4, ["STT", "Mã số hộ", "Họ tên chủ hộ", "Tổ dân phố", "Số nhà", "Ký cam kết", "Ngày ký cam kết"])
    number = 0
    for code, name, households, _ in hamlets:
        for _ in range(households):
            number += 1
            signed = number != 13
            place = name if number % 2 else code  # hamlets by name and by code
            put(ws, 4 + number, [number, f"TN-{number:03d}", people.name("Nam" if rng.random() < 0.7 else "Nữ"),
                                 place, f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
                                 "Có" if signed else "Chưa",
                                 day_between(rng, D(2024, 2, 1), D(2024, 11, 15)) if signed else None])
    put(ws, 5 + number, ["Cộng: 20 hộ"])

    ws = wb.create_sheet("Người nghiện")
    title(ws, 1, "DANH SÁCH NGƯỜI NGHIỆN MA TÚY TRÊN ĐỊA BÀN PHƯỜNG THỐNG NHẤT", 12)
    title(ws, 2, "(Tính đến ngày 30/11/2024)", 12)
    put(ws, 4, ["STT", "HỌ VÀ TÊN", "SỐ CCCD", "NĂM SINH", "GIỚI TÍNH", "THÔN, TỔ DÂN PHỐ", "TÌNH TRẠNG HIỆN TẠI",
                "Hồ sơ", None, "HÌNH THỨC CAI", "LOẠN THẦN, NGÁO ĐÁ", "GHI CHÚ"])  # "Hồ sơ" spans H:I
    put(ws, 5, [None] * 7 + ["Quản lý", "Cai nghiện"])
    ws.merge_cells("H4:I4")
    for column in "ABCDEFGJKL":
        ws.merge_cells(f"{column}4:{column}5")
    addicts = (("Nam", 1990, "Tổ dân phố 1", "Có mặt", "Có", "Có", "Methadone", "Không"),
               ("Nam", 1996, "TDP2", "Có mặt", "Có", "Có", "Tự nguyện tại gia đình", "Có"),
               ("Nữ", 1993, "Tổ dân phố 3", "Đang cai nghiện tại cơ sở", "Có", "Có", "Bắt buộc", "Không"),
               ("Nam", 1988, "TDP3", "Chuyển đi", "Không", "Không", None, "Không"))
    for i, (gender, year, place, status, management, rehab, form, psychosis) in enumerate(addicts, start=1):
        put(ws, 5 + i, [i, people.name(gender), people.cccd(year, gender), year, gender, place, status,
                        management, rehab, form, psychosis], text_columns=(3,))
    put(ws, 10, ["Tổng cộng: 4 người"])

    ws = wb.create_sheet("Người SDTP")
    title(ws, 1, "DANH SÁCH NGƯỜI SỬ DỤNG TRÁI PHÉP CHẤT MA TÚY", 9)
    put(ws, 3, ["STT", "Họ tên", "CMND/CCCD", "Sinh ngày", "Thôn/Tổ dân phố", "Có mặt/Vắng mặt",
                "Đã lập hồ sơ quản lý", "Số QĐ", "Ngày QĐ"])
    put(ws, 4, [1, people.name("Nam"), people.cccd(D(2002, 3, 4), "Nam"), D(2002, 3, 4), "TDP1", "Có mặt", "Có",
                "08/QĐ-UBND", D(2024, 3, 1)], text_columns=(3,))
    put(ws, 5, [2, people.name("Nam"), people.cccd(1999, "Nam"), 1999, "Tổ dân phố 2", "Vắng mặt", "Không"],
        text_columns=(3,))
    wb.save(path)


# ── messy/nfd-va-ngay-thang.xlsx ────────────────────────────────────────────

def nfd(value):
    return unicodedata.normalize("NFD", value) if isinstance(value, str) else value


def put_nfd(ws, row: int, values: list) -> None:
    put(ws, row, [nfd(v) for v in values])


def build_nfd_and_dates(path: Path, rng: random.Random) -> None:
    people = People(rng)
    wb = new_workbook()
    ws = wb.create_sheet("DiaBan")
    for row, pair in enumerate((("Mã địa bàn", "hoa-binh"), ("Tên địa bàn", "Xã Hoà Bình"), ("Loại", "Xã"),
                                ("Tỉnh/Thành phố", "Tỉnh Kon Tum"), ("Dân số", 2140), ("Số hộ", 12),
                                ("Nằm trên tuyến trọng điểm", "x"), ("Tiêu chí", "laocai-2023")), start=1):
        put_nfd(ws, row, list(pair))

    ws = wb.create_sheet(nfd("Thôn, tổ dân phố"))
    put_nfd(ws, 1, ["Mã", "Tên", "Số hộ", "Dân số", "Hòm thư tố giác", "Bảng niêm yết đường dây nóng"])
    put_nfd(ws, 2, ["T1", "Thôn Hoà Phú", 4, 705, "x", "✓"])
    put_nfd(ws, 3, ["T2", "Thôn Tân Hương", 4, 690, 1, "Rồi"])
    put_nfd(ws, 4, ["T3", "Thôn Đồng Tâm", 4, 745, "Đã", "TRUE"])

    ws = wb.create_sheet(nfd("Hộ gia đình"))
    put_nfd(ws, 1, ["Mã hộ", "Chủ hộ", "Thôn/Tổ", "Đã ký cam kết", "Ngày ký"])
    households = (("Thôn Hòa Phú", "x", "05/03/2024"), ("thon tan huong", "✓", "7/3/2024"),
                  ("T3", 1, "09-03-2024"), ("  Thôn  Tân   Hương ", "Đã", "11.03.2024"),
                  ("Thôn Hòa Phú", "Rồi", "2024-03-13"), ("T3", "TRUE", D(2024, 3, 15)),
                  ("Thôn Đồng Tâm", "X", "1/4/2024"), ("T1", "có", "02/04/2024"),
                  ("T2", "Chưa", None), ("T3", 0, None), ("T1", "Không", None), ("T2", None, None))
    for i, (place, signed, signed_on) in enumerate(households, start=1):
        put_nfd(ws, 1 + i, [f"HB-{i:02d}", people.name("Nam" if i % 3 else "Nữ"), place, signed, signed_on])

    ws = wb.create_sheet("NguoiNghien")
    put_nfd(ws, 1, ["Số định danh", "Họ và tên", "Ngày sinh", "Giới tính", "Thôn/Tổ", "Tình trạng",
                    "Hồ sơ quản lý", "Ngày lập hồ sơ", "Hình thức cai nghiện", "Hồ sơ cai nghiện"])
    lost_zero = 62089004417  # "062089004417" as Excel stores it when typed as a number
    put_nfd(ws, 2, [lost_zero, people.name("Nam"), 1989, "Nam", "T1", "Có mặt", "x", "15/01/2024",
                    "dieu tri thay the", "✓"])
    ws.cell(2, 1).number_format = "0"
    put_nfd(ws, 3, [people.cccd(1995, "Nữ"), people.name("Nữ"), 1995, "Nữ", "Thôn Tân Hương", "VẮNG MẶT", "✓",
                    D(2024, 2, 20), None, "Chưa"])
    put_nfd(ws, 4, [people.cccd(D(1991, 6, 8), "Nam"), people.name("Nam"), D(1991, 6, 8), "nam", "thon dong tam",
                    None, 1, "2024-05-06", "Tự nguyện tại gia đình", "Rồi"])
    for row in (3, 4):
        ws.cell(row, 1).number_format = "@"

    ws = wb.create_sheet(nfd("Điểm, tụ điểm"))
    put_nfd(ws, 1, ["Mã", "Tên/địa điểm", "Loại", "Thôn/Tổ", "Ngày phát hiện", "Tình trạng", "Ngày triệt xóa"])
    put_nfd(ws, 2, ["D1", "Lán trại bỏ hoang ven suối", "diem ban le", "T1", "12/01/2024", "da triet xoa",
                    "20.04.2024"])
    put_nfd(ws, 3, ["D2", "Quán nước đầu cầu", "ĐIỂM PHỨC TẠP", "T2", D(2023, 10, 3), "ĐÃ TRIỆT XÓA", "2/5/2024"])
    put_nfd(ws, 4, ["D3", "Nhà kho cũ sau trường", "Điểm tổ chức, chứa chấp sử dụng", "T3", "2024-02-14",
                    "Đã triệt xoá", D(2024, 6, 30)])
    wb.save(path)


# ── messy/loi-o-du-lieu.xlsx ────────────────────────────────────────────────

LOI_HEADERS = {
    "HoGiaDinh": ["Mã hộ", "Chủ hộ", "Thôn/Tổ", "Đã ký cam kết", "Ngày ký"],
    "NguoiNghien": ["Số định danh", "Họ và tên", "Ngày sinh", "Giới tính", "Thôn/Tổ", "Tình trạng", "Hồ sơ quản lý",
                    "Hồ sơ cai nghiện"],
    "NguoiSuDung": ["Số định danh", "Họ và tên", "Ngày sinh", "Giới tính", "Thôn/Tổ", "Tình trạng", "Hồ sơ quản lý"],
    "SauCai": ["Số định danh", "Họ và tên", "Ngày sinh", "Giới tính", "Thôn/Tổ", "Tình trạng", "Hồ sơ quản lý",
               "Hồ sơ quản lý sau cai"],
}


def build_bad_cells(path: Path, rng: random.Random) -> None:
    people = People(rng)
    wb = new_workbook()
    ws = wb.create_sheet("DiaBan")
    for row, pair in enumerate((("Mã địa bàn", "tan-lap"), ("Tên địa bàn", "Xã Tân Lập"), ("Loại", "Xã"),
                                ("Tỉnh/Thành phố", "Tỉnh Kon Tum"), ("Dân số", 1860), ("Số hộ", 6),
                                ("Tiêu chí", "kontum-2024")), start=1):
        put(ws, row, list(pair))
    ws = wb.create_sheet("ThonTo")
    put(ws, 1, ["Mã", "Tên", "Số hộ", "Hòm thư tố giác", "Bảng niêm yết đường dây nóng"])
    for i in (1, 2, 3):
        put(ws, 1 + i, [f"T{i}", f"Thôn {i}", 2, "Có", "Có"])

    sheets = {
        "HoGiaDinh": [[f"TL-{i:02d}", people.name("Nam"), f"T{(i - 1) // 2 + 1}", "Có",
                       day_between(rng, D(2024, 3, 1), D(2024, 10, 31))] for i in range(1, 7)],
        "NguoiNghien": [[people.cccd(year, "Nam"), people.name("Nam"), year, "Nam", hamlet, "Có mặt", "Có", "Có"]
                        for year, hamlet in ((1990, "T1"), (1994, "T2"), (1987, "T3"), (2000, "T1"))],
        "NguoiSuDung": [[people.cccd(year, "Nam"), people.name("Nam"), year, "Nam", "T2", "Có mặt", "Có"]
                        for year in (1998, 2002, 1996)],
        "SauCai": [[people.cccd(year, "Nam"), people.name("Nam"), year, "Nam", "T3", "Có mặt", "Có", "Có"]
                   for year in (1987, 1992, 1989)],
    }
    sheets["SauCai"][0][0] = "062087001122"
    for sheet, row, header, value in PLANTED_ERRORS:
        sheets[sheet][row - 2][LOI_HEADERS[sheet].index(header)] = value
    for sheet, rows in sheets.items():
        ws = wb.create_sheet(sheet)
        put(ws, 1, LOI_HEADERS[sheet])
        for row, values in enumerate(rows, start=2):
            put(ws, row, values, text_columns=(1,) if LOI_HEADERS[sheet][0] == "Số định danh" else ())
    wb.save(path)


def check_planted(path: Path) -> None:
    wb = load_workbook(path)
    for sheet, row, header, value in PLANTED_ERRORS:
        ws = wb[sheet]
        column = [c.value for c in ws[1]].index(header) + 1
        assert ws.cell(row, column).value == value, (sheet, row, header)
        assert ws.cell(row, 2).value, (sheet, row, "the row must have a name")
    ws = wb["SauCai"]
    assert ws["A2"].value == ws["A4"].value == "062087001122"


# ── messy/khong-co-diaban.xlsx ──────────────────────────────────────────────

def build_without_ward(path: Path, rows: dict[str, list[dict]], rng: random.Random) -> None:
    """The hamlets and addicts of nguyen-trai-dat (same data as nguyen-trai but the 1998 addict's rehab
    file), plus one new addict; synonym headers, Vietnamese sheet titles, no DiaBan."""
    wb = new_workbook()
    ws = wb.create_sheet("Tổ dân phố")
    put(ws, 1, ["Mã tổ", "Tên tổ", "Tổng số hộ", "Số nhân khẩu", "Hòm thư", "Bảng đường dây nóng"])
    for row, h in enumerate(rows["hamlets"], start=2):
        put(ws, row, [h["key"], h["name"], h["households_declared"], h["population"], yes_no(h["mailbox"]),
                      yes_no(h["hotline_board"])])
    ws = wb.create_sheet("Danh sách người nghiện")
    fields = ("key", "name", "birth", "gender", "hamlet_code", "status", "has_management_file",
              "management_file_on", "rehab_form", "has_rehab_file", "psychosis", "note")
    put(ws, 1, ["Số CCCD", "Họ tên", "Năm sinh", "Giới tính", "Tổ dân phố", "Tình trạng hiện tại",
                "Có hồ sơ quản lý", "Ngày lập hồ sơ quản lý", "Hình thức cai", "Lập hồ sơ cai nghiện",
                "Loạn thần", "Ghi chú"])
    people = People(rng)
    for roster in rows.values():
        people.names.update(r["name"] for r in roster if "name" in r)
        people.ids.update(r["key"] for r in roster if str(r.get("key", "")).startswith("062"))
    new = person(people, "Nam", D(2002, 9, 25), "TDP04", "Có mặt", has_management_file=True,
                 management_file_on=D(2024, 12, 2), rehab_form="Tự nguyện tại gia đình", has_rehab_file=True,
                 psychosis=False, note="Mới phát hiện tháng 11/2024")
    for row, addict in enumerate([*rows["addicts"], new], start=2):
        values = [addict.get(f) for f in fields]
        put(ws, row, [yes_no(v) if isinstance(v, bool) else v for v in values], text_columns=(1,))
    wb.save(path)


# ── reproducible files, checks ──────────────────────────────────────────────

def freeze(path: Path) -> None:
    """Fixed zip entry times and document dates, so an unchanged rebuild gives identical bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    stamp = "2024-12-14T00:00:00Z"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", lambda m: m.group(1) + stamp.encode(), data)
            target.writestr(zipfile.ZipInfo(info.filename, FROZEN_TIME), data, zipfile.ZIP_DEFLATED)


def summary(path: Path) -> str:
    workbook = load_workbook(path)
    calamine = python_calamine.CalamineWorkbook.from_path(str(path))
    assert calamine.sheet_names == workbook.sheetnames, path
    parts = []
    for name in workbook.sheetnames:
        rows = calamine.get_sheet_by_name(name).to_python(skip_empty_area=False)
        filled = sum(1 for r in rows if any(v not in ("", None) for v in r))
        parts.append(f"{name}:{filled}")
    return f"{path.relative_to(HERE)}  " + " ".join(parts)


def main() -> None:
    (HERE / "messy").mkdir(exist_ok=True)
    outputs = []
    for name, all_pass in (("nguyen-trai.xlsx", False), ("nguyen-trai-dat.xlsx", True)):
        ward, rows = nguyen_trai(all_pass)
        write_workbook(HERE / name, ward, rows)
        outputs.append(HERE / name)
    rng = random.Random(SEED)
    messy = HERE / "messy"
    build_titles_and_merges(messy / "tieu-de-va-gop-o.xlsx", rng)
    build_nfd_and_dates(messy / "nfd-va-ngay-thang.xlsx", rng)
    build_bad_cells(messy / "loi-o-du-lieu.xlsx", rng)
    build_without_ward(messy / "khong-co-diaban.xlsx", nguyen_trai(True)[1], rng)
    outputs += [messy / n for n in ("tieu-de-va-gop-o.xlsx", "nfd-va-ngay-thang.xlsx", "loi-o-du-lieu.xlsx",
                                    "khong-co-diaban.xlsx")]
    check_planted(messy / "loi-o-du-lieu.xlsx")
    for path in outputs:
        freeze(path)
        print(summary(path))


if __name__ == "__main__":
    main()
