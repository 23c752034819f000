"""`lacha dossier`: the recognition hồ sơ as .html and .docx (issue 3).

Each test builds its own roster workbook (fictional ward "Phường Tân An"), imports
it with the real CLI and writes the dossier, then reads the file back: HTML as
text, .docx with python-docx. Numbers are checked against `assess --format json`.
"""

import dataclasses
import datetime as dt
import html
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from typer.testing import CliRunner

from lacha.assess import assess_ward
from lacha.cli import app
from lacha.db.engine import get_engine
from lacha.report.context import dossier_context
from lacha.report.docx import write_docx
from lacha.report.html import html_environment, write_html
from lacha.resources import sample_workbook, templates_dir
from lacha.workbook_writer import write_workbook

D = dt.date
AS_OF = "2025-06-30"
CCCD = "079090000111"
TRICKY = "Lê <script>alert(\"x\")</script> & 'Tư'"
LABEL = {"pass": "Đạt", "fail": "Chưa đạt", "insufficient_data": "Chưa đủ dữ liệu"}
runner = CliRunner(env={"COLUMNS": "300", "NO_COLOR": "1"})


# --- Building a ward ------------------------------------------------------------

def ward_rosters(all_pass: bool = True, signer: bool = True, households_declared: int | None = None,
                 head: str = "Phạm Thị Bình") -> tuple[dict, dict]:
    ward = {"slug": "tan-an", "name": "Phường Tân An", "kind": "Phường", "province": "Tỉnh Kon Tum",
            "parent": "Ủy ban nhân dân thành phố Kon Tum", "profile": "kontum-2024",
            "households_declared": households_declared}
    if signer:
        ward.update(signer="Trần Văn Ký", signer_title="Chủ tịch", doc_number="17/TTr-UBND")
    hamlets = [{"key": "T1", "name": "Tổ 1", "households_declared": 2, "mailbox": True, "hotline_board": True},
               {"key": "T2", "name": "Tổ 2", "households_declared": 2, "mailbox": True, "hotline_board": True}]
    households = [{"key": f"HGD-{i}", "head": name, "hamlet_code": code, "signed": True, "signed_on": D(2025, 3, i)}
                  for i, (name, code) in enumerate([("Nguyễn Văn Một", "T1"), (head, "T1"),
                                                    ("Hồ Thị Ba", "T2"), ("Vũ Văn Bốn", "T2")], start=1)]
    if not all_pass:
        households[1].update(signed=False, signed_on=None)
    rows = {
        "hamlets": hamlets,
        "households": households,
        "addicts": [{"key": CCCD, "name": "Nguyễn Văn An", "birth": 1990, "hamlet_code": "T1", "status": "Có mặt",
                     "has_management_file": True, "management_file_on": D(2025, 1, 2), "rehab_form": "Methadone",
                     "has_rehab_file": True}],
        "users": [],
        "post_rehab": [],
        "hotspots": [{"key": "DB1", "name": "Bãi đất trống & kho <cũ>", "type": "Điểm bán lẻ", "hamlet_code": "T2",
                      "found_on": D(2024, 2, 1), "status": "Đã triệt xóa", "cleared_on": D(2024, 5, 1)}],
        "suspects": [],
        "models": [{"name": "Tổ dân phố không ma túy", "type": "Toàn dân tham gia", "founded_on": D(2024, 1, 1),
                    "status": "Đang duy trì hiệu quả"}],
    }
    return ward, rows


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def load(tmp_path):
    """``load(**ward_rosters options)`` → database path holding the imported ward."""

    def build(**options) -> Path:
        book, db = tmp_path / "ward.xlsx", tmp_path / "lacha.db"
        ward, rows = ward_rosters(**options)
        write_workbook(book, ward, rows, none_rows=[kind for kind, kind_rows in rows.items() if not kind_rows])
        result = invoke("import", book, "--db", db)
        assert result.exit_code == 0, result.output
        return db

    return build


def dossier(db: Path, out: Path, *extra):
    return invoke("dossier", "--db", db, "--as-of", AS_OF, "--out", out, *extra)


