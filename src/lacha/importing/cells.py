"""Parsing one cell by its column type (roster-format.md, Tolerance 5–9).

Every parser takes the normalised cell value (``None``, ``str`` in NFC, ``int``,
``float``, ``bool``, ``date`` or ``datetime``) and returns the typed value, or
raises ``CellError`` whose message is the Vietnamese reason and its fix.
"""

import datetime as dt
from enum import Enum
from itertools import compress, count, repeat
from operator import is_

from lacha.dates import MIN_YEAR, DateParseError, parse_date_text, parse_year_text
from lacha.importing.schema import CellType, Column
from lacha.importing.workbook import UnreadableCell
from lacha.text import fold
from lacha.vocab import ALIASES


class CellError(ValueError):
    """The cell's value cannot be read; ``args[0]`` is the Vietnamese reason."""


YES_WORDS = ("Có", "x", "1", "Đã", "Rồi", "TRUE", "Yes", "Đúng", "Đã lập", "Đã ký", "Có lập")
NO_WORDS = ("Không", "Chưa", "0", "FALSE", "No", "Sai", "Chưa lập", "Chưa ký")
YES_MARKS = frozenset("✓✔☑")  # symbols fold to nothing, so they are compared as written
NO_MARKS = frozenset("-–")
YES = frozenset(fold(v) for v in YES_WORDS)
NO = frozenset(fold(v) for v in NO_WORDS)


def parse_yesno(value) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text, folded = str(value).strip(), fold(value)
    if folded in YES or text in YES_MARKS:
        return True
    if folded in NO or text in NO_MARKS:
        return False
    raise CellError("không phải giá trị có/không — ghi Có hoặc Không (cũng nhận x, 1, Đã, Chưa, 0)")


def parse_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError("là một con số, không phải ngày — ghi theo dạng ngày/tháng/năm, ví dụ 14/12/2024")
    try:
        day = parse_date_text(str(value))
    except DateParseError as exc:
        raise CellError(str(exc)) from None
    if day.year < MIN_YEAR:
        raise CellError(f"năm {day.year} không hợp lý — kiểm tra lại ngày")
    return day


def parse_birth(value) -> tuple[dt.date | None, int | None]:
    """A birth date, or a bare year (Năm sinh): returns (date, year)."""
    if value is None:
        return None, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and MIN_YEAR <= int(value) <= dt.date.today().year:
            return None, int(value)
        raise CellError("không phải năm sinh hợp lệ — ghi năm 4 chữ số (1990) hoặc ngày/tháng/năm")
    if isinstance(value, str):
        year = parse_year_text(value)
        if year is not None:
            if not MIN_YEAR <= year <= dt.date.today().year:
                raise CellError("không phải năm sinh hợp lệ")
            return None, year
    day = parse_date(value)
    if day and day > dt.date.today():
        raise CellError("ngày sinh ở tương lai — kiểm tra lại")
    return day, day.year if day else None


def _integral_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        raise CellError("là một ngày, không phải mã — định dạng ô là Văn bản (Text)")
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        return text[:-2]
    return text


def parse_identifier(value) -> str | None:
    """Mã hộ, Mã …: text with its leading zeros; a number cell 1234567890.0 → '1234567890'."""
    if value is None:
        return None
    return _integral_text(value) or None


def parse_person_id(value) -> tuple[str | None, str | None]:
    """Số định danh: (id, warning). 12 digits (CCCD) or 9 (CMND); 11 digits lost a leading zero."""
    if value is None:
        return None, None
    text = _integral_text(value).replace(" ", "").replace(".", "")
    if not text.isdigit():
        raise CellError("số định danh chỉ gồm chữ số (12 số CCCD hoặc 9 số CMND)")
    if len(text) == 11:
        return "0" + text, f"số định danh có 11 chữ số — đã thêm số 0 ở đầu thành {'0' + text} " \
                           "(Excel bỏ mất số 0 khi ô là kiểu Số; nên định dạng cột là Văn bản)"
    if len(text) == 8:
        return "0" + text, f"số CMND có 8 chữ số — đã thêm số 0 ở đầu thành {'0' + text}"
    if len(text) == 10:  # a CCCD of Hà Nội (001…), Hà Giang (002…) … in a Number cell loses two zeros
        raise CellError(f"số định danh có 10 chữ số — CCCD có 12 số, CMND có 9 số. Nếu là CCCD bắt đầu bằng 00 "
                        f"(như 001… của Hà Nội), Excel đã bỏ mất hai số 0 ở đầu: đúng là 00{text} thì định dạng cột "
                        "là Văn bản và gõ lại đủ 12 số")
    if len(text) not in (9, 12):
        raise CellError(f"số định danh có {len(text)} chữ số — CCCD có 12 số, CMND có 9 số")
    return text, None


