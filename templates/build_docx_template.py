"""Build templates/dossier.docx, the docxtpl Word template of the dossier (python-docx).

Run:  python templates/build_docx_template.py     (the .docx is committed; rerun after changing this
script or the appendix declarations in lacha/report/appendices.py)

Form of Nghị định 30/2020/NĐ-CP, Phụ lục I: A4; margins top/bottom 20 mm, left 30 mm, right 15 mm;
Times New Roman 14 (13 for the issuer, number and source lines, 12 for tables); the header table
(issuer and "Số:" left; quốc hiệu, tiêu ngữ, place and date right); page numbers centred in the
top margin from page 2 (different first page + PAGE field); "DỰ THẢO" in every page header in
draft mode. Parts 1–3 are portrait; the Phụ lục lists are a landscape section, one list a page.
The Jinja tags ({{ }}, {%p %}, {%tr %}, {%r %}) use the variables of templates/README.md.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
try:
    import lacha  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent / "src"))

from lacha.report.appendices import APPENDICES  # noqa: E402

FONT = "Times New Roman"
PORTRAIT_TEXT_CM = 16.5  # 210 − 30 − 15 mm
LANDSCAPE_MARGINS_MM = (20, 20, 20, 25)  # top, right, bottom, left
LANDSCAPE_TEXT_CM = (297 - LANDSCAPE_MARGINS_MM[1] - LANDSCAPE_MARGINS_MM[3]) / 10
RED = RGBColor(0xB0, 0x00, 0x00)
# Schema order (ECMA-376): the children of w:pPr after w:pBdr, and of w:tblPr after w:tblBorders / w:tblLayout.
PPR_AFTER_BORDERS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                     "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                     "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                     "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                     "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                       "w:tblPrChange")
TBLPR_AFTER_LAYOUT = TBLPR_AFTER_BORDERS[2:]


# --- Styles -------------------------------------------------------------------

def set_font(style_or_run, size: float | None = None) -> None:
    font = style_or_run.font
    font.name = FONT
    if size:
        font.size = Pt(size)
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def add_styles(doc) -> None:
    normal = doc.styles["Normal"]
    set_font(normal, 14)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for name, size, align, indent, after in (
            ("Body", 14, WD_ALIGN_PARAGRAPH.JUSTIFY, Cm(1.0), Pt(6)),
            ("Center", 14, WD_ALIGN_PARAGRAPH.CENTER, Cm(0), Pt(0)),
            ("Cell", 12, WD_ALIGN_PARAGRAPH.LEFT, Cm(0), Pt(1)),
            ("Small", 13, WD_ALIGN_PARAGRAPH.JUSTIFY, Cm(1.0), Pt(6))):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        set_font(style, size)
        fmt = style.paragraph_format
        fmt.alignment, fmt.first_line_indent, fmt.space_after = align, indent, after
    for name in ("Header", "Footer"):
        set_font(doc.styles[name], 13)
        doc.styles[name].paragraph_format.tab_stops.clear_all()  # each header sets its own, per orientation


# --- Building blocks -------------------------------------------------------------

def para(container, text: str = "", style: str = "Body", *, bold=False, italic=False, size=None, align=None,
         keep_next=False, page_break=False):
    p = container.add_paragraph(style=style)
    if text:
        run(p, text, bold=bold, italic=italic, size=size)
    if align is not None:
        p.paragraph_format.alignment = align
    p.paragraph_format.keep_with_next = keep_next or None
    if page_break:
        p.paragraph_format.page_break_before = True
    return p


def run(p, text: str, *, bold=False, italic=False, size=None, color=None):
    r = p.add_run(text)
    r.bold, r.italic = bold or None, italic or None
    if size:
        r.font.size = Pt(size)
    if color is not None:
        r.font.color.rgb = color
    return r


def tag(container, text: str, style: str = "Body"):
    """A paragraph holding only a docxtpl tag ({%p … %}): replaced whole at render time."""
    return container.add_paragraph(text, style=style)


def rule(container, width_cm: float, box_cm: float, after: float = 6):
    """A short centred line (đường kẻ ngang): a top border on an empty paragraph narrowed by indents."""
    p = container.add_paragraph(style="Center")
    side = max((box_cm - width_cm) / 2, 0)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Cm(side)
    p.paragraph_format.space_before = Pt(4)
    p.paragraph_format.space_after = Pt(after)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.insert_element_before(borders, *PPR_AFTER_BORDERS)
    mark = OxmlElement("w:rPr")  # a small paragraph mark: the line sits close to the text above
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "8")
    mark.append(size)
    ppr.insert_element_before(mark, "w:sectPr", "w:pPrChange")
    return p


def no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(borders, *TBLPR_AFTER_BORDERS)


def fixed_widths(table, widths_cm: list[float]) -> None:
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.insert_element_before(layout, *TBLPR_AFTER_LAYOUT)
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    for name in ("w:cantSplit", "w:tblHeader"):
        element = OxmlElement(name)
        element.set(qn("w:val"), "true")
        tr_pr.append(element)


def cell_text(cell, text: str, *, bold=False, align=WD_ALIGN_PARAGRAPH.LEFT):
    p = cell.paragraphs[0]
    p.style = "Cell"
    p.paragraph_format.alignment = align
    run(p, text, bold=bold)


def loop_table(container, headers: list[str], cells: list[str], widths_cm: list[float], loop: str,
               centred: tuple[int, ...] = (0,)):
    """A bordered table: a header row repeated on each page, then one row per item of ``loop``."""
    table = container.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers):
        cell_text(cell, header, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    repeat_header(table.rows[0])
    cell_text(table.rows[1].cells[0], f"{{%tr for {loop} %}}")
    for index, (cell, value) in enumerate(zip(table.rows[2].cells, cells)):
        cell_text(cell, value, align=WD_ALIGN_PARAGRAPH.CENTER if index in centred else WD_ALIGN_PARAGRAPH.LEFT)
    cell_text(table.rows[3].cells[0], "{%tr endfor %}")
    fixed_widths(table, widths_cm)
    return table


def page_field(p) -> None:
    """A PAGE field (complex field: Word and LibreOffice both update it)."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        r = p.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        r._r.append(element)


