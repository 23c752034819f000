"""One .docx per document (``lacha dossier --out FOLDER/``): the rendered dossier cut at its section breaks.

The dossier template has one Word section per document (Tờ trình, Báo cáo, Biên bản, Bảng tổng hợp, each
Phụ lục), each with its own header and page numbering. A section ends at the paragraph whose properties
hold a ``w:sectPr`` (the last one: the body's own), so document *i* is the body elements of section *i*
with that section's properties made the body's.
"""

import copy
import io

from docx import Document
from docx.oxml.ns import qn


def section_chunks(body) -> list[tuple[list, object]]:
    """[(body elements, their w:sectPr)] in order."""
    chunks: list[tuple[list, object]] = []
    current: list = []
    for child in list(body):
        if child.tag == qn("w:sectPr"):
            chunks.append((current, child))
            current = []
            continue
        current.append(child)
        if child.tag == qn("w:p"):
            ppr = child.find(qn("w:pPr"))
            sect = ppr.find(qn("w:sectPr")) if ppr is not None else None
            if sect is not None:
                chunks.append((current, sect))
                current = []
    return chunks


def split_docx(data: bytes) -> list[bytes]:
    """The rendered dossier (.docx bytes) as one .docx per section."""
    count = len(section_chunks(Document(io.BytesIO(data)).element.body))
    parts = []
    for index in range(count):
        doc = Document(io.BytesIO(data))
        body = doc.element.body
        chunks = section_chunks(body)
        keep, sect = chunks[index]
        sect = copy.deepcopy(sect)
        for child in list(body):
            body.remove(child)
        for child in keep:
            ppr = child.find(qn("w:pPr")) if child.tag == qn("w:p") else None
            inner = ppr.find(qn("w:sectPr")) if ppr is not None else None
            if ppr is not None and inner is not None:
                ppr.remove(inner)
            body.append(child)
        body.append(sect)
        buffer = io.BytesIO()
        doc.save(buffer)
        parts.append(buffer.getvalue())
    return parts
