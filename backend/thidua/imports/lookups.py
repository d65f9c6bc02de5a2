"""Units and staff by code, looked up once per import and kept while it runs.

Codes are unique per commune: an import names the units and staff of the caller's commune
(`units.access.code_commune`). Without a wall (one commune, or a province role) every commune's count,
and a code more than one of them uses names none: the row reports it unknown."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Connection, func, select

from thidua.imports.bulk import chunked, fetch_in
from thidua.units.models import S, U, UnitKind, codes_of_commune


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
    commune_id: int | None = None  # the commune it sits in (units.models.Unit)

    @property
    def commune_below(self) -> int | None:
        """The commune of what sits under this unit (units.models.commune_at)."""
        return self.id if self.kind == UnitKind.commune.value else self.commune_id


EVERY_COMMUNE = None


@dataclass
class UnitDirectory:
    """Every unit, loaded once per import (a commune or province has hundreds, not millions); by code
    only those of `commune` (None: every commune's, a code of two of them naming none)."""

    conn: Connection
    commune: int | None = EVERY_COMMUNE
    by_id: dict[int, UnitInfo] = field(default_factory=dict)
    by_code: dict[str, UnitInfo | None] = field(default_factory=dict)
    created: set[int] = field(default_factory=set)  # units this import made (visible to it)
    _subtrees: dict[int, frozenset[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        t = U
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
                t.c.commune_id,
            )
        )
        for r in rows:
            self.add(
                UnitInfo(
                    r.id,
                    r.code,
                    r.name,
                    r.kind,
                    r.parent_id,
                    r.is_active,
                    r.school_level,
                    r.address,
                    r.commune_id,
                )
            )

    def named_here(self, unit: UnitInfo) -> bool:
        """Whether the import's commune names this unit by its code (codes_of_commune)."""
        return self.commune is EVERY_COMMUNE or unit.commune_id == self.commune or unit.id == self.commune

    def add(self, unit: UnitInfo) -> None:
        self.by_id[unit.id] = unit
        self._subtrees.clear()
        if not self.named_here(unit):
            return
        self.by_code[unit.code.upper()] = _one_of(self.by_code, unit)

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
    commune_id: int | None = None


Info = TypeVar("Info", UnitInfo, StaffInfo)


def _one_of(known: dict[str, Info | None], info: Info) -> Info | None:
    """What a code names once `info` is known too: a code two communes use names neither (only where
    the look-up spans every commune); within one commune the last one read (another letter case)."""
    other = known.get(info.code.upper(), info)
    return info if other is not None and other.commune_id == info.commune_id else None


PRELOAD_STAFF = 100_000


class StaffLookup:
    """Staff by code, fetched a chunk's codes at a time and kept for the rest of the import; only those
    of `commune` (None: every commune's, a code of two of them naming none)."""

    def __init__(self, conn: Connection, commune: int | None = EVERY_COMMUNE) -> None:
        self.conn = conn
        self.commune = commune
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
        t = S
        here = codes_of_commune(t, self.commune) if self.commune is not EVERY_COMMUNE else None
        if not self.counted:
            self.counted = True
            counted = select(func.count()).select_from(t)
            if self.conn.execute(counted).scalar_one() <= PRELOAD_STAFF:
                # One query for everyone beats a query per chunk while the staff list is this small.
                everyone = "SELECT id, code, unit_id, commune_id FROM staff_member"
                mine = (
                    (everyone,) if here is None else (everyone + " WHERE commune_id IN ({0})", [self.commune])
                )
                for staff_id, staff_code, unit_id, commune_id in fetch_in(self.conn, *mine):
                    self._found(self.by_code, StaffInfo(staff_id, staff_code, unit_id, commune_id))
                self.complete = True
                return
        found: dict[str, StaffInfo | None] = {}
        for batch in chunked(sorted(wanted), 2000):
            variants = set(batch) | {c.lower() for c in batch}
            query = select(t.c.id, t.c.code, t.c.unit_id, t.c.commune_id).where(t.c.code.in_(variants))
            for r in self.conn.execute(query if here is None else query.where(here)):
                self._found(found, StaffInfo(r.id, r.code, r.unit_id, r.commune_id))
        missing = wanted - found.keys()
        for batch in chunked(sorted(missing), 2000):  # codes stored in another letter case
            lowered = [c.lower() for c in batch]
            query = select(t.c.id, t.c.code, t.c.unit_id, t.c.commune_id).where(
                func.lower(t.c.code).in_(lowered)
            )
            for r in self.conn.execute(query if here is None else query.where(here)):
                self._found(found, StaffInfo(r.id, r.code, r.unit_id, r.commune_id))
        for c in wanted:
            self.by_code[c] = found.get(c)

    @staticmethod
    def _found(found: dict[str, StaffInfo | None], info: StaffInfo) -> None:
        found[info.code.upper()] = _one_of(found, info)

    def find(self, code: str) -> StaffInfo | None:
        return self.by_code.get(code.upper())

    def remember(self, info: StaffInfo) -> None:
        self.by_code[info.code.upper()] = info
