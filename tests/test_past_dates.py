"""Correct past dates: ``--as-of`` a past date gives the answer that was true then, even after later imports
changed the records (a person moved away, a household signed, a hotspot reopened); out-of-order imports
never corrupt the current data (rules in lacha.importing.versions).

Each scenario is a sequence of imports with ``--effective`` dates, checked on the day before, the day of and
the day after each change. All data is fictional (tests/ward_builder.py).
"""

import json

import pytest
from sqlalchemy import select
from ward_builder import WARD, D, household, hotspot, model, person, write

from lacha.assess import assess_ward
from lacha.db.engine import get_engine
from lacha.db.history_models import RecordVersion
from lacha.db.models import Addict, Household, Hotspot, Ward
from lacha.importing.apply import import_workbook
from lacha.snapshot import load_snapshot, pick_ward
from lacha.situation import situation_report


AN = "079090000101"
BINH = "079091000102"
SIGNED = [household("H1", "KP1", D(2024, 1, 10)), household("H2", "KP1", D(2024, 1, 11)),
          household("H3", "KP2", D(2024, 1, 12))]
OTHER = {"users": [], "post_rehab": [], "suspects": [], "models": [model("CLB Khu phố bình yên", D(2024, 1, 2))]}


def addict(key, name, **extra):
    return person(key, name, "KP1", 1990, **{"has_management_file": True, "management_file_on": D(2024, 1, 5),
                                             "has_rehab_file": True, **extra})


def roster(tmp_path, name, households, addicts, hotspots, ward=None):
    return write(tmp_path / name, ward=ward, households=households, addicts=addicts, hotspots=hotspots, **OTHER)


def snapshot(engine, day):
    with engine.connect() as conn:
        return load_snapshot(conn, pick_ward(conn, None), day)


def status(engine, day, criterion):
    a = assess_ward(engine, None, None, day)
    return next(r.outcome.status.value for r in a.results if r.criterion.id == criterion)


def current(engine, model_, key):
    with engine.connect() as conn:
        table = model_.__table__
        return conn.execute(select(table).where(table.c.key == key)).mappings().first()


@pytest.fixture
def three_changes(db_url, tmp_path):
    """31/03: An present, H4 not signed, hotspot D1 cleared. 30/06: An moved away, H4 signed (no date written).
    31/07: hotspot D1 active again (reopened)."""
    engine = get_engine(db_url)
    cleared = hotspot("D1", "KP2", D(2023, 11, 2), D(2024, 2, 20))
    reopened = hotspot("D1", "KP2", D(2023, 11, 2), None, note="Hoạt động trở lại")
    unsigned = household("H4", "KP2", None)
    signed = household("H4", "KP2", None, signed=True)
    import_workbook(engine, roster(tmp_path, "03.xlsx", SIGNED + [unsigned], [addict(AN, "Nguyễn Văn An")],
                                   [cleared]), effective=D(2024, 3, 31))
    import_workbook(engine, roster(tmp_path, "06.xlsx", SIGNED + [signed],
                                   [addict(AN, "Nguyễn Văn An", status="Chuyển đi")], [cleared]),
                    effective=D(2024, 6, 30))
    import_workbook(engine, roster(tmp_path, "07.xlsx", SIGNED + [signed],
                                   [addict(AN, "Nguyễn Văn An", status="Chuyển đi")], [reopened]),
                    effective=D(2024, 7, 31))
    yield engine
    engine.dispose()


def test_a_person_who_moved_away(three_changes):
    statuses = {day: next(a.status for a in snapshot(three_changes, day).addicts)
                for day in (D(2024, 1, 1), D(2024, 6, 29), D(2024, 6, 30), D(2024, 7, 1), D(2025, 1, 1))}
    assert statuses == {D(2024, 1, 1): "Có mặt", D(2024, 6, 29): "Có mặt", D(2024, 6, 30): "Chuyển đi",
                        D(2024, 7, 1): "Chuyển đi", D(2025, 1, 1): "Chuyển đi"}


def test_a_household_that_signed(three_changes):
    assert status(three_changes, D(2024, 6, 29), "e") == "fail"  # 3/4: H4 had not signed yet
    assert status(three_changes, D(2024, 6, 30), "e") == "pass"
    assert status(three_changes, D(2024, 7, 1), "e") == "pass"
    assert status(three_changes, D(2024, 3, 31), "e") == "fail"


