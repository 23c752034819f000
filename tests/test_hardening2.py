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


# ── defects 4 and 5: control characters and NUL in cells ──────────────────────

def _with_raw_text(path, replacements: dict[str, str]):
    """Rewrite the text of cells (openpyxl refuses control characters, so placeholders are swapped in the XML)."""
    from xlsx_craft import patch, read_parts

    def swap(data: bytes) -> bytes:
        for placeholder, raw in replacements.items():
            data = data.replace(placeholder.encode(), raw.encode())
        return data

    parts = [name for name in read_parts(path) if name.endswith(".xml")]
    return patch(path, {name: swap for name in parts})


def _addicts(name: str, key: str = "001090000801", note: str = ""):
    from conftest import ADDICT_HEADER

    return [ADDICT_HEADER, [1, key, name, "1990", "Nam", "T1", "", "Có", note],
            [2, "001090000802", "Lê Thị Bích", "1993", "Nữ", "T2", "", "Không", ""]]


@pytest.mark.parametrize("raw, code", [
    ("\x1b[2J", "U+001B"),  # clears the screen
    ("\x1b]8;;http://vi-du.invalid\x07bam vao\x1b]8;;\x07", "U+001B"),  # OSC 8: a fake link
    ("\x07", "U+0007"),
    ("_x0000_", "U+0000"),  # Excel's escape for NUL, decoded first
    ("_x001B_[2J", "U+001B"),
    ("\x00", "U+0000"),  # a raw NUL byte in the XML
    ("\x9b", "U+009B"),  # C1 CSI
])
def test_control_characters_in_a_cell_are_refused_naming_sheet_row_column(cli, db, tmp_path, raw, code):
    from conftest import file_bytes, ward_workbook

    path = ward_workbook(tmp_path / "dieu-khien.xlsx", {"NguoiNghien": _addicts("Nguyễn Văn PLACEHOLDER An")})
    _with_raw_text(path, {"PLACEHOLDER": raw})
    assert cli("import", ward_workbook(tmp_path / "truoc.xlsx"), "--db", db).exit_code == 0
    before = file_bytes(db)
    result = cli("import", path, "--db", db)
    assert result.exit_code == 2, result.output
    text = one_line(result.output)
    assert "NguoiNghien" in text and "dòng 2" in text and "Họ và tên" in text, text
    assert f"ký tự điều khiển {code}" in text
    assert "lỗi nội bộ" not in text
    assert "\x1b" not in result.output and "\x07" not in result.output and "\x00" not in result.output
    assert file_bytes(db) == before


def test_control_characters_in_the_id_column_are_refused_too(cli, db, tmp_path):
    from conftest import ward_workbook

    path = ward_workbook(tmp_path / "nul.xlsx", {"NguoiNghien": _addicts("Nguyễn Văn An", key="0010900008PLACE")})
    _with_raw_text(path, {"PLACE": "_x0000_1"})
    result = cli("import", path, "--db", db)
    assert result.exit_code == 2, result.output
    assert "Số định danh" in one_line(result.output) and "U+0000" in result.output


def test_a_line_break_typed_in_a_note_is_kept_as_a_space(cli, db, tmp_path):
    from conftest import fetch, ward_workbook

    from lacha.db.models import Addict

    path = ward_workbook(tmp_path / "ghi-chu.xlsx", {"NguoiNghien": _addicts("Nguyễn Văn An", note="dòng một\ndòng\thai")})
    result = cli("import", path, "--db", db)
    assert result.exit_code == 0, result.output
    notes = [row["note"] for row in fetch(db, Addict)]
    assert "dòng một dòng hai" in notes


