"""Which stored scores a change affects: the one map from sources of data to the subjects they feed.

Every table a score is computed from is declared in the map, `thidua/score_dependencies.py` (wiring
layer: it names the domains' models, which scoring does not import), with a function that tells,
for one row being inserted, changed or deleted, which subjects it feeds:

    Assessment(id)          that assessment
    UnitYear(unit, year)    the unit-subject assessments of that unit and of the units above it (their
                            computed figures roll their subtree up), of that school year (None: all)
    StaffYear(staff, year)  the staff member's own assessments and UnitYear of the unit they work in
    FrameworkWide(id)       every open assessment of a framework version: marked as being recomputed
                            in the transaction and re-scored by a job of the queue after the commit
                            (`scoring.rescore_framework`, deferred in the same transaction)

A session hook collects these while the ORM flushes and, just before the commit, re-scores the
assessments they resolve to, in the same transaction: a change and its scores land together or not
at all. Writes that bypass the ORM (bulk imports) call `rescore_on_connection` themselves.

A table that is not listed never triggers a re-score; `verify-scores` and the drift guard of the API
tests catch a forgotten one.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import Connection, event, inspect, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col

from thidua.assessments.models import SelfAssessment
from thidua.core.tasks import Env, defer, task
from thidua.scoring import rescore
from thidua.units.models import StaffMember, Unit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Assessment:
    id: int


@dataclass(frozen=True)
class UnitYear:
    unit_id: int
    school_year: str | None


@dataclass(frozen=True)
class StaffYear:
    staff_id: int
    school_year: str | None


@dataclass(frozen=True)
class FrameworkWide:
    framework_id: int


Affected = Assessment | UnitYear | StaffYear | FrameworkWide


def values(obj: Any, attr: str) -> list[Any]:
    """The attribute's value now and, for a changed row, the one it had: a row moving from one unit
    to another affects both."""
    state = inspect(obj)
    history = state.attrs[attr].history
    found = [*history.added, *history.unchanged, *history.deleted]
    if not found:
        found = [getattr(obj, attr, None)]
    return [v for v in found if v is not None]


# The map itself: each table scores are computed from, and the subjects one of its rows affects.
# Filled at start-up from thidua/score_dependencies.py (scoring does not import the domains above it).
Affects = Callable[[Session, Any], Iterable[Affected]]
AFFECTS: dict[type, Affects] = {}


def declare(mapping: dict[type, Affects]) -> None:
    AFFECTS.update(mapping)


_PENDING = "scoring.affected"
_NEW = "scoring.new_assessments"


def _pending(session: OrmSession) -> set[Affected]:
    found: set[Affected] = session.info.setdefault(_PENDING, set())
    return found


def new_assessments(session: OrmSession) -> list[SelfAssessment]:
    found: list[SelfAssessment] = session.info.setdefault(_NEW, [])
    return found


def settled(session: OrmSession) -> bool:
    """Nothing in the session's transaction is waiting to be re-scored: the stored scores are those of
    what the session sees (a reader may use them instead of computing the scorecard again)."""
    if session.new or session.dirty or session.deleted:
        return False
    return not session.info.get(_PENDING) and not session.info.get(_NEW)


def touch(session: OrmSession, *affected: Affected) -> None:
    """Declare subjects affected by a write the ORM does not see; re-scored before the commit."""
    _pending(session).update(affected)


def _ancestors(session: OrmSession, unit_id: int) -> list[int]:
    chain_ = [unit_id]
    for _level in range(20):
        parent = session.execute(select(col(Unit.parent_id)).where(col(Unit.id) == chain_[-1])).scalar()
        if parent is None or parent in chain_:
            break
        chain_.append(parent)
    return chain_


@dataclass(frozen=True)
class Resolved:
    ids: set[int]  # assessments to re-score now
    frameworks: set[int]  # framework versions to re-score in the background
    # Of `ids`, those named only as themselves (Assessment): their computed indicators' data is unchanged.
    sources_unchanged: set[int]


def resolve(session: OrmSession, affected: Iterable[Affected]) -> Resolved:
    """Staff and units are looked up together per school year: a training with 40 attendees costs a
    few queries, not a few per attendee."""
    own: set[int] = set()
    ids: set[int] = set()
    frameworks: set[int] = set()
    staff_by_year: dict[str | None, set[int]] = {}
    units_by_year: dict[str | None, set[int]] = {}
    for item in affected:
        if isinstance(item, Assessment):
            own.add(item.id)
        elif isinstance(item, FrameworkWide):
            frameworks.add(item.framework_id)
        elif isinstance(item, StaffYear):
            staff_by_year.setdefault(item.school_year, set()).add(item.staff_id)
        else:
            units_by_year.setdefault(item.school_year, set()).add(item.unit_id)
    A = SelfAssessment
    for year, staff in staff_by_year.items():
        ids |= _in_year(session, select(col(A.id)).where(col(A.staff_id).in_(staff)), year)
        their_units = session.execute(
            select(col(StaffMember.unit_id)).where(col(StaffMember.id).in_(staff)).distinct()
        )
        units_by_year.setdefault(year, set()).update(u for u in their_units.scalars() if u is not None)
    for year, units in units_by_year.items():
        chain_ = {u for unit in units for u in _ancestors(session, unit)}
        query = select(col(A.id)).where(col(A.unit_id).in_(chain_), col(A.staff_id).is_(None))
        ids |= _in_year(session, query, year)
    return Resolved(ids | own, frameworks, own - ids)


def _in_year(session: OrmSession, query: Any, year: str | None) -> set[int]:
    if year is not None:
        query = query.where(col(SelfAssessment.school_year) == year)
    return {i for i in session.execute(query).scalars() if i is not None}


@event.listens_for(OrmSession, "before_flush")
def _collect(session: OrmSession, _context: Any, _instances: Any) -> None:
    found = _pending(session)
    for obj in chain(session.new, session.dirty, session.deleted):
        affects = AFFECTS.get(type(obj))
        if affects is None:
            continue
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        found.update(affects(session, obj))  # type: ignore[arg-type]


@event.listens_for(OrmSession, "before_commit")
def _rescore(session: OrmSession) -> None:
    """Re-score what this transaction changed, inside it, just before it commits; framework-wide
    changes mark the rows stale and defer their re-score as a job of the queue, in the transaction."""
    deferred: set[int] = set()
    for _round in range(5):  # re-scoring writes only score tables: one round, rarely two
        session.flush()
        affected = session.info.pop(_PENDING, set())
        new = session.info.pop(_NEW, [])
        if not affected and not new:
            return
        affected |= {Assessment(a.id) for a in new if a.id is not None and a in session}
        found = resolve(session, affected)
        for framework_id in sorted(found.frameworks - deferred):
            rescore.mark_stale(session, framework_id)  # type: ignore[arg-type]
            deferred.add(framework_id)
            defer(session, "scoring.rescore_framework", framework_id=framework_id)
        rescore.rescore(session, found.ids, found.sources_unchanged)  # type: ignore[arg-type]


@event.listens_for(OrmSession, "after_rollback")
def _forget(session: OrmSession) -> None:
    for key in (_PENDING, _NEW):
        session.info.pop(key, None)


def rescore_on_connection(conn: Connection, assessment_ids: Iterable[int] | None) -> int:
    """Re-score inside a Core connection's open transaction (bulk imports); None: every open
    assessment. The caller commits."""
    session = Session(bind=conn)  # joins the open transaction; closing it leaves that alone
    try:
        ids = rescore.open_assessment_ids(session) if assessment_ids is None else list(assessment_ids)
        done = rescore.rescore(session, ids)
        session.flush()
        return done
    finally:
        session.close()


# ---------------------------------------------------------------- framework-wide jobs


# A framework-wide job asks for one more job per this many stale rows, up to MAX_HELPERS: on a queue
# with several workers (several machines), they share the rows (rescore.rescore_stale).
ROWS_PER_HELPER = 10_000
MAX_HELPERS = 7


@task("scoring.rescore_framework", inline=True)
def rescore_framework(env: Env, framework_id: int, helper: bool = False) -> None:
    """Re-score a framework version's stale rows, committed in batches: a killed run leaves the rest
    stale, and the queue's retry (or `python -m thidua.cli rescore`) finishes them. No lock between
    jobs: each claims its batches, so a second change's job (or a helper) only shares the work."""
    with Session(env.engine) as session:
        if not helper:
            for _ in range(min(MAX_HELPERS, rescore.count_stale(session, framework_id) // ROWS_PER_HELPER)):
                defer(session, "scoring.rescore_framework", framework_id=framework_id, helper=True)
            session.commit()
        rescore.rescore_stale(session, framework_id)


@task("scoring.resume_stale", at_start=True)
def resume_stale(env: Env) -> None:
    """The single-machine worker's start: frameworks with rows still marked stale are re-scored."""
    with Session(env.engine) as session:
        for framework_id in rescore.stale_framework_ids(session):
            defer(env.engine, "scoring.rescore_framework", framework_id=framework_id)
