"""The vocabulary of the rules: Status, Outcome, Parameter, Criterion, Profile.

A criterion is a small declared object carrying its id as the plan numbers it,
its verbatim Vietnamese wording, its legal source and the rosters it reads,
with a pure check from a ward snapshot (and the profile's parameter values) to
an Outcome (design.md). Every threshold, window, exemption list or roadmap a
check uses is a ``Parameter`` read from the TOML file beside the profile's
module, with its own source and a ``verified`` flag (national-2025.md).
"""

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Mapping

from lacha.rules.citation import DocumentRef
from lacha.snapshot import WardSnapshot

UNVERIFIED = "ngưỡng chưa đối chiếu văn bản gốc"
READING = "Cách đọc của lacha"  # a parameter source starting so is a printed reading of an open point
UNVERIFIED_WORDING = "nội dung tiêu chí chưa đối chiếu văn bản gốc"


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


@dataclass(frozen=True)
class Parameter:
    """A threshold, window, exemption list or roadmap, with where it comes from."""

    name: str
    value: Any
    source: str
    verified: bool
    description: str = ""
    unit: str = ""
    choices: tuple[str, ...] = ()  # for a list of closed-vocabulary values: the allowed ones

    def shown(self) -> str:
        """The value as an officer reads it: '12 tháng', 'Methadone; Tự nguyện tại gia đình'."""
        value = self.value
        if isinstance(value, bool):
            text = "có" if value else "không"
        elif isinstance(value, (list, tuple)):
            text = "; ".join(_item(v) for v in value)
        else:
            text = _item(value)
        return f"{text} {self.unit}".strip()


def _item(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


Values = Mapping[str, Any]
Check = Callable[[WardSnapshot, Values], Outcome]


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str  # verbatim wording of the plan
    short: str  # a few words, for tables
    source: str  # document, date, section
    reads: tuple[str, ...]  # roster kinds
    check: Check
    hint: str = ""  # what to do when it is not met
    uses: tuple[str, ...] = ()  # names of the profile parameters the check reads
    verified: bool = True  # False when the wording itself is not confirmed from the official text

    def evaluate(self, snapshot: WardSnapshot, values: Values | None = None) -> Outcome:
        return self.check(snapshot, values or {})


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    source: str
    level: str  # 'commune' or 'hamlet'
    criteria: tuple[Criterion, ...]
    description: str = ""
    parameters: Mapping[str, Parameter] = field(default_factory=dict)
    origin: str = ""  # '' for a built-in profile, else the profile file it was read from
    document: DocumentRef | None = None  # the document cited in official text (lacha.rules.citation)
    templates: str = ""  # a profile file's own dossier templates folder ('' : lacha's), absolute

    def citation(self) -> str:
        """The profile's document as official text cites it (số, ngày, cơ quan ban hành, trích yếu), else its
        source line."""
        return self.document.cited() if self.document is not None else self.source

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def values(self) -> dict[str, Any]:
        return {name: p.value for name, p in self.parameters.items()}

    def used_by(self, criterion: Criterion) -> tuple[Parameter, ...]:
        return tuple(self.parameters[name] for name in criterion.uses if name in self.parameters)

    def caveats(self, criterion: Criterion) -> tuple[str, ...]:
        """What an output must say about a criterion that relies on something not confirmed."""
        notes = []
        if not criterion.verified:
            notes.append(f"Lưu ý: {UNVERIFIED_WORDING} — {self.description or self.source}.")
        unverified = [p for p in self.used_by(criterion) if not p.verified and not p.source.startswith(READING)]
        # a parameter whose source starts with READING is lacha's reading of a point the text leaves open: the
        # check prints it in its note beside the criterion; it is not a caveat about the text
        if unverified:
            shown = "; ".join(f"{p.description or p.name} = {p.shown()} ({p.source})" for p in unverified)
            notes.append(f"Lưu ý: {UNVERIFIED} — {shown}.")
        return tuple(notes)
