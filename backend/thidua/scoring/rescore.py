"""Writing stored scores: the pure engine's scorecards (through the loader) turned into the rows of
`assessment_score`, `criterion_score` and `content_area_score`, and the check that what is stored is
what the engine computes now (`verify-scores`).

`scored` is the one place a scorecard becomes rows, used by both the writer and the check, so they
can only disagree when the data changed without a re-score.
"""

import hashlib
import json
import logging
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Engine,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    null,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col

from thidua.assessments.models import ScorecardSnapshot, SelfAssessment
from thidua.core.collector import fewer_collections
from thidua.core.models import today, utcnow
from thidua.core.sql import one_of
from thidua.frameworks.models import Framework
from thidua.scoring import engine, loader
from thidua.scoring.models import AssessmentScore, ContentAreaScore, CriterionScore

log = logging.getLogger(__name__)
S = AssessmentScore.__table__  # type: ignore[attr-defined]
C = CriterionScore.__table__  # type: ignore[attr-defined]
CA = ContentAreaScore.__table__  # type: ignore[attr-defined]
ZERO = Decimal("0.00")
Computed = dict[str, Decimal | None]  # indicator code -> value, as `loader.inputs` takes them
BATCH = 500  # assessments per statement and per commit of a job (1,000 measured no faster)

_CARD_COLUMNS = (
    "self_total",
    "verified_total",
    "max_total",
    "completion_percent",
    "self_completion_percent",
    "gap",
    "data_completeness_percent",
)


@dataclass(frozen=True)
class Rows:
    """One assessment's stored form (without the timestamp and the stale flag); `score["digest"]` is
    the fingerprint of all of it."""

    score: dict[str, Any]
    criteria: dict[str, dict[str, Any]]
    areas: dict[str, dict[str, Any]]


def batched(ids: list[int], size: int = BATCH) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@dataclass(frozen=True)
class AreaPlan:
    """A framework's content areas: each indicator's area and each area's maximum."""

    area_of: dict[str, str]
    maximum: dict[str, Decimal]

    @classmethod
    def of(cls, spec: engine.FrameworkSpec) -> "AreaPlan":
        maximum: dict[str, Decimal] = {}
        for i in spec.indicators:
            if i.content_area:
                maximum[i.content_area] = maximum.get(i.content_area, ZERO) + i.max_points
        return cls({i.code: i.content_area for i in spec.indicators if i.content_area}, maximum)


@dataclass(frozen=True)
class Scored:
    """An assessment scored now: its fingerprint at once, its rows when asked for. A re-score whose
    fingerprint matches the stored one never asks (most rows of a job), so they are not built."""

    a: loader.AssessmentRef
    version: int
    card: dict[str, Any]
    frozen: bool
    areas: dict[str, dict[str, Any]]
    digest: int
    inputs: int | None  # `inputs_fingerprint`; None for a snapshot's card

    def rows(self) -> Rows:
        a, card = self.a, self.card
        score: dict[str, Any] = {
            **_head(a, self.frozen, self.version),
            **{k: Decimal(card[k]) for k in _CARD_COLUMNS},
            "classification_code": card["classification_code"],
            "classification_label": card["classification_label"],
            "failed_gates": list(card["failed_gates"]),
            "scorecard": card,
            "digest": self.digest,
            "inputs": self.inputs,
        }
        criteria = {
            c["code"]: {
                "assessment_id": a.id,
                "code": c["code"],
                "framework_id": a.framework_id,
                "school_year": a.school_year,
                "self_points": Decimal(c["self_points"]),
                "verified_points": Decimal(c["verified_points"]),
                "max_points": Decimal(c["max_points"]),
                "completion_percent": Decimal(c["completion_percent"]),
            }
            for c in card["criteria"]
        }
        return Rows(score, criteria, self.areas)


