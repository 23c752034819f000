"""One Word section per document of the dossier (issue 14): each starts on a new page, numbers its pages
from 1 (shown from page 2, centred at the top: Nghị định 30/2020/NĐ-CP), and can be cut out on its own.

The template marks where each document starts with a paragraph holding only ``NEW_DOCUMENT``
(templates/build_docx_template.py). After rendering, each such paragraph becomes the section break that
ends the document before it, with the page setup and headers of the template section it lies in (so an
appendix stays landscape); every section gets a different first page and page numbering restarting at 1.
"""

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

NEW_DOCUMENT = "[[lacha:new-document]]"
# ECMA-376 order of w:sectPr children after w:pgNumType, and after w:titlePg
_AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
_AFTER_TITLEPG = _AFTER_PGNUMTYPE[5:]


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _sect_pr(p):
    ppr = p.find(qn("w:pPr"))
    return ppr.find(qn("w:sectPr")) if ppr is not None else None


def _insert(sect, element, successors) -> None:
    names = {qn(n) for n in successors}
    for child in sect:
        if child.tag in names:
            child.addprevious(element)
            return
    sect.append(element)


def _restart_numbering(sect) -> None:
    for old in sect.findall(qn("w:pgNumType")) + sect.findall(qn("w:titlePg")):
        sect.remove(old)
    number = OxmlElement("w:pgNumType")
    number.set(qn("w:start"), "1")
    _insert(sect, number, _AFTER_PGNUMTYPE)
    _insert(sect, OxmlElement("w:titlePg"), _AFTER_TITLEPG)


def separate_documents(body) -> int:
    """Turn the NEW_DOCUMENT paragraphs of a rendered body into section breaks; returns the sections' count."""
    children = list(body)
    governing, following = {}, body.find(qn("w:sectPr"))
    for child in reversed(children):  # the sectPr that governs each element: the next one in the body
        if child.tag == qn("w:p") and _sect_pr(child) is not None:
            following = _sect_pr(child)
        governing[child] = following
    for child in children:
        if child.tag != qn("w:p") or _text(child).strip() != NEW_DOCUMENT:
            continue
        previous = child.getprevious()
        if previous is None or (previous.tag == qn("w:p") and _sect_pr(previous) is not None):
            body.remove(child)  # the template already starts a section here
            continue
        for run in child.findall(qn("w:r")):
            child.remove(run)
        ppr = child.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            child.insert(0, ppr)
        ppr.append(copy.deepcopy(governing[child]))
    sections = [s for s in (_sect_pr(p) for p in body.iterchildren(qn("w:p"))) if s is not None]
    final = body.find(qn("w:sectPr"))
    for sect in sections + ([final] if final is not None else []):
        _restart_numbering(sect)
    return len(sections) + (final is not None)