def header_line(header, width_cm: float, numbered: bool) -> None:
    """Centre: page number (NĐ 30: centred in the top margin, not on page 1); right: DỰ THẢO in draft mode."""
    p = header.paragraphs[0]
    p.style = "Header"
    p.paragraph_format.tab_stops.clear_all()
    p.paragraph_format.tab_stops.add_tab_stop(Cm(width_cm / 2), WD_TAB_ALIGNMENT.CENTER)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(width_cm), WD_TAB_ALIGNMENT.RIGHT)
    p.add_run("\t")
    if numbered:
        page_field(p)
    p.add_run("\t")
    run(p, "{% if draft %}DỰ THẢO{% endif %}", bold=True, size=13, color=RED)


# --- Page setup -------------------------------------------------------------------

def portrait(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    header_line(section.first_page_header, PORTRAIT_TEXT_CM, numbered=False)
    header_line(section.header, PORTRAIT_TEXT_CM, numbered=True)


def landscape(section) -> None:
    top, right, bottom, left = LANDSCAPE_MARGINS_MM
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (
        Mm(top), Mm(right), Mm(bottom), Mm(left))
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True  # each Phụ lục: no number on its first page
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    header_line(section.first_page_header, LANDSCAPE_TEXT_CM, numbered=False)
    header_line(section.header, LANDSCAPE_TEXT_CM, numbered=True)


# --- The parts --------------------------------------------------------------------

from lacha.report.sections import NEW_DOCUMENT  # each becomes a section break


def new_document(doc) -> None:
    """The start of a separate document: lacha.report.docx.sections replaces this paragraph by a section break
    (new page, page numbers restarting, none on the document's first page)."""
    para(doc, NEW_DOCUMENT, "Center")


def nd30_header(doc, var: str = "document") -> None:
    """Phụ lục I, NĐ 30/2020: issuer and number (left); quốc hiệu, tiêu ngữ, place and date (right)."""
    widths = [5.8, 10.7]
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_widths(table, widths)
    left, right = table.rows[0].cells
    tag(left, "{%p for line in issuer.lines %}", "Center")
    para(left, "{{ line }}", "Center", bold=True, size=13)
    tag(left, "{%p endfor %}", "Center")
    rule(left, 2.2, widths[0], after=4)
    para(left, f"{{{{ {var}.number_line }}}}", "Center", size=13)
    left._tc.remove(left.paragraphs[0]._p)  # the cell's initial empty paragraph
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Center", bold=True, size=13)
    para(right, "Độc lập - Tự do - Hạnh phúc", "Center", bold=True, size=14)
    rule(right, 6.2, widths[1], after=6)
    para(right, f"{{{{ {var}.place_date }}}}", "Center", italic=True, size=13)
    right._tc.remove(right.paragraphs[0]._p)


def title_block(doc, title: str, abstract: str, attached: str | None = None, page_break=False) -> None:
    para(doc, title, "Center", bold=True, page_break=page_break).paragraph_format.space_before = Pt(18)
    para(doc, abstract, "Center", bold=True)
    if attached:
        para(doc, attached, "Center", italic=True, size=13)
    rule(doc, 5.5, PORTRAIT_TEXT_CM, after=12)


def addressee_block(doc, var: str = "document") -> None:
    """“Kính gửi:” and the addressees (one per line when several), as NĐ 30/2020 lays them out."""
    tag(doc, f"{{%p if {var}.addressee_items %}}")
    para(doc, "Kính gửi:", "Center")
    tag(doc, f"{{%p for item in {var}.addressee_items %}}")
    para(doc, "{{ item }}", "Center", align=WD_ALIGN_PARAGRAPH.LEFT).paragraph_format.left_indent = Cm(5)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, f"{{{{ {var}.addressee_line }}}}", "Center")
    tag(doc, "{%p endif %}")
    para(doc, "", "Center").paragraph_format.space_after = Pt(6)


