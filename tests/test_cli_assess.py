"""``lacha assess`` through the real command: exit codes, JSON per cli.md, every profile, the hamlet
table, and the province-wide review (``--all``) with its totals, national targets and speed."""

import datetime as dt
import json

import pytest


from rules.helpers import import_ward

AS_OF = "2024-12-14"
ADDICT_NO_REHAB_FILE = ["062090000001", "Lý Văn Một", "T1", "Có mặt", "Có", "Không", ""]
USER_NO_FILE = ["062091000002", "Tạ Thị Hai", "T2", "Có mặt", "Không"]


def assess(cli, db, *args):
    return cli("assess", "--db", db, "--as-of", AS_OF, *args)


def as_json(result) -> dict:
    return json.loads(result.stdout)


# --- one ward -----------------------------------------------------------------------------------------------
def test_a_ward_meeting_every_criterion_exits_0(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    result = assess(cli, db, "--format", "json", "--profile", "kontum-2024")
    assert result.exit_code == 0, result.output
    doc = as_json(result)
    assert doc["passed"] is True and doc["ward"] == {"slug": "an-binh", "name": "Phường An Bình"}
    assert doc["profile"]["id"] == "kontum-2024" and doc["as_of"] == AS_OF


def test_without_a_tieu_chi_row_or_profile_a_commune_is_judged_by_qd_28_national_2025(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    doc = as_json(assess(cli, db, "--format", "json"))
    assert doc["profile"]["id"] == "national-2025"
    table = assess(cli, db).output
    assert "national-2025" in table and "28/2025/QĐ-TTg" in " ".join(table.split())


def test_a_ward_failing_a_criterion_exits_1_and_json_follows_cli_md(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình", extra={"NguoiNghien": [ADDICT_NO_REHAB_FILE]})
    result = assess(cli, db, "--format", "json", "--profile", "kontum-2024")
    assert result.exit_code == 1
    doc = as_json(result)
    assert set(doc) >= {"ward", "profile", "as_of", "passed", "criteria"} and doc["passed"] is False
    c = next(c for c in doc["criteria"] if c["id"] == "c")
    assert set(c) >= {"id", "title", "status", "numerator", "denominator", "failing", "note"}
    assert c["status"] == "fail" and c["failing"][0]["key"] == "062090000001"
    assert [p["id"] for p in c["parts"]] == ["c1", "c2", "c3"]


def test_the_checklist_names_the_ward_and_the_failing_person(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình", extra={"NguoiNghien": [ADDICT_NO_REHAB_FILE]})
    result = assess(cli, db)
    assert result.exit_code == 1
    assert "Phường An Bình" in result.output and "Lý Văn Một" in result.output and "✗" in result.output


def test_laocai_criterion_5_reports_households_and_hamlets_as_parts(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    doc = as_json(assess(cli, db, "--profile", "laocai-2023", "--format", "json"))
    five = next(c for c in doc["criteria"] if c["id"] == "5")
    assert [(p["id"], p["numerator"], p["denominator"]) for p in five["parts"]] == [("5.1", 4, 4), ("5.2", 2, 2)]
    assert [c["id"] for c in doc["criteria"]] == ["1", "2", "3", "4", "5", "6"]


def test_haiphong_is_scored_per_hamlet_with_a_summary_against_the_roadmap(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình", extra={"NguoiSuDung": [USER_NO_FILE]})
    result = assess(cli, db, "--profile", "haiphong-tdp-2026", "--format", "json")
    assert result.exit_code == 1
    doc = as_json(result)
    assert [(h["code"], h["passed"]) for h in doc["hamlets"]] == [("T1", True), ("T2", False)]
    assert doc["summary"]["hamlets"] == 2 and doc["summary"]["passed"] == 1
    assert [t["year"] for t in doc["summary"]["targets"]] == [2026, 2027, 2030, 2035]
    window = next(c for c in doc["criteria"] if c["id"] == "2")["parameters"][0]
    assert window["name"] == "violation_window_months" and window["value"] == 12 and window["source"]


def test_haiphong_table_has_a_row_per_hamlet_and_names_failing_people(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình", extra={"NguoiSuDung": [USER_NO_FILE]})
    out = assess(cli, db, "--profile", "haiphong-tdp-2026").output
    assert "Tổ 1" in out and "Tổ 2" in out and "Tạ Thị Hai" in out
    assert "Lộ trình" in out and "Cửa sổ xét vi phạm" in out


def test_national_profile_is_the_confirmed_text_of_dieu_6(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    out = assess(cli, db, "--profile", "national-2025").output
    assert "chưa đối chiếu" not in out and "Hải Phòng" not in out
    doc = as_json(assess(cli, db, "--profile", "national-2025", "--format", "json"))
    assert [c["source"] for c in doc["criteria"]] == [f"QĐ 28/2025/QĐ-TTg, Điều 6 khoản {i}" for i in (1, 2, 3)]


@pytest.mark.parametrize("args, message", [
    (("--profile", "tinh-khac"), "kontum-2024"),
    (("--as-of", "31/02/2024"), "không phải ngày"),
    (("--all", "--ward", "an-binh"), "--all"),
])
def test_bad_usage_exits_2(cli, db, tmp_path, args, message):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    result = cli("assess", "--db", db, *args)
    assert result.exit_code == 2 and message in result.output


def test_several_wards_without_ward_is_a_usage_error(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    import_ward(cli, db, tmp_path, "tan-hoa", "Xã Tân Hòa")
    result = assess(cli, db)
    assert result.exit_code == 2 and "an-binh" in result.output and "tan-hoa" in result.output


# --- every ward: --all -------------------------------------------------------------------------------------
def _three_wards(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    import_ward(cli, db, tmp_path, "tan-hoa", "Xã Tân Hòa")
    import_ward(cli, db, tmp_path, "phu-loi", "Xã Phú Lợi", extra={"NguoiNghien": [ADDICT_NO_REHAB_FILE]})


def test_assess_all_gives_a_row_per_commune_totals_and_national_targets(cli, db, tmp_path):
    _three_wards(cli, db, tmp_path)
    result = assess(cli, db, "--all", "--format", "json")
    assert result.exit_code == 1  # one commune fails
    doc = as_json(result)
    assert [c["ward"]["slug"] for c in doc["communes"]] == ["an-binh", "phu-loi", "tan-hoa"]
    totals = doc["totals"]
    assert (totals["communes"], totals["passed"]) == (3, 2) and totals["share"] == pytest.approx(0.6667, abs=1e-4)
    assert [(t["year"], t["percent"], t["met"]) for t in totals["national_targets"]] == [(2025, 20, True),
                                                                                         (2030, 50, True)]
    assert "132-KL/TW" in totals["national_targets_source"]


def test_assess_all_table_lists_each_commune_and_the_national_targets(cli, db, tmp_path):
    _three_wards(cli, db, tmp_path)
    out = assess(cli, db, "--all").output
    for name in ("Phường An Bình", "Xã Tân Hòa", "Xã Phú Lợi", "So với chỉ tiêu toàn quốc", "2/3"):
        assert name in out, name


def test_assess_all_exits_0_only_when_every_commune_passes(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    import_ward(cli, db, tmp_path, "tan-hoa", "Xã Tân Hòa")
    assert assess(cli, db, "--all").exit_code == 0


def test_assess_all_uses_each_wards_own_profile_unless_one_is_given(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "an-binh", "Phường An Bình")
    import_ward(cli, db, tmp_path, "tan-hoa", "Xã Tân Hòa", ward_rows={"Tiêu chí": "laocai-2023"})
    doc = as_json(assess(cli, db, "--all", "--format", "json"))
    assert {c["ward"]["slug"]: c["profile"]["id"] for c in doc["communes"]} == {"an-binh": "national-2025",
                                                                               "tan-hoa": "laocai-2023"}
    assert set(doc["totals"]["by_profile"]) == {"national-2025", "laocai-2023"}
    doc = as_json(assess(cli, db, "--all", "--profile", "national-2025", "--format", "json"))
    assert {c["profile"]["id"] for c in doc["communes"]} == {"national-2025"}


def test_assess_all_with_a_hamlet_profile_shows_hamlets_per_commune(cli, db, tmp_path):
    _three_wards(cli, db, tmp_path)
    out = assess(cli, db, "--all", "--profile", "haiphong-tdp-2026").output
    assert "Tổ đạt cả" in out and "1/2" in out


# --- speed: a province of 150 communes in under 10 s ------------------------------------------------------------
def _province(db, communes: int):
    """150 fictional communes written straight to the database (the import itself is tested elsewhere)."""
    from sqlalchemy import insert

    from lacha.db.engine import get_engine
    from lacha.db.models import Addict, DrugUser, Hamlet, Household, Hotspot, ImportRun, ImportSheet, Ward

    engine = get_engine(str(db))
    now = dt.datetime(2024, 12, 1, tzinfo=dt.timezone.utc)
    with engine.begin() as conn:
        conn.execute(insert(Ward), [{"id": i + 1, "slug": f"xa-{i:03d}", "name": f"Xã Số {i}", "population": 9000,
                                     "households_declared": 1000} for i in range(communes)])
        conn.execute(insert(ImportRun), [{"id": i + 1, "ward_id": i + 1, "file_name": "x.xlsx", "sha256": str(i),
                                          "imported_at": now, "effective_on": now.date()} for i in range(communes)])
        kinds = ["hamlets", "households", "addicts", "users", "post_rehab", "violations", "hotspots", "suspects",
                 "models", "plants"]
        conn.execute(insert(ImportSheet), [{"import_run_id": i + 1, "ward_id": i + 1, "kind": k, "sheet_name": k}
                                           for i in range(communes) for k in kinds])
        conn.execute(insert(Hamlet), [{"ward_id": i + 1, "key": f"T{h}", "name": f"Tổ {h}", "households_declared": 200,
                                       "mailbox": True, "hotline_board": True}
                                      for i in range(communes) for h in range(5)])
        conn.execute(insert(Household), [{"ward_id": i + 1, "key": f"H{n:04d}", "head": f"Chủ hộ {n}",
                                          "hamlet_code": f"T{n % 5}", "signed": n % 97 != 0}
                                         for i in range(communes) for n in range(1000)])
        conn.execute(insert(Addict), [{"ward_id": i + 1, "key": f"A{n}", "name": f"Người {n}", "hamlet_code": "T1",
                                       "has_management_file": True, "has_rehab_file": n % 3 != 0}
                                      for i in range(communes) for n in range(20)])
        conn.execute(insert(DrugUser), [{"ward_id": i + 1, "key": f"U{n}", "name": f"Người {n}", "hamlet_code": "T2",
                                         "has_management_file": True} for i in range(communes) for n in range(10)])
        conn.execute(insert(Hotspot), [{"ward_id": i + 1, "key": "D1", "name": "Bãi đất", "type": "Điểm bán lẻ",
                                        "hamlet_code": "T3"} for i in range(0, communes, 4)])
    engine.dispose()


def test_assess_all_and_classify_all_review_150_communes_in_one_command(cli, db):
    """The speed target (< 10 s) is measured by benchmarks/run.py, not asserted here."""
    _province(db, 150)
    result = cli("assess", "--db", db, "--as-of", AS_OF, "--all", "--format", "json")
    assert result.exit_code == 1 and len(as_json(result)["communes"]) == 150
    result = cli("classify", "--db", db, "--as-of", AS_OF, "--all")
    assert result.exit_code == 0


def test_one_commune_in_five_meets_the_20_percent_target_exactly(cli, db, tmp_path):
    import_ward(cli, db, tmp_path, "xa-1", "Xã Một")
    for i in range(2, 6):
        import_ward(cli, db, tmp_path, f"xa-{i}", f"Xã {i}", extra={"NguoiNghien": [ADDICT_NO_REHAB_FILE]})
    totals = as_json(assess(cli, db, "--all", "--format", "json"))["totals"]
    assert (totals["passed"], totals["communes"]) == (1, 5)
    assert [t["met"] for t in totals["national_targets"]] == [True, False]  # 20% exactly; not 50%
