"""Run a profile over a ward snapshot → Assessment; or over every ward of the database → Review.

A commune-level profile runs each criterion once on the ward. A hamlet-level
profile (``level = "hamlet"``) runs each criterion on every thôn / tổ dân phố
(rules/scope.py), then sums up per criterion and against the plan's roadmap.
A criterion that relies on a parameter or a wording not confirmed from the
official text carries ``caveats`` (``Profile.caveats``) that every output prints.
"""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from lacha.bulk import cycle_collector_paused
from lacha.db.models import ROSTER_TABLES, ImportSheet
from lacha.rules import checks, roadmap
from lacha.rules.model import Criterion, Failing, Outcome, Parameter, Profile, Status
from lacha.rules.profiles import get_profile
from lacha.rules.scope import hamlet_snapshot
from lacha.snapshot import RECORD_TYPES, WardInfo, WardSnapshot, list_wards, load_snapshot, pick_ward


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    outcome: Outcome
    parameters: tuple[Parameter, ...] = ()  # the parameters the check read, with their sources
    caveats: tuple[str, ...] = ()  # what is not confirmed from the official text; every output adds them

    @property
    def note(self) -> str:
        """The outcome's note followed by the caveats: what JSON and the dossier print."""
        return " ".join(text for text in (self.outcome.note, *self.caveats) if text)


@dataclass(frozen=True)
class HamletResult:
    code: str
    name: str
    results: tuple[CriterionResult, ...]

    @property
    def passed(self) -> bool:
        return all(r.outcome.status is Status.PASS for r in self.results)


@dataclass(frozen=True)
class HamletSummary:
    """A hamlet-level profile's ward summary: how many hamlets meet every criterion, against the roadmap."""

    hamlets: int
    passed: int
    targets: tuple[roadmap.Target, ...] = ()
    current: roadmap.Target | None = None
    note: str = ""


@dataclass(frozen=True)
class Assessment:
    ward: WardInfo
    profile: Profile
    as_of: dt.date
    results: tuple[CriterionResult, ...]
    snapshot: WardSnapshot
    hamlets: tuple[HamletResult, ...] = ()  # hamlet-level profiles only
    summary: HamletSummary | None = None  # hamlet-level profiles only

    @property
    def passed(self) -> bool:
        return all(r.outcome.status is Status.PASS for r in self.results)

    def count(self, status: Status) -> int:
        return sum(r.outcome.status is status for r in self.results)


def run_criterion(profile: Profile, criterion: Criterion, snapshot: WardSnapshot) -> CriterionResult:
    outcome = criterion.evaluate(snapshot, profile.values())
    return CriterionResult(criterion, outcome, profile.used_by(criterion), profile.caveats(criterion))


def evaluate(profile: Profile, snapshot: WardSnapshot) -> Assessment:
    if profile.level == "hamlet":
        return _evaluate_hamlets(profile, snapshot)
    results = tuple(run_criterion(profile, c, snapshot) for c in profile.criteria)
    return Assessment(snapshot.ward, profile, snapshot.as_of, results, snapshot)


def _evaluate_hamlets(profile: Profile, snapshot: WardSnapshot) -> Assessment:
    hamlets = tuple(HamletResult(h.key, h.name, tuple(run_criterion(profile, c, scoped) for c in profile.criteria))
                    for h in snapshot.hamlets for scoped in (hamlet_snapshot(snapshot, h),))
    results = tuple(_ward_result(profile, i, c, hamlets, snapshot) for i, c in enumerate(profile.criteria))
    return Assessment(snapshot.ward, profile, snapshot.as_of, results, snapshot, hamlets,
                      _summary(profile, hamlets, snapshot.as_of))


def _ward_result(profile: Profile, index: int, criterion: Criterion, hamlets: tuple[HamletResult, ...],
                 snapshot: WardSnapshot) -> CriterionResult:
    """One criterion over every hamlet: met by n of N hamlets; fails if any hamlet fails."""
    caveats = profile.caveats(criterion)
    if not hamlets:
        why = checks.missing_note(["hamlets"]) if "hamlets" not in snapshot.imported else \
            "Danh sách thôn, tổ dân phố trống — không có tổ nào để chấm."
        outcome = Outcome(Status.INSUFFICIENT, 0, 0, (), why)
        return CriterionResult(criterion, outcome, profile.used_by(criterion), caveats)
    outcomes = [h.results[index].outcome for h in hamlets]
    statuses = {o.status for o in outcomes}
    status = Status.FAIL if Status.FAIL in statuses else \
        Status.INSUFFICIENT if Status.INSUFFICIENT in statuses else Status.PASS
    met = sum(o.status is Status.PASS for o in outcomes)
    seen: dict[tuple[str, str], Failing] = {}
    for o in outcomes:
        for f in o.failing:
            seen.setdefault((f.kind, f.key), f)
    note = f"{met}/{len(hamlets)} thôn, tổ dân phố đạt tiêu chí này."
    outcome = Outcome(status, met, len(hamlets), tuple(seen.values()), note)
    return CriterionResult(criterion, outcome, profile.used_by(criterion), caveats)


