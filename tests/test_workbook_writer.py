"""lacha.workbook_writer: the canonical template and workbooks with data."""

import datetime as dt
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from lacha.importing.kinds import BY_KIND, ROSTER_KINDS, WARD_FIELDS, WARD_SHEET
from lacha.importing.schema import CellType
from lacha.vocab import PersonStatus, RehabForm, WardType
from lacha.workbook_writer import LISTS_SHEET, write_template, write_workbook

ROSTER_SHEETS = [kind.sheet for kind in ROSTER_KINDS]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "mau.xlsx"
    write_template(path)
    return openpyxl.load_workbook(path)


def validations_at(ws, coordinate):
    return [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]


def list_values(workbook, dv):
    """The values a list validation offers, inline or by range on _DanhMuc."""
    formula = dv.formula1
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, cells = formula.split("!")
    ws = workbook[sheet.strip("'")]
    return [row[0].value for row in ws[cells.replace("$", "")]]


def expected_options(column):
    if column.cell == CellType.YESNO:
        return ["Có", "Không"]
    if column.cell == CellType.CHOICE:
        return [member.value for member in column.choices]
    return None


# ── template ────────────────────────────────────────────────────────────────

def test_template_sheets_in_order(template):
    assert template.sheetnames == ["HuongDan", WARD_SHEET, *ROSTER_SHEETS, LISTS_SHEET]
    assert template[LISTS_SHEET].sheet_state == "hidden"
    assert all(template[name].sheet_state == "visible" for name in template.sheetnames[:-1])
    assert template.active.title == "HuongDan"


@pytest.mark.parametrize("kind", ROSTER_KINDS, ids=lambda k: k.kind)
def test_template_roster_sheet_has_canonical_headers_and_no_data(template, kind):
    ws = template[kind.sheet]
    assert [cell.value for cell in ws[1]] == [column.header for column in kind.columns]
    assert ws.max_row == 1
    assert ws.freeze_panes == "A2"
    assert all(cell.font.bold for cell in ws[1])
    assert all(cell.fill.fgColor.rgb.endswith("DDEBF7") for cell in ws[1])
    assert all(ws.column_dimensions[get_column_letter(i)].width >= 10 for i in range(1, len(kind.columns) + 1))


@pytest.mark.parametrize("kind", ROSTER_KINDS, ids=lambda k: k.kind)
def test_required_headers_are_red_with_a_note(template, kind):
    ws = template[kind.sheet]
    for cell, column in zip(ws[1], kind.columns):
        note = cell.comment.text if cell.comment else ""
        if column.required:
            assert cell.font.color.rgb.endswith("C00000"), column.header
            assert "Bắt buộc" in note, column.header
        else:
            assert "Bắt buộc" not in note, column.header
            assert cell.font.color is None or not cell.font.color.rgb.endswith("C00000"), column.header


@pytest.mark.parametrize("kind", ROSTER_KINDS, ids=lambda k: k.kind)
def test_dropdowns_on_every_choice_and_yesno_column(template, kind):
    ws = template[kind.sheet]
    for index, column in enumerate(kind.columns, start=1):
        letter = get_column_letter(index)
        found = validations_at(ws, f"{letter}2")
        expected = expected_options(column)
        if expected is None:
            assert found == [], column.header
            continue
        assert len(found) == 1, column.header
        dv = found[0]
        assert dv.type == "list"
        assert f"{letter}2000" in dv.sqref and f"{letter}2001" not in dv.sqref
        assert list_values(template, dv) == expected, column.header


def test_list_formulas_fit_excel_limits(template):
    for name in template.sheetnames:
        for dv in template[name].data_validations.dataValidation:
            if dv.formula1.startswith('"'):
                assert len(dv.formula1) - 2 <= 255
                assert all(value.strip() == value for value in dv.formula1.strip('"').split(","))
    # "Điểm tổ chức, chứa chấp sử dụng" has a comma: that list must come from the hidden sheet
    hotspots = template["DiemTuDiem"]
    type_letter = get_column_letter([c.field for c in BY_KIND["hotspots"].columns].index("type") + 1)
    (dv,) = validations_at(hotspots, f"{type_letter}2")
    assert dv.formula1.startswith(f"'{LISTS_SHEET}'!")
    assert "Điểm tổ chức, chứa chấp sử dụng" in list_values(template, dv)


