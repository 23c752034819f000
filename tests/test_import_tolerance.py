"""roster-format.md, "Tolerance" rules 1–9 and sheet recognition, driven through `lacha import`.

Every workbook here is fictional: invented names, invented ID numbers.
"""

import datetime as dt
import unicodedata

import pytest
from conftest import ADDICT_HEADER, HAMLET_ROWS, build_workbook, fetch, ward_workbook

from lacha.db.models import Addict, DrugUser, Hamlet, Hotspot, Household, PostRehabPerson, Ward

NAME_COLUMN = ADDICT_HEADER.index("Họ và tên")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def addict(n: int, name: str, hamlet: str = "T1", file: object = "Có", cccd: object = None) -> list:
    """One NguoiNghien row in ADDICT_HEADER order."""
    return [n, cccd or f"0010900000{n:02d}", name, "1990", "Nam", hamlet, "", file, ""]


def import_ok(cli, path, db, *extra) -> str:
    result = cli("import", path, "--db", db, *extra)
    assert result.exit_code == 0, result.output
    return result.output


def import_fails(cli, path, db, *extra) -> str:
    result = cli("import", path, "--db", db, *extra)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return " ".join(result.output.split())


def names(db, model=Addict) -> list[str]:
    return sorted(row["name"] for row in fetch(db, model))


# Rule 1 ──────────────────────────────────────────────────────────────────────────────────────────

def test_rule1_title_date_and_blank_rows_above_the_header_are_skipped(cli, db, tmp_path):
    rows = [["DANH SÁCH NGƯỜI NGHIỆN MA TÚY TRÊN ĐỊA BÀN PHƯỜNG NGUYỄN TRÃI"],
            ["(Tính đến ngày 14/12/2024)"], [], ADDICT_HEADER,
            addict(1, "Nguyễn Văn An"), addict(2, "Lê Thị Bích")]
    path = ward_workbook(tmp_path / "r1.xlsx", {"NguoiNghien": rows}, merges={"NguoiNghien": ["A1:I1"]})
    import_ok(cli, path, db)
    assert names(db) == ["Lê Thị Bích", "Nguyễn Văn An"]


def test_rule1_header_on_row_15_is_found(cli, db, tmp_path):
    rows = [[f"Dòng tiêu đề {n}"] for n in range(1, 15)] + [ADDICT_HEADER, addict(1, "Phạm Văn Cường")]
    import_ok(cli, ward_workbook(tmp_path / "r15.xlsx", {"NguoiNghien": rows}), db)
    assert names(db) == ["Phạm Văn Cường"]


def test_rule1_header_below_row_15_is_an_error_naming_the_sheet(cli, db, tmp_path):
    rows = [[f"Dòng tiêu đề {n}"] for n in range(1, 16)] + [ADDICT_HEADER, addict(1, "Phạm Văn Cường")]
    output = import_fails(cli, ward_workbook(tmp_path / "r16.xlsx", {"NguoiNghien": rows}), db)
    assert "Sheet NguoiNghien" in output and "không tìm thấy dòng tiêu đề" in output


# Rule 2 ──────────────────────────────────────────────────────────────────────────────────────────

TWO_ROW_TOP = ["STT", "Số định danh", "Họ và tên", "Năm sinh", "Thôn/Tổ", "Hồ sơ", None, "Ghi chú"]
TWO_ROW_SUB = [None, None, None, None, None, "Quản lý", "Cai nghiện", None]
TWO_ROW_DATA = [[1, "001090000201", "Đỗ Văn Dũng", 1985, "T1", "Có", "Không", None],
                [2, "001090000202", "Vũ Thị Hoa", 1992, "T2", "Không", "x", None]]
VERTICAL_MERGES = ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "H3:H4"]


@pytest.mark.parametrize("merges", [["F3:G3", *VERTICAL_MERGES], []], ids=["merged", "without-merge-info"])
def test_rule2_two_row_header_reads_group_and_sub_header_together(cli, db, tmp_path, merges):
    rows = [["DANH SÁCH NGƯỜI NGHIỆN"], [], TWO_ROW_TOP, TWO_ROW_SUB, *TWO_ROW_DATA]
    path = ward_workbook(tmp_path / "r2.xlsx", {"NguoiNghien": rows}, merges={"NguoiNghien": merges})
    output = import_ok(cli, path, db)
    stored = {r["name"]: (r["has_management_file"], r["has_rehab_file"], r["birth_year"]) for r in fetch(db, Addict)}
    assert stored == {"Đỗ Văn Dũng": (True, False, 1985), "Vũ Thị Hoa": (False, True, 1992)}
    assert "bỏ qua cột" not in output  # neither sub-column was taken for an unknown one


