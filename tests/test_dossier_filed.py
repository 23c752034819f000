"""The dossier as an officer files it (issue 14): separate documents, each numbered and signed on its own;
document numbers validated and formatted; Kính gửi and Nơi nhận apart; full citations; appendices with the
imported columns; no software words in any document; a PDF through LibreOffice.

Each test imports a fictional ward ("Phường Tân An", tests/test_dossier.py) with the real CLI, writes the
dossier with the real command, and opens what was written (python-docx, HTML text, pdftotext).
"""

import datetime as dt
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from test_dossier import AS_OF, html_text, invoke, ward_rosters

from lacha.errors import UsageError
from lacha.report.filing import (
    MINUTES,
    REPORT,
    REQUEST,
    distribution_list,
    format_number,
)
from lacha.rules.profiles.kontum_2024 import PROFILE as KONTUM
from lacha.rules.profiles.national_2025 import PROFILE as NATIONAL
from lacha.workbook_writer import write_workbook

D = dt.date
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
needs_pdf_tools = pytest.mark.skipif(not (SOFFICE and POPPLER),
                                     reason="soffice or poppler absent (Debian: libreoffice-writer, poppler-utils)")
SOFTWARE_WORDS = re.compile(r"\bsheet\b|\bcột\b|--[a-z]|chưa đối chiếu|HoGiaDinh|DiemTuDiem|ThonTo|\[\[lacha",
                            re.IGNORECASE)


@pytest.fixture
def ward_db(tmp_path):
    """``ward_db(all_pass=…, **DiaBan overrides)`` → database holding the imported ward."""
    def build(all_pass: bool = True, rows: dict | None = None, **fields) -> Path:
        ward, rosters = ward_rosters(all_pass=all_pass)
        ward.update(fields)
        rosters.update(rows or {})
        book, db = tmp_path / "ward.xlsx", tmp_path / "lacha.db"
        write_workbook(book, ward, rosters, none_rows=[kind for kind, kind_rows in rosters.items() if not kind_rows])
        result = invoke("import", book, "--db", db)
        assert result.exit_code == 0, result.output
        return db

    return build


def dossier(db: Path, out: Path, *extra):
    return invoke("dossier", "--db", db, "--as-of", AS_OF, "--out", out, *extra)


def one_line(text: str) -> str:
    return " ".join(text.split())


