"""Matching what officers write in a Thôn/Tổ cell to a hamlet of the ward.

A cell may hold the hamlet's code ("T1") or its name ("Tổ 1", "tổ 1" in NFD,
"Tổ dân phố số 1"), compared folded. What follows the unit word, with or
without it ("2", "Tổ 02", "Hoà Bình" for "Thôn Hòa Bình"; numbers compared as
numbers), is also accepted when it names exactly one hamlet.
"""

import re

from lacha.text import fold, fold_tight

_UNIT = re.compile(r"^(to dan pho|khu dan cu|khu pho|khoi pho|tdp|to|thon|ban|ap|khoi|xom|lang|khu|buon|plei)"
                   r"( so)? ")


def short_name(text: str) -> str | None:
    """'Tổ dân phố số 01' → '1', 'Thôn Hòa Bình' → 'hoabinh'; None when there is no unit word."""
    folded = fold(text)
    match = _UNIT.match(folded + " ")
    rest = folded[match.end():].replace(" ", "") if match else ""
    return _number(rest) or None


def _number(text: str) -> str:
    """'01' → '1': hamlet numbers compare as numbers."""
    return str(int(text)) if text.isdigit() else text


class HamletIndex:
    def __init__(self, hamlets: dict[str, str]):
        """``hamlets`` maps code → name."""
        self.names = dict(hamlets)
        self._exact: dict[str, str] = {}
        short: dict[str, set[str]] = {}
        for code, name in hamlets.items():
            self._exact.setdefault(fold_tight(code), code)
            self._exact.setdefault(fold_tight(name), code)
            for text in (code, name):
                alias = short_name(text)
                if alias:
                    short.setdefault(alias, set()).add(code)
        self._short = {alias: codes.pop() for alias, codes in short.items() if len(codes) == 1}

    def resolve(self, text: str) -> str | None:
        code = self._exact.get(fold_tight(text))
        if code is None:
            alias = short_name(text) or _number(fold_tight(text))  # 'Tổ 02', '2', 'Hoà Bình' for 'Tổ 2'…
            code = self._short.get(alias) if alias else None
        return code

    def describe(self) -> str:
        if not self.names:
            return "địa bàn chưa có danh sách thôn, tổ dân phố — thêm sheet ThonTo vào tệp."
        listed = ", ".join(f"{name} ({code})" for code, name in list(self.names.items())[:20])
        more = "…" if len(self.names) > 20 else ""
        return f"các thôn, tổ đã có: {listed}{more} — thêm thôn, tổ này vào sheet ThonTo hoặc sửa lại cho đúng."
