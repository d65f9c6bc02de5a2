"""Computed indicators fed by activities and attendance (registered in scoring/sources.py).

Each source computes many subjects at once with a few grouped queries: a province recompute asks
once per indicator, not once per school or person."""

from collections import Counter
from collections.abc import Collection
from decimal import Decimal

from sqlmodel import Session, col, func, select

from thidua.activities.models import Activity, ActivityKind, Attendance
from thidua.core.models import CENT
from thidua.scoring.subject import Subject, among, rollup
from thidua.units.models import StaffMember

Values = dict[Subject, Decimal | None]
PARTICIPATION = (ActivityKind.launch_ceremony.value, ActivityKind.seminar.value, ActivityKind.training.value)


def _counts(session: Session, subjects: list[Subject], year: str, kind: ActivityKind) -> Counter[int]:
    owner = rollup(session, {s.unit_id for s in subjects})
    rows = session.exec(
        select(Activity.unit_id, func.count())
        .where(Activity.school_year == year, Activity.kind == kind.value, among(Activity.unit_id, owner))
        .group_by(col(Activity.unit_id))
    ).all()
    per_subject: Counter[int] = Counter()
    for unit_id, n in rows:
        if unit_id in owner:
            per_subject[owner[unit_id]] += int(n)
    return per_subject


def launch_ceremony_held(session: Session, subjects: list[Subject], year: str) -> Values:
    counts = _counts(session, subjects, year, ActivityKind.launch_ceremony)
    return {s: Decimal(1 if counts[s.unit_id] else 0) for s in subjects}


def seminars_count(session: Session, subjects: list[Subject], year: str) -> Values:
    counts = _counts(session, subjects, year, ActivityKind.seminar)
    return {s: Decimal(counts[s.unit_id]) for s in subjects}


def extracurricular_count(session: Session, subjects: list[Subject], year: str) -> Values:
    counts = _counts(session, subjects, year, ActivityKind.extracurricular)
    return {s: Decimal(counts[s.unit_id]) for s in subjects}


def trained_staff(session: Session, year: str, staff_ids: Collection[int]) -> set[int]:
    """Those of `staff_ids` with at least one completed training of the school year."""
    return set(
        session.exec(
            select(Attendance.staff_id)
            .join(Activity, col(Activity.id) == Attendance.activity_id)
            .where(
                Activity.school_year == year,
                Activity.kind == ActivityKind.training.value,
                col(Attendance.completed).is_(True),
                among(Attendance.staff_id, staff_ids),
            )
        ).all()
    )


def active_staff_by_subject(session: Session, subjects: list[Subject]) -> dict[int, list[int]]:
    owner = rollup(session, {s.unit_id for s in subjects})
    staff: dict[int, list[int]] = {}
    for staff_id, unit_id in session.exec(
        select(StaffMember.id, StaffMember.unit_id).where(
            col(StaffMember.is_active).is_(True), among(StaffMember.unit_id, owner)
        )
    ).all():
        if unit_id in owner and staff_id is not None:
            staff.setdefault(owner[unit_id], []).append(staff_id)
    return staff


def share(part: int, whole: int) -> Decimal:
    return Decimal("0.00") if whole == 0 else (Decimal(part) * 100 / whole).quantize(CENT)


def trained_staff_share(session: Session, subjects: list[Subject], year: str) -> Values:
    staff = active_staff_by_subject(session, subjects)
    trained = trained_staff(session, year, [m for members in staff.values() for m in members])
    return {
        s: share(sum(1 for m in staff.get(s.unit_id, []) if m in trained), len(staff.get(s.unit_id, [])))
        for s in subjects
    }


def person_trained(session: Session, subjects: list[Subject], year: str) -> Values:
    trained = trained_staff(session, year, [s.staff_id for s in subjects if s.staff_id is not None])
    return {s: None if s.staff_id is None else Decimal(1 if s.staff_id in trained else 0) for s in subjects}


def person_activities_attended(session: Session, subjects: list[Subject], year: str) -> Values:
    """Conferences, seminars, trainings and the launch ceremony the person attended in the year."""
    counts = dict(
        session.exec(
            select(Attendance.staff_id, func.count(func.distinct(Attendance.activity_id)))
            .join(Activity, col(Activity.id) == Attendance.activity_id)
            .where(
                Activity.school_year == year,
                col(Activity.kind).in_(PARTICIPATION),
                among(Attendance.staff_id, [s.staff_id for s in subjects if s.staff_id is not None]),
            )
            .group_by(col(Attendance.staff_id))
        ).all()
    )
    return {s: None if s.staff_id is None else Decimal(int(counts.get(s.staff_id, 0))) for s in subjects}
