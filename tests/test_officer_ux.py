"""Issue 15, what an officer sees: IDs masked on screen and in JSON (``--full-ids`` to show), the
Phiếu việc cần làm (``assess --out``), Vietnamese labels for internal keys, one number format.

Every case drives the real command on a real .xlsx the test builds; all data is fictional.
"""

import datetime as dt
import json
import os
import re
import stat

import pytest
from openpyxl import load_workbook
from rules.helpers import import_ward

AS_OF = "2024-12-14"
ID_1 = "062090000001"
MANY = 40  # more failing addicts than the terminal lists


def addicts(n: int) -> list[list]:
    return [[f"0620900{i:05d}", f"Người Thử {i}", "T1", "Có mặt", "Có", "Không", ""] for i in range(1, n + 1)]


def violation() -> list:
    return [ID_1, "Lý Văn Một", "T1", "Tàng trữ", "01/03/2024", "Không", "Không", "Đang xử lý"]


def failing_ward(cli, db, tmp_path, n: int = 1):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình",
                extra={"NguoiNghien": addicts(n), "ViPham": [violation()]})


def assess(cli, db, *args):
    return cli("assess", "--db", db, "--as-of", AS_OF, *args)


# --- item 6: IDs masked -------------------------------------------------------------------------------------
def test_the_checklist_masks_ids_like_the_dossier(cli, db, tmp_path):
    failing_ward(cli, db, tmp_path)
    result = assess(cli, db)
    assert result.exit_code == 1
    assert "Người Thử 1" in result.output and "********0001" in result.output
    assert ID_1 not in result.output


def test_json_masks_ids_and_keys_that_embed_an_id(cli, db, tmp_path):
    failing_ward(cli, db, tmp_path)
    result = assess(cli, db, "--profile", "haiphong-tdp-2026", "--format", "json")
    assert ID_1 not in result.stdout
    keys = [f["key"] for c in json.loads(result.stdout)["criteria"] for f in c["failing"]]
    assert "********0001" in keys
    assert any(k.startswith("********0001/") and "2024-03-01" in k for k in keys), keys  # a violation: person/date/act


def test_full_ids_shows_them(cli, db, tmp_path):
    failing_ward(cli, db, tmp_path)
    assert ID_1 in assess(cli, db, "--full-ids").output
    assert ID_1 in assess(cli, db, "--full-ids", "--format", "json").stdout


def test_assess_all_json_masks_ids(cli, db, tmp_path):
    failing_ward(cli, db, tmp_path)
    assert ID_1 not in assess(cli, db, "--all", "--format", "json").stdout


# --- item 8: the Phiếu việc cần làm -------------------------------------------------------------------------
def test_the_terminal_lists_the_first_records_and_points_to_the_workbook(cli, db, tmp_path):
    failing_ward(cli, db, tmp_path, MANY)
    out = assess(cli, db).output
    assert "bản ghi khác" in out and "lacha assess --out viec-can-lam.xlsx" in out
    assert "--format json" not in out


