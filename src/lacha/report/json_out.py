"""Machine output (``--format json``) exactly as cli.md defines it (stable English keys).

Beyond cli.md's keys, each criterion carries ``source``, ``parts`` (when it has
sub-conditions), ``parameters`` (the values it used, with their sources and
``verified`` flag) and ``verified`` (false when its wording or a parameter it
relies on is not confirmed from the official text; its ``note`` then says
"chưa đối chiếu văn bản gốc").
"""

import json

from lacha.assess import Assessment, CriterionResult, HamletResult, Review
from lacha.rules.model import Failing, Outcome, Parameter


def failing_dict(f: Failing) -> dict:
    return {"kind": f.kind, "key": f.key, "name": f.name, "hamlet": f.hamlet, "reason": f.reason}


def outcome_dict(outcome: Outcome) -> dict:
    return {"status": outcome.status.value, "numerator": outcome.numerator, "denominator": outcome.denominator}


def parameter_dict(p: Parameter) -> dict:
    value = list(p.value) if isinstance(p.value, tuple) else p.value
    return {"name": p.name, "value": value, "unit": p.unit, "description": p.description, "source": p.source,
            "verified": p.verified}


def result_dict(result: CriterionResult) -> dict:
    c, o = result.criterion, result.outcome
    item = {"id": c.id, "title": c.title, **outcome_dict(o), "failing": [failing_dict(f) for f in o.failing],
            "note": result.note, "source": c.source, "verified": not result.caveats}
    if o.parts:
        item["parts"] = [{"id": p.id, "title": p.title, **outcome_dict(p.outcome), "note": p.outcome.note,
                          "failing": [failing_dict(f) for f in p.outcome.failing]} for p in o.parts]
    if result.parameters:
        item["parameters"] = [parameter_dict(p) for p in result.parameters]
    return item


def hamlet_dict(h: HamletResult) -> dict:
    return {"code": h.code, "name": h.name, "passed": h.passed, "criteria": [result_dict(r) for r in h.results]}


def assessment_dict(a: Assessment) -> dict:
    doc = {
        "ward": {"slug": a.ward.slug, "name": a.ward.name},
        "profile": {"id": a.profile.id, "title": a.profile.title, "source": a.profile.source,
                    "level": a.profile.level, **({"file": a.profile.origin} if a.profile.origin else {})},
        "as_of": a.as_of.isoformat(),
        "passed": a.passed,
        "criteria": [result_dict(r) for r in a.results],
    }
    from lacha.rules.checks import evidence
    for item, r in zip(doc["criteria"], a.results):
        item["evidence"] = evidence(a.snapshot, getattr(r.criterion, "reads", ()) or ())
    if a.profile.level == "hamlet":
        doc["hamlets"] = [hamlet_dict(h) for h in a.hamlets]
        doc["summary"] = summary_dict(a)
    return doc


def summary_dict(a: Assessment) -> dict:
    s = a.summary
    if s is None:
        return {"hamlets": 0, "passed": 0, "targets": [], "current_target": None, "note": ""}
    current = None if s.current is None else \
        {"year": s.current.year, "hamlets": s.current.hamlets, "met": s.passed >= s.current.hamlets}
    return {"hamlets": s.hamlets, "passed": s.passed,
            "targets": [{"year": t.year, "hamlets": t.hamlets, "text": t.text} for t in s.targets],
            "current_target": current, "note": s.note}


def assessment_json(a: Assessment) -> str:
    return json.dumps(assessment_dict(a), ensure_ascii=False, indent=2)


def review_dict(r: Review) -> dict:
    """``assess --all``: a list of assessments plus totals and the national targets."""
    total = len(r.assessments)
    return {
        "as_of": r.as_of.isoformat(),
        "communes": [assessment_dict(a) for a in r.assessments],
        "totals": {
            "communes": total,
            "passed": r.passed,
            "share": round(r.share, 4),
            "by_profile": {p.id: sum(a.passed for a in r.assessments if a.profile.id == p.id)
                           for p in r.profiles()},
            "national_targets": [{"year": t["year"], "percent": t["percent"], "text": t.get("text", ""),
                                  "met": r.meets(t["percent"])} for t in r.targets],
            "national_targets_source": r.targets_source,
        },
    }


def review_json(r: Review) -> str:
    return json.dumps(review_dict(r), ensure_ascii=False, indent=2)


def classification_dict(c) -> dict:
    """``classify --format json`` (cli.md): class, determinable, missing, verified, each criterion measured."""
    criteria = []
    for m in c.measures:
        item = {"id": m.id, "title": m.title, "value": m.value, "unit": m.unit, "shown": m.shown,
                "met_for": list(m.met_for), "known": m.known, "verified": m.verified,
                "thresholds": [{"class": cls, "threshold": text, "verified": ok} for cls, text, ok in m.thresholds],
                "citation": list(m.citations), "missing": list(m.missing), "note": m.note}
        item.update(m.extra or {})
        criteria.append(item)
    period = c.period
    return {"ward": {"slug": c.ward.slug, "name": c.ward.name}, "as_of": c.as_of.isoformat(),
            "period": ({"year": period.year, "start": period.start.isoformat(), "end": period.end.isoformat(),
                        "as_of": period.as_of.isoformat()} if period else None),
            "class": c.cls, "determinable": c.determinable, "missing": list(c.missing),
            "verified": c.verified, "citation": c.citation, "gap": c.gap, "readings": list(c.readings),
            "population": c.population, "note": c.note, "criteria": criteria,
            "khong_ma_tuy": c.khong_ma_tuy, "both_note": c.both_note}


def classification_json(c) -> str:
    return json.dumps(classification_dict(c), ensure_ascii=False, indent=2)


def class_review_json(r) -> str:
    """``classify --all --format json``: a list of classifications plus totals."""
    doc = {"as_of": r.as_of.isoformat(), "communes": [classification_dict(c) for c in r.results],
           "totals": {"communes": len(r.results), **r.totals(), "unconfirmed": r.unconfirmed}}
    if r.results and r.results[0].period:
        doc["period"] = classification_dict(r.results[0])["period"]
    return json.dumps(doc, ensure_ascii=False, indent=2)