def test_a_hotspot_that_reopened(three_changes):
    assert status(three_changes, D(2024, 7, 30), "a") == "pass"  # cleared on 20/02
    assert status(three_changes, D(2024, 7, 31), "a") == "fail"  # active again
    assert status(three_changes, D(2024, 8, 1), "a") == "fail"
    assert status(three_changes, D(2024, 2, 19), "a") == "fail"  # before it was cleared (Ngày triệt xóa)


def test_the_current_tables_hold_the_latest(three_changes):
    assert current(three_changes, Addict, AN)["status"] == "Chuyển đi"
    assert current(three_changes, Household, "H4")["signed"] is True
    assert current(three_changes, Hotspot, "D1")["status"] == "Đang hoạt động"


def test_only_changes_are_stored(three_changes):
    with three_changes.connect() as conn:
        rows = conn.execute(select(RecordVersion.__table__.c.kind, RecordVersion.__table__.c.key,
                                   RecordVersion.__table__.c.stated_on)
                            .order_by(RecordVersion.__table__.c.id)).all()
        runs = conn.execute(select(RecordVersion.__table__.c.import_run_id).distinct()).scalars().all()
    assert [tuple(r) for r in rows] == [
        ("households", "H4", None), ("households", "H4", D(2024, 6, 30)),
        ("addicts", AN, None), ("addicts", AN, D(2024, 6, 30)),
        ("hotspots", "D1", None), ("hotspots", "D1", D(2024, 7, 31))]
    assert None not in runs and len(runs) == 2


def test_out_of_order_import_fills_in_the_past_and_keeps_the_current_data(db_url, tmp_path):
    """June's roster is imported first, March's afterwards: March fills in the time before June only."""
    engine = get_engine(db_url)
    june = roster(tmp_path, "06.xlsx", SIGNED + [household("H4", "KP2", None, signed=True)],
                  [addict(AN, "Nguyễn Văn An", status="Chuyển đi")], [])
    march = roster(tmp_path, "03.xlsx", SIGNED + [household("H4", "KP2", None)], [addict(AN, "Nguyễn Văn An")], [])
    import_workbook(engine, june, effective=D(2024, 6, 30))
    summary = import_workbook(engine, march, effective=D(2024, 3, 31))
    assert summary.written
    assert current(engine, Addict, AN)["status"] == "Chuyển đi"
    assert current(engine, Household, "H4")["signed"] is True
    assert next(a.status for a in snapshot(engine, D(2024, 4, 1)).addicts) == "Có mặt"
    assert next(a.status for a in snapshot(engine, D(2024, 6, 30)).addicts) == "Chuyển đi"
    assert status(engine, D(2024, 4, 1), "e") == "fail" and status(engine, D(2024, 7, 1), "e") == "pass"
    # a newer import afterwards still wins from its own date
    import_workbook(engine, roster(tmp_path, "09.xlsx", SIGNED + [household("H4", "KP2", None, signed=True)],
                                   [addict(AN, "Nguyễn Văn An", status="Chết")], []), effective=D(2024, 9, 30))
    assert [next(a.status for a in snapshot(engine, d).addicts) for d in (D(2024, 5, 1), D(2024, 8, 1),
                                                                          D(2024, 10, 1))] == \
        ["Có mặt", "Chuyển đi", "Chết"]
    engine.dispose()


def test_a_later_import_of_the_same_date_corrects_the_earlier_one(engine, tmp_path):
    import_workbook(engine, roster(tmp_path, "a.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An")], []),
                    effective=D(2024, 3, 31))
    import_workbook(engine, roster(tmp_path, "b.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An", status="Vắng mặt")], []),
                    effective=D(2024, 6, 30))
    import_workbook(engine, roster(tmp_path, "c.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An", status="Chết")], []),
                    effective=D(2024, 6, 30))
    assert next(a.status for a in snapshot(engine, D(2024, 6, 30)).addicts) == "Chết"
    assert next(a.status for a in snapshot(engine, D(2024, 6, 29)).addicts) == "Có mặt"
    assert current(engine, Addict, AN)["status"] == "Chết"


