"""Reading an uploaded file as rows, in bounded memory: CSV line by line, XLSX with openpyxl in read-only
mode, a JSON top-level array object by object.

Every cell comes out as a trimmed NFC string ("" for an empty cell). Row numbers are the lines of the
file (the header is line 1; blank lines are skipped but still counted); in JSON, the position in the
array starting at 1. Header names match case-, space- and accent-insensitively, aliases included.
A leading apostrophe before = + - @ (how exports escape formula-looking text) is removed again.
"""

import codecs
import csv
import io
import json
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Protocol

from thidua.core.errors import AppError, FieldError, ValidationFailed
from thidua.imports.headings import HEADINGS_VI
from thidua.imports.schemas import FileFormat

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {
    FileFormat.csv: "text/csv",
    FileFormat.xlsx: XLSX_MEDIA_TYPE,
    FileFormat.json: "application/json",
}
_CONTENT_TYPES = {
    "text/csv": FileFormat.csv,
    "application/csv": FileFormat.csv,
    "text/plain": FileFormat.csv,
    "application/vnd.ms-excel": FileFormat.csv,  # what some browsers send for .csv
    XLSX_MEDIA_TYPE: FileFormat.xlsx,
    "application/json": FileFormat.json,
    "text/json": FileFormat.json,
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_READ_CHUNK = 1 << 20

# Limits that keep a hostile or broken file from taking the server's memory or time. No CSV line or
# JSON row is gathered in memory much past this many characters: a longer one is refused (no kind
# has cells anywhere near it).
MAX_LINE_CHARS = 1_000_000
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 200  # a kind has at most ~20 columns; the rest are ignored, but still read
# XLSX: judged from the zip directory before anything is inflated. Python's zipfile never inflates a
# member past the size the directory declares, so these numbers bound the real work.
XLSX_MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # all parts together (a 1,048,576-row sheet is ~250 MB)
XLSX_MAX_WHOLE_PART_BYTES = 64 * 1024 * 1024  # parts openpyxl reads whole: shared strings, styles, ...
XLSX_MAX_RATIO = 100  # real sheets inflate 5-20 times; a zip bomb about 1000
XLSX_RATIO_FROM_BYTES = 1024 * 1024  # tiny parts may inflate as they like
XLSX_MAX_PARTS = 1000

Row = tuple[int, dict[str, str]]
# The one cell of a row refused while reading (a CSV row longer than its header): {EXTRA_CELLS: "n|m"}
# with n the row's cells and m the header's; run_import reports it instead of handing it to the kind.
EXTRA_CELLS = "\x00extra_cells"


class FileProblem(ValidationFailed):
    """The file as a whole cannot be read as this kind of data: 422 with what to fix."""

    def __init__(self, detail: str, path: str = "body", type_: str = "unreadable_file") -> None:
        super().__init__(detail, [FieldError(path=path, message=detail, type=type_)])


class PayloadTooLarge(AppError):
    status, slug = 413, "payload-too-large"


class ColumnSpec(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def required(self) -> bool: ...


# ---------------------------------------------------------------- values


def nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def tidy(text: str) -> str:
    """Trimmed, with an export's formula escape ("'=...") removed."""
    text = text.strip()
    if text[:1] == "'" and text[1:2] and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def clean(text: str) -> str:
    """Trimmed, NFC, with an export's formula escape removed."""
    return tidy(nfc(text))


def header_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", unicodedata.normalize("NFC", text).strip().lower())


def ascii_key(text: str) -> str:
    """The header without Vietnamese marks: "Mã đơn vị" → "ma_don_vi"."""
    plain = unicodedata.normalize("NFKD", header_key(text).replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def split_list(text: str) -> list[str]:
    """A `;`-separated list (a comma works too when no semicolon is used)."""
    sep = ";" if ";" in text or "," not in text else ","
    return [part.strip() for part in text.split(sep) if part.strip()]


def _number_text(value: float | int | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = format(Decimal(repr(value)) if isinstance(value, float) else value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def cell_text(value: Any) -> str:
    """Any spreadsheet or JSON value as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return _number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(cell_text(v) for v in value if v is not None)
    return clean(json.dumps(value, ensure_ascii=False))


# ---------------------------------------------------------------- format detection


# What a file that is not text starts with, so that one sent as text/csv is named for what it is
# rather than called "not UTF-8".
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "bảng tính XLSX (hoặc tệp nén ZIP)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "bảng tính Excel cũ (XLS)"),
    (b"\x89PNG\r\n\x1a\n", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF87a", "ảnh GIF"),
    (b"GIF89a", "ảnh GIF"),
    (b"%PDF-", "tệp PDF"),
    (b"\x1f\x8b", "tệp nén GZIP"),
    (b"Rar!", "tệp nén RAR"),
    (b"7z\xbc\xaf\x27\x1c", "tệp nén 7z"),
)


def binary_kind(head: bytes) -> str | None:
    """What a binary file is, from its first bytes; None for anything else (text, JSON, unknown)."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "ảnh WebP"
    return next((name for magic, name in _SIGNATURES if head.startswith(magic)), None)


def detect_format(explicit: FileFormat | None, content_type: str | None, head: bytes) -> FileFormat:
    media = (content_type or "").split(";")[0].strip().lower()
    fmt = explicit if explicit is not None else _CONTENT_TYPES.get(media)
    if fmt is not None:
        if fmt in (FileFormat.csv, FileFormat.json) and (found := binary_kind(head)):
            hint = (
                " (gửi với Content-Type của XLSX hoặc ?format=xlsx)"
                if found.startswith("bảng tính XLSX")
                else ""
            )
            raise FileProblem(
                f"Tệp gửi lên là {found}, không phải {fmt.value.upper()}{hint}; hãy gửi tệp CSV "
                "(UTF-8), XLSX hoặc JSON.",
                type_="wrong_format",
            )
        return fmt
    if head.startswith(b"PK\x03\x04"):
        return FileFormat.xlsx
    stripped = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if stripped[:1] in (b"[", b"{"):
        return FileFormat.json
    if media in ("", "application/octet-stream"):
        return FileFormat.csv
    raise FileProblem(
        f"Không nhận ra định dạng tệp (Content-Type: {media}); hãy gửi CSV, XLSX hoặc JSON, hoặc chỉ rõ "
        "?format=csv|xlsx|json.",
        path="query.format",
        type_="unknown_format",
    )


# ---------------------------------------------------------------- the table


@dataclass
class Table:
    """The header mapped to the kind's columns, and the rows as {column: text}; close() when done."""

    columns: list[str]
    ignored: list[str]
    rows: Iterator[Row]
    total_hint: int | None = None
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for closer in self._closers:
            closer()
        self._closers.clear()


def map_header(names: Sequence[str], spec: Sequence[ColumnSpec]) -> tuple[list[str | None], list[str]]:
    """Each header cell's column name (None when unknown), and the unknown ones; 422 on a missing
    required column or a column given twice."""
    lookup: dict[str, str] = {}
    for column in spec:
        for alias in (column.name, *column.aliases, HEADINGS_VI.get(column.name, column.name)):
            lookup.setdefault(header_key(alias), column.name)
            lookup.setdefault(ascii_key(alias), column.name)
    mapped: list[str | None] = []
    ignored: list[str] = []
    problems: list[FieldError] = []
    for raw in names:
        text = clean(raw) if raw else ""
        name = lookup.get(header_key(text)) or lookup.get(ascii_key(text)) if text else None
        if name is None:
            if text:
                ignored.append(text)
        elif name in mapped:
            problems.append(
                FieldError(
                    path=f"header.{name}", message=f"Cột '{name}' xuất hiện hai lần.", type="duplicate_column"
                )
            )
        mapped.append(name)
    for column in spec:
        if column.required and column.name not in mapped:
            problems.append(
                FieldError(
                    path=f"header.{column.name}",
                    message=f"Thiếu cột bắt buộc '{column.name}' (missing required column).",
                    type="missing_column",
                )
            )
    if problems:
        missing = [p.path.removeprefix("header.") for p in problems]
        raise ValidationFailed(
            f"Dòng tiêu đề chưa đúng ({', '.join(missing)}); xem mẫu tệp tại /api/v1/imports/templates.",
            problems,
        )
    return mapped, ignored


def open_table(
    path: Path, fmt: FileFormat, spec: Sequence[ColumnSpec], json_max_bytes: int = 50 * 1024 * 1024
) -> Table:
    if fmt == FileFormat.csv:
        return _csv_table(path, spec)
    if fmt == FileFormat.xlsx:
        return _xlsx_table(path, spec)
    return _json_table(path, spec, json_max_bytes)


# ---------------------------------------------------------------- CSV


def _sniff_delimiter(line: str) -> str:
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ","


def _decode_problem(exc: UnicodeDecodeError, line: int) -> FileProblem:
    return FileProblem(
        f"Tệp CSV không phải UTF-8 (lỗi gần dòng {line}); hãy lưu lại với mã hóa UTF-8 (Excel: CSV UTF-8).",
        type_="encoding",
    )


def _thousands(n: int) -> str:
    return f"{n:_}".replace("_", ".")  # Vietnamese digit grouping: 1.000.000


class _LineTooLong(Exception):
    pass


class _NulCharacter(Exception):
    pass


def _nul_problem(line: int) -> FileProblem:
    # PostgreSQL cannot store U+0000, and no text has it: the file is damaged or not text.
    return FileProblem(
        f"Dòng {line} chứa ký tự NUL (\\x00): tệp bị hỏng hoặc không phải tệp văn bản.", type_="nul_character"
    )


def _line_too_long(line: int) -> FileProblem:
    return FileProblem(
        f"Dòng {line} của tệp dài quá {_thousands(MAX_LINE_CHARS)} ký tự; tệp không đúng dạng bảng CSV.",
        type_="line_too_long",
    )


def _csv_table(path: Path, spec: Sequence[ColumnSpec]) -> Table:
    binary = path.open("rb")
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    skipped = 0
    try:
        header_line = ""
        while line := text.readline(MAX_LINE_CHARS + 1):
            if len(line) > MAX_LINE_CHARS:
                raise _line_too_long(skipped + 1)
            if "\x00" in line:
                raise _nul_problem(skipped + 1)
            if line.strip():
                header_line = nfc(line)
                break
            skipped += 1
    except UnicodeDecodeError as exc:
        text.close()
        raise _decode_problem(exc, skipped + 1) from None
    except AppError:
        text.close()
        raise
    if not header_line:
        text.close()
        raise FileProblem("Tệp rỗng: cần dòng tiêu đề và ít nhất một dòng dữ liệu.", type_="empty_file")
    delimiter = _sniff_delimiter(header_line)
    try:
        names = next(csv.reader([header_line], delimiter=delimiter))
        mapped, ignored = map_header(names, spec)
    except csv.Error as exc:
        text.close()
        raise FileProblem(f"Dòng tiêu đề của tệp CSV bị hỏng: {exc}.") from None
    except AppError:
        text.close()
        raise
    return Table(
        columns=[m for m in mapped if m],
        ignored=ignored,
        rows=_csv_rows(text, delimiter, mapped, skipped + 1),
        _closers=[text.close],
    )


def _lines(text: IO[str], apostrophe: list[bool]) -> Iterator[str]:
    """The file's lines, NFC, read a block at a time (cut after a line break: NFC never joins across
    one). `apostrophe[0]` turns true once a block holds a "'" (only then can a cell be escaped)."""
    rest = ""
    while True:
        block = text.read(_READ_CHUNK)
        if not block:
            if rest:
                yield nfc(rest)
            return
        block = rest + block
        if "\x00" in block:
            raise _NulCharacter
        cut = (block.rfind("\n") + 1) or (block.rfind("\r") + 1)
        if not cut:
            if len(block) > MAX_LINE_CHARS:
                raise _LineTooLong  # never hold a whole file without line breaks in memory
            rest = block
            continue
        block, rest = block[:cut], block[cut:]
        if not block.isascii():
            block = unicodedata.normalize("NFC", block)
        if not apostrophe[0] and "'" in block:
            apostrophe[0] = True
        yield from io.StringIO(block, newline="")


def _csv_rows(text: IO[str], delimiter: str, mapped: list[str | None], header_line: int) -> Iterator[Row]:
    apostrophe = [False]
    reader = csv.reader(_lines(text, apostrophe), delimiter=delimiter)
    names = [name for name in mapped if name]
    positions = [i for i, name in enumerate(mapped) if name]
    width = max(positions) + 1 if positions else 0
    every = positions == list(range(len(mapped)))  # each header cell is a known column
    header_width = len(mapped)
    indexed = list(zip(positions, names, strict=True))
    escaped = frozenset(FORMULA_STARTS)
    previous = 0
    try:
        for cells in reader:
            start = header_line + previous + 1
            previous = reader.line_num
            if not "".join(cells).strip():
                continue  # a blank line (or only separators): skipped, still counted
            count = len(cells)
            if count > header_width and "".join(cells[header_width:]).strip():
                # A stray separator shifts every later cell into the wrong column: refuse the row.
                yield start, {EXTRA_CELLS: f"{count}|{header_width}"}
                continue
            if every and count == width:
                row = dict(zip(names, map(str.strip, cells)))  # noqa: B905 - same length, checked
            else:
                row = {name: (cells[i].strip() if i < count else "") for i, name in indexed}
            if apostrophe[0]:
                for name, value in row.items():
                    if value[:1] == "'" and value[1:2] in escaped:
                        row[name] = value[1:]
            yield start, row
    except UnicodeDecodeError as exc:
        raise _decode_problem(exc, header_line + previous + 1) from None
    except _LineTooLong:
        raise _line_too_long(header_line + previous + 1) from None
    except _NulCharacter:
        raise _nul_problem(header_line + previous + 1) from None
    except csv.Error as exc:
        line = header_line + previous + 1
        if "field limit" in str(exc):
            raise FileProblem(
                f"Một ô của tệp CSV gần dòng {line} dài quá {_thousands(csv.field_size_limit())} ký tự; "
                "thường do thiếu dấu ngoặc kép đóng.",
                type_="cell_too_long",
            ) from None
        raise FileProblem(f"Tệp CSV hỏng gần dòng {line}: {exc}.") from None


# ---------------------------------------------------------------- XLSX


_MB = 1024 * 1024
_XLSX_UNREADABLE = "Không đọc được tệp XLSX ({}); hãy lưu lại bằng Excel."
# What a damaged or hostile workbook makes openpyxl, the XML parser (defusedxml: no entities) or the
# zip reader raise, whether at opening or row by row later.
_XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    SyntaxError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    EOFError,
    OSError,
)


def check_xlsx_archive(path: Path) -> None:
    """Refuse, from the zip directory alone and before anything is inflated, a workbook that would
    unpack to too much: a zip bomb, a sheet too large to import, a part openpyxl would hold whole."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileProblem(_XLSX_UNREADABLE.format(type(exc).__name__)) from None
    if len(parts) > XLSX_MAX_PARTS:
        raise FileProblem(
            f"Tệp XLSX chứa {len(parts)} phần (tối đa {XLSX_MAX_PARTS}); đây không phải một bảng tính "
            "thông thường.",
            type_="xlsx_too_complex",
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > XLSX_MAX_UNPACKED_BYTES:
        raise FileProblem(
            f"Tệp XLSX khi giải nén lớn {unpacked // _MB} MB, vượt giới hạn {XLSX_MAX_UNPACKED_BYTES // _MB} "
            "MB; hãy chia thành nhiều tệp nhỏ hơn.",
            type_="xlsx_too_large",
        )
    for part in parts:
        name = part.filename[:100]
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > XLSX_RATIO_FROM_BYTES and ratio > XLSX_MAX_RATIO:
            raise FileProblem(
                f"Tệp XLSX bị nén bất thường: phần '{name}' giải nén ra gấp {ratio:.0f} lần (tối đa "
                f"{XLSX_MAX_RATIO} lần), dấu hiệu của một 'bom nén'; tệp không được xử lý.",
                type_="xlsx_bomb",
            )
        if part.file_size > XLSX_MAX_WHOLE_PART_BYTES and not part.filename.startswith("xl/worksheets/"):
            raise FileProblem(
                f"Phần '{name}' của tệp XLSX lớn {part.file_size // _MB} MB khi giải nén (tối đa "
                f"{XLSX_MAX_WHOLE_PART_BYTES // _MB} MB).",
                type_="xlsx_too_large",
            )


def _declared_rows(sheet: Any) -> int | None:
    """The sheet's size as its <dimension> claims: refused when it claims too much."""
    columns, rows = sheet.max_column, sheet.max_row
    if isinstance(columns, int) and columns > MAX_COLUMNS:
        raise FileProblem(
            f"Trang tính đầu tiên khai báo {_thousands(columns)} cột (tối đa {MAX_COLUMNS}); hãy xóa các cột "
            "thừa rồi lưu lại.",
            type_="too_many_columns",
        )
    if isinstance(rows, int) and rows > MAX_ROWS:
        raise FileProblem(
            f"Trang tính đầu tiên khai báo {_thousands(rows)} dòng (tối đa {_thousands(MAX_ROWS)}).",
            type_="too_many_rows",
        )
    return rows if isinstance(rows, int) else None


def _sheet_rows(sheet: Any) -> Iterator[tuple[int, Sequence[Any]]]:
    """(row number, values) of the rows the file holds (openpyxl fills gaps with empty rows): 422
    past MAX_ROWS rows or MAX_COLUMNS columns, or where the file turns out damaged."""
    rows = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            values = next(rows, None)
        except _XLSX_ERRORS as exc:
            raise FileProblem(
                f"Tệp XLSX hỏng gần dòng {number + 1} ({type(exc).__name__}); hãy lưu lại bằng Excel."
            ) from None
        if values is None:
            return
        number += 1
        if number > MAX_ROWS:
            raise FileProblem(
                f"Trang tính có hơn {_thousands(MAX_ROWS)} dòng; hãy chia thành nhiều tệp.",
                type_="too_many_rows",
            )
        if len(values) > MAX_COLUMNS:
            raise FileProblem(
                f"Dòng {number} của trang tính có tới {_thousands(len(values))} cột (tối đa {MAX_COLUMNS}); "
                "hãy xóa các cột thừa rồi lưu lại.",
                type_="too_many_columns",
            )
        yield number, values


def _xlsx_table(path: Path, spec: Sequence[ColumnSpec]) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_xlsx_archive(path)
    handle = path.open("rb")  # a file object: openpyxl would judge a path by its extension
    closers: list[Callable[[], None]] = [handle.close]

    def close() -> None:
        for closer in reversed(closers):
            closer()

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
        closers.append(workbook.close)
        if not workbook.worksheets:
            raise FileProblem("Tệp XLSX không có trang tính nào.", type_="empty_file")
        sheet = workbook.worksheets[0]
        declared = _declared_rows(sheet)
        # Read the cells the file holds, not the size it claims: openpyxl would pad every row to a
        # claimed width, and silently drop the rows past a stale, too small <dimension>.
        sheet.reset_dimensions()
        rows = _sheet_rows(sheet)
        header: tuple[int, Sequence[Any]] | None = None
        for number, values in rows:
            if any(v is not None and str(v).strip() for v in values):
                header = number, values
                break
        if header is None:
            raise FileProblem("Trang tính đầu tiên không có dữ liệu.", type_="empty_file")
        mapped, ignored = map_header([cell_text(v) for v in header[1]], spec)
    except AppError:
        close()
        raise
    except (InvalidFileException, *_XLSX_ERRORS) as exc:
        close()
        raise FileProblem(_XLSX_UNREADABLE.format(type(exc).__name__)) from None
    except BaseException:
        close()
        raise
    return Table(
        columns=[m for m in mapped if m],
        ignored=ignored,
        rows=_xlsx_rows(rows, mapped),
        total_hint=max(declared - header[0], 0) if declared else None,
        _closers=closers[::-1],
    )


def _xlsx_rows(rows: Iterator[tuple[int, Sequence[Any]]], mapped: list[str | None]) -> Iterator[Row]:
    indexed = [(i, name) for i, name in enumerate(mapped) if name]
    for number, values in rows:
        count = len(values)
        cells = {name: (cell_text(values[i]) if i < count else "") for i, name in indexed}
        if any(cells.values()):
            if "\x00" in "".join(cells.values()):
                raise _nul_problem(number)
            yield number, cells


# ---------------------------------------------------------------- JSON


_WS = re.compile(r"[ \t\n\r]*")


def _json_table(path: Path, spec: Sequence[ColumnSpec], max_whole: int) -> Table:
    stream = path.open("r", encoding="utf-8-sig")
    try:
        objects = _json_objects(stream, path, max_whole)
        first = next(objects, None)
    except UnicodeDecodeError:
        stream.close()
        raise FileProblem("Tệp JSON phải được mã hóa UTF-8.", type_="encoding") from None
    except BaseException:
        stream.close()
        raise
    if first is None:
        stream.close()
        raise FileProblem("Tệp JSON không có dòng dữ liệu nào.", type_="empty_file")
    _, keys_source = first
    try:
        mapped, ignored = map_header(list(keys_source.keys()), spec)
    except AppError:
        stream.close()
        raise
    return Table(
        columns=[m for m in mapped if m],
        ignored=ignored,
        rows=_json_rows(first, objects, spec),
        _closers=[stream.close],
    )


def _json_rows(
    first: tuple[int, dict[str, Any]], rest: Iterator[tuple[int, dict[str, Any]]], spec: Sequence[ColumnSpec]
) -> Iterator[Row]:
    names: dict[str, str | None] = {}
    lookup: dict[str, str] = {}
    for column in spec:
        for alias in (column.name, *column.aliases, HEADINGS_VI.get(column.name, column.name)):
            lookup.setdefault(header_key(alias), column.name)
            lookup.setdefault(ascii_key(alias), column.name)

    def convert(number: int, obj: dict[str, Any]) -> Row:
        cells: dict[str, str] = {}
        for key, value in obj.items():
            if key not in names:
                names[key] = lookup.get(header_key(key)) or lookup.get(ascii_key(key))
            name = names[key]
            if name is not None:
                cells[name] = cell_text(value)
        if "\x00" in "".join(cells.values()):
            raise _nul_problem(number)
        return number, cells

    try:
        yield convert(*first)
        for number, obj in rest:
            yield convert(number, obj)
    except UnicodeDecodeError:
        raise FileProblem("Tệp JSON phải được mã hóa UTF-8.", type_="encoding") from None


def _json_objects(stream: IO[str], path: Path, max_whole: int) -> Iterator[tuple[int, dict[str, Any]]]:
    decoder = json.JSONDecoder(parse_float=str, parse_int=str)
    buffer = stream.read(_READ_CHUNK)
    pos = _skip(buffer, 0)
    if buffer[pos : pos + 1] == "{":
        yield from _json_document(stream, path, max_whole, decoder, buffer)
        return
    if buffer[pos : pos + 1] != "[":
        raise FileProblem('JSON phải là một mảng các đối tượng, hoặc {"rows": [...]}.')
    yield from _JsonArray(stream, decoder, buffer, pos + 1).objects()


def _skip(buffer: str, pos: int) -> int:
    """The position of the next character that is not JSON whitespace."""
    found = _WS.match(buffer, pos)
    assert found is not None  # the pattern matches the empty string
    return found.end()


def _json_document(
    stream: IO[str], path: Path, max_whole: int, decoder: json.JSONDecoder, buffer: str
) -> Iterator[tuple[int, dict[str, Any]]]:
    """{"rows": [...]}: parsed whole, so capped."""
    if path.stat().st_size > max_whole:
        raise PayloadTooLarge(
            f"Tệp JSON dạng đối tượng chỉ được tối đa {max_whole // (1024 * 1024)} MB; tệp lớn hơn hãy "
            "gửi dưới dạng một mảng JSON ([{...}, {...}]), được đọc dần từng dòng."
        )
    try:
        document = decoder.decode(buffer + stream.read())
    except json.JSONDecodeError as exc:
        raise FileProblem(f"Nội dung JSON không hợp lệ: {exc.msg} (ký tự {exc.pos}).") from None
    except RecursionError:
        raise FileProblem("Nội dung JSON lồng nhau quá sâu.") from None
    rows = document.get("rows") if isinstance(document, dict) else None
    if not isinstance(rows, list):
        raise FileProblem('JSON phải là một mảng các đối tượng, hoặc {"rows": [...]}.')
    for n, obj in enumerate(rows, start=1):
        yield n, _as_object(obj, n)


class _JsonArray:
    """A top-level JSON array read object by object, holding at most about one object (and one read
    block) in memory: the buffer drops what was parsed and takes the next block when it runs out."""

    def __init__(self, stream: IO[str], decoder: json.JSONDecoder, buffer: str, pos: int) -> None:
        self.stream = stream
        self.decoder = decoder
        self.buffer = buffer
        self.pos = pos
        self.eof = False
        self.offset = 0  # characters dropped from the front of the buffer

    def more(self) -> bool:
        if self.eof:
            return False
        chunk = self.stream.read(_READ_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.offset += self.pos
        self.buffer = self.buffer[self.pos :] + chunk
        self.pos = 0
        return True

    def objects(self) -> Iterator[tuple[int, dict[str, Any]]]:
        number = 0
        while True:
            char = self._next_char()
            if char == "]":
                self._check_rest()
                return
            if number:
                if char != ",":
                    raise FileProblem(
                        f"JSON không hợp lệ: thiếu dấu ',' giữa hai dòng (ký tự {self.offset + self.pos})."
                    )
                self.pos = _skip(self.buffer, self.pos + 1)
            obj = self._decode(number + 1)
            number += 1
            yield number, _as_object(obj, number)
            if self.pos > _READ_CHUNK:
                self.offset += self.pos
                self.buffer = self.buffer[self.pos :]
                self.pos = 0

    def _next_char(self) -> str:
        self.pos = _skip(self.buffer, self.pos)
        while self.pos >= len(self.buffer):
            if not self.more():
                raise FileProblem("Tệp JSON bị cắt cụt: thiếu dấu ']' kết thúc mảng.")
            self.pos = _skip(self.buffer, self.pos)
        return self.buffer[self.pos]

    def _check_rest(self) -> None:
        """Only whitespace may follow the closing bracket."""
        rest = self.buffer[self.pos + 1 :]
        while not rest.strip():
            rest = self.stream.read(_READ_CHUNK)
            if not rest:
                return
        raise FileProblem("Có nội dung thừa sau dấu ']' kết thúc mảng JSON.")

    def _decode(self, number: int) -> Any:
        """The object starting at the position, reading more blocks while it is cut off."""
        while True:
            self.pos = _skip(self.buffer, self.pos)
            try:
                obj, self.pos = self.decoder.raw_decode(self.buffer, self.pos)
                return obj
            except json.JSONDecodeError as exc:
                if len(self.buffer) - self.pos > MAX_LINE_CHARS:  # never gather a whole broken file
                    raise FileProblem(
                        f"Dòng {number} của mảng JSON không hợp lệ hoặc dài quá "
                        f"{_thousands(MAX_LINE_CHARS)} ký tự: {exc.msg}.",
                        type_="line_too_long",
                    ) from None
                if not self.more():
                    raise FileProblem(f"Nội dung JSON không hợp lệ ở dòng {number}: {exc.msg}.") from None
            except RecursionError:
                raise FileProblem(f"Dòng {number} của mảng JSON lồng nhau quá sâu.") from None


def _as_object(obj: Any, number: int) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise FileProblem(f"Dòng {number} của mảng JSON phải là một đối tượng {{...}}.")
    return obj
