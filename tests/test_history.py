"""Assessment history: each assess / dossier run is recorded; ``lacha history`` shows how each criterion
moved over the evaluated dates and flags one that passed before and fails now (đang mất danh hiệu).

All data is fictional (tests/ward_builder.py).
"""

import json

import pytest
from sqlalchemy import select, text
from ward_builder import D, household, model, write

from lacha.assess import assess_ward
from lacha.db.engine import get_engine
from lacha.db.history_models import AssessmentResult, AssessmentRun
from lacha.history import LOSING, UNPROVEN, record_assessment, ward_history
from lacha.importing.apply import import_workbook


SIGNED = [household("H1", "KP1", D(2024, 3, 1)), household("H2", "KP1", D(2024, 3, 2)),
          household("H3", "KP2", D(2024, 3, 3)), household("H4", "KP2", D(2024, 3, 4))]
EMPTY = {"addicts": [], "users": [], "post_rehab": [], "hotspots": [], "suspects": []}


def flat(text_: str) -> str:
    return " ".join(text_.split())


def ward_file(tmp_path, name, households):
    return write(tmp_path / name, households=households, models=[model("CLB Khu phố bình yên", D(2024, 1, 2))],
                 **EMPTY)


def assess_and_record(engine, day, command="assess"):
    assessment = assess_ward(engine, None, None, day)
    run_id = record_assessment(engine, assessment, command)
    assert run_id is not None
    return assessment


@pytest.fixture
def losing_ward(engine, tmp_path):
    """Every household signed in June; a new household that has not signed by December."""
    import_workbook(engine, ward_file(tmp_path, "6.xlsx", SIGNED), effective=D(2024, 6, 30))
    assert assess_and_record(engine, D(2024, 6, 30)).passed
    import_workbook(engine, ward_file(tmp_path, "12.xlsx", SIGNED + [household("H5", "KP2", None)]),
                    effective=D(2024, 12, 31))
    assert not assess_and_record(engine, D(2024, 12, 31), "dossier ho-so.docx").passed
    return engine


def test_a_run_is_recorded_with_profile_date_statuses_user_and_command(db_url, tmp_path):
    engine = get_engine(db_url)
    try:
        import_workbook(engine, ward_file(tmp_path, "w.xlsx", SIGNED), effective=D(2024, 6, 30))
        a = assess_and_record(engine, D(2024, 6, 30), "assess --as-of 2024-06-30")
        with engine.connect() as conn:
            run = conn.execute(select(AssessmentRun.__table__)).mappings().one()
            results = conn.execute(select(AssessmentResult.__table__).order_by("position")).mappings().all()
    finally:
        engine.dispose()
    assert (run["profile_id"], run["as_of"], run["command"], run["passed"]) == (
        "kontum-2024", D(2024, 6, 30), "assess --as-of 2024-06-30", True)
    assert run["os_user"] and run["run_at"] is not None
    assert [(r["criterion"], r["status"]) for r in results] == [(x.criterion.id, "pass") for x in a.results]
    e = next(r for r in results if r["criterion"] == "e")
    assert (e["numerator"], e["denominator"]) == (4, 4)


def test_a_criterion_that_passed_before_and_fails_now_is_flagged(losing_ward):
    history = ward_history(losing_ward, None)
    [profile] = history.profiles
    assert profile.dates == [D(2024, 6, 30), D(2024, 12, 31)]
    e = next(c for c in profile.criteria if c.id == "e")
    assert [p.status for p in e.points] == ["pass", "fail"]
    assert e.trend == LOSING and e.last_passed == D(2024, 6, 30)
    assert [c.id for c in profile.losing] == ["e"]
    assert all(c.trend == "" for c in profile.criteria if c.id != "e")


