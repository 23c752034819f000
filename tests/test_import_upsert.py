"""Re-importing: no-op on the same file, upsert by key, missing people kept or --replace'd, --dry-run,
the import record, and the blank template round trip (roster-format.md, "Errors, and nothing lost").

Every workbook here is fictional: invented names, invented ID numbers.
"""

import datetime as dt
import hashlib

from conftest import ADDICT_HEADER, fetch, file_bytes, table_contents, ward_workbook

from lacha.db.engine import get_engine
from lacha.db.models import Addict, Hamlet, ImportRun, ImportSheet, Ward
from lacha.importing.apply import import_workbook
from lacha.importing.kinds import ROSTER_KINDS

AN = [1, "001090000901", "Nguyễn Văn An", "1990", "Nam", "T1", "", "Có", ""]
BICH = [2, "001090000902", "Lê Thị Bích", "1993", "Nữ", "T2", "", "Không", ""]
CUONG = [3, "001090000903", "Phạm Văn Cường", "1987", "Nam", "T3", "", "Có", ""]
BICH_AWAY = [2, "001090000902", "Lê Thị Bích", "1993", "Nữ", "T2", "Vắng mặt", "Có", ""]
DUNG = [4, "001090000904", "Đỗ Văn Dũng", "1985", "Nam", "T1", "", "Có", ""]


def flat(output: str) -> str:
    return " ".join(output.split())


def import_ok(cli, path, db, *extra) -> str:
    result = cli("import", path, "--db", db, *extra)
    assert result.exit_code == 0, result.output
    return flat(result.output)


def roster(tmp_path, name: str, *people) -> object:
    return ward_workbook(tmp_path / name, {"NguoiNghien": [ADDICT_HEADER, *people]})


def test_importing_the_same_file_twice_changes_nothing_and_records_one_run(cli, db, tmp_path):
    path = roster(tmp_path, "v1.xlsx", AN, BICH, CUONG)
    import_ok(cli, path, db)
    engine = get_engine(str(db))
    before = table_contents(engine)
    output = import_ok(cli, path, db)
    assert table_contents(engine) == before
    assert len(fetch(db, ImportRun, "id")) == 1
    assert "không có gì thay đổi" in output


def test_a_newer_roster_updates_rows_by_key_and_counts_added_changed_unchanged(engine, tmp_path):
    import_workbook(engine, roster(tmp_path, "v1.xlsx", AN, BICH, CUONG))
    summary = import_workbook(engine, roster(tmp_path, "v2.xlsx", AN, BICH_AWAY, CUONG, DUNG))
    sheet = next(s for s in summary.sheets if s.kind == "addicts")
    assert (sheet.rows, sheet.added, sheet.changed, sheet.unchanged, sheet.missing) == (4, 1, 1, 2, [])
    hamlets = next(s for s in summary.sheets if s.kind == "hamlets")
    assert (hamlets.added, hamlets.changed, hamlets.unchanged) == (0, 0, 3)
    with engine.connect() as conn:
        from sqlalchemy import select

        stored = {r.key: (r.status, r.has_management_file) for r in conn.execute(select(Addict.__table__))}
    assert stored == {"001090000901": ("Có mặt", True), "001090000902": ("Vắng mặt", True),
                      "001090000903": ("Có mặt", True), "001090000904": ("Có mặt", True)}


def test_the_summary_shows_per_sheet_counts(cli, db, tmp_path):
    import_ok(cli, roster(tmp_path, "v1.xlsx", AN, BICH, CUONG), db)
    output = import_ok(cli, roster(tmp_path, "v2.xlsx", AN, BICH_AWAY, CUONG, DUNG), db)
    # Sheet │ Danh sách │ Dòng │ Mới │ Sửa │ Giữ nguyên │ Không còn
    assert "│ NguoiNghien │ Người nghiện ma túy │ 4 │ 1 │ 1 │ 2 │ 0 │" in output
    assert "│ ThonTo │ Thôn, tổ dân phố │ 3 │ 0 │ 0 │ 3 │ 0 │" in output


def test_a_person_missing_from_a_newer_roster_is_kept_and_listed(cli, db, tmp_path):
    import_ok(cli, roster(tmp_path, "v1.xlsx", AN, BICH, CUONG), db)
    output = import_ok(cli, roster(tmp_path, "v2.xlsx", AN, BICH), db)
    assert [r["name"] for r in fetch(db, Addict)] == ["Nguyễn Văn An", "Lê Thị Bích", "Phạm Văn Cường"]
    assert "│ NguoiNghien │ Người nghiện ma túy │ 2 │ 0 │ 0 │ 2 │ 1 │" in output
    assert "001090000903 Phạm Văn Cường" in output and "--replace" in output
    sheet = [s for s in fetch(db, ImportSheet, "id") if s["kind"] == "addicts"][-1]
    assert (sheet["missing"], sheet["removed"]) == (1, 0)


def test_replace_deletes_the_people_missing_from_the_sheet(cli, db, tmp_path):
    import_ok(cli, roster(tmp_path, "v1.xlsx", AN, BICH, CUONG), db)
    output = import_ok(cli, roster(tmp_path, "v2.xlsx", AN, BICH), db, "--replace")
    assert [r["name"] for r in fetch(db, Addict)] == ["Nguyễn Văn An", "Lê Thị Bích"]
    assert "đã xóa 1" in output
    sheet = [s for s in fetch(db, ImportSheet, "id") if s["kind"] == "addicts"][-1]
    assert (sheet["missing"], sheet["removed"]) == (0, 1)
    assert fetch(db, ImportRun, "id")[-1]["replace"] is True


