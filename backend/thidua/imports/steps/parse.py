"""Step 1 of a chunk, parse: a row's text cells read into typed values.

Each cell parser takes the cell's text and returns the value or raises CellError with the message;
a RowReader collects every problem of a row so that a rejected row reports all of them at once.
"""

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from thidua.imports.messages import M, Message
from thidua.imports.parsing import nfc, split_list

T = TypeVar("T")


# ---------------------------------------------------------------- cell parsers


class CellError(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message[1])
        self.message = message


_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 .-]{6,20}$")
_SCHOOL_YEAR = re.compile(r"^(20\d\d)-(20\d\d)$")
_URL = re.compile(r"^https?://[^\s]+$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def code(text: str) -> str:
    if not _CODE.match(text):
        raise CellError(M.bad_code)
    return text


def text_of(limit: int) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if len(text) > limit:
            raise CellError(M.too_long(limit))
        return text

    return parse


def integer(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.removesuffix(".0"))
        except ValueError:
            raise CellError(M.not_integer) from None
        if not low <= value <= high:
            raise CellError(M.out_of_range(low, high))
        return value

    return parse


def decimal(text: str) -> Decimal:
    """A number; a Vietnamese decimal comma ("12,5") is accepted when there is no point."""
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CellError(M.not_number) from None
    if not value.is_finite():
        raise CellError(M.not_number)
    return value


# Spreadsheet serial dates (a date column formatted as General, or a CSV saved from one): days since
# 1899-12-30. Only 1950-01-01 .. 2100-12-31 are taken as dates, so that a stray count or year is not.
_SERIAL_EPOCH = date(1899, 12, 30)
_SERIAL_FIRST = (date(1950, 1, 1) - _SERIAL_EPOCH).days
_SERIAL_LAST = (date(2100, 12, 31) - _SERIAL_EPOCH).days
_SERIAL = re.compile(r"^(\d{5})(\.\d+)?$")


def day(text: str) -> date:
    serial = _SERIAL.match(text)
    if serial and _SERIAL_FIRST <= int(serial[1]) <= _SERIAL_LAST:
        return _SERIAL_EPOCH + timedelta(days=int(serial[1]))
    try:
        return date.fromisoformat(text[:10] if len(text) > 10 and text[10] in "T " else text)
    except ValueError:
        pass
    found = _DMY.match(text)
    if found:
        try:
            return date(int(found[3]), int(found[2]), int(found[1]))
        except ValueError:
            pass
    raise CellError(M.bad_date)


def school_year(text: str) -> str:
    found = _SCHOOL_YEAR.match(text)
    if not found or int(found[2]) != int(found[1]) + 1:
        raise CellError(M.bad_school_year)
    return text


def email(text: str) -> str:
    if len(text) > 254 or not _EMAIL.match(text):
        raise CellError(M.bad_email)
    return text


def url(text: str) -> str:
    """An http(s) link, as the API's own forms take it (communications/schemas.py: Url)."""
    if len(text) > 2000 or len(text) < 8 or not _URL.match(text):
        raise CellError(M.bad_url)
    return text


def phone(text: str) -> str:
    if not _PHONE.match(text):
        raise CellError(M.bad_phone)
    return text


E = TypeVar("E", bound=StrEnum)


def choice(enum: type[E], labels: dict[Any, str] | None = None) -> Callable[[str], E]:
    """An enum value, case-insensitive; its Vietnamese label works too."""
    by_text: dict[str, E] = {}
    for member in enum:
        by_text[member.value.lower()] = member
        if labels and member in labels:
            by_text[nfc(labels[member]).lower()] = member

    def parse(text: str) -> E:
        found = by_text.get(text.lower())
        if found is None:
            raise CellError(M.choice(m.value for m in enum))
        return found

    return parse


def listed(text: str) -> list[str]:
    return split_list(text)


# ---------------------------------------------------------------- a row being read


class RowReader:
    """Reads the cells of one row; problems pile up so a row reports all of them at once."""

    __slots__ = ("cells", "number", "problems")

    def __init__(self, number: int, cells: dict[str, str]) -> None:
        self.number = number
        self.cells = cells
        self.problems: list[tuple[str | None, str | None, Message]] = []

    def has(self, column: str) -> bool:
        """The file has this column (an empty cell then means: clear the value)."""
        return column in self.cells

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def get(self, column: str, parse: Callable[[str], T], required: bool = False) -> T | None:
        text = self.cells.get(column)
        if not text:
            if required:
                self.problems.append((column, text or "", M.required))
            return None
        try:
            return parse(text)
        except CellError as exc:
            self.problems.append((column, text, exc.message))
            return None

    def fail(self, column: str | None, message: Message, value: str | None = None) -> None:
        self.problems.append(
            (column, self.cells.get(column, "") if value is None and column else value, message)
        )