# Rule 3 ──────────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("header", ["HỌ VÀ TÊN", "Họ và  tên", "ho va ten", nfd("Họ và tên"), " Họ và tên\n",
                                    "Họ tên", "HỌ, TÊN"])
def test_rule3_headers_match_after_folding(cli, db, tmp_path, header):
    top = list(ADDICT_HEADER)
    top[NAME_COLUMN] = header
    top[ADDICT_HEADER.index("Thôn/Tổ")] = "THÔN / TỔ"
    path = ward_workbook(tmp_path / "r3.xlsx", {"NguoiNghien": [top, addict(1, "Hoàng Văn Em")]})
    import_ok(cli, path, db)
    assert names(db) == ["Hoàng Văn Em"]


# Rule 4 ──────────────────────────────────────────────────────────────────────────────────────────

def test_rule4_stt_blank_rows_totals_and_rows_with_all_required_cells_empty_are_skipped(cli, db, tmp_path):
    rows = [ADDICT_HEADER,
            addict(1, "Ngô Văn Phúc"),
            [],
            addict(2, "Bùi Thị Giang"),
            [None, None, None, None, None, None, None, None, "ghi chú lạc dòng"],  # required cells all empty
            [3],  # a numbered but empty row
            ["Tổng cộng", None, 2],
            ["Cộng", None, 2],
            [None, "TỔNG SỐ: 2 người"]]
    output = import_ok(cli, ward_workbook(tmp_path / "r4.xlsx", {"NguoiNghien": rows}), db)
    assert names(db) == ["Bùi Thị Giang", "Ngô Văn Phúc"]
    assert "STT" not in output  # the STT column is not listed as ignored


def test_rule4_a_row_with_some_required_cells_filled_is_an_error(cli, db, tmp_path):
    rows = [ADDICT_HEADER, addict(1, "Đặng Văn Hải"), [2, "001090000002", "Trịnh Thị Lan", "1991", "Nữ", None]]
    output = import_fails(cli, ward_workbook(tmp_path / "r4e.xlsx", {"NguoiNghien": rows}), db)
    assert "Sheet NguoiNghien, dòng 3, cột Thôn/Tổ (F)" in output and "bắt buộc" in output
    assert fetch(db, Addict) == []


# Rule 5 ──────────────────────────────────────────────────────────────────────────────────────────

DATE_FORMS = [(dt.date(2024, 4, 3), "Excel date"), ("03/04/2024", "dd/mm/yyyy"), ("3/4/2024", "d/m/yyyy"),
              ("03-04-2024", "dd-mm-yyyy"), ("03.04.2024", "dd.mm.yyyy"), ("2024-04-03", "yyyy-mm-dd")]


def test_rule5_every_date_form_is_read_day_first(cli, db, tmp_path):
    header = ["Số định danh", "Họ và tên", "Ngày sinh", "Thôn/Tổ", "Ngày lập hồ sơ"]
    rows = [header] + [[f"00109000030{n}", f"Người thử {label}", "1990", "T1", value]
                       for n, (value, label) in enumerate(DATE_FORMS)]
    rows.append(["001090000399", "Người năm sinh", 1979, "T2", None])
    rows.append(["001090000398", "Người ngày sinh", "05/06/1990", "T2", None])
    import_ok(cli, ward_workbook(tmp_path / "r5.xlsx", {"NguoiNghien": rows}), db)
    stored = {r["name"]: r for r in fetch(db, Addict)}
    for _, label in DATE_FORMS:
        assert stored[f"Người thử {label}"]["management_file_on"] == dt.date(2024, 4, 3), label
    assert (stored["Người năm sinh"]["birth_year"], stored["Người năm sinh"]["birth_date"]) == (1979, None)
    assert stored["Người ngày sinh"]["birth_date"] == dt.date(1990, 6, 5)


def test_rule5_impossible_date_31_02_2024_is_an_error(cli, db, tmp_path):
    rows = [ADDICT_HEADER[:6] + ["Ngày lập hồ sơ"], addict(1, "Cao Văn Khoa")[:6] + ["31/02/2024"]]
    output = import_fails(cli, ward_workbook(tmp_path / "r5e.xlsx", {"NguoiNghien": rows}), db)
    assert "Sheet NguoiNghien, dòng 2, cột Ngày lập hồ sơ (G): '31/02/2024'" in output
    assert "không phải ngày hợp lệ" in output


