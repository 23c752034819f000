"""``lacha report --out FILE.docx|.html``: the situation report as an administrative document.

Same layout as the dossier (NĐ 30/2020, Phụ lục I): the HTML template
``situation.html.j2`` includes the dossier's partials (``_dossier.css.j2``,
``_header.html.j2``, ``_addressee.html.j2``, ``_signature.html.j2``), and
``situation.docx`` is built by ``templates/build_situation_docx.py`` from the
dossier builder's blocks. Both render ``situation_context``: ready-to-print
Vietnamese strings, the tables in landscape pages.
"""

import datetime as dt
import io
from pathlib import Path
from typing import Any

from lacha.dates import short_date, vn_date
from lacha.report.console import vn_number
from lacha.report.context import BLANK, clean, signature_context
from lacha.report.filing import addressee_list
from lacha.report.situation_console import MISSING
from lacha.situation import SECTIONS, Row, SituationReport

HTML_TEMPLATE = "situation.html.j2"
DOCX_TEMPLATE = "situation.docx"
REPORT_SYMBOL = "BC-UBND"


def _ward_name(ward) -> str:
    """'Phường Nguyễn Trãi' (the unit type in front, as the dossier writes it)."""
    if not ward.kind or ward.name.lower().startswith(ward.kind.lower()):
        return ward.name
    return f"{ward.kind} {ward.name}"


def _value(value: int | None) -> str:
    return MISSING if value is None else vn_number(value)


def _row(row: Row, stt: str, metrics) -> dict[str, str]:
    cells = {m.id: (_value(row.values.get(m.id)) if m.per_hamlet or row.total else "") for m in metrics}
    return {"stt": stt, "name": row.name, "total": row.total, **cells}


def _table(title: str, unit_header: str, rows: list[Row], metrics) -> dict[str, Any]:
    numbered, n = [], 0
    for row in rows:
        if not row.total:
            n += 1
        numbered.append(_row(row, "" if row.total else str(n), metrics))
    return {"title": title, "unit_header": unit_header, "rows": numbered}


def _lines(row: Row, metrics, section: str) -> list[str]:
    """'- Người nghiện ma túy: tổng số 5; loạn thần 1; …' — one line per group of the section."""
    groups: dict[str, list[str]] = {}
    for m in metrics:
        if m.section == section:
            value = row.values.get(m.id)
            shown = "chưa có số liệu" if value is None else vn_number(value)
            groups.setdefault(m.group, []).append(f"{m.label[0].lower()}{m.label[1:]}: {shown}")
    return [f"- {group}: " + "; ".join(parts) + "." for group, parts in groups.items()]