def _head(a: loader.AssessmentRef, frozen: bool, version: int) -> dict[str, Any]:
    """What a stored score holds besides its card, in the order the fingerprint reads it."""
    return {
        "assessment_id": a.id,
        "framework_id": a.framework_id,
        "school_year": a.school_year,
        "unit_id": a.unit_id,
        "staff_id": a.staff_id,
        "subject_kind": a.subject_kind,
        "status": a.status,
        "frozen": frozen,
        "framework_version": version,
    }


def scored(
    a: loader.AssessmentRef,
    version: int,
    plan: AreaPlan,
    card: dict[str, Any],
    frozen: bool,
    inputs: int | None = None,
    memo: dict[int, bytes] | None = None,
) -> Scored:
    """The one place a scorecard becomes an assessment's stored form. `memo`: see `fingerprint`."""
    # Content areas: the framework's maximum per area, and what the card earned there.
    earned: dict[str, Decimal] = {}
    for s in card["indicators"]:
        area = plan.area_of.get(s["code"])
        if area:
            earned[area] = earned.get(area, ZERO) + Decimal(s["verified_points"])
    areas = {
        code: {
            "assessment_id": a.id,
            "code": code,
            "framework_id": a.framework_id,
            "school_year": a.school_year,
            "verified_points": earned.get(code, ZERO),
            "max_points": top,
            "completion_percent": engine.percent(earned.get(code, ZERO), top),
        }
        for code, top in plan.maximum.items()
    }
    head = list(_head(a, frozen, version).values())
    digest = fingerprint(head, card, areas, memo if memo is not None else {})
    return Scored(a, version, card, frozen, areas, digest, inputs)


def fingerprint(
    head: list[Any], card: dict[str, Any], areas: dict[str, dict[str, Any]], memo: dict[int, bytes]
) -> int:
    """64 bits of BLAKE2b over what the rows hold, as a signed integer (a BIGINT on both databases):
    `head` (`_head`'s values), the card, which the totals, classification and criterion rows are read
    off, and the content areas, which also depend on the framework's indicators. Stored fingerprints
    were made by this very sequence of bytes: changing it makes every stored row look changed once.

    `memo` keeps the JSON of the card's parts by identity: the engine shares equal indicator results
    between subjects (loader.scorecard_dict), so a batch encodes each once. It must not outlive the
    cards it was filled from (an identity is unique only while its object lives)."""
    h = hashlib.blake2b(digest_size=8)
    h.update(json.dumps(head).encode())
    h.update(json.dumps({k: v for k, v in card.items() if k not in ("indicators", "criteria")}).encode())
    for part in (*card["indicators"], *card["criteria"]):
        text = memo.get(id(part))
        if text is None:
            text = memo[id(part)] = json.dumps(part).encode()
        h.update(text)
    for area in areas.values():
        h.update(f"{area['code']}|{area['verified_points']}|{area['max_points']}".encode())
    return int.from_bytes(h.digest(), "big", signed=True)


# The code that turns inputs into stored rows: a change to it (a new scoring rule) changes every
# inputs fingerprint, so the next re-score of each assessment runs the engine again.
_CODE = hashlib.blake2b(
    b"".join(Path(m).read_bytes() for m in (engine.__file__, loader.__file__, __file__)), digest_size=16
).digest()


def inputs_fingerprint(
    framework: Framework, head: dict[str, Any], values: dict[str, engine.EntryValues]
) -> int:
    """64 bits over everything an assessment's stored rows are computed from: the scoring code, the
    framework version (its spec never changes: loader.framework_spec), the assessment's columns the
    rows copy, and its values (typed, verified, computed and linked, as loader.inputs gives them)."""
    h = hashlib.blake2b(_CODE, digest_size=8)
    h.update(repr((framework.id, framework.version, tuple(head.values()))).encode())
    # Decimals as text: 1.5 and 1.50 differ here, which only costs the engine's run (never a wrong skip).
    h.update("|".join(f"{c}:{v.self_value}:{v.verified_value}" for c, v in sorted(values.items())).encode())
    return int.from_bytes(h.digest(), "big", signed=True)


