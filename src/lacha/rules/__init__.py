"""Criteria as code: reusable pure checks (checks.py) and the plans that cite them (profiles/)."""
