"""A plan's roadmap (lộ trình) scaled to a ward's own number of hamlets.

A roadmap is a parameter (``roadmap`` in the profile's TOML file): a list of
steps, each the number of hamlets that should meet the criteria by the end of
a year. A step is one of::

    { year = 2026, count = 23, of = 56 }     # 23 of the plan's 56 → 23/56 of the ward's hamlets
    { year = 2027, percent_of_rest = 10 }    # the previous target + 10% of the hamlets still left
    { year = 2035, all = true }              # every hamlet

Counts are rounded up (a target is a whole hamlet).
"""

import math
from dataclasses import dataclass
from fractions import Fraction

from lacha.errors import InputError

STEP_KEYS = {"year", "count", "of", "percent_of_rest", "all", "text"}


@dataclass(frozen=True)
class Target:
    year: int
    hamlets: int  # how many hamlets should meet every criterion by the end of ``year``
    text: str  # the plan's words for the step


def validate(steps, where: str = "roadmap") -> None:
    if not isinstance(steps, (list, tuple)) or not steps:
        raise InputError(f"{where}: lộ trình phải là danh sách các bước, ví dụ "
                         "[{ year = 2026, count = 23, of = 56 }, { year = 2035, all = true }].")
    for step in steps:
        if not isinstance(step, dict) or "year" not in step or not set(step) <= STEP_KEYS:
            raise InputError(f"{where}: bước lộ trình {step!r} không hợp lệ — mỗi bước có year và một trong: "
                             "count + of, percent_of_rest, all = true (thêm text nếu muốn).")
        kinds = [k for k in ("count", "percent_of_rest", "all") if k in step]
        if len(kinds) != 1 or ("count" in step) != ("of" in step):
            raise InputError(f"{where}: bước năm {step['year']} phải có đúng một trong: count + of, "
                             "percent_of_rest, all = true.")


def scaled(steps, hamlets: int) -> list[Target]:
    """The roadmap's targets for a ward of ``hamlets`` hamlets."""
    validate(steps)
    targets, reached = [], 0
    for step in sorted(steps, key=lambda s: s["year"]):
        if "count" in step:
            target = math.ceil(Fraction(step["count"]) * hamlets / Fraction(step["of"]))
        elif "percent_of_rest" in step:
            target = reached + math.ceil(Fraction(str(step["percent_of_rest"])) * (hamlets - reached) / 100)
        else:
            target = hamlets
        reached = min(max(target, reached), hamlets)
        targets.append(Target(step["year"], reached, step.get("text", "")))
    return targets


def current(targets: list[Target], year: int) -> Target | None:
    """The first target whose year has not passed by ``year`` (the one the ward works towards now)."""
    return next((t for t in targets if t.year >= year), None)