def expected(
    session: Session,
    assessments: Iterable[loader.AssessmentRef],
    known: dict[int, Computed] | None = None,
    skip: dict[int, int] | None = None,
) -> Iterator[Scored]:
    """What the engine says now for these assessments (frozen ones: their snapshot); `known`: computed
    values already known for some of them (see `rescore`). `skip`: stored inputs fingerprints by
    assessment; one whose inputs fingerprint the same is not scored again, nor yielded."""
    skip = skip or {}
    by_framework: dict[int, list[loader.AssessmentRef]] = {}
    for a in assessments:
        by_framework.setdefault(a.framework_id, []).append(a)
    for framework_id, rows in by_framework.items():
        framework = session.get(Framework, framework_id)
        assert framework is not None
        spec = loader.framework_spec(session, framework)
        plan = AreaPlan.of(spec)
        version = framework.version_number
        got = loader.inputs(session, framework, rows, known)
        inputs = {
            a.id: inputs_fingerprint(framework, _head(a, False, version), got.live[a.id])
            for a in rows
            if a.id in got.live
        }
        cards = loader.cards(spec, {i: v for i, v in got.live.items() if skip.get(i) != inputs[i]})
        memo: dict[int, bytes] = {}  # lives as long as `cards`
        for a in rows:
            if a.id in got.frozen:
                yield scored(a, version, plan, got.frozen[a.id], True, None, memo)
            elif a.id in cards:
                yield scored(a, version, plan, cards[a.id], False, inputs[a.id], memo)


def _load(session: Session, ids: list[int]) -> list[loader.AssessmentRef]:
    """The assessments' columns, from the session's identity map when they are loaded already (the
    re-score of a write runs in the transaction that loaded them), else as plain rows."""
    wanted = set(ids)
    # Through the map's objects, not one identity key per id: building a key cost 20 µs, and a job
    # asks for 500 ids a batch with an empty map.
    found = [
        loader.AssessmentRef.of(a)
        for a in session.identity_map.values()
        if isinstance(a, SelfAssessment) and "id" in a.__dict__ and a.id in wanted
    ]
    missing = sorted(wanted - {a.id for a in found})
    if missing:
        rows = session.execute(select(*loader.REF_COLUMNS).where(one_of(SelfAssessment.id, missing)))
        found += [loader.AssessmentRef(*row) for row in rows]
    return found


def _computed_today() -> Any:
    return S.c.computed_at >= datetime.combine(today(), time.min, UTC)


