"""Property: whatever sequence of changes goes through the services, the stored scores equal a
recomputation from the raw data after each change (the dependency map misses nothing)."""

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from tests.helpers import World
from thidua.activities import service as activities
from thidua.activities.models import Activity
from thidua.activities.schemas import ActivityCreate, AttendeeIn
from thidua.assessments import service as assessments
from thidua.assessments.models import SelfAssessment
from thidua.assessments.schemas import AssessmentCreate, EntriesUpdate, EntryInput
from thidua.auth.models import User
from thidua.auth.policy import Actor, load_actor
from thidua.db import make_engine
from thidua.scoring import rescore

YEAR = "2025-2026"
VALUES = {"TC2.1": ["0", "80", "100"], "TC2.2": ["1"], "TC2.3": ["0", "10", "20"], "TC5.2": ["0", "4"]}

values_step = st.tuples(
    st.just("values"),
    st.sampled_from(["manager_a", "manager_b"]),
    st.sampled_from(sorted(VALUES)),
    st.integers(0, 2),
)
training_step = st.tuples(
    st.just("training"), st.sampled_from(["manager_a", "manager_b"]), st.booleans(), st.booleans()
)
delete_step = st.tuples(st.just("delete_activity"), st.just(""), st.booleans(), st.booleans())
steps = st.lists(st.one_of(values_step, training_step, delete_step), min_size=1, max_size=6)

STAFF = {"manager_a": ("A-01", "A-02"), "manager_b": ("B-01", "B-02")}


def _actor(session: Session, world: World, login: str) -> Actor:
    user = session.get(User, world.users[login].id)
    assert user is not None
    return load_actor(session, user)


def _assessment(session: Session, world: World, login: str, framework_id: int) -> SelfAssessment:
    actor = _actor(session, world, login)
    existing = session.exec(
        select(SelfAssessment).where(
            SelfAssessment.framework_id == framework_id,
            SelfAssessment.school_year == YEAR,
            SelfAssessment.subject_kind == "unit",
            SelfAssessment.unit_id == actor.user.unit_id,
        )
    ).first()
    if existing is not None:
        return existing
    return assessments.create_assessment(
        session, actor, AssessmentCreate(framework_id=framework_id, school_year=YEAR)
    )


def _apply(session: Session, world: World, framework_id: int, step: tuple[Any, ...]) -> None:
    kind, login, a, b = step
    if kind == "values":
        target = _assessment(session, world, login, framework_id)
        value = VALUES[a][b % len(VALUES[a])]
        entries = EntriesUpdate(entries=[EntryInput(indicator_code=a, value=value)])
        assessments.update_entries(session, _actor(session, world, login), target, entries)
    elif kind == "training":
        first, second = STAFF[login]
        attendees = [AttendeeIn(staff_id=world.staff[first], completed=a)]
        if b:
            attendees.append(AttendeeIn(staff_id=world.staff[second], completed=True))
        data = ActivityCreate(
            kind="training",
            title="Bồi dưỡng kỹ năng số",
            activity_date=date(2025, 10, 15),
            attendees=attendees,
        )
        activities.create_activity(session, _actor(session, world, login), data)
    else:
        last = session.exec(select(Activity).order_by(col(Activity.id).desc())).first()
        if last is not None:
            activities.delete_activity(session, _actor(session, world, "officer"), last)


def test_stored_scores_equal_a_recomputation_after_every_change(
    world: World, catalogue: dict[str, int]
) -> None:
    engine = make_engine(world.settings.resolved_database_url)

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(steps)
    def run(sequence: list[tuple[Any, ...]]) -> None:
        for step in sequence:
            with Session(engine) as session:
                _apply(session, world, catalogue["unit"], step)
            with Session(engine) as check:
                found = list(rescore.differences(check))
            assert not found, (step, found[:5])

    try:
        run()
    finally:
        engine.dispose()
