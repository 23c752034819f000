"""Problems found while reading a workbook: each names sheet, Excel row, column and value."""

from dataclasses import dataclass


def column_letter(index: int) -> str:
    """0 → 'A', 27 → 'AB'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Issue:
    """An error (import refused) or a warning (import goes on, summary lists it)."""

    sheet: str
    row: int | None  # as Excel shows it (1-based)
    column: str | None  # the header as written in the file
    column_index: int | None  # 0-based, for the letter
    value: object
    reason: str
    error: bool = True

    def __str__(self) -> str:
        where = [f"Sheet {self.sheet}"]
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column is not None:
            letter = f" ({column_letter(self.column_index)})" if self.column_index is not None else ""
            where.append(f"cột {self.column}{letter}")
        head = ", ".join(where)
        if self.value is None or self.value == "":
            return f"{head}: {self.reason}"
        return f"{head}: '{_show(self.value)}' {self.reason}"


def _show(value: object) -> str:
    text = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return text if len(text) <= 80 else text[:77] + "…"