def rescore(
    session: Session,
    assessment_ids: Iterable[int],
    sources_unchanged: Collection[int] = (),
    rewrite: bool = False,
) -> int:
    """Re-score these assessments in the session's transaction (no commit). A stored frozen row is
    kept as it is: a verified scorecard never changes. Returns how many were re-scored.

    An assessment whose rows come out as stored (the same fingerprint) keeps them; only its
    `computed_at` moves on (and it is no longer stale). The day's pass and a framework-wide job change
    few scores, and rewriting a province's 1.1 million unchanged rows was half their time. `rewrite`
    writes every row anew all the same: the repair of rows changed behind the application's back
    (`thidua.cli rescore`, after `verify-scores` found them), whose fingerprint no longer tells.

    `sources_unchanged`: assessments only their own rows changed for (an entry, a review). Nothing their
    computed indicators read has changed then (the dependency map would have named their unit or staff
    member), so a row stored today and not stale gives those values, and the sources' queries, three
    quarters of a review's re-score, are not run again. The property test and `verify-scores` check
    that stored still equals recomputed."""
    wanted = sorted(set(assessment_ids))
    written = 0
    for batch in batched(wanted):
        reusable = [i for i in batch if i in sources_unchanged]
        card: Any = null()
        if reusable:
            fresh = and_(one_of(S.c.assessment_id, reusable), S.c.stale.is_(False), _computed_today())
            card = type_coerce(case((fresh, S.c.scorecard), else_=null()), JSON)
        stored = session.execute(
            select(
                S.c.assessment_id,
                S.c.frozen,
                S.c.unit_id,
                S.c.staff_id,
                S.c.school_year,
                S.c.digest,
                S.c.inputs,
                card.label("card"),
            ).where(one_of(S.c.assessment_id, batch))
        ).all()
        frozen = {row.assessment_id for row in stored if row.frozen}
        todo = [i for i in batch if i not in frozen]
        if not todo:
            continue
        assessments = _load(session, todo)
        # A row stored for the same subject and year (the sources read those) gives the computed values.
        subject_of = {a.id: (a.unit_id, a.staff_id, a.school_year) for a in assessments}
        known = {
            row.assessment_id: _computed_values(row.card)
            for row in stored
            if row.card is not None
            and subject_of.get(row.assessment_id) == (row.unit_id, row.staff_id, row.school_year)
        }
        inputs = {} if rewrite else {row.assessment_id: row.inputs for row in stored}
        found = list(expected(session, assessments, known, skip=inputs))
        now = utcnow()
        digest = {} if rewrite else {row.assessment_id: row.digest for row in stored}
        # Inputs as stored: rows as stored. Else the rows as stored (the same fingerprint) with other
        # inputs (a value that moves no point), or other rows.
        same = sorted({a.id for a in assessments} - {r.a.id for r in found})
        moved: dict[int, int | None] = {}
        changed: list[Rows] = []
        for r in found:
            if digest.get(r.a.id) == r.digest:
                moved[r.a.id] = r.inputs
            else:
                changed.append(r.rows())
        if same:
            session.execute(
                update(S).where(one_of(S.c.assessment_id, same)).values(computed_at=now, stale=False)
            )
        if moved:
            _keep_with_inputs(session, moved, now)
        if changed:
            _replace(
                session,
                [r.score["assessment_id"] for r in changed],
                {
                    S: [{**r.score, "computed_at": now, "stale": False} for r in changed],
                    C: [c for r in changed for c in r.criteria.values()],
                    CA: [c for r in changed for c in r.areas.values()],
                },
            )
        written += len(assessments)
    return written


def _keep_with_inputs(session: Session, inputs: dict[int, int | None], now: datetime) -> None:
    """Rows kept as stored, with a new inputs fingerprint each. On PostgreSQL one statement, the ids
    and fingerprints bound as two arrays: a catalogue change that moves no score gives every row of a
    framework a new one, and 126,000 single-row updates took about 6 s of a province's job."""
    if session.get_bind().dialect.name == "postgresql":
        given = select(
            func.unnest(bindparam("ids", list(inputs), type_=ARRAY(BigInteger))).label("id"),
            func.unnest(bindparam("fingerprints", list(inputs.values()), type_=ARRAY(BigInteger))).label(
                "fp"
            ),
        ).subquery()
        session.execute(
            update(S)
            .where(S.c.assessment_id == given.c.id)
            .values(inputs=given.c.fp, computed_at=now, stale=False)
        )
        return
    session.execute(
        update(S)
        .where(S.c.assessment_id == bindparam("assessment"))
        .values(computed_at=now, stale=False, inputs=bindparam("fingerprint")),
        [{"assessment": i, "fingerprint": fp} for i, fp in inputs.items()],
    )


def _computed_values(card: dict[str, Any]) -> Computed:
    """Each indicator's self value in a stored scorecard (the loader keeps the computed ones)."""
    return {
        i["code"]: None if i["self_value"] is None else Decimal(i["self_value"]) for i in card["indicators"]
    }


