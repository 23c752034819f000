"""The one context both dossiers (.html and .docx) are rendered from.

``dossier_context`` turns an Assessment into a plain dict of ready-to-print
Vietnamese strings (numbers as "1.240", dates as "14/12/2024", statuses as
"Đạt / Chưa đạt / Chưa đủ dữ liệu"), so the two templates only place text and
both show the numbers of ``assess --format json``. Templates escape every
value; this module also strips the control characters Excel allows and XML
forbids, and masks personal data (CCCD shows its last 4 digits unless
``full_ids``; ``anonymous`` reduces names to initials). The variables are
documented in templates/README.md.
"""

import re
from typing import Any

from lacha.assess import Assessment, CriterionResult
from lacha.dates import short_date, vn_date
from lacha.report.appendices import Privacy, build_appendices
from lacha.report.console import vn_number
from lacha.report.filed import (
    attached_note,
    documents_list,
    minutes_context,
    number_line,
)
from lacha.report.filing import (
    addressee_list,
    distribution_list,
    document_numbers,
    split_list,  # noqa: F401  (situation_doc imports it from here)
)
from lacha.rules.checks import ROSTER_NAMES
from lacha.rules.model import Failing, Outcome, Status

# Characters XML 1.0 forbids (Excel cells may hold them): stripped from every string.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

UNIT = {"households": "hộ", "hamlets": "thôn, tổ dân phố", "addicts": "người", "users": "người",
        "post_rehab": "người", "violations": "người", "hotspots": "điểm", "suspects": "đối tượng",
        "models": "mô hình", "plants": "vụ"}
PERSON_KINDS = frozenset({"addict", "user", "post_rehab", "violation"})
NAMED_KINDS = PERSON_KINDS | {"household", "suspect"}  # names that are people's: initials when anonymous
REQUEST_SYMBOL, REPORT_SYMBOL = "TTr-UBND", "BC-UBND"
BLANK = "……………"


def dossier_context(a: Assessment, *, draft: bool = False, full_ids: bool = False, anonymous: bool = False,
                    number: str | None = None, signer: str | None = None,
                    signer_title: str | None = None, numbers: dict[str, str | None] | None = None,
                    recipients: list[str] | None = None, copy_to: list[str] | None = None) -> dict[str, Any]:
    """Everything the templates show, as plain dicts, lists and strings (see templates/README.md).

    ``number`` is the Tờ trình's; ``numbers`` may give each kind's ("to_trinh", "bao_cao", "bien_ban"), else
    the DiaBan rows; a malformed one is a UsageError. ``recipients`` is Kính gửi, ``copy_to`` Nơi nhận."""
    privacy = Privacy(full_ids=full_ids, anonymous=anonymous)
    ward = ward_context(a)
    doc_numbers = document_numbers(a.ward, {"to_trinh": number, **(numbers or {})})
    to = addressee_list(recipients, a.ward)
    appendices = build_appendices(a, privacy)
    refs = {x["id"]: x for x in appendices}
    criteria = [criterion_context(a, r, privacy, refs) for r in a.results]
    request = may_request(a)  # every criterion met and every list it reads reviewed (evidence.md)
    document = document_context(a, ward, criteria, draft, doc_numbers["to_trinh" if request else "bao_cao"], to)
    report = report_context(a, ward, document, doc_numbers["bao_cao"])
    summary = summary_context(a, criteria)
    signature = signature_context(signer or a.ward.signer, signer_title or a.ward.signer_title)
    chair = signature["name"] if signature["name"] != BLANK else ""
    context = {
        "draft": draft,
        "passed": a.passed,
        "ward": ward,
        "profile": {"id": a.profile.id, "title": a.profile.title, "source": a.profile.source,
                    "recognition": recognition_name(a)},
        "as_of": {"iso": a.as_of.isoformat(), "short": short_date(a.as_of), "long": vn_date(a.as_of)},
        "issuer": {"lines": ["ỦY BAN NHÂN DÂN", ward["name"].upper()], "name": ward["council"]},
        "document": document,
        "signature": signature,
        "recipients": distribution_list(copy_to, a.ward, to),
        "report": report,
        "minutes": minutes_context(ward, criteria, summary, recognition_name(a), doc_numbers["bien_ban"],
                                   vn_date(a.as_of), request, chair),
        "numbers": doc_numbers,
        "documents": documents_list(request, appendices),
        "criteria": criteria,
        "summary": summary,
        "appendices": appendices,
        "appx": {x["id"]: x for x in appendices},
        "privacy": privacy_context(privacy),
    }
    return clean(context)


