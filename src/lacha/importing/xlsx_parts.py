"""The parts of an .xlsx package lacha looks at before (and besides) calamine.

An .xlsx file is a zip of XML parts: ``xl/workbook.xml`` names the sheets,
``xl/_rels/workbook.xml.rels`` says which part holds each, ``xl/styles.xml``
lists fonts and cell formats. Small parts are parsed with defusedxml (a DTD or
an entity declaration is refused, so no "billion laughs" expansion);
worksheets are streamed with :func:`safe_expat`, which refuses them as well.
"""

import posixpath
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SMALL_PART_LIMIT = 64 << 20  # bytes: workbook.xml, rels, styles.xml are a few kB in real files


class PartError(ValueError):
    """A part is missing, too large, malformed or declares a DTD; ``args[0]`` says which part."""


@dataclass(frozen=True)
class SheetPart:
    name: str
    part: str  # zip member, e.g. 'xl/worksheets/sheet1.xml'
    hidden: bool = False


@dataclass
class Styles:
    fonts: list[str] = field(default_factory=list)  # font name per font index
    cell_fonts: list[int] = field(default_factory=list)  # font index per cellXfs index (the cell's s="…")

    def font_of(self, style: int) -> str:
        if 0 <= style < len(self.cell_fonts) and 0 <= self.cell_fonts[style] < len(self.fonts):
            return self.fonts[self.cell_fonts[style]]
        return self.fonts[0] if self.fonts else ""


def read_small_part(book: zipfile.ZipFile, name: str) -> bytes:
    info = book.getinfo(name)
    if info.file_size > SMALL_PART_LIMIT:
        raise PartError(name)
    with book.open(info) as handle:
        data = handle.read(SMALL_PART_LIMIT + 1)
    if len(data) > SMALL_PART_LIMIT:
        raise PartError(name)
    return data


def parse_small_part(book: zipfile.ZipFile, name: str):
    """The root element of a small XML part, parsed with DTDs and entities forbidden."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        return fromstring(read_small_part(book, name), forbid_dtd=True)
    except (DefusedXmlException, ParseError, ValueError):
        raise PartError(name) from None


def _tag(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def sheet_parts(book: zipfile.ZipFile) -> list[SheetPart]:
    """Every sheet of the workbook, in order, with the zip member that holds it."""
    workbook = parse_small_part(book, "xl/workbook.xml")
    targets = {}
    if "xl/_rels/workbook.xml.rels" in book.namelist():
        for rel in parse_small_part(book, "xl/_rels/workbook.xml.rels"):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = part
    parts = []
    for element in workbook.iter():
        if _tag(element) == "sheet":
            part = targets.get(element.get(f"{{{REL_NS}}}id"), "")
            parts.append(SheetPart(element.get("name", ""), part, element.get("state", "visible") != "visible"))
    return parts


def read_styles(book: zipfile.ZipFile) -> Styles:
    """Font names and the font of each cell format; empty when the workbook has no styles part."""
    if "xl/styles.xml" not in book.namelist():
        return Styles()
    root = parse_small_part(book, "xl/styles.xml")
    styles = Styles()
    for element in root:
        if _tag(element) == "fonts":
            styles.fonts = [_font_name(font) for font in element]
        elif _tag(element) == "cellXfs":
            styles.cell_fonts = [_int(xf.get("fontId"), 0) for xf in element]
    return styles


def _font_name(font) -> str:
    for child in font:
        if _tag(child) in ("name", "rFont"):
            return child.get("val", "")
    return ""


def _int(text, default: int) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def column_index(letters: str) -> int:
    """'A' → 0, 'AB' → 27."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def split_ref(ref: str) -> tuple[int, int] | None:
    """'C12' → (11, 2), 0-based (row, column); None when ``ref`` is not a cell reference."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    if not letters or not digits or not letters.isalpha() or not letters.isupper() or len(letters) > 3:
        return None
    return int(digits) - 1, column_index(letters)


def _forbid(*_args) -> None:
    raise PartError("DTD")


def safe_expat() -> "expat.XMLParserType":
    """An expat parser that refuses any DTD, entity declaration or external reference."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    parser.buffer_text = True
    return parser


class CellWalker:
    """Streams a worksheet part and calls ``on_cell(row, col, attributes)`` for each ``<c>``,
    placing cells without an ``r`` reference where Excel (and calamine) would: after the previous one."""

    def __init__(self, on_cell):
        self.on_cell = on_cell
        self.row = -1
        self.col = -1

    def start(self, tag: str, attributes: dict) -> None:
        if tag == "row":
            self.row = _int(attributes.get("r"), self.row + 2) - 1
            self.col = -1
        elif tag == "c":
            place = split_ref(attributes.get("r", ""))
            self.row, self.col = place if place else (max(self.row, 0), self.col + 1)
            self.on_cell(self.row, self.col, attributes)

    def walk(self, book: zipfile.ZipFile, part: str, limit: int) -> None:
        parser = safe_expat()
        parser.StartElementHandler = lambda tag, attributes: self.start(tag.rsplit(":", 1)[-1], attributes)
        read = 0
        with book.open(part) as handle:
            while chunk := handle.read(1 << 20):
                read += len(chunk)
                if read > limit:
                    raise PartError(part)
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
