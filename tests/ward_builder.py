"""A small fictional ward for the tests of report, history, export and past dates (issue 5).

``write(path, households=[...], addicts=[...], ...)`` writes a canonical roster
workbook with ``lacha.workbook_writer.write_workbook``: the ward (DiaBan), its
two khu phố (ThonTo) and the rosters given. Every name, number and place is
invented.
"""

import datetime as dt
from pathlib import Path

from lacha.workbook_writer import write_workbook

D = dt.date

WARD = {
    "slug": "hoa-an", "name": "Phường Hòa An", "kind": "Phường", "province": "Tỉnh Đồng Nai",
    "parent": "Ủy ban nhân dân thành phố Biên Hòa", "population": 8000, "households_declared": 4,
    "profile": "kontum-2024", "signer": "Trần Văn Bình", "signer_title": "Chủ tịch",
}
HAMLETS = [
    {"key": "KP1", "name": "Khu phố 1", "households_declared": 2, "mailbox": True, "hotline_board": True},
    {"key": "KP2", "name": "Khu phố 2", "households_declared": 2, "mailbox": True, "hotline_board": True},
]


def household(key: str, hamlet: str, signed_on: dt.date | None = None, signed: bool | None = None, **extra) -> dict:
    return {"key": key, "head": f"Chủ hộ {key}", "hamlet_code": hamlet,
            "signed": bool(signed_on) if signed is None else signed, "signed_on": signed_on, **extra}


def person(key: str, name: str, hamlet: str, birth: dt.date | int | None = 1990, **extra) -> dict:
    return {"key": key, "name": name, "hamlet_code": hamlet, "birth": birth, "gender": "Nam", **extra}


def hotspot(key: str, hamlet: str, found_on: dt.date | None = None, cleared_on: dt.date | None = None,
            **extra) -> dict:
    status = "Đã triệt xóa" if cleared_on else "Đang hoạt động"
    return {"key": key, "name": f"Điểm {key}", "type": "Điểm bán lẻ", "hamlet_code": hamlet, "found_on": found_on,
            "status": extra.pop("status", status), "cleared_on": cleared_on, **extra}


def model(name: str, founded_on: dt.date | None, status: str = "Đang duy trì hiệu quả") -> dict:
    return {"name": name, "type": "Câu lạc bộ", "founded_on": founded_on, "status": status}


def write(path: Path, ward: dict | None = None, hamlets: list | None = None, **rosters) -> Path:
    """The ward and its khu phố, plus ``rosters`` (kind → rows); a kind not given gets no sheet, a kind given
    with no rows gets the «Không có» row (a list reviewed and found empty, evidence.md)."""
    rows = {"hamlets": HAMLETS if hamlets is None else hamlets, **rosters}
    write_workbook(path, WARD if ward is None else ward, rows,
                   none_rows=[kind for kind, kind_rows in rosters.items() if not kind_rows])
    return Path(path)
