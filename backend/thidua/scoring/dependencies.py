"""Which stored scores a change affects: the one map from sources of data to the subjects they feed.

Every table a score is computed from is declared in the map, `thidua/score_dependencies.py` (wiring
layer: it names the domains' models, which scoring does not import), with a function that tells,
for one row being inserted, changed or deleted, which subjects it feeds:

    Assessment(id)          that assessment
    UnitYear(unit, year)    the unit-subject assessments of that unit and of the units above it (their
                            computed figures roll their subtree up), of that school year (None: all)
    StaffYear(staff, year)  the staff member's own assessments and UnitYear of the unit they work in
    FrameworkWide(id)       every open assessment of a framework version: marked as being recomputed
                            in the transaction and re-scored by a background job after the commit

A session hook collects these while the ORM flushes and, just before the commit, re-scores the
assessments they resolve to, in the same transaction: a change and its scores land together or not
at all. Writes that bypass the ORM (bulk imports) call `rescore_on_connection` themselves.

A table that is not listed never triggers a re-score; `verify-scores` and the drift guard of the API
tests catch a forgotten one.
"""

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Engine, event, inspect, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col

from thidua.assessments.models import SelfAssessment
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
_JOBS = "scoring.framework_jobs"


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


def resolve(session: OrmSession, affected: Iterable[Affected]) -> tuple[set[int], set[int]]:
    """(assessment ids to re-score now, framework ids to re-score in the background). Staff and units
    are looked up together per school year: a training with 40 attendees costs a few queries, not a
    few per attendee."""
    ids: set[int] = set()
    frameworks: set[int] = set()
    staff_by_year: dict[str | None, set[int]] = {}
    units_by_year: dict[str | None, set[int]] = {}
    for item in affected:
        if isinstance(item, Assessment):
            ids.add(item.id)
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
    return ids, frameworks


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
    """Re-score what this transaction changed, inside it, just before it commits."""
    for _round in range(5):  # re-scoring writes only score tables: one round, rarely two
        session.flush()
        affected = session.info.pop(_PENDING, set())
        new = session.info.pop(_NEW, [])
        if not affected and not new:
            return
        affected |= {Assessment(a.id) for a in new if a.id is not None and a in session}
        ids, frameworks = resolve(session, affected)
        for framework_id in frameworks:
            rescore.mark_stale(session, framework_id)  # type: ignore[arg-type]
            session.info.setdefault(_JOBS, set()).add(framework_id)
        rescore.rescore(session, ids)  # type: ignore[arg-type]


@event.listens_for(OrmSession, "after_commit")
def _start_jobs(session: OrmSession) -> None:
    jobs = session.info.pop(_JOBS, set())
    if jobs:
        bind = session.get_bind()
        start_framework_jobs(bind if isinstance(bind, Engine) else bind.engine, sorted(jobs))


@event.listens_for(OrmSession, "after_rollback")
def _forget(session: OrmSession) -> None:
    for key in (_PENDING, _NEW, _JOBS):
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

# In-process threads for now; a kill leaves the rows marked stale and `thidua.cli rescore` (or the
# next change of the framework) finishes them.
_jobs_lock = threading.Lock()
_running: set[threading.Thread] = set()


def _run_job(engine: Engine, framework_id: int) -> None:
    try:
        with Session(engine) as session:
            rescore.rescore_framework(session, framework_id)
    except Exception:  # the rows stay marked stale; logged for the operator
        log.exception("re-scoring framework %s failed", framework_id)
    finally:
        with _jobs_lock:
            _running.discard(threading.current_thread())


def start_framework_jobs(engine: Engine, framework_ids: list[int]) -> None:
    for framework_id in framework_ids:
        thread = threading.Thread(target=_run_job, args=(engine, framework_id), daemon=True)
        with _jobs_lock:
            _running.add(thread)
        thread.start()


def wait_for_jobs(timeout: float = 60.0) -> None:
    """Block until the background re-scores started so far have finished (tests, shutdown)."""
    with _jobs_lock:
        threads = list(_running)
    for thread in threads:
        thread.join(timeout)