def html_text(path: Path) -> str:
    """The visible text of an HTML dossier, unescaped, white space collapsed."""
    body = path.read_text(encoding="utf-8").split("<body", 1)[1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def docx_text(path: Path) -> str:
    """Every text run of the body (tables included), white space collapsed."""
    body = Document(str(path)).element.body
    return " ".join("".join(p.itertext()) for p in body.iter(qn("w:p"))).replace("  ", " ")


def header_texts(path: Path) -> list[str]:
    doc = Document(str(path))
    texts = []
    for section in doc.sections:
        headers = [section.header] + ([section.first_page_header] if section.different_first_page_header_footer else [])
        texts += [" ".join(p.text for p in h.paragraphs) for h in headers]
    return texts


def text_of(path: Path) -> str:
    return html_text(path) if path.suffix == ".html" else docx_text(path)


def measured(c: dict, unit: str) -> str:
    vn = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
    return f"{vn(c['numerator'])}/{vn(c['denominator'])} {unit}" if c["denominator"] is not None else \
        f"{vn(c['numerator'])}"


# --- Which first document ---------------------------------------------------------

@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_a_ward_meeting_every_criterion_gets_a_to_trinh_with_its_signer_and_number(load, tmp_path, suffix):
    db = load(all_pass=True)
    out = tmp_path / f"ho-so.{suffix}"
    result = dossier(db, out)
    assert result.exit_code == 0, result.output
    assert str(out) in " ".join(result.output.split()) and "Tờ trình" in result.output
    text = text_of(out)
    for expected in ("ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN AN", "Số: 17/TTr-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "Phường Tân An, ngày 30 tháng 6 năm 2025", "TỜ TRÌNH",
                     "Về việc đề nghị công nhận phường Tân An đạt tiêu chuẩn “Phường sạch ma túy”",
                     "Kính gửi: Ủy ban nhân dân thành phố Kon Tum", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                     "Trần Văn Ký", "BÁO CÁO", "BẢNG TỔNG HỢP ĐÁNH GIÁ CÁC TIÊU CHÍ", "PHỤ LỤC I"):
        assert expected in text, expected
    assert "Báo cáo tự đánh giá" not in text and "DỰ THẢO" not in text
    assert text.index("TỜ TRÌNH") < text.index("BÁO CÁO") < text.index("BẢNG TỔNG HỢP") < text.index("PHỤ LỤC I")


@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_a_ward_missing_a_criterion_gets_a_self_assessment_that_requests_nothing(load, tmp_path, suffix):
    db = load(all_pass=False)
    out = tmp_path / f"ho-so.{suffix}"
    result = dossier(db, out)
    assert result.exit_code == 0, result.output
    text = text_of(out)
    assert "Báo cáo tự đánh giá" in result.output
    assert "Tự đánh giá kết quả thực hiện các tiêu chí “Phường sạch ma túy”" in text
    assert "chưa đủ điều kiện để được công nhận" in text and "CHƯA ĐỦ ĐIỀU KIỆN" not in text  # no boxed verdict
    # the Tờ trình number is never turned into the Báo cáo's (issue 14): unused, and the terminal says so
    assert "Số: ……………/BC-UBND" in text and "17/BC-UBND" not in text and "17/TTr-UBND" not in text
    assert "số 17/TTr-UBND chưa dùng" in " ".join(result.output.split())
    first = text[:text.index("BẢNG TỔNG HỢP")]
    assert "Các tiêu chí chưa đạt" in first
    assert "Tiêu chí (e) Hộ gia đình ký cam kết: Chưa đạt (3/4 hộ)" in first
    # remediation hints name sheets and columns: the terminal has them, the document never
    assert "Việc cần làm:" not in text and "sheet" not in text and "HoGiaDinh" in result.output
    for forbidden in ("TỜ TRÌNH", "Tờ trình", "đề nghị", "Đề nghị", "kính trình"):
        assert forbidden not in text, forbidden


def test_the_sample_ward_fails_c_and_e_and_the_dat_variant_gets_the_request(tmp_path):
    for name, request in (("nguyen-trai.xlsx", False), ("nguyen-trai-dat.xlsx", True)):
        book, db, out = sample_workbook(name), tmp_path / f"{name}.db", tmp_path / f"{name}.html"
        if not book.is_file():
            pytest.skip(f"sample workbook {name} not built yet")
        assert invoke("import", book, "--db", db).exit_code == 0
        assert invoke("dossier", "--db", db, "--as-of", "2024-12-14", "--out", out).exit_code == 0
        text = html_text(out)
        assert ("TỜ TRÌNH" in text) is request and ("đề nghị" in text) is request
        if request:
            assert "312/312 hộ" in text and "Số: 125/TTr-UBND" in text and "Lương Quang Khải" in text
        else:
            first = text[:text.index("5. Kết quả thực hiện từng tiêu chí")]
            assert "Tiêu chí (c)" in first and "Tiêu chí (e)" in first and "309/312 hộ" in first


# --- Structure and numbers -----------------------------------------------------------

@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_every_criterion_appears_verbatim_with_the_numbers_of_assess_json(load, tmp_path, suffix):
    db = load(all_pass=False, households_declared=1240)
    assessed = invoke("assess", "--db", db, "--as-of", AS_OF, "--format", "json")
    criteria = json.loads(assessed.stdout)["criteria"]
    out = tmp_path / f"ho-so.{suffix}"
    assert dossier(db, out).exit_code == 0
    text = text_of(out)
    e = next(c for c in criteria if c["id"] == "e")
    assert (e["numerator"], e["denominator"]) == (3, 1240)
    assert "3/1.240 hộ" in text  # Vietnamese thousands separator
    for c in criteria:
        assert c["title"] in text, c["id"]
        assert f"Tiêu chí ({c['id']})" in text
        assert measured(c, "") in text
    summary = text[text.index("BẢNG TỔNG HỢP"):]
    for c in criteria:
        assert re.search(rf"\({c['id']}\) .*?{re.escape(LABEL[c['status']])}", summary), c["id"]


def test_the_context_carries_exactly_the_assessment_numbers_and_failing_records(load):
    db = load(all_pass=False)
    data = json.loads(invoke("assess", "--db", db, "--as-of", AS_OF, "--format", "json").stdout)
    context = dossier_context(assess_ward(get_engine(str(db)), None, None, D(2025, 6, 30)))
    assert context["passed"] is data["passed"] is False
    assert [(c["id"], c["status"], c["numerator"], c["denominator"], [f["name"] for f in c["failing"]])
            for c in context["criteria"]] == \
           [(c["id"], c["status"], c["numerator"], c["denominator"], [f["name"] for f in c["failing"]])
            for c in data["criteria"]]
    assert context["summary"]["passed"] == str(sum(c["status"] == "pass" for c in data["criteria"]))


def test_the_appendices_list_every_roster_with_file_status_clearance_and_unsigned_households(load, tmp_path):
    db = load(all_pass=False)
    out = tmp_path / "ho-so.html"
    assert dossier(db, out).exit_code == 0
    text = html_text(out)
    for title in ("Danh sách thôn, tổ dân phố", "Tổng hợp hộ gia đình ký cam kết theo thôn, tổ dân phố",
                  "Danh sách người nghiện ma túy", "Danh sách người sử dụng trái phép chất ma túy",
                  "Danh sách người sau cai nghiện ma túy", "Danh sách điểm, tụ điểm phức tạp về ma túy",
                  "Danh sách đối tượng, ổ nhóm, đường dây nghi vấn", "Danh sách mô hình toàn dân"):
        assert title in text, title
    assert "HGD-2 Phạm Thị Bình" in text  # the unsigned household, named under its hamlet
    assert "Có (02/01/2025)" in text and "Methadone" in text  # management file and rehab form
    assert "01/05/2024" in text and "Đã triệt xóa" in text  # hotspot clearance date
    assert "Danh sách đã nhập, không có trường hợp nào." in text  # users: imported, empty
    page = out.read_text(encoding="utf-8")
    # Báo cáo tự đánh giá, Biên bản, Bảng tổng hợp, then 9 Phụ lục (households: by hamlet and one by one)
    assert page.count('<section class="part') == 3 + 9 and "break-before: page" in page


# --- Personal data and escaping ----------------------------------------------------------

@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_identifiers_are_masked_by_default_and_shown_with_full_ids(load, tmp_path, suffix):
    db = load()
    masked, full = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
    assert dossier(db, masked).exit_code == 0
    assert dossier(db, full, "--full-ids").exit_code == 0
    assert "********0111" in text_of(masked) and CCCD not in text_of(masked)
    assert CCCD in text_of(full)
    if suffix == "docx":
        with zipfile.ZipFile(masked) as z:
            assert CCCD not in "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())


@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_anonymous_reduces_people_to_initials(load, tmp_path, suffix):
    db = load(all_pass=False)
    out = tmp_path / f"ho-so.{suffix}"
    assert dossier(db, out, "--anonymous").exit_code == 0
    text = text_of(out)
    assert "N.V.A." in text and "Nguyễn Văn An" not in text
    assert "P.T.B." in text and "Phạm Thị Bình" not in text  # the unsigned household's head
    assert "Trần Văn Ký" in text  # the signer is not personal data of a roster


@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_markup_in_names_appears_literally(load, tmp_path, suffix):
    db = load(all_pass=False, head=TRICKY)
    out = tmp_path / f"ho-so.{suffix}"
    assert dossier(db, out).exit_code == 0
    assert TRICKY in text_of(out) and "Bãi đất trống & kho <cũ>" in text_of(out)
    if suffix == "html":
        raw = out.read_text(encoding="utf-8")
        assert "<script>" not in raw and "&lt;script&gt;" in raw


def test_control_characters_excel_allows_never_break_the_docx(load, tmp_path):
    db = load(all_pass=False)
    a = assess_ward(get_engine(str(db)), None, None, D(2025, 6, 30))
    model = dataclasses.replace(a.snapshot.models[0], name="Mô hình\x01 Tổ\x0b 1 <&>\x1f")
    a = dataclasses.replace(a, ward=dataclasses.replace(a.ward, name="Phường\x0b Tân An"),
                            snapshot=dataclasses.replace(a.snapshot, models=(model,)))
    context = dossier_context(a)
    write_docx(context, tmp_path / "x.docx")
    write_html(context, tmp_path / "x.html")
    text = docx_text(tmp_path / "x.docx")  # python-docx parses every part: the XML is well formed
    assert "Mô hình Tổ 1 <&>" in text and "PHƯỜNG TÂN AN" in text
    assert "\x01" not in (tmp_path / "x.html").read_text(encoding="utf-8")


# --- Draft mode, signer and number ----------------------------------------------------------

def test_a_request_without_signer_or_number_is_refused_unless_draft(load, tmp_path):
    db = load(all_pass=True, signer=False)
    out = tmp_path / "ho-so.docx"
    result = dossier(db, out)
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "“Người ký”" in message and "“Số văn bản”" in message and "DiaBan" in message
    assert "--signer" in message and "--number" in message and "--draft" in message
    assert not out.exists()


@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_draft_marks_every_page_and_leaves_blanks(load, tmp_path, suffix):
    db = load(all_pass=True, signer=False)
    out = tmp_path / f"ho-so.{suffix}"
    result = dossier(db, out, "--draft")
    assert result.exit_code == 0, result.output
    assert "DỰ THẢO" in result.output
    text = text_of(out)
    assert "Số: ……………/TTr-UBND" in text and "TỜ TRÌNH" in text
    if suffix == "docx":
        headers = header_texts(out)
        assert len(headers) >= 3 and all("DỰ THẢO" in h for h in headers)
    else:
        page = out.read_text(encoding="utf-8")
        assert '@top-right { content: "DỰ THẢO"' in page  # the print margin box of every page
        assert page.count('<div class="draft-mark">DỰ THẢO</div>') == page.count('<section class="part')


def test_options_fill_signer_number_and_a_deputy_signs_for_the_chairman(load, tmp_path):
    db = load(all_pass=True, signer=False)
    out = tmp_path / "ho-so.docx"
    result = dossier(db, out, "--signer", "Đỗ Thị Hoa", "--number", "9", "--signer-title", "Phó Chủ tịch")
    assert result.exit_code == 0, result.output
    text = docx_text(out)
    assert "Số: 09/TTr-UBND" in text and "Đỗ Thị Hoa" in text  # NĐ 30: a number under 10 has its leading zero
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text
    assert not any("DỰ THẢO" in h for h in header_texts(out))


def test_a_self_assessment_without_signer_is_written_as_a_draft(load, tmp_path):
    db = load(all_pass=False, signer=False)
    out = tmp_path / "ho-so.html"
    result = dossier(db, out)
    assert result.exit_code == 0, result.output
    assert "DỰ THẢO" in result.output and "Người ký" in result.output
    assert '@top-right { content: "DỰ THẢO"' in out.read_text(encoding="utf-8")


# --- The Word file itself ---------------------------------------------------------------

def test_the_docx_is_a4_with_the_decree_margins_fonts_and_page_numbers_from_page_2(load, tmp_path):
    db = load()
    out = tmp_path / "ho-so.docx"
    assert dossier(db, out).exit_code == 0
    doc = Document(str(out))
    first, appendix = doc.sections[0], doc.sections[-1]
    mm = lambda length: length / Mm(1)  # noqa: E731
    assert round(mm(first.page_width)) == 210 and round(mm(first.page_height)) == 297
    assert 20 <= round(mm(first.top_margin)) <= 25 and 20 <= round(mm(first.bottom_margin)) <= 25
    assert 30 <= round(mm(first.left_margin)) <= 35 and 15 <= round(mm(first.right_margin)) <= 20
    assert {round(mm(appendix.page_width)), round(mm(appendix.page_height))} == {210, 297}
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs if r.font.name}
    assert fonts <= {"Times New Roman"}
    assert first.different_first_page_header_footer
    field = lambda part: "PAGE" in "".join(part._element.xpath(".//w:instrText/text()"))  # noqa: E731
    assert field(first.header) and not field(first.first_page_header)
    # one section per document (Tờ trình, Báo cáo, Biên bản, Bảng tổng hợp, 9 Phụ lục): each restarts its
    # page numbers at 1 and shows none on its own first page
    assert len(doc.sections) == 4 + 9
    for section in doc.sections:
        start = section._sectPr.find(qn("w:pgNumType"))
        assert start is not None and start.get(qn("w:start")) == "1"
        assert section.different_first_page_header_footer
        assert field(section.header) and not field(section.first_page_header)
    assert "[[lacha" not in docx_text(out)