def situation_context(report: SituationReport, today: dt.date | None = None) -> dict[str, Any]:
    today = today or dt.date.today()
    p, metrics = report.period, list(report.metrics)
    single = None if report.all_wards else report.wards[0]
    if single:
        ward = single.ward
        name = _ward_name(ward)
        inline = name[0].lower() + name[1:]
        issuer = ["ỦY BAN NHÂN DÂN", name.upper()]
        to = addressee_list(None, ward)  # Kính gửi: DiaBan “Kính gửi”, else the Cấp trên trực tiếp
        signature = signature_context(ward.signer, ward.signer_title)
        place, total = name, single.total
        tables = [_table(name, "Thôn, tổ dân phố", single.rows + [single.total], metrics)]
    else:
        parents = {(w.ward.parent or "").strip() for w in report.wards}
        parent = parents.pop() if len(parents) == 1 else ""
        inline = f"{len(report.wards)} địa bàn"
        issuer = [parent.upper()] if parent else [BLANK]
        to, signature = [], signature_context(None, None)
        place, total = BLANK, report.total
        tables = [_table("Tổng hợp các địa bàn", "Địa bàn", [w.total for w in report.wards] + [report.total],
                         metrics)]
        tables += [_table(_ward_name(w.ward), "Thôn, tổ dân phố", w.rows + [w.total], metrics) for w in report.wards]
    period_text = f"từ ngày {short_date(p.start)} đến ngày {short_date(p.end)}"
    notes = [f"{_ward_name(w.ward)}: chưa nhập danh sách {', '.join(_labels(w.missing))} — ô “{MISSING}” là chưa "
             "có số liệu." for w in report.wards if w.missing]
    notes += [f"{_ward_name(w.ward)}: {w.unknown_age} người không có ngày/năm sinh, không tính được tuổi."
              for w in report.wards if w.unknown_age]
    notes += [f"{_ward_name(w.ward)}: {w.declared_note()}" for w in report.wards if w.declared_note()]
    context = {
        "draft": False,
        "issuer": {"lines": issuer},
        "document": {
            "title": "BÁO CÁO", "type_name": "Báo cáo",
            "abstract": f"Tình hình, kết quả công tác phòng, chống ma túy {period_text}",
            "number_line": f"Số: {BLANK}/{REPORT_SYMBOL}",
            "place_date": f"{place}, {vn_date(today)}",
            "addressee_line": "Kính gửi: " + (to[0] if len(to) == 1 else BLANK if not to else ""),
            "addressee_items": [f"- {x}{'.' if i == len(to) - 1 else ';'}" for i, x in enumerate(to)]
            if len(to) > 1 else [],
        },
        "period": {"start": short_date(p.start), "end": short_date(p.end), "text": period_text,
                   "end_long": vn_date(p.end)},
        "intro": f"Báo cáo tình hình, kết quả công tác phòng, chống ma túy của {inline} {period_text} (tính cả "
                 f"ngày đầu và ngày cuối kỳ), số liệu lập từ các danh sách quản lý, như sau:",
        "sections": [
            {"heading": f"I. TÌNH HÌNH (tính đến {vn_date(p.end)})", "paragraphs": _lines(total, metrics, "situation")},
            {"heading": f"II. KẾT QUẢ TRONG KỲ ({period_text})", "paragraphs": _lines(total, metrics, "changes")},
            {"heading": "III. CÁCH TÍNH VÀ NHÓM TUỔI",
             "paragraphs": [f"- {m.group}, {m.label[0].lower()}{m.label[1:]}: {m.definition}." for m in metrics]
             + ["- Tuổi tính vào ngày cuối kỳ; người chỉ có năm sinh: năm cuối kỳ trừ năm sinh."]
             + [f"- {band.text}." for band in report.bands.values()] + [f"- {n}" for n in notes]},
        ],
        "closing": f"Trên đây là báo cáo tình hình, kết quả công tác phòng, chống ma túy {period_text}./.",
        "signature": signature,
        "recipients": (["- Như trên;"] if to else []) + ["- Lưu: VT."],
        "columns": {section: [{"id": m.id, "group": m.group, "label": m.label} for m in metrics if m.section == section]
                    for section in SECTIONS},
        "section_titles": SECTIONS,
        "tables": tables,
        "attached_note": f"(Kèm theo Báo cáo tình hình, kết quả công tác phòng, chống ma túy {period_text})",
    }
    return clean(context)


def _labels(rosters: list[str]) -> list[str]:
    from lacha.importing.kinds import BY_KIND

    return [BY_KIND[r].label for r in rosters]


def write_situation_document(report: SituationReport, path: Path, suffix: str) -> None:
    """Render in memory, then write: a template error leaves no file behind."""
    from lacha.resources import templates_dir

    context = situation_context(report)
    if suffix == ".docx":
        from docxtpl import DocxTemplate
        from jinja2 import Environment

        template = DocxTemplate(str(templates_dir() / DOCX_TEMPLATE))
        template.render(context, jinja_env=Environment(autoescape=True), autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
        Path(path).write_bytes(buffer.getvalue())
        return
    from lacha.report.html import html_environment

    text = html_environment().get_template(HTML_TEMPLATE).render(**context)
    Path(path).write_text(text, encoding="utf-8")
