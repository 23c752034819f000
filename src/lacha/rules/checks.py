"""Reusable pure checks: (snapshot) → Outcome. Plans repeat the same test in
different words; here each test is written once and profiles cite it.

Words as criteria.md defines them:
- *on the territory* (trên địa bàn): Tình trạng is not Chuyển đi or Chết;
- *present* (có mặt tại địa bàn): Tình trạng is Có mặt;
- *active* hotspot on day D: found on or before D and not cleared on or before D;
- *active* suspect: Đang theo dõi, as last updated on or before D;
- *effective* model: Đang duy trì hiệu quả and founded on or before D;
- *resident* who violated drug law (Hải Phòng 2026, criterion 2): on the territory, the violation found
  within the window ending on D (no date: counted, it cannot be shown to be outside).

Status rules (cli.md, evidence.md): a roster never imported gives insufficient_data; over
households and hamlets 0 of 0 is insufficient_data; a "none" over a list (people, hotspots,
violations…) needs the list reviewed: data rows, or its «Không có» row — an imported blank
sheet is not a review and gives insufficient_data naming the sheet.
"""

import datetime as dt
from typing import Callable, Iterable

from lacha.dates import short_date
from lacha.rules.model import Failing, Outcome, PartOutcome, Status
from lacha.snapshot import WardSnapshot
from lacha.vocab import HandlingStatus, HotspotStatus, HotspotType, ModelStatus, PersonStatus, SuspectStatus, SuspectType

ROSTER_NAMES = {
    "hamlets": "thôn, tổ dân phố (ThonTo)",
    "households": "hộ gia đình (HoGiaDinh)",
    "addicts": "người nghiện (NguoiNghien)",
    "users": "người sử dụng trái phép (NguoiSuDung)",
    "post_rehab": "người sau cai nghiện (SauCai)",
    "violations": "vi phạm pháp luật về ma túy (ViPham)",
    "hotspots": "điểm, tụ điểm (DiemTuDiem)",
    "suspects": "đối tượng nghi vấn (DoiTuong)",
    "models": "mô hình (MoHinh)",
    "plants": "cây có chứa chất ma túy (CayMaTuy)",
}
RECORD_KIND = {"addicts": "addict", "users": "user", "post_rehab": "post_rehab", "violations": "violation",
               "hotspots": "hotspot", "suspects": "suspect", "models": "model", "households": "household",
               "hamlets": "hamlet", "plants": "plant"}


def not_imported(snapshot: WardSnapshot, rosters: Iterable[str]) -> list[str]:
    return [r for r in rosters if r not in snapshot.imported]


def unreviewed(snapshot: WardSnapshot, rosters: Iterable[str]) -> list[str]:
    """The rosters whose list was not reviewed (evidence.md): never imported, or imported blank."""
    return [r for r in rosters if not snapshot.reviewed(r)]


def unreviewed_note(snapshot: WardSnapshot, rosters: Iterable[str]) -> str:
    """Why a "none" cannot be read from these lists: never imported, or imported blank (evidence.md)."""
    rosters = list(rosters)
    never = [r for r in rosters if r not in snapshot.imported]
    blank = [r for r in rosters if r in snapshot.imported]
    notes = [missing_note(never)] if never else []
    if blank:
        names = ", ".join(_blank_name(snapshot, r) for r in blank)
        notes.append(f"Danh sách {names} chưa rà soát (sheet trống) — chưa chứng minh được tiêu chí này; "
                     "nếu không có ai / không có điểm nào, ghi «Không có» ở dòng đầu rồi nhập lại.")
    return " ".join(notes)


def _blank_name(snapshot: WardSnapshot, roster: str) -> str:
    review = snapshot.review(roster)
    sheet = review.sheet if review is not None else ROSTER_NAMES[roster].rsplit("(", 1)[-1].rstrip(")")
    return f"{ROSTER_NAMES[roster].split(' (')[0]} (sheet {sheet})"


