"""The core flows on PostgreSQL as on SQLite, and several officers writing at once.

Tests taking ``db_url`` run twice: on a SQLite file and on a fresh database of
the throwaway PostgreSQL server (tests/pg_server.py, tests/db_backends.py).
All data is the bundled fictional sample ward.
"""

import inspect
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from lacha.cli import app
from lacha.db.engine import get_engine, lock_ward
from lacha.db.models import Household, ImportRun, Ward
from lacha.resources import sample_workbook


runner = CliRunner()
AS_OF = "2024-12-14"
SAMPLE_HOUSEHOLDS = 312


def _apply_takes_the_ward_lock() -> bool:
    from lacha.importing import apply

    return "lock_ward" in inspect.getsource(apply)


needs_ward_lock = pytest.mark.skipif(
    not _apply_takes_the_ward_lock(),
    reason="lacha.importing.apply does not call lacha.db.engine.lock_ward(conn, slug) yet")


def _demo_takes_a_url() -> bool:
    from lacha import cli

    return '"://" in db' in inspect.getsource(inspect.unwrap(cli.demo_command))


def lacha(*args):
    return runner.invoke(app, [str(a) for a in args])


def contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every table except the columns that hold a time of day."""
    from sqlmodel import SQLModel

    engine = get_engine(url)
    try:
        with engine.connect() as conn:
            return {name: [tuple(v for k, v in row._mapping.items() if k != "imported_at")
                           for row in conn.execute(select(table).order_by(*table.primary_key.columns))]
                    for name, table in sorted(SQLModel.metadata.tables.items())}
    finally:
        engine.dispose()


def count(url: str, model, **where) -> int:
    engine = get_engine(url)
    try:
        with engine.connect() as conn:
            query = select(func.count()).select_from(model)
            for name, value in where.items():
                query = query.where(getattr(model, name) == value)
            return conn.execute(query).scalar_one()
    finally:
        engine.dispose()


def second_ward_workbook(tmp_path: Path, slug: str = "tran-phu", name: str = "Phường Trần Phú") -> Path:
    """The sample workbook for another commune: only Mã địa bàn and Tên địa bàn differ."""
    from openpyxl import load_workbook

    book = load_workbook(sample_workbook())
    sheet = book["DiaBan"]
    for row in sheet.iter_rows(min_col=1, max_col=2):
        if row[0].value == "Mã địa bàn":
            row[1].value = slug
        elif row[0].value == "Tên địa bàn":
            row[1].value = name
    path = tmp_path / f"{slug}.xlsx"
    book.save(path)
    return path


def spawn_import(path: Path, url: str, wait: int = 60) -> subprocess.Popen:
    env = {**os.environ, "LACHA_LOCK_WAIT": str(wait), "COLUMNS": "200"}
    return subprocess.Popen([sys.executable, "-m", "lacha", "import", str(path), "--db", url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish(process: subprocess.Popen, timeout: float = 120) -> tuple[int, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out + err


# ── the core flows ──────────────────────────────────────────────────────────

def test_sample_ward_imports_and_the_same_file_again_changes_nothing(db_url):
    first = lacha("import", sample_workbook(), "--db", db_url)
    assert first.exit_code == 0, first.output
    assert count(db_url, Household) == SAMPLE_HOUSEHOLDS
    assert count(db_url, Household, signed=True) == SAMPLE_HOUSEHOLDS - 3
    before = contents(db_url)

    again = lacha("import", sample_workbook(), "--db", db_url)

    assert again.exit_code == 0, again.output
    assert contents(db_url) == before
    assert count(db_url, ImportRun) == 1


def test_assess_json_is_the_same_on_postgresql_as_on_sqlite(pg_server, tmp_path):
    outputs = {}
    for backend, url in (("sqlite", str(tmp_path / "a.db")), ("postgresql", pg_server.create_database())):
        assert lacha("import", sample_workbook(), "--db", url).exit_code == 0
        result = lacha("assess", "--db", url, "--as-of", AS_OF, "--format", "json")
        assert result.exit_code in (0, 1), (result.output, result.exception)
        outputs[backend] = (result.exit_code, json.loads(result.stdout))
    assert outputs["postgresql"] == outputs["sqlite"]


@pytest.mark.skipif(not _demo_takes_a_url(), reason="lacha demo turns --db into a file path (fix proposed)")
def test_demo_runs_on_a_postgresql_database(pg_server):
    url = pg_server.create_database(template=pg_server.schema_template)
    result = lacha("demo", "--db", url)
    assert result.exit_code == 0, result.output
    assert count(url, Household) == SAMPLE_HOUSEHOLDS


def test_a_postgresql_url_that_cannot_be_reached_is_a_vietnamese_usage_error():
    result = lacha("assess", "--db", "postgresql://nobody@127.0.0.1:1/lacha")
    assert result.exit_code == 2
    assert "Không mở được cơ sở dữ liệu" in result.output
    assert "Traceback" not in result.output


# ── several officers at once ────────────────────────────────────────────────

@needs_ward_lock
def test_two_officers_importing_two_communes_at_once_both_succeed(db_url, tmp_path):
    other = second_ward_workbook(tmp_path)
    processes = [spawn_import(sample_workbook(), db_url), spawn_import(other, db_url)]

    results = [finish(p) for p in processes]

    assert [code for code, _ in results] == [0, 0], results
    assert count(db_url, Ward) == 2
    for slug in ("nguyen-trai", "tran-phu"):
        ward_id = _ward_id(db_url, slug)
        assert count(db_url, Household, ward_id=ward_id) == SAMPLE_HOUSEHOLDS
    assert count(db_url, ImportRun) == 2


@needs_ward_lock
def test_two_officers_importing_the_same_commune_at_once_never_corrupt_it(db_url):
    processes = [spawn_import(sample_workbook(), db_url) for _ in range(2)]

    results = [finish(p) for p in processes]

    for code, output in results:
        assert code == 0 or (code == 2 and "đang bận" in output), output
        assert "Traceback" not in output
    assert 0 in [code for code, _ in results]
    assert count(db_url, Ward) == 1
    assert count(db_url, Household) == SAMPLE_HOUSEHOLDS
    assert count(db_url, ImportRun) == 1  # the later one found nothing new to record


@needs_ward_lock
def test_an_import_waits_for_another_officer_writing_the_same_commune(db_url):
    engine = get_engine(db_url)
    try:
        with engine.connect() as conn:
            with conn.begin():
                lock_ward(conn, "nguyen-trai")
                waiting = spawn_import(sample_workbook(), db_url, wait=60)
                time.sleep(2.5)
                assert waiting.poll() is None, finish(waiting)  # still waiting for the lock
        code, output = finish(waiting)
    finally:
        engine.dispose()
    assert code == 0, output
    assert count(db_url, Household) == SAMPLE_HOUSEHOLDS


@needs_ward_lock
def test_an_import_that_waits_too_long_says_so_and_writes_nothing(db_url):
    engine = get_engine(db_url)
    try:
        with engine.connect() as conn:
            with conn.begin():
                lock_ward(conn, "nguyen-trai")
                code, output = finish(spawn_import(sample_workbook(), db_url, wait=1))
    finally:
        engine.dispose()
    assert code == 2, output
    assert "Cơ sở dữ liệu đang bận" in output
    assert "Traceback" not in output
    assert count(db_url, Ward) == 0


def test_the_ward_lock_is_per_commune_on_postgresql(pg_server):
    url = pg_server.create_database()
    engine = get_engine(url)
    try:
        with engine.connect() as holder, engine.connect() as other:
            with holder.begin():
                lock_ward(holder, "nguyen-trai")
                with other.begin():
                    started = time.monotonic()
                    lock_ward(other, "tran-phu")  # another commune: no wait
                    assert time.monotonic() - started < 1
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_first_commands_at_once_both_create_the_schema(backend, request, tmp_path):
    url = str(tmp_path / "new.db") if backend == "sqlite" else request.getfixturevalue("pg_server").create_database()
    processes = [subprocess.Popen([sys.executable, "-c", "import sys; from lacha.db.engine import get_engine; "
                                   "get_engine(sys.argv[1]).dispose()", url],
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
    errors = [p.communicate(timeout=60)[1] for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], errors


def _ward_id(url: str, slug: str) -> int:
    engine = get_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(Ward.id).where(Ward.slug == slug)).scalar_one()
    finally:
        engine.dispose()
