"""``national-2025`` — "Địa bàn không ma túy" at commune level, QĐ 28/2025/QĐ-TTg, Điều 6 (qd28-2025.md).

Confirmed text: the three criteria are Điều 6 khoản 1, 2, 3 word for word. lacha's readings of what the
text leaves open (qd28-2025.md, "How lacha reads it"):
- exemptions exactly as the text names them: thuốc thay thế, cai nghiện tại gia đình, cộng đồng, đang bị
  quản lý sau cai (no "tự nguyện" condition);
- "hiện đang cư trú" for a person in a rehab facility or in prison: one parameter
  (``away_in_facility_or_prison_resident``), lacha's reading, printed beside criterion 1;
- violations counted in the kỳ đánh giá holding the as-of date (Điều 7 khoản 1), plus drug fugitives at large;
- criterion 3 counts Điều 2.1 venues only (``checks.use_venue``, the definition ``lacha classify`` uses);
  other hotspot kinds are listed as "lưu ý", never as the reason it fails;
- a criterion resting on a list not reviewed, or reviewed before the period began, is insufficient_data.
"""

from lacha.dates import short_date
from lacha.rules import checks
from lacha.rules.citation import DocumentRef
from lacha.rules.model import Criterion, Outcome, Profile, Status, Values
from lacha.rules.params import load_parameters
from lacha.rules.period import period_holding
from lacha.snapshot import WardSnapshot
from lacha.vocab import HandlingStatus, PersonStatus

LAW = "QĐ 28/2025/QĐ-TTg"
DECISION = "Quyết định 28/2025/QĐ-TTg ngày 24/8/2025 của Thủ tướng Chính phủ"
SOURCE = f"{DECISION}, Điều 6 (tiêu chí xác định địa bàn không ma túy)"
PARAMETERS = load_parameters(__file__)
AWAY = (PersonStatus.IN_FACILITY.value, PersonStatus.IN_PRISON.value)


def _evidence(s: WardSnapshot, rosters: tuple[str, ...]) -> Outcome | None:
    """insufficient_data when a list was not reviewed, or reviewed before the period began (evidence.md)."""
    period = period_holding(s.as_of)
    missing = checks.unreviewed(s, rosters)
    if missing:
        return Outcome(Status.INSUFFICIENT, 0, None, (), checks.missing_note(missing))
    for kind in rosters:
        review = s.review(kind)
        if review is not None and review.reviewed_on is not None and review.reviewed_on < period.start:
            return Outcome(Status.INSUFFICIENT, 0, None, (),
                           f"Danh sách {checks.ROSTER_NAMES[kind]} rà soát ngày {short_date(review.reviewed_on)}, "
                           f"trước {period.text()} — rà soát lại trong kỳ rồi nhập lại.")
    return None


def _resident(person, away_counts: bool) -> bool:
    """Hiện đang cư trú (qd28-2025.md): on the territory — present or temporarily absent (vắng mặt); not moved
    away or dead; in a facility or in prison only by the named reading."""
    if not checks.on_territory(person):
        return False
    return away_counts or person.status not in AWAY


def _under_after_care(p, as_of) -> bool:
    """Đang bị quản lý sau cai nghiện: a file, on the territory, and the term still running on the date
    (Quản lý đến ngày on or after it; not written: running, as the file says so)."""
    return p.has_post_rehab_file and checks.on_territory(p) and (p.managed_until is None or p.managed_until >= as_of)


