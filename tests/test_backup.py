"""``lacha backup`` / ``lacha restore``: a consistent copy of the SQLite database while it is in use
(SQLite online backup API), and restoring one after a confirmation, refusing what is not a lacha database.

The data is the bundled fictional sample ward.
"""

import sqlite3
from pathlib import Path

import pytest
from conftest import table_contents

from lacha.db.engine import get_engine
from lacha.importing.apply import import_workbook
from lacha.resources import sample_workbook

pytestmark = pytest.mark.sqlite_only  # backup and restore copy the SQLite file (PostgreSQL: pg_dump)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def sample_db(db):
    db = Path(db)
    engine = get_engine(str(db))
    import_workbook(engine, sample_workbook())
    engine.dispose()
    return db


def contents(path) -> dict:
    """Every table but the audit log (backup and restore add their own line to it)."""
    engine = get_engine(str(path))
    try:
        return {name: rows for name, rows in table_contents(engine).items() if name != "audit_log"}
    finally:
        engine.dispose()


def ward_slugs(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT slug FROM ward ORDER BY slug")]
    finally:
        conn.close()


def test_backup_copies_the_database(cli, sample_db, tmp_path):
    out = tmp_path / "sao-luu.db"
    result = cli("backup", "--out", out)
    assert result.exit_code == 0, result.output
    assert "1 địa bàn: nguyen-trai" in flat(result.output) and "lacha restore" in flat(result.output)
    assert contents(out) == contents(sample_db)
    assert not list(tmp_path.glob(".lacha-backup-*"))


def test_backup_while_another_officer_is_writing_copies_only_what_was_committed(cli, sample_db, tmp_path,
                                                                               monkeypatch):
    monkeypatch.setenv("LACHA_LOCK_WAIT", "1")  # the audit line waits for the writer, then gives up with a warning
    writer = sqlite3.connect(sample_db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO ward (slug, name) VALUES ('dang-ghi', 'Phường Đang Ghi')")
    try:
        result = cli("backup", "--out", tmp_path / "giua-chung.db")
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert result.exit_code == 0, result.output
    assert "nhật ký" in result.output
    assert ward_slugs(tmp_path / "giua-chung.db") == ["nguyen-trai"]
    assert ward_slugs(sample_db) == ["dang-ghi", "nguyen-trai"]


def test_backup_while_another_officer_is_reading(cli, sample_db, tmp_path, monkeypatch):
    monkeypatch.setenv("LACHA_LOCK_WAIT", "1")
    reader = sqlite3.connect(sample_db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM household").fetchone()
    try:
        result = cli("backup", "--out", tmp_path / "b.db")
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert result.exit_code == 0, result.output
    assert contents(tmp_path / "b.db") == contents(sample_db)


def test_restore_with_yes_replaces_the_data_and_keeps_the_old_copy(cli, sample_db, tmp_path):
    backup = tmp_path / "b.db"
    assert cli("backup", "--out", backup).exit_code == 0
    saved = contents(sample_db)
    conn = sqlite3.connect(sample_db)
    conn.execute("DELETE FROM household WHERE key = 'HGD-0001'")
    conn.commit()
    conn.close()
    changed = contents(sample_db)
    result = cli("restore", backup, "--yes")
    assert result.exit_code == 0, result.output
    assert contents(sample_db) == saved
    [kept] = sample_db.parent.glob(sample_db.name + ".truoc-khoi-phuc-*")
    assert contents(kept) == changed
    assert "Dữ liệu trước khi khôi phục" in flat(result.output)


def test_restore_asks_first_and_no_changes_nothing(cli, sample_db, tmp_path):
    backup = tmp_path / "b.db"
    assert cli("backup", "--out", backup).exit_code == 0
    conn = sqlite3.connect(sample_db)
    conn.execute("DELETE FROM household")
    conn.commit()
    conn.close()
    before = contents(sample_db)
    from typer.testing import CliRunner

    from lacha.cli import app

    runner = CliRunner(env={"COLUMNS": "400", "LACHA_DB": str(sample_db)})
    declined = runner.invoke(app, ["restore", str(backup)], input="n\n")
    assert declined.exit_code == 1
    assert "KHÔI PHỤC SẼ THAY TOÀN BỘ dữ liệu hiện có" in flat(declined.output)
    assert "Đã hủy — cơ sở dữ liệu không thay đổi." in flat(declined.output)
    assert contents(sample_db) == before
    assert not list(sample_db.parent.glob(sample_db.name + ".truoc-khoi-phuc-*"))
    accepted = runner.invoke(app, ["restore", str(backup)], input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert contents(sample_db) == contents(backup)


def test_restore_into_a_new_database(cli, sample_db, tmp_path):
    backup = tmp_path / "b.db"
    assert cli("backup", "--out", backup).exit_code == 0
    target = tmp_path / "moi" / "lacha.db"
    result = cli("restore", backup, "--db", target, "--yes")
    assert result.exit_code == 0, result.output
    assert contents(target) == contents(sample_db)


def test_a_backup_from_before_newer_tables_still_restores(cli, sample_db, tmp_path):
    backup = tmp_path / "cu.db"
    assert cli("backup", "--out", backup).exit_code == 0
    conn = sqlite3.connect(backup)
    conn.execute("DROP TABLE assessment_result")
    conn.commit()
    conn.close()
    assert cli("restore", backup, "--yes").exit_code == 0
    result = cli("assess", "--as-of", "2024-12-14", "--format", "json")
    assert result.exit_code in (0, 1), result.output


def _not_lacha(tmp_path):
    other = tmp_path / "khac.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    return other


def _broken(tmp_path):
    broken = tmp_path / "hong.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    return broken


@pytest.mark.parametrize("make, message", [
    (lambda tmp: sample_workbook(), "không phải cơ sở dữ liệu SQLite của lacha"),
    (lambda tmp: (tmp / "ghi-chu.txt", (tmp / "ghi-chu.txt").write_text("xin chào"))[0],
     "không phải cơ sở dữ liệu SQLite của lacha"),
    (_not_lacha, "là cơ sở dữ liệu SQLite nhưng không phải của lacha"),
    (_broken, "hong.db"),
    (lambda tmp: tmp / "khong-co.db", "Không tìm thấy tệp sao lưu"),
])
def test_restore_refuses_what_is_not_a_lacha_database(cli, sample_db, tmp_path, make, message):
    candidate = make(tmp_path)
    before = contents(sample_db)
    result = cli("restore", candidate, "--yes")
    assert result.exit_code == 2, result.output
    assert message in flat(result.output)
    assert contents(sample_db) == before
    assert not list(sample_db.parent.glob(sample_db.name + ".truoc-khoi-phuc-*"))


@pytest.mark.parametrize("command", [("backup", "--out", "x.db"), ("restore", "x.db", "--yes")])
def test_postgresql_is_sent_to_its_own_tools(cli, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.db").write_bytes(b"")
    result = cli(*command, "--db", "postgresql://can_bo:mat-khau@may-chu/lacha")
    assert result.exit_code == 2
    out = flat(result.output)
    assert ("pg_dump" if command[0] == "backup" else "pg_restore") in out
    assert "mat-khau" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db"]


@pytest.mark.parametrize("args, message", [
    (("backup",), "Cần ghi --out TỆP"),
    (("backup", "--out", "{db}"), "chính là cơ sở dữ liệu đang dùng"),
    (("backup", "--out", "khong-co/b.db"), "không tồn tại"),
    (("restore", "{db}", "--yes"), "chính là cơ sở dữ liệu đang dùng"),
])
def test_backup_and_restore_bad_usage(cli, sample_db, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = cli(*[a.format(db=sample_db) for a in args])
    assert result.exit_code == 2, result.output
    assert message in flat(result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_backup_of_a_database_that_does_not_exist(cli, tmp_path):
    result = cli("backup", "--db", tmp_path / "chua-co.db", "--out", tmp_path / "b.db")
    assert result.exit_code == 2
    assert "Không tìm thấy cơ sở dữ liệu" in flat(result.output)
    assert not (tmp_path / "chua-co.db").exists() and not (tmp_path / "b.db").exists()