def test_replace_leaves_rosters_absent_from_the_file_alone(cli, db, tmp_path):
    import_ok(cli, roster(tmp_path, "v1.xlsx", AN, BICH), db)
    households = [["Mã hộ", "Chủ hộ", "Thôn/Tổ", "Đã ký cam kết"], ["HGD-1", "Trần Văn Hùng", "T1", "Có"]]
    import_ok(cli, ward_workbook(tmp_path / "hh.xlsx", {"HoGiaDinh": households}), db, "--replace")
    assert len(fetch(db, Addict)) == 2


def test_dry_run_writes_nothing_but_prints_the_summary(cli, db, tmp_path):
    import_ok(cli, roster(tmp_path, "v1.xlsx", AN, BICH, CUONG), db)
    engine = get_engine(str(db))
    rows_before, bytes_before = table_contents(engine), file_bytes(db)
    output = import_ok(cli, roster(tmp_path, "v2.xlsx", AN, BICH_AWAY, DUNG), db, "--dry-run", "--replace")
    assert "│ NguoiNghien │ Người nghiện ma túy │ 3 │ 1 │ 1 │ 1 │ đã xóa 1 │" in output
    assert "Chạy thử" in output and "chưa ghi gì" in output
    assert table_contents(engine) == rows_before
    assert file_bytes(db) == bytes_before


def test_dry_run_on_an_empty_database_creates_no_ward_and_no_record(cli, db, tmp_path):
    output = import_ok(cli, roster(tmp_path, "v1.xlsx", AN, BICH), db, "--dry-run")
    assert "│ NguoiNghien │ Người nghiện ma túy │ 2 │ 2 │ 0 │ 0 │ 0 │" in output
    assert fetch(db, Ward, "slug") == [] and fetch(db, Addict) == [] and fetch(db, ImportRun, "id") == []


def test_each_import_is_recorded_with_file_name_sha256_time_and_per_sheet_counts(cli, db, tmp_path):
    path = roster(tmp_path, "danh-sach-v1.xlsx", AN, BICH, CUONG)
    started = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    import_ok(cli, path, db, "--effective", "14/12/2024")
    (run,) = fetch(db, ImportRun, "id")
    assert run["file_name"] == "danh-sach-v1.xlsx"
    assert run["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert started <= run["imported_at"].replace(tzinfo=None) <= started + dt.timedelta(minutes=5)
    assert run["effective_on"] == dt.date(2024, 12, 14)
    counts = {s["sheet_name"]: (s["kind"], s["rows"], s["added"], s["changed"], s["unchanged"], s["missing"])
              for s in fetch(db, ImportSheet, "id") if s["import_run_id"] == run["id"]}
    assert counts == {"ThonTo": ("hamlets", 3, 3, 0, 0, 0), "NguoiNghien": ("addicts", 3, 3, 0, 0, 0)}


def test_a_second_import_with_changes_is_recorded_as_a_second_run(cli, db, tmp_path):
    import_ok(cli, roster(tmp_path, "v1.xlsx", AN, BICH), db)
    import_ok(cli, roster(tmp_path, "v2.xlsx", AN, BICH_AWAY), db)
    runs = fetch(db, ImportRun, "id")
    assert [r["file_name"] for r in runs] == ["v1.xlsx", "v2.xlsx"]
    last = [s for s in fetch(db, ImportSheet, "id") if s["import_run_id"] == runs[-1]["id"]]
    assert {s["kind"]: (s["added"], s["changed"], s["unchanged"]) for s in last} == {
        "hamlets": (0, 0, 3), "addicts": (0, 1, 1)}


def test_a_changed_hamlet_row_is_updated_in_place(cli, db, tmp_path):
    import_ok(cli, ward_workbook(tmp_path / "v1.xlsx"), db)
    ids_before = {h["key"]: h["id"] for h in fetch(db, Hamlet)}
    hamlets = [["Mã", "Tên", "Số hộ"], ["T1", "Tổ 1", 410], ["T2", "Tổ 2", 350], ["T3", "Tổ dân phố Hòa Bình", 300]]
    output = import_ok(cli, ward_workbook(tmp_path / "v2.xlsx", {"ThonTo": hamlets}), db)
    stored = {h["key"]: (h["id"], h["households_declared"], h["mailbox"]) for h in fetch(db, Hamlet)}
    assert stored == {"T1": (ids_before["T1"], 410, True), "T2": (ids_before["T2"], 350, True),
                      "T3": (ids_before["T3"], 300, True)}  # columns absent from the sheet keep their values
    assert "│ ThonTo │ Thôn, tổ dân phố │ 3 │ 0 │ 1 │ 2 │ 0 │" in output


def test_the_blank_template_imports_cleanly_with_a_ward_option(cli, db, tmp_path):
    from lacha.workbook_writer import write_template

    path = tmp_path / "mau.xlsx"
    write_template(path)
    output = import_ok(cli, path, db, "--ward", "x", "--new-ward")
    assert "Lỗi" not in output and "lỗi" not in output
    assert [w["slug"] for w in fetch(db, Ward, "slug")] == ["x"]
    recorded = {s["kind"]: s["rows"] for s in fetch(db, ImportSheet, "id")}
    assert recorded == {kind.kind: 0 for kind in ROSTER_KINDS}
    engine = get_engine(str(db))
    before = table_contents(engine)
    import_ok(cli, path, db, "--ward", "x")
    assert table_contents(engine) == before