def no_resident_addicts_or_users(s: WardSnapshot, v: Values) -> Outcome:
    # "Không có người hiện đang cư trú trên địa bàn nghiện ma túy, sử dụng trái phép chất ma túy, trừ người đang
    # tham gia điều trị nghiện ma túy bằng thuốc thay thế, người đang cai nghiện tại gia đình, cộng đồng và người
    # đang bị quản lý sau cai nghiện ma túy." (Điều 6 khoản 1)
    away = bool(v.get("away_in_facility_or_prison_resident", False))
    reading = ("Cách đọc “hiện đang cư trú”: người đang cai nghiện tại cơ sở, đang chấp hành án "
               + ("được tính là cư trú" if away else "không tính là cư trú")
               + " (QĐ 28/2025/QĐ-TTg, Điều 6 khoản 1 không nêu rõ trường hợp này; đây là cách hiểu đang áp dụng, cần theo hướng dẫn của Bộ Công an).")
    lacking = _evidence(s, ("addicts", "users"))
    if lacking:
        return Outcome(lacking.status, note=f"{lacking.note} {reading}")
    exempt = tuple(v["exempt_rehab_forms"])
    after_care = {p.key for p in s.post_rehab if _under_after_care(p, s.as_of)}
    found, spared = [], 0
    for roster in ("addicts", "users"):
        for p in getattr(s, roster):
            if not _resident(p, away):
                continue
            if p.key in after_care or (roster == "addicts" and p.rehab_form in exempt):
                spared += 1
                continue
            what = "Người nghiện" if roster == "addicts" else "Người sử dụng trái phép"
            form = f", hình thức cai nghiện: {p.rehab_form or 'chưa có'}" if roster == "addicts" else ""
            found.append(checks.failing_person(s, roster, p, f"{what} hiện đang cư trú{form} (không thuộc diện trừ)"))
    outcome = checks.none_found(s, ("addicts", "users"), found,
                                "người nghiện, người sử dụng trái phép hiện đang cư trú (ngoài diện được trừ)")
    note = outcome.note
    if spared:
        note += (f" Được trừ: {spared} người đang điều trị thay thế, cai nghiện tại gia đình, cộng đồng hoặc "
                 "đang bị quản lý sau cai nghiện.")
    return Outcome(outcome.status, outcome.numerator, outcome.denominator, outcome.failing, f"{note} {reading}")


def no_violators(s: WardSnapshot, v: Values) -> Outcome:
    # "Không có người hiện đang cư trú trên địa bàn vi phạm pháp luật về ma túy trên địa bàn, không có đối tượng
    # bị truy nã do phạm tội về ma túy lẩn trốn trên địa bàn." (Điều 6 khoản 2)
    period = period_holding(s.as_of)
    lacking = _evidence(s, ("violations",))
    if lacking:
        return lacking
    found, unsure = [], []
    for x in s.violations:
        if x.wanted and x.handling_status in (HandlingStatus.AT_LARGE.value, None) and \
                checks.on_or_before(x.found_on, s.as_of):
            if x.handling_status is None:  # a wanted person whose status nobody wrote may still be at large
                unsure.append(checks.failing_person(s, "violations", x, "Đối tượng truy nã, chưa ghi Tình trạng xử lý"))
            else:
                found.append(checks.failing_person(s, "violations", x, "Đối tượng truy nã về ma túy đang lẩn trốn"))
        elif checks.on_territory(x) and x.found_on is None:
            unsure.append(checks.failing_person(s, "violations", x, "Vi phạm chưa ghi Ngày phát hiện: không biết có "
                                                "thuộc kỳ đánh giá hay không"))
        elif checks.on_territory(x) and period.contains(x.found_on):
            found.append(checks.failing_person(s, "violations", x, "Vi phạm pháp luật về ma túy"
                                               f"{': ' + x.act if x.act else ''} (phát hiện {short_date(x.found_on)})"))
    outcome = checks.none_found(s, ("violations",), found, "người cư trú vi phạm hoặc đối tượng truy nã lẩn trốn")
    if outcome.status is Status.PASS and unsure:  # an unknown is never read as "none"
        return Outcome(Status.INSUFFICIENT, len(unsure), None, tuple(unsure),
                       f"Chưa đủ dữ liệu: {len(unsure)} trường hợp chưa ghi đủ để xét (Ngày phát hiện hoặc Tình "
                       f"trạng xử lý) — bổ sung rồi nhập lại. Vi phạm xét trong {period.text()}.")
    return Outcome(outcome.status, outcome.numerator, outcome.denominator, outcome.failing + tuple(unsure),
                   f"{outcome.note} Vi phạm xét trong {period.text()}.")


