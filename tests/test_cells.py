"""Cell parsers (roster-format.md, Tolerance 5, 6, 8, 9), called directly on normalised cell values."""

import datetime as dt

import pytest

from lacha.importing.cells import (CellError, parse_birth, parse_cell, parse_choice, parse_count, parse_date,
                                   parse_identifier, parse_person_id, parse_yesno)
from lacha.importing.kinds import BY_KIND
from lacha.importing.workbook import normalise
from lacha.vocab import HotspotStatus, PersonStatus

APRIL_3 = dt.date(2024, 4, 3)


@pytest.mark.parametrize("text", ["03/04/2024", "3/4/2024", "03-04-2024", "03.04.2024", "2024-04-03",
                                  "3/04/2024", "03/04/2024 00:00:00"])
def test_every_written_date_form_is_read_day_first(text):
    assert parse_date(text) == APRIL_3


def test_excel_date_and_datetime_cells_are_dates():
    assert parse_date(APRIL_3) == APRIL_3
    assert parse_date(dt.datetime(2024, 4, 3, 0, 0)) == APRIL_3


def test_03_04_2024_is_the_third_of_april_never_march_fourth():
    assert parse_date("03/04/2024").month == 4


def test_a_day_above_twelve_in_second_place_is_an_error_not_a_swapped_guess():
    with pytest.raises(CellError):
        parse_date("04/13/2024")


@pytest.mark.parametrize("text", ["31/02/2024", "30/02/2024", "29/02/2023", "00/01/2024", "32/01/2024",
                                  "2024-13-01", "03/04/24", "hôm qua", "14/12"])
def test_impossible_or_unreadable_dates_are_errors(text):
    with pytest.raises(CellError) as raised:
        parse_date(text)
    assert "ngày" in str(raised.value)


def test_a_bare_number_in_a_date_column_is_an_error():
    with pytest.raises(CellError):
        parse_date(45385.0)


def test_blank_date_is_none():
    assert parse_date(None) is None


@pytest.mark.parametrize("value", [1988, 1988.0, "1988"])
def test_a_bare_birth_year_is_valid(value):
    assert parse_birth(value) == (None, 1988)


def test_a_birth_date_gives_date_and_year():
    assert parse_birth("05/06/1990") == (dt.date(1990, 6, 5), 1990)


@pytest.mark.parametrize("value", [1850, 3000, "31/02/1990", dt.date.today() + dt.timedelta(days=2)])
def test_impossible_birth_dates_are_errors(value):
    with pytest.raises(CellError):
        parse_birth(value)


@pytest.mark.parametrize("value", ["Có", "có", "CÓ", "x", "X", "✓", "1", 1.0, "Đã", "đã", "Rồi", "TRUE", True,
                                  " Có "])
def test_every_yes_spelling_is_yes(value):
    assert parse_yesno(value) is True


@pytest.mark.parametrize("value", ["Không", "không", "Chưa", "0", 0.0, "FALSE", False, None, "-"])
def test_every_no_spelling_and_blank_is_no(value):
    assert parse_yesno(value) is False


@pytest.mark.parametrize("value", ["có lẽ", "?", "/", "2", 2.0, "Không rõ", "..."])
def test_anything_else_in_a_yes_no_cell_is_an_error(value):
    with pytest.raises(CellError) as raised:
        parse_yesno(value)
    assert "có/không" in str(raised.value)


def test_identifier_keeps_leading_zeros_when_stored_as_text():
    assert parse_identifier("000123") == "000123"


def test_a_number_cell_1234567890_0_is_read_as_1234567890():
    assert parse_identifier(1234567890.0) == "1234567890"
    assert parse_identifier("1234567890.0") == "1234567890"


def test_a_twelve_digit_cccd_as_text_is_kept_as_is():
    assert parse_person_id("001090000123") == ("001090000123", None)


def test_a_cccd_stored_as_a_number_with_its_zero_lost_is_padded_to_12_with_a_warning():
    person_id, warning = parse_person_id(10900001230.0)  # 11 digits: the leading 0 was lost
    assert person_id == "010900001230"
    assert warning and "11 chữ số" in warning


def test_a_nine_digit_cmnd_is_accepted():
    assert parse_person_id(212345678.0) == ("212345678", None)


@pytest.mark.parametrize("value", ["12345", "0010900001230000", "00109000012A"])
def test_a_person_id_of_the_wrong_length_or_with_letters_is_an_error(value):
    with pytest.raises(CellError):
        parse_person_id(value)


@pytest.mark.parametrize("text", ["da triet xoa", "ĐÃ TRIỆT XÓA", "Đã triệt xoá", "Đã triệt xóa", " đã  triệt xóa "])
def test_category_values_match_after_folding(text):
    assert parse_choice(text, HotspotStatus) == "Đã triệt xóa"


def test_category_aliases_map_to_the_canonical_value():
    assert parse_choice("Đi khỏi địa phương", PersonStatus) == PersonStatus.ABSENT.value


def test_an_unknown_category_is_an_error_listing_the_allowed_values():
    with pytest.raises(CellError) as raised:
        parse_choice("Đang tạm nghỉ", HotspotStatus)
    assert "Đang hoạt động" in str(raised.value) and "Đã triệt xóa" in str(raised.value)


@pytest.mark.parametrize("value, expected", [(120.0, 120), ("1.240", 1240), ("35", 35), (None, None)])
def test_counts_are_whole_numbers(value, expected):
    assert parse_count(value) == expected


@pytest.mark.parametrize("value", [-1, 2.5, "khoảng 30"])
def test_a_negative_fractional_or_worded_count_is_an_error(value):
    with pytest.raises(CellError):
        parse_count(value)


def test_reader_normalises_nfd_to_nfc_and_trims_spaces():
    nfd = "  Nguye\u0302\u0303n   Va\u0306n  An "
    assert normalise(nfd) == "Nguyễn Văn An"
    assert normalise("   ") is None
    assert normalise("") is None


def test_parse_cell_dispatches_by_column_declaration():
    addicts = BY_KIND["addicts"]
    assert parse_cell(addicts.column("psychosis"), "x") == (True, None)
    assert parse_cell(addicts.column("management_file_on"), "3/4/2024") == (APRIL_3, None)
    assert parse_cell(addicts.column("status"), "vang mat") == (PersonStatus.ABSENT.value, None)
