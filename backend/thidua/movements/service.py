"""The movement (phong trào thi đua): its phases (giai đoạn) and content areas (nội dung thi đua)."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import Conflict, FieldError, Invalid, NotFound
from thidua.core.models import same_commune, today
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import where_given
from thidua.movements import access
from thidua.movements.models import ContentArea, EvaluationWindow, Movement, Phase
from thidua.movements.schemas import (
    ContentAreaOut,
    EvaluationWindowPage,
    EvaluationWindowRead,
    EvaluationWindowUpdate,
    MovementCreate,
    MovementPage,
    MovementRead,
    MovementUpdate,
    PhaseOut,
)


def school_years(start_year: int, end_year: int) -> list[str]:
    """School years run September to August: a 2025–2027 span holds 2025-2026 and 2026-2027."""
    return [f"{y}-{y + 1}" for y in range(start_year, end_year)]


def read_movement(session: Session, actor: Actor, movement: Movement) -> MovementRead:
    assert movement.id is not None
    phases = session.exec(
        select(Phase).where(Phase.movement_id == movement.id).order_by(col(Phase.number))
    ).all()
    areas = session.exec(
        select(ContentArea).where(ContentArea.movement_id == movement.id).order_by(col(ContentArea.position))
    ).all()
    return from_row(
        MovementRead,
        movement,
        school_years=school_years(movement.start_year, movement.end_year),
        phases=[
            PhaseOut(
                **p.model_dump(exclude={"movement_id"}), school_years=school_years(p.start_year, p.end_year)
            )
            for p in phases
        ],
        content_areas=[ContentAreaOut(**a.model_dump(exclude={"movement_id", "position"})) for a in areas],
        allowed_actions=access.allowed_actions(actor, movement),
    )


def list_movements(
    session: Session, actor: Actor, page: PageParams, commune_id: int | None = None
) -> MovementPage:
    """The movements the caller reads, newest first; `commune_id` narrows them to one commune's (the
    Department picking a commune; a commune's user naming another commune gets an empty page)."""
    query = where_given(access.readable(actor), (Movement.commune_id, commune_id))
    rows, total = paginate(session, query, page, col(Movement.start_year).desc(), Movement.id)
    return page_of(MovementPage, [read_movement(session, actor, m) for m in rows], total, page)


def get_movement(session: Session, actor: Actor, movement_id: int) -> Movement:
    return access.get_readable(session, actor, movement_id)


def create_movement(session: Session, actor: Actor, data: MovementCreate) -> Movement:
    if data.end_year <= data.start_year:
        raise Invalid("body.end_year", "Năm kết thúc phải sau năm bắt đầu.")
    for i, phase in enumerate(data.phases):
        if not (data.start_year <= phase.start_year < phase.end_year <= data.end_year):
            raise Invalid(f"body.phases.{i}.end_year", "Giai đoạn phải nằm trong thời gian của phong trào.")
        if not (phase.start_year <= phase.review_year <= phase.end_year):
            raise Invalid(f"body.phases.{i}.review_year", "Năm sơ kết/tổng kết phải nằm trong giai đoạn.")
    if len({p.number for p in data.phases}) != len(data.phases):
        raise Invalid("body.phases", "Số thứ tự giai đoạn bị trùng.", "duplicate")
    if len({a.code for a in data.content_areas}) != len(data.content_areas):
        raise Invalid("body.content_areas", "Mã nội dung thi đua bị trùng.", "duplicate")
    if (
        session.exec(
            select(Movement.id).where(
                Movement.code == data.code, same_commune(Movement.commune_id, actor.commune_id)
            )
        ).first()
        is not None
    ):
        raise Conflict(
            f"Mã phong trào '{data.code}' đã tồn tại.",
            errors=[FieldError(path="body.code", message="Mã đã được dùng.", type="duplicate")],
        )
    movement = Movement(
        code=data.code,
        title=data.title,
        legal_basis=data.legal_basis,
        start_year=data.start_year,
        end_year=data.end_year,
        owner_unit_id=actor.user.unit_id,
        commune_id=actor.commune_id,
    )
    session.add(movement)
    session.flush()
    assert movement.id is not None
    for phase in data.phases:
        session.add(Phase(movement_id=movement.id, **phase.model_dump()))
    for position, area in enumerate(data.content_areas):
        session.add(ContentArea(movement_id=movement.id, position=position, **area.model_dump()))
    audit.record(session, actor, "create", movement, None)
    session.commit()
    return movement


