"""The vocabulary of the rules: Status, Outcome, Criterion, Profile.

A criterion is a small declared object carrying its id as the plan numbers it,
its verbatim Vietnamese wording, its legal source and the rosters it reads,
with a pure check from a ward snapshot to an Outcome (design.md).
"""

from dataclasses import dataclass, field
from enum import Enum
from typing import Callable

from lacha.snapshot import WardSnapshot


class Status(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    INSUFFICIENT = "insufficient_data"

    @property
    def label(self) -> str:
        return {"pass": "Đạt", "fail": "Chưa đạt", "insufficient_data": "Chưa đủ dữ liệu"}[self.value]

    @property
    def mark(self) -> str:
        return {"pass": "✓", "fail": "✗", "insufficient_data": "?"}[self.value]


@dataclass(frozen=True)
class Failing:
    """A record that holds the ward back: what it is, its key, its name and why."""

    kind: str
    key: str
    name: str
    reason: str
    hamlet: str = ""


@dataclass(frozen=True)
class Outcome:
    status: Status
    numerator: int | None = None
    denominator: int | None = None
    failing: tuple[Failing, ...] = ()
    note: str = ""
    parts: tuple["PartOutcome", ...] = ()


@dataclass(frozen=True)
class PartOutcome:
    """One sub-condition of a criterion (criterion c has three) and its own outcome."""

    id: str
    title: str
    outcome: Outcome


Check = Callable[[WardSnapshot], Outcome]


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str  # verbatim wording of the plan
    short: str  # a few words, for tables
    source: str  # document, date, section
    reads: tuple[str, ...]  # roster kinds
    check: Check
    hint: str = ""  # what to do when it is not met

    def evaluate(self, snapshot: WardSnapshot) -> Outcome:
        return self.check(snapshot)


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    source: str
    level: str  # 'commune' or 'hamlet'
    criteria: tuple[Criterion, ...]
    description: str = ""
    parameters: dict = field(default_factory=dict)

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)