def test_assess_out_writes_every_failing_record_one_sheet_per_criterion(cli, db, tmp_path):
    failing_ward(cli, db, tmp_path, MANY)
    target = tmp_path / "viec-can-lam.xlsx"
    result = assess(cli, db, "--profile", "kontum-2024", "--out", target)
    assert result.exit_code == 1  # the ward still fails; the Phiếu is written
    assert "Đã ghi Phiếu việc cần làm" in result.output
    book = load_workbook(target)
    assert book.sheetnames[0] == "TongHop" and "TieuChi-c" in book.sheetnames
    sheet = book["TieuChi-c"]
    header = [c.value for c in sheet[3]]
    assert header == ["STT", "Tiêu chí", "Loại bản ghi", "Mã / Số định danh", "Họ tên / tên", "Thôn, tổ",
                      "Lý do chưa đạt", "Việc cần làm", "Kết quả xử lý"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
    assert len(rows) == MANY  # every one, not the first 15
    assert {r[2] for r in rows} == {"Người nghiện"}
    assert rows[0][3] == "********0001" and all(r[6] for r in rows) and all(r[7] for r in rows)
    assert sheet.auto_filter.ref == f"A3:I{3 + MANY}"
    assert not any(ID_1 in str(c.value) for s in book for r in s.iter_rows() for c in r if c.value)
    if os.name != "nt":
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600  # personal data: owner only


def test_assess_out_full_ids(cli, db, tmp_path):
    failing_ward(cli, db, tmp_path)
    target = tmp_path / "phieu.xlsx"
    assess(cli, db, "--profile", "kontum-2024", "--out", target, "--full-ids")
    values = [c.value for r in load_workbook(target)["TieuChi-c"].iter_rows(min_row=4) for c in r]
    assert ID_1 in values


def test_assess_out_never_replaces_a_file_silently(cli, db, tmp_path):
    failing_ward(cli, db, tmp_path)
    target = tmp_path / "danh-sach.xlsx"
    target.write_bytes(b"so lieu cua can bo")
    result = assess(cli, db, "--profile", "kontum-2024", "--out", target)
    assert result.exit_code == 2 and "--force" in result.output and "đã có" in result.output
    assert target.read_bytes() == b"so lieu cua can bo"
    result = assess(cli, db, "--profile", "kontum-2024", "--out", target, "--force")
    assert result.exit_code == 1
    assert (tmp_path / "danh-sach.xlsx.bak").read_bytes() == b"so lieu cua can bo"
    assert load_workbook(target).sheetnames[0] == "TongHop"


@pytest.mark.parametrize("args, words", [(("--out", "phieu.docx"), ".xlsx"), (("--all", "--out", "p.xlsx"), "--ward")])
def test_assess_out_refuses_what_it_cannot_write(cli, db, tmp_path, args, words):
    failing_ward(cli, db, tmp_path)
    result = assess(cli, db, *[str(tmp_path / a) if a.endswith(("docx", "xlsx")) else a for a in args])
    assert result.exit_code == 2 and words in result.output
    assert not list(tmp_path.glob("p*.*"))


# --- item 7: words ------------------------------------------------------------------------------------------
def test_profiles_show_names_rosters_and_parameters_in_vietnamese(cli):
    out = cli("profiles", "--show", "national-2025").output
    criteria = re.split(r"\n\s*Tham số\s*\n", out)[0]  # the criteria table; the parameter table names the .toml keys
    for internal in ("addicts", "post_rehab", "violations", "exempt_rehab"):
        assert internal not in criteria, internal
    assert "người nghiện" in criteria and "Tên trong tệp .toml" in out
    assert not re.search(r"[a-z_]…", out)  # no key cut short ("exempt_rehab_fo…")


# --- item 4: no silent creation -----------------------------------------------------------------------------
def test_a_mistyped_ward_is_refused_with_the_close_match(cli, db, tmp_path):
    from conftest import HAMLET_ROWS, build_workbook, file_bytes

    import_ward(cli, db, tmp_path, "tan-lap", "Xã Tân Lập")
    rows = build_workbook(tmp_path / "thon.xlsx", {"ThonTo": HAMLET_ROWS})  # no DiaBan: the ward is --ward's
    before = file_bytes(db)
    result = cli("import", rows, "--db", db, "--ward", "tan-lapp")
    assert result.exit_code == 2
    assert "tan-lapp" in result.output and "tan-lap?" in result.output and "--new-ward" in result.output
    assert file_bytes(db) == before
    assert cli("import", rows, "--db", db, "--ward", "tan-lap").exit_code == 0  # the right code
    assert cli("import", rows, "--db", db, "--ward", "xa-moi", "--new-ward").exit_code == 0  # meant


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", [("assess",), ("classify",), ("audit",), ("history",),
                                     ("export", "--out", "x.xlsx"), ("dossier", "--out", "x.docx")])
def test_a_path_without_a_database_is_refused_not_created(cli, tmp_path, command):
    missing = tmp_path / "go-nham.db"
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in command]
    result = cli(*args, "--db", missing)
    assert result.exit_code == 2, result.output
    assert "Không có cơ sở dữ liệu tại" in result.output and str(missing) in result.output
    assert not missing.exists() and not list(tmp_path.iterdir())


