"""Vietnamese text: the one place where strings are normalised and folded.

``fold`` is how headers, sheet names, hamlet names and category values are
compared (roster-format.md, Tolerance 3, 7 and 9): NFC, lower case, no
diacritics (đ → d), punctuation and white space collapsed. Folding also
unifies old-style tone placement ("Hoà" / "Hòa"), which NFC does not.
"""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def clean(value: str) -> str:
    """NFC, trimmed, inner runs of white space reduced to one space."""
    if not value.isascii() and not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if not value.isprintable() or "  " in value or value[:1] == " " or value[-1:] == " ":
        value = _SPACES.sub(" ", value).strip()  # isprintable() is False for any white space but " "
    return value


def strip_diacritics(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value)
    base = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return base.replace("đ", "d").replace("Đ", "D")


@functools.lru_cache(maxsize=1 << 16, typed=True)  # whole columns repeat a few values: Có, Không, T001, Có mặt …
def fold(value: object) -> str:
    """Comparison key: 'Họ và  tên' → 'ho va ten'; 'Thôn/Tổ' → 'thon to'."""
    if value is None:
        return ""
    text = strip_diacritics(unicodedata.normalize("NFC", str(value))).lower()
    return _NON_WORD.sub(" ", text).strip()


def fold_tight(value: object) -> str:
    """Folded with no separators at all, so 'DiemTuDiem' equals 'Điểm, tụ điểm'."""
    return fold(value).replace(" ", "")


def slugify(value: str) -> str:
    """'Phường Nguyễn Trãi' → 'phuong-nguyen-trai'."""
    return fold(value).replace(" ", "-")


WARD_TYPES = ("thi tran", "dac khu", "phuong", "xa")


def slug_from_name(name: str) -> str:
    """'Phường Nguyễn Trãi' → 'nguyen-trai' (drops the unit type)."""
    folded = fold(name)
    for unit in WARD_TYPES:
        if folded.startswith(unit + " "):
            folded = folded[len(unit) + 1:]
            break
    return folded.replace(" ", "-")


def ward_slug(text: str) -> str:
    """What an officer types after --ward: a slug stays as it is ('xa-thu'); a name
    ('Phường Nguyễn Trãi', 'Nguyễn Trãi') becomes its slug without the unit type."""
    return text if text == slugify(text) else slug_from_name(text)


def vn_number(n: int) -> str:
    """1240 → '1.240', 20041 → '20.041': the Vietnamese thousands separator, one format everywhere."""
    return f"{n:,}".replace(",", ".")
