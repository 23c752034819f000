"""Vietnamese words for lacha's internal keys (issue 15, item 7): what an officer reads instead of
'addicts', 'post_rehab' or 'exempt_rehab_forms'."""

from lacha.rules.checks import ROSTER_NAMES

RECORD_KINDS = {
    "addict": "Người nghiện", "user": "Người sử dụng trái phép", "post_rehab": "Người sau cai nghiện",
    "violation": "Người vi phạm", "hotspot": "Điểm, tụ điểm", "suspect": "Đối tượng nghi vấn",
    "model": "Mô hình", "household": "Hộ gia đình", "hamlet": "Thôn, tổ dân phố", "plant": "Cây có chứa chất ma túy",
}


def record_kind_label(kind: str) -> str:
    """'addict' → 'Người nghiện' (the kind itself when lacha has no word for it)."""
    return RECORD_KINDS.get(kind, kind)


def roster_label(roster: str) -> str:
    """'addicts' → 'người nghiện (NguoiNghien)': the list and the sheet it is imported from."""
    return ROSTER_NAMES.get(roster, roster)


def parameter_label(name: str, parameters) -> str:
    """A parameter's meaning ('Các hình thức cai nghiện được miễn…'), its name when it has none."""
    p = parameters.get(name)
    return (p.description or name) if p is not None else name
