"""Text typed in a legacy Vietnamese encoding — TCVN3 (.VnTime fonts) or VNI (VNI-Times
fonts) — converted to Unicode while reading a workbook.

Such text is stored as Latin-1 letters ("NguyÔn V¨n Trçi") that only read as
Vietnamese through the old font, so the cell's font name is the reliable
signal: ``xl/styles.xml`` is read, and only when it names a ``.Vn…`` or
``VNI…`` font are the sheets streamed for each cell's style. Sheets with no
such font are checked by their content (``_content_encoding``): converted
text must read as Vietnamese syllables. ``--encoding`` forces one encoding
for every text cell. A cell already holding Unicode Vietnamese letters
(beyond Latin-1) is never converted.

The conversion tables are viparse's (TCVN3 checked against all 134 letters;
VNI's, which leave out ẳ/Ẳ and ỵ/Ỵ as unobserved in their corpus, completed
here from the VNI-Windows layout: ẳ = a + ú, ỵ = î).
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import cache

from lacha.text import clean

ENCODINGS = ("tcvn3", "vni")
NAMES = {"tcvn3": "TCVN3", "vni": "VNI"}
VNI_MISSING = (("aú", "ẳ"), ("AÚ", "Ẳ"), ("î", "ỵ"), ("Î", "Ỵ"))
LISTED = 20  # conversions shown in the import summary per sheet; all are kept in ``converted``


@dataclass(frozen=True)
class Conversion:
    sheet: str
    row: int  # as Excel shows it
    col: int  # 0-based
    before: str
    after: str
    encoding: str  # 'tcvn3' | 'vni'
    signal: str  # the font name, '--encoding', or 'nội dung'

    @property
    def ref(self) -> str:
        from lacha.importing.issues import column_letter

        return f"{column_letter(self.col)}{self.row}"


def font_encoding(name: str) -> tuple[str, bool] | None:
    """('tcvn3' | 'vni', upper-case font) for a legacy font name; None for a Unicode font.

    '.VnTime', '.VnArial Narrow' are TCVN3; '.VnTimeH' (names ending in H) draw every letter upper-case.
    'VNI-Times', 'VNI-Helve' are VNI."""
    name = (name or "").strip()
    if name.lower().startswith(".vn"):
        return "tcvn3", name.endswith("H")
    if name.upper().startswith("VNI"):
        return "vni", False
    return None


@cache
def _charmap(encoding: str):
    from viparse.normalize.encodings import get_charmap
    from viparse.normalize.tables import build_charmap

    charmap = get_charmap(encoding)
    if encoding != "vni":
        return charmap
    present = {source for source, _ in charmap.pairs}
    return build_charmap("vni", [*charmap.pairs, *(pair for pair in VNI_MISSING if pair[0] not in present)])


def is_candidate(text: str) -> bool:
    """Text that may be legacy-encoded: some character in Latin-1's upper half, none beyond Latin-1."""
    return any("\x80" <= ch <= "\xff" for ch in text) and all(ch <= "\xff" for ch in text)


def convert(text: str, encoding: str, upper: bool = False) -> str:
    """``text`` read in ``encoding``, as NFC Unicode; upper-cased for the .Vn…H fonts."""
    from viparse.normalize.tables import convert as viparse_convert

    converted = clean(viparse_convert(text, _charmap(encoding)))
    return converted.upper() if upper else converted


# ── telling Vietnamese from noise: used to check content-detected conversions ──

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
VOWELS = set("aăâeêioôơuưy")
NUCLEI = set("""a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ
ưa ưi ươ ưu uy yê iêu oai oay oao oeo uây uôi ươi ươu uyê yêu uya uyu ueo ưo""".split())


def _syllable_ok(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in TONES for ch in decomposed) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES))
    clusters, run = [], ""
    for ch in bare + " ":
        if ch in VOWELS:
            run += ch
        elif run:
            clusters.append(run)
            run = ""
    if bare.startswith(("gi", "qu")) and clusters and len(clusters[0]) > 1:
        clusters[0] = clusters[0][1:]  # gi-, qu-: the i/u belongs to the consonant
    return len(clusters) <= 1 and all(c in NUCLEI for c in clusters)


def reads_as_vietnamese(text: str) -> bool:
    """Every letter is a Vietnamese one, no stray Latin-1 symbol (× ¹ ¶ ÷ …), every word a plausible syllable."""
    if any("\x80" <= ch <= "\xff" and not _vietnamese_letter(ch) for ch in text):
        return False
    for word in re.findall(r"[^\W\d_]+", text):
        if any(not ("a" <= ch.lower() <= "z" or _vietnamese_letter(ch)) for ch in word):
            return False
        if not _syllable_ok(word):
            return False
    return True


def _vietnamese_letter(ch: str) -> bool:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    return (decomposed[0] in "aeiouy" and len(decomposed) > 1) or ch.lower() == "đ"


def _content_encoding(texts: list[str]) -> str | None:
    """The encoding in which most of ``texts`` (candidates) read as Vietnamese, when clearly so."""
    if len(texts) < 3:
        return None
    scores = {enc: sum(reads_as_vietnamese(convert(t, enc)) and not reads_as_vietnamese(t) for t in texts)
              for enc in ENCODINGS}
    best = max(scores, key=scores.get)
    other = min(scores, key=scores.get)
    return best if scores[best] >= 0.6 * len(texts) and scores[best] > 2 * scores[other] else None


