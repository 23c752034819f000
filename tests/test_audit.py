"""The audit log: who (OS user) imported, exported, reported or printed which ward, and when (issue 7)."""

import datetime as dt
import getpass
import json

import pytest

from conftest import ADDICT_HEADER, HAMLET_ROWS, WARD_ROWS
from xlsx_craft import write_xlsx


def ward_book(tmp_path, name="w.xlsx", ward=WARD_ROWS):
    people = [ADDICT_HEADER, ["", "001090000831", "Nguyễn Văn An", "15/03/1990", "Nam", "T1", "Có mặt", "Có", ""]]
    return write_xlsx(tmp_path / name, {"DiaBan": ward, "ThonTo": HAMLET_ROWS, "NguoiNghien": people})


def audit_json(cli, *args) -> list[dict]:
    result = cli("audit", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_an_import_is_recorded_with_who_what_which_ward_and_when(cli, tmp_path):
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    assert cli("import", ward_book(tmp_path)).exit_code == 0
    [entry] = audit_json(cli)
    assert entry["action"] == "import" and entry["ward"] == "nguyen-trai" and entry["detail"] == "w.xlsx"
    assert entry["os_user"] == getpass.getuser()
    assert before <= dt.datetime.fromisoformat(entry["at"]) <= dt.datetime.now(dt.timezone.utc)


def test_the_audit_command_shows_the_log_as_a_table(cli, tmp_path):
    assert cli("import", ward_book(tmp_path)).exit_code == 0
    result = cli("audit")
    assert result.exit_code == 0
    assert "nhập dữ liệu" in result.output and "nguyen-trai" in result.output and getpass.getuser() in result.output


def test_an_empty_log_says_so(cli, engine):  # engine: the database exists (audit never creates one)
    result = cli("audit")
    assert result.exit_code == 0 and "Nhật ký trống" in result.output


def test_the_log_can_be_read_for_one_ward(cli, tmp_path):
    other = [["Mã địa bàn", "an-binh"], ["Tên địa bàn", "Phường An Bình"]]
    assert cli("import", ward_book(tmp_path)).exit_code == 0
    assert cli("import", ward_book(tmp_path, "b.xlsx", other)).exit_code == 0
    assert [e["ward"] for e in audit_json(cli)] == ["an-binh", "nguyen-trai"]  # newest first
    assert [e["ward"] for e in audit_json(cli, "--ward", "an-binh")] == ["an-binh"]
    assert len(audit_json(cli, "--limit", "1")) == 1


def test_a_dry_run_and_a_refused_file_write_nothing_not_even_the_log(cli, tmp_path):
    assert cli("import", ward_book(tmp_path), "--dry-run").exit_code == 0
    bad = write_xlsx(tmp_path / "bad.xlsx", {"DiaBan": WARD_ROWS, "ThonTo": [["Mã", "Tên", "Số hộ"],
                                                                                 ["T1", "Tổ 1", "nhiều"]]})
    assert cli("import", bad).exit_code == 2
    assert audit_json(cli) == []


def test_the_log_holds_no_personal_data(cli, tmp_path):
    assert cli("import", ward_book(tmp_path)).exit_code == 0
    text = json.dumps(audit_json(cli), ensure_ascii=False)
    assert "Nguyễn Văn An" not in text and "001090000831" not in text


def test_record_audit_refuses_an_unknown_action(engine):
    from lacha.audit import record_audit

    with pytest.raises(ValueError):
        record_audit(engine, "peek", "nguyen-trai")


def test_every_action_has_a_vietnamese_label(engine):
    from lacha.audit import ACTIONS, read_audit, record_audit

    for action in ACTIONS:
        record_audit(engine, action, "nguyen-trai", "tệp.xlsx")
    assert {r.action_label for r in read_audit(engine)} == set(ACTIONS.values())


def test_an_export_is_recorded(cli, tmp_path):
    assert cli("import", ward_book(tmp_path)).exit_code == 0
    assert cli("export", "--out", tmp_path / "x.xlsx").exit_code == 0
    assert audit_json(cli)[0]["action"] == "export"


def test_a_report_is_recorded(cli, tmp_path):
    assert cli("import", ward_book(tmp_path)).exit_code == 0
    assert cli("report", "--from", "2024-01-01", "--to", "2024-12-31", "--out", tmp_path / "r.xlsx").exit_code == 0
    assert audit_json(cli)[0]["action"] == "report"


def test_a_dossier_is_recorded(cli, tmp_path):
    assert cli("import", ward_book(tmp_path)).exit_code == 0
    cli("dossier", "--out", tmp_path / "h.html", "--draft")
    assert audit_json(cli)[0]["action"] == "dossier"


@pytest.mark.sqlite_only
def test_a_backup_and_a_restore_are_recorded(cli, tmp_path):
    assert cli("import", ward_book(tmp_path)).exit_code == 0
    copy = tmp_path / "sao-luu.db"
    assert cli("backup", "--out", copy).exit_code == 0
    assert audit_json(cli)[0]["action"] == "backup"
    assert cli("restore", copy, "--yes").exit_code == 0
    assert audit_json(cli)[0]["action"] == "restore"
