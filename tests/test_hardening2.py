"""Issue 17 (hardening, round two, remaining items) and issue 15 item 2 (never lose a file). Each hostile input is
built by the test itself; nothing is committed as a binary. Sample data fictional."""

import os
import sys
from pathlib import Path

import pytest

from lacha.resources import sample_workbook


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def sample_db(db):
    """The bundled fictional sample ward, imported into the test's database."""
    from lacha.db.engine import get_engine
    from lacha.importing.apply import import_workbook

    engine = get_engine(str(db))
    import_workbook(engine, sample_workbook())
    engine.dispose()
    return db


EXTRA = {"dossier": ["--as-of", "2024-12-14", "--draft"], "report": ["--from", "01/06/2024", "--to", "30/06/2024"]}
WRITERS = [("template", ".xlsx"), ("export", ".xlsx"), ("report", ".xlsx"), ("dossier", ".html"), ("backup", ".db")]
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _skip_server_backup(command, db):
    if command == "backup" and "://" in str(db):
        pytest.skip("backup copies a SQLite file")


# ── issue 15 item 2: never lose a file ─────────────────────────────────────────

@pytest.mark.parametrize("command, suffix", WRITERS)
def test_out_onto_an_existing_file_without_a_terminal_is_refused(cli, sample_db, tmp_path, command, suffix):
    _skip_server_backup(command, sample_db)
    out = tmp_path / ("danh-sach-da-dien" + suffix)
    out.write_bytes(b"du lieu cua can bo, khong duoc mat")
    result = cli(command, "--out", out, *EXTRA.get(command, []))
    assert result.exit_code == 2, result.output
    text = one_line(result.output)
    assert "đã có" in text and "--force" in text and "Chưa ghi gì" in text
    assert out.read_bytes() == b"du lieu cua can bo, khong duoc mat"
    assert not out.with_name(out.name + ".bak").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left


@pytest.mark.parametrize("command, suffix", WRITERS)
def test_force_overwrites_and_keeps_the_old_file_as_bak(cli, sample_db, tmp_path, command, suffix):
    _skip_server_backup(command, sample_db)
    out = tmp_path / ("ket-qua" + suffix)
    out.write_bytes(b"ban cu")
    result = cli(command, "--out", out, "--force", *EXTRA.get(command, []))
    assert result.exit_code == 0, result.output
    assert out.with_name(out.name + ".bak").read_bytes() == b"ban cu"
    assert out.read_bytes() != b"ban cu" and out.stat().st_size > 100
    if os.name == "posix":
        mode = out.stat().st_mode & 0o777
        if command == "template":  # a blank template holds no personal data
            assert mode & 0o044, oct(mode)
        else:
            assert mode == 0o600, oct(mode)


@POSIX
@pytest.mark.parametrize("command, suffix", WRITERS[1:])
def test_new_outputs_with_personal_data_are_0600(cli, sample_db, tmp_path, command, suffix):
    _skip_server_backup(command, sample_db)
    out = tmp_path / ("moi" + suffix)
    old = os.umask(0o022)
    try:
        result = cli(command, "--out", out, *EXTRA.get(command, []))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o600


def _terminal_cli(db, monkeypatch, answer: str):
    from typer.testing import CliRunner

    import lacha.output_files
    from lacha.cli import app

    monkeypatch.setattr(lacha.output_files, "_interactive", lambda: True)
    runner = CliRunner(env={"COLUMNS": "400", "LACHA_DB": str(db)})
    return lambda *args: runner.invoke(app, [str(a) for a in args], input=answer)


def test_template_onto_a_filled_roster_asks_on_a_terminal_and_keeps_it_on_no(db, tmp_path, monkeypatch):
    roster = tmp_path / "danh-sach.xlsx"
    roster.write_bytes(b"so lieu da dien")
    result = _terminal_cli(db, monkeypatch, "k\n")("template", "--out", roster)
    assert result.exit_code == 1, result.output
    assert "Ghi đè" in result.output and "giữ nguyên" in one_line(result.output)
    assert roster.read_bytes() == b"so lieu da dien"
    result = _terminal_cli(db, monkeypatch, "c\n")("template", "--out", roster)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "danh-sach.xlsx.bak").read_bytes() == b"so lieu da dien"
    assert roster.read_bytes()[:2] == b"PK"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_target_is_a_clear_error(cli, sample_db, tmp_path):
    out = tmp_path / "chi-doc.xlsx"
    out.write_bytes(b"ban cu")
    out.chmod(0o400)
    result = cli("export", "--out", out, "--force")
    assert result.exit_code == 2, result.output
    assert "chỉ cho đọc" in one_line(result.output)
    assert out.read_bytes() == b"ban cu"


def test_a_write_that_fails_half_way_leaves_the_old_file(cli, sample_db, tmp_path, monkeypatch):
    import lacha.export

    def half_then_fail(_engine, out, _ward=None):
        Path(out).write_bytes(b"nua chung")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(lacha.export, "export_ward", half_then_fail)
    folder = tmp_path / "ra"
    folder.mkdir()
    out = folder / "du-lieu.xlsx"
    out.write_bytes(b"ban cu")
    result = cli("export", "--out", out, "--force")
    assert result.exit_code == 2, result.output
    assert "ổ đĩa đã đầy" in one_line(result.output)
    assert out.read_bytes() == b"ban cu"
    assert sorted(p.name for p in folder.iterdir()) == ["du-lieu.xlsx"]


def test_dossier_history_and_audit_name_the_officers_file_not_the_temporary(cli, sample_db, tmp_path):
    out = tmp_path / "ho-so.html"
    assert cli("dossier", "--out", out, *EXTRA["dossier"]).exit_code == 0
    result = cli("audit")
    assert "ho-so.html" in result.output and ".tmp" not in result.output
