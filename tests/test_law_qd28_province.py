"""QĐ 28/2025/QĐ-TTg, Điều 5 (tỉnh trọng điểm) and the province's Điều 6, read as sentences of the law, through the
real ``lacha classify --province`` on imported workbooks.

Every fictional commune has 10.000 nhân khẩu (rules/helpers.ward_sheets); kỳ đánh giá 2025 is 15/12/2024 –
14/12/2025, after the 2025 rearrangement of provinces (1/7/2025).
"""

import json

import pytest
from conftest import build_workbook as build_sheets
from conftest import fetch
from rules.helpers import build_workbook, ward_sheets

YEAR = "2025"
PROVINCE = "Tỉnh Ninh Bình"


def addicts(n):
    return [[f"0620900{i:05d}", f"Người Nghiện {i}", "T1", "Có mặt", "Có", "Có", "Methadone"] for i in range(n)]


def venues(n):
    return [[f"Điểm {i}", "Điểm tổ chức, chứa chấp sử dụng", "T2", "01/02/2025", "Đang hoạt động", None]
            for i in range(n)]


def arrests(n, day="01/05/2025"):
    return [[f"0620910{i:05d}", f"Người Bị Bắt {i}", "T1", "Mua bán", day, "Có", "Không", "Đã xử lý"]
            for i in range(n)]


def plants(count, area=0, day="01/06/2025"):
    return [["T1", day, count, area]]


def commune(cli, db, tmp_path, slug, name, province=PROVINCE, drop=(), route="Không", **extra):
    sheets = ward_sheets(slug, name, extra=extra,
                         ward_rows={"Tỉnh/Thành phố": province, "Nằm trên tuyến trọng điểm": route})
    for sheet in drop:  # a list never sent: not reviewed
        sheets.pop(sheet)
    book = build_workbook(tmp_path / f"{slug}.xlsx", sheets)
    result = cli("import", str(book), "--db", str(db))
    assert result.exit_code == 0, result.output


def province(cli, db, *args, name=PROVINCE, code=0):
    result = cli("classify", "--db", db, "--province", name, "--year", YEAR, "--format", "json", *args)
    assert result.exit_code == code, result.output
    return json.loads(result.stdout) if code == 0 else result


def met(doc):
    return {c["id"]: c["met"] for c in doc["criteria"]}


def four_sums(cli, db, tmp_path, managed=40, plants_found=0):
    """Phường An Bình: 40 managed addicts (0,4%), 10 arrests (0,1%); Xã Bình Minh: 5 venues (+ plants).
    Over 20.000 nhân khẩu: criterion 1 at 0,2%, 2 at 5 venues, 3 at 0,05%; no commune reaches loại I or II."""
    commune(cli, db, tmp_path, "an-binh", "Phường An Bình", NguoiNghien=addicts(managed), ViPham=arrests(10))
    extra = {"CayMaTuy": plants(plants_found)} if plants_found else {}
    commune(cli, db, tmp_path, "binh-minh", "Xã Bình Minh", DiemTuDiem=venues(5), **extra)


def test_a_province_meeting_4_of_the_6_criteria_is_trong_diem(cli, db, tmp_path):
    four_sums(cli, db, tmp_path, plants_found=8000)  # Điều 5 khoản 5: "từ 8.000 cây trở lên"
    doc = province(cli, db, "--inter-provincial-route", "không")
    assert met(doc) == {"1": True, "2": True, "3": True, "4": False, "5": True, "6": False}
    assert doc["trong_diem"] is True and doc["met"] == 4
    assert [c["citation"] for c in doc["criteria"]] == [f"QĐ 28/2025/QĐ-TTg, Điều 5 khoản {n}" for n in range(1, 7)]
    assert all(c["verified"] for c in doc["criteria"]) and doc["verified"] is True
    shown = {c["id"]: c["shown"] for c in doc["criteria"]}
    assert shown["1"] == "0,2% (40/20.000 người)" and shown["3"] == "0,05% (10/20.000 người)"
    assert shown["2"] == "5 điểm" and shown["4"] == "0% (0/2 xã loại I, II)"