# Rule 6 ──────────────────────────────────────────────────────────────────────────────────────────

YES_SPELLINGS = ["Có", "có", "x", "X", "✓", "1", 1, "Đã", "Rồi", "TRUE", True]
NO_SPELLINGS = ["Không", "Chưa", "0", 0, "FALSE", False, None]


def test_rule6_every_yes_no_spelling_is_read(cli, db, tmp_path):
    spellings = YES_SPELLINGS + NO_SPELLINGS
    rows = [ADDICT_HEADER] + [addict(n, f"Người số {n:02d}", file=value) for n, value in enumerate(spellings, 1)]
    import_ok(cli, ward_workbook(tmp_path / "r6.xlsx", {"NguoiNghien": rows}), db)
    stored = {r["name"]: r["has_management_file"] for r in fetch(db, Addict)}
    expected = {f"Người số {n:02d}": n <= len(YES_SPELLINGS) for n in range(1, len(spellings) + 1)}
    assert stored == expected


def test_rule6_co_le_in_a_yes_no_cell_is_an_error(cli, db, tmp_path):
    rows = [ADDICT_HEADER, addict(1, "Mai Văn Long", file="có lẽ")]
    output = import_fails(cli, ward_workbook(tmp_path / "r6e.xlsx", {"NguoiNghien": rows}), db)
    assert "Sheet NguoiNghien, dòng 2, cột Hồ sơ quản lý (H): 'có lẽ'" in output and "có/không" in output


# Rule 7 ──────────────────────────────────────────────────────────────────────────────────────────

def test_rule7_nfd_text_matches_its_nfc_twin_and_is_stored_nfc(cli, db, tmp_path):
    rows = [[nfd(h) for h in ADDICT_HEADER],
            addict(1, nfd("Nguyễn Thị Mỹ"), hamlet=nfd("Tổ dân phố Hòa Bình")),
            addict(2, "Trần Văn Nam", hamlet=nfd("tổ 2"))]
    import_ok(cli, ward_workbook(tmp_path / "r7.xlsx", {nfd("Người nghiện"): rows}), db)
    stored = {r["name"]: r["hamlet_code"] for r in fetch(db, Addict)}
    assert stored == {"Nguyễn Thị Mỹ": "T3", "Trần Văn Nam": "T2"}
    assert all(unicodedata.is_normalized("NFC", name) for name in stored)


def test_rule7_leading_trailing_and_double_spaces_are_trimmed(cli, db, tmp_path):
    rows = [ADDICT_HEADER, addict(1, "  Lý   Văn  Minh "), addict(2, "Tạ Thị Ngọc", hamlet="  Tổ   1 ")]
    import_ok(cli, ward_workbook(tmp_path / "r7s.xlsx", {"NguoiNghien": rows}), db)
    assert {r["name"]: r["hamlet_code"] for r in fetch(db, Addict)} == {"Lý Văn Minh": "T1", "Tạ Thị Ngọc": "T1"}


# Rule 8 ──────────────────────────────────────────────────────────────────────────────────────────

def test_rule8_identifiers_keep_leading_zeros_and_lose_a_trailing_point_zero(cli, db, tmp_path):
    households = [["Mã hộ", "Chủ hộ", "Thôn/Tổ", "Đã ký cam kết"],
                  ["000123", "Lương Văn Ơn", "T1", "Có"],
                  [1234567890.0, "Quách Thị Phương", "T2", "Có"]]
    addicts = [ADDICT_HEADER, addict(1, "Hà Văn Quang", cccd="001090000501")]
    import_ok(cli, ward_workbook(tmp_path / "r8.xlsx", {"HoGiaDinh": households, "NguoiNghien": addicts}), db)
    assert [r["key"] for r in fetch(db, Household)] == ["000123", "1234567890"]
    assert [r["key"] for r in fetch(db, Addict)] == ["001090000501"]


def test_rule8_an_11_digit_cccd_number_is_padded_to_12_with_a_warning(cli, db, tmp_path):
    rows = [ADDICT_HEADER, addict(1, "Kiều Văn Sơn", cccd=10900000502.0)]
    output = " ".join(import_ok(cli, ward_workbook(tmp_path / "r8w.xlsx", {"NguoiNghien": rows}), db).split())
    assert [r["key"] for r in fetch(db, Addict)] == ["010900000502"]
    assert "Sheet NguoiNghien, dòng 2, cột Số định danh (B)" in output and "thêm số 0" in output