def _summary(profile: Profile, hamlets: tuple[HamletResult, ...], as_of: dt.date) -> HamletSummary:
    passed = sum(h.passed for h in hamlets)
    steps = profile.parameters.get("roadmap")
    if steps is None or not hamlets:
        return HamletSummary(len(hamlets), passed, note=f"{passed}/{len(hamlets)} thôn, tổ dân phố đạt mọi tiêu chí.")
    targets = tuple(roadmap.scaled(steps.value, len(hamlets)))
    now = roadmap.current(list(targets), as_of.year)
    note = f"{passed}/{len(hamlets)} thôn, tổ dân phố đạt mọi tiêu chí."
    if now is not None:
        verdict = "đã đạt" if passed >= now.hamlets else f"còn thiếu {now.hamlets - passed}"
        note += f" Chỉ tiêu đến hết năm {now.year}: {now.hamlets} ({verdict})."
    plan = profile.parameters.get("plan_hamlets")
    if plan is not None and plan.value != len(hamlets):
        note += f" Lộ trình của kế hoạch ({plan.value} tổ) đã quy đổi cho {len(hamlets)} thôn, tổ của địa bàn."
    return HamletSummary(len(hamlets), passed, targets, now, note)


def assess_ward(engine: Engine, ward: str | None, profile_id: str | None, as_of: dt.date,
                profile: Profile | None = None) -> Assessment:
    """Load the ward named by --ward (or the only one) and score the profile (given, named, its own, or the default)."""
    with engine.connect() as conn:
        info = pick_ward(conn, ward)
        chosen = profile or get_profile(profile_id or info.profile)
        snapshot = load_snapshot(conn, info, as_of)
    return evaluate(chosen, snapshot)


# --- Every ward of the database (province-wide review) ---------------------------

_SKIP = {"id", "ward_id"}


def load_snapshots(conn: Connection, wards: list[WardInfo], as_of: dt.date) -> list[WardSnapshot]:
    """Every ward's snapshot with one query per roster (not one per ward and roster)."""
    with cycle_collector_paused():  # every record of a province: see lacha.bulk
        return _load_snapshots(conn, wards, as_of)


def _load_snapshots(conn: Connection, wards: list[WardInfo], as_of: dt.date) -> list[WardSnapshot]:
    by_id = {w.id: {kind: [] for kind in ROSTER_TABLES} for w in wards}
    imported: dict[int, set[str]] = {w.id: set() for w in wards}
    sheets = ImportSheet.__table__
    for ward_id, kind in conn.execute(select(sheets.c.ward_id, sheets.c.kind).distinct()):
        imported.setdefault(ward_id, set()).add(kind)
    for kind, model in ROSTER_TABLES.items():
        table, record = model.__table__, RECORD_TYPES[kind]
        columns = [c for c in table.columns if c.name not in _SKIP]
        query = select(table.c.ward_id, *columns).order_by(table.c.ward_id, table.c.key)
        for row in conn.execute(query):
            rosters = by_id.get(row[0])
            if rosters is not None:
                rosters[kind].append(record(*row[1:]))
    from lacha.importing.versions import latest_effective_by_ward

    from lacha.snapshot import load_reviews

    latest = latest_effective_by_ward(conn)  # a ward whose data changed after as_of is read from its versions
    reviews = load_reviews(conn, None, as_of)
    return [load_snapshot(conn, w, as_of) if w.id in latest and as_of < latest[w.id] else
            WardSnapshot(ward=w, as_of=as_of, imported=frozenset(imported.get(w.id, ())), reviews=reviews.get(w.id, {}),
                         **{kind: tuple(rows) for kind, rows in by_id[w.id].items()}) for w in wards]


@dataclass(frozen=True)
class Review:
    """Every commune of the database assessed on one date."""

    as_of: dt.date
    assessments: tuple[Assessment, ...]
    targets: tuple[dict, ...]  # national targets: {year, percent, text}
    targets_source: str

    @property
    def passed(self) -> int:
        return sum(a.passed for a in self.assessments)

    @property
    def share(self) -> float:
        return self.passed / len(self.assessments) if self.assessments else 0.0

    def meets(self, percent: float) -> bool:
        """At least ``percent``% of the communes pass (exact: 1 of 5 meets 20%)."""
        return self.passed * 100 >= percent * len(self.assessments)

    def profiles(self) -> list[Profile]:
        seen: dict[str, Profile] = {}
        for a in self.assessments:
            seen.setdefault(a.profile.id, a.profile)
        return list(seen.values())


def assess_all(engine: Engine, profile_id: str | None, as_of: dt.date, profile: Profile | None = None,
               province: str | None = None, warnings: list[str] | None = None) -> Review:
    """Every ward of the database (of ``province`` when given: its communes as ``classify --province`` counts
    them, absorbed names included, with ``warnings`` about them): the profile given (file or --profile), else each
    ward's own, else the default."""
    from lacha.errors import UsageError
    from lacha.rules.profiles import PROFILES

    with engine.connect() as conn:
        wards = list_wards(conn)
        if not wards:
            raise UsageError("Cơ sở dữ liệu chưa có địa bàn nào — nhập danh sách trước: lacha import TỆP.xlsx.")
        if province is not None:
            from lacha.province_classify import province_wards

            _key, _shown, wards, found = province_wards(wards, province, as_of)
            if warnings is not None:
                warnings.extend(found)
        snapshots = load_snapshots(conn, wards, as_of)
    chosen = profile or (get_profile(profile_id) if profile_id else None)
    assessments = tuple(evaluate(chosen or get_profile(s.ward.profile), s) for s in snapshots)
    national = PROFILES["national-2025"].parameters["national_targets"]
    return Review(as_of, assessments, tuple(national.value), national.source)
