"""roster-format.md, "Errors, and nothing lost": every error named, all in one run, exit 2, nothing written.

Every workbook here is fictional: invented names, invented ID numbers.
"""

import re
import zipfile

import pytest
from conftest import (ADDICT_HEADER, HAMLET_ROWS, WARD_ROWS, build_workbook, fetch, file_bytes, table_contents,
                      ward_workbook)

from lacha.db.engine import get_engine
from lacha.db.models import Addict, Ward
from lacha.errors import WorkbookRejected
from lacha.importing.apply import import_workbook

VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)

GOOD_ADDICTS = [ADDICT_HEADER,
                [1, "001090000801", "Nguyễn Văn An", "1990", "Nam", "T1", "", "Có", ""],
                [2, "001090000802", "Lê Thị Bích", "1993", "Nữ", "T2", "", "Không", ""]]


def flat(output: str) -> str:
    return " ".join(output.split())


def import_fails(cli, path, db, *extra) -> str:
    result = cli("import", path, "--db", db, *extra)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return flat(result.output)


def bad_workbook(path):
    """Six bad cells across five sheets, plus a duplicate key: seven errors."""
    ward = [*WARD_ROWS[:4], ["Dân số", "khoảng 12 nghìn"]]
    hamlets = [*HAMLET_ROWS, ["T4", "Tổ 4", "nhiều", None, "Có", "Có"]]
    households = [["Mã hộ", "Chủ hộ", "Thôn/Tổ", "Đã ký cam kết"],
                  ["HGD-001", "Phan Văn Uy", "T1", "có lẽ"],
                  ["HGD-002", "Trương Thị Xuân", "T2", "Có"],
                  ["HGD-002", "Âu Văn Yên", "T3", "Có"]]
    addicts = [ADDICT_HEADER[:6] + ["Ngày lập hồ sơ"],
               [1, "001090000811", "Tô Văn Bảo", "1990", "Nam", "T1", "31/02/2024"],
               [2, "001090000812", "Lâm Thị Cúc", "1991", "Nữ", "Tổ 9", None],
               [3, "12345", "Hứa Văn Đạt", "1992", "Nam", "T2", None]]
    hotspots = [["Mã", "Tên/địa điểm", "Thôn/Tổ", "Tình trạng"], ["D1", "Bãi đất trống", "T1", "Đang tạm nghỉ"]]
    return build_workbook(path, {"DiaBan": ward, "ThonTo": hamlets, "HoGiaDinh": households,
                                 "NguoiNghien": addicts, "DiemTuDiem": hotspots})


EXPECTED_ERRORS = [  # (sheet, Excel row, column header, value)
    ("DiaBan", 5, "Dân số", "khoảng 12 nghìn"),
    ("ThonTo", 5, "Số hộ", "nhiều"),
    ("HoGiaDinh", 2, "Đã ký cam kết", "có lẽ"),
    ("HoGiaDinh", 4, "Mã hộ", "HGD-002"),
    ("NguoiNghien", 2, "Ngày lập hồ sơ", "31/02/2024"),
    ("NguoiNghien", 3, "Thôn/Tổ", "Tổ 9"),
    ("NguoiNghien", 4, "Số định danh", "12345"),
    ("DiemTuDiem", 2, "Tình trạng", "Đang tạm nghỉ"),
]


def rejected_issues(engine, path, **options):
    with pytest.raises(WorkbookRejected) as rejected:
        import_workbook(engine, path, **options)
    return rejected.value.issues


def test_every_error_names_sheet_excel_row_column_value_and_a_vietnamese_reason(engine, tmp_path):
    issues = rejected_issues(engine, bad_workbook(tmp_path / "bad.xlsx"))
    for issue in issues:
        assert issue.sheet and issue.row and issue.column and issue.value not in (None, ""), issue
        assert VIETNAMESE.search(issue.reason), issue.reason
        assert str(issue).startswith(f"Sheet {issue.sheet}, dòng {issue.row}, cột {issue.column}")


