"""Issue 17 (hardening, round two) and issue 15 item 2: each defect reproduced by a test that builds its
hostile input here (nothing committed as a binary). Sample data fictional."""

import os
import sqlite3
import sys

import pytest
from ward_builder import write

from lacha.resources import sample_workbook


def one_line(text: str) -> str:
    return " ".join(text.split())


# ── defect 13: a database address never echoes its password ───────────────────

def test_unknown_db_url_masks_password(cli):
    result = cli("assess", "--db", "mysql://u:S3cretPW@h/x")
    assert result.exit_code == 2
    assert "S3cretPW" not in result.output
    assert "mysql://u:***@h/x" in one_line(result.output)


def test_mask_url_keeps_addresses_without_password():
    from lacha.output_files import mask_url

    assert mask_url("postgresql://officer@host/lacha") == "postgresql://officer@host/lacha"
    assert mask_url("x postgresql://a:p%40ss@h:5432/d y") == "x postgresql://a:***@h:5432/d y"
