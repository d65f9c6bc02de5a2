"""The dependency map of stored scores: every table a score is computed from, and which subjects one
of its rows affects when it is inserted, changed or deleted (see scoring/dependencies.py for the
subjects and for how the re-scoring runs in the same transaction).

A new source of data (a domain's `sources.py` reading a new table) adds its model here with a
function yielding the subjects a row feeds. A table not listed never triggers a re-score; the drift
guard of the API tests and `python -m thidua.cli verify-scores` catch a forgotten one.
"""

from collections.abc import Iterator

from sqlalchemy import inspect
from sqlmodel import Session, col, select

from thidua.activities.models import Activity, Attendance
from thidua.assessments.models import AssessmentEntry, ScorecardSnapshot, SelfAssessment
from thidua.dti.models import DtiAssessment, DtiValue
from thidua.frameworks.models import Criterion, Framework, Indicator
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.plans.models import Plan
from thidua.reports.models import Report, ReportRequest, ReportRequestUnit
from thidua.scoring.dependencies import (
    Affected,
    Affects,
    Assessment,
    FrameworkWide,
    StaffYear,
    UnitYear,
    declare,
    new_assessments,
    values,
)
from thidua.units.models import StaffMember, Unit


def _assessment(session: Session, a: SelfAssessment) -> Iterator[Affected]:
    if a.id is None:
        new_assessments(session).append(a)
    else:
        yield Assessment(a.id)
    # Its status counts in the unit's share of staff who self-assessed (assessments/sources.py); a
    # review or a new version number alone changes nothing there.
    if a.staff_id is not None and (a.id is None or a in session.deleted or _moved(a)):
        yield from (UnitYear(u, a.school_year) for u in values(a, "unit_id"))


def _moved(a: SelfAssessment) -> bool:
    state = inspect(a)
    return any(state.attrs[k].history.has_changes() for k in ("status", "unit_id", "school_year", "staff_id"))


def _entry(_session: Session, e: AssessmentEntry) -> Iterator[Affected]:
    yield from (Assessment(i) for i in values(e, "assessment_id"))


def _snapshot(_session: Session, s: ScorecardSnapshot) -> Iterator[Affected]:
    yield Assessment(s.assessment_id)


def _activity(session: Session, a: Activity) -> Iterator[Affected]:
    years = values(a, "school_year")
    for year in years:
        yield from (UnitYear(u, year) for u in values(a, "unit_id"))
    if a.id is not None:  # its attendees' counts (the list goes with a deleted activity)
        staff = session.execute(select(col(Attendance.staff_id)).where(col(Attendance.activity_id) == a.id))
        for staff_id in staff.scalars():
            yield from (StaffYear(staff_id, year) for year in years)


def _attendance(session: Session, a: Attendance) -> Iterator[Affected]:
    activity = session.get(Activity, a.activity_id)
    year = activity.school_year if activity is not None else None
    yield from (StaffYear(s, year) for s in values(a, "staff_id"))
    if activity is not None:  # a completed attendee makes the host's training class count (TC4.3)
        yield UnitYear(activity.unit_id, year)


def _initiative(session: Session, i: Initiative) -> Iterator[Affected]:
    years = values(i, "school_year")
    for year in years:
        yield from (UnitYear(u, year) for u in values(i, "unit_id"))
    if i.id is not None:
        authors = session.execute(
            select(col(InitiativeAuthor.staff_id)).where(col(InitiativeAuthor.initiative_id) == i.id)
        )
        for staff_id in authors.scalars():
            yield from (StaffYear(staff_id, year) for year in years)


def _author(session: Session, a: InitiativeAuthor) -> Iterator[Affected]:
    initiative = session.get(Initiative, a.initiative_id)
    year = initiative.school_year if initiative is not None else None
    yield from (StaffYear(s, year) for s in values(a, "staff_id"))


def _plan(_session: Session, p: Plan) -> Iterator[Affected]:
    # A plan's tasks fall due across school years: every year of the unit.
    yield from (UnitYear(u, None) for u in values(p, "unit_id"))


def _report(_session: Session, r: Report) -> Iterator[Affected]:
    yield from (UnitYear(u, None) for u in values(r, "unit_id"))


def _request(session: Session, r: ReportRequest) -> Iterator[Affected]:
    if r.id is not None:
        units = session.execute(
            select(col(ReportRequestUnit.unit_id)).where(col(ReportRequestUnit.request_id) == r.id)
        )
        yield from (UnitYear(u, None) for u in units.scalars())


def _request_unit(_session: Session, r: ReportRequestUnit) -> Iterator[Affected]:
    yield from (UnitYear(u, None) for u in values(r, "unit_id"))


def _staff(_session: Session, s: StaffMember) -> Iterator[Affected]:
    # Active staff are the denominators of the unit shares.
    yield from (UnitYear(u, None) for u in values(s, "unit_id"))


def _unit(_session: Session, u: Unit) -> Iterator[Affected]:
    # Moving a unit moves its figures from one parent's roll-up to another's.
    if u.id is not None:
        yield UnitYear(u.id, None)
    yield from (UnitYear(p, None) for p in values(u, "parent_id"))


def _framework(_session: Session, f: Framework) -> Iterator[Affected]:
    if f.id is not None:
        yield FrameworkWide(f.id)


def _catalogue(_session: Session, row: Criterion | Indicator) -> Iterator[Affected]:
    yield from (FrameworkWide(f) for f in values(row, "framework_id"))


def _dti(_session: Session, a: DtiAssessment) -> Iterator[Affected]:
    # A school's QĐ 4725 result feeds the movement indicators that carry a 4725 code (dti/sources.py).
    for year in values(a, "school_year"):
        yield from (UnitYear(u, year) for u in values(a, "unit_id"))


def _dti_value(session: Session, v: DtiValue) -> Iterator[Affected]:
    for assessment_id in values(v, "assessment_id"):
        a = session.get(DtiAssessment, assessment_id)
        if a is not None:
            yield UnitYear(a.unit_id, a.school_year)


# THE MAP: each table scores are computed from, and the subjects one of its rows affects.
AFFECTS: dict[type, Affects] = {
    SelfAssessment: _assessment,
    AssessmentEntry: _entry,  # self values, reviews and inspection values alike
    ScorecardSnapshot: _snapshot,
    Activity: _activity,
    Attendance: _attendance,
    Initiative: _initiative,
    InitiativeAuthor: _author,
    Plan: _plan,
    Report: _report,
    ReportRequest: _request,
    ReportRequestUnit: _request_unit,
    StaffMember: _staff,
    Unit: _unit,
    Framework: _framework,
    Criterion: _catalogue,
    Indicator: _catalogue,
    DtiAssessment: _dti,
    DtiValue: _dti_value,
}

declare(AFFECTS)
