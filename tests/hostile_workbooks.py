"""Workbooks that inflate far beyond their size (issue 17, item 1), written part by part in a stream, so building
one never holds its inflated text in memory. Used by tests/test_hardening2.py and benchmarks/hostile.py."""

import zipfile
from pathlib import Path

from xlsx_craft import DOC_RELS, MAIN, RELS, column_letter

CELLS, LENGTH = 30_000, 30_000  # the red team's figures: 30.000 cells × 30.000 characters
COLUMNS = 30


def _package_parts(shared: bool) -> dict[str, bytes]:
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')
    rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
                '<sheet name="NguoiNghien" sheetId="1" r:id="rId1"/></sheets></workbook>')
    book_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                 f'Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
                 + (f'<Relationship Id="rId2" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
                    if shared else "") + "</Relationships>")
    return {"[Content_Types].xml": types.encode(), "_rels/.rels": rels.encode(), "xl/workbook.xml": workbook.encode(),
            "xl/_rels/workbook.xml.rels": book_rels.encode()}


def _text(n: int) -> str:
    return (f"Ghi chú {n} " + "Nguyen Van An thon Mot " * (LENGTH // 20))[:LENGTH]


def long_cells(path: Path, cells: int = CELLS) -> Path:
    """``cells`` cells of LENGTH characters each, inline in the worksheet (about 1 GB inflated)."""
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in _package_parts(shared=False).items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode())
            for r in range(cells // COLUMNS):
                row = "".join(f'<c r="{column_letter(c)}{r + 1}" t="inlineStr"><is><t>{_text(r * COLUMNS + c)}</t>'
                              "</is></c>" for c in range(COLUMNS))
                part.write(f'<row r="{r + 1}">{row}</row>'.encode())
            part.write(b"</sheetData></worksheet>")
    return path


def huge_shared_strings(path: Path, strings: int = CELLS) -> Path:
    """A small worksheet whose sharedStrings part holds ``strings`` strings of LENGTH characters (~900 MB)."""
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in _package_parts(shared=True).items():
            archive.writestr(name, data)
        archive.writestr("xl/worksheets/sheet1.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData><row r="1">'
            '<c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>').encode())
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{strings}" '
                       f'uniqueCount="{strings}">'.encode())
            for n in range(strings):
                part.write(f"<si><t>{_text(n)}</t></si>".encode())
            part.write(b"</sst>")
    return path