def test_a_person_listed_later_did_not_exist_before_that_roster(engine, tmp_path):
    import_workbook(engine, roster(tmp_path, "a.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An")], []),
                    effective=D(2024, 3, 31))
    import_workbook(engine, roster(tmp_path, "b.xlsx", SIGNED,
                                   [addict(AN, "Nguyễn Văn An"), addict(BINH, "Lê Văn Bình")], []),
                    effective=D(2024, 6, 30))
    names = {d: [a.name for a in snapshot(engine, d).addicts] for d in (D(2024, 1, 1), D(2024, 6, 29), D(2024, 6, 30))}
    assert names == {D(2024, 1, 1): ["Nguyễn Văn An"], D(2024, 6, 29): ["Nguyễn Văn An"],
                     D(2024, 6, 30): ["Nguyễn Văn An", "Lê Văn Bình"]}


def test_replace_removes_from_its_date_on(engine, tmp_path):
    import_workbook(engine, roster(tmp_path, "a.xlsx", SIGNED,
                                   [addict(AN, "Nguyễn Văn An"), addict(BINH, "Lê Văn Bình")], []),
                    effective=D(2024, 3, 31))
    import_workbook(engine, roster(tmp_path, "b.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An")], []),
                    effective=D(2024, 6, 30), replace=True)
    assert [a.name for a in snapshot(engine, D(2024, 6, 29)).addicts] == ["Nguyễn Văn An", "Lê Văn Bình"]
    assert [a.name for a in snapshot(engine, D(2024, 6, 30)).addicts] == ["Nguyễn Văn An"]
    assert current(engine, Addict, BINH) is None


def test_an_older_replace_does_not_delete_what_a_newer_import_holds(engine, tmp_path):
    import_workbook(engine, roster(tmp_path, "b.xlsx", SIGNED,
                                   [addict(AN, "Nguyễn Văn An"), addict(BINH, "Lê Văn Bình")], []),
                    effective=D(2024, 6, 30))
    import_workbook(engine, roster(tmp_path, "a.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An")], []),
                    effective=D(2024, 3, 31), replace=True)
    assert current(engine, Addict, BINH)["name"] == "Lê Văn Bình"
    assert [a.name for a in snapshot(engine, D(2024, 4, 1)).addicts] == ["Nguyễn Văn An"]
    assert [a.name for a in snapshot(engine, D(2024, 7, 1)).addicts] == ["Nguyễn Văn An", "Lê Văn Bình"]


def test_the_ward_values_of_the_past(engine, tmp_path):
    """Số hộ rose from 4 to 6: before, 4 signed of 4 declared passes; after, 4 of 6 fails."""
    households = SIGNED + [household("H4", "KP2", D(2024, 1, 13))]
    import_workbook(engine, roster(tmp_path, "a.xlsx", households, [], []), effective=D(2024, 3, 31))
    import_workbook(engine, roster(tmp_path, "b.xlsx", households, [], [], ward={**WARD, "households_declared": 6}),
                    effective=D(2024, 6, 30))
    assert snapshot(engine, D(2024, 6, 29)).ward.households_declared == 4
    assert snapshot(engine, D(2024, 6, 30)).ward.households_declared == 6
    assert status(engine, D(2024, 6, 29), "e") == "pass" and status(engine, D(2024, 6, 30), "e") == "fail"
    with engine.connect() as conn:
        assert conn.execute(select(Ward.__table__.c.households_declared)).scalar() == 6


def test_importing_the_same_data_again_or_a_dry_run_stores_no_version(engine, tmp_path):
    first = roster(tmp_path, "a.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An")], [])
    import_workbook(engine, first, effective=D(2024, 3, 31))
    import_workbook(engine, roster(tmp_path, "same.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An")], []),
                    effective=D(2024, 6, 30))
    import_workbook(engine, roster(tmp_path, "dry.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An", status="Chết")], []),
                    effective=D(2024, 9, 30), dry_run=True)
    with engine.connect() as conn:
        assert conn.execute(select(RecordVersion.__table__)).all() == []
    assert next(a.status for a in snapshot(engine, D(2024, 1, 1)).addicts) == "Có mặt"


def test_the_report_of_a_past_period_reads_the_versions(three_changes):
    """June: H4 signed (no Ngày ký: seen between the 31/03 and 30/06 rosters); An moved away."""
    t = situation_report(three_changes, D(2024, 6, 1), D(2024, 6, 30)).wards[0].total.values
    assert (t["households_signed"], t["addicts"], t["hotspots_active"]) == (1, 0, 0)
    may = situation_report(three_changes, D(2024, 5, 1), D(2024, 5, 31)).wards[0].total.values
    assert (may["households_signed"], may["addicts"]) == (0, 1)
    july = situation_report(three_changes, D(2024, 7, 1), D(2024, 7, 31)).wards[0].total.values
    assert (july["hotspots_active"], july["households_signed"]) == (1, 0)