@pytest.mark.sqlite_only
def test_import_creates_the_database_and_says_so(cli, tmp_path):
    from conftest import ward_workbook

    target = tmp_path / "moi.db"
    result = cli("import", ward_workbook(tmp_path / "w.xlsx"), "--db", target)
    assert result.exit_code == 0 and f"Tạo cơ sở dữ liệu mới tại {target}" in result.output
    assert "Tạo cơ sở dữ liệu mới" not in cli("import", tmp_path / "w.xlsx", "--db", target).output


# --- item 9: feedback -----------------------------------------------------------------------------------------
def test_import_and_assess_and_classify_say_what_to_do_next(cli, db, tmp_path):
    from conftest import ward_workbook

    result = cli("import", ward_workbook(tmp_path / "w.xlsx"), "--db", db)
    assert "Bước tiếp theo: chấm tiêu chí: lacha assess" in result.output
    result = cli("assess", "--db", db, "--as-of", AS_OF)
    assert result.exit_code == 1 and "Bước tiếp theo:" in result.output
    assert "lacha assess --ward nguyen-trai --out viec-can-lam.xlsx" in result.output
    assert "Bước tiếp theo:" not in cli("assess", "--db", db, "--as-of", AS_OF, "--format", "json").stdout
    result = cli("classify", "--db", db, "--as-of", AS_OF)
    assert "Bước tiếp theo:" in result.output and "--profile national-2025" in result.output


