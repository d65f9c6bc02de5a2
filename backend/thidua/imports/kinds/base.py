"""What every kind of import shares: columns, the per-import context (counts, errors, caches), cell
parsers with messages in Vietnamese and English, and look-ups of units and staff by code."""

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from itertools import islice
from typing import Any, ClassVar, TypeVar

from sqlalchemy import Connection, func, select

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.core.models import utcnow
from thidua.imports.parsing import Row, nfc, split_list
from thidua.imports.schemas import MAX_REPORTED_ERRORS, ImportKindName, RowError, Strategy
from thidua.units.models import StaffMember, Unit

Message = tuple[str, str]  # (Vietnamese, English)
T = TypeVar("T")


# ---------------------------------------------------------------- columns


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    help_vi: str
    help_en: str
    example: str = ""
    required: bool = False  # the header must have it
    nonempty: bool = True  # a required column's cell must not be empty
    key: bool = False
    exported: bool = True
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


# ---------------------------------------------------------------- messages


class M:
    """Row messages, each in Vietnamese and English."""

    required: Message = ("Thiếu giá trị bắt buộc.", "A value is required.")
    bad_code: Message = (
        "Mã chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang (tối đa 32 ký tự).",
        "A code has unaccented letters, digits, '.', '_' or '-' (at most 32 characters).",
    )
    not_integer: Message = ("Phải là số nguyên.", "Must be a whole number.")
    not_number: Message = ("Phải là số (dấu thập phân là dấu chấm).", "Must be a number.")
    bad_date: Message = (
        "Ngày không hợp lệ; dùng YYYY-MM-DD (hoặc DD/MM/YYYY).",
        "Not a valid date; use YYYY-MM-DD (or DD/MM/YYYY).",
    )
    bad_school_year: Message = (
        "Năm học phải có dạng 2025-2026 (hai năm liên tiếp).",
        "A school year looks like 2025-2026 (two consecutive years).",
    )
    bad_email: Message = ("Địa chỉ e-mail không hợp lệ.", "Not a valid e-mail address.")
    bad_phone: Message = ("Số điện thoại không hợp lệ.", "Not a valid phone number.")
    duplicate: Message = (
        "Trùng khóa với một dòng trước đó trong tệp; dòng này bị bỏ qua.",
        "Same key as an earlier row of the file; this row is skipped.",
    )
    exists: Message = (
        "Đã tồn tại và khác dữ liệu trong tệp; chiến lược 'create' chỉ tạo mới.",
        "Already exists with other values; strategy 'create' only creates.",
    )
    missing: Message = (
        "Chưa tồn tại; chiến lược 'update' chỉ cập nhật.",
        "Does not exist; strategy 'update' only updates.",
    )
    unit_needed: Message = (
        "Cần mã một đơn vị trong phạm vi của bạn.",
        "The code of a unit in your scope is required.",
    )

    @staticmethod
    def too_long(limit: int) -> Message:
        return (f"Không được quá {limit} ký tự.", f"At most {limit} characters.")

    @staticmethod
    def out_of_range(low: object, high: object) -> Message:
        return (f"Phải từ {low} đến {high}.", f"Must be between {low} and {high}.")

    @staticmethod
    def choice(choices: Iterable[str]) -> Message:
        listed = ", ".join(choices)
        return (
            f"Giá trị không hợp lệ; chọn một trong: {listed}.",
            f"Not a valid value; use one of: {listed}.",
        )

    @staticmethod
    def not_in_scope(what_vi: str, what_en: str, code: str) -> Message:
        return (
            f"Không tìm thấy {what_vi} '{code}' trong phạm vi của bạn.",
            f"{what_en.capitalize()} '{code}' not found in your scope.",
        )


# ---------------------------------------------------------------- cell parsers


class CellError(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message[1])
        self.message = message


_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 .-]{6,20}$")
_SCHOOL_YEAR = re.compile(r"^(20\d\d)-(20\d\d)$")
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


