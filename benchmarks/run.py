"""lacha against the tools an officer would pick instead: one run, medians, ratios, peak memory.

    python benchmarks/run.py                 # 5 repetitions; writes benchmarks/RESULTS.md
    python benchmarks/run.py --reps 3 --quick --no-write   # while developing
    python benchmarks/run.py --pg auto       # also on a throwaway PostgreSQL server
    python benchmarks/run.py --profile import   # pyinstrument profile of one large import

Every measurement is a fresh child process (as an officer runs a command): wall
time from start to exit, and the child's peak resident memory (``ru_maxrss``
of ``os.wait4``). The three imports of the same workbook are interleaved
(lacha, pandas, floor, lacha, …) so that a busy moment of the machine falls on
all three alike. Reported: the median of the repetitions, their spread
(min–max), the largest peak memory.

What is compared (benchmarks/make_workbook.py makes the data):
- ``lacha import`` of the large ward (111,320 rows) into a new SQLite file
  (``--effective`` the assessment date, so that assess reads the current tables),
  against (a) pandas ``read_excel(engine="openpyxl")`` of every sheet +
  ``DataFrame.to_sql`` into SQLite — what a data-savvy officer would script —
  and (b) the floor: python-calamine parsing + one sqlite3 ``executemany`` per
  sheet, no checks at all. lacha also checks every cell, folds text, resolves
  hamlets, diffs against the database and records the import.
- ``lacha assess`` of the large ward; ``lacha assess --all`` over 150 communes
  (one workbook each, imported beforehand in one process);
- ``lacha dossier`` .html and .docx of the large ward;
- ``lacha --help`` against ``python -c "import typer"`` (the floor of any Typer CLI).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AS_OF = "2024-12-14"
PY = sys.executable
LACHA = [str(Path(PY).with_name("lacha"))] if Path(PY).with_name("lacha").exists() else [PY, "-m", "lacha"]
MB = 1024  # ru_maxrss is in KiB on Linux
NOTES_MARK = "<!-- notes: kept as written when run.py rewrites this file -->"


# ── the alternatives, run as children of this script ────────────────────────

def child_pandas(workbook: str, db: str) -> None:
    """What a data-savvy officer would script: pandas reads every sheet, to_sql writes it."""
    import sqlite3

    import pandas as pd

    sheets = pd.read_excel(workbook, sheet_name=None, engine="openpyxl")
    with sqlite3.connect(db) as con:
        for name, frame in sheets.items():
            frame.to_sql(name, con, index=False, if_exists="replace")


def child_floor(workbook: str, db: str) -> None:
    """The floor: calamine parses, sqlite3 inserts the same rows in one transaction; nothing checked."""
    import sqlite3

    import python_calamine

    sqlite3.register_adapter(dt.date, dt.date.isoformat)
    sqlite3.register_adapter(dt.datetime, dt.datetime.isoformat)
    book = python_calamine.CalamineWorkbook.from_path(workbook)
    with sqlite3.connect(db) as con:
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python()
            if not rows:
                continue
            width = max(len(row) for row in rows)
            con.execute(f'CREATE TABLE "{name}" ({", ".join(f"c{i}" for i in range(width))})')
            con.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * width)})', rows[1:])


def child_load(db: str, *workbooks: str) -> None:
    """Import many commune workbooks in one process (the province database for assess --all)."""
    from lacha.db.engine import get_engine
    from lacha.importing.apply import import_workbook

    engine = get_engine(db)
    for workbook in workbooks:
        import_workbook(engine, Path(workbook), effective=dt.date.fromisoformat(AS_OF))
    engine.dispose()


CHILDREN = {"pandas": child_pandas, "floor": child_floor, "load": child_load}


# ── measuring ───────────────────────────────────────────────────────────────

@dataclass
class Row:
    section: str
    label: str
    seconds: list[float] = field(default_factory=list)
    peaks_kb: list[int] = field(default_factory=list)
    note: str = ""
    pending: str = ""  # why it was not measured

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    @property
    def peak_mb(self) -> float | None:
        return max(self.peaks_kb) / MB if self.peaks_kb else None


class Failed(RuntimeError):
    pass


def run_child(argv: list[str], ok=(0,), env: dict | None = None, cwd: Path | None = None) -> tuple[float, int]:
    """Run ``argv`` to its end: (wall seconds, peak RSS in KiB). Output is discarded unless it fails."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env={**os.environ, **(env or {})},
                                   cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in ok:
            err.seek(0)
            raise Failed(f"{' '.join(argv)} → exit {process.returncode}\n{err.read().decode(errors='replace')[-3000:]}")
    return elapsed, usage.ru_maxrss


