"""What the kinds that list staff in one cell share (activities' attendees, initiatives' authors):
a link table of (row, staff member, value) read, written and exported the same way."""

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, TypeVar

from sqlalchemy import Connection, select

from thidua.imports.bulk import chunked
from thidua.imports.context import ImportContext
from thidua.imports.kinds.base import RowKind
from thidua.imports.steps import write
from thidua.units.models import StaffMember

R = TypeVar("R")
S = StaffMember.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__


class StaffedKind(RowKind[R]):
    links: ClassVar[Any]  # the link table
    owner_column: ClassVar[str]  # its column naming the row (activity_id, initiative_id)
    value_column: ClassVar[str]  # what it says of each person (completed, share_percent)

    def link_people(self, ctx: ImportContext, owner_id: int, people: dict[int, Any]) -> None:
        write.insert_links(ctx, self.links, self._links(owner_id, people))

    def relink_people(self, ctx: ImportContext, owner_id: int, people: dict[int, Any]) -> None:
        write.replace_links(ctx, self.links, self.owner_column, owner_id, self._links(owner_id, people))

    def _links(self, owner_id: int, people: dict[int, Any]) -> list[dict[str, Any]]:
        return [
            {self.owner_column: owner_id, "staff_id": staff_id, self.value_column: value}
            for staff_id, value in people.items()
        ]

    @classmethod
    def load_people(cls, conn: Connection, stored: Iterable[dict[str, Any]], key: str) -> None:
        """Fill each stored row's `key` with {staff id: value} from the link table."""
        by_id = {item["id"]: item for item in stored}
        owner, value = cls.links.c[cls.owner_column], cls.links.c[cls.value_column]
        for batch in chunked(sorted(by_id), 1000):
            for link in conn.execute(select(owner, cls.links.c.staff_id, value).where(owner.in_(batch))):
                by_id[link[0]][key][link[1]] = link[2]

    def people_cells(self, conn: Connection, owner_ids: Sequence[int], order: Any) -> dict[int, list[str]]:
        """For an export: each row's people as the cell lists them (`code`, `code:value`)."""
        owner, value = self.links.c[self.owner_column], self.links.c[self.value_column]
        query = (
            select(owner, value, S.c.code)
            .join(S, S.c.id == self.links.c.staff_id)
            .where(owner.in_(owner_ids))
            .order_by(order)
        )
        cells: dict[int, list[str]] = {}
        for owner_id, linked, code in conn.execute(query):
            cells.setdefault(owner_id, []).append(self.cell(code, linked))
        return cells

    @staticmethod
    def cell(code: str, value: Any) -> str:
        raise NotImplementedError
