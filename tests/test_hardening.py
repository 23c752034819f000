"""Issue 17 (hardening, round two) and issue 15 item 2: each defect reproduced by a test that builds its
hostile input here (nothing committed as a binary). Sample data fictional."""

import os
import sqlite3
import sys

import pytest

from lacha.resources import sample_workbook


def one_line(text: str) -> str:
    return " ".join(text.split())


# ── defect 13: a database address never echoes its password ───────────────────

def test_unknown_db_url_masks_password(cli):
    result = cli("assess", "--db", "mysql://u:S3cretPW@h/x")
    assert result.exit_code == 2
    assert "S3cretPW" not in result.output
    assert "mysql://u:***@h/x" in one_line(result.output)


def test_mask_url_keeps_addresses_without_password():
    from lacha.output_files import mask_url

    assert mask_url("postgresql://officer@host/lacha") == "postgresql://officer@host/lacha"
    assert mask_url("x postgresql://a:p%40ss@h:5432/d y") == "x postgresql://a:***@h:5432/d y"


@pytest.fixture
def sample_db(db):
    """The bundled fictional sample ward, imported into the test's SQLite database."""
    from lacha.db.engine import get_engine
    from lacha.importing.apply import import_workbook

    engine = get_engine(str(db))
    import_workbook(engine, sample_workbook())
    engine.dispose()
    return db


EXTRA = {"dossier": ["--as-of", "2024-12-14", "--draft"], "report": ["--from", "01/06/2024", "--to", "30/06/2024"]}


def file_state(path) -> tuple | None:
    return (path.stat().st_size, path.read_bytes()) if path.exists() else None


# ── defect 3: no output path may be the database or an input of the command ───

@pytest.mark.sqlite_only
def test_export_onto_the_database_is_refused_and_the_database_kept(cli, tmp_path):
    from pathlib import Path

    target = tmp_path / "x.xlsx"
    from lacha.db.engine import get_engine
    from lacha.importing.apply import import_workbook

    engine = get_engine(str(target))
    import_workbook(engine, sample_workbook())
    engine.dispose()
    before = file_state(target)
    result = cli("export", "--db", target, "--out", target)
    assert result.exit_code == 2
    assert "chính là cơ sở dữ liệu đang dùng" in one_line(result.output)
    assert file_state(target) == before
    # the same file through another name (a relative path) is the same database
    os.chdir(tmp_path)
    result = cli("export", "--db", target, "--out", Path("x.xlsx"))
    assert result.exit_code == 2
    assert file_state(target) == before


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command, suffix", [("report", ".xlsx"), ("dossier", ".html"), ("backup", ".db")])
def test_other_writers_refuse_the_database_as_out(cli, sample_db, command, suffix):
    from pathlib import Path

    db = Path(sample_db)
    link = db.with_name("lien-ket" + suffix)
    link.symlink_to(db)  # another name, the same inode
    before = file_state(db)
    args = EXTRA.get(command, [])
    result = cli(command, "--db", db, "--out", link, *args)
    assert result.exit_code == 2, result.output
    assert "chính là cơ sở dữ liệu đang dùng" in one_line(result.output)
    assert file_state(db) == before


def test_check_output_refuses_an_input_of_the_command(tmp_path):
    from lacha.errors import UsageError
    from lacha.output_files import check_output

    source = tmp_path / "dau-vao.xlsx"
    source.write_bytes(b"x")
    with pytest.raises(UsageError, match="tệp đầu vào"):
        check_output(tmp_path / "." / "dau-vao.xlsx", use_db=False, inputs=[source])


