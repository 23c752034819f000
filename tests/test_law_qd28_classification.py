"""QĐ 28/2025/QĐ-TTg, Điều 4 — each band edge, read as a sentence of the law, through the real ``lacha classify``.

The fictional ward has 10.000 nhân khẩu (rules/helpers.ward_sheets); kỳ đánh giá 2025 is 15/12/2024 – 14/12/2025.
"""

import json

import pytest
from rules.helpers import import_ward

YEAR = "2025"


def addicts(n):
    return [[f"0620900{i:05d}", f"Người Nghiện {i}", "T1", "Có mặt", "Có", "Có", "Methadone"] for i in range(n)]


def venues(n, kind="Điểm tổ chức, chứa chấp sử dụng"):
    return [[f"Điểm {i}", kind, "T2", "01/02/2025", "Đang hoạt động", None] for i in range(n)]


def arrests(n, day="01/05/2025"):
    return [[f"0620910{i:05d}", f"Người Bị Bắt {i}", "T1", "Mua bán", day, "Có", "Không", "Đã xử lý"]
            for i in range(n)]


def plants(count, area, day="01/06/2025"):
    return [["T1", day, count, area]]


def classified(cli, db, tmp_path, route="Không", *args, **extra):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình", extra=extra,
                ward_rows={"Nằm trên tuyến trọng điểm": route})
    result = cli("classify", "--db", db, "--year", YEAR, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def met(doc, mid):
    return next(c for c in doc["criteria"] if c["id"] == mid)["met_for"]


@pytest.mark.parametrize(("people", "bands"), [
    (0, []),  # no one: not even loại III
    (9, ["III"]),  # 0,09%: above zero, under 0,1%
    (10, ["II", "III"]),  # 0,1%: "từ 0,1% đến dưới 0,5%" (Điều 4 khoản 2 điểm a)
    (49, ["II", "III"]),  # 0,49%
    (50, ["I", "II", "III"]),  # 0,5%: "từ 0,5% trở lên" (Điều 4 khoản 1 điểm a)
])
def test_the_rate_of_managed_addicts_meets_its_band_and_every_lower_one(cli, db, tmp_path, people, bands):
    doc = classified(cli, db, tmp_path, NguoiNghien=addicts(people))
    assert met(doc, "a") == bands
    assert doc["verified"] is True and doc["determinable"] is True


@pytest.mark.parametrize(("people", "bands"), [
    (4, ["III"]),  # 0,04%: "dưới 0,05%" read as above zero (Điều 4 khoản 3 điểm b)
    (5, ["II", "III"]),  # 0,05%: "từ 0,05% đến dưới 0,1%"
    (10, ["I", "II", "III"]),  # 0,1%: "từ 0,1% trở lên"
])
def test_the_rate_of_arrests_in_the_period_meets_its_band(cli, db, tmp_path, people, bands):
    assert met(classified(cli, db, tmp_path, ViPham=arrests(people)), "c") == bands


@pytest.mark.parametrize(("count", "area", "bands"), [
    (499, 0, ["III"]), (500, 0, ["II", "III"]), (2999, 0, ["II", "III"]), (3000, 0, ["I", "II", "III"]),
    (0, 124, ["III"]), (0, 125, ["II", "III"]), (0, 749, ["II", "III"]), (0, 750, ["I", "II", "III"]),
])
def test_plants_or_area_found_and_destroyed_meet_their_band(cli, db, tmp_path, count, area, bands):
    assert met(classified(cli, db, tmp_path, CayMaTuy=plants(count, area)), "d") == bands


def test_one_venue_alone_meets_no_loai_yet_fails_dieu_6_khoan_3(cli, db, tmp_path):
    doc = classified(cli, db, tmp_path, DiemTuDiem=venues(1))
    assert met(doc, "b") == ["II"]  # loại III has no venue criterion
    assert doc["class"] is None and doc["gap"] is True and "Điều 6 khoản 3" in doc["citation"]
    assert "không thuộc loại I/II/III theo Điều 4, nhưng chưa đạt tiêu chí không ma túy (Điều 6 khoản 3)" in doc["note"]


def test_two_venues_meet_loai_i_b_and_loai_ii_b(cli, db, tmp_path):
    assert met(classified(cli, db, tmp_path, DiemTuDiem=venues(2)), "b") == ["I", "II"]


def test_retail_points_and_complex_hubs_are_not_dieu_2_khoan_1_venues(cli, db, tmp_path):
    doc = classified(cli, db, tmp_path, DiemTuDiem=venues(1, "Điểm bán lẻ") + venues(1, "Tụ điểm phức tạp"))
    assert met(doc, "b") == [] and doc["class"] is None and doc["gap"] is False


def test_three_criteria_at_loai_i_make_loai_i(cli, db, tmp_path):
    doc = classified(cli, db, tmp_path, NguoiNghien=addicts(50), DiemTuDiem=venues(2), ViPham=arrests(10))
    assert doc["class"] == "I" and doc["citation"] == "QĐ 28/2025/QĐ-TTg, Điều 4 khoản 1 điểm a, b, c"


def test_loai_i_via_diem_dd_two_criteria_at_loai_ii_band_on_a_route(cli, db, tmp_path):
    # a and c at loại I, b and d at loại II band: đ of loại I met on a route → 3 of a–đ at loại I
    doc = classified(cli, db, tmp_path, "Có", NguoiNghien=addicts(50), ViPham=arrests(10),
                     DiemTuDiem=venues(1))
    assert met(doc, "đ") == ["I", "II"] and doc["class"] == "I"


def test_off_a_route_the_same_commune_is_loai_ii(cli, db, tmp_path):
    doc = classified(cli, db, tmp_path, "Không", NguoiNghien=addicts(50), ViPham=arrests(10),
                     DiemTuDiem=venues(1))
    assert met(doc, "đ") == [] and doc["class"] == "II"


def test_loai_ii_via_diem_dd_two_criteria_above_zero_on_a_route(cli, db, tmp_path):
    # a at loại II band, c and d only above zero: on a route, đ of loại II → a, đ and … only 2 at loại II
    doc = classified(cli, db, tmp_path, "Có", NguoiNghien=addicts(10), DiemTuDiem=venues(1), ViPham=arrests(1))
    assert met(doc, "đ") == ["I", "II"] or met(doc, "đ") == ["II"]
    assert doc["class"] == "II"  # a (II), b (II), đ (II)
    off = classified(cli, db, tmp_path, "Không", NguoiNghien=addicts(10), DiemTuDiem=venues(1),
                     ViPham=arrests(1))
    assert off["class"] == "III"


def test_diem_dd_for_loai_ii_counts_criteria_above_zero_not_itself(cli, db, tmp_path):
    # only c and d above zero, both under the loại II band: đ of loại II, not of loại I
    doc = classified(cli, db, tmp_path, "Có", ViPham=arrests(1), CayMaTuy=plants(10, 0))
    assert met(doc, "đ") == ["II"] and doc["class"] == "III"


def test_an_arrest_on_14_12_counts_in_that_years_period_and_on_15_12_in_the_next(cli, db, tmp_path):
    doc = classified(cli, db, tmp_path, ViPham=arrests(1, "14/12/2025") + [
        ["062091099999", "Người Bị Bắt Sau", "T1", "Mua bán", "15/12/2025", "Có", "Không", "Đã xử lý"]])
    c = next(c for c in doc["criteria"] if c["id"] == "c")
    assert c["shown"].endswith("(1/10.000 người)")
    assert doc["period"] == {"year": 2025, "start": "2024-12-15", "end": "2025-12-14", "as_of": "2025-12-14"}
    later = json.loads(cli("classify", "--db", db, "--year", "2026", "--format", "json").stdout)
    assert next(c for c in later["criteria"] if c["id"] == "c")["shown"].endswith("(1/10.000 người)")
    assert later["period"]["start"] == "2025-12-15"


def test_an_arrest_before_the_period_does_not_count(cli, db, tmp_path):
    doc = classified(cli, db, tmp_path, ViPham=arrests(1, "14/12/2024"))
    assert met(doc, "c") == [] and doc["class"] is None


def test_year_and_as_of_outside_the_period_are_refused(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    result = cli("classify", "--db", db, "--year", "2025", "--as-of", "2025-12-15")
    assert result.exit_code == 2 and "không thuộc kỳ đánh giá năm 2025" in result.output


def test_the_sample_nguyen_trai_ward_is_loai_iii_confirmed_citing_dieu_4_khoan_3_diem_a(cli, db, tmp_path):
    from lacha.resources import sample_workbook

    result = cli("import", str(sample_workbook()), "--db", db)
    assert result.exit_code == 0, result.output
    result = cli("classify", "--db", db, "--ward", "nguyen-trai", "--year", "2025", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["class"] == "III" and doc["verified"] is True and doc["determinable"] is True
    assert "QĐ 28/2025/QĐ-TTg, Điều 4 khoản 3 điểm a" in doc["citation"]
    assert next(c for c in doc["criteria"] if c["id"] == "a")["shown"].startswith("0,082% (8/9.812")


def test_a_methadone_patient_leaves_dieu_6_met_while_the_commune_is_loai_iii_and_both_are_shown(cli, db, tmp_path):
    doc = classified(cli, db, tmp_path, NguoiNghien=addicts(1))  # on Methadone: exempt from Điều 6 khoản 1
    assert doc["class"] == "III" and doc["khong_ma_tuy"] is True
    assert doc["both_note"] == ("đồng thời thuộc loại III (Điều 4) và đạt tiêu chí không ma túy (Điều 6) — đề nghị "
                                "UBND tỉnh xem xét")
    assessed = cli("assess", "--db", db, "--profile", "national-2025", "--year", YEAR)
    assert assessed.exit_code == 0, assessed.output


def test_year_works_on_assess_dossier_and_report(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình", extra={"ViPham": arrests(1, "15/12/2024")})
    failed = cli("assess", "--db", db, "--profile", "national-2025", "--year", "2025", "--format", "json")
    assert failed.exit_code == 1  # a resident's violation on the first day of kỳ 2025
    assert cli("assess", "--db", db, "--profile", "national-2025", "--year", "2026").exit_code == 0
    refused = cli("assess", "--db", db, "--year", "2025", "--as-of", "2024-12-14")
    assert refused.exit_code == 2
    out = tmp_path / "hs.html"
    result = cli("dossier", "--db", db, "--profile", "national-2025", "--year", "2026", "--draft", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "chưa đối chiếu" not in out.read_text(encoding="utf-8")
    report = cli("report", "--db", db, "--year", "2025")
    assert report.exit_code == 0, report.output and "15/12/2024" in report.output


def test_assess_national_prints_the_dieu_4_verdict_beside_dieu_6(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình", extra={"NguoiNghien": addicts(1)})
    out = cli("assess", "--db", db, "--profile", "national-2025", "--year", YEAR).output
    assert "Điều 4, xét riêng" in out and "Loại III" in out
    assert "đồng thời thuộc loại III (Điều 4) và đạt tiêu chí không ma túy (Điều 6)" in out.replace("\n", " ")


def test_a_list_reviewed_before_the_period_began_is_not_evidence_for_that_period(cli, db, tmp_path):
    from rules.helpers import build_workbook, ward_sheets

    book = build_workbook(tmp_path / "cu.xlsx", ward_sheets("an-binh", "Phường An Bình"))
    result = cli("import", str(book), "--db", db, "--effective", "01/12/2024")
    assert result.exit_code == 0, result.output
    doc = json.loads(cli("classify", "--db", db, "--year", "2025", "--format", "json").stdout)
    assert doc["determinable"] is False and doc["class"] is None and "ViPham" in doc["missing"]
    c = next(c for c in doc["criteria"] if c["id"] == "c")
    assert c["shown"] == "—" and "rà soát ngày 01/12/2024" in c["note"]
    national = json.loads(cli("assess", "--db", db, "--profile", "national-2025", "--year", "2025",
                              "--format", "json").stdout)
    two = next(c for c in national["criteria"] if c["id"] == "2")
    assert two["status"] == "insufficient_data" and "01/12/2024" in two["note"]


def _national(cli, db, tmp_path, **extra):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình", extra=extra)
    result = cli("assess", "--db", db, "--profile", "national-2025", "--year", YEAR, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return {c["id"]: c for c in json.loads(result.stdout)["criteria"]}


def test_a_temporarily_absent_addict_still_resides_on_the_territory_dieu_6_khoan_1(cli, db, tmp_path):
    away = [["062090099901", "Người Vắng Mặt", "T1", "Vắng mặt", "Có", "Có", "Bắt buộc"]]
    assert _national(cli, db, tmp_path, NguoiNghien=away)["1"]["status"] == "fail"


def test_a_violation_without_a_date_is_not_read_as_outside_the_period_dieu_6_khoan_2(cli, db, tmp_path):
    undated = [["062091099901", "Người Không Ngày", "T1", "Sử dụng", None, "Không", "Không", "Đã xử lý"]]
    assert _national(cli, db, tmp_path, ViPham=undated)["2"]["status"] == "insufficient_data"


def test_a_wanted_person_whose_status_nobody_wrote_is_not_read_as_caught_dieu_6_khoan_2(cli, db, tmp_path):
    wanted = [["062091099902", "Người Truy Nã", "T1", "Mua bán", "01/03/2019", "Không", "Có", None]]
    assert _national(cli, db, tmp_path, ViPham=wanted)["2"]["status"] == "insufficient_data"


def test_an_active_point_of_unknown_kind_may_be_a_use_venue_dieu_6_khoan_3(cli, db, tmp_path):
    untyped = [["Nhà không rõ", None, "T2", "01/02/2025", "Đang hoạt động", None]]
    assert _national(cli, db, tmp_path, DiemTuDiem=untyped)["3"]["status"] == "insufficient_data"


def test_a_suspected_point_counts_as_a_point_dieu_2_khoan_1(cli, db, tmp_path):
    suspected = [["Nhà nghi vấn", "Điểm tổ chức, chứa chấp sử dụng", "T2", "01/02/2025", "Nghi vấn", None]]
    assert _national(cli, db, tmp_path, DiemTuDiem=suspected)["3"]["status"] == "fail"
