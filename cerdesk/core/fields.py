"""Field kinds and value validation shared by every entity of a project.

A :class:`Field` describes one user-editable value: its column name, label, kind and
the rules a value must satisfy. Storage, the command line and the GUI all use these
descriptions, so a value is validated the same way wherever it is entered.

Values in Python:
    TEXT, LONGTEXT, DATE, CHOICE  -> ``str | None``  (empty text is stored as ``None``)
    BOOL                          -> ``bool | None`` (``None`` = not answered yet)
    INT                           -> ``int | None``
    REAL                          -> ``float | None``
    LIST, MULTICHOICE             -> ``tuple[str, ...]`` (empty tuple when nothing entered)
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from cerdesk.core.errors import InvalidValueError


class Kind(Enum):
    """How a field's value is typed, stored and edited."""

    TEXT = "text"
    LONGTEXT = "longtext"
    BOOL = "bool"
    INT = "int"
    REAL = "real"
    DATE = "date"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    LIST = "list"


#: Kinds whose Python value is a tuple of strings (stored as a JSON array).
LIST_KINDS = frozenset({Kind.LIST, Kind.MULTICHOICE})


@dataclass(frozen=True)
class Choice:
    """One allowed value of a CHOICE or MULTICHOICE field.

    Attributes:
        value: The stored, upper-case code (for example ``"PROPORTION"``).
        label: What the user sees.
    """

    value: str
    label: str