def test_a_province_at_3_criteria_hangs_on_the_route_until_the_province_states_it(cli, db, tmp_path):
    four_sums(cli, db, tmp_path)
    doc = province(cli, db)
    assert met(doc)["6"] is None and doc["met"] == 3 and doc["unknown"] == 1
    assert doc["trong_diem"] is None and doc["verdict"] == "chưa xác định"
    assert province(cli, db, "--inter-provincial-route", "có")["trong_diem"] is True  # 4 of 6
    assert province(cli, db, "--inter-provincial-route", "không")["trong_diem"] is False  # 3 of 6, none unknown


def test_the_route_is_a_record_of_the_province_kept_with_date_and_account_until_changed(cli, db, tmp_path):
    from lacha.db.province_models import ProvinceRecord

    four_sums(cli, db, tmp_path)
    province(cli, db, "--inter-provincial-route", "có")
    province(cli, db, "--inter-provincial-route", "có")  # the same statement again: no new record
    later = province(cli, db)  # stated once, kept
    assert later["route"]["inter_provincial"] is True and "tài khoản" in later["route"]["source"]
    rows = fetch(db, ProvinceRecord, "id")
    assert [(r["name"], r["inter_provincial_route"]) for r in rows] == [(PROVINCE, True)]
    assert rows[0]["stated_at"] is not None and rows[0]["os_user"]
    province(cli, db, "--inter-provincial-route", "không")  # changed: the old statement stays as history
    assert [r["inter_provincial_route"] for r in fetch(db, ProvinceRecord, "id")] == [True, False]
    assert province(cli, db)["trong_diem"] is False


def test_a_province_profile_file_states_the_route(cli, db, tmp_path):
    four_sums(cli, db, tmp_path)
    toml = tmp_path / "ninh-binh.toml"
    toml.write_text('[province]\nname = "Ninh Bình"\ninter_provincial_route = true\n', encoding="utf-8")
    doc = province(cli, db, "--profile-file", toml)
    assert met(doc)["6"] is True and doc["trong_diem"] is True and "ninh-binh.toml" in doc["route"]["source"]


def test_a_rate_just_under_0_2_percent_does_not_meet_criterion_1(cli, db, tmp_path):
    four_sums(cli, db, tmp_path, managed=39)  # 39/20.000 = 0,195%
    assert met(province(cli, db))["1"] is False


def test_a_list_not_reviewed_leaves_a_sum_unknown_unless_the_known_figures_already_reach_it(cli, db, tmp_path):
    commune(cli, db, tmp_path, "an-binh", "Phường An Bình", NguoiNghien=addicts(39), ViPham=arrests(10))
    commune(cli, db, tmp_path, "binh-minh", "Xã Bình Minh", drop=("NguoiNghien",), DiemTuDiem=venues(5))
    doc = province(cli, db)
    assert met(doc)["1"] is None and "Xã Bình Minh" in doc["criteria"][0]["note"]
    assert met(doc)["2"] is True and met(doc)["4"] is None  # Bình Minh's loại cannot be determined
    assert doc["khong_ma_tuy"] is False  # An Bình fails Điều 6 whatever Bình Minh's list says


def test_dieu_6_the_province_is_khong_ma_tuy_only_when_every_commune_is(cli, db, tmp_path):
    commune(cli, db, tmp_path, "an-binh", "Phường An Bình")
    commune(cli, db, tmp_path, "binh-minh", "Xã Bình Minh")
    doc = province(cli, db, "--inter-provincial-route", "không")
    assert doc["khong_ma_tuy"] is True and doc["trong_diem"] is False
    assert [c["khong_ma_tuy"] for c in doc["communes"]] == [True, True]
    commune(cli, db, tmp_path, "cat-tuong", "Xã Cát Tường", DiemTuDiem=venues(1))  # Điều 6 khoản 3
    doc = province(cli, db)
    assert doc["khong_ma_tuy"] is False
    gap = next(c for c in doc["communes"] if c["slug"] == "cat-tuong")
    assert gap["class"] is None and "Điều 6 khoản 3" in gap["label"]


