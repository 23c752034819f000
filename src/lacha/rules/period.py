"""Kỳ đánh giá — the national assessment period of QĐ 28/2025/QĐ-TTg, Điều 7 khoản 1.

"Kỳ đánh giá và báo cáo tính từ ngày 15 tháng 12 năm trước đến ngày 14 tháng 12
năm sau." The period of year N runs 15/12/(N−1) – 14/12/N. Pure: no database,
no clock (the caller passes today).

lacha's reading (qd28-2025.md, "Kỳ đánh giá"):
- `--year N` means as of 14/12/N; if that day is still ahead, as of today, printed
  as "kỳ chưa kết thúc, tính đến ngày …".
- `--as-of D` alone: the period that holds D, counted up to D.
- `--year` and `--as-of` together: D must lie in the period of N.
- Neither: from 15/12 to 31/12, the period that has just ended (as of 14/12 of
  this year — the days communes and the province report); on other days, today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CITATION = "QĐ 28/2025/QĐ-TTg, Điều 7 khoản 1"

START_DAY = (12, 15)  # 15 tháng 12 năm trước
END_DAY = (12, 14)  # 14 tháng 12 năm sau


class PeriodError(ValueError):
    """--year and --as-of disagree, or a year out of range; the message is Vietnamese."""


@dataclass(frozen=True)
class Period:
    """One kỳ đánh giá, and the day up to which it is counted."""

    year: int
    start: dt.date
    end: dt.date
    as_of: dt.date  # the day counted to: ≤ end

    @property
    def finished(self) -> bool:
        return self.as_of >= self.end

    def contains(self, day: dt.date | None) -> bool:
        """True when day lies in the period and not after the as-of date."""
        return day is not None and self.start <= day <= self.as_of

    def text(self) -> str:
        """'kỳ đánh giá 2025 (15/12/2024 – 14/12/2025)', with 'tính đến ngày …' when running."""
        base = f"kỳ đánh giá {self.year} ({self.start:%d/%m/%Y} – {self.end:%d/%m/%Y})"
        if self.as_of < self.end:
            return f"{base}, kỳ chưa kết thúc, tính đến ngày {self.as_of:%d/%m/%Y}"
        return base

    def short(self) -> str:
        """'15/12/2024 – 14/12/2025' or '15/12/2024 – 04/12/2025 (tính đến ngày)'."""
        end = min(self.as_of, self.end)
        return f"{self.start:%d/%m/%Y} – {end:%d/%m/%Y}"


def period_year_of(day: dt.date) -> int:
    """The year N whose period (15/12/(N−1) – 14/12/N) holds day."""
    return day.year + 1 if (day.month, day.day) >= START_DAY else day.year


def bounds(year: int) -> tuple[dt.date, dt.date]:
    if not 1900 < year < 10000:
        raise PeriodError(f"Năm {year} không hợp lệ — ghi năm bốn chữ số, ví dụ 2025.")
    return dt.date(year - 1, *START_DAY), dt.date(year, *END_DAY)


def period_for_year(year: int, today: dt.date) -> Period:
    """--year N: as of 14/12/N, or today when that day is still ahead."""
    start, end = bounds(year)
    if today < start:
        raise PeriodError(
            f"Kỳ đánh giá năm {year} ({start:%d/%m/%Y} – {end:%d/%m/%Y}) chưa bắt đầu "
            f"(hôm nay {today:%d/%m/%Y})."
        )
    return Period(year, start, end, min(end, today))


def period_holding(day: dt.date) -> Period:
    """--as-of D alone: the period that holds D, counted up to D."""
    year = period_year_of(day)
    start, end = bounds(year)
    return Period(year, start, end, day)


def default_as_of(today: dt.date) -> dt.date:
    """Neither --year nor --as-of: 14/12 of this year from 15/12 to 31/12, else today."""
    if (today.month, today.day) >= START_DAY:
        return dt.date(today.year, *END_DAY)
    return today


def resolve(year: int | None, as_of: dt.date | None, today: dt.date) -> Period:
    """The period and as-of date an assessment uses, from --year / --as-of / today."""
    if year is not None and as_of is not None:
        start, end = bounds(year)
        if not start <= as_of <= end:
            raise PeriodError(
                f"Ngày {as_of:%d/%m/%Y} không thuộc kỳ đánh giá năm {year} "
                f"({start:%d/%m/%Y} – {end:%d/%m/%Y}): bỏ --as-of, hoặc chọn ngày trong kỳ."
            )
        return Period(year, start, end, as_of)
    if year is not None:
        return period_for_year(year, today)
    if as_of is not None:
        return period_holding(as_of)
    return period_holding(default_as_of(today))


def default_note(today: dt.date) -> str | None:
    """What to say when the default as-of is not today (15/12 – 31/12)."""
    day = default_as_of(today)
    if day == today:
        return None
    return (
        f"Từ 15/12 đến 31/12 lacha đánh giá kỳ vừa kết thúc (tính đến ngày {day:%d/%m/%Y}), "
        "là kỳ xã và tỉnh báo cáo; muốn tính đến hôm nay, dùng --as-of."
    )
