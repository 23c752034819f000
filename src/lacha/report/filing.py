"""What a filed document needs besides its content: its number, its addressees and its distribution (issue 14).

Document numbers (Nghị định 30/2020/NĐ-CP, Phụ lục I and III): "Số: 07/TTr-UBND" — the number (two digits at
least: "07"), then the abbreviation of the kind of document (TTr tờ trình, BC báo cáo, BB biên bản) and of
the issuer (UBND). Each kind has its own number, given by its own CLI option or DiaBan row; a number of the
wrong kind, or free text, is refused naming the expected form, and a number is never rewritten into
another kind's.

Kính gửi (the addressees) and Nơi nhận (the distribution) are kept apart: ``--recipient`` / DiaBan "Kính
gửi" and ``--copy-to`` / DiaBan "Nơi nhận".
"""

import re
from dataclasses import dataclass

from lacha.errors import UsageError


@dataclass(frozen=True)
class DocumentKind:
    id: str
    name: str  # "Tờ trình"
    code: str  # "TTr"
    option: str  # the CLI option that gives its number
    row: str  # the DiaBan row that gives its number
    field: str  # the Ward field of that row


REQUEST = DocumentKind("to_trinh", "Tờ trình", "TTr", "--number", "Số văn bản", "doc_number")
REPORT = DocumentKind("bao_cao", "Báo cáo", "BC", "--report-number", "Số báo cáo", "report_number")
MINUTES = DocumentKind("bien_ban", "Biên bản", "BB", "--minutes-number", "Số biên bản", "minutes_number")
KINDS = (REQUEST, REPORT, MINUTES)
ISSUER_CODE = "UBND"

_NUMBER = re.compile(r"^(?P<number>\d{1,6})(?:\s*/\s*(?P<code>[^\W\d_]+)(?:\s*-\s*(?P<issuer>[^\W\d_][\w.&]*))?)?$")


def expected_form(kind: DocumentKind) -> str:
    return f"số/{kind.code}-{ISSUER_CODE}, ví dụ 07/{kind.code}-{ISSUER_CODE} (hoặc chỉ ghi số: 07)"


def format_number(raw: str | None, kind: DocumentKind, where: str) -> str:
    """'7' → '07/TTr-UBND'; '125/ttr-ubnd' → '125/TTr-UBND'; '' → ''. Free text, 0, or another kind's
    abbreviation → UsageError naming ``where`` (the option or DiaBan row it came from) and the expected form."""
    text = (raw or "").strip()
    if not text:
        return ""
    text = re.sub(r"^số\s*:?\s*", "", text, flags=re.IGNORECASE)
    match = _NUMBER.match(text)
    if match is None or int(match["number"]) == 0:
        raise UsageError(f"Số {kind.name.lower()} “{raw}” ({where}) không đúng dạng: ghi {expected_form(kind)}. "
                         "Chưa ghi tệp nào.")
    code = match["code"]
    if code is not None and code.lower() != kind.code.lower():
        others = [k for k in KINDS if k.code.lower() == code.lower()]
        what = f" là ký hiệu của {others[0].name.lower()}" if others else " không phải ký hiệu của " \
                                                                            f"{kind.name.lower()}"
        raise UsageError(f"Số {kind.name.lower()} “{raw}” ({where}): “{code}”{what}. Ghi {expected_form(kind)}. "
                         "Chưa ghi tệp nào.")
    issuer = (match["issuer"] or ISSUER_CODE).upper()
    return f"{int(match['number']):02d}/{kind.code}-{issuer}"


def document_numbers(ward, options: dict[str, str | None]) -> dict[str, str]:
    """kind id → the formatted number ('' when none), each from its option, else its DiaBan row."""
    numbers = {}
    for kind in KINDS:
        given = options.get(kind.id)
        if given is not None and given.strip():
            numbers[kind.id] = format_number(given, kind, kind.option)
        else:
            numbers[kind.id] = format_number(getattr(ward, kind.field, None), kind, f"dòng “{kind.row}” của "
                                             "sheet DiaBan")
    return numbers


# --- Kính gửi and Nơi nhận ---------------------------------------------------------

_SAME_AS_ABOVE = re.compile(r"^như\s+trên$", re.IGNORECASE)
_FILED = re.compile(r"^lưu\b", re.IGNORECASE)


def split_list(text: str | None) -> list[str]:
    """'A; B\\nC' → ['A', 'B', 'C'], a leading '- ' and trailing punctuation dropped."""
    items = re.split(r"[;\n]+", text or "")
    cleaned = (re.sub(r"^[-–•+]\s*", "", item.strip()).rstrip(".;,").strip() for item in items)
    return [item for item in cleaned if item]


def addressee_list(given: list[str] | tuple[str, ...] | None, ward) -> list[str]:
    """Kính gửi: ``--recipient`` (each may hold several, split at ';'), else DiaBan "Kính gửi", else the
    "Cấp trên trực tiếp". "Như trên" and "Lưu …" are distribution, never addressees."""
    items = [x for value in (given or ()) for x in split_list(value)] or \
        split_list(getattr(ward, "addressees", None)) or split_list(getattr(ward, "parent", None))
    return [x for x in dict.fromkeys(items) if not _SAME_AS_ABOVE.match(x) and not _FILED.match(x)]


def distribution_list(given: list[str] | tuple[str, ...] | None, ward, addressees: list[str]) -> list[str]:
    """Nơi nhận, as NĐ 30 sets it: '- Như trên;' when there are addressees, the ``--copy-to`` (else DiaBan
    "Nơi nhận") entries, then '- Lưu: VT.' last (an officer's own "Lưu: VT, CA" is kept instead)."""
    items = [x for value in (given or ()) for x in split_list(value)] or split_list(getattr(ward, "recipients", None))
    filed = [x for x in items if _FILED.match(x)]
    body = [x for x in dict.fromkeys(items) if not _SAME_AS_ABOVE.match(x) and not _FILED.match(x)
            and x not in addressees]
    lines = (["- Như trên;"] if addressees else []) + [f"- {x};" for x in body]
    last = filed[-1] if filed else "Lưu: VT"
    if last.lower().replace(" ", "") in ("lưuvt", "lưu:vt"):
        last = "Lưu: VT"
    return lines + [f"- {last}."]
