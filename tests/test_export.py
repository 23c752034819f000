"""``lacha export``: the database back out in the canonical workbook. Exported then imported into a fresh
database gives the same ``assess --format json``; re-imported into the same database it changes nothing;
text cells are never formulas.

The bundled sample ward and the messy samples are fictional; so is everything built here.
"""

import json
import zipfile

import pytest
from conftest import table_contents
from openpyxl import load_workbook
from ward_builder import WARD, D, household, person, write

from lacha.db.engine import get_engine
from lacha.db.models import ROSTER_TABLES
from lacha.export import export_ward
from lacha.importing.apply import import_workbook
from lacha.importing.kinds import ROSTER_KINDS
from lacha.resources import sample_workbook

AS_OF = "2024-12-14"
MESSY = [("tieu-de-va-gop-o.xlsx", None), ("nfd-va-ngay-thang.xlsx", None), ("khong-co-diaban.xlsx", "nguyen-trai")]


def flat(text: str) -> str:
    return " ".join(text.split())


def roster_contents(engine) -> dict:
    """Ward and roster rows without their database ids (a fresh database numbers rows anew)."""
    contents = table_contents(engine)
    keep = {"ward", *(m.__table__.name for m in ROSTER_TABLES.values())}
    return {name: sorted(tuple(v for v in row[1:]) for row in rows) for name, rows in contents.items()
            if name in keep}


def ward_row(engine) -> dict:
    from sqlalchemy import select

    from lacha.db.models import Ward

    with engine.connect() as conn:
        return dict(conn.execute(select(Ward.__table__)).mappings().one())