def first_document(doc) -> None:
    nd30_header(doc)
    title_block(doc, "{{ document.title }}", "{{ document.abstract }}")
    tag(doc, "{%p if document.notice %}")
    notice = para(doc, "{{ document.notice }}", "Center", bold=True)
    notice.paragraph_format.space_after = Pt(10)
    tag(doc, "{%p endif %}")
    addressee_block(doc)
    tag(doc, "{%p for paragraph in document.intro %}")
    para(doc, "{{ paragraph }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for section in document.sections %}")
    para(doc, "{{ section.heading }}", bold=True, keep_next=True)
    tag(doc, "{%p for paragraph in section.paragraphs %}")
    para(doc, "{{ paragraph }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if document.has_detail %}")
    criteria_detail(doc)
    tag(doc, "{%p endif %}")
    para(doc, "{{ document.closing }}")
    closing_block(doc)


def closing_block(doc) -> None:
    """Nơi nhận (bottom left) beside the signature block."""
    widths = [8.0, 8.5]
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_widths(table, widths)
    left, right = table.rows[0].cells
    para(left, "Nơi nhận:", "Cell", bold=True, italic=True, size=12)
    tag(left, "{%p for line in recipients %}", "Cell")
    para(left, "{{ line }}", "Cell", size=11)
    tag(left, "{%p endfor %}", "Cell")
    left._tc.remove(left.paragraphs[0]._p)
    para(right, "{{ signature.on_behalf }}", "Center", bold=True)
    tag(right, "{%p if signature.deputy_line %}", "Center")
    para(right, "{{ signature.deputy_line }}", "Center", bold=True)
    tag(right, "{%p endif %}", "Center")
    para(right, "{{ signature.title }}", "Center", bold=True)
    for _ in range(4):
        para(right, "", "Center")
    para(right, "{{ signature.name }}", "Center", bold=True)
    right._tc.remove(right.paragraphs[0]._p)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def report_part(doc) -> None:
    """The Báo cáo kết quả of a passing ward: its own number, place-date line, addressee and signature."""
    tag(doc, "{%p if report.separate %}")
    new_document(doc)
    nd30_header(doc, "report")
    title_block(doc, "{{ report.title }}", "{{ report.abstract }}")
    addressee_block(doc, "report")
    para(doc, "{{ report.intro }}")
    criteria_detail(doc)
    para(doc, "{{ report.closing }}")
    closing_block(doc)
    tag(doc, "{%p endif %}")