def element_text(element) -> str:
    """The text of a body element (its w:t runs: lxml's itertext repeats the runs of python-docx elements)."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def docx_text(path: Path) -> str:
    body = Document(str(path)).element.body
    return one_line(" ".join(element_text(p) for p in body.iter(qn("w:p"))))


# --- Document numbers -------------------------------------------------------------------

def test_numbers_get_a_leading_zero_and_the_kind_of_their_document():
    assert format_number("7", REQUEST, "--number") == "07/TTr-UBND"
    assert format_number("Số: 7/ttr-ubnd", REQUEST, "--number") == "07/TTr-UBND"
    assert format_number("125/TTr-UBND", REQUEST, "--number") == "125/TTr-UBND"
    assert format_number("8", REPORT, "--report-number") == "08/BC-UBND"
    assert format_number("3/BB-UBND", MINUTES, "--minutes-number") == "03/BB-UBND"
    assert format_number("", REQUEST, "--number") == ""
    for bad in ("abc", "0", "7/TTr-UBND/extra", "số bảy"):
        with pytest.raises(UsageError, match="07/TTr-UBND"):
            format_number(bad, REQUEST, "--number")
    with pytest.raises(UsageError, match="ký hiệu của báo cáo"):
        format_number("12/BC-UBND", REQUEST, "--number")


@pytest.mark.parametrize("number, expected", [("abc", "07/TTr-UBND"), ("12/BC-UBND", "báo cáo")])
def test_a_malformed_or_wrong_kind_number_is_refused_and_nothing_is_written(ward_db, tmp_path, number, expected):
    db = ward_db()
    out = tmp_path / "ho-so.docx"
    result = dossier(db, out, "--number", number)
    assert result.exit_code == 2, result.output
    message = one_line(result.output)
    assert "--number" in message and expected in message and "Traceback" not in message
    assert not out.exists()


def test_a_malformed_number_in_diaban_names_its_row(ward_db, tmp_path):
    db = ward_db(report_number="tám")
    result = dossier(db, tmp_path / "ho-so.html")
    assert result.exit_code == 2
    assert "Số báo cáo" in one_line(result.output) and "07/BC-UBND" in one_line(result.output)


def test_each_document_has_its_own_number_from_its_option_or_diaban_row(ward_db, tmp_path):
    db = ward_db(minutes_number="4")
    out = tmp_path / "ho-so.docx"
    result = dossier(db, out, "--number", "7", "--report-number", "8")
    assert result.exit_code == 0, result.output
    text = docx_text(out)
    assert "Số: 07/TTr-UBND" in text and "Số: 08/BC-UBND" in text and "Số: 04/BB-UBND" in text
    assert "(Kèm theo Báo cáo số 08/BC-UBND ngày 30 tháng 6 năm 2025 của Ủy ban nhân dân phường Tân An)" in text


def test_a_failing_ward_never_turns_the_request_number_into_a_report_number(ward_db, tmp_path):
    db = ward_db(all_pass=False)
    out = tmp_path / "ho-so.html"
    result = dossier(db, out, "--number", "125/TTr-UBND")
    assert result.exit_code == 0, result.output
    text = html_text(out)
    assert "125" not in text and "TTr-UBND" not in text and "Số: ……………/BC-UBND" in text
    assert "số 125/TTr-UBND chưa dùng" in one_line(result.output)


# --- Kính gửi and Nơi nhận ----------------------------------------------------------------

def test_recipient_and_copy_to_fill_kinh_gui_and_noi_nhan(ward_db, tmp_path):
    db = ward_db()
    out = tmp_path / "ho-so.docx"
    result = dossier(db, out, "--recipient", "Ủy ban nhân dân tỉnh Quảng Ngãi", "--recipient",
                     "Công an tỉnh Quảng Ngãi", "--copy-to", "Đảng ủy phường Tân An", "--copy-to", "Lưu: VT, CA")
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    start = paragraphs.index("Kính gửi:")
    assert paragraphs[start + 1:start + 3] == ["- Ủy ban nhân dân tỉnh Quảng Ngãi;", "- Công an tỉnh Quảng Ngãi."]
    text = docx_text(out)
    assert "Nơi nhận: - Như trên; - Đảng ủy phường Tân An; - Lưu: VT, CA." in text
    assert "Ủy ban nhân dân thành phố Kon Tum" not in text  # the DiaBan parent is not used when --recipient is


def test_diaban_kinh_gui_and_noi_nhan_are_kept_apart(ward_db, tmp_path):
    db = ward_db(addressees="Ủy ban nhân dân tỉnh Quảng Ngãi", recipients="Như trên; Lưu VT")
    out = tmp_path / "ho-so.html"
    assert dossier(db, out).exit_code == 0
    text = html_text(out)
    assert "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi" in text
    assert "Kính gửi: - Như trên" not in text and "Lưu VT" not in text
    assert text.count("Nơi nhận: - Như trên; - Lưu: VT.") >= 2  # Tờ trình and Báo cáo


def test_distribution_never_repeats_nhu_tren_or_the_addressees():
    ward = type("W", (), {"recipients": "- Như trên;\n- Công an tỉnh;\n- Lưu: VT."})()
    assert distribution_list(None, ward, ["Công an tỉnh"]) == ["- Như trên;", "- Lưu: VT."]
    assert distribution_list(["Sở Y tế"], ward, []) == ["- Sở Y tế;", "- Lưu: VT."]


def test_a_request_without_addressee_names_the_cli_option_first(ward_db, tmp_path):
    db = ward_db(parent=None)
    out = tmp_path / "ho-so.docx"
    result = dossier(db, out)
    assert result.exit_code == 2
    message = one_line(result.output)
    assert "“Kính gửi”" in message and message.index("--recipient") < message.index("sheet DiaBan")
    assert not out.exists()
    assert dossier(db, out, "--recipient", "Ủy ban nhân dân tỉnh Quảng Ngãi").exit_code == 0


# --- Citations -----------------------------------------------------------------------------

def test_qd28_is_cited_with_number_date_issuer_and_full_abstract():
    assert NATIONAL.citation() == ("Quyết định số 28/2025/QĐ-TTg ngày 24/8/2025 của Thủ tướng Chính phủ ban hành "
                                   "tiêu chí xác định tuyến, địa bàn trọng điểm phức tạp về ma túy, địa bàn không "
                                   "ma túy")


def test_a_plan_whose_copy_shows_no_number_or_date_is_cited_without_inventing_them(ward_db, tmp_path):
    assert not re.search(r"\bsố\b|ngày", KONTUM.citation())
    db = ward_db()
    out = tmp_path / "ho-so.html"
    assert dossier(db, out).exit_code == 0
    assert f"Căn cứ {KONTUM.citation()};" in html_text(out)


# --- Separate documents ---------------------------------------------------------------------

def test_the_docx_holds_one_section_per_document_each_numbered_from_its_own_page_one(ward_db, tmp_path):
    db = ward_db()
    out = tmp_path / "ho-so.docx"
    assert dossier(db, out).exit_code == 0
    doc = Document(str(out))
    body = doc.element.body
    starts = []  # the first non-empty text of each section
    current = []
    for child in body:
        current.append(element_text(child).strip())
        ppr = child.find(qn("w:pPr"))
        if child.tag == qn("w:sectPr") or (ppr is not None and ppr.find(qn("w:sectPr")) is not None):
            starts.append(next((t for t in current if t), ""))
            current = []
    assert len(doc.sections) == len(starts) == 4 + 9
    assert starts[0].startswith("ỦY BAN NHÂN DÂN") and starts[1].startswith("ỦY BAN NHÂN DÂN")
    assert starts[3] == "BẢNG TỔNG HỢP ĐÁNH GIÁ CÁC TIÊU CHÍ" and starts[4] == "PHỤ LỤC I"
    text = docx_text(out)
    # three signed documents: Tờ trình, Báo cáo (TM. ỦY BAN NHÂN DÂN), Biên bản (THƯ KÝ / CHỦ TRÌ)
    assert text.count("TM. ỦY BAN NHÂN DÂN") == 2 and "THƯ KÝ" in text and "CHỦ TRÌ" in text
    assert text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 3


def test_a_folder_gets_one_docx_per_document_and_a_failing_ward_no_to_trinh(ward_db, tmp_path):
    for all_pass in (True, False):
        db = ward_db(all_pass=all_pass)
        folder = tmp_path / ("dat" if all_pass else "chua-dat")
        result = dossier(db, folder)
        assert result.exit_code == 0, result.output
        names = sorted(p.name for p in folder.iterdir())
        first = ["01-to-trinh.docx", "02-bao-cao.docx"] if all_pass else ["01-bao-cao.docx"]
        assert names[:len(first)] == first and len(names) == len(first) + 2 + 9
        for path in folder.iterdir():
            doc = Document(str(path))
            assert len(doc.sections) == 1 and doc.sections[0].different_first_page_header_footer
        request = docx_text(folder / "01-to-trinh.docx") if all_pass else ""
        assert ("TỜ TRÌNH" in request) is all_pass
        minutes = docx_text(next(folder.glob("*-bien-ban.docx")))
        assert "BIÊN BẢN" in minutes and "Biểu quyết" in minutes and "TỜ TRÌNH" not in minutes
        assert "PHỤ LỤC I" in docx_text(next(folder.glob("*-phu-luc-i.docx")))
        shutil.rmtree(db.parent / "ward.xlsx", ignore_errors=True)


def test_the_minutes_leave_blank_what_lacha_cannot_know(ward_db, tmp_path):
    db = ward_db()
    out = tmp_path / "ho-so.html"
    assert dossier(db, out).exit_code == 0
    text = html_text(out)
    minutes = text[text.index("BIÊN BẢN"):text.index("BẢNG TỔNG HỢP")]
    assert "Thời gian: …………… giờ" in minutes and "Thư ký: ………" in minutes and "Biểu quyết: ……………/……………" in minutes
    assert "Chủ trì: Trần Văn Ký" in minutes and "Tiêu chí (e) Hộ gia đình ký cam kết: 4/4 hộ — Đạt." in minutes


@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_no_document_carries_software_words_or_a_boxed_verdict(ward_db, tmp_path, suffix):
    db = ward_db(all_pass=False, rows={"hotspots": [
        {"key": "DB1", "name": "Kho cũ", "type": "Điểm bán lẻ", "hamlet_code": "T2", "found_on": D(2024, 2, 1),
         "status": "Đang hoạt động"}]})
    out = tmp_path / f"ho-so.{suffix}"
    result = dossier(db, out)
    assert result.exit_code == 0, result.output
    text = html_text(out) if suffix == "html" else docx_text(out)
    assert not SOFTWARE_WORDS.search(text), SOFTWARE_WORDS.search(text)
    assert "KẾT QUẢ TỰ ĐÁNH GIÁ: CHƯA ĐẠT" not in text
    assert "sheet DiemTuDiem" in one_line(result.output)  # the hint went to the terminal


# --- Appendices -------------------------------------------------------------------------------

def test_people_appendices_show_gender_birth_date_and_note_and_households_one_by_one(ward_db, tmp_path):
    addict = {"key": "079090000111", "name": "Nguyễn Văn An", "birth": D(1990, 3, 5), "gender": "Nam",
              "hamlet_code": "T1", "status": "Có mặt", "has_management_file": True, "rehab_form": "Methadone",
              "has_rehab_file": True, "note": "Điều trị tại cơ sở Methadone Tân An"}
    db = ward_db(all_pass=False, rows={"addicts": [addict]})
    out = tmp_path / "ho-so.docx"
    assert dossier(db, out).exit_code == 0
    doc = Document(str(out))
    tables = {t.rows[0].cells[1].text + "|" + t.rows[0].cells[2].text: t for t in doc.tables if len(t.rows) > 1}
    people = next(t for key, t in tables.items() if key == "Họ và tên|Số định danh"
                  and "Hình thức cai nghiện" in [c.text for c in t.rows[0].cells])
    header = [c.text for c in people.rows[0].cells]
    row = [c.text for c in people.rows[1].cells]
    assert {"Giới tính", "Ngày sinh", "Ghi chú"} <= set(header)
    assert row[header.index("Giới tính")] == "Nam" and row[header.index("Ngày sinh")] == "05/03/1990"
    assert row[header.index("Ghi chú")] == "Điều trị tại cơ sở Methadone Tân An"
    assert row[header.index("Số định danh")] == "********0111"
    text = docx_text(out)
    assert "Danh sách hộ gia đình ký cam kết, theo thôn, tổ dân phố" in text
    households = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][2:4] == ["Mã hộ", "Chủ hộ"])
    cells = [[c.text for c in r.cells] for r in households.rows[1:]]
    assert ["2", "Tổ 1", "HGD-2", "Phạm Thị Bình"] == cells[1][:4] and "Chưa ký" in cells[1]


def test_the_masking_footnote_is_only_under_tables_that_show_identifiers(ward_db, tmp_path):
    db = ward_db()
    out = tmp_path / "ho-so.html"
    assert dossier(db, out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    sections = re.findall(r'<section class="part doc appendix" id="phu-luc-(\w+)">(.*?)</section>', page, re.DOTALL)
    noted = {name for name, body in sections if "Số định danh chỉ hiện 4 chữ số cuối" in body}
    assert noted == {"addicts"}  # the only list with identifiers and rows; none under hamlets, hotspots …


# --- Databases created before issue 14 ------------------------------------------------------------

def test_a_database_without_the_new_ward_columns_gets_them(ward_db, tmp_path):
    db = ward_db()
    with sqlite3.connect(db) as conn:
        for column in ("addressees", "report_number", "minutes_number"):
            conn.execute(f"ALTER TABLE ward DROP COLUMN {column}")
    out = tmp_path / "ho-so.docx"
    result = dossier(db, out, "--report-number", "8")
    assert result.exit_code == 0, result.output
    assert "Số: 08/BC-UBND" in docx_text(out)


# --- Golden text of the Tờ trình -----------------------------------------------------------------

GOLDEN_TO_TRINH = [
    "ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN AN", "Số: 07/TTr-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Phường Tân An, ngày 30 tháng 6 năm 2025",
    "TỜ TRÌNH", "Về việc đề nghị công nhận phường Tân An đạt tiêu chuẩn “Phường sạch ma túy”",
    "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi",
    f"Căn cứ {KONTUM.citation()};",
    "Căn cứ kết quả tự đánh giá các tiêu chí “Phường sạch ma túy” ngày 30 tháng 6 năm 2025,",
    ("Ủy ban nhân dân phường Tân An kính trình Ủy ban nhân dân tỉnh Quảng Ngãi xem xét, công nhận phường Tân An "
     "đạt tiêu chuẩn “Phường sạch ma túy”, cụ thể như sau:"),
    "1. Kết quả thực hiện các tiêu chí",
    "Đối chiếu với 7 tiêu chí, phường Tân An đạt 7/7 tiêu chí:",
    "2. Hồ sơ kèm theo",
    ("Ủy ban nhân dân phường Tân An kính đề nghị Ủy ban nhân dân tỉnh Quảng Ngãi xem xét, công nhận phường Tân An "
     "đạt tiêu chuẩn “Phường sạch ma túy”./."),
    "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Ký",
]


def test_golden_text_of_the_to_trinh(ward_db, tmp_path):
    db = ward_db()
    folder = tmp_path / "ho-so"
    result = dossier(db, folder, "--number", "7", "--recipient", "Ủy ban nhân dân tỉnh Quảng Ngãi")
    assert result.exit_code == 0, result.output
    body = Document(str(folder / "01-to-trinh.docx")).element.body
    lines = [one_line(element_text(p)) for p in body.iter(qn("w:p"))]
    lines = [line for line in lines if line]
    positions = [lines.index(expected) for expected in GOLDEN_TO_TRINH]  # each present as a whole paragraph …
    assert positions == sorted(positions)  # … in this order
    assert not any(SOFTWARE_WORDS.search(line) for line in lines)


# --- PDF ----------------------------------------------------------------------------------------

def pdf_pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, count + 1)]


def top_number(page: str) -> str:
    first = next((line.strip() for line in page.splitlines() if line.strip()), "")
    return first if first.isdigit() else ""


@pytest.mark.slow
@needs_pdf_tools
def test_a_pdf_numbers_each_document_from_its_own_page_2(ward_db, tmp_path):
    db = ward_db()
    out = tmp_path / "ho-so.pdf"
    result = dossier(db, out)
    assert result.exit_code == 0, result.output
    pages = pdf_pages(out)
    starts = [i for i, page in enumerate(pages)
              if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page or "BẢNG TỔNG HỢP" in page or "PHỤ LỤC" in page]
    assert len(starts) == 4 + 9
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(pages)
        assert top_number(pages[start]) == ""  # no number on a document's first page
        assert [top_number(p) for p in pages[start + 1:end]] == [str(n) for n in range(2, end - start + 1)]


@pytest.mark.slow
@needs_pdf_tools
def test_pdf_beside_the_docx(ward_db, tmp_path):
    db = ward_db()
    out = tmp_path / "ho-so.docx"
    assert dossier(db, out, "--pdf").exit_code == 0
    assert out.is_file() and out.with_suffix(".pdf").is_file()


def test_without_libreoffice_a_pdf_is_refused_naming_what_to_install(ward_db, tmp_path, monkeypatch):
    db = ward_db()
    monkeypatch.setenv("LACHA_SOFFICE", str(tmp_path / "khong-co-soffice"))
    for out, extra in ((tmp_path / "ho-so.pdf", ()), (tmp_path / "ho-so.docx", ("--pdf",))):
        result = dossier(db, out, *extra)
        assert result.exit_code == 2, result.output
        assert "LibreOffice" in result.output and "libreoffice-writer" in one_line(result.output)
        assert not out.exists() and not out.with_suffix(".pdf").exists()


# --- A province's profile file: its document and its templates -------------------------------------

def test_a_profile_file_carries_its_document_and_its_templates_folder(ward_db, tmp_path):
    db = ward_db()
    templates = tmp_path / "mau-tinh"
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", templates)
    page = templates / "dossier.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("<body", "<!-- MẪU CỦA TỈNH --><body", 1),
                    encoding="utf-8")
    profile = tmp_path / "tinh.toml"
    profile.write_text('[profile]\nbase = "kontum-2024"\ntemplates = "mau-tinh"\n\n[document]\nkind = "Kế hoạch"\n'
                       'number = "12/KH-UBND"\ndate = "05/01/2026"\nissuer = "Ủy ban nhân dân tỉnh X"\n'
                       'abstract = "về xây dựng xã, phường không ma túy trên địa bàn tỉnh X"\n', encoding="utf-8")
    out = tmp_path / "ho-so.html"
    result = dossier(db, out, "--profile-file", profile)
    assert result.exit_code == 0, result.output
    assert "MẪU CỦA TỈNH" in out.read_text(encoding="utf-8")
    assert ("Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2026 của Ủy ban nhân dân tỉnh X về xây dựng xã, phường "
            "không ma túy trên địa bàn tỉnh X;") in html_text(out)
    profile.write_text('[profile]\nbase = "kontum-2024"\n\n[document]\nkind = "Kế hoạch"\n', encoding="utf-8")
    result = dossier(db, tmp_path / "ho-so-2.html", "--profile-file", profile)
    assert result.exit_code == 2 and "[document] thiếu issuer" in one_line(result.output)


def test_a_district_addressee_after_the_two_tier_reform_is_warned_in_the_terminal_only(ward_db, tmp_path):
    db = ward_db(parent="Ủy ban nhân dân huyện Đắk Hà")
    out = tmp_path / "ho-so.html"
    result = invoke("dossier", "--db", db, "--as-of", "2025-12-10", "--out", out)
    assert result.exit_code == 0, result.output
    assert "“Ủy ban nhân dân huyện Đắk Hà” là đơn vị cấp huyện" in one_line(result.output)
    assert "1/7/2025" not in html_text(out)
    earlier = invoke("dossier", "--db", db, "--as-of", AS_OF, "--out", tmp_path / "truoc.html")
    assert earlier.exit_code == 0 and "cấp huyện" not in earlier.output


def test_a_dossier_dated_after_the_merger_to_a_merged_province_warns_with_the_successor(ward_db, tmp_path):
    db = ward_db(addressees="Ủy ban nhân dân tỉnh Kon Tum", parent=None)
    out = tmp_path / "ho-so.docx"
    result = invoke("dossier", "--db", db, "--as-of", "2025-12-10", "--out", out)
    assert result.exit_code == 0, result.output
    message = one_line(result.output)
    assert "“Ủy ban nhân dân tỉnh Kon Tum” nêu tỉnh Kon Tum, đã sáp nhập vào Tỉnh Quảng Ngãi" in message
    assert "sáp nhập" not in docx_text(out)  # terminal only
    earlier = invoke("dossier", "--db", db, "--as-of", AS_OF, "--out", tmp_path / "truoc.docx")
    assert earlier.exit_code == 0 and "sáp nhập" not in earlier.output
