"""Writing self-assessment values: draft assessments made for subjects that have none, each value
inserted or updated as the strategy allows (executemany, no ORM object per row), and each changed
assessment's version moved once at the end."""

from typing import Any

from sqlalchemy import update

from thidua.assessments.access import EDITABLE
from thidua.assessments.models import AssessmentEntry, SelfAssessment
from thidua.imports import bulk
from thidua.imports.context import ImportContext
from thidua.imports.kinds.entries.catalogue import MADE, TOUCHED, Pending, State
from thidua.imports.kinds.entries.validate import Wanted
from thidua.imports.messages import M, Message
from thidua.imports.schemas import Strategy

A = SelfAssessment.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
E = AssessmentEntry.__table__  # type: ignore[attr-defined]

# (assessment id, indicator id) -> (entry id, stored hundredths, note)
Stored = dict[tuple[int, int], tuple[int, int | None, str | None]]


def create_assessments(ctx: ImportContext, st: State, wanted: Wanted) -> None:
    """Draft self-assessments for subjects that have none yet (not under strategy 'update':
    there, a missing assessment means missing values, refused row by row)."""
    if not wanted or ctx.strategy == Strategy.update:
        return
    now = bulk.bound(ctx.conn, A.c.created_at, ctx.now)
    bulk.executemany(
        ctx.conn,
        "INSERT INTO self_assessment (framework_id, subject_kind, subject_key, unit_id, staff_id, "
        "school_year, status, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 'draft', 1, ?, ?)",
        [
            (fw, kind, key, unit_id, staff_id, year, now, now)
            for (fw, key, year), (kind, unit_id, staff_id) in wanted.items()
        ],
    )
    st.load(ctx.conn, set(wanted))
    flags = st.flags
    for k in wanted:
        assessment_id = st.assessments[k][0]
        flags[assessment_id] = flags.get(assessment_id, 0) | MADE


def write_entries(ctx: ImportContext, st: State, pending: list[Pending], has_note: bool) -> None:
    inserts, updates = _sort(ctx, st, pending, _stored(ctx, st, pending), has_note)
    if inserts:
        bulk.executemany(
            ctx.conn,
            "INSERT INTO assessment_entry (assessment_id, indicator_id, self_value, note, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            inserts,
        )
    if updates:
        bulk.executemany(
            ctx.conn,
            "UPDATE assessment_entry SET self_value = ?, note = ?, updated_at = ? WHERE id = ?",
            updates,
        )


def _stored(ctx: ImportContext, st: State, pending: list[Pending]) -> Stored:
    """What is stored now, as the stored hundredths (no Decimal per row); new assessments have none."""
    flags, assessments = st.flags, st.assessments
    ids = {
        a[0]
        for a in (assessments.get(k) for k in {p[1] for p in pending})
        if a and not flags.get(a[0], 0) & MADE
    }
    stored: Stored = {}
    for batch in bulk.chunked(sorted(ids), 2000):
        rows = bulk.fetch_in(
            ctx.conn,
            "SELECT id, assessment_id, indicator_id, self_value, note FROM assessment_entry "
            "WHERE assessment_id IN ({0})",
            batch,
        )
        for entry_id, assessment_id, indicator_id, value, note in rows:
            stored[(assessment_id, indicator_id)] = (entry_id, value, note)
    return stored


def _sort(
    ctx: ImportContext, st: State, pending: list[Pending], stored: Stored, has_note: bool
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The rows to insert and to update; the others counted as unchanged or reported as refused."""
    reject, flags, assessments, strategy = ctx.reject, st.flags, st.assessments, ctx.strategy
    now = bulk.bound(ctx.conn, E.c.updated_at, ctx.now)
    inserts: list[tuple[Any, ...]] = []
    updates: list[tuple[Any, ...]] = []
    for number, key, ind, value, note in pending:
        found = assessments.get(key)
        if found is None:  # strategy update, and the subject has no assessment for the year
            reject(number, "indicator_code", ind.model.code, M.missing)
            continue
        assessment_id, status = found
        if status not in EDITABLE:
            reject(number, "school_year", key[2], _locked(key[2], status))
            continue
        bits = flags.get(assessment_id, 0)
        if bits & ind.bit:
            reject(number, "indicator_code", ind.model.code, M.duplicate)
            continue
        bits |= ind.bit
        flags[assessment_id] = bits
        e = stored.get((assessment_id, ind.id))
        if e is not None and (e[1] is not None or e[2] is not None):
            if e[1] == value and (not has_note or e[2] == note):
                ctx.unchanged += 1
                continue
            if strategy == Strategy.create:
                reject(number, "indicator_code", ind.model.code, M.exists)
                continue
            ctx.updated += 1
        else:
            if value is None and note is None:
                ctx.unchanged += 1  # nothing stored, nothing to store
                continue
            if strategy == Strategy.update:
                reject(number, "indicator_code", ind.model.code, M.missing)
                continue
            ctx.created += 1
        flags[assessment_id] = bits | TOUCHED
        if e is None:
            inserts.append((assessment_id, ind.id, value, note, now))
        else:
            updates.append((value, note if has_note else e[2], now, e[0]))
    return inserts, updates


def _locked(year: str, status: str) -> Message:
    return (
        f"Bản tự đánh giá năm học {year} đã nộp hoặc đã được xác nhận "
        f"(trạng thái '{status}'); không sửa được giá trị.",
        f"The self-assessment for {year} is {status}; its values cannot change.",
    )


def bump_versions(ctx: ImportContext, st: State) -> None:
    """Each changed assessment's version moves once (its ETag tells of the new values); the new ones
    stay at version 1."""
    changed = sorted(a for a, bits in st.flags.items() if bits & (MADE | TOUCHED) == TOUCHED)
    for batch in bulk.chunked(changed, 2000):
        ctx.conn.execute(
            update(A).where(A.c.id.in_(batch)).values(version=A.c.version + 1, updated_at=ctx.now)
        )