# Rule 9 ──────────────────────────────────────────────────────────────────────────────────────────

def test_rule9_category_values_match_after_folding(cli, db, tmp_path):
    header = ["Mã", "Tên/địa điểm", "Loại", "Thôn/Tổ", "Tình trạng", "Ngày triệt xóa"]
    rows = [header,
            ["D1", "Quán nước ven sông", "diem ban le", "T1", "da triet xoa", "01/03/2024"],
            ["D2", "Bãi đất trống", "TỤ ĐIỂM PHỨC TẠP", "T2", "ĐÃ TRIỆT XÓA", "02/03/2024"],
            ["D3", "Nhà hoang", "Điểm phức tạp", "T3", "Đã triệt xoá", "03/03/2024"]]
    import_ok(cli, ward_workbook(tmp_path / "r9.xlsx", {"DiemTuDiem": rows}), db)
    stored = [(r["key"], r["type"], r["status"]) for r in fetch(db, Hotspot)]
    assert stored == [("D1", "Điểm bán lẻ", "Đã triệt xóa"), ("D2", "Tụ điểm phức tạp", "Đã triệt xóa"),
                      ("D3", "Điểm phức tạp", "Đã triệt xóa")]


# Sheets ──────────────────────────────────────────────────────────────────────────────────────────

PERSON_ROWS = [["Số định danh", "Họ và tên", "Năm sinh", "Thôn/Tổ"], ["001090000601", "Dương Văn Tài", 1987, "T1"]]


@pytest.mark.parametrize("sheet_name, model", [
    ("NguoiNghien", Addict), ("Danh sách người nghiện", Addict), ("NGƯỜI SỬ DỤNG TRÁI PHÉP", DrugUser),
    ("Người SDTP", DrugUser), ("Quản lý sau cai", PostRehabPerson), ("nguoi sau cai", PostRehabPerson)])
def test_sheets_are_recognised_by_canonical_name_or_vietnamese_title(cli, db, tmp_path, sheet_name, model):
    import_ok(cli, ward_workbook(tmp_path / "names.xlsx", {sheet_name: PERSON_ROWS}), db)
    assert names(db, model) == ["Dương Văn Tài"]


def test_a_sheet_with_an_unknown_name_is_recognised_by_its_header(cli, db, tmp_path):
    rows = [["Mã hộ", "Họ tên chủ hộ", "Thôn/Tổ", "Ký cam kết"], ["HGD-001", "Phan Văn Uy", "T1", "x"]]
    addicts = [["DANH SÁCH"], PERSON_ROWS[0] + ["Hình thức cai nghiện"],
               ["001090000701", "Đinh Thị Vân", 1990, "T2", "Methadone"]]
    sheets = {"Sheet1": rows, "Trang 2": addicts}
    import_ok(cli, ward_workbook(tmp_path / "byheader.xlsx", sheets), db)
    assert [(r["key"], r["head"], r["signed"]) for r in fetch(db, Household)] == [("HGD-001", "Phan Văn Uy", True)]
    assert names(db, Addict) == ["Đinh Thị Vân"]


def test_an_unrecognised_sheet_is_reported_as_skipped_with_its_name(cli, db, tmp_path):
    sheets = {"NguoiNghien": PERSON_ROWS, "Bảng lương tháng 12": [["Họ tên", "Lương"], ["Ai đó", 1000]],
              "Trống": [[None]]}
    output = " ".join(import_ok(cli, ward_workbook(tmp_path / "skip.xlsx", sheets), db).split())
    assert "Bỏ qua sheet Bảng lương tháng 12" in output
    assert "Bỏ qua sheet Trống" in output
    assert names(db) == ["Dương Văn Tài"]


def test_diaban_key_value_pairs_are_stored_on_the_ward(cli, db, tmp_path):
    ward = [["THÔNG TIN ĐỊA BÀN"], ["MÃ ĐỊA BÀN", "Nguyễn Trãi"], ["Tên địa bàn", "Phường  Nguyễn Trãi"],
            ["Loại", "phuong"], ["Dân số", 12000], ["Số hộ", "3.000"], ["Nằm trên tuyến trọng điểm", "x"],
            ["Tiêu chí", "kontum-2024"]]
    import_ok(cli, build_workbook(tmp_path / "diaban.xlsx", {"Thông tin địa bàn": ward, "ThonTo": HAMLET_ROWS}), db)
    (stored,) = fetch(db, Ward, "slug")
    assert {k: stored[k] for k in ("slug", "name", "kind", "population", "households_declared", "on_route",
                                   "profile")} == {
        "slug": "nguyen-trai", "name": "Phường Nguyễn Trãi", "kind": "Phường", "population": 12000,
        "households_declared": 3000, "on_route": True, "profile": "kontum-2024"}


