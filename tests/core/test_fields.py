"""Field validation, rendering and emptiness for every kind of value."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from cerdesk.core.entities import ENTITIES
from cerdesk.core.errors import InvalidValueError, UserError
from cerdesk.core.fields import LIST_KINDS, Choice, Field, Kind, choices

TEXT = Field("name", "Name")
LONG = Field("story", "Story", Kind.LONGTEXT)
BOOL = Field("flag", "Flag", Kind.BOOL)
INT = Field("months", "Months", Kind.INT, minimum=1, maximum=120)
FREE_INT = Field("count", "Count", Kind.INT)
REAL = Field("threshold", "Threshold", Kind.REAL, minimum=0, maximum=99.5)
FREE_REAL = Field("value", "Value", Kind.REAL)
DATE = Field("when", "When", Kind.DATE)
COLOURS = choices(("RED", "Red"), ("GREEN", "Green"), ("BLUE", "Blue"))
CHOICE = Field("colour", "Colour", Kind.CHOICE, choices=COLOURS)
MULTI = Field("colours", "Colours", Kind.MULTICHOICE, choices=COLOURS)
LIST = Field("refs", "References", Kind.LIST)


def _invalid(f: Field, value: Any) -> str:
    with pytest.raises(InvalidValueError) as info:
        f.validate(value)
    message = str(info.value)
    assert message.startswith(f"{f.label}: "), message
    return message


def test_invalid_value_is_a_user_error() -> None:
    assert issubclass(InvalidValueError, UserError)


# ------------------------------------------------------------------------------ text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Stent", "Stent"),
        ("  Stent X  ", "Stent X"),
        ("Ünïcødé – ≤ 5 µm", "Ünïcødé – ≤ 5 µm"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_text_valid(value: Any, expected: Any) -> None:
    assert TEXT.validate(value) == expected


def test_text_invalid() -> None:
    assert _invalid(TEXT, 5) == "Name: expected text"
    assert _invalid(TEXT, ["a"]) == "Name: expected text"
    assert _invalid(TEXT, "two\nlines") == "Name: must be a single line"
    assert _invalid(TEXT, "a\rb") == "Name: must be a single line"


def test_text_trailing_newline_is_trimmed_not_refused() -> None:
    assert TEXT.validate("Stent\n") == "Stent"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Line 1\nLine 2", "Line 1\nLine 2"),
        ("\n\nLine 1\n\n  indented\n\n", "Line 1\n\n  indented"),
        ("  leading spaces are kept", "  leading spaces are kept"),
        ("trailing spaces go   ", "trailing spaces go"),
        ("\r\nWindows\r\nlines\r\n", "Windows\r\nlines"),
        ("\n\n", None),
        ("", None),
        (None, None),
    ],
)
def test_longtext_valid(value: Any, expected: Any) -> None:
    assert LONG.validate(value) == expected


def test_longtext_invalid() -> None:
    assert _invalid(LONG, 1.5) == "Story: expected text"


# ---------------------------------------------------------------------------- bool


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        ("yes", True),
        (" Yes ", True),
        ("Y", True),
        ("true", True),
        ("1", True),
        ("on", True),
        ("no", False),
        ("N", False),
        ("FALSE", False),
        ("0", False),
        ("off", False),
        ("", None),
        ("  ", None),
        (None, None),
    ],
)
def test_bool_valid(value: Any, expected: Any) -> None:
    assert BOOL.validate(value) is expected


@pytest.mark.parametrize("value", [2, -1, "maybe", "ja", 1.0, [True]])
def test_bool_invalid(value: Any) -> None:
    assert _invalid(BOOL, value) == f"Flag: expected yes or no, got {value!r}"


# ----------------------------------------------------------------------------- int


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, 1), (120, 120), (" 12 ", 12), ("60", 60), ("", None), (None, None)],
)
def test_int_valid(value: Any, expected: Any) -> None:
    result = INT.validate(value)
    assert result == expected
    assert type(result) is type(expected)


def test_int_invalid() -> None:
    assert _invalid(INT, True) == "Months: expected a whole number"
    assert _invalid(INT, "1.5") == "Months: expected a whole number, got '1.5'"
    assert _invalid(INT, 1.5) == "Months: expected a whole number, got 1.5"
    assert _invalid(INT, "twelve") == "Months: expected a whole number, got 'twelve'"
    assert _invalid(INT, 0) == "Months: must be at least 1"
    assert _invalid(INT, "121") == "Months: must be at most 120"


def test_int_without_range() -> None:
    assert FREE_INT.validate("-3") == -3
    assert FREE_INT.validate(10**12) == 10**12


# ---------------------------------------------------------------------------- real


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2, 2.0),
        (2.5, 2.5),
        ("2.5", 2.5),
        ("2,5", 2.5),  # decimal comma
        (" 0.25 ", 0.25),
        ("1e1", 10.0),
        (99.5, 99.5),
        (0, 0.0),
        ("", None),
        (None, None),
    ],
)
def test_real_valid(value: Any, expected: Any) -> None:
    result = REAL.validate(value)
    assert result == expected
    if expected is not None:
        assert isinstance(result, float)


def test_real_invalid() -> None:
    assert _invalid(REAL, True) == "Threshold: expected a number"
    assert _invalid(REAL, "abc") == "Threshold: expected a number, got 'abc'"
    assert _invalid(REAL, "1,000,000") == "Threshold: expected a number, got '1,000,000'"
    assert _invalid(REAL, [1]) == "Threshold: expected a number, got [1]"
    assert _invalid(REAL, float("nan")) == "Threshold: expected a finite number"
    assert _invalid(REAL, "inf") == "Threshold: expected a finite number"
    assert _invalid(REAL, -0.1) == "Threshold: must be at least 0"
    assert _invalid(REAL, "100") == "Threshold: must be at most 99.5"


def test_real_without_range() -> None:
    assert FREE_REAL.validate("-1,5") == -1.5


# ---------------------------------------------------------------------------- date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-31", "2026-01-31"),
        (" 2024-02-29 ", "2024-02-29"),
        (dt.date(2026, 3, 4), "2026-03-04"),
        (dt.datetime(2026, 3, 4, 23, 59), "2026-03-04"),
        ("", None),
        (None, None),
    ],
)
def test_date_valid(value: Any, expected: Any) -> None:
    assert DATE.validate(value) == expected


@pytest.mark.parametrize(
    "value",
    ["2026-02-30", "2025-02-29", "31/01/2026", "01.02.2026", "2026-13-01", "soon", 20260131],
)
def test_date_invalid(value: Any) -> None:
    assert _invalid(DATE, value) == f"When: expected a date as YYYY-MM-DD, got {value!r}"


def test_date_result_is_iso() -> None:
    """Whatever date form is accepted, the stored value is YYYY-MM-DD."""
    for value in ("2026-01-31", dt.date(2026, 1, 31), "20260131"):
        try:
            result = DATE.validate(value)
        except InvalidValueError:
            continue
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", result), result


# -------------------------------------------------------------------------- choice


def test_choice_valid() -> None:
    assert CHOICE.validate("RED") == "RED"
    assert CHOICE.validate("") is None
    assert CHOICE.validate("  ") is None
    assert CHOICE.validate(None) is None


@pytest.mark.parametrize("typed", ["red", " Red ", "RED", "rEd"])
def test_choice_typed_by_hand_is_normalised(typed: str) -> None:
    """The command line and edited dumps may give a value or label in any letter case."""
    assert CHOICE.validate(typed) == "RED"


def test_choice_by_label() -> None:
    risk = next(s for s in ENTITIES if s.table == "device").field("risk_class")
    assert risk.validate("Class IIb") == "IIB"
    assert risk.validate("iib") == "IIB"


def test_choice_invalid() -> None:
    assert _invalid(CHOICE, "PURPLE") == "Colour: 'PURPLE' is not one of BLUE, GREEN, RED"
    assert _invalid(CHOICE, "Re") == "Colour: 'Re' is not one of BLUE, GREEN, RED"
    assert _invalid(CHOICE, "RED GREEN") == "Colour: 'RED GREEN' is not one of BLUE, GREEN, RED"
    assert _invalid(CHOICE, 1) == "Colour: 1 is not one of BLUE, GREEN, RED"
    assert _invalid(CHOICE, ["RED"]) == "Colour: ['RED'] is not one of BLUE, GREEN, RED"


def test_multichoice() -> None:
    assert MULTI.validate(["RED", "BLUE"]) == ("RED", "BLUE")
    assert MULTI.validate(("BLUE", "RED", "BLUE")) == ("BLUE", "RED")  # duplicates dropped
    assert MULTI.validate("GREEN\n\n RED \n") == ("GREEN", "RED")
    assert MULTI.validate(["blue", "Red"]) == ("BLUE", "RED")
    # Duplicates are dropped after normalising, however they were typed.
    assert MULTI.validate(["RED", "red", "Red", "BLUE"]) == ("RED", "BLUE")
    assert MULTI.validate([]) == ()
    assert MULTI.validate(None) == ()
    assert _invalid(MULTI, ["RED", "PINK"]) == "Colours: 'PINK' is not one of BLUE, GREEN, RED"
    assert _invalid(MULTI, 3) == "Colours: expected a list of text"
    assert _invalid(MULTI, ["RED", 3]) == "Colours: list items must be text"


# ---------------------------------------------------------------------------- list


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["GSPR 1", " GSPR 8 "], ("GSPR 1", "GSPR 8")),
        (("a", "", "  ", "b"), ("a", "b")),
        ("one\n\n two \r\nthree", ("one", "two", "three")),
        ("", ()),
        ([], ()),
        (None, ()),
        (["a", "a"], ("a", "a")),  # a list keeps repeats (only choices are a set)
    ],
)
def test_list_valid(value: Any, expected: Any) -> None:
    assert LIST.validate(value) == expected


def test_list_invalid() -> None:
    assert _invalid(LIST, 5) == "References: expected a list of text"
    assert _invalid(LIST, {"a": 1}) == "References: expected a list of text"
    assert _invalid(LIST, ["ok", None]) == "References: list items must be text"
    assert _invalid(LIST, [1]) == "References: list items must be text"


# ------------------------------------------------------------------ empty and text


def test_empty_values() -> None:
    assert LIST.empty_value() == ()
    assert MULTI.empty_value() == ()
    for f in (TEXT, LONG, BOOL, INT, REAL, DATE, CHOICE):
        assert f.empty_value() is None


@pytest.mark.parametrize(
    ("f", "value", "empty"),
    [
        (TEXT, None, True),
        (TEXT, "", True),
        (TEXT, "  ", True),
        (TEXT, "x", False),
        (LONG, "\n", True),
        (BOOL, False, False),  # "No" is an answer
        (BOOL, None, True),
        (INT, 0, False),
        (REAL, 0.0, False),
        (LIST, (), True),
        (LIST, ("a",), False),
        (MULTI, (), True),
        (MULTI, ("RED",), False),
        (DATE, "2026-01-01", False),
    ],
)
def test_is_empty(f: Field, value: Any, empty: bool) -> None:
    assert f.is_empty(value) is empty


@pytest.mark.parametrize(
    ("f", "value", "text"),
    [
        (TEXT, None, ""),
        (TEXT, "Stent", "Stent"),
        (BOOL, True, "Yes"),
        (BOOL, False, "No"),
        (BOOL, None, ""),
        (INT, 12, "12"),
        (REAL, 2.0, "2"),
        (REAL, 2.5, "2.5"),
        (REAL, 0.001, "0.001"),
        (DATE, "2026-01-31", "2026-01-31"),
        (CHOICE, "GREEN", "Green"),
        (CHOICE, "OLD_VALUE", "OLD_VALUE"),  # unknown stored value shown as is
        (MULTI, ("RED", "BLUE"), "Red, Blue"),
        (MULTI, (), ""),
        (LIST, ("a", "b"), "a; b"),
        (LIST, (), ""),
    ],
)
def test_to_text(f: Field, value: Any, text: str) -> None:
    assert f.to_text(value) == text


def test_choice_label() -> None:
    assert CHOICE.choice_label("BLUE") == "Blue"
    assert CHOICE.choice_label(None) == ""
    assert CHOICE.choice_label("X") == "X"
    assert choices(("A", "a")) == (Choice("A", "a"),)


# ------------------------------------------------------------ the real entity fields


def test_every_entity_field_accepts_empty_and_is_well_formed() -> None:
    seen = 0
    for spec in ENTITIES:
        assert len(set(spec.field_names)) == len(spec.fields), spec.table
        for f in spec.fields:
            seen += 1
            assert f.validate(None) == f.empty_value()
            assert f.is_empty(f.validate(None))
            assert re.fullmatch(r"[a-z][a-z0-9_]*", f.name), f.name
            assert f.label
            if f.kind in (Kind.CHOICE, Kind.MULTICHOICE):
                assert f.choices, f"{spec.table}.{f.name} has no choices"
                values = [c.value for c in f.choices]
                assert len(set(values)) == len(values)
                for value in values:
                    assert re.fullmatch(r"[A-Z0-9_.]+", value), value
                    assert f.validate(value) == (value if f.kind is Kind.CHOICE else (value,))
            else:
                assert not f.choices
            if f.kind in LIST_KINDS:
                assert f.to_text(()) == ""
    assert seen > 100


def test_labels_inside_sentences_keep_acronyms() -> None:
    from cerdesk.core.entities import in_sentence

    assert in_sentence("Objective") == "objective"
    assert in_sentence("Equivalent device") == "equivalent device"
    assert in_sentence("PMS period") == "PMS period"
    assert in_sentence("PMCF studies") == "PMCF studies"
    assert in_sentence("Annex XIV item") == "annex XIV item"


def test_clean_text_matches_split_and_join_on_every_white_space() -> None:
    """The fast path of clean_text must give exactly what collapsing white space gives."""
    from cerdesk.core.bibliography import clean_text

    spaces = [c for c in map(chr, range(0x3001)) if c.isspace()]
    for space in spaces:
        for value in (f"a{space}b", f"{space}a", f"a{space}", f"a {space}b", "plain text"):
            assert clean_text(value) == (" ".join(value.split()) or None), repr(value)
