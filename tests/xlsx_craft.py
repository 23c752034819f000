"""Hand-written .xlsx packages for the trust tests (issue 7): the XML parts are written
directly, so a test can put in exactly what a hostile or broken file holds — a DTD,
a cell at XFD1048576, a formula with no cached value, a font named .VnTime.

``write_xlsx(path, {"Sheet": rows}, ...)``: rows as in ``build_workbook`` (None is
an empty cell; str → inline string, int/float → number). ``styles`` maps a sheet to
{(row, col): font index} (0-based), with ``fonts`` naming each font (font 0 is the
default of every unstyled cell). ``patch(path, {part: fn(bytes) → bytes})`` rewrites
parts of an existing package.
"""

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_xml(r: int, c: int, value, style: int | None = None) -> str:
    ref = f"{column_letter(c)}{r}"
    s = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(rows, styles: dict | None = None, merges=(), extra_rows: str = "") -> bytes:
    styles = styles or {}
    body = []
    for r, row in enumerate(rows, 1):
        cells = "".join(cell_xml(r, c, v, styles.get((r - 1, c))) for c, v in enumerate(row))
        body.append(f'<row r="{r}">{cells}</row>')
    merge = (f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) +
             "</mergeCells>") if merges else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}"><sheetData>'
            + "".join(body) + extra_rows + f"</sheetData>{merge}</worksheet>").encode()


def styles_xml(fonts: list[str]) -> bytes:
    font_xml = "".join(f'<font><sz val="12"/><name val="{escape(f)}"/></font>' for f in fonts)
    xfs = "".join(f'<xf numFmtId="0" fontId="{i}" fillId="0" borderId="0"/>' for i in range(len(fonts)))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MAIN}">'
            f'<fonts count="{len(fonts)}">{font_xml}</fonts><fills count="1"><fill/></fills>'
            f'<borders count="1"><border/></borders><cellXfs count="{len(fonts)}">{xfs}</cellXfs>'
            "</styleSheet>").encode()


def write_xlsx(path, sheets: dict, *, hidden=(), styles: dict | None = None, fonts: list[str] | None = None,
               merges: dict | None = None) -> Path:
    names = list(sheets)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.'
                      'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(names)))
            + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
              'spreadsheetml.styles+xml"/></Types>').encode(),
        "_rels/.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship '
                        f'Id="rId1" Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
                        ).encode(),
        "xl/workbook.xml": (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}">'
                            "<sheets>" + "".join(
                                f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"'
                                + (' state="hidden"' if n in hidden else "") + "/>" for i, n in enumerate(names))
                            + "</sheets></workbook>").encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
            + "".join(f'<Relationship Id="rId{i + 1}" Type="{DOC_RELS}/worksheet" '
                      f'Target="worksheets/sheet{i + 1}.xml"/>'
                      for i in range(len(names)))
            + f'<Relationship Id="rId{len(names) + 1}" Type="{DOC_RELS}/styles" Target="styles.xml"/></Relationships>'
        ).encode(),
        "xl/styles.xml": styles_xml(fonts or ["Calibri"]),
    }
    for i, name in enumerate(names):
        parts[f"xl/worksheets/sheet{i + 1}.xml"] = sheet_xml(sheets[name], (styles or {}).get(name),
                                                             (merges or {}).get(name, ()))
    return write_parts(path, parts)


def write_parts(path, parts: dict) -> Path:
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def read_parts(path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def patch(path, changes: dict, out=None) -> Path:
    """Rewrite parts of the package at ``path`` (to ``out``, or in place): {part: fn(old bytes) → new bytes}."""
    parts = read_parts(path)
    for name, change in changes.items():
        parts[name] = change(parts.get(name, b""))
    return write_parts(out or path, parts)