def no_use_venues(s: WardSnapshot, v: Values) -> Outcome:
    # "Không có điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy." (Điều 6 khoản 3; Điều 2 khoản 1: nghi vấn
    # hoặc có tài liệu xác định)
    lacking = _evidence(s, ("hotspots",))
    if lacking:
        return lacking
    found = [f for f in checks.active_hotspots(s) if any(h.key == f.key and checks.use_venue(h, s.as_of)
                                                          for h in s.hotspots)]
    others = [h for h in s.hotspots if checks.hotspot_active(h, s.as_of) and not checks.use_venue(h, s.as_of)]
    outcome = checks.none_found(s, ("hotspots",), found, "điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy")
    untyped = [f for f in checks.active_hotspots(s) if any(h.key == f.key and not h.type for h in s.hotspots)]
    if outcome.status is Status.PASS and untyped:  # a place of unknown kind may be an Điều 2.1 venue
        return Outcome(Status.INSUFFICIENT, len(untyped), None, tuple(untyped),
                       f"Chưa đủ dữ liệu: {len(untyped)} điểm đang hoạt động chưa ghi Loại điểm — có thể là điểm tổ "
                       "chức, chứa chấp sử dụng (Điều 2 khoản 1); ghi Loại điểm rồi nhập lại.")
    note = outcome.note
    if others:
        note += (f" Lưu ý: còn {len(others)} điểm khác đang hoạt động (" + "; ".join(
            f"{h.name} — {h.type or 'không rõ loại'}" for h in others) +
            ") — không thuộc Điều 6 khoản 3, không làm chưa đạt tiêu chí này nhưng cần theo dõi.")
    return Outcome(outcome.status, outcome.numerator, outcome.denominator, outcome.failing, note)


PROFILE = Profile(
    id="national-2025",
    title=f"Địa bàn cấp xã không ma túy — {LAW}, Điều 6",
    source=SOURCE,
    document=DocumentRef("Quyết định", "Thủ tướng Chính phủ", "ban hành tiêu chí xác định tuyến, địa bàn trọng "
                         "điểm phức tạp về ma túy, địa bàn không ma túy", number="28/2025/QĐ-TTg", date="24/8/2025"),
    level="commune",
    description="Ba tiêu chí xác định địa bàn không ma túy cấp xã, phường, đặc khu (Điều 6); kỳ đánh giá từ "
                "15/12 năm trước đến 14/12 năm sau (Điều 7 khoản 1)",
    parameters=PARAMETERS,
    criteria=(
        Criterion("1", "Không có người hiện đang cư trú trên địa bàn nghiện ma túy, sử dụng trái phép chất ma túy, trừ "
                       "người đang tham gia điều trị nghiện ma túy bằng thuốc thay thế, người đang cai nghiện tại gia "
                       "đình, cộng đồng và người đang bị quản lý sau cai nghiện ma túy.",
                  "Không có người nghiện, người sử dụng hiện đang cư trú (trừ diện được trừ)",
                  f"{LAW}, Điều 6 khoản 1", ("addicts", "users", "post_rehab"), no_resident_addicts_or_users,
                  "Vận động, đưa người được nêu đi điều trị thay thế hoặc cai nghiện; cập nhật Hình thức cai nghiện "
                  "và Tình trạng trong sheet NguoiNghien, NguoiSuDung, SauCai.",
                  uses=("exempt_rehab_forms", "away_in_facility_or_prison_resident")),
        Criterion("2", "Không có người hiện đang cư trú trên địa bàn vi phạm pháp luật về ma túy trên địa bàn, không có "
                       "đối tượng bị truy nã do phạm tội về ma túy lẩn trốn trên địa bàn.",
                  "Không có người vi phạm, đối tượng truy nã lẩn trốn", f"{LAW}, Điều 6 khoản 2", ("violations",),
                  no_violators, "Xác minh từng trường hợp trong sheet ViPham (Ngày phát hiện, Tình trạng xử lý)."),
        Criterion("3", "Không có điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy.",
                  "Không có điểm tổ chức, chứa chấp sử dụng", f"{LAW}, Điều 6 khoản 3", ("hotspots",), no_use_venues,
                  "Triệt xóa các điểm còn hoạt động; ghi Ngày triệt xóa trong sheet DiemTuDiem."),
    ),
)