def test_all_errors_of_the_file_are_reported_in_one_run(engine, tmp_path):
    issues = rejected_issues(engine, bad_workbook(tmp_path / "bad.xlsx"))
    found = sorted((i.sheet, i.row, i.column, str(i.value)) for i in issues)
    assert found == sorted(EXPECTED_ERRORS)


def test_errors_are_listed_in_workbook_order_sheet_then_row(engine, tmp_path):
    issues = rejected_issues(engine, bad_workbook(tmp_path / "bad.xlsx"))
    assert [(i.sheet, i.row, i.column, str(i.value)) for i in issues] == EXPECTED_ERRORS


def test_the_cli_prints_every_error_and_exits_2(cli, db, tmp_path):
    output = import_fails(cli, bad_workbook(tmp_path / "bad.xlsx"), db)
    assert f"có {len(EXPECTED_ERRORS)} lỗi" in output and "chưa nhập gì" in output
    for sheet, row, column, value in EXPECTED_ERRORS:
        assert re.search(rf"Sheet {sheet}, dòng {row}, cột {re.escape(column)} \([A-Z]+\): '{re.escape(value)}'",
                         output), (sheet, row, column)


def test_a_rejected_workbook_leaves_the_database_byte_for_byte_and_row_for_row_unchanged(cli, db, tmp_path):
    good = ward_workbook(tmp_path / "good.xlsx", {"NguoiNghien": GOOD_ADDICTS})
    assert cli("import", good, "--db", db).exit_code == 0
    engine = get_engine(str(db))
    rows_before, bytes_before = table_contents(engine), file_bytes(db)
    assert rows_before["addict"] and rows_before["import_run"]
    import_fails(cli, bad_workbook(tmp_path / "bad.xlsx"), db)
    assert file_bytes(db) == bytes_before
    assert table_contents(engine) == rows_before


def test_one_bad_cell_among_good_rows_writes_nothing_at_all(cli, db, tmp_path):
    rows = [*GOOD_ADDICTS, [3, "001090000803", "Đoàn Văn Chí", "1988", "Nam", "T1", "", "hình như có", ""]]
    output = import_fails(cli, ward_workbook(tmp_path / "one-bad.xlsx", {"NguoiNghien": rows}), db)
    assert "dòng 4, cột Hồ sơ quản lý (H): 'hình như có'" in output
    assert fetch(db, Ward, "slug") == [] and fetch(db, Addict) == []


def test_unknown_hamlet_error_lists_the_known_hamlets_and_says_to_add_it_to_thonto(cli, db, tmp_path):
    rows = [ADDICT_HEADER, [1, "001090000821", "Quan Văn Định", "1990", "Nam", "Tổ 7", "", "Có", ""]]
    output = import_fails(cli, ward_workbook(tmp_path / "hamlet.xlsx", {"NguoiNghien": rows}), db)
    assert "Sheet NguoiNghien, dòng 2, cột Thôn/Tổ (F): 'Tổ 7'" in output
    assert "Tổ 1 (T1)" in output and "Tổ 2 (T2)" in output and "Tổ dân phố Hòa Bình (T3)" in output
    assert "thêm thôn, tổ này vào sheet ThonTo" in output


def test_hamlets_of_an_earlier_import_are_known_to_a_later_workbook(cli, db, tmp_path):
    assert cli("import", ward_workbook(tmp_path / "first.xlsx"), "--db", db).exit_code == 0
    later = build_workbook(tmp_path / "later.xlsx", {"NguoiNghien": GOOD_ADDICTS})
    result = cli("import", later, "--db", db)
    assert result.exit_code == 0, result.output
    assert [r["hamlet_code"] for r in fetch(db, Addict)] == ["T1", "T2"]


def test_duplicate_keys_in_one_sheet_are_an_error_naming_both_rows(cli, db, tmp_path):
    rows = [*GOOD_ADDICTS,
            [3, "001090000801", "Nguyễn Văn An", "1990", "Nam", "T1", "", "Có", ""],
            [4, "012090000805", "Huỳnh Văn Giàu", "1985", "Nam", "T2", "", "Có", ""],
            [5, 12090000805.0, "Huỳnh Văn Giàu", "1985", "Nam", "T2", "", "Có", ""]]  # same ID, zero lost
    output = import_fails(cli, ward_workbook(tmp_path / "dup.xlsx", {"NguoiNghien": rows}), db)
    assert "Sheet NguoiNghien, dòng 4, cột Số định danh (B): '001090000801'" in output
    assert "trùng với dòng 2" in output
    assert "Sheet NguoiNghien, dòng 6, cột Số định danh (B)" in output and "trùng với dòng 5" in output
    assert fetch(db, Addict) == []


