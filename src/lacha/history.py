"""Assessment history: every ``assess`` and ``dossier`` run is recorded; ``lacha history`` reads it back.

Recognition is for a named year; the years after are about keeping it (giữ
vững). ``record_assessment`` stores a run (profile, as-of date, each
criterion's status, time, OS user, command); ``ward_history`` lines the runs
up per profile and criterion by the date they evaluated (``as_of``; for the
same date, the latest run counts), and flags a criterion that passed on an
earlier date and does not pass on the latest one: the ward is losing its
recognition (đang mất danh hiệu).
"""

import datetime as dt
import getpass
from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from lacha.db.history_models import AssessmentResult, AssessmentRun
from lacha.errors import LachaError
from lacha.snapshot import WardInfo, pick_ward

PASS, FAIL, INSUFFICIENT = "pass", "fail", "insufficient_data"
LOSING, UNPROVEN = "losing", "unproven"  # passed before; now fails / now cannot be shown from the data


def _os_user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def record_assessment(engine: Engine, assessment, command: str) -> int | None:
    """Store one run of ``assess`` or ``dossier``; returns its id.

    ``command`` says what ran ("assess", "dossier ho-so.docx" …). Recording
    never fails the command that assessed: when the database cannot be
    written (read-only file, another writer for too long) it returns None.
    """
    return record_assessments(engine, [assessment], command)[0]


def record_assessments(engine: Engine, assessments, command: str) -> list[int | None]:
    """Store several runs at once (``assess --all``: one per ward), in one transaction."""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    user = _os_user()
    try:
        with engine.begin() as conn:
            return [_insert_run(conn, a, command, now, user) for a in assessments]
    except (SQLAlchemyError, LachaError):
        return [None] * len(assessments)


def _insert_run(conn, a, command: str, now: dt.datetime, user: str | None) -> int:
    run_id = conn.execute(insert(AssessmentRun.__table__).values(
        ward_id=a.ward.id, profile_id=a.profile.id, profile_title=a.profile.title, as_of=a.as_of, run_at=now,
        os_user=user, command=command, passed=a.passed)).inserted_primary_key[0]
    rows = [dict(run_id=run_id, position=n, criterion=r.criterion.id, title=r.criterion.short,
                 status=r.outcome.status.value, numerator=r.outcome.numerator, denominator=r.outcome.denominator)
            for n, r in enumerate(a.results)]
    if rows:
        conn.execute(insert(AssessmentResult.__table__), rows)
    return run_id


# --- Reading it back -------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    id: int
    as_of: dt.date
    run_at: dt.datetime  # aware, UTC
    os_user: str | None
    command: str
    passed: bool
    statuses: dict[str, str]  # criterion id → status


@dataclass(frozen=True)
class Point:
    as_of: dt.date
    status: str | None  # None: the criterion was not in the profile that day


@dataclass
class CriterionHistory:
    id: str
    title: str
    points: list[Point] = field(default_factory=list)  # one per evaluated date, oldest first

    @property
    def latest(self) -> str | None:
        return self.points[-1].status if self.points else None

    @property
    def changes(self) -> list[tuple[Point, Point]]:
        """Consecutive dates on which the status differs."""
        known = [p for p in self.points if p.status is not None]
        return [(a, b) for a, b in zip(known, known[1:]) if a.status != b.status]

    @property
    def last_passed(self) -> dt.date | None:
        return max((p.as_of for p in self.points[:-1] if p.status == PASS), default=None)

    @property
    def trend(self) -> str:
        """LOSING: passed on an earlier date, fails on the latest; UNPROVEN: … insufficient data now."""
        if self.last_passed is None or self.latest in (PASS, None):
            return ""
        return LOSING if self.latest == FAIL else UNPROVEN


@dataclass
class ProfileHistory:
    id: str
    title: str
    runs: list[Run]
    criteria: list[CriterionHistory]

    @property
    def recognition(self) -> str:
        return self.title.split(" — ")[0].strip()

    @property
    def dates(self) -> list[dt.date]:
        return sorted({r.as_of for r in self.runs})

    @property
    def losing(self) -> list[CriterionHistory]:
        return [c for c in self.criteria if c.trend == LOSING]


@dataclass
class WardHistory:
    ward: WardInfo
    profiles: list[ProfileHistory]


def ward_history(engine: Engine, ward: str | None, profile_id: str | None = None) -> WardHistory:
    """Every recorded run of the ward (named by --ward, or the only one), per profile."""
    runs_t, results_t = AssessmentRun.__table__, AssessmentResult.__table__
    with engine.connect() as conn:
        info = pick_ward(conn, ward)
        query = select(runs_t).where(runs_t.c.ward_id == info.id).order_by(runs_t.c.as_of, runs_t.c.run_at,
                                                                            runs_t.c.id)
        if profile_id:
            query = query.where(runs_t.c.profile_id == profile_id)
        runs = list(conn.execute(query).mappings())
        results = list(conn.execute(
            select(results_t).join(runs_t, results_t.c.run_id == runs_t.c.id)
            .where(runs_t.c.ward_id == info.id).order_by(results_t.c.run_id, results_t.c.position)).mappings())
    by_run: dict[int, list] = {}
    for r in results:
        by_run.setdefault(r["run_id"], []).append(r)
    profiles: dict[str, list] = {}
    for run in runs:
        profiles.setdefault(run["profile_id"], []).append(run)
    return WardHistory(info, [_profile_history(pid, rows, by_run) for pid, rows in profiles.items()])


def utc(moment: dt.datetime) -> dt.datetime:
    """Stored times are UTC; SQLite gives them back without a zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _profile_history(profile_id: str, rows: list, by_run: dict[int, list]) -> ProfileHistory:
    runs = [Run(r["id"], r["as_of"], utc(r["run_at"]), r["os_user"], r["command"], r["passed"],
                {x["criterion"]: x["status"] for x in by_run.get(r["id"], [])}) for r in rows]
    titles: dict[str, str] = {}
    for r in reversed(rows):  # the latest run's order and wording first
        for x in by_run.get(r["id"], []):
            titles.setdefault(x["criterion"], x["title"])
    latest_per_date: dict[dt.date, Run] = {}
    for run in runs:  # ordered by as_of, then run time: the last run of a date wins
        latest_per_date[run.as_of] = run
    dates = sorted(latest_per_date)
    criteria = [CriterionHistory(cid, title, [Point(d, latest_per_date[d].statuses.get(cid)) for d in dates])
                for cid, title in titles.items()]
    return ProfileHistory(profile_id, rows[-1]["profile_title"], runs, criteria)


def history_dict(h: WardHistory) -> dict:
    """``lacha history --format json``."""
    return {
        "ward": {"slug": h.ward.slug, "name": h.ward.name},
        "profiles": [{
            "id": p.id, "title": p.title,
            "runs": [{"run_at": r.run_at.isoformat(), "as_of": r.as_of.isoformat(), "os_user": r.os_user,
                      "command": r.command, "passed": r.passed, "criteria": r.statuses} for r in p.runs],
            "criteria": [{"id": c.id, "title": c.title,
                          "timeline": [{"as_of": pt.as_of.isoformat(), "status": pt.status} for pt in c.points],
                          "latest": c.latest, "trend": c.trend or None,
                          "last_passed": c.last_passed.isoformat() if c.last_passed else None}
                         for c in p.criteria],
        } for p in h.profiles],
    }
