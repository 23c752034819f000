"""The Word dossier: templates/dossier.docx (docxtpl, Jinja inside Word) over the shared context.

Rendering uses autoescape, so ``<``, ``&`` and quotes in a value stay literal;
the context has already dropped the control characters XML forbids.
"""

import io
from pathlib import Path

from jinja2 import Environment

from lacha.resources import templates_dir

DOCX_TEMPLATE = "dossier.docx"


def render_docx(context: dict, template_dir: Path | None = None) -> bytes:
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(Path(template_dir or templates_dir()) / DOCX_TEMPLATE))
    template.render(context, jinja_env=Environment(autoescape=True), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def write_docx(context: dict, path: Path, template_dir: Path | None = None) -> None:
    """Render in memory, then write: a template error leaves no file behind."""
    data = render_docx(context, template_dir)
    Path(path).write_bytes(data)