def parse_count(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError("không phải số")
    if isinstance(value, str):
        text = value.replace(".", "").replace(",", "").replace(" ", "")
        if not text.lstrip("-").isdigit():
            raise CellError("không phải số nguyên — ghi một số, ví dụ 120")
        value = int(text)
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("phải là số nguyên")
        value = int(value)
    if not isinstance(value, int):
        raise CellError("không phải số")
    if value < 0:
        raise CellError("không được là số âm")
    return value


def parse_area(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        raise CellError("không phải số")
    if isinstance(value, str):
        text = value.replace(" ", "").replace("m²", "").replace("m2", "")
        text = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text.replace(",", "")
        try:
            value = float(text)
        except ValueError:
            raise CellError("không phải số — ghi diện tích bằng m², ví dụ 120,5") from None
    if value < 0:
        raise CellError("không được là số âm")
    return float(value)


def choice_lookup(enum: type[Enum]) -> dict[str, Enum]:
    table = {fold(member.value): member for member in enum}
    for member, aliases in ALIASES.items():
        if isinstance(member, enum):
            for alias in aliases:
                table.setdefault(fold(alias), member)
    return table


_LOOKUPS: dict[type[Enum], dict[str, Enum]] = {}


def parse_choice(value, enum: type[Enum]) -> str | None:
    if value is None:
        return None
    lookup = _LOOKUPS.get(enum) or _LOOKUPS.setdefault(enum, choice_lookup(enum))
    member = lookup.get(fold(value))
    if member is None:
        allowed = " · ".join(m.value for m in enum)
        raise CellError(f"không phải giá trị được chấp nhận — chọn một trong: {allowed}")
    return member.value


def parse_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


def parse_cell(column: Column, value):
    """Parse ``value`` for ``column``: returns (typed value, warning or None)."""
    if isinstance(value, UnreadableCell):  # a formula error, a formula never calculated, an over-long text
        raise CellError(value.reason)
    kind = column.cell
    if kind is CellType.YESNO:
        return parse_yesno(value), None
    if kind is CellType.DATE:
        return parse_date(value), None
    if kind is CellType.BIRTH:
        return parse_birth(value), None
    if kind is CellType.PERSON_ID:
        return parse_person_id(value)
    if kind is CellType.IDENTIFIER:
        return parse_identifier(value), None
    if kind is CellType.COUNT:
        return parse_count(value), None
    if kind is CellType.AREA:
        return parse_area(value), None
    if kind is CellType.CHOICE:
        return parse_choice(value, column.choices), None
    return parse_text(value), None  # TEXT and HAMLET (resolved against ThonTo later)


def positions(values: list, marker) -> list[int]:
    """The positions in ``values`` of ``marker`` (by identity). The scan runs in C, as it goes over every cell:
    ``map(is_, …)`` tells each value, ``compress`` keeps the positions where it is the marker."""
    return list(compress(count(), map(is_, values, repeat(marker))))


REQUIRED = "đang để trống — đây là cột bắt buộc, cần điền."
_ONE_BY_ONE = object()  # a cell the quick pass over its column leaves to parse_cell


def parse_column(column: Column, cells: list) -> tuple[list, dict[int, tuple[bool, str]]]:
    """``parse_cell`` of every cell of one column (``None`` for an empty cell), a column at a time: the usual
    cells of the column's type in one quick pass, the others one by one.

    Returns the values (``None`` where the cell is an error) and the problems by position in ``cells``:
    (is an error, message). An empty cell of a required column is an error; a warning keeps the value."""
    blank = _ONE_BY_ONE if column.required else parse_cell(column, None)[0]
    values = _quick_pass(column, cells, blank)
    problems: dict[int, tuple[bool, str]] = {}
    for i in positions(values, _ONE_BY_ONE):
        values[i] = None
        if cells[i] is None:
            problems[i] = (True, REQUIRED)
            continue
        try:
            values[i], warning = parse_cell(column, cells[i])
        except CellError as error:
            problems[i] = (True, str(error))
            continue
        if warning:
            problems[i] = (False, warning)
    return values, problems


def _quick_pass(column: Column, cells: list, blank) -> list:
    """What ``parse_cell`` returns for the cells whose value is plain for the column's type (``blank`` for an
    empty cell); ``_ONE_BY_ONE`` for the others (numbers in a text column, formula errors, typos …)."""
    kind = column.cell
    if kind is CellType.TEXT or kind is CellType.HAMLET:  # text as read (the reader already tidied it)
        return [v if v.__class__ is str else blank if v is None else _ONE_BY_ONE for v in cells]
    if kind is CellType.IDENTIFIER:  # text as typed, unless it is a number written as text "12.0"
        return [v if v.__class__ is str and not v.endswith(".0") else blank if v is None else _ONE_BY_ONE
                for v in cells]
    if kind is CellType.DATE:
        return [v if v.__class__ is dt.date else blank if v is None else _ONE_BY_ONE for v in cells]
    if kind is CellType.BIRTH:  # a date not in the future, or a year written as a number (1990)
        today = dt.date.today()
        return [(v, v.year) if v.__class__ is dt.date and v <= today
                else (None, int(v)) if v.__class__ is float and v.is_integer() and MIN_YEAR <= v <= today.year
                else blank if v is None else _ONE_BY_ONE for v in cells]
    if kind is CellType.PERSON_ID:  # 12 digits (CCCD) or 9 (CMND) written as text
        return [(v if v.__class__ is str and v.isdigit() and len(v) in (9, 12) else _ONE_BY_ONE) if v is not None
                else blank for v in cells]
    if kind is CellType.YESNO or kind is CellType.CHOICE:  # a closed vocabulary: each distinct text parsed once
        known = _parse_texts(column, {v for v in cells if v.__class__ is str})
        return [known.get(v, _ONE_BY_ONE) if v.__class__ is str else blank if v is None else _ONE_BY_ONE
                for v in cells]
    return [blank if v is None else _ONE_BY_ONE for v in cells]


def _parse_texts(column: Column, texts: set[str]) -> dict:
    """text → parsed value, for the texts that parse (the others are parsed again, one by one, for the error)."""
    known = {}
    for text in texts:
        try:
            known[text] = parse_cell(column, text)[0]
        except CellError:
            pass
    return known
