"""The commands an officer meets first: demo, template, profiles, and usage errors (exit 2)."""

import json
import shutil

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, func, select
from typer.testing import CliRunner

from lacha.cli import app
from lacha.db.models import Household, ImportRun, Ward
from lacha.resources import sample_workbook

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "lacha.db")


def count(db, table) -> int:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_help_lists_every_command_in_vietnamese():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("import", "assess", "profiles", "template", "demo"):
        assert command in result.output
    assert "sạch ma túy" in result.output


def test_demo_loads_the_sample_ward_and_shows_both_outcomes(tmp_path):
    demo_db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(demo_db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Phường Nguyễn Trãi" in result.output
    assert "Đạt" in result.output and "Chưa đạt" in result.output
    assert count(str(demo_db), Household) == 312


def test_demo_starts_from_a_fresh_database_each_time(tmp_path):
    demo_db = tmp_path / "demo.db"
    for _ in range(2):
        assert runner.invoke(app, ["demo", "--db", str(demo_db)]).exit_code == 0
    assert count(str(demo_db), ImportRun) == 1


def test_sample_ward_fails_exactly_criteria_c_and_e_on_the_plan_deadline(db):
    assert runner.invoke(app, ["import", str(sample_workbook()), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["assess", "--db", db, "--as-of", "14/12/2024", "--format", "json"])
    assert result.exit_code == 1
    statuses = {c["id"]: c["status"] for c in json.loads(result.stdout)["criteria"]}
    assert statuses == {"a": "pass", "b": "pass", "c": "fail", "d": "pass", "e": "fail", "f": "pass", "g": "pass"}


def test_sample_ward_that_meets_everything_exits_zero(db):
    assert runner.invoke(app, ["import", str(sample_workbook("nguyen-trai-dat.xlsx")), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["assess", "--db", db, "--as-of", "2024-12-14", "--format", "json"])
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["passed"] is True


def test_template_has_one_sheet_per_roster_and_imports_cleanly(tmp_path, db):
    out = tmp_path / "mau.xlsx"
    result = runner.invoke(app, ["template", "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = load_workbook(out).sheetnames
    for sheet in ("DiaBan", "ThonTo", "HoGiaDinh", "NguoiNghien", "NguoiSuDung", "SauCai", "ViPham", "DiemTuDiem",
                  "DoiTuong", "MoHinh", "CayMaTuy"):
        assert sheet in names
    result = runner.invoke(app, ["import", str(out), "--ward", "xa-thu", "--new-ward", "--db", db])
    assert result.exit_code == 0, result.output
    assert count(db, Ward) == 1


def test_template_refuses_a_name_that_is_not_xlsx(tmp_path):
    result = runner.invoke(app, ["template", "--out", str(tmp_path / "mau.xls")])
    assert result.exit_code == 2
    assert ".xlsx" in result.output
    assert not (tmp_path / "mau.xls").exists()


def test_profiles_lists_the_default_profile_with_its_source():
    result = runner.invoke(app, ["profiles"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "kontum-2024" in result.output and "Nguyễn Trãi" in result.output


def test_assess_on_an_empty_database_says_to_import_first(db):
    result = runner.invoke(app, ["assess", "--db", db])
    assert result.exit_code == 2
    assert "lacha import" in result.output


def test_assess_with_two_wards_and_no_ward_option_is_a_usage_error(tmp_path, db):
    other = tmp_path / "other.xlsx"
    shutil.copy(sample_workbook("messy/khong-co-diaban.xlsx"), other)
    assert runner.invoke(app, ["import", str(sample_workbook()), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["import", str(other), "--ward", "xa-khac", "--new-ward", "--db", db]).exit_code == 0
    result = runner.invoke(app, ["assess", "--db", db])
    assert result.exit_code == 2
    assert "--ward" in result.output and "nguyen-trai" in result.output and "xa-khac" in result.output
    assert runner.invoke(app, ["assess", "--db", db, "--ward", "xa-khac"]).exit_code in (0, 1)


def test_assess_unknown_ward_lists_the_known_ones(db):
    runner.invoke(app, ["import", str(sample_workbook()), "--db", db])
    result = runner.invoke(app, ["assess", "--db", db, "--ward", "khong-co"])
    assert result.exit_code == 2
    assert "nguyen-trai" in result.output


@pytest.mark.parametrize("bad", ["31/02/2024", "12-2024", "hôm qua"])
def test_assess_refuses_a_date_that_is_not_a_date(db, bad):
    runner.invoke(app, ["import", str(sample_workbook()), "--db", db])
    result = runner.invoke(app, ["assess", "--db", db, "--as-of", bad])
    assert result.exit_code == 2
    assert bad in result.output


def test_assess_unknown_profile_is_a_usage_error(db):
    runner.invoke(app, ["import", str(sample_workbook()), "--db", db])
    result = runner.invoke(app, ["assess", "--db", db, "--profile", "khong-ton-tai"])
    assert result.exit_code == 2
    assert "kontum-2024" in result.output


def test_lacha_db_environment_variable_chooses_the_database(tmp_path):
    target = tmp_path / "from-env.db"
    result = runner.invoke(app, ["import", str(sample_workbook())], env={"LACHA_DB": str(target)})
    assert result.exit_code == 0, result.output
    assert count(str(target), Household) == 312


@pytest.mark.parametrize("typed", ["nguyen-trai", "Phường Nguyễn Trãi", "Nguyễn Trãi"])
def test_ward_option_accepts_the_slug_or_the_name(db, typed):
    runner.invoke(app, ["import", str(sample_workbook()), "--db", db])
    result = runner.invoke(app, ["assess", "--db", db, "--ward", typed, "--as-of", "2024-12-14", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["ward"]["slug"] == "nguyen-trai"