def test_a_rehab_file_made_in_the_period_is_counted_from_the_versions(engine, tmp_path):
    import_workbook(engine, roster(tmp_path, "a.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An", has_rehab_file=False)],
                                   []), effective=D(2024, 5, 31))
    import_workbook(engine, roster(tmp_path, "b.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An")], []),
                    effective=D(2024, 6, 30))
    assert situation_report(engine, D(2024, 6, 1), D(2024, 6, 30)).wards[0].total.values["rehab_files"] == 1
    assert situation_report(engine, D(2024, 7, 1), D(2024, 7, 31)).wards[0].total.values["rehab_files"] == 0


def test_assess_as_of_through_the_command_line(cli, db, tmp_path):
    march = roster(tmp_path, "03.xlsx", SIGNED + [household("H4", "KP2", None)], [], [])
    june = roster(tmp_path, "06.xlsx", SIGNED + [household("H4", "KP2", D(2024, 6, 15))], [], [])
    assert cli("import", june, "--effective", "30/06/2024").exit_code == 0
    assert cli("import", march, "--effective", "2024-03-31").exit_code == 0
    results = {}
    for day in ("2024-06-29", "2024-06-30"):
        result = cli("assess", "--as-of", day, "--format", "json")
        assert result.exit_code in (0, 1), result.output
        results[day] = next(c for c in json.loads(result.stdout)["criteria"] if c["id"] == "e")
    assert (results["2024-06-29"]["status"], results["2024-06-29"]["numerator"]) == ("fail", 3)
    assert (results["2024-06-30"]["status"], results["2024-06-30"]["numerator"]) == ("pass", 4)


def test_an_import_dated_between_two_rosters_holds_until_the_next_one(engine, tmp_path):
    """Rosters of 31/03 and 30/09 list An present; one dated 30/06, imported last, says he was away."""
    present = roster(tmp_path, "03.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An")], [])
    import_workbook(engine, present, effective=D(2024, 3, 31))
    import_workbook(engine, roster(tmp_path, "09.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An", note="")], []),
                    effective=D(2024, 9, 30))
    import_workbook(engine, roster(tmp_path, "06.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An", status="Vắng mặt")], []),
                    effective=D(2024, 6, 30))
    seen = [next(a.status for a in snapshot(engine, d).addicts)
            for d in (D(2024, 6, 29), D(2024, 6, 30), D(2024, 9, 29), D(2024, 9, 30), D(2025, 1, 1))]
    assert seen == ["Có mặt", "Vắng mặt", "Vắng mặt", "Có mặt", "Có mặt"]
    assert current(engine, Addict, AN)["status"] == "Có mặt"


def test_the_first_roster_holds_from_the_beginning(engine, tmp_path):
    import_workbook(engine, roster(tmp_path, "a.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An")], []),
                    effective=D(2024, 6, 30))
    import_workbook(engine, roster(tmp_path, "b.xlsx", SIGNED, [addict(AN, "Nguyễn Văn An", status="Chết")], []),
                    effective=D(2024, 12, 31))
    assert [a.status for a in snapshot(engine, D(2020, 1, 1)).addicts] == ["Có mặt"]
    assert snapshot(engine, D(2020, 1, 1)).imported >= {"addicts", "households"}


def test_every_wards_latest_effective_date_in_one_query(engine, tmp_path):
    from lacha.importing.versions import latest_effective_by_ward

    import_workbook(engine, roster(tmp_path, "a.xlsx", SIGNED, [], []), effective=D(2024, 3, 31))
    import_workbook(engine, roster(tmp_path, "b.xlsx", SIGNED, [], [], ward={**WARD, "slug": "tan-mai",
                                                                             "name": "Phường Tân Mai"}),
                    effective=D(2024, 6, 30))
    with engine.connect() as conn:
        assert sorted(latest_effective_by_ward(conn).values()) == [D(2024, 3, 31), D(2024, 6, 30)]


def test_a_version_stored_before_a_column_was_added_still_reads(engine):
    from lacha.importing.versions import from_data

    stored = {"key": "k", "name": "Tên", "hamlet_code": "KP1", "found_on": "2024-05-06"}  # no person_id yet
    row = from_data("violations", json.dumps(stored))
    assert row["found_on"] == D(2024, 5, 6) and row["person_id"] is None and "id" not in row