def clean(value: Any) -> Any:
    """Strip XML-forbidden control characters from every string, recursively."""
    if isinstance(value, str):
        return _XML_FORBIDDEN.sub("", value)
    if isinstance(value, dict):
        return {k: v if _plain(v) else clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [v if _plain(v) else clean(v) for v in value]
    return value


def _plain(value: Any) -> bool:
    """A str with nothing to strip: every forbidden character is unprintable (a quick test, done in C, for the
    100,000 cells of a large ward's appendices)."""
    return value.__class__ is str and value.isprintable()


# --- The ward and its documents ------------------------------------------------

def ward_context(a: Assessment) -> dict[str, str]:
    w = a.ward
    name = w.name if not w.kind or w.name.lower().startswith(w.kind.lower()) else f"{w.kind} {w.name}"
    inline = name[0].lower() + name[1:]  # "phường Nguyễn Trãi" inside a sentence
    return {"slug": w.slug, "name": name, "inline": inline, "kind": w.kind or "", "province": w.province or "",
            "parent": w.parent or "", "council": f"Ủy ban nhân dân {inline}"}


def recognition_name(a: Assessment) -> str:
    """'Phường sạch ma túy': the profile title up to its dash, the name a ward is recognised under."""
    return a.profile.title.split(" — ")[0].strip()


def addressees(a: Assessment, given: list[str] | None = None) -> list[str]:
    """Kính gửi: ``--recipient``, else the DiaBan "Kính gửi", else the "Cấp trên trực tiếp"."""
    return addressee_list(given, a.ward)


def read_lists(a: Assessment) -> list[str]:
    """The rosters the profile's criteria read, in the order they first appear."""
    return list(dict.fromkeys(roster for r in a.results for roster in (getattr(r.criterion, "reads", ()) or ())))


def unreviewed_lists(a: Assessment) -> list[str]:
    """Lists a criterion reads that no import reviewed (evidence.md): they block the Tờ trình."""
    return [roster for roster in read_lists(a) if not a.snapshot.reviewed(roster)]


def may_request(a: Assessment) -> bool:
    """A Tờ trình đề nghị công nhận needs every criterion met and every list the profile uses reviewed
    (evidence.md); otherwise the commune's Báo cáo tự đánh giá is written."""
    return a.passed and not unreviewed_lists(a)


def list_title(roster: str) -> str:
    """«Danh sách người nghiện» — the list's Vietnamese name, without the template's sheet name."""
    return "Danh sách " + ROSTER_NAMES.get(roster, roster).split(" (", 1)[0]


def evidence_rows(a: Assessment) -> list[dict[str, str]]:
    """Căn cứ số liệu (evidence.md): each list a criterion used, when it was reviewed and what it showed."""
    rows = []
    for index, roster in enumerate(read_lists(a), start=1):
        review = a.snapshot.review(roster)
        if review is None or not review.reviewed:
            day, shown = "—", "Chưa rà soát"
        elif review.attested_none:
            day, shown = short_date(review.reviewed_on) if review.reviewed_on else "—", "Không có trường hợp nào"
        else:
            day = short_date(review.reviewed_on) if review.reviewed_on else "—"
            shown = f"{vn_number(review.rows)} trường hợp"
        rows.append({"stt": str(index), "list": list_title(roster), "reviewed_on": day, "content": shown})
    return rows


def document_context(a: Assessment, ward: dict, criteria: list[dict], draft: bool, number: str,
                     to: list[str]) -> dict:
    """The first document: the Tờ trình (every criterion passes) or the Báo cáo tự đánh giá; ``number`` is
    already formatted for its kind."""
    request = may_request(a)
    symbol = REQUEST_SYMBOL if request else REPORT_SYMBOL
    recognition = recognition_name(a)
    type_name = "Tờ trình" if request else "Báo cáo"
    shown_number = number or f"{BLANK}/{symbol}"
    body = request_body(a, ward, criteria, to) if request else self_assessment_body(a, ward, criteria)
    return {
        "kind": "to_trinh" if request else "bao_cao_tu_danh_gia",
        "is_request": request,
        "type_name": type_name,
        "title": type_name.upper(),
        "abstract": (f"Về việc đề nghị công nhận {ward['inline']} đạt tiêu chuẩn “{recognition}”" if request else
                     f"Tự đánh giá kết quả thực hiện các tiêu chí “{recognition}” của {ward['inline']}"),
        "notice": "",  # no boxed verdict between trích yếu and Kính gửi (issue 14): the body states the result
        "number": number,
        "number_line": number_line(number, symbol.split("-")[0]),
        "place_date": f"{ward['name']}, {vn_date(a.as_of)}",
        "addressees": to,
        "addressee_line": "Kính gửi: " + (to[0] if len(to) == 1 else "" if to else BLANK),
        "addressee_items": [f"- {item}{'.' if i == len(to) - 1 else ';'}" for i, item in enumerate(to)]
        if len(to) > 1 else [],
        "attached_note": f"(Kèm theo {type_name} số {shown_number} {vn_date(a.as_of)} của {ward['council']})",
        "has_detail": not request,  # the Báo cáo tự đánh giá carries the result criterion by criterion itself
        **body,
    }


def request_body(a: Assessment, ward: dict, criteria: list[dict], to: list[str]) -> dict:
    recognition, council = recognition_name(a), ward["council"]
    addressee = to[0] if to else BLANK
    total = len(criteria)
    return {
        "intro": [f"Căn cứ {a.profile.citation()};",
                  f"Căn cứ kết quả tự đánh giá các tiêu chí “{recognition}” {vn_date(a.as_of)},",
                  f"{council} kính trình {addressee} xem xét, công nhận {ward['inline']} đạt tiêu chuẩn "
                  f"“{recognition}”, cụ thể như sau:"],
        "sections": [
            {"heading": "1. Kết quả thực hiện các tiêu chí",
             "paragraphs": [f"Đối chiếu với {total} tiêu chí, {ward['inline']} đạt {total}/{total} tiêu chí:"]
             + [f"- Tiêu chí ({c['id']}) {c['short']}: {c['measured']} — {c['status_label']}." for c in criteria]},
            {"heading": "2. Hồ sơ kèm theo",
             "paragraphs": [f"- Báo cáo kết quả thực hiện các tiêu chí “{recognition}”;",
                            "- Bảng tổng hợp đánh giá các tiêu chí;",
                            "- Phụ lục: các danh sách làm căn cứ đánh giá."]},
        ],
        "closing": f"{council} kính đề nghị {addressee} xem xét, công nhận {ward['inline']} đạt tiêu chuẩn "
                   f"“{recognition}”./.",
    }


def self_assessment_body(a: Assessment, ward: dict, criteria: list[dict]) -> dict:
    """The first document of a ward that does not meet every criterion: says what is missing, asks nothing."""
    recognition, council = recognition_name(a), ward["council"]
    unmet = [c for c in criteria if c["status"] != Status.PASS.value]
    met = [c for c in criteria if c["status"] == Status.PASS.value]
    counts = summary_counts(a)
    todo = []
    for c in unmet:
        todo.append(unmet_line(c))
    return {
        "intro": [f"Thực hiện {a.profile.citation()}, {council} tự đánh giá kết quả thực hiện các tiêu chí "
                  f"“{recognition}” trên địa bàn, số liệu tính đến {vn_date(a.as_of)}, như sau:"],
        "sections": [
            {"heading": "1. Kết quả chung",
             "paragraphs": [f"Đạt {counts['passed']}/{counts['total']} tiêu chí; chưa đạt {counts['failed']} tiêu "
                            f"chí; chưa đủ dữ liệu để đánh giá {counts['insufficient']} tiêu chí.",
                            f"{ward['name']} chưa đạt đủ các tiêu chí nên chưa đủ điều kiện để được công nhận "
                            f"“{recognition}”."]},
            {"heading": "2. Các tiêu chí chưa đạt", "paragraphs": todo},
            {"heading": "3. Các tiêu chí đã đạt",
             "paragraphs": [f"- Tiêu chí ({c['id']}) {c['short']}: {c['measured']}." for c in met]
             or ["Chưa có tiêu chí nào đạt."]},
            {"heading": "4. Nhiệm vụ thời gian tới",
             "paragraphs": [f"{council} tiếp tục chỉ đạo hoàn thành các việc nêu tại mục 2 và tổ chức tự đánh "
                            "giá lại khi tất cả các tiêu chí đều đạt."]},
            {"heading": "5. Kết quả thực hiện từng tiêu chí", "paragraphs": []},
        ],
        "closing": f"Trên đây là báo cáo tự đánh giá kết quả thực hiện các tiêu chí “{recognition}” của "
                   f"{council}./.",
    }


def unmet_line(c: dict) -> str:
    """'- Tiêu chí (c) …: Chưa đạt (11/12 người). Chưa đạt ở: (c2) … Việc cần làm: …'"""
    line = f"- Tiêu chí ({c['id']}) {c['short']}: {c['status_label']} ({c['measured']})."
    unmet_parts = [p for p in c["parts"] if p["status"] != Status.PASS.value]
    if unmet_parts:
        line += " Chưa đạt ở: " + "; ".join(f"({p['id']}) {p['title']} — {p['measured']}" for p in unmet_parts) + "."
    elif c["note"]:
        line += f" {c['note']}"
    if c["failing"]:
        line += f" Có {vn_number(len(c['failing']))} trường hợp chưa đạt, nêu tên tại mục 5, tiêu chí ({c['id']})."
    return line


def signature_context(signer: str | None, title: str | None) -> dict[str, str]:
    """TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / name; a deputy signs 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH'."""
    title = (title or "Chủ tịch").strip()
    deputy = title.lower().startswith("phó")
    return {"on_behalf": "TM. ỦY BAN NHÂN DÂN", "deputy_line": "KT. CHỦ TỊCH" if deputy else "",
            "title": title.upper(), "name": (signer or "").strip() or BLANK}


def report_context(a: Assessment, ward: dict, document: dict, number: str) -> dict[str, Any]:
    """The Báo cáo kết quả: a document of its own (number …/BC-UBND, place-date line, signature). For a ward
    that does not pass, the first document is that Báo cáo (``document.has_detail``) and this one is not
    written separately."""
    recognition = recognition_name(a)
    report = {"title": "BÁO CÁO",
              "abstract": f"Kết quả thực hiện các tiêu chí “{recognition}” của {ward['inline']}",
              "intro": f"{ward['council']} báo cáo kết quả thực hiện từng tiêu chí theo {a.profile.citation()}; số "
                       f"liệu tính đến {vn_date(a.as_of)}, theo các danh sách tại Phụ lục.",
              "number": number, "number_line": number_line(number, "BC"),
              "place_date": f"{ward['name']}, {vn_date(a.as_of)}",
              "addressee_line": document["addressee_line"], "addressee_items": document["addressee_items"],
              "closing": f"Trên đây là báo cáo kết quả thực hiện các tiêu chí “{recognition}” của {ward['council']}./.",
              "separate": may_request(a),
              "evidence_title": "Căn cứ số liệu", "evidence": evidence_rows(a)}
    report["attached_note"] = attached_note(report, ward, vn_date(a.as_of))
    return report


def privacy_context(privacy: Privacy) -> dict[str, Any]:
    ids = "Số định danh ghi đầy đủ." if privacy.full_ids else "Số định danh chỉ hiện 4 chữ số cuối."
    names = " Họ tên chỉ ghi chữ cái đầu." if privacy.anonymous else ""
    return {"full_ids": privacy.full_ids, "anonymous": privacy.anonymous, "note": ids + names}


# --- Criteria -----------------------------------------------------------------

def measured(outcome: Outcome, unit: str) -> str:
    """'1.240/1.240 hộ', '0 điểm', or 'Chưa có số liệu'."""
    if outcome.denominator is not None:
        return f"{vn_number(outcome.numerator or 0)}/{vn_number(outcome.denominator)} {unit}".strip()
    if outcome.numerator is not None:
        return f"{vn_number(outcome.numerator)} {unit}".strip()
    return "Chưa có số liệu"


def criterion_unit(result: CriterionResult) -> str:
    reads = result.criterion.reads
    if result.outcome.denominator is not None or not reads:
        return UNIT.get(reads[0], "") if reads else ""
    return ", ".join(dict.fromkeys(UNIT[r] for r in reads if r in UNIT))


def criterion_context(a: Assessment, r: CriterionResult, privacy: Privacy, refs: dict) -> dict[str, Any]:
    c, o = r.criterion, r.outcome
    unit = criterion_unit(r)
    lists = [f"Phụ lục {refs[roster]['number']} ({refs[roster]['title']})" for roster in dict.fromkeys(c.reads)
             if roster in refs]
    caveats = list(a.profile.caveats(c)) if hasattr(a.profile, "caveats") else []
    blank = [roster for roster in dict.fromkeys(c.reads or ()) if not a.snapshot.reviewed(roster)]
    note = o.note
    if o.status is Status.INSUFFICIENT and blank:  # the terminal's note names the sheet; the document names the list
        note = ("; ".join(list_title(roster) for roster in blank) + " chưa được rà soát trong kỳ — chưa đủ căn cứ "
                "đánh giá tiêu chí này.")
    evidence = [text for text in (note, *caveats) if text]
    if lists:
        evidence.append("Danh sách làm căn cứ: " + "; ".join(dict.fromkeys(lists)) + ".")
    return {
        "id": c.id, "title": c.title, "short": c.short, "source": c.source,
        "status": o.status.value, "status_label": o.status.label, "passed": o.status is Status.PASS,
        "numerator": o.numerator, "denominator": o.denominator,
        "measured": measured(o, unit), "note": note, "evidence": evidence,
        "todo": "",  # remediation hints name sheets and columns: the terminal prints them, never a document
        "parts": [{"id": p.id, "title": p.title, "status": p.outcome.status.value,
                   "status_label": p.outcome.status.label, "numerator": p.outcome.numerator,
                   "denominator": p.outcome.denominator, "measured": measured(p.outcome, unit),
                   "note": p.outcome.note} for p in o.parts],
        "failing": [failing_context(f, privacy, i) for i, f in enumerate(o.failing, start=1)],
        "privacy_note": failing_privacy_note(o.failing, privacy),
    }


def failing_privacy_note(failing, privacy: Privacy) -> str:
    """The masking footnote under a table of failing records, only when it shows an identifier or a name
    reduced to initials."""
    notes = []
    if any(f.kind in PERSON_KINDS and privacy.identifier(f.key) for f in failing):
        notes.append("Số định danh ghi đầy đủ." if privacy.full_ids else "Số định danh chỉ hiện 4 chữ số cuối.")
    if privacy.anonymous and any(f.kind in NAMED_KINDS for f in failing):
        notes.append("Họ tên chỉ ghi chữ cái đầu.")
    return " ".join(notes)


def failing_context(f: Failing, privacy: Privacy, index: int) -> dict[str, str]:
    if f.kind in PERSON_KINDS:
        key = privacy.identifier(f.key)
    elif f.kind == "suspect":
        key = ""  # a suspect's key is derived from the name
    else:
        key = f.key
    name = privacy.name(f.name) if f.kind in NAMED_KINDS else f.name
    return {"stt": str(index), "kind": f.kind, "key": key, "name": name, "hamlet": f.hamlet, "reason": f.reason}


def summary_counts(a: Assessment) -> dict[str, int]:
    return {"total": len(a.results), "passed": a.count(Status.PASS), "failed": a.count(Status.FAIL),
            "insufficient": a.count(Status.INSUFFICIENT)}


def summary_context(a: Assessment, criteria: list[dict]) -> dict[str, Any]:
    counts = summary_counts(a)
    verdict = (f"Đạt tất cả {counts['total']}/{counts['total']} tiêu chí." if a.passed else
               f"Đạt {counts['passed']}/{counts['total']} tiêu chí; {counts['failed']} tiêu chí chưa đạt, "
               f"{counts['insufficient']} tiêu chí chưa đủ dữ liệu — chưa đủ điều kiện công nhận.")
    rows = [{"stt": str(i), "id": c["id"], "criterion": f"({c['id']}) {c['short']}", "measured": c["measured"],
             "status_label": c["status_label"], "status": c["status"]} for i, c in enumerate(criteria, start=1)]
    return {"title": "BẢNG TỔNG HỢP ĐÁNH GIÁ CÁC TIÊU CHÍ", "rows": rows, **{k: str(v) for k, v in counts.items()},
            "counts_line": f"Đạt: {counts['passed']}; Chưa đạt: {counts['failed']}; "
                           f"Chưa đủ dữ liệu: {counts['insufficient']}.",
            "verdict": verdict}
