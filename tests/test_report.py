"""``lacha report --from --to``: the situation at the end of the period and what changed within it,
per khu phố and per ward; both period boundaries included; .xlsx / .docx / .html / screen.

All data is fictional (tests/ward_builder.py).
"""

import datetime as dt
import zipfile

import pytest
from openpyxl import load_workbook
from ward_builder import WARD, D, household, hotspot, model, person, write

from lacha.importing.apply import import_workbook
from lacha.situation import AGE_BANDS, METRICS, age_on, situation_report

JUNE = ("--from", "01/06/2024", "--to", "30/06/2024")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def june_ward(engine, tmp_path):
    """Records dated just before, on, and just after each end of June 2024."""
    path = write(
        tmp_path / "hoa-an.xlsx",
        households=[household("H1", "KP1", D(2024, 5, 31)), household("H2", "KP1", D(2024, 6, 1)),
                    household("H3", "KP2", D(2024, 6, 30)), household("H4", "KP2", D(2024, 7, 1))],
        addicts=[
            person("079094000001", "Lý Văn Một", "KP1", D(1994, 6, 30), psychosis=True,  # 30 on 30/06/2024
                   has_management_file=True, management_file_on=D(2024, 6, 1), has_rehab_file=True),
            person("079093000002", "Đinh Văn Hai", "KP1", D(1993, 6, 30),  # 31 on 30/06/2024
                   has_management_file=True, management_file_on=D(2024, 5, 31)),
            person("079006000003", "Tạ Văn Ba", "KP2", D(2006, 7, 1),  # 17 on 30/06/2024
                   has_management_file=True, management_file_on=D(2024, 6, 30)),
            person("079006000004", "Mạc Văn Bốn", "KP2", D(2006, 6, 30),  # 18 on 30/06/2024
                   has_management_file=True, management_file_on=D(2024, 7, 1)),
            person("079080000005", "Khúc Văn Năm", "KP2", 1980, status="Chuyển đi"),  # off the territory
        ],
        users=[person("079001000006", "Lò Thị Sáu", "KP2", 2001, gender="Nữ")],  # bare year: 23 in 2024
        post_rehab=[
            person("079090000007", "Âu Văn Bảy", "KP1", 1990, rehab_completed_on=D(2024, 6, 1),
                   has_post_rehab_file=True),  # new in June
            person("079090000008", "Ông Văn Tám", "KP2", 1990, rehab_completed_on=D(2023, 1, 10),
                   managed_until=D(2024, 6, 29)),  # management ended in June
            person("079090000009", "Phí Văn Chín", "KP2", 1990, rehab_completed_on=D(2023, 3, 1),
                   managed_until=D(2024, 6, 30)),  # still managed on the last day
        ],
        hotspots=[hotspot("D1", "KP1", D(2024, 6, 1), D(2024, 6, 30)), hotspot("D2", "KP2", D(2024, 5, 31)),
                  hotspot("D3", "KP2", D(2024, 1, 5), D(2024, 7, 1)), hotspot("D4", "KP1", D(2024, 7, 1))],
        models=[model("CLB Thanh niên không ma túy", D(2024, 6, 1)), model("Khu phố bình yên", D(2024, 7, 1))],
    )
    import_workbook(engine, path, effective=D(2024, 7, 15))
    return engine


def totals(engine, start=D(2024, 6, 1), end=D(2024, 6, 30)) -> dict:
    return situation_report(engine, start, end).wards[0].total.values


def test_both_ends_of_the_period_are_included(june_ward):
    t = totals(june_ward)
    assert t["households_signed"] == 2  # 01/06 and 30/06; not 31/05, not 01/07
    assert t["households_signed_total"] == 3  # signed by 30/06
    assert t["management_files"] == 2  # 01/06 and 30/06
    assert t["hotspots_found"] == 1 and t["hotspots_cleared"] == 1  # D1: found 01/06, cleared 30/06
    assert t["hotspots_active"] == 2  # D2 (never cleared), D3 (cleared only on 01/07); D4 not found yet
    assert t["models_new"] == 1 and t["models"] == 1


def test_a_one_day_period_counts_what_happened_that_day(june_ward):
    first = totals(june_ward, D(2024, 6, 1), D(2024, 6, 1))
    last = totals(june_ward, D(2024, 6, 30), D(2024, 6, 30))
    assert (first["households_signed"], first["management_files"], first["hotspots_found"]) == (1, 1, 1)
    assert (last["households_signed"], last["management_files"], last["hotspots_cleared"]) == (1, 1, 1)