def evidence(snapshot: WardSnapshot, rosters: Iterable[str]) -> list[dict]:
    """evidence.md: what each list a criterion reads showed at its last import (JSON ``evidence``)."""
    found = []
    for roster in dict.fromkeys(rosters):
        review = snapshot.review(roster)
        sheet = ROSTER_NAMES.get(roster, roster).rsplit("(", 1)[-1].rstrip(")")  # the template's name, stable
        found.append({"sheet": sheet, "reviewed_on": review.reviewed_on.isoformat() if review and review.reviewed
                      and review.reviewed_on else None, "rows": review.rows if review else 0,
                      "attested_none": bool(review and review.attested_none)})
    return found


def evidence_line(item: dict) -> str:
    """One line under the checklist: "Danh sách ViPham: rà soát ngày 10/12/2025 (12 dòng)"."""
    if item["reviewed_on"] is None:
        return f"Danh sách {item['sheet']}: chưa rà soát"
    day = short_date(dt.date.fromisoformat(item["reviewed_on"]))
    if item["attested_none"]:
        return f"Danh sách {item['sheet']}: ghi «Không có» ngày {day}"
    return f"Danh sách {item['sheet']}: rà soát ngày {day} ({item['rows']} dòng)"


def missing_note(missing: list[str]) -> str:
    return "Chưa nhập danh sách " + ", ".join(ROSTER_NAMES[m] for m in missing) + \
        " — chưa chứng minh được tiêu chí này; nhập danh sách (nếu không có ai, ghi «Không có» ở dòng đầu)."


# --- What a record is on day D -------------------------------------------------

def on_or_before(day: dt.date | None, as_of: dt.date) -> bool:
    return day is None or day <= as_of


def on_territory(person) -> bool:
    return PersonStatus(person.status).on_territory


def present(person) -> bool:
    return person.status == PersonStatus.PRESENT


def hotspot_active(hotspot, as_of: dt.date) -> bool:
    if hotspot.found_on is not None and hotspot.found_on > as_of:
        return False
    if hotspot.cleared_on is not None:
        return hotspot.cleared_on > as_of
    return hotspot.status != HotspotStatus.CLEARED


def use_venue(hotspot, as_of: dt.date) -> bool:
    """An Điều 2.1 venue (QĐ 28/2025/QĐ-TTg, Điều 2 khoản 1): điểm tổ chức, chứa chấp sử dụng trái phép chất ma
    túy — suspected or proven — active on the date. The one definition classify and national-2025 share."""
    return hotspot.type == HotspotType.USE_VENUE.value and hotspot_active(hotspot, as_of)


def suspect_active(suspect, as_of: dt.date) -> bool:
    """Đang theo dõi from Ngày cập nhật on; a closed record was still watched before that date."""
    if suspect.status == SuspectStatus.WATCHED:
        return on_or_before(suspect.updated_on, as_of)
    return suspect.updated_on is not None and suspect.updated_on > as_of


def model_effective(model, as_of: dt.date) -> bool:
    return model.status == ModelStatus.EFFECTIVE and on_or_before(model.founded_on, as_of)


def failing_person(snapshot: WardSnapshot, roster: str, person, reason: str) -> Failing:
    return Failing(RECORD_KIND[roster], person.key, person.name, reason, snapshot.hamlet_name(person.hamlet_code))


# --- "There is none" ------------------------------------------------------------

def none_found(snapshot: WardSnapshot, rosters: tuple[str, ...], found: list[Failing], what: str) -> Outcome:
    """Passes when nothing was found and every roster it reads was reviewed (evidence.md)."""
    missing = unreviewed(snapshot, rosters)
    if found:
        return Outcome(Status.FAIL, len(found), None, tuple(found),
                       f"Còn {len(found)} {what} vào ngày {short_date(snapshot.as_of)}.")
    if missing:
        return Outcome(Status.INSUFFICIENT, 0, None, (), unreviewed_note(snapshot, missing))
    return Outcome(Status.PASS, 0, None, (), f"Không có {what} vào ngày {short_date(snapshot.as_of)}.")


def active_hotspots(snapshot: WardSnapshot, types: frozenset[str] | None = None) -> list[Failing]:
    return [Failing("hotspot", h.key, h.name, f"{h.type or 'Điểm'} đang hoạt động" +
                    (f" (phát hiện {short_date(h.found_on)})" if h.found_on else ""),
                    snapshot.hamlet_name(h.hamlet_code))
            for h in snapshot.hotspots
            if hotspot_active(h, snapshot.as_of) and (types is None or h.type in types or h.type is None)]