def _replace(session: Session, ids: list[int], rows: dict[Any, list[dict[str, Any]]]) -> None:
    """The stored rows of `ids` replaced by `rows` (per table), in the session's transaction. On
    PostgreSQL through COPY: a province's re-score writes about 1.4 million rows, and COPY loads them
    several times faster than INSERT statements."""
    # The score row first, the lock every writer of an assessment's rows takes first (a job's claim,
    # mark_stale, a request's re-score): taken in another order, two writers could deadlock.
    tables = (S, C, CA)
    for table in tables:
        session.execute(delete(table).where(one_of(table.c.assessment_id, ids)))
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        for table in tables:
            if rows[table]:
                session.execute(insert(table), rows[table])
        return
    raw: Any = connection.connection.driver_connection
    with raw.cursor() as cursor:
        for table in tables:
            if rows[table]:
                _copy(cursor, table, rows[table], connection.dialect)


def _copy(cursor: Any, table: Any, rows: list[dict[str, Any]], dialect: Any) -> None:
    """COPY the rows into the table, each value converted as SQLAlchemy would bind it (hundredths for
    Decimal2, UTC for UTCDateTime, JSON as JSON)."""
    from psycopg.types.json import Json

    names = list(rows[0])
    convert: list[Callable[[Any], Any]] = []
    for name in names:
        column_type = table.c[name].type
        if isinstance(column_type, JSON):
            convert.append(lambda v: None if v is None else Json(v))
        else:
            convert.append(column_type.bind_processor(dialect) or (lambda v: v))
    with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([f(row[name]) for f, name in zip(convert, names, strict=True)])


def open_assessment_ids(session: Session, framework_id: int | None = None) -> list[int]:
    """Assessments whose score can still change: those without a verification snapshot."""
    query = (
        select(col(SelfAssessment.id))
        .outerjoin(ScorecardSnapshot, col(ScorecardSnapshot.assessment_id) == col(SelfAssessment.id))
        .where(col(ScorecardSnapshot.id).is_(None))
        .order_by(col(SelfAssessment.id))
    )
    if framework_id is not None:
        query = query.where(col(SelfAssessment.framework_id) == framework_id)
    return list(session.execute(query).scalars())


def unfreeze(session: Session, assessment_id: int) -> None:
    """A verification undone (the commune re-opens an assessment): its stored row is re-scored from
    the data again at the commit, like any open assessment's."""
    session.execute(update(S).where(S.c.assessment_id == assessment_id).values(frozen=False))


def mark_stale(session: Session, framework_id: int) -> None:
    """The framework's open rows say they are being recomputed until the job reaches them."""
    session.execute(
        update(S).where(S.c.framework_id == framework_id, S.c.frozen.is_(False)).values(stale=True)
    )


def stale_framework_ids(session: Session) -> list[int]:
    """Framework versions with rows still marked as being recomputed."""
    found = session.execute(select(S.c.framework_id).where(S.c.stale.is_(True)).distinct())
    return sorted(i for i in found.scalars() if i is not None)


def _rewrite(session: Session, ids: list[int]) -> int:
    """Every row of these assessments written anew (`rescore(rewrite=True)`), committed every BATCH
    assessments, each batch whole, so a run killed midway leaves finished batches stored and can
    simply be run again; then vacuumed. Returns how many."""
    done = 0
    for batch in batched(ids):
        done += rescore(session, batch, rewrite=True)
        session.commit()
    _vacuum(session)
    return done


@fewer_collections()
def rewrite_framework(session: Session, framework_id: int) -> int:
    """The framework's open assessments, every row written anew: `thidua.cli rescore`, the repair of
    what `verify-scores` found. (The queue's framework-wide job is `rescore_stale`.)"""
    return _rewrite(session, open_assessment_ids(session, framework_id))


def _claim_stale(session: Session, framework_id: int, after: int) -> list[int]:
    """The framework's next BATCH of stale rows after `after`, by id, locked for this transaction. On
    PostgreSQL a row another job holds is skipped: several workers share one framework's re-score,
    each batch re-scored by exactly one of them (SQLite has one writer and skips nothing)."""
    query = (
        select(S.c.assessment_id)
        .where(
            S.c.framework_id == framework_id,
            S.c.stale.is_(True),
            S.c.frozen.is_(False),
            S.c.assessment_id > after,
        )
        .order_by(S.c.assessment_id)
        .limit(BATCH)
        .with_for_update(skip_locked=True)
    )
    return list(session.execute(query).scalars())


