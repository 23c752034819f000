"""Peak memory and time of `lacha import` on the red team's small hostile files (issue 17, item 1).

    python benchmarks/hostile.py

Builds, in a temporary folder, the two files of tests/hostile_workbooks.py (30.000 cells × 30.000 characters
inline; a sharedStrings part of about 900 MB), runs `lacha import` on each in a fresh process and prints the
exit status, the wall time and the process's peak resident set size. Target: refused, ≤ 5 s, ≤ 300 MB.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import hostile_workbooks


def measure(path: Path, db: Path) -> tuple[int, float, float]:
    script = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
              "r = subprocess.run([sys.executable, '-m', 'lacha', 'import', sys.argv[1], '--db', sys.argv[2]], "
              "capture_output=True); print(r.returncode, time.perf_counter() - t, "
              "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    run = subprocess.run([sys.executable, "-c", script, str(path), str(db)], capture_output=True, text=True,
                         check=True)
    status, seconds, peak = run.stdout.split()
    return int(status), float(seconds), float(peak)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        print("| file | on disk | inflated | exit | time | peak RSS |")
        print("|---|---:|---:|---:|---:|---:|")
        for build in ("long_cells", "huge_shared_strings"):
            path = getattr(hostile_workbooks, build)(Path(folder) / f"{build}.xlsx")
            import zipfile

            with zipfile.ZipFile(path) as book:
                inflated = sum(info.file_size for info in book.infolist())
            status, seconds, peak = measure(path, Path(folder) / "h.db")
            print(f"| {build} | {path.stat().st_size / 1e6:.1f} MB | {inflated / 1e6:.0f} MB | {status} | "
                  f"{seconds:.2f} s | {peak:.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
