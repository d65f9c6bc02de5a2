"""Computed indicators fed by activities and attendance (registered in scoring/sources.py)."""

from decimal import Decimal

from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.activities.models import Activity, ActivityKind, Attendance
from thidua.auth.policy import descendant_unit_ids
from thidua.core.models import CENT
from thidua.scoring.subject import Subject
from thidua.units.models import StaffMember


def _count(session: Session, subject: Subject, year: str, kind: ActivityKind) -> int:
    units = descendant_unit_ids(session, subject.unit_id)
    return int(
        session.exec(
            select(func.count()).where(
                col(Activity.unit_id).in_(units), Activity.school_year == year, Activity.kind == kind.value
            )
        ).one()
    )


def launch_ceremony_held(session: Session, subject: Subject, year: str) -> Decimal:
    return Decimal(1 if _count(session, subject, year, ActivityKind.launch_ceremony) else 0)


def seminars_count(session: Session, subject: Subject, year: str) -> Decimal:
    return Decimal(_count(session, subject, year, ActivityKind.seminar))


def extracurricular_count(session: Session, subject: Subject, year: str) -> Decimal:
    return Decimal(_count(session, subject, year, ActivityKind.extracurricular))


def _trained(year: str) -> SelectOfScalar[int]:
    """Staff with at least one completed training of the school year."""
    return (
        select(Attendance.staff_id)
        .join(Activity, col(Activity.id) == Attendance.activity_id)
        .where(
            Activity.school_year == year,
            Activity.kind == ActivityKind.training.value,
            col(Attendance.completed).is_(True),
        )
    )


def trained_staff_share(session: Session, subject: Subject, year: str) -> Decimal:
    units = descendant_unit_ids(session, subject.unit_id)
    staff = select(StaffMember.id).where(
        col(StaffMember.unit_id).in_(units), col(StaffMember.is_active).is_(True)
    )
    total = int(session.exec(select(func.count()).select_from(staff.subquery())).one())
    if total == 0:
        return Decimal("0.00")
    trained = int(
        session.exec(
            select(func.count()).select_from(staff.where(col(StaffMember.id).in_(_trained(year))).subquery())
        ).one()
    )
    return (Decimal(trained) * 100 / total).quantize(CENT)


def person_trained(session: Session, subject: Subject, year: str) -> Decimal | None:
    if subject.staff_id is None:
        return None
    found = session.exec(
        select(func.count()).where(
            col(Attendance.staff_id) == subject.staff_id, col(Attendance.staff_id).in_(_trained(year))
        )
    ).one()
    return Decimal(1 if found else 0)


def person_activities_attended(session: Session, subject: Subject, year: str) -> Decimal | None:
    """Conferences, seminars, trainings and the launch ceremony the person attended in the year."""
    if subject.staff_id is None:
        return None
    kinds = [ActivityKind.launch_ceremony.value, ActivityKind.seminar.value, ActivityKind.training.value]
    count = session.exec(
        select(func.count(func.distinct(Attendance.activity_id)))
        .join(Activity, col(Activity.id) == Attendance.activity_id)
        .where(
            Attendance.staff_id == subject.staff_id,
            Activity.school_year == year,
            col(Activity.kind).in_(kinds),
        )
    ).one()
    return Decimal(int(count))