@dataclass(frozen=True)
class Field:
    """Description of one editable value of an entity.

    Attributes:
        name: Column name in the project file and key in the JSON dump.
        label: Short label shown in forms and table headers.
        kind: How the value is typed and edited.
        required: Whether the completeness panel reports the value when it is missing.
        help: One or two sentences shown as a tooltip; cites the rule where there is one.
        choices: Allowed values for CHOICE and MULTICHOICE fields.
        minimum: Lowest allowed number for INT and REAL fields.
        maximum: Highest allowed number for INT and REAL fields.
        in_table: Whether list editors show the field as a table column.
    """

    name: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    help: str = ""
    choices: tuple[Choice, ...] = field(default=())
    minimum: float | None = None
    maximum: float | None = None
    in_table: bool = False

    def choice_label(self, value: str | None) -> str:
        """Return the label of a stored choice value, or the value itself if unknown."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value or ""

    def empty_value(self) -> Any:
        """Return the value of this field when nothing has been entered."""
        return () if self.kind in LIST_KINDS else None

    def is_empty(self, value: Any) -> bool:
        """Tell whether ``value`` counts as "not entered" for completeness."""
        if value is None:
            return True
        if self.kind in LIST_KINDS:
            return len(value) == 0
        if isinstance(value, str):
            return value.strip() == ""
        return False

    def validate(self, value: Any) -> Any:
        """Return ``value`` normalised for storage, or raise :class:`InvalidValueError`.

        Text is stripped of surrounding blank lines but otherwise kept exactly as
        typed: intended-purpose wording must match the IFU verbatim.
        """
        if value is None:
            return self.empty_value()
        kind = self.kind
        if kind in (Kind.TEXT, Kind.LONGTEXT):
            if not isinstance(value, str):
                raise InvalidValueError(f"{self.label}: expected text")
            text = value.strip() if kind is Kind.TEXT else value.strip("\r\n").rstrip()
            if kind is Kind.TEXT and ("\n" in text or "\r" in text):
                raise InvalidValueError(f"{self.label}: must be a single line")
            return text or None
        if kind is Kind.BOOL:
            return _to_bool(self, value)
        if kind is Kind.INT:
            return self._check_range(_to_int(self, value))
        if kind is Kind.REAL:
            return self._check_range(_to_real(self, value))
        if kind is Kind.DATE:
            return _to_date(self, value)
        if kind is Kind.CHOICE:
            return self._check_choice(value)
        if kind is Kind.MULTICHOICE:
            items = _to_list(self, value)
            # Duplicates dropped after normalising: "red" and "RED" are one choice.
            return tuple(dict.fromkeys(self._check_choice(item) for item in items))
        if kind is Kind.LIST:
            return _to_list(self, value)
        raise AssertionError(f"unhandled kind {kind}")  # pragma: no cover

    def _check_choice(self, value: Any) -> str | None:
        if isinstance(value, str) and value.strip() == "":
            return None
        allowed = {c.value for c in self.choices}
        if isinstance(value, str):  # anything else (a list from a dump…) is never a choice
            if value in allowed:
                return value
            # Typed by hand (command line, dumps edited by people): "iib" or "Class IIb".
            wanted = value.strip().casefold()
            for c in self.choices:
                if wanted in (c.value.casefold(), c.label.casefold()):
                    return c.value
        labels = ", ".join(sorted(allowed))
        raise InvalidValueError(f"{self.label}: {value!r} is not one of {labels}")

    def _check_range(self, number: float | None) -> Any:
        if number is None:
            return None
        if self.minimum is not None and number < self.minimum:
            raise InvalidValueError(f"{self.label}: must be at least {_fmt(self.minimum)}")
        if self.maximum is not None and number > self.maximum:
            raise InvalidValueError(f"{self.label}: must be at most {_fmt(self.maximum)}")
        return number

    def to_text(self, value: Any) -> str:
        """Render a stored value as one line of text for tables and the command line."""
        if value is None or (self.kind in LIST_KINDS and not value):
            return ""
        if self.kind is Kind.BOOL:
            return "Yes" if value else "No"
        if self.kind is Kind.CHOICE:
            return self.choice_label(value)
        if self.kind is Kind.MULTICHOICE:
            return ", ".join(self.choice_label(v) for v in value)
        if self.kind is Kind.LIST:
            return "; ".join(value)
        if self.kind is Kind.REAL:
            return _fmt(value)
        return str(value)


def _fmt(number: float) -> str:
    return f"{number:g}" if isinstance(number, float) else str(number)


_TRUE = {"yes", "y", "true", "1", "on"}
_FALSE = {"no", "n", "false", "0", "off"}


def _to_bool(f: Field, value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "":
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise InvalidValueError(f"{f.label}: expected yes or no, got {value!r}")


def _to_int(f: Field, value: Any) -> int | None:
    if isinstance(value, bool):
        raise InvalidValueError(f"{f.label}: expected a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return None
        try:
            return int(text)
        except ValueError:
            pass
    raise InvalidValueError(f"{f.label}: expected a whole number, got {value!r}")


def _to_real(f: Field, value: Any) -> float | None:
    if isinstance(value, bool):
        raise InvalidValueError(f"{f.label}: expected a number")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", ".") if value.count(",") == 1 else value.strip()
        if text == "":
            return None
        try:
            number = float(text)
        except ValueError:
            raise InvalidValueError(f"{f.label}: expected a number, got {value!r}") from None
    else:
        raise InvalidValueError(f"{f.label}: expected a number, got {value!r}")
    if not math.isfinite(number):
        raise InvalidValueError(f"{f.label}: expected a finite number")
    return number


def _to_date(f: Field, value: Any) -> str | None:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return None
        try:
            return _dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise InvalidValueError(f"{f.label}: expected a date as YYYY-MM-DD, got {value!r}")


def _to_list(f: Field, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        items = value.splitlines()
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise InvalidValueError(f"{f.label}: expected a list of text")
    out = []
    for item in items:
        if not isinstance(item, str):
            raise InvalidValueError(f"{f.label}: list items must be text")
        item = item.strip()
        if item:
            out.append(item)
    return tuple(out)


def choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    """Build a tuple of :class:`Choice` from ``(value, label)`` pairs."""
    return tuple(Choice(v, lbl) for v, lbl in pairs)
