"""Table-driven rule cases (cases/<profile>.yaml), and the completeness rule: every criterion of every
profile has a case that passes, one that fails and one with insufficient data."""

import dataclasses

import pytest

from lacha.assess import evaluate
from lacha.rules.params import override
from lacha.rules.profiles import PROFILES

from .helpers import ALL_ROSTERS, CASES_DIR, load_cases, make_snapshot

FILES = sorted(p.stem for p in CASES_DIR.glob("*.yaml") if p.stem in PROFILES)
STATUSES = {"pass", "fail", "insufficient_data"}


def _all_cases():
    for name in FILES:
        suite = load_cases(name)
        for case in suite["cases"]:
            yield pytest.param(suite, case, id=f"{name}: {case['name']}")


def _profile(suite: dict, case: dict):
    profile = PROFILES[suite["profile"]]
    changes = case.get("parameters") or {}
    if not changes:
        return profile
    parameters = dict(profile.parameters)
    for name, value in changes.items():
        parameters[name] = override(parameters[name], value, "tình huống kiểm thử")
    return dataclasses.replace(profile, parameters=parameters)


def run_case(suite: dict, case: dict):
    imported = set(ALL_ROSTERS)
    if "imported" in case:
        imported = set(case["imported"])
    imported -= set(case.get("not_imported", ()))
    data = {**(suite.get("base") or {}), **(case.get("data") or {})}
    snapshot = make_snapshot(data, case.get("as_of", suite["as_of"]), imported,
                             {**(suite.get("ward") or {}), **(case.get("ward") or {})}, suite.get("record_defaults"))
    assessment = evaluate(_profile(suite, case), snapshot)
    if "hamlet" in case:
        hamlet = next(h for h in assessment.hamlets if h.code == case["hamlet"])
        results = hamlet.results
    else:
        results = assessment.results
    return next(r for r in results if r.criterion.id == str(case["criterion"])), assessment


@pytest.mark.parametrize("suite, case", list(_all_cases()))
def test_case(suite, case):
    result, _ = run_case(suite, case)
    outcome = result.outcome
    expect = case["expect"]
    assert outcome.status.value == expect["status"], outcome.note
    for key in ("numerator", "denominator"):
        if key in expect:
            assert getattr(outcome, key) == expect[key], f"{key}: {outcome}"
    if "failing" in expect:
        assert sorted(f.key for f in outcome.failing) == sorted(str(k) for k in expect["failing"])
    if "failing_reason_contains" in expect:
        assert any(expect["failing_reason_contains"] in f.reason for f in outcome.failing), outcome.failing
    for part_id, status in (expect.get("parts") or {}).items():
        part = next(p for p in outcome.parts if p.id == str(part_id))
        assert part.outcome.status.value == status, (part_id, part.outcome)
    notes = expect.get("note_contains", [])
    for text in [notes] if isinstance(notes, str) else notes:
        assert text in result.note, result.note  # the note as reported: the check's, then the caveats


@pytest.mark.parametrize("profile_id", list(PROFILES))
def test_every_criterion_has_pass_fail_and_insufficient_cases(profile_id):
    assert profile_id in FILES, f"tests/rules/cases/{profile_id}.yaml is missing"
    suite = load_cases(profile_id)
    assert suite["profile"] == profile_id
    covered = {c.id: set() for c in PROFILES[profile_id].criteria}
    for case in suite["cases"]:
        covered[str(case["criterion"])].add(case["expect"]["status"])
    missing = {cid: sorted(STATUSES - statuses) for cid, statuses in covered.items() if STATUSES - statuses}
    assert not missing, f"{profile_id}: criteria without a pass / fail / insufficient_data case: {missing}"


def test_case_names_are_unique_sentences():
    for name in FILES:
        names = [c["name"] for c in load_cases(name)["cases"]]
        assert len(names) == len(set(names)), name
        assert all(n[0].isupper() and len(n.split()) >= 5 for n in names), name