def update_movement(session: Session, actor: Actor, movement: Movement, data: MovementUpdate) -> Movement:
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    return audit.save_changes(session, actor, movement, changes, "update")


# ---------------------------------------------------------------- evaluation windows


@dataclass(frozen=True)
class Window:
    """The evaluation window of one school year: stored, or the default (row None)."""

    school_year: str
    starts_on: date
    ends_on: date
    row: EvaluationWindow | None

    @property
    def version(self) -> int:
        return self.row.version if self.row else 0

    def is_open(self, on: date | None = None) -> bool:
        return self.starts_on <= (on or today()) <= self.ends_on


def default_window(school_year: str) -> tuple[date, date]:
    """1 May to 31 July of the school year's second calendar year (2025-2026: 2026-05-01..2026-07-31)."""
    second = int(school_year[5:9])
    return date(second, 5, 1), date(second, 7, 31)


def window_for(session: Session, movement_id: int, school_year: str) -> Window:
    row = session.exec(
        select(EvaluationWindow).where(
            EvaluationWindow.movement_id == movement_id, EvaluationWindow.school_year == school_year
        )
    ).first()
    if row is not None:
        return Window(school_year, row.starts_on, row.ends_on, row)
    starts_on, ends_on = default_window(school_year)
    return Window(school_year, starts_on, ends_on, None)


def read_window(actor: Actor, movement: Movement, window: Window) -> EvaluationWindowRead:
    assert movement.id is not None
    return EvaluationWindowRead(
        movement_id=movement.id,
        school_year=window.school_year,
        starts_on=window.starts_on,
        ends_on=window.ends_on,
        is_default=window.row is None,
        is_open=window.is_open(),
        version=window.version,
        allowed_actions=access.window_actions(actor),
    )


def list_windows(
    session: Session, actor: Actor, movement: Movement, page: PageParams
) -> EvaluationWindowPage:
    """One window per school year of the movement, oldest first."""
    assert movement.id is not None
    years = school_years(movement.start_year, movement.end_year)
    shown = years[page.offset : page.offset + page.limit]
    items = [read_window(actor, movement, window_for(session, movement.id, y)) for y in shown]
    return page_of(EvaluationWindowPage, items, len(years), page)


def get_window(session: Session, movement: Movement, school_year: str) -> Window:
    """404 for a school year outside the movement."""
    assert movement.id is not None
    if school_year not in school_years(movement.start_year, movement.end_year):
        raise NotFound(f"Phong trào không có năm học {school_year}.")
    return window_for(session, movement.id, school_year)


def update_window(
    session: Session, actor: Actor, movement: Movement, window: Window, data: EvaluationWindowUpdate
) -> Window:
    if data.ends_on < data.starts_on:
        raise Invalid("body.ends_on", "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.", "before_start")
    assert movement.id is not None
    if window.row is None:
        row = EvaluationWindow(
            movement_id=movement.id,
            school_year=window.school_year,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
        )
        session.add(row)
        session.flush()
        audit.record(session, actor, "create", row, None)
        session.commit()
    else:
        changes = {"starts_on": data.starts_on, "ends_on": data.ends_on}
        row = audit.save_changes(session, actor, window.row, changes, "update")
    return Window(window.school_year, row.starts_on, row.ends_on, row)