def test_an_absorbed_name_resolves_to_its_successor_with_a_warning(cli, db, tmp_path):
    commune(cli, db, tmp_path, "an-binh", "Phường An Bình", NguoiNghien=addicts(40))
    commune(cli, db, tmp_path, "binh-minh", "Xã Bình Minh", province="Nam Định", DiemTuDiem=venues(5))
    doc = province(cli, db, name="Tỉnh Nam Định")
    assert doc["province"] == "Tỉnh Ninh Bình"
    assert [c["slug"] for c in doc["communes"]] == ["an-binh", "binh-minh"]  # the old name counts under it
    assert any("sáp nhập vào Tỉnh Ninh Bình từ ngày 01/07/2025" in w for w in doc["warnings"])
    assert any("ghi “Nam Định”" in w for w in doc["warnings"])
    result = cli("classify", "--db", db, "--province", "TP. Ninh Bình", "--year", YEAR)  # prefix and case folded
    assert result.exit_code == 0 and "Tỉnh Ninh Bình" in result.stdout and "Điều 5" in result.stdout


def test_before_the_merger_the_old_province_stands_apart(cli, db, tmp_path):
    commune(cli, db, tmp_path, "an-binh", "Phường An Bình")
    commune(cli, db, tmp_path, "binh-minh", "Xã Bình Minh", province="Nam Định")
    result = cli("classify", "--db", db, "--province", "Ninh Bình", "--year", "2024", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)  # kỳ 2024 ends 14/12/2024, before 1/7/2025
    assert [c["slug"] for c in doc["communes"]] == ["an-binh"] and doc["warnings"][-1].startswith("Tiêu chí 6")


def communes_list(tmp_path, rows, header=("Mã đơn vị hành chính", "Tên")):
    return build_sheets(tmp_path / "danh-sach-xa.xlsx", {"DanhSach": [["Danh sách xã, phường của tỉnh"],
                                                                      list(header), *rows]})


@pytest.mark.parametrize(("listed", "criterion_4"), [
    (33, None),  # 1 of 33 communes loại II: 3,03%, yet every commune must be classifiable (qd28-2025.md)
    (34, None),  # 1 of 34: 2,94% — the 32 missing files decide it
])
def test_the_communes_list_is_the_denominator_of_criterion_4_and_names_the_missing_files(
        cli, db, tmp_path, listed, criterion_4):
    # An Bình: 0,4% managed (loại II a), 0,1% arrests (I c), 3.000 cây (I d): loại II
    commune(cli, db, tmp_path, "an-binh", "Phường An Bình", NguoiNghien=addicts(40), ViPham=arrests(10),
            CayMaTuy=plants(3000))
    commune(cli, db, tmp_path, "binh-minh", "Xã Bình Minh")
    rows = [["an-binh", "Phường An Bình"], [22222, "Xã Bình Minh"]] + \
        [[f"{30000 + i}", f"Xã Thiếu Tệp {i}"] for i in range(listed - 2)]
    doc = province(cli, db, "--communes", communes_list(tmp_path, rows))
    assert doc["total_communes"] == listed and len(doc["missing_communes"]) == listed - 2
    assert doc["missing_communes"][0] == {"code": "30000", "name": "Xã Thiếu Tệp 0"}
    assert met(doc)["4"] is criterion_4 and met(doc)["1"] is None  # the missing communes' population is unknown
    assert doc["khong_ma_tuy"] is False  # An Bình fails Điều 6
    assert [c["class"] for c in doc["communes"]] == ["II", None]


def test_criterion_4_is_decided_once_every_listed_commune_is_classified(cli, db, tmp_path):
    commune(cli, db, tmp_path, "an-binh", "Phường An Bình", NguoiNghien=addicts(40), ViPham=arrests(10),
            CayMaTuy=plants(3000))
    commune(cli, db, tmp_path, "binh-minh", "Xã Bình Minh")
    doc = province(cli, db, "--communes", communes_list(tmp_path, [["an-binh", "Phường An Bình"],
                                                                   [22222, "Xã Bình Minh"]]))
    assert doc["missing_communes"] == [] and met(doc)["4"] is True  # 1 of 2 communes loại II: 50%


