"""Số định danh on screen, in JSON and in the Phiếu việc cần làm: masked as in the dossier (issue 15, item 6).

A CCCD (12 digits) or CMND (9 digits) shows its last 4 digits only ('********7890'), with the
dossier's own rule (``Privacy.identifier``); ``--full-ids`` shows it whole. A record key that
embeds an ID (a violation's key is person/date/act: '001234567890/2024-03-01/tang-tru') has the
ID masked inside it. ``masked`` returns a copy of an Assessment whose failing records carry the
masked keys, so every printer (terminal table, JSON, workbook) shows the same thing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from lacha.report.appendices import Privacy
from lacha.rules.model import Failing, Outcome

if TYPE_CHECKING:
    from lacha.assess import Assessment, CriterionResult, Review

_ID_DIGITS = re.compile(r"(?<!\d)\d{9,}(?!\d)")  # a CMND has 9 digits, a CCCD 12; shorter codes are not IDs
_MASK = Privacy(full_ids=False)


def shown_key(key: str, full_ids: bool = False) -> str:
    """``key`` with every ID inside it masked to its last 4 digits (unchanged with ``full_ids``)."""
    if full_ids or not key:
        return key
    return _ID_DIGITS.sub(lambda m: _MASK.identifier(m.group()), key)


def _failing(f: Failing) -> Failing:
    key = shown_key(f.key)
    return f if key == f.key else replace(f, key=key)


def _outcome(o: Outcome) -> Outcome:
    if not o.failing and not o.parts:
        return o
    parts = tuple(replace(p, outcome=_outcome(p.outcome)) for p in o.parts)
    return replace(o, failing=tuple(_failing(f) for f in o.failing), parts=parts)


def _result(r: CriterionResult) -> CriterionResult:
    return replace(r, outcome=_outcome(r.outcome))


def masked(a: Assessment, full_ids: bool = False) -> Assessment:
    """``a`` as printed: the keys of its failing records masked (``a`` itself with ``full_ids``)."""
    if full_ids:
        return a
    hamlets = tuple(replace(h, results=tuple(_result(r) for r in h.results)) for h in a.hamlets)
    return replace(a, results=tuple(_result(r) for r in a.results), hamlets=hamlets)


def masked_review(review: Review, full_ids: bool = False) -> Review:
    if full_ids:
        return review
    return replace(review, assessments=tuple(masked(a) for a in review.assessments))