# --- Templates, formats, usage errors ---------------------------------------------------------

def test_the_html_template_escapes_everything():
    assert html_environment().autoescape is True or html_environment().autoescape("dossier.html.j2")
    assert (templates_dir() / "dossier.docx").is_file() and (templates_dir() / "README.md").is_file()


def test_a_custom_template_directory_is_used_and_partials_fall_back(load, tmp_path):
    db = load()
    custom = tmp_path / "mau-tinh"
    custom.mkdir()
    (custom / "dossier.html.j2").write_text(
        "<html><body><h1>MẪU RIÊNG {{ ward.name }}</h1>{% include '_header.html.j2' %}"
        "{% for c in criteria %}<p>{{ c.id }}: {{ c.measured }}</p>{% endfor %}</body></html>", encoding="utf-8")
    out = tmp_path / "ho-so.html"
    result = dossier(db, out, "--template", custom)
    assert result.exit_code == 0, result.output
    text = html_text(out)
    assert "MẪU RIÊNG Phường Tân An" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "e: 4/4 hộ" in text

    word = Document()
    word.add_paragraph("MẪU WORD {{ ward.name }} — {{ document.title }}")
    word.save(str(custom / "dossier.docx"))
    out = tmp_path / "ho-so.docx"
    assert dossier(db, out, "--template", custom).exit_code == 0
    assert "MẪU WORD Phường Tân An — TỜ TRÌNH" in docx_text(out)


def test_template_problems_and_unknown_suffixes_are_usage_errors_that_write_nothing(load, tmp_path):
    db = load()
    empty = tmp_path / "trong"
    empty.mkdir()
    broken = tmp_path / "hong"
    shutil.copytree(templates_dir(), broken)
    (broken / "dossier.html.j2").write_text("{% for x in %}", encoding="utf-8")
    cases = [(tmp_path / "ho-so.txt", ()), (tmp_path / "ho-so.docx", ("--template", empty)),
             (tmp_path / "ho-so.html", ("--template", broken)), (tmp_path / "khong-co" / "ho-so.html", ())]
    for out, extra in cases:
        result = dossier(db, out, *extra)
        assert result.exit_code == 2, (out, result.output)
        assert "Lỗi:" in result.output and "Traceback" not in result.output
        assert not out.exists()
