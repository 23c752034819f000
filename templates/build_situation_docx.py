"""Build templates/situation.docx, the docxtpl Word template of ``lacha report --out …docx``.

Run:  python templates/build_situation_docx.py     (the .docx is committed; rerun after changing this
script, the dossier builder's blocks, or the metrics of lacha/situation.py)

Same form as the dossier (Nghị định 30/2020/NĐ-CP, Phụ lục I), built from the blocks of
build_docx_template.py: the header table (issuer and "Số:" left; quốc hiệu, tiêu ngữ, place and date
right), Kính gửi, the report's sections, Nơi nhận and the signature block; then a landscape section with
the tables (situation at the end of the period; what changed within it), one table per unit a page.
The variables are those of lacha/report/situation_doc.py (situation_context).
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
try:
    import lacha  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent / "src"))

from build_docx_template import (LANDSCAPE_TEXT_CM, add_styles, addressee_block, closing_block,  # noqa: E402
                                 landscape, loop_table, nd30_header, para, portrait, rule, run, tag, title_block)

from lacha.situation import METRICS, SECTIONS  # noqa: E402

UNIT_CM, STT_CM = 4.0, 1.4


def report_part(doc) -> None:
    nd30_header(doc)
    title_block(doc, "{{ document.title }}", "{{ document.abstract }}")
    addressee_block(doc)
    para(doc, "{{ intro }}")
    tag(doc, "{%p for section in sections %}")
    para(doc, "{{ section.heading }}", bold=True, keep_next=True)
    tag(doc, "{%p for paragraph in section.paragraphs %}")
    para(doc, "{{ paragraph }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    para(doc, "Số liệu theo từng thôn, tổ dân phố và từng địa bàn: bảng kèm theo.")
    para(doc, "{{ closing }}")
    closing_block(doc)


def tables_part(doc) -> None:
    """For each unit table, one page per section (situation, changes); the columns come from METRICS."""
    tag(doc, "{%p for t in tables %}", "Center")
    for number, (section, title) in enumerate(SECTIONS.items()):
        metrics = [m for m in METRICS if m.section == section]
        heading = para(doc, "", "Center")
        if number == 0:
            run(heading, "{%r if not loop.first %}")
            heading.add_run().add_break(WD_BREAK.PAGE)
            run(heading, "{%r endif %}")
        else:
            heading.add_run().add_break(WD_BREAK.PAGE)
        run(heading, f"{title.upper()} — {{{{ t.title }}}}", bold=True)
        when = "Tính đến ngày {{ period.end }}" if section == "situation" else \
            "Từ ngày {{ period.start }} đến ngày {{ period.end }}"
        para(doc, when, "Center", bold=True)
        para(doc, "{{ attached_note }}", "Center", italic=True, size=13)
        rule(doc, 5.5, LANDSCAPE_TEXT_CM, after=8)
        width = (LANDSCAPE_TEXT_CM - UNIT_CM - STT_CM) / len(metrics)
        headers = ["STT", "{{ t.unit_header }}"] + [f"{m.group}: {m.label}" for m in metrics]
        cells = ["{{ r.stt }}", "{{ r.name }}"] + [f"{{{{ r.{m.id} }}}}" for m in metrics]
        loop_table(doc, headers, cells, [STT_CM, UNIT_CM] + [round(width, 2)] * len(metrics), "r in t.rows",
                   centred=tuple(range(len(headers))[:1]) + tuple(range(2, len(headers))))
    tag(doc, "{%p endfor %}", "Center")


def build(path: Path) -> None:
    doc = Document()
    add_styles(doc)
    portrait(doc.sections[0])
    report_part(doc)
    landscape(doc.add_section(WD_SECTION.NEW_PAGE))
    tables_part(doc)
    doc.core_properties.title = "Báo cáo tình hình, kết quả phòng, chống ma túy — lacha"
    doc.core_properties.author = "lacha"
    doc.save(path)


if __name__ == "__main__":
    target = HERE / "situation.docx"
    build(target)
    print(f"wrote {target}")
