"""Text typed in TCVN3 (.VnTime) or VNI (VNI-Times) is converted to Unicode (issue 7, part 3).

The converter is viparse's tables (design.md names the package), checked here
against an encoder written independently from the published layouts (TCVN
5712:1993 VN3; VNI-Windows as in xvnkb's vni.h), letter by letter, and on real
phrases. viparse leaves out VNI's ẳ/Ẳ and ỵ/Ỵ; lacha adds them.
"""

import unicodedata

import pytest

from conftest import ADDICT_HEADER, HAMLET_ROWS, WARD_ROWS, fetch, table_contents
from lacha.importing.legacy_encoding import convert, font_encoding, reads_as_vietnamese
from xlsx_craft import write_xlsx

LETTERS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"

# TCVN3: one byte per letter (upper-case only for the 7 base letters), as Latin-1 characters.
TCVN3 = dict(zip("ăâêôơưđĂÂÊÔƠƯĐ", "¨©ª«¬\xad®¡¢£¤¥¦§"))
TCVN3.update(zip("àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
                 "µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ"))

# VNI: base letter + mark characters.
VNI_TONE = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
VNI_CIRCUMFLEX = {None: "â", "\u0300": "à", "\u0301": "á", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
VNI_BREVE = {None: "ê", "\u0300": "è", "\u0301": "é", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
VNI_I = {"\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def to_vni_letter(ch: str) -> str:
    upper, low = ch.isupper(), ch.lower()
    if low == "đ":
        return "Ñ" if upper else "ñ"
    base, *marks = unicodedata.normalize("NFD", low)
    tone = next((m for m in marks if m in VNI_TONE), None)
    shape = next((m for m in marks if m in "\u0302\u0306\u031b"), None)
    if base == "i" and tone:
        out = VNI_I[tone]
    elif base == "y" and tone == "\u0323":
        out = "î"
    elif shape == "\u031b":
        out = {"o": "ô", "u": "ö"}[base] + (VNI_TONE[tone] if tone else "")
    elif shape == "\u0302":
        out = base + VNI_CIRCUMFLEX[tone]
    elif shape == "\u0306":
        out = base + VNI_BREVE[tone]
    else:
        out = base + (VNI_TONE[tone] if tone else "")
    return out.upper() if upper else out


def to_tcvn3(text: str) -> str:
    return "".join(TCVN3.get(ch, ch) for ch in text)


def to_vni(text: str) -> str:
    return "".join(to_vni_letter(ch) if ch.lower() in LETTERS or ch.lower() == "đ" else ch for ch in text)


PHRASES = ["Nguyễn Văn Trỗi", "Tổ dân phố", "Đã triệt xóa", "Phường Nguyễn Trãi", "Có mặt", "Họ và tên",
           "Đang cai nghiện tại cơ sở", "Lò Thị Mỵ", "Thôn Phước Lộc", "Đường dây mua bán"]


@pytest.mark.parametrize("phrase", PHRASES)
def test_real_phrases_convert_from_tcvn3(phrase):
    assert convert(to_tcvn3(phrase), "tcvn3") == phrase


@pytest.mark.parametrize("phrase", PHRASES + [p.upper() for p in PHRASES])
def test_real_phrases_convert_from_vni(phrase):
    assert convert(to_vni(phrase), "vni") == phrase


def test_known_strings_from_old_files():
    assert convert("NguyÔn V¨n Trçi", "tcvn3") == "Nguyễn Văn Trỗi"
    assert convert("Tæ d©n phè", "tcvn3") == "Tổ dân phố"
    assert convert("§· triÖt xãa", "tcvn3") == "Đã triệt xóa"
    assert convert("Nguyeãn Vaên Troãi", "vni") == "Nguyễn Văn Trỗi"
    assert convert("Toå daân phoá", "vni") == "Tổ dân phố"
    assert convert("Ñaõ trieät xoùa", "vni") == "Đã triệt xóa"


@pytest.mark.parametrize("letter", LETTERS + LETTERS.upper())
def test_every_vni_letter_converts(letter):
    assert convert("x" + to_vni_letter(letter) + "x", "vni") == "x" + letter + "x"


@pytest.mark.parametrize("letter", sorted(TCVN3))
def test_every_tcvn3_letter_converts(letter):
    assert convert("x" + TCVN3[letter] + "x", "tcvn3") == "x" + letter + "x"


def test_the_vni_letters_viparse_leaves_out_are_completed():
    from viparse.normalize.encodings import get_charmap
    from viparse.normalize.tables import convert as viparse_convert

    assert viparse_convert("Lo\u00f8 Thò M\u00ee", get_charmap("vni")) != "Lò Thị Mỵ"  # viparse alone
    assert convert("Loø Thò Mî", "vni") == "Lò Thị Mỵ"
    assert convert("thaúng", "vni") == "thẳng"


def test_upper_case_tcvn3_fonts_are_upper_cased():
    assert font_encoding(".VnTimeH") == ("tcvn3", True)
    assert convert(to_tcvn3("danh sách người nghiện"), "tcvn3", upper=True) == "DANH SÁCH NGƯỜI NGHIỆN"


@pytest.mark.parametrize("font, expected", [(".VnTime", ("tcvn3", False)), (".VnArial Narrow", ("tcvn3", False)),
                                            (".VnTimeH", ("tcvn3", True)), ("VNI-Times", ("vni", False)),
                                            ("VNI-Helve", ("vni", False)), ("Times New Roman", None),
                                            ("Calibri", None), ("", None)])
def test_font_names_tell_the_encoding(font, expected):
    assert font_encoding(font) == expected


def test_the_syllable_check_tells_vietnamese_from_mis_decoded_text():
    assert reads_as_vietnamese("Nguyễn Văn Trỗi") and reads_as_vietnamese("Tổ dân phố 3")
    assert not reads_as_vietnamese(convert(to_vni("Nguyễn Văn Trỗi"), "tcvn3"))
    assert not reads_as_vietnamese(to_tcvn3("Nguyễn Văn Trỗi"))


# ── in a workbook ───────────────────────────────────────────────────────────

FONTS = ["Calibri", ".VnTime", "VNI-Times", ".VnTimeH"]
PLAIN, TCVN3_FONT, VNI_FONT, TCVN3_UPPER = range(4)


def addicts(encode, font: int, people=("Nguyễn Văn Trỗi", "Lò Thị Mỵ", "Trần Thị Bích")):
    """An addicts sheet typed in a legacy encoding with every cell in ``font``."""
    rows = [[encode(h) if isinstance(h, str) else h for h in ADDICT_HEADER]]
    for n, name in enumerate(people):
        rows.append(["", f"0010900008{n:02d}", encode(name), "15/03/1990", encode("Nữ"), encode("Tổ dân phố Hòa Bình"),
                     encode("Có mặt"), encode("Có"), ""])
    styles = {(r, c): font for r in range(len(rows)) for c in range(len(rows[0]))}
    return rows, styles


def import_ok(cli, path, *extra) -> str:
    result = cli("import", path, *extra)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


@pytest.mark.parametrize("encode, font", [(to_tcvn3, TCVN3_FONT), (to_vni, VNI_FONT)], ids=["tcvn3", "vni"])
def test_cells_in_a_legacy_font_are_imported_as_unicode_and_listed(cli, db, tmp_path, encode, font):
    from lacha.db.models import Addict

    rows, styles = addicts(encode, font)
    path = write_xlsx(tmp_path / "cu.xlsx", {"DiaBan": WARD_ROWS, "ThonTo": HAMLET_ROWS, "NguoiNghien": rows},
                      styles={"NguoiNghien": styles}, fonts=FONTS)
    output = import_ok(cli, path)
    people = fetch(db, Addict)
    assert [p["name"] for p in people] == ["Nguyễn Văn Trỗi", "Lò Thị Mỵ", "Trần Thị Bích"]
    assert {p["hamlet_code"] for p in people} == {"T3"} and {p["gender"] for p in people} == {"Nữ"}
    assert "sang Unicode" in output and f"phông {FONTS[font]}" in output
    assert f"'{encode('Nguyễn Văn Trỗi')}' (ô C2) → 'Nguyễn Văn Trỗi'" in output


def test_the_summary_lists_every_conversion_and_caps_what_it_prints(engine, tmp_path):
    from lacha.importing.apply import import_workbook
    from lacha.importing.legacy_encoding import LISTED

    names = [f"Nguyễn Văn {chr(65 + n % 26)}{n}" for n in range(40)]
    rows, styles = addicts(to_tcvn3, TCVN3_FONT, names)
    path = write_xlsx(tmp_path / "nhieu.xlsx", {"DiaBan": WARD_ROWS, "ThonTo": HAMLET_ROWS, "NguoiNghien": rows},
                      styles={"NguoiNghien": styles}, fonts=FONTS)
    summary = import_workbook(engine, path)
    converted = [c for c in summary.converted if c.sheet == "NguoiNghien"]
    assert len(converted) == 8 + 40 * 5  # the header's 8 accented cells, then 5 text cells a person
    first = next(c for c in converted if c.ref == "C2")
    assert (first.before, first.after, first.encoding, first.signal) == (to_tcvn3(names[0]), names[0], "tcvn3",
                                                                         ".VnTime")
    notes = [w for w in summary.warnings if w.sheet == "NguoiNghien" and "→" in w.reason]
    assert len(notes) == LISTED
    assert any("và 188 ô khác" in w.reason for w in summary.warnings)


def test_an_upper_case_font_gives_upper_case_text(engine, tmp_path):
    from lacha.importing.workbook import read_sheets

    path = write_xlsx(tmp_path / "h.xlsx", {"NguoiNghien": [[to_tcvn3("danh sách người nghiện")]]},
                      styles={"NguoiNghien": {(0, 0): TCVN3_UPPER}}, fonts=FONTS)
    assert read_sheets(path)[0].rows[0][0] == "DANH SÁCH NGƯỜI NGHIỆN"


def test_unicode_text_in_a_legacy_font_cell_is_left_alone(tmp_path):
    from lacha.importing.workbook import read_sheets

    path = write_xlsx(tmp_path / "u.xlsx", {"S": [["Nguyễn Văn Trỗi", "Tổ 1"]]},
                      styles={"S": {(0, 0): TCVN3_FONT, (0, 1): TCVN3_FONT}}, fonts=FONTS)
    sheet = read_sheets(path)[0]
    assert sheet.rows[0] == ["Nguyễn Văn Trỗi", "Tổ 1"] and sheet.converted == []


def test_a_unicode_workbook_is_not_touched(tmp_path):
    from lacha.importing.workbook import read_sheets

    rows = [ADDICT_HEADER] + [["", "001090000831", "Lê Thị Hà", "1990", "Nữ", "T1", "Có mặt", "Có", "Chú ý"]] * 5
    sheets = read_sheets(write_xlsx(tmp_path / "u.xlsx", {"NguoiNghien": rows}))
    assert sheets[0].converted == [] and sheets[0].rows[1][7] == "Có"


@pytest.mark.parametrize("encode, encoding", [(to_tcvn3, "tcvn3"), (to_vni, "vni")])
def test_legacy_text_without_a_legacy_font_is_found_by_its_content(cli, db, tmp_path, encode, encoding):
    from lacha.db.models import Addict

    rows, _ = addicts(encode, PLAIN)
    path = write_xlsx(tmp_path / "noi-dung.xlsx", {"DiaBan": WARD_ROWS, "ThonTo": HAMLET_ROWS, "NguoiNghien": rows})
    output = import_ok(cli, path)
    assert [p["name"] for p in fetch(db, Addict)][0] == "Nguyễn Văn Trỗi"
    assert "nhận ra theo nội dung" in output


@pytest.mark.parametrize("encode, encoding", [(to_tcvn3, "tcvn3"), (to_vni, "vni")])
def test_encoding_option_forces_the_conversion(cli, db, tmp_path, encode, encoding):
    from lacha.db.models import Addict

    legacy = [[encode(v) if isinstance(v, str) else v for v in row] for row in HAMLET_ROWS]  # all typed in it
    rows = [[encode(h) for h in ADDICT_HEADER], ["", "001090000831", encode("Bùi Thị Cúc"), "1990", encode("Nữ"),
                                                 "T1", "", "", ""]]
    path = write_xlsx(tmp_path / "ep.xlsx", {"DiaBan": WARD_ROWS, "ThonTo": legacy, "NguoiNghien": rows})
    output = import_ok(cli, path, "--encoding", encoding)
    assert fetch(db, Addict)[0]["name"] == "Bùi Thị Cúc"
    assert "theo --encoding" in output


def test_an_unknown_encoding_is_a_usage_error(cli, engine, tmp_path):
    rows, _ = addicts(to_tcvn3, PLAIN)
    path = write_xlsx(tmp_path / "x.xlsx", {"DiaBan": WARD_ROWS, "ThonTo": HAMLET_ROWS, "NguoiNghien": rows})
    before = table_contents(engine)
    result = cli("import", path, "--encoding", "utf-7")
    assert result.exit_code == 2 and "tcvn3" in result.output and "vni" in result.output
    assert table_contents(engine) == before


def test_a_ward_name_typed_in_tcvn3_gives_the_right_slug(cli, db, tmp_path):
    from lacha.db.models import Ward

    ward = [["Tên địa bàn", to_tcvn3("Phường Nguyễn Trãi")], ["Loại", "Phường"]]
    path = write_xlsx(tmp_path / "dia-ban.xlsx", {"DiaBan": ward, "ThonTo": HAMLET_ROWS},
                      styles={"DiaBan": {(0, 1): TCVN3_FONT}}, fonts=FONTS)
    import_ok(cli, path)
    assert [(w["slug"], w["name"]) for w in fetch(db, Ward, "slug")] == [("nguyen-trai", "Phường Nguyễn Trãi")]
