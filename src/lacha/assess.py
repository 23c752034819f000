"""Run a profile over a ward snapshot → Assessment."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from lacha.rules.model import Criterion, Outcome, Profile, Status
from lacha.rules.profiles import get_profile
from lacha.snapshot import WardInfo, WardSnapshot, load_snapshot, pick_ward


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    outcome: Outcome


@dataclass(frozen=True)
class Assessment:
    ward: WardInfo
    profile: Profile
    as_of: dt.date
    results: tuple[CriterionResult, ...]
    snapshot: WardSnapshot

    @property
    def passed(self) -> bool:
        return all(r.outcome.status is Status.PASS for r in self.results)

    def count(self, status: Status) -> int:
        return sum(r.outcome.status is status for r in self.results)


def evaluate(profile: Profile, snapshot: WardSnapshot) -> Assessment:
    results = tuple(CriterionResult(c, c.evaluate(snapshot)) for c in profile.criteria)
    return Assessment(snapshot.ward, profile, snapshot.as_of, results, snapshot)


def assess_ward(engine: Engine, ward: str | None, profile_id: str | None, as_of: dt.date) -> Assessment:
    """Load the ward named by --ward (or the only one) and score the profile (its own, or the default)."""
    with engine.connect() as conn:
        info = pick_ward(conn, ward)
        profile = get_profile(profile_id or info.profile)
        snapshot = load_snapshot(conn, info, as_of)
    return evaluate(profile, snapshot)