def test_a_future_effective_date_is_refused(cli, db, tmp_path):
    import datetime as dt

    from conftest import ward_workbook

    tomorrow = (dt.date.today() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    result = cli("import", ward_workbook(tmp_path / "w.xlsx"), "--db", db, "--effective", tomorrow)
    assert result.exit_code == 2 and "tương lai" in result.output and tomorrow in result.output
    if "://" not in str(db):
        assert not os.path.exists(db)


def test_a_cccd_that_lost_two_zeros_gets_the_hint(cli, db, tmp_path):
    from conftest import ADDICT_HEADER, ward_workbook

    rows = [ADDICT_HEADER, [1, 1090000831, "Người Thử", "1990", "Nam", "T1", "Có mặt", "Có", ""]]  # 001090000831
    result = cli("import", ward_workbook(tmp_path / "w.xlsx", {"NguoiNghien": rows}), "--db", db)
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert "10 chữ số" in out and "hai số 0" in out and "001090000831" in out and "Văn bản" in out


def test_the_report_says_the_total_households_is_the_declared_figure(cli, db, tmp_path):
    from ward_builder import WARD, household, write

    book = write(tmp_path / "r.xlsx", ward={**WARD, "households_declared": 1200},
                 households=[household("H1", "KP1", None), household("H2", "KP2", None)])
    assert cli("import", book, "--db", db).exit_code == 0
    out = " ".join(cli("report", "--db", db, "--from", "01/06/2024", "--to", "30/06/2024").output.split())
    assert "Số hộ ở dòng tổng (1.200) là số hộ địa bàn khai báo" in out and "(4)" in out
    target = tmp_path / "bao-cao.xlsx"
    assert cli("report", "--db", db, "--from", "01/06/2024", "--to", "30/06/2024", "--out", target).exit_code == 0
    cells = [c.value for s in load_workbook(target) for r in s.iter_rows() for c in r if c.value]
    assert any("số hộ địa bàn khai báo" in str(v) for v in cells)


# --- item 10 (part): files lacha does not read are refused by what they are -------------------------------
@pytest.mark.parametrize("suffix, words", [(".xls", "Excel 97–2003"), (".xlsb", ".xlsb"),
                                           (".csv", "CSV")])
def test_a_file_that_is_not_xlsx_is_refused_saying_what_it_is_and_how_to_resave(cli, db, tmp_path, suffix, words):
    from conftest import ward_workbook

    path = ward_workbook(tmp_path / "w.xlsx").rename(tmp_path / f"danh-sach{suffix}")
    result = cli("import", path, "--db", db)
    out = " ".join(result.output.split())
    assert result.exit_code == 2 and words in out and ".xlsx" in out and "Chưa nhập gì" in out
    if "://" not in str(db):
        assert not os.path.exists(db)


def test_numbers_are_written_one_way(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình", ward_rows={"Số hộ": 1200})
    out = " ".join(assess(cli, db, "--profile", "kontum-2024").output.split())
    assert "4/1.200 hộ" in out and "là 1.200" in out and "1.196 hộ" in out
    assert "1200" not in out


def test_a_long_import_shows_progress_on_a_terminal_only(db, tmp_path):
    from conftest import HAMLET_ROWS, WARD_ROWS, build_workbook
    from typer.testing import CliRunner

    from lacha.cli import LARGE_FILE, app

    rows = [["Mã hộ", "Chủ hộ", "Thôn/Tổ", "Đã ký cam kết", "Ngày ký"]]
    rows += [[f"H{i:05d}", f"Chủ hộ số {i}", "T1", "Có", "01/03/2024"] for i in range(9000)]
    book = build_workbook(tmp_path / "lon.xlsx", {"DiaBan": WARD_ROWS, "ThonTo": HAMLET_ROWS, "HoGiaDinh": rows})
    assert book.stat().st_size > LARGE_FILE
    env = {"COLUMNS": "200", "LACHA_DB": str(db)}
    plain = CliRunner(env=env).invoke(app, ["import", str(book)])
    assert plain.exit_code == 0 and "Đọc sheet" not in plain.output  # a redirect: no bar
    terminal = CliRunner(env={**env, "TTY_COMPATIBLE": "1", "FORCE_COLOR": "1"}).invoke(
        app, ["import", str(book), "--replace"])
    assert terminal.exit_code == 0 and ("Đọc sheet" in terminal.output or "Ghi " in terminal.output)


# --- item 10: .ods through the same checks ------------------------------------------------------------------
def ods_ward(tmp_path, addict_row, **kwargs):
    from conftest import ADDICT_HEADER, HAMLET_ROWS, WARD_ROWS
    from ods_craft import write_ods

    return write_ods(tmp_path / "danh-sach.ods", {"DiaBan": WARD_ROWS, "ThonTo": HAMLET_ROWS,
                                                  "NguoiNghien": [ADDICT_HEADER, addict_row]}, **kwargs)


GOOD_ADDICT = [1, "001090000831", "Người Thử", "15/03/1990", "Nam", "T1", "Có mặt", "Có", ""]


def test_an_ods_file_imports_like_the_same_xlsx(cli, db, tmp_path):
    from conftest import ADDICT_HEADER, fetch, ward_workbook

    from lacha.db.models import ROSTER_TABLES

    result = cli("import", ods_ward(tmp_path, GOOD_ADDICT), "--db", db)
    assert result.exit_code == 0, result.output
    from_ods = [(r["key"], r["name"], r["hamlet_code"], r["birth_date"]) for r in fetch(db, ROSTER_TABLES["addicts"])]
    assert from_ods == [("001090000831", "Người Thử", "T1", dt.date(1990, 3, 15))]
    xlsx = ward_workbook(tmp_path / "same.xlsx", {"NguoiNghien": [ADDICT_HEADER, GOOD_ADDICT]})
    again = cli("import", xlsx, "--db", db).output
    assert "0 thay đổi" in again or "không có gì thay đổi" in again  # the very same records


def test_a_bad_cell_in_an_ods_gets_the_xlsx_message(cli, db, tmp_path):
    bad = [1, "001090000831", "Người Thử", "31/02/1990", "Nam", "T1", "Có mặt", "Có", ""]
    result = cli("import", ods_ward(tmp_path, bad), "--db", db)
    assert result.exit_code == 2
    assert "NguoiNghien" in result.output and "dòng 2, cột Ngày sinh" in result.output and "31/02/1990" in result.output


@pytest.mark.parametrize("kwargs, words", [({"far": (1_000_000, 3)}, "quá dòng 200.000"),
                                           ({"far": (150_000, 16_000)}, "quá rộng"),
                                           ({"encrypted": True}, "mật khẩu")])
def test_a_hostile_or_locked_ods_is_refused_before_it_is_read(cli, db, tmp_path, kwargs, words):
    result = cli("import", ods_ward(tmp_path, GOOD_ADDICT, **kwargs), "--db", db)
    assert result.exit_code == 2 and words in " ".join(result.output.split())
    if "://" not in str(db):
        assert not os.path.exists(db)