def day(text: str) -> date:
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


# ---------------------------------------------------------------- the import context


class ImportContext:
    """One import's connection (one transaction), caller, counts, errors and caches."""

    def __init__(self, conn: Connection, actor: Actor, strategy: Strategy, columns: Sequence[str]) -> None:
        self.conn = conn
        self.actor = actor
        self.strategy = strategy
        self.present = frozenset(columns)
        self.now = utcnow()
        self.total = self.created = self.updated = self.unchanged = self.rejected = 0
        self.errors: list[RowError] = []
        self.errors_truncated = False
        self.state: dict[str, Any] = {}
        self._units: UnitDirectory | None = None
        self._staff: StaffLookup | None = None

    @property
    def units(self) -> "UnitDirectory":
        if self._units is None:
            self._units = UnitDirectory(self.conn, self.actor)
        return self._units

    @property
    def staff(self) -> "StaffLookup":
        if self._staff is None:
            self._staff = StaffLookup(self.conn)
        return self._staff

    def sees(self, unit_id: int | None) -> bool:
        return unit_id is not None and (self.actor.sees_unit(unit_id) or unit_id in self.units.created)

    def error(self, row: int, column: str | None, value: str | None, message: Message) -> None:
        if len(self.errors) >= MAX_REPORTED_ERRORS:
            self.errors_truncated = True
            return
        if value is not None and len(value) > 200:
            value = value[:200] + "…"
        self.errors.append(
            RowError(row=row, column=column, value=value, message_vi=message[0], message_en=message[1])
        )

    def reject(self, row: int, column: str | None, value: str | None, message: Message) -> None:
        """The whole row is refused for one reason."""
        self.rejected += 1
        self.error(row, column, value, message)

    def reject_reader(self, reader: RowReader) -> bool:
        """Refuse the row when it has problems; True when it was refused."""
        if not reader.problems:
            return False
        self.rejected += 1
        for column, value, message in reader.problems:
            self.error(reader.number, column, value, message)
        return True

    def decide(self, reader: RowReader, exists: bool, changed: bool, key_column: str) -> str | None:
        """create | update | unchanged by the strategy, or None when the strategy refuses the row."""
        if not exists:
            if self.strategy == Strategy.update:
                reader.fail(key_column, M.missing)
                self.reject_reader(reader)
                return None
            return "create"
        if not changed:
            return "unchanged"
        if self.strategy == Strategy.create:
            reader.fail(key_column, M.exists)
            self.reject_reader(reader)
            return None
        return "update"

    def count(self, outcome: str) -> None:
        if outcome == "create":
            self.created += 1
        elif outcome == "update":
            self.updated += 1
        else:
            self.unchanged += 1


# ---------------------------------------------------------------- kinds


class ImportKind:
    """One kind of data: its columns, how a chunk of rows is imported, how rows are exported."""

    name: ClassVar[ImportKindName]
    family: ClassVar[str]  # API key scope family: "<family>:import" / "<family>:read"
    label_vi: ClassVar[str]
    label_en: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    write_permissions: ClassVar[tuple[Permission, ...]]
    read_permission: ClassVar[Permission]
    chunk_size: ClassVar[int] = 1000

    @property
    def key_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.key]

    @property
    def export_columns(self) -> list[Column]:
        return [c for c in self.columns if c.exported]

    def reader(self, number: int, cells: dict[str, str]) -> RowReader:
        """A reader that already noted every required cell left empty."""
        reader = RowReader(number, cells)
        for column in self.columns:
            if column.required and column.nonempty and not cells.get(column.name):
                reader.problems.append((column.name, "", M.required))
        return reader

    def process_chunk(self, ctx: ImportContext, rows: list[Row]) -> None:
        raise NotImplementedError

    def finish(self, ctx: ImportContext) -> None:
        """After the last chunk, inside the import's transaction."""

    def export_rows(
        self, conn: Connection, actor: Actor, filters: "ExportFilters"
    ) -> Iterator[dict[str, Any]]:
        raise NotImplementedError