def test_the_latest_run_of_a_date_counts(losing_ward, tmp_path):
    import_workbook(losing_ward, ward_file(tmp_path, "fix.xlsx", SIGNED + [household("H5", "KP2", D(2024, 12, 20))]),
                    effective=D(2024, 12, 31))
    assess_and_record(losing_ward, D(2024, 12, 31))
    [profile] = ward_history(losing_ward, None).profiles
    assert len(profile.runs) == 3 and profile.dates == [D(2024, 6, 30), D(2024, 12, 31)]
    e = next(c for c in profile.criteria if c.id == "e")
    assert [p.status for p in e.points] == ["pass", "pass"] and e.trend == ""


def test_passing_before_and_insufficient_data_now_is_a_warning_too(engine, tmp_path):
    import_workbook(engine, ward_file(tmp_path, "6.xlsx", SIGNED), effective=D(2024, 6, 30))
    assess_and_record(engine, D(2024, 6, 30))
    with engine.begin() as conn:  # the December run found no household roster (forged, to see the flag)
        run_id = conn.execute(select(AssessmentRun.__table__.c.id)).scalar()
    a = assess_ward(engine, None, None, D(2024, 12, 31))
    second = record_assessment(engine, a, "assess")
    with engine.begin() as conn:
        conn.execute(text("UPDATE assessment_result SET status = 'insufficient_data' "
                          "WHERE run_id = :run AND criterion = 'e'"), {"run": second})
    e = next(c for c in ward_history(engine, None).profiles[0].criteria if c.id == "e")
    assert run_id != second and e.trend == UNPROVEN


def test_recording_never_breaks_the_command(engine, tmp_path):
    import_workbook(engine, ward_file(tmp_path, "w.xlsx", SIGNED), effective=D(2024, 6, 30))
    a = assess_ward(engine, None, None, D(2024, 6, 30))
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE assessment_result"))
    assert record_assessment(engine, a, "assess") is None
    with engine.connect() as conn:
        assert conn.execute(select(AssessmentRun.__table__)).all() == []  # all or nothing


# --- the command ---------------------------------------------------------------------

def test_history_command_shows_the_moves_and_the_warning(cli, losing_ward):
    result = cli("history")
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert "30/06/2024" in out and "31/12/2024" in out
    assert "Đạt → Chưa đạt từ 31/12/2024" in out
    assert ("ĐANG MẤT DANH HIỆU: tiêu chí (e)" in out and "đạt ngày 30/06/2024 nhưng chưa đạt ngày 31/12/2024"
            in out)
    assert "dossier ho-so.docx" in out


def test_history_json(cli, losing_ward):
    result = cli("history", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["ward"]["slug"] == "hoa-an"
    [profile] = doc["profiles"]
    e = next(c for c in profile["criteria"] if c["id"] == "e")
    assert e["timeline"] == [{"as_of": "2024-06-30", "status": "pass"}, {"as_of": "2024-12-31", "status": "fail"}]
    assert (e["trend"], e["last_passed"]) == ("losing", "2024-06-30")
    assert [r["command"] for r in profile["runs"]] == ["assess", "dossier ho-so.docx"]


def test_history_without_runs_says_how_runs_are_recorded(cli, engine, tmp_path):
    import_workbook(engine, ward_file(tmp_path, "w.xlsx", SIGNED))
    result = cli("history")
    assert result.exit_code == 0
    assert "chưa có lần đánh giá nào được ghi lại" in flat(result.output)


@pytest.mark.parametrize("args, message", [
    (("--ward", "khong-co"), "Không có địa bàn 'khong-co'"),
    (("--format", "pdf"), "pdf"),
])
def test_history_bad_input_exit_2(cli, losing_ward, args, message):
    result = cli("history", *args)
    assert result.exit_code == 2
    assert message in flat(result.output)


def test_the_assess_command_records_its_run(cli, engine, tmp_path):
    import_workbook(engine, ward_file(tmp_path, "w.xlsx", SIGNED))
    assert cli("assess", "--as-of", "2024-06-30").exit_code == 0
    assert cli("assess", "--as-of", "2024-12-31", "--format", "json").exit_code == 0
    [profile] = ward_history(engine, None).profiles
    assert profile.dates == [D(2024, 6, 30), D(2024, 12, 31)]
