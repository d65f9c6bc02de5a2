"""Writing XLSX cells safely: text a user typed is stored as text, never run as a formula
(CSV/XLSX injection through cells starting with = + - @)."""

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def put(ws: Worksheet, row: int, column: int, value: Any) -> None:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # typed control characters: openpyxl refuses them
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"