@dataclass(frozen=True)
class ExportFilters:
    unit_id: int | None = None  # the unit and everything below it
    school_year: str | None = None


EXPORT_BATCH = 2000


# ---------------------------------------------------------------- look-ups


@dataclass
class UnitInfo:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    is_active: bool
    school_level: str | None = None
    address: str | None = None


@dataclass
class UnitDirectory:
    """Every unit, loaded once per import (a commune or province has hundreds, not millions)."""

    conn: Connection
    actor: Actor
    by_id: dict[int, UnitInfo] = field(default_factory=dict)
    by_code: dict[str, UnitInfo] = field(default_factory=dict)
    created: set[int] = field(default_factory=set)  # units this import made (visible to it)
    _subtrees: dict[int, frozenset[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        t = Unit.__table__  # type: ignore[attr-defined]
        rows = self.conn.execute(
            select(
                t.c.id,
                t.c.code,
                t.c.name,
                t.c.kind,
                t.c.parent_id,
                t.c.is_active,
                t.c.school_level,
                t.c.address,
            )
        )
        for r in rows:
            self.add(
                UnitInfo(r.id, r.code, r.name, r.kind, r.parent_id, r.is_active, r.school_level, r.address)
            )

    def add(self, unit: UnitInfo) -> None:
        self.by_id[unit.id] = unit
        self.by_code[unit.code.upper()] = unit
        self._subtrees.clear()

    def find(self, code: str) -> UnitInfo | None:
        return self.by_code.get(code.upper())

    def code_of(self, unit_id: int | None) -> str:
        unit = self.by_id.get(unit_id) if unit_id is not None else None
        return unit.code if unit else ""

    def subtree(self, unit_id: int) -> frozenset[int]:
        if unit_id not in self._subtrees:
            children: dict[int, list[int]] = {}
            for u in self.by_id.values():
                if u.parent_id is not None:
                    children.setdefault(u.parent_id, []).append(u.id)
            found, frontier = {unit_id}, [unit_id]
            while frontier:
                frontier = [c for p in frontier for c in children.get(p, []) if c not in found]
                found.update(frontier)
            self._subtrees[unit_id] = frozenset(found)
        return self._subtrees[unit_id]

    def ancestors(self, unit_id: int | None) -> list[int]:
        chain: list[int] = []
        while unit_id is not None and unit_id not in chain:
            chain.append(unit_id)
            parent = self.by_id.get(unit_id)
            unit_id = parent.parent_id if parent else None
        return chain


@dataclass(slots=True)
class StaffInfo:
    id: int
    code: str
    unit_id: int


PRELOAD_STAFF = 100_000


class StaffLookup:
    """Staff by code, fetched a chunk's codes at a time and kept for the rest of the import."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.by_code: dict[str, StaffInfo | None] = {}
        self.counted = False
        self.complete = False  # every staff member is loaded

    def load(self, codes: Iterable[str]) -> None:
        if self.complete:
            return
        codes = [c for c in codes if c]
        if len(self.by_code) > PRELOAD_STAFF:  # a huge staff list: keep only what recent chunks used
            self.by_code.clear()
        wanted = {c.upper() for c in codes} - self.by_code.keys()
        if not wanted:
            return
        t = StaffMember.__table__  # type: ignore[attr-defined]
        if not self.counted:
            self.counted = True
            if self.conn.execute(select(func.count()).select_from(t)).scalar_one() <= PRELOAD_STAFF:
                # One query for everyone beats a query per chunk while the staff list is this small.
                for staff_id, staff_code, unit_id in fetch_in(
                    self.conn, "SELECT id, code, unit_id FROM staff_member"
                ):
                    self.remember(StaffInfo(staff_id, staff_code, unit_id))
                self.complete = True
                return
        found: dict[str, StaffInfo] = {}
        for batch in chunked(sorted(wanted), 2000):
            variants = set(batch) | {c.lower() for c in batch}
            for r in self.conn.execute(select(t.c.id, t.c.code, t.c.unit_id).where(t.c.code.in_(variants))):
                found[r.code.upper()] = StaffInfo(r.id, r.code, r.unit_id)
        missing = wanted - found.keys()
        for batch in chunked(sorted(missing), 2000):  # codes stored in another letter case
            lowered = [c.lower() for c in batch]
            query = select(t.c.id, t.c.code, t.c.unit_id).where(func.lower(t.c.code).in_(lowered))
            for r in self.conn.execute(query):
                found[r.code.upper()] = StaffInfo(r.id, r.code, r.unit_id)
        for c in wanted:
            self.by_code[c] = found.get(c)

    def find(self, code: str) -> StaffInfo | None:
        return self.by_code.get(code.upper())

    def remember(self, info: StaffInfo) -> None:
        self.by_code[info.code.upper()] = info


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def batched(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    source = iter(rows)
    while batch := list(islice(source, size)):
        yield batch


def bound(conn: Connection, column: Any, value: Any) -> Any:
    """A value as the driver takes it for this column (e.g. a datetime as SQLite's text)."""
    process = column.type._cached_bind_processor(conn.dialect)
    return process(value) if process else value


def executemany(conn: Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """Straight to the driver's executemany, inside the import's transaction: the bulk paths skip the
    per-row parameter processing of SQLAlchemy (values are already in the driver's types, see bound()).
    `sql` uses ? placeholders."""
    cursor, sql = _cursor(conn, sql)
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def fetch_in(conn: Connection, sql: str, *lists: Sequence[Any]) -> list[Any]:
    """A driver-level query whose `{0}`, `{1}`... become IN lists of ? placeholders (for the bulk
    paths: SQLAlchemy's expanding IN costs more than the query at thousands of values)."""
    params: list[Any] = []
    for n, values in enumerate(lists):
        sql = sql.replace("{" + str(n) + "}", ", ".join("?" * len(values)))
        params.extend(values)
    cursor, sql = _cursor(conn, sql)
    try:
        if conn.dialect.driver == "psycopg":
            # Never a server-side prepared statement: psycopg prepares a query text run 5 times, and
            # PostgreSQL may then pick a generic plan, where `x IN ($1, ..., $2000)` left as a filter is
            # matched by walking the list for every row (with the values in a custom plan it is a hash
            # look-up): a second per chunk on a table of tens of thousands of assessments.
            cursor.execute(sql, params, prepare=False)
        else:
            cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _cursor(conn: Connection, sql: str) -> tuple[Any, str]:
    """A driver cursor on the import's own connection (inside its transaction), and the SQL in the
    driver's placeholder style."""
    if conn.dialect.paramstyle in ("format", "pyformat"):
        sql = sql.replace("?", "%s")
    return conn.connection.cursor(), sql


def versioned_changes(now: datetime, table: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """An UPDATE's values for a Versioned row: the changes, the version bumped, updated_at moved."""
    return {**changes, "version": table.c.version + 1, "updated_at": now}


def new_versioned(now: datetime, values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "version": 1, "created_at": now, "updated_at": now}


def staff_of_unit(
    ctx: "ImportContext",
    r: RowReader,
    column: str,
    listed: Iterable[tuple[str, T]],
    unit_id: int,
    missing: Callable[[str], Message],
    twice: Message,
) -> dict[int, T]:
    """Staff codes listed in one cell (attendees, authors), each with its value, resolved to staff of the
    unit's subtree; an unknown or repeated code fails the row at `column`."""
    allowed = ctx.units.subtree(unit_id)
    found: dict[int, T] = {}
    for staff_code, value in listed:
        staff = ctx.staff.find(staff_code)
        if staff is None or staff.unit_id not in allowed:
            r.fail(column, missing(staff_code), value=staff_code)
        elif staff.id in found:
            r.fail(column, twice, value=staff_code)
        else:
            found[staff.id] = value
    return found
