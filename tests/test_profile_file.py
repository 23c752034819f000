"""``--profile-file``: overriding a built-in profile's parameters, declaring a province's own profile from
the built-in checks, classification thresholds, and refusing malformed files with the line and the fix."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lacha.cli import app
from lacha.errors import InputError
from lacha.rules.catalog import CATALOG
from lacha.rules.profile_file import load_profile_file

from rules.helpers import import_ward

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "sample_data" / "profiles" / "dong-nai-example.toml"
AS_OF = "2024-12-14"


@pytest.fixture
def cli():
    runner = CliRunner(env={"COLUMNS": "250", "NO_COLOR": "1"})
    return lambda *args: runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def db(tmp_path, cli):
    path = tmp_path / "pf.db"
    import_ward(cli, path, tmp_path, "an-binh", "Phường An Bình", extra={
        "ViPham": [["031090000001", "Đỗ Văn Mười", "T1", "Tàng trữ", "01/06/2023", "Không", "Không", "Đã xử lý"]],
        "CayMaTuy": [["T2", "10/10/2024", 40, 12.5]],
    })
    return path


def write(tmp_path: Path, text: str, name: str = "tinh.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the shipped example ---------------------------------------------------------------------------------------
def test_the_shipped_dong_nai_example_declares_seven_unconfirmed_criteria():
    profile = load_profile_file(EXAMPLE).profile
    assert profile.id == "dong-nai-example" and [c.id for c in profile.criteria] == list("1234567")
    assert all(not c.verified for c in profile.criteria)
    assert profile.parameters["6.plant_window_months"].value == 12


def test_assess_with_the_example_file_scores_its_criteria_and_flags_them(cli, db):
    result = cli("assess", "--db", db, "--as-of", AS_OF, "--profile-file", EXAMPLE, "--format", "json")
    assert result.exit_code == 1, result.output  # criterion 6: plants found in the year
    doc = json.loads(result.stdout)
    assert doc["profile"]["id"] == "dong-nai-example" and doc["profile"]["file"].endswith("dong-nai-example.toml")
    status = {c["id"]: c["status"] for c in doc["criteria"]}
    assert status == {"1": "pass", "2": "pass", "3": "pass", "4": "pass", "5": "pass", "6": "fail", "7": "pass"}
    assert all("chưa đối chiếu văn bản gốc" in c["note"] and c["verified"] is False for c in doc["criteria"])


def test_profiles_show_prints_a_file_profile_with_its_parameters_and_sources(cli):
    result = cli("profiles", "--profile-file", EXAMPLE, "--show", "dong-nai-example")
    assert result.exit_code == 0, result.output
    assert "plant_window_months" in result.output and "295/QĐ-UBND" in result.output


# --- overriding a built-in profile ------------------------------------------------------------------------------
def test_overriding_the_violation_window_changes_the_result_and_states_the_new_source(cli, db, tmp_path):
    args = ("assess", "--db", db, "--as-of", AS_OF, "--format", "json")
    before = json.loads(cli(*args, "--profile", "haiphong-tdp-2026").stdout)
    assert next(c for c in before["criteria"] if c["id"] == "2")["status"] == "pass"  # 18 months ago
    path = write(tmp_path, '[profile]\nbase = "haiphong-tdp-2026"\n\n[parameters]\nviolation_window_months = '
                           '{ value = 24, source = "Hướng dẫn số 01/HD-CAT (hư cấu)", verified = true }\n')
    result = cli(*args, "--profile-file", path)
    assert result.exit_code == 1
    criterion = next(c for c in json.loads(result.stdout)["criteria"] if c["id"] == "2")
    assert criterion["status"] == "fail"
    window = criterion["parameters"][0]
    assert (window["value"], window["source"], window["verified"]) == (24, "Hướng dẫn số 01/HD-CAT (hư cấu)", True)


def test_a_bare_override_value_takes_the_file_as_its_source(tmp_path):
    from lacha.rules.profiles import PROFILES

    profile = load_profile_file(write(tmp_path, '[profile]\nbase = "kontum-2024"\n[parameters]\nmin_models = 2\n')).profile
    assert profile.parameters["min_models"].value == 2 and "tinh.toml" in profile.parameters["min_models"].source
    assert profile.id == "kontum-2024" and profile.criteria == PROFILES["kontum-2024"].criteria
    assert PROFILES["kontum-2024"].parameters["min_models"].value == 1  # the built-in profile is untouched


def test_a_hamlet_level_province_profile_with_its_own_roadmap(cli, db, tmp_path):
    path = write(tmp_path, """
[profile]
id = "thon-khong-ma-tuy"
title = "Thôn không ma túy (hư cấu)"
source = "Kế hoạch số 1/KH-UBND (hư cấu)"
level = "hamlet"

[parameters]
roadmap = [{ year = 2025, count = 1, of = 2 }, { year = 2030, all = true }]

[[criteria]]
id = "1"
title = "Không có người nghiện, người sử dụng trái phép có mặt."
check = "no_present_addicts_or_users"