@pytest.mark.sqlite_only
def test_terminal_output_never_carries_a_control_character_from_the_database(cli, sample_db):
    import sqlite3

    conn = sqlite3.connect(sample_db)
    conn.execute("UPDATE ward SET name = 'Phường \x1b[2J\x1b]8;;http://vi-du.invalid\x07Nguyễn Trãi\x9b'")
    conn.commit()
    conn.close()
    for command in (("assess", "--as-of", "2024-12-14"), ("classify", "--as-of", "2024-12-14"),
                    ("report", "--from", "01/06/2024", "--to", "30/06/2024")):
        result = cli(*command)
        assert "Nguyễn Trãi" in result.output, result.output
        for control in ("\x1b", "\x07", "\x9b"):
            assert control not in result.output, (command, result.output)


def test_safe_console_keeps_its_own_styles():
    import io

    from lacha.terminal import SafeConsole

    buffer = io.StringIO()
    SafeConsole(file=buffer, force_terminal=True, highlight=False).print("[bold]Đạt[/bold] x\x1b[2Jy")
    written = buffer.getvalue()
    assert "\x1b[1m" in written and "Đạt" in written  # Rich's bold is kept
    assert "x\N{REPLACEMENT CHARACTER}[2Jy" in written


# ── defect 6: every command that shows personal data is audited, with the OS account ─────

def _audit(cli) -> list[dict]:
    import json

    result = cli("audit", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("command", [("assess", "--as-of", "2024-12-14"), ("assess", "--all", "--as-of", "2024-12-14"),
                                     ("classify", "--as-of", "2024-12-14"), ("classify", "--all"),
                                     ("assess", "--format", "json", "--as-of", "2024-12-14")])
def test_assess_and_classify_are_in_the_audit_log(cli, sample_db, command):
    before = len(_audit(cli))
    cli(*command)
    entries = _audit(cli)
    assert len(entries) == before + 1
    assert entries[0]["action"] == command[0]
    assert entries[0]["ward"] in ("nguyen-trai", "*")


@pytest.mark.skipif(os.name != "posix", reason="POSIX accounts")
def test_the_audit_account_comes_from_the_process_not_from_user_or_logname(cli, sample_db, monkeypatch):
    import pwd

    monkeypatch.setenv("USER", "nguoi-khac")
    monkeypatch.setenv("LOGNAME", "nguoi-khac")
    monkeypatch.setenv("USERNAME", "nguoi-khac")
    assert cli("assess", "--as-of", "2024-12-14").exit_code in (0, 1)
    entry = _audit(cli)[0]
    assert entry["os_user"] == pwd.getpwuid(os.geteuid()).pw_name != "nguoi-khac"


# ── defect 11: a CRC-damaged file is the broken-file message ──────────────────

def _damage(path, part: str) -> None:
    import struct
    import zipfile

    with zipfile.ZipFile(path) as book:
        info = book.getinfo(part)
    data = bytearray(path.read_bytes())
    names, extra = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + names + extra
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_crc_damaged_workbook_is_the_broken_file_message(cli, db, tmp_path):
    from conftest import ward_workbook

    path = ward_workbook(tmp_path / "hong.xlsx")
    _damage(path, "xl/worksheets/sheet2.xml")
    result = cli("import", path, "--db", db)
    assert result.exit_code == 2, result.output
    assert "tệp bị hỏng hoặc chưa tải về hết" in one_line(result.output)
    assert "lỗi nội bộ" not in result.output


# ── issue 17 also: a DTD behind a long comment; an .xlsm is named ─────────────

@pytest.mark.parametrize("padding", [70_000, 3_000_000])
def test_a_dtd_hidden_behind_a_long_comment_is_refused(cli, db, tmp_path, padding):
    from conftest import ward_workbook
    from xlsx_craft import patch

    path = ward_workbook(tmp_path / "dtd.xlsx")
    dtd = (b'<!-- ' + b"x" * padding + b' --><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>')
    def hide(data: bytes) -> bytes:
        declaration_end = data.find(b"?>") + 2 if data.startswith(b"<?") else 0
        return data[:declaration_end] + dtd + data[declaration_end:]

    patch(path, {"xl/worksheets/sheet1.xml": hide})
    result = cli("import", path, "--db", db)
    assert result.exit_code == 2, result.output
    assert "khai báo DTD/ENTITY" in one_line(result.output)


def test_an_xlsm_is_named_in_the_import_summary(cli, db, tmp_path):
    from conftest import ward_workbook
    from xlsx_craft import patch

    path = ward_workbook(tmp_path / "macro.xlsx")
    xlsm = patch(path, {"xl/vbaProject.bin": lambda _old: b"\xd0\xcf\x11\xe0 khong phai macro that"},
                 out=tmp_path / "macro.xlsm")
    result = cli("import", xlsm, "--db", db)
    assert result.exit_code == 0, result.output
    assert "tệp có macro; lacha không chạy macro" in one_line(result.output)
    plain = cli("import", path, "--db", db)
    assert "không chạy macro" not in one_line(plain.output)


# ── defect 1: bounded memory on a small file that inflates to a gigabyte ──────

def _import_measured(path, db) -> tuple[int, str, float, float]:
    """(exit status, output, seconds, peak MB of the lacha process) of `lacha import path` in its own process."""
    import subprocess
    import time

    script = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
              "r = subprocess.run([sys.executable, '-m', 'lacha', 'import', sys.argv[1], '--db', sys.argv[2]], "
              "capture_output=True, text=True); s = time.perf_counter() - t; "
              "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024; "
              "print(r.returncode, s, peak); print(r.stdout + r.stderr)")
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", script, str(path), str(db)], capture_output=True, text=True,
                         timeout=120, check=True)
    assert time.perf_counter() - started < 120
    status, seconds, peak = run.stdout.split("\n", 1)[0].split()
    return int(status), run.stdout.split("\n", 1)[1], float(seconds), float(peak)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage")
