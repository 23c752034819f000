"""Dates as officers write them: always day first, never guessed.

roster-format.md, Tolerance 5: real Excel dates, dd/mm/yyyy, d/m/yyyy,
dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd; a bare year for a birth date. An
impossible date (31/02/2024) is an error.
"""

import datetime as dt
import re

_DAY_FIRST = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")

MIN_YEAR = 1900


class DateParseError(ValueError):
    """The text is not a valid day-first date; the message is Vietnamese."""


def parse_date_text(text: str) -> dt.date:
    """Parse '14/12/2024', '2024-12-14', '14.12.2024' … or raise DateParseError."""
    text = text.strip()
    if " " in text:  # '14/12/2024 00:00:00' as some exports write it
        text = text.split(" ", 1)[0]
    match = _DAY_FIRST.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO.match(text)
        if not match:
            raise DateParseError("không phải ngày hợp lệ — ghi theo dạng ngày/tháng/năm, ví dụ 14/12/2024")
        year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateParseError("không phải ngày hợp lệ (ngày hoặc tháng không tồn tại)") from None


def parse_year_text(text: str) -> int | None:
    match = _YEAR.match(text.strip())
    return int(match.group(1)) if match else None


def parse_cli_date(text: str) -> dt.date:
    """--as-of / --effective: ISO '2024-12-14' or '14/12/2024'."""
    return parse_date_text(text)


def vn_date(day: dt.date) -> str:
    """'ngày 14 tháng 12 năm 2024' — the administrative form (NĐ 30/2020/NĐ-CP,
    Phụ lục I: a zero before days under 10 and before months 1 and 2)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: dt.date | None) -> str:
    """'14/12/2024', or '' for no date."""
    return day.strftime("%d/%m/%Y") if day else ""
