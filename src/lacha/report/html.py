"""The print-ready HTML dossier: a Jinja2 template (autoescape on) over the shared context."""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from lacha.resources import templates_dir

HTML_TEMPLATE = "dossier.html.j2"


def html_environment(template_dir: Path | None = None) -> Environment:
    """Templates are looked up in ``template_dir`` first, then in lacha's own (partials fall back)."""
    search = [str(template_dir)] if template_dir else []
    search.append(str(templates_dir()))
    return Environment(loader=FileSystemLoader(search), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render_html(context: dict, template_dir: Path | None = None) -> str:
    return html_environment(template_dir).get_template(HTML_TEMPLATE).render(**context)


def write_html(context: dict, path: Path, template_dir: Path | None = None) -> None:
    """Render first, then write: a template error leaves no file behind."""
    text = render_html(context, template_dir)
    Path(path).write_text(text, encoding="utf-8")