@pytest.mark.parametrize("name, slug", [("Phường Nguyễn Trãi", "nguyen-trai"), ("Xã Đắk Hà", "dak-ha"),
                                        ("Thị trấn Plei Kần", "plei-kan")])
def test_without_ma_dia_ban_the_slug_is_derived_from_the_name_without_its_unit_type(cli, db, tmp_path, name, slug):
    path = build_workbook(tmp_path / "noslug.xlsx", {"DiaBan": [["Tên địa bàn", name]], "ThonTo": HAMLET_ROWS})
    import_ok(cli, path, db)
    assert [(w["slug"], w["name"]) for w in fetch(db, Ward, "slug")] == [(slug, name)]


def test_hamlets_sheet_fields_are_stored(cli, db, tmp_path):
    import_ok(cli, ward_workbook(tmp_path / "hamlets.xlsx"), db)
    stored = [(r["key"], r["name"], r["households_declared"], r["mailbox"], r["hotline_board"])
              for r in fetch(db, Hamlet)]
    assert stored == [("T1", "Tổ 1", 400, True, True), ("T2", "Tổ 2", 350, True, False),
                      ("T3", "Tổ dân phố Hòa Bình", 300, True, False)]


# Beyond the numbered rules: what official forms also do ─────────────────────────────────────────────

def test_a_thon_to_cell_merged_down_over_several_people_applies_to_each(cli, db, tmp_path):
    rows = [ADDICT_HEADER, addict(1, "Ông Văn Tâm", hamlet="Tổ 2"), addict(2, "Mạc Thị Thu", hamlet=None),
            addict(3, "Lục Văn Toàn", hamlet=None), addict(4, "Ninh Thị Uyên", hamlet="T3")]
    path = ward_workbook(tmp_path / "merged-down.xlsx", {"NguoiNghien": rows}, merges={"NguoiNghien": ["F2:F4"]})
    import_ok(cli, path, db)
    assert {r["name"]: r["hamlet_code"] for r in fetch(db, Addict)} == {
        "Ông Văn Tâm": "T2", "Mạc Thị Thu": "T2", "Lục Văn Toàn": "T2", "Ninh Thị Uyên": "T3"}


@pytest.mark.parametrize("numbering", [[1, 2, 3, 4, 5, 6, 7, 8, 9], ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]])
def test_the_row_of_column_numbers_under_the_header_is_skipped(cli, db, tmp_path, numbering):
    rows = [ADDICT_HEADER, numbering, addict(1, "Thân Văn Vũ")]
    import_ok(cli, ward_workbook(tmp_path / "numbered.xlsx", {"NguoiNghien": rows}), db)
    assert names(db) == ["Thân Văn Vũ"]


@pytest.mark.parametrize("written, code", [
    ("T1", "T1"), ("t1", "T1"), ("Tổ 1", "T1"), ("TỔ 1", "T1"), ("to 1", "T1"), ("Tổ 01", "T1"),
    ("Tổ dân phố số 2", "T2"), (2, "T2"), ("02", "T2"), ("Tổ dân phố Hoà Bình", "T3"), ("Hòa Bình", "T3")])
def test_a_hamlet_is_named_by_code_or_name_folded_or_its_number(cli, db, tmp_path, written, code):
    rows = [ADDICT_HEADER, addict(1, "Giáp Văn Xuân", hamlet=written)]
    import_ok(cli, ward_workbook(tmp_path / "hamlet-forms.xlsx", {"NguoiNghien": rows}), db)
    assert [r["hamlet_code"] for r in fetch(db, Addict)] == [code]


def test_a_hidden_sheet_is_skipped_and_reported(cli, db, tmp_path):
    from openpyxl import load_workbook

    old_copy = [PERSON_ROWS[0], ["001090000602", "Bản cũ", 1, "T1"]]  # would be an error if it were read
    path = ward_workbook(tmp_path / "hidden.xlsx", {"NguoiNghien": PERSON_ROWS, "NguoiNghien cu": old_copy})
    book = load_workbook(path)
    book["NguoiNghien cu"].sheet_state = "hidden"
    book.save(path)
    output = " ".join(import_ok(cli, path, db).split())
    assert "Bỏ qua sheet NguoiNghien cu (sheet đang ẩn" in output
    assert names(db) == ["Dương Văn Tài"]
