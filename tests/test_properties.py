"""Generated workbooks: a correct import, or a clear error with exit 2 and nothing written (issue 7).

Property 1 builds a roster of people whose every cell is drawn either from
values the format accepts (with the value it must become) or from values it
refuses; the import must then store exactly the expected rows (exit 0) when
every cell is acceptable, and otherwise exit 2 with the database unchanged.
Property 2 damages a valid workbook's bytes (flips, cuts, inserts) and asks
only: exit 0 or 2, never a traceback, nothing written on 2.

The runs are reproducible (derandomize) and bounded: ``ORACLE_EXAMPLES`` and
``DAMAGE_EXAMPLES`` cases, no deadline. ``CASES_RUN`` counts them.
"""

import atexit
import datetime as dt
import shutil
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HAMLET_ROWS, WARD_ROWS, build_workbook, table_contents
from lacha.text import clean, fold

ORACLE_EXAMPLES = 120
DAMAGE_EXAMPLES = 80
settings.register_profile("lacha-trust", deadline=None, derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CASES_RUN = Counter()
HEADER = ["Số định danh", "Họ và tên", "Ngày sinh", "Giới tính", "Thôn/Tổ", "Tình trạng", "Hồ sơ quản lý", "Ghi chú"]


class Cell:
    """A cell as written, the value it must become, and whether the format accepts it."""

    def __init__(self, written, expected=None, ok=True):
        self.written, self.expected, self.ok = written, expected, ok


def good(written, expected=None):
    return Cell(written, written if expected is None else expected)


def bad(written):
    return Cell(written, ok=False)


LETTERS = "abcdeghiklmnopqrstuvxyàáảãạăắằâấầđêếềôốồơớờưứừ"
NAME_WORD = st.text(LETTERS, min_size=1, max_size=7).map(str.capitalize)
NAMES = st.lists(NAME_WORD, min_size=2, max_size=4).map(" ".join).filter(
    lambda n: not fold(n).startswith(("tong", "cong")))


def name_cells():
    as_typed = NAMES.map(lambda n: good(n, n))
    spaced = NAMES.map(lambda n: good("  " + n.replace(" ", "  ") + " ", n))  # trimmed, spaces collapsed
    decomposed = NAMES.map(lambda n: good(unicodedata.normalize("NFD", n), n))  # NFD matches its NFC twin
    return st.one_of(as_typed, spaced, decomposed)


PERSON_IDS = st.one_of(
    st.from_regex(r"\A[0-9]{12}\Z").map(good),
    st.from_regex(r"\A[0-9]{9}\Z").map(good),
    st.from_regex(r"\A[0-9]{11}\Z").map(lambda t: good(t, "0" + t)),  # a lost leading zero, padded back
    st.just(Cell(None, None)),
    st.sampled_from(["12ab34567890", "1234567", "0123-456"]).map(bad),
)
DAYS = st.dates(dt.date(1940, 1, 1), dt.date(2010, 12, 31))
BIRTHS = st.one_of(
    DAYS.map(lambda d: good(d, (d, d.year))),
    DAYS.map(lambda d: good(d.strftime("%d/%m/%Y"), (d, d.year))),
    st.integers(1940, 2010).map(lambda y: good(y, (None, y))),
    st.just(Cell(None, (None, None))),
    st.sampled_from(["31/02/1990", "abc", "1850", "01/13/1990", 1850]).map(bad),
)
GENDERS = st.one_of(st.sampled_from([("Nam", "Nam"), ("Nữ", "Nữ"), ("nam", "Nam"), ("NỮ", "Nữ"), (None, None)])
                    .map(lambda p: good(*p)), st.just(bad("Khác hẳn")))
HAMLETS = st.one_of(st.sampled_from([("T1", "T1"), ("T2", "T2"), ("Tổ 1", "T1"), ("tổ dân phố hòa bình", "T3")])
                    .map(lambda p: good(*p)), st.just(bad("T9")))
STATUSES = st.one_of(st.sampled_from([("Có mặt", "Có mặt"), ("vắng mặt", "Vắng mặt"), ("Chết", "Chết"),
                                      ("ĐANG CHẤP HÀNH ÁN", "Đang chấp hành án"), (None, "Có mặt")])
                     .map(lambda p: good(*p)), st.just(bad("Không rõ")))
YES_NO = st.one_of(st.sampled_from([("Có", True), ("x", True), ("Không", False), (None, False), (1, True), (0, False),
                                    ("Đã", True)]).map(lambda p: good(*p)), st.just(bad("có lẽ")))
NOTES = st.one_of(st.just(Cell(None, None)),
                  st.text(LETTERS + " 0123456789,.()", min_size=1, max_size=30).filter(lambda t: clean(t))
                  .map(lambda t: good(t, clean(t))))


COLUMNS = [PERSON_IDS, name_cells(), BIRTHS, GENDERS, HAMLETS, STATUSES, YES_NO, NOTES]
BLANK_REQUIRED = st.just(Cell(None, ok=False))


@st.composite
def people(draw, allow_bad: bool):
    """One row of cells; with ``allow_bad`` any cell may be one the format refuses, or a required one blank."""
    strategies = [s if allow_bad else s.filter(lambda c: c.ok) for s in COLUMNS]
    if allow_bad:
        strategies[1] = st.one_of(strategies[1], BLANK_REQUIRED)
        strategies[4] = st.one_of(strategies[4], BLANK_REQUIRED)
    return [draw(s) for s in strategies]


@st.composite
def rosters(draw):
    allow_bad = draw(st.booleans())  # half the rosters are all acceptable, so the exact-import branch is exercised
    return draw(st.lists(people(allow_bad), min_size=1, max_size=8))


def outcome(rows) -> bool:
    """Whether the format accepts the whole roster (rows with both required cells blank are skipped)."""
    kept = [r for r in rows if not (r[1].written is None and r[4].written is None)]
    if not all(cell.ok for row in kept for cell in row):
        return False
    ids = [row[0].expected for row in kept if row[0].expected]
    return len(ids) == len(set(ids))


def expected_people(rows) -> list[tuple]:
    kept = [r for r in rows if not (r[1].written is None and r[4].written is None)]
    return sorted((r[1].expected, *r[2].expected, r[3].expected, r[4].expected, r[5].expected, r[6].expected,
                   r[7].expected) for r in kept)


def stored_people(engine) -> list[tuple]:
    from sqlalchemy import select

    from lacha.db.models import Addict

    table = Addict.__table__
    columns = [table.c[n] for n in ("name", "birth_date", "birth_year", "gender", "hamlet_code", "status",
                                    "has_management_file", "note")]
    with engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(select(*columns)))