def active_suspects(snapshot: WardSnapshot, types: frozenset[str]) -> list[Failing]:
    return [Failing("suspect", s.key, s.name, f"{s.type or 'Đối tượng'} đang theo dõi",
                    snapshot.hamlet_name(s.hamlet_code))
            for s in snapshot.suspects if s.type in types and suspect_active(s, snapshot.as_of)]


# --- "100% of …" ----------------------------------------------------------------

def no_hotspots_or_retailers(snapshot: WardSnapshot) -> Outcome:
    """No active hotspot of any kind and no active đối tượng bán lẻ (kontum a, laocai 1)."""
    found = active_hotspots(snapshot) + active_suspects(snapshot, frozenset({SuspectType.RETAILER.value}))
    return none_found(snapshot, ("hotspots", "suspects"), found, "điểm, tụ điểm hoặc đối tượng bán lẻ đang hoạt động")


SUSPECT_NETWORKS = frozenset({SuspectType.PERSON.value, SuspectType.GROUP.value, SuspectType.NETWORK.value})


def no_suspect_networks(snapshot: WardSnapshot) -> Outcome:
    """No đối tượng, ổ nhóm, đường dây nghi vấn still watched (kontum b, laocai 2)."""
    return none_found(snapshot, ("suspects",), active_suspects(snapshot, SUSPECT_NETWORKS),
                      "đối tượng, ổ nhóm, đường dây nghi vấn đang theo dõi")


def share_of_people(snapshot: WardSnapshot, roster: str, who: Callable, has: Callable, lacking: str,
                    nobody: str) -> Outcome:
    """Every person of ``roster`` selected by ``who`` satisfies ``has``; a reviewed list with nobody passes,
    a list never imported or imported blank is insufficient_data (evidence.md)."""
    if not snapshot.reviewed(roster):
        return Outcome(Status.INSUFFICIENT, None, None, (), unreviewed_note(snapshot, [roster]))
    people = [p for p in getattr(snapshot, roster) if who(p)]
    failing = tuple(failing_person(snapshot, roster, p, lacking) for p in people if not has(p))
    numerator, denominator = len(people) - len(failing), len(people)
    if not people:
        return Outcome(Status.PASS, 0, 0, (), nobody)
    status = Status.FAIL if failing else Status.PASS
    return Outcome(status, numerator, denominator, failing, f"{numerator}/{denominator} người.")


def managed(person, as_of: dt.date) -> bool:
    """Has a management file made on or before the as-of date."""
    return bool(person.has_management_file) and on_or_before(person.management_file_on, as_of)


def addicts_managed(s: WardSnapshot) -> Outcome:
    """Every addict on the territory has a management file (dated on or before the as-of date)."""
    return share_of_people(s, "addicts", on_territory, lambda p: managed(p, s.as_of),
                           "Chưa có hồ sơ quản lý", "Không có người nghiện trên địa bàn.")


def present_addicts_with_rehab_file(s: WardSnapshot) -> Outcome:
    """Every present addict has a rehab file (hồ sơ áp dụng hình thức cai nghiện)."""
    return share_of_people(s, "addicts", present, lambda p: p.has_rehab_file,
                           "Có mặt nhưng chưa lập hồ sơ cai nghiện", "Không có người nghiện có mặt tại địa bàn.")


def post_rehab_managed(s: WardSnapshot) -> Outcome:
    """Every post-rehab person on the territory has a post-rehab management file."""
    return share_of_people(s, "post_rehab", on_territory, lambda p: p.has_post_rehab_file,
                           "Chưa có hồ sơ quản lý sau cai", "Không có người sau cai nghiện trên địa bàn.")


def present_users_managed(s: WardSnapshot) -> Outcome:
    """Every present user has a management file (dated on or before the as-of date)."""
    return share_of_people(s, "users", present, lambda p: managed(p, s.as_of),
                           "Có mặt nhưng chưa lập hồ sơ quản lý", "Không có người sử dụng trái phép có mặt tại địa bàn.")