def count_stale(session: Session, framework_id: int) -> int:
    query = select(func.count()).where(S.c.framework_id == framework_id, S.c.stale.is_(True))
    return int(session.execute(query).scalar_one())


@fewer_collections()
def rescore_stale(session: Session, framework_id: int) -> int:
    """Re-score the framework's stale rows, a claimed batch per commit, and return how many. Any
    number of jobs may run it at once (see `_claim_stale`); one killed midway leaves its batch stale,
    for the others or its retry. It ends with a pass from the start, which finds what a job skipped
    and then lost (rolled back); the job that finds nothing left vacuums."""
    done, after = 0, 0
    while True:
        ids = _claim_stale(session, framework_id, after)
        if ids:
            done += rescore(session, ids)
            session.commit()
            after = ids[-1]
        elif after:
            after = 0
        else:
            session.commit()
            if done and not count_stale(session, framework_id):
                _vacuum(session)
            return done


def _vacuum(session: Session) -> None:
    """After a re-score that rewrote a framework's rows, PostgreSQL's tables hold as many dead rows as
    live ones until autovacuum comes by, and the rankings' index-only scans must visit the table for
    every row meanwhile (a 60,000-staff ranking page went from 20 ms to 200 ms): vacuum them now.

    A table most of whose rows were written anew since its last vacuum also gets its indexes rebuilt:
    a rewrite deletes and inserts each row with the same keys in one transaction, which splits the
    index pages, and vacuum leaves them half empty. Eight whole-province rewrites took the ranking's
    order index from 7 to 47 MB and the individual ranking page's p95 from 28 to 57 ms; rebuilding the
    three tables' indexes takes about 2.6 s there."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql" and (bind.dialect.server_version_info or (0,)) >= (15,):
        # This job's inserts counted in the statistics at its commit, not up to a second later.
        session.execute(text("SELECT pg_stat_force_next_flush()"))
    session.commit()  # nothing of ours for the rebuild's locks to wait for
    if bind.dialect.name != "postgresql":
        return
    engine = bind if isinstance(bind, Engine) else bind.engine
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        for table in (S, C, CA):
            # the statistics' estimate, kept by PostgreSQL for autovacuum; a late one only delays a rebuild
            rewritten = conn.execute(
                text(
                    "SELECT n_ins_since_vacuum > n_live_tup / 2 FROM pg_stat_user_tables"
                    " WHERE relid = CAST(:name AS regclass)"
                ),
                {"name": table.name},
            ).scalar()
            conn.exec_driver_sql(f"VACUUM (ANALYZE) {table.name}")
            if rewritten:
                _reindex(engine, table.name)


# Readers of the rankings queue behind a rebuild waiting for its lock: this bounds their wait.
REINDEX_LOCK_TIMEOUT = "1s"


def _reindex(engine: Engine, name: str) -> None:
    """The table's indexes rebuilt, in one transaction: writers wait for it (about a second for a
    province's table) and readers of each index while it is rebuilt. Not CONCURRENTLY: that waits for
    every older snapshot and leaves an invalid index behind when it fails. A lock it cannot have
    within REINDEX_LOCK_TIMEOUT (a long transaction that read or wrote the table) skips the rebuild
    until the next rewrite; the indexes work as they are."""
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{REINDEX_LOCK_TIMEOUT}'")
            conn.exec_driver_sql(f"REINDEX TABLE {name}")
    except OperationalError as exc:
        log.warning("the indexes of %s were not rebuilt after a rewrite: %s", name, exc.orig)


@fewer_collections()
def rescore_all(session: Session) -> int:
    """Every assessment (frozen ones get their snapshot's row once), committed in batches, every row
    written anew: after a migration that changed what a score is computed from (cli.migrate)."""
    ids = list(session.execute(select(col(SelfAssessment.id)).order_by(col(SelfAssessment.id))).scalars())
    return _rewrite(session, ids)


@fewer_collections()
def rescore_outdated(session: Session, on: date | None = None) -> int:
    """Re-score every open assessment last computed before the day `on` (default today), committed in
    batches, and return how many. Some figures read the date itself (a plan past its deadline, a report
    request past its due date), so a score computed yesterday may be wrong today without any write;
    once a day is enough because deadlines are whole days (core.models.today)."""
    cutoff = datetime.combine(on or today(), time.min, UTC)
    done, after = 0, 0
    while True:
        ids = list(
            session.execute(
                select(S.c.assessment_id)
                .where(S.c.frozen.is_(False), S.c.computed_at < cutoff, S.c.assessment_id > after)
                .order_by(S.c.assessment_id)
                .limit(BATCH)
            ).scalars()
        )
        if not ids:
            if done:
                _vacuum(session)  # the updated pages are no longer all-visible to the rankings' scans
            return done
        done += rescore(session, ids)
        session.commit()
        after = ids[-1]  # onwards by id: a clock behind `on` (a test's tomorrow) cannot loop


def _stored(session: Session, ids: list[int]) -> dict[int, Rows]:
    found: dict[int, Rows] = {}
    for row in session.execute(select(S).where(one_of(S.c.assessment_id, ids))).mappings():
        score = {k: v for k, v in row.items() if k not in ("computed_at", "stale")}
        if row["stale"]:
            score["stale"] = True  # always a difference: the job has not reached it yet
        found[row["assessment_id"]] = Rows(score, {}, {})
    for table, attr in ((C, "criteria"), (CA, "areas")):
        for row in session.execute(select(table).where(one_of(table.c.assessment_id, ids))).mappings():
            if row["assessment_id"] in found:
                getattr(found[row["assessment_id"]], attr)[row["code"]] = dict(row)
    return found


def differences(session: Session) -> Iterator[str]:
    """Each difference between the stored scores and a recomputation from the raw data."""
    ids = list(session.execute(select(col(SelfAssessment.id)).order_by(col(SelfAssessment.id))).scalars())
    stored_ids = set(session.execute(select(S.c.assessment_id)).scalars())
    for orphan in sorted(stored_ids - set(ids)):
        yield f"assessment {orphan}: stored score of an assessment that no longer exists"
    for batch in batched(ids):
        stored = _stored(session, batch)
        for fresh in expected(session, _load(session, batch)):
            want, a_id = fresh.rows(), fresh.a.id
            have = stored.get(a_id)
            if have is None:
                yield f"assessment {a_id}: no stored score"
                continue
            found = list(_row_differences(a_id, want, have))
            yield from found
            if not found and want.score["digest"] != have.score.get("digest"):
                # the rows are right but their fingerprint is not: a re-score would rewrite them
                yield f"assessment {a_id}: the stored fingerprint does not match its rows"


def _row_differences(a_id: int, want: Rows, have: Rows) -> Iterator[str]:
    # The fingerprints are not figures: a stale one only costs the next re-score the engine's work.
    for key in sorted((set(want.score) | set(have.score)) - {"digest", "inputs"}):
        if want.score.get(key) != have.score.get(key):
            if key == "scorecard":
                yield f"assessment {a_id}: stored scorecard differs from the recomputed one"
            else:
                stored_value, recomputed = have.score.get(key), want.score.get(key)
                yield f"assessment {a_id}: {key} stored {stored_value!r}, recomputed {recomputed!r}"
    for part in ("criteria", "areas"):
        w, h = getattr(want, part), getattr(have, part)
        for code in sorted(set(w) | set(h)):
            if w.get(code) != h.get(code):
                have_row, want_row = h.get(code), w.get(code)
                yield f"assessment {a_id}: {part} {code} stored {have_row}, recomputed {want_row}"
