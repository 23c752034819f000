"""The Word dossier: templates/dossier.docx (docxtpl, Jinja inside Word) over the shared context.

Rendering uses autoescape, so ``<``, ``&`` and quotes in a value stay literal;
the context has already dropped the control characters XML forbids.
"""

import io
import re
from pathlib import Path

from jinja2 import Environment

from lacha.report.sections import separate_documents
from lacha.resources import templates_dir

DOCX_TEMPLATE = "dossier.docx"


_LISTING_CHARACTERS = re.compile("[\t\a\n\f]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # as docxtpl finds a paragraph


def _template_class():
    """docxtpl's DocxTemplate, but for which paragraphs it looks at after rendering (see resolve_listing)."""
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):
        def resolve_listing(self, xml: str) -> str:
            """docxtpl turns a tab, newline, bell or form feed in a value into Word's tab, line break, paragraph
            or page break, with three regular expressions per paragraph, run and text of the document: four
            seconds for the 100,000 cells of a large ward's appendices, where almost no paragraph holds one.
            Only the paragraphs that do are handed to it; the others are left as they are, as it would."""
            def resolve(match: re.Match) -> str:
                found = match.group(0)
                return super(Template, self).resolve_listing(found) if _LISTING_CHARACTERS.search(found) else found

            return _PARAGRAPH.sub(resolve, xml) if _LISTING_CHARACTERS.search(xml) else xml

    return Template


def render_docx(context: dict, template_dir: Path | None = None) -> bytes:
    template = _template_class()(str(Path(template_dir or templates_dir()) / DOCX_TEMPLATE))
    template.render(context, jinja_env=Environment(autoescape=True), autoescape=True)
    separate_documents(template.docx.element.body)  # one section per document (lacha.report.sections)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def write_docx(context: dict, path: Path, template_dir: Path | None = None) -> None:
    """Render in memory, then write: a template error leaves no file behind."""
    data = render_docx(context, template_dir)
    Path(path).write_bytes(data)