@pytest.mark.parametrize(("rows", "header", "said"), [
    ([["an-binh", None]], ("Mã đơn vị hành chính", "Tên"), "sheet DanhSach, dòng 3, cột B (“Tên”): trống"),
    ([["an-binh", "A"], ["an-binh", "B"]], ("Mã đơn vị hành chính", "Tên"),
     "dòng 4, cột A (“Mã đơn vị hành chính”): mã “an-binh” trùng với dòng 3"),
    ([["an-binh", "A"]], ("Mã", "Tên gọi"), "không có sheet nào có hai cột “Mã đơn vị hành chính” và “Tên”"),
])
def test_a_bad_communes_list_is_refused_naming_sheet_row_and_column_and_nothing_is_written(
        cli, db, tmp_path, rows, header, said):
    from lacha.db.province_models import ProvinceRecord

    commune(cli, db, tmp_path, "an-binh", "Phường An Bình")
    result = province(cli, db, "--communes", communes_list(tmp_path, rows, header), "--inter-provincial-route",
                      "có", code=2)
    assert said in result.output and "danh-sach-xa.xlsx" in result.output
    assert fetch(db, ProvinceRecord, "id") == []


def test_an_unknown_province_is_refused_naming_the_known_ones(cli, db, tmp_path):
    commune(cli, db, tmp_path, "an-binh", "Phường An Bình")
    commune(cli, db, tmp_path, "hoa-an", "Phường Hòa An", province="Tỉnh Đồng Nai")
    result = province(cli, db, name="Hà Nội", code=2)
    assert "Không có tỉnh, thành phố 'Hà Nội'" in result.output
    assert "Tỉnh Đồng Nai, Tỉnh Ninh Bình" in result.output
    assert province(cli, db, "--inter-provincial-route", "có lẽ", code=2).output.count("có” hoặc “không") == 1


def test_the_json_has_the_shape_of_qd28_province_level(cli, db, tmp_path):
    four_sums(cli, db, tmp_path)
    doc = province(cli, db)
    assert {"province", "trong_diem", "khong_ma_tuy", "criteria", "communes", "period"} <= set(doc)
    assert doc["period"] == {"year": 2025, "start": "2024-12-15", "end": "2025-12-14", "as_of": "2025-12-14",
                             "text": "kỳ đánh giá 2025 (15/12/2024 – 14/12/2025)"}
    assert [c["id"] for c in doc["criteria"]] == ["1", "2", "3", "4", "5", "6"]
    assert all({"id", "met", "shown", "value", "citation"} <= set(c) for c in doc["criteria"])
    assert doc["criteria"][5]["value"] is None and doc["criteria"][5]["shown"] == "chưa ghi"
    assert {c["slug"]: c["label"] for c in doc["communes"]} == {
        "an-binh": "loại III", "binh-minh": "không thuộc loại I/II/III (chưa đạt Điều 6 khoản 3)"}


def test_the_table_prints_each_figure_each_communes_class_and_the_period(cli, db, tmp_path):
    four_sums(cli, db, tmp_path)
    result = cli("classify", "--db", db, "--province", "Ninh Bình", "--year", YEAR)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("Tỉnh Ninh Bình — kỳ đánh giá 2025 (15/12/2024 – 14/12/2025)", "chưa xác định", "0,2% (40/20.000",
                 "QĐ 28/2025/QĐ-TTg, Điều 5 khoản 6", "Phường An Bình", "loại III", "Không ma túy (Điều 6)"):
        assert text in out, text


def test_the_province_options_need_province(cli, db, tmp_path):
    commune(cli, db, tmp_path, "an-binh", "Phường An Bình")
    result = cli("classify", "--db", db, "--inter-provincial-route", "có")
    assert result.exit_code == 2 and "--province" in result.output


def test_the_2025_dataset_has_34_units_taking_in_the_63_old_ones():
    import datetime as dt

    from lacha.rules import province as rules

    data = rules.provinces()
    assert len(data.units) == 34 and data.effective == dt.date(2025, 7, 1)
    assert sum(len(u.absorbed) or 1 for u in data.units) == 63
    assert data.successor("Kon Tum").name == "Tỉnh Quảng Ngãi"
    assert data.successor("Tỉnh Bà Rịa - Vũng Tàu").name == "Thành phố Hồ Chí Minh"  # hyphen or dash: folded
    assert data.successor("Hoà Bình").name == "Tỉnh Phú Thọ"  # old-style tone placement
    assert data.successor("TP. Huế").name == "Thành phố Huế" and not data.absorbed("TP Huế")
    assert rules.successor_warning("Thừa Thiên Huế", dt.date(2025, 12, 14)).startswith(
        "Tỉnh Thừa Thiên Huế đã đổi tên thành Thành phố Huế")
    assert rules.successor_warning("Kon Tum", dt.date(2024, 12, 14)) is None  # a period before the merger
