"""``lacha classify``: trọng điểm loại I / II / III or none (QĐ 28/2025/QĐ-TTg), for one ward or every ward.

The rules are rules/classification.py (thresholds in classification.toml beside
it); a profile file's ``[classification]`` table overrides thresholds
(``with_overrides``), e.g. once the official text has been checked.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy.engine import Engine

from lacha.errors import InputError, UsageError
from lacha.rules import classification
from lacha.rules.classification import CLASSES, Classification
from lacha.rules.model import Parameter
from lacha.rules.params import override
from lacha.rules.period import Period, period_holding
from lacha.snapshot import list_wards, load_snapshot, pick_ward


def with_overrides(table: Mapping[str, Any], where: str) -> dict[str, Parameter]:
    """The classification thresholds with a profile file's ``[classification]`` values in place."""
    parameters = dict(classification.PARAMETERS)
    for name, value in table.items():
        if name not in parameters:
            raise InputError(f"Tệp tiêu chí {where}: [classification] không có ngưỡng '{name}' — các ngưỡng: "
                             f"{', '.join(parameters)}.")
        try:
            parameters[name] = override(parameters[name], value, f"tệp {where}")
        except InputError as error:
            raise InputError(f"Tệp tiêu chí {where}: [classification] {name}: {error.message}") from None
    try:
        classification.validate(parameters)
    except InputError as error:
        raise InputError(f"Tệp tiêu chí {where}: {error.message}") from None
    return parameters


def classify_ward(engine: Engine, ward: str | None, as_of: dt.date,
                  parameters: Mapping[str, Parameter] | None = None, period: Period | None = None) -> Classification:
    period = period or period_holding(as_of)
    with engine.connect() as conn:
        snapshot = load_snapshot(conn, pick_ward(conn, ward), period.as_of)
    return _both(classification.classify(snapshot, parameters or classification.PARAMETERS, period), snapshot)


def khong_ma_tuy(snapshot) -> bool | None:
    """Điều 6 (national-2025) on the same snapshot: True, False, or None when a criterion lacks evidence."""
    from lacha.assess import evaluate
    from lacha.rules.model import Status
    from lacha.rules.profiles import get_profile

    statuses = {r.outcome.status for r in evaluate(get_profile("national-2025"), snapshot).results}
    if Status.FAIL in statuses:
        return False
    return None if Status.INSUFFICIENT in statuses else True


def _both(c: Classification, snapshot) -> Classification:
    return classification.with_dieu_6(c, khong_ma_tuy(snapshot))


@dataclass(frozen=True)
class ClassReview:
    as_of: dt.date
    results: tuple[Classification, ...]

    def count(self, cls: str | None) -> int:
        return sum(r.cls == cls and r.determinable for r in self.results)

    @property
    def unconfirmed(self) -> int:
        return sum(not r.verified for r in self.results)

    @property
    def undetermined(self) -> int:
        return sum(not r.determinable for r in self.results)

    def totals(self) -> dict[str, int]:
        return {**{c: self.count(c) for c in CLASSES}, "none": self.count(None), "undetermined": self.undetermined}


def classify_all(engine: Engine, as_of: dt.date, parameters: Mapping[str, Parameter] | None = None,
                 period: Period | None = None) -> ClassReview:
    from lacha.assess import load_snapshots

    period = period or period_holding(as_of)
    as_of = period.as_of
    with engine.connect() as conn:
        wards = list_wards(conn)
        if not wards:
            raise UsageError("Cơ sở dữ liệu chưa có địa bàn nào — nhập danh sách trước: lacha import TỆP.xlsx.")
        snapshots = load_snapshots(conn, wards, as_of)
    p = parameters or classification.PARAMETERS
    return ClassReview(as_of, tuple(_both(classification.classify(s, p, period), s) for s in snapshots))