# ── applying it to the sheets just read ─────────────────────────────────────

def convert_legacy_text(package: zipfile.ZipFile, parts: list, sheets: list, forced: str | None) -> None:
    """Convert legacy-encoded text cells of ``sheets`` in place; each sheet lists its conversions."""
    if forced is not None and forced.lower() not in ENCODINGS:
        from lacha.errors import UsageError

        raise UsageError(f"--encoding {forced}: lacha chỉ chuyển mã tcvn3 (phông .VnTime) hoặc vni (phông VNI-Times).")
    forced = forced.lower() if forced else None
    if forced:
        for sheet in sheets:
            _convert_cells(sheet, _all_text_cells(sheet), lambda _cell: (forced, False, "--encoding"))
        return
    by_font = _legacy_cells_by_font(package, parts)
    for sheet in sheets:
        fonts = by_font.get(sheet.name)
        if fonts:
            _convert_cells(sheet, fonts.keys(), fonts.get)
        else:
            _convert_by_content(sheet)


def _all_text_cells(sheet) -> list[tuple[int, int]]:
    return [(r, c) for r, row in enumerate(sheet.rows) for c, v in enumerate(row) if _is_plain_text(v)]


def _is_plain_text(value) -> bool:
    from lacha.importing.workbook import UnreadableCell

    return isinstance(value, str) and not isinstance(value, UnreadableCell) and is_candidate(value)


def _convert_cells(sheet, cells, how) -> None:
    """Convert each text cell of ``cells``; ``how((row, col))`` is (encoding, upper-case font, signal)."""
    for r, c in cells:
        value = sheet.rows[r][c] if r < len(sheet.rows) and c < len(sheet.rows[r]) else None
        if not _is_plain_text(value):
            continue
        encoding, upper, signal = how((r, c))
        after = convert(value, encoding, upper)
        if after != value:
            sheet.rows[r][c] = after
            sheet.converted.append(Conversion(sheet.name, r + 1, c, value, after, encoding, signal))


SAMPLE = 400  # text cells looked at to decide a sheet's encoding by content


def _convert_by_content(sheet) -> None:
    """Convert a sheet with no legacy font whose text still reads as TCVN3 or VNI (a sample decides)."""
    sample = _text_sample(sheet)
    candidates = [t for t in sample if is_candidate(t)]
    unicode_texts = sum(any("\u0100" <= ch <= "\u1ef9" for ch in t) for t in sample)
    if not candidates or unicode_texts >= len(candidates):  # Unicode text with a few Latin-1 words ("Có", "Hà")
        return
    encoding = _content_encoding(candidates)
    if encoding:
        _convert_cells(sheet, _all_text_cells(sheet), lambda _cell: (encoding, False, "nội dung"))


def _text_sample(sheet) -> list[str]:
    sample = []
    for row in sheet.rows:
        sample.extend(v for v in row if isinstance(v, str))
        if len(sample) >= SAMPLE:
            break
    return sample


def _legacy_cells_by_font(package: zipfile.ZipFile, parts: list) -> dict[str, dict]:
    """Sheet name → {(row, col): (encoding, upper, font name)} for cells styled with a legacy font.
    Empty (and no sheet read) when styles.xml names no legacy font."""
    from lacha.importing.safety import MAX_PART_BYTES
    from lacha.importing.xlsx_parts import CellWalker, read_styles

    styles = read_styles(package)
    legacy = {i: (font_encoding(styles.font_of(i)), styles.font_of(i)) for i in range(max(len(styles.cell_fonts), 1))}
    legacy = {i: (enc[0], enc[1], font) for i, (enc, font) in legacy.items() if enc}
    if not legacy:
        return {}
    found: dict[str, dict] = {}
    for sheet in parts:
        if sheet.part not in package.namelist():
            continue
        cells: dict = {}

        def on_cell(row: int, col: int, attributes: dict, cells=cells) -> None:
            style = legacy.get(int(attributes.get("s", 0) or 0))
            if style:
                cells[(row, col)] = style

        CellWalker(on_cell).walk(package, sheet.part, MAX_PART_BYTES)
        found[sheet.name] = cells
    return found


def conversion_notes(sheets: list) -> list:
    """Warnings for the import summary: per sheet, how many cells were converted and the first LISTED of them."""
    from lacha.importing.issues import Issue

    notes = []
    for sheet in sheets:
        if not sheet.converted:
            continue
        kinds = sorted({(c.encoding, c.signal) for c in sheet.converted})
        how = "; ".join(f"{NAMES[enc]} ({_signal_text(signal)})" for enc, signal in kinds)
        notes.append(Issue(sheet.name, None, None, None, None,
                           f"đã chuyển {len(sheet.converted)} ô chữ gõ bằng mã cũ {how} sang Unicode — kiểm tra lại "
                           "các ô dưới đây.", error=False))
        for item in sheet.converted[:LISTED]:
            notes.append(Issue(sheet.name, item.row, None, None, item.before,
                               f"(ô {item.ref}) → '{item.after}'", error=False))
        if len(sheet.converted) > LISTED:
            notes.append(Issue(sheet.name, None, None, None, None,
                               f"… và {len(sheet.converted) - LISTED} ô khác.", error=False))
    return notes


def _signal_text(signal: str) -> str:
    if signal == "--encoding":
        return "theo --encoding"
    if signal == "nội dung":
        return "nhận ra theo nội dung"
    return f"phông {signal}"