def test_diaban_slug_differing_from_ward_option_is_an_error(cli, db, tmp_path):
    output = import_fails(cli, ward_workbook(tmp_path / "w.xlsx"), db, "--ward", "tan-an")
    assert "nguyen-trai" in output and "--ward tan-an" in output
    assert fetch(db, Ward, "slug") == []


def test_diaban_slug_equal_to_ward_option_is_accepted(cli, db, tmp_path):
    assert cli("import", ward_workbook(tmp_path / "w.xlsx"), "--db", db, "--ward", "nguyen-trai").exit_code == 0
    assert [w["slug"] for w in fetch(db, Ward, "slug")] == ["nguyen-trai"]


def test_no_diaban_and_no_ward_option_with_an_empty_database_is_a_usage_error(cli, db, tmp_path):
    path = build_workbook(tmp_path / "noward.xlsx", {"ThonTo": HAMLET_ROWS})
    output = import_fails(cli, path, db)
    assert "--ward" in output and "DiaBan" in output
    assert fetch(db, Ward, "slug") == []


def test_no_diaban_and_no_ward_option_with_several_wards_is_a_usage_error_listing_them(cli, db, tmp_path):
    path = build_workbook(tmp_path / "noward.xlsx", {"ThonTo": HAMLET_ROWS})
    assert cli("import", path, "--db", db, "--ward", "tan-an", "--new-ward").exit_code == 0
    assert cli("import", path, "--db", db, "--ward", "hoa-binh", "--new-ward").exit_code == 0
    engine = get_engine(str(db))
    before = table_contents(engine)
    output = import_fails(cli, path, db)
    assert "--ward" in output and "hoa-binh" in output and "tan-an" in output
    assert table_contents(engine) == before


def test_a_roster_sheet_missing_a_required_column_is_named_not_lost(cli, db, tmp_path):
    rows = [["STT", "Số định danh", "Ngày sinh", "Thôn/Tổ"], [1, "001090000831", "1990", "T1"]]
    output = import_fails(cli, build_workbook(tmp_path / "nocol.xlsx", {"NguoiNghien": rows}), db)
    assert "Sheet NguoiNghien" in output and "Họ và tên" in output and "không tìm thấy dòng tiêu đề" in output


def test_a_csv_file_is_refused_in_vietnamese_with_exit_2(cli, db, tmp_path):
    path = tmp_path / "danh-sach.csv"
    path.write_text("Họ và tên,Thôn/Tổ\nNguyễn Văn An,T1\n", encoding="utf-8")
    output = import_fails(cli, path, db)
    assert "danh-sach.csv" in output and "không phải Excel" in output


@pytest.mark.parametrize("content", [b"\x00\x01 random bytes \xff" * 40, "Họ và tên,Thôn/Tổ\n".encode()],
                         ids=["random-bytes", "csv-text"])
def test_a_non_excel_file_renamed_xlsx_is_refused_in_vietnamese_with_exit_2(cli, db, tmp_path, content):
    path = tmp_path / "doi-ten.xlsx"
    path.write_bytes(content)
    output = import_fails(cli, path, db)
    assert "doi-ten.xlsx" in output and "không phải tệp Excel .xlsx hợp lệ" in output


def test_a_zip_that_is_not_a_workbook_is_refused_with_exit_2(cli, db, tmp_path):
    path = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải Excel")
    output = import_fails(cli, path, db)
    assert "nen.xlsx" in output and "Không đọc được tệp" in output


def test_a_missing_file_is_refused_with_exit_2(cli, db, tmp_path):
    output = import_fails(cli, tmp_path / "khong-co.xlsx", db)
    assert "Không tìm thấy tệp" in output