def all_parts(parts: list[PartOutcome], sum_counts: bool = True) -> Outcome:
    """A criterion made of sub-conditions: fails if any fails, else insufficient if any is, else passes.

    ``sum_counts``: add up the parts' counts (people); False when they count different things
    (households and hamlets), and each part reports its own.
    """
    statuses = [p.outcome.status for p in parts]
    status = Status.FAIL if Status.FAIL in statuses else \
        Status.INSUFFICIENT if Status.INSUFFICIENT in statuses else Status.PASS
    counted = [p.outcome for p in parts if p.outcome.denominator is not None and sum_counts]
    numerator = sum(o.numerator for o in counted) if counted else None
    denominator = sum(o.denominator for o in counted) if counted else None
    failing = tuple(f for p in parts for f in p.outcome.failing)
    note = " ".join(f"({p.id}) {p.outcome.note}" for p in parts if p.outcome.note)
    return Outcome(status, numerator, denominator, failing, note, tuple(parts))


def households_signed(snapshot: WardSnapshot) -> Outcome:
    """Every household has signed; denominator = max(rows, declared Số hộ)."""
    if "households" not in snapshot.imported:
        return Outcome(Status.INSUFFICIENT, None, None, (), missing_note(["households"]))
    as_of = snapshot.as_of
    names = {h.key: h.name for h in snapshot.hamlets}
    signed = [h for h in snapshot.households if h.signed and on_or_before(h.signed_on, as_of)]
    signed_keys = {h.key for h in signed}
    failing = tuple(Failing("household", h.key, h.head,
                            "Chưa ký cam kết" if not h.signed else f"Ký ngày {short_date(h.signed_on)}, sau ngày đánh giá",
                            names.get(h.hamlet_code, h.hamlet_code or ""))
                    for h in snapshot.households if h.key not in signed_keys)
    declared_ward = snapshot.ward.households_declared or 0
    declared_hamlets = sum(h.households_declared or 0 for h in snapshot.hamlets)
    rows = len(snapshot.households)
    denominator = max(rows, declared_ward, declared_hamlets)
    if denominator == 0:
        return Outcome(Status.INSUFFICIENT, 0, 0, (), "Chưa có hộ gia đình nào trong danh sách và chưa khai báo "
                       "Số hộ — không thể tính tỉ lệ (0/0 không phải 100%).")
    notes = [f"{len(signed)}/{denominator} hộ đã ký cam kết."]
    if denominator > rows:
        source = "DiaBan" if denominator == declared_ward else "ThonTo"
        notes.append(f"Số hộ khai báo ({source}) là {denominator} nhưng danh sách chỉ có {rows} hộ: "
                     f"{denominator - rows} hộ chưa có trong danh sách được tính là chưa ký.")
    status = Status.PASS if len(signed) == denominator else Status.FAIL
    return Outcome(status, len(signed), denominator, failing, " ".join(notes))


def hamlets_equipped(snapshot: WardSnapshot) -> Outcome:
    """Every hamlet has a denunciation mailbox and a hotline board."""
    if "hamlets" not in snapshot.imported:
        return Outcome(Status.INSUFFICIENT, None, None, (), missing_note(["hamlets"]))
    hamlets = snapshot.hamlets
    if not hamlets:
        return Outcome(Status.INSUFFICIENT, 0, 0, (), "Danh sách thôn, tổ dân phố trống — không thể tính tỉ lệ.")
    failing = []
    for h in hamlets:
        lacking = [what for what, has in (("hòm thư tố giác", h.mailbox), ("bảng niêm yết đường dây nóng",
                                                                              h.hotline_board)) if not has]
        if lacking:
            failing.append(Failing("hamlet", h.key, h.name, "Chưa có " + " và ".join(lacking), h.name))
    numerator = len(hamlets) - len(failing)
    status = Status.FAIL if failing else Status.PASS
    return Outcome(status, numerator, len(hamlets), tuple(failing),
                   f"{numerator}/{len(hamlets)} thôn, tổ dân phố có đủ hòm thư và bảng niêm yết.")


