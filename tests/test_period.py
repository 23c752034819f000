"""Kỳ đánh giá (QĐ 28/2025/QĐ-TTg, Điều 7 khoản 1), as sentences of the law."""

import datetime as dt

import pytest

from lacha.rules import period as p

D = dt.date


def test_the_period_of_2025_runs_from_15_12_2024_to_14_12_2025():
    per = p.period_for_year(2025, today=D(2026, 3, 1))
    assert (per.start, per.end, per.as_of) == (D(2024, 12, 15), D(2025, 12, 14), D(2025, 12, 14))
    assert per.finished
    assert per.text() == "kỳ đánh giá 2025 (15/12/2024 – 14/12/2025)"


def test_14_12_belongs_to_the_period_ending_that_day_and_15_12_starts_the_next():
    assert p.period_holding(D(2025, 12, 14)).year == 2025
    assert p.period_holding(D(2025, 12, 15)).year == 2026
    assert p.period_holding(D(2025, 12, 15)).start == D(2025, 12, 15)


def test_a_year_still_running_is_counted_to_today():
    per = p.period_for_year(2026, today=D(2026, 12, 4))
    assert per.as_of == D(2026, 12, 4) and not per.finished
    assert "kỳ chưa kết thúc, tính đến ngày 04/12/2026" in per.text()


def test_a_year_not_yet_begun_is_refused():
    with pytest.raises(p.PeriodError):
        p.period_for_year(2028, today=D(2026, 12, 4))


def test_as_of_alone_counts_the_period_that_holds_it_up_to_that_day():
    per = p.resolve(None, D(2025, 6, 30), today=D(2026, 1, 1))
    assert (per.year, per.start, per.as_of) == (2025, D(2024, 12, 15), D(2025, 6, 30))
    assert p.period_holding(D(2025, 6, 30)).contains(D(2024, 12, 15))
    assert not per.contains(D(2024, 12, 14))
    assert not per.contains(D(2025, 7, 1))


def test_year_and_as_of_together_must_agree():
    assert p.resolve(2025, D(2025, 1, 1), today=D(2026, 1, 1)).as_of == D(2025, 1, 1)
    with pytest.raises(p.PeriodError, match="không thuộc kỳ đánh giá năm 2025"):
        p.resolve(2025, D(2025, 12, 15), today=D(2026, 1, 1))


def test_from_15_12_to_31_12_the_default_is_the_period_just_ended():
    assert p.default_as_of(D(2026, 12, 15)) == D(2026, 12, 14)
    assert p.default_as_of(D(2026, 12, 31)) == D(2026, 12, 14)
    assert p.default_as_of(D(2026, 12, 14)) == D(2026, 12, 14)
    assert p.default_as_of(D(2026, 12, 4)) == D(2026, 12, 4)
    assert p.default_note(D(2026, 12, 20)) is not None
    assert p.default_note(D(2026, 12, 4)) is None
    assert p.resolve(None, None, today=D(2026, 12, 20)).year == 2026
