"""``assess --format json`` exactly as cli.md defines it (stable English keys)."""

import json

from lacha.assess import Assessment
from lacha.rules.model import Failing, Outcome


def failing_dict(f: Failing) -> dict:
    return {"kind": f.kind, "key": f.key, "name": f.name, "hamlet": f.hamlet, "reason": f.reason}


def outcome_dict(outcome: Outcome) -> dict:
    return {"status": outcome.status.value, "numerator": outcome.numerator, "denominator": outcome.denominator}


def assessment_dict(a: Assessment) -> dict:
    criteria = []
    for result in a.results:
        c, o = result.criterion, result.outcome
        item = {"id": c.id, "title": c.title, **outcome_dict(o),
                "failing": [failing_dict(f) for f in o.failing], "note": o.note, "source": c.source}
        if o.parts:
            item["parts"] = [{"id": p.id, "title": p.title, **outcome_dict(p.outcome), "note": p.outcome.note}
                             for p in o.parts]
        criteria.append(item)
    return {
        "ward": {"slug": a.ward.slug, "name": a.ward.name},
        "profile": {"id": a.profile.id, "title": a.profile.title, "source": a.profile.source, "level": a.profile.level},
        "as_of": a.as_of.isoformat(),
        "passed": a.passed,
        "criteria": criteria,
    }


def assessment_json(a: Assessment) -> str:
    return json.dumps(assessment_dict(a), ensure_ascii=False, indent=2)