def effective_models(snapshot: WardSnapshot, minimum: int) -> Outcome:
    """At least ``minimum`` models maintained effectively on the as-of date."""
    if "models" not in snapshot.imported:
        return Outcome(Status.INSUFFICIENT, None, None, (), missing_note(["models"]))
    as_of = snapshot.as_of
    effective = [m for m in snapshot.models if model_effective(m, as_of)]
    if len(effective) >= minimum:
        names = ", ".join(m.name for m in effective)
        return Outcome(Status.PASS, len(effective), None, (), f"{len(effective)} mô hình duy trì hiệu quả: {names}.")
    failing = tuple(Failing("model", m.key, m.name,
                            f"Thành lập {short_date(m.founded_on)}, sau ngày đánh giá" if m.founded_on and
                            m.founded_on > as_of and m.status == ModelStatus.EFFECTIVE
                            else f"Tình trạng: {m.status or 'chưa đánh giá'}")
                    for m in snapshot.models if m not in effective)
    return Outcome(Status.FAIL, len(effective), None, failing,
                   f"Cần ít nhất {minimum:02d} mô hình đang duy trì hiệu quả; hiện có {len(effective)}.")


# --- "No resident who …" (Hải Phòng 2026, national không ma túy) ---------------

def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the last day of the month when it does not exist)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def window_text(as_of: dt.date, months: int) -> str:
    """'12 tháng (15/12/2023 – 14/12/2024)' or 'không giới hạn thời gian' for 0."""
    if not months:
        return "không giới hạn thời gian (mọi vi phạm đã ghi nhận)"
    start = months_before(as_of, months) + dt.timedelta(days=1)
    return f"{months} tháng ({short_date(start)} – {short_date(as_of)})"


def in_window(day: dt.date | None, as_of: dt.date, months: int) -> bool:
    """Found on or before ``as_of`` and within ``months`` months of it (0: any time); no date counts."""
    if day is None:
        return True
    return day <= as_of and (not months or day > months_before(as_of, months))


def present_not_exempt(snapshot: WardSnapshot, exempt_forms: tuple[str, ...]) -> list[Failing]:
    """Present addicts whose rehab form is not exempt, and every present user."""
    found = [failing_person(snapshot, "addicts", p, f"Người nghiện có mặt, hình thức cai nghiện: "
                            f"{p.rehab_form or 'chưa có'} (không thuộc diện trừ)")
             for p in snapshot.addicts if present(p) and p.rehab_form not in exempt_forms]
    found += [failing_person(snapshot, "users", p, "Người sử dụng trái phép có mặt tại nơi cư trú")
              for p in snapshot.users if present(p)]
    return found


def resident_violators(snapshot: WardSnapshot, window_months: int) -> list[Failing]:
    """Residents (on the territory) who violated drug law within the window, and drug fugitives at large."""
    as_of, found = snapshot.as_of, []
    for v in snapshot.violations:
        if v.wanted and v.handling_status == HandlingStatus.AT_LARGE.value and on_or_before(v.found_on, as_of):
            found.append(failing_person(snapshot, "violations", v, "Đối tượng truy nã về ma túy đang lẩn trốn"))
        elif on_territory(v) and in_window(v.found_on, as_of, window_months):
            when = f"phát hiện {short_date(v.found_on)}" if v.found_on else "không rõ ngày phát hiện"
            found.append(failing_person(snapshot, "violations", v, f"Vi phạm pháp luật về ma túy"
                                        f"{': ' + v.act if v.act else ''} ({when})"))
    return found


def placed_hotspots(snapshot: WardSnapshot, types: frozenset[str] | None, hamlet: str | None) -> tuple[list, list]:
    """Active hotspots (of ``types``) in ``hamlet`` and those whose hamlet is not recorded (for a hamlet scope)."""
    found = active_hotspots(snapshot, types)
    if hamlet is None:
        return found, []
    codes = {h.key: h.hamlet_code for h in snapshot.hotspots}
    return [f for f in found if codes.get(f.key) == hamlet], [f for f in found if codes.get(f.key) is None]


def plant_findings(snapshot: WardSnapshot, window_months: int) -> list[Failing]:
    return [Failing("plant", p.key, f"{p.plant_count or 0} cây, {str(p.area_m2 or 0).replace('.', ',')} m²",
                    f"Phát hiện cây có chứa chất ma túy ngày {short_date(p.found_on)}",
                    snapshot.hamlet_name(p.hamlet_code))
            for p in snapshot.plants if in_window(p.found_on, snapshot.as_of, window_months)]
