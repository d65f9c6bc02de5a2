"""Writing XLSX cells safely and readably.

Text a user typed is stored as text, never run as a formula (CSV/XLSX injection through cells
starting with = + - @). Figures are number cells (they can be summed) with a display format that a
Vietnamese Excel shows as "1.250", "86,67" and "86,67%" (the separators follow the reader's locale);
header rows stay in view (frozen) and columns are as wide as what they hold (issue 18.4).
"""

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

INTEGER = "#,##0"
DECIMAL = "#,##0.00"
PERCENT = "0.00%"
MONEY = '#,##0" đ"'
MISSING = "—"


def put(ws: Worksheet, row: int, column: int, value: Any) -> None:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # typed control characters: openpyxl refuses them
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def put_number(ws: Worksheet, row: int, column: int, value: Any, number_format: str = DECIMAL) -> None:
    """A figure as a number cell; a percentage (`PERCENT`) is given in percent (86.67) and stored as the
    fraction Excel expects (0.8667). A missing figure is a dash; anything not a number stays text."""
    number = _decimal(value)
    if number is None:
        put(ws, row, column, MISSING if value in (None, "") else value)
        return
    if number_format == PERCENT:
        number = number / 100
    stored: int | float = int(number) if number_format in (INTEGER, MONEY) else float(number)
    ws.cell(row=row, column=column, value=stored).number_format = number_format


def header(ws: Worksheet, row: int, titles: Sequence[str]) -> None:
    """Bold, wrapped column titles on `row`, frozen with everything above them."""
    for c, title in enumerate(titles, start=1):
        put(ws, row, c, title)
        cell = ws.cell(row=row, column=c)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def _shown(value: Any) -> str:
    """Roughly what a cell shows, for its width."""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def fit_columns(ws: Worksheet, from_row: int = 1, minimum: int = 6, maximum: int = 60) -> None:
    """Each column as wide as its longest value from `from_row` on (titles above it, often one long
    line in A1, do not count), within `minimum` and `maximum` characters."""
    widths: dict[int, int] = {}
    for cells in ws.iter_rows(min_row=from_row):
        for cell in cells:
            if cell.value is None:
                continue
            longest = max((len(line) for line in _shown(cell.value).splitlines()), default=0)
            widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = max(minimum, min(maximum, width + 2))