[[criteria]]
id = "2"
title = "Không phát hiện cây có chứa chất ma túy."
check = "no_drug_plants"
""")
    result = cli("assess", "--db", db, "--as-of", AS_OF, "--profile-file", path, "--format", "json")
    doc = json.loads(result.stdout)
    assert [h["passed"] for h in doc["hamlets"]] == [True, False]  # plants found in T2
    assert doc["summary"]["passed"] == 1 and doc["summary"]["current_target"] == {"year": 2025, "hamlets": 1,
                                                                                   "met": True}


# --- classification thresholds -----------------------------------------------------------------------------------
def test_a_classification_only_file_overrides_thresholds_for_classify(cli, db, tmp_path):
    path = write(tmp_path, '[classification]\nd_plants_II = { value = 30, source = "QĐ 28 (giả định)", '
                           'verified = true }\n')
    result = cli("classify", "--db", db, "--as-of", AS_OF, "--profile-file", path, "--format", "json")
    assert result.exit_code == 0, result.output
    d = next(c for c in json.loads(result.stdout)["criteria"] if c["id"] == "d")
    assert d["value"] == 40 and d["met_for"] == ["II", "III"]  # 40 cây ≥ 30: the overridden loại II band


# --- malformed files: refused, exit 2, the line and the fix ------------------------------------------------------
BAD = [
    ('[profile]\nbase = "haiphong-tdp-2026"\n\n[parameters]\nviolation_window_months = mười\n',
     ["dòng 5", "ngoặc kép"]),
    ('[profile\nid = "x"\n', ["dòng 1", "ngoặc vuông"]),
    ('[profile]\nid = "x"\ntitle = "X"\nsource = "S"\n\n[[criteria]]\nid = "1"\ntitle = "T"\ncheck = "no_hotspot"\n',
     ["dòng 9", "no_hotspots_or_retailers", "no_violators"]),
    ('[profile]\nbase = "haiphong-tdp-2026"\n\n[parameters]\nwindow = 3\n',
     ["dòng 5", "violation_window_months", "exempt_rehab_forms"]),
    ('[profile]\nid = "x"\ntitle = "X"\nsource = "S"\n[[criteria]]\nid = "1"\ntitle = "T"\n'
     'check = "effective_models"\n[criteria.parameters]\nmin_model = 2\n', ["dòng 10", "min_models"]),
    ('[profile]\nbase = "haiphong-tdp-2026"\n[parameters]\nexempt_rehab_forms = ["Bắt buộc", "Tại chùa"]\n',
     ["dòng 4", "Tại chùa", "Methadone"]),
    ('[profile]\nbase = "kontum-2024"\n[parameters]\nmin_models = "một"\n', ["dòng 4", "min_models = 1"]),
    ('[profile]\nbase = "tinh-khac"\n', ["dòng 2", "kontum-2024"]),
    ('[profile]\nid = "kontum-2024"\ntitle = "X"\nsource = "S"\n[[criteria]]\nid="1"\ntitle="T"\ncheck="no_suspects"\n',
     ["dòng 2", "trùng"]),
    ('[profile]\nid = "x"\ntitle = "X"\nsource = "S"\n[[criteria]]\nid = "1"\ntitle = "T"\ncheck = "no_suspects"\n'
     '[[criteria]]\nid = "1"\ntitle = "U"\ncheck = "no_hotspots"\n', ["dòng 10", "hai lần"]),
    ('[profile]\nid = "x"\ntitle = "X"\nsource = "S"\nlevel = "tinh"\n[[criteria]]\nid="1"\ntitle="T"\n'
     'check="no_suspects"\n', ["dòng 5", "commune"]),
    ('[profile]\nid = "x"\ntitle = "X"\n[[criteria]]\nid="1"\ntitle="T"\ncheck="no_suspects"\n', ["thiếu source"]),
    ('[profile]\nid = "x"\ntitle = "X"\nsource = "S"\n', ["chưa khai báo tiêu chí", "[[criteria]]"]),
    ('[tieu_chi]\nid = "x"\n', ["dòng 1", "[profile]"]),
    ('[profile]\nbase = "haiphong-tdp-2026"\n[parameters]\nroadmap = [{ year = 2026, count = 3 }]\n',
     ["dòng 4", "count + of"]),
]


@pytest.mark.parametrize("text, expected", BAD, ids=[f"bad-{i}" for i in range(len(BAD))])
def test_a_malformed_profile_file_is_refused_with_the_line_and_the_fix(cli, tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as error:
        load_profile_file(path)
    for fragment in expected:
        assert fragment in error.value.message, error.value.message
    result = cli("assess", "--db", tmp_path / "x.db", "--profile-file", path)
    assert result.exit_code == 2
    assert "tinh.toml" in result.output


def test_a_missing_profile_file_is_a_usage_error(cli, tmp_path):
    result = cli("assess", "--db", tmp_path / "x.db", "--profile-file", tmp_path / "khong-co.toml")
    assert result.exit_code == 2 and "Không đọc được" in result.output


def test_profile_and_profile_file_must_agree(cli, db):
    result = cli("assess", "--db", db, "--profile", "kontum-2024", "--profile-file", EXAMPLE)
    assert result.exit_code == 2 and "dong-nai-example" in result.output


def test_every_catalog_check_is_documented():
    doc = (ROOT / "docs" / "profile-file.md").read_text(encoding="utf-8")
    for name in CATALOG:
        assert f"`{name}`" in doc, name


@pytest.mark.parametrize("profile_id", ["kontum-2024", "laocai-2023", "haiphong-tdp-2026", "national-2025"])
def test_profiles_show_prints_every_criterion_and_parameter_of_a_built_in_profile(cli, profile_id):
    from lacha.rules.profiles import PROFILES

    result = cli("profiles", "--show", profile_id)
    assert result.exit_code == 0, result.output
    profile = PROFILES[profile_id]
    for name in profile.parameters:
        assert name in result.output
    assert result.output.count("│ " + profile.criteria[0].id + " ") >= 1 and "Nguồn" in result.output


def test_profiles_show_an_unknown_id_is_a_usage_error(cli):
    result = cli("profiles", "--show", "tinh-khac")
    assert result.exit_code == 2 and "kontum-2024" in result.output
