"""One thôn / tổ dân phố of a ward, for profiles scored per hamlet (``level = "hamlet"``).

``hamlet_snapshot`` keeps the hamlet's own records: its households, its people,
its hotspots, suspects and plants. Records whose hamlet is not recorded
(hotspots, suspects and plants may lack one) are kept too, so that a check can
say it cannot place them rather than silently pass. The ward's declared
household count does not apply to one hamlet: the hamlet's own ``Số hộ`` does.
"""

import dataclasses
from dataclasses import dataclass
from typing import Any

from lacha.snapshot import WardSnapshot

PLACED = ("households", "addicts", "users", "post_rehab", "violations")
MAYBE_PLACED = ("hotspots", "suspects", "plants")


@dataclass(frozen=True)
class HamletSnapshot(WardSnapshot):
    hamlet: Any = None  # the hamlet record this snapshot is scoped to


def hamlet_snapshot(snapshot: WardSnapshot, hamlet) -> HamletSnapshot:
    code = hamlet.key
    rosters = {kind: tuple(r for r in getattr(snapshot, kind) if r.hamlet_code == code) for kind in PLACED}
    rosters.update({kind: tuple(r for r in getattr(snapshot, kind) if r.hamlet_code in (code, None))
                    for kind in MAYBE_PLACED})
    ward = dataclasses.replace(snapshot.ward, households_declared=None)
    return HamletSnapshot(ward=ward, as_of=snapshot.as_of, imported=snapshot.imported, hamlets=(hamlet,),
                          models=snapshot.models, hamlet=hamlet, reviews=snapshot.reviews, **rosters)


def scoped_hamlet(snapshot: WardSnapshot) -> str | None:
    """The hamlet code when ``snapshot`` is one hamlet's, else None."""
    return snapshot.hamlet.key if isinstance(snapshot, HamletSnapshot) else None