@pytest.mark.parametrize("kind", ROSTER_KINDS, ids=lambda k: k.kind)
def test_column_formats(template, kind):
    ws = template[kind.sheet]
    for index, column in enumerate(kind.columns, start=1):
        number_format = ws.column_dimensions[get_column_letter(index)].number_format
        if column.cell == CellType.DATE:
            assert number_format == "DD/MM/YYYY", column.header
        elif column.cell in (CellType.IDENTIFIER, CellType.PERSON_ID):
            assert number_format == "@", column.header
        else:
            assert number_format == "General", column.header


def test_ward_sheet_layout(template):
    ws = template[WARD_SHEET]
    assert ws.max_row == len(WARD_FIELDS)
    for row, field in enumerate(WARD_FIELDS, start=1):
        assert ws.cell(row, 1).value == field.header
        assert ws.cell(row, 2).value is None
        if field.help:
            assert ws.cell(row, 3).value == field.help
    rows = {field.field: row for row, field in enumerate(WARD_FIELDS, start=1)}
    (kind_dv,) = validations_at(ws, f"B{rows['kind']}")
    assert list_values(template, kind_dv) == [member.value for member in WardType]
    (route_dv,) = validations_at(ws, f"B{rows['on_route']}")
    assert list_values(template, route_dv) == ["Có", "Không"]
    assert validations_at(ws, f"B{rows['name']}") == []


def test_instructions_cover_rules_sheets_and_columns(template):
    text = "\n".join(str(v) for row in template["HuongDan"].iter_rows(values_only=True) for v in row if v)
    for phrase in ("Bắt buộc", "Có", "Không", "x, ✓, 1, Đã, Rồi", "dd/mm/yyyy", "ThonTo", "STT", "Tổng cộng",
                   "số 0 ở đầu", "năm sinh"):
        assert phrase in text, phrase
    for sheet in (WARD_SHEET, *ROSTER_SHEETS):
        assert sheet in text, sheet
    for kind in ROSTER_KINDS:
        for column in kind.columns:
            assert column.header in text, column.header


def test_template_reads_with_calamine(tmp_path):
    path = tmp_path / "mau.xlsx"
    write_template(path)
    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names[1:-1] == [WARD_SHEET, *ROSTER_SHEETS]
    assert workbook.get_sheet_by_name("NguoiNghien").to_python() == [[c.header for c in BY_KIND["addicts"].columns]]


# ── workbook with data ──────────────────────────────────────────────────────

WARD = {"slug": "thu-nghiem", "name": "Phường Thử Nghiệm", "kind": WardType.WARD, "population": 1200,
        "households_declared": 2, "on_route": False, "profile": "kontum-2024"}
ADDICTS = [
    {"key": "012345678901", "name": "Nguyễn Văn An", "birth": dt.date(1990, 1, 2), "gender": "Nam",
     "hamlet_code": "T1", "status": PersonStatus.PRESENT, "has_management_file": True,
     "management_file_on": dt.date(2024, 3, 5), "rehab_form": RehabForm.METHADONE, "has_rehab_file": False,
     "psychosis": None, "note": None},
    {"key": 62089004417, "name": "Trần Thị Bình", "birth": 1994, "gender": "Nữ", "hamlet_code": "T2"},
]
HAMLETS = [{"key": 7.0, "name": "Thôn 7", "households_declared": 2, "population": 12, "mailbox": True,
            "hotline_board": False}]


@pytest.fixture
def written(tmp_path):
    path = tmp_path / "data.xlsx"
    write_workbook(path, WARD, {"hamlets": HAMLETS, "addicts": ADDICTS, "users": []})
    return path


def cell(ws, kind, row, field):
    return ws.cell(row, [c.field for c in BY_KIND[kind].columns].index(field) + 1)


def test_only_given_sheets_and_no_instructions(written):
    workbook = openpyxl.load_workbook(written)
    assert workbook.sheetnames == [WARD_SHEET, "ThonTo", "NguoiNghien", "NguoiSuDung"]
    assert workbook["NguoiSuDung"].max_row == 1
    assert [c.value for c in workbook["NguoiSuDung"][1]] == [c.header for c in BY_KIND["users"].columns]


def test_no_ward_sheet_when_ward_is_none(tmp_path):
    path = tmp_path / "x.xlsx"
    write_workbook(path, None, {"addicts": ADDICTS})
    assert openpyxl.load_workbook(path).sheetnames == ["NguoiNghien"]


