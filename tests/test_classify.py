"""``lacha classify``: trọng điểm loại I / II / III or none (QĐ 28/2025/QĐ-TTg), through the real command."""

import json

import pytest


from rules.helpers import import_ward

AS_OF = "2025-12-14"  # the last day of kỳ đánh giá 2025 (Điều 7 khoản 1)
# Population 10,000 (helpers.ward_sheets): 50 people with a management file = 0.5% exactly.
MANAGED = [[f"0620900{i:05d}", f"Người Nghiện {i}", "T1", "Có mặt", "Có", "Có", "Methadone"] for i in range(50)]
PLACES = [[f"Điểm {i}", "Điểm tổ chức, chứa chấp sử dụng", "T2", "01/02/2025", "Đang hoạt động", None]
          for i in range(2)]
ARRESTS = [[f"0620910{i:05d}", f"Người Bị Bắt {i}", "T1", "Mua bán", "01/05/2025", "Có", "Không", "Đã xử lý"]
           for i in range(10)]


def classify(cli, db, *args):
    return cli("classify", "--db", db, "--as-of", AS_OF, *args)


def test_three_confirmed_loai_i_criteria_classify_as_loai_i_in_json_per_cli_md(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình",
                extra={"NguoiNghien": MANAGED, "DiemTuDiem": PLACES, "ViPham": ARRESTS})
    result = classify(cli, db, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {"ward", "as_of", "class", "criteria"}
    assert doc["class"] == "I" and doc["verified"] is True and doc["population"] == 10000
    by_id = {c["id"]: c for c in doc["criteria"]}
    assert set(by_id) == {"a", "b", "c", "d", "đ"}
    for c in doc["criteria"]:
        assert set(c) >= {"id", "value", "unit", "met_for", "verified", "note"}
    assert by_id["a"]["value"] == pytest.approx(0.005) and by_id["a"]["unit"] == "ratio"
    assert by_id["a"]["met_for"] == ["I", "II", "III"]
    assert by_id["b"]["value"] == 2 and by_id["c"]["value"] == pytest.approx(0.001)


def test_the_table_prints_every_measured_value_next_to_its_threshold(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình", extra={"DiemTuDiem": PLACES[:1]})
    out = classify(cli, db).output
    assert "Phường An Bình" in out and "1 điểm" in out and "≥ 0,5%" in out and "≥ 3.000 cây" in out
    # one venue only: loại III has no venue criterion (Điều 4 khoản 3), yet Điều 6 khoản 3 fails
    assert "Không thuộc loại I/II/III theo Điều 4, nhưng chưa đạt tiêu chí không ma túy (Điều 6 khoản 3)" in out
    assert "*" not in out  # every threshold is confirmed text


def test_a_clean_commune_is_not_trong_diem_and_the_verdict_is_confirmed(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    doc = json.loads(classify(cli, db, "--format", "json").stdout)
    assert doc["class"] is None and doc["verified"] is True


def test_one_arrest_is_loai_iii_confirmed_citing_dieu_4_khoan_3_diem_b(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình", extra={"ViPham": ARRESTS[:1]})
    result = classify(cli, db, "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["class"] == "III" and doc["verified"] is True and doc["determinable"] is True
    assert doc["citation"] == "QĐ 28/2025/QĐ-TTg, Điều 4 khoản 3 điểm b"
    assert "chưa đối chiếu" not in result.stdout and "chưa đối chiếu" not in classify(cli, db).output


def test_classify_all_counts_communes_in_each_class(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình",
                extra={"NguoiNghien": MANAGED, "DiemTuDiem": PLACES, "ViPham": ARRESTS})
    import_ward(cli, db, tmp_path, "tan-hoa", "Xã Tân Hòa")
    import_ward(cli, db, tmp_path, "phu-loi", "Xã Phú Lợi", extra={"ViPham": ARRESTS[:1]})
    result = classify(cli, db, "--all", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert {c["ward"]["slug"]: c["class"] for c in doc["communes"]} == {"an-binh": "I", "phu-loi": "III",
                                                                        "tan-hoa": None}
    assert doc["totals"] == {"communes": 3, "I": 1, "II": 0, "III": 1, "none": 1, "undetermined": 0,
                             "unconfirmed": 0}
    out = classify(cli, db, "--all").output
    assert "Phường An Bình" in out and "loại I: 1" in out and "không thuộc: 1" in out


def test_classify_usage_errors_exit_2(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    assert classify(cli, db, "--all", "--ward", "an-binh").exit_code == 2
    assert classify(cli, db, "--ward", "khong-co").exit_code == 2
    assert cli("classify", "--db", tmp_path / "trong.db").exit_code == 2


def test_profiles_show_national_lists_the_classification_thresholds_with_sources(cli):
    result = cli("profiles", "--show", "national-2025")
    assert result.exit_code == 0
    assert "a_percent_I" in result.output and "Điều 4 khoản 1 điểm a" in result.output
    assert "Điều 4 khoản 2 điểm a" in result.output