def measure(row: Row, argv: list[str], before=None, **kwargs) -> None:
    if before:
        before()
    seconds, peak = run_child(argv, **kwargs)
    row.seconds.append(seconds)
    row.peaks_kb.append(peak)


def remove(*paths: Path):
    def clean():
        for path in paths:
            if path.exists():
                path.unlink()
    return clean


def has_command(name: str, option: str | None = None) -> bool:
    argv = [*LACHA, name, "--help"] if option else [*LACHA, "--help"]
    result = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    return (option or name) in result.stdout


# ── the benchmark ───────────────────────────────────────────────────────────

def benchmark(args) -> list[Row]:
    sys.path.insert(0, str(HERE))
    import make_workbook

    log = (lambda *a: print(*a, file=sys.stderr, flush=True))
    households, people = (20_000, 2_000) if args.quick else (make_workbook.LARGE["households"],
                                                              make_workbook.LARGE["people"])
    communes = 30 if args.quick else make_workbook.PROVINCE_COMMUNES
    data = args.data / ("quick" if args.quick else "")
    log("data: making the workbooks if missing …")
    # In a child: this process must stay small, since a child's peak memory (ru_maxrss) starts from
    # its parent's size at fork on Linux.
    subprocess.run([PY, str(HERE / "make_workbook.py"), "--out", str(data), "--households", str(households),
                    "--people", str(people), "--communes", str(communes)], check=True, stdout=sys.stderr)
    large = data / "large-ward.xlsx"
    province = make_workbook.province_files(data)
    sizes = _sizes([large, *province])
    slug = make_workbook.LARGE["slug"]
    work = Path(tempfile.mkdtemp(prefix="lacha-bench-"))
    env = {"COLUMNS": "160", "LACHA_LOCK_WAIT": "60"}
    rows: list[Row] = []
    reps = args.reps
    try:
        # ── import ──
        fresh = {name: work / f"import-{name}.db" for name in ("lacha", "pandas", "floor")}
        lacha_row = Row("import", f"`lacha import` large ward ({sizes[str(large)]:,} rows), new SQLite file")
        pandas_row = Row("import", "(a) pandas `read_excel` (openpyxl) + `to_sql`, same file")
        floor_row = Row("import", "(b) floor: python-calamine + sqlite3 `executemany`, no checks")
        rows += [lacha_row, pandas_row, floor_row]
        runs = {
            "lacha": (lacha_row, [*LACHA, "import", str(large), "--effective", AS_OF, "--db", str(fresh["lacha"])]),
            "pandas": (pandas_row, [PY, __file__, "--child", "pandas", str(large), str(fresh["pandas"])]),
            "floor": (floor_row, [PY, __file__, "--child", "floor", str(large), str(fresh["floor"])]),
        }
        log("warm-up: one import of each kind (not counted) …")
        for name, (_row, argv) in runs.items():
            remove(fresh[name])()
            run_child(argv, env=env)
        for rep in range(reps):
            for name, (row, argv) in runs.items():
                log(f"import {name} {rep + 1}/{reps}")
                measure(row, argv, before=remove(fresh[name]), env=env)

        big = fresh["lacha"]  # the large ward, as the last lacha import left it
        again = Row("import", "`lacha import` same file again (nothing changed: every row compared)")
        rows.append(again)
        for rep in range(reps):
            log(f"re-import {rep + 1}/{reps}")
            measure(again, [*LACHA, "import", str(large), "--effective", AS_OF, "--db", str(big)], env=env)

        # ── assess ──
        for label, extra in (("`lacha assess` large ward (table)", []),
                             ("`lacha assess --format json` large ward", ["--format", "json"])):
            row = Row("assess", label)
            rows.append(row)
            argv = [*LACHA, "assess", "--db", str(big), "--ward", slug, "--as-of", AS_OF, *extra]
            run_child(argv, ok=(0, 1), env=env)
            for rep in range(reps):
                log(f"{label} {rep + 1}/{reps}")
                measure(row, argv, ok=(0, 1), env=env)

        province_db = work / "province.db"
        load = Row("assess", f"(setup) import {len(province)} commune workbooks, one process, library loop")
        rows.append(load)
        log(f"loading {len(province)} communes …")
        measure(load, [PY, __file__, "--child", "load", str(province_db), *map(str, province)], env=env)
        load.note = f"{sum(sizes[str(p)] for p in province):,} rows; not a target"
        all_row = Row("assess", f"`lacha assess --all` over {len(province)} communes")
        rows.append(all_row)
        if has_command("assess", "--all"):
            argv = [*LACHA, "assess", "--all", "--db", str(province_db), "--as-of", AS_OF]
            run_child(argv, ok=(0, 1), env=env)
            for rep in range(reps):
                log(f"assess --all {rep + 1}/{reps}")
                measure(all_row, argv, ok=(0, 1), env=env)
        else:
            all_row.pending = "pending: `assess --all` is not in this build yet"

        # ── dossier ──
        for suffix in ("html", "docx"):
            row = Row("dossier", f"`lacha dossier --out …{suffix}` large ward")
            rows.append(row)
            if not has_command("dossier"):
                row.pending = "pending: `dossier` is not in this build yet"
                continue
            out = work / f"dossier.{suffix}"
            argv = [*LACHA, "dossier", "--db", str(big), "--ward", slug, "--as-of", AS_OF, "--out", str(out)]
            run_child(argv, env=env)
            for rep in range(reps):
                log(f"dossier {suffix} {rep + 1}/{reps}")
                measure(row, argv, before=remove(out), env=env)
            row.note = f"{out.stat().st_size / 1e6:.1f} MB written"

        # ── start-up ──
        help_row = Row("start-up", "`lacha --help`")
        typer_row = Row("start-up", '`python -c "import typer"`')
        rows += [help_row, typer_row]
        for rep in range(max(reps, 10)):
            measure(help_row, [*LACHA, "--help"], env=env)
            measure(typer_row, [PY, "-c", "import typer"], env=env)

        if args.pg:
            rows += postgresql_rows(args.pg, large, province, slug, reps, env, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


def postgresql_rows(pg: str, large: Path, province: list[Path], slug: str, reps: int, env: dict, log) -> list[Row]:
    sys.path.insert(0, str(ROOT / "tests"))
    import pg_server

    server = pg_server.PgServer.start() if pg == "auto" else pg_server.PgServer.from_env_url(pg)
    rows = []
    try:
        imp = Row("PostgreSQL", "`lacha import` large ward, new PostgreSQL database")
        rows.append(imp)
        url = None
        for rep in range(reps):
            url = server.create_database("lacha_bench")
            log(f"pg import {rep + 1}/{reps}")
            measure(imp, [*LACHA, "import", str(large), "--effective", AS_OF, "--db", url], env=env)
        assess = Row("PostgreSQL", "`lacha assess` large ward (table)")
        rows.append(assess)
        argv = [*LACHA, "assess", "--db", url, "--ward", slug, "--as-of", AS_OF]
        run_child(argv, ok=(0, 1), env=env)
        for rep in range(reps):
            measure(assess, argv, ok=(0, 1), env=env)
        if has_command("assess", "--all"):
            province_url = server.create_database("lacha_province")
            run_child([PY, __file__, "--child", "load", province_url, *map(str, province)], env=env)
            all_row = Row("PostgreSQL", f"`lacha assess --all` over {len(province)} communes")
            rows.append(all_row)
            argv = [*LACHA, "assess", "--all", "--db", province_url, "--as-of", AS_OF]
            run_child(argv, ok=(0, 1), env=env)
            for rep in range(reps):
                measure(all_row, argv, ok=(0, 1), env=env)
    finally:
        if pg == "auto":
            server.stop()
    return rows


def _sizes(workbooks: list[Path]) -> dict[str, int]:
    """Data rows of each workbook (counted in a child process, see above)."""
    code = ("import sys, json, python_calamine\n"
            "skip = {'DiaBan', '_DanhMuc', 'HuongDan'}\n"
            "out = {}\n"
            "for path in sys.argv[1:]:\n"
            "    book = python_calamine.CalamineWorkbook.from_path(path)\n"
            "    out[path] = sum(max(0, len(book.get_sheet_by_name(n).to_python()) - 1)\n"
            "                    for n in book.sheet_names if n not in skip)\n"
            "print(json.dumps(out))")
    import json

    result = subprocess.run([PY, "-c", code, *map(str, workbooks)], check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


# ── the report ──────────────────────────────────────────────────────────────

@dataclass
class Target:
    text: str
    value: float | None
    limit: float
    lower_is_better: bool = True

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return self.value <= self.limit if self.lower_is_better else self.value >= self.limit

    def cell(self, unit: str = "") -> str:
        if self.value is None:
            return f"| {self.text} | — | pending |"
        mark = "met" if self.met else "**missed**"
        return f"| {self.text} | {self.value:.2f}{unit} | {mark} |"


def find(rows: list[Row], start: str, section: str | None = None) -> Row | None:
    return next((r for r in rows if r.label.startswith(start) and (section is None or r.section == section)), None)


def targets(rows: list[Row]) -> list[tuple[Target, str]]:
    lacha_import, pandas, floor = find(rows, "`lacha import` large"), find(rows, "(a) pandas"), find(rows, "(b) floor")
    assess = find(rows, "`lacha assess` large", "assess")
    assess_all = find(rows, "`lacha assess --all`", "assess")
    html = find(rows, "`lacha dossier --out …html`")
    helps = find(rows, "`lacha --help`")

    def med(row):
        return row.median if row and row.median is not None else None

    ratio_pandas = med(pandas) / med(lacha_import) if med(pandas) and med(lacha_import) else None
    ratio_floor = med(lacha_import) / med(floor) if med(floor) and med(lacha_import) else None
    return [
        (Target("import ≥ 3× faster than pandas (pandas ÷ lacha)", ratio_pandas, 3, lower_is_better=False), "×"),
        (Target("import within 2× of the floor (lacha ÷ floor)", ratio_floor, 2), "×"),
        (Target("large import peak memory < 300 MB", lacha_import.peak_mb if lacha_import else None, 300), " MB"),
        (Target("`assess` large ward < 1 s", med(assess), 1), " s"),
        (Target("`assess --all` 150 communes < 10 s", med(assess_all), 10), " s"),
        (Target("HTML dossier < 2 s", med(html), 2), " s"),
        (Target("`lacha --help` < 0.2 s", med(helps), 0.2), " s"),
    ]


def table(rows: list[Row]) -> str:
    lines = ["| case | median | min–max | peak memory | note |", "|---|---:|---:|---:|---|"]
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            lines.append(f"| **{section}** | | | | |")
        if row.pending:
            lines.append(f"| {row.label} | — | — | — | {row.pending} |")
            continue
        spread = f"{min(row.seconds):.2f}–{max(row.seconds):.2f} s" if len(row.seconds) > 1 else ""
        lines.append(f"| {row.label} | {row.median:.2f} s | {spread} | {row.peak_mb:.0f} MB | {row.note} |")
    return "\n".join(lines)


def ratios(rows: list[Row]) -> str:
    pairs = [("pandas ÷ lacha import", "(a) pandas", "`lacha import` large"),
             ("lacha import ÷ floor", "`lacha import` large", "(b) floor"),
             ("lacha --help ÷ import typer", "`lacha --help`", '`python -c "import typer"`')]
    out = []
    for text, top, bottom in pairs:
        a, b = find(rows, top), find(rows, bottom)
        if a and b and a.median and b.median:
            out.append(f"- {text}: **{a.median / b.median:.2f}×** ({a.median:.2f} s / {b.median:.2f} s)")
    return "\n".join(out)


def machine() -> str:
    import sqlite3

    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    memory = ""
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        memory = f"{kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        pass
    versions = []
    for package in ("lacha", "sqlalchemy", "sqlmodel", "typer", "python-calamine", "openpyxl", "pandas", "psycopg"):
        try:
            from importlib.metadata import version

            versions.append(f"{package} {version(package)}")
        except Exception:
            pass
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{cpu}, {os.cpu_count()} cores, {memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; {', '.join(versions)}. "
            f"Load average when the run started: {load}.")


def report(rows: list[Row], args, started: dt.datetime, machine_text: str) -> str:
    target_lines = ["| target | measured | |", "|---|---:|---|"] + [t.cell(unit) for t, unit in targets(rows)]
    command = "python benchmarks/run.py" + (f" --reps {args.reps}" if args.reps != 5 else "") + \
        (" --quick" if args.quick else "") + (f" --pg {args.pg}" if args.pg else "")
    return f"""# lacha benchmarks

Measured {started:%Y-%m-%d %H:%M} UTC with `{command}`: medians of {args.reps} repetitions (10 for start-up),
each a fresh process; peak memory is the process's maximum resident set size. Data: invented
workbooks from `benchmarks/make_workbook.py` (the large ward: 100,000 households in 250 tổ dân
phố, 10,000 people across the four person rosters, 300 hotspots, 400 suspects, 250 models,
120 plant findings; the province: 150 communes of 600–1,400 households and 40–100 people each).

## Targets

{chr(10).join(target_lines)}

## All measurements

{table(rows)}

{ratios(rows)}

## Machine

{machine_text}

## Rerun

```bash
python3 -m venv .venv && .venv/bin/pip install -e '.[bench,postgres]'
.venv/bin/python benchmarks/run.py                # about 10 minutes; writes benchmarks/RESULTS.md
.venv/bin/python benchmarks/run.py --pg auto      # also on a throwaway PostgreSQL server (Debian package postgresql)
.venv/bin/pip install pyinstrument && .venv/bin/python benchmarks/run.py --profile import   # where the time goes
```
The workbooks are generated on the first run into `benchmarks/data/` (about 45 s; not committed).
Timings vary with the machine's load (this one is shared): compare ratios measured in the same run.
PostgreSQL rows count the `lacha` process only, not the server's memory.
"""


def profile(case: str, args) -> int:
    sys.path.insert(0, str(HERE))
    import make_workbook

    large = make_workbook.build_large(args.data)
    out = args.data / f"profile-{case}.txt"
    work = Path(tempfile.mkdtemp(prefix="lacha-prof-"))
    try:
        db = work / "p.db"
        if case != "import":
            run_child([*LACHA, "import", str(large), "--effective", AS_OF, "--db", str(db)])
        command = {"import": ["import", str(large), "--db", str(db)],
                   "assess": ["assess", "--db", str(db), "--as-of", AS_OF],
                   "dossier": ["dossier", "--db", str(db), "--as-of", AS_OF, "--out", str(work / "d.html")]}[case]
        subprocess.run([PY, "-m", "pyinstrument", "-r", "text", "-o", str(out), "-m", "lacha", *command])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(out.read_text())
    print(f"(saved in {out})")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=5, help="repetitions of each measurement (median)")
    parser.add_argument("--quick", action="store_true", help="small data (20,000 households, 30 communes)")
    parser.add_argument("--data", type=Path, default=HERE / "data", help="where the generated workbooks go")
    parser.add_argument("--pg", metavar="auto|URL", help="also measure on PostgreSQL (auto: a throwaway server)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not rewrite RESULTS.md")
    parser.add_argument("--profile", choices=("import", "assess", "dossier"), help="profile one command instead")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        CHILDREN[args.child[0]](*args.child[1:])
        return 0
    if args.profile:
        return profile(args.profile, args)
    started = dt.datetime.now(dt.timezone.utc)
    machine_text = machine()
    rows = benchmark(args)
    text = report(rows, args, started, machine_text)
    print(text)
    if not args.no_write and not args.quick:
        results = HERE / "RESULTS.md"
        kept = results.read_text().partition(NOTES_MARK)[2] if results.exists() else ""
        results.write_text(text + (f"\n{NOTES_MARK}{kept}" if kept else ""))
        print(f"written: {HERE / 'RESULTS.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
