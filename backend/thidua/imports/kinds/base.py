"""What a kind of data declares (its columns, who may import and export it) and how its chunks go
through the steps: parse, validate, write, report (`thidua.imports.steps`).

Most kinds are row kinds: they declare how a row's cells become a record (parse), their own rules
(validate) and their writer, and `RowKind.process_chunk` runs the steps in the same order for all of
them. The self-assessment values, built for volume, run their own chunk (kinds/entries/).
"""

from collections.abc import Collection, Hashable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Connection

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.imports.context import ImportContext
from thidua.imports.messages import M
from thidua.imports.parsing import Row
from thidua.imports.schemas import ImportKindName
from thidua.imports.steps import validate, write
from thidua.imports.steps.parse import RowReader
from thidua.imports.steps.write import Change

R = TypeVar("R")


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


# Columns several kinds share.
FULL_NAME = Column(
    "full_name",
    "string",
    "Họ và tên",
    "Full name",
    "Nguyễn Thị Hương",
    required=True,
    aliases=("họ và tên", "họ tên", "name"),
)
SCHOOL_YEAR_KEY = Column(
    "school_year",
    "school_year",
    "Năm học, ví dụ 2025-2026",
    "School year, e.g. 2025-2026",
    "2025-2026",
    required=True,
    key=True,
    aliases=("năm học",),
)


def unit_code(help_vi: str, help_en: str, *, required: bool = False, key: bool = False) -> Column:
    """The `unit_code` column, which kinds explain in their own words."""
    return Column(
        "unit_code",
        "code",
        help_vi,
        help_en,
        "THCS-TT",
        required=required,
        key=key,
        aliases=("mã đơn vị", "đơn vị"),
    )


@dataclass(frozen=True)
class ExportFilters:
    unit_id: int | None = None  # the unit and everything below it
    school_year: str | None = None


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

    def rescored(self, ctx: ImportContext) -> Collection[int] | None:
        """The assessments whose stored scores this import changed (scoring/dependencies.py), re-scored
        in the import's transaction; None: every open assessment (staff, units, activities and
        initiatives feed computed indicators of many subjects)."""
        return None

    def finish(self, ctx: ImportContext) -> None:
        """After the last chunk, inside the import's transaction."""

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        raise NotImplementedError


class RowKind(ImportKind, Generic[R]):
    """A kind whose rows are checked and written one by one; R is its record (a row's typed values,
    and what the checks find: the stored row, the units named)."""

    key_column: ClassVar[str]  # where a repeated key or a refusal by the strategy is reported

    def process_chunk(self, ctx: ImportContext, rows: list[Row]) -> None:
        """Parse every row, look up what the chunk names at once, then per row: validate, write."""
        parsed = [(r, self.read(ctx, r)) for r in (self.reader(number, cells) for number, cells in rows)]
        self.load(ctx, parsed)
        seen: set[Hashable] = ctx.state.setdefault("seen", set())
        for r, record in parsed:
            if not r.problems:
                validate.first_of_key(r, self.key(record), seen, self.key_column)
            if ctx.reject_reader(r):
                continue
            self.check(ctx, r, record)
            if ctx.reject_reader(r):
                continue
            change = self.change(ctx, r, record)
            if change is not None:
                write.store(ctx, self, r, record, change)

    # ---- what each row kind declares

    def read(self, ctx: ImportContext, r: RowReader) -> R:
        """Parse: the row's cells as typed values (problems pile up on `r`)."""
        raise NotImplementedError

    def key(self, record: R) -> Hashable:
        """The row's natural key (asked only of a row without problems)."""
        raise NotImplementedError

    def load(self, ctx: ImportContext, parsed: list[tuple[RowReader, R]]) -> None:
        """The stored rows the chunk's keys name, looked up at once (optional)."""

    def check(self, ctx: ImportContext, r: RowReader, record: R) -> None:
        """Validate: the kind's own rules, as problems on `r`."""

    def change(self, ctx: ImportContext, r: RowReader, record: R) -> Change | None:
        """The values to store and whether they change the stored row; None when the row is refused
        here (it was reported)."""
        raise NotImplementedError

    def create(self, ctx: ImportContext, record: R, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def update(self, ctx: ImportContext, record: R, values: dict[str, Any]) -> None:
        raise NotImplementedError
