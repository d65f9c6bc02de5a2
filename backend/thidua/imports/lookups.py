"""Units and staff by code, looked up once per import and kept while it runs."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from thidua.imports.bulk import chunked, fetch_in
from thidua.units.models import StaffMember, Unit


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
    by_id: dict[int, UnitInfo] = field(default_factory=dict)
    by_code: dict[str, UnitInfo] = field(default_factory=dict)
    created: set[int] = field(default_factory=set)  # units this import made (visible to it)
    _subtrees: dict[int, frozenset[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        t = Unit.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
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
        t = StaffMember.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
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