def minutes_part(doc) -> None:
    """Biên bản họp tự đánh giá: blanks where lacha cannot know; THƯ KÝ (left) and CHỦ TRÌ (right) sign."""
    new_document(doc)
    nd30_header(doc, "minutes")
    title_block(doc, "{{ minutes.title }}", "{{ minutes.abstract }}")
    tag(doc, "{%p for line in minutes.facts %}")
    para(doc, "{{ line }}")
    tag(doc, "{%p endfor %}")
    para(doc, "{{ minutes.heading_content }}", bold=True, keep_next=True)
    para(doc, "{{ minutes.content_intro }}")
    tag(doc, "{%p for line in minutes.results %}")
    para(doc, "{{ line }}")
    tag(doc, "{%p endfor %}")
    para(doc, "{{ minutes.tally }}")
    para(doc, "{{ minutes.vote }}")
    para(doc, "{{ minutes.heading_conclusion }}", bold=True, keep_next=True)
    para(doc, "{{ minutes.conclusion }}")
    para(doc, "{{ minutes.closing }}")
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_widths(table, [8.25, 8.25])
    for cell, side in zip(table.rows[0].cells, ("left", "right")):
        para(cell, f"{{{{ minutes.signatures.{side}_title }}}}", "Center", bold=True)
        for _ in range(4):
            para(cell, "", "Center")
        para(cell, f"{{{{ minutes.signatures.{side}_name }}}}", "Center", bold=True)
        cell._tc.remove(cell.paragraphs[0]._p)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def criteria_detail(doc) -> None:
    """The result criterion by criterion (in the Báo cáo)."""
    tag(doc, "{%p for c in criteria %}")
    para(doc, "Tiêu chí ({{ c.id }}): {{ c.short }}", bold=True, keep_next=True).paragraph_format.space_before = Pt(6)
    wording = para(doc, "Nội dung tiêu chí: ")
    run(wording, "“{{ c.title }}”", italic=True)
    para(doc, "Nguồn: {{ c.source }}", "Small")
    result = para(doc, "Kết quả đo được: ")
    run(result, "{{ c.measured }}", bold=True)
    run(result, ". Đánh giá: ")
    run(result, "{{ c.status_label }}", bold=True)
    run(result, ".")
    tag(doc, "{%p for part in c.parts %}")
    para(doc, "- ({{ part.id }}) {{ part.title }}: {{ part.measured }} — {{ part.status_label }}.")
    tag(doc, "{%p endfor %}")
    para(doc, "Căn cứ, minh chứng:", keep_next=True)
    tag(doc, "{%p for line in c.evidence %}")
    para(doc, "- {{ line }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if c.failing %}")
    para(doc, "Các trường hợp chưa đạt ({{ c.failing|length }}):", keep_next=True)
    loop_table(doc, ["STT", "Mã, số định danh", "Họ và tên / tên", "Thôn, tổ", "Lý do"],
               ["{{ f.stt }}", "{{ f.key }}", "{{ f.name }}", "{{ f.hamlet }}", "{{ f.reason }}"],
               [1.2, 3.2, 4.2, 2.8, 5.1], "f in c.failing")
    tag(doc, "{%p if c.privacy_note %}")
    para(doc, "{{ c.privacy_note }}", "Small")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if report.evidence %}")
    para(doc, "{{ report.evidence_title }}", bold=True, keep_next=True).paragraph_format.space_before = Pt(6)
    loop_table(doc, ["STT", "Danh sách", "Ngày rà soát", "Kết quả rà soát"],
               ["{{ row.stt }}", "{{ row.list }}", "{{ row.reviewed_on }}", "{{ row.content }}"],
               [1.3, 7.2, 3.2, 4.8], "row in report.evidence", centred=(0, 2))
    tag(doc, "{%p endif %}")


def summary_part(doc) -> None:
    new_document(doc)
    title_block(doc, "{{ summary.title }}", "“{{ profile.recognition }}” — {{ ward.name }}, {{ as_of.long }}",
                "{{ report.attached_note }}")
    loop_table(doc, ["STT", "Tiêu chí", "Kết quả đo được", "Đánh giá"],
               ["{{ row.stt }}", "{{ row.criterion }}", "{{ row.measured }}", "{{ row.status_label }}"],
               [1.3, 8.2, 3.7, 3.3], "row in summary.rows", centred=(0, 2, 3))
    para(doc, "").paragraph_format.space_after = Pt(6)
    para(doc, "Tổng hợp: {{ summary.counts_line }}")
    para(doc, "Kết luận: {{ summary.verdict }}", bold=True)


def appendix(doc, spec) -> None:
    """One list: a document of its own (Phụ lục I, II …), landscape."""
    a = f"appx.{spec.id}"
    tag(doc, f"{{%p if {a} %}}", "Center")
    new_document(doc)
    heading = para(doc, "", "Center")
    run(heading, f"{{{{ {a}.heading }}}}", bold=True)
    para(doc, f"{{{{ {a}.title }}}}", "Center", bold=True)
    para(doc, "{{ report.attached_note }}", "Center", italic=True, size=13)
    rule(doc, 5.5, LANDSCAPE_TEXT_CM, after=8)
    para(doc, f"{{{{ {a}.count_line }}}}", "Small").paragraph_format.first_line_indent = Cm(0)
    scale = LANDSCAPE_TEXT_CM / sum(c.weight for c in spec.columns)
    loop_table(doc, [c.label for c in spec.columns], [f"{{{{ r.{c.key} }}}}" for c in spec.columns],
               [round(c.weight * scale, 2) for c in spec.columns], f"r in {a}.rows")
    tag(doc, f"{{%p if {a}.privacy_note %}}", "Center")
    para(doc, f"{{{{ {a}.privacy_note }}}}", "Small").paragraph_format.first_line_indent = Cm(0)
    tag(doc, "{%p endif %}", "Center")
    tag(doc, "{%p endif %}", "Center")


def build(path: Path) -> None:
    doc = Document()
    add_styles(doc)
    portrait(doc.sections[0])
    first_document(doc)
    report_part(doc)
    minutes_part(doc)
    summary_part(doc)
    landscape(doc.add_section(WD_SECTION.NEW_PAGE))
    for spec in APPENDICES:
        appendix(doc, spec)
    doc.core_properties.title = "Hồ sơ công nhận — lacha"
    doc.core_properties.author = "lacha"
    doc.save(path)


if __name__ == "__main__":
    target = HERE / "dossier.docx"
    build(target)
    print(f"wrote {target}")