def test_people_psychosis_and_age_bands_on_the_last_day(june_ward):
    t = totals(june_ward)
    assert t["addicts"] == 4  # the one who moved away is not on the territory
    assert t["addicts_psychosis"] == 1
    assert t["addicts_young"] == 3  # 30, 17 and 18 years old; not the 31-year-old
    assert t["addicts_minor"] == 1  # 17 (turns 18 on 01/07); the one who turned 18 on 30/06 is not
    assert (t["users"], t["users_young"], t["users_minor"]) == (1, 1, 0)


def test_post_rehab_new_and_gone_in_the_period(june_ward):
    t = totals(june_ward)
    assert t["post_rehab"] == 2  # Bảy (new) and Chín (managed until the last day)
    assert t["post_rehab_new"] == 1 and t["post_rehab_gone"] == 1  # Bảy came; Tám's management ended 29/06


def test_counts_per_khu_pho_add_up_to_the_ward(june_ward):
    ward = situation_report(june_ward, D(2024, 6, 1), D(2024, 6, 30)).wards[0]
    assert [r.name for r in ward.rows] == ["Khu phố 1", "Khu phố 2"]
    kp1, kp2 = (r.values for r in ward.rows)
    assert (kp1["addicts"], kp2["addicts"]) == (2, 2)
    assert (kp1["households_signed"], kp2["households_signed"]) == (1, 1)
    assert kp1["models"] is None  # models belong to the ward, not to a khu phố
    for m in METRICS:
        if m.per_hamlet and m.id != "households":
            assert kp1[m.id] + kp2[m.id] == ward.total.values[m.id], m.id


def test_a_roster_never_imported_is_no_data_not_zero(engine, tmp_path):
    import_workbook(engine, write(tmp_path / "w.xlsx", households=[household("H1", "KP1", D(2024, 6, 2))]),
                    effective=D(2024, 7, 1))
    ward = situation_report(engine, D(2024, 6, 1), D(2024, 6, 30)).wards[0]
    assert ward.total.values["households_signed"] == 1
    assert ward.total.values["addicts"] is None and ward.total.values["hotspots_active"] is None
    assert "addicts" in ward.missing


def test_age_bands_are_data_with_their_legal_source():
    assert (AGE_BANDS["minor"].max_age, AGE_BANDS["youth"].min_age, AGE_BANDS["youth"].max_age) == (17, 16, 30)
    assert "Bộ luật Dân sự 2015" in AGE_BANDS["minor"].source and "Điều 21" in AGE_BANDS["minor"].source
    youth = AGE_BANDS["youth"]
    assert "Luật Thanh niên 2020" in youth.source and "từ đủ 16 tuổi đến 30 tuổi" in youth.quote
    assert AGE_BANDS["young"].contains(30) and not AGE_BANDS["young"].contains(31)


def test_age_is_counted_in_full_years_or_by_year_alone():
    class P:
        birth_date, birth_year = D(2006, 7, 1), 2006

    class Q:
        birth_date, birth_year = None, 2006

    assert age_on(P, D(2024, 6, 30)) == 17 and age_on(P, D(2024, 7, 1)) == 18
    assert age_on(Q, D(2024, 1, 1)) == 18


def test_every_ward_with_all(engine, tmp_path):
    import_workbook(engine, write(tmp_path / "a.xlsx", households=[household("H1", "KP1", D(2024, 6, 3))]))
    other = {**WARD, "slug": "tan-mai", "name": "Phường Tân Mai"}
    import_workbook(engine, write(tmp_path / "b.xlsx", ward=other,
                                  households=[household("H1", "KP1", D(2024, 6, 4)), household("H2", "KP2", None)]))
    report = situation_report(engine, D(2024, 6, 1), D(2024, 6, 30), all_wards=True)
    assert [w.ward.slug for w in report.wards] == ["hoa-an", "tan-mai"]
    assert report.total.values["households_signed"] == 2
    assert report.total.values["households"] == 8  # 4 declared in each ward's DiaBan


# --- the command ---------------------------------------------------------------------

def test_report_on_screen(cli, june_ward):
    result = cli("report", *JUNE)
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert "Kỳ báo cáo: từ 01/06/2024 đến 30/06/2024 (tính cả hai ngày)" in out
    assert "│ Hộ gia đình: Ký cam kết │ 1 │ 1 │ 2 │" in out
    assert "Luật Thanh niên 2020" in out and "Bộ luật Dân sự 2015" in out