@pytest.mark.parametrize("build", ["long_cells", "huge_shared_strings"])
def test_a_small_file_that_inflates_to_900_mb_is_refused_quickly_in_bounded_memory(db, tmp_path, build):
    import hostile_workbooks

    path = getattr(hostile_workbooks, build)(tmp_path / f"{build}.xlsx")
    assert path.stat().st_size < 5 << 20  # a few MB on disk
    status, output, seconds, peak_mb = _import_measured(path, db)
    text = one_line(output)
    assert status == 2, output
    assert "giải nén ra" in text and "quá giới hạn 192 MB" in text
    assert seconds <= 5, seconds
    assert peak_mb <= 300, peak_mb


def test_the_workbook_budget_is_on_all_parts_together(tmp_path):
    """Six sheets (12 MB inflated), each within every per-part limit, together past the budget: refused."""
    from xlsx_craft import write_xlsx

    from lacha.errors import InputError
    from lacha.importing import safety
    from lacha.importing.workbook import read_sheets

    path = write_xlsx(tmp_path / "nhieu-sheet.xlsx", {f"S{n}": [["x" * 20_000] * 10] * 10 for n in range(6)})
    original = safety.MAX_WORKBOOK_BYTES
    try:
        safety.MAX_WORKBOOK_BYTES = 16 << 20
        read_sheets(path)
        safety.MAX_WORKBOOK_BYTES = 10 << 20
        with pytest.raises(InputError, match="giải nén ra"):
            read_sheets(path)
    finally:
        safety.MAX_WORKBOOK_BYTES = original


def test_the_budget_counts_the_bytes_really_inflated_while_streaming(tmp_path):
    """What was inflated so far counts: a sheet read past the budget is refused mid-stream."""
    from xlsx_craft import write_xlsx

    from lacha.errors import InputError
    from lacha.importing import safety

    path = write_xlsx(tmp_path / "mot-sheet.xlsx", {"S": [["y" * 20_000] * 10] * 20})
    book, parts = safety.open_checked(path)
    book._lacha_inflated = safety.MAX_WORKBOOK_BYTES - (1 << 20)  # as if the other parts had used the rest
    with pytest.raises(InputError, match="quá giới hạn"):
        safety.scan_sheets(path, book, parts)
