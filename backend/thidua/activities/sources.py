"""Computed indicators fed by activities and attendance (registered by thidua/registrations.py).

Each source computes many subjects at once with a few grouped queries: a province recompute asks
once per indicator, not once per school or person."""

from collections import Counter
from collections.abc import Collection
from decimal import Decimal

from sqlmodel import Session, col, func, select

from thidua.activities.models import Activity, ActivityKind, Attendance
from thidua.scoring.sources import Source
from thidua.scoring.subject import Subject, active_staff_share, among, rollup, shared

Values = dict[Subject, Decimal | None]
PARTICIPATION = (ActivityKind.launch_ceremony.value, ActivityKind.seminar.value, ActivityKind.training.value)
TRAINED = "completed training"  # beside the kinds in `_attended`'s counts: trainings completed


def _counts(session: Session, subjects: list[Subject], year: str, kind: ActivityKind) -> Counter[int]:
    """The subjects' activities of one kind in the year (their subject groups' included)."""
    owner = rollup(session, {s.unit_id for s in subjects})
    by_kind = shared(
        session, ("activities", year, frozenset(owner)), lambda: _counts_by_kind(session, year, owner)
    )
    return by_kind.get(kind.value, Counter())


def _counts_by_kind(session: Session, year: str, owner: dict[int, int]) -> dict[str, Counter[int]]:
    """Every kind counted in one query: three sources of one re-score count activities."""
    rows = session.exec(
        select(Activity.kind, Activity.unit_id, func.count())
        .where(Activity.school_year == year, among(Activity.unit_id, owner))
        .group_by(col(Activity.kind), col(Activity.unit_id))
    ).all()
    per_kind: dict[str, Counter[int]] = {}
    for kind, unit_id, n in rows:
        if unit_id in owner:
            per_kind.setdefault(kind, Counter())[owner[unit_id]] += int(n)
    return per_kind


def launch_ceremony_held(session: Session, subjects: list[Subject], year: str) -> Values:
    counts = _counts(session, subjects, year, ActivityKind.launch_ceremony)
    return {s: Decimal(1 if counts[s.unit_id] else 0) for s in subjects}


def seminars_count(session: Session, subjects: list[Subject], year: str) -> Values:
    counts = _counts(session, subjects, year, ActivityKind.seminar)
    return {s: Decimal(counts[s.unit_id]) for s in subjects}


def extracurricular_count(session: Session, subjects: list[Subject], year: str) -> Values:
    counts = _counts(session, subjects, year, ActivityKind.extracurricular)
    return {s: Decimal(counts[s.unit_id]) for s in subjects}


def training_class_held(session: Session, subjects: list[Subject], year: str) -> Values:
    """TC4.3: 1 when the unit (its subject groups included) held a "Bình dân học vụ số" class in the
    school year that someone took: a staff member who completed it or a recorded learner count. An
    activity with nobody in it does not count, so a title alone cannot earn the points."""
    owner = rollup(session, {s.unit_id for s in subjects})
    completed = (
        select(Attendance.activity_id)
        .where(col(Attendance.activity_id) == Activity.id, col(Attendance.completed).is_(True))
        .exists()
    )
    held = session.exec(
        select(Activity.unit_id)
        .where(
            Activity.school_year == year,
            Activity.kind == ActivityKind.training.value,
            among(Activity.unit_id, owner),
            (col(Activity.learner_count) > 0) | completed,
        )
        .distinct()
    ).all()
    units = {owner[u] for u in held if u in owner}
    return {s: Decimal(1 if s.unit_id in units else 0) for s in subjects}


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


def trained_staff_share(session: Session, subjects: list[Subject], year: str) -> Values:
    return active_staff_share(session, subjects, lambda staff: trained_staff(session, year, staff))


def person_trained(session: Session, subjects: list[Subject], year: str) -> Values:
    attended = _attended(session, subjects, year)
    return {
        s: None if s.staff_id is None else Decimal(1 if attended.get((s.staff_id, TRAINED)) else 0)
        for s in subjects
    }


def person_activities_attended(session: Session, subjects: list[Subject], year: str) -> Values:
    """Conferences, seminars, trainings and the launch ceremony the person attended in the year."""
    attended = _attended(session, subjects, year)
    return {
        s: None if s.staff_id is None else Decimal(_count_of(attended, s.staff_id, PARTICIPATION))
        for s in subjects
    }


def _count_of(attended: dict[tuple[int, str], int], staff_id: int, kinds: tuple[str, ...]) -> int:
    return sum(attended.get((staff_id, kind), 0) for kind in kinds)


def _attended(session: Session, subjects: list[Subject], year: str) -> dict[tuple[int, str], int]:
    """(staff member, activity kind) -> activities of the year attended, and (staff member, TRAINED) ->
    trainings completed: the two individual sources of one re-score share one query."""
    staff_ids = frozenset(s.staff_id for s in subjects if s.staff_id is not None)

    def count() -> dict[tuple[int, str], int]:
        rows = session.exec(
            select(Attendance.staff_id, Activity.kind, Attendance.completed, func.count())
            .join(Activity, col(Activity.id) == Attendance.activity_id)
            .where(Activity.school_year == year, among(Attendance.staff_id, staff_ids))
            .group_by(col(Attendance.staff_id), col(Activity.kind), col(Attendance.completed))
        ).all()
        found: Counter[tuple[int, str]] = Counter()
        for staff_id, kind, completed, n in rows:  # one attendance per activity and person
            found[(staff_id, kind)] += int(n)
            if kind == ActivityKind.training.value and completed:
                found[(staff_id, TRAINED)] += int(n)
        return dict(found)

    return shared(session, ("attended", year, staff_ids), count)


SOURCES = (
    Source("launch_ceremony_held", "Đã tổ chức Lễ phát động", "unit", "boolean", launch_ceremony_held),
    Source(
        "trained_staff_share",
        "Tỷ lệ cán bộ được bồi dưỡng kỹ năng số (%)",
        "unit",
        "percent",
        trained_staff_share,
    ),
    Source(
        "training_class_held",
        'Đã tổ chức lớp "Bình dân học vụ số" có người học',
        "unit",
        "boolean",
        training_class_held,
    ),
    Source(
        "seminars_count",
        "Số buổi sinh hoạt chuyên đề, hội nghị, tọa đàm",
        "unit",
        "count",
        seminars_count,
    ),
    Source(
        "extracurricular_count",
        "Số hoạt động ngoại khóa kỹ năng số, an toàn thông tin",
        "unit",
        "count",
        extracurricular_count,
    ),
    Source("person_trained", "Đã hoàn thành bồi dưỡng kỹ năng số", "individual", "boolean", person_trained),
    Source(
        "person_activities_attended",
        "Số hoạt động của Phong trào đã tham gia",
        "individual",
        "count",
        person_activities_attended,
    ),
)
