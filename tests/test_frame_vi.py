"""Issue 15: the Typer/Click frame speaks Vietnamese, and a cp1252 console does not crash."""

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from lacha.cli import app

ENGLISH = ("Usage", "Options", "Arguments", "Commands", "Error", "Missing", "Invalid", "Aborted",
           "Show this message", "required", "env var", "No such option", "Got unexpected", "Value error", "Errno")
COMMANDS = ("import", "assess", "profiles", "classify", "template", "demo", "dossier", "report", "history",
            "export", "backup", "restore", "audit")
runner = CliRunner(env={"COLUMNS": "100"})


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.mark.parametrize("args", [["--help"], *([c, "--help"] for c in COMMANDS)])
def test_every_help_page_is_vietnamese(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert english_in(result.output) == [], result.output


@pytest.mark.parametrize("args", [["assess", "--bogus"], ["import"], ["import", "a.xlsx", "b.xlsx"],
                                  ["assess", "--as-of", "14/13/24"], ["assess", "--format", "xml"],
                                  ["nosuch"], ["assess", "--as-of"]])
def test_wrong_invocations_are_told_in_vietnamese(args, tmp_path):
    result = runner.invoke(app, args, env={"LACHA_DB": str(tmp_path / "x.db")})
    assert result.exit_code == 2
    assert "Lỗi" in result.output
    assert english_in(result.output) == [], result.output


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and "lacha phiên bản" in result.output


def test_restore_accepts_co_and_khong(tmp_path):
    db = str(tmp_path / "a.db")
    from lacha.resources import sample_workbook

    assert runner.invoke(app, ["import", str(sample_workbook()), "--db", db]).exit_code == 0
    backup = tmp_path / "sao-luu.db"
    assert runner.invoke(app, ["backup", "--out", str(backup), "--db", db]).exit_code == 0
    declined = runner.invoke(app, ["restore", str(backup), "--db", db], input="không\n")
    assert declined.exit_code == 1 and "Đã hủy" in declined.output
    accepted = runner.invoke(app, ["restore", str(backup), "--db", db], input="có\n")
    assert accepted.exit_code == 0, accepted.output
    assert english_in(accepted.output) == []


def test_help_on_a_cp1252_console_does_not_crash():
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run([sys.executable, "-m", "lacha", "assess", "--help"], capture_output=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert "Cách dùng".encode() in done.stdout
