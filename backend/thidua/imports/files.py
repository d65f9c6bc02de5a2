"""Writing rows as CSV, XLSX or JSON (exports and templates). Text that a spreadsheet would run as a
formula (starting with = + - @) is escaped: a leading apostrophe in CSV, a text cell in XLSX. Imports
strip the apostrophe again, so an exported file imports back unchanged."""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from thidua.imports.headings import Lang, heading, headings
from thidua.imports.kinds.base import Column, ImportKind
from thidua.imports.parsing import FORMULA_STARTS

_NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")
_FLUSH_ROWS = 500


def escape(text: str) -> str:
    """A leading apostrophe before formula-looking text (plain numbers such as -5 stay as they are)."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.match(text):
        return "'" + text
    return text


def _decimal_text(value: Decimal) -> str:
    return (
        format(value.normalize(), "f")
        if value == value.to_integral_value()
        else format(value, "f").rstrip("0")
    )


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(text(v) for v in value)
    return str(value)


# ---------------------------------------------------------------- CSV


def iter_csv(columns: list[str], rows: Iterable[dict[str, Any]], lang: Lang = "en") -> Iterator[bytes]:
    """UTF-8 with a BOM (so Excel shows Vietnamese), comma-separated, streamed in pieces; the header row
    in `lang` (headings.py)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(headings(columns, lang))
    for count, row in enumerate(rows, start=1):
        writer.writerow([escape(text(row.get(c))) for c in columns])
        if count % _FLUSH_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


# ---------------------------------------------------------------- JSON


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def iter_json(columns: list[str], rows: Iterable[dict[str, Any]], lang: Lang = "en") -> Iterator[bytes]:
    """One top-level array of objects (which imports read row by row), keyed by the machine names
    whatever `lang` (JSON is read by programs)."""
    yield b"["
    first = True
    parts: list[str] = []
    for row in rows:
        item = json.dumps({c: _json_value(row.get(c)) for c in columns}, ensure_ascii=False)
        parts.append(("\n" if first else ",\n") + item)
        first = False
        if len(parts) >= _FLUSH_ROWS:
            yield "".join(parts).encode("utf-8")
            parts.clear()
    parts.append("\n]\n")
    yield "".join(parts).encode("utf-8")


# ---------------------------------------------------------------- XLSX


def _cell(ws: Any, value: Any) -> Any:
    if isinstance(value, list | tuple):
        value = text(value)
    if isinstance(value, str):
        # control characters a user typed (kept in the database) cannot be written to XLSX: openpyxl
        # refuses them and the export would fail
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # stored as text, never run as a formula
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def write_xlsx(
    path: Path | IO[bytes],
    columns: list[str],
    rows: Iterable[dict[str, Any]],
    help_columns: list[Column] | None = None,
    lang: Lang = "en",
) -> None:
    """A write-only workbook (rows go to disk as they come): headers in bold (in `lang`), then the rows."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Dữ liệu")
    # The header stays in view and each column is wide enough for its name (set before any row).
    ws.freeze_panes = "A2"
    titles = headings(columns, lang)
    for i, name in enumerate(titles, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(name) + 4))
    bold = Font(bold=True)
    headers = []
    for name in titles:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
        headers.append(cell)
    ws.append(headers)
    for row in rows:
        ws.append([_cell(ws, row.get(c)) for c in columns])
    if help_columns:
        guide = wb.create_sheet("Hướng dẫn")
        guide.append(
            [
                "Cột",
                "Column",
                "Bắt buộc / required",
                "Kiểu / type",
                "Giá trị / values",
                "Hướng dẫn",
                "Help",
            ]
        )
        for c in help_columns:
            guide.append(
                [
                    heading(c.name, "vi"),
                    c.name,
                    "có / yes" if c.required else "",
                    c.type,
                    ", ".join(c.choices),
                    c.help_vi,
                    c.help_en,
                ]
            )
    wb.save(path)


# ---------------------------------------------------------------- templates


def template_rows(kind: ImportKind) -> tuple[list[str], list[dict[str, Any]]]:
    columns = [c.name for c in kind.columns]
    return columns, [{c.name: c.example for c in kind.columns}]


def template_csv(kind: ImportKind, lang: Lang = "vi") -> bytes:
    columns, rows = template_rows(kind)
    return b"".join(iter_csv(columns, rows, lang))