BASE = Path(tempfile.mkdtemp(prefix="lacha-properties-"))
atexit.register(shutil.rmtree, BASE, True)


def base_database() -> Path:
    """A database holding the fictional ward and its hamlets, built once and copied for every case."""
    from typer.testing import CliRunner

    from lacha.cli import app

    db = BASE / "base.db"
    if not db.exists():
        book = build_workbook(BASE / "base.xlsx", {"DiaBan": WARD_ROWS, "ThonTo": HAMLET_ROWS})
        assert CliRunner().invoke(app, ["import", str(book), "--db", str(db)]).exit_code == 0
    return db


def run_import(folder: Path, workbook: Path):
    """(result, engine, contents before) of ``lacha import`` into a fresh copy of the base database."""
    from typer.testing import CliRunner

    from lacha.cli import app
    from lacha.db.engine import get_engine

    db = folder / "p.db"
    shutil.copy(base_database(), db)
    runner = CliRunner(env={"COLUMNS": "400", "LACHA_DB": str(db)})
    engine = get_engine(str(db))
    before = table_contents(engine)
    return runner.invoke(app, ["import", str(workbook)]), engine, before


def assert_clean_exit(result, engine, before) -> None:
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert "Lỗi" in result.output or "lỗi" in result.output
        assert table_contents(engine) == before


@settings(settings.get_profile("lacha-trust"), max_examples=ORACLE_EXAMPLES)
@given(rows=rosters())
def test_a_generated_roster_imports_exactly_or_is_refused_whole(rows):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        book = build_workbook(folder / "gen.xlsx", {"DiaBan": WARD_ROWS, "ThonTo": HAMLET_ROWS,
                                                    "NguoiNghien": [HEADER] + [[c.written for c in r] for r in rows]})
        result, engine, before = run_import(folder, book)
        try:
            assert_clean_exit(result, engine, before)
            if outcome(rows):
                assert result.exit_code == 0, result.output
                assert stored_people(engine) == expected_people(rows)
                CASES_RUN["oracle: imported exactly"] += 1
            else:
                assert result.exit_code == 2, result.output
                CASES_RUN["oracle: refused whole"] += 1
        finally:
            engine.dispose()


@st.composite
def damaged(draw, data: bytes):
    kind = draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
    at = draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        count = draw(st.integers(1, 16))
        return data[:at] + bytes(b ^ 0xFF for b in data[at:at + count]) + data[at + count:]
    if kind == "cut":
        return data[:at]
    if kind == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]
    return data[:at] + b"\0" * draw(st.integers(1, 256)) + data[at + 256:]


def valid_workbook_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        rows = [HEADER, ["001090000831", "Nguyễn Văn An", "15/03/1990", "Nam", "T1", "Có mặt", "Có", ""]]
        return build_workbook(Path(folder) / "v.xlsx", {"DiaBan": WARD_ROWS, "ThonTo": HAMLET_ROWS,
                                                        "NguoiNghien": rows}).read_bytes()


VALID = valid_workbook_bytes()


@settings(settings.get_profile("lacha-trust"), max_examples=DAMAGE_EXAMPLES)
@given(data=damaged(VALID))
def test_a_damaged_workbook_imports_or_is_refused_cleanly(data):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        book = folder / "hong.xlsx"
        book.write_bytes(data)
        result, engine, before = run_import(folder, book)
        try:
            assert_clean_exit(result, engine, before)
        finally:
            engine.dispose()
    CASES_RUN["damaged: imported" if result.exit_code == 0 else "damaged: refused"] += 1


def test_zz_report_generated_cases(capsys):
    with capsys.disabled():
        print(f"\n[issue 7] generated cases run: {sum(CASES_RUN.values())} ({dict(CASES_RUN)})")