def test_report_xlsx_is_formatted_numbers_without_formulas(cli, engine, tmp_path):
    hamlets = [{"key": "KP1", "name": "=HYPERLINK(\"http://x\",\"Khu phố 1\")"}, {"key": "KP2", "name": "+Khu 2"}]
    import_workbook(engine, write(tmp_path / "w.xlsx", hamlets=hamlets,
                                  households=[household("H1", "KP1", D(2024, 6, 1))]))
    out = tmp_path / "bao-cao.xlsx"
    result = cli("report", *JUNE, "--out", out)
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["BaoCao", "GhiChu"]
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    names = [c.value for c in cells if isinstance(c.value, str) and "Khu" in c.value]
    assert "=HYPERLINK(\"http://x\",\"Khu phố 1\")" in names and "+Khu 2" in names
    sheet = book["BaoCao"]
    header = [sheet.cell(7, c).value for c in range(1, sheet.max_column + 1)]
    column = header.index("Ký cam kết") + 1
    values = [sheet.cell(r, column).value for r in range(8, 11)]
    assert values == [1, 0, 1]  # KP1, KP2, the ward: numbers, not text
    assert sheet.cell(10, 2).value == "Phường Hòa An" and sheet.cell(10, 2).font.bold
    addicts = header.index("Tổng số") + 1
    assert sheet.cell(10, addicts).value == "—"  # no NguoiNghien sheet imported
    with zipfile.ZipFile(out) as archive:
        assert not any("<f>" in archive.read(n).decode("utf-8", "ignore") for n in archive.namelist()
                       if n.startswith("xl/worksheets/"))


def test_report_all_xlsx_has_a_sheet_per_ward(cli, engine, tmp_path):
    import_workbook(engine, write(tmp_path / "a.xlsx", households=[household("H1", "KP1", D(2024, 6, 3))]))
    import_workbook(engine, write(tmp_path / "b.xlsx", ward={**WARD, "slug": "tan-mai", "name": "Phường Tân Mai"}))
    out = tmp_path / "tong-hop.xlsx"
    result = cli("report", *JUNE, "--all", "--out", out)
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames == ["BaoCao", "hoa-an", "tan-mai", "GhiChu"]


def test_report_docx_follows_the_administrative_layout(cli, june_ward, tmp_path):
    from docx import Document

    out = tmp_path / "bao-cao.docx"
    result = cli("report", *JUNE, "--out", out)
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "PHƯỜNG HÒA AN" in cells
    assert "Số: ……………/BC-UBND" in cells and "Trần Văn Bình" in cells
    assert "Tình hình, kết quả công tác phòng, chống ma túy từ ngày 01/06/2024 đến ngày 30/06/2024" in text
    assert "- Hộ gia đình: ký cam kết: 2." in text
    assert "Luật Thanh niên 2020" in text
    assert "{{" not in text + cells and "{%" not in text + cells


def test_report_html_escapes_names(cli, engine, tmp_path):
    hamlets = [{"key": "KP1", "name": "<script>alert(1)</script> & Khu 1"}, {"key": "KP2", "name": "Khu phố 2"}]
    import_workbook(engine, write(tmp_path / "w.xlsx", hamlets=hamlets, households=[household("H1", "KP1", None)]))
    out = tmp_path / "bao-cao.html"
    result = cli("report", *JUNE, "--out", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Khu 1" in html and "<script>" not in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Kính gửi" in html


@pytest.mark.parametrize("args, message", [
    (("--to", "30/06/2024"), "Cần ghi kỳ báo cáo: --from NGÀY --to NGÀY"),
    (("--from", "01/06/2024"), "Cần ghi kỳ báo cáo"),
    (("--from", "01/07/2024", "--to", "30/06/2024"), "ngày đầu kỳ phải trước hoặc bằng ngày cuối kỳ"),
    (("--from", "31/06/2024", "--to", "30/07/2024"), "không phải ngày"),
    ((*JUNE, "--out", "bao-cao.pdf"), "--out phải là tệp .xlsx (Excel), .docx (Word) hoặc .html"),
    ((*JUNE, "--out", "khong-co/bao-cao.xlsx"), "không tồn tại"),
    ((*JUNE, "--ward", "hoa-an", "--all"), "Dùng --ward hoặc --all, không dùng cả hai."),
    ((*JUNE, "--ward", "khong-co"), "Không có địa bàn 'khong-co'"),
])
def test_bad_input_is_a_vietnamese_error_exit_2_and_nothing_written(cli, june_ward, tmp_path, monkeypatch, args,
                                                                     message):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = cli("report", *args)
    assert result.exit_code == 2, result.output
    assert message in flat(result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_empty_database_is_told_to_import_first(cli, tmp_path):
    result = cli("report", *JUNE)
    assert result.exit_code == 2
    assert "lacha import" in flat(result.output)


def test_period_validation_before_any_work(engine):
    from lacha.errors import UsageError

    with pytest.raises(UsageError):
        situation_report(engine, dt.date(2024, 7, 1), dt.date(2024, 6, 30))


def test_a_bad_period_creates_no_database(cli, tmp_path):
    target = tmp_path / "chua-co.db"
    result = cli("report", "--from", "01/07/2024", "--to", "30/06/2024", "--db", target)
    assert result.exit_code == 2
    assert not target.exists()