# ── defect 12: a FIFO (or any non-regular file) is refused before reading ─────

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFO")
def test_import_of_a_fifo_is_refused_without_hanging(cli, tmp_path):
    import subprocess

    fifo = tmp_path / "ong.xlsx"
    os.mkfifo(fifo)
    db = tmp_path / "fifo.db"
    run = subprocess.run([sys.executable, "-m", "lacha", "import", str(fifo), "--db", str(db)],
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 2, run.stderr
    assert "không phải tệp thường" in one_line(run.stderr + run.stdout)


# ── defect 2: restore accepts only lacha's own schema ─────────────────────────

@pytest.mark.sqlite_only
@pytest.mark.parametrize("planted, named", [
    ("CREATE TRIGGER wipe AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log; END", "trigger (lệnh tự chạy): wipe"),
    ("CREATE VIEW peek AS SELECT * FROM ward", "view (khung nhìn): peek"),
    ("CREATE TABLE loot (x TEXT)", "bảng lạ: loot"),
])
def test_restore_refuses_triggers_views_and_extra_tables(cli, sample_db, tmp_path, planted, named):
    from pathlib import Path

    backup = tmp_path / "b.db"
    assert cli("backup", "--out", backup).exit_code == 0
    conn = sqlite3.connect(backup)
    conn.execute(planted)
    conn.commit()
    conn.close()
    before = file_state(Path(sample_db))
    result = cli("restore", backup, "--yes")
    assert result.exit_code == 2, result.output
    assert named in one_line(result.output)
    assert file_state(Path(sample_db)) == before
    conn = sqlite3.connect(sample_db)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchone() == (0,)
    conn.close()


# ── defect 10: a bad --out is a Vietnamese message, exit 2 ────────────────────

@pytest.mark.parametrize("command, suffix", [("template", ".xlsx"), ("export", ".xlsx"), ("report", ".html"),
                                             ("dossier", ".html"), ("backup", ".db")])
def test_out_that_is_a_directory_or_has_no_folder(cli, sample_db, tmp_path, command, suffix):
    if command == "backup" and "://" in str(sample_db):
        pytest.skip("backup copies a SQLite file")
    extra = EXTRA.get(command, [])
    folder = tmp_path / ("thu-muc" + suffix)
    folder.mkdir()
    result = cli(command, "--out", folder, *extra)
    assert result.exit_code == 2, result.output
    assert "là một thư mục" in one_line(result.output)
    result = cli(command, "--out", tmp_path / "khong-co" / ("a" + suffix), *extra)
    assert result.exit_code == 2, result.output
    assert "không tồn tại" in one_line(result.output)
    assert "lỗi nội bộ" not in result.output


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root may write anywhere")
@pytest.mark.parametrize("command, suffix", [("template", ".xlsx"), ("export", ".xlsx"), ("dossier", ".html")])
def test_out_in_a_read_only_folder(cli, sample_db, tmp_path, command, suffix):
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    folder.chmod(0o500)
    extra = EXTRA.get(command, [])
    try:
        result = cli(command, "--out", folder / ("a" + suffix), *extra)
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 2, result.output
    assert "không được phép ghi" in one_line(result.output)


@pytest.mark.parametrize("error, expected", [
    (PermissionError(13, "Permission denied"), "đang mở hoặc không được phép ghi: đóng tệp rồi chạy lại"),
    (IsADirectoryError(21, "Is a directory"), "là một thư mục"),
    (FileNotFoundError(2, "No such file"), "thư mục chứa tệp không tồn tại"),
    (OSError(30, "Read-only file system"), "ổ đĩa chỉ cho đọc"),
])
def test_write_failures_are_vietnamese_exit_2(cli, sample_db, tmp_path, monkeypatch, error, expected):
    import lacha.export

    def refuse(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(lacha.export, "export_ward", refuse)
    result = cli("export", "--out", tmp_path / "a.xlsx")
    assert result.exit_code == 2, result.output
    assert expected in one_line(result.output)
    assert "lỗi nội bộ" not in result.output


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="Linux /proc")
def test_out_under_proc_is_a_clear_error(cli, sample_db):
    result = cli("template", "--out", "/proc/self/lacha-mau.xlsx")
    assert result.exit_code == 2, result.output
    assert "lỗi nội bộ" not in result.output


@pytest.mark.sqlite_only
def test_every_opened_sqlite_file_refuses_a_planted_trigger(cli, sample_db):
    conn = sqlite3.connect(sample_db)
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log; END")
    conn.commit()
    conn.close()
    result = cli("assess", "--as-of", "2024-12-14")
    assert result.exit_code == 2, result.output
    assert "trigger wipe" in one_line(result.output)
    result = cli("import", sample_workbook())
    assert result.exit_code == 2, result.output


@pytest.mark.sqlite_only
def test_template_onto_the_database_is_refused(cli, sample_db):
    from pathlib import Path

    link = Path(sample_db).with_name("mau.xlsx")
    link.symlink_to(sample_db)
    before = file_state(Path(sample_db))
    result = cli("template", "--out", link)  # the cli fixture sets LACHA_DB to sample_db
    assert result.exit_code == 2, result.output
    assert "chính là cơ sở dữ liệu đang dùng" in one_line(result.output)
    assert file_state(Path(sample_db)) == before
