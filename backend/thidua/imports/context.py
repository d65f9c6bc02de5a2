"""One import as it runs: its connection (one transaction), caller, strategy, report and caches."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from thidua.auth.policy import Actor
from thidua.core.models import utcnow
from thidua.imports.lookups import StaffLookup, UnitDirectory
from thidua.imports.schemas import Strategy
from thidua.imports.steps.report import Report
from thidua.units import access as units_access


class ImportContext(Report):
    """The import's report (counts, errors) with what its chunks share: the caller, the strategy,
    the columns the file has, and units and staff looked up once."""

    def __init__(self, conn: Connection, actor: Actor, strategy: Strategy, columns: Sequence[str]) -> None:
        super().__init__()
        self.conn = conn
        self.actor = actor
        self.strategy = strategy
        self.present = frozenset(columns)
        self.now = utcnow()
        self.state: dict[str, Any] = {}  # what a kind keeps from one chunk to the next
        self._units: UnitDirectory | None = None
        self._staff: StaffLookup | None = None

    @property
    def units(self) -> UnitDirectory:
        if self._units is None:
            self._units = UnitDirectory(self.conn, units_access.code_commune(self.actor))
        return self._units

    @property
    def staff(self) -> StaffLookup:
        if self._staff is None:
            self._staff = StaffLookup(self.conn, units_access.code_commune(self.actor))
        return self._staff

    def sees(self, unit_id: int | None) -> bool:
        """The caller's units, and the units this import created (under one of them)."""
        if unit_id is None:
            return False
        return units_access.in_reach(self.actor, unit_id) or unit_id in self.units.created