def assess_json(cli, db) -> dict:
    result = cli("assess", "--db", db, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def round_trip(cli, tmp_path, source_db, out_name="export.xlsx"):
    out = tmp_path / out_name
    result = cli("export", "--db", source_db, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def samples():
    from lacha.resources import data_dir

    messy = data_dir("sample_data") / "messy"
    return [(sample_workbook(), None), (sample_workbook("nguyen-trai-dat.xlsx"), None)] + \
        [(messy / name, ward) for name, ward in MESSY]


@pytest.mark.parametrize("source, ward", samples(), ids=lambda v: getattr(v, "name", v))
def test_export_then_import_into_a_fresh_database_gives_the_same_assessment(cli, tmp_path, source, ward):
    first = tmp_path / "first.db"
    engine = get_engine(str(first))
    import_workbook(engine, source, ward=ward)
    engine.dispose()
    out = round_trip(cli, tmp_path, first)
    fresh = tmp_path / "fresh.db"
    result = cli("import", out, "--db", fresh)
    assert result.exit_code == 0, result.output
    assert assess_json(cli, fresh) == assess_json(cli, first)
    a, b = get_engine(str(first)), get_engine(str(fresh))
    assert {k: v for k, v in ward_row(b).items() if k != "id"} == {k: v for k, v in ward_row(a).items() if k != "id"}
    assert roster_contents(b) == roster_contents(a)
    a.dispose(), b.dispose()


@pytest.mark.parametrize("source, ward", samples(), ids=lambda v: getattr(v, "name", v))
def test_reimporting_the_export_into_the_same_database_changes_nothing(cli, tmp_path, source, ward):
    db = tmp_path / "same.db"
    engine = get_engine(str(db))
    import_workbook(engine, source, ward=ward)
    before, ward_before = roster_contents(engine), ward_row(engine)
    out = round_trip(cli, tmp_path, db)
    summary = import_workbook(engine, out)
    assert ward_row(engine) == ward_before
    assert summary.changes == 0
    assert all(s.added == s.changed == s.removed == 0 and not s.missing for s in summary.sheets)
    assert roster_contents(engine) == before
    engine.dispose()


def test_only_rosters_that_were_imported_get_a_sheet(cli, engine, db, tmp_path):
    import_workbook(engine, write(tmp_path / "w.xlsx", households=[household("H1", "KP1", D(2024, 3, 1))],
                                  hotspots=[]))
    out = round_trip(cli, tmp_path, db)
    visible = [ws.title for ws in load_workbook(out) if ws.sheet_state == "visible"]
    assert visible == ["DiaBan", "ThonTo", "HoGiaDinh", "DiemTuDiem"]


def test_people_without_an_id_number_and_violations_keep_their_keys(cli, engine, db, tmp_path):
    twin = person(None, "Người Không Số", "KP1", D(1990, 2, 3))
    addicts = [twin, dict(twin), person("079090001234", "Người Có Số", "KP2", 1990)]
    violations = [{"person_id": "079090001234", "name": "Người Có Số", "hamlet_code": "KP2", "found_on": D(2024, 5, 6),
                   "act": "Tàng trữ trái phép chất ma túy", "arrested": True},
                  {"person_id": None, "name": "Người Không Số", "hamlet_code": "KP1", "found_on": D(2024, 5, 7),
                   "act": "Sử dụng trái phép"}]
    import_workbook(engine, write(tmp_path / "w.xlsx", addicts=addicts, violations=violations))
    before = roster_contents(engine)
    out = round_trip(cli, tmp_path, db)
    sheet = load_workbook(out)["ViPham"]
    ids = [sheet.cell(r, 1).value for r in (2, 3)]
    assert ids == ["079090001234", None]
    assert import_workbook(engine, out).changes == 0
    assert roster_contents(engine) == before


def test_exported_text_cells_are_never_formulas(cli, engine, db, tmp_path):
    hamlets = [{"key": "KP1", "name": "=1+1"}, {"key": "KP2", "name": "@SUM(A1)", "note": "-2+3"}]
    ward = {**WARD, "signer": "=cmd|' /C calc'!A0", "doc_number": "+12/TTr-UBND"}
    import_workbook(engine, write(tmp_path / "w.xlsx", ward=ward, hamlets=hamlets,
                                  households=[household("H1", "KP1", None, address="=HYPERLINK(\"x\")")]))
    before = roster_contents(engine)
    out = round_trip(cli, tmp_path, db)
    book = load_workbook(out)
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert {"=1+1", "@SUM(A1)", "-2+3", "=cmd|' /C calc'!A0", "+12/TTr-UBND", "=HYPERLINK(\"x\")"} <= \
        {c.value for c in cells}
    with zipfile.ZipFile(out) as archive:
        assert not any("<f>" in archive.read(n).decode("utf-8", "ignore") for n in archive.namelist()
                       if n.startswith("xl/worksheets/"))
    assert import_workbook(engine, out).changes == 0
    assert roster_contents(engine) == before


def test_every_column_of_every_roster_has_a_place_in_the_database():
    for kind in ROSTER_KINDS:
        columns = set(ROSTER_TABLES[kind.kind].__table__.c.keys())
        assert {c.field for c in kind.columns} - columns <= {"birth"}, kind.kind


def test_export_library_call_names_the_ward(engine, tmp_path):
    import_workbook(engine, sample_workbook())
    summary = export_ward(engine, tmp_path / "x.xlsx")
    assert (summary.ward_slug, summary.counts["households"]) == ("nguyen-trai", 312)


@pytest.mark.parametrize("args, message", [
    ((), "Cần ghi --out TỆP.xlsx"),
    (("--out", "du-lieu.csv"), "--out phải là tệp .xlsx"),
    (("--out", "khong-co/du-lieu.xlsx"), "không tồn tại"),
    (("--out", "du-lieu.xlsx", "--ward", "khong-co"), "Không có địa bàn 'khong-co'"),
])
def test_export_bad_input_exit_2_nothing_written(cli, engine, tmp_path, monkeypatch, args, message):
    import_workbook(engine, sample_workbook())
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = cli("export", *args)
    assert result.exit_code == 2, result.output
    assert message in flat(result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_export_of_an_empty_database_says_to_import_first(cli, tmp_path):
    result = cli("export", "--out", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "lacha import" in flat(result.output)
    assert not (tmp_path / "x.xlsx").exists()