def test_round_trip_values(written):
    ws = openpyxl.load_workbook(written)["NguoiNghien"]
    birth = cell(ws, "addicts", 2, "birth")
    assert birth.is_date and birth.value.date() == dt.date(1990, 1, 2) and birth.number_format == "DD/MM/YYYY"
    made = cell(ws, "addicts", 2, "management_file_on")
    assert made.is_date and made.value.date() == dt.date(2024, 3, 5)
    key = cell(ws, "addicts", 2, "key")
    assert key.value == "012345678901" and key.data_type == "s" and key.number_format == "@"
    assert cell(ws, "addicts", 3, "key").value == "62089004417"  # an int id is written as its digits
    assert cell(ws, "addicts", 2, "has_management_file").value == "Có"
    assert cell(ws, "addicts", 2, "has_rehab_file").value == "Không"
    assert cell(ws, "addicts", 2, "psychosis").value is None
    assert cell(ws, "addicts", 2, "status").value == "Có mặt"
    assert cell(ws, "addicts", 2, "rehab_form").value == "Methadone"
    year = cell(ws, "addicts", 3, "birth")
    assert year.value == 1994 and not year.is_date
    assert cell(ws, "addicts", 3, "status").value is None


def test_round_trip_with_calamine(written):
    workbook = CalamineWorkbook.from_path(str(written))
    addicts = workbook.get_sheet_by_name("NguoiNghien").to_python()
    assert addicts[1][:4] == ["012345678901", "Nguyễn Văn An", dt.date(1990, 1, 2), "Nam"]
    assert addicts[1][6:10] == ["Có", dt.date(2024, 3, 5), "Methadone", "Không"]
    hamlets = workbook.get_sheet_by_name("ThonTo").to_python()
    assert hamlets[1][:6] == ["7", "Thôn 7", 2, 12, "Có", "Không"]
    ward = {row[0]: row[1] for row in workbook.get_sheet_by_name(WARD_SHEET).to_python()}
    assert ward["Loại"] == "Phường" and ward["Nằm trên tuyến trọng điểm"] == "Không" and ward["Dân số"] == 1200
    assert ward["Mã địa bàn"] == "thu-nghiem" and ward["Cấp trên trực tiếp"] == ""


def test_ward_values_in_column_b(written):
    ws = openpyxl.load_workbook(written)[WARD_SHEET]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert values["Tên địa bàn"] == "Phường Thử Nghiệm"
    assert values["Số hộ"] == 2
    assert [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)] == [f.header for f in WARD_FIELDS]


FORMULA_LIKE = ["=SUM(A1:A3)", "=1+1", "+84 912 345 678", "-5", "@home", "=HYPERLINK(\"http://x\")"]


def test_formula_like_text_stays_text(tmp_path):
    path = tmp_path / "f.xlsx"
    rows = [{"key": text if i % 2 else None, "name": text, "hamlet_code": "T1", "note": text}
            for i, text in enumerate(FORMULA_LIKE)]
    write_workbook(path, {"name": "=cmd"}, {"addicts": rows})
    ws = openpyxl.load_workbook(path)["NguoiNghien"]
    for row, text in enumerate(FORMULA_LIKE, start=2):
        for field in ("name", "note"):
            written = cell(ws, "addicts", row, field)
            assert written.value == text and written.data_type == "s", (field, text)
    assert openpyxl.load_workbook(path)[WARD_SHEET]["B2"].value == "=cmd"
    calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("NguoiNghien").to_python()
    assert [row[1] for row in calamine[1:]] == FORMULA_LIKE
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)


def test_validation_extends_past_2000_rows(tmp_path):
    path = tmp_path / "big.xlsx"
    rows = [{"key": f"H{i:05d}", "head": "Chủ hộ", "hamlet_code": "T1", "signed": True} for i in range(2100)]
    write_workbook(path, None, {"households": rows})
    ws = openpyxl.load_workbook(path)["HoGiaDinh"]
    (dv,) = validations_at(ws, "E2101")
    assert "E2" in dv.sqref


@pytest.mark.parametrize("ward, rows", [
    (None, {"drugs": []}),
    ({"mayor": "x"}, {}),
    (None, {"addicts": [{"name": "A", "hamlet_code": "T1", "birthday": 1990}]}),
])
def test_unknown_names_are_refused(tmp_path, ward, rows):
    with pytest.raises(ValueError):
        write_workbook(tmp_path / "x.xlsx", ward, rows)
    assert not (tmp_path / "x.xlsx").exists()


def test_validation_messages_fit_excel_limits(template):
    for name in template.sheetnames:
        for dv in template[name].data_validations.dataValidation:
            assert len(dv.errorTitle) <= 32 and len(dv.error) <= 255
            assert dv.errorStyle == "warning" and dv.showErrorMessage
