"""Administrative units on the dossier's date (issue 14, item 6): terminal warnings, never document text.

Since 1/7/2025 local government has two tiers (tỉnh → xã, phường, đặc khu; no huyện). A dossier dated on or
after that day whose addressee or distribution names a district-tier unit (huyện, quận, thị xã) gets a
warning. The successor of a merged province (Kon Tum → Quảng Ngãi …) is the 34-province dataset's to tell:
``PROVINCE_HOOK`` is where lacha.rules (the ``province`` work, provinces_2025.toml) plugs its check in —
a callable (names, day) → warnings; until then only the district tier is checked.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable

TWO_TIER_FROM = dt.date(2025, 7, 1)
_DISTRICT = re.compile(r"\b(huyện|quận|thị xã)\b", re.IGNORECASE)

_PROVINCE = re.compile(r"\b(tỉnh|thành phố)\s+[^,;()]+$", re.IGNORECASE)


def merged_provinces(names: Iterable[str], day: dt.date) -> list[str]:
    """A name that holds a province absorbed on ``day`` (the 34-province dataset, lacha.rules.province): a
    warning naming the successor."""
    from lacha.rules.province import merged_for, provinces

    if not merged_for(day):
        return []
    data, warnings = provinces(), []
    for name in names:
        found = _PROVINCE.search(name)
        unit = found.group(0).strip() if found else name
        successor = data.successor(unit)
        if successor is not None and data.absorbed(unit):
            warnings.append(f"“{name}” nêu {unit}, đã sáp nhập vào {successor.name} từ ngày "
                            f"{data.effective:%d/%m/%Y} ({data.source}) — văn bản ngày {day:%d/%m/%Y}: ghi lại nơi "
                            f"gửi bằng --recipient / --copy-to (hoặc các dòng “Kính gửi”, “Nơi nhận”, "
                            "“Tỉnh/Thành phố” của sheet DiaBan).")
    return warnings


# (names, day) → warnings naming the successor of a merged province
PROVINCE_HOOK: Callable[[Iterable[str], dt.date], list[str]] | None = merged_provinces


def unit_warnings(names: Iterable[str], day: dt.date) -> list[str]:
    names = [n for n in dict.fromkeys(names) if n]
    warnings = []
    if day >= TWO_TIER_FROM:
        for name in names:
            if _DISTRICT.search(name):
                warnings.append(f"“{name}” là đơn vị cấp huyện, từ 1/7/2025 không còn (chính quyền địa phương hai "
                                f"cấp) — văn bản ngày {day:%d/%m/%Y}: ghi lại nơi nhận bằng --recipient / --copy-to "
                                "(hoặc dòng “Kính gửi”, “Nơi nhận”, “Cấp trên trực tiếp” của sheet DiaBan).")
    if PROVINCE_HOOK is not None:
        warnings += PROVINCE_HOOK(names, day)
    return warnings
